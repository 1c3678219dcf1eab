"""The `git` kind of source: read an office's git repository from its objects: fetch
into a bare cache, list the tree, read only the blobs that changed. Never a checkout,
never the office's hooks, config or code.

Every git call runs with the user's and the system's git config ignored, the
`ext::` transport (which runs commands) forbidden, no terminal prompt for
credentials, and a timeout.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from generator.content.fields import Context, parse_mapping
from generator.content.limits import MAX_RELEASE_BYTES
from generator.content.messages import describe
from generator.content.problems import Problem, Report, Severity, printable, quote, utf8_safe
from generator.content.schema import GitSourceEntry, Office
from generator.content.sourceurl import public_source, public_url
from generator.content.syncstate import OfficeState
from generator.content.yamlsafe import Map, Node, YamlProblem, load
from sync.failures import SourceError
from sync.offer import RELEASE_PATH, Incoming, asset_problem
from sync.sources.base import Reading, Source

GIT_CACHE = Path(".cache") / "newsroom" / "git"  # under the central repository

GIT_TIMEOUT = 120  # seconds for one git command (a fetch of a big office repository)
_SAFE_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ASKPASS": "true",
    "SSH_ASKPASS": "true",
    "GIT_ALLOW_PROTOCOL": "file:git:http:https:ssh",
    "GIT_SSH_COMMAND": "ssh -o BatchMode=yes -o ConnectTimeout=20",
    "LC_ALL": "C",
}
_SAFE_CONFIG = [
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.fsmonitor=false",
    "-c",
    "protocol.ext.allow=never",
    "-c",
    "transfer.fsckObjects=true",
    "-c",
    "submodule.recurse=false",
]

MAX_OFFICE_YML = 64 * 1024  # an office.yml larger is not read (its officers neither)

MODE_SYMLINK = "120000"
MODE_SUBMODULE = "160000"


class GitError(SourceError):
    """Git failed: unreachable, bad credentials, corrupt repository, timeout.

    `code` (when set) names its wording in `generator.content.messages.CATALOG`, what happened
    and the fix, filled from `params`; `str()` is the English sentence, for logs and
    run records, `text(lang)` the sentence in the user's language. `lines` are git's
    own lines saying what happened, credentials removed."""

    def __init__(
        self,
        message: str,
        code: str = "",
        params: tuple[tuple[str, str], ...] = (),
        lines: tuple[str, ...] = (),
    ) -> None:
        self.code, self.params, self.lines = code, params, lines
        super().__init__(self.text("en") if code else message)

    def text(self, lang: str) -> str:
        if not self.code:
            return str(self)
        problem, fix = describe(self.code, lang, dict(self.params))
        return f"{problem}; {fix}"


@dataclass(frozen=True)
class Entry:
    """One item of the tree at the synced commit."""

    mode: str
    kind: str  # blob | tree | commit (a submodule)
    oid: str
    size: int | None  # bytes, for blobs
    path: str


def _env(askpass: str = "") -> dict[str, str]:
    """The environment of every git call: ours, without any GIT_* variable we were
    started with (a GIT_DIR, GIT_CONFIG_PARAMETERS or GIT_CONFIG_COUNT left by a hook
    or a script would redirect or configure every call).

    What stays is how the operator authenticates, outside any repository: ssh's own
    config, keys and agent (~/.ssh/config, SSH_AUTH_SOCK), ~/.netrc for https, and a
    program named by NEWSROOM_GIT_ASKPASS (`askpass`: the command reads the variable)
    that prints the password git asks for."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(_SAFE_ENV)
    if askpass:
        env["GIT_ASKPASS"] = askpass
    return env


def _git(
    args: list[str], cwd: Path | None = None, data: bytes | None = None, askpass: str = ""
) -> bytes:
    env = _env(askpass)
    try:
        done = subprocess.run(
            ["git", *_SAFE_CONFIG, *args],
            cwd=cwd,
            input=data,
            capture_output=True,
            env=env,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        params = (("command", args[0]), ("seconds", str(GIT_TIMEOUT)))
        raise GitError("", "git_timeout", params) from None
    if done.returncode != 0:
        lines = telling_lines(done.stderr.decode("utf-8", "replace"))
        detail = " ".join(lines) or f"exit status {done.returncode}"
        raise GitError(f"git {args[0]} failed: {detail}", lines=lines)
    return done.stdout


# Git's lines that say what happened; the rest is advice ("Please make sure you have
# the correct access rights") that once was all a failure showed.
_TELLING = re.compile(r"\A(?:fatal|error|remote|ssh|ERROR):", re.IGNORECASE)
_GENERIC = "fatal: Could not read from remote repository."
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s'\"@]*@")
_QUERY = re.compile(r"(://[^\s'\"?#]*)[?#][^\s'\"]*")
MAX_GIT_LINE = 300  # characters of one of git's lines kept (a remote may say a lot)


def telling_lines(stderr: str) -> tuple[str, ...]:
    """The lines of git's message that say what happened (its `fatal:`, `error:`,
    `remote:` and `ssh:` lines; else its last line), each with any credential or query
    of a URL removed, control characters escaped and cut to MAX_GIT_LINE: a remote's
    words reach records and the desk, a secret never does."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    telling = [line for line in lines if _TELLING.match(line)]
    if len(telling) > 1:
        telling = [line for line in telling if line != _GENERIC]
    chosen = telling[:4] or lines[-1:]
    return tuple(redact(line)[:MAX_GIT_LINE] for line in chosen)


def redact(text: str) -> str:
    """`text` with the user name, password and query of every URL in it removed."""
    return printable(_QUERY.sub(r"\1", _USERINFO.sub(r"\1", text)))


def fetch_failure(error: GitError, url: str, branch: str) -> GitError:
    """What a failed fetch means, classified by git's own words (git runs with LC_ALL=C),
    each case with its fix; the rest quote git's line."""
    said = " ".join(error.lines)
    lowered = said.lower()
    code = "git_failed"
    for candidate, signs in _FETCH_FAILURES:
        if any(sign in lowered for sign in signs):
            code = candidate
            break
    params = (
        ("url", quote(public_url(url), MAX_GIT_LINE)),
        ("branch", quote(branch)),
        ("detail", quote(said or str(error), 2 * MAX_GIT_LINE)),
        ("command", "fetch"),
    )
    return GitError("", code, params, error.lines)


_FETCH_FAILURES = (
    ("git_branch_not_found", ("couldn't find remote ref",)),
    (
        "git_auth_refused",
        (
            "authentication failed",
            "could not read username",
            "could not read password",
            "permission denied",
            "access denied",
            "returned error: 401",
            "returned error: 403",
        ),
    ),
    (
        "git_unreachable",
        (
            "could not resolve host",
            "failed to connect",
            "connection refused",
            "connection timed out",
            "network is unreachable",
            "no route to host",
            "operation timed out",
        ),
    ),
    (
        "git_repo_not_found",
        (
            "does not appear to be a git repository",
            "not a git repository",
            "repository not found",
            "not found",
            "no such file or directory",
        ),
    ),
)


class GitBranch(Source):
    """The registry's branch of an office's git repository (`source: {git: <url>,
    branch: <name>}`), fetched into its bare cache under GIT_CACHE."""

    def __init__(self, entry: GitSourceEntry, reading: Reading) -> None:
        self.entry = entry
        self.office = reading.office
        self.cache = reading.root / GIT_CACHE / f"{reading.office.id}.git"
        self.askpass = reading.git_askpass

    def read(self, state: OfficeState) -> Incoming | None:
        _clear_leftovers(self.cache)
        git = GitSource(self.cache, self.entry.git, self.entry.branch, self.askpass)
        commit = git.fetch()
        state.source, state.branch = public_source(self.entry.git), self.entry.branch
        if commit == state.commit:
            return None
        incoming = incoming_from_git(git, commit, self.office.id)
        node = _office_yml(git, commit)
        incoming.refused.extend(_office_yml_mismatch(node, self.office))
        if isinstance(node, Map) and "officers" in node.items:
            incoming.officers = node.items["officers"]
            incoming.officers_where = f"{self.office.id}:office.yml"
        return incoming


def _clear_leftovers(cache: Path) -> None:
    """What a killed, failed or timed-out fetch left in the cache: git's *.lock files,
    and the partial packs and objects it was receiving (`objects/pack/tmp_pack_*`:
    never removed by git, so a refused 20 MB pack would stay at every try). We hold
    the run lock, so nobody else is using the cache and they can go."""
    if not cache.is_dir():
        return
    leftovers = [*cache.rglob("*.lock"), *(cache / "objects").glob("pack/tmp_*")]
    leftovers += (cache / "objects").glob("??/tmp_obj_*")
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)


def _office_yml(git: GitSource, commit: str) -> Node | None:
    """The office's office.yml at `commit`, or None (missing, too large, not YAML)."""
    entry = next((e for e in git.tree(commit) if e.path == "office.yml"), None)
    if entry is None or entry.size is None or entry.size > MAX_OFFICE_YML:
        return None
    try:
        return load(dict(git.read([entry.oid]))[entry.oid].decode("utf-8", "replace"))
    except YamlProblem:
        return None


def _office_yml_mismatch(node: Node | None, office: Office) -> list[Problem]:
    """office.yml naming another office is reported; the registry decides anyway."""
    claimed = parse_mapping(Office, node, Context(), Report(), "office.yml") if node else None
    if claimed is None or claimed.id == office.id:
        return []
    return [
        Problem(
            f"{office.id}:office.yml",
            1,
            "id",
            "office_mismatch",
            claimed.id,
            (("expected", office.id),),
            Severity.WARNING,
        )
    ]


class GitSource:
    """A bare cache of one office's repository, outside content/."""

    def __init__(self, cache: Path, url: str, branch: str, askpass: str = "") -> None:
        self.askpass = askpass  # a program printing the password git asks for, or ""
        self.cache = cache
        self.url = url
        self.branch = branch
        self.ref = "refs/newsroom/synced"

    def fetch(self) -> str:
        """Fetch the branch; returns the commit id it points at."""
        if not (self.cache / "HEAD").exists():
            self.cache.mkdir(parents=True, exist_ok=True)
            _git(["init", "--quiet", "--bare", str(self.cache)], askpass=self.askpass)
        if not re.fullmatch(r"[A-Za-z0-9._/-]+", self.branch) or ".." in self.branch:
            raise GitError("", "git_branch_invalid", (("branch", quote(self.branch)),))
        url = self.url
        if "://" not in url and not re.match(r"^[\w.-]+@[\w.-]+:", url):
            # A plain path: git runs inside the cache, so make it absolute first.
            url = str(Path(url).expanduser().resolve())
        try:
            _git(
                [
                    "fetch",
                    "--quiet",
                    "--no-tags",
                    "--no-recurse-submodules",
                    "--force",
                    "--",
                    url,
                    f"+refs/heads/{self.branch}:{self.ref}",
                ],
                cwd=self.cache,
                askpass=self.askpass,
            )
        except GitError as error:
            raise error if error.code else fetch_failure(error, self.url, self.branch) from None
        return (
            _git(
                ["rev-parse", "--verify", f"{self.ref}^{{commit}}"],
                cwd=self.cache,
                askpass=self.askpass,
            )
            .decode()
            .strip()
        )

    def tree(self, commit: str) -> list[Entry]:
        """Every entry of the commit's tree, recursively, with blob sizes."""
        args = ["ls-tree", "-r", "-l", "-z", "--full-tree", commit]
        raw = _git(args, cwd=self.cache, askpass=self.askpass)
        entries = []
        for record in raw.split(b"\0"):
            if not record:
                continue
            meta, _, path = record.partition(b"\t")
            mode, kind, oid, size = meta.decode().split()
            entries.append(
                Entry(
                    mode,
                    kind,
                    oid,
                    int(size) if size.isdigit() else None,
                    path.decode("utf-8", "surrogateescape"),
                )
            )
        return entries

    def read(self, oids: Iterable[str]) -> Iterator[tuple[str, bytes]]:
        """Each blob's bytes, in the order asked, as `git cat-file --batch` gives them.

        One blob at a time, never all together: a first sync of forty 19 MB PDFs holds
        one of them in memory, not 760 MB. The requests are written by a thread while
        the answers are read, so neither side waits on the other; each blob must
        arrive within GIT_TIMEOUT of the one before."""
        wanted = list(dict.fromkeys(oids))
        if not wanted:
            return
        process = subprocess.Popen(
            ["git", *_SAFE_CONFIG, "cat-file", "--batch"],
            cwd=self.cache,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_env(self.askpass),
        )
        assert process.stdout is not None
        threading.Thread(target=_ask, args=(process, wanted), daemon=True).start()
        watchdog = _Watchdog(process, GIT_TIMEOUT)
        try:
            for oid in wanted:
                data = _answer(process.stdout, oid)
                if data is None:
                    if watchdog.expired:
                        raise GitError(f"git cat-file took longer than {GIT_TIMEOUT} s for {oid}")
                    raise GitError(f"git cat-file stopped while reading {oid}")
                watchdog.poke()
                yield oid, data
        finally:
            watchdog.stop()
            process.kill()
            process.wait()
            process.stdout.close()


def remote_head(url: str, branch: str, askpass: str = "") -> str:
    """The commit `branch` points at upstream, asked with `git ls-remote` (nothing is
    fetched): how `newsroom watch` checks cheaply whether an office pushed. "" when the
    branch does not exist; GitError when the remote cannot be asked."""
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", branch) or ".." in branch:
        raise GitError("", "git_branch_invalid", (("branch", quote(branch)),))
    if "://" not in url and not re.match(r"^[\w.-]+@[\w.-]+:", url):
        url = str(Path(url).expanduser().resolve())  # a plain path, as fetch takes it
    listed = _git(["ls-remote", "--", url, f"refs/heads/{branch}"], askpass=askpass)
    for line in listed.decode("utf-8", "replace").splitlines():
        oid, _, ref = line.partition("\t")
        if ref == f"refs/heads/{branch}":
            return oid.strip()
    return ""


def _ask(process: subprocess.Popen[bytes], oids: list[str]) -> None:
    """Write every request, then close: cat-file ends once it has answered them all."""
    assert process.stdin is not None
    # OSError: the reader gave up and killed it, so there is nothing more to ask.
    with suppress(OSError), process.stdin:
        for oid in oids:
            process.stdin.write(oid.encode() + b"\n")


def _answer(stdout: IO[bytes], oid: str) -> bytes | None:
    """The next blob `git cat-file --batch` writes (it must be `oid`), or None if the
    output ends first (the process died or was killed)."""
    try:
        header = stdout.readline().split()
        if header[:1] == [oid.encode()] and header[1:2] == [b"missing"]:
            raise GitError(f"object {oid} is missing from the cache")
        if len(header) != 3 or header[0] != oid.encode() or header[1] != b"blob":
            raise GitError(f"object {oid} is not a readable blob")
        size = int(header[2])
        data = stdout.read(size)
        if len(data) == size and stdout.read(1) == b"\n":
            return data
    except (OSError, ValueError):
        pass
    return None


class _Watchdog:
    """Kills `process` once `seconds` pass without a poke."""

    def __init__(self, process: subprocess.Popen[bytes], seconds: float) -> None:
        self.expired = False
        self._process = process
        self._seconds = seconds
        self._last = time.monotonic()
        self._done = threading.Event()
        threading.Thread(target=self._watch, daemon=True).start()

    def poke(self) -> None:
        self._last = time.monotonic()

    def stop(self) -> None:
        self._done.set()

    def _watch(self) -> None:
        while not self._done.wait(min(1.0, self._seconds)):
            if time.monotonic() - self._last > self._seconds:
                self.expired = True
                self._process.kill()
                return


def incoming_from_git(source: GitSource, commit: str, label: str) -> Incoming:
    """Classify the tree: releases and allowed assets are offered, the rest refused or
    ignored (mkdocs.yml, hooks, scripts: an office's code is never read, let alone run)."""
    incoming = Incoming(version=commit, read=source.read)
    for entry in source.tree(commit):
        if entry.path.startswith(("releases/", "assets/")) and not _utf8(entry.path):
            _refuse_name(entry, incoming, label)
        elif entry.path.startswith("releases/"):
            _offer_release(entry, incoming, label)
        elif entry.path.startswith("assets/"):
            _offer_asset(entry, incoming, label)
    return incoming


def _utf8(path: str) -> bool:
    """Whether git's bytes for the name were UTF-8 (`tree` keeps the others' bytes as
    surrogates, which no record, state or page could hold)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _refuse_name(entry: Entry, incoming: Incoming, label: str) -> None:
    """Refused by its name, its bad bytes shown as `\\xff` escapes. Still there upstream:
    a release of that name is broken, not removed."""
    incoming.broken.add(entry.path)
    incoming.refused.append(Problem(f"{label}:{utf8_safe(entry.path)}", 1, "file", "name_not_utf8"))


def _refuse(entry: Entry) -> str | None:
    if entry.mode == MODE_SYMLINK:
        return "symlink"
    if entry.mode == MODE_SUBMODULE or entry.kind != "blob":
        return "submodule"
    return None


def _offer_release(entry: Entry, incoming: Incoming, label: str) -> None:
    where = f"{label}:{entry.path}"
    refused = _refuse(entry)
    if RELEASE_PATH.match(entry.path) and (refused or not _small(entry)):
        incoming.broken.add(entry.path)  # still there upstream: broken, not removed
    if refused:
        incoming.refused.append(Problem(where, 1, "file", refused, entry.path))
    elif not RELEASE_PATH.match(entry.path):
        severity = Severity.ERROR if entry.path.lower().endswith(".md") else Severity.WARNING
        incoming.refused.append(
            Problem(
                where,
                1,
                "file",
                "wrong_place",
                entry.path,
                (("expected", "releases/<tahun>/<slug>.md"),),
                severity,
            )
        )
    elif not _small(entry):
        incoming.refused.append(
            Problem(
                where,
                1,
                "file",
                "file_too_large",
                None,
                (("size", str(entry.size)), ("max", str(MAX_RELEASE_BYTES))),
            )
        )
    else:
        incoming.releases[entry.path] = entry.oid


def _small(entry: Entry) -> bool:
    return entry.size is not None and entry.size <= MAX_RELEASE_BYTES


def _offer_asset(entry: Entry, incoming: Incoming, label: str) -> None:
    refused = _refuse(entry)
    if refused:
        incoming.refused.append(Problem(f"{label}:{entry.path}", 1, "file", refused, entry.path))
        return
    problem = asset_problem(entry.path, entry.size, label)
    if problem:
        incoming.refused.append(problem)
    else:
        incoming.assets[entry.path] = entry.oid
        incoming.sizes[entry.oid] = entry.size or 0
