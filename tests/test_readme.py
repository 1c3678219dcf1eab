"""The README's command examples run as written.

What runs, for whoever edits README.md:

- Every line of a ```sh block that starts with `newsroom ` (a trailing `\\` joins
  the next line) is run as a real `newsroom` process, in README order, and must
  exit 0, or the status its comment names as `exits N`.
- A block runs in one copy of the sample newsroom (this repository's `content/`
  and `mkdocs.yml`), the same copy for every block in turn, so a `curate add`
  is there for the `curate list` after it. In that copy the sample's kutai-timur
  office has a git source, a real repository holding its own releases, so the
  sync examples have an office to sync.
- The line `<!-- readme-test: empty folder -->` right before a block runs that
  block in a new empty folder instead (for `newsroom init`).
- The line `<!-- readme-test: skip (why) -->` right before a block runs none of
  its lines (a server that runs until Ctrl+C).
- Inside a block, a line `cd FOLDER` moves the lines after it there; any other
  line (git, make, mkdocs, a shell script) is not run.
- Every command that takes `--now` and is not given one gets
  `--now 2026-11-24T08:00:00+07:00`, so the examples give the same result any day.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

from generator.cli import main
from tests.conftest import REPO_ROOT
from tests.sync.gitrepos import commit, git, write

README = REPO_ROOT / "README.md"
NOW = "2026-11-24T08:00:00+07:00"
NEWSROOM = Path(sys.executable).with_name("newsroom")
MARK = re.compile(r"^<!--\s*readme-test:\s*(empty folder|skip\b.*?)\s*-->$")
KUTIM_ENTRY = (
    "- id: kutai-timur\n  name: Diskominfo Staper Kabupaten Kutai Timur\n"
    '  level: kabupaten\n  province: "64"\n'
)


@dataclass
class Block:
    line: int  # of the opening fence, 1-based
    mark: str  # "", "empty folder" or "skip ..."
    lines: list[tuple[int, str]]  # (README line, command with continuations joined)


def sh_blocks(text: str) -> list[Block]:
    """The ```sh blocks of `text`, each with the readme-test mark right above it."""
    blocks: list[Block] = []
    rows = text.splitlines()
    index = 0
    while index < len(rows):
        if rows[index].strip() != "```sh":
            index += 1
            continue
        above = rows[index - 1].strip() if index else ""
        found = MARK.match(above)
        block = Block(index + 1, found.group(1) if found else "", [])
        index += 1
        pending: tuple[int, str] | None = None
        while index < len(rows) and rows[index].strip() != "```":
            row = rows[index]
            start, joined = pending if pending else (index + 1, "")
            part = row.rstrip().removesuffix("\\").rstrip()
            joined += part.lstrip() if pending else part
            pending = (start, joined + " ") if row.rstrip().endswith("\\") else None
            if pending is None:
                block.lines.append((start, joined.strip()))
            index += 1
        blocks.append(block)
        index += 1
    return blocks


def expected_status(line: str) -> int:
    comment = line.partition(" #")[2]
    found = re.search(r"\bexits (\d+)", comment)
    return int(found.group(1)) if found else 0


def with_now(args: list[str]) -> list[str]:
    """`args` plus `--now NOW` when the (sub)command takes it and has none."""
    command: click.Command = main
    for word in args:
        found = None
        if isinstance(command, click.Group):
            found = command.get_command(click.Context(command), word)
        if found is None:
            break
        command = found
    takes = any("--now" in getattr(p, "opts", ()) for p in command.params)
    given = any(a == "--now" or a.startswith("--now=") for a in args)
    return [*args, "--now", NOW] if takes and not given else args


def sample_with_a_synced_office(root: Path) -> Path:
    """A copy of the sample whose kutai-timur office syncs from a real git repository
    made of its own files."""
    central = root / "sample"
    office = root / "kutim-rilis"
    files: dict[str, str | bytes] = {
        "office.yml": KUTIM_ENTRY.replace("- id", "id").replace("  ", "")
    }
    for folder, prefix in (("releases", "releases"), ("assets", "assets")):
        source = REPO_ROOT / "content" / folder / "kutai-timur"
        for path in sorted(source.rglob("*")):
            if path.is_file():
                files[f"{prefix}/{path.relative_to(source).as_posix()}"] = path.read_bytes()
    office.mkdir(parents=True)
    git(office, "init", "-q")
    write(office, files)
    commit(office, "rilis")
    write(central, {"mkdocs.yml": (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")})
    subprocess.run(["cp", "-r", str(REPO_ROOT / "content"), str(central / "content")], check=True)
    registry = central / "content" / "offices.yml"
    text = registry.read_text(encoding="utf-8")
    assert KUTIM_ENTRY in text, "the sample's kutai-timur entry changed: update KUTIM_ENTRY"
    source = f'  source: {{git: "{office}", branch: main}}\n'
    registry.write_text(text.replace(KUTIM_ENTRY, KUTIM_ENTRY + source), encoding="utf-8")
    return central


def test_the_readme_examples_run(tmp_path: Path) -> None:
    sample = sample_with_a_synced_office(tmp_path)
    ran: list[str] = []
    for number, block in enumerate(sh_blocks(README.read_text(encoding="utf-8"))):
        if block.mark.startswith("skip"):
            continue
        here = sample
        if block.mark == "empty folder":
            here = tmp_path / f"empty-{number}"
            here.mkdir()
        for line_number, line in block.lines:
            words = shlex.split(line, comments=True)
            if words[:1] == ["cd"] and len(words) == 2:
                here = here / words[1]
                continue
            if words[:1] != ["newsroom"]:
                continue
            done = subprocess.run(
                [str(NEWSROOM), *with_now(words[1:])],
                cwd=here,
                capture_output=True,
                text=True,
                check=False,
            )
            where = f"README.md:{line_number}: {line}"
            assert done.returncode == expected_status(line), (
                f"{where}\nexit {done.returncode}\n{done.stdout}\n{done.stderr}"
            )
            ran.append(" ".join(words[:3]))
    # The rule found the examples a newcomer copies first.
    for wanted in ("newsroom init office", "newsroom init central", "newsroom curate add"):
        assert wanted in ran, ran
    assert sum(command.startswith("newsroom sync") for command in ran) == 3
    assert len(ran) >= 20, ran


def test_the_rule_reads_marks_and_continuations() -> None:
    text = (
        "<!-- readme-test: skip (a server) -->\n```sh\nnewsroom serve\n```\n"
        "<!-- readme-test: empty folder -->\n```sh\nnewsroom init central x \\\n"
        "    --lang en   # exits 2\ncd x\n```\n```text\nnewsroom not-sh\n```\n"
    )
    blocks = sh_blocks(text)
    assert [b.mark for b in blocks] == ["skip (a server)", "empty folder"]
    assert blocks[1].lines == [(7, "newsroom init central x --lang en   # exits 2"), (9, "cd x")]
    assert expected_status(blocks[1].lines[0][1]) == 2
    assert with_now(["curate", "list"]) == ["curate", "list", "--now", NOW]
    assert with_now(["curate", "edit", "a/2026/b"]) == ["curate", "edit", "a/2026/b"]


@pytest.mark.parametrize("mark", ["empty folder", "skip (serves until Ctrl+C)"])
def test_the_marks_used_in_the_readme_are_known(mark: str) -> None:
    marks = re.findall(r"<!--\s*readme-test:[^>]*-->", README.read_text(encoding="utf-8"))
    assert all(MARK.match(found) for found in marks), marks
    assert any(mark in found for found in marks)
