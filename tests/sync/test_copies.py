"""What a synced copy tells readers: the page it was copied from (a feed item's `url`)
as its canonical address and on its "Sumber" line, and where and when it was copied in
words and a date; git versions stay on the desk, never on a public page."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from generator.content.repository import CENTRAL, Layout
from sync.runner import Options, sync
from tests.conftest import release_text
from tests.sitebuild import build_repo
from tests.sync.gitrepos import central_repo, commit, git, office_repo
from tests.sync.test_feed_sync import FAST, NOW, Server, kutim_items, serve_feed

CENTRAL_URL = "https://pusat.example.go.id/"
PERBUP = "kalimantan-timur/kutai-timur/2026/perbup-jam-layanan/index.html"


def public_files(out: Path) -> dict[str, str]:
    """Every file of the built public sites (the desk is the editors' own)."""
    return {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in out.rglob("*")
        if p.is_file() and p.relative_to(out).parts[0] != "desk"
    }


def canonical(page: str) -> str:
    found = re.search(r'<link rel="canonical" href="([^"]*)">', page)
    assert found is not None
    return found.group(1)


def synced_and_built(server: Server, published: Path, tmp_path: Path, items: list[Any]) -> Path:
    feed = serve_feed(server, published, tmp_path.name, items)
    central = central_repo(tmp_path / "pusat", {"kutai-timur": feed})
    now = datetime(2026, 11, 24, 1, 30, tzinfo=UTC)
    (result,) = sync(Layout(central, CENTRAL), Options(now=now, limits=FAST))
    assert result.ok, result.problems
    return build_repo(central, NOW, CENTRAL_URL, ["kalimantan-timur"])


def test_a_feed_copy_names_the_page_it_was_copied_from(
    server: Server, published: Path, tmp_path: Path
) -> None:
    items = kutim_items(published)
    origin = next(i["url"] for i in items if "perbup-jam-layanan" in i["url"])
    assert origin.startswith(server.url)  # the office's own site, on 127.0.0.1
    out = synced_and_built(server, published, tmp_path, items)
    page = (out / PERBUP).read_text()
    assert canonical(page) == origin
    sumber = page.split('<p class="src">', 1)[1].split("</p>", 1)[0]
    assert f'(tayang pertama di <a href="{origin}">{origin}</a>)' in sumber
    assert f'<meta property="og:url" content="{origin}">' in page
    # Where and when it was copied, in words: the feed's ETag is no reader's business.
    assert "Asal berkas: Disalin dari umpan " in page
    assert "pada Selasa, 24 November 2026 09.30 WITA." in page
    assert " versi " not in page


def test_a_moved_page_is_followed_though_its_release_is_unchanged(
    server: Server, published: Path, tmp_path: Path
) -> None:
    items = kutim_items(published)
    perbup = next(i for i in items if "perbup-jam-layanan" in i["url"])
    synced_and_built(server, published, tmp_path, items)
    perbup["url"] = f"{server.url}arsip-baru/kutai-timur/2026/perbup-jam-layanan/"
    serve_feed(server, published, tmp_path.name, items)
    (result,) = sync(
        Layout(tmp_path / "pusat", CENTRAL), Options(now=datetime.now(UTC), limits=FAST)
    )
    assert result.ok and not (result.new or result.updated)
    out = build_repo(tmp_path / "pusat", NOW, CENTRAL_URL, ["kalimantan-timur"])
    assert canonical((out / PERBUP).read_text()) == perbup["url"]


@pytest.mark.parametrize(
    "bad",
    [
        "http://humas:rahasia-sekali@{host}kalimantan-timur/x/",
        "http://token-rahasia-sekali@{host}kalimantan-timur/x/",
        "{url}kalimantan-timur/x/?token=rahasia-sekali",
        "javascript:alert('rahasia-sekali')//{host}",
        "https://rahasia-sekali.example/kalimantan-timur/x/",  # another site
        "{url}kalimantan-timur/rahasia-sekali x/",
        '{url}kalimantan-timur/rahasia-sekali"onmouseover=x/',
    ],
)
def test_an_unfit_item_url_is_not_taken(
    server: Server, published: Path, tmp_path: Path, bad: str
) -> None:
    items = kutim_items(published)
    perbup = next(i for i in items if "perbup-jam-layanan" in i["url"])
    # No assets: they are fetched next to the item's page, which these addresses miss
    # (the regulation names its PDF among the attachments: it goes with them).
    for name in ("image", "attachments", "regulation"):
        perbup["_newsroom"]["front_matter"].pop(name, None)
    perbup["_newsroom"]["markdown"] = "Jam layanan kantor bupati berubah."
    host = server.url.split("://", 1)[1]
    perbup["url"] = bad.format(host=host, url=server.url)
    out = synced_and_built(server, published, tmp_path, items)
    page = (out / PERBUP).read_text()
    # The copy stays ours, as for a git office: canonical on its home site.
    assert canonical(page) == CENTRAL_URL + PERBUP.removesuffix("index.html")
    leaks = [name for name, text in public_files(out).items() if "rahasia-sekali" in text]
    assert leaks == []
    state = json.loads((tmp_path / "pusat/content/sync/kutai-timur.json").read_text())
    assert "rahasia-sekali" not in json.dumps(state)


@pytest.mark.parametrize(
    ("url", "fit"),
    [
        ("https://diskominfo.example.go.id/kaltim/kutim/2026/a/", True),
        ("http://127.0.0.1:8080/a/", True),
        ("https://a.example/" + "x" * 2000, False),
        ("https://user@a.example/a/", False),
        ("https://a.example:99999/a/", False),
        ("ftp://a.example/a/", False),
        ("https:///a/", False),
        ("https://a.example/a/#bagian", False),
        ("https://a.example/a/\n", False),
        (42, False),
    ],
)
def test_origin_url_takes_only_a_public_web_address(url: object, fit: bool) -> None:
    from generator.content.sourceurl import origin_url

    assert (origin_url(url) is not None) is fit


def test_public_pages_never_show_a_git_version(tmp_path: Path) -> None:
    kutim = office_repo(
        tmp_path / "kutim",
        "kutai-timur",
        {
            "releases/2026/rapat.md": release_text(title="Rapat Koordinasi"),
            "releases/2026/banjir.md": release_text(title="Banjir Surut"),
            "releases/2026/pasar.md": release_text(title="Pasar Murah"),
        },
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(kutim)})
    now = datetime(2026, 11, 24, 1, 30, tzinfo=UTC)
    sync(Layout(central, CENTRAL), Options(now=now))
    first = git(kutim, "rev-parse", "HEAD")
    git(kutim, "rm", "-q", "releases/2026/banjir.md")
    second = commit(kutim, "hapus")
    now = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
    sync(Layout(central, CENTRAL), Options(now=now))
    out = build_repo(central, NOW, CENTRAL_URL, ["kalimantan-timur"])
    public = public_files(out)
    for version in (first, second):
        leaks = [name for name, text in public.items() if version[:10] in text]
        assert leaks == []
    base = "kalimantan-timur/kutai-timur/2026"
    page = public[f"{base}/rapat/index.html"]
    assert (
        "Asal berkas: Disalin dari repositori kutim (releases/2026/rapat.md) "
        "pada Selasa, 24 November 2026 09.30 WITA." in page
    )
    gone = public[f"{base}/banjir/index.html"]
    assert "Dihapus dari sumber Kantor kutai-timur; ditarik otomatis" in gone
    assert '<time datetime="2026-11-24T02:00:00Z">Selasa, 24 November 2026 10.00 WITA' in gone
    # The desk keeps the version, to trace the file in the office's repository.
    desk = build_repo(central, NOW, CENTRAL_URL, out=central / "meja")
    desk_text = "".join(p.read_text(errors="replace") for p in (desk / "desk").rglob("*.html"))
    assert first[:12] in desk_text
