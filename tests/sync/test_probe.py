"""The cheap check `newsroom watch` makes before a sync: a real git repository asked
with `git ls-remote`, and a source that cannot be asked counted as news."""

from __future__ import annotations

from pathlib import Path

from generator.content.schema import FeedSourceEntry, GitSourceEntry, Office
from generator.content.syncstate import OfficeState
from sync.http import Limits
from sync.probe import has_news
from sync.sources.git import remote_head
from tests.sync.gitrepos import commit, office_repo, write


def office(source: GitSourceEntry | FeedSourceEntry) -> Office:
    return Office(id="kutai-timur", name="Kutim", level="kabupaten", province="64", source=source)


def test_a_git_office_has_news_only_when_its_branch_moved(tmp_path: Path) -> None:
    repo = office_repo(tmp_path / "kantor", "kutai-timur", {"releases/2026/a.md": "x"})
    head = remote_head(str(repo), "main")
    entry = GitSourceEntry(git=str(repo), branch="main")
    assert len(head) == 40
    assert has_news(office(entry), OfficeState()) is True  # never synced
    assert has_news(office(entry), OfficeState(commit=head)) is False
    write(repo, {"releases/2026/b.md": "y"})
    moved = commit(repo, "rilis baru")
    assert has_news(office(entry), OfficeState(commit=head)) is True
    assert remote_head(str(repo), "main") == moved
    assert remote_head(str(repo), "tidak-ada") == ""


def test_a_source_that_cannot_be_asked_counts_as_news(tmp_path: Path) -> None:
    gone = GitSourceEntry(git=str(tmp_path / "tidak-ada"), branch="main")
    assert has_news(office(gone), OfficeState(commit="a" * 40)) is True
    feed = FeedSourceEntry(feed="http://127.0.0.1:9/feed.json")  # nothing listens there
    quick = Limits(retries=0, deadline=5.0)
    assert has_news(office(feed), OfficeState(etag='"v1"'), quick) is True
    assert has_news(office(feed), OfficeState()) is True  # nothing to ask with
