"""The desk's MkDocs plugin (`plugins: [newsroom-desk]`): the editors' desk as a
Material site, its pages written by us into a docs folder of its own.

`newsroom build` generates the desk's config (generator.host.configs) and builds
it beside the public sites; the pages come from generator.desk.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from material import __version__ as material_version
from mkdocs import __version__ as mkdocs_version
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from generator.content.cachedir import unusable, usable
from generator.content.messages import cli_text, language
from generator.content.repository import Layout
from generator.desk.deskmemo import MEMO_NAME, DeskMemo
from generator.desk.desksite import (
    DeskPage,
    changed_pages,
    docs_key,
    record_built,
    remove_stale_pages,
    sync_docs,
    tune_theme_env,
    write_index_twin,
)
from generator.desk.pages import Desk, DeskOptions
from generator.host.configs import DESK_TITLE
from generator.host.jinjacache import TEMPLATES
from generator.host.options import DeskPluginConfig
from generator.host.plugins import SitePlugin, always, never
from generator.public import damage, headers
from generator.public.fingerprint import theme_digest
from generator.public.isolate import ReleaseFailed, without
from generator.public.session import CACHE_DIR
from generator.public.sites import DESK, Site
from generator.public.writer import begin_site, compress_tree, end_site
from generator.util.codedigest import code_digest
from generator.util.fsio import write_if_changed


class DeskPlugin(SitePlugin):  # type: ignore[no-untyped-call]
    """The editors' desk: Material's pages, fed with the desk's Markdown."""

    config_class = DeskPluginConfig
    config: DeskPluginConfig

    # Before Material's search plugin, whose on_config compiles its language templates:
    # the theme environments must have our bytecode cache by then (see tune_theme_env).
    @event_priority(100)
    def on_config(self, config: Any) -> Any:
        layout = self.start_build(config)
        self.site = Site(DESK, DESK, DESK_TITLE, None, f"{self.settings.base_url}desk/")
        config.site_name = self.site.title
        config.site_url = self.site.url
        # Every desk page carries its policy (see themes/desk/main.html), for a desk
        # served without the headers of `_headers` or its nginx snippet.
        policy = headers.desk_policy(for_meta=True, live_reload=self.serving)
        config.extra["nr_desk_csp"] = policy
        self.desk_docs = self._own_docs(config, layout)
        options = DeskOptions(self.config.show_embargoed, self.config.show_drafts)
        cache = layout.root / CACHE_DIR
        memo = DeskMemo.load(cache / MEMO_NAME if usable(cache) else None, code_digest())
        self.desk_pages = self._desk_pages(options, memo)
        self.desk_key = docs_key(
            code_digest(), theme_digest("desk"), material_version, mkdocs_version
        )
        # Only pages whose text changed since the last desk build are written and
        # rendered again.
        self.changed = changed_pages(self.desk_docs, self.desk_pages, self.desk_key)
        sync_docs(self.desk_docs, self.desk_pages, self.changed)
        self.desk_entries, self.desk_index_parts = memo.search_parts(self.desk_pages.values())
        self.memo = memo  # saved once the pages are out (on_post_build)
        TEMPLATES.use_folder(cache / "jinja")
        tune_theme_env(config.theme, TEMPLATES)
        return config

    def _own_docs(self, config: Any, layout: Layout) -> Path:
        """The desk is Material pages we write into its own docs folder, never content/."""
        docs = Path(config.docs_dir).resolve()
        if docs == layout.pages_dir.resolve() or layout.content.resolve() in docs.parents:
            raise PluginError(cli_text("desk_docs_dir", language()))
        return docs

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
                self.left_out(failed.failure)

    # on_env: Material's own templates, written for its own escaping rules (no autoescape).

    def on_files(self, files: Any, config: Any) -> Any:
        # Material's search indexes what we give it: every desk page is excluded from
        # its HTML parser (see on_page_markdown), and every page's entries are here,
        # rendered in this build or not. (Its index is made in its on_config.)
        search = next((p for n, p in config.plugins.items() if n.endswith("search")), None)
        if search is not None and hasattr(search, "search_index"):
            search.search_index.entries = self.desk_entries
        for file in files.documentation_pages():
            if file.src_uri not in self.changed and os.path.isfile(file.abs_dest_path):
                file.is_modified = never
            else:
                file.is_modified = always
        return files

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        desk_page = self.desk_pages.get(page.file.src_uri)
        if desk_page is None:
            return markdown
        page.meta["search"] = {"exclude": True}  # indexed from our own text, see on_config
        return desk_page.markdown  # its HTML blocks come back in on_page_content

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        # Desk pages are generated by us with every text escaped.
        desk_page = self.desk_pages.get(page.file.src_uri)
        return desk_page.restore(html) if desk_page is not None else html

    def on_post_build(self, config: Any) -> None:
        site_dir = Path(config.site_dir)
        begin_site(site_dir)  # no-op when `newsroom build` began it
        remove_stale_pages(site_dir, {page.url for page in self.desk_pages.values()})
        snippet = headers.nginx_snippet(None).encode("utf-8")
        write_if_changed(site_dir / "nginx-headers.conf", snippet, durable=False)
        write_index_twin(site_dir / "search" / "search_index.json", self.desk_index_parts)
        found = damage.files_under(site_dir)  # one walk for the twins and the stats
        compress_tree(site_dir, found)  # the rest, and the index if it was not stitched
        damage.save(self.stats_file(site_dir), damage.stats_of_tree(site_dir, found))
        try:
            record_built(self.desk_docs, self.desk_pages, self.desk_key)
        except OSError as error:
            unusable(self.desk_docs, error)  # the next desk build renders every page
        end_site(site_dir)
        self.memo.save_later()  # the pages are out: nobody waits for the memo
