"""The folders builds of this repository wrote sites into (`.newsroom/built-into.json`):
a report carries officers' NIPs and must never be written where a site is published
from, also when a build was given its own `--out` (a web server's folder).

Each build adds its output folder, resolved; the file is written only when a new
folder joins. It lives in `.newsroom/`, which git ignores: the paths are this machine's.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from generator.content.messages import cli_text, language
from generator.util.fsio import write_atomic

BUILT_INTO = Path(".newsroom") / "built-into.json"
log = logging.getLogger("mkdocs.plugins.newsroom")


def built_into(root: Path) -> list[Path]:
    """Every folder a build of the repository at `root` wrote its sites into."""
    try:
        folders = json.loads((root / BUILT_INTO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []  # no build yet, or a record we did not write: only the usual folders
    if not isinstance(folders, list):
        return []
    return [Path(folder) for folder in folders if isinstance(folder, str)]


def remember_built_into(root: Path, out: Path) -> None:
    """Add `out` to the folders builds wrote into (a record that cannot be written is
    warned about: the build goes on, and `site/` inside the repository is refused
    regardless)."""
    folder = out.resolve()
    known = built_into(root)
    if folder in known:
        return
    data = json.dumps(sorted(str(f) for f in [*known, folder]), indent=1) + "\n"
    try:
        write_atomic(root / BUILT_INTO, data.encode("utf-8"), durable=False)
    except OSError as error:  # warned: the build goes on
        params = {"path": str(root / BUILT_INTO), "out": str(folder), "error": str(error)}
        log.warning(cli_text("built_into_unwritable", language(), params))
