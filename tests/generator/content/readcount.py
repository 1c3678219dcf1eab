"""Counting the JSON files a module reads, for tests that show what is read once."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.content import runrecords


def count_reads(monkeypatch: pytest.MonkeyPatch, module: ModuleType) -> list[str]:
    """The names of the files `module` reads through its `read_json`, from now on."""
    seen: list[str] = []
    read = runrecords.read_json

    def counted(path: Path) -> dict[str, Any]:
        seen.append(path.name)
        return read(path)

    monkeypatch.setattr(module, "read_json", counted)
    return seen
