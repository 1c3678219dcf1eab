"""The links and images of a release body, each with the body line it is on.

Found the way the site finds them: the body goes through cmark-gfm with the
options and extensions `generator.render` uses, so a link inside code is no
link, a reference-style link counts where it is used, and raw HTML `<a>` and
`<img>` count too. cmark marks only blocks with their source lines; within a
block, the line is the one where the written address is found.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
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
    if all(_ELSEWHERE.match(target) for target in _targets(body)):
        # No link at all, or only to other hosts and anchors: most bodies, not worth
        # rendering (every link's target is written in the text, so none is missed).
        return []
    rendered = str(cmarkgfm.markdown_to_html_with_extensions(body, _OPTIONS, _EXTENSIONS))
    lines = body.split("\n")
    seen: dict[tuple[int, int, str], int] = {}
    links = []
    # Inline content is only in leaf blocks (paragraphs, headings, table cells, tight list
    # items), which hold no other block: a link's block is the last one opened before it.
    block = (1, len(lines))
    for found in _MARKS.finditer(_COMMENT.sub("", rendered)):
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
        line, written = _line_of(url, lines, first, last, times)
        links.append(BodyLink(url, written, image, line))
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
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)  # dropped from pages, links and all


def _attribute(attrs: str, wanted: str) -> str | None:
    for name, double, single, bare in _ATTR.findall(attrs):
        if name.lower() == wanted:
            return str(double or single or bare)
    return None


def _line_of(url: str, lines: list[str], first: int, last: int, skip: int) -> tuple[int, str]:
    """The line holding the `skip`+1-th occurrence of `url` in [first, last] (or, for raw
    HTML blocks, which cmark gives no lines, anywhere after `first`), and the form it is
    written in there (cmark may have percent-encoded it); else `first` and `url`."""
    forms = "|".join(re.escape(form) for form in sorted({url, unquote(url)}, key=len)[::-1])
    # Whole addresses only: `../assets/a.png` is not in `../../assets/a.png`.
    pattern = re.compile(rf"""(?:^|(?<=[\s(<"'=]))(?:{forms})(?=[\s)>"']|$)""")
    for end in (min(max(last, first), len(lines)), len(lines)):
        count = 0
        for number in range(first, end + 1):
            found = pattern.findall(lines[number - 1])
            count += len(found)
            if count > skip:
                return number, found[skip - count]
    return first, url
