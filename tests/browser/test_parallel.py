"""Pages dealt between two Chromiums (tests.browser.parallel): every page is given to
exactly one browser, and what goes wrong in either reaches the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.parallel import deal, in_browsers


def test_pages_are_dealt_in_turn_each_to_one_browser() -> None:
    assert deal(["a", "b", "c"]) == [["a", "c"], ["b"]]
    assert deal(["a"]) == [["a"]] and deal([]) == []
    pages = [f"p{n}" for n in range(9)]
    assert sorted(page for share in deal(pages, 4) for page in share) == pages


def test_each_browser_works_and_a_failure_in_either_reaches_the_caller() -> None:
    def versions(browser: Any, share: list[str]) -> list[tuple[str, str]]:
        return [(page, browser.version) for page in share]

    found = in_browsers(["a", "b", "c"], versions)
    assert sorted(page for page, _ in found) == ["a", "b", "c"]
    assert all(version for _, version in found)  # a real Chromium answered

    def second_fails(browser: Any, share: list[str]) -> list[str]:
        if "b" in share:
            raise RuntimeError(f"broken share {share}")
        return share

    with pytest.raises(RuntimeError, match=r"broken share \['b'\]"):
        in_browsers(["a", "b", "c"], second_fails)
