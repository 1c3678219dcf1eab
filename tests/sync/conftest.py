"""Fixtures shared by the sync tests that read feeds from a real server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.sitebuild import build_copy
from tests.sync.test_feed_sync import NOW, Server, running_server


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_server() as state:
        yield state


@pytest.fixture(scope="module")
def published(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden fixture newsroom built and served: its office feeds are our sources."""
    out = build_copy(FIXTURES / "golden", tmp_path_factory.mktemp("asal"), NOW, server.url)
    server.folder = out
    return out
