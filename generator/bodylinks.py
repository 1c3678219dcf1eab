"""The links and images of a release body, each with the body line it is on.

Found the way the site finds them: the body goes through cmark-gfm with the
options and extensions `generator.render` uses, so a link inside code is no
link, a reference-style link counts where it is used, and raw HTML `<a>` and
`<img>` count too. cmark marks only blocks with their source lines; within a
block, the line is the one where the written address is found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote

import cmarkgfm
from cmarkgfm.cmark import Options

# As generator.render reads bodies, plus the source lines of each block.
_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_SOURCEPOS
_EXTENSIONS = ["table", "strikethrough", "autolink"]


@dataclass(frozen=True)
class BodyLink:
    url: str  # as the renderer sees it (character references decoded)
    written: str  # as the writer typed it, when found (cmark percent-encodes spaces...)
    image: bool  # an <img> (dropped from the page when it cannot be shown), else an <a>
    line: int  # line of the body, from 1


def body_links(body: str) -> list[BodyLink]:
    """Every `href` of an `<a>` and `src` of an `<img>` the body renders to, in order."""
    if "](" not in body and "]:" not in body and "<" not in body:
        return []  # no link syntax at all: most bodies, not worth rendering
    html = str(cmarkgfm.markdown_to_html_with_extensions(body, _OPTIONS, _EXTENSIONS))
    collector = _Collector()
    try:
        collector.feed(html)
        collector.close()
    except (AssertionError, ValueError):  # html.parser on a malformed `<!...>` section
        pass
    lines = body.split("\n")
    seen: dict[tuple[int, int, str], int] = {}
    links = []
    for url, image, block in collector.found:
        first, last = block if block is not None else (1, len(lines))
        times = seen.get((first, last, url), 0)
        seen[(first, last, url)] = times + 1
        line, written = _line_of(url, lines, first, last, times)
        links.append(BodyLink(url, written, image, line))
    return links


def _line_of(url: str, lines: list[str], first: int, last: int, skip: int) -> tuple[int, str]:
    """The line in [first, last] holding the `skip`+1-th occurrence of `url` and the
    form it is written in there (cmark may have percent-encoded it); the block's first
    line and `url` when not found."""
    forms = "|".join(re.escape(form) for form in sorted({url, unquote(url)}, key=len)[::-1])
    # Whole addresses only: `../assets/a.png` is not in `../../assets/a.png`.
    pattern = re.compile(rf"""(?:^|(?<=[\s(<"'=]))(?:{forms})(?=[\s)>"']|$)""")
    count = 0
    for number in range(first, min(max(last, first), len(lines)) + 1):
        found = pattern.findall(lines[number - 1])
        count += len(found)
        if count > skip:
            return number, found[skip - count]
    return first, url


class _Collector(HTMLParser):
    """`(url, is_image, (first, last) body lines of the enclosing block)` in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, bool, tuple[int, int] | None]] = []
        self._blocks: list[tuple[str, tuple[int, int]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        where = _source_lines(values.get("data-sourcepos"))
        if where is not None:
            self._blocks.append((tag, where))
        block = self._blocks[-1][1] if self._blocks else None
        if tag == "a" and values.get("href"):
            self.found.append((str(values["href"]).strip(), False, block))
        elif tag == "img" and values.get("src"):
            self.found.append((str(values["src"]).strip(), True, block))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._blocks) - 1, -1, -1):
            if self._blocks[index][0] == tag:
                del self._blocks[index:]
                return


def _source_lines(value: str | None) -> tuple[int, int] | None:
    """`"3:1-5:20"` -> (3, 5)."""
    if not value:
        return None
    try:
        start, end = value.split("-", 1)
        return int(start.split(":")[0]), int(end.split(":")[0])
    except ValueError:
        return None
