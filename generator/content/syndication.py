"""The central config's `syndication` setting: which central releases provincial sites
show, all of them or only the curated ones. Its values and default are defined here
once, for the MkDocs plugin's option and for `newsroom check`, which reads the setting
from `mkdocs.yml` without MkDocs (to know whether curating a central release matters).
"""

from __future__ import annotations

import yaml

from generator.content.layout import Layout

SYNDICATE_ALL = "all"
SYNDICATE_CURATED = "curated"
SYNDICATION_CHOICES = (SYNDICATE_ALL, SYNDICATE_CURATED)
SYNDICATION_DEFAULT = SYNDICATE_ALL


def configured_syndication(layout: Layout) -> str:
    """The central config's `syndication` (`all` or `curated`), read as MkDocs would
    without running it. Tags (`!ENV`, `!!python/name`) read as nothing; an unreadable
    config counts as the default, `all` (the build reports what is wrong)."""
    try:
        config = yaml.load((layout.root / "mkdocs.yml").read_bytes(), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError):
        return SYNDICATION_DEFAULT
    plugins = config.get("plugins") if isinstance(config, dict) else None
    if isinstance(plugins, dict):
        options = plugins.get("newsroom")
    else:
        listed = plugins if isinstance(plugins, list) else []
        found = [p["newsroom"] for p in listed if isinstance(p, dict) and "newsroom" in p]
        options = found[0] if found else None
    value = options.get("syndication") if isinstance(options, dict) else None
    return SYNDICATE_CURATED if value == SYNDICATE_CURATED else SYNDICATION_DEFAULT


class _ConfigLoader(yaml.SafeLoader):
    """Safe, and lenient about the tags MkDocs configs use."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
