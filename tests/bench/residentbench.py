"""Resident service bench (issue 20): `newsroom watch` over a national corpus with 300
office git repositories, and `hugo server` beside it. Run with `make bench-resident`
(RELEASES=10000 by default).

Two rows, each over `--pushes` pushes (a commit in an office's repository, then its
GitHub-signed hook over 127.0.0.1), one office after another, one in fifteen central
(its release is on all 39 public sites), the others regional (their province's site
and the desk):

- sync → public: one release arriving by a sync until every affected page of every
  public site is on disk, what readers see ("public pages at ...": the last of those
  pages out, the desk perhaps still building);
- sync → disk: the same until every page, the desk's too, is on disk: the build's own
  seconds, as the service logs them ("pages at ...");
- push → disk: from the hook's request until the service logs those pages out (the
  page then checked on every site that shows it): what an office waits for;
- each of these with a photo: one push in `--photo-every`, if regional, brings its
  release's lead photo, a new 12 MP phone JPEG (made before the service starts, never
  timed), whose pictures the build makes before its pages; the rows "regional" and
  "central" are the pushes without one, "photo" those with one ("all": every push);
- its search indexes' run (Pagefind over each index that changed, in a process of the
  service's own, started once the pages are out: "search indexes at ..."), and push →
  that line;
- push → disk while the search indexes of a central release are being made (the
  national site's and the one the provinces share: 5 s at 10,000 releases, a minute
  while each province made its own): a regional push sent as soon as the central
  release's build is done (`--while-indexing` times).

Then `hugo server --disableFastRender` (serving from disk) over the same releases as one Hugo
site, and its rebuild of one edited post (its own "Total in" and our wall time).
Not part of `make test`: it measures, it does not judge.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from generator.content.provinces import PROVINCES
from generator.public.photocache import photo_key
from tests.bench.corpus import generate, lead_photo
from tests.bench.corpusphotos import PhotoSupply
from tests.bench.peers import hugo_site
from tests.generator.service.watching import Watch, github_headers, start_watch
from tests.sync.gitrepos import commit, git, write

NOW = "2026-11-24T00:00:00Z"
FRESH = 20_000_000  # numbers of the photos the pushes bring: none of the corpus's
BIN = Path(sys.executable).parent
CENTRAL_EVERY = 15  # one office in fifteen is a central one (its releases reach every site)


def office_ids(count: int) -> list[str]:
    return [f"kantor-{n:03d}" for n in range(count)]


def office_of(run: int, offices: int) -> int:
    """The office push number `run` comes from: spread over the offices, two central."""
    return (run * 7) % offices


def province_of(n: int) -> str | None:
    codes = sorted(PROVINCES)
    return None if n % CENTRAL_EVERY == 0 else codes[n % len(codes)]


def add_offices(root: Path, work: Path, count: int) -> Path:
    """`count` git offices (one release each) in the registry, with their secrets."""
    secrets = work / "rahasia"
    secrets.mkdir(mode=0o700)
    entries = []
    for n, office in enumerate(office_ids(count)):
        province = province_of(n)
        level = "pusat" if province is None else "kabupaten"
        repo = work / "kantor" / office
        repo.mkdir(parents=True)
        git(repo, "init", "-q", "-b", "main")
        where = f'province: "{province}"\n' if province else ""
        write(
            repo,
            {
                "office.yml": f"id: {office}\nname: Kantor {office}\nlevel: {level}\n{where}",
                "releases/2026/awal.md": _release(f"Rilis awal {office}"),
            },
        )
        commit(repo, "awal")
        where = f'  province: "{province}"\n' if province else ""
        entries.append(
            f"- id: {office}\n  name: Kantor {office}\n  level: {level}\n{where}"
            f'  source: {{git: "{repo}", branch: main}}\n'
        )
        (secrets / office).write_text(f"rahasia-{office}\n")
        (secrets / office).chmod(0o600)
    with (root / "content" / "offices.yml").open("a") as registry:
        registry.write("".join(entries))
    return secrets


def _release(title: str) -> str:
    body = "Isi rilis yang baru tiba. " * 120
    return f"---\ntitle: {title}\ndate: 2026-11-23 09:00\ncategory: berita\n---\n{body}\n"


def sites_showing(n: int) -> list[str]:
    province = province_of(n)
    if province is None:
        return ["nasional", *sorted(p.site_id for p in PROVINCES.values())]
    return [PROVINCES[province].site_id]


PAGES_OUT = r"pages at (\S+): (\d+) sites written, every page on disk in ([0-9.]+) s"
PUBLIC_OUT = r"public pages at (\S+): (\d+) sites written, on disk in ([0-9.]+) s"


def push(
    watch: Watch, work: Path, n: int, run: int, photo: bytes | None = None
) -> tuple[str, str, int, float]:
    """A release committed in office `n`'s repository (with `photo` as its lead image,
    if given) and its signed hook sent: (office, slug, the log's length before, the
    instant the hook was sent)."""
    office = f"kantor-{n:03d}"
    slug = f"bench-{run:02d}"
    repo = work / "kantor" / office
    release = _release(f"Rilis bench {run} {office}")
    files: dict[str, str | bytes] = {f"releases/2026/{slug}.md": release}
    if photo is not None:  # written into the office's assets, as the corpus's photos
        image = lead_photo(repo / "assets", slug, f"Foto kegiatan {slug}", photo)
        files[f"releases/2026/{slug}.md"] = release.replace("\n---\n", f"\n{image}---\n", 1)
    write(repo, files)
    commit(repo, f"bench {run}")
    body = json.dumps({"ref": "refs/heads/main", "run": run}).encode()
    before = len(watch.lines)
    started = time.monotonic()
    signed = github_headers(body, secret=f"rahasia-{office}".encode())
    status = watch.hook(body, signed, office=office)
    assert status == 202, (status, watch.lines[-5:])
    return office, slug, before, started


def on_every_site(root: Path, n: int, office: str, slug: str) -> None:
    missing = [
        site
        for site in sites_showing(n)
        if not (root / "site" / site / office / "2026" / slug / "index.html").is_file()
    ]
    assert not missing, (office, missing)


def push_and_wait(
    watch: Watch, work: Path, root: Path, n: int, run: int, photo: bytes | None
) -> dict[str, float]:
    """One push, its pages, then its search indexes (the service's next run of them)."""
    office, slug, before, started = push(watch, work, n, run, photo)
    pages = watch.wait_for(PAGES_OUT, after=before, timeout=600)
    took = time.monotonic() - started
    public = watch.wait_for(PUBLIC_OUT, after=before, timeout=60)
    built = watch.wait_for(
        rf"build \(webhook {office}\) at (\S+): (\d+) sites rebuilt .* ([0-9.]+) s$",
        after=before,
        timeout=900,
    )
    index = watch.wait_for(
        rf"search indexes at {re.escape(built.group(1))}: .* ([0-9.]+) s$",
        after=before,
        timeout=900,
    )
    indexed = time.monotonic() - started
    synced = watch.wait_for(rf"sync {office}: .* ([0-9.]+) s", after=before)
    on_every_site(root, n, office, slug)
    if photo is not None:  # its pictures were made, and are on the site beside its page
        picture = root / "site" / sites_showing(n)[0] / "foto" / f"{photo_key(photo)}-360.webp"
        assert picture.is_file(), picture
    return {
        "office": n,
        "central": float(province_of(n) is None),
        "photo": float(photo is not None),
        "push_to_disk_s": round(took, 3),
        "push_to_index_s": round(indexed, 3),
        "sync_s": float(synced.group(1)),
        "public_s": float(public.group(3)),  # sync done -> every public page on disk
        "build_s": float(pages.group(3)),  # sync done -> every page on disk, the desk's too
        "index_run_s": float(index.group(1)),  # the run of its indexes, after the build
        "sites_rebuilt": float(built.group(2)),
    }


def push_while_indexing(
    watch: Watch, work: Path, root: Path, central: int, regional: int, run: int
) -> dict[str, float]:
    """A central release pushed, and once its build is done (its indexes under way), a
    regional one: that office's wait from its hook to its pages."""
    office, slug, before, _ = push(watch, work, central, run)
    watch.wait_for(rf"build \(webhook {office}\) at", after=before, timeout=900)
    on_every_site(root, central, office, slug)
    office, slug, before, started = push(watch, work, regional, run + 1)
    watch.wait_for(PAGES_OUT, after=before, timeout=900)
    took = time.monotonic() - started
    indexing = watch.status()["indexing"] is not None  # the central run still under way
    on_every_site(root, regional, office, slug)
    watch.wait_for(rf"build \(webhook {office}\) at", after=before, timeout=900)
    while watch.status()["indexing"] is not None:  # every index made before the next
        time.sleep(0.5)
    return {"push_to_disk_s": round(took, 3), "indexing_meanwhile": float(indexing)}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def hugo_server_rebuilds(root: Path, work: Path, edits: int) -> dict[str, object]:
    """`hugo server`'s rebuild of one edited post, `edits` times: Hugo's "Total in" and
    the wall time from the write to that line."""
    site = hugo_site(root, work / "hugo")
    command = [
        str(BIN / "hugo"),
        "server",
        "--disableFastRender",  # every page rendered again, as ours are; from disk
        "--bind",
        "127.0.0.1",
        "--port",
        str(_free_port()),
        "--disableLiveReload",
    ]
    process = subprocess.Popen(
        command, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")))  # type: ignore[union-attr]
    reader.start()
    try:
        _wait_line(lines, 0, r"Web Server is available", 900, process)
        posts = sorted((site / "content" / "posts").glob("*.md"))
        totals, walls = [], []
        for edit in range(edits):
            post = posts[(edit * 997) % len(posts)]
            before = len(lines)
            time.sleep(1.0)  # Hugo's watcher batches events: one change at a time
            started = time.monotonic()
            post.write_text(post.read_text() + f"\nParagraf tambahan {edit}.\n")
            found = _wait_line(lines, before, r"Total in (\d+) ms", 300, process)
            walls.append(time.monotonic() - started)
            totals.append(int(found.group(1)) / 1000)
    finally:
        process.terminate()
        process.wait(timeout=60)
        reader.join(timeout=10)
    return {
        "posts": len(posts),
        "total_in_median_s": round(statistics.median(totals), 3),
        "wall_median_s": round(statistics.median(walls), 3),
        "total_in_s": totals,
        "wall_s": [round(w, 3) for w in walls],
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_line(
    lines: list[str], after: int, pattern: str, timeout: float, process: subprocess.Popen[str]
) -> re.Match[str]:
    compiled = re.compile(pattern)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        for line in lines[after:]:
            found = compiled.search(line)
            if found:
                return found
        time.sleep(0.02)
    raise RuntimeError(f"hugo said no {pattern!r}:\n" + "".join(lines[-30:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--releases", type=int, default=10_000)
    parser.add_argument("--offices", type=int, default=300)
    parser.add_argument("--pushes", type=int, default=20)
    parser.add_argument("--hugo-edits", type=int, default=5)
    parser.add_argument(
        "--photo-every",
        type=int,
        default=2,
        help="one push in N brings a new phone photo as its lead image (0: none)",
    )
    parser.add_argument(
        "--while-indexing", type=int, default=3, help="regional pushes during a central index run"
    )
    parser.add_argument("--skip-hugo", action="store_true")
    parser.add_argument("--log", type=Path, help="write the service's log to this file")
    parser.add_argument("--json", type=Path, default=Path("resident-bench.json"))
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="make the corpus in DIR (new) and leave it there, to trace a push afterwards",
    )
    args = parser.parse_args()
    if args.keep is not None and args.keep.exists():
        parser.error(f"--keep {args.keep}: exists already; name a new folder")
    with _corpus_folder(args.keep) as work:
        root = work / "pusat"
        print(f"corpus: {args.releases} releases, {args.offices} git offices ...", file=sys.stderr)
        generate(root, args.releases, photo_every=0)
        secrets = add_offices(root, work, args.offices)
        supply = PhotoSupply()
        # Regional pushes only: the central rows stay the text-only ones they were, and
        # the photo rows one kind of push (its province's site and the desk).
        photos = {
            run: supply.photo(FRESH + run, datetime(2026, 11, 23, 8, run % 60))
            for run in range(args.pushes)
            if args.photo_every
            and run % args.photo_every == args.photo_every - 1
            and province_of(office_of(run, args.offices)) is not None
        }
        started = time.monotonic()
        env = {**os.environ}
        subprocess.run(
            [str(BIN / "newsroom"), "sync", "--now", NOW],
            cwd=root,
            env=env,
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        first_sync = time.monotonic() - started
        print(f"first sync of {args.offices} offices: {first_sync:.1f} s", file=sys.stderr)
        started = time.monotonic()
        watch = start_watch(root, secrets, "--interval", "86400", now=NOW, timeout=3600)
        watch.indexes_made(timeout=3600)  # the cold build's 39 indexes, before any push
        first_build = time.monotonic() - started
        print(
            f"service up, its cold build and its indexes made: {first_build:.1f} s", file=sys.stderr
        )
        try:
            runs = []
            for run in range(args.pushes):
                n = office_of(run, args.offices)
                runs.append(push_and_wait(watch, work, root, n, run, photos.get(run)))
                print(json.dumps(runs[-1]), file=sys.stderr)
            meanwhile = []
            for turn in range(args.while_indexing):
                # A central office (one in fifteen), not one of those pushed above.
                central = CENTRAL_EVERY * (3 * (turn + 1) % (args.offices // CENTRAL_EVERY))
                regional = central + 1 + turn
                run = 100 + 2 * turn
                meanwhile.append(push_while_indexing(watch, work, root, central, regional, run))
                print(json.dumps(meanwhile[-1]), file=sys.stderr)
        finally:
            watch.stop()
            if args.log is not None:  # what the service said, to see where a push's time went
                text = "".join(f"{line}\n" for line in watch.lines)
                args.log.write_text(text, encoding="utf-8")
        hugo = None if args.skip_hugo else hugo_server_rebuilds(root, work, args.hugo_edits)
    report = _report(args, runs, meanwhile, first_sync, first_build, hugo)
    _print(report)
    args.json.write_text(json.dumps(report, indent=1))
    print(f"written to {args.json}")


@contextlib.contextmanager
def _corpus_folder(keep: Path | None) -> Iterator[Path]:
    """A temporary folder, removed after the run; or `keep`, made new and left."""
    if keep is None:
        with tempfile.TemporaryDirectory(prefix="resident-bench-") as temp:
            yield Path(temp)
        return
    keep.mkdir(parents=True)
    print(f"the corpus stays in {keep}", file=sys.stderr)
    yield keep.resolve()


def _report(
    args: argparse.Namespace,
    runs: list[dict[str, float]],
    meanwhile: list[dict[str, float]],
    first_sync: float,
    first_build: float,
    hugo: dict[str, object] | None,
) -> dict[str, object]:
    def summary(key: str, chosen: list[dict[str, float]]) -> dict[str, float]:
        values = [r[key] for r in chosen]
        if not values:
            return {}
        return {
            "median": round(statistics.median(values), 3),
            "p95": round(p95(values), 3),
            "max": max(values),
        }

    plain = [r for r in runs if not r["photo"]]
    regional = [r for r in plain if not r["central"]]
    central = [r for r in plain if r["central"]]
    photo = [r for r in runs if r["photo"]]
    kinds = {"all": runs, "regional": regional, "central": central, "photo": photo}

    def by_kind(key: str) -> dict[str, dict[str, float]]:
        return {kind: summary(key, chosen) for kind, chosen in kinds.items()}

    return {
        "releases": args.releases,
        "offices": args.offices,
        "pushes": len(runs),
        "pushes_with_a_photo": len(photo),
        "first_sync_s": round(first_sync, 1),
        "service_start_cold_build_s": round(first_build, 1),
        "sync_to_public_s": by_kind("public_s"),
        "sync_to_disk_s": by_kind("build_s"),
        "push_to_disk_s": by_kind("push_to_disk_s"),
        "index_run_s": by_kind("index_run_s"),
        "push_to_index_s": by_kind("push_to_index_s"),
        "push_while_indexing_s": {"regional": summary("push_to_disk_s", meanwhile)},
        "indexing_meanwhile": sum(int(r["indexing_meanwhile"]) for r in meanwhile),
        "sync_s": summary("sync_s", runs),
        "hugo_server": hugo,
        "runs": runs,
        "while_indexing": meanwhile,
    }


def _print(report: dict[str, object]) -> None:
    print(
        f"resident service, {report['releases']} releases, {report['offices']} offices, "
        f"{report['pushes']} pushes ({report['pushes_with_a_photo']} with a new phone photo)"
    )
    for key, label in (
        ("sync_to_public_s", "sync -> every public page on disk"),
        ("sync_to_disk_s", "sync -> every page on disk (desk too)"),
        ("push_to_disk_s", "push + hook -> every page on disk"),
        ("index_run_s", "its search indexes' run (after the build)"),
        ("push_to_index_s", "push + hook -> every index refreshed"),
        ("push_while_indexing_s", "push -> disk, a central index run under way"),
    ):
        rows = report[key]
        assert isinstance(rows, dict)
        for kind, row in rows.items():
            if row:
                print(
                    f"  {label:<44} {kind:<9} median {row['median']:.2f} s  p95 "
                    f"{row['p95']:.2f} s  max {row['max']:.2f} s"
                )
    hugo = report["hugo_server"]
    if isinstance(hugo, dict):
        print(
            f"  hugo server, one edited post ({hugo['posts']} posts): Total in median "
            f"{hugo['total_in_median_s']:.2f} s, wall {hugo['wall_median_s']:.2f} s"
        )


if __name__ == "__main__":
    main()
