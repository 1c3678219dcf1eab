"""Every `newsroom watch` a test started is gone when the test ends, whether it
passed or failed midway."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.generator.service.watching import STARTED


@pytest.fixture(autouse=True)
def no_service_outlives_its_test() -> Iterator[None]:
    yield
    while STARTED:
        STARTED.pop().kill()
