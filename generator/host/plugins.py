"""What the two MkDocs plugins share, and where a plain `mkdocs build` or `mkdocs
serve` enters: the repository they build from, the build's instant (the clock is
read here, once per build, when no command gave one), serve mode, the loaded
session, damage repair and the template cache.

`newsroom` (generator.host.publicplugin) builds one public site, `newsroom-desk`
(generator.host.deskplugin) the editors' desk; each is a class of its own on
this base. Everything they know comes from their options (generator.host.options)
and from MkDocs' `on_startup`, never from the environment.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from generator.content.cachedir import usable
from generator.content.messages import cli_text, describe, language
from generator.content.problems import as_typed, printable
from generator.content.repository import Layout, find_layout
from generator.host import atomic_mkdocs
from generator.host.jinjacache import TEMPLATES
from generator.host.options import SharedConfig, settings_from
from generator.public.bulletinview import use_disk
from generator.public.damage import Checked, repair, trusted
from generator.public.isolate import RenderFailure
from generator.public.session import CACHE_DIR, Session, open_session
from generator.public.siterecords import stats_path
from generator.public.sites import Site, plan_sites

log = logging.getLogger("mkdocs.plugins.newsroom")


class SitePlugin(BasePlugin[SharedConfig]):  # type: ignore[no-untyped-call]
    """One newsroom site per MkDocs build, from the repository its options name. Each
    plugin names its own options in `config_class` (MkDocs validates them)."""

    serving = False
    """`mkdocs serve` (and `newsroom serve`): pages let MkDocs' live-reload script run."""

    builds_dirty = False
    """Set by `newsroom build` (`_build_one`), which has MkDocs build dirty: the site
    folder stays as the damage check in on_pre_build found it, so the writer trusts
    those findings. A plain `mkdocs build` or `serve` empties the folder after that
    check (keeping hidden files, our manifest among them): there nothing is trusted."""

    checks_later = False
    """Set by `newsroom build` for a site it checks for damage once every site's pages
    are out (generator.host.build): on_pre_build then trusts its files as the last
    build left them, and looks at none."""

    pages_out_at = 0.0
    """When the build's last page was on disk (time.monotonic()), once the site's own
    writer says so (0.0: not known, the build's end stands for it)."""

    site: Site

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Called once per process by `mkdocs build|serve` (not by `newsroom build`, which
        # runs MkDocs' build itself); having it, this instance is kept across serve's
        # reloads, so serve mode holds at every rebuild.
        self.serving = command == "serve"

    def start_build(self, config: Any) -> Layout:
        """The start of every build: the repository, its session and its sites, at one
        instant (the option's, or the clock's, read once here)."""
        atomic_mkdocs.install()  # no half-written page even if the build is killed
        # MkDocs' own sitemap.xml is replaced by ours (it lists no releases), and the desk
        # is private; its .gz twin is written in place, half a file if a build is killed.
        config.theme.static_templates.discard("sitemap.xml")
        layout = self._layout(config)
        instant: datetime | None = self.config.now
        self.now = (instant or datetime.now(UTC)).astimezone(UTC)
        self.session: Session = open_session(layout, now=self.now)
        use_disk(self.session.renderer.disk)  # the QR codes made at builds before
        self.failures: list[RenderFailure] = []  # releases this site left out
        self.pages_out_at = 0.0  # `serve` keeps the plugin: never the last build's moment
        self.checked: Checked | None = None  # what on_pre_build found of the last output
        self.settings = settings_from(self.config)
        self.sites = plan_sites(self.session.repo, self.settings)
        return layout

    def on_pre_build(self, config: Any) -> None:
        # Before MkDocs writes anything: what is damaged is removed, to be made again.
        site_dir = Path(config.site_dir)
        if self.checks_later:
            self.checked = trusted(self.stats_file(site_dir))
            return
        self.checked = repair(site_dir, self.stats_file(site_dir))  # the writer trusts the rest
        if self.checked.removed:
            params = {"site": site_dir.name, "count": len(self.checked.removed)}
            log.info(cli_text("damaged_remade", language(), params))

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        TEMPLATES.use_folder(self.session.repo.layout.root / CACHE_DIR / "jinja")
        env.bytecode_cache = TEMPLATES  # the theme is compiled once, not at every build
        return env

    def stats_file(self, site_dir: Path) -> Path | None:
        """Where this site's file sizes and mtimes are kept (see generator.public.damage)."""
        cache = self.session.repo.layout.root / CACHE_DIR
        return stats_path(cache, site_dir) if usable(cache / "sites") else None

    def left_out(self, failure: RenderFailure) -> None:
        self.failures.append(failure)
        log.error(f"{self.site.id}: {as_typed(failure.problem()).format(language())}")

    def _layout(self, config: Any) -> Layout:
        root: str | None = self.config.root
        start = root or Path(config.config_file_path or "mkdocs.yml").parent
        layout = find_layout(Path(start))
        if layout is None:
            problem, fix = describe("no_repository", language(), {})
            raise PluginError(f"{printable(str(start))}: {problem}; {fix}")
        return layout


# A static page's `is_modified`: MkDocs' dirty build renders a page again only when it
# says so (the plugins decide from what the page shows, not from file times).
def always() -> bool:
    return True


def never() -> bool:
    return False
