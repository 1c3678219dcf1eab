"""A hostile office's regulations: every text vector in the title, `about`, `number` and
`type_name` of a `regulation:` comes out of the index of regulations, its feeds and the
page's JSON-LD `Legislation` as text, never as markup or script."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import release_text
from tests.security.hostile import TEXT_VECTORS, quoted
from tests.security.sinks import feed_sinks, json_feed_sinks, page_sinks
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
SITE = "kalimantan-timur"


def _release(n: int, text: str) -> str:
    kind = "type: lainnya, type_name: " + quoted(text) if n % 2 else "type: Pergub"
    rule = (
        f"{{{kind}, number: {quoted(text)}, year: 2026, about: {quoted(text)}, "
        f"document: assets/naskah.pdf}}"
    )
    return release_text(
        title=quoted(f"Peraturan {text}"),
        date=f"2026-11-{1 + n:02d} 10:00",
        category="produk-hukum",
        attachments="[{title: Naskah, src: assets/naskah.pdf}]",
        regulation=rule,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import CENTRAL_OFFICES, MKDOCS_YML

    root = tmp_path_factory.mktemp("jahat") / "pusat"
    (root / "content/national").mkdir(parents=True)
    (root / "content/pages").mkdir()
    (root / "content/offices.yml").write_text(CENTRAL_OFFICES, encoding="utf-8")
    (root / "content/national/curation.yml").write_text("featured: []\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    for n, text in enumerate(TEXT_VECTORS):
        path = root / f"content/releases/kaltim/2026/jahat-{n}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_release(n, text), encoding="utf-8")
    pdf = root / "content/assets/kaltim/naskah.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF-1.4\n")
    return build_repo(root, NOW, "https://b.example/", [SITE])


def test_the_index_holds_every_vector_as_text(built: Path) -> None:
    page = (built / SITE / "produk-hukum/index.html").read_text(encoding="utf-8")
    assert page_sinks(page) == []
    main = html.unescape(page[page.index("<main") : page.index("</main>")])
    for n, text in enumerate(TEXT_VECTORS):
        kind = text if n % 2 else "Pergub"
        assert f"{kind} Nomor {text} Tahun 2026 tentang {text}" in main, text


def test_the_feeds_of_the_index_hold_no_sink(built: Path) -> None:
    folder = built / SITE / "produk-hukum"
    for name in ("atom.xml", "rss.xml"):
        assert feed_sinks((folder / name).read_bytes()) == [], name
    data = (folder / "feed.json").read_bytes()
    assert json_feed_sinks(data) == []
    items = json.loads(data)["items"]
    assert len(items) == len(TEXT_VECTORS)
    abouts = {item["_newsroom"]["front_matter"]["regulation"]["about"] for item in items}
    assert abouts == set(TEXT_VECTORS)


@pytest.mark.parametrize("n", range(len(TEXT_VECTORS)))
def test_the_json_ld_legislation_is_json_and_text(built: Path, n: int) -> None:
    page = (built / SITE / f"kaltim/2026/jahat-{n}/index.html").read_text(encoding="utf-8")
    assert page_sinks(page) == []
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(scripts) == 1
    assert "<" not in scripts[0]  # nothing can close the script element
    (legislation,) = [d for d in json.loads(scripts[0]) if d["@type"] == "Legislation"]
    text = TEXT_VECTORS[n]
    assert legislation["about"] == text
    assert legislation["legislationIdentifier"].startswith(f"{text if n % 2 else 'Pergub'} ")
