"""Rendering the bodies the disk cache lacks before the sites are built, spread over
forked worker processes when there are many, so that forked site workers only read
the cache. Workers write their results to the cache themselves: nothing is sent back.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Protocol

from generator.content.model import Release
from generator.util.workers import can_fork, forked_chunks

PARALLEL_FROM = 200  # bodies to render before it pays to start worker processes


class CachingRenderer(Protocol):
    """What of generator.public.render.Renderer the fan-out uses."""

    def render(self, release: Release) -> object: ...

    def save(self) -> None: ...

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
    """In a forked worker: render `releases` into the disk cache."""
    for release in releases:
        renderer.render(release)
    renderer.save()
