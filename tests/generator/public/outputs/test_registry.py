"""The declared outputs and the site fingerprint derived from them.

Every input an output may read has a reading in the fingerprint; an input changes a
site's fingerprint when, and only when, a declared output reads it; every output
declares honestly whether it depends on `now` and which paths it writes."""

from __future__ import annotations

import importlib
import pkgutil
import re
import shutil
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from generator.content.repository import find_layout, load_repository
from generator.host import build
from generator.public import outputs
from generator.public.fingerprint import ONCE, PER_RELEASE, SiteFingerprints
from generator.public.outputs import OUTPUTS, Input, Output, Plan, read_by
from generator.public.session import forget_sessions
from generator.public.sitekit import SiteKit
from generator.public.sites import NATIONAL, Settings, Site, plan_sites
from tests.conftest import FIXTURES

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)  # as the golden site: news on, an embargo on


@dataclass
class State:
    """One side of a change: the newsroom as loaded, its sites and the build's clock."""

    root: Path
    now: datetime = NOW
    sites: dict[str, Site] | None = None

    def fingerprint(self, outputs: tuple[Output, ...]) -> str:
        layout = find_layout(self.root)
        assert layout is not None
        repo = load_repository(layout)
        settings = Settings()
        sites = self.sites or plan_sites(repo, settings)
        prints = SiteFingerprints(repo, sites, settings, self.now, (), outputs)
        return prints.of(sites[NATIONAL])


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _other_site_retitled(state: State) -> None:
    layout = find_layout(state.root)
    assert layout is not None
    sites = plan_sites(load_repository(layout), Settings())
    sites["maluku"] = replace(sites["maluku"], title="Maluku Baru")
    state.sites = sites


CONTENT = "content/"
# For each input, a change to the newsroom that changes that input.
CHANGES: dict[Input, Callable[[State], None]] = {
    Input.SITES: _other_site_retitled,
    Input.OFFICES: lambda s: _edit(
        s.root / CONTENT / "offices.yml", "Diskominfo Kota Ambon", "Diskominfo Kota Ambon Baru"
    ),
    Input.PAGES: lambda s: _edit(s.root / CONTENT / "pages/tentang.md", "\n", "\n\nBaru.\n"),
    Input.CURATION: lambda s: _edit(
        s.root / CONTENT / "national/curation.yml", "Tarik 20 Ribu", "Tarik 30 Ribu"
    ),
    Input.RELEASES: lambda s: _edit(
        s.root / CONTENT / "releases/komdigi/2026/literasi-digital-desa.md",
        "\n",
        "\n\n",
    ),
    Input.ASSETS: lambda s: (
        s.root / CONTENT / "assets/kutai-timur/perbup-12-2026.pdf"
    ).write_bytes(b"%PDF-1.4 lain\n"),
    Input.NEWS: lambda s: setattr(s, "now", NOW + timedelta(days=10)),
    # The golden clarification (2026-11-20 14:00 WIB) is fresh a day after, not at NOW.
    Input.FRESH: lambda s: setattr(s, "now", datetime(2026, 11, 21, tzinfo=UTC)),
    Input.WEEK: lambda s: setattr(s, "now", NOW + timedelta(days=7)),
}


class _Reads(Output):
    """An output reading only `input`, as a new one would."""

    name, paths, uses_now = "reads one", (), False

    def __init__(self, input: Input) -> None:
        self.reads = frozenset({input})  # type: ignore[misc]

    def write(self, kit: SiteKit, plan: Plan) -> None:
        raise AssertionError("never written")


def _before_and_after(tmp_path: Path, what: Input) -> tuple[State, State]:
    before, after = State(tmp_path / "before"), State(tmp_path / "after")
    for state in (before, after):
        shutil.copytree(FIXTURES / "golden" / "content", state.root / "content")
        shutil.copy(FIXTURES / "golden" / "mkdocs.yml", state.root / "mkdocs.yml")
    CHANGES[what](after)
    return before, after


def test_every_input_has_one_reading_in_the_fingerprint() -> None:
    """A new input an output reads is hashed only once the fingerprint reads it."""
    assert set(ONCE) | set(PER_RELEASE) == set(Input)
    assert not set(ONCE) & set(PER_RELEASE)
    assert set(CHANGES) == set(Input), "every input needs a change proving it is hashed"


def test_every_input_is_read_by_a_declared_output() -> None:
    assert read_by(OUTPUTS) == set(Input)


@pytest.mark.parametrize("what", list(Input))
def test_an_input_changes_the_fingerprint_when_an_output_reads_it(
    tmp_path: Path, what: Input
) -> None:
    before, after = _before_and_after(tmp_path, what)
    assert before.fingerprint(OUTPUTS) != after.fingerprint(OUTPUTS)
    alone = (_Reads(what),)
    assert before.fingerprint(alone) != after.fingerprint(alone)
    # Derived, not a fixed list: read by no output, the change is not hashed at all.
    assert before.fingerprint(()) == after.fingerprint(())


@pytest.mark.parametrize("output", OUTPUTS, ids=lambda o: o.name)
def test_an_output_depends_on_now_exactly_when_it_reads_an_input_that_does(
    output: Output,
) -> None:
    assert output.uses_now == any(read.at_now for read in output.reads)


def _pattern(path: str) -> re.Pattern[str]:
    """A declared path: `*` stands for one path segment or part of one, `**` for several."""
    parts = [re.escape(p).replace(r"\*", "[^/]+") for p in path.split("**")]
    return re.compile(".+".join(parts))


def test_every_file_an_output_writes_is_among_its_declared_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: dict[str, set[str]] = defaultdict(set)
    for output in OUTPUTS:
        real = type(output).write

        def recording(self: Output, kit: SiteKit, plan: Plan, real=real) -> None:  # type: ignore[no-untyped-def]
            before = set(kit.writer.written)
            real(self, kit, plan)
            written[self.name] |= set(kit.writer.written) - before

        monkeypatch.setattr(type(output), "write", recording)
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "golden" / "content", root / "content")
    shutil.copy(FIXTURES / "golden" / "mkdocs.yml", root / "mkdocs.yml")
    layout = find_layout(root)
    assert layout is not None
    forget_sessions()
    try:
        build.build(layout, [NATIONAL], root / "site", now=NOW, jobs=1)  # in this process
    finally:
        forget_sessions()
    for output in OUTPUTS:
        assert written[output.name], f"{output.name} wrote nothing"
        patterns = [_pattern(path) for path in output.paths]
        # The writer puts a .gz twin beside every text file: not the output's own path.
        files = {p.removesuffix(".gz") for p in written[output.name]}
        strays = [p for p in files if not any(r.fullmatch(p) for r in patterns)]
        assert strays == [], f"{output.name} wrote undeclared paths"


def test_every_output_defined_here_is_registered() -> None:
    """A new output module whose output is not in OUTPUTS would never be written."""
    defined = set()
    for module in pkgutil.iter_modules(outputs.__path__, outputs.__name__ + "."):
        found = vars(importlib.import_module(module.name)).values()
        defined |= {
            kind
            for kind in found
            if isinstance(kind, type) and issubclass(kind, Output) and kind is not Output
        }
    assert defined == {type(output) for output in OUTPUTS}
