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


Runs = list[tuple[tuple[str, ...], dict[str, bool]]]  # each index run: sites, skipped


def index_runs(monkeypatch: pytest.MonkeyPatch) -> tuple[Runs, threading.Event]:
    """Every index run from now on, noted once it is done; and an event set then."""
    made: Runs = []
    indexed = threading.Event()
    real_run = searchindex.IndexJob.run

    def run(job: searchindex.IndexJob) -> list[searchindex.IndexResult]:
        found = real_run(job)
        made.append((job.site_ids, {r.site_id: r.skipped for r in found}))
        indexed.set()
        return found

    monkeypatch.setattr(searchindex.IndexJob, "run", run)
    return made, indexed


def test_the_changed_sites_index_is_made_while_the_others_are_checked(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_release_this_week(built)  # news for kalimantan-timur alone
    made, indexed = index_runs(monkeypatch)
    seen_at_check: list[list[tuple[str, ...]]] = []
    real_untouched = build.untouched_within

    def untouched(cache: Path | None, site_dir: Path, now: datetime, every: object) -> bool:
        if not seen_at_check:  # the first unchanged site: waits for the index meanwhile
            indexed.wait(WAIT)
            seen_at_check.append([job for job, _ in made])
        return real_untouched(cache, site_dir, now, None)

    with monkeypatch.context() as patched:
        patched.setattr(build, "untouched_within", untouched)
        build_with(built)
    assert seen_at_check == [[("kalimantan-timur",)]]
    assert len(made) == 2 and "kalimantan-timur" in made[1][0]  # then every site, as before
    assert made[1][1]["kalimantan-timur"], "made meanwhile: found made"
    assert files(built / "site") == clean_build(built, tmp_path)


def test_a_changed_site_repaired_meanwhile_is_indexed_again(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page of the changed site was deleted by hand: the site's check repairs it after
    Pagefind indexed the site without it. Its index is then made again, whole."""
    out = built / "site"
    pages = sorted((out / "kalimantan-timur").glob("*/20*/*/index.html"))
    pages[0].unlink()  # no release changes it: the build leaves it to the site's check
    a_release_this_week(built)
    made, indexed = index_runs(monkeypatch)
    real_untouched = build.untouched_within

    def untouched(cache: Path | None, site_dir: Path, now: datetime, every: object) -> bool:
        indexed.wait(WAIT)  # the changed site indexed before its check repairs it
        return real_untouched(cache, site_dir, now, None)

    with monkeypatch.context() as patched:
        patched.setattr(build, "untouched_within", untouched)
        build_with(built)
    assert pages[0].is_file()
    # The central releases' index is the provinces' own: found made.
    skipped = {"kalimantan-timur": False, "pusat (kalimantan-timur)": True}
    assert made[0] == (("kalimantan-timur",), skipped)
    assert made[1][1]["kalimantan-timur"] is False, "indexed again, with the page back"
    assert files(out) == clean_build(built, tmp_path)
