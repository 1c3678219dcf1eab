"""A release as plain text for WhatsApp and SMS: the `.txt` beside its page and the
text of its `https://wa.me/?text=...` share link, made by one function so the two
never differ.

Who reads it: a Penyuluh Informasi Publik forwards it into WhatsApp groups, or
copies its first line into an SMS for people with a phone that has no data; a
reader forwards it on. So:

- The first line stands alone as an SMS (`sms_line`): the verdict of a
  clarification, the title, the office and the day. It is written in the GSM 7-bit
  alphabet where it can be (typographic dashes, quotes and ellipses become their
  ASCII forms) and fits one SMS: 160 characters, or 70 when a character outside
  that alphabet (an emoji, a non-Latin letter) makes the phone send it as UCS-2.
  A link is of no use on a phone without data, so the SMS line names who said it
  and when instead: that is what makes it trusted when read aloud.
- Then the date and time with its zone (WIB/WITA/WIT), and for a clarification the
  claim, the verdict in capitals and the facts, before anything else.
- A summary of at most SUMMARY_MAX characters, the latest correction, and the
  address (the canonical URL) last, where WhatsApp shows its preview.
- A withdrawn release's text says so and asks not to pass it on any more: a
  Penyuluh who forwarded it can forward the retraction.

The wa.me link carries the same text, percent-encoded in full (UTF-8, nothing left
unescaped), and stays under WA_LINK_MAX characters: the summary is shortened
further for the rare text of many emoji or non-Latin letters (each costs 9-12
characters encoded) that would pass it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from generator.content.dates import format_day, format_long
from generator.content.model import Release
from generator.content.vocabulary import VERDICT_LABELS

# At most ~700 characters of summary (the figure): one phone screen in
# WhatsApp, so the address after it is seen without scrolling far.
SUMMARY_MAX = 700
CLAIM_MAX = 280  # a claim may be 1,000 characters: its gist is enough here
NOTE_MAX = 200  # the latest correction's note
# A wa.me link sits in the href of every release page's share list, which counts
# against the page's 14 KB budget, and it passes through WhatsApp's redirect and
# the phone's intent handling. 4,096 characters keeps well inside what browsers,
# proxies (8 KB request lines) and Android intents carry; a typical release's link
# is under 2,000 (tests/generator/public/test_sharetext.py checks the sample's).
WA_LINK_MAX = 4096
WA_PREFIX = "https://wa.me/?text="
SMS_MAX = 160  # one SMS in the GSM 7-bit alphabet
SMS_UCS2_MAX = 70  # one SMS once any character is outside it

# The GSM 03.38 basic alphabet, and the extension characters that cost two septets.
_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = frozenset("^{}\\[~]|€")
# Typographic characters a title often has, as the GSM alphabet can say them.
_TO_GSM = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u00a0": " ",
        "\u00b7": "-",
    }
)


@dataclass(frozen=True)
class ShareText:
    """A release's plain text (the `.txt`) and its wa.me link (the text, or a shorter
    summary of it when the link would pass WA_LINK_MAX)."""

    text: str
    whatsapp: str


def one_line(text: str) -> str:
    """All whitespace (newlines too) as single spaces: a field never breaks the layout."""
    return " ".join(text.split())


def clip(text: str, limit: int, ellipsis: str = "…") -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    if limit <= len(ellipsis):
        return ellipsis[:limit]
    room = limit - len(ellipsis)
    cut = text[:room]
    if " " in cut[room // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:-") + ellipsis


def verdict_tag(release: Release) -> str | None:
    """`[HOAKS]`, `[SEBAGIAN BENAR]` ...: a clarification's verdict in capitals."""
    claim = release.meta.claim
    if claim is None:
        return None
    return f"[{VERDICT_LABELS[claim.verdict][0].upper()}]"


def tagged_title(release: Release) -> str:
    """The title led by its verdict, unless the office already wrote it there."""
    title = one_line(release.meta.title)
    tag = verdict_tag(release)
    if tag is None or title.upper().startswith(tag):
        return title
    return f"{tag} {title}"


def sms_septets(text: str) -> int | None:
    """How many GSM 7-bit septets `text` takes, or None when it needs UCS-2."""
    count = 0
    for char in text:
        if char in _GSM_BASIC:
            count += 1
        elif char in _GSM_EXTENDED:
            count += 2
        else:
            return None
    return count


def sms_line(release: Release) -> str:
    """The first line: one SMS alone (see the module docstring)."""
    title = tagged_title(release)
    if release.meta.status == "withdrawn":
        title = f"[DITARIK] {title}"
    day = format_day(release.meta.date, release.office.zone)
    suffix = f" ({one_line(release.office.name)}, {day})"
    line = (title + suffix).translate(_TO_GSM)
    gsm = sms_septets(line) is not None
    limit = SMS_MAX if gsm else SMS_UCS2_MAX
    ellipsis = "..." if gsm else "…"
    suffix = suffix.translate(_TO_GSM)
    if _sms_length(line, gsm) <= limit:
        return line
    room = limit - _sms_length(suffix, gsm)
    if room >= 20:  # the title keeps a readable part; else the whole line is cut
        return clip(title.translate(_TO_GSM), room, ellipsis) + suffix
    return clip(line, limit, ellipsis)


def _sms_length(text: str, gsm: bool) -> int:
    return (sms_septets(text) or len(text)) if gsm else len(text)


def share_text(release: Release, summary: str, url: str, scale: float = 1.0) -> str:
    """The plain text of `release` (its rendered `summary`, its canonical `url`);
    `scale` < 1 shortens the summary and the claim, for the wa.me link."""
    meta, zone = release.meta, release.office.zone
    summary_max, claim_max = int(SUMMARY_MAX * scale), int(CLAIM_MAX * scale)
    lines = [sms_line(release), format_long(meta.date, zone), ""]
    if meta.status == "withdrawn":
        when = f" pada {format_long(meta.withdrawn_at, zone)}" if meta.withdrawn_at else ""
        lines.append(f"Rilis ini telah ditarik oleh {one_line(release.office.name)}{when}.")
        if meta.withdrawn_reason:
            lines.append(f"Alasan: {clip(meta.withdrawn_reason, NOTE_MAX)}")
        lines += ["Mohon tidak disebarkan lagi.", "", url]
        return "\n".join(lines) + "\n"
    claim = meta.claim
    if claim is not None:
        lines.append(f"Klaim: {clip(claim.text, claim_max)}")
        if claim.appeared_in:
            lines.append(f"Beredar di: {clip(', '.join(claim.appeared_in), NOTE_MAX)}")
        lines.append(f"Status: {verdict_tag(release)}")
        lines.append(f"Faktanya: {clip(summary, summary_max)}")
    elif summary.strip():
        lines.append(clip(summary, summary_max))
    if meta.updates:
        latest = max(meta.updates, key=lambda update: update.date)
        lines += ["", f"Koreksi {format_long(latest.date, zone)}: {clip(latest.note, NOTE_MAX)}"]
    lines += ["", f"Sumber: {one_line(release.office.name)}", f"Selengkapnya: {url}"]
    return "\n".join(lines) + "\n"


def whatsapp_link(text: str) -> str:
    """`https://wa.me/?text=...`: every character but unreserved ASCII percent-encoded
    as UTF-8, so `&`, `#`, `%`, `+`, quotes and newlines reach WhatsApp as written."""
    return WA_PREFIX + quote(text.rstrip("\n"), safe="")


def share(release: Release, summary: str, url: str) -> ShareText:
    """The `.txt` and the wa.me link of `release`, the link within WA_LINK_MAX."""
    text = share_text(release, summary, url)
    link, scale = whatsapp_link(text), 1.0
    while len(link) > WA_LINK_MAX and scale > 0.05:
        scale /= 2
        link = whatsapp_link(share_text(release, summary, url, scale))
    if len(link) > WA_LINK_MAX:  # long office names, places, notes: the SMS line and address
        link = whatsapp_link(f"{sms_line(release)}\n{url}")
    return ShareText(text, link)
