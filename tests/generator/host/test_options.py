"""The plugins' options: the base URL always ends in a slash, and the build's instant
needs its UTC offset."""

from __future__ import annotations

from datetime import UTC, datetime

from generator.host.options import DeskPluginConfig, NewsroomConfig, settings_from


def validated(config: NewsroomConfig | DeskPluginConfig, options: dict[str, object]) -> list[str]:
    config.load_dict(options)
    errors, _ = config.validate()
    return [f"{key}: {error}" for key, error in errors]


def test_a_base_url_without_its_slash_still_makes_site_urls() -> None:
    for config in (NewsroomConfig(), DeskPluginConfig()):
        assert validated(config, {"base_url": "http://127.0.0.1:8000"}) == []
        assert settings_from(config).base_url == "http://127.0.0.1:8000/"


def test_now_is_an_instant_with_its_offset() -> None:
    config = NewsroomConfig()
    assert validated(config, {"now": "2026-11-24T11:00:00+08:00"}) == []
    assert config.now == datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
    default = NewsroomConfig()
    assert validated(default, {}) == [] and default.now is None  # the clock, at on_config
    (error,) = validated(NewsroomConfig(), {"now": "2026-11-24T11:00:00"})
    assert error.startswith("now:") and "UTC offset" in error
    (error,) = validated(NewsroomConfig(), {"now": "besok"})
    assert "ISO 8601" in error
