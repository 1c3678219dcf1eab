"""What our builds change in MkDocs' utils: its own file writes made atomic, and the
installed themes looked up once a process.

MkDocs (and Material) write pages and copy theme files with plain `open()` and
`shutil.copyfile()`: a build killed mid-write would leave half a page on the
site. Every such write goes through `mkdocs.utils.write_file` and
`mkdocs.utils.copy_file`, looked up on the module at call time, so routing
them through our temp-file-and-rename writer covers all of them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs import utils

from generator.util.fsio import write_if_changed

_installed = False


def _write_file(content: bytes, output_path: str) -> None:
    # Unchanged bytes are not rewritten: rsync and CDNs then see only real changes.
    write_if_changed(Path(output_path), content, durable=False)


def _copy_file(source_path: str, output_path: str) -> None:
    target = Path(output_path)
    if target.is_dir():
        target = target / Path(source_path).name
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.copyfile(source_path, temp)
    os.replace(temp, target)


def install() -> None:
    """Route MkDocs' writes through atomic replacements (idempotent)."""
    global _installed
    if not _installed:
        utils.write_file = _write_file
        utils.copy_file = _copy_file
        _installed = True


def keep_installed_themes() -> None:
    """MkDocs forgets which themes are installed each time it loads one (`Theme` clears
    `get_themes`' cache, for a theme installed meanwhile), so each site's config read
    every installed package's entry points again: 5 of its 7 ms, 0.2 s of CPU when a
    central release rebuilds 40 sites. No theme is installed in the middle of a build
    (nor under `newsroom watch`: the README says to restart it after an upgrade),
    so the lookup is kept for the process. (MkDocs 1.x gets no more releases: this
    attribute will not move.)"""
    themes = utils.get_themes
    if getattr(themes, "cache_clear", None) is not _keep:
        themes.cache_clear = _keep  # type: ignore[method-assign]


def _keep() -> None:
    """What `get_themes.cache_clear` does in our builds: nothing (see above)."""
