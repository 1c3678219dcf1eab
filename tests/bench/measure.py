"""Wall time and peak memory of a command and all its child processes (from /proc)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE_EVERY = 0.1  # seconds between memory samples
# When this bench started (the module is imported once per bench process): each run's
# progress line says how long the bench has been going, so a bench of an hour shows
# where it is instead of printing nothing until its table.
STARTED = time.monotonic()


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    # What the command said of each of the `moments` it was asked for, in seconds since
    # it started (a one-shot build's pages on disk, before its search indexes).
    moments: dict[str, float] = field(default_factory=dict)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(c) for c in task.read_text().split()]
        except OSError:
            continue
    return found


def _pss_kb(pid: int) -> int:
    """Proportional set size: resident memory with pages shared between processes
    (forked workers share the parent's loaded releases copy-on-write) counted once
    in all, split between the sharers. Summing plain RSS would count them per worker."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(pid: int) -> int:
    """Memory of `pid` and every descendant (PSS, so shared pages count once), summed."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += _pss_kb(current)
        stack += _children(current)
    return total


def measure(
    command: list[str],
    cwd: Path,
    env: dict[str, str] | None = None,
    log: Path | None = None,
    moments: Mapping[str, str] | None = None,
    label: str | None = None,
) -> Run:
    """Run `command` to completion; its wall time and the peak RSS of its process tree.
    `log`: where to keep what it printed to stderr (where a long build spent its time).
    `moments`: name -> a pattern of a line on stderr whose first group is a number of
    seconds the command says (generator.cli.build: since the command started).
    `label`: how its progress line on stderr names it (by default, its program and folder)."""
    # Whatever the last run (or the rmtree before this one) left for the disk is written
    # now, not during this run: on a small VM, writeback of 1.5 GB took seconds from
    # whichever run came next.
    os.sync()
    start = time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kb(process.pid))
            # Reading smaps costs ~2.5 ms of CPU per sample, taken from the measured
            # command on a 2-core machine: ten samples a second, not fifty.
            done.wait(SAMPLE_EVERY)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    done.set()
    sampler.join()
    elapsed = time.monotonic() - start
    if log is not None:
        log.write_bytes(stderr)
    if process.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({process.returncode}): {stderr[-2000:]!r}")
    said = stderr.decode("utf-8", "replace")
    seen = {}
    for name, pattern in (moments or {}).items():
        found = re.search(pattern, said)
        if found is not None:
            seen[name] = float(found.group(1))
    run = Run(elapsed, peak / 1024, seen)
    say_done(label or f"{Path(command[0]).name} in {cwd.name}/", run)
    return run


def say_done(label: str, run: Run) -> None:
    """One progress line on stderr: the bench's time so far, what ran, its figures."""
    minutes, seconds = divmod(int(time.monotonic() - STARTED), 60)
    print(
        f"[{minutes:3d}:{seconds:02d}] {label}: {run.seconds:.2f} s, {run.peak_mb:.0f} MB",
        file=sys.stderr,
        flush=True,
    )
