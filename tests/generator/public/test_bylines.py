"""Officers on the built sites: a NIP never reaches any built file (public sites,
feeds, sitemaps, JSON-LD, the desk with its offices' report and its search index,
every `.gz` twin); names and roles only where the newsroom enables bylines, escaped."""

from __future__ import annotations

import gzip
import re
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from generator.content.layout import CENTRAL, Layout
from generator.content.repository import load_repository
from tests.conftest import FIXTURES, REPO_ROOT, release_text
from tests.generator.test_incremental import files
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
BASE = "https://berita.example.go.id/"
PLUGIN = "  - newsroom:\n"


def with_bylines(root: Path) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert PLUGIN in text
    config.write_text(text.replace(PLUGIN, PLUGIN + "      bylines: true\n", 1), "utf-8")


def every_text(site: Path) -> dict[str, str]:
    """Every built file as text (bytes decoded leniently), `.gz` twins and the search
    index's pieces (Pagefind compresses them, whatever their names) decompressed."""
    texts = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        texts[str(path.relative_to(site))] = data.decode("utf-8", "replace")
    return texts


def sample_nips() -> list[str]:
    layout = Layout(REPO_ROOT, CENTRAL)
    offices = load_repository(layout).offices.values()
    return [o.nip for office in offices for o in office.officers if o.nip]


def nip_forms(nip: str) -> list[str]:
    """The NIP as digits, as written with spaces, and each run of its parts."""
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return [nip, spaced, re.sub(" ", "", spaced)]


def test_no_nip_reaches_any_built_file_even_with_bylines(sample_copy: Path) -> None:
    nips = sample_nips()
    assert len(nips) >= 10  # the sample lists officers in several offices
    with_bylines(sample_copy)
    site = build_repo(sample_copy, NOW, BASE)
    texts = every_text(site)
    assert "desk/search/search_index.json" in texts  # the desk's index is searched too
    assert "desk/laporan/index.html" in texts  # and the desk's page of the offices' report
    # The public sites' search indexes are read unpacked: a province's own, and the
    # central releases' it shares.
    fragments = [n for n in texts if "/pagefind/pusat/fragment/" in n]
    assert fragments and all('"url"' in texts[name] for name in fragments)  # unpacked
    assert any(name.endswith(".gz") for name in texts)
    assert any("Rina Kusumawati" in text for text in texts.values())  # bylines are on
    for nip in nips:
        for form in nip_forms(nip):
            leaks = [name for name, text in texts.items() if form in text]
            assert leaks == [], f"NIP {form} in {leaks}"


def test_bylines_are_off_by_default_and_no_name_or_credit_is_published(
    sample_copy: Path,
) -> None:
    site = build_repo(sample_copy, NOW, BASE, sites=["nasional"])
    texts = every_text(site / "nasional")
    assert not [name for name, text in texts.items() if "Rina Kusumawati" in text]
    assert not [name for name, text in texts.items() if '"credits"' in text]
    page = texts["komdigi/2026/literasi-digital-5000-desa/index.html"]
    assert 'class="byline"' not in page


def test_a_byline_names_roles_in_order_and_escapes_a_hostile_name(
    central_repo: Callable[..., Path],
) -> None:
    hostile = "<script>alert(1)</script> Lisa"
    root = central_repo(
        {"kutai-timur/2026/rapat": release_text(credits="{foto: [ari], penulis: [lisa]}")}
    )
    registry = root / "content" / "offices.yml"
    officers = (
        '  officers:\n    - {id: lisa, name: "' + hostile + '", nip: "199001012015012001"}\n'
        "    - {id: ari, name: Ari & Co, position: Terampil}\n"
    )
    text = registry.read_text(encoding="utf-8")
    text = text.replace(
        '  province: "64"\n- id: ambon', '  province: "64"\n' + officers + "- id: ambon"
    )
    registry.write_text(text, encoding="utf-8")
    with_bylines(root)
    site = build_repo(root, NOW, BASE)
    page = (site / "kalimantan-timur/kutai-timur/2026/rapat/index.html").read_text("utf-8")
    assert (
        '<p class="byline">Penulis: &lt;script&gt;alert(1)&lt;/script&gt; Lisa · '
        "Foto: Ari &amp; Co</p>"
    ) in page
    assert "<script>alert" not in page
    # JSON-LD: the writer is the article's author, a Person, escaped inside the script.
    assert '"author":{"@type":"Person","name":"\\u003cscript\\u003ealert(1)' not in page
    assert '"author":[{"@type":"Person","name":"\\u003cscript\\u003ealert(1)' in page
    feed = (site / "kalimantan-timur/feed.json").read_text("utf-8")
    assert '"credits":"{foto: [ari], penulis: [lisa]}"' in feed or '"credits":{' in feed
    assert '"officers":{"kutai-timur":[{"id":"lisa","name":"' in feed
    assert '{"id":"ari","name":"Ari & Co","position":"Terampil"}]}' in feed
    for text in every_text(site).values():
        assert "199001012015012001" not in text


def test_bylines_switched_on_and_a_renamed_officer_rebuild_as_a_clean_build(
    tmp_path: Path,
) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    # The golden fixture's offices list officers; this release credits two of them.
    credited = root / "content/releases/kutai-timur/2026/perbup-jam-layanan.md"
    text = credited.read_text("utf-8")
    credits = "category: produk-hukum\ncredits: {penulis: [lisa], foto: [ari]}\n"
    credited.write_text(text.replace("category: produk-hukum\n", credits, 1), "utf-8")
    build_repo(root, NOW, BASE, out=root / "site")
    page = "kalimantan-timur/kutai-timur/2026/perbup-jam-layanan/index.html"
    assert 'class="byline"' not in (root / "site" / page).read_text("utf-8")
    with_bylines(root)
    switched = build_repo(root, NOW, BASE, out=root / "site")
    assert "Penulis: Lisa Amalia · Foto: Ari Wibowo" in (switched / page).read_text("utf-8")
    assert files(switched) == files(clean_copy(root, tmp_path / "bersih-1"))
    registry = root / "content/offices.yml"
    registry.write_text(registry.read_text("utf-8").replace("Lisa Amalia", "Lisa A. Putri"))
    renamed = build_repo(root, NOW, BASE, out=root / "site")
    assert "Penulis: Lisa A. Putri · Foto: Ari Wibowo" in (renamed / page).read_text("utf-8")
    assert files(renamed) == files(clean_copy(root, tmp_path / "bersih-2"))


def clean_copy(root: Path, fresh: Path) -> Path:
    """The same newsroom built from nothing: no output, no caches."""
    shutil.copytree(root / "content", fresh / "content")
    shutil.copy(root / "mkdocs.yml", fresh / "mkdocs.yml")
    return build_repo(fresh, NOW, BASE, out=fresh / "site")
