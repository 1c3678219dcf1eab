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

import gzip
import hashlib
import json
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from generator.host.steadyindex import (
    ENTRY,
    SIGNATURE,
    UnexpectedIndex,
    Value,
    encode_head,
    head,
    packed,
    read,
)

# Word locations per chunk. A province's search asks two indexes (its own releases',
# and the central releases' it shares), so a word costs a chunk of each: at 3,000, a
# further query on the bench's largest province fetched four chunks of about 6 KB
# (35.6 KB in all, over the 30 KB budget), where its own releases' words alone would
# fill half of one; at 1,500 the chunk is the word itself there (29.5 KB; 1,000 gave
# the same). The metadata (fetched by the first query) grows with the chunks: that
# query went from 120.7 KB to 118.2 KB all the same (less padding fetched).
TARGET = 1500


@dataclass(frozen=True)
class Word:
    """One word of the index: its text, its locations (as Pagefind counts them: each
    page's, plus one for the page) and its CBOR bytes, copied as they are."""

    text: str
    locations: int
    raw: bytes


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
        words = [word for path in old for word in words_of(path)]
        prefix = str(language["hash"]).split("_", 1)[0]
        chunks = deal(words, target)
        named: dict[str, bytes] = {}
        listed: list[Value] = []
        for (first, last), chunk in zip(bounds(chunks), chunks, strict=True):
            data = _chunk_file(chunk)
            name = _free_name(prefix, data, named)
            named[name] = data
            listed.append([first, last, name])
        for path in old:
            path.unlink()
        for name, data in named.items():
            (folder / "index" / f"{name}.pf_index").write_bytes(data)
        meta[2] = listed
        meta_path.write_bytes(packed(meta))


def deal(words: list[Word], target: int) -> list[list[Word]]:
    """`words` (in their order) into chunks closed once they hold `target` locations
    (Pagefind's `chunk_index`)."""
    chunks: list[list[Word]] = []
    chunk: list[Word] = []
    size = 0
    for word in words:
        chunk.append(word)
        size += word.locations
        if size >= target:
            chunks.append(chunk)
            chunk, size = [], 0
    if chunk:
        chunks.append(chunk)
    return chunks


def bounds(chunks: list[list[Word]]) -> list[tuple[str, str]]:
    """Each chunk's first and last word, those between neighbours cut to the shortest
    prefixes that still tell them apart (Pagefind's `chunk_meta` and `get_prefixes`)."""
    ranges = [[chunk[0].text, chunk[-1].text] for chunk in chunks]
    for left, right in pairwise(ranges):
        a, b = left[1], right[0]
        common = 0
        while common < min(len(a), len(b)) and a[common] == b[common]:
            common += 1
        left[1], right[0] = a[: common + 1], b[: common + 1]
    return [(first, last) for first, last in ranges]


def words_of(path: Path) -> list[Word]:
    """The words of a chunk file: `[[word, [page, ...], ...], ...]` behind one array.
    Only their heads are read (a site's index holds a million locations): each word's
    bytes are kept whole."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise UnexpectedIndex(str(path))
    at = _array(data, len(SIGNATURE), 1, exact=True)
    major, count, at = head(data, at)
    if major != 4:
        raise UnexpectedIndex(str(path))
    words = []
    for _ in range(count):
        word, at = _word(data, at)
        words.append(word)
    if at != len(data):
        raise UnexpectedIndex(str(path))
    return words


def _word(data: bytes, start: int) -> tuple[Word, int]:
    # [text, [page, ...], ...]: Pagefind 1.5 adds fields after the pages, kept as they are.
    fields = _count(data, start)
    at = _array(data, start, 2)
    major, size, at = head(data, at)
    if major != 3:
        raise UnexpectedIndex(f"word at {start}")
    text = data[at : at + size].decode("utf-8")
    at += size
    major, pages, at = head(data, at)
    if major != 4:
        raise UnexpectedIndex(f"pages of {text!r}")
    locations = 0
    for _ in range(pages):
        found, at = _page(data, at)
        locations += found + 1
    for _ in range(fields - 2):
        at = _skip(data, at)
    return Word(text, locations, data[start:at]), at


def _page(data: bytes, start: int) -> tuple[int, int]:
    """[number, [location, ...], ...]: its count of locations, and where it ends. The
    hot loop of `rechunk` (a site's index holds a million locations): each integer's
    length is looked up by its first byte, its heads read with as few calls as can be."""
    major, fields, at = head(data, start)
    if major != 4 or fields < 2:
        raise UnexpectedIndex(f"page at {start}")
    length = _INTEGER_LENGTH
    step = length[data[at]]
    at = at + step if step else _skip(data, at)  # its number
    major, count, at = head(data, at)
    if major != 4:
        raise UnexpectedIndex(f"page at {start}")
    for _ in range(count):  # integers only: the first byte says how long each is
        step = length[data[at]]
        if not step:
            raise UnexpectedIndex(f"location at {at}")
        at += step
    for _ in range(fields - 2):
        at = _skip(data, at)
    return count, at


def _integer_length(first: int) -> int:
    """How long a CBOR integer (major type 0 or 1) is by its first byte; 0: not one."""
    small = first & 31
    if first >> 5 > 1 or small > 27:
        return 0
    return 1 if small < 24 else 1 + (1 << (small - 24))


_INTEGER_LENGTH = bytes(_integer_length(first) for first in range(256))


def _array(data: bytes, at: int, fields: int, *, exact: bool = False) -> int:
    """Past the head of an array of at least (or, `exact`, just) `fields` items."""
    major, size, after = head(data, at)
    if major != 4 or size < fields or (exact and size != fields):
        raise UnexpectedIndex(f"array at {at}")
    return after


def _count(data: bytes, at: int) -> int:
    return head(data, at)[1]


def _skip(data: bytes, at: int) -> int:
    """Where the CBOR value at `at` ends."""
    major, size, at = head(data, at)
    if major in (0, 1):
        return at
    if major in (2, 3):
        return at + size
    if major == 4:
        for _ in range(size):
            at = _skip(data, at)
        return at
    raise UnexpectedIndex(f"CBOR major type {major}")


def _chunk_file(words: list[Word]) -> bytes:
    """A chunk file as Pagefind writes one: its words in one array, behind another."""
    body = encode_head(4, 1) + encode_head(4, len(words)) + b"".join(w.raw for w in words)
    return gzip.compress(SIGNATURE + body, 9, mtime=0)


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
