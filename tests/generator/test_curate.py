"""`newsroom curate` on a fixture repository: file contents checked, comments kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.repository import CENTRAL, Layout, load_repository
from tests.conftest import FIXTURES, invoke

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
    ("release_id", "reason"),
    [
        ("kutai-timur/2026/draf-pelatihan", "is a draft"),
        ("kutai-timur/2026/embargo-anggaran", "under embargo until"),
        ("kutai-timur/2026/rapat-dibatalkan", "was withdrawn"),
        ("tidak/2026/ada", "no release"),
        ("ambon/2026/festival-teluk-ambon", "already curated"),
    ],
)
def test_refusals_are_clear_and_change_nothing(repo: Path, release_id: str, reason: str) -> None:
    code, out = curate(repo, "add", release_id, "--now", NOW)
    assert code == 1 and reason in out
    assert text(repo) == CURATION


def test_list_and_inbox(repo: Path) -> None:
    (repo / "content/national/curation.yml").write_text("featured: []\n")
    code, out = curate(repo, "inbox", "--now", NOW)
    assert code == 0
    assert out.splitlines() == [
        "kutai-timur/2026/perbup-jam-layanan  Pemkab Kutai Timur Sosialisasikan Perbup Jam "
        "Layanan Publik  (Diskominfo Staper Kabupaten Kutai Timur; proposed)"
    ]
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
    assert code == 1 and "before itself" in out and "Traceback" not in out
    assert text(repo) == CURATION


def test_an_error_the_edit_would_add_names_no_line_of_an_unwritten_file(repo: Path) -> None:
    code, out = curate(repo, "add", KALTIM, "--headline", "J" * 201, "--now", NOW)
    assert code == 1 and "headline" in out and "too long" in out
    assert "curation.yml:" not in out  # no line of a text the editor never saw
    assert text(repo) == CURATION


def test_a_mistake_elsewhere_in_the_file_does_not_block_an_edit(repo: Path) -> None:
    broken = CURATION.replace(
        "# komentar penutup\n", "  - id: tidak/2026/ada\n# komentar penutup\n"
    )
    (repo / "content/national/curation.yml").write_text(broken)
    assert curate(repo, "pin", KUTIM) == (0, f"pinned {KUTIM}\n")
    assert curate(repo, "remove", "tidak/2026/ada")[0] == 0  # and the command fixes it
    assert invoke(["check"], repo).exit_code == 0


def test_a_one_line_list_is_refused_not_broken(repo: Path) -> None:
    one_line = f"featured: [{{id: {AMBON}}}]\n"
    (repo / "content/national/curation.yml").write_text(one_line)
    code, out = curate(repo, "add", KALTIM, "--now", NOW)
    assert code == 1 and "one entry per line" in out
    assert text(repo) == one_line


def test_unreadable_file_is_refused_with_its_own_line(repo: Path) -> None:
    broken = "featured:\n  - id: ambon/2026/festival-teluk-ambon\n  pinned: true\n"
    (repo / "content/national/curation.yml").write_text(broken)
    code, out = curate(repo, "add", KALTIM, "--now", NOW)
    assert code == 1 and "curation.yml:3:" in out and "nothing was changed" in out
    assert text(repo) == broken


# --- decline: the inbox forgets what the desk decided against ---------------------


def test_decline_keeps_a_release_out_of_the_inbox(repo: Path) -> None:
    (repo / "content/national/curation.yml").write_text(
        "# Kurasi.\nfeatured:\n  - id: ambon/2026/festival-teluk-ambon\n# penutup\n"
    )
    assert curate(repo, "inbox", "--now", NOW)[1].startswith(KUTIM)
    code, out = curate(repo, "decline", KUTIM, "--note", "sudah diliput", "--now", NOW)
    assert (code, out) == (0, f"declined {KUTIM}\n")
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
    code, out = curate(repo, "decline", release_id, "--now", NOW)
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
