"""Clarifications first on the national desk: `newsroom curate inbox` and the desk's
lists put `klarifikasi` releases before everything else, newest first, with how long
ago each was published by the command's `now`, in both languages."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import invoke, release_text
from tests.generator.test_incremental import files
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
BASE = "https://b.example/"
PROPOSED = {"propose_national": "true"}
RELEASES = {
    # 2026-11-20 02:00 UTC: four days and an hour before NOW.
    "kaltim/2026/klar-lama": release_text(
        title="Kabar Jembatan Ditutup",
        date="2026-11-20 10:00",
        category="klarifikasi",
        claim="{text: Jembatan ditutup., verdict: menyesatkan}",
        **PROPOSED,
    ),
    # 2026-11-23 23:00 UTC (08:00 WIT): four hours before NOW.
    "ambon/2026/klar-baru": release_text(
        title="Kabar Pasar Ditutup",
        date="2026-11-24 08:00",
        category="klarifikasi",
        claim="{text: Pasar ditutup., verdict: hoaks}",
        **PROPOSED,
    ),
    # 2026-11-24 02:00 UTC (10:00 WITA): the newest of all, an hour before NOW.
    "kutai-timur/2026/berita-baru": release_text(
        title="Pasar Murah Sangatta", date="2026-11-24 10:00", **PROPOSED
    ),
    "kaltim/2026/berita-lama": release_text(
        title="Raker Humas", date="2026-11-01 10:00", **PROPOSED
    ),
}
ORDER = [
    "ambon/2026/klar-baru",
    "kaltim/2026/klar-lama",
    "kutai-timur/2026/berita-baru",
    "kaltim/2026/berita-lama",
]


@pytest.fixture
def repo(central_repo: Callable[..., Path]) -> Path:
    return central_repo(RELEASES)


@pytest.mark.parametrize(
    ("lang", "ages"),
    [
        ("id", ["4 jam lalu", "4 hari lalu", "1 jam lalu", "23 hari lalu"]),
        ("en", ["4 hours ago", "4 days ago", "1 hour ago", "23 days ago"]),
    ],
)
def test_the_inbox_lists_clarifications_first_with_their_age(
    repo: Path, lang: str, ages: list[str]
) -> None:
    result = invoke(["curate", "inbox", "--now", NOW.isoformat(), "--lang", lang], repo)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == ORDER
    assert [line.rsplit("; ", 1)[1].rstrip(")") for line in lines] == ages
    # A clarification's verdict leads its title.
    assert lines[0].split("  ")[1] == "[HOAKS] Kabar Pasar Ditutup"
    assert lines[2].split("  ")[1] == "Pasar Murah Sangatta"


def _waiting(out: Path) -> list[tuple[str, str]]:
    """(release id, age) of each row of the desk overview's inbox table."""
    page = (out / "desk/index.html").read_text(encoding="utf-8")
    table = page[page.rindex("<table") :]
    rows = re.findall(r"<small>([a-z0-9/-]+) · .*?<td>([^<]*)</td>\s*</tr>", table, re.S)
    return [(release_id, age.strip()) for release_id, age in rows]


def test_the_desk_inbox_follows_the_build_clock(repo: Path, tmp_path: Path) -> None:
    out = repo / "site"
    build_repo(repo, NOW, BASE, ["desk"], out=out)
    assert _waiting(out) == list(
        zip(ORDER, ["4 jam lalu", "4 hari lalu", "1 jam lalu", "23 hari lalu"], strict=True)
    )
    # Three hours on, the same folder: the ages follow (the desk's fingerprint holds them).
    later = NOW + timedelta(hours=3)
    build_repo(repo, later, BASE, ["desk"], out=out)
    assert [age for _, age in _waiting(out)] == [
        "7 jam lalu",
        "4 hari lalu",
        "4 jam lalu",
        "23 hari lalu",
    ]
    fresh = tmp_path / "bersih"
    shutil.copytree(repo / "content", fresh / "content")
    shutil.copy(repo / "mkdocs.yml", fresh / "mkdocs.yml")
    clean = build_repo(fresh, later, BASE, ["desk"], out=fresh / "site")
    assert files(out / "desk") == files(clean / "desk")


def test_desk_office_and_day_pages_put_clarifications_first(repo: Path) -> None:
    out = build_repo(repo, NOW, BASE, ["desk"])
    office = (out / "desk/kantor/kaltim/index.html").read_text(encoding="utf-8")
    assert office.index("kaltim/2026/klar-lama") < office.index("kaltim/2026/berita-lama")
    month = (out / "desk/hari/2026-11/index.html").read_text(encoding="utf-8")
    day = month[month.index("24 November 2026") :]
    assert day.index("ambon/2026/klar-baru") < day.index("kutai-timur/2026/berita-baru")
