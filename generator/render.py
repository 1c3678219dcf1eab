"""Markdown to sanitised HTML, once per release, cached across sites and builds.

Pipeline: CommonMark with GitHub's tables, strikethrough and autolinks
(cmark-gfm) -> nh3 (allow-list; `assets/` links rewritten) -> our post-pass
(headings demoted, images sized or turned into links) -> nh3 again when the
post-pass built any tag. The final clean runs last, so nothing the post-pass
adds can escape the allow-list.

Why cmark-gfm and not Python-Markdown (which MkDocs still uses for the static
pages): it is the dialect the offices' git hosts (GitLab, Gitea, GitHub) show
in their previews, so a writer sees there what the site will show; and it is
C, about 25 times faster, which a cold build of 10,000 releases needs.
"""

from __future__ import annotations

import hashlib
import html
import json
import multiprocessing
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options as CmarkOptions

from generator.fsio import write_atomic
from generator.images import image_size
from generator.model import Release
from generator.workers import die_with_parent

RENDERER_VERSION = "2"  # 2: CommonMark (cmark-gfm)
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
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading", "decoding"},
    "abbr": {"title"},
    "th": {"colspan", "rowspan", "align"},
    "td": {"colspan", "rowspan", "align"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_DROPPED_WITH_CONTENT = {"script", "style"}

_ASSET_PART = re.compile(r"^[A-Za-z0-9._-]+$")
_IMG = re.compile(r"<img\b([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_HEADING = re.compile(r"<(/?)h([1-6])>")
_FIRST_P = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Rendered:
    html: str
    summary: str
    words: int
    assets: tuple[str, ...]


def asset_target(src: str) -> str | None:
    """`assets/x/y.png` -> `x/y.png`; None for anything that could leave the folder."""
    if not src.startswith("assets/") or "\\" in src:
        return None
    parts = src.split("/")[1:]
    if not parts or any(p.startswith(".") or not _ASSET_PART.match(p) for p in parts):
        return None
    return "/".join(parts)


def markdown_to_html(text: str) -> str:
    """CommonMark + GitHub tables, ~~strikethrough~~ and bare-URL autolinks. Raw HTML is
    passed through here on purpose: nh3, the one sanitiser, decides what of it stays."""
    return str(
        cmarkgfm.markdown_to_html_with_extensions(
            text, options=CmarkOptions.CMARK_OPT_UNSAFE, extensions=_CMARK_EXTENSIONS
        )
    ).strip()


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


class Renderer:
    def __init__(self, assets_dir: Callable[[str], Path], cache_file: Path | None = None) -> None:
        self._assets_dir = assets_dir
        self._cache_file = cache_file
        self._cache: dict[str, dict[str, object]] = self._load_cache()
        self._dirty = False
        self._memo: dict[str, Rendered] = {}

    # --- public ------------------------------------------------------------

    def render(self, release: Release) -> Rendered:
        """The release body as sanitised HTML, memoised in memory and on disk."""
        key = self._key(release)
        if key in self._memo:
            return self._memo[key]
        folder = self._assets_dir(release.office.id)
        rendered = self._cached(key, folder)
        if rendered is None:
            rendered = self._render(release.body, folder, release.meta.summary)
            self._store(key, rendered, folder)
        self._memo[key] = rendered
        return rendered

    def render_all(self, releases: list[Release], jobs: int) -> None:
        """Render every release not rendered yet, spread over `jobs` processes (fork)."""
        todo = [r for r in releases if self._key(r) not in self._memo]
        todo = [
            r for r in todo if self._cached(self._key(r), self._assets_dir(r.office.id)) is None
        ]
        if jobs > 1 and len(todo) > 200:
            context = multiprocessing.get_context("fork")
            chunks = [todo[i::jobs] for i in range(jobs)]
            with context.Pool(jobs, initializer=die_with_parent) as pool:
                for done in pool.map(self._render_chunk, chunks):
                    for key, rendered, office_id in done:
                        self._store(key, rendered, self._assets_dir(office_id))
                        self._memo[key] = rendered
        for release in releases:
            self.render(release)

    def _known(self, release: Release) -> bool:
        """Rendered already, in memory or in the disk cache (then kept in memory)."""
        key = self._key(release)
        if key not in self._memo:
            cached = self._cached(key, self._assets_dir(release.office.id))
            if cached is None:
                return False
            self._memo[key] = cached
        return True

    def _render_chunk(self, releases: list[Release]) -> list[tuple[str, Rendered, str]]:
        return [(self._key(r), self.render(r), r.office.id) for r in releases]

    @staticmethod
    def _key(release: Release) -> str:
        return hashlib.sha256(
            f"{RENDERER_VERSION}\0{release.office.id}\0{release.digest}".encode()
        ).hexdigest()

    def render_text(self, text: str, office_id: str) -> Rendered:
        return self._render(text, self._assets_dir(office_id), None)

    def save(self) -> None:
        if self._cache_file is None or not self._dirty:
            return
        payload = {"version": RENDERER_VERSION, "entries": self._cache}
        data = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
        write_atomic(self._cache_file, data)
        self._dirty = False

    # --- rendering -------------------------------------------------------------

    def _render(self, text: str, folder: Path, summary: str | None) -> Rendered:
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
        demoted = _demote(str(first))
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

    # --- cache -------------------------------------------------------------------

    def _load_cache(self) -> dict[str, dict[str, object]]:
        if self._cache_file is None:
            return {}
        try:
            payload = json.loads(self._cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # missing or corrupt: render afresh
        if not isinstance(payload, dict) or payload.get("version") != RENDERER_VERSION:
            return {}
        entries = payload.get("entries")
        return entries if isinstance(entries, dict) else {}

    def _cached(self, key: str, folder: Path) -> Rendered | None:
        entry = self._cache.get(key)
        if not isinstance(entry, dict):
            return None
        try:
            assets = tuple(str(a) for a in entry["assets"])  # type: ignore[attr-defined]
            if entry["stamps"] != _stamps(folder, assets):
                return None  # a referenced photo changed: its size may have too
            return Rendered(
                str(entry["html"]),
                str(entry["summary"]),
                int(entry["words"]),  # type: ignore[call-overload]
                assets,
            )
        except (KeyError, TypeError, ValueError):
            return None

    def _store(self, key: str, rendered: Rendered, folder: Path) -> None:
        self._cache[key] = {
            "html": rendered.html,
            "summary": rendered.summary,
            "words": rendered.words,
            "assets": list(rendered.assets),
            "stamps": _stamps(folder, rendered.assets),
        }
        self._dirty = True


def _stamps(folder: Path, assets: tuple[str, ...]) -> dict[str, list[int]]:
    stamps: dict[str, list[int]] = {}
    for asset in assets:
        target = asset_target(asset)
        try:
            stat = os.stat(folder / target) if target else None
        except OSError:
            stat = None
        stamps[asset] = [stat.st_size, stat.st_mtime_ns] if stat else [-1, -1]
    return stamps


def _asset_filter(found: set[str]) -> Callable[[str, str, str], str | None]:
    """Rewrite `assets/...` links to the site's copy; refuse paths that leave the folder."""

    def rewrite(tag: str, attribute: str, value: str) -> str | None:
        if attribute not in ("href", "src"):
            return value
        if value.startswith("assets/"):
            target = asset_target(value)
            if target is None:
                return None
            found.add(value)
            return f"../../aset/{target}"
        return value

    return rewrite


def _demote(fragment: str) -> str:
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}>", fragment)


def _image(attributes: str, folder: Path) -> str:
    """Local images get sizes and lazy loading; another host's image becomes a link."""
    attrs = dict(_ATTR.findall(attributes))
    src, alt = attrs.get("src", ""), attrs.get("alt", "")
    if src.startswith("../../aset/"):
        size = image_size(folder / html.unescape(src.removeprefix("../../aset/")))
        dims = f' width="{size[0]}" height="{size[1]}"' if size else ""
        return f'<img src="{src}" alt="{alt}"{dims} loading="lazy" decoding="async">'
    if src.startswith(("http://", "https://")):
        # A public page must make no request to another host: link to it instead.
        label = alt or "gambar"
        return f'<a href="{src}">{label}</a>'
    return ""


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _summary(fragment: str) -> str:
    match = _FIRST_P.search(fragment)
    text = _text(match.group(1)) if match else ""
    if len(text) <= SUMMARY_LENGTH:
        return text
    cut = text[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"
