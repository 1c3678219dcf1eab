"""Compiled Jinja templates kept between the MkDocs builds of one process and on disk.

Every site's MkDocs build makes a new Jinja environment; both plugins hand it
this one cache, so the themes are compiled once, not at every build.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, FileSystemBytecodeCache

from generator.content.cachedir import unusable


class TemplateCache(FileSystemBytecodeCache):
    """Compiled templates, kept in this process and in `.cache/newsroom/jinja/`: every
    site's MkDocs build makes a new Jinja environment, and compiling the theme again
    cost 0.15 s per public site and 0.8 s for Material's at every desk build. Jinja
    checks each bucket against its template's source checksum (and its own and
    Python's version), so a changed template is compiled anew; the key also names
    whether the environment autoescapes, which compiled code bakes in."""

    def __init__(self) -> None:
        self._memory: dict[str, bytes] = {}
        self._folder: Path | None = None

    def use_folder(self, folder: Path) -> None:
        if folder != self._folder:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                unusable(folder, error)  # compiled in memory only, as on a first build
                return
            super().__init__(str(folder))
            self._folder = folder

    def get_bucket(self, environment: Any, name: str, filename: str | None, source: str) -> Bucket:
        escapes = environment.autoescape if isinstance(environment.autoescape, bool) else "fn"
        key = self.get_cache_key(f"{name}|autoescape={escapes}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._memory.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self._folder is not None:
            with contextlib.suppress(OSError):  # only a cache: compiled afresh instead
                super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._memory[bucket.key] = bucket.bytecode_to_string()
        if self._folder is not None:
            with contextlib.suppress(OSError):  # only a cache: a full disk must not fail a build
                super().dump_bytecode(bucket)


TEMPLATES = TemplateCache()
"""The one cache of this process, shared by every build and both plugins."""
