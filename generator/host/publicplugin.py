"""The public MkDocs plugin (`plugins: [newsroom]`): one newsroom site per MkDocs build.

MkDocs provides the configuration, the theme and its Jinja environment, the
static pages from content/pages and the build/serve loop; the plugin adds
everything else in `on_post_build` (release pages, archives, feeds,
sitemaps) through `generator.public.publish`, writing only files whose bytes change.
The editors' desk is another plugin (generator.host.deskplugin).
"""

from __future__ import annotations

from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from generator.content.messages import cli_text, language
from generator.content.problems import quote
from generator.content.repository import OFFICE
from generator.host.indexparts import shared_index
from generator.host.options import NewsroomConfig
from generator.host.plugins import SitePlugin, always, log
from generator.host.searchindex import refresh_indexes
from generator.public.bodyhtml import sanitize
from generator.public.damage import repair_some
from generator.public.placeholder import broken_releases, write_placeholders
from generator.public.publish import Options, SitePublisher
from generator.public.sites import Site
from generator.public.views import Chrome, Link, PageView, chrome, root_path
from generator.public.writer import Pending, SiteWriter


class NewsroomPlugin(SitePlugin):  # type: ignore[no-untyped-call]
    """A public site: the one its `site` option names."""

    config_class = NewsroomConfig
    config: NewsroomConfig

    @event_priority(100)
    def on_config(self, config: Any) -> Any:
        self.start_build(config)
        self.pending: list[Pending] = []  # documents left for after every site's pages
        self.site = self._pick_site()
        config.site_name = self.site.title
        config.site_url = self.site.url
        config.use_directory_urls = True
        self.chrome = self._chrome()
        return config

    def _pick_site(self) -> Site:
        wanted: str = self.config.site
        for site in self.sites.values():
            if wanted in (site.key, site.id):
                return site
        known = ", ".join(site.id for site in self.sites.values())
        raise PluginError(
            cli_text("unknown_site", language(), {"name": quote(wanted), "known": known})
        )

    def _chrome(self) -> Chrome:
        css = resources.files("generator.themes").joinpath("lite/partials/style.html").read_text()
        root = root_path(self.site)
        pages = [Link(p.meta.title, f"{root}{p.slug}/") for p in self.session.repo.pages]
        national = next((s.url for s in self.sites.values() if s.is_national), None)
        return chrome(self.site, css, pages, live_reload=self.serving, national_url=national)

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        super().on_env(env, config, files)
        # MkDocs builds its Jinja environment without autoescape; every template of
        # ours prints user text, so escaping is switched on before any is compiled.
        env.autoescape = True
        self.env = env
        self.files = files
        return env

    def on_files(self, files: Any, config: Any) -> Any:
        # Builds are 'dirty' (MkDocs must not wipe the site), and a dirty build skips a
        # static page whose source is older than its output. But a page also carries
        # the site's chrome (title, footer links, CSP hash): rebuild every static page,
        # there are few, so an incremental build gives the bytes of a clean one.
        for file in files.documentation_pages():
            file.is_modified = always
        if self.checks_later and self.checked is not None:
            # A site checked once the pages are out (generator.host.build) trusted its
            # files; but MkDocs copies a picture only when it is missing or older than
            # its source: one damaged in place is looked at now, and removed to be copied.
            media = [file.dest_uri for file in files.media_files()]
            self.checked = repair_some(Path(config.site_dir), self.checked, media)
        return files

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        return sanitize(html)  # static pages are written by people: sanitised as releases are

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        context["site"] = self.chrome
        context["view"] = PageView(title=page.title or "", canonical=self.site.url + page.url)
        return context

    def on_template_context(self, context: Any, template_name: str, config: Any) -> Any:
        context["site"] = self.chrome
        context["view"] = PageView(title="Halaman tidak ditemukan")
        return context

    def on_post_build(self, config: Any) -> None:
        site_dir = Path(config.site_dir)
        stats = self.stats_file(site_dir)
        writer = SiteWriter(
            site_dir,
            stats,
            self.settings.precompress,
            self.config.documents_later,
            checked=self.checked if self.builds_dirty else None,
        )
        self.pending = writer.pending  # laid out by `newsroom build` after every site's pages
        options = Options(self.config.page_size, self.config.feed_size, self.config.preview)
        publisher = SitePublisher(
            self.site,
            self.sites,
            self.session.repo,
            self.settings,
            self.session.renderer,
            self.env,
            self.chrome,
            writer,
            self.now,
            options,
            self.session.memo,
            self.session.photos,
        )
        for failure in publisher.publish():
            self.left_out(failure)
        if self.config.preview and self.session.repo.layout.kind == OFFICE:
            # Only an office's own preview: a central build never shows a broken file.
            broken = broken_releases(self.session.repo)
            write_placeholders(publisher, broken, language())
        # What MkDocs wrote itself (static pages, theme files, 404.html) is kept and
        # compressed; its own sitemap.xml was just replaced by ours, which lists releases.
        made_by_mkdocs = [f.dest_uri for f in self.files] + sorted(config.theme.static_templates)
        for relative in made_by_mkdocs:
            if relative not in writer.written:
                writer.adopt(relative, f"mkdocs {relative}")
        stale = writer.finish()
        self.pages_out_at = writer.pages_out_at
        self.session.keep_shared()  # saves what was rendered here, too
        counts = {"files": len(writer.written), "made": writer.made, "changed": writer.changed}
        params = {"site": self.site.id, **counts, "removed": len(stale)}
        log.info(cli_text("site_written", language(), params))
        if self.serving and not self.config.preview:
            # `newsroom serve` (MkDocs' serve) builds into a folder of its own and no
            # `newsroom build` step follows to index it: the served site's search index
            # is made here, after its pages (an office's preview, showing drafts, never).
            # A province's central releases: in their index of their own, as built, made
            # from its own pages (in the folder MkDocs serves from).
            shared = shared_index([self.site], [self.site], self.session.repo.offices)
            if shared is not None:
                served = (site_dir.name,)
                shared = replace(shared, source=site_dir.name, provinces=served)
            refresh_indexes(site_dir.parent, [site_dir.name], None, jobs=1, shared=shared)
