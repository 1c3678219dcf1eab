"""What one office may cost a sync, from real git repositories: the git cache, the disk
under content/assets, file names no record can hold, names no file system takes."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from generator.content.repository import CENTRAL, Layout
from generator.content.runrecords import HEALTH_FILE, RUNS_DIR, latest_run
from generator.util.fsio import write_atomic
from sync.apply import OfficeResult
from sync.assets import AssetBudget
from sync.limits import MAX_ASSET_DEPTH, MAX_ASSET_NAME
from sync.runner import Options, sync
from sync.sources.git import GIT_CACHE
from tests.conftest import make_png, release_text
from tests.sync.gitrepos import central_repo, commit, git, office_repo, tree_files, write
from tests.sync.killing import assert_each_kill_converges


def sync_all(central: Path, **options: object) -> dict[str, OfficeResult]:
    results = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), **options))  # type: ignore[arg-type]
    return {r.office: r for r in results}


def raw_commit(repo: Path, files: dict[bytes, bytes]) -> None:
    """Commit `files` on top of `main` by their raw byte names, through git's own
    plumbing (`fast-import`): names no checkout could hold, as a hostile office can."""
    stream = [b"commit refs/heads/main\n", b"committer Humas <humas@example.go.id> 0 +0000\n"]
    stream += [b"data 5\nnakal\n", b"from refs/heads/main^0\n"]
    for name, data in files.items():
        stream += [b"M 100644 inline " + name + b"\n", b"data %d\n" % len(data), data, b"\n"]
    git(repo, "fast-import", "--quiet", data=b"".join(stream))


# --- item 4: partial packs of failed fetches -------------------------------------------


def test_a_failed_fetchs_partial_pack_is_cleared_at_the_next_fetch(tmp_path: Path) -> None:
    office = office_repo(tmp_path / "kutim", "kutai-timur", {"releases/2026/a.md": release_text()})
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    assert sync_all(central)["kutai-timur"].ok
    packs = central / GIT_CACHE / "kutai-timur.git/objects/pack"
    # What a fetch killed at its timeout, or refused by fsck, leaves: git never removes it.
    (packs / "tmp_pack_Xy12ab").write_bytes(b"\0" * 4096)
    (packs / "tmp_idx_Xy12ab").write_bytes(b"\0" * 64)
    write(office, {"releases/2026/b.md": release_text(title="Rilis kedua")})
    commit(office, "kedua")
    result = sync_all(central)["kutai-timur"]
    assert result.ok and result.new == ["kutai-timur/2026/b"]
    assert sorted(p.name for p in packs.glob("tmp_*")) == []


# --- item 5: one blob under many names --------------------------------------------------


def test_one_blob_under_many_names_is_written_once(tmp_path: Path) -> None:
    photo = make_png(8, 6) + b"\0" * 200_000
    names = {f"assets/foto-{i:03d}.png": photo for i in range(40)}
    office = office_repo(
        tmp_path / "kutim",
        "kutai-timur",
        {
            "releases/2026/a.md": release_text(image="{src: assets/foto-007.png, alt: Foto}"),
            **names,
        },
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    result = sync_all(central)["kutai-timur"]
    assert result.ok and result.new == ["kutai-timur/2026/a"], result.problems
    assets = central / "content/assets/kutai-timur"
    files = sorted(assets.iterdir())
    assert [f.name for f in files] == sorted(n.removeprefix("assets/") for n in names)
    assert all(f.read_bytes() == photo for f in files)
    assert len({f.stat().st_ino for f in files}) == 1  # its bytes on the disk once
    assert not list(assets.glob(".*"))  # no temp file left
    # A re-run converges; a new version of one name leaves the others as they were.
    before = tree_files(central / "content")
    assert sync_all(central)["kutai-timur"].ok
    assert tree_files(central / "content") == before
    write(office, {"assets/foto-000.png": make_png(3, 3)})
    commit(office, "foto baru")
    assert sync_all(central)["kutai-timur"].ok
    assert (assets / "foto-000.png").read_bytes() == make_png(3, 3)
    assert (assets / "foto-001.png").read_bytes() == photo


def test_a_sync_of_one_blob_under_several_names_killed_at_any_write_converges(
    tmp_path: Path,
) -> None:
    photo = make_png(8, 6)
    office = office_repo(
        tmp_path / "kutim",
        "kutai-timur",
        {
            "releases/2026/a.md": release_text(image="{src: assets/b.png, alt: Foto}"),
            "assets/a.png": photo,
            "assets/b.png": photo,
            "assets/album/c.png": photo,
        },
    )
    ready = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    assert assert_each_kill_converges(ready, tmp_path / "bunuh") >= 5


def test_assets_past_the_budget_wait_reported_for_the_next_sync(tmp_path: Path) -> None:
    photos = {f"assets/foto-{i}.png": make_png(8, 6 + i) for i in range(5)}
    office = office_repo(
        tmp_path / "kutim",
        "kutai-timur",
        {
            "releases/2026/a.md": release_text(title="A", image="{src: assets/foto-0.png, alt: A}"),
            "releases/2026/e.md": release_text(title="E", image="{src: assets/foto-4.png, alt: E}"),
            **photos,
        },
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    budget = AssetBudget(max_files=2, max_bytes=10 * 1024 * 1024)
    first = sync_all(central, assets=budget)["kutai-timur"]
    assert first.ok and first.new == ["kutai-timur/2026/a"]
    assert first.rejected == ["releases/2026/e.md"]  # its photo has not arrived yet
    waiting = [p for p in first.problems if p.code == "asset_count_limit"]
    assert [p.value for p in waiting] == [
        "assets/foto-2.png",
        "assets/foto-3.png",
        "assets/foto-4.png",
    ]
    assert (
        waiting[0]
        .format("en")
        .endswith(
            "warning: file: this sync already took 2 of this office's assets, the limit of one "
            "sync; this file is not taken yet (got 'assets/foto-2.png'); nothing to do if the "
            "office really has this many: the rest are taken at the next syncs; releases using "
            "it wait until it arrives"
        )
    ), waiting[0].format("en")
    assert "sinkronisasi ini sudah mengambil 2 aset kantor ini" in waiting[0].format("id")
    assert sorted(tree_files(central / "content/assets")) == [
        "kutai-timur/foto-0.png",
        "kutai-timur/foto-1.png",
    ]
    # Each sync takes the next share, and the release waiting for its photo with it.
    second = sync_all(central, assets=budget)["kutai-timur"]
    assert second.ok and second.new == []
    third = sync_all(central, assets=budget)["kutai-timur"]
    assert third.ok and third.new == ["kutai-timur/2026/e"], third.problems
    assert sorted(tree_files(central / "content/assets/kutai-timur")) == sorted(
        n.removeprefix("assets/") for n in photos
    )


def test_the_byte_budget_counts_each_blob_once(tmp_path: Path) -> None:
    big = make_png(8, 6) + b"\0" * 300_000
    other = make_png(9, 6) + b"\0" * 300_000
    office = office_repo(
        tmp_path / "kutim",
        "kutai-timur",
        {"assets/a.png": big, "assets/b.png": big, "assets/c.png": big, "assets/d.png": other},
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    budget = AssetBudget(max_bytes=500_000)
    result = sync_all(central, assets=budget)["kutai-timur"]
    assert result.ok
    assert [(p.value, p.code) for p in result.problems] == [("assets/d.png", "asset_bytes_limit")]
    assert "the assets this sync took already reach 500000 byte" in result.problems[0].format("en")
    assert sorted(tree_files(central / "content/assets/kutai-timur")) == ["a.png", "b.png", "c.png"]


def test_an_asset_larger_than_the_whole_budget_still_arrives(tmp_path: Path) -> None:
    """Else its version never completes and every sync reads the office in full again."""
    megabyte = 1024 * 1024
    photos = {f"assets/foto-{n}.png": make_png(8, 6 + n) + b"\0" * 600_000 for n in (1, 2)}
    office = office_repo(
        tmp_path / "kutim",
        "kutai-timur",
        {
            "releases/2026/perbup.md": release_text().replace(
                "Isi rilis contoh.\n", "Lihat [perbup](assets/a-perbup.pdf).\n"
            ),
            "assets/a-perbup.pdf": b"%PDF-1.4\n" + b"x" * (3 * megabyte),
            **photos,
        },
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    budget = AssetBudget(max_bytes=megabyte)
    first = sync_all(central, assets=budget)["kutai-timur"]
    assert first.ok and first.new == ["kutai-timur/2026/perbup"], first.problems
    # The budget still holds back the rest: each photo alone fits, not after the PDF.
    assert [(p.value, p.code) for p in first.problems] == [
        ("assets/foto-1.png", "asset_bytes_limit"),
        ("assets/foto-2.png", "asset_bytes_limit"),
    ]
    assert sorted(tree_files(central / "content/assets/kutai-timur")) == ["a-perbup.pdf"]
    second = sync_all(central, assets=budget)["kutai-timur"]
    assert [p.value for p in second.problems] == ["assets/foto-2.png"]
    third = sync_all(central, assets=budget)["kutai-timur"]
    assert third.ok and third.problems == [] and third.new == []
    assert sorted(tree_files(central / "content/assets/kutai-timur")) == [
        "a-perbup.pdf",
        "foto-1.png",
        "foto-2.png",
    ]


# --- item 7: a file name that is not UTF-8 ------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_refused_by_name_and_every_record_is_kept(
    tmp_path: Path,
) -> None:
    office = office_repo(tmp_path / "kutim", "kutai-timur", {"releases/2026/a.md": release_text()})
    raw_commit(
        office,
        {
            b"releases/2026/rilis-\xff.md": release_text(title="Nama rusak").encode(),
            b"assets/foto-\xfe.png": make_png(4, 4),
        },
    )
    other = office_repo(tmp_path / "bpp", "balikpapan", {"releases/2026/b.md": release_text()})
    central = central_repo(
        tmp_path / "pusat", {"kutai-timur": str(office), "balikpapan": str(other)}
    )
    results = sync_all(central)
    assert results["kutai-timur"].ok and results["kutai-timur"].new == ["kutai-timur/2026/a"]
    refused = {p.path: p for p in results["kutai-timur"].problems}
    assert sorted(refused) == [
        "kutai-timur:assets/foto-\\xfe.png",
        "kutai-timur:releases/2026/rilis-\\xff.md",
    ]
    message = refused["kutai-timur:releases/2026/rilis-\\xff.md"].format("en")
    assert message == (
        "kutai-timur:releases/2026/rilis-\\xff.md:1: file: the file name is not valid UTF-8 "
        "text (its bad bytes are shown as \\x..); rename the file using letters, digits, `-` "
        "and `_` only"
    )
    assert "nama berkas bukan teks UTF-8" in refused["kutai-timur:assets/foto-\\xfe.png"].format()
    record = latest_run(central)
    assert sorted(record["offices"]) == ["balikpapan", "kutai-timur"]
    assert record["offices"]["kutai-timur"]["ok"] is True
    health = json.loads((central / HEALTH_FILE).read_text())
    assert sorted(health) == ["balikpapan", "kutai-timur"]
    assert json.loads((central / "content/sync/kutai-timur.json").read_text())["releases"]


def test_one_offices_unwritable_record_never_stops_the_others(tmp_path: Path) -> None:
    """Whatever text reaches an office's result (here a lone surrogate, as a JSON feed can
    carry), the run record and health.json are written, for every office."""
    from sync.runner import _record

    good = OfficeResult("balikpapan", new=["balikpapan/2026/b"])
    odd = OfficeResult("kutai-timur", rejected=["releases/2026/x\ud800.md"], error="a\udcffb")
    _record(tmp_path, [good, odd], "run-1", datetime.now(UTC))
    (path,) = (tmp_path / RUNS_DIR).glob("*.json")
    offices = json.loads(path.read_text(encoding="utf-8"))["offices"]
    assert offices["balikpapan"]["new"] == ["balikpapan/2026/b"]
    assert offices["kutai-timur"]["rejected"] == ["releases/2026/x\\ud800.md"]
    assert offices["kutai-timur"]["error"] == "a\\xffb"
    assert sorted(json.loads((tmp_path / HEALTH_FILE).read_text())) == ["balikpapan", "kutai-timur"]


# --- item 8: names no file system takes -----------------------------------------------


def test_a_long_asset_name_and_a_deep_tree_are_refused_by_name(tmp_path: Path) -> None:
    long_name = "a" * 241 + ".png"  # 245 characters: the old pattern took it
    deep = "/".join(["d"] * 2100) + "/foto.png"
    office = office_repo(
        tmp_path / "kutim",
        "kutai-timur",
        {"releases/2026/a.md": release_text(), "assets/biasa.png": make_png(4, 4)},
    )
    raw_commit(
        office,
        {
            f"assets/{long_name}".encode(): make_png(4, 4),
            f"assets/{deep}".encode(): make_png(4, 4),
            ("assets/" + "/".join(["e"] * (MAX_ASSET_DEPTH + 1)) + "/x.png").encode(): b"x",
        },
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    result = sync_all(central)["kutai-timur"]
    assert result.ok and result.new == ["kutai-timur/2026/a"], result.error
    codes = sorted((p.code, p.value[:20] if p.value else None) for p in result.problems)
    assert codes == [
        ("asset_name_too_long", f"assets/{long_name}"[:20]),
        ("asset_too_deep", "assets/d/d/d/d/d/d/d"),
        ("asset_too_deep", "assets/e/e/e/e/e/e/e"),
    ]
    long_problem = next(p for p in result.problems if p.code == "asset_name_too_long")
    message = long_problem.format("en")
    assert f"the asset name is too long (245 characters in one name, at most {MAX_ASSET_NAME})" in (
        message
    )
    assert message.endswith(
        f"; shorten the file or folder name to at most {MAX_ASSET_NAME} characters"
    )
    assert "nama aset terlalu panjang (245 karakter" in long_problem.format("id")
    deep_problem = next(p for p in result.problems if p.value and p.value.startswith("assets/d"))
    assert f"(2100 folders below assets/, at most {MAX_ASSET_DEPTH})" in deep_problem.format("en")
    assert sorted(tree_files(central / "content/assets/kutai-timur")) == ["biasa.png"]


def test_a_temp_name_does_not_grow_with_the_target_name(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 250)  # NAME_MAX allows it; `.name.XXXXXXXX.tmp` would not
    write_atomic(target, b"isi")
    assert target.read_bytes() == b"isi"
    assert os.listdir(tmp_path) == [target.name]
