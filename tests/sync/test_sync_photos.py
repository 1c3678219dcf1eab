"""The sync tells an office about its photos as `newsroom check` does (issue 16, item 3):
a phone's photo is a warning and the release arrives; a photo cut short is an error and
the release is refused; from the blob on the first sync, from the copy after."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from generator.content.problems import Problem
from generator.content.repository import CENTRAL, Layout, load_repository
from sync.runner import Options, sync
from tests.conftest import release_text
from tests.generator.content import photofiles
from tests.sync.gitrepos import central_repo, commit, office_repo, write


def seen(problems: list[Problem]) -> list[tuple[str, int, str, str, str | None, str]]:
    return sorted(
        (Path(p.path).name, p.line, p.field, p.code, p.value, str(p.severity)) for p in problems
    )


def test_a_sync_reports_photos_as_check_does(tmp_path: Path) -> None:
    office = office_repo(
        tmp_path / "kutim",
        "kutai-timur",
        {
            "releases/2026/rapat.md": release_text(
                title="Rapat", image="{src: assets/rapat.jpg, alt: Rapat}"
            ),
            "releases/2026/banjir.md": release_text(
                title="Banjir", image="{src: assets/banjir.jpg, alt: Banjir}"
            ),
            "assets/rapat.jpg": photofiles.phone_jpeg(),
            "assets/banjir.jpg": photofiles.truncated_jpeg(),
        },
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    expected = [
        ("banjir.md", 5, "image.src", "image_unreadable", "assets/banjir.jpg", "error"),
        ("rapat.md", 5, "image.src", "image_large", "assets/rapat.jpg", "warning"),
    ]
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    assert seen(result.problems) == expected
    assert result.new == ["kutai-timur/2026/rapat"]
    assert result.rejected == ["releases/2026/banjir.md"]
    warning = next(p for p in result.problems if p.code == "image_large")
    assert "the original photo is large (0.2 MB, 4100 × 3000 px)" in warning.format("en")
    # The central check, on what arrived, says the same of the release that did.
    repo = load_repository(Layout(central, CENTRAL))
    assert seen(repo.report.problems) == expected[1:]

    # Changed upstream, its photo unchanged: measured from the copy synced before (the
    # refused release is read again, until it is fixed).
    write(
        office,
        {
            "releases/2026/rapat.md": release_text(
                title="Rapat pleno", image="{src: assets/rapat.jpg, alt: Rapat}"
            )
        },
    )
    commit(office, "judul")
    (again,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    assert seen(again.problems) == expected
    assert "kutai-timur/2026/rapat" in again.updated
