"""The MkDocs plugin (`plugins: [newsroom]`): one newsroom site per MkDocs build.

MkDocs provides the configuration, the theme and its Jinja environment, the
static pages from content/pages and the build/serve loop; the plugin adds
everything else in `on_post_build` (release pages, archives, feeds,
sitemaps) through `generator.public.publish`, writing only files whose bytes change.
"""

from __future__ import annotations

import contextlib
import logging
import os
from datetime import UTC, datetime
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, FileSystemBytecodeCache
from material import __version__ as material_version
from mkdocs import __version__ as mkdocs_version
from mkdocs.config import config_options
from mkdocs.config.base import Config, ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from generator.content.cachedir import unusable, usable
from generator.content.fields import SLUG_RE
from generator.content.layout import no_repository_text
from generator.content.messages import cli_text, language
from generator.content.problems import as_typed, printable, quote
from generator.content.provinces import PROVINCES
from generator.content.repository import OFFICE, Layout, find_layout
from generator.content.syndication import SYNDICATION_CHOICES, SYNDICATION_DEFAULT
from generator.desk.deskmemo import MEMO_NAME, DeskMemo
from generator.desk.desksite import (
    DeskPage,
    changed_pages,
    docs_key,
    packed_entries,
    record_built,
    remove_stale_pages,
    sync_docs,
    tune_theme_env,
    write_index_twin,
)
from generator.desk.pages import Desk, DeskOptions
from generator.host import atomic_mkdocs
from generator.public import damage, headers
from generator.public.bodyhtml import sanitize
from generator.public.damage import repair
from generator.public.fingerprint import stats_path, theme_digest
from generator.public.isolate import ReleaseFailed, RenderFailure, without
from generator.public.placeholder import broken_releases, write_placeholders
from generator.public.publish import Options, SitePublisher
from generator.public.session import CACHE_DIR, Session, open_session
from generator.public.sites import DESK, NATIONAL, Settings, Site, SiteOverride, plan_sites
from generator.public.views import Chrome, Link, PageView, chrome, root_path
from generator.public.writer import SiteWriter, begin_site, compress_tree, end_site
from generator.util.codedigest import code_digest
from generator.util.fsio import write_if_changed

log = logging.getLogger("mkdocs.plugins.newsroom")

# `newsroom serve --site X` picks the site this way: MkDocs reloads the config
# file on every rebuild, so an in-memory override would be lost.
SITE_ENV = "NEWSROOM_SITE"
ROOT_ENV = "NEWSROOM_ROOT"
BASE_URL_ENV = "NEWSROOM_BASE_URL"
# Set by `newsroom serve`: pages then allow MkDocs' live-reload script (see headers.policy).
SERVE_ENV = "NEWSROOM_SERVE"


class SiteConfig(Config):  # type: ignore[no-untyped-call]
    id = config_options.Optional(config_options.Type(str))
    """Folder and URL segment of the site, instead of the built-in one."""
    title = config_options.Optional(config_options.Type(str))
    """Title shown in the header and feeds."""
    enabled = config_options.Type(bool, default=True)
    """False: the site is not built."""


class DeskConfig(Config):  # type: ignore[no-untyped-call]
    show_embargoed = config_options.Type(bool, default=False)
    """Show embargoed releases on the editors' desk."""
    show_drafts = config_options.Type(bool, default=False)
    """Show drafts on the editors' desk."""


class _SiteOverrides(config_options.DictOfItems):  # type: ignore[type-arg]
    """`sites:` keyed by built-in ids, each renamed to a folder of its own: two sites in
    one folder (or a public site in the desk's) would overwrite each other."""

    def run_validation(self, value: object) -> Any:
        overrides = super().run_validation(value)
        builtin = {NATIONAL} | {p.site_id for p in PROVINCES.values()}
        taken: dict[str, str] = {}
        for key in sorted(overrides):
            if key not in builtin:
                raise ValidationError(
                    f"{key!r} is not a site of this newsroom; use a built-in id such as "
                    "'nasional' or 'kalimantan-timur'"
                )
        for key in sorted(builtin):
            override = overrides.get(key)
            site_id = (override["id"] if override else None) or key
            if override and override["id"] is not None and not SLUG_RE.match(site_id):
                raise ValidationError(
                    f"{key}.id {site_id!r} is not a folder name; use a-z, 0-9 and '-'"
                )
            if site_id == DESK:
                raise ValidationError(f"{key}.id {site_id!r} is the editors' desk's folder")
            if override and not override["enabled"]:
                continue
            if site_id in taken:
                raise ValidationError(
                    f"{key} and {taken[site_id]} would both be built into {site_id!r}/"
                )
            taken[site_id] = key
        return overrides


class NewsroomConfig(Config):  # type: ignore[no-untyped-call]
    site = config_options.Type(str, default=NATIONAL)
    """Which site this MkDocs build renders: `nasional` or a province site id."""
    base_url = config_options.Type(str, default="https://newsroom.example.go.id/")
    """Sites live at `<base_url><site id>/`."""
    syndication = config_options.Choice(SYNDICATION_CHOICES, default=SYNDICATION_DEFAULT)
    """Central releases on provincial sites: all of them, or only curated ones."""
    sites = _SiteOverrides(config_options.SubConfig(SiteConfig), default={})
    """Per-site overrides, keyed by built-in site id: rename, retitle, disable."""
    title_prefix = config_options.Type(str, default="Newsroom")
    """Site titles are `<prefix> <province name>`."""
    page_size = config_options.Type(int, default=20)
    """Releases per archive page."""
    feed_size = config_options.Type(int, default=20)
    """Entries per feed. Each entry carries the whole release, so 20 keeps a feed near
    100 KB for readers on 2G; a syncing newsroom polls often enough for 20 to hold."""
    preview = config_options.Type(bool, default=False)
    """Office preview: show drafts and embargoed releases (never for public builds)."""
    desk = config_options.SubConfig(DeskConfig)
    """The editors' desk site."""
    now = config_options.Optional(config_options.Type(str))
    """The build's clock (ISO 8601 with offset), set by `newsroom build`; without it
    each build (each reload of `mkdocs serve`) takes the time it starts."""


class NewsroomPlugin(BasePlugin[NewsroomConfig]):  # type: ignore[no-untyped-call]
    # Before Material's search plugin, whose on_config compiles its language templates:
    # the desk's theme environments must have our bytecode cache by then (see on_files).
    @event_priority(100)
    def on_config(self, config: Any) -> Any:
        atomic_mkdocs.install()  # no half-written page even if the build is killed
        # MkDocs' own sitemap.xml is replaced by ours (it lists no releases), and the desk
        # is private; its .gz twin is written in place, half a file if a build is killed.
        config.theme.static_templates.discard("sitemap.xml")
        layout = self._layout(config)
        # One clock for the whole of this site's build.
        self.now = datetime.fromisoformat(self.config.now) if self.config.now else datetime.now(UTC)
        self.session: Session = open_session(layout, self.now)
        self.failures: list[RenderFailure] = []  # releases this site left out
        self.settings = settings_from(self.config)
        self.sites = plan_sites(self.session.repo, self.settings)
        self.is_desk = (os.environ.get(SITE_ENV) or self.config.site) == DESK
        if self.is_desk:
            return self._desk_config(config, layout)
        self.site = self._pick_site()
        config.site_name = self.site.title
        config.site_url = self.site.url
        config.use_directory_urls = True
        self.chrome = self._chrome()
        return config

    def on_pre_build(self, config: Any) -> None:
        # Before MkDocs writes anything: what is damaged is removed, to be made again.
        site_dir = Path(config.site_dir)
        removed = repair(site_dir, self._stats_file(site_dir))
        if removed:
            params = {"site": site_dir.name, "count": len(removed)}
            log.info(cli_text("damaged_remade", language(), params))

    def _stats_file(self, site_dir: Path) -> Path | None:
        """Where this site's file sizes and mtimes are kept (see generator.public.damage)."""
        cache = self.session.repo.layout.root / CACHE_DIR
        return stats_path(cache, site_dir) if usable(cache / "sites") else None

    def _desk_config(self, config: Any, layout: Layout) -> Any:
        """The desk is Material pages we write into its own docs folder, never content/."""
        self.site = Site(
            DESK, DESK, "Desk Redaksi Newsroom", None, f"{self.settings.base_url}desk/"
        )
        config.site_name = self.site.title
        config.site_url = self.site.url
        # Every desk page carries its policy (see themes/desk/main.html), for a desk
        # served without the headers of `_headers` or its nginx snippet.
        serving = os.environ.get(SERVE_ENV) == "1"
        config.extra["nr_desk_csp"] = headers.desk_policy(for_meta=True, live_reload=serving)
        docs = Path(config.docs_dir).resolve()
        if docs == layout.pages_dir.resolve() or layout.content.resolve() in docs.parents:
            raise PluginError(cli_text("desk_docs_dir", language()))
        options = DeskOptions(self.config.desk.show_embargoed, self.config.desk.show_drafts)
        cache = layout.root / CACHE_DIR
        memo = DeskMemo.load(cache / MEMO_NAME if usable(cache) else None, code_digest())
        self.desk_pages = self._desk_pages(options, memo)
        self.desk_docs = docs
        self.desk_key = docs_key(
            code_digest(), theme_digest("desk"), material_version, mkdocs_version
        )
        sync_docs(docs, self.desk_pages)
        self.desk_entries = []
        self.desk_index_parts = []
        for page in self.desk_pages.values():
            entries = memo.entries.get(page.digest, partial(page.search_entries, ""))
            self.desk_entries += entries
            self.desk_index_parts.append(
                memo.packed.get(page.digest, partial(packed_entries, entries))
            )
        memo.save()
        _TEMPLATES.use_folder(cache / "jinja")
        tune_theme_env(config.theme, _TEMPLATES)
        return config

    def _desk_pages(self, options: DeskOptions, memo: DeskMemo) -> dict[str, DeskPage]:
        """The desk's pages, made again without any release whose row fails."""
        left_out: set[str] = set()
        while True:
            repo = without(self.session.repo, left_out)
            try:
                return Desk(repo, self.sites, self.now, options, memo).pages()
            except ReleaseFailed as failed:
                if failed.failure.release_id in left_out:
                    raise
                left_out.add(failed.failure.release_id)
                self._left_out(failed.failure)

    def _left_out(self, failure: RenderFailure) -> None:
        self.failures.append(failure)
        log.error(f"{self.site.id}: {as_typed(failure.problem()).format(language())}")

    def _layout(self, config: Any) -> Layout:
        start = os.environ.get(ROOT_ENV) or Path(config.config_file_path or "mkdocs.yml").parent
        layout = find_layout(Path(start))
        if layout is None:
            raise PluginError(f"{printable(str(start))}: {no_repository_text(language())}")
        return layout

    def _pick_site(self) -> Site:
        wanted = os.environ.get(SITE_ENV) or self.config.site
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
        return chrome(self.site, css, pages, live_reload=os.environ.get(SERVE_ENV) == "1")

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        _TEMPLATES.use_folder(self.session.repo.layout.root / CACHE_DIR / "jinja")
        env.bytecode_cache = _TEMPLATES  # the theme is compiled once, not at every build
        if self.is_desk:
            return env  # Material's own templates, written for its own escaping rules
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
        if self.is_desk:
            # Material's search indexes what we give it: every desk page is excluded from
            # its HTML parser (see on_page_markdown), and every page's entries are here,
            # rendered in this build or not. (Its index is made in its on_config.)
            search = next((p for n, p in config.plugins.items() if n.endswith("search")), None)
            if search is not None and hasattr(search, "search_index"):
                search.search_index.entries = self.desk_entries
            # Only pages whose text changed since the last desk build are rendered again.
            changed = changed_pages(self.desk_docs, self.desk_pages, self.desk_key)
            for file in files.documentation_pages():
                if file.src_uri not in changed and os.path.isfile(file.abs_dest_path):
                    file.is_modified = _never
                else:
                    file.is_modified = _always
            return files
        for file in files.documentation_pages():
            file.is_modified = _always
        return files

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        if not self.is_desk:
            return markdown
        desk_page = self.desk_pages.get(page.file.src_uri)
        if desk_page is None:
            return markdown
        page.meta["search"] = {"exclude": True}  # indexed from our own text, see on_config
        return desk_page.markdown  # its HTML blocks come back in on_page_content

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        # Desk pages are generated by us with every text escaped; public pages are sanitised.
        if not self.is_desk:
            return sanitize(html)
        desk_page = self.desk_pages.get(page.file.src_uri)
        return desk_page.restore(html) if desk_page is not None else html

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        if self.is_desk:
            return context
        context["site"] = self.chrome
        context["view"] = PageView(title=page.title or "", canonical=self.site.url + page.url)
        return context

    def on_template_context(self, context: Any, template_name: str, config: Any) -> Any:
        if self.is_desk:
            return context
        context["site"] = self.chrome
        context["view"] = PageView(title="Halaman tidak ditemukan")
        return context

    def on_post_build(self, config: Any) -> None:
        if self.is_desk:
            site_dir = Path(config.site_dir)
            begin_site(site_dir)  # no-op when `newsroom build` began it
            remove_stale_pages(site_dir, {page.url for page in self.desk_pages.values()})
            snippet = headers.nginx_snippet(None).encode("utf-8")
            write_if_changed(site_dir / "nginx-headers.conf", snippet, durable=False)
            write_index_twin(site_dir / "search" / "search_index.json", self.desk_index_parts)
            compress_tree(site_dir)  # the rest, and the index if it was not stitched
            damage.save(self._stats_file(site_dir), damage.stats_of_tree(site_dir))
            try:
                record_built(self.desk_docs, self.desk_pages, self.desk_key)
            except OSError as error:
                unusable(self.desk_docs, error)  # the next desk build renders every page
            end_site(site_dir)
            return
        site_dir = Path(config.site_dir)
        writer = SiteWriter(site_dir, self._stats_file(site_dir))
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
        )
        for failure in publisher.publish():
            self._left_out(failure)
        if self.config.preview and self.session.repo.layout.kind == OFFICE:
            # Only an office's own preview: a central build never shows a broken file.
            broken = broken_releases(self.session.repo)
            write_placeholders(publisher, broken, language())
        # What MkDocs wrote itself (static pages, theme files, 404.html) is kept and
        # compressed; its own sitemap.xml was just replaced by ours, which lists releases.
        made_by_mkdocs = [f.dest_uri for f in self.files] + list(config.theme.static_templates)
        for relative in made_by_mkdocs:
            if relative not in writer.written:
                writer.adopt(relative, f"mkdocs {relative}")
        stale = writer.finish()
        self.session.renderer.save()
        counts = {"files": len(writer.written), "made": writer.made, "changed": writer.changed}
        params = {"site": self.site.id, **counts, "removed": len(stale)}
        log.info(cli_text("site_written", language(), params))


class _TemplateCache(FileSystemBytecodeCache):
    """Compiled templates, kept in this process and in `.cache/newsroom/jinja/`: every
    site's MkDocs build makes a new Jinja environment, and compiling the theme again
    cost 0.15 s per public site and 0.8 s for Material's at every desk build. Jinja
    checks each bucket against its template's source checksum (and its own and
    Python's version), so a changed template is compiled anew; the key also names
    whether the environment autoescapes, which compiled code bakes in."""

    def __init__(self) -> None:
        self._memory: dict[str, bytes] = {}
        self._folder: Path | None = None

    def use_folder(self, folder: Path) -> None:
        if folder != self._folder:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                unusable(folder, error)  # compiled in memory only, as on a first build
                return
            super().__init__(str(folder))
            self._folder = folder

    def get_bucket(self, environment: Any, name: str, filename: str | None, source: str) -> Bucket:
        escapes = environment.autoescape if isinstance(environment.autoescape, bool) else "fn"
        key = self.get_cache_key(f"{name}|autoescape={escapes}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._memory.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self._folder is not None:
            with contextlib.suppress(OSError):  # only a cache: compiled afresh instead
                super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._memory[bucket.key] = bucket.bytecode_to_string()
        if self._folder is not None:
            with contextlib.suppress(OSError):  # only a cache: a full disk must not fail a build
                super().dump_bytecode(bucket)


_TEMPLATES = _TemplateCache()


def _always() -> bool:
    return True


def _never() -> bool:
    return False


def settings_from(config: NewsroomConfig) -> Settings:
    """The plugin's options as the typed settings `generator.public.sites` works with."""
    base = (
        os.environ.get(BASE_URL_ENV) or config.base_url
        if config.base_url.endswith("/")
        else config.base_url + "/"
    )
    overrides = {
        key: SiteOverride(value.id, value.title, value.enabled)
        for key, value in config.sites.items()
    }
    return Settings(base, config.syndication, overrides, config.title_prefix)
