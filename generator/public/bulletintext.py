"""The weekly bulletin as plain text (`buletin-<site>-<yyyy>-w<ww>.txt` beside its
page): what a Penyuluh Informasi Publik pastes into a WhatsApp group or reads out.

Plain UTF-8 text, no markup and no HTML entities: every text from the front matter is
made one line of printable characters (line breaks, control and bidi characters
gone), so a title cannot break the layout or smuggle anything; nothing is escaped,
because nothing here is ever read as markup. A clarification leads with its verdict
in capitals (`[HOAKS]`), then the claim, then the facts.
"""

from __future__ import annotations

import unicodedata

from generator.public.bulletinview import EditionView, ItemView, RalatView

SUMMARY_LIMIT = 700  # characters of an item's summary: a phone screen or two


def plain(text: str) -> str:
    """`text` as one line of printable characters: control and format characters (bidi
    overrides, zero-width ones) dropped, every run of white space one space."""
    if text.isprintable():  # none of those, and no white space but the space: most text
        return " ".join(text.split())
    kept = "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    return " ".join(kept.split())


def _cut(text: str, limit: int) -> str:
    text = plain(text)
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def digest(view: EditionView) -> str:
    """The edition as text: a header, the Ralat, then each item, blank lines between."""
    head = [
        plain(f"BULETIN MINGGUAN {view.site}").upper(),
        f"{view.label} ({view.span})",
    ]
    if not view.complete:
        head.append(f"Edisi berjalan: masih bertambah sampai {view.closes}.")
    head.append(f"Versi cetak (PDF) dan daring: {view.url}")
    blocks = ["\n".join(head)]
    if view.ralat:
        blocks.append("RALAT\n" + "\n\n".join(_ralat(r) for r in view.ralat))
    blocks += [_item(number, item) for number, item in enumerate(view.items, 1)]
    if view.left_out:
        blocks.append(
            f"{view.left_out} rilis lain minggu ini tidak muat di buletin; "
            f"bacalah di {view.site_address}"
        )
    if not view.items:
        blocks.append("Tidak ada rilis baru minggu ini.")
    return "\n\n".join(blocks) + "\n"


def _item(number: int, item: ItemView) -> str:
    lines = [
        f"{number}. {plain(item.title)}",
        f"{item.date} · {plain(item.office)}",
    ]
    if item.claim is not None:
        lines.append(f"Klaim: {_cut(item.claim, SUMMARY_LIMIT)}")
        lines.append(f"Fakta: {_cut(item.summary, SUMMARY_LIMIT)}")
    elif item.summary:
        lines.append(_cut(item.summary, SUMMARY_LIMIT))
    lines.append(item.url)
    return "\n".join(lines)


def _ralat(ralat: RalatView) -> str:
    what = "Ditarik" if ralat.withdrawn else "Dikoreksi"
    return "\n".join(
        [
            f"- {what} {ralat.date}: {plain(ralat.title)}",
            f"  {_cut(ralat.note, SUMMARY_LIMIT)}",
            f"  {ralat.url}",
        ]
    )
