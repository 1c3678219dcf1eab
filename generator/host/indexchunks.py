"""Pagefind's word index cut into smaller chunks, so that a query fetches fewer bytes.

Pagefind (1.5) cuts a site's word index into chunks of at least 20,000 word
locations, a fixed size (its source leaves making it an option as a TODO): about
29 KB gzip each on a site of 700 releases, and every query fetches at least one
whole chunk per word, so a further query cannot stay within the 30 KB a reader on
2G is promised (the README's search budget). Here, in the index just written and
before it is published, the words of every chunk are dealt again, in their order,
into chunks of about `TARGET` locations; each is named by a hash of its bytes, and
the metadata's list of chunks (the first and last word of each, cut to the prefixes
that tell neighbours apart, as Pagefind does) is rewritten to match. A word is
never split: one found on every page makes a chunk of its own. The browser's side
is unchanged: it looks a word up in that list and fetches the one chunk it names.
"""

from __future__ import annotations

import hashlib
import json
from itertools import pairwise
from pathlib import Path

from generator.host.steadyindex import ENTRY, UnexpectedIndex, Value, packed, read

# Word locations per chunk: about 6 KB gzip for the bench's most frequent words, and
# the metadata (fetched by the first query) grows by about 1 KB per 1,000 pages.
TARGET = 3000


def rechunk(folder: Path, target: int = TARGET) -> None:
    """Cut the word index of the index in `folder` (as Pagefind wrote it) into chunks
    of about `target` locations. Every file is read and checked before any is written."""
    entry = json.loads((folder / ENTRY).read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = folder / f"pagefind.{language['hash']}.pf_meta"
        meta = read(meta_path)
        if not isinstance(meta, list) or len(meta) < 4 or not isinstance(meta[2], list):
            raise UnexpectedIndex(str(meta_path))
        old = [folder / "index" / f"{_chunk_name(chunk)}.pf_index" for chunk in meta[2]]
        words: list[Value] = []
        for path in old:
            words += _words(read(path), path)
        prefix = str(language["hash"]).split("_", 1)[0]
        chunks = deal(words, target)
        named: dict[str, bytes] = {}
        listed: list[Value] = []
        for (first, last), chunk in zip(bounds(chunks), chunks, strict=True):
            data = packed([chunk])
            name = _free_name(prefix, data, named)
            named[name] = data
            listed.append([first, last, name])
        for path in old:
            path.unlink()
        for name, data in named.items():
            (folder / "index" / f"{name}.pf_index").write_bytes(data)
        meta[2] = listed
        meta_path.write_bytes(packed(meta))


def deal(words: list[Value], target: int) -> list[list[Value]]:
    """`words` (in their order) into chunks closed once they hold `target` locations,
    counted as Pagefind counts them (each page's locations, plus one for the page)."""
    chunks: list[list[Value]] = []
    chunk: list[Value] = []
    size = 0
    for word in words:
        chunk.append(word)
        size += _locations(word)
        if size >= target:
            chunks.append(chunk)
            chunk, size = [], 0
    if chunk:
        chunks.append(chunk)
    return chunks


def bounds(chunks: list[list[Value]]) -> list[tuple[str, str]]:
    """Each chunk's first and last word, those between neighbours cut to the shortest
    prefixes that still tell them apart (Pagefind's `chunk_meta` and `get_prefixes`)."""
    ranges = [[_word(chunk[0]), _word(chunk[-1])] for chunk in chunks]
    for left, right in pairwise(ranges):
        a, b = left[1], right[0]
        common = 0
        while common < min(len(a), len(b)) and a[common] == b[common]:
            common += 1
        left[1], right[0] = a[: common + 1], b[: common + 1]
    return [(first, last) for first, last in ranges]


def _words(content: Value, path: Path) -> list[Value]:
    if not (isinstance(content, list) and len(content) == 1 and isinstance(content[0], list)):
        raise UnexpectedIndex(str(path))
    for word in content[0]:
        _locations(word)  # checks its form
    return content[0]


def _locations(word: Value) -> int:
    # [word, [page, ...], ...]: Pagefind 1.5 adds fields after the pages, kept as they are.
    if not (isinstance(word, list) and len(word) >= 2 and isinstance(word[1], list)):
        raise UnexpectedIndex(repr(word)[:80])
    total = 0
    for page in word[1]:
        # [number, [location, ...], ...]: counted by its locations, as Pagefind counts.
        if not (isinstance(page, list) and len(page) >= 2 and isinstance(page[1], list)):
            raise UnexpectedIndex(repr(page)[:80])
        total += len(page[1]) + 1
    return total


def _word(word: Value) -> str:
    assert isinstance(word, list)  # checked by _locations
    if not isinstance(word[0], str):
        raise UnexpectedIndex(repr(word[0])[:80])
    return word[0]


def _chunk_name(chunk: Value) -> str:
    if not (isinstance(chunk, list) and len(chunk) == 3 and isinstance(chunk[2], str)):
        raise UnexpectedIndex(repr(chunk)[:80])
    if "/" in chunk[2] or chunk[2].startswith("."):
        raise UnexpectedIndex(chunk[2])
    return chunk[2]


def _free_name(prefix: str, data: bytes, taken: dict[str, bytes]) -> str:
    """`<language>_<7 hex digits of the hash>`, longer only if two chunks would share it."""
    digest = hashlib.sha256(data).hexdigest()
    length = 7
    while f"{prefix}_{digest[:length]}" in taken:
        length += 1
    return f"{prefix}_{digest[:length]}"
