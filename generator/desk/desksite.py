"""The desk as a Material site that rebuilds in proportion to what changed.

The desk's pages are mostly big HTML tables (a row per release). Left in the
Markdown, Python-Markdown and MkDocs would each parse every table as HTML, and
Material's search would parse the rendered page again: 11 s at 10,000
releases, at every build. Instead:

- each raw HTML block is taken out of the Markdown before conversion and put
  back into the converted page (`DeskPage.markdown`, `DeskPage.restore`);
- the search entries are made here, from the same text, in the format of
  Material's own index, and the pages are excluded from Material's parser;
- the pages live in a docs folder kept between builds, with a record of what
  the last finished build rendered; MkDocs' dirty build renders only pages
  whose text changed since, while the search index always covers every page.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
from markdown.extensions.toc import slugify, unique

from generator.public.damage import files_under
from generator.public.writer import write_twin
from generator.util import gzparts
from generator.util.fsio import write_atomic, write_if_changed
from generator.util.gzparts import Part

_BLOCK_START = re.compile(r"^<(table|ul)\b")
# As Python-Markdown reads an ATX heading: a backslash escapes the next character, so
# an escaped `#` at the end of a name is text, not the heading's closing sequence.
_HEADING = re.compile(r"^(#{1,6}) +((?:\\.|[^\\])+?) *#*$")
# Python-Markdown's backslash escapes (`Markdown.ESCAPED_CHARS`): each stays text.
_MD_SPECIAL = r"[\\`*_{}\[\]()>#+\-.!]"
_MD_ESCAPE = re.compile(rf"\\({_MD_SPECIAL})")
_TAG = re.compile(r"<[^>]+>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKER = "<!--nr-block-{}-->"
RECORD = ".newsroom-desk-built.json"


@dataclass(frozen=True)
class DeskPage:
    """One desk page, as written to the docs folder; `markdown` is that text with each
    HTML block replaced by a marker, `blocks` the blocks (split when first asked: the
    desk memo keeps 260 pages, and only the few rendered again are ever split)."""

    path: str  # e.g. "hari/2026-11.md"
    source: str  # as written to the docs folder: what dirty builds compare

    @property
    def url(self) -> str:
        stem = self.path.removesuffix(".md")
        if stem == "index":
            return ""
        return stem.removesuffix("/index") + "/"

    @cached_property
    def digest(self) -> str:
        return hashlib.sha256(self.source.encode("utf-8")).hexdigest()

    @cached_property
    def _split(self) -> tuple[str, tuple[str, ...]]:
        return _split_blocks(self.source)

    @property
    def markdown(self) -> str:
        return self._split[0]

    @property
    def blocks(self) -> tuple[str, ...]:
        return self._split[1]

    def __getstate__(self) -> dict[str, str]:
        # Kept in the desk memo: the text and its hash, not the split (as big again).
        return {"path": self.path, "source": self.source, "digest": self.digest}

    def restore(self, converted: str) -> str:
        """The converted page with its HTML blocks back in place."""
        for index, block in enumerate(self.blocks):
            converted = converted.replace(_MARKER.format(index), block, 1)
        return converted

    def search_entries(self, title: str) -> list[dict[str, str]]:
        """Entries as Material's search index holds them: one per section, located by
        the heading ids Markdown's toc extension gives (same slugs, same dedup)."""
        entries: list[dict[str, str]] = []
        used: set[str] = set()
        location, heading, text = self.url, title, []
        for line in self.markdown.splitlines():
            match = _HEADING.match(line)
            if match is None:
                text.append(self._searchable(line))
                continue
            words = _heading_words(match.group(2))
            anchor = unique(slugify(words, "-"), used)  # every heading takes its id, as in toc
            name = html.escape(words, quote=False)
            if len(match.group(1)) == 1 and not entries and not "".join(text).strip():
                heading = name  # the page's own h1: its first section
                continue
            entries.append(_entry(location, heading, text))
            location, heading, text = f"{self.url}#{anchor}", name, []
        entries.append(_entry(location, heading, text))
        return entries

    def _searchable(self, line: str) -> str:
        for index, block in enumerate(self.blocks):
            if line.strip() == _MARKER.format(index):
                # An office page's table repeats the day pages' rows: found once, there.
                if self.path.startswith("kantor/") and block.startswith('<table class="nr-'):
                    return ""
                return block
        return _MD_LINK.sub(r"\1", line)  # Markdown: a link shows its text (blocks are HTML)


def packed_entries(entries: list[dict[str, str]]) -> Part:
    """A page's entries as Material's search index writes them (`json.dumps` with its
    separators, one after another), deflated once: see `write_index_twin`."""
    text = ",".join(json.dumps(entry, separators=(",", ":"), default=str) for entry in entries)
    return gzparts.pack_text(text)


_DOCS_START = b',"docs":['
_COMMA = gzparts.pack(b",")
_INDEX_END = gzparts.pack(b"]}")


def write_index_twin(index: Path, pages: list[Part]) -> bool:
    """The `.gz` twin of Material's search index, stitched from each page's entries
    deflated once (kept in the desk memo), not deflated whole: 2.3 MB at 10,000
    releases, a tenth of a second of every desk build. Only if the stitched bytes are
    exactly the index Material wrote; False (nothing written) otherwise."""
    try:
        data = index.read_bytes()
    except FileNotFoundError:
        return False
    start = data.find(_DOCS_START)
    if not data.startswith(b'{"config":') or start < 0:
        return False
    parts = [gzparts.pack(data[: start + len(_DOCS_START)])]
    for number, page in enumerate(part for part in pages if part.data):
        parts += [_COMMA, page] if number else [page]
    joined, twin = gzparts.join([*parts, _INDEX_END])
    if joined != data:
        return False
    write_twin(index, twin)
    return True


def markdown_text(value: object) -> str:
    """Text for a Markdown heading, shown as written: escaped for HTML (the desk's
    templates do not autoescape) and each Markdown character escaped, so an office
    named `[x](javascript:..)` is not a link, nor `*x*` emphasis; on one line."""
    line = html.escape(" ".join(str(value).split()), quote=False)  # no `>` left to escape
    return re.sub(f"({_MD_SPECIAL})", r"\\\1", line)


def _heading_words(text: str) -> str:
    """The text a reader sees in a heading: names in headings are escaped for Markdown
    (the `md` filter of desk/templates.py), so `\\[` shows `[` and no link is read there."""
    return " ".join(html.unescape(_MD_ESCAPE.sub(r"\1", _TAG.sub(" ", text))).split())


def _plain(text: str) -> str:
    """The text a reader sees, as Material's own index holds it: HTML, so escaped. Its
    search shows an entry's title and text as HTML: `<img onerror=..>` from a file
    must stay `&lt;img ...`, or typing a word of it into the search box runs it."""
    words = " ".join(html.unescape(_TAG.sub(" ", text)).split())
    return html.escape(words, quote=False)


def _entry(location: str, title: str, text: list[str]) -> dict[str, str]:
    return {"location": location, "title": title, "text": _plain("\n".join(text))}


def _split_blocks(text: str) -> tuple[str, tuple[str, ...]]:
    """Take each top-level raw HTML block (a `<table>` or `<ul>` the desk wrote, from its
    first line to its closing line) out of the Markdown."""
    lines = text.splitlines()
    kept: list[str] = []
    blocks: list[str] = []
    index = 0
    while index < len(lines):
        match = _BLOCK_START.match(lines[index])
        if match is None:
            kept.append(lines[index])
            index += 1
            continue
        end = f"</{match.group(1)}>"
        stop = index
        while stop < len(lines) and lines[stop] != end:
            stop += 1
        blocks.append("\n".join(lines[index : stop + 1]))
        kept += ["", _MARKER.format(len(blocks) - 1), ""]
        index = stop + 1
    return "\n".join(kept) + "\n", tuple(blocks)


def sync_docs(docs: Path, pages: dict[str, DeskPage], changed: set[str]) -> None:
    """Write the pages into the desk's docs folder and remove pages no longer made.
    Only those of `changed` (`changed_pages`: their text differs from the last finished
    build's) and those missing are written: comparing each of 560 files with its page
    read them all at every build (0.04 s). (What MkDocs renders is `changed` and any
    page whose HTML is missing, from the page in memory, not from this file.)"""
    docs.mkdir(parents=True, exist_ok=True)
    present = {path for path in files_under(docs) if path.endswith(".md")}
    for path, page in pages.items():
        if path in changed or path not in present:
            write_if_changed(docs / path, page.source.encode("utf-8"), durable=False)
    for stale in sorted(present - pages.keys()):
        (docs / stale).unlink()


def changed_pages(docs: Path, pages: dict[str, DeskPage], key: str) -> set[str]:
    """The pages to render again: those whose text differs from the last finished desk
    build, or every page when the code, theme or config (`key`) changed since."""
    try:
        record = json.loads((docs / RECORD).read_text(encoding="utf-8"))
        built = record["pages"] if record.get("key") == key else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        built = {}
    return {path for path, page in pages.items() if built.get(path) != page.digest}


def record_built(docs: Path, pages: dict[str, DeskPage], key: str) -> None:
    """After a finished desk build: what its pages were made from."""
    record = {"key": key, "pages": {path: page.digest for path, page in sorted(pages.items())}}
    write_atomic(docs / RECORD, json.dumps(record, indent=0).encode("utf-8"), durable=False)


def docs_key(*parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def remove_stale_pages(site_dir: Path, urls: set[str]) -> None:
    """Remove the built pages (and twins) of day and office pages no longer made: a dirty
    build renders what changed and leaves what was dropped. (Only the folders' names are
    read: a glob with a path object for each of 560 pages took 0.03 s of each build.)"""
    for family in ("hari", "kantor"):
        try:
            # A link in a page folder's place is never followed: what it points to is
            # not the desk's to remove.
            with os.scandir(site_dir / family) as found:
                names = sorted(e.name for e in found if e.is_dir(follow_symlinks=False))
        except (FileNotFoundError, NotADirectoryError):
            continue  # as a glob finds nothing there
        for name in names:
            if f"{family}/{name}/" in urls:
                continue
            page = site_dir / family / name / "index.html"
            if page.is_file():
                page.unlink()
                page.with_name("index.html.gz").unlink(missing_ok=True)
                if not any(page.parent.iterdir()):
                    page.parent.rmdir()


def tune_theme_env(theme: Any, bytecode_cache: jinja2.BytecodeCache) -> None:
    """Every Jinja environment the theme makes from now on (MkDocs' and those Material's
    search plugin makes for its translations) loads compiled templates from
    `bytecode_cache`, and skips hidden folders when MkDocs lists the theme's files to
    copy. MkDocs drops every path with a part starting with "." anyway, but only after
    walking them: Material's `.icons` holds 14,000 files, a quarter second of every
    desk build, and compiling Material's language templates another fifth."""
    make_env = theme.get_env

    def get_env() -> Any:
        env = make_env()
        env.bytecode_cache = bytecode_cache
        if type(env.loader) is jinja2.FileSystemLoader:
            env.loader = _VisibleFilesLoader(
                env.loader.searchpath, env.loader.encoding, env.loader.followlinks
            )
        return env

    theme.get_env = get_env


class _VisibleFilesLoader(jinja2.FileSystemLoader):
    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                for name in names:
                    if name.startswith("."):
                        continue
                    path = os.path.join(folder, name)[len(searchpath) :].strip(os.sep)
                    found.add(path.replace(os.sep, "/"))
        return sorted(found)
