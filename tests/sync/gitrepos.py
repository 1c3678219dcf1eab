"""Real git repositories for sync tests: office repos and a central newsroom."""

from __future__ import annotations

import base64
import http.server
import os
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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


class GitHttp:
    """Repositories under `root` served over git's smart HTTP (`git http-backend`) on
    127.0.0.1, behind HTTP Basic authentication, as a private office host would be."""

    def __init__(self, root: Path, user: str, password: str) -> None:
        self.root = root
        self.expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.refused = 0  # requests answered 401
        self.url = ""

    def handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        served = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self.backend()

            def do_POST(self) -> None:
                self.backend()

            def backend(self) -> None:
                if self.headers.get("Authorization") != served.expected:
                    served.refused += 1
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="kantor"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                path, _, query = self.path.partition("?")
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                env = {
                    **GIT_ENV,
                    "GIT_PROJECT_ROOT": str(served.root),
                    "GIT_HTTP_EXPORT_ALL": "1",
                    "PATH_INFO": path,
                    "QUERY_STRING": query,
                    "REQUEST_METHOD": self.command,
                    "CONTENT_TYPE": self.headers.get("Content-Type", ""),
                    "CONTENT_LENGTH": str(len(body)),
                    "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding", ""),
                    "GIT_PROTOCOL": self.headers.get("Git-Protocol", ""),
                    "REMOTE_USER": "kantor",
                    "REMOTE_ADDR": "127.0.0.1",
                }
                done = subprocess.run(
                    ["git", "http-backend"], input=body, env=env, capture_output=True, check=False
                )
                head, _, payload = done.stdout.partition(b"\r\n\r\n")
                status = 200
                headers = []
                for line in head.decode("latin-1").split("\r\n"):
                    name, _, value = line.partition(": ")
                    if name.lower() == "status":
                        status = int(value.split()[0])
                    elif name:
                        headers.append((name, value))
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler


@contextmanager
def git_over_http(root: Path, user: str, password: str) -> Iterator[GitHttp]:
    served = GitHttp(root, user, password)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), served.handler())
    httpd.daemon_threads = True
    served.url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        httpd.shutdown()
        httpd.server_close()
