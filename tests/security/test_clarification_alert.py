"""A province's fresh clarification heads its home page: with every hostile text
vector in its title and claim, that box (and the page) holds text, no sink."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import release_text
from tests.security.hostile import TEXT_VECTORS, quoted
from tests.security.sinks import page_sinks
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)  # a day after the release below


@pytest.mark.parametrize("n", range(len(TEXT_VECTORS)))
def test_the_fresh_clarification_box_holds_hostile_text_as_text(
    central_repo: Callable[..., Path], n: int
) -> None:
    text = TEXT_VECTORS[n]
    release = release_text(
        title=quoted(f"Klarifikasi {text}"),
        date="2026-11-23 10:00",
        category="klarifikasi",
        claim=f"{{text: {quoted(text)}, verdict: disinformasi, appeared_in: [{quoted(text)}]}}",
    )
    root = central_repo({"kaltim/2026/klarifikasi-jahat": release})
    out = build_repo(root, NOW, "https://b.example/", ["kalimantan-timur"])
    page = (out / "kalimantan-timur/index.html").read_text(encoding="utf-8")
    assert page_sinks(page) == []
    box = re.search(r'<section class="box claim".*?</section>', page, re.S)
    assert box is not None
    shown = html.unescape(box.group(0))
    assert f"Klarifikasi {text}" in shown and f"</span> {text}" in shown
    assert "DISINFORMASI" in shown
