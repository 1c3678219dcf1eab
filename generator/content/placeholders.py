"""The texts `newsroom new` writes for the writer to replace, defined once.

The scaffold writes them; validation refuses a release that still holds one once
it is no longer a draft (a draft holding them is only warned about).
"""

from __future__ import annotations

BODY = "Tulis paragraf pembuka di sini: apa, siapa, kapan, di mana, mengapa dan bagaimana."
CLAIM = "Tulis isi klaim/hoaks yang beredar di sini"
# A produk-hukum release's `regulation:` (its number and subject), as `newsroom new` starts it.
REGULATION_NUMBER = "Tulis nomornya"
REGULATION_ABOUT = "Tulis judul peraturan (tentang apa) di sini"


def body_line(body: str) -> int | None:
    """The body line (from 1) holding the template paragraph, or None."""
    if BODY not in body:
        return None
    for number, text in enumerate(body.split("\n"), start=1):
        if BODY in text:
            return number
    return None  # across lines: cannot be, it is one line; kept for the type


def is_claim(text: str) -> bool:
    return CLAIM in text
