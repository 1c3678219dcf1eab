"""`newsroom curate` on a fixture repository: file contents checked, comments kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
