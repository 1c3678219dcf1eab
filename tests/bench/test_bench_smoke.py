"""`make bench` itself must keep working: a tiny corpus, our build only, one run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT


def test_bench_runs_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    command = [sys.executable, "-m", "tests.bench.build_bench", "--releases", "40"]
    command += ["--runs", "1", "--skip-peers", "--json", str(out)]
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(out.read_text())
    assert report["ours_cold"]["pages"] > 40 and report["ours_cold"]["seconds"] > 0
    assert report["ours_cold"]["peak_mb"] > 10  # the memory sampler saw the build
    assert report["ours_cold_public"]["pages"] < report["ours_cold"]["pages"]  # no desk
    assert report["floor"]["seconds"] > 0
    for kind in ("home", "release", "archive"):
        weight = report["page_weight"][kind]
        assert weight["within_14kb"] and weight["requests"] == 2  # the page and its favicon
    assert "cold build" in done.stdout
