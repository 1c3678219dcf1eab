"""The MkDocs plugin (`plugins: [newsroom]`): loads and validates the newsroom.

This is the entry point every site build goes through. For now it refuses to
build content that `newsroom check` rejects; the generator issue adds the
pages, feeds and sites on top of the same loaded repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from generator.repository import Repository, find_layout, load_repository


class NewsroomConfig(Config):  # type: ignore[no-untyped-call]
    lang = config_options.Choice(("id", "en"), default="id")
    """Language of content error messages in the build log."""


class NewsroomPlugin(BasePlugin[NewsroomConfig]):  # type: ignore[no-untyped-call]
    repository: Repository | None = None

    def on_config(self, config: Any) -> Any:
        config_file = config.config_file_path or "mkdocs.yml"
        layout = find_layout(Path(config_file).resolve().parent)
        if layout is None:
            raise PluginError(f"no newsroom content next to {config_file}")
        repo = load_repository(layout)
        if repo.report.errors:
            shown = "\n".join(p.format(self.config.lang) for p in repo.report.errors)
            raise PluginError(f"content has errors (run `newsroom check`):\n{shown}")
        self.repository = repo
        return None
