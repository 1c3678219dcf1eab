"""Has an office anything new, asked cheaply before a sync: `git ls-remote` for a git
office (its branch's commit against the one last synced), a conditional request for a
feed (its ETag and Last-Modified). `newsroom watch` asks this on each office's interval
and syncs only the offices that answer yes, so a quiet office costs one small request.

When the source cannot be asked, the answer is yes: the sync then says what is wrong,
in the office's report and on the desk, as it would without this check.
"""

from __future__ import annotations

from generator.content.schema import FeedSourceEntry, GitSourceEntry, Office
from generator.content.syncstate import OfficeState
from sync.failures import SourceError
from sync.http import DEFAULT_LIMITS, Limits, fetch
from sync.sources.git import remote_head


def has_news(
    office: Office, state: OfficeState, limits: Limits = DEFAULT_LIMITS, git_askpass: str = ""
) -> bool:
    """True if `office`'s source may hold something the last sync (`state`) did not."""
    source = office.source
    try:
        if isinstance(source, GitSourceEntry):
            return remote_head(source.git, source.branch, git_askpass) != state.commit
        if isinstance(source, FeedSourceEntry):
            if not (state.etag or state.last_modified):
                return True  # nothing to ask conditionally with
            answer = fetch(
                source.feed, etag=state.etag, last_modified=state.last_modified, limits=limits
            )
            return answer.status != 304
    except (SourceError, OSError):
        return True
    return source is not None
