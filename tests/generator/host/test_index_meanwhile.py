"""`newsroom build` makes the search index of each site it changed while it checks the
sites it did not change for damaged files (a second at 10,000 releases), not after:
the build ends sooner, and as a clean build would."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

import pytest

from generator.host import build, searchindex
from tests.generator.host.test_documents_later import (
    a_release_this_week,
    build_with,
    built,
    clean_build,
    files,
)

__all__ = ["built"]  # the fixture, shared

WAIT = 30.0  # seconds the check waits for the index (the sample's takes well under 2)


def test_the_changed_sites_index_is_made_while_the_others_are_checked(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_release_this_week(built)  # news for kalimantan-timur alone
    made: list[tuple[str, ...]] = []
    indexed = threading.Event()
    seen_at_check: list[list[tuple[str, ...]]] = []
    real_run, real_untouched = searchindex.IndexJob.run, build.untouched_within

    def run(job: searchindex.IndexJob) -> list[searchindex.IndexResult]:
        found = real_run(job)
        made.append(job.site_ids)
        indexed.set()
        return found

    def untouched(cache: Path | None, site_dir: Path, now: datetime, every: object) -> bool:
        if not seen_at_check:  # the first unchanged site: waits for the index meanwhile
            indexed.wait(WAIT)
            seen_at_check.append(list(made))
        return real_untouched(cache, site_dir, now, None)

    with monkeypatch.context() as patched:
        patched.setattr(searchindex.IndexJob, "run", run)
        patched.setattr(build, "untouched_within", untouched)
        build_with(built)
    assert seen_at_check == [[("kalimantan-timur",)]]
    assert len(made) == 2 and "kalimantan-timur" in made[1]  # then every site, as before
    assert files(built / "site") == clean_build(built, tmp_path)
