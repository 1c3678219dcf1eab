"""The MkDocs configs newsroom generates: an office's preview (an office repository
has no mkdocs.yml), the editors' desk, and the one `newsroom serve` reloads.

Everything a plugin needs (site, repository root, base URL) is written into its
options here, so MkDocs reads it again at every reload of `mkdocs serve`; no
value travels through the environment.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

from generator.content.cachedir import usable
from generator.content.messages import cli_text, desk_text
from generator.content.repository import CENTRAL, Layout
from generator.public.session import CACHE_DIR

PUBLIC_PLUGIN = "newsroom"
DESK_PLUGIN = "newsroom-desk"
DESK_TITLE = "Desk Redaksi Newsroom"
# The desk is written in Indonesian: its pages, Material's own labels and its menu.
DESK_LANGUAGE = "id"

# Words of the desk's search: Material's default separator, and the entities of its
# index's escaped text (see desksite._plain).
DESK_SEARCH_SEPARATOR = r"[\s\-]+|&[lg]t;|&amp;"


# Every plugin our configs name: "search" is Material's on the desk (its theme maps it).
PLUGINS_NAMED = (PUBLIC_PLUGIN, DESK_PLUGIN, "search", "material/search")


def import_plugins() -> None:
    """Import the plugins our configs name, with what they import: a long-lived process
    (`newsroom watch`) does it once, so that the site workers it forks for every build
    inherit them instead of importing them each time (the desk's plugin, its pages and
    reports, Material's search: 0.03-0.06 s of every desk build)."""
    from mkdocs.plugins import get_plugins

    installed = get_plugins()
    for name in PLUGINS_NAMED:
        if name in installed:
            installed[name].load()


class BuildError(Exception):
    """The build cannot start: unknown site, no config. `code` names its wording in
    `generator.content.messages.CLI`, filled from `params`."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(cli_text(code, "en", params))
        self.code = code
        self.params = params

    def text(self, lang: str) -> str:
        return cli_text(self.code, lang, self.params)


@dataclass(frozen=True)
class Generated:
    """A config file for MkDocs, and the file it stands in for: MkDocs resolves the
    relative paths in it (docs_dir, theme folders) from there, and watches it."""

    file: Path
    stands_for: Path


def central_config(layout: Layout) -> Path:
    """The central newsroom's own `mkdocs.yml`."""
    path = layout.root / "mkdocs.yml"
    if not path.is_file():
        raise BuildError("no_mkdocs_yml", path=path)
    return path


@contextmanager
def build_config(layout: Layout) -> Iterator[Path]:
    """The central `mkdocs.yml`, or for an office repo a generated one (it has none)."""
    if layout.kind == CENTRAL:
        yield central_config(layout)
        return
    with office_config(layout, {}) as path:
        yield path


@contextmanager
def office_config(layout: Layout, options: dict[str, object]) -> Iterator[Path]:
    """An office's preview: our theme, its pages from nowhere, the plugin in preview
    mode pointed at the office's repository, with `options` besides."""
    with tempfile.TemporaryDirectory(prefix="newsroom-") as temp:
        docs = Path(temp) / "pages"
        docs.mkdir()
        plugin = {"preview": True, "root": str(layout.root), **options}
        config = {
            "site_name": "Pratinjau",
            "docs_dir": str(docs),
            "theme": {"name": "newsroom"},
            "plugins": [{PUBLIC_PLUGIN: plugin}],
        }
        yield _write(Path(temp) / "mkdocs.yml", config)


@contextmanager
def serve_config(layout: Layout, site: str, base_url: str) -> Iterator[Generated]:
    """The config `newsroom serve` hands to MkDocs: `site` at `base_url`, as plugin
    options, so every reload builds the same site at the same address.

    In a central newsroom it inherits `mkdocs.yml` (an edit to it still shows at the
    next reload) and repeats its plugins with ours told the site and base URL: MkDocs
    replaces an inherited list instead of merging it, so these options are taken as
    `newsroom serve` starts."""
    options: dict[str, object] = {"site": site, "base_url": base_url}
    if layout.kind != CENTRAL:
        with office_config(layout, options) as path:
            yield Generated(path, path)
        return
    central = central_config(layout)
    with tempfile.TemporaryDirectory(prefix="newsroom-serve-") as temp:
        plugins = _with_options(_plugins_of(central), PUBLIC_PLUGIN, options)
        config = {"INHERIT": str(central.resolve()), "plugins": plugins}
        yield Generated(_write(Path(temp) / "mkdocs.yml", config), central)


def _plugins_of(config_file: Path) -> list[Any]:
    """The plugins a config file lists (after its own INHERIT and !ENV), as a list."""
    with config_file.open("rb") as stream:
        raw = yaml_load(stream)
    plugins = raw.get("plugins", ["search"])  # MkDocs' default
    if isinstance(plugins, dict):
        return [{name: options} for name, options in plugins.items()]
    return list(plugins or [])


def _with_options(plugins: list[Any], name: str, options: dict[str, object]) -> list[Any]:
    """`plugins` with the plugin `name` given `options` over its own."""
    changed: list[Any] = []
    for entry in plugins:
        if entry == name:
            entry = {name: dict(options)}
        elif isinstance(entry, dict) and name in entry:
            entry = {name: {**(entry[name] or {}), **options}}
        changed.append(entry)
    return changed


@contextmanager
def desk_config(
    central: Path, base_url: str | None, site_dir: Path, options: Any
) -> Iterator[Path]:
    """A config for the desk: Material with our overrides, the central plugin's options
    (`options`, as loaded), and a docs folder of its own that the plugin fills with the
    desk's pages. The docs folder is kept between builds (one per output folder): a
    page's file changes only with its text, which is how MkDocs' dirty build knows what
    to render again."""
    where = hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]
    with tempfile.TemporaryDirectory(prefix="newsroom-desk-") as temp:
        # Without a usable cache the desk's pages are written afresh, all rendered.
        docs = usable(central.parent / CACHE_DIR / "desk-docs" / where) or Path(temp) / "docs"
        plugin = {
            "root": str(central.parent),
            "base_url": base_url or options.base_url,
            "syndication": options.syndication,
            "title_prefix": options.title_prefix,
            "sites": {key: dict(value) for key, value in options.sites.items()},
            **dict(options.desk),
        }
        config = {
            "site_name": DESK_TITLE,
            "docs_dir": str(docs),
            # font: false, or Material fetches Roboto from Google: editors get the
            # system font and the desk makes no request to another host.
            "theme": {
                "name": "material",
                "language": DESK_LANGUAGE,
                "font": False,
                "custom_dir": str(resources.files("generator.themes") / "desk"),
                "features": ["search.highlight", "navigation.top"],
            },
            # The search index holds text as escaped HTML (see desksite): `&lt;` and `&gt;`
            # end a word, so a title's "<script>" is found by "script", as it reads.
            "plugins": [{"search": {"separator": DESK_SEARCH_SEPARATOR}}, {DESK_PLUGIN: plugin}],
            # Only the desk's five main pages in the sidebar: MkDocs' default nav lists
            # every page in every page (O(n²): 290 KB per page at 10,000 releases). The
            # day and office pages are linked from the overview and the health page;
            # not_in_nav keeps MkDocs from logging each of them at every build.
            "not_in_nav": "/hari/\n/kantor/\n",
            "nav": [
                {desk_text("nav_overview", DESK_LANGUAGE): "index.md"},
                {desk_text("national", DESK_LANGUAGE): "nasional.md"},
                {desk_text("nav_warnings", DESK_LANGUAGE): "peringatan.md"},
                {desk_text("health", DESK_LANGUAGE): "kesehatan.md"},
                {desk_text("offices_report", DESK_LANGUAGE): "laporan.md"},
            ],
        }
        docs.mkdir(parents=True, exist_ok=True)
        yield _write(Path(temp) / "mkdocs.yml", config)


def _write(path: Path, config: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path
