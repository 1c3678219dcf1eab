"""Derived photos kept by content hash, so each photo is processed once.

A photo's derived pictures are named by the hash of the original's bytes and of the
recipe (widths, budgets, qualities, `photos.RECIPE_VERSION`, Pillow's version): the
same photo used by 39 sites, or built again tomorrow, is found under the same name
and not encoded again; a changed photo or recipe gets new names. The files live in
one folder of the build cache (`.cache/newsroom/photos/`), flat, as
`<key>-360.webp` ... `<key>-og.jpg` and `<key>-original.<ext>` (the original without its
metadata, generator.public.stripmeta), with `<key>.json` written last: the record of a
complete set (sizes in pixels and bytes), so a hit opens no picture.

After a build, the sets it showed are stamped as used, and once a day the sets no
build has shown for `UNUSED_FOR` are removed (`prune`): replaced photos would
otherwise fill a writer's laptop disk.

Like every build cache, it is an optimisation only (`cachedir`): a folder that cannot
be used means the pictures are made in memory and the build goes on, warned.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from generator.content.cachedir import unusable, usable
from generator.public import photos
from generator.public.photos import Derived, Encoded, Original
from generator.util.fsio import TEMP_PREFIX, write_atomic
from generator.util.stripmeta import MetadataError, stripped

KEY_CHARS = 20  # 80 bits of sha256: no two photos of a country's newsrooms collide


@dataclass(frozen=True)
class DerivedSet:
    """A photo's derived pictures, and where their bytes are."""

    key: str
    original: Original
    pictures: tuple[Derived, ...]  # by width, WebP then JPEG; names are `<key>-<name>`
    og: Derived
    clean: Derived  # the original, metadata taken out: what "Unduh foto asli" gives
    folder: Path | None  # the cache folder holding the files; None: kept in `held`
    held: dict[str, bytes] = field(default_factory=dict, compare=False, repr=False)

    def content(self, item: Derived) -> bytes:
        """The bytes of one of this set's files."""
        if self.folder is None:
            return self.held[item.name]
        return (self.folder / item.name).read_bytes()


def photo_key(data: bytes) -> str:
    """The name of a photo's set: its bytes and the recipe, hashed."""
    digest = hashlib.sha256(photos.recipe().encode())
    digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()[:KEY_CHARS]


def derive(
    original: Path, cache: Path | None, known: str | None = None, threads: int = 1
) -> DerivedSet:
    """The derived pictures of `original`: from `cache` when made before, else made
    (and kept in `cache` when it can be used), in up to `threads` threads. `known`: the
    key of the original's bytes, when the caller knows them unchanged (reading and
    hashing a phone photo costs more than finding its set). Raises `photos.PhotoError`
    for a file that is not a picture Pillow can decode."""
    if known is not None and cache is not None:
        folder = usable(cache)
        found = _cached(folder, known) if folder is not None else None
        if found is not None:
            return found
    data = original.read_bytes()
    key = photo_key(data)
    folder = usable(cache) if cache is not None else None
    if folder is not None:
        found = _cached(folder, key)
        if found is not None:
            return found
    made_original, encoded = photos.make(original, data, threads)
    try:
        clean = stripped(data)
    except MetadataError as error:
        raise photos.PhotoError(original, str(error)) from error
    fmt = photos.format_of(data) or "png"  # `stripped` has refused any other
    name = f"original.{photos.extension(fmt)}"
    size = (made_original.width, made_original.height)
    encoded.append(Encoded(Derived(name, *size, fmt, len(clean), 100), clean))
    named = {f"{key}-{each.derived.name}": each for each in encoded}
    records = [_renamed(name, each.derived) for name, each in named.items()]
    held = {name: each.data for name, each in named.items()}
    if folder is not None and _stored(folder, key, made_original, records, held):
        return _set(key, made_original, records, folder, {})
    return _set(key, made_original, records, None, held)


def _renamed(name: str, derived: Derived) -> Derived:
    return Derived(
        name, derived.width, derived.height, derived.format, derived.size, derived.quality
    )


def _set(
    key: str,
    original: Original,
    records: list[Derived],
    folder: Path | None,
    held: dict[str, bytes],
) -> DerivedSet:
    *pictures, og, clean = records  # as `derive` lists them: the OG picture, the original
    return DerivedSet(key, original, tuple(pictures), og, clean, folder, held)


def _stored(
    folder: Path, key: str, original: Original, records: list[Derived], held: dict[str, bytes]
) -> bool:
    """Write the set's files, then its record; False (warned) when the cache cannot."""
    try:
        for name, data in held.items():
            # Not durable: a cache a power cut tears is made again, and the record,
            # written last, is checked against the files' sizes.
            write_atomic(folder / name, data, durable=False)
        record = {"original": asdict(original), "files": [asdict(each) for each in records]}
        text = json.dumps(record, sort_keys=True, indent=1) + "\n"
        write_atomic(folder / f"{key}.json", text.encode(), durable=False)
    except OSError as error:
        unusable(folder, error)
        return False
    return True


def _cached(folder: Path, key: str) -> DerivedSet | None:
    """The set recorded under `key`, if its record and every file are there."""
    try:
        record = json.loads((folder / f"{key}.json").read_text())
        original = Original(**record["original"])
        records = [Derived(**each) for each in record["files"]]
        if any((folder / each.name).stat().st_size != each.size for each in records):
            return None  # a file lost or torn: make the set again
    except (OSError, ValueError, TypeError, KeyError):
        return None  # no record, or not one we wrote: make the set again
    return _set(key, original, records, folder, {})


# A set no build has shown for this long is removed from the cache: photos replaced or
# withdrawn would otherwise fill a writer's laptop disk. Long enough that a photo taken
# out for a week and put back is not encoded again.
UNUSED_FOR = timedelta(days=30)
STAMPED_EVERY = timedelta(days=1)  # a set's last use, kept to the day: no write per build
PRUNED_NAME = "pruned"  # its mtime: when the cache was last pruned


def mark_used(folder: Path, keys: Iterable[str], now: datetime) -> None:
    """Stamp the record of each set of `keys` as used at `now` (its mtime), where the
    stamp is a day or more from it; a record that cannot be stamped is left (kept, or
    made again). Ahead of `now` too: a set made by this build has the machine's time,
    and what is pruned must follow the build's `now`, never the machine's clock."""
    stamp = now.timestamp()
    for key in keys:
        record = folder / f"{key}.json"
        try:
            if abs(record.stat().st_mtime - stamp) >= STAMPED_EVERY.total_seconds():
                os.utime(record, (stamp, stamp))
        except OSError:
            continue


def due(folder: Path, now: datetime) -> bool:
    """Whether the cache was last pruned a day or more from `now` (before it, or after
    it by a build at another `now`); if so, stamps it pruned at `now` (a marker file's
    mtime)."""
    marker, stamp = folder / PRUNED_NAME, now.timestamp()
    try:
        if abs(marker.stat().st_mtime - stamp) < STAMPED_EVERY.total_seconds():
            return False
    except OSError:
        pass  # never pruned
    try:
        marker.touch()
        os.utime(marker, (stamp, stamp))
    except OSError:
        return False  # a cache we cannot write in: nothing to prune either
    return True


def prune(folder: Path, keep: set[str], now: datetime) -> tuple[int, int]:
    """Remove every file of the sets outside `keep` last used `UNUSED_FOR` before `now`
    (by their record's stamp; a file without a record, by its own); return the files
    and bytes removed. Published copies are hard links of their own: untouched."""
    cutoff = (now - UNUSED_FOR).timestamp()
    removed, freed = 0, 0
    for key, files in _files_by_key(folder).items():
        if key in keep or _last_used(folder, key, files) > cutoff:
            continue
        for path in files:
            try:
                size = path.stat().st_size
                path.unlink()
            except OSError:
                continue  # gone already, or not ours to remove: the next build tries again
            removed, freed = removed + 1, freed + size
    return removed, freed


def _files_by_key(folder: Path) -> dict[str, list[Path]]:
    """The cache's files by the key that begins their name (`<key>-360.webp`,
    `<key>.json`); a temp file a crash left is a set of its own. Files of other names
    (the index among them) are not pruned."""
    found: dict[str, list[Path]] = {}
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return found
    for path in entries:
        key = path.name[:KEY_CHARS]
        if path.name.startswith(TEMP_PREFIX) and path.name.endswith(".tmp"):
            found[path.name] = [path]
        elif len(key) == KEY_CHARS and all(c in "0123456789abcdef" for c in key):
            found.setdefault(key, []).append(path)
    return found


def _last_used(folder: Path, key: str, files: list[Path]) -> float:
    record = folder / f"{key}.json"
    stamped = [record] if record in files else files
    try:
        return max(path.stat().st_mtime for path in stamped)
    except OSError:
        return float("inf")  # changing under us: another build is using it; keep it
