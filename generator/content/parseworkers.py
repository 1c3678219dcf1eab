"""Release files parsed in several processes when there are many.

A cold build validates every release file: at 10,000 files that is seconds of
YAML and Markdown scanning in one process while the other core idles. The
files are independent, so those the parse cache lacks are split over forked
workers; each returns its results (releases and their problems) and the
loader puts them back in file order, so problems are reported exactly as a
serial load reports them. Releases come back without their bodies: pickled
through a pipe, 75 MB of text cost the parent more time than parsing did,
and whoever needs a body reads it again from its file (see Release.body).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from generator.content.photocheck import Picture
from generator.content.problems import Problem
from generator.util.workers import can_fork, forked_chunks

if TYPE_CHECKING:
    from generator.content.model import Release
    from generator.content.parsecache import FileKey
    from generator.content.schema import Office

# What validation saw of an asset file a result depends on: whether it exists, or a
# photo's file stamp (generator.content.assets.file_stamp), or a photo as check sees it
# where there is no file (None: not one the build can decode).
Seen = bool | Picture | tuple[int, int, int, int] | None

# Below this many files, starting processes costs more than it saves.
PARALLEL_FROM = 400


@dataclass(frozen=True)
class ParseResult:
    release: Release | None
    problems: tuple[Problem, ...]
    assets: tuple[tuple[str, Seen], ...]  # (src or probe, what it was) as validation saw


@dataclass(frozen=True)
class ParseJob:
    office: Office
    path: str
    assets: object  # generator.content.assets.AssetCheck (functions: they cross only a fork)
    zone_guessed: bool
    keep: bool  # a usable office's release (else only its problems are reported)
    file_key: FileKey | None = None
    done: bool = False  # answered by the parse cache
    result: ParseResult | None = None


Parse = Callable[[ParseJob], ParseResult]


def parse_all(jobs: list[ParseJob], parse: Parse) -> dict[str, ParseResult]:
    """`parse` applied to every job, by path; in forked workers when there are many."""
    workers = min(os.cpu_count() or 1, max(1, len(jobs) // (PARALLEL_FROM // 2)))
    if workers <= 1 or len(jobs) < PARALLEL_FROM or not can_fork():
        return {job.path: parse(job) for job in jobs}
    chunks = forked_chunks(partial(_parse_chunk, parse), jobs, workers)
    results: dict[str, ParseResult] = {}
    for start, chunk in enumerate(chunks):
        results.update(zip((job.path for job in jobs[start::workers]), chunk, strict=True))
    return results


def _parse_chunk(parse: Parse, jobs: Sequence[ParseJob]) -> list[ParseResult]:
    return [_without_body(parse(job)) for job in jobs]


def _without_body(result: ParseResult) -> ParseResult:
    if result.release is None:
        return result
    return ParseResult(result.release.without_body(), result.problems, result.assets)
