"""The hand-counted newsroom (newsroom.py), loaded once per test that wants it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.layout import CENTRAL, Layout
from generator.content.repository import Repository, load_repository
from tests.generator.report.newsroom import NOW, make_newsroom


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    return make_newsroom(tmp_path / "pusat")


@pytest.fixture
def repo(newsroom: Path) -> Repository:
    loaded = load_repository(Layout(newsroom, CENTRAL), now=NOW)
    assert not loaded.report.problems, [p.format("en") for p in loaded.report.problems]
    return loaded
