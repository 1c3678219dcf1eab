"""Each release's public address, on its home site, as the newsroom publishes it.

The base URL and the sites' renames come from the `newsroom` plugin's options in
`mkdocs.yml`, read as `generator.content.syndication` reads them, without running
MkDocs (a tag such as `!ENV` reads as nothing). A command may give the base URL
itself (`--base-url`); an office's repository without `mkdocs.yml` uses the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.content.model import Release
from generator.content.repository import Repository
from generator.content.syndication import configured_syndication
from generator.public.sites import Settings, Site, SiteOverride, home_key, plan_sites

DEFAULT_BASE_URL = Settings().base_url


@dataclass(frozen=True)
class Addresses:
    """The sites of the newsroom, to say where each release is published."""

    sites: dict[str, Site]
    settings: Settings

    def of(self, release: Release) -> str:
        """The release page's absolute URL, or "" when its home site is disabled."""
        home = self.sites.get(home_key(release))
        return home.url + release.url if home is not None else ""


def newsroom_addresses(repo: Repository, base_url: str | None = None) -> Addresses:
    """The addresses `newsroom build` would publish at, `base_url` replacing the config's."""
    options = _plugin_options(repo.layout.root / "mkdocs.yml")
    configured = options.get("base_url")
    base = base_url or (configured if isinstance(configured, str) else None) or DEFAULT_BASE_URL
    if not base.endswith("/"):
        base += "/"
    overrides: dict[str, SiteOverride] = {}
    sites = options.get("sites")
    for key, value in sites.items() if isinstance(sites, dict) else []:
        if isinstance(value, dict):
            ident, enabled = value.get("id"), value.get("enabled", True)
            overrides[str(key)] = SiteOverride(
                id=ident if isinstance(ident, str) else None, enabled=enabled is not False
            )
    settings = Settings(
        base_url=base, syndication=configured_syndication(repo.layout), overrides=overrides
    )
    return Addresses(plan_sites(repo, settings), settings)


class _Lenient(yaml.SafeLoader):
    """Safe, and reading MkDocs' tags (`!ENV`, `!!python/name`) as nothing."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def _plugin_options(config: Path) -> dict[str, Any]:
    """The `newsroom` plugin's options in `config`; {} when it cannot be read."""
    try:
        data = yaml.load(config.read_bytes(), Loader=_Lenient)
    except (OSError, yaml.YAMLError):
        return {}
    plugins = data.get("plugins") if isinstance(data, dict) else None
    if isinstance(plugins, dict):
        found = plugins.get("newsroom")
    else:
        listed = plugins if isinstance(plugins, list) else []
        matches = [p["newsroom"] for p in listed if isinstance(p, dict) and "newsroom" in p]
        found = matches[0] if matches else None
    return found if isinstance(found, dict) else {}
