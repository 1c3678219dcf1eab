"""The build's caches in `.cache/newsroom/` are an optimisation only: one that cannot
be used (a read-only folder, a file where a folder belongs or a folder where a file
belongs, a full disk) is left as it is and the build goes on without it, with a
warning saying what to fix. A cache never fails a build.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from generator.content.messages import cli_text, describe, language
from generator.content.problems import printable, quote

log = logging.getLogger("mkdocs.plugins.newsroom")

_warned: set[str] = set()


def usable(folder: Path) -> Path | None:
    """`folder` (made if missing) when files can be written in it; else None, warned."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        unusable(folder, error)
        return None
    return folder


def unusable(path: Path, error: Exception) -> None:
    """Warn, once per path and process, that the cache at `path` is not used."""
    if isinstance(error, OSError):
        named = error.filename2 or error.filename  # a rename names its target second
        path = Path(named) if isinstance(named, str) else path  # the very thing in the way
    if any(str(folder) in _warned for folder in (path, *path.parents)):
        return  # said once: the caches inside a folder that cannot be used cannot be either
    _warned.add(str(path))
    reason = f"{type(error).__name__}: {getattr(error, 'strerror', None) or error}"
    lang = language()
    problem, fix = describe("cache_unusable", lang, {"path": printable(str(path))})
    said = cli_text("cache_error", lang)
    log.warning(f"{printable(str(path))}: {problem} ({said} {quote(reason)}); {fix}")
