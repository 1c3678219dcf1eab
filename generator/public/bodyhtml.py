"""A release body's Markdown to sanitised HTML: the rendering pipeline itself (the
renderer in generator.public.render keeps its results).

CommonMark with GitHub's tables, strikethrough and autolinks (cmark-gfm) -> nh3
(allow-list; links to the office's `assets/` rewritten to the site's copy, any other
local path dropped) -> our post-pass (headings moved under the page's title, images
sized or turned into links) -> nh3 again when the post-pass built any tag. The final
clean runs last, so nothing the post-pass adds can escape the allow-list.

Why cmark-gfm and not Python-Markdown (which MkDocs still uses for the static
pages): it is the dialect the offices' git hosts (GitLab, Gitea, GitHub) show
in their previews, so a writer sees there what the site will show; and it is
C, about 25 times faster, which a cold build of 10,000 releases needs.
"""

from __future__ import annotations

import html
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nh3
from cmarkgfm.cmark import Options as CmarkOptions

from generator.content.assets import ASSETS, FROM_RELEASE_PAGE, asset_link, asset_target
from generator.content.images import image_size
from generator.util.commonmark import to_html

SUMMARY_LENGTH = 300

TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "del",
    "sub",
    "sup",
    "small",
    "mark",
    "abbr",
    "span",
    "blockquote",
    "q",
    "cite",
    "code",
    "pre",
    "kbd",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
}
# h1 is accepted on the way in only, to be demoted: the page's own title is the h1.
_TAGS_IN = TAGS | {"h1"}
ATTRIBUTES = {
    # A quote or phrase in another language says so (`<q lang="en">`, `<span lang="jv">`):
    # a screen reader then reads it in that language's voice (WCAG 3.1.2).
    "*": {"lang"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading", "decoding"},
    "abbr": {"title"},
    "th": {"colspan", "rowspan", "align"},
    "td": {"colspan", "rowspan", "align"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_DROPPED_WITH_CONTENT = {"script", "style"}

_IMG = re.compile(r"<img\b([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_HEADING = re.compile(r"<(/?)h([1-6])>")
_HEADING_LEVEL = re.compile(r"<h([1-6])>")
_FIRST_P = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")
# A link whose address _asset_filter dropped: its text stays, as text.
_DEAD_LINK = re.compile(r'<a rel="noopener noreferrer">(.*?)</a>', re.S)


@dataclass(frozen=True)
class Rendered:
    """A body rendered: its HTML, summary, words and the `assets/...` paths it links."""

    html: str
    summary: str
    words: int
    assets: tuple[str, ...]


def markdown_to_html(text: str) -> str:
    """CommonMark + GitHub tables, ~~strikethrough~~ and bare-URL autolinks. Raw HTML is
    passed through here on purpose: nh3, the one sanitiser, decides what of it stays."""
    return to_html(text, CmarkOptions.CMARK_OPT_UNSAFE, _CMARK_EXTENSIONS).strip()


_CMARK_EXTENSIONS = ["table", "strikethrough", "autolink"]


def sanitize(fragment: str) -> str:
    """The final allow-list clean, also used for static pages."""
    return str(
        nh3.clean(
            fragment,
            tags=TAGS,
            clean_content_tags=_DROPPED_WITH_CONTENT,
            attributes=ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
            strip_comments=True,
        )
    )


def render_body(text: str, folder: Path, summary: str | None) -> Rendered:
    """`text` (a release body) as sanitised HTML, with its summary (`summary` if the
    writer gave one), word count and the assets it links; `folder`: the office's assets."""
    raw = markdown_to_html(text)
    assets: set[str] = set()
    first = nh3.clean(
        raw,
        tags=_TAGS_IN,
        clean_content_tags=_DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_asset_filter(assets),
        strip_comments=True,
    )
    demoted = _DEAD_LINK.sub(r"\1", _demote(str(first)))
    # Renaming headings keeps the markup nh3 just cleaned; building <img> or <a>
    # from its attributes is new markup, so that is cleaned once more.
    if "<img" in demoted:
        final = sanitize(_IMG.sub(lambda m: _image(m.group(1), folder), demoted))
    else:
        final = demoted
    text_only = _text(final)
    return Rendered(
        html=final,
        summary=summary or _summary(final),
        words=len(text_only.split()),
        assets=tuple(sorted(assets)),
    )


def _asset_filter(found: set[str]) -> Callable[[str, str, str], str | None]:
    """Links and image sources a release page can keep: another host (http/https),
    mail and phone links, the page's own anchors, and the office's `assets/` (written
    `assets/x` as in the central tree or `../../assets/x` as a git host previews it from
    releases/<yyyy>/), rewritten to the site's copy. Any other relative or root path is
    dropped: from a release page it would lead nowhere or, as `../../aset/..`, out of
    the office's folder (an asset path that could leave it is refused too)."""

    def rewrite(tag: str, attribute: str, value: str) -> str | None:
        if attribute not in ("href", "src"):
            return value
        if value.startswith(("http://", "https://", "mailto:", "tel:", "#")):
            return value  # nh3's scheme allow-list has already judged the scheme
        source = asset_link(value)
        target = asset_target(source) if source is not None else None
        if source is None or target is None:
            return None
        found.add(source)
        return f"{FROM_RELEASE_PAGE}{target}"

    return rewrite


def _demote(fragment: str) -> str:
    """The body's headings moved so its highest is h2, right under the page's h1:
    writers use `#` or `##` for their first level (a git host shows either), and a
    screen reader's outline must not skip from h1 to h3 (WCAG 1.3.1)."""
    levels = [int(level) for level in _HEADING_LEVEL.findall(fragment)]
    if not levels:
        return fragment
    shift = 2 - min(levels)
    return _HEADING.sub(
        lambda m: f"<{m.group(1)}h{max(2, min(int(m.group(2)) + shift, 6))}>", fragment
    )


def _image(attributes: str, folder: Path) -> str:
    """Local images get sizes and lazy loading; another host's image becomes a link."""
    attrs = dict(_ATTR.findall(attributes))
    src, alt = attrs.get("src", ""), attrs.get("alt", "")
    if src.startswith(FROM_RELEASE_PAGE):
        # Only what _asset_filter wrote starts so; checked again, since a file is opened.
        target = asset_target(ASSETS + html.unescape(src.removeprefix(FROM_RELEASE_PAGE)))
        if target is None:
            return ""
        size = image_size(folder / target) if _regular_file(folder / target) else None
        dims = f' width="{size[0]}" height="{size[1]}"' if size else ""
        return f'<img src="{src}" alt="{alt}"{dims} loading="lazy" decoding="async">'
    if src.startswith(("http://", "https://")):
        # A public page must make no request to another host: link to it instead.
        label = alt or "gambar"
        return f'<a href="{src}">{label}</a>'
    return ""


def _regular_file(path: Path) -> bool:
    """A plain file, not a link, FIFO or device: opening one of those could hang a build
    or read outside the office's folder."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _summary(fragment: str) -> str:
    match = _FIRST_P.search(fragment)
    text = _text(match.group(1)) if match else ""
    if len(text) <= SUMMARY_LENGTH:
        return text
    cut = text[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"
