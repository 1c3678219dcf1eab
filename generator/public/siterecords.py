"""Where a build keeps what it knows of each site: in the build cache, never in the
published site, whose bytes must not change when nothing changed (delete .cache/ and
every site is rebuilt). Kept apart from generator.public.fingerprint, which imports
every output's declarations: the search indexes' process (generator.service.indexrun)
finds its records without them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def record_path(cache: Path, site_dir: Path) -> Path:
    """Where the fingerprint of the site built into `site_dir` is kept: in the build
    cache, not in the published site (delete .cache/ and every site is rebuilt)."""
    key = hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:24]
    return cache / "sites" / f"{key}.txt"


def stats_path(cache: Path, site_dir: Path) -> Path:
    """Where the size and mtime of each file of the site in `site_dir` are kept, as its
    last finished build left them (see generator.public.damage)."""
    return record_path(cache, site_dir).with_suffix(".files.pickle")
