"""A hash of the generator's own source, for caches whose results the code decides."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

# The `generator` package: this module sits in its util/ sub-package.
PACKAGE = Path(__file__).resolve().parent.parent


@functools.cache
def code_digest() -> str:
    """Changes whenever any module of the package changes, whatever the version says."""
    return source_digest(PACKAGE)


def source_digest(package: Path) -> str:
    """Every module in every sub-package of `package`, named by its path inside it: a
    `glob("*.py")` of one folder would let caches outlive a change in another."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
