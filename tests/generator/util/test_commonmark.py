"""CommonMark through cmark-gfm, with what cmark allocates freed (generator.util.commonmark)."""

from __future__ import annotations

import subprocess
import sys

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from generator.util.commonmark import to_html

BODIES = [
    "",
    "Paragraf *miring*, **tebal**, ~~coret~~ dan https://contoh.go.id/laman otomatis.\n",
    "## Judul\n\n| Kolom | Angka |\n|---|---:|\n| Beras | 12 |\n\n> kutipan\n>\n> - butir\n",
    "<div onclick=x>HTML mentah</div>\n\n```\nkode <b>\n```\n\n1. satu\n2. dua ✓ — Rp1.000\n",
    '![foto](assets/foto.jpg "judul")\n\n[tautan](../lain.md) <https://a.go.id>\n',
]
OPTIONS = [Options.CMARK_OPT_UNSAFE, Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_SOURCEPOS, 0]
EXTENSIONS = ["table", "strikethrough", "autolink"]


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("body", BODIES)
def test_the_same_html_as_the_binding(body: str, options: int) -> None:
    expected = cmarkgfm.markdown_to_html_with_extensions(body, options, EXTENSIONS)
    assert to_html(body, options, EXTENSIONS) == expected


def test_an_unknown_extension_is_refused() -> None:
    with pytest.raises(ValueError, match="tidak-ada"):
        to_html("teks", 0, ["tidak-ada"])


# Rendering one body many times in a fresh process: how much its memory grew (MB).
_GROWTH = """
import sys
from generator.util.commonmark import to_html
import cmarkgfm
render = {
    "ours": lambda text: to_html(text, 0, ["table", "strikethrough", "autolink"]),
    "binding": lambda text: cmarkgfm.markdown_to_html_with_extensions(
        text, 0, ["table", "strikethrough", "autolink"]),
}[sys.argv[1]]
body = "## Bagian\\n\\n" + "Paragraf dengan **tebal** dan [tautan](https://a.go.id).\\n\\n" * 40
def resident() -> int:
    return int(open("/proc/self/statm").read().split()[1]) * 4096
for n in range(200):
    render(body + str(n))
before = resident()
for n in range(3000):
    render(body + str(n))
print((resident() - before) / 2**20)
"""


def _growth(which: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", _GROWTH, which], capture_output=True, text=True, check=True
    )
    return float(done.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_rendering_gives_its_memory_back() -> None:
    # The binding's own function keeps each body's tree and HTML (about 21 KB a
    # release): the same loop shows it, so this measure would catch a leak of ours.
    # Should a cmarkgfm release stop leaking, this module can go.
    assert _growth("binding") > 20, "the binding leaks"
    assert _growth("ours") < 4
