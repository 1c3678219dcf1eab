"""A hostile office's releases in the weekly bulletin: every text vector in every front-
matter field of releases of one week (titles, summaries, claims), and in the correction
notes and withdrawal reasons printed as Ralat. The bulletin's pages have no executable
sink (parsed as a browser parses them), its feed neither; its text has every field as
one line of the plain text written, never an entity or a control character; its PDF
prints the same texts as text and stays within four pages."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2 as pdfium

from generator.public.bulletintext import plain
from tests.conftest import release_text
from tests.security.hostile import TEXT_VECTORS, quoted, release_fields
from tests.security.sinks import feed_sinks, page_sinks
from tests.sitebuild import build_repo

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # week 49 runs, week 48 is over
SITE = "kalimantan-timur"


def _hostile_repo(central_repo) -> Path:  # type: ignore[no-untyped-def]
    releases = {}
    for n, text in enumerate(TEXT_VECTORS):
        fields = release_fields(n, text)
        fields["date"] = f"2026-11-{23 + n % 7} 10:00"  # week 48
        fields["updates"] = f'[{{date: "2026-11-30 09:00", note: {quoted(text)}}}]'  # Ralat
        for field in ("image", "attachments", "contact", "tags", "regions", "credits"):
            fields.pop(field)
        if fields.get("status") == "withdrawn":
            fields["withdrawn_at"] = '"2026-11-30 10:00"'
        releases[f"kutai-timur/2026/vektor-{n:02d}"] = release_text(**fields)
    return central_repo(releases)  # type: ignore[no-any-return]


def test_hostile_texts_stay_text_in_the_bulletins_page_feed_text_and_pdf(
    central_repo,  # type: ignore[no-untyped-def]
) -> None:
    root = _hostile_repo(central_repo)
    out = build_repo(root, NOW, "https://b.example/", out=root / "site")
    folder = out / SITE / "buletin"
    pages = sorted(folder.rglob("index.html"))
    assert len(pages) >= 3  # /buletin/, week 48, week 49 (its Ralat)
    for page in pages:
        assert page_sinks(page.read_text(encoding="utf-8")) == [], page
    assert feed_sinks((folder / "atom.xml").read_bytes()) == []

    text = (folder / "2026-w48" / f"buletin-{SITE}-2026-w48.txt").read_text(encoding="utf-8")
    assert all(unicodedata.category(c) != "Cc" for c in text.replace("\n", ""))
    heads = [b.split("\n", 1)[0] for b in text.split("\n\n") if re.match(r"\d+\. ", b) is not None]
    assert len(heads) >= 5
    titles = {plain(f"Rilis {n} {t}") for n, t in enumerate(TEXT_VECTORS)}
    for head in heads:
        title = head.split(". ", 1)[1].removeprefix("[HOAKS] ")
        assert title in titles, head  # the title as written, on one line, unescaped

    ralat = (folder / "2026-w49" / f"buletin-{SITE}-2026-w49.txt").read_text(encoding="utf-8")
    assert ralat.count("- Dikoreksi ") + ralat.count("- Ditarik ") == 8  # at most 8 printed

    pdf = pdfium.PdfDocument(str(folder / "2026-w48" / f"buletin-{SITE}-2026-w48.pdf"))
    try:
        assert len(pdf) <= 4
        printed = "".join("".join(p.get_textpage().get_text_range() for p in pdf).split())
    finally:
        pdf.close()
    for head in heads:
        title = head.split(". ", 1)[1]
        # Printed as the characters written (`<script>` and all), never interpreted.
        assert "".join(title.split())[:50] in printed, title
