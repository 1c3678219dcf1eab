"""`newsroom check`: validate a repository and report every problem at once."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from generator.problems import Problem, Report
from generator.repository import Layout, find_layout, load_repository

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


@dataclass
class CheckResult:
    report: Report
    releases: int
    files: int


def check_paths(paths: list[Path], now: datetime) -> CheckResult | Problem:
    """Validate `paths` (each a repository or a part of one); a Problem if one is no repo.
    `now`: the command's clock, against which dates ahead are refused."""
    groups: dict[Layout, list[Path]] = {}
    for path in paths:
        layout = find_layout(path)
        if layout is None:
            return Problem(str(path), 1, "", "no_repository")
        groups.setdefault(layout, []).append(path.resolve())
    report = Report()
    releases = 0
    for layout, selected in groups.items():
        whole = any(p == layout.root for p in selected)
        repo = load_repository(layout, None if whole else selected, now=now)
        report.extend(repo.report.problems)
        releases += len(repo.releases)
    return CheckResult(report, releases, len({p.path for p in report.problems}))


def render_text(result: CheckResult, lang: str) -> str:
    lines = [_relative(p).format(lang) for p in result.report.sorted()]
    errors, warnings = len(result.report.errors), len(result.report.warnings)
    if lang == "en":
        summary = f"{errors} error(s), {warnings} warning(s); {result.releases} valid release(s)."
    else:
        summary = f"{errors} kesalahan, {warnings} peringatan; {result.releases} rilis sah."
    return "\n".join([*lines, summary])


def render_json(result: CheckResult, lang: str) -> str:
    payload = {
        "errors": len(result.report.errors),
        "warnings": len(result.report.warnings),
        "releases": result.releases,
        "problems": [_relative(p).as_json(lang) for p in result.report.sorted()],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def exit_code(result: CheckResult) -> int:
    return EXIT_CONTENT if result.report.errors else EXIT_OK


def _relative(problem: Problem) -> Problem:
    """Paths as the user typed them: relative to the working folder when inside it."""
    path = Path(problem.path)
    if path.is_absolute():
        try:
            shown = os.path.relpath(path)
        except ValueError:
            shown = str(path)
        if not shown.startswith(".."):
            return replace(problem, path=shown)
    return problem
