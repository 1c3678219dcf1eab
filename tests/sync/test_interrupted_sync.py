"""Kill `newsroom sync` with SIGKILL at random points (fixed seeds): the re-run
converges to the bytes of an undisturbed run, and no file is ever half-written."""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.content import runrecords
from generator.content.repository import CENTRAL, Layout, load_repository
from generator.content.runrecords import ARRIVALS_CACHE, arrivals, latest_run, new_in_last_sync
from sync.runner import Options, sync
from tests.conftest import make_png, release_text
from tests.sync.gitrepos import central_repo, commit, git, office_repo, tree_files, write
from tests.sync.killing import assert_each_kill_converges, reported, runs

RELEASES = 400
# Every run at one clock: a sync records when it copied each release, and an undisturbed
# run at another time would rightly record another time.
AT = ["--now", "2027-01-15T10:00:00+07:00"]


def big_office(root: Path) -> Path:
    files = {
        f"releases/2026/rilis-{n:04d}.md": release_text(
            title=f"Rilis nomor {n}", date=f"2026-{1 + n % 12:02d}-{1 + n % 28:02d} 10:00"
        )
        + ("Paragraf isi rilis yang cukup panjang. " * 40)
        for n in range(RELEASES)
    }
    return office_repo(root, "kutai-timur", files)


def test_killed_sync_converges_to_the_undisturbed_result(tmp_path: Path) -> None:
    office = big_office(tmp_path / "kantor")
    newsroom = Path(sys.executable).parent / "newsroom"
    calm = central_repo(tmp_path / "tenang", {"kutai-timur": str(office)})
    writing, duration = write_window(newsroom, calm)
    expected = tree_files(calm / "content")
    assert len([n for n in expected if n.endswith(".md")]) == RELEASES

    shaken = central_repo(tmp_path / "terganggu", {"kutai-timur": str(office)})
    midway = 0
    earlier: set[Path] = set()  # run records from before the last start-over
    # Kill points spread over the part of a run where files are written (the releases
    # are all validated first, then written), and a little before it; the window
    # narrows to where kills land mid-way, whatever the load on the machine.
    low, high = writing * 0.8, duration * 0.98
    for seed in range(6):
        state = shaken / "content" / "sync" / "kutai-timur.json"
        if state.exists():  # a run got to the end: start over so the next kill lands mid-way
            shutil.rmtree(shaken / "content" / "releases")
            state.unlink()
            earlier = set((shaken / ".newsroom" / "runs").glob("*.json"))
        delay = random.Random(seed).uniform(low, high)
        process = subprocess.Popen(
            [str(newsroom), "sync", *AT],
            cwd=shaken,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert_whole_files(shaken)
        written = list((shaken / "content").rglob("*.md"))
        midway += bool(written) and (not state.exists() or len(written) < RELEASES)
        if not written:
            low = min(delay, high * 0.95)  # too early: nothing written yet
        elif state.exists():
            high = max(delay, low * 1.05)  # too late: it had finished
    final = subprocess.run([str(newsroom), "sync", *AT], cwd=shaken, capture_output=True, text=True)
    assert final.returncode == 0, final.stdout + final.stderr
    assert tree_files(shaken / "content") == expected
    assert midway > 0  # at least one run was cut off between files
    # Every release the killed runs brought is reported new once, as the calm run did.
    assert reported_new(shaken, earlier) == reported_new(calm, set())
    git(shaken, "add", "-A")
    git(shaken, "commit", "-q", "-m", "sinkronisasi")
    again = subprocess.run([str(newsroom), "sync", *AT], cwd=shaken, capture_output=True)
    assert again.returncode == 0 and git(shaken, "status", "--porcelain") == ""


def write_window(newsroom: Path, central: Path) -> tuple[float, float]:
    """Run a sync undisturbed; (seconds until its first release file, seconds in all)."""
    start = time.monotonic()
    process = subprocess.Popen(
        [str(newsroom), "sync", *AT],
        cwd=central,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    releases = central / "content" / "releases"
    first = None
    while process.poll() is None:
        if first is None and releases.is_dir() and next(releases.rglob("*.md"), None):
            first = time.monotonic() - start
        time.sleep(0.005)
    duration = time.monotonic() - start
    assert process.returncode == 0
    return (first if first is not None else duration * 0.5), duration


def reported_new(central: Path, earlier: set[Path]) -> list[str]:
    """The ids the run records written since `earlier` report new, each time reported."""
    records = sorted(set((central / ".newsroom" / "runs").glob("*.json")) - earlier)
    offices = [json.loads(path.read_text())["offices"] for path in records]
    return sorted(rid for office in offices for rid in office["kutai-timur"]["new"])


def assert_whole_files(central: Path) -> None:
    """Every release file present parses completely; a killed writer leaves none half-done."""
    repo = load_repository(Layout(central, CENTRAL))
    assert repo.report.errors == [], [p.format("en") for p in repo.report.errors][:3]


# --- what a killed run brought is still reported ------------------------------------

# Where a kill lands, as what the killed run had not yet written (rolled back):
# its releases, its note of what it brought, its state. It never wrote its run record.
KILL_POINTS = {
    "mid-way through the releases": (
        "content/releases/kutai-timur/2026/jalan.md",
        ".newsroom/pending/",
        "content/sync/",
    ),
    "after the releases, before the note": (".newsroom/pending/", "content/sync/"),
    "after the note, before the state": ("content/sync/",),
    "after the state, before the run record": (),
}


def run_record(central: Path) -> dict[str, list[str]]:
    entry = latest_run(central)["offices"]["kutai-timur"]
    return {key: entry[key] for key in ("new", "updated", "withdrawn")}


def synced_then_changed(folder: Path, now: datetime) -> Path:
    """A central repo synced once, and its office then changed: one release removed,
    one changed, one added."""
    slugs = ("air", "jalan", "pasar")
    files = {f"releases/2026/{slug}.md": release_text(title=slug) for slug in slugs}
    office = office_repo(folder / "kantor", "kutai-timur", files)
    central = central_repo(folder / "pusat", {"kutai-timur": str(office)})
    sync(Layout(central, CENTRAL), Options(now=now))
    git(office, "rm", "-q", "releases/2026/air.md")
    write(office, {"releases/2026/jalan.md": release_text(title="Jalan baru")})
    write(office, {"releases/2026/sekolah.md": release_text(title="Sekolah")})
    commit(office, "ubah, hapus, tambah")
    return central


@pytest.mark.parametrize("kill", KILL_POINTS)
def test_rerun_after_a_kill_reports_what_the_killed_run_brought(
    tmp_path: Path, kill: str, pinned_now: datetime
) -> None:
    # Pinned: the withdrawal both runs write says when (`withdrawn_at`).
    calm = synced_then_changed(tmp_path / "tenang", pinned_now)
    sync(Layout(calm, CENTRAL), Options(now=pinned_now))
    undisturbed = run_record(calm)
    assert undisturbed == {
        "new": ["kutai-timur/2026/sekolah"],
        "updated": ["kutai-timur/2026/jalan"],
        "withdrawn": ["kutai-timur/2026/air"],
    }
    shaken = synced_then_changed(tmp_path / "terganggu", pinned_now)
    before = tree_files(shaken)
    die_before_the_run_record(shaken, pinned_now)
    for prefix in KILL_POINTS[kill]:
        roll_back(shaken, before, prefix)
    (result,) = sync(Layout(shaken, CENTRAL), Options(now=pinned_now))
    assert result.ok, result.error
    assert run_record(shaken) == undisturbed
    assert new_in_last_sync(shaken) == {"kutai-timur/2026/sekolah"}
    # The desk's "new": what every run of the week brought, the killed run's included.
    brought = {f"kutai-timur/2026/{slug}" for slug in ("air", "jalan", "pasar", "sekolah")}
    assert set(arrivals(shaken, pinned_now)) == brought
    runrecords._entries.clear()  # as a process that starts cold: from the file
    assert (shaken / ARRIVALS_CACHE).is_file() and set(arrivals(shaken, pinned_now)) == brought
    releases = Path("content/releases")
    assert tree_files(shaken / releases) == tree_files(calm / releases)


def die_before_the_run_record(central: Path, now: datetime) -> None:
    """Sync with a file where the run records go: the run dies writing its record."""
    runs = central / ".newsroom" / "runs"
    aside = runs.rename(runs.with_name("runs-aside"))
    runs.write_text("")
    with pytest.raises(OSError):
        sync(Layout(central, CENTRAL), Options(now=now))
    runs.unlink()
    aside.rename(runs)


def roll_back(central: Path, before: dict[str, bytes], prefix: str) -> None:
    """Files under `prefix` as they were before the killed run."""
    now = {p.relative_to(central).as_posix() for p in central.rglob("*") if p.is_file()}
    for name in sorted(now | set(before)):
        if not name.startswith(prefix):
            continue
        if name in before:
            (central / name).parent.mkdir(parents=True, exist_ok=True)
            (central / name).write_bytes(before[name])
        else:
            (central / name).unlink()


def test_a_rerun_after_a_finished_run_reports_nothing_twice(tmp_path: Path) -> None:
    office = office_repo(
        tmp_path / "kantor", "kutai-timur", {"releases/2026/air.md": release_text(title="Air")}
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    assert new_in_last_sync(central) == {"kutai-timur/2026/air"}
    sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    assert run_record(central) == {"new": [], "updated": [], "withdrawn": []}


# --- killed in the middle of any write: an update and withdrawal sync, a feed sync -------


def test_a_sync_of_updates_and_withdrawals_killed_at_any_write_converges(tmp_path: Path) -> None:
    slugs = [f"rilis-{n}" for n in range(10)]
    files: dict[str, str | bytes] = {
        f"releases/2026/{slug}.md": release_text(title=slug) for slug in slugs
    }
    files["releases/2026/embargo.md"] = release_text(title="Embargo", publish_at="2099-01-01 08:00")
    files["assets/peta.png"] = make_png(4, 4)
    office = office_repo(tmp_path / "kantor", "kutai-timur", files)
    ready = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    sync(Layout(ready, CENTRAL), Options(now=datetime.now(UTC)))
    git(office, "rm", "-q", "releases/2026/rilis-0.md", "releases/2026/embargo.md")
    write(
        office,
        {
            "releases/2026/rilis-1.md": release_text(title="Diperbarui"),
            "releases/2026/rilis-2.md": release_text(
                title="rilis-2", status="withdrawn", withdrawn_reason="Ditarik."
            ),
            "releases/2026/rilis-3.md": release_text(title="rilis-3", status="draft"),
            "releases/2026/baru.md": release_text(
                title="Baru", image="{src: assets/foto.png, alt: Foto}"
            ),
            "assets/foto.png": make_png(6, 6),
            "assets/peta.png": make_png(8, 8),
        },
    )
    commit(office, "perbarui, tarik, hapus, tambah")
    assert assert_each_kill_converges(ready, tmp_path / "uji") >= 8
    calm = reported(tmp_path / "uji" / "tenang", runs(ready))
    assert calm == {
        "new": ["kutai-timur/2026/baru"],
        "updated": ["kutai-timur/2026/rilis-1"],
        "withdrawn": [
            "kutai-timur/2026/embargo",
            "kutai-timur/2026/rilis-0",
            "kutai-timur/2026/rilis-2",
            "kutai-timur/2026/rilis-3",
        ],
    }
