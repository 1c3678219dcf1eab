"""Sync benchmark: 300 local office repositories; times of a first sync, a no-change
sync and a one-release sync (medians of several runs). Run with `make bench-sync`.

Not part of `make test`: it measures, it does not judge.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from generator.content.repository import CENTRAL, Layout
from sync.runner import Options, sync
from tests.conftest import release_text
from tests.sync.gitrepos import central_repo, commit, office_repo, write


def make_offices(root: Path, count: int, releases: int) -> dict[str, str]:
    offices = {}
    for n in range(count):
        office_id = f"kantor-{n:03d}"
        files = {
            f"releases/2026/rilis-{k}.md": release_text(title=f"Rilis {k} dari {office_id}")
            + "Isi rilis. " * 200
            for k in range(releases)
        }
        offices[office_id] = str(office_repo(root / office_id, office_id, files))
    return offices


def timed(central: Path, jobs: int) -> float:
    start = time.monotonic()
    results = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), jobs=jobs))
    elapsed = time.monotonic() - start
    failed = [r.office for r in results if not r.ok]
    if failed:
        raise SystemExit(f"offices failed: {failed[:5]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--offices", type=int, default=300)
    parser.add_argument("--releases", type=int, default=5, help="releases per office")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--json", type=Path, default=Path("sync-bench.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sync-bench-") as temp:
        root = Path(temp)
        print(f"making {args.offices} office repositories ...", file=sys.stderr)
        offices = make_offices(root / "kantor", args.offices, args.releases)
        central = central_repo(root / "pusat", offices)
        first = timed(central, args.jobs)
        unchanged = [timed(central, args.jobs) for _ in range(args.runs)]
        one_release = []
        for run in range(args.runs):
            office = Path(offices["kantor-000"])
            write(office, {f"releases/2026/baru-{run}.md": release_text(title=f"Baru {run}")})
            commit(office, f"rilis baru {run}")
            one_release.append(timed(central, args.jobs))
    report = {
        "offices": args.offices,
        "releases_per_office": args.releases,
        "jobs": args.jobs,
        "first_sync_s": round(first, 3),
        "no_change_sync_median_s": round(statistics.median(unchanged), 3),
        "one_release_sync_median_s": round(statistics.median(one_release), 3),
        "runs": {"no_change": unchanged, "one_release": one_release},
    }
    print(f"{'offices':<28}{args.offices}")
    print(f"{'first sync':<28}{report['first_sync_s']:.2f} s")
    print(f"{'no-change sync (median)':<28}{report['no_change_sync_median_s']:.2f} s")
    print(f"{'one-release sync (median)':<28}{report['one_release_sync_median_s']:.2f} s")
    args.json.write_text(json.dumps(report, indent=1))
    print(f"written to {args.json}")


if __name__ == "__main__":
    main()
