"""Reading a repository's files, the same way for every loader: folder listings, YAML
files, front matter blocks and file names, each problem reported rather than raised.

Shared by the registry, the release and static page loaders and the curation file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from generator.content.fields import SLUG_RE, slugify
from generator.content.frontmatter import decode
from generator.content.problems import ProblemError, Report
from generator.content.yamlsafe import Map, Node, Scalar, YamlProblem, load

# The "field" of problems that concern a whole file or its front matter block.
FILE_FIELD = "file"
FRONT_MATTER_FIELD = "front-matter"
BODY_FIELD = "body"


def read_yaml(path: Path, report: Report, max_bytes: int) -> Node | None:
    """The file's YAML, or None with the reason reported."""
    try:
        text = decode(path.read_bytes(), max_bytes)
        return load(text)
    except FileNotFoundError:
        report.add(path, 1, FILE_FIELD, "missing_file")
    except ProblemError as error:
        report.add_error(path, FILE_FIELD, error, 1)
    except YamlProblem as problem:
        report_yaml(report, path, problem)
    return None


def report_yaml(report: Report, path: Path, problem: YamlProblem) -> None:
    report.add(
        path,
        problem.line,
        FILE_FIELD,
        problem.code,
        problem.value or None,
        detail=problem.value,
        kind=problem.kind,
    )


def scan(folder: Path, report: Report) -> Iterator[os.DirEntry[str]]:
    """Entries of `folder`, sorted; symlinks reported and skipped, hidden ones skipped."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            report.add(entry.path, 1, FILE_FIELD, "symlink", entry.name)
            continue
        yield entry


def front_matter(node: Node | None, path: Path, report: Report) -> Map | None:
    """The front matter's fields (none written: none); None, reported, when it is a
    list or a bare text instead."""
    if node is None:
        return Map({}, 2)
    if not isinstance(node, Map):
        shown = node.value if isinstance(node, Scalar) else None
        report.add(path, node.line, FRONT_MATTER_FIELD, "front_matter_not_mapping", shown)
        return None
    return node


def file_level_field(error: ProblemError) -> str:
    """The field a file that cannot be split into front matter and body is reported on."""
    return FILE_FIELD if error.code in ("not_utf8", "file_too_large") else FRONT_MATTER_FIELD


def check_slug(path: Path, report: Report) -> bool:
    """Whether the file's name is a usable slug (`<slug>.md`); if not, reported."""
    if path.suffix == ".md" and SLUG_RE.match(path.stem) and len(path.stem) <= 80:
        return True
    suggestion = slugify(path.stem) or "rilis"
    report.add(path, 1, "slug", "bad_slug", path.name, suggestion=suggestion)
    return False


def is_selected(path: Path, selected: list[Path]) -> bool:
    """Whether `path` is one of `selected` (resolved) or inside one of them."""
    resolved = path.resolve()
    return any(resolved == s or s in resolved.parents for s in selected)
