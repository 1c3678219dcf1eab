"""Clarifications first on the public sites: the verdict on cards and in feeds, the
`/klarifikasi/` index, the province's fresh clarification atop its home page for 72
hours (rebuilt away after), and the plain text beside every release page."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.public.feeds import VERDICT_SCHEME
from tests.conftest import release_text
from tests.generator.test_incremental import files
from tests.sitebuild import build_repo

BASE = "https://b.example/"
# Kaltim's clarification became public at 2026-12-01 09:00 WITA (01:00 UTC).
PUBLISHED = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
CLAIM = "{text: Jembatan Mahakam ditutup total tiga bulan., verdict: menyesatkan}"


def _releases() -> dict[str, str]:
    return {
        "kaltim/2026/jembatan": release_text(
            title="Kabar Penutupan Jembatan Mahakam",
            date="2026-12-01 09:00",
            category="klarifikasi",
            claim=CLAIM,
            summary="Hanya kendaraan di atas 8 ton yang dialihkan.",
        ),
        "kaltim/2026/lama": release_text(
            title="Klarifikasi Lama",
            date="2026-11-01 09:00",
            category="klarifikasi",
            claim="{text: Klaim lama., verdict: hoaks}",
        ),
        "kaltim/2026/berita": release_text(title="Pasar Murah", date="2026-12-01 10:00"),
        "komdigi/2026/pusat": release_text(
            title='"[Hoaks] Bansos & Pulsa"',
            date="2026-11-30 08:00",
            category="klarifikasi",
            claim="{text: Bansos pulsa., verdict: hoaks}",
        ),
    }


def _main(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text[text.index("<main") : text.index("</main>")]


@pytest.fixture
def repo(central_repo: Callable[..., Path]) -> Path:
    return central_repo(_releases())


def test_the_index_lists_claim_verdict_and_date_newest_first(repo: Path) -> None:
    out = build_repo(repo, PUBLISHED + timedelta(hours=1), BASE)
    main = _main(out / "kalimantan-timur/klarifikasi/index.html")
    titles = re.findall(r'<h2><a href="([^"]+)">([^<]+)</a></h2>', main)
    assert titles == [
        ("/kalimantan-timur/kaltim/2026/jembatan/", "Kabar Penutupan Jembatan Mahakam"),
        ("/kalimantan-timur/komdigi/2026/pusat/", "[Hoaks] Bansos &amp; Pulsa"),
        ("/kalimantan-timur/kaltim/2026/lama/", "Klarifikasi Lama"),
    ]
    assert '<strong class="verdict">MENYESATKAN</strong>' in main
    assert "Klaim:</span> Jembatan Mahakam ditutup total tiga bulan." in main
    assert '<time datetime="2026-12-01T01:00:00Z">1 Desember 2026</time>' in main
    assert "Pasar Murah" not in main
    # The navigation's "Klarifikasi Hoaks" leads there, on every page.
    home = (out / "kalimantan-timur/index.html").read_text(encoding="utf-8")
    assert '<a href="/kalimantan-timur/klarifikasi/">Klarifikasi Hoaks</a>' in home
    # The national site lists its own (central) clarifications only.
    national = _main(out / "nasional/klarifikasi/index.html")
    assert "Bansos" in national and "Jembatan" not in national


def test_cards_and_feeds_show_the_verdict(repo: Path) -> None:
    out = build_repo(repo, PUBLISHED + timedelta(days=5), BASE)
    archive = _main(out / "kalimantan-timur/kategori/klarifikasi/index.html")
    assert '<strong class="verdict">Status: MENYESATKAN</strong>' in archive
    news = _main(out / "kalimantan-timur/kategori/berita/index.html")
    assert "Status:" not in news
    atom = ET.parse(out / "kalimantan-timur/atom.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = {
        e.findtext("a:id", namespaces=ns): e for e in atom.iterfind("a:entry", namespaces=ns)
    }
    bridge = entries[BASE + "kalimantan-timur/kaltim/2026/jembatan/"]
    assert bridge.findtext("a:title", namespaces=ns) == (
        "[MENYESATKAN] Kabar Penutupan Jembatan Mahakam"
    )
    verdicts = [
        c.attrib for c in bridge.iterfind("a:category", namespaces=ns) if "scheme" in c.attrib
    ]
    assert verdicts == [{"term": "menyesatkan", "scheme": VERDICT_SCHEME, "label": "MENYESATKAN"}]
    # A verdict the office already put in the title is not repeated.
    central = entries[BASE + "nasional/komdigi/2026/pusat/"]
    assert central.findtext("a:title", namespaces=ns) == "[Hoaks] Bansos & Pulsa"
    rss = ET.parse(out / "kalimantan-timur/rss.xml").getroot()
    items = {i.findtext("guid"): i for i in rss.iter("item")}
    item = items[BASE + "kalimantan-timur/kaltim/2026/jembatan/"]
    assert unescape(item.findtext("title") or "").startswith("[MENYESATKAN] ")
    assert [c.text for c in item.iter("category") if c.get("domain") == VERDICT_SCHEME] == [
        "MENYESATKAN"
    ]
    feed = json.loads((out / "kalimantan-timur/feed.json").read_text(encoding="utf-8"))
    titles = [i["title"] for i in feed["items"]]
    assert "[MENYESATKAN] Kabar Penutupan Jembatan Mahakam" in titles
    assert "Pasar Murah" in titles  # other releases keep their titles


def _alert(out: Path, site: str) -> str | None:
    main = _main(out / site / "index.html")
    found = re.search(r'<section class="box claim".*?</section>', main, re.S)
    return found.group(0) if found else None


def test_a_fresh_clarification_heads_its_province_home_for_72_hours(
    repo: Path, tmp_path: Path
) -> None:
    out = repo / "site"
    build_repo(repo, PUBLISHED + timedelta(hours=71, minutes=59), BASE, out=out)
    alert = _alert(out, "kalimantan-timur")
    assert alert is not None
    assert '<span class="verdict">MENYESATKAN</span>' in alert
    assert 'href="/kalimantan-timur/kaltim/2026/jembatan/"' in alert
    assert "Jembatan Mahakam ditutup total tiga bulan." in alert
    # Only a province's own: not Maluku's home, not the national one (central hoax).
    assert _alert(out, "maluku") is None and _alert(out, "nasional") is None
    # The next build after the 72 hours, in the same folder, takes it away ...
    later = PUBLISHED + timedelta(hours=72)
    build_repo(repo, later, BASE, out=out)
    assert _alert(out, "kalimantan-timur") is None
    # ... and gives what a clean build at that time gives.
    fresh = tmp_path / "bersih"
    shutil.copytree(repo / "content", fresh / "content")
    shutil.copy(repo / "mkdocs.yml", fresh / "mkdocs.yml")
    clean = build_repo(fresh, later, BASE, out=fresh / "site")
    assert files(out) == files(clean)


def test_not_before_it_is_public(repo: Path) -> None:
    out = build_repo(repo, PUBLISHED - timedelta(minutes=1), BASE)
    assert _alert(out, "kalimantan-timur") is None


def test_every_release_page_links_its_plain_text(repo: Path) -> None:
    out = build_repo(repo, PUBLISHED + timedelta(hours=1), BASE)
    page = out / "kalimantan-timur/kaltim/2026/jembatan/index.html"
    html = page.read_text(encoding="utf-8")
    href = re.search(r'<a href="([^"]+)" type="text/plain">Teks untuk WhatsApp/SMS</a>', html)
    assert href is not None and href.group(1) == "../jembatan.txt"
    text = (page.parent / href.group(1)).resolve().read_text(encoding="utf-8")
    assert text.startswith("\ufeff[MENYESATKAN] Kabar Penutupan Jembatan Mahakam (")
    wa = re.search(r'href="https://wa\.me/\?text=([^"]+)"', html)
    assert wa is not None
    assert unquote(unescape(wa.group(1))) == text.removeprefix("\ufeff").rstrip("\n")
    # A copy on another site points home: the same text on every site.
    copy = out / "nasional/komdigi/2026/pusat.txt"
    assert copy.read_bytes() == (out / "kalimantan-timur/komdigi/2026/pusat.txt").read_bytes()
    assert f"Selengkapnya: {BASE}nasional/komdigi/2026/pusat/" in copy.read_text()
