"""A release as plain text for WhatsApp and SMS: escaping, caps and the SMS line, on
real release files; and the sample newsroom's links within their budget."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.content.model import Release
from generator.content.repository import OFFICE, Layout, find_layout, load_repository
from generator.public.render import Renderer
from generator.public.sharetext import (
    SMS_MAX,
    SMS_UCS2_MAX,
    SUMMARY_MAX,
    WA_LINK_MAX,
    WA_PREFIX,
    share,
    sms_line,
    sms_septets,
)
from tests.conftest import REPO_ROOT, release_text

URL = "https://berita.example.go.id/kalimantan-timur/kutai-timur/2026/x/"
# Everything that means something in a URL, in HTML or to WhatsApp's own markup.
HOSTILE_TITLE = "'Banjir & Longsor #1: 100% \"aman\" + <script>alert(1)</script> 🌧️ *tebal*'"


def load(make: Callable[..., Path], files: dict[str, str]) -> dict[str, Release]:
    root = make({f"releases/2026/{slug}.md": text for slug, text in files.items()})
    repo = load_repository(Layout(root, OFFICE))
    assert not repo.report.errors, repo.report.errors
    return {r.slug: r for r in repo.releases}


def test_the_link_carries_the_text_exactly_whatever_it_holds(
    office_repo: Callable[..., Path],
) -> None:
    releases = load(office_repo, {"x": release_text(title=HOSTILE_TITLE)})
    shared = share(releases["x"], 'Ringkasan & fakta #2 + 50% "benar".', URL)
    assert shared.whatsapp.startswith(WA_PREFIX)
    query = shared.whatsapp.removeprefix(WA_PREFIX)
    # Nothing a URL or WhatsApp reads as a delimiter is left unescaped.
    assert set(query) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789%-._~")
    assert unquote(query) == shared.text.rstrip("\n")
    assert urlsplit(shared.whatsapp).fragment == ""
    # Plain text, never HTML-escaped.
    assert 'Banjir & Longsor #1: 100% "aman" + <script>alert(1)</script> 🌧️' in shared.text
    assert "&amp;" not in shared.text and "&lt;" not in shared.text
    assert shared.text.splitlines()[1] == "Sabtu, 11 April 2026 10.00 WITA"
    assert shared.text.rstrip("\n").endswith(f"Selengkapnya: {URL}")


def test_a_clarification_leads_with_its_claim_verdict_and_facts(
    office_repo: Callable[..., Path],
) -> None:
    claim = (
        '{text: "Jembatan ditutup\\n\\ntotal tiga bulan.", verdict: sebagian-benar, '
        "appeared_in: [WhatsApp, Facebook]}"
    )
    title = "Kabar Penutupan Jembatan"
    releases = load(
        office_repo, {"klar": release_text(title=title, category="klarifikasi", claim=claim)}
    )
    lines = share(releases["klar"], "Hanya truk di atas 8 ton dialihkan.", URL).text.splitlines()
    assert lines[0].startswith("[SEBAGIAN BENAR] Kabar Penutupan Jembatan (")
    assert lines[3:7] == [
        "Klaim: Jembatan ditutup total tiga bulan.",  # its newlines do not break the text
        "Beredar di: WhatsApp, Facebook",
        "Status: [SEBAGIAN BENAR]",
        "Faktanya: Hanya truk di atas 8 ton dialihkan.",
    ]


def test_a_verdict_the_title_already_has_is_not_repeated(
    office_repo: Callable[..., Path],
) -> None:
    claim = "{text: Bansos pulsa., verdict: hoaks}"
    releases = load(
        office_repo,
        {"h": release_text(title='"[Hoaks] Bansos Pulsa"', category="klarifikasi", claim=claim)},
    )
    assert sms_line(releases["h"]).startswith("[Hoaks] Bansos Pulsa (")


def test_the_summary_is_capped_at_a_word(office_repo: Callable[..., Path]) -> None:
    releases = load(office_repo, {"x": release_text()})
    long = " ".join(["kata"] * 400)
    text = share(releases["x"], long, URL).text
    summary = text.splitlines()[3]
    assert len(summary) <= SUMMARY_MAX and summary.endswith("kata…")


def test_the_first_line_is_one_sms(office_repo: Callable[..., Path]) -> None:
    long_title = "Jadwal Layanan “Jemput Bola” Adminduk – " + "Kecamatan Sangatta " * 8
    releases = load(
        office_repo,
        {
            "short": release_text(title="Pasar Murah Sangatta"),
            "long": release_text(title=f'"{long_title.strip()}"'),
            "emoji": release_text(title='"Vaksinasi Gratis 💉 di Semua Puskesmas Mulai Senin"'),
        },
    )
    short = sms_line(releases["short"])
    assert short == "Pasar Murah Sangatta (Diskominfo Staper Kabupaten Kutai Timur, 11 April 2026)"
    long = sms_line(releases["long"])
    # Typographic quotes and dashes become GSM characters: the line stays a 160-character SMS.
    septets = sms_septets(long)
    assert septets is not None and septets <= SMS_MAX
    assert long.startswith('Jadwal Layanan "Jemput Bola" Adminduk - Kecamatan')
    assert long.endswith("... (Diskominfo Staper Kabupaten Kutai Timur, 11 April 2026)")
    # An emoji makes the phone send UCS-2: 70 characters to an SMS.
    emoji = sms_line(releases["emoji"])
    assert sms_septets(emoji) is None and len(emoji) <= SMS_UCS2_MAX


def test_a_withdrawn_release_asks_not_to_be_passed_on(office_repo: Callable[..., Path]) -> None:
    releases = load(
        office_repo,
        {"w": release_text(status="withdrawn", withdrawn_reason="Acara dibatalkan.")},
    )
    text = share(releases["w"], "Ringkasan.", URL).text
    assert text.startswith("[DITARIK] Rilis contoh")
    assert "Alasan: Acara dibatalkan.\nMohon tidak disebarkan lagi." in text
    assert "Ringkasan." not in text


def test_the_worst_link_stays_within_its_limit(office_repo: Callable[..., Path]) -> None:
    """Emoji cost 12 characters each encoded: the summary and claim shrink to fit."""
    claim = "{text: '" + "🌧️" * 400 + "', verdict: hoaks, appeared_in: [" + "📱" * 150 + "]}"
    releases = load(
        office_repo,
        {"e": release_text(title="'" + "🔥" * 200 + "'", category="klarifikasi", claim=claim)},
    )
    shared = share(releases["e"], "🌊" * 2000, URL)
    assert len(shared.whatsapp) <= WA_LINK_MAX
    assert unquote(shared.whatsapp.removeprefix(WA_PREFIX)).endswith(URL)
    assert len(shared.text) > 700  # the .txt keeps the full text


@pytest.mark.parametrize("budget", [2000])
def test_every_sample_release_link_is_short(budget: int) -> None:
    """The sample newsroom's releases, as written by people: well under the limit."""
    layout = find_layout(REPO_ROOT)
    assert layout is not None
    repo = load_repository(layout)
    renderer = Renderer(layout.assets_dir)
    lengths = []
    for release in repo.releases:
        summary = renderer.render(release).summary
        url = "https://newsroom.example.go.id/kalimantan-timur/" + release.url
        lengths.append(len(share(release, summary, url).whatsapp))
    assert lengths and max(lengths) < budget, max(lengths)
