"""The `newsroom` command: one module per command (check, new, build, serve, sync,
curate, schedule, init), the options they share (options), and the group with its
console script (app). Thin wrappers: the work lives in the modules they call.

`main` (the group) and `run` (the console script, `generator.cli:run`) are
importable from here.
"""

from __future__ import annotations

from generator.cli.app import main, run

__all__ = ["main", "run"]
