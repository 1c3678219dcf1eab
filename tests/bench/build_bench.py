"""`make bench`: our build beside Hugo and Material's blog plugin, on the same corpus,
in one run. Medians of several runs; a table on stdout and JSON beside it.

Not part of `make test`: it measures, it does not judge. README explains the columns.
"""

from __future__ import annotations

import argparse
import compileall
import json
import re
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from generator.content.provinces import PROVINCES
from tests.bench.corpus import generate
from tests.bench.measure import Run, measure
from tests.bench.peers import hugo_site, material_blog
from tests.bench.searchbench import print_search, search_report

NOW = "2026-11-24T00:00:00Z"
BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[2]


def median(runs: list[Run]) -> dict[str, object]:
    return {
        "seconds": round(statistics.median(r.seconds for r in runs), 3),
        "peak_mb": round(statistics.median(r.peak_mb for r in runs), 1),
        "runs": [round(r.seconds, 3) for r in runs],
    }


def ours_cold(root: Path, sites: list[str] | None = None) -> Run:
    """`newsroom build` from nothing (no output, no caches), of every site or of `sites`."""
    shutil.rmtree(root / "site", ignore_errors=True)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    chosen = [arg for site in sites or [] for arg in ("--site", site)]
    return measure([str(BIN / "newsroom"), "build", "--now", NOW, *chosen], root)


def public_sites() -> list[str]:
    """The issue's comparison: the national site and the 38 provincial ones, no desk."""
    return ["nasional", *(p.site_id for p in sorted(PROVINCES.values(), key=lambda p: p.code))]


def floor_listing(out: Path, work: Path) -> Path:
    files = sorted(
        (p.relative_to(out).as_posix(), p.stat().st_size) for p in out.rglob("*") if p.is_file()
    )
    listing = work / "floor.json"
    listing.write_text(json.dumps(files))
    return listing


def write_floor(listing: Path, target: Path) -> Run:
    """The same folders and files as our output, of the same sizes, written by two
    processes the way our writer writes (temp file, rename) and nothing else: what the
    file system alone costs, below which no build of these sites can go."""
    shutil.rmtree(target, ignore_errors=True)
    command = [sys.executable, "-m", "tests.bench.floor", str(listing), str(target)]
    run = measure(command, REPO)
    shutil.rmtree(target, ignore_errors=True)
    return run


def ours_rebuild(root: Path, kind: str, n: int) -> Run:
    """Rebuild the built corpus after adding (or editing) one release (run number `n`)."""
    releases = sorted((root / "content" / "releases").rglob("*.md"))
    releases = [r for r in releases if not r.name.startswith("rilis-baru-")]
    if kind == "add":
        target = releases[0].parent / f"rilis-baru-{n}.md"
        target.write_text(releases[0].read_text().replace("title: ", f"title: Baru {n} ", 1))
    else:
        target = releases[len(releases) // 2 + n]
        target.write_text(target.read_text() + f"\nParagraf tambahan {n}.\n")
    return measure([str(BIN / "newsroom"), "build", "--now", NOW], root)


def taking_turns(
    ours: Callable[[int], Run], hugo: Path | None, runs: int
) -> tuple[list[Run], list[Run]]:
    """`ours` (given the run's number) and Hugo's cold build, run by run: the machine's
    slow spells (disk writeback, a noisy neighbour, a drained disk quota late in the
    bench) then fall on both sides of a ratio alike."""
    mine: list[Run] = []
    theirs: list[Run] = []
    for n in range(runs):
        mine.append(ours(n))
        if hugo is not None:
            theirs.append(hugo_cold(hugo))
    return mine, theirs


def hugo_cold(hugo: Path) -> Run:
    shutil.rmtree(hugo / "public", ignore_errors=True)
    return measure([str(BIN / "hugo"), "--quiet"], hugo)


def pages(out: Path) -> int:
    return sum(1 for _ in out.rglob("*.html"))


def page_weight(sample_out: Path) -> dict[str, dict[str, int]]:
    """Bytes (gzip) and requests a reader's browser makes for three kinds of page,
    before photos (lazy-loaded images do not block reading)."""
    national = sample_out / "nasional"
    # A release page is <office>/<yyyy>/<slug>/: a four-digit year, not arsip/<yyyy>/<mm>/.
    release = next(
        p for p in sorted(national.glob("*/*/*/index.html")) if re.fullmatch(r"\d{4}", p.parts[-3])
    )
    chosen = {
        "home": national / "index.html",
        "release": release,
        "archive": national / "kategori" / "berita" / "index.html",
    }
    report = {}
    for name, path in chosen.items():
        html = path.read_bytes()
        # What a browser fetches before the reader sees the page: the HTML, stylesheets,
        # scripts, the favicon, eager images (lazy photos come later, as the reader scrolls).
        linked = re.findall(
            rb'<link rel="(?:stylesheet|preload|icon)"|<script src=|<img(?![^>]*loading="lazy")',
            html,
        )
        gz = (path.parent / (path.name + ".gz")).read_bytes()  # the bytes the server sends
        report[name] = {
            "gzip_bytes": len(gz),
            "requests": 1 + len(linked),
            "within_14kb": len(gz) <= 14 * 1024,
        }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--releases", type=int, default=10_000)
    parser.add_argument("--material-releases", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=Path("bench.json"))
    parser.add_argument("--skip-peers", action="store_true", help="only our own build")
    args = parser.parse_args()
    report: dict[str, object] = {"releases": args.releases, "runs": args.runs}
    # The bytecode a regular `pip install` writes; our editable install leaves it to the
    # first run, and never if PYTHONDONTWRITEBYTECODE is set (0.14 s of every build).
    for package in ("generator", "sync"):
        compileall.compile_dir(REPO / package, quiet=1)
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as temp:
        work = Path(temp)
        big = work / "newsroom"
        print(f"generating {args.releases} releases ...", file=sys.stderr)
        generate(big, args.releases)
        # Every row of ours takes turns with Hugo's cold build, and its ratio is to the
        # Hugo runs beside it ("hugo_beside"); "hugo_cold" is the one beside the first.
        hugo = None if args.skip_peers else hugo_site(big, work / "hugo")
        beside: dict[str, dict[str, object]] = {}  # Hugo runs beside each row

        def row(key: str, ours: Callable[[int], Run], out: Path | None = None) -> None:
            mine, theirs = taking_turns(ours, hugo, args.runs)
            report[key] = median(mine) | ({"pages": pages(out)} if out else {})
            if theirs:
                beside[key] = median(theirs) | {"pages": pages(work / "hugo" / "public")}

        row("ours_cold_public", lambda n: ours_cold(big, public_sites()), big / "site")
        row("ours_cold", lambda n: ours_cold(big), big / "site")
        report["search"] = search_report(big / "site", public_sites())
        listing = floor_listing(big / "site", work)
        row("floor", lambda n: write_floor(listing, work / "floor"))
        row("ours_rebuild_add_one", lambda n: ours_rebuild(big, "add", n))
        row("ours_rebuild_edit_one", lambda n: ours_rebuild(big, "edit", n))
        if beside:
            report["hugo_cold"] = beside["ours_cold_public"]
            report["hugo_beside"] = beside
        if not args.skip_peers:
            small = work / "small"
            generate(small, args.material_releases)
            blog = material_blog(small, work / "material")
            small_runs: list[Run] = []
            blog_runs: list[Run] = []
            for _ in range(args.runs):
                small_runs.append(ours_cold(small))
                blog_runs.append(measure([str(BIN / "mkdocs"), "build", "-q"], blog))
            report["ours_cold_small"] = median(small_runs) | {"pages": pages(small / "site")}
            report["material_blog_cold_small"] = median(blog_runs) | {"pages": pages(blog / "site")}
        sample = work / "sample"
        shutil.copytree(REPO / "content", sample / "content")
        shutil.copy(REPO / "mkdocs.yml", sample / "mkdocs.yml")
        measure([str(BIN / "newsroom"), "build", "--now", NOW], sample)
        report["page_weight"] = page_weight(sample / "site")
    print_table(report)
    print_search(report["search"])  # type: ignore[arg-type]
    args.json.write_text(json.dumps(report, indent=1))
    print(f"\nwritten to {args.json}")


def print_table(report: dict) -> None:  # type: ignore[type-arg]
    rows = [("measure", "seconds (median)", "peak MB", "pages", "pages/s")]
    for key, label in [
        ("ours_cold_public", f"ours: cold build, 39 public sites, {report['releases']} releases"),
        ("ours_cold", f"ours: cold build, all sites and desk, {report['releases']} releases"),
        ("floor", "floor: only writing our files (no content work)"),
        ("hugo_cold", f"Hugo: cold build, one site, {report['releases']} releases"),
        ("ours_rebuild_add_one", "ours: rebuild after adding one release"),
        ("ours_rebuild_edit_one", "ours: rebuild after editing one release"),
        ("ours_cold_small", "ours: cold build, all sites, small corpus"),
        ("material_blog_cold_small", "Material blog: cold build, small corpus"),
    ]:
        if key in report:
            item = report[key]
            count = item.get("pages")
            rate = f"{count / item['seconds']:.0f}" if count else ""
            rows.append(
                (label, f"{item['seconds']:.2f}", f"{item['peak_mb']:.0f}", str(count or ""), rate)
            )
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
    ratios = {}
    if "hugo_beside" in report:
        beside = report["hugo_beside"]
        print("\nHugo's cold build, in the runs taking turns with each row:")
        for key, name in [
            ("ours_cold_public", "cold public sites ours/Hugo"),
            ("ours_cold", "cold with desk ours/Hugo"),
            ("floor", "file-writing floor/Hugo"),
            ("ours_rebuild_add_one", "rebuild(add) ours/Hugo cold"),
            ("ours_rebuild_edit_one", "rebuild(edit) ours/Hugo cold"),
        ]:
            print(f"  beside {key:<24}{beside[key]['seconds']:.2f} s")
            ratios[name] = report[key]["seconds"] / beside[key]["seconds"]
        ratios["peak memory ours/Hugo"] = (
            report["ours_cold"]["peak_mb"] / report["hugo_cold"]["peak_mb"]
        )
    if "material_blog_cold_small" in report:
        ratios["cold small ours/Material blog"] = (
            report["ours_cold_small"]["seconds"] / report["material_blog_cold_small"]["seconds"]
        )
    print()
    for name, value in ratios.items():
        print(f"{name:<34}{value:.2f}")
    report["ratios"] = {k: round(v, 3) for k, v in ratios.items()}
    print()
    for name, weight in report["page_weight"].items():
        size, requests = weight["gzip_bytes"], weight["requests"]
        verdict = "within" if weight["within_14kb"] else "OVER"
        print(f"page weight {name:<10}{size} bytes gzip, {requests} request(s), {verdict} 14 KB")


if __name__ == "__main__":
    main()
