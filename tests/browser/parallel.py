"""Pages dealt between browsers, each driven by a thread of its own, for the tests that
open every page of the sample (axe-core, the hostile-content browse): about 400 pages,
each a few hundred milliseconds of script in Chromium's renderer, one page at a time.

Playwright's sync API belongs to the thread that starts it, so each thread starts its
own, with its own Chromium. The pages are dealt in turn (every second one to the
second browser), so each gets its share of every kind; what each browser found comes
back in the order of the browsers, every page accounted for."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

Item = TypeVar("Item")
Found = TypeVar("Found")
BROWSERS = 2  # the CI machine's cores: more browsers would only take turns


def deal(items: Sequence[Item], hands: int = BROWSERS) -> list[list[Item]]:
    """`items` dealt in turn into `hands` lists (none empty unless `items` is short)."""
    return [list(items[hand::hands]) for hand in range(hands) if items[hand::hands]]


def in_browsers(
    items: Sequence[Item],
    work: Callable[[Any, list[Item]], list[Found]],
    hands: int = BROWSERS,
) -> list[Found]:
    """`work(browser, share)` for each share of `items`, at once, each in a Chromium of
    its own; what they return, joined. A share's failure is raised here."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed")
    with ThreadPoolExecutor(hands) as pool:
        futures = [pool.submit(_in_a_browser, work, share) for share in deal(items, hands)]
        return [found for future in futures for found in future.result()]


def _in_a_browser(work: Callable[[Any, list[Item]], list[Found]], share: list[Item]) -> list[Found]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return work(browser, share)
        finally:
            browser.close()
