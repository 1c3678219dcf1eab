"""An office's assets (photos, attachments): which paths name one, where its file is,
and how a page links to the site's copy. Every rule about asset paths is here, so the
validator, the renderer, the publisher and the sync agree on them.

An office keeps them under `assets/` (central: `content/assets/<office>/`) and releases
name them `assets/<path>`. A body may also link them as `../../assets/<path>`, which is
how git hosts and editors preview it from `releases/<yyyy>/`. On a site they are copied
to `<office>/aset/<path>`, which a release page (`<office>/<yyyy>/<slug>/`) reaches as
`../../aset/<path>`: an article with only such relative links is the same on every site.
"""

from __future__ import annotations

import html
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.content.photocheck import UNMEASURED, Picture, examine

if TYPE_CHECKING:  # fields (the schema's) needs these rules: no import back at run time
    from generator.content.bodylinks import BodyLink
    from generator.content.layout import Layout
    from generator.content.model import Release
    from generator.content.schema import FrontMatter, Office

ASSETS = "assets/"
# How a body links to the office's assets/: as the site reads it, and as git hosts and
# editors preview it from releases/<yyyy>/ (the renderer takes both).
PREVIEWED_ASSETS = "../../assets/"
_BODY_PREFIXES = (ASSETS, PREVIEWED_ASSETS)
# An office's assets on a site (`<office>/aset/`), and that folder from a release page.
SITE_FOLDER = "aset"
FROM_RELEASE_PAGE = f"../../{SITE_FOLDER}/"

_PART = re.compile(r"\A[A-Za-z0-9._-]+\Z")
# Any `assets/...` path in a text, linked or not.
_MENTIONED = re.compile(r"assets/[A-Za-z0-9._/-]+")


def asset_target(src: str) -> str | None:
    """`assets/x/y.png` -> `x/y.png`; None for anything that could leave the folder."""
    if not src.startswith(ASSETS) or "\\" in src:
        return None
    parts = src.split("/")[1:]
    if not parts or any(p.startswith(".") or not _PART.match(p) for p in parts):
        return None
    return "/".join(parts)


def is_asset_path(value: str) -> bool:
    """`assets/<parts>` with no `..`, no hidden parts and only `[A-Za-z0-9._-]` in each:
    what the renderer can link to its copy on the site (also for body links)."""
    return asset_target(value) is not None


def asset_link(url: str) -> str | None:
    """`assets/x.png` for a body link to the office's assets/ folder, else None."""
    for prefix in _BODY_PREFIXES:
        if url.startswith(prefix):
            return ASSETS + url.removeprefix(prefix)
    return None


def asset_file(folder: Path, src: str) -> Path:
    """The file `assets/...` names in the office's assets folder `folder`."""
    return folder / src.removeprefix(ASSETS)


def asset_href(src: str) -> str:
    """An office asset as linked from the release's page."""
    return FROM_RELEASE_PAGE + src.removeprefix(ASSETS)


def asset_path(release: Release, src: str) -> str:
    """Site-relative path of an office asset: `<office>/aset/<path under assets/>`."""
    return f"{release.office.id}/{SITE_FOLDER}/{src.removeprefix(ASSETS)}"


def asset_refs(meta: FrontMatter, body: str, links: list[BodyLink]) -> tuple[str, ...]:
    """Every `assets/...` path a release names (image, attachments, body text, linked
    or not): a superset of what rendering links, which is all a page's key needs (an
    extra path only makes it more careful)."""
    # Markdown backslash escapes and HTML character references as the renderer reads them.
    # Only a body naming `assets` (or hiding text in escapes) can hold one.
    hidden = "&" in body or "\\" in body
    plain = html.unescape(re.sub(r"\\(.)", r"\1", body)) if hidden else body
    refs = set(_MENTIONED.findall(plain)) if hidden or ASSETS in body else set()
    refs.update(src for link in links if (src := asset_link(link.url)) is not None)
    if meta.image is not None:
        refs.add(meta.image.src)
    refs.update(a.src for a in meta.attachments)
    return tuple(sorted(refs))


def pictures(meta: FrontMatter, links: list[BodyLink]) -> tuple[str, ...]:
    """The `assets/...` pictures a release page shows, in order, each once: the lead
    image, then the body's `<img>` that can be linked to the site's copy."""
    found = [meta.image.src] if meta.image is not None else []
    for link in links:
        src = asset_link(link.url) if link.image else None
        if src is not None and asset_target(src) is not None and src not in found:
            found.append(src)
    return tuple(found)


def _unmeasured(src: str) -> Picture | None:
    return UNMEASURED


FileStamp = tuple[int, int, int, int]  # size, mtime, ctime, inode: as git's index tells


def _unstamped(src: str) -> FileStamp | None:
    return None


def file_stamp(path: Path) -> FileStamp | None:
    """What tells that a file changed without reading it; None when there is none."""
    try:
        found = os.lstat(path)  # a link is no asset (`exists` refuses it): never followed
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)


@dataclass(frozen=True)
class AssetCheck:
    """Where a release's `assets/...` files are looked for, and how to name that place."""

    exists: Callable[[str], bool]
    where: Callable[[str], str]
    # An existing image file as `newsroom check` sees it (generator.content.photocheck):
    # None unless it is a PNG, JPEG, GIF or WebP the build can decode and whose size the
    # pages can read. Sources without the bytes at hand accept any, and say nothing more.
    picture: Callable[[str], Picture | None] = _unmeasured
    # What the parse cache keeps of a photo `picture` was asked about: its stamp, so
    # that a later build trusts the verdict without reading the photo again (examining
    # 2,000 phone photos cost 8 to 16 s of every `newsroom build` at 10,000 releases).
    stamp: Callable[[str], FileStamp | None] = _unstamped


def layout_assets(layout: Layout, office: Office) -> AssetCheck:
    """The office's assets as they are in the repository's folder."""
    folder = layout.assets_dir(office.id)

    def target(src: str) -> Path:
        return asset_file(folder, src)

    return AssetCheck(
        exists=lambda src: target(src).is_file() and not target(src).is_symlink(),
        where=lambda src: str(target(src).relative_to(layout.root)),
        picture=lambda src: examine(target(src)),
        stamp=lambda src: file_stamp(target(src)),
    )
