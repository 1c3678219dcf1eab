"""How the desk words a problem's place: relative to the repository, never the server's."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.content.problems import Problem, Report
from generator.desk.saying import relative

ROOT = Path("/srv/pusat")


def _problem(path: str) -> Problem:
    report = Report()
    report.add(path, 3, "date", "bad_date", "x")
    return report.problems[0]


def _by_paths(problem: Problem, root: Path) -> Problem:
    """What `relative` answered before it cut plain paths as text."""
    path = Path(problem.path)
    if path.is_absolute() and path.is_relative_to(root):
        return replace(problem, path=path.relative_to(root).as_posix())
    return problem


@pytest.mark.parametrize(
    "path",
    [
        "/srv/pusat/content/releases/kaltim/2026/rusak.md",  # as the loaders write them
        "/srv/pusat/content",
        "/srv/pusat",  # the root itself
        "/srv/pusat/",
        "/srv/pusatlain/x.md",  # a sibling whose name starts the same
        "/srv//pusat/content/x.md",
        "/srv/pusat/./content/x.md",
        "/srv/pusat/content/../rahasia/x.md",
        "/srv/pusat/content/x.md/",
        "/etc/passwd",
        "/",
        "//x.md",
        "content/x.md",  # relative already: kept
        "srv/pusat/content/x.md",
        "",
    ],
)
def test_a_path_under_the_root_is_cut_as_paths_would_cut_it(path: str) -> None:
    problem = _problem(path)
    for root in (ROOT, Path("/srv/pusat/"), Path("/"), Path("/srv")):
        assert relative(problem, root) == _by_paths(problem, root), root
    assert relative(problem, None) == problem


def test_the_server_s_folders_never_show() -> None:
    shown = relative(_problem("/srv/pusat/content/releases/a/2026/b.md"), ROOT)
    assert shown.path == "content/releases/a/2026/b.md"
    assert "/srv" not in shown.format("id")
    assert relative(_problem("/x.md"), Path("/")).path == "x.md"
