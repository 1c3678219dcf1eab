"""`newsroom check`: validate a repository and report every problem at once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.content.layout import Layout, find_layout, no_repository
from generator.content.messages import cli_text
from generator.content.problems import Problem, Report, as_typed
from generator.content.repository import load_repository

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
            return no_repository(path)
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
    lines = [as_typed(p).format(lang) for p in result.report.sorted()]
    errors, warnings = len(result.report.errors), len(result.report.warnings)
    counts = {"errors": errors, "warnings": warnings, "releases": result.releases}
    summary = cli_text("check_summary", lang, counts)
    return "\n".join([*lines, summary])


def render_json(result: CheckResult, lang: str) -> str:
    payload = {
        "errors": len(result.report.errors),
        "warnings": len(result.report.warnings),
        "releases": result.releases,
        "problems": [as_typed(p).as_json(lang) for p in result.report.sorted()],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def exit_code(result: CheckResult) -> int:
    return EXIT_CONTENT if result.report.errors else EXIT_OK
