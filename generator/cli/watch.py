"""`newsroom watch`: the resident service of a central repository (generator.service):
webhooks and schedules in, syncs and incremental builds out, until SIGTERM."""

from __future__ import annotations

import faulthandler
import logging
import os
import signal
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType

import click

from generator.cli.options import configure_logging, fail, lang_option, layout_or_fail, now_option
from generator.content.messages import cli_text
from generator.content.repository import CENTRAL
from generator.service import server
from generator.service.clock import Clock
from generator.service.hooksecrets import SecretStore, misplaced
from generator.service.loop import Service, Settings
from generator.service.ratelimit import RateLimit

HOOK_BURST = 5  # hooks an office may send at once...
HOOK_EVERY = 12.0  # ...then one every this many seconds (5 a minute)


@click.command("watch")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8787, show_default=True)
@click.option(
    "--secrets",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="NEWSROOM_WEBHOOK_SECRETS",
    help="Folder of webhook secrets, one file per office named by its id (mode 600), "
    "outside the repository. Without it every hook is refused (checks still run).",
)
@click.option(
    "--interval",
    type=click.FloatRange(1),
    default=900.0,
    show_default=True,
    help="Seconds between two checks of an office for news.",
)
@click.option(
    "--office-interval",
    "office_intervals",
    multiple=True,
    metavar="ID=SECONDS",
    help="Another interval for one office (repeatable).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
)
@click.option("--base-url", metavar="URL", help="Where the sites are served.")
@click.option("--jobs", "-j", type=click.IntRange(0), default=0, help="Build workers (0: cores).")
@lang_option
@now_option
def watch_command(
    host: str,
    port: int,
    secrets: Path | None,
    interval: float,
    office_intervals: tuple[str, ...],
    out: Path,
    base_url: str | None,
    jobs: int,
    lang: str,
    now: datetime,
) -> None:
    """Keep the sites current: sync each office on a webhook or its interval, build what
    changed, lift each embargo at its second. Stops cleanly on SIGTERM.

    Holds the repository's run lock while it syncs and builds, and while the search
    indexes of its builds are made: a `newsroom sync` or `newsroom build` run beside it
    waits (`--wait`) or refuses.
    """
    layout = layout_or_fail(lang)
    if layout.kind != CENTRAL:
        fail(lang, "watch_central_only")
    _logging()
    out = out.resolve()
    if secrets is not None:
        inside = misplaced(secrets, {"content/": layout.content, "site/": out})
        if inside:
            fail(lang, "watch_secrets_misplaced", {"path": secrets, "where": inside})
    else:
        click.echo(cli_text("watch_no_secrets", lang), err=True)
    settings = Settings(
        out=out,
        base_url=base_url,
        jobs=jobs,
        interval=interval,
        intervals=_intervals(office_intervals, lang),
        # Read here, by the command: nothing below it reads the environment.
        git_askpass=os.environ.get("NEWSROOM_GIT_ASKPASS", ""),
        record=now <= datetime.now(UTC) + timedelta(seconds=1),  # not a future --now
    )
    service = Service(layout, settings, _clock(now))
    gate = server.Gate(service, SecretStore(secrets), RateLimit(HOOK_BURST, HOOK_EVERY))
    try:
        http = server.start(host, port, gate)  # bound now; served after the first build
    except OSError as error:
        fail(lang, "watch_bind_failed", {"address": f"{host}:{port}", "reason": error.strerror})
    _on_stop(service, lang)
    bound_host, bound_port = http.server_address[:2]
    address = f"{bound_host!s}:{bound_port}"
    count = len(service.offices)
    click.echo(cli_text("watch_started", lang, {"address": address, "offices": count}), err=True)
    # The first build forks its workers before the server's thread exists (a process
    # with one thread forks safely, and loads in parallel).
    service.start()
    thread = threading.Thread(target=http.serve_forever, name="hooks", daemon=True)
    thread.start()
    try:
        service.run()
    finally:
        http.shutdown()
        http.server_close()
    click.echo(cli_text("watch_stopped", lang), err=True)
    sys.exit(0)


def _clock(now: datetime) -> Clock:
    """The system clock, or shifted to start at a given `--now` (then it runs on from
    there, second by second): the one clock the service reads."""
    offset = now - datetime.now(UTC)
    if abs(offset) < timedelta(seconds=1):  # no --now: `now` was the clock itself
        offset = timedelta(0)
    return Clock(lambda: datetime.now(UTC) + offset, time.monotonic)


def _intervals(given: tuple[str, ...], lang: str) -> dict[str, float]:
    intervals = {}
    for item in given:
        office, _, seconds = item.partition("=")
        try:
            value = float(seconds)
        except ValueError:
            value = 0.0
        if not office or value < 1:
            fail(lang, "watch_bad_interval", {"value": item})
        intervals[office.strip()] = value
    return intervals


def _on_stop(service: Service, lang: str) -> None:
    """SIGTERM (systemd, docker) and Ctrl+C: finish the cycle under way, then stop."""

    def stop(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != main_pid:
            if signum == signal.SIGINT:
                # Ctrl+C reaches the terminal's whole process group, the build workers
                # forked from us too: they finish their sites, the service then stops.
                # Dead at once, they failed the build under way.
                return
            # A build worker forked from us inherits this handler: it must die of
            # SIGTERM as any worker does (a pool ends its workers with SIGTERM, then
            # waits for them: kept alive, one hung the service's first build).
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        if not service.stopping.is_set():
            said = {"signal": "Ctrl+C" if signum == signal.SIGINT else "SIGTERM"}
            click.echo(cli_text("watch_stopping", lang, said), err=True)
        service.stop()

    main_pid = os.getpid()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # `kill -USR1` prints where every thread is, in the journal: a service that seems
    # stuck says where without being stopped. Its forked workers inherit it.
    faulthandler.register(signal.SIGUSR1, all_threads=True)


class _OnlyOnce(logging.Filter):
    """Each build reloads the content and warns again of every problem it finds: the
    service says each once (a new problem, when it appears), not at every rebuild."""

    def __init__(self) -> None:
        super().__init__()
        self.said: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message in self.said:
            return False
        self.said.add(message)
        return True


def _logging() -> None:
    """One line per event on stderr (journald and cron add the time); MkDocs' own
    progress lines of each build only when they warn, and each warning once."""
    configure_logging()
    mkdocs = logging.getLogger("mkdocs")
    mkdocs.setLevel(logging.WARNING)
    for handler in mkdocs.handlers:
        handler.addFilter(_OnlyOnce())
    ours = logging.getLogger("newsroom.watch")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    if not ours.handlers:
        ours.addHandler(handler)
    ours.setLevel(logging.INFO)
    ours.propagate = False
