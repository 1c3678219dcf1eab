"""`newsroom new`: a valid draft, dated now in the office's zone, with an ASCII slug."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from generator.content import placeholders
from generator.content.repository import OFFICE, Layout, load_repository
from tests.conftest import REPO_ROOT, invoke


def new(cwd: Path, *args: str) -> tuple[int, str, str]:
    result = invoke(["new", *args], cwd)
    return result.exit_code, result.stdout, result.stderr


def test_new_release_in_an_office_repo_is_valid(office_repo: Callable[..., Path]) -> None:
    root = office_repo()
    # 23:30 UTC on 31 Dec 2026 is already 1 Jan 2027, 07:30 in Kutai Timur (WITA).
    code, out, err = new(
        root, "Rapat Koordinasi Pranata Humas se-Kaltim", "--now", "2026-12-31T23:30:00Z"
    )
    assert code == 0, err
    path = root / out.strip()
    assert path == root / "releases/2027/rapat-koordinasi-pranata-humas-se-kaltim.md"
    text = path.read_text()
    assert "date: 2027-01-01 07:30\n" in text and "category: siaran-pers\n" in text
    repo = load_repository(Layout(root, OFFICE))
    # A draft: the template paragraph is only a reminder, not yet an error.
    assert [(p.code, p.severity.value) for p in repo.report.problems] == [
        ("placeholder_draft", "warning")
    ]
    (release,) = repo.releases
    assert release.meta.status == "draft"
    assert release.meta.title == "Rapat Koordinasi Pranata Humas se-Kaltim"


def test_title_that_looks_like_yaml_stays_text(office_repo: Callable[..., Path]) -> None:
    root = office_repo()
    title = 'Klarifikasi: "Hoaks" #vaksin & [BANSOS] — benarkah?'
    code, _, _ = new(root, title, "--category", "klarifikasi", "--now", "2026-05-02T01:00:00Z")
    assert code == 0
    repo = load_repository(Layout(root, OFFICE))
    assert repo.report.errors == []
    (release,) = repo.releases
    assert release.meta.title == title
    assert release.meta.claim is not None
    assert release.slug == "klarifikasi-hoaks-vaksin-bansos-benarkah"


def test_taken_slug_gets_a_number(office_repo: Callable[..., Path]) -> None:
    root = office_repo()
    outputs = [new(root, "Rapat", "--now", "2026-05-02T01:00:00Z")[1].strip() for _ in range(3)]
    assert outputs == [
        "releases/2026/rapat.md",
        "releases/2026/rapat-2.md",
        "releases/2026/rapat-3.md",
    ]


def test_non_latin_title_still_gets_a_slug(office_repo: Callable[..., Path]) -> None:
    root = office_repo()
    code, out, _ = new(root, "ꦲꦏ꧀ꦱꦫꦗꦮ", "--now", "2026-05-02T01:00:00Z")
    assert code == 0 and out.strip() == "releases/2026/rilis.md"


def test_central_repo_needs_the_office(sample_copy: Path) -> None:
    code, _, err = new(sample_copy, "Judul")
    assert code == 2 and "--office" in err
    code, out, _ = new(sample_copy, "Judul", "--office", "ambon", "--now", "2026-05-02T01:00:00Z")
    assert code == 0
    assert out.strip() == "content/releases/ambon/2026/judul.md"
    text = (sample_copy / out.strip()).read_text()
    assert "date: 2026-05-02 10:00\n" in text  # WIT


def test_bad_title_and_bad_now_are_usage_errors(office_repo: Callable[..., Path]) -> None:
    root = office_repo()
    assert new(root, "Baris\nkedua")[0] == 2
    assert new(root, "Judul", "--now", "2026-05-02 10:00")[0] == 2  # no offset: refused
    assert not (root / "releases").exists()


def test_a_blank_title_is_refused_with_a_fix_that_fits(office_repo: Callable[..., Path]) -> None:
    root = office_repo()
    code, _, err = new(root, "   ")
    assert code == 2
    assert "judul: judul rilis kosong; tulis judulnya di antara tanda kutip" in err
    assert "hapus barisnya" not in err  # a title on the command line has no line to remove
    assert not (root / "releases").exists()


def test_new_help_is_in_one_language_with_an_indonesian_example(
    office_repo: Callable[..., Path],
) -> None:
    code, out, _ = new(office_repo(), "--help")
    assert code == 0
    assert "Category of the release." in out and "Kategori" not in out
    example = [line for line in out.splitlines() if 'newsroom new "' in line]
    assert example, out
    rest = "\n".join(line for line in out.splitlines() if line not in example)
    assert not re.search(r"\b(rilis|kantor|judul|kategori|ganti)\b", rest, re.I), rest


def test_the_new_draft_says_how_to_publish_it(office_repo: Callable[..., Path]) -> None:
    _, _, err = new(office_repo(), "Rapat", "--now", "2026-05-02T01:00:00Z")
    # Writing "published" in place of "status: draft" would leave a line YAML cannot use.
    assert "ubah `status: draft` menjadi `status: published`" in err


def test_outside_a_repo(tmp_path: Path) -> None:
    code, _, err = new(tmp_path, "Judul")
    assert code == 2 and "office.yml" in err
    assert REPO_ROOT.exists()


def test_an_invalid_office_yml_is_named_with_every_problem(
    office_repo: Callable[..., Path],
) -> None:
    root = office_repo(office_yml="id: Kutim\nname: Diskominfo Kutim\nlevel: kabupaten\n")
    code, _, err = new(root, "Judul", "--now", "2026-05-02T01:00:00Z")
    assert code == 2
    assert "office.yml:1: id: bukan id yang sah" in err and "(tertulis 'Kutim')" in err
    assert "office.yml:1: province: kantor daerah wajib menyebut provinsinya" in err
    assert "--office" not in err  # not the central repository's question
    assert not (root / "releases").exists()


def test_a_produk_hukum_release_starts_with_regulation_to_fill_in(
    office_repo: Callable[..., Path],
) -> None:
    root = office_repo()
    now = "2026-12-03T02:00:00Z"  # 10.00 WITA
    code, out, err = new(root, "Perbup Jam Layanan Publik", "-c", "produk-hukum", "--now", now)
    assert code == 0, err
    path = root / out.strip()
    text = path.read_text()
    assert "regulation:\n  type: Perbup  #" in text  # a regency's usual kind
    # A draft: its samples are reminders; published as they are, they are errors.
    check = invoke(["check", "--now", now], root)
    assert check.exit_code == 0, check.output
    samples = ("regulation.number", "regulation.about", "body")
    for field in samples:
        assert f"peringatan: {field}: masih berisi teks contoh" in check.output, check.output
    published = text.replace("status: draft", "status: published")
    path.write_text(published)
    check = invoke(["check", "--now", now], root)
    assert check.exit_code == 1
    for field in samples:
        assert f"{field}: masih berisi teks contoh dari `newsroom new`, padahal" in check.output
    # Filled in, the optional lines taken up: `newsroom check` has nothing to say.
    filled = (
        published.replace(placeholders.REGULATION_NUMBER, "12")
        .replace(placeholders.REGULATION_ABOUT, "Jam Layanan Publik")
        .replace(placeholders.BODY, "SANGATTA — Pemkab Kutai Timur menetapkan jam layanan.")
        .replace("  # enacted:", "  enacted:")
        .replace("  # document:", "  document:")
        .replace("# attachments:", "attachments:")
    )
    path.write_text(filled)
    (root / "assets").mkdir()
    (root / "assets/naskah.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    check = invoke(["check", "--now", now], root)
    assert check.exit_code == 0 and "0 kesalahan, 0 peringatan" in check.output, check.output
    (release,) = load_repository(Layout(root, OFFICE)).releases
    regulation = release.meta.regulation
    assert regulation is not None
    assert (regulation.type, regulation.number, regulation.year) == ("Perbup", "12", 2026)
    assert regulation.about == "Jam Layanan Publik"
    assert regulation.document == "assets/naskah.pdf"
    assert regulation.enacted is not None and regulation.enacted.date().isoformat() == "2026-12-03"


def test_another_category_gets_no_regulation(office_repo: Callable[..., Path]) -> None:
    root = office_repo()
    code, out, _ = new(root, "Rapat", "-c", "agenda", "--now", "2026-12-03T02:00:00Z")
    assert code == 0 and "regulation" not in (root / out.strip()).read_text()
