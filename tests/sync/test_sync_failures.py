"""What the sync says when an office fails or refuses files: git's own line with its fix
in the user's language, every refused file counted, refusals kept listed until fixed
or removed upstream, and an office without a source named, never silently skipped.
Real git repositories and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.cli.sync import sync_table
from generator.content.limits import MAX_RELEASE_BYTES
from generator.content.repository import CENTRAL, Layout
from generator.content.runrecords import latest_run
from generator.content.syncstate import load_state
from sync.apply import OfficeResult
from sync.runner import Options, sync
from sync.sources.git import _env, telling_lines
from tests.conftest import invoke, release_text
from tests.sitebuild import build_repo
from tests.sync.gitrepos import central_repo, commit, git, git_over_http, office_repo, write
from tests.sync.test_feed_sync import FAST, Server, kutim_items, serve_feed

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


def sync_one(central: Path, office: str = "kutai-timur") -> OfficeResult:
    results = {r.office: r for r in sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))}
    return results[office]


def kutim(root: Path, files: dict[str, str | bytes] | None = None) -> Path:
    return office_repo(
        root, "kutai-timur", files or {"releases/2026/rapat.md": release_text(title="Rapat")}
    )


# --- 1. git's errors --------------------------------------------------------------


def _missing(tmp_path: Path) -> tuple[str, str]:
    return str(tmp_path / "tidak-ada"), "main"


def _not_a_repository(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "folder-biasa").mkdir()
    return str(tmp_path / "folder-biasa"), "main"


def _missing_branch(tmp_path: Path) -> tuple[str, str]:
    return str(kutim(tmp_path / "kutim")), "terbit"


@pytest.mark.parametrize(
    ("make", "english", "indonesian", "git_says", "fix"),
    [
        (
            _missing,
            "repository was not found",
            "repositori kantor tidak ditemukan",
            "does not appear to be a git repository",
            "check the office's `source: git` address",
        ),
        (
            _not_a_repository,
            "repository was not found",
            "repositori kantor tidak ditemukan",
            "does not appear to be a git repository",
            "check the office's `source: git` address",
        ),
        (
            _missing_branch,
            "there is no branch 'terbit'",
            "cabang 'terbit' tidak ada",
            "couldn't find remote ref refs/heads/terbit",
            "check the office's `branch:`",
        ),
    ],
)
def test_a_git_failure_says_what_happened_and_the_fix_in_both_languages(
    tmp_path: Path,
    make: object,
    english: str,
    indonesian: str,
    git_says: str,
    fix: str,
) -> None:
    url, branch = make(tmp_path)  # type: ignore[operator]
    central = central_repo(tmp_path / "pusat", {})
    write(
        central,
        {
            "content/offices.yml": "- id: kutai-timur\n  name: Kutim\n  level: kabupaten\n"
            f'  province: "64"\n  source: {{git: "{url}", branch: {branch}}}\n'
        },
    )
    result = sync_one(central)
    assert result.error is not None
    assert english in result.error and git_says in result.error and fix in result.error
    assert "and the repository exists." not in result.error  # git's advice, not what happened
    assert indonesian in (result.error_in("id") or "") and git_says in (result.error_in("id") or "")
    assert english in sync_table([result], "en", False)
    assert indonesian in sync_table([result], "id", False)
    # The record keeps both; the desk shows the Indonesian one.
    entry = latest_run(central)["offices"]["kutai-timur"]
    assert english in entry["error"] and indonesian in entry["error_id"]
    health = json.loads((central / ".newsroom/health.json").read_text())
    assert indonesian in health["kutai-timur"]["last_error_id"]


def test_a_refused_login_says_so_and_never_asks_on_a_terminal(tmp_path: Path) -> None:
    assert _env()["GIT_TERMINAL_PROMPT"] == "0"
    kutim(tmp_path / "served" / "kutim.git")
    with git_over_http(tmp_path / "served", "kantor", "rahasia-token") as served:
        central = central_repo(tmp_path / "pusat", {"kutai-timur": served.url + "kutim.git"})
        result = sync_one(central)
    assert served.refused >= 1  # the server answered 401
    assert result.error is not None
    assert "refused the login" in result.error and "Authentication failed" in result.error
    assert "NEWSROOM_GIT_ASKPASS" in result.error
    assert "menolak login" in (result.error_in("id") or "")
    assert "rahasia-token" not in json.dumps(latest_run(central))


def test_credentials_in_gits_lines_are_removed(tmp_path: Path) -> None:
    """Whatever git prints (an older git, a remote's own words): no secret is kept."""
    done = subprocess.run(
        ["git", "ls-remote", "http://budi:rahasia@127.0.0.1:9/kutim.git?token=abc123"],
        capture_output=True,
        env=_env(),
        check=False,
    )
    stderr = done.stderr.decode() + (
        "remote: see https://budi:rahasia@git.example.go.id/x?token=abc123 for help\n"
    )
    lines = telling_lines(stderr)
    assert lines and any("remote:" in line for line in lines)
    assert not any("rahasia" in line or "abc123" in line or "budi" in line for line in lines)


# --- 2 and 3. refused files, counted and kept -----------------------------------


def test_every_refused_file_is_counted_and_stays_listed_until_fixed(tmp_path: Path) -> None:
    office = kutim(
        tmp_path / "kutim",
        {
            "releases/2026/rapat.md": release_text(title="Rapat"),
            "releases/2026/besar.md": release_text(title="Besar") + "x" * MAX_RELEASE_BYTES,
            "releases/2026/lain.md": release_text(title="Lain", kantor="ambon"),
        },
    )
    os.symlink("rapat.md", office / "releases/2026/tautan.md")
    commit(office, "rilis dengan masalah")
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    refused = ["releases/2026/besar.md", "releases/2026/lain.md", "releases/2026/tautan.md"]

    first = sync_one(central)
    assert first.ok and first.new == ["kutai-timur/2026/rapat"]
    assert first.rejected == refused
    assert "  3" in sync_table([first], "id", False).splitlines()[1]

    # Nothing new upstream: the same refusals, in the summary, the record and the desk.
    again = sync_one(central)
    assert again.ok and not again.new
    assert again.rejected == refused
    assert {p.code for p in again.problems} == {p.code for p in first.problems}
    assert "  3" in sync_table([again], "en", False).splitlines()[1]
    entry = latest_run(central)["offices"]["kutai-timur"]
    assert entry["rejected"] == refused and any("tautan.md" in p for p in entry["problems_id"])
    desk = desk_pages(central)
    assert "berkas ditolak pada sinkronisasi terakhirnya: 3" in desk["kantor/kutai-timur"]
    assert "tautan.md" in desk["kantor/kutai-timur"] and "besar.md" in desk["kantor/kutai-timur"]
    assert "tautan.md" in desk["peringatan"] and "besar.md" in desk["peringatan"]

    # Fixed or removed upstream: gone.
    (office / "releases/2026/tautan.md").unlink()
    write(office, {"releases/2026/besar.md": release_text(title="Besar")})
    write(office, {"releases/2026/lain.md": release_text(title="Lain")})
    commit(office, "diperbaiki")
    fixed = sync_one(central)
    assert fixed.ok and fixed.rejected == [] and fixed.problems == []
    assert load_state(central / "content", "kutai-timur").refused == []
    assert latest_run(central)["offices"]["kutai-timur"]["rejected"] == []
    desk = desk_pages(central)
    assert "berkas ditolak pada sinkronisasi terakhirnya: 0" in desk["kantor/kutai-timur"]
    assert "tautan.md" not in desk["peringatan"] and "tautan.md" not in desk["kantor/kutai-timur"]


def test_a_failed_fetch_keeps_the_open_refusals_listed(tmp_path: Path) -> None:
    office = kutim(tmp_path / "kutim")
    os.symlink("rapat.md", office / "releases/2026/tautan.md")
    commit(office, "tautan")
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    assert sync_one(central).rejected == ["releases/2026/tautan.md"]
    git(office, "branch", "-m", "main", "lama")  # the branch is gone: the fetch fails
    failed = sync_one(central)
    assert not failed.ok and failed.rejected == ["releases/2026/tautan.md"]


def desk_pages(central: Path) -> dict[str, str]:
    out = build_repo(central, NOW, "https://pusat.example.go.id/", out=central / "meja")
    pages = {}
    for page in (out / "desk").rglob("index.html"):
        name = page.parent.relative_to(out / "desk").as_posix()
        pages[name] = page.read_text(encoding="utf-8")
    return pages


# --- 4. an office without a source, an unknown office -----------------------------


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "has no source"), ("id", "tidak punya sumber")],
)
def test_syncing_an_office_without_a_source_says_so_and_exits_2(
    tmp_path: Path, lang: str, said: str
) -> None:
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(kutim(tmp_path / "kutim"))})
    offices = central / "content/offices.yml"
    offices.write_text(
        offices.read_text() + '- id: ambon\n  name: Ambon\n  level: kota\n  province: "81"\n'
    )
    done = invoke(["sync", "--office", "ambon", "--lang", lang], central)
    assert done.exit_code == 2, done.output
    assert said in done.output and "'ambon'" in done.output and "kutai-timur" in done.output
    assert not (central / ".newsroom/runs").exists() or not list(
        (central / ".newsroom/runs").iterdir()
    )


def test_syncing_an_unknown_office_exits_2_naming_it(tmp_path: Path) -> None:
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(kutim(tmp_path / "kutim"))})
    done = invoke(["sync", "--office", "kutai-barat"], central)
    assert done.exit_code == 2, done.output
    assert "'kutai-barat'" in done.output and "kutai-timur" in done.output


# --- a feed whose items all claim another office ----------------------------------


def test_a_feed_whose_items_all_claim_another_office_is_not_ok_with_0(
    server: Server, published: Path, tmp_path: Path
) -> None:
    items = kutim_items(published)
    for item in items:
        item["_newsroom"].update(id=item["_newsroom"]["id"].replace("kutai-timur", "kemensos"))
    source = serve_feed(server, published, tmp_path.name, items)
    central = central_repo(tmp_path / "pusat", {"kutai-timur": source})
    claimed = sorted(item["_newsroom"]["id"] for item in items)

    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    assert result.ok and not result.new
    assert result.rejected == claimed
    row = sync_table([result], "id", False).splitlines()[1].split()
    assert row[:5] == ["kutai-timur", "0", "0", "0", str(len(claimed))]

    # The same feed again (answered 304): the refusals stay.
    (again,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    assert again.ok and again.rejected == claimed
    assert [p.code for p in again.problems] == ["foreign_office"] * len(claimed)
    assert latest_run(central)["offices"]["kutai-timur"]["rejected"] == claimed

    # The office fixes its feed: no refusal left.
    serve_feed(server, published, tmp_path.name, kutim_items(published))
    (fixed,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    assert fixed.ok and fixed.rejected == [] and len(fixed.new) == len(claimed)


def test_a_kept_refusal_edited_into_nonsense_is_left_out_not_the_state(tmp_path: Path) -> None:
    office = kutim(tmp_path / "kutim")
    os.symlink("rapat.md", office / "releases/2026/tautan.md")
    commit(office, "tautan")
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    sync_one(central)
    path = central / "content/sync/kutai-timur.json"
    state = json.loads(path.read_text())
    state["problems"] = [{**state["problems"][0], "code": "bukan-kode"}, *state["problems"]]
    path.write_text(json.dumps(state))
    again = sync_one(central)
    assert again.ok and not again.new and [p.code for p in again.problems] == ["symlink"]
    assert load_state(central / "content", "kutai-timur").releases  # the rest is kept
