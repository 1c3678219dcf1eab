"""`newsroom serve`: preview one site on 127.0.0.1, rebuilt as files change."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from types import FrameType

import click

from generator.cli.options import configure_logging, lang_option, layout_or_fail
from generator.content.messages import cli_text
from generator.content.repository import CENTRAL, Layout
from generator.host import build, configs
from generator.public.sites import NATIONAL


@click.command("serve")
@click.option(
    "--site",
    metavar="ID",
    default=None,
    help="Site to preview (default: nasional; an office repo: its province).",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@lang_option
def serve_command(site: str | None, port: int, lang: str) -> None:
    """Preview a site at http://127.0.0.1:PORT/<site>/, reloading as you edit.

    In an office repository each release that cannot be published yet shows, at its
    address, what to fix; the problems are also printed at every rebuild.
    """
    layout = layout_or_fail(lang)
    configure_logging()
    # Stopped by a service manager, `kill` or a script as by Ctrl-C: MkDocs then removes
    # the copy of the site it serves from (a temp folder of every page, each run), and
    # the generated config goes too. On SIGTERM, Python would skip both. (A SIGTERM in
    # the instant between MkDocs making that folder and entering its `try` still
    # leaves it.)
    previous = signal.signal(signal.SIGTERM, _interrupt_in(os.getpid()))
    try:
        _serve(layout, site, port, lang)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _serve(layout: Layout, site: str | None, port: int, lang: str) -> None:
    from mkdocs.commands.serve import serve

    base_url = f"http://127.0.0.1:{port}/"
    chosen = site or (build.office_site(layout) if layout.kind != CENTRAL else NATIONAL)
    # Site and base URL as plugin options of the config MkDocs reloads at every edit.
    with configs.serve_config(layout, chosen, base_url) as config:
        if layout.kind == CENTRAL:
            watched = [layout.content]
        else:  # an office: its releases, photos and files, and office.yml
            watched = [layout.releases_dir, layout.root / "assets", layout.registry_file]
        click.echo(cli_text("preview_at", lang, {"url": f"{base_url}{chosen}/"}), err=True)
        # MkDocs mounts the site at the path of site_url, known before plugins run.
        serve(
            config_file=str(config.file),
            config_file_path=str(config.stands_for),
            livereload=True,
            dev_addr=f"127.0.0.1:{port}",
            site_url=f"{base_url}{chosen}/",
            watch=[str(path) for path in watched if path.exists()],
        )


def _interrupt_in(main_pid: int) -> Callable[[int, FrameType | None], None]:
    """SIGTERM as Ctrl-C in this process. A worker forked from it (parsing, rendering,
    photos) inherits the handler: it dies of SIGTERM as any worker does, as a pool
    ending its workers expects (a worker kept alive hangs the pool that waits for it)."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != main_pid:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise KeyboardInterrupt

    return interrupt
