"""Folders of sites no longer built (renamed or disabled in mkdocs.yml) emptied of what
the builds wrote there: left, their stale pages would still be served."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from generator.content.messages import cli_text, language
from generator.host.searchindex import FOLDER as SEARCH_FOLDER
from generator.public.writer import MANIFEST, remove_built

log = logging.getLogger("mkdocs.plugins.newsroom")


def retire_sites(out: Path, current: set[str]) -> list[str]:
    """Remove what we built into folders of sites no longer built (renamed or disabled in
    mkdocs.yml): left there, their stale pages would still be served. Only files a
    build's manifest lists are removed, so nothing else in `out` is ever touched."""
    retired = []
    for manifest in sorted(out.glob(f"*/{MANIFEST}")):
        folder = manifest.parent
        if folder.name in current:
            continue
        shutil.rmtree(folder / SEARCH_FOLDER, ignore_errors=True)  # made after the site
        removed = remove_built(folder)
        log.info(cli_text("site_retired", language(), {"site": folder.name, "removed": removed}))
        retired.append(folder.name)
    # An index the service's run made for a site retired while it ran (its folder had
    # lost its manifest already): nothing else would ever find it.
    for index in out.glob(f"*/{SEARCH_FOLDER}"):
        if index.parent.name not in current and not (index.parent / MANIFEST).exists():
            shutil.rmtree(index, ignore_errors=True)
    return retired
