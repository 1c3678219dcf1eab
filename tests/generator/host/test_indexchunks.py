"""Pagefind's word index in smaller chunks (generator.host.indexchunks): dealt as
Pagefind deals them, bounded by the prefixes Pagefind computes, and on a built site
every word is found, by the browser's lookup, in the one chunk that holds it."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.host.indexchunks import Word, _word, bounds, deal, rechunk
from generator.host.searchindex import FOLDER
from generator.host.steadyindex import ENTRY, UnexpectedIndex, Value, encode, read
from tests.conftest import FIXTURES
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
# Pagefind's own test words (pagefind/src/index/mod.rs): each page's locations.
WORDS: dict[str, list[tuple[int, list[int]]]] = {
    "apple": [(1, [20, 40, 60]), (5, [3, 6, 9])],
    "apricot": [(5, [45, 3432, 6003])],
    "banana": [(5, [100, 500, 900, 566])],
    "peach": [(5, [383, 2, 678])],
}


def word(text: str, pages: list[tuple[int, list[int]]]) -> Word:
    value: Value = [text, [[number, list[Value](locations)] for number, locations in pages]]
    return Word(text, sum(len(locations) + 1 for _, locations in pages), encode(value))


def test_words_are_dealt_and_bounded_as_pagefind_does() -> None:
    chunks = deal([word(text, pages) for text, pages in WORDS.items()], 8)
    assert [[w.text for w in chunk] for chunk in chunks] == [
        ["apple"],
        ["apricot", "banana"],
        ["peach"],
    ]
    assert bounds(chunks) == [("apple", "app"), ("apr", "b"), ("p", "peach")]


def chunks_of(site: Path) -> list[tuple[str, str, list[Value]]]:
    """(from, to, words) of each chunk the site's index lists, in its order."""
    folder = site / FOLDER
    entry = json.loads((folder / ENTRY).read_text(encoding="utf-8"))
    (language,) = entry["languages"].values()
    meta = read(folder / f"pagefind.{language['hash']}.pf_meta")
    assert isinstance(meta, list) and isinstance(meta[2], list)
    found = []
    for chunk in meta[2]:
        assert isinstance(chunk, list)
        first, last, name = (str(part) for part in chunk)
        content = read(folder / "index" / f"{name}.pf_index")
        assert isinstance(content, list) and isinstance(content[0], list)
        found.append((first, last, content[0]))
    return found


def test_on_a_built_site_every_word_is_looked_up_in_its_own_chunk(tmp_path: Path) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    out = build_repo(root, NOW, "https://b.example/", out=root / "site")
    site = out / "nasional"
    before = chunks_of(site)
    words = [word for _, _, chunk in before for word in chunk]
    # The sample's site is small (Pagefind's one chunk, or ours: a few hundred word
    # locations): made again at a target small enough to give it several chunks.
    rechunk(site / FOLDER, 100)
    after = chunks_of(site)
    assert len(after) >= 4 > len(before)
    assert [word for _, _, chunk in after for word in chunk] == words
    for _, _, chunk in after:
        for word in chunk:
            text = str(word[0])  # type: ignore[index]
            assert lookup(text, after) is chunk, text


def lookup(term: str, chunks: list[tuple[str, str, list[Value]]]) -> list[Value] | None:
    """The chunk the browser fetches for `term` (pagefind_web's `try_request_indexes`,
    as a search asks it: each bound cut to the term's length): the first that fits."""
    for first, last, words in chunks:
        start, end = min(len(term), len(first)), min(len(term), len(last))
        if term[:start] >= first[:start] and term[:end] <= last[:end]:
            return words
    return None


def test_a_word_is_read_whatever_the_size_of_its_numbers_and_refused_when_not_one() -> None:
    """Locations of every CBOR width (1, 2, 3, 5 and 9 bytes), negative ones too, are
    counted as `encode` wrote them; a location that is not an integer is refused."""
    numbers = [0, 23, 24, 255, 256, 65_535, 65_536, 2**32 - 1, 2**32, -1, -25, -(2**33)]
    pages: list[tuple[int, list[int]]] = [(7, numbers), (2**40, [1])]
    raw = word("kata", pages).raw
    found, end = _word(raw + b"tail", 0)
    assert (found.text, found.locations, found.raw, end) == ("kata", 15, raw, len(raw))
    text = encode(["kata", [[1, ["x"]]]])
    with pytest.raises(UnexpectedIndex, match="location"):
        _word(text, 0)
