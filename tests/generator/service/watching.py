"""A real `newsroom watch` for tests: the sample newsroom with one more office, whose
real git repository is on disk, and the service as a subprocess on 127.0.0.1, spoken
to over HTTP with hooks signed as GitHub, GitLab or Gitea sign them."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import REPO_ROOT
from tests.sync.gitrepos import commit, git, write

OFFICE = "samarinda"
SECRET = b"rahasia-webhook-samarinda-1234567890"
NOW = "2026-11-24T02:30:00+00:00"  # 10.30 WITA, the sample's pinned instant

OFFICE_ENTRY = """- id: samarinda
  name: Diskominfo Kota Samarinda
  level: kota
  province: "64"
  source: {{git: "{url}", branch: main}}
"""


def release(title: str, body: str = "Isi rilis.", **extra: str) -> str:
    fields = {"title": title, "date": "2026-11-23 09:00", "category": "berita", **extra}
    front = "\n".join(f"{key}: {value}" for key, value in fields.items())
    return f"---\n{front}\n---\n{body}\n"


def slug_path(slug: str) -> str:
    return f"releases/2026/{slug}.md"


def make_newsroom(tmp: Path) -> tuple[Path, Path, Path]:
    """(central repository, office repository, secrets folder): the sample with the
    office `samarinda` syncing from a real git repository holding one release."""
    central = tmp / "pusat"
    shutil.copytree(REPO_ROOT / "content", central / "content")
    shutil.copy(REPO_ROOT / "mkdocs.yml", central / "mkdocs.yml")
    office = tmp / "kantor-samarinda"
    office.mkdir()
    git(office, "init", "-q", "-b", "main")
    yml = 'id: samarinda\nname: Diskominfo Kota Samarinda\nlevel: kota\nprovince: "64"\n'
    write(office, {"office.yml": yml, slug_path("pertama"): release("Rilis Pertama Samarinda")})
    commit(office, "rilis pertama")
    registry = central / "content" / "offices.yml"
    with registry.open("a", encoding="utf-8") as handle:
        handle.write(OFFICE_ENTRY.format(url=office))
    secrets = tmp / "rahasia"
    secrets.mkdir(mode=0o700)
    (secrets / OFFICE).write_bytes(SECRET + b"\n")
    (secrets / OFFICE).chmod(0o600)
    return central, office, secrets


def github_headers(body: bytes, secret: bytes = SECRET, event: str = "push") -> dict[str, str]:
    mac = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return {"X-GitHub-Event": event, "X-Hub-Signature-256": f"sha256={mac}"}


def gitea_headers(body: bytes, secret: bytes = SECRET) -> dict[str, str]:
    mac = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return {"X-Gitea-Event": "push", "X-Gitea-Signature": mac}


def gitlab_headers(token: bytes = SECRET) -> dict[str, str]:
    return {"X-Gitlab-Event": "Push Hook", "X-Gitlab-Token": token.decode()}


@dataclass
class Watch:
    """A running `newsroom watch`: its process, its address and what it logged."""

    process: subprocess.Popen[str]
    address: str = ""
    lines: list[str] = field(default_factory=list)
    _reader: threading.Thread | None = None
    # Told of each line as it comes: a wait ends the moment its line is logged (the
    # bench times a push to it; polling would add up to a poll's interval to each).
    _arrived: threading.Condition = field(default_factory=threading.Condition)

    def read_lines(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._arrived:
                self.lines.append(line.rstrip("\n"))
                self._arrived.notify_all()
        with self._arrived:  # the process closed its stderr: no line will come
            self._arrived.notify_all()

    def wait_for(self, pattern: str, after: int = 0, timeout: float = 120.0) -> re.Match[str]:
        """The first line from the `after`-th on matching `pattern`, as it comes."""
        deadline = time.monotonic() + timeout
        compiled = re.compile(pattern)
        seen = after
        with self._arrived:
            while True:
                for line in self.lines[seen:]:
                    found = compiled.search(line)
                    if found:
                        return found
                seen = max(seen, len(self.lines))
                left = deadline - time.monotonic()
                if left <= 0 or not self._reader_alive():
                    break
                self._arrived.wait(min(left, 1.0))
        self.dump_stacks()
        raise AssertionError(f"no line {pattern!r} in:\n" + "\n".join(self.lines))

    def dump_stacks(self, wait: float = 3.0) -> None:
        """A wait that timed out: the service and its forked workers print where each
        thread is (SIGUSR1, faulthandler), into the lines the failure shows."""
        if self.process.poll() is not None:
            return
        for pid in [self.process.pid, *forks_of(self.process.pid)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGUSR1)
        time.sleep(wait)
        tree = process_tree(self.process.pid)
        with self._arrived:  # the reader thread appends too
            self.lines.append(f"(stacks dumped at SIGUSR1; processes: {tree})")

    def kill(self) -> None:
        """The service and everything it started, at once (a test that failed midway)."""
        if self.process.poll() is None:
            for pid in [*descendants(self.process.pid), self.process.pid]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        if self._reader is not None:
            self._reader.join(timeout=10)

    def _reader_alive(self) -> bool:
        return self._reader is not None and self._reader.is_alive()

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        host, port = self.address.rsplit(":", 1)
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            connection.request("POST", path, body=body, headers=headers)
            answer = connection.getresponse()
            return answer.status, answer.read()
        finally:
            connection.close()

    def hook(self, body: bytes, headers: dict[str, str], office: str = OFFICE) -> int:
        return self.post(f"/hook/{office}", body, headers)[0]

    def status(self) -> dict[str, object]:
        host, port = self.address.rsplit(":", 1)
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            connection.request("GET", "/status")
            data: dict[str, object] = json.loads(connection.getresponse().read())
            return data
        finally:
            connection.close()

    def indexes_made(self, timeout: float = 300.0) -> None:
        """Wait until no search index of the service's builds is being made: the sites
        then hold still (a run stages in the output folder)."""
        deadline = time.monotonic() + timeout
        while self.status()["indexing"] is not None or self.status()["queue"]:
            assert time.monotonic() < deadline, self.lines[-5:]
            time.sleep(0.1)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=180)
        if self._reader is not None:
            self._reader.join(timeout=10)
        return code


def start_watch(
    central: Path,
    secrets: Path,
    *extra: str,
    now: str = NOW,
    timeout: float = 120.0,
    own_group: bool = False,
) -> Watch:
    """`newsroom watch` in `central`, listening on a free port; returns once it serves
    (its first build done, within `timeout` seconds). `own_group`: in a process group
    of its own, as a terminal's foreground job is (Ctrl+C signals all of it)."""
    command = [
        sys.executable,
        "-c",
        "from generator.cli.app import run; run()",
        "watch",
        "--port",
        "0",
        "--secrets",
        str(secrets),
        "--now",
        now,
        "--base-url",
        "http://127.0.0.1:8000/",
        "--jobs",
        "2",
        "--lang",
        "en",
        *extra,
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    process = subprocess.Popen(
        command,
        cwd=central,
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        start_new_session=own_group,
    )
    watch = Watch(process)
    STARTED.append(watch)
    watch._reader = threading.Thread(target=watch.read_lines, daemon=True)
    watch._reader.start()
    found = watch.wait_for(r"status at http://([0-9.]+:[0-9]+)/status")
    watch.address = found.group(1)
    # Its first build done: a start build that failed fails the test here, with the log,
    # instead of leaving the sites of whatever build came before to the test.
    started = watch.wait_for(r"build \(start\) (at|failed)", timeout=timeout)
    assert started.group(1) == "at", "\n".join(watch.lines)
    return watch


# Every service a test started: the fixtures in conftest.py kill those still running
# when the test (or, for a module's shared service, the module) ends: one that failed
# would otherwise go on building beside the next tests, and outlive the test run.
STARTED: list[Watch] = []


def forks_of(pid: int) -> list[int]:
    """The processes forked from `pid` (the same command line), and theirs."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []  # gone meanwhile
    found = []
    for child in children_of(pid):
        with contextlib.suppress(OSError):
            if Path(f"/proc/{child}/cmdline").read_bytes() == command:
                found += [child, *forks_of(child)]
    return found


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (its workers, its index run, their Pagefind)."""
    found = []
    for child in children_of(pid):
        found += [child, *descendants(child)]
    return found


def children_of(pid: int) -> list[int]:
    found = []
    with contextlib.suppress(OSError):  # gone meanwhile: no children
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                found += [int(child) for child in (task / "children").read_text().split()]
    return found


def process_tree(pid: int) -> str:
    """`pid` and its descendants, each with its state (S sleeping, R running, ...)."""
    parts = []
    for each in [pid, *children_of(pid)]:
        with contextlib.suppress(OSError):
            state = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()[0]
            name = Path(f"/proc/{each}/comm").read_text().strip()
            parts.append(f"{each} {name} {state}")
    return ", ".join(parts)


def push(office: Path, files: dict[str, str | bytes], message: str = "rilis baru") -> str:
    write(office, files)
    return commit(office, message)


Waiter = Callable[[], bool]


def eventually(check: Waiter, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")
