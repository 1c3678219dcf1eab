"""Release files parsed in several processes give exactly what one process gives:
the same releases, and the same problems in the same order."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.content import parseworkers
from generator.content.repository import CENTRAL, Layout, load_repository
from generator.util import workers
from tests.conftest import release_text


def _newsroom(central_repo: Callable[..., Path]) -> Path:
    releases = {}
    for number in range(30):
        office = ("komdigi", "kaltim", "kutai-timur", "ambon")[number % 4]
        releases[f"{office}/2026/rilis-{number:02d}"] = release_text(title=f"Rilis {number}")
    releases["kaltim/2026/rusak"] = release_text(category="gosip")  # invalid category
    releases["ambon/2026/tanpa-judul"] = release_text(title="")
    releases["kantor-asing/2026/siapa"] = release_text()  # an office not registered
    root = central_repo(releases)
    # A second file with the id of rilis-01 (the slug ignores case), and a stray file.
    folder = root / "content" / "releases" / "kaltim" / "2026"
    (folder / "Rilis-01.md").write_text(release_text(title="Kembar"), encoding="utf-8")
    (folder / "catatan.txt").write_text("bukan rilis\n", encoding="utf-8")
    return root


def _snapshot(root: Path, cache: Path | None) -> tuple[object, object]:
    repo = load_repository(Layout(root, CENTRAL), cache_file=cache)
    return [(r.id, r.meta, r.body) for r in repo.releases], repo.report.problems


def test_parallel_load_equals_serial_load(
    central_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = _newsroom(central_repo)
    monkeypatch.setattr(parseworkers, "PARALLEL_FROM", 10**9)
    serial = _snapshot(root, None)
    forks: list[str] = []
    real_context = workers.multiprocessing.get_context

    def context(method: str) -> object:
        forks.append(method)
        return real_context(method)

    monkeypatch.setattr(parseworkers, "PARALLEL_FROM", 4)
    monkeypatch.setattr(workers.multiprocessing, "get_context", context)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    parallel = _snapshot(root, None)
    assert forks == ["fork"], "33 files over a threshold of 4 are parsed in forked workers"
    assert parallel == serial
    releases, problems = serial
    # Of the 30 good ones, rilis-01 loses its id to Rilis-01.md (first in order), which is
    # refused itself for its capital letter.
    assert len(releases) == 29
    codes = [p.code for p in problems]  # type: ignore[attr-defined]
    assert {"duplicate_id", "unknown_office", "wrong_place"} <= set(codes)
    # With the parse cache written by the parallel load, a second load agrees too.
    cache = tmp_path / "releases.pickle"
    assert _snapshot(root, cache) == serial
    assert _snapshot(root, cache) == serial


def test_a_process_running_threads_parses_in_itself(
    central_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mkdocs serve` loads with its server and watcher threads running: no fork then."""
    import threading

    root = _newsroom(central_repo)
    forks: list[str] = []
    monkeypatch.setattr(parseworkers, "PARALLEL_FROM", 4)
    monkeypatch.setattr(workers.multiprocessing, "get_context", forks.append)
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)
    watcher.start()
    try:
        releases, _ = _snapshot(root, None)
    finally:
        stop.set()
        watcher.join()
    assert forks == [] and len(releases) == 29  # type: ignore[arg-type]
