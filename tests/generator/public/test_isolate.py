"""A release that cannot be rendered is left out and named; every other page is built.

Validation refuses the dates that broke builds (issue 13: a correction dated
9999-12-31 23:59+00:00 made every build of its site fail); these tests let such a
release through on purpose, as a bug would, and build real sites with it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.content import dates, repository
from generator.content.model import Release
from generator.content.repository import find_layout
from generator.host import build
from generator.public import isolate
from generator.public.outputs import releases
from generator.public.session import forget_sessions
from tests.conftest import invoke, release_text

NOW = "2026-11-24T08:00:00+07:00"
BAD = "ambon/2026/koreksi-jauh"


def _newsroom(central_repo: Callable[..., Path]) -> Path:
    return central_repo(
        {
            "ambon/2026/pasar-murah": release_text(title="Pasar Murah", date="2026-11-20 09:00"),
            BAD: release_text(
                title="Koreksi Jauh",
                date="2026-11-21 09:00",
                updates="[{date: '9999-12-31 23:59+00:00', note: koreksi}]",
            ),
            "komdigi/2026/literasi": release_text(title="Literasi", date="2026-11-19 09:00"),
        }
    )


def _shown(out: Path) -> str:
    return "".join(p.read_text("utf-8") for p in sorted(out.rglob("*.html")))


def test_a_release_whose_dates_cannot_be_shown_is_left_out_and_named(
    central_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if validation let it through: the year bound and the dates-ahead rule.
    monkeypatch.setattr(dates, "LAST_YEAR", 9999)
    monkeypatch.setattr(repository, "not_ahead", lambda releases, *_: releases)
    root = _newsroom(central_repo)
    forget_sessions()
    try:
        result = invoke(["build", "--lang", "en", "--now", NOW], root)
    finally:
        forget_sessions()
    assert result.exit_code == 1, result.output
    assert f"release {BAD} could not be rendered" in result.output
    assert "OverflowError" in result.output
    assert "content/releases/ambon/2026/koreksi-jauh.md" in result.output
    out = root / "site"
    # Every other page: the other release of its site, the other sites, the desk.
    assert (out / "maluku/ambon/2026/pasar-murah/index.html").is_file()
    assert (out / "nasional/komdigi/2026/literasi/index.html").is_file()
    assert not (out / f"maluku/{BAD}").exists()
    assert "Koreksi Jauh" not in _shown(out / "maluku")
    assert (out / "desk/index.html").is_file()
    # The desk lists it with the content's problems, for the editors.
    assert BAD in (out / "desk/peringatan/index.html").read_text("utf-8")


def test_a_release_whose_page_fails_is_left_out_of_every_page_and_again_next_build(
    central_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _newsroom(central_repo)
    (root / "content/releases" / f"{BAD}.md").write_text(
        release_text(title="Koreksi Jauh", date="2026-11-21 09:00")
    )
    layout = find_layout(root)
    assert layout is not None
    out = root / "site"
    now = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
    build.build(layout, [], out, jobs=2, now=now)  # a good build first: its pages are on disk
    forget_sessions()
    assert (out / f"maluku/{BAD}/index.html").is_file()
    assert "Koreksi Jauh" in (out / "maluku/index.html").read_text("utf-8")

    real = releases.release_view

    def failing(placement, *args):  # type: ignore[no-untyped-def]
        if placement.release.id == BAD:
            raise ValueError("rusak")
        return real(placement, *args)

    monkeypatch.setattr(releases, "release_view", failing)
    # Changed, so its pages are made again (and fail); twice: a site that left a release
    # out is not taken for finished, and the next build says so again.
    (root / "content/releases" / f"{BAD}.md").write_text(
        release_text(title="Koreksi Jauh Lagi", date="2026-11-21 09:00")
    )
    for _ in range(2):
        forget_sessions()
        with pytest.raises(build.ReleasesLeftOut) as caught:
            build.build(layout, [], out, jobs=2, now=now)
        assert [(f.release_id, f.error) for f in caught.value.failures] == [
            (BAD, "ValueError: rusak")
        ]
        assert {r.site_id for r in caught.value.results} >= {"maluku", "nasional", "desk"}
        assert not (out / f"maluku/{BAD}/index.html").exists()  # its old page is gone too
        assert "Koreksi Jauh" not in _shown(out / "maluku")
        assert "Pasar Murah" in (out / "maluku/index.html").read_text("utf-8")
        assert (out / "nasional/komdigi/2026/literasi/index.html").is_file()
    forget_sessions()


def test_vetting_again_lets_the_good_through_and_names_the_bad_again(
    central_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`newsroom watch` vets at every build the same release objects: those let
    through before pass unchecked, a failing one is checked and named every time."""
    monkeypatch.setattr(dates, "LAST_YEAR", 9999)
    monkeypatch.setattr(repository, "not_ahead", lambda releases, *_: releases)
    checked: list[str] = []
    real_check = isolate._dates_shown

    def dates_shown(release: Release) -> None:
        checked.append(release.id)
        real_check(release)

    monkeypatch.setattr(isolate, "_dates_shown", dates_shown)
    layout = find_layout(_newsroom(central_repo))
    assert layout is not None
    loaded = repository.load_repository(layout)
    good = ["ambon/2026/pasar-murah", "komdigi/2026/literasi"]
    for expected_checks in ([BAD, *good], [BAD]):
        checked.clear()
        kept, failures = isolate.vet(loaded)
        assert [f.release_id for f in failures] == [BAD]
        assert sorted(r.id for r in kept.releases) == good
        assert sorted(checked) == sorted(expected_checks)
