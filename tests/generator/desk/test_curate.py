"""`newsroom curate` on a fixture repository: file contents checked, comments kept."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.content.repository import CENTRAL, Layout, load_repository
from tests.conftest import FIXTURES, invoke, release_text
from tests.sync.gitrepos import central_repo, commit, office_repo, write

NOW = "2026-11-24T03:00:00Z"
CURATION = """# Kurasi nasional uji: komentar ini harus tetap ada.
featured:
  # Usulan Ambon, foto tersedia.
  - id: ambon/2026/festival-teluk-ambon
    pinned: true
    headline: Festival Teluk Ambon Tarik 20 Ribu Pengunjung
  - id: kutai-timur/2026/perbup-jam-layanan  # contoh baik
# komentar penutup
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    (root / "content/national/curation.yml").write_text(CURATION)
    return root


def curate(root: Path, *args: str) -> tuple[int, str]:
    result = invoke(["curate", *args], root)
    return result.exit_code, result.output


def text(root: Path) -> str:
    return (root / "content/national/curation.yml").read_text()


def test_add_pin_headline_and_note_keep_comments(repo: Path) -> None:
    code, out = curate(
        repo,
        "add",
        "kaltim/2026/raker-pranata-humas",
        "--pin",
        "--headline",
        'Kaltim "Satukan" 108 Prahum',
        "--note",
        "cek angka",
        "--now",
        NOW,
    )
    assert code == 0, out
    assert text(repo) == CURATION.replace(
        "# komentar penutup\n",
        "# komentar penutup\n",  # trailing comments stay where they were
    ).replace(
        "  - id: kutai-timur/2026/perbup-jam-layanan  # contoh baik\n",
        "  - id: kutai-timur/2026/perbup-jam-layanan  # contoh baik\n"
        "  - id: kaltim/2026/raker-pranata-humas\n"
        "    pinned: true\n"
        '    headline: "Kaltim \\"Satukan\\" 108 Prahum"\n'
        '    note: "cek angka"\n',
    )
    assert invoke(["check"], repo).exit_code == 0


def test_move_unpin_remove(repo: Path) -> None:
    assert (
        curate(
            repo,
            "move",
            "kutai-timur/2026/perbup-jam-layanan",
            "--before",
            "ambon/2026/festival-teluk-ambon",
        )[0]
        == 0
    )
    assert curate(repo, "unpin", "ambon/2026/festival-teluk-ambon")[0] == 0
    assert text(repo) == (
        "# Kurasi nasional uji: komentar ini harus tetap ada.\n"
        "featured:\n"
        "  - id: kutai-timur/2026/perbup-jam-layanan  # contoh baik\n"
        "  # Usulan Ambon, foto tersedia.\n"
        "  - id: ambon/2026/festival-teluk-ambon\n"
        "    headline: Festival Teluk Ambon Tarik 20 Ribu Pengunjung\n"
        "# komentar penutup\n"
    )
    assert curate(repo, "pin", "kutai-timur/2026/perbup-jam-layanan")[0] == 0
    assert curate(repo, "remove", "ambon/2026/festival-teluk-ambon")[0] == 0
    assert "ambon" not in text(repo) and "pinned: true" in text(repo)
    assert "# komentar penutup" in text(repo)


@pytest.mark.parametrize(
    ("release_id", "indonesian", "english"),
    [
        (
            "kutai-timur/2026/draf-pelatihan",
            "'kutai-timur/2026/draf-pelatihan' masih draf",
            "'kutai-timur/2026/draf-pelatihan' is a draft",
        ),
        (
            "kutai-timur/2026/embargo-anggaran",
            "masih diembargo sampai Rabu, 25 November 2026 09.00 WITA",
            "is under embargo until Rabu, 25 November 2026 09.00 WITA",
        ),
        (
            "kutai-timur/2026/rapat-dibatalkan",
            "sudah ditarik: Agenda dibatalkan karena jadwal bentrok",
            "was withdrawn: Agenda dibatalkan karena jadwal bentrok",
        ),
        ("tidak/2026/ada", "tidak ada rilis 'tidak/2026/ada'", "no release 'tidak/2026/ada'"),
        (
            "ambon/2026/festival-teluk-ambon",
            "sudah dikurasi; ubah judul atau catatannya dengan `newsroom curate edit`",
            "is already curated; change its headline or note with `newsroom curate edit`",
        ),
    ],
)
@pytest.mark.parametrize("lang", ["id", "en", None])
def test_refusals_are_clear_and_change_nothing(
    repo: Path, release_id: str, indonesian: str, english: str, lang: str | None
) -> None:
    chosen = ["--lang", lang] if lang else []
    code, out = curate(repo, "add", release_id, "--now", NOW, *chosen)
    prefix, reason = ("Error: ", english) if lang == "en" else ("Galat: ", indonesian)
    assert code == 1 and out.startswith(prefix) and reason in out, out
    assert text(repo) == CURATION


def test_list_and_inbox(repo: Path) -> None:
    (repo / "content/national/curation.yml").write_text("featured: []\n")
    code, out = curate(repo, "inbox", "--now", NOW)
    assert code == 0
    assert out.splitlines() == [
        "kutai-timur/2026/perbup-jam-layanan  Pemkab Kutai Timur Sosialisasikan Perbup Jam "
        "Layanan Publik  (Diskominfo Staper Kabupaten Kutai Timur; diusulkan; 1 hari lalu)"
    ]
    assert curate(repo, "inbox", "--now", NOW, "--lang", "en")[1].endswith(
        "; proposed; 1 day ago)\n"
    )
    curate(repo, "add", "kutai-timur/2026/perbup-jam-layanan", "--now", NOW)
    curate(repo, "add", "ambon/2026/festival-teluk-ambon", "--pin", "--now", NOW)
    assert curate(repo, "inbox", "--now", NOW)[1] == ""
    listed = curate(repo, "list", "--now", NOW)[1].splitlines()
    assert [line.split()[0:2] for line in listed] == [
        ["1*", "ambon/2026/festival-teluk-ambon"],
        ["2", "kutai-timur/2026/perbup-jam-layanan"],
    ]


# --- both list styles, key orders and comments ------------------------------------

COMPACT = """# Kurasi gaya rapat: daftar tanpa indentasi, `pinned` lebih dulu.
featured:
# Usulan Ambon.
- pinned: true  # sampai akhir pekan
  id: ambon/2026/festival-teluk-ambon
  headline: Festival Teluk Ambon Tarik 20 Ribu Pengunjung
- id: kutai-timur/2026/perbup-jam-layanan  # contoh baik
# komentar penutup
"""

AMBON, KUTIM, KALTIM = (
    "ambon/2026/festival-teluk-ambon",
    "kutai-timur/2026/perbup-jam-layanan",
    "kaltim/2026/raker-pranata-humas",
)
STEPS = [
    ("add", KALTIM, "--pin", "--now", NOW),
    ("unpin", AMBON),
    ("pin", KUTIM),
    ("move", KALTIM, "--before", AMBON),
    ("remove", AMBON),
]
AFTER_EACH = [  # (ids in file order, pinned ids) after each step
    ([AMBON, KUTIM, KALTIM], {AMBON, KALTIM}),
    ([AMBON, KUTIM, KALTIM], {KALTIM}),
    ([AMBON, KUTIM, KALTIM], {KALTIM, KUTIM}),
    ([KALTIM, AMBON, KUTIM], {KALTIM, KUTIM}),
    ([KALTIM, KUTIM], {KALTIM, KUTIM}),
]
FINAL = {
    "indented": """# Kurasi nasional uji: komentar ini harus tetap ada.
featured:
  - id: kaltim/2026/raker-pranata-humas
    pinned: true
  - id: kutai-timur/2026/perbup-jam-layanan  # contoh baik
    pinned: true
# komentar penutup
""",
    "compact": """# Kurasi gaya rapat: daftar tanpa indentasi, `pinned` lebih dulu.
featured:
- pinned: true
  id: kaltim/2026/raker-pranata-humas
- pinned: true
  id: kutai-timur/2026/perbup-jam-layanan  # contoh baik
# komentar penutup
""",
}


def curated(root: Path) -> tuple[list[str], set[str]]:
    repo = load_repository(Layout(root, CENTRAL))
    assert repo.curation is not None and repo.report.errors == []
    items = [item.entry for item in repo.curation.items]
    return [e.id for e in items], {e.id for e in items if e.pinned}


@pytest.mark.parametrize("style", ["indented", "compact"])
def test_edits_follow_the_files_own_style(repo: Path, style: str) -> None:
    (repo / "content/national/curation.yml").write_text(
        CURATION if style == "indented" else COMPACT
    )
    for step, expected in zip(STEPS, AFTER_EACH, strict=True):
        code, out = curate(repo, *step)
        assert code == 0, (step, out)
        assert curated(repo) == expected, step
        assert invoke(["check"], repo).exit_code == 0, text(repo)
    assert text(repo) == FINAL[style]


def test_compact_style_keeps_comments_and_key_order(repo: Path) -> None:
    (repo / "content/national/curation.yml").write_text(COMPACT)
    assert curate(repo, "add", KALTIM, "--pin", "--now", NOW)[0] == 0
    assert curate(repo, "unpin", AMBON)[0] == 0
    assert curate(repo, "pin", KUTIM)[0] == 0
    assert text(repo) == (
        "# Kurasi gaya rapat: daftar tanpa indentasi, `pinned` lebih dulu.\n"
        "featured:\n"
        "# Usulan Ambon.\n"
        "# sampai akhir pekan\n"  # the comment after `pinned: true` outlives it
        "- id: ambon/2026/festival-teluk-ambon\n"
        "  headline: Festival Teluk Ambon Tarik 20 Ribu Pengunjung\n"
        "- pinned: true\n"
        "  id: kutai-timur/2026/perbup-jam-layanan  # contoh baik\n"
        "- pinned: true\n"
        "  id: kaltim/2026/raker-pranata-humas\n"
        "# komentar penutup\n"
    )


def test_pin_keeps_a_comment_on_the_pinned_line(repo: Path) -> None:
    (repo / "content/national/curation.yml").write_text(
        "featured:\n  - id: ambon/2026/festival-teluk-ambon\n    pinned: false  # nanti\n"
    )
    assert curate(repo, "pin", AMBON)[0] == 0
    assert text(repo) == (
        "featured:\n  - id: ambon/2026/festival-teluk-ambon\n    pinned: true  # nanti\n"
    )


def test_move_before_itself_is_refused(repo: Path) -> None:
    code, out = curate(repo, "move", AMBON, "--before", AMBON)
    assert code == 1 and "ke depan dirinya sendiri" in out and "Traceback" not in out
    assert text(repo) == CURATION


def test_an_error_the_edit_would_add_names_no_line_of_an_unwritten_file(repo: Path) -> None:
    code, out = curate(repo, "add", KALTIM, "--headline", "J" * 201, "--now", NOW)
    assert code == 1 and "featured[3].headline: terlalu panjang" in out
    assert "curation.yml:" not in out  # no line of a text the editor never saw
    assert text(repo) == CURATION


def test_a_mistake_elsewhere_in_the_file_does_not_block_an_edit(repo: Path) -> None:
    broken = CURATION.replace(
        "# komentar penutup\n", "  - id: tidak/2026/ada\n# komentar penutup\n"
    )
    (repo / "content/national/curation.yml").write_text(broken)
    assert curate(repo, "pin", KUTIM) == (0, f"{KUTIM} disematkan\n")
    assert curate(repo, "remove", "tidak/2026/ada")[0] == 0  # and the command fixes it
    assert invoke(["check"], repo).exit_code == 0


def test_a_one_line_list_is_refused_not_broken(repo: Path) -> None:
    one_line = f"featured: [{{id: {AMBON}}}]\n"
    (repo / "content/national/curation.yml").write_text(one_line)
    code, out = curate(repo, "add", KALTIM, "--now", NOW)
    assert code == 1 and "tulis satu butir per baris" in out
    assert text(repo) == one_line


def test_unreadable_file_is_refused_with_its_own_line(repo: Path) -> None:
    broken = "featured:\n  - id: ambon/2026/festival-teluk-ambon\n  pinned: true\n"
    (repo / "content/national/curation.yml").write_text(broken)
    code, out = curate(repo, "add", KALTIM, "--now", NOW)
    assert code == 1 and "Galat: content/national/curation.yml:3: file: YAML" in out
    assert "tidak ada yang diubah" in out and str(repo) not in out
    assert text(repo) == broken


# --- decline: the inbox forgets what the desk decided against ---------------------


def test_decline_keeps_a_release_out_of_the_inbox(repo: Path) -> None:
    (repo / "content/national/curation.yml").write_text(
        "# Kurasi.\nfeatured:\n  - id: ambon/2026/festival-teluk-ambon\n# penutup\n"
    )
    assert curate(repo, "inbox", "--now", NOW)[1].startswith(KUTIM)
    code, out = curate(repo, "decline", KUTIM, "--note", "sudah diliput", "--now", NOW)
    assert (code, out) == (0, f"{KUTIM} tidak dipilih untuk situs nasional\n")
    assert text(repo) == (
        "# Kurasi.\nfeatured:\n  - id: ambon/2026/festival-teluk-ambon\n"
        "# Diputuskan tidak ditampilkan di situs nasional; tidak muncul lagi di kotak masuk.\n"
        "declined:\n"
        "  - id: kutai-timur/2026/perbup-jam-layanan\n"
        "    date: 2026-11-24T03:00:00Z\n"
        '    note: "sudah diliput"\n'
        "# penutup\n"
    )
    assert curate(repo, "inbox", "--now", NOW) == (0, "")
    checked = invoke(["check", "--format", "json"], repo)
    assert checked.exit_code == 0 and '"warnings": 0' in checked.output
    repository = load_repository(Layout(repo, CENTRAL))
    assert repository.curation is not None and repository.curation.declined_ids() == {KUTIM}


@pytest.mark.parametrize(
    ("release_id", "reason"),
    [
        ("tidak/2026/ada", "no release"),
        (AMBON, "is curated"),
        (KALTIM, "already declined"),
    ],
)
def test_decline_refusals(repo: Path, release_id: str, reason: str) -> None:
    assert curate(repo, "decline", KALTIM, "--now", NOW)[0] == 0
    before = text(repo)
    code, out = curate(repo, "decline", release_id, "--now", NOW, "--lang", "en")
    assert code == 1 and reason in out
    assert text(repo) == before


def test_adding_a_declined_release_takes_it_off_the_declined_list(repo: Path) -> None:
    (repo / "content/national/curation.yml").write_text("featured: []\n")
    assert curate(repo, "decline", KUTIM, "--now", NOW)[0] == 0
    assert curate(repo, "add", KUTIM, "--now", NOW)[0] == 0
    assert curated(repo) == ([KUTIM], set())
    assert "declined: []" in text(repo)
    assert invoke(["check"], repo).exit_code == 0


# --- central releases in the curation: a warning only where it changes nothing -----


@pytest.mark.parametrize(("syndication", "warned"), [("all", True), ("curated", False)])
def test_curating_a_central_release_warns_only_with_syndication_all(
    repo: Path, syndication: str, warned: bool
) -> None:
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text() + f"      syndication: {syndication}\n")
    assert curate(repo, "add", "komdigi/2026/literasi-digital-desa", "--now", NOW)[0] == 0
    checked = invoke(["check", "--format", "json", "--lang", "en"], repo)
    codes = [p["code"] for p in json.loads(checked.output)["problems"]]
    assert checked.exit_code == 0
    assert ("curation_central" in codes) is warned


@pytest.mark.parametrize(
    "start", ["", "# Belum ada kurasi.\n", "# Hanya yang ditolak.\ndeclined: []\n"]
)
def test_add_to_a_file_without_featured(repo: Path, start: str) -> None:
    (repo / "content/national/curation.yml").write_text(start)
    assert curate(repo, "add", KALTIM, "--now", NOW)[0] == 0
    assert curated(repo) == ([KALTIM], set())
    assert f"featured:\n  - id: {KALTIM}\n" in text(repo)
    assert start in text(repo) if start else text(repo).startswith("# Kurasi desk nasional")


# --- the inbox keeps what arrived until the desk decides (real sync runs) -------------

SYNC_1, SYNC_2, SYNC_3 = "2026-11-24T01:00:00Z", "2026-11-24T02:00:00Z", "2026-11-24T02:30:00Z"
RAPAT, JALAN, PASAR = (
    "kutai-timur/2026/rapat-koordinasi",
    "kutai-timur/2026/jalan-baru",
    "ambon/2026/pasar-murah",
)


def inbox_ids(root: Path, now: str = NOW) -> list[str]:
    code, out = curate(root, "inbox", "--now", now)
    assert code == 0, out
    return sorted(line.split()[0] for line in out.splitlines())  # nothing here is proposed


@pytest.mark.parametrize("later", ["another office, nothing new", "the same office, more"])
def test_undecided_arrivals_stay_in_the_inbox_after_later_syncs(tmp_path: Path, later: str) -> None:
    kutim = office_repo(
        tmp_path / "kutim",
        "kutai-timur",
        {"releases/2026/rapat-koordinasi.md": release_text(title="Rapat Koordinasi Humas")},
    )
    ambon = office_repo(
        tmp_path / "ambon",
        "ambon",
        {"releases/2026/pasar-murah.md": release_text(title="Pasar Murah")},
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(kutim), "ambon": str(ambon)})
    assert invoke(["sync", "--now", SYNC_1], central).exit_code == 0
    assert inbox_ids(central) == [PASAR, RAPAT]

    if later == "another office, nothing new":
        assert invoke(["sync", "--office", "ambon", "--now", SYNC_2], central).exit_code == 0
        expected = [PASAR, RAPAT]
    else:
        write(kutim, {"releases/2026/jalan-baru.md": release_text(title="Jalan Baru")})
        commit(kutim, "rilis baru")
        assert invoke(["sync", "--office", "kutai-timur", "--now", SYNC_2], central).exit_code == 0
        expected = [PASAR, JALAN, RAPAT]
    assert invoke(["sync", "--now", SYNC_3], central).exit_code == 0  # nothing new anywhere
    assert inbox_ids(central) == expected

    # Decided releases leave it; the others stay until decided, or for a week.
    assert curate(central, "decline", RAPAT, "--now", NOW)[0] == 0
    assert curate(central, "add", PASAR, "--now", NOW)[0] == 0
    assert inbox_ids(central) == [i for i in expected if i not in (RAPAT, PASAR)]
    assert curate(central, "remove", PASAR)[0] == 0  # undecided again
    assert PASAR in inbox_ids(central, "2026-11-30T23:00:00Z")
    assert inbox_ids(central, "2026-12-01T03:00:00Z") == []  # arrived over a week before


# --- comments that head a part of the list stay where they are -----------------------

SECTIONED = """# Kurasi nasional.
featured:
  # --- Sorotan pekan ini ---

  # Usulan Ambon, foto tersedia.
  - id: ambon/2026/festival-teluk-ambon
    pinned: true

  # --- Daerah lain ---

  - id: kutai-timur/2026/perbup-jam-layanan
  - id: kaltim/2026/raker-pranata-humas
# penutup
"""


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (
            ("move", KALTIM, "--before", AMBON),
            """# Kurasi nasional.
featured:
  # --- Sorotan pekan ini ---

  - id: kaltim/2026/raker-pranata-humas
  # Usulan Ambon, foto tersedia.
  - id: ambon/2026/festival-teluk-ambon
    pinned: true

  # --- Daerah lain ---

  - id: kutai-timur/2026/perbup-jam-layanan
# penutup
""",
        ),
        (
            ("move", AMBON, "--before", KALTIM),
            """# Kurasi nasional.
featured:
  # --- Sorotan pekan ini ---

  # --- Daerah lain ---

  - id: kutai-timur/2026/perbup-jam-layanan
  # Usulan Ambon, foto tersedia.
  - id: ambon/2026/festival-teluk-ambon
    pinned: true
  - id: kaltim/2026/raker-pranata-humas
# penutup
""",
        ),
        (
            ("remove", KUTIM),
            """# Kurasi nasional.
featured:
  # --- Sorotan pekan ini ---

  # Usulan Ambon, foto tersedia.
  - id: ambon/2026/festival-teluk-ambon
    pinned: true

  # --- Daerah lain ---

  - id: kaltim/2026/raker-pranata-humas
# penutup
""",
        ),
        (
            ("remove", AMBON),
            """# Kurasi nasional.
featured:
  # --- Sorotan pekan ini ---

  # --- Daerah lain ---

  - id: kutai-timur/2026/perbup-jam-layanan
  - id: kaltim/2026/raker-pranata-humas
# penutup
""",
        ),
    ],
)
def test_section_headings_stay_where_they_are(
    repo: Path, step: tuple[str, ...], expected: str
) -> None:
    (repo / "content/national/curation.yml").write_text(SECTIONED)
    code, out = curate(repo, *step)
    assert code == 0, out
    assert text(repo) == expected
    assert invoke(["check"], repo).exit_code == 0


def test_a_heading_above_the_last_entry_outlives_it(repo: Path) -> None:
    (repo / "content/national/curation.yml").write_text(
        f"featured:\n  - id: {AMBON}\n\n  # --- Arsip ---\n\n  - id: {KUTIM}\n"
    )
    assert curate(repo, "remove", KUTIM)[0] == 0
    assert text(repo) == f"featured:\n  - id: {AMBON}\n\n  # --- Arsip ---\n"


# --- what the YAML loader accepts, curate accepts; line ends are kept -----------------


@pytest.mark.parametrize(
    ("written", "after_pin"),
    [
        (
            f"---\nfeatured:\n  - id: {AMBON}\n",
            f"---\nfeatured:\n  - id: {AMBON}\n    pinned: true\n",
        ),
        (
            f"%YAML 1.1\n--- # kurasi\nfeatured:\n  - id: {AMBON}\n...\n",
            f"%YAML 1.1\n--- # kurasi\nfeatured:\n  - id: {AMBON}\n    pinned: true\n...\n",
        ),
        (
            f"\ufefffeatured:\n  - id: {AMBON}\n",
            f"\ufefffeatured:\n  - id: {AMBON}\n    pinned: true\n",
        ),
        (
            f"featured:\n  - id:\t{AMBON}\n    headline:\tFestival\n",
            f"featured:\n  - id:\t{AMBON}\n    pinned: true\n    headline:\tFestival\n",
        ),
        (
            f"# kurasi\r\nfeatured:\r\n  - id: {AMBON}\r\n",
            f"# kurasi\r\nfeatured:\r\n  - id: {AMBON}\r\n    pinned: true\r\n",
        ),
    ],
    ids=["document-start", "directive-and-end", "bom", "tabs", "crlf"],
)
def test_files_check_accepts_are_edited_in_their_own_form(
    repo: Path, written: str, after_pin: str
) -> None:
    path = repo / "content/national/curation.yml"
    path.write_bytes(written.encode("utf-8"))
    assert invoke(["check"], repo).exit_code == 0
    code, out = curate(repo, "pin", AMBON)
    assert code == 0, out
    assert path.read_bytes() == after_pin.encode("utf-8")
    assert curate(repo, "add", KALTIM, "--now", NOW)[0] == 0
    assert curate(repo, "remove", AMBON)[0] == 0
    assert invoke(["check"], repo).exit_code == 0
    data = path.read_bytes()
    assert data.count(b"\r\n") == (data.count(b"\n") if b"\r\n" in written.encode() else 0)
    assert data.startswith(written.encode("utf-8")[:3]) and curated(repo) == ([KALTIM], set())


def test_a_new_featured_list_goes_below_the_document_start(repo: Path) -> None:
    (repo / "content/national/curation.yml").write_text("---\n# Ditolak.\ndeclined: []\n")
    assert curate(repo, "add", KALTIM, "--now", NOW)[0] == 0
    assert text(repo) == f"---\nfeatured:\n  - id: {KALTIM}\n# Ditolak.\ndeclined: []\n"
    assert invoke(["check"], repo).exit_code == 0


# --- editors working at once never lose an edit ---------------------------------------

NEWSROOM = str(Path(sys.executable).parent / "newsroom")


def more_releases(root: Path, count: int) -> list[str]:
    for number in range(count):
        path = root / f"content/releases/kaltim/2026/rilis-{number}.md"
        path.write_text(release_text(title=f"Rilis {number}", date="2026-11-20 10:00"))
    return [f"kaltim/2026/rilis-{number}" for number in range(count)]


def test_parallel_curate_commands_keep_every_edit(repo: Path) -> None:
    ids = more_releases(repo, 6)
    commands = [
        subprocess.Popen(
            [NEWSROOM, "curate", "add", ident, "--now", NOW],
            cwd=repo,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for ident in ids
    ]
    outputs = [command.communicate()[0].decode() for command in commands]
    assert [command.returncode for command in commands] == [0] * 6, outputs
    order = curated(repo)[0]
    assert order[:2] == [AMBON, KUTIM] and sorted(order[2:]) == ids
    assert "# komentar penutup" in text(repo)


def test_a_command_waits_for_the_lock_and_then_reads_the_other_edit(repo: Path) -> None:
    import fcntl

    lock = repo / ".newsroom/curation.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # another editor's command, mid-edit
        waiting = subprocess.Popen(
            [NEWSROOM, "curate", "add", KALTIM, "--now", NOW],
            cwd=repo,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 3
        while waiting.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        still_waiting = waiting.poll() is None
        other = CURATION.replace(
            "# komentar penutup\n", "  - id: komdigi/2026/hoaks-bansos-pulsa\n"
        )
        (repo / "content/national/curation.yml").write_text(other)
    output = waiting.communicate(timeout=60)[0].decode()
    assert still_waiting, output
    assert waiting.returncode == 0, output
    assert curated(repo)[0] == [AMBON, KUTIM, "komdigi/2026/hoaks-bansos-pulsa", KALTIM]


# --- a release whose file is broken is named with its error, never "no release" ------

BROKEN = "kaltim/2026/rusak"


def break_a_release(root: Path) -> None:
    path = root / f"content/releases/{BROKEN}.md"
    path.write_text(release_text(title="Rilis Rusak", category="opini"))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "id",
            "Galat: rilis 'kaltim/2026/rusak' tidak dapat dipakai karena berkasnya bermasalah: "
            "content/releases/kaltim/2026/rusak.md:4: category: bukan pilihan yang sah "
            "(tertulis 'opini'); pilih salah satu: ",
        ),
        (
            "en",
            "Error: release 'kaltim/2026/rusak' cannot be used, its file has an error: "
            "content/releases/kaltim/2026/rusak.md:4: category: is not one of the allowed values "
            "(got 'opini'); choose one of: ",
        ),
    ],
)
def test_adding_a_release_whose_file_is_broken_names_the_file_and_error(
    repo: Path, lang: str, expected: str
) -> None:
    break_a_release(repo)
    code, out = curate(repo, "add", BROKEN, "--now", NOW, "--lang", lang)
    assert code == 1 and out.startswith(expected), out
    assert str(repo) not in out and text(repo) == CURATION


def test_a_curated_release_whose_file_breaks_is_listed_as_not_shown(repo: Path) -> None:
    assert curate(repo, "add", KALTIM, "--now", NOW)[0] == 0
    path = repo / f"content/releases/{KALTIM}.md"
    path.write_text(path.read_text().replace("category: ", "category: opini\nx: "))
    (repo / "content/national/curation.yml").write_text(
        text(repo)
        + "  - id: kutai-timur/2026/rapat-dibatalkan\n  - id: tidak/2026/ada\n"
        + "  - id: kaltim/2026/tidak-ada-juga\n"
    )
    code, out = curate(repo, "list", "--now", NOW)
    assert code == 0, out
    lines = out.splitlines()
    assert lines[:2] == [
        f"  1* {AMBON}  Festival Teluk Ambon Tarik 20 Ribu Pengunjung",
        f"  2  {KUTIM}  Pemkab Kutai Timur Sosialisasikan Perbup Jam Layanan Publik",
    ]
    assert lines[2] == "Dikurasi, tetapi tidak tampil:"
    assert lines[3].startswith(
        f"    - {KALTIM}  (berkasnya bermasalah: content/releases/{KALTIM}.md:"
    )
    assert lines[4] == (
        "    - kutai-timur/2026/rapat-dibatalkan  Rapat Koordinasi Banjir Dibatalkan  "
        "(ditarik: Agenda dibatalkan karena jadwal bentrok dengan kunjungan gubernur.)"
    )
    assert lines[5:] == [
        "    - tidak/2026/ada  (tidak ada rilis dengan id ini)",
        "    - kaltim/2026/tidak-ada-juga  (tidak ada rilis dengan id ini)",
    ]
    english = curate(repo, "list", "--now", NOW, "--lang", "en")[1].splitlines()
    assert english[2] == "Curated, but not shown:" and "(withdrawn: Agenda" in english[4]


def test_an_embargoed_curated_release_is_not_shown_until_it_lifts(repo: Path) -> None:
    embargoed = "kutai-timur/2026/embargo-anggaran"
    (repo / "content/national/curation.yml").write_text(f"featured:\n  - id: {embargoed}\n")
    out = curate(repo, "list", "--now", NOW)[1]
    assert out.splitlines() == [
        "Dikurasi, tetapi tidak tampil:",
        f"    - {embargoed}  Rancangan APBD 2027 Disampaikan ke DPRD  "
        "(embargo sampai Rabu, 25 November 2026 09.00 WITA)",
    ]
    after = curate(repo, "list", "--now", "2026-11-25T01:00:00Z")[1]
    assert after == f"  1  {embargoed}  Rancangan APBD 2027 Disampaikan ke DPRD\n"


# --- smaller things an editor on deadline trips over ----------------------------------


@pytest.mark.parametrize(
    ("release_id", "said"),
    [
        (
            "kutai-timur/2026/draf-pelatihan",
            "catatan: kutai-timur/2026/draf-pelatihan masih draf; keputusan ini tetap berlaku "
            "setelah rilis terbit",
        ),
        (
            "kutai-timur/2026/embargo-anggaran",
            "catatan: kutai-timur/2026/embargo-anggaran diembargo sampai Rabu, 25 November 2026 "
            "09.00 WITA; keputusan ini tetap berlaku setelah embargo berakhir",
        ),
        (
            "kutai-timur/2026/rapat-dibatalkan",
            "catatan: kutai-timur/2026/rapat-dibatalkan sudah ditarik (Agenda dibatalkan karena "
            "jadwal bentrok dengan kunjungan gubernur.), jadi memang tidak akan tampil",
        ),
    ],
)
def test_declining_what_is_not_public_says_what_it_means(
    repo: Path, release_id: str, said: str
) -> None:
    code, out = curate(repo, "decline", release_id, "--now", NOW)
    assert code == 0
    assert out.splitlines() == [f"{release_id} tidak dipilih untuk situs nasional", said]
    repository = load_repository(Layout(repo, CENTRAL))
    assert repository.curation is not None and release_id in repository.curation.declined_ids()


@pytest.mark.parametrize(
    "typed",
    [
        f"{KALTIM}/",
        f" {KALTIM} ",
        f"https://berita.example.go.id/kalimantan-timur/{KALTIM}/",
        f"https://berita.example.go.id/nasional/{KALTIM}/index.html",
        f"http://127.0.0.1:8000/kalimantan-timur/{KALTIM}",
        f"/kalimantan-timur/{KALTIM}/",
    ],
)
def test_an_id_copied_from_a_url_is_recognised(repo: Path, typed: str) -> None:
    code, out = curate(repo, "add", typed, "--now", NOW)
    assert (code, out) == (0, f"{KALTIM} ditambahkan ke kurasi nasional\n")
    assert curate(repo, "move", typed, "--before", f"{AMBON}/")[0] == 0
    assert curated(repo)[0] == [KALTIM, AMBON, KUTIM]
    assert curate(repo, "remove", typed)[0] == 0


def test_a_url_to_something_else_is_refused_by_name(repo: Path) -> None:
    code, out = curate(repo, "add", "https://berita.example.go.id/nasional/tentang/", "--now", NOW)
    assert code == 1 and "tidak ada rilis 'https://berita.example.go.id/nasional/tentang/'" in out


def test_edit_changes_the_headline_and_note_of_a_curated_entry(repo: Path) -> None:
    code, out = curate(repo, "edit", AMBON, "--headline", "Ambon Berpesta", "--note", "cek foto")
    assert (code, out) == (0, f"{AMBON} diperbarui\n")
    assert text(repo) == CURATION.replace(
        "    headline: Festival Teluk Ambon Tarik 20 Ribu Pengunjung\n",
        '    headline: "Ambon Berpesta"\n    note: "cek foto"\n',
    )
    assert curate(repo, "edit", AMBON, "--headline", "")[0] == 0  # empty: back to the title
    assert "headline" not in text(repo) and 'note: "cek foto"' in text(repo)
    code, out = curate(repo, "edit", KUTIM, "--note", "")
    assert code == 0 and text(repo).count("note:") == 1
    assert invoke(["check"], repo).exit_code == 0


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ((KALTIM, "--headline", "Baru"), "tidak ada di kurasi"),
        ((AMBON,), "tidak ada yang diubah"),
        ((AMBON, "--headline", "J" * 201), "headline: terlalu panjang"),
    ],
)
def test_edit_refusals(repo: Path, args: tuple[str, ...], reason: str) -> None:
    code, out = curate(repo, "edit", *args)
    assert code == 1 and reason in out, out
    assert text(repo) == CURATION


@pytest.mark.parametrize(
    ("args", "indonesian", "english"),
    [
        (
            ("add", KALTIM, "--now", NOW),
            f"{KALTIM} ditambahkan ke kurasi nasional",
            f"added {KALTIM}",
        ),
        (("pin", KUTIM), f"{KUTIM} disematkan", f"pinned {KUTIM}"),
        (("unpin", AMBON), f"{AMBON} tidak lagi disematkan", f"unpinned {AMBON}"),
        (
            ("move", KUTIM, "--before", AMBON),
            f"{KUTIM} dipindah ke depan {AMBON}",
            f"moved {KUTIM} before {AMBON}",
        ),
        (("remove", AMBON), f"{AMBON} dihapus dari kurasi nasional", f"removed {AMBON}"),
        (
            ("decline", KALTIM, "--now", NOW),
            f"{KALTIM} tidak dipilih untuk situs nasional",
            f"declined {KALTIM}",
        ),
    ],
)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_curate_speaks_the_chosen_language(
    repo: Path, args: tuple[str, ...], indonesian: str, english: str, lang: str
) -> None:
    code, out = curate(repo, *args, "--lang", lang)
    assert (code, out) == (0, (english if lang == "en" else indonesian) + "\n")
