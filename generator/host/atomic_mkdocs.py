"""Make MkDocs' own file writes atomic.

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
