"""The wheel works outside this checkout: `pip install` gives a `newsroom` for office repos."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import OFFICE_YML, REPO_ROOT, release_text


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel built from this checkout installed in it."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(work),
            str(REPO_ROOT),
        ],
        check=True,
    )
    (wheel,) = work.glob("newsroom-*.whl")
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
    )
    return env_dir


def test_wheel_checks_a_throwaway_office_repo(installed: Path, tmp_path: Path) -> None:
    office = tmp_path / "humas-kutim"
    (office / "releases" / "2026").mkdir(parents=True)
    (office / "office.yml").write_text(OFFICE_YML)
    (office / "releases" / "2026" / "rapat.md").write_text(release_text())
    (office / "releases" / "2026" / "rusak.md").write_text(release_text(category="opini"))
    result = subprocess.run(
        [str(installed / "bin" / "newsroom"), "check", "--lang", "en"],
        cwd=office,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("releases/2026/rusak.md:4: category: is not one of")
    (office / "releases" / "2026" / "rusak.md").unlink()
    clean = subprocess.run([str(installed / "bin" / "newsroom"), "check"], cwd=office)
    assert clean.returncode == 0


def test_wheel_ships_themes_and_the_mkdocs_plugin(installed: Path, tmp_path: Path) -> None:
    probe = (
        "import importlib.metadata as m, pathlib, generator.themes as t;"
        "print(pathlib.Path(t.__file__).parent);"
        "print(sorted(e.value for e in m.entry_points(group='mkdocs.plugins')"
        " if e.name.startswith('newsroom')))"
    )
    result = subprocess.run(
        [str(installed / "bin" / "python"), "-c", probe],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    themes_dir, plugins = result.stdout.splitlines()
    assert str(REPO_ROOT) not in themes_dir  # from site-packages, not this checkout
    # The public sites' plugin and the desk's.
    assert plugins == (
        "['generator.host.deskplugin:DeskPlugin', 'generator.host.publicplugin:NewsroomPlugin']"
    )
    shipped = {p.relative_to(themes_dir).as_posix() for p in Path(themes_dir).rglob("*.*")}
    in_repo = {
        p.relative_to(REPO_ROOT / "themes").as_posix()
        for p in (REPO_ROOT / "themes").rglob("*.*")
        if "__pycache__" not in p.parts
    }
    assert in_repo <= shipped
