"""Real git repositories for sync tests: office repos and a central newsroom."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Humas",
    "GIT_AUTHOR_EMAIL": "humas@example.go.id",
    "GIT_COMMITTER_NAME": "Humas",
    "GIT_COMMITTER_EMAIL": "humas@example.go.id",
    "GIT_AUTHOR_DATE": "2026-11-20T10:00:00+08:00",
    "GIT_COMMITTER_DATE": "2026-11-20T10:00:00+08:00",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str, data: bytes | None = None) -> str:
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args],
        cwd=repo,
        env=GIT_ENV,
        input=data,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode().strip()


def office_repo(
    root: Path, office_id: str, files: dict[str, str | bytes], province: str = "64"
) -> Path:
    """An office repository with office.yml and `files`, committed on `main`."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    write(
        root,
        {
            "office.yml": f"id: {office_id}\nname: Kantor {office_id}\nlevel: kabupaten\n"
            f'province: "{province}"\n',
            **files,
        },
    )
    commit(root, "rilis awal")
    return root


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)
    return git(root, "rev-parse", "HEAD")


def central_repo(root: Path, offices: dict[str, str]) -> Path:
    """A central newsroom whose offices.yml lists `offices` (id -> git URL or feed:URL)."""
    entries = []
    for office_id, source in offices.items():
        kind = "feed" if source.startswith("feed:") else "git"
        value = source.removeprefix("feed:")
        entries.append(
            f"- id: {office_id}\n  name: Kantor {office_id}\n  level: kabupaten\n"
            f'  province: "64"\n  source: {{{kind}: "{value}"}}\n'
        )
    write(
        root,
        {
            "content/offices.yml": "".join(entries),
            "mkdocs.yml": "site_name: Pusat\ndocs_dir: content/pages\ntheme: {name: newsroom}\n"
            "plugins:\n  - newsroom\n",
            ".gitignore": ".cache/\n.newsroom/\nsite/\n",
        },
    )
    (root / "content" / "pages").mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    commit(root, "registri")
    return root


def tree_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
