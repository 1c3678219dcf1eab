"""A hash of the generator's own source, for caches whose results the code decides."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path


@functools.cache
def code_digest() -> str:
    """Changes whenever any module of the package changes, whatever the version says.

    Every module in every sub-package counts (a `glob("*.py")` of one folder would
    let caches outlive a change in another), named by its path inside the package.
    """
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
