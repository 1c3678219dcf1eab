"""`build_bench --growth-to N`: how our cold build's time and peak memory grow from
`--releases` to N releases (100,000: issue 20), beside Hugo building the same releases
as one site at each size. Corpora without photos (at 100,000, one photo in five would
be 43 GB of originals); ours is the whole `newsroom build` (39 public sites and the
desk), from nothing. Growth is big/small at each side; the ratio of ratios is ours
over Hugo's, and "against linear" ours over the growth of the corpus itself.
"""

from __future__ import annotations

import shutil
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from tests.bench.corpus import generate
from tests.bench.measure import Run, measure
from tests.bench.peers import hugo_site

BIN = Path(sys.executable).parent


def _median(runs: list[Run]) -> dict[str, object]:
    return {
        "seconds": round(statistics.median(r.seconds for r in runs), 3),
        "peak_mb": round(statistics.median(r.peak_mb for r in runs), 1),
        "runs": [round(r.seconds, 3) for r in runs],
    }


def one_size(
    work: Path, releases: int, runs: int, now: str, peers: bool
) -> dict[str, dict[str, object]]:
    """Ours and Hugo's cold builds of one corpus of `releases`, taking turns; the corpus
    and every output are removed afterwards (100,000 releases make some 20 GB)."""
    root = work / f"growth-{releases}"
    print(f"generating {releases} releases (no photos) ...", file=sys.stderr)
    generate(root, releases, photo_every=0)
    hugo = hugo_site(root, work / f"growth-hugo-{releases}") if peers else None

    def ours() -> Run:
        shutil.rmtree(root / "site", ignore_errors=True)
        shutil.rmtree(root / ".cache", ignore_errors=True)
        # Its log beside the report: where each phase's time went at each size.
        log = Path.cwd() / f"bench-growth-{releases}.log"
        return measure([str(BIN / "newsroom"), "build", "--now", now], root, log=log)

    def theirs() -> Run:
        assert hugo is not None
        shutil.rmtree(hugo / "public", ignore_errors=True)
        return measure([str(BIN / "hugo"), "--quiet"], hugo)

    steps: dict[str, Callable[[], Run]] = {"ours": ours} | ({"hugo": theirs} if peers else {})
    timed: dict[str, list[Run]] = {key: [] for key in steps}
    for _ in range(runs):
        for key, step in steps.items():
            timed[key].append(step())
    shutil.rmtree(root, ignore_errors=True)
    if hugo is not None:
        shutil.rmtree(hugo, ignore_errors=True)
    return {key: _median(each) for key, each in timed.items()}


def growth(
    work: Path, small: int, big: int, runs: int, now: str, peers: bool = True
) -> dict[str, object]:
    """Both sizes (the big one run once when `runs` is more: it is long), and growth."""
    sizes = {
        small: one_size(work, small, runs, now, peers),
        big: one_size(work, big, 1, now, peers),
    }
    report: dict[str, object] = {"sizes": {str(n): rows for n, rows in sizes.items()}}
    grown: dict[str, float] = {}
    for side in sizes[small]:
        for unit in ("seconds", "peak_mb"):
            before, after = sizes[small][side][unit], sizes[big][side][unit]
            grown[f"{side} {unit}"] = after / before  # type: ignore[operator]
    report["growth"] = {key: round(value, 3) for key, value in grown.items()}
    corpus = big / small
    summary = {f"ours {unit} against linear": grown[f"ours {unit}"] / corpus for unit in UNITS}
    if peers:
        for unit in UNITS:
            summary[f"ours {unit} growth / Hugo's"] = grown[f"ours {unit}"] / grown[f"hugo {unit}"]
            summary[f"ours/Hugo {unit} at {big}"] = (
                sizes[big]["ours"][unit] / sizes[big]["hugo"][unit]  # type: ignore[operator]
            )
    report["summary"] = {key: round(value, 3) for key, value in summary.items()}
    return report


UNITS = ("seconds", "peak_mb")


def print_growth(report: dict) -> None:  # type: ignore[type-arg]
    print("\ncold build at two sizes (no photos; ours: every site and the desk):")
    for size, rows in report["sizes"].items():
        for side, row in rows.items():
            name = "ours" if side == "ours" else "Hugo, one site"
            figures = f"{row['seconds']:9.2f} s {row['peak_mb']:8.0f} MB"
            print(f"  {int(size):>7} releases, {name:<16}{figures}")
    for key, value in report["growth"].items():
        print(f"  growth, {key:<40}{value:8.2f}")
    for key, value in report["summary"].items():
        print(f"  {key:<48}{value:8.2f}")
