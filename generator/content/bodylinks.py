"""The links and images of a release body, each with the body line it is on.

Found the way the site finds them: the body goes through cmark-gfm with the
options and extensions `generator.public.bodyhtml` uses, so a link inside code is no
link, a reference-style link counts where it is used, and raw HTML `<a>` and
`<img>` count too. cmark marks only blocks with their source lines; within a
block, the line is the one where the written address is found.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from urllib.parse import unquote

from cmarkgfm.cmark import Options

from generator.util.commonmark import to_html

# As generator.public.bodyhtml reads bodies, plus the source lines of each block.
_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_SOURCEPOS
_EXTENSIONS = ["table", "strikethrough", "autolink"]


@dataclass(frozen=True)
class BodyLink:
    url: str  # as the renderer sees it (character references decoded)
    written: str  # as the writer typed it, when found (cmark percent-encodes spaces...)
    image: bool  # an <img> (dropped from the page when it cannot be shown), else an <a>
    line: int  # line of the body, from 1
    alt: str | None = None  # an image's alt text as rendered (None: an <a>, or none written)


def body_links(body: str) -> list[BodyLink]:
    """Every `href` of an `<a>` and `src` of an `<img>` the body renders to, in order."""
    if all(_ELSEWHERE.match(target) for target in _targets(body)):
        # No link at all, or only to other hosts and anchors: most bodies, not worth
        # rendering (every link's target is written in the text, so none is missed).
        return []
    rendered = to_html(body, _OPTIONS, _EXTENSIONS)
    written = _Written(body)
    seen: dict[tuple[int, int, str], int] = {}
    links = []
    # Inline content is only in leaf blocks (paragraphs, headings, table cells, tight list
    # items), which hold no other block: a link's block is the last one opened before it.
    block = (1, written.lines)
    for found in _MARKS.finditer(_without_comments(rendered)):
        if found["first"]:
            block = (int(found["first"]), int(found["last"]))
            continue
        image = found["tag"].lower() == "img"
        value = _attribute(found["attrs"], "src" if image else "href")
        if not value:
            continue
        url = html.unescape(value).strip()
        first, last = block
        times = seen.get((first, last, url), 0)
        seen[(first, last, url)] = times + 1
        line, form = written.line_of(url, first, times)
        alt = _attribute(found["attrs"], "alt") if image else None
        links.append(BodyLink(url, form, image, line, alt))
    return links


# Where a link can be written: `[..](target`, `[..]: target`, `href=`/`src=` in raw HTML.
_TARGETS = re.compile(
    r"""\]\(\s*<?([^\s)>]*)|\]:\s*<?(\S*)|(?:href|src)\s*=\s*["']?([^"'\s>]*)""",
    re.IGNORECASE,
)
# Another host's address (a scheme, or `//host`) or an anchor on the page.
_ELSEWHERE = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:|//|#)")


def _targets(body: str) -> list[str]:
    # Most bodies have no link at all, and `_TARGETS` scans 5 KB in a quarter of a
    # millisecond (ignoring case defeats the regex engine's prefix search): look first
    # for the text every match contains.
    lowered = body.lower()
    if "](" not in body and "]:" not in body and "href" not in lowered and "src" not in lowered:
        return []
    return [a or b or c for a, b, c in _TARGETS.findall(body)]


# A block's source lines (cmark's sourcepos), or an <a>/<img> tag with its attributes.
_MARKS = re.compile(
    r'<(?:[a-z0-9]+ data-sourcepos="(?P<first>\d+):\d+-(?P<last>\d+):\d+"'
    r"|(?P<tag>a|img)\s(?P<attrs>[^>]*)>)",
    re.IGNORECASE,
)
_ATTR = re.compile(r"""\b([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def _without_comments(rendered: str) -> str:
    """`rendered` without its HTML comments, which pages drop, links and all; an unclosed
    one runs to the end. By `find`, not a lazy regex: that tried every `<!--` against the
    rest of the text, and 60,000 unclosed ones took minutes."""
    kept, at = [], 0
    while (start := rendered.find("<!--", at)) >= 0:
        kept.append(rendered[at:start])
        end = rendered.find("-->", start + 4)
        if end < 0:
            return "".join(kept)
        at = end + 3
    kept.append(rendered[at:])
    return "".join(kept)


def _attribute(attrs: str, wanted: str) -> str | None:
    for name, double, single, bare in _ATTR.findall(attrs):
        if name.lower() == wanted:
            return str(double or single or bare)
    return None


class _Written:
    """Where each address is written in the body, found in one pass over it.

    An address counts where it is written whole: after a line's start, a space, `(`,
    `<`, a quote or `=`, and before a line's end, a space, `)`, `>` or a quote
    (`../assets/a.png` is not in `../../assets/a.png`). Looking each link up by
    scanning its block again made a body of 37,000 `[a](x)` lines quadratic (171 s to
    check, issue 13): the addresses are indexed once instead, and each link's place is
    found by bisection.
    """

    def __init__(self, body: str) -> None:
        self._body = body
        self._line_starts = [0, *(found.end() for found in re.finditer("\n", body))]
        self.lines = len(self._line_starts)
        # Every run of characters that can end an address whole, at its start, and the
        # part after each of its first `=` (an unquoted `href=..`): positions ascending.
        self._index: dict[str, list[int]] = {}
        for found in _RUN.finditer(body):
            start, end = found.span()
            if end < len(body) and body[end] in "(<":
                continue  # not followed by what ends an address
            run = found.group()
            if start == 0 or body[start - 1] not in ")>":
                self._index.setdefault(run, []).append(start)
            equals = -1
            for _ in range(_EQUALS_INDEXED):
                equals = run.find("=", equals + 1)
                if equals < 0 or equals + 1 == len(run):
                    break
                self._index.setdefault(run[equals + 1 :], []).append(start + equals + 1)
        self._scans_left = _SCANS
        self._places: dict[str, tuple[list[int], list[tuple[int, str]]] | None] = {}

    def line_of(self, url: str, first: int, skip: int) -> tuple[int, str]:
        """The line holding the `skip`+1-th occurrence of `url` from line `first` on (a
        link's block first; for raw HTML blocks, which cmark gives no lines, and for
        reference definitions, the lines after it), and the form it is written in there
        (cmark may have percent-encoded it); else `first` and `url`."""
        if url not in self._places:
            self._places[url] = self._find(url)
        found = self._places[url]
        if found is None:
            return first, url
        lines, places = found
        at = bisect_left(lines, first) + skip
        return places[at] if at < len(places) else (first, url)

    def _find(self, url: str) -> tuple[list[int], list[tuple[int, str]]] | None:
        """Every place `url` is written (as is, or percent-decoded), in order, or None
        when the body is not worth scanning once more for it."""
        positions: list[tuple[int, str]] = []
        for form in {url, unquote(url)}:
            if form and not _RUN_BREAK.search(form):
                positions += [(at, form) for at in self._index.get(form, ())]
                continue
            # A form with spaces, brackets or quotes is in no run: scanned for, a few
            # times per body at most, so no body costs more than a few passes.
            if not form or self._scans_left <= 0:
                return None
            self._scans_left -= 1
            pattern = re.compile(rf"""(?:^|(?<=[\s(<"'=])){re.escape(form)}(?=[\s)>"']|$)""", re.M)
            positions += [(found.start(), form) for found in pattern.finditer(self._body)]
        positions.sort()
        places = [(bisect_right(self._line_starts, at), form) for at, form in positions]
        return [line for line, _ in places], places


# A run of characters an address whole can be made of, and what breaks one.
_RUN = re.compile(r"""[^\s()<>"']+""")
_RUN_BREAK = re.compile(r"""[\s()<>"']""")
# `<img src=a alt=b>` has one `=` per run; more are indexed only so far (linear work).
_EQUALS_INDEXED = 4
# Distinct addresses with spaces, brackets or quotes looked for per body (each a scan).
_SCANS = 16
