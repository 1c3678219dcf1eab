"""A hash of a theme's files (`lite` for the public sites, `desk`): part of every page
key and fingerprint, so a changed template or stylesheet remakes what it shows."""

from __future__ import annotations

import functools
import hashlib
from importlib import resources
from pathlib import Path


@functools.cache
def theme_digest(name: str) -> str:
    digest = hashlib.sha256()
    root = resources.files("generator.themes").joinpath(name)
    for path in sorted(Path(str(root)).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
