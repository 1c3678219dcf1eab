"""`make bench`: our build beside Hugo and Material's blog plugin, on the same corpus,
in one run. Medians of several runs; a table on stdout and JSON beside it.

The corpus has phone photos, and the image work's share of a cold build and of a
rebuild is measured without looking inside the build: the same build once with the
photo cache (`.cache/newsroom/photos/`) empty and once with it already holding the
pictures in question (every other cache as the row has it); the difference is what
making the pictures costs.

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
from datetime import datetime
from pathlib import Path

from generator.content.provinces import PROVINCES
from tests.bench.corpus import PHOTO_EVERY, generate, lead_photo
from tests.bench.corpusphotos import PhotoSupply
from tests.bench.equalwork import HUGO_1, OURS, equal_work, print_equal_work
from tests.bench.growth import growth, print_growth
from tests.bench.measure import Run, measure
from tests.bench.peers import hugo_site, material_blog
from tests.bench.searchbench import print_search, search_report

NOW = "2026-11-24T00:00:00Z"
BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[2]
PHOTO_CACHE = Path(".cache") / "newsroom" / "photos"
# The sample's release with a lead photo and two body photos: issue 16's budget page.
RELEASE_PAGE = "ambon/2026/festival-teluk-ambon/index.html"
FRESH = 10_000_000  # numbers of the photos the rebuilds add: none of the corpus's


def median(runs: list[Run]) -> dict[str, object]:
    found = {
        "seconds": round(statistics.median(r.seconds for r in runs), 3),
        "peak_mb": round(statistics.median(r.peak_mb for r in runs), 1),
        "runs": [round(r.seconds, 3) for r in runs],
    }
    said = [name for name in PAGES_OUT if all(name in r.moments for r in runs)]
    if said:  # when its pages were on disk, each run (the whole command waits for indexes)
        found["moments"] = {
            name: round(statistics.median(r.moments[name] for r in runs), 3) for name in said
        }
    return found


# When `newsroom build` says its pages were on disk (generator.cli.build), in seconds
# since the command started, before the search indexes: readers' pages (its figure is
# the moment the last of them was out: the line comes once the other sites are weighed),
# then every page (the desk's too).
PAGES_OUT = {
    "public_pages": r"halaman publik pada \S+: \d+ situs ditulis, di disk dalam ([0-9.]+) dtk",
    "every_page": r"semua halamannya di disk dalam ([0-9.]+) dtk",
}


def ours_cold(root: Path, sites: list[str] | None = None, keep_photos: bool = False) -> Run:
    """`newsroom build` from nothing (no output, no caches), of every site or of `sites`;
    with `keep_photos`, from nothing but the photo cache the last build left."""
    shutil.rmtree(root / "site", ignore_errors=True)
    if keep_photos:
        remove_all_but(root / ".cache", root / PHOTO_CACHE)
    else:
        shutil.rmtree(root / ".cache", ignore_errors=True)
    chosen = [arg for site in sites or [] for arg in ("--site", site)]
    command = [str(BIN / "newsroom"), "build", "--now", NOW, "--lang", "id", *chosen]
    which = f"{len(sites)} sites" if sites else "every site and the desk"
    photos = ", photos' pictures cached" if keep_photos else ""
    label = f"ours, cold build of {which}{photos} ({root.name}/)"
    return measure(command, root, moments=PAGES_OUT, label=label)


def remove_all_but(folder: Path, kept: Path) -> None:
    """Delete everything in `folder` but `kept` (somewhere inside it) and its parents."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry == kept:
            continue
        if entry in kept.parents:
            remove_all_but(entry, kept)
        elif entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def public_sites() -> list[str]:
    """The issue's comparison: the national site and the 38 provincial ones, no desk."""
    return ["nasional", *(p.site_id for p in sorted(PROVINCES.values(), key=lambda p: p.code))]


def ours_rebuild(root: Path, kind: str, n: int, photo: bytes | None = None) -> Run:
    """Rebuild the built corpus after adding (or editing) one release (run number `n`).

    "add" adds a release with `photo` as its lead image (none if None); "add-cached"
    adds another release whose photo has the same bytes as run `n` of "add" had,
    so its pictures are in the photo cache already: all the same work but making them.
    """
    releases = sorted((root / "content" / "releases").rglob("*.md"))
    releases = [r for r in releases if not r.name.startswith("rilis-baru-")]
    if kind == "edit":
        target = releases[len(releases) // 2 + n]
        target.write_text(target.read_text() + f"\nParagraf tambahan {n}.\n")
    else:
        name = f"rilis-baru-{n}" if kind == "add" else f"rilis-baru-hangat-{n}"
        add_release(root, releases[0], name, photo)
    command = [str(BIN / "newsroom"), "build", "--now", NOW, "--lang", "id"]
    return measure(command, root, moments=PAGES_OUT, label=f"ours, rebuild ({kind} one)")


def add_release(root: Path, model: Path, name: str, photo: bytes | None) -> None:
    """A new release `name` beside `model`, a copy of it with another title and, when
    given, `photo` (written into the office's assets) as its lead image."""
    front, body = model.read_text().split("\n---\n", 1)
    lines = [line for line in front.splitlines() if not line.startswith("image:")]
    text = "\n".join(lines).replace("title: ", f"title: Baru {name} ", 1) + "\n"
    if photo is not None:
        office = model.parent.parent.name  # content/releases/<office>/<yyyy>/<slug>.md
        assets = root / "content" / "assets" / office
        text += lead_photo(assets, name, f"Foto kegiatan {name}", photo)
    (model.parent / f"{name}.md").write_text(f"{text}---\n{body}")


def taking_turns(
    ours: list[Callable[[int], Run]], hugo: Path | None, runs: int
) -> tuple[list[list[Run]], list[list[Run]]]:
    """Each of `ours` (given the run's number) and Hugo's cold build after it, run by
    run: the machine's slow spells (disk writeback, a noisy neighbour, a drained disk
    quota late in the bench) then fall on both sides of a ratio alike, and on both
    rows of a pair (a build and its twin with the photos' pictures cached)."""
    mine: list[list[Run]] = [[] for _ in ours]
    theirs: list[list[Run]] = [[] for _ in ours]
    for n in range(runs):
        for each, build in enumerate(ours):
            mine[each].append(build(n))
            if hugo is not None:
                theirs[each].append(hugo_cold(hugo))
    return mine, theirs


def hugo_cold(hugo: Path) -> Run:
    shutil.rmtree(hugo / "public", ignore_errors=True)
    return measure([str(BIN / "hugo"), "--quiet"], hugo, label="Hugo, cold build of one site")


def pages(out: Path) -> int:
    return sum(1 for _ in out.rglob("*.html"))


def page_weight(sample_out: Path) -> dict[str, dict[str, int]]:
    """Bytes (gzip) and requests a reader's browser makes for three kinds of page,
    before the photos below the fold (lazy-loaded images do not block reading; a lead
    photo fetched at once is a request)."""
    national = sample_out / "nasional"
    chosen = {
        "home": national / "index.html",
        "release": national / RELEASE_PAGE,
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
    parser.add_argument(
        "--growth-to",
        type=int,
        metavar="N",
        help="only the growth rows: cold builds at --releases and at N (100000), no photos",
    )
    parser.add_argument(
        "--photo-every",
        type=int,
        default=PHOTO_EVERY,
        help="one release in N has a photo (0: none)",
    )
    args = parser.parse_args()
    report: dict[str, object] = {"releases": args.releases, "runs": args.runs}
    # The bytecode a regular `pip install` writes; our editable install leaves it to the
    # first run, and never if PYTHONDONTWRITEBYTECODE is set (0.14 s of every build).
    for package in ("generator", "sync"):
        compileall.compile_dir(REPO / package, quiet=1)
    if args.growth_to:
        with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as temp:
            peers = not args.skip_peers
            found = growth(Path(temp), args.releases, args.growth_to, args.runs, NOW, peers)
        print_growth(found)
        args.json.write_text(json.dumps(report | {"growth": found}, indent=1))
        print(f"\nwritten to {args.json}")
        return
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as temp:
        work = Path(temp)
        big = work / "newsroom"
        print(f"generating {args.releases} releases and their photos ...", file=sys.stderr)
        generate(big, args.releases, photo_every=args.photo_every)
        photos = sorted((big / "content" / "assets").rglob("*.jpg"))
        report["photos"] = {
            "count": len(photos),
            "mb": round(sum(p.stat().st_size for p in photos) / 1e6, 1),
        }
        # The photos the rebuilds add, one per run (none in a corpus without photos): made
        # now, not while timed.
        supply = PhotoSupply()
        taken = [datetime(2026, 11, 24, 9, n % 60) for n in range(args.runs)]
        fresh = [supply.photo(FRESH + n, taken[n]) if photos else None for n in range(args.runs)]
        # Every row of ours takes turns with Hugo's cold build, and its ratio is to the
        # Hugo runs beside it ("hugo_beside"); "hugo_cold" is the equal-work group's.
        hugo = None if args.skip_peers else hugo_site(big, work / "hugo")
        beside: dict[str, dict[str, object]] = {}  # Hugo runs beside each row

        def rows(*specs: tuple[str, Callable[[int], Run], Path | None]) -> list[list[Run]]:
            """Rows taking turns run by run; each row's runs."""
            mine, theirs = taking_turns([ours for _, ours, _ in specs], hugo, args.runs)
            for (key, _, out), my_runs, their_runs in zip(specs, mine, theirs, strict=True):
                report[key] = median(my_runs) | ({"pages": pages(out)} if out else {})
                if their_runs:
                    hugo_pages = pages(work / "hugo" / "public")
                    beside[key] = median(their_runs) | {"pages": hugo_pages}
            return mine

        def row(key: str, ours: Callable[[int], Run], out: Path | None = None) -> None:
            rows((key, ours, out))

        # With photos, each of these rows takes turns with its twin whose photos' pictures
        # are already cached, run by run: the image work is each run's difference.
        site = big / "site"
        cold = ("ours_cold", lambda n: ours_cold(big), site)
        if photos:
            cached = ("ours_cold_photos_cached", lambda n: ours_cold(big, keep_photos=True), site)
            image_cold = image_work(*rows(cold, cached))
        else:
            rows(cold)
        report["search"] = search_report(big / "site", public_sites())
        add = ("ours_rebuild_add_one", lambda n: ours_rebuild(big, "add", n, fresh[n]), None)
        if photos:
            add_cached = (
                "ours_rebuild_add_one_photo_cached",
                lambda n: ours_rebuild(big, "add-cached", n, fresh[n]),
                None,
            )
            image_add = image_work(*rows(add, add_cached))
            report["image_work"] = {"cold_build": image_cold, "rebuild_add_one": image_add}
        else:
            rows(add)
        row("ours_rebuild_edit_one", lambda n: ours_rebuild(big, "edit", n))
        # Issue 20's yardsticks: the 39 public sites with and without .gz twins, each
        # beside the floor of its own output, and Hugo's 39 sites (equal work) and one
        # site, all taking turns within each run. Last of our rows, as they leave only
        # the public sites built. Our builds keep the photo cache the rows above filled:
        # Hugo makes no pictures, and making them is the image-work row's to measure. (At
        # stop 47, with the pictures of the corpus's 2,000 phone photos made, this build
        # took 464 s against its floor's 33 s: the ratio measured WebP's encoder.)
        if hugo is not None:  # the releases the rebuild rows added or edited, in Hugo's too
            hugo_site(big, hugo)
        hugo_one = None if hugo is None else (lambda: hugo_cold(hugo))
        when = datetime.fromisoformat(NOW)
        cold_public = lambda: ours_cold(big, public_sites(), keep_photos=True)  # noqa: E731
        equal = equal_work(big, work, args.runs, cold_public, hugo_one, when)
        report["equal_work"] = equal | {"photos_pictures_cached": bool(photos)}
        report["ours_cold_public"] = equal[OURS]
        if HUGO_1 in equal:
            beside["ours_cold_public"] = equal[HUGO_1]
        if beside:
            report["hugo_cold"] = beside["ours_cold_public"]
            report["hugo_beside"] = beside
        if not args.skip_peers:
            small = work / "small"
            # No photos: the blog would only copy them, not make pictures of them.
            generate(small, args.material_releases, photo_every=0)
            blog = material_blog(small, work / "material")
            small_runs: list[Run] = []
            blog_runs: list[Run] = []
            for _ in range(args.runs):
                small_runs.append(ours_cold(small))
                blog_runs.append(
                    measure([str(BIN / "mkdocs"), "build", "-q"], blog, label="Material blog")
                )
            report["ours_cold_small"] = median(small_runs) | {"pages": pages(small / "site")}
            report["material_blog_cold_small"] = median(blog_runs) | {"pages": pages(blog / "site")}
        sample = work / "sample"
        shutil.copytree(REPO / "content", sample / "content")
        shutil.copy(REPO / "mkdocs.yml", sample / "mkdocs.yml")
        measure([str(BIN / "newsroom"), "build", "--now", NOW], sample)
        report["page_weight"] = page_weight(sample / "site")
    print_table(report)
    print_equal_work(report["equal_work"])  # type: ignore[arg-type]
    print_search(report["search"])  # type: ignore[arg-type]
    args.json.write_text(json.dumps(report, indent=1))
    print(f"\nwritten to {args.json}")


def image_work(full: list[Run], cached: list[Run]) -> dict[str, object]:
    """The time making pictures takes: each run of a build with photos to make less the
    run of its twin beside it, with those pictures already cached (median of the runs);
    and its share of the build's median."""
    differences = [mine.seconds - twin.seconds for mine, twin in zip(full, cached, strict=True)]
    seconds = statistics.median(differences)
    whole = statistics.median(run.seconds for run in full)
    return {
        "seconds": round(seconds, 3),
        "share": round(seconds / whole, 3),
        "runs": [round(each, 3) for each in differences],
    }


MOMENT_LABELS = {
    "public_pages": "public pages on disk",
    "every_page": "every page on disk (the desk too)",
}


def print_table(report: dict) -> None:  # type: ignore[type-arg]
    rows = [("measure", "seconds (median)", "peak MB", "pages", "pages/s")]
    for key, label in [
        ("ours_cold_public", f"ours: cold build, 39 public sites, {report['releases']} releases"),
        ("ours_cold", f"ours: cold build, all sites and desk, {report['releases']} releases"),
        ("ours_cold_photos_cached", "ours: the same, its photos' pictures already cached"),
        ("hugo_cold", f"Hugo: cold build, one site, {report['releases']} releases"),
        ("ours_rebuild_add_one", "ours: rebuild after adding one release (with a photo)"),
        ("ours_rebuild_add_one_photo_cached", "ours: the same, its photo's pictures cached"),
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
            for name, seconds in item.get("moments", {}).items():
                rows.append((f"  of which {MOMENT_LABELS[name]}", f"{seconds:.2f}", "", "", ""))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
    if "image_work" in report:
        photos, work = report["photos"], report["image_work"]
        print(f"\nphotos in the corpus: {photos['count']} phone JPEGs, {photos['mb']} MB")
        for key, label in [
            ("cold_build", "cold build"),
            ("rebuild_add_one", "rebuild after adding one release with a photo"),
        ]:
            part = work[key]
            print(f"image work, {label}: {part['seconds']:.2f} s ({part['share']:.0%})")
    ratios = {}
    if "hugo_beside" in report:
        beside = report["hugo_beside"]
        print("\nHugo's cold build, in the runs taking turns with each row:")
        for key, name in [  # Hugo makes no pictures: the cached row is the like-for-like one
            ("ours_cold_public", "cold public sites ours/Hugo"),
            ("ours_cold", "cold with desk ours/Hugo"),
            ("ours_cold_photos_cached", "cold, pictures cached, ours/Hugo"),
            ("ours_rebuild_add_one", "rebuild(add) ours/Hugo cold"),
            ("ours_rebuild_edit_one", "rebuild(edit) ours/Hugo cold"),
        ]:
            if key in beside:
                print(f"  beside {key:<34}{beside[key]['seconds']:.2f} s")
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
