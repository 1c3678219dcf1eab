"""`newsroom init central` / `newsroom init office`: a repository from nothing that
`check`, `build`, `new` and a real git sync accept, with a .gitignore that keeps what
the commands write out of git, and never a file overwritten."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import invoke, release_text
from tests.sitebuild import build_repo
from tests.sync.gitrepos import commit, git

NOW = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)
NOW_ARG = "--now=2026-11-24T10:30:00+08:00"
KUTIM = [
    "--id",
    "kutai-timur",
    "--name",
    "Diskominfo Staper Kabupaten Kutai Timur",
    "--level",
    "kabupaten",
    "--province",
    "64",
]


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_a_new_central_repository_checks_and_builds(tmp_path: Path) -> None:
    done = invoke(["init", "central", "pusat"], tmp_path)
    assert done.exit_code == 0, done.output
    central = tmp_path / "pusat"
    assert _files(central) == {
        "mkdocs.yml",
        "content/offices.yml",
        "content/national/curation.yml",
        "content/pages/tentang.md",
        ".gitignore",
    }
    checked = invoke(["check"], central)
    assert checked.exit_code == 0, checked.output
    out = build_repo(central, NOW, "http://127.0.0.1:8000/")
    assert (out / "nasional" / "index.html").is_file()
    assert (out / "nasional" / "404.html").is_file()
    assert (out / "nasional" / "tentang" / "index.html").is_file()
    assert (out / "desk" / "index.html").is_file()


def test_a_new_office_repository_takes_a_release_and_checks(tmp_path: Path) -> None:
    done = invoke(["init", "office", "kantor", *KUTIM], tmp_path)
    assert done.exit_code == 0, done.output
    office = tmp_path / "kantor"
    assert (office / "releases").is_dir() and (office / "assets").is_dir()
    assert _files(office) == {"office.yml", ".gitignore"}
    made = invoke(["new", "Rapat Koordinasi Humas", NOW_ARG], office)
    assert made.exit_code == 0, made.output
    assert (office / "releases" / "2026" / "rapat-koordinasi-humas.md").is_file()
    checked = invoke(["check"], office)
    assert checked.exit_code == 0, checked.output


def test_init_overwrites_nothing_and_says_which_file(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("mine\n", encoding="utf-8")
    refused = invoke(["init", "central"], tmp_path)
    assert refused.exit_code == 2
    assert ".gitignore sudah ada" in refused.output
    assert "Tidak ada berkas yang ditulis." in refused.output
    assert _files(tmp_path) == {".gitignore"}
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "mine\n"

    (tmp_path / "office.yml").write_text("id: lain\n", encoding="utf-8")
    refused = invoke(["init", "office", *KUTIM, "--lang", "en"], tmp_path)
    assert refused.exit_code == 2
    assert "office.yml already exists" in refused.output
    assert ".gitignore already exists" in refused.output
    assert "Nothing was written." in refused.output
    assert (tmp_path / "office.yml").read_text(encoding="utf-8") == "id: lain\n"


def test_init_office_refuses_values_check_would_refuse(tmp_path: Path) -> None:
    values = [*KUTIM[:-1], "99"]  # no such province
    refused = invoke(["init", "office", "kantor", *values, "--lang", "en"], tmp_path)
    assert refused.exit_code == 2
    assert "office.yml:4: province:" in refused.output and "'99'" in refused.output
    assert not (tmp_path / "kantor" / "office.yml").exists()
    # A name YAML would read as something else stays text.
    tricky = [*KUTIM[:3], "Kantor: #1 [uji]", *KUTIM[4:]]
    done = invoke(["init", "office", "aneh", *tricky], tmp_path)
    assert done.exit_code == 0, done.output
    assert invoke(["check"], tmp_path / "aneh").exit_code == 0


def test_an_inited_office_syncs_into_an_inited_central(tmp_path: Path) -> None:
    office, central = tmp_path / "kantor", tmp_path / "pusat"
    assert invoke(["init", "office", "kantor", *KUTIM], tmp_path).exit_code == 0
    assert invoke(["new", "Rapat Koordinasi Humas", NOW_ARG], office).exit_code == 0
    (office / "releases" / "2026" / "jalan-poros.md").write_text(
        release_text(title="Jalan Poros", status="published"), encoding="utf-8"
    )
    assert invoke(["build", NOW_ARG], office).exit_code == 0  # the writer's preview
    git(office, "init", "-q")
    commit(office, "rilis awal")
    assert git(office, "status", "--porcelain") == ""  # the preview's files are ignored
    assert "site/" not in git(office, "ls-files")

    assert invoke(["init", "central", "pusat"], tmp_path).exit_code == 0
    registry = central / "content" / "offices.yml"
    entry = (
        "- id: kutai-timur\n  name: Diskominfo Staper Kabupaten Kutai Timur\n"
        f'  level: kabupaten\n  province: "64"\n  source: {{git: "{office}", branch: main}}\n'
    )
    registry.write_text(registry.read_text().replace("[]\n", entry), encoding="utf-8")
    git(central, "init", "-q")
    commit(central, "registri")

    synced = invoke(["sync", NOW_ARG], central)
    assert synced.exit_code == 0, synced.output
    # Two new, nothing refused: the office's .gitignore is none of the sync's business.
    assert re.search(r"^kutai-timur +2 +0 +0 +0 +-$", synced.stdout, re.M), synced.output
    arrived = central / "content" / "releases" / "kutai-timur" / "2026"
    assert sorted(p.name for p in arrived.iterdir()) == [
        "jalan-poros.md",
        "rapat-koordinasi-humas.md",
    ]
    assert invoke(["check"], central).exit_code == 0
    out = build_repo(central, NOW, "http://127.0.0.1:8000/")
    assert (out / "kalimantan-timur" / "kutai-timur" / "2026" / "jalan-poros").is_dir()
    # What the sync and build wrote outside content/ is ignored; content/ (with the
    # sync's state) is what there is to commit.
    changed = git(central, "status", "--porcelain", "--untracked-files=all").splitlines()
    assert changed and all(line[3:].startswith("content/") for line in changed), changed
    assert any(line.endswith("content/sync/kutai-timur.json") for line in changed)
    assert (central / ".newsroom").is_dir() and (central / ".cache").is_dir()
