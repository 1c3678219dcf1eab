"""The atheris target (fuzz/fuzz_release.py) without atheris: its one-input function
runs over the seed corpus and deterministic mutations of it, so it cannot rot
between fuzzing sessions, and its oracle is shown to catch a sink and to let text
that merely mentions `javascript:` pass."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType

import pytest

from generator.public.bodyhtml import Rendered
from tests.conftest import REPO_ROOT

CORPUS = REPO_ROOT / "fuzz" / "corpus"


@pytest.fixture(scope="module")
def target() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "fuzz_release", REPO_ROOT / "fuzz/fuzz_release.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # imports no atheris: only main() does
    return module


def seeds() -> list[Path]:
    found = sorted(CORPUS.glob("*.md"))
    assert len(found) >= 4
    return found


def test_every_seed_is_accepted_and_rendered(target: ModuleType) -> None:
    for seed in seeds():
        assert target.one_input(seed.read_bytes()) is True, seed.name  # fuzzing starts deep


def test_mutated_seeds_only_ever_report(target: ModuleType) -> None:
    """What the fuzzer does first: cut, flip and splice the seeds. Nothing may raise."""
    rng = random.Random(7)
    datas = [seed.read_bytes() for seed in seeds()]
    for data in datas:
        for _ in range(40):
            mutated = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                at = rng.randrange(len(mutated))
                choice = rng.random()
                if choice < 0.4:
                    mutated[at] = rng.randrange(256)
                elif choice < 0.7:
                    del mutated[at : at + rng.randint(1, 40)]
                else:
                    other = rng.choice(datas)
                    start = rng.randrange(len(other))
                    mutated[at:at] = other[start : start + rng.randint(1, 200)]
            target.one_input(bytes(mutated))
        for cut in range(0, len(data), max(1, len(data) // 25)):
            target.one_input(data[:cut])


def test_the_renderer_memo_does_not_grow(target: ModuleType) -> None:
    for seed in seeds():
        target.one_input(seed.read_bytes())
    assert target.RENDERER._memo == {} and target.RENDERER._pending == []


def test_the_oracle_ignores_text_and_catches_a_sink(
    target: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    prose = (
        "---\ntitle: Uji\ndate: 2026-11-20 10:00\ncategory: berita\n---\n"
        "Tautan javascript: … onde = 3, dan <script> sebagai `kode`: &lt;svg onload=x&gt;\n"
    )
    assert target.one_input(prose.encode()) is True  # the old regex oracle raised here

    def leaky(release: object) -> Rendered:
        return Rendered('<p><img src="x" onerror="x()"></p>', "", 1, ())

    monkeypatch.setattr(target.RENDERER, "render", leaky)
    with pytest.raises(AssertionError, match="executable sink"):
        target.one_input(prose.encode())
