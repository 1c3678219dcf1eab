"""No release body costs much more to check and render than ordinary text of its size.

Each pathological body (issue 13) is timed against ordinary prose of the same size in
the same run, never against a fixed time: a 259 KB body of `[a](x)` lines took 171 s to
check, 100,000 `> ` 25 s to build.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from itertools import count, repeat
from pathlib import Path

import pytest

from generator.content.limits import MAX_BODY_DEPTH
from generator.content.repository import OFFICE, Layout, load_repository
from generator.public.render import Renderer
from tests.conftest import OFFICE_YML, make_png, release_text

SIZE = 120_000  # bytes of body, under the 256 KB cap of a release file
# Ordinary prose with a link to the office's files in every paragraph (so the links
# are looked for, as in the pathological bodies), and a few lists and quotes.
_PARAGRAPH = (
    "Pemerintah Kabupaten Kutai Timur menggelar rapat koordinasi penanganan banjir "
    "bersama camat dan kepala desa; lihat [peta](assets/peta.pdf) dan "
    "[laporan](https://kutaitimurkab.go.id/laporan).\n\n- satu\n- dua\n\n> kutipan\n\n"
)
ORDINARY = _PARAGRAPH * (SIZE // len(_PARAGRAPH))


def _sized(pieces: Iterator[str], end: str = "") -> str:
    """Pieces joined until the body is SIZE bytes long, then `end`."""
    body: list[str] = []
    length = len(end)
    for piece in pieces:
        if length + len(piece) > SIZE:
            break
        body.append(piece)
        length += len(piece)
    return "".join(body) + end


PATHOLOGICAL = {
    "repeated links": _sized(repeat("[a](x)\n")),
    "repeated asset links": _sized(repeat("[a](assets/x.pdf)\n")),
    "distinct links in one paragraph": _sized(f"[a](x{n})\n" for n in count()),
    "links with spaces": _sized(f"[a](<x {n}>)\n" for n in count()),
    "unclosed comments": _sized(repeat("<!--"), "\n\n[a](x)\n"),
    "runs of brackets": _sized(repeat("[")),
    "brackets then a link": _sized(repeat("["), "](x)"),
    "emphasis runs": _sized(repeat("*_"), "x") + "_*" * 10,
    "a wide table": _sized(repeat("|x|[y](z)|\n"), "").replace("|x|", "|a|b|\n|-|-|\n|x|", 1),
}
TOO_DEEP = {
    "nested quotes": _sized(repeat("> "), "x\n"),
    "nested lists": _sized("  " * n + "- x\n" for n in count()),
    "nested ordered lists": _sized("   " * n + "1. x\n" for n in count()),
    "unclosed HTML": _sized(repeat("<div>")),
    "self-closing-looking HTML": _sized(repeat("<div/>")),  # the `/` is ignored: it opens
    "nested emphasis": "*a _b " * (SIZE // 12) + "x" + " b_ a*" * (SIZE // 12),
}


def _cost(root: Path, body: str) -> float:
    """Seconds to validate (as check and sync do) and render (as a build does) `body`,
    the best of three: the machine is shared, and the best is the least disturbed."""
    text = release_text().replace("Isi rilis contoh.\n", body)
    (root / "releases" / "2026" / "uji.md").write_text(text, encoding="utf-8")
    renderer = Renderer(lambda office: root / "assets", None)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        load_repository(Layout(root, OFFICE))
        renderer.render_text(body, "kutai-timur")
        best = min(best, time.perf_counter() - start)
    return best


@pytest.fixture
def root(office_repo: Callable[..., Path]) -> Path:
    return office_repo({"assets/peta.pdf": "%PDF-1.4\n", "releases/2026/uji.md": ""})


@pytest.fixture(scope="module")
def ordinary(tmp_path_factory: pytest.TempPathFactory) -> float:
    """What ordinary prose of SIZE costs, measured once in this run."""
    folder = tmp_path_factory.mktemp("ordinary")
    (folder / "office.yml").write_text(OFFICE_YML, encoding="utf-8")
    (folder / "releases" / "2026").mkdir(parents=True)
    (folder / "assets").mkdir()
    (folder / "assets" / "peta.pdf").write_text("%PDF-1.4\n")
    return _cost(folder, ORDINARY)


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_a_pathological_body_costs_about_what_prose_of_its_size_costs(
    root: Path, ordinary: float, name: str
) -> None:
    body = PATHOLOGICAL[name]
    assert abs(len(body) - len(ORDINARY)) < SIZE // 20
    pathological = _cost(root, body)
    # Generous: linear work of another kind may cost a few times prose; quadratic work
    # cost hundreds of times as much.
    assert pathological < 15 * ordinary + 0.05, (name, pathological, ordinary)


@pytest.mark.parametrize("name", sorted(TOO_DEEP))
def test_a_body_nested_too_deep_is_refused_by_line_and_cheaply(
    root: Path, ordinary: float, name: str
) -> None:
    body = "Paragraf pertama.\n\n" + TOO_DEEP[name]
    assert abs(len(body) - len(ORDINARY)) < SIZE // 20
    (root / "releases" / "2026" / "uji.md").write_text(
        release_text().replace("Isi rilis contoh.\n", body), encoding="utf-8"
    )
    start = time.perf_counter()
    repo = load_repository(Layout(root, OFFICE))
    refused = time.perf_counter() - start
    assert repo.releases == []
    (problem,) = repo.report.problems
    assert (problem.field, problem.code) == ("body", "body_too_deep")
    # The front matter takes lines 1-5, the body starts on line 6, the nesting on line 8
    # and goes too deep on the line of its 101st level (lists have one level a line).
    assert problem.line == (8 + MAX_BODY_DEPTH if "lists" in name else 8), problem
    assert f"lebih dari {MAX_BODY_DEPTH} tingkat" in problem.format("id")
    assert "flatten it" in problem.format("en")
    assert refused < 15 * ordinary + 0.05, (name, refused, ordinary)
    # Refused, so no build renders it: only check and sync ever read it.


def test_a_body_nested_as_deep_as_allowed_is_published(root: Path) -> None:
    body = "".join("  " * n + "- x\n" for n in range(MAX_BODY_DEPTH // 2 - 5))
    body += "> " * (MAX_BODY_DEPTH // 4) + "kutipan\n"
    (root / "releases" / "2026" / "uji.md").write_text(
        release_text().replace("Isi rilis contoh.\n", body), encoding="utf-8"
    )
    repo = load_repository(Layout(root, OFFICE))
    assert [p.code for p in repo.report.problems] == [] and len(repo.releases) == 1


def test_void_elements_written_with_a_slash_nest_nothing(root: Path) -> None:
    """`<br/>`, `<hr/>`, `<img .../>` hold nothing, slash or not: many are published."""
    line = '<br/> baris <hr/> <img src="assets/foto.png" alt="foto"/> <hr /> <br>\n'
    body = line * (3 * MAX_BODY_DEPTH)
    (root / "assets" / "foto.png").write_bytes(make_png(8, 6))
    (root / "releases" / "2026" / "uji.md").write_text(
        release_text().replace("Isi rilis contoh.\n", body), encoding="utf-8"
    )
    repo = load_repository(Layout(root, OFFICE))
    assert [p.code for p in repo.report.problems] == [] and len(repo.releases) == 1
