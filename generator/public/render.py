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

import contextlib
import hashlib
import html
import json
import os
import re
import sqlite3
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options as CmarkOptions

from generator.content.cachedir import unusable
from generator.content.images import image_size
from generator.content.model import Release
from generator.public.assetstamps import asset_stamps as _stamps
from generator.util.workers import can_fork, forked_chunks

RENDERER_VERSION = "2"  # 2: CommonMark (cmark-gfm)
CACHE_NAME = "render.sqlite"
PARALLEL_FROM = 200  # bodies to render before it pays to start worker processes
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

_ASSET_PART = re.compile(r"\A[A-Za-z0-9._-]+\Z")
_IMG = re.compile(r"<img\b([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_HEADING = re.compile(r"<(/?)h([1-6])>")
_FIRST_P = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")
# A link whose address _asset_filter dropped: its text stays, as text.
_DEAD_LINK = re.compile(r'<a rel="noopener noreferrer">(.*?)</a>', re.S)


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
    """Bodies rendered once, kept in memory for this process and on disk across builds.

    The disk cache (`.cache/newsroom/render.sqlite`) is read one release at a time, so
    a rebuild after one new release reads the few bodies its changed pages show, not
    all 10,000. Each process (forked site workers too) opens its own connection, and
    several may write at once: SQLite serialises them. The cache is an optimisation
    only: unreadable, locked for too long or on a full disk, bodies are rendered again.
    """

    def __init__(self, assets_dir: Callable[[str], Path], cache_file: Path | None = None) -> None:
        self._assets_dir = assets_dir
        self._cache_file = cache_file
        self._memo: dict[str, Rendered] = {}
        self._pending: list[tuple[str, Rendered, str]] = []
        self._db: sqlite3.Connection | None = None
        self._db_pid = 0

    # --- public ------------------------------------------------------------

    def render(self, release: Release) -> Rendered:
        """The release body as sanitised HTML, memoised in memory and on disk."""
        key = self._key(release)
        found = self._memo.get(key)
        if found is not None:
            return found
        folder = self._assets_dir(release.office.id)
        rendered = self._cached(key, folder)
        if rendered is None:
            rendered = self._render(release.body, folder, release.meta.summary)
            self._pending.append((key, rendered, release.office.id))
        self._memo[key] = rendered
        return rendered

    def render_all(self, releases: list[Release], jobs: int) -> None:
        """Render, spread over `jobs` processes (fork), every release the disk cache lacks,
        so that forked site workers only read it. Workers write their results to the
        cache themselves: nothing is sent back."""
        known = self._stored_keys()
        todo = [r for r in releases if self._key(r) not in known]
        if self._cache_file is None or jobs <= 1 or len(todo) < PARALLEL_FROM or not can_fork():
            for release in todo:
                self.render(release)
            self.save()
            self.close()
            return
        self._close()  # no connection may cross a fork
        forked_chunks(self._render_chunk, todo, jobs)

    def _render_chunk(self, releases: Sequence[Release]) -> None:
        """In a forked worker: render `releases` into the disk cache."""
        for release in releases:
            self.render(release)
        self.save()

    def forget(self) -> None:
        """Drop what this process holds in memory (what was not saved is not kept)."""
        self._memo.clear()
        self._pending.clear()

    def close(self) -> None:
        """Close this process's connection to the disk cache: call before forking workers
        (a connection may not cross a fork); the next lookup opens a new one."""
        self._close()

    @staticmethod
    def _key(release: Release) -> str:
        return hashlib.sha256(
            f"{RENDERER_VERSION}\0{release.office.id}\0{release.digest}".encode()
        ).hexdigest()

    def render_text(self, text: str, office_id: str) -> Rendered:
        return self._render(text, self._assets_dir(office_id), None)

    def save(self) -> None:
        """Write what this process rendered since the last save, in one transaction."""
        if not self._pending:
            return
        rows = [
            (
                key,
                rendered.html,
                rendered.summary,
                rendered.words,
                json.dumps(rendered.assets),
                json.dumps(_stamps(self._assets_dir(office_id), rendered.assets)),
            )
            for key, rendered, office_id in self._pending
        ]
        self._pending = []
        db = self._connection()
        if db is None:
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO rendered VALUES (?, ?, ?, ?, ?, ?)", rows)
        except sqlite3.Error:
            self._close()  # full disk, a lock held too long: the next build renders again

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

    # --- cache -------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection | None:
        if self._cache_file is None:
            return None
        if self._db is not None and self._db_pid == os.getpid():
            return self._db
        for attempt in (1, 2):
            try:
                db = _open_cache(self._cache_file)
            except sqlite3.DatabaseError as error:
                if attempt == 2:
                    unusable(self._cache_file, error)
                    return None
                # Not a database (torn by hand, another program): it is only our cache.
                for suffix in ("", "-wal", "-shm"):
                    with contextlib.suppress(OSError):  # a folder there: warned next time
                        Path(f"{self._cache_file}{suffix}").unlink(missing_ok=True)
            except (sqlite3.Error, OSError) as error:
                unusable(self._cache_file, error)
                return None  # unwritable, locked too long: render without a disk cache
            else:
                self._db, self._db_pid = db, os.getpid()
                return db
        return None

    def _close(self) -> None:
        if self._db is not None and self._db_pid == os.getpid():
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def _stored_keys(self) -> set[str]:
        db = self._connection()
        if db is None:
            return set()
        try:
            return {row[0] for row in db.execute("SELECT key FROM rendered")}
        except sqlite3.Error:
            return set()

    def _cached(self, key: str, folder: Path) -> Rendered | None:
        db = self._connection()
        if db is None:
            return None
        try:
            row = db.execute(
                "SELECT html, summary, words, assets, stamps FROM rendered WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        try:
            assets = tuple(str(a) for a in json.loads(row[3]))
            if json.loads(row[4]) != _stamps(folder, assets):
                return None  # a referenced photo changed: its size may have too
            return Rendered(str(row[0]), str(row[1]), int(row[2]), assets)
        except (TypeError, ValueError):
            return None


def _open_cache(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=60, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
        # No fsync at each commit: a crash may lose the last bodies rendered (the next
        # build renders them again), never the database. Writing 10,000 bodies took
        # twice as long with the fsyncs.
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(
            "CREATE TABLE IF NOT EXISTS rendered (key TEXT PRIMARY KEY, html TEXT, "
            "summary TEXT, words INTEGER, assets TEXT, stamps TEXT)"
        )
    except BaseException:
        db.close()
        raise
    return db


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
        source = value.removeprefix("../../")
        if not source.startswith("assets/"):
            return None
        target = asset_target(source)
        if target is None:
            return None
        found.add(source)
        return f"{_SITE_ASSETS}{target}"

    return rewrite


_SITE_ASSETS = "../../aset/"


def _demote(fragment: str) -> str:
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}>", fragment)


def _image(attributes: str, folder: Path) -> str:
    """Local images get sizes and lazy loading; another host's image becomes a link."""
    attrs = dict(_ATTR.findall(attributes))
    src, alt = attrs.get("src", ""), attrs.get("alt", "")
    if src.startswith(_SITE_ASSETS):
        # Only what _asset_filter wrote starts so; checked again, since a file is opened.
        target = asset_target("assets/" + html.unescape(src.removeprefix(_SITE_ASSETS)))
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
