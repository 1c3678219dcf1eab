"""The two plugins' options, as MkDocs validates them from a (generated) config.

Everything a plugin needs to know arrives here: which site, where the repository
is, the base URL and the build's instant. `newsroom build` and `newsroom serve`
write these options into the configs they generate (see generator.host.configs)
or set them on the loaded config; nothing travels through the environment.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import BaseConfigOption, Config, ValidationError

from generator.content.fields import SLUG_RE
from generator.content.provinces import PROVINCES
from generator.content.syndication import SYNDICATION_CHOICES, SYNDICATION_DEFAULT
from generator.public.sites import DESK, NATIONAL, ROOT, Settings, SiteOverride

DEFAULT_BASE_URL = "https://newsroom.example.go.id/"


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
            if site_id == ROOT:  # `newsroom build --site root`: the output's root files
                raise ValidationError(f"{key}.id {site_id!r} names the output's root files")
            if override and not override["enabled"]:
                continue
            if site_id in taken:
                raise ValidationError(
                    f"{key} and {taken[site_id]} would both be built into {site_id!r}/"
                )
            taken[site_id] = key
        return overrides


class _Instant(BaseConfigOption[datetime | None]):
    """An instant with its UTC offset, written as ISO 8601 (YAML may hand over a
    datetime already): the build's "now", never a guess at the machine's zone."""

    def __init__(self) -> None:
        super().__init__()
        self.default = None

    def run_validation(self, value: object) -> datetime | None:
        if value is None:
            return None
        try:
            instant = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        except ValueError:
            raise ValidationError(f"{value!r} is not an ISO 8601 instant") from None
        if instant.tzinfo is None:
            raise ValidationError(f"{value!r} needs a UTC offset, e.g. 2026-11-24T03:00:00Z")
        return instant


class SharedConfig(Config):  # type: ignore[no-untyped-call]
    """What both plugins read: the newsroom's sites and where the repository is."""

    base_url = config_options.Type(str, default=DEFAULT_BASE_URL)
    """Sites live at `<base_url><site id>/` (a missing trailing slash is added)."""
    syndication = config_options.Choice(SYNDICATION_CHOICES, default=SYNDICATION_DEFAULT)
    """Central releases on provincial sites: all of them, or only curated ones."""
    sites = _SiteOverrides(config_options.SubConfig(SiteConfig), default={})
    """Per-site overrides, keyed by built-in site id: rename, retitle, disable."""
    title_prefix = config_options.Type(str, default="Newsroom")
    """Site titles are `<prefix> <province name>`."""
    root = config_options.Optional(config_options.Type(str))
    """The newsroom repository; by default the folder of the config file. Generated
    configs (an office's preview, the desk) live elsewhere and name it."""
    now = _Instant()
    """The build's instant; by default the clock, read once per build."""
    bylines = config_options.Type(bool, default=False)
    """Release pages show a byline (the officers credited, names and roles); feeds carry
    the credits and those officers' names. Never a NIP. Off by default."""
    precompress = config_options.Type(bool, default=True)
    """A `.gz` twin beside every text file of the public sites, for servers that send
    precompressed files (nginx `gzip_static`); false for hosts that compress on the fly
    (most CDNs): half the files, and a faster cold build."""


class NewsroomConfig(SharedConfig):  # type: ignore[no-untyped-call]
    """`plugins: [newsroom]`: one public site per MkDocs build."""

    site = config_options.Type(str, default=NATIONAL)
    """Which site this MkDocs build renders: `nasional` or a province site id."""
    page_size = config_options.Type(int, default=20)
    """Releases per archive page."""
    feed_size = config_options.Type(int, default=20)
    """Entries per feed. Each entry carries the whole release, so 20 keeps a feed near
    100 KB for readers on 2G; a syncing newsroom polls often enough for 20 to hold."""
    preview = config_options.Type(bool, default=False)
    """Office preview: show drafts and embargoed releases (never for public builds)."""
    documents_later = config_options.Type(bool, default=False)
    """Set by `newsroom build` only: the bulletin's PDFs are laid out after every site's
    pages (it makes them then); a plain `mkdocs build` or `serve` makes them in place."""
    desk = config_options.SubConfig(DeskConfig)
    """The editors' desk site (`newsroom build` hands these to the desk plugin)."""


class DeskPluginConfig(SharedConfig):  # type: ignore[no-untyped-call]
    """`plugins: [newsroom-desk]`: the editors' desk, a Material site."""

    show_embargoed = config_options.Type(bool, default=False)
    """Show embargoed releases on the editors' desk."""
    show_drafts = config_options.Type(bool, default=False)
    """Show drafts on the editors' desk."""


def base_url_of(config: SharedConfig) -> str:
    """The base URL with its trailing slash: sites are `<base><site id>/`."""
    base: str = config.base_url
    return base if base.endswith("/") else base + "/"


def settings_from(config: SharedConfig) -> Settings:
    """The plugin's options as the typed settings `generator.public.sites` works with."""
    overrides = {
        key: SiteOverride(value.id, value.title, value.enabled)
        for key, value in config.sites.items()
    }
    return Settings(
        base_url_of(config),
        config.syndication,
        overrides,
        config.title_prefix,
        bylines=config.bylines,
        precompress=config.precompress,
    )
