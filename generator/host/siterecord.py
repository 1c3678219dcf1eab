"""A site's fingerprint, recorded once its build is finished (generator.host.build):
the next build finds the site as it is while the fingerprint says nothing it shows
changed (generator.public.fingerprint). A site is not recorded until it is whole (its
PDFs made) nor when it left a release or a photo out: it is built again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from generator.content.cachedir import unusable
from generator.host.siteresult import SiteResult
from generator.public.siterecords import record_path
from generator.util.fsio import write_atomic


def record(path: Path, fingerprint: str) -> None:
    """`fingerprint` kept at `path`; if it cannot be, said, and the site built again."""
    try:
        write_atomic(path, fingerprint.encode(), durable=False)
    except OSError as error:
        unusable(path, error)  # the next build builds this site again


def record_weighed(path: Path, weigh: Callable[[], str]) -> None:
    """The fingerprint `weigh` gives, recorded at `path` (none if weighing fails)."""
    try:
        fingerprint = weigh()
    except Exception:  # unrecorded, the desk is weighed first next time: it says what fails
        return
    record(path, fingerprint)


def recorded_later(
    results: list[SiteResult], weighed_later: dict[str, str], cache: Path | None, out: Path
) -> list[SiteResult]:
    """`results`, with the fingerprints of the sites weighed after they were handed over
    recorded as their workers record the others': once their PDFs are made if they
    left any (`Documents`), else now; none for a site that left a release or a photo
    out (built again next time)."""
    found: list[SiteResult] = []
    for result in results:
        fingerprint = weighed_later.get(result.site_id)
        if fingerprint is None or result.skipped or result.failures or result.photos_failed:
            found.append(result)
        elif result.documents is not None:
            documents = replace(result.documents, fingerprint=fingerprint)
            found.append(replace(result, documents=documents))
        else:
            if cache is not None:
                record(record_path(cache, out / result.site_id), fingerprint)
            found.append(result)
    return found
