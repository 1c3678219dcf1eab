"""The console script `newsroom` (`generator.cli.run`): it skips the interpreter's
teardown, so these run it as a user does, in a process of its own, and check that
nothing it prints or writes is lost on the way out."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from tests.conftest import release_text

SCRIPT = Path(sys.executable).parent / "newsroom"


def newsroom(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True)


def test_a_build_through_the_script_prints_every_site_and_writes_every_file(
    sample_copy: Path,
) -> None:
    result = newsroom("build", "--now", "2026-11-24T00:00:00Z", cwd=sample_copy)
    assert result.returncode == 0, result.stderr
    built = [line.split(":")[0] for line in result.stdout.splitlines()]
    assert built[0] == "desk" and "nasional" in built and "maluku" in built
    site = sample_copy / "site"
    for line in result.stdout.splitlines():  # every site it reports is complete on disk
        folder = site / line.split(":")[0]
        assert (folder / "index.html").is_file() and (folder / "index.html.gz").is_file()
    assert not list(site.rglob("*.tmp*")), "a temp file was left behind"
    assert (sample_copy / ".cache" / "newsroom" / "releases.pickle").is_file()
    again = newsroom("build", "--now", "2026-11-24T00:00:00Z", cwd=sample_copy)
    # the records were written
    assert "nasional: tidak berubah, tidak dibangun ulang" in again.stdout


def test_a_cron_build_says_when_its_pages_are_on_disk(sample_copy: Path) -> None:
    """Before its search indexes (seconds more): what readers see, then every page (the
    desk's too), as `newsroom watch` logs them; in English with `--lang en`."""
    first = newsroom("build", "--now", "2026-11-24T00:00:00Z", cwd=sample_copy)
    said = first.stderr
    public = said.index("halaman publik pada 2026-11-24T00:00:00Z: ")
    every = said.index("situs ditulis, semua halamannya di disk dalam ")
    assert public < every < said.index("indeks pencarian dibuat")
    folder = sample_copy / "content" / "releases" / "kaltim" / "2026"
    (folder / "baru.md").write_text(release_text(title="Rilis Baru"), encoding="utf-8")
    started = time.monotonic()
    again = newsroom("build", "--now", "2026-11-24T00:00:00Z", "--lang", "en", cwd=sample_copy)
    took = time.monotonic() - started
    said = again.stderr
    public = said.index("public pages at 2026-11-24T00:00:00Z: 1 sites written, on disk in ")
    every = said.index("pages at 2026-11-24T00:00:00Z: 2 sites written, every page on disk in ")
    assert public < every
    # In seconds since the command started (generator.cli.STARTED), within the run.
    figures = re.findall(r"on disk in ([0-9.]+) s", said)
    assert 0 < float(figures[0]) <= float(figures[1]) <= took


def test_the_script_keeps_exit_status_and_error_messages(sample_copy: Path) -> None:
    unknown = newsroom("build", "--site", "atlantis", cwd=sample_copy)
    assert unknown.returncode == 2
    assert "situs 'atlantis' tidak dikenal" in unknown.stderr
    broken = sample_copy / "content" / "releases" / "kaltim" / "2026" / "rusak.md"
    broken.write_text(release_text(category="opini"), encoding="utf-8")
    check = newsroom("check", "--lang", "en", cwd=sample_copy)
    assert check.returncode == 1
    assert "rusak.md:4: category: is not one of" in check.stdout


def test_the_script_is_run_not_main() -> None:
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "newsroom"]
    assert script.value == "generator.cli:run"


@pytest.mark.parametrize(
    ("code", "status", "printed"),
    [
        ("None", 0, ""),
        ("3", 3, ""),
        ("'mkdocs.yml hilang'", 1, "mkdocs.yml hilang"),
        ("['x']", 1, "['x']"),
    ],
)
def test_run_exits_as_python_would(code: str, status: int, printed: str) -> None:
    program = (
        "import sys, generator.cli.app as cli\n"
        f"cli.main = lambda: sys.exit({code})\n"
        "print('sebelum', end='')\n"  # buffered, not a line: must still come out
        "cli.run()\n"
    )
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    command = [sys.executable, "-c", program]
    result = subprocess.run(command, capture_output=True, text=True, env=buffered)
    assert result.returncode == status
    assert result.stdout == "sebelum"
    assert result.stderr.strip() == printed


def test_a_command_imports_only_its_own_module() -> None:
    """`newsroom build` (as cron runs it after each sync) and `newsroom check` (as a
    writer runs it before a push) load neither the resident service, nor the sync, nor
    the reports: importing them was a fifth of a second of each run. `--help` still
    lists every command."""
    probe = (
        "import json, sys, click\n"
        "from generator.cli.app import main\n"
        "for name in ('build', 'check'):\n"
        "    assert main.get_command(click.Context(main), name).name == name\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    modules = json.loads(ran.stdout)
    assert "generator.cli.build" in modules and "generator.cli.check" in modules
    unwanted = ("generator.service", "generator.report", "sync", "generator.cli.watch")
    assert not [m for m in modules if m.startswith(unwanted)]
    shown = newsroom("--help", cwd=Path.cwd())
    listed = {line.split()[0] for line in shown.stdout.split("Commands:")[1].splitlines() if line}
    assert listed == {
        "build",
        "check",
        "curate",
        "init",
        "new",
        "report",
        "schedule",
        "serve",
        "sites",
        "sync",
        "watch",
    }
