"""Embargo at T-1s and T+1s in every output kind; corrections and withdrawals on the
home site and on a syndicated copy (GOV.UK style)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest

from tests.conftest import FIXTURES, invoke, release_text
from tests.sitebuild import build_repo

LIFT = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)  # 25 Nov 2026 09.00 WITA
EMBARGOED = ("kutai-timur/2026/embargo-anggaran", "Rancangan APBD 2027 Disampaikan ke DPRD")


def outputs(out: Path) -> dict[str, str]:
    """Every text output, by kind: HTML, feeds, sitemaps, robots, search data."""
    return {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in out.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".json", ".txt")
    }


@pytest.fixture(scope="module")
def around_lift(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    root = tmp_path_factory.mktemp("embargo") / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    config = (root / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(config + "      desk: {show_embargoed: false}\n")
    before = build_repo(
        root, LIFT - timedelta(seconds=1), "https://b.example/", out=root / "sebelum"
    )
    after = build_repo(
        root, LIFT + timedelta(seconds=1), "https://b.example/", out=root / "sesudah"
    )
    return {"before": outputs(before), "after": outputs(after)}


def test_nothing_of_the_embargoed_release_before_the_lift(around_lift) -> None:  # type: ignore[no-untyped-def]
    leaks = [
        name
        for name, text in around_lift["before"].items()
        if any(needle in text for needle in EMBARGOED)
    ]
    assert leaks == []


@pytest.mark.parametrize(
    "name",
    [
        "kalimantan-timur/kutai-timur/2026/embargo-anggaran/index.html",
        "kalimantan-timur/index.html",
        "kalimantan-timur/atom.xml",
        "kalimantan-timur/rss.xml",
        "kalimantan-timur/feed.json",
        "kalimantan-timur/kategori/siaran-pers/atom.xml",
        "kalimantan-timur/kantor/kutai-timur/feed.json",
        "kalimantan-timur/sitemap.xml",
        "kalimantan-timur/news-sitemap.xml",
        "desk/search/search_index.json",
    ],
)
def test_everything_appears_one_second_after(around_lift, name: str) -> None:  # type: ignore[no-untyped-def]
    assert name not in around_lift["before"] or EMBARGOED[1] not in around_lift["before"][name]
    text = around_lift["after"][name]
    assert EMBARGOED[0] in text or EMBARGOED[1] in text


def test_an_embargoed_release_is_dated_from_its_lift_wherever_machines_read_dates(
    around_lift,  # type: ignore[no-untyped-def]
) -> None:
    """Its date line says 24 Nov, but the public first saw it at the lift (25 Nov 01.00
    UTC): feeds, sitemaps and JSON-LD must not say it was published or changed earlier,
    or readers and crawlers would file it a day in the past."""
    after = around_lift["after"]
    lift = "2026-11-25T01:00:00Z"
    atom = feedparser.parse(after["kalimantan-timur/atom.xml"])
    entry = next(e for e in atom.entries if EMBARGOED[0] in e.id)
    assert entry.published == lift and entry.updated == lift
    feed = json.loads(after["kalimantan-timur/feed.json"])
    item = next(i for i in feed["items"] if EMBARGOED[0] in i["id"])
    assert item["date_published"] == lift and item["date_modified"] == lift
    rss = feedparser.parse(after["kalimantan-timur/rss.xml"])
    assert next(e for e in rss.entries if EMBARGOED[0] in e.id).published.endswith("01:00:00 GMT")
    sitemap = after["kalimantan-timur/sitemap.xml"]
    assert f"{EMBARGOED[0]}/</loc>\n  <lastmod>{lift}</lastmod>" in sitemap
    page = after[f"kalimantan-timur/{EMBARGOED[0]}/index.html"]
    ld = json.loads(re.search(r'ld\+json">(.*?)</script>', page).group(1))  # type: ignore[union-attr]
    assert ld["datePublished"] == lift and ld["dateModified"] == lift
    assert "Selasa, 24 November 2026 09.00 WITA" in page  # the date line as the office wrote it


def test_schedule_names_the_next_lift() -> None:
    golden = FIXTURES / "golden"
    before = invoke(["schedule", "--format", "iso", "--now", "2026-11-25T00:59:59Z"], golden)
    assert before.exit_code == 0 and before.stdout.strip() == "2026-11-25T01:00:00Z"
    after = invoke(["schedule", "--format", "iso", "--now", "2026-11-25T01:00:01Z"], golden)
    assert after.exit_code == 0 and after.stdout.strip() == ""


CORRECTED = release_text(
    title="Tarif Internet Desa Turun",
    date="2026-11-20 10:00",
    updates="[{date: '2026-11-21 09:00', note: Angka tarif dikoreksi menjadi Rp50 ribu.}]",
)
WITHDRAWN = release_text(
    title="Pelatihan Ditunda",
    date="2026-11-19 10:00",
    status="withdrawn",
    withdrawn_reason="Pelatihan ditunda ke tahun depan.",
    withdrawn_at="2026-11-22 14:30",
)


def test_correction_and_withdrawal_reach_home_and_copies(
    central_repo: Callable[..., Path],
) -> None:
    root = central_repo(
        {
            "komdigi/2026/tarif-internet": CORRECTED,
            "komdigi/2026/pelatihan": WITHDRAWN,
            "kaltim/2026/lain": release_text(date="2026-11-18 10:00"),
        }
    )
    out = build_repo(root, datetime(2026, 11, 24, tzinfo=UTC), "https://b.example/")
    for site in ("nasional", "kalimantan-timur"):  # home, then a syndicated copy
        page = (out / site / "komdigi/2026/tarif-internet/index.html").read_text()
        assert "Koreksi" in page and "Angka tarif dikoreksi menjadi Rp50 ribu." in page
        # By the date line, as GOV.UK does: readers see at once that it changed, and when.
        updated = 'Diperbarui <time datetime="2026-11-21T02:00:00Z">Sabtu, 21 November 2026'
        assert updated in page.split("<h1>", 1)[1].split("</p>", 2)[0]
        ld = json.loads(re.search(r'ld\+json">(.*?)</script>', page).group(1))  # type: ignore[union-attr]
        assert ld["dateModified"] == "2026-11-21T02:00:00Z"
        assert ld["correction"][0]["text"] == "Angka tarif dikoreksi menjadi Rp50 ribu."
        atom = feedparser.parse((out / site / "atom.xml").read_bytes())
        entry = next(e for e in atom.entries if "tarif-internet" in e.id)
        assert entry.updated == "2026-11-21T02:00:00Z"

        gone = (out / site / "komdigi/2026/pelatihan/index.html").read_text()
        assert "Rilis ini telah ditarik" in gone and "Pelatihan ditunda ke tahun depan." in gone
        # When, in the office's zone, and nothing inviting readers to pass it on.
        when = '<time datetime="2026-11-22T07:30:00Z">Minggu, 22 November 2026 14.30 WIB</time>'
        assert f"Ditarik {when}" in gone
        assert "Bagikan" not in gone and "wa.me" not in gone and "sharer" not in gone
        assert "Diperbarui" not in gone
        for listing in ("index.html", "kategori/berita/index.html", "sitemap.xml", "rss.xml"):
            assert "komdigi/2026/pelatihan" not in (out / site / listing).read_text(), listing
        # Not a JSON Feed item (readers would show it), but announced to syncing newsrooms.
        feed = json.loads((out / site / "feed.json").read_bytes())
        assert not [i for i in feed["items"] if "komdigi/2026/pelatihan" in i["id"]]
        (gone_item,) = feed["_newsroom"]["withdrawn"]
        assert gone_item["id"] == "komdigi/2026/pelatihan"
        assert gone_item["front_matter"]["status"] == "withdrawn"
        tombstones = (out / site / "atom.xml").read_text()
        assert (
            'at:deleted-entry ref="https://b.example/nasional/komdigi/2026/pelatihan/"'
            in tombstones
        )


def test_cron_recipe_builds_once_when_an_embargo_lifts(tmp_path: Path) -> None:
    """`schedule --due && build`, as cron runs it every minute, across the lift."""
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)

    def due(now: datetime) -> tuple[int, str]:
        result = invoke(["schedule", "--due", "--now", now.isoformat()], root)
        return result.exit_code, result.stdout

    def build(now: datetime) -> None:
        assert invoke(["build", "--now", now.isoformat()], root).exit_code == 0

    page = root / "site/kalimantan-timur" / EMBARGOED[0] / "index.html"
    assert due(LIFT - timedelta(minutes=5))[0] == 0  # never built here: build now
    build(LIFT - timedelta(minutes=5))
    assert due(LIFT - timedelta(seconds=1)) == (1, "")  # nothing lifted since: no build
    assert not page.exists()
    assert due(LIFT) == (0, f"2026-11-25T01:00:00Z {EMBARGOED[0]}\n")
    assert due(LIFT + timedelta(seconds=40)) == (0, f"2026-11-25T01:00:00Z {EMBARGOED[0]}\n")
    build(LIFT + timedelta(seconds=40))
    assert EMBARGOED[1] in page.read_text()
    assert due(LIFT + timedelta(minutes=1)) == (1, "")  # built: the next minute does nothing


def test_a_partial_build_does_not_count_as_built(tmp_path: Path) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    invoke(["build", "--now", (LIFT - timedelta(minutes=5)).isoformat()], root)
    after = (LIFT + timedelta(seconds=1)).isoformat()
    assert invoke(["build", "--site", "desk", "--now", after], root).exit_code == 0
    assert invoke(["schedule", "--due", "--now", after], root).exit_code == 0


def test_schedule_prints_a_time_systemd_accepts() -> None:
    golden = FIXTURES / "golden"
    out = invoke(["schedule", "--format", "systemd", "--now", "2026-11-25T00:59:59Z"], golden)
    assert out.exit_code == 0 and out.stdout == "2026-11-25 01:00:00 UTC\n"
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("no systemd-analyze here to ask systemd itself")
    for spec, accepted in ((out.stdout.strip(), True), ("2026-11-25T01:00:00Z", False)):
        done = subprocess.run([analyze, "calendar", spec], capture_output=True, check=False)
        assert (done.returncode == 0) is accepted, (spec, done.stderr)


def test_a_build_previewing_the_future_does_not_silence_cron(tmp_path: Path) -> None:
    """`build --now 2099-...` shows every embargo lifted; cron must not take it for a
    build that really happened then, or `schedule --due` would stay quiet until 2099."""
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    assert invoke(["build", "--now", "2099-01-01T00:00:00Z"], root).exit_code == 0
    assert not (root / ".newsroom" / "last-build.json").exists()
    assert invoke(["schedule", "--due", "--now", LIFT.isoformat()], root).exit_code == 0


def test_a_withdrawal_without_its_time_shows_no_invented_one(
    central_repo: Callable[..., Path],
) -> None:
    """Withdrawn before `withdrawn_at` existed: the notice and reason, but no date (feeds
    still need one and take the latest correction's; a reader must not be told that)."""
    old = WITHDRAWN.replace("withdrawn_at: 2026-11-22 14:30\n", "")
    root = central_repo({"komdigi/2026/pelatihan": old})
    out = build_repo(root, datetime(2026, 11, 24, tzinfo=UTC), "https://b.example/")
    gone = (out / "nasional/komdigi/2026/pelatihan/index.html").read_text()
    notice = gone.split('<div class="box notice" role="note">', 1)[1].split("</div>", 1)[0]
    assert "Rilis ini telah ditarik" in notice and "Pelatihan ditunda" in notice
    assert "<time" not in notice and "Bagikan" not in gone
