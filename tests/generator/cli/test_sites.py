"""`newsroom sites` and `newsroom build --site ID`: the build as a job matrix for CI
runners. Each job, run in a checkout of its own as a runner would, builds its site
(or the desk, or the root files); the union of their outputs is the output of one
`newsroom build`, byte for byte, and no file comes from two jobs."""

from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path

from tests.conftest import FIXTURES, invoke
from tests.generator.test_incremental import files

NOW = "2026-11-24T03:00:00+00:00"
BASE = "https://b.example/"


def checkout(where: Path) -> Path:
    """A fresh copy of the golden newsroom: what a CI job starts from."""
    shutil.copytree(FIXTURES / "golden", where)
    return where


def matrix(root: Path, *args: str) -> list[dict[str, object]]:
    result = invoke(["sites", "--format", "json", *args], root)
    assert result.exit_code == 0, result.output
    jobs = json.loads(result.stdout)["include"]
    assert isinstance(jobs, list)
    return jobs


def test_the_matrix_lists_every_site_then_the_desk_and_the_root(tmp_path: Path) -> None:
    root = checkout(tmp_path / "pusat")
    jobs = matrix(root, "--base-url", BASE)
    assert [job["site"] for job in jobs] == [
        "nasional",
        "kalimantan-timur",
        "maluku",
        "desk",
        "root",
    ]
    assert jobs[1] == {
        "site": "kalimantan-timur",
        "name": "Newsroom Kalimantan Timur",
        "kind": "site",
        "command": f"newsroom build --site kalimantan-timur --out site --base-url {BASE}",
        "publish": ["site/kalimantan-timur/"],
    }
    assert jobs[-1]["publish"] == [
        "site/index.html",
        "site/index.html.gz",
        "site/robots.txt",
        "site/robots.txt.gz",
        "site/_headers",
    ]
    # A shell runs the command (GitHub's `run:`): a folder with a space stays one word.
    spaced = matrix(root, "--base-url", BASE, "--out", "situs publik")
    assert shlex.split(str(spaced[0]["command"]))[4:6] == ["--out", "situs publik"]
    gitlab = invoke(["sites", "--format", "gitlab"], root).stdout
    assert "    - SITE: [nasional, kalimantan-timur, maluku, desk, root]\n" in gitlab
    text = invoke(["sites"], root).stdout.splitlines()
    assert text[0] == "nasional\tsite/nasional/\tNewsroom Nasional"


def test_every_job_apart_gives_together_the_whole_build_byte_for_byte(tmp_path: Path) -> None:
    whole = checkout(tmp_path / "utuh")
    result = invoke(["build", "--now", NOW, "--base-url", BASE], whole)
    assert result.exit_code == 0, result.output
    expected = files(whole / "site")
    union: dict[str, bytes] = {}
    jobs = matrix(whole)
    for number, job in enumerate(jobs):
        runner = checkout(tmp_path / f"job-{number}")
        command = [*str(job["command"]).split()[1:], "--now", NOW, "--base-url", BASE]
        result = invoke(command, runner)
        assert result.exit_code == 0, (job["site"], result.output)
        built = files(runner / "site")
        published = [str(path) for path in job["publish"]]  # type: ignore[union-attr]
        # A job publishes what it was made for, and makes nothing it would not publish.
        assert all(
            any(f"site/{name}" == p or f"site/{name}".startswith(p) for p in published)
            for name in built
        ), (job["site"], sorted(built)[:5])
        assert not union.keys() & built.keys(), (job["site"], sorted(union.keys() & built.keys()))
        union |= built
    assert sorted(union) == sorted(expected)
    assert union == expected


def test_the_root_job_writes_only_the_root_files_and_an_unknown_site_is_named(
    tmp_path: Path,
) -> None:
    root = checkout(tmp_path / "pusat")
    result = invoke(["build", "--site", "root", "--now", NOW], root)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "site").iterdir()) == [
        "_headers",
        "index.html",
        "index.html.gz",
        "robots.txt",
        "robots.txt.gz",
    ]
    result = invoke(["build", "--site", "atlantis", "--now", NOW], root)
    assert result.exit_code == 2 and "atlantis" in result.output


def test_sites_in_an_office_repository_is_refused(tmp_path: Path) -> None:
    office = tmp_path / "kantor"
    office.mkdir()
    (office / "office.yml").write_text(
        'id: kutai-timur\nname: Diskominfo Kutim\nlevel: kabupaten\nprovince: "64"\n'
    )
    result = invoke(["sites"], office)
    assert result.exit_code == 2 and "repositori pusat" in result.output
