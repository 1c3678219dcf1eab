"""Property tests: slugs, output paths, front matter parsing, sanitising."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.fields import SLUG_RE, slugify
from generator.problems import Report
from generator.render import sanitize
from generator.repository import AssetCheck, parse_release
from generator.schema import Office
from generator.writer import PathEscape, SiteWriter
from tests.security.sinks import sinks

OFFICE = Office(id="kutai-timur", name="Kutai Timur", level="kabupaten", province="64")
NO_ASSETS = AssetCheck(exists=lambda src: False, where=lambda src: src)
FRAGMENTS = st.sampled_from(
    [
        "<",
        ">",
        "/",
        '"',
        "'",
        "=",
        " ",
        "\t",
        "\n",
        "&",
        "#",
        ";",
        ":",
        "script",
        "SCRIPT",
        "img",
        "svg",
        "math",
        "a",
        "href",
        "src",
        "onerror",
        "onload",
        "javascript",
        "java",
        "vbscript",
        "data",
        "alert(1)",
        "iframe",
        "style",
        "x",
        "&#106;",
        "&#x6A;",
        "<!--",
        "-->",
        "[",
        "]",
        "(",
        ")",
        "!",
        "`",
        "*",
        "_",
        "base",
        "form",
        "action",
        "xlink:href",
    ]
)


@given(st.text())
def test_slugify_is_always_a_valid_ascii_slug_or_empty(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or (SLUG_RE.match(slug) and slug.isascii() and len(slug) <= 80)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(["..", ".", "a", "b", "", "/", "%2e", "~", "\\", "c.html"]), max_size=8
    )
)
def test_output_paths_never_leave_the_site(tmp_path: Path, parts: list[str]) -> None:
    site = tmp_path / "situs"
    writer = SiteWriter(site)
    relative = "/".join(parts)
    try:
        target = writer.target(relative)
    except PathEscape:
        return
    assert site.resolve() in target.parents


@given(st.binary(max_size=2000) | st.text(max_size=2000).map(lambda t: t.encode("utf-8")))
def test_front_matter_parsing_only_ever_reports(data: bytes) -> None:
    report = Report()
    path = Path("kutai-timur:releases/2026/uji.md")
    release = parse_release(b"---\n" + data, OFFICE, path, report, NO_ASSETS)
    assert release is not None or report.errors  # no exception, and a reason when refused


@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_sanitised_html_has_no_executable_sink(fragment: str) -> None:
    assert sinks(sanitize(fragment)) == []
