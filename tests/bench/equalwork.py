"""Issue 20's cold-build yardsticks, in one group of runs taking turns: our cold build of
the 39 public sites with `.gz` twins and without (`precompress: false`), the file-writing
floor of each of those outputs, Hugo building the same 39 sites (one project per site,
the same releases on each: the equal-work row) and Hugo building every release as one
site. Each run of the group runs every row once, so each ratio is taken within a run
and a slow spell of the machine falls on both of its sides; the medians of the times
and of the per-run ratios are reported.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from generator.content.layout import CENTRAL, Layout
from generator.content.repository import load_repository
from generator.public.sites import Settings, placements, plan_sites
from tests.bench.measure import Run, measure
from tests.bench.peers import hugo_sites

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[2]
PLUGIN = "  - newsroom:\n"
PLAIN = "      precompress: false\n"
# Row keys, in the order of a run and of the table.
OURS, FLOOR = "ours_cold_public", "floor_public"
PAGES = "every_page"  # the moment of tests.bench.build_bench.PAGES_OUT
OURS_PLAIN, FLOOR_PLAIN = "ours_cold_public_plain", "floor_public_plain"
HUGO_39, HUGO_1 = "hugo_cold_39_sites", "hugo_cold_one_site"
LABELS = {
    OURS: "ours: cold build, 39 public sites (with .gz twins)",
    FLOOR: "floor: only writing that output (with .gz twins)",
    OURS_PLAIN: "ours: the same, precompress: false (no twins)",
    FLOOR_PLAIN: "floor: only writing that output (no twins)",
    HUGO_39: "Hugo: the same 39 sites, one project per site",
    HUGO_1: "Hugo: every release as one site",
}
RATIOS = {  # name: (numerator row, denominator row)
    "cold public / floor (.gz twins)": (OURS, FLOOR),
    "cold public / floor (no twins)": (OURS_PLAIN, FLOOR_PLAIN),
    "cold public / Hugo 39 sites (equal work)": (OURS, HUGO_39),
    "cold public, no twins / Hugo 39 sites": (OURS_PLAIN, HUGO_39),
    "cold public / Hugo one site": (OURS, HUGO_1),
    "floor (.gz twins) / Hugo one site": (FLOOR, HUGO_1),
}
# The same over the floor, counted to the moment our build says its pages were on disk,
# before the search indexes (Pagefind over 39 sites: the floor writes no index, and
# Hugo's rows make none): issue 20's proposal 2.
PAGE_RATIOS = {
    "cold public, pages on disk / floor (.gz twins)": (OURS, FLOOR),
    "cold public, pages on disk / floor (no twins)": (OURS_PLAIN, FLOOR_PLAIN),
}


def shown_releases(root: Path, now: datetime) -> dict[str, list[Path]]:
    """Each public site's release files at `now`, by site id, as our build places them."""
    repo = load_repository(Layout(root, CENTRAL), now=now)
    settings = Settings()
    sites = plan_sites(repo, settings)
    content = root / "content"
    return {
        site.id: [content / p.release.path for p in placements(site, repo, sites, settings, now)]
        for site in sites.values()
    }


def set_precompress(root: Path, on: bool) -> None:
    """Our corpus's mkdocs.yml with `precompress: false` (off) or without it (the default)."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(PLAIN, "")
    assert PLUGIN in text, config
    config.write_text(text if on else text.replace(PLUGIN, PLUGIN + PLAIN, 1), "utf-8")


def listing(out: Path, file: Path) -> Path:
    """(relative path, size) of every file under `out`, for tests.bench.floor."""
    files = sorted(
        (p.relative_to(out).as_posix(), p.stat().st_size) for p in out.rglob("*") if p.is_file()
    )
    file.write_text(json.dumps(files))
    return file


def write_floor(files: Path, target: Path) -> Run:
    """The floor of the output `files` lists: tests.bench.floor, timed."""
    shutil.rmtree(target, ignore_errors=True)
    command = [sys.executable, "-m", "tests.bench.floor", str(files), str(target)]
    run = measure(command, REPO, label=f"floor, writing what {files.name} lists")
    shutil.rmtree(target, ignore_errors=True)
    return run


def hugo_many(projects: list[Path]) -> Run:
    """Every project built from nothing, one after another (Hugo uses every core in each)."""
    for project in projects:
        shutil.rmtree(project / "public", ignore_errors=True)
    script = 'for p in "$@"; do "$0" --quiet -s "$p" || exit 1; done'
    command = ["sh", "-c", script, str(BIN / "hugo"), *map(str, projects)]
    return measure(command, REPO, label=f"Hugo, {len(projects)} sites one after another")


def equal_work(
    root: Path,
    work: Path,
    runs: int,
    cold: Callable[[], Run],
    hugo_one: Callable[[], Run] | None,
    now: datetime,
) -> dict[str, object]:
    """The group of rows above (the Hugo ones unless `hugo_one` is None): `cold()` is our
    cold build of the 39 public sites of `root`; each row's median and every run, each
    ratio's median over the runs, and the files and pages of each output."""
    projects = (
        [] if hugo_one is None else hugo_sites(root, work / "hugo39", shown_releases(root, now))
    )
    lists = {True: work / "floor-twins.json", False: work / "floor-plain.json"}
    outputs: dict[str, dict[str, int]] = {}

    def ours(twins: bool) -> Run:
        set_precompress(root, twins)
        try:
            run = cold()
        finally:
            set_precompress(root, True)
        if not lists[twins].exists():  # the output of the first run, for both floors
            listing(root / "site", lists[twins])
            outputs[OURS if twins else OURS_PLAIN] = count(root / "site")
        return run

    steps: dict[str, Callable[[], Run]] = {
        OURS: lambda: ours(True),
        FLOOR: lambda: write_floor(lists[True], work / "floor"),
        OURS_PLAIN: lambda: ours(False),
        FLOOR_PLAIN: lambda: write_floor(lists[False], work / "floor"),
    }
    if hugo_one is not None:
        steps[HUGO_39] = lambda: hugo_many(projects)
        steps[HUGO_1] = hugo_one
    timed: dict[str, list[Run]] = {key: [] for key in steps}
    for _ in range(runs):
        for key, step in steps.items():
            timed[key].append(step())
    if projects:
        outputs[HUGO_39] = {"pages": sum(count(p / "public")["pages"] for p in projects)}
    report: dict[str, object] = {
        key: row_of(each, outputs.get(key, {})) for key, each in timed.items()
    }
    report["ratios"] = {
        name: ratio([r.seconds for r in timed[top]], timed[bottom])
        for name, (top, bottom) in RATIOS.items()
        if top in timed and bottom in timed
    }
    report["ratios"] |= {
        name: ratio([pages_on_disk(r) for r in timed[top]], timed[bottom])
        for name, (top, bottom) in PAGE_RATIOS.items()
        if all(PAGES in r.moments for r in timed[top])
    }
    return report


def row_of(runs: list[Run], output: dict[str, int]) -> dict[str, object]:
    """A row's medians and every run; ours with the moment its pages were on disk."""
    found: dict[str, object] = {
        "seconds": round(statistics.median(r.seconds for r in runs), 3),
        "peak_mb": round(statistics.median(r.peak_mb for r in runs), 1),
        "runs": [round(r.seconds, 3) for r in runs],
        **output,
    }
    if all(PAGES in r.moments for r in runs):
        found["pages_on_disk"] = round(statistics.median(map(pages_on_disk, runs)), 3)
    return found


def pages_on_disk(run: Run) -> float:
    """Seconds from our build's start to its every page on disk, as its log says (the 39
    public sites: no desk, so no line for the readers' pages alone)."""
    return run.moments[PAGES]


def ratio(top: list[float], bottom: list[Run]) -> dict[str, object]:
    each = [a / b.seconds for a, b in zip(top, bottom, strict=True)]
    return {"median": round(statistics.median(each), 3), "runs": [round(x, 3) for x in each]}


def count(out: Path) -> dict[str, int]:
    files = [p for p in out.rglob("*") if p.is_file()]
    return {"files": len(files), "pages": sum(1 for p in files if p.suffix == ".html")}


def print_equal_work(report: dict) -> None:  # type: ignore[type-arg]
    print("\ncold build, equal work (each run takes every row in turn; medians):")
    if report.get("photos_pictures_cached"):
        print("  (our builds keep the photos' pictures cached: the image work is its own row)")
    for key, label in LABELS.items():
        if key in report:
            row = report[key]
            files = f", {row['files']} files" if "files" in row else ""
            pages = f", {row['pages']} pages" if "pages" in row else ""
            mb = f"{row['peak_mb']:.0f} MB"
            print(f"  {label:<52}{row['seconds']:8.2f} s  {mb:>8}{files}{pages}")
            if "pages_on_disk" in row:
                print(
                    f"  {'  of which pages on disk (before the indexes)':<52}"
                    f"{row['pages_on_disk']:8.2f} s"
                )
    for name, value in report["ratios"].items():
        runs = ", ".join(f"{x:.2f}" for x in value["runs"])
        print(f"  {name:<52}{value['median']:8.2f}   (runs: {runs})")
