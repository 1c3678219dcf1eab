"""What a source hands the sync: an `Incoming` (paths with content ids, and a reader
of their bytes), and the rules every kind of source classifies its files by (where a
release lies, which assets are taken, how large)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from generator.content.assets import asset_target
from generator.content.problems import Problem, Severity
from generator.content.yamlsafe import Node
from sync.limits import MAX_ASSET_DEPTH, MAX_ASSET_NAME

RELEASE_PATH = re.compile(r"\Areleases/(\d{4})/([^/]+\.md)\Z")
ASSET_TYPES = {
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".gif": "image",
    ".webp": "image",
    ".pdf": "pdf",
}
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_PDF_BYTES = 20 * 1024 * 1024


@dataclass
class Incoming:
    """What a source offers at one version: paths with content ids, and a reader."""

    version: str  # commit id, or the feed's ETag/hash
    releases: dict[str, str] = field(default_factory=dict)  # "releases/2026/x.md" -> oid
    assets: dict[str, str] = field(default_factory=dict)  # "assets/x.png" -> oid
    # The bytes of the blobs asked for, one at a time as they are read (never all at once).
    read: Callable[[list[str]], Iterator[tuple[str, bytes]]] = lambda oids: iter(())
    refused: list[Problem] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)  # asset blob id -> bytes
    complete: bool = True  # a git tree is the whole office; a feed is only its latest items
    # Releases the source says it withdrew (a feed's `_newsroom.withdrawn`), path -> oid:
    # applied as updates of releases already synced, never as new ones.
    withdrawals: dict[str, str] = field(default_factory=dict)
    # Release paths present upstream but refused before reading (a symlink, too large):
    # broken, not removed, so the last good version stays instead of being withdrawn.
    broken: set[str] = field(default_factory=set)
    # The address of each release's page where the source publishes it (a feed item's
    # `url`, checked), path -> URL: its canonical address on our sites.
    origins: dict[str, str] = field(default_factory=dict)
    # The office's officers as the source lists them (office.yml's `officers:`, a feed's
    # `_newsroom.officers`), still to be validated; None: the source says nothing of them.
    officers: Node | None = None
    officers_where: str = ""  # how messages name where they were read: "<office>:office.yml"


def each_blob(incoming: Incoming, paths: dict[str, str]) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) for `paths` (path -> blob id) in their order, each blob read once
    and handed on as it is read."""
    by_oid: dict[str, list[str]] = {}
    for path, oid in paths.items():
        by_oid.setdefault(oid, []).append(path)
    for oid, data in incoming.read(list(by_oid)):
        for path in by_oid[oid]:
            yield path, data


# Refusal codes that name no refused file: office.yml claiming another id is only
# reported (the registry decides), the office's files are taken.
NOT_A_REFUSED_FILE = frozenset({"office_mismatch"})


def refused_file(problem: Problem, label: str) -> str:
    """The file (a git path, a feed item's id) a refusal of the source refused, or ""."""
    if problem.code in NOT_A_REFUSED_FILE:
        return ""
    return problem.path.removeprefix(f"{label}:")


def asset_name_problem(path: str, label: str) -> Problem | None:
    """Why an `assets/` path is refused for its length or depth, or None."""
    folders = path.split("/")[1:-1]
    longest = max(path.split("/")[1:], key=len, default="")
    if len(longest) > MAX_ASSET_NAME:
        params = (("length", str(len(longest))), ("max", str(MAX_ASSET_NAME)))
        return Problem(
            f"{label}:{path}", 1, "file", "asset_name_too_long", path, params, Severity.WARNING
        )
    if len(folders) > MAX_ASSET_DEPTH:
        params = (("depth", str(len(folders))), ("max", str(MAX_ASSET_DEPTH)))
        return Problem(
            f"{label}:{path}", 1, "file", "asset_too_deep", path, params, Severity.WARNING
        )
    return None


def asset_problem(path: str, size: int | None, label: str) -> Problem | None:
    """Why an `assets/` entry is refused, or None when it is acceptable."""
    named = asset_name_problem(path, label)
    if named is not None:
        return named
    suffix = PurePosixPath(path).suffix.lower()
    kind = ASSET_TYPES.get(suffix)
    limit = MAX_PDF_BYTES if kind == "pdf" else MAX_IMAGE_BYTES
    if kind is None or asset_target(path) is None or size is None or size > limit:
        return Problem(
            f"{label}:{path}",
            1,
            "file",
            "asset_refused",
            path,
            (("max_image", "5 MB"), ("max_pdf", "20 MB")),
            Severity.WARNING,
        )
    return None
