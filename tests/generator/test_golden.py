"""Golden site: the small fixture newsroom built at a fixed clock must match, byte for
byte, the expected output kept in tests/golden/. After an intended change, regenerate
it with `make golden` and review the diff like any other change."""

from __future__ import annotations

import gzip
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.host.searchindex import FOLDER as SEARCH_INDEX
from generator.public.writer import MANIFEST
from tests.conftest import FIXTURES
from tests.sitebuild import build_copy

GOLDEN_SOURCE = FIXTURES / "golden"
EXPECTED = Path(__file__).resolve().parent.parent / "golden"
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)  # 11.00 WITA: embargo of 25 Nov still on
BASE_URL = "https://berita.example.go.id/"


def build_golden(work: Path) -> Path:
    return build_copy(GOLDEN_SOURCE, work, NOW, BASE_URL)


def text_files(folder: Path) -> dict[str, bytes]:
    """Every public output file except the .gz twins (checked separately). The desk is
    left out: it is Material's output, tested on its own, and not ours to freeze; so is
    the writer's manifest, whose page keys hash the generator's own code; and so are
    the search indexes (`<site>/pagefind/`): Pagefind's binary files and WebAssembly,
    whose bytes change with its version; their reproducibility is tested on its own
    (tests/generator/host/test_searchindex.py, and the last test here)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and p.suffix != ".gz"
        and p.name != MANIFEST
        and p.relative_to(folder).parts[0] != "desk"
        and SEARCH_INDEX not in p.relative_to(folder).parts[1:2]
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_golden(tmp_path_factory.mktemp("golden"))


def test_site_matches_golden(built: Path) -> None:
    produced, expected = text_files(built), text_files(EXPECTED)
    assert sorted(produced) == sorted(expected), "file list differs: run `make golden`"
    different = [name for name in produced if produced[name] != expected[name]]
    assert different == [], "content differs: run `make golden` and review the diff"


def test_every_text_file_has_an_identical_gzip_twin(built: Path) -> None:
    compressible = [
        p
        for p in built.rglob("*")
        if p.suffix in (".html", ".xml", ".json", ".txt")
        and p.name != MANIFEST
        and p.relative_to(built).parts[0] != "desk"
    ]
    assert compressible
    for path in compressible:
        twin = path.with_name(path.name + ".gz")
        assert gzip.decompress(twin.read_bytes()) == path.read_bytes(), path


def test_same_content_and_clock_give_identical_bytes(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The machine's zone is never read: a build on a server at UTC+14 gives the same bytes.
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    try:
        again = build_golden(tmp_path)
    finally:
        monkeypatch.undo()
        time.tzset()
    first = {p.relative_to(built): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def regenerate() -> None:
    """`make golden`: rebuild tests/golden/ from tests/fixtures/golden/."""
    import tempfile

    with tempfile.TemporaryDirectory() as temp:
        out = build_golden(Path(temp))
        shutil.rmtree(EXPECTED, ignore_errors=True)
        ignored = shutil.ignore_patterns("*.gz", "desk", MANIFEST, SEARCH_INDEX)
        shutil.copytree(out, EXPECTED, ignore=ignored)
    print(f"golden site written to {EXPECTED}")


if __name__ == "__main__" and "--update" in sys.argv:
    regenerate()
