"""Loading and validating repositories: one broken fixture per error class."""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from generator.content.fields import field_names
from generator.content.problems import Severity
from generator.content.repository import CENTRAL, OFFICE, Layout, find_layout, load_repository
from generator.content.schema import FrontMatter
from tests.conftest import FIXTURES, REPO_ROOT, make_png, release_text

BROKEN_OFFICE = FIXTURES / "broken_office"
BROKEN_CENTRAL = FIXTURES / "broken_central"

# file in broken_office/releases/2026 -> the (line, field, code) problems it must produce
EXPECTED_OFFICE = {
    "sah.md": set(),
    "tanpa-judul.md": {(2, "title", "missing_field")},
    "kolom-asing.md": {(5, "author", "unknown_field")},
    "tanggal-salah.md": {(3, "date", "bad_date")},
    "kategori-asing.md": {(4, "category", "bad_choice")},
    "Slug_Salah.md": {(1, "slug", "bad_slug")},
    "klarifikasi-tanpa-klaim.md": {(4, "claim", "claim_required")},
    "berita-dengan-klaim.md": {(5, "claim", "claim_forbidden")},
    "ditarik-tanpa-alasan.md": {(5, "withdrawn_reason", "reason_required")},
    "alasan-tanpa-ditarik.md": {(5, "withdrawn_reason", "reason_forbidden")},
    "waktu-tarik-tanpa-ditarik.md": {(5, "withdrawn_at", "withdrawn_at_forbidden")},
    "ditarik-sebelum-terbit.md": {(7, "withdrawn_at", "withdrawn_before_date")},
    "yaml-rusak.md": {(4, "front-matter", "yaml_syntax")},
    "yaml-tag.md": {(2, "front-matter", "yaml_tag")},
    "yaml-anchor.md": {(2, "front-matter", "yaml_anchor")},
    "yaml-alias.md": {(3, "front-matter", "yaml_alias")},
    "tahun-salah.md": {(3, "date", "bad_year_folder")},
    "status-asing.md": {(5, "status", "bad_choice")},
    "usulan-bukan-boolean.md": {(5, "propose_national", "bad_bool")},
    "gambar-tanpa-alt.md": {(6, "image.alt", "missing_field")},
    "gambar-hilang.md": {(5, "image.src", "asset_missing")},
    "lampiran-keluar.md": {(7, "attachments[1].src", "bad_asset_path")},
    "judul-dua-baris.md": {(2, "title", "multiline")},
    "embargo-salah.md": {(5, "publish_at", "bad_date")},
    "kolom-ganda.md": {(3, "front-matter", "yaml_duplicate_key")},
    "tanpa-front-matter.md": {(1, "front-matter", "no_front_matter")},
    "front-matter-terbuka.md": {(4, "front-matter", "unclosed_front_matter")},
    "bukan-utf8.md": {(2, "file", "not_utf8")},
    "rilis-ganda.MD": {(1, "slug", "bad_slug")},
    "rilis-ganda.md": {(1, "id", "duplicate_id")},
    "front-matter-daftar.md": {(2, "front-matter", "front_matter_not_mapping")},
    "gambar-bukan-foto.md": {(5, "image.src", "image_unreadable")},
    "gambar-isi-hilang.md": {(8, "body", "asset_missing")},
    # Warnings: the release is published, with a link that will not work on the site.
    "tautan-rilis-lain.md": {(7, "body", "link_to_release")},
    "tautan-relatif.md": {(6, "body", "link_relative")},
    "tautan-dari-akar.md": {(6, "body", "link_root_relative")},
    "tautan-aset-salah.md": {(6, "body", "link_to_assets")},
    "nama-aset-salah.md": {(6, "body", "bad_asset_link")},
}
# Fixture files whose problems are only warnings: they stay valid releases.
WARNED_ONLY = ["nama-aset-salah", "tautan-aset-salah", "tautan-dari-akar", "tautan-relatif"]
WARNED_ONLY += ["tautan-rilis-lain"]


@pytest.fixture(scope="module")
def broken_office_problems() -> dict[str, set[tuple[int, str, str]]]:
    repo = load_repository(Layout(BROKEN_OFFICE, OFFICE))
    found: dict[str, set[tuple[int, str, str]]] = {}
    for problem in repo.report.problems:
        found.setdefault(Path(problem.path).name, set()).add(
            (problem.line, problem.field, problem.code)
        )
    return found


@pytest.mark.parametrize("name", sorted(EXPECTED_OFFICE))
def test_each_error_class_is_reported_with_line_and_field(
    name: str, broken_office_problems: dict[str, set[tuple[int, str, str]]]
) -> None:
    assert broken_office_problems.get(name, set()) == EXPECTED_OFFICE[name]


def test_every_fixture_file_is_covered(
    broken_office_problems: dict[str, set[tuple[int, str, str]]],
) -> None:
    on_disk = {p.name for p in (BROKEN_OFFICE / "releases" / "2026").iterdir()}
    assert on_disk == set(EXPECTED_OFFICE)
    assert broken_office_problems["misplaced.md"] == {(1, "file", "wrong_place")}


def test_only_valid_releases_are_returned() -> None:
    repo = load_repository(Layout(BROKEN_OFFICE, OFFICE))
    expected = sorted(f"kutai-timur/2026/{slug}" for slug in ["sah", *WARNED_ONLY])
    assert [r.id for r in repo.releases] == expected


def test_broken_central_registry_and_curation() -> None:
    now = datetime.fromisoformat("2026-11-24T10:30:00+08:00")
    repo = load_repository(Layout(BROKEN_CENTRAL, CENTRAL), now=now)
    found = {
        (Path(p.path).name, p.line, p.field, p.code, p.severity.value) for p in repo.report.problems
    }
    assert found == {
        ("offices.yml", 9, "id", "duplicate_office", "error"),
        ("offices.yml", 13, "id", "bad_id", "error"),
        ("offices.yml", 20, "province", "bad_choice", "error"),
        ("offices.yml", 21, "province", "province_required", "error"),
        ("offices.yml", 27, "province", "province_forbidden", "error"),
        ("offices.yml", 32, "source", "bad_source", "error"),
        ("offices.yml", 37, "source.feed", "bad_url", "error"),
        ("offices.yml", 42, "contact.email", "bad_email", "error"),
        ("offices.yml", 45, "level", "bad_choice", "error"),
        # The office's entry is wrong, not its folder: its releases are still checked.
        ("kategori-asing.md", 4, "category", "bad_choice", "error"),
        ("tidak-terdaftar", 1, "office", "unknown_office", "error"),
        ("curation.yml", 5, "id", "curation_unknown", "error"),
        ("curation.yml", 6, "id", "curation_duplicate", "error"),
        ("curation.yml", 7, "id", "curation_not_public", "warning"),
        ("curation.yml", 8, "id", "curation_embargoed", "warning"),
    }
    # Offices with a bad contact or source stay registered; their releases are not lost.
    assert {"komdigi", "kaltim", "sumber-ganda", "sumber-feed-salah", "surel-salah"} <= set(
        repo.offices
    )
    assert repo.offices["sumber-ganda"].source is None
    # An office whose entry is invalid publishes nothing until it is fixed.
    assert "kecamatan-sangatta" not in repo.offices
    assert {r.office.id for r in repo.releases} == {"kaltim"}
    assert repo.curation is not None
    assert repo.curation.ids() == [
        "kaltim/2026/rilis-sah",
        "kaltim/2026/rilis-draf",
        "kaltim/2026/rilis-embargo",
    ]


@pytest.mark.parametrize(
    ("now", "warned"),
    [("2026-11-24T10:30:00+08:00", True), ("2026-12-01T08:00:00+08:00", False)],
)
def test_a_curated_release_under_embargo_is_a_warning_saying_when_it_appears(
    central_repo: Callable[..., Path], now: str, warned: bool
) -> None:
    # Ambon is WIT: the embargo lifts at 09.00 WIT, 1 December.
    root = central_repo(
        {"ambon/2026/festival": release_text(publish_at="2026-12-01 09:00")},
        curation="featured:\n  - id: ambon/2026/festival\n",
    )
    repo = load_repository(Layout(root, CENTRAL), now=datetime.fromisoformat(now))
    found = [p for p in repo.report.problems if p.code == "curation_embargoed"]
    if not warned:  # lifted: nothing to say
        assert found == []
        return
    (problem,) = found
    assert (problem.line, problem.field, problem.severity) == (2, "id", "warning")
    assert problem.format("id").endswith(
        "id: rilis ini masih diembargo: baru tampil di situs nasional saat embargonya "
        "berakhir, 2026-12-01 09:00 WIT (tertulis 'ambon/2026/festival'); biarkan bila memang "
        "dijadwalkan begitu; hapus butir ini bila rilis belum boleh ditampilkan di situs nasional"
    )
    assert "when the embargo lifts, 2026-12-01 09:00 WIT" in problem.format("en")
    assert repo.curation is not None and repo.curation.ids() == ["ambon/2026/festival"]


def test_loading_judges_dates_only_against_the_now_it_is_given(
    central_repo: Callable[..., Path],
) -> None:
    """Validation reads no clock: without a `now` nothing is judged by the day (an
    embargo far ahead, a date far ahead); with one, both are, against that instant."""
    root = central_repo(
        {
            "ambon/2026/festival": release_text(publish_at="2099-12-01 09:00"),
            "ambon/2026/salah-ketik": release_text(date="2026-12-30 09:00"),
        },
        curation="featured:\n  - id: ambon/2026/festival\n",
    )
    timeless = load_repository(Layout(root, CENTRAL))
    assert [p.code for p in timeless.report.problems] == []
    assert len(timeless.releases) == 2
    now = datetime.fromisoformat("2026-11-24T10:30:00+08:00")
    dated = load_repository(Layout(root, CENTRAL), now=now)
    assert sorted(p.code for p in dated.report.problems) == ["curation_embargoed", "date_ahead"]
    assert [r.id for r in dated.releases] == ["ambon/2026/festival"]


def test_sample_newsroom_is_clean() -> None:
    repo = load_repository(Layout(REPO_ROOT, CENTRAL))
    large = [p for p in repo.report.problems if p.code == "image_large"]
    assert [p.format("en") for p in repo.report.problems if p not in large] == []
    # The sample's lead photos are 12-megapixel phone photos, as offices upload them:
    # `newsroom check` says what the site publishes instead (a warning, nothing to do).
    assert {Path(p.path).name for p in large} == {
        "banjir-pantura-pengungsi-kembali.md",
        "perbaikan-jalan-poros-sangatta.md",
        "festival-teluk-ambon.md",
    }
    assert all(p.severity == Severity.WARNING for p in large)
    assert len(repo.releases) >= 30
    assert {r.meta.category for r in repo.releases} == {
        "siaran-pers",
        "berita",
        "pengumuman",
        "klarifikasi",
        "produk-hukum",
        "agenda",
    }


# office.yml with mistakes -> every problem of office.yml and of the release, at once.
BROKEN_OFFICE_YML = [
    (
        "id: kutai-timur\nname: Diskominfo Kutim\nlevel: kabupaten\n",
        {("office.yml", 1, "province", "province_required")},
    ),
    (
        'id: Kutim\nname: Diskominfo Kutim\nlevel: kabupaten\nprovince: "64"\n',
        {("office.yml", 1, "id", "bad_id")},
    ),
    (
        "id: Kutim\nname: Diskominfo Kutim\nlevel: kabupaten\n",
        {("office.yml", 1, "id", "bad_id"), ("office.yml", 1, "province", "province_required")},
    ),
    (
        'id: kutai-timur\nname: Diskominfo Kutim\nlevel: kecamatan\nprovince: "64"\n',
        {("office.yml", 3, "level", "bad_choice")},
    ),
    (
        'id: kutai-timur\nname: Diskominfo Kutim\nlevel: pusat\nprovince: "64"\n',
        {("office.yml", 4, "province", "province_forbidden")},
    ),
    (
        "- id: kutai-timur\n- name: Diskominfo Kutim\n",
        {("office.yml", 1, "file", "not_a_mapping_file")},
    ),
    (
        "",
        {
            ("office.yml", 1, "id", "missing_field"),
            ("office.yml", 1, "name", "missing_field"),
            ("office.yml", 1, "level", "missing_field"),
        },
    ),
]


@pytest.mark.parametrize(("office_yml", "office_problems"), BROKEN_OFFICE_YML)
def test_an_invalid_office_yml_hides_no_other_mistake(
    office_repo: Callable[..., Path],
    office_yml: str,
    office_problems: set[tuple[str, int, str, str]],
) -> None:
    root = office_repo(
        {
            "releases/2026/opini.md": release_text(category="opini"),
            "releases/2026/tautan.md": release_text().replace("Isi", "[Isi](lain.md)"),
        },
        office_yml=office_yml,
    )
    repo = load_repository(Layout(root, OFFICE))
    found = {(Path(p.path).name, p.line, p.field, p.code) for p in repo.report.problems}
    assert found == office_problems | {
        ("opini.md", 4, "category", "bad_choice"),
        ("tautan.md", 6, "body", "link_to_release"),
    }
    assert repo.offices == {} and repo.releases == []  # nothing is published meanwhile


@pytest.mark.parametrize(
    ("province", "zone_guessed"),
    [("", True), ('province: "99"\n', True), ('province: "64"\n', False)],
)
def test_a_zone_assumed_for_an_unknown_province_is_said_where_it_matters(
    office_repo: Callable[..., Path], province: str, zone_guessed: bool
) -> None:
    # An unknown level makes the office invalid; its province, when valid, still gives the zone.
    office_yml = f"id: kutai-timur\nname: Diskominfo Kutim\nlevel: kecamatan\n{province}"
    root = office_repo(
        {
            # 00:30 WITA on 1 January is still 31 December in WIB.
            "releases/2026/dini-hari.md": release_text(date="2026-01-01T00:30:00+08:00"),
            "releases/2026/tanggal.md": release_text(date="kemarin"),
        },
        office_yml=office_yml,
    )
    repo = load_repository(Layout(root, OFFICE))
    codes = {(Path(p.path).name, p.code) for p in repo.report.problems if p.path.endswith(".md")}
    if zone_guessed:
        assert codes == {
            ("dini-hari.md", "bad_year_folder_zone_guessed"),
            ("tanggal.md", "bad_date_zone_guessed"),
        }
        (message,) = [p.format("id") for p in repo.report.problems if "tanggal.md" in p.path]
        assert "dianggap WIB" in message
    else:
        assert codes == {("tanggal.md", "bad_date")}


def test_the_sample_has_news_at_the_readme_clock() -> None:
    # The README's examples build at this time: the news sitemaps (two days) must show
    # something, on the national site (central releases) and on a province's.
    now = datetime.fromisoformat("2026-11-24T08:00:00+07:00")
    repo = load_repository(Layout(REPO_ROOT, CENTRAL))
    fresh = [r for r in repo.releases if r.is_listed(now) and now - timedelta(days=2) <= r.released]
    assert {r.office.is_central for r in fresh} == {True, False}, [r.id for r in fresh]


SEEDS = REPO_ROOT.parent / "shared" / "seeds"
# Hashes of every six-word run of the seed articles (not their text, which is not ours
# to publish), so the check runs wherever the tests run; `make seed-shingles` remakes it.
SEED_SHINGLES = REPO_ROOT / "tests" / "fixtures" / "seed-shingles.txt"


def _runs(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {
        hashlib.sha1(" ".join(words[i : i + 6]).encode()).hexdigest()[:16]
        for i in range(len(words) - 5)
    }


def seed_shingles() -> set[str]:
    return set().union(*(_runs(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")))


def test_the_sample_is_written_anew_not_copied_from_the_seeds() -> None:
    committed = set(SEED_SHINGLES.read_text(encoding="utf-8").split())
    if SEEDS.is_dir():
        assert committed == seed_shingles(), "seeds changed: run `make seed-shingles`"
    assert len(committed) > 1000
    copied = [
        str(path.relative_to(REPO_ROOT))
        for path in sorted((REPO_ROOT / "content").rglob("*.md"))
        if _runs(path.read_text(encoding="utf-8")) & committed
    ]
    assert copied == []  # six words in a row from a seed article


if __name__ == "__main__" and "--seed-shingles" in sys.argv:
    SEED_SHINGLES.write_text("\n".join(sorted(seed_shingles())) + "\n", encoding="utf-8")
    print(f"written {SEED_SHINGLES}")


def test_find_layout_searches_upwards(office_repo: Callable[..., Path]) -> None:
    root = office_repo({"releases/2026/a.md": release_text()})
    assert find_layout(root / "releases" / "2026" / "a.md") == Layout(root.resolve(), OFFICE)
    assert find_layout(REPO_ROOT / "content" / "releases") == Layout(REPO_ROOT, CENTRAL)
    assert find_layout(Path("/")) is None


def test_office_namespace_comes_from_office_yml(office_repo: Callable[..., Path]) -> None:
    root = office_repo({"releases/2026/rapat.md": release_text()})
    repo = load_repository(Layout(root, OFFICE))
    (release,) = repo.releases
    assert release.id == "kutai-timur/2026/rapat"
    assert release.office.zone.abbreviation == "WITA"
    assert release.meta.date.utcoffset() is not None


def test_year_folder_uses_the_office_zone(office_repo: Callable[..., Path]) -> None:
    # 23:30 WITA on 31 December is still 2025 in Kutai Timur (it is 2025 in UTC too),
    # while 00:30 WITA on 1 January belongs in 2026 although it is still 2025 in UTC.
    root = office_repo(
        {
            "releases/2025/malam.md": release_text(date="2025-12-31 23:30"),
            "releases/2026/dini-hari.md": release_text(date="2026-01-01 00:30"),
        }
    )
    repo = load_repository(Layout(root, OFFICE))
    assert repo.report.problems == []
    assert [r.year for r in repo.releases] == [2025, 2026]


def test_oversized_file_is_refused_before_parsing(office_repo: Callable[..., Path]) -> None:
    huge = release_text() + ("kata " * 60_000)
    root = office_repo({"releases/2026/besar.md": huge})
    repo = load_repository(Layout(root, OFFICE))
    assert [(p.field, p.code) for p in repo.report.problems] == [("file", "file_too_large")]


def test_symlinked_release_is_refused(office_repo: Callable[..., Path], tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(release_text())
    root = office_repo({"releases/2026/asli.md": release_text()})
    (root / "releases" / "2026" / "tautan.md").symlink_to(secret)
    repo = load_repository(Layout(root, OFFICE))
    assert [r.slug for r in repo.releases] == ["asli"]
    assert [(Path(p.path).name, p.code) for p in repo.report.problems] == [("tautan.md", "symlink")]


def test_checking_one_file_reports_only_that_file() -> None:
    target = BROKEN_OFFICE / "releases" / "2026" / "tanggal-salah.md"
    repo = load_repository(Layout(BROKEN_OFFICE, OFFICE), only=[target])
    assert {Path(p.path).name for p in repo.report.problems} == {"tanggal-salah.md"}


# One invalid value for every front-matter field: (field line, expected field, code).
FIELD_RULES = [
    ("title: " + "x" * 201, "title", "too_long"),
    ("date: kemarin", "date", "bad_date"),
    ("category: opini", "category", "bad_choice"),
    ("summary: " + "x" * 401, "summary", "too_long"),
    ("tags: {a: b}", "tags", "not_text"),
    ("regions: [[Kutai Timur]]", "regions", "not_text"),
    ("image: assets/foto.png", "image", "not_mapping"),
    ("image: {src: foto.png, alt: Foto}", "image.src", "bad_asset_path"),
    ("attachments: assets/a.pdf", "attachments", "not_list"),
    ("attachments: [{src: assets/a.pdf}]", "attachments[1].title", "missing_field"),
    ("contact: {email: bukan-surel}", "contact.email", "bad_email"),
    ("contact: {fax: '123'}", "contact.fax", "unknown_field"),
    ("credits: {sutradara: [lisa]}", "credits.sutradara", "unknown_role"),
    ("publish_at: 2026-02-30 08:00", "publish_at", "bad_date"),
    ("status: terbit", "status", "bad_choice"),
    ("withdrawn_reason: [salah, ketik]", "withdrawn_reason", "not_text"),
    ("withdrawn_at: kemarin", "withdrawn_at", "bad_date"),
    ("updates: [{date: kemarin, note: x}]", "updates[1].date", "bad_date"),
    ("updates: [{date: '2026-04-12 10:00'}]", "updates[1].note", "missing_field"),
    ("claim: {text: x, verdict: palsu}", "claim.verdict", "bad_choice"),
    ("claim: {verdict: hoaks}", "claim.text", "missing_field"),
    (
        "regulation: {type: Perbupati, number: 1, year: 2026, about: x}",
        "regulation.type",
        "bad_choice",
    ),
    ("propose_national: mungkin", "propose_national", "bad_bool"),
]


@pytest.mark.parametrize(("line", "field", "code"), FIELD_RULES)
def test_every_field_rule(
    office_repo: Callable[..., Path], line: str, field: str, code: str
) -> None:
    name, value = line.split(": ", 1)
    fields = {"category": "klarifikasi" if name == "claim" else "berita", name: value}
    text = release_text(**fields)
    root = office_repo({"releases/2026/uji.md": text})
    repo = load_repository(Layout(root, OFFICE))
    found = [(p.field, p.code) for p in repo.report.errors]
    assert (field, code) in found, found
    assert repo.releases == []  # a release with any error is not published at all


# Asset files of the office repo the body-link and image tests use.
ASSET_FILES = {
    "assets/foto.png": make_png(8, 6),
    "assets/perbup.pdf": b"%PDF-1.4\n%%EOF\n",
    "assets/logo.svg": b'<svg xmlns="http://www.w3.org/2000/svg"/>',
    "assets/foto-hp.heic": b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
    "assets/foto.avif": b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf",
    "assets/rusak.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20,
}


def with_assets(root: Path) -> Path:
    for name, data in ASSET_FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def test_body_links_the_site_can_serve_pass(office_repo: Callable[..., Path]) -> None:
    body = (
        "![Foto](../../assets/foto.png) dan [Perbup](assets/perbup.pdf), seperti pratinjau\n"
        "GitLab: [Perbup](../../assets/perbup.pdf). [Situs](https://kutaitimurkab.go.id),\n"
        "[surel](mailto:humas@kutaitimurkab.go.id), [atas](#judul), `[kode](x.md)`.\n"
        "\n    [dalam blok kode](../2025/lama.md)\n"
    )
    text = release_text().replace("Isi rilis contoh.\n", body)
    root = with_assets(office_repo({"releases/2026/uji.md": text}))
    repo = load_repository(Layout(root, OFFICE))
    assert [p.format("en") for p in repo.report.problems] == []
    (release,) = repo.releases
    # Pages that show the release depend on these files (page keys, rebuilds).
    assert set(release.asset_refs) == {"assets/foto.png", "assets/perbup.pdf"}


# A body line that will not work on the site -> (code, severity, value as written).
BODY_LINK_PROBLEMS = [
    ("Lihat [rilis lalu](../2025/sebelumnya.md).", "link_to_release", "warning", None),
    ("Lihat [rilis ini](offset.md).", "link_to_release", "warning", None),
    ("Unduh [perbup](/assets/perbup.pdf).", "link_to_assets", "warning", None),
    ("Unduh [perbup](../assets/perbup.pdf).", "link_to_assets", "warning", None),
    ("Baca [berita](/kutai-timur/2026/rapat/).", "link_root_relative", "warning", None),
    ("Unduh [peta](lampiran/peta.html).", "link_relative", "warning", None),
    ("![Foto](lampiran/foto.png)", "link_relative", "warning", None),
    ("[Perbup hal. 2](assets/perbup.pdf#page=2)", "bad_asset_link", "warning", None),
    ("![Foto](<assets/foto baru.png>)", "bad_asset_link", "warning", "assets/foto baru.png"),
    ("![Foto](assets/tidak-ada.png)", "asset_missing", "error", None),
    ("![Foto](../../assets/tidak-ada.png)", "asset_missing", "error", None),
    ("[Perbup](assets/perbup-lama.pdf)", "asset_missing", "error", None),
    ("![Logo](assets/logo.svg)", "image_unreadable", "error", None),
    ("![Foto](../../assets/foto-hp.heic)", "image_unreadable", "error", None),
    ("![Foto](assets/foto.avif)", "image_unreadable", "error", None),
    ('<img src="assets/rusak.jpg" alt="Foto">', "image_unreadable", "error", None),
    ("![Sampul](assets/perbup.pdf)", "image_unreadable", "error", None),
]


@pytest.mark.parametrize(("markdown", "code", "severity", "shown"), BODY_LINK_PROBLEMS)
def test_body_links_that_will_not_work_are_reported_on_their_line(
    office_repo: Callable[..., Path], markdown: str, code: str, severity: str, shown: str | None
) -> None:
    body = f"Paragraf pertama.\n\nKalimat kedua,\n{markdown}\n"
    text = release_text().replace("Isi rilis contoh.\n", body)
    root = with_assets(office_repo({"releases/2026/uji.md": text}))
    repo = load_repository(Layout(root, OFFICE))
    (problem,) = repo.report.problems
    # Front matter on lines 1-5, the body from line 6: the link is on line 9.
    assert (problem.line, problem.field, problem.code) == (9, "body", code)
    assert problem.severity == severity
    written = markdown.split("](", 1)[1].split(")")[0].strip("<>") if "](" in markdown else None
    assert problem.value == (shown or written or "assets/rusak.jpg")
    assert problem.format("id") and problem.format("en")
    # An error keeps the release off the site; a warning publishes it as it is.
    assert (repo.releases == []) == (severity == "error")


def test_every_link_is_reported_on_its_own_line(office_repo: Callable[..., Path]) -> None:
    body = (
        "Lihat [a](offset.md) dan [b](offset.md),\nlalu [c](offset.md).\n\n[d][1]\n\n[1]: x.md\n"
        '\n<div>\n<p>Unduh <a href="peta.html">peta</a></p>\n</div>\n'
    )
    text = release_text().replace("Isi rilis contoh.\n", body)
    root = office_repo({"releases/2026/uji.md": text})
    repo = load_repository(Layout(root, OFFICE))
    # A reference-style link is reported where its address is written, as is a link in
    # a raw HTML block (cmark gives those no lines).
    assert [p.line for p in repo.report.sorted()] == [6, 6, 7, 11, 14]


@pytest.mark.parametrize(
    "src", ["assets/logo.svg", "assets/foto-hp.heic", "assets/foto.avif", "assets/rusak.jpg"]
)
def test_image_src_must_be_a_measurable_photo(office_repo: Callable[..., Path], src: str) -> None:
    text = release_text(image=f"{{src: {src}, alt: Foto}}")
    root = with_assets(office_repo({"releases/2026/uji.md": text}))
    repo = load_repository(Layout(root, OFFICE))
    assert [(p.line, p.field, p.code, p.value) for p in repo.report.problems] == [
        (5, "image.src", "image_unreadable", src)
    ]
    assert repo.releases == []


def test_a_cached_release_notices_its_photo_replaced_by_an_unreadable_one(
    office_repo: Callable[..., Path], tmp_path: Path
) -> None:
    text = release_text(image="{src: assets/foto.png, alt: Foto}")
    text = text.replace("Isi rilis contoh.\n", "![Denah](../../assets/denah.png)\n")
    root = with_assets(office_repo({"releases/2026/uji.md": text}))
    (root / "assets" / "denah.png").write_bytes(make_png(4, 4))
    cache = tmp_path / "parse.pickle"
    assert load_repository(Layout(root, OFFICE), cache_file=cache).report.problems == []
    (root / "assets" / "foto.png").write_bytes(b"bukan gambar")
    (root / "assets" / "denah.png").write_bytes(b"bukan gambar juga")
    repo = load_repository(Layout(root, OFFICE), cache_file=cache)
    assert [(p.field, p.code) for p in repo.report.sorted()] == [
        ("image.src", "image_unreadable"),
        ("body", "image_unreadable"),
    ]


def test_one_invalid_value_for_every_front_matter_field() -> None:
    assert {rule.split(":", 1)[0] for rule, _, _ in FIELD_RULES} == set(field_names(FrontMatter))


@pytest.mark.parametrize(
    ("fields", "withdrawn"),
    [
        # The office's clock, like `date`: 09.30 WITA is 01.30 UTC.
        ({"withdrawn_at": "2026-04-12 09:30"}, datetime(2026, 4, 12, 1, 30, tzinfo=UTC)),
        ({"withdrawn_at": "2026-04-12T09:30:00+07:00"}, datetime(2026, 4, 12, 2, 30, tzinfo=UTC)),
        # Not written (withdrawn before the field existed): the last update's time.
        ({}, datetime(2026, 4, 11, 4, 0, tzinfo=UTC)),
    ],
)
def test_withdrawn_is_when_it_was_withdrawn_or_else_last_updated(
    office_repo: Callable[..., Path], fields: dict[str, str], withdrawn: datetime
) -> None:
    text = release_text(
        status="withdrawn",
        withdrawn_reason="Data keliru.",
        updates="[{date: 2026-04-11 12:00, note: Koreksi.}]",
        **fields,
    )
    root = office_repo({"releases/2026/ditarik.md": text})
    repo = load_repository(Layout(root, OFFICE))
    assert repo.report.problems == []
    (release,) = repo.releases
    assert release.withdrawn == withdrawn


def test_a_file_name_ending_in_a_newline_is_no_second_release(
    central_repo: Callable[..., Path],
) -> None:
    """`rapat\\n.md` has the id of `rapat.md` (slugs drop the newline). As for any two
    files with one id, both are reported: the first in order takes the id and is refused
    for its name, the other is a duplicate naming it. Neither is published unannounced."""
    root = central_repo({"kaltim/2026/rapat": release_text(title="Rapat")})
    twin = root / "content/releases/kaltim/2026/rapat\n.md"
    twin.write_text(release_text(title="Rapat lagi"), encoding="utf-8")
    repo = load_repository(Layout(root, CENTRAL))
    assert repo.releases == []
    codes = sorted(p.code for p in repo.report.errors)
    assert "duplicate_id" in codes and len(codes) == 2, codes


def test_a_province_of_the_same_release_objects_is_not_sorted_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`newsroom watch` loads at every build and gets the same release objects back:
    a province whose releases are those objects, in the load's order, takes the last
    sort; one with a release new or read anew is sorted again."""
    from dataclasses import replace

    from generator.content import repository

    repo = load_repository(Layout(REPO_ROOT, CENTRAL))
    sorted_keys: list[str] = []
    chronological = repository._chronological

    def counted(release):  # type: ignore[no-untyped-def]
        sorted_keys.append(release.id)
        return chronological(release)

    monkeypatch.setattr(repository, "_chronological", counted)
    repository._sorted_before.clear()
    first = repo.by_province
    assert len(sorted_keys) == len(repo.releases)
    sorted_keys.clear()
    again = replace(repo, releases=list(repo.releases))  # a new load, the same objects
    assert again.by_province == first and sorted_keys == []
    edited = next(r for r in repo.releases if r.office.province == "81")
    anew = replace(edited, digest="0" * 64)
    other = replace(repo, releases=[anew if r is edited else r for r in repo.releases])
    assert {r.id for r in other.by_province["81"]} == {r.id for r in first["81"]}
    assert set(sorted_keys) == {r.id for r in first["81"]}  # Maluku's alone
    for province, releases in other.by_province.items():
        assert releases == sorted(releases, key=chronological, reverse=True), province
