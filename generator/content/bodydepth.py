"""How deeply a release body nests once rendered, which is what rendering it costs.

The sanitiser (nh3, html5ever) looks through the open elements at each new tag,
so a body nested N deep costs about N² steps: 100,000 `> ` took 25 s to build
(issue 13), unclosed `<div>`s as long. Validation refuses a body that nests
deeper than `MAX_BODY_DEPTH`, far deeper than any press release, so no build or
sync ever renders one.
"""

from __future__ import annotations

import re

from cmarkgfm.cmark import Options

from generator.content.limits import MAX_BODY_DEPTH
from generator.util.commonmark import to_html

# As generator.public.bodyhtml reads bodies, plus the source lines of each block.
_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_SOURCEPOS
_EXTENSIONS = ["table", "strikethrough", "autolink"]

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^>]*)>")
_SOURCE_LINE = re.compile(r'data-sourcepos="(\d+):')
# Elements that hold nothing, or that the parser closes itself when the next one of
# their kind opens (`<p><p>` is two paragraphs side by side, not one in the other).
_FLAT = frozenset(
    "area base br col embed hr img input link meta source track wbr "  # noqa: SIM905
    "p li dt dd tr td th thead tbody tfoot option".split()
)
# Every level of nesting is opened by one of these: a quote's `>`, an HTML tag's `<`,
# emphasis, a link or image, a list item's marker (`-`, `+`, `*` or `1.` before a
# space or a line's end). A body with fewer of them cannot nest too deep: most bodies
# are never rendered here.
_SIMPLE_OPENERS = "<>*_~["
_ORDERED_MARKER = re.compile(r"[0-9][.)](?=[ \t\n]|\Z)")
_SLACK = 10  # what nests without an opener: list, paragraph, table, code block, link


def too_deep(body: str) -> int | None:
    """The body line where the rendered body first nests deeper than MAX_BODY_DEPTH
    elements, or None when it never does."""
    if _openers(body) + _SLACK <= MAX_BODY_DEPTH:
        return None
    rendered = to_html(body, _OPTIONS, _EXTENSIONS)
    depth, line = 0, 1
    for tag in _TAG.finditer(rendered):
        closing, name, attrs = tag.groups()
        where = None if closing else _SOURCE_LINE.search(attrs)
        if where is not None:
            line = int(where.group(1))
        # No `/>` exemption: an HTML parser ignores the slash on any other element, so
        # `<div/>` opens a div like `<div>` (42,000 of them cost seconds a build).
        if name.lower() in _FLAT:
            continue
        if closing:
            depth = max(depth - 1, 0)
            continue
        depth += 1
        if depth > MAX_BODY_DEPTH:
            return line if where is not None else _raw_line(body, rendered, tag.start(), line)
    return None


def _raw_line(body: str, rendered: str, at: int, after: int) -> int:
    """The body line, from line `after` on, holding the raw HTML at `at` of `rendered`
    (cmark gives raw HTML no source line, but copies it as written); else `after`."""
    end = rendered.find("\n", at)
    written = rendered[at : min(end if end >= 0 else len(rendered), at + 80)]
    lines = body.split("\n")
    return next((n for n in range(after, len(lines) + 1) if written in lines[n - 1]), after)


def _openers(body: str) -> int:
    simple = sum(body.count(char) for char in _SIMPLE_OPENERS)
    bullets = sum(body.count(mark + after) for mark in "-+" for after in " \t\n")
    return simple + bullets + len(_ORDERED_MARKER.findall(body)) + 2  # a marker at the end
