"""Pagefind's index made byte-for-byte reproducible: its filter files listed in a
fixed order.

Pagefind (1.5) writes each filter's values in the order of a Rust hash map, which
changes from run to run: the same pages give other filter files, hence another
metadata file and entry, and an incremental build would not give the bytes of a
clean one. Here, in the index just written and before it is published, each filter
file's values are sorted and the file is named by a hash of its bytes; the metadata
file that names the filters is rewritten to match (filters sorted by name), named
by its hash too, and the entry renamed to it. Everything else Pagefind writes (index
chunks, fragments) is already the same for the same pages in the same order.

The files are gzip'd CBOR behind Pagefind's signature: `pagefind_dcd` then one
value. Only what these files hold is read and written here: integers, text, byte
strings and arrays, each head in its shortest form, as Pagefind writes them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
Value = int | str | bytes | list["Value"]


class UnexpectedIndex(Exception):
    """A file of the index is not what this version of the module knows how to read."""


def steady(folder: Path) -> None:
    """Rewrite the index in `folder` (as Pagefind wrote it) into its one ordering."""
    entry_path = folder / ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = folder / f"pagefind.{language['hash']}.pf_meta"
        meta = read(meta_path)
        if not isinstance(meta, list) or len(meta) < 4 or not isinstance(meta[3], list):
            raise UnexpectedIndex(str(meta_path))
        prefix = str(language["hash"]).split("_", 1)[0]
        named = sorted(_pair(item) for item in meta[3])
        filters: list[Value] = [
            [name, _steady_filter(folder / "filter", old, prefix)] for name, old in named
        ]
        meta[3] = filters
        data = packed(meta)
        language["hash"] = f"{prefix}_{hashlib.sha256(data).hexdigest()[:10]}"
        meta_path.unlink()
        (folder / f"pagefind.{language['hash']}.pf_meta").write_bytes(data)
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    entry_path.write_text(text, encoding="utf-8")


def _pair(item: Value) -> tuple[str, str]:
    if not (isinstance(item, list) and len(item) == 2 and all(isinstance(v, str) for v in item)):
        raise UnexpectedIndex(repr(item)[:80])
    return str(item[0]), str(item[1])


def _steady_filter(folder: Path, old: str, prefix: str) -> str:
    """Sort one filter file's values; return its new hash (its file renamed to it)."""
    path = folder / f"{old}.pf_filter"
    content = read(path)
    if not (isinstance(content, list) and len(content) == 2 and isinstance(content[1], list)):
        raise UnexpectedIndex(str(path))
    content[1] = sorted(content[1], key=lambda value: repr(value))
    data = packed(content)
    new = f"{prefix}_{hashlib.sha256(data).hexdigest()[:7]}"
    path.unlink()
    (folder / f"{new}.pf_filter").write_bytes(data)
    return new


def read(path: Path) -> Value:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise UnexpectedIndex(str(path))
    value, end = decode(raw, len(SIGNATURE))
    if end != len(raw):
        raise UnexpectedIndex(str(path))
    return value


def packed(value: Value) -> bytes:
    return gzip.compress(SIGNATURE + encode(value), 9, mtime=0)


def decode(data: bytes, at: int) -> tuple[Value, int]:
    """The CBOR value at `at` in `data`, and where it ends."""
    major, size, at = head(data, at)
    if major == 0:
        return size, at
    if major == 1:  # a negative integer: a word index's change of weight
        return -1 - size, at
    if major in (2, 3):
        chunk = data[at : at + size]
        return (chunk if major == 2 else chunk.decode("utf-8")), at + size
    if major == 4:
        items: list[Value] = []
        for _ in range(size):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    raise UnexpectedIndex(f"CBOR major type {major}")


def head(data: bytes, at: int) -> tuple[int, int, int]:
    """The major type, the size (or value) and the end of the CBOR head at `at`."""
    first = data[at]
    major, small = first >> 5, first & 31
    if small < 24:
        return major, small, at + 1
    if small > 27:
        raise UnexpectedIndex(f"CBOR length {small}")
    width = 1 << (small - 24)
    return major, int.from_bytes(data[at + 1 : at + 1 + width], "big"), at + 1 + width


def encode(value: Value) -> bytes:
    """`value` as CBOR, every head in its shortest form."""
    if isinstance(value, bool):
        raise UnexpectedIndex("CBOR boolean")
    if isinstance(value, int):
        return encode_head(0, value) if value >= 0 else encode_head(1, -1 - value)
    if isinstance(value, bytes):
        return encode_head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return encode_head(3, len(raw)) + raw
    return encode_head(4, len(value)) + b"".join(encode(item) for item in value)


def encode_head(major: int, size: int) -> bytes:
    if size < 24:
        return bytes([major << 5 | size])
    for small, width in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if size < 1 << (8 * width):
            return bytes([major << 5 | small]) + size.to_bytes(width, "big")
    raise UnexpectedIndex(f"CBOR size {size}")
