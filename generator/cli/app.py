"""The `newsroom` group, which gathers one command per module of this package, and
the console script that runs it."""

from __future__ import annotations

import importlib
import logging
import os
import sys
from typing import NoReturn

import click

from generator import __version__

# Each command's module, imported only when that command runs (or `--help` lists them):
# `newsroom build` then imports neither the resident service, nor the sync and its HTTP
# client, nor the reports, 0.2 s of every one-shot build on a slow machine, and of
# every `newsroom check` a writer runs before a push.
COMMANDS = {
    "check": "generator.cli.check:check_command",
    "new": "generator.cli.new:new_command",
    "build": "generator.cli.build:build_command",
    "sites": "generator.cli.sites:sites_command",
    "serve": "generator.cli.serve:serve_command",
    "sync": "generator.cli.sync:sync_command",
    "curate": "generator.cli.curate:curate_group",
    "schedule": "generator.cli.schedule:schedule_command",
    "init": "generator.cli.init:init_group",
    "report": "generator.cli.report:report_group",
    "watch": "generator.cli.watch:watch_command",
}


class _Commands(click.Group):
    """The group of `COMMANDS`, each imported when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        module, name = where.split(":")
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command) and command.name == cmd_name
        return command


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="newsroom")
def main() -> None:
    """Newsroom: press releases from many government offices, built into light sites."""


def run() -> NoReturn:
    """The `newsroom` console script: `main`, then an exit that skips the heap's teardown.

    A build of 10,000 releases leaves millions of objects, and freeing them one by one
    as the interpreter shuts down took 0.3 s of a 2 s rebuild, after every page was
    written. By then each file is closed and each worker joined (all of them are
    context managers), so only the streams and the log need flushing. Tests call
    `main` itself, which exits as usual.
    """
    try:
        main()
        code: object = None
    except SystemExit as done:
        code = done.code
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(exit_status(code))


def exit_status(code: object) -> int:
    """The status Python itself exits with for `SystemExit(code)`: None is 0, an int is
    itself, anything else is printed to stderr and gives 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr, flush=True)
    return 1
