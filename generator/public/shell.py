"""A site's page shell: the theme's `base.html` rendered once, cut where pages differ.

Every public page is the same document around three holes: its own head
elements, its title and its content. Rendering the shell once per site with a
marker in each hole and cutting it at the markers gives the chrome as parts
that are deflated once (see generator.util.gzparts) and shared by every page, while
the theme keeps one template for the whole document.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import escape

from generator.public.views import Chrome
from generator.util.gzparts import Part, pack, pack_text

# Private-use characters: autoescape leaves them alone and no content holds them
# (front matter and bodies are text and sanitised HTML; markers are never emitted).
_HEAD, _TITLE, _CONTENT = "\ue000head\ue000", "\ue000title\ue000", "\ue000content\ue000"


class ShellError(Exception):
    """The theme's shell template does not place each hole exactly once."""


@dataclass(frozen=True)
class ShellHoles:
    head: str = _HEAD
    title: str = _TITLE
    content: str = _CONTENT


@dataclass(frozen=True)
class Shell:
    top: Part  # doctype to the page's own head elements
    between: bytes  # after the head elements, before the title (raw: joined with them)
    middle: Part  # after the title to the content: site name, feeds, header, navigation
    bottom: Part  # after the content: footer, end of document

    def own(self, head: str, title: str) -> Part:
        """A page's head elements and title, packed with the small text between them.
        `title` is placed as text: escaped here, since it does not pass a template."""
        between = self.between
        return pack(head.encode("utf-8") + between + escape(title).encode("utf-8"))

    def page(self, head: str, title: str, content: list[Part]) -> list[Part]:
        """The parts of one page, its content parts placed as given."""
        return [self.top, self.own(head, title), self.middle, *content, self.bottom]


def make_shell(env: Environment, chrome: Chrome, parts: dict[str, Part]) -> Shell:
    """Render `shell.html` for `chrome`; `parts` memoises packed parts by their text,
    so the top (the same on every site) is deflated once per process."""
    html = env.get_template("shell.html").render(site=chrome, view=ShellHoles())
    pieces = _cut(html)

    def shared(text: str) -> Part:
        found = parts.get(text)
        if found is None:
            found = parts[text] = pack_text(text)
        return found

    top, between, middle, bottom = pieces
    return Shell(shared(top), between.encode("utf-8"), shared(middle), shared(bottom))


def _cut(html: str) -> tuple[str, str, str, str]:
    for marker in (_HEAD, _TITLE, _CONTENT):
        if html.count(marker) != 1:
            raise ShellError(f"shell.html must place {marker.strip(chr(0xE000))!r} exactly once")
    top, rest = html.split(_HEAD)
    between, rest = rest.split(_TITLE)
    middle, bottom = rest.split(_CONTENT)
    if "<head>" not in top or "</head>" in top:
        raise ShellError("shell.html must open the page's head before its own head elements")
    return top, between, middle, bottom
