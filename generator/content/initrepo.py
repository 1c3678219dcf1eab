"""`newsroom init`: the files a new central or office repository starts from.

Each starter is the smallest repository that `newsroom check` passes and `newsroom
build` builds, with a `.gitignore` for what the commands write and git must not keep.
Nothing that exists is ever overwritten: when any file would be, none is written.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from generator.content.curationfile import HEADER as CURATION_HEADER
from generator.content.layout import OFFICE, Layout
from generator.content.problems import Problem, Report
from generator.content.registry import load_registry
from generator.util.fsio import write_atomic

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .()-]*[A-Za-z0-9.)]")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null"}  # not text when plain

# What the commands write in a repository and git must not keep. content/sync/ (what
# each office's last sync read) is not here: it is committed with the releases.
CENTRAL_GITIGNORE = """\
# Written by newsroom; not for git (see the README, "Starting from nothing").
# The built sites: made again from content/ by `newsroom build`.
site/
# Build caches and the sync's git caches: `rm -rf .cache` is always safe.
.cache/
# This server's records (sync runs, last build, locks): the desk's "new" badges
# and office health come from them, so keep the folder on the server, out of git.
.newsroom/
"""

OFFICE_GITIGNORE = """\
# Written by newsroom's preview (`newsroom build`, `newsroom serve`); not for git.
site/
.cache/
"""

CENTRAL_MKDOCS = """\
# The one config of the central newsroom: `newsroom build` builds every site from it.
site_name: Newsroom
docs_dir: content/pages
site_dir: site/nasional
theme:
  name: newsroom
plugins:
  - newsroom:
      # Where the sites will be served (each site under <base_url><site id>/).
      base_url: https://newsroom.example.go.id/
      # Central releases on provincial sites: all | curated
      syndication: all
"""

CENTRAL_OFFICES = """\
# The registry of offices. Add one entry per office (remove the `[]` below), e.g.:
# - id: kutai-timur
#   name: Diskominfo Staper Kabupaten Kutai Timur
#   level: kabupaten          # pusat | provinsi | kabupaten | kota
#   province: "64"            # Kemendagri code; not for pusat
#   source: {git: https://git.example.go.id/humas/rilis.git, branch: main}
[]
"""

CENTRAL_ABOUT = """\
---
title: Tentang
---
Newsroom ini memuat siaran pers, berita, pengumuman, klarifikasi, produk hukum dan
agenda resmi dari kantor-kantor humas pemerintah yang tergabung di dalamnya.

Setiap rilis ditulis dan diterbitkan oleh pranata humas kantor asalnya; setiap
salinan menyebut sumbernya dan menautkan ke halaman aslinya.
"""


@dataclass(frozen=True)
class Starter:
    """Files (path relative to the repository -> text) and empty folders to make."""

    files: dict[str, str]
    folders: tuple[str, ...] = ()


class InitRefused(Exception):
    """Nothing was written: the files that exist already, or the office's problems."""

    def __init__(self, existing: list[Path], problems: list[Problem] | None = None) -> None:
        super().__init__(existing, problems)
        self.existing = existing
        self.problems = problems or []


def central_starter() -> Starter:
    return Starter(
        {
            "mkdocs.yml": CENTRAL_MKDOCS,
            "content/offices.yml": CENTRAL_OFFICES,
            "content/national/curation.yml": CURATION_HEADER + "featured:\n",
            "content/pages/tentang.md": CENTRAL_ABOUT,
            ".gitignore": CENTRAL_GITIGNORE,
        },
        ("content/releases", "content/assets"),
    )


def office_starter(office_id: str, name: str, level: str, province: str | None) -> Starter:
    """office.yml for these values (validated as `newsroom check` would), releases/ and
    assets/; InitRefused with the problems when office.yml would not be valid."""
    lines = [
        f"id: {_scalar(office_id)}",
        f"name: {_scalar(name)}",
        f"level: {_scalar(level)}  # pusat | provinsi | kabupaten | kota",
    ]
    if province is not None:  # always quoted: a code, not a number ("05" stays "05")
        lines.append(f"province: {json.dumps(province)}  # Kemendagri code; sets the time zone")
    text = "\n".join(lines) + "\n"
    problems = _office_problems(text)
    if problems:
        raise InitRefused([], problems)
    return Starter({"office.yml": text, ".gitignore": OFFICE_GITIGNORE}, ("releases", "assets"))


def _scalar(value: str) -> str:
    """`value` as YAML: plain when it is a simple slug or name, else a JSON string (a
    valid YAML double-quoted scalar), so any value stays text for the check to judge."""
    plain = _PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS
    return value if plain else json.dumps(value, ensure_ascii=False)


def _office_problems(text: str) -> list[Problem]:
    """The errors `newsroom check` would report in an office.yml holding `text`."""
    with tempfile.TemporaryDirectory(prefix="newsroom-init-") as temp:
        (Path(temp) / "office.yml").write_text(text, encoding="utf-8")
        report = Report()
        load_registry(Layout(Path(temp), OFFICE), report)
    return [replace(problem, path="office.yml") for problem in report.errors]


def write_starter(root: Path, starter: Starter) -> list[Path]:
    """Write the starter under `root` (made if missing); the files written, in order."""
    targets = [root / name for name in starter.files]
    existing = [path for path in targets if os.path.lexists(path)]
    if existing:
        raise InitRefused(existing)
    for name, text in starter.files.items():
        write_atomic(root / name, text.encode("utf-8"))
    for folder in starter.folders:
        (root / folder).mkdir(parents=True, exist_ok=True)
    return targets
