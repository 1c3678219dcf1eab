"""The desk's page templates rendered from view records alone: no repository, no
Material build. Every text from a file is escaped (as `html.escape` does), the
wording follows the desk's language, and every wording code a template or the desk
asks for is in the catalog in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.messages import DESK
from generator.desk import templates
from generator.desk.templates import health_row, pages_folder, release_row, render_page
from generator.desk.views import (
    Badge,
    Health,
    HealthRow,
    Moment,
    National,
    OfficeFacts,
    OfficeLink,
    OfficePage,
    Overview,
    Refusals,
    ReleaseRow,
    Table,
    Warnings,
)

HOSTILE = "<img src=x onerror=alert(1)>"
QUOTED = "\"><svg onload=alert('x')>"
HEADS = ("Waktu", "Rilis", "Kantor", "Status")


def row(**changes: object) -> ReleaseRow:
    values: dict[str, object] = {
        "date": "Senin, 23 November 2026 10.00 WITA",
        "title": "Rapat kerja",
        "href": "https://contoh.test/kaltim/2026/raker/",
        "unpublished": "",
        "release_id": "kaltim/2026/raker",
        "category": "Pengumuman",
        "notes": (),
        "office_id": "kaltim",
        "office_name": "Diskominfo Kaltim",
        "up": "../../",
        "badges": (),
    }
    values.update(changes)
    return ReleaseRow(**values)  # type: ignore[arg-type]


def table(*rows: str) -> Table:
    return Table(HEADS, rows, "Tidak ada rilis.")


def facts(**changes: object) -> OfficeFacts:
    values: dict[str, object] = {
        "office_id": "kaltim",
        "level": "provinsi",
        "zone": "WITA",
        "source": "https://git.contoh.test/kaltim.git",
        "last_run": Moment("Senin, 23 November 2026 10.00 WITA", "2026-11-23T02:00:00Z"),
        "last_success": Moment("-"),
        "last_error": "-",
        "errors": 0,
        "rejected": 0,
    }
    values.update(changes)
    return OfficeFacts(**values)  # type: ignore[arg-type]


def test_a_release_row_escapes_every_text_from_a_file() -> None:
    html = release_row(
        row(
            title=HOSTILE,
            office_name=QUOTED,
            notes=(f"Catatan kurasi: {HOSTILE}",),
            badges=(Badge(HOSTILE, "new"),),
        )
    )
    assert "<img" not in html and "<svg" not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") == 3  # title, note, badge
    # Quotes as html.escape writes them: the desk's bytes do not depend on the path taken.
    assert "&quot;&gt;&lt;svg onload=alert(&#x27;x&#x27;)&gt;" in html


def test_a_release_row_is_one_cell_a_line_and_links_only_public_pages() -> None:
    public = release_row(row(badges=(Badge("baru", "new"), Badge("dikurasi", "curated"))))
    assert public.splitlines() == [
        "<tr>",
        "<td>Senin, 23 November 2026 10.00 WITA</td>",
        '<td><a href="https://contoh.test/kaltim/2026/raker/">Rapat kerja</a><br>',
        "<small>kaltim/2026/raker · Pengumuman</small></td>",
        '<td><a href="../../kantor/kaltim/">Diskominfo Kaltim</a></td>',
        '<td><span class="nr-badge nr-new">baru</span>',
        '<span class="nr-badge nr-curated">dikurasi</span></td>',
        "</tr>",
    ]
    draft = release_row(row(href=None, unpublished="belum terbit (draf)"), "tidak tampil")
    assert '<a href="https' not in draft
    assert '<small class="nr-unpublished">belum terbit (draf)</small>' in draft
    assert draft.endswith("<td>-</td>\n<td>tidak tampil</td>\n</tr>")


def test_a_template_value_is_text_never_template_source() -> None:
    html = release_row(row(title="{{ 7*7 }} {% raw %}"))
    assert "{{ 7*7 }} {% raw %}" in html and "49" not in html


def test_an_office_page_escapes_its_name_for_html_and_markdown() -> None:
    name = f"[x](javascript:alert(1)) {HOSTILE} *jahat*"
    page = OfficePage(name, facts(last_error=HOSTILE), (HOSTILE,), table())
    text = render_page("office.html", page, "id")
    heading = text.splitlines()[0]
    assert heading == (
        r"# \[x\]\(javascript:alert\(1\)\) &lt;img src=x onerror=alert\(1\)&gt; \*jahat\*"
    )
    assert "<img" not in text
    assert "<li>Galat terakhir: &lt;img src=x onerror=alert(1)&gt;</li>" in text
    assert "<li><code>&lt;img src=x onerror=alert(1)&gt;</code></li>" in text
    assert '<time datetime="2026-11-23T02:00:00Z">Senin' in text
    assert text.endswith("\n\nTidak ada rilis.\n")


def test_the_overview_speaks_the_desks_language() -> None:
    view = Overview(
        shown=3,
        offices=2,
        waiting=1,
        errors=0,
        warnings=4,
        last_sync=Moment("-"),
        months=(("2026-11", "November 2026"),),
        office_links=(OfficeLink("kaltim", HOSTILE, 3, Badge("1 kesalahan", "error")),),
        waiting_table=table(release_row(row())),
    )
    indonesian = render_page("overview.html", view, "id")
    english = render_page("overview.html", view, "en")
    assert indonesian.startswith("# Desk Redaksi\n")
    assert "- **3** rilis tampil di desk, dari **2** kantor\n" in indonesian
    assert english.startswith("# Editorial Desk\n")
    assert "- **3** releases shown on the desk, from **2** offices\n" in english
    assert "rilis tampil" not in english
    for text in (indonesian, english):
        assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt;</a>" in text
        # The rendered row is kept as HTML, not escaped a second time.
        assert '<td><a href="../../kantor/kaltim/">Diskominfo Kaltim</a></td>' in text


def test_warnings_national_and_health_pages_render_from_views() -> None:
    warnings = Warnings((HOSTILE,), (Refusals(HOSTILE, Moment("-"), True, (HOSTILE,)),))
    text = render_page("warnings.html", warnings, "id")
    assert "<img" not in text and "dicatat dalam bahasa Inggris" in text
    assert render_page("warnings.html", Warnings((), ()), "en").endswith("None.\n")
    assert render_page("national.html", National(), "id") == (
        "# Umpan nasional\n\nSitus nasional dinonaktifkan di konfigurasi.\n"
    )
    health = HealthRow(
        office_id="kaltim",
        name=HOSTILE,
        last_run=Moment("-"),
        last_success=Moment("-"),
        last_release="-",
        errors=None,
        refused=Badge("2 ditolak", "error"),
        error=HOSTILE,
        error_badge=Badge("galat", "error"),
    )
    rows = (health_row(health),)
    text = render_page("health.html", Health(Table(HEADS, rows, None, "nr-health")), "id")
    assert "<img" not in text and '<table class="nr-health">' in text
    assert '<td><span class="nr-badge nr-error">galat</span> &lt;img' in text


def test_every_wording_the_desk_asks_for_is_in_the_catalog_in_both_languages() -> None:
    asked: set[str] = set()
    for template in pages_folder().glob("*.html"):
        asked |= set(re.findall(r"""\bt\("(\w+)\"""", template.read_text()))
    desk = Path(__file__).parents[3] / "generator" / "desk"
    for module in desk.glob("*.py"):
        asked |= set(re.findall(r"""_say\(\s*"(\w+)\"""", module.read_text()))
        asked |= set(re.findall(r'"((?:col|badge|note)_\w+)"', module.read_text()))
    assert {"title", "none", "col_time", "badge_new"} <= asked
    assert asked <= set(DESK)
    assert all(indonesian and english for indonesian, english in DESK.values())


def test_compile_all_leaves_no_page_template_to_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    """`newsroom watch` compiles the desk's templates once, before its desk workers fork:
    none of them compiles one again."""
    env = templates.environment()
    assert env.cache is not None
    env.cache.clear()
    templates.compile_all()

    def compile_again(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"compiled in the worker: {args[1:2]}")

    monkeypatch.setattr(env, "compile", compile_again)
    names = sorted(p.relative_to(pages_folder()).as_posix() for p in pages_folder().rglob("*.html"))
    assert len(names) > 5
    for name in names:
        env.get_template(name)
