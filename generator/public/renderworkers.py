"""Rendering the bodies the disk cache lacks before the sites are built, spread over
forked worker processes when there are many, so that forked site workers only read
the cache. Workers write their results to the cache themselves: nothing is sent back,
and a worker keeps nothing it has written (see BATCH).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Protocol

from generator.content.model import Release
from generator.util.workers import can_fork, forked_chunks

PARALLEL_FROM = 200  # bodies to render before it pays to start worker processes
# Bodies a worker renders before it writes them to the cache and lets them go. Written
# once at the end, each worker of a cold build at 100,000 releases held its 48,000
# bodies (and their files' text) until then: 1.9 GB each with cmark-gfm's leak (see
# generator.util.commonmark), the build's peak memory.
BATCH = 500


class CachingRenderer(Protocol):
    """What of generator.public.render.Renderer the fan-out uses."""

    def render(self, release: Release) -> object: ...

    def save(self) -> None: ...

    def forget(self) -> None: ...

    def close(self) -> None: ...


def render_missing(
    renderer: CachingRenderer, todo: list[Release], jobs: int, *, disk_cache: bool
) -> None:
    """Render `todo` into the disk cache, in up to `jobs` forked processes (here, when
    there is no disk cache for workers to write to, or too little to do)."""
    if not disk_cache or jobs <= 1 or len(todo) < PARALLEL_FROM or not can_fork():
        for release in todo:
            renderer.render(release)
        renderer.save()
        renderer.close()
        return
    renderer.close()  # no connection may cross a fork
    forked_chunks(partial(_render_chunk, renderer), todo, jobs)


def _render_chunk(renderer: CachingRenderer, releases: Sequence[Release]) -> None:
    """In a forked worker: render `releases` into the disk cache, BATCH at a time, each
    batch let go once written (this process ends with the chunk: nothing here reads
    them again)."""
    for start in range(0, len(releases), BATCH):
        batch = releases[start : start + BATCH]
        read_here = [release for release in batch if not release.has_body]
        for release in batch:
            renderer.render(release)
        renderer.save()
        renderer.forget()
        for release in read_here:
            release.forget_body()  # read from its file for rendering, and needed no more
