"""Every `newsroom watch` a test module started is gone when the module ends, whether
its tests passed or one failed midway (some modules share one service among tests)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.generator.service.watching import STARTED


@pytest.fixture(autouse=True, scope="module")
def no_service_outlives_its_module() -> Iterator[None]:
    yield
    while STARTED:
        STARTED.pop().kill()
