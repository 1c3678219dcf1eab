"""Links and images in a release body that the site cannot serve.

A link to a missing or unreadable asset is an error, as a missing `image.src` is; a
path the renderer drops or leaves dangling (relative but not to assets/, or from the
site's root) is a warning saying what to write instead.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from generator.content.assets import PREVIEWED_ASSETS, AssetCheck, asset_link, is_asset_path
from generator.content.bodylinks import BodyLink
from generator.content.model import Release
from generator.content.photocheck import check_picture
from generator.content.problems import Report, Severity
from generator.content.repofiles import BODY_FIELD

# A URL scheme (`https:`, `mailto:`): another place's address, not a file of the office.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_RELEASE_FILE = re.compile(r"\Areleases/(\d{4})/([^/]+)\.md\Z", re.IGNORECASE)


def check_body_links(
    release: Release, links: list[BodyLink], report: Report, assets: AssetCheck
) -> None:
    """Links and images the site cannot serve: a missing or unreadable asset is an error
    (like a missing `image.src`); a path the renderer drops or leaves dangling (relative
    but not to assets/, or from the site's root) is a warning saying what to write. The
    office's pictures need alt text, and a large one is told what the site shows of it
    (generator.content.photocheck)."""
    year = Path(release.path).parent.name
    for link in links:
        found = _link_problem(link, year, release.office.id, assets)
        if found is not None:
            code, severity, params = found
            line = release.body_line + link.line - 1
            shown = link.written
            report.add(release.path, line, BODY_FIELD, code, shown, severity=severity, **params)
        # Only the office's own pictures are shown as pictures (another host's becomes a
        # link, anything else is dropped): those need the words for readers who cannot see.
        src = asset_link(link.url) if link.image else None
        if src is None:
            continue
        line = release.body_line + link.line - 1
        if not (link.alt or "").strip():
            report.add(release.path, line, BODY_FIELD, "body_image_alt", link.written)
        picture = assets.picture(src) if found is None else None  # found: reported above
        if picture is not None:
            check_picture(report, release.path, line, BODY_FIELD, link.written, picture)


def _link_problem(
    link: BodyLink, year: str, office_id: str, assets: AssetCheck
) -> tuple[str, Severity, dict[str, str]] | None:
    url = link.url
    if not url or url.startswith(("#", "//")) or _SCHEME.match(url):
        return None  # an anchor on the page, or another host's address
    src = asset_link(url)
    if src is not None:
        if not is_asset_path(src):
            return "bad_asset_link", Severity.WARNING, {}
        if not assets.exists(src):
            return "asset_missing", Severity.ERROR, {"expected": assets.where(src)}
        if link.image and assets.picture(src) is None:
            return "image_unreadable", Severity.ERROR, {}
        return None
    path = url.split("#", 1)[0].split("?", 1)[0]
    rooted = url.startswith("/")
    # Where it points in the office's repository, seen from releases/<yyyy>/.
    target = posixpath.normpath(path.lstrip("/") if rooted else f"releases/{year}/{path}")
    parts = target.split("/")
    if "assets" in parts:
        rest = "/".join(parts[len(parts) - parts[::-1].index("assets") :])
        return "link_to_assets", Severity.WARNING, {"suggestion": PREVIEWED_ASSETS + rest}
    other = _RELEASE_FILE.match(target)
    if other is not None:
        page = f"{office_id}/{other[1]}/{other[2]}/"
        return "link_to_release", Severity.WARNING, {"target": page}
    return ("link_root_relative" if rooted else "link_relative"), Severity.WARNING, {}
