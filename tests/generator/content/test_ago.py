"""How long ago, as the desk and `newsroom curate inbox` say it, in both languages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from generator.content.messages import ago_parts, ago_text


@pytest.mark.parametrize(
    ("elapsed", "indonesian", "english"),
    [
        (timedelta(seconds=-30), "baru saja", "just now"),  # a clock set wrong
        (timedelta(seconds=59), "baru saja", "just now"),
        (timedelta(minutes=1), "1 menit lalu", "1 minute ago"),
        (timedelta(minutes=59, seconds=59), "59 menit lalu", "59 minutes ago"),
        (timedelta(hours=1), "1 jam lalu", "1 hour ago"),
        (timedelta(hours=3, minutes=40), "3 jam lalu", "3 hours ago"),
        (timedelta(hours=23, minutes=59), "23 jam lalu", "23 hours ago"),
        (timedelta(days=1), "1 hari lalu", "1 day ago"),
        (timedelta(days=40, hours=5), "40 hari lalu", "40 days ago"),
    ],
)
def test_ago_in_both_languages(elapsed: timedelta, indonesian: str, english: str) -> None:
    assert ago_text(elapsed, "id") == indonesian
    assert ago_text(elapsed, "en") == english


def test_the_parts_change_only_when_the_words_do() -> None:
    assert ago_parts(timedelta(hours=3, minutes=1)) == ago_parts(timedelta(hours=3, minutes=59))
    assert ago_parts(timedelta(hours=3)) != ago_parts(timedelta(hours=4))
