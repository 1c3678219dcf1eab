"""The `newsroom` command: one module per command (check, new, build, serve, sync,
curate, schedule, init), the options they share (options), and the group with its
console script (app). Thin wrappers: the work lives in the modules they call.

`main` (the group) and `run` (the console script, `generator.cli:run`) are
importable from here.
"""

from __future__ import annotations

import time

# When the command began, as near its process's start as our code runs (Python's own
# start, some 30 ms, is before it): what a build's "on disk in" seconds count from. Not
# the process's start time from /proc: `sh -c 'a && newsroom build'` may exec the build
# in the shell's own process, whose start was before `a`.
STARTED = time.monotonic()

from generator.cli.app import main, run  # noqa: E402  (after the instant above)

__all__ = ["main", "run"]
