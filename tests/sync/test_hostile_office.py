"""A hostile office repository yields a report and nothing outside its namespace:
symlinks, submodules, `..` paths, files claiming another office, a YAML bomb, an
oversized file, executable scripts and an mkdocs.yml with code; and the office's
own git config and hooks, which would run code during a fetch if honoured, never run."""

from __future__ import annotations

import os
import stat
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from generator.content.repository import CENTRAL, Layout, load_repository
from sync.runner import Options, sync
from tests.conftest import release_text
from tests.sync.gitrepos import (
    GIT_ENV,
    central_repo,
    commit,
    git,
    office_repo,
    tree_files,
    write,
)

BOMB = (
    "---\ntitle: Bom\ndate: 2026-04-11 10:00\ncategory: berita\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\nIsi\n"
)


def hostile_repo(root: Path, marker: Path) -> Path:
    evil = f"#!/bin/sh\ntouch {marker}\n"
    repo = office_repo(
        root,
        "kutai-timur",
        {
            "releases/2026/sah.md": release_text(title="Rilis yang sah"),
            "releases/2026/kantor-lain.md": release_text(office="kaltim"),
            "releases/2026/bom-yaml.md": BOMB,
            "releases/2026/besar.md": release_text() + "kata " * 60_000,
            "releases/2026/Slug_Jahat.md": release_text(),
            "releases/2026/sub/dalam.md": release_text(),
            "releases/tanpa-tahun.md": release_text(),
            "releases/2026/tag-python.md": release_text(
                title="!!python/object/apply:os.system [id]"
            ),
            "assets/skrip.sh": evil,
            ".githooks/post-checkout": evil,
            "hooks/post-merge": evil,
            "mkdocs.yml": "site_name: jahat\nhooks: [jahat.py]\nplugins: [jahat]\n",
            "jahat.py": f"open({str(marker)!r}, 'w').write('ran')\n",
            "office.yml": 'id: kaltim\nname: Mengaku Kaltim\nlevel: provinsi\nprovince: "64"\n',
        },
    )
    for name in (".githooks/post-checkout", "hooks/post-merge"):
        os.chmod(repo / name, stat.S_IRWXU)  # scripts in the tree: content, never run
    (repo / "releases/2026/tautan.md").symlink_to("../../office.yml")
    blob = git(repo, "hash-object", "-w", "--stdin", data=b"x")
    git(repo, "add", "-A")
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{blob},releases/2026/modul")
    git(repo, "commit", "-q", "-m", "serangan")  # not `add -A`: it would drop the gitlink
    return repo


def _add_dotdot(repo: Path, blob: str) -> None:
    """Graft `releases/../keluar.md` into the tree: git's porcelain refuses, objects do not."""
    outside = git(repo, "mktree", data=f"100644 blob {blob}\tkeluar.md\n".encode())
    root = git(repo, "rev-parse", "HEAD^{tree}")
    entries = git(repo, "ls-tree", root).splitlines()
    releases = next(e for e in entries if e.endswith("\treleases")).split()[2]
    inner = git(repo, "ls-tree", releases) + f"\n040000 tree {outside}\t..\n"
    new_releases = git(repo, "mktree", data=inner.encode())
    new_root = "\n".join(
        e.replace(releases, new_releases) if e.endswith("\treleases") else e for e in entries
    )
    tree = git(repo, "mktree", data=(new_root + "\n").encode())
    head = git(repo, "commit-tree", tree, "-p", "HEAD", "-m", "jalur ..")
    git(repo, "update-ref", "refs/heads/main", head)


def test_hostile_office_is_contained(tmp_path: Path) -> None:
    marker = tmp_path / "DIJALANKAN"
    repo = hostile_repo(tmp_path / "jahat", marker)
    good = office_repo(
        tmp_path / "baik", "balikpapan", {"releases/2026/air.md": release_text(title="Air")}
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(repo), "balikpapan": str(good)})
    before = tree_files(central)
    results = {r.office: r for r in sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))}
    hostile = results["kutai-timur"]
    assert not marker.exists()
    assert results["balikpapan"].ok and results["balikpapan"].new == ["balikpapan/2026/air"]
    assert_only_namespaces_changed(before, tree_files(central))
    assert hostile.ok and hostile.new == ["kutai-timur/2026/sah"]
    codes = {(p.path.rsplit("/", 1)[-1].split(":")[-1], p.code) for p in hostile.problems}
    assert {
        ("kantor-lain.md", "unknown_field"),
        ("bom-yaml.md", "yaml_anchor"),
        ("besar.md", "file_too_large"),
        ("Slug_Jahat.md", "bad_slug"),
        ("dalam.md", "wrong_place"),
        ("tanpa-tahun.md", "wrong_place"),
        ("tag-python.md", "yaml_tag"),
        ("tautan.md", "symlink"),
        ("modul", "submodule"),
        ("skrip.sh", "asset_refused"),
        ("office.yml", "office_mismatch"),
    } <= codes, codes
    repo_state = load_repository(Layout(central, CENTRAL))
    assert repo_state.report.errors == []
    assert sorted(r.id for r in repo_state.releases) == [
        "balikpapan/2026/air",
        "kutai-timur/2026/sah",
    ]


def test_dotdot_path_in_git_objects_is_refused_and_last_good_stays(tmp_path: Path) -> None:
    repo = hostile_repo(tmp_path / "jahat", tmp_path / "DIJALANKAN")
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(repo)})
    sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    before = tree_files(central / "content")
    _add_dotdot(repo, git(repo, "hash-object", "-w", "--stdin", data=b"x"))
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    assert result.error and "fetch" in result.error  # git's fsck refuses the `..` tree
    assert tree_files(central / "content") == before
    assert not (tmp_path / "keluar.md").exists() and not (central / "keluar.md").exists()


def assert_only_namespaces_changed(before: dict[str, bytes], after: dict[str, bytes]) -> None:
    changed = sorted(name for name in after if before.get(name) != after[name])
    allowed = (
        "content/releases/kutai-timur/",
        "content/releases/balikpapan/",
        "content/sync/",
        ".cache/newsroom/git/",
        ".newsroom/",  # our own caches and run records
    )
    assert all(name.startswith(allowed) for name in changed), changed


# --- the office's git config and hooks --------------------------------------------------

# Every hook git knows: any of them run by anything the sync does would leave a line.
HOOKS = [
    *("applypatch-msg", "pre-applypatch", "post-applypatch", "pre-commit", "pre-merge-commit"),
    *("prepare-commit-msg", "commit-msg", "post-commit", "pre-rebase", "post-checkout"),
    *("post-merge", "pre-push", "pre-receive", "update", "proc-receive", "post-receive"),
    *("post-update", "reference-transaction", "push-to-checkout", "pre-auto-gc"),
    *("post-rewrite", "sendemail-validate", "fsmonitor-watchman", "post-index-change"),
    *("p4-changelist", "p4-prepare-changelist", "p4-post-changelist", "p4-pre-submit"),
]


def booby_trapped(root: Path, canary: Path) -> Path:
    """An office repository whose own .git/config and hooks run code during a fetch from
    it, if whoever fetches honours them: `uploadpack.packObjectsHook` (run by
    upload-pack to pack what is sent), `core.hooksPath` and .git/hooks (the
    reference-transaction hook runs as fetched refs are written), `core.fsmonitor` and
    `core.alternateRefsCommand`. Each writes a line to `canary`; the pack hook then
    does its work, so a fetch that honours it still succeeds."""
    repo = office_repo(root, "kutai-timur", {"releases/2026/sah.md": release_text(title="Sah")})
    trap = root.parent / "jebakan.sh"
    trap.write_text(f'#!/bin/sh\necho "$0 $1" >> {canary}\n[ "$1" = git ] && exec "$@"\nexit 0\n')
    trap.chmod(0o755)
    hooks = root.parent / "kait"
    hooks.mkdir()
    for name in HOOKS:
        for folder in (hooks, repo / ".git" / "hooks"):
            (folder / name).write_text(f"#!/bin/sh\necho {name} >> {canary}\n")
            (folder / name).chmod(0o755)
    for key, value in (
        ("uploadpack.packObjectsHook", str(trap)),
        ("core.hooksPath", str(hooks)),
        ("core.fsmonitor", str(trap)),
        ("core.alternateRefsCommand", str(trap)),
    ):
        git(repo, "config", key, value)
    return repo


def test_the_offices_git_config_and_hooks_never_run(tmp_path: Path) -> None:
    canary = tmp_path / "DIJALANKAN"
    office = booby_trapped(tmp_path / "kantor", canary)
    # Proof that the trap is live: a fetch that honours the office's config as its own
    # (here through a global config including it) runs the pack hook and the hooks.
    honouring = tmp_path / "percaya.gitconfig"
    honouring.write_text(f"[include]\n\tpath = {office / '.git' / 'config'}\n")
    scratch = tmp_path / "percaya.git"
    git(tmp_path, "init", "-q", "--bare", str(scratch))
    subprocess.run(
        ["git", "-C", str(scratch), "fetch", "-q", str(office), "+refs/heads/main:refs/x"],
        env={**GIT_ENV, "GIT_CONFIG_GLOBAL": str(honouring)},
        check=True,
        capture_output=True,
    )
    ran = canary.read_text()
    assert "jebakan.sh git" in ran and "reference-transaction" in ran, ran
    canary.unlink()

    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    (first,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    assert first.ok and not canary.exists(), canary.read_text()
    write(office, {"releases/2026/baru.md": release_text(title="Baru")})
    commit(office, "rilis baru")  # in its own repository the office's hooks do run
    assert "post-commit" in canary.read_text()
    canary.unlink()
    (second,) = sync(
        Layout(central, CENTRAL), Options(now=datetime.now(UTC))
    )  # an incremental fetch
    assert second.ok and second.new == ["kutai-timur/2026/baru"], second.error
    assert not canary.exists(), canary.read_text()
