"""Every `newsroom watch` a test started is gone when the test ends, whether it passed
or failed midway; one a module's fixture started (shared by its tests), when the
module ends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.generator.service.watching import STARTED


@pytest.fixture(autouse=True, scope="module")
def no_service_outlives_its_module() -> Iterator[None]:
    yield
    while STARTED:
        STARTED.pop().kill()


@pytest.fixture(autouse=True)
def no_service_outlives_its_test(no_service_outlives_its_module: None) -> Iterator[None]:
    # A module's fixtures are set up before this one: the services they started come
    # before `already` and are left to the module's end.
    already = len(STARTED)
    yield
    while len(STARTED) > already:
        STARTED.pop().kill()
