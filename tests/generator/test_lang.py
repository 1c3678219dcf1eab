"""Every command that prints speaks Indonesian by default and English with --lang en,
from its summaries to its refusals; every wording in the catalog has both languages."""

from __future__ import annotations

import ast
import http.server
import json
import re
import subprocess
import sys
import threading
from pathlib import Path
from string import Formatter

import click
import pytest
from click.testing import Result

from generator.cli import main
from generator.content import messages
from tests.conftest import invoke, release_text
from tests.sync.gitrepos import central_repo, commit, office_repo

SCRIPT = Path(sys.executable).parent / "newsroom"
NOW = "--now=2026-11-24T10:30:00+08:00"
ROOT = Path(__file__).resolve().parents[2]


def said(args: list[str], cwd: Path, lang: str) -> Result:
    """`newsroom ARGS` in `cwd`, with `--lang en` for English and no option for Indonesian."""
    return invoke([*args, "--lang", "en"] if lang == "en" else args, cwd)


@pytest.fixture
def kantor(tmp_path: Path) -> Path:
    """An office repository (git) with one release, as a writer has it."""
    return office_repo(
        tmp_path / "kantor",
        "kutai-timur",
        {"releases/2026/rapat.md": release_text(title="Rapat", status="published")},
    )


@pytest.fixture
def pusat(tmp_path: Path, kantor: Path) -> Path:
    """A central repository syncing that office by path."""
    return central_repo(tmp_path / "pusat", {"kutai-timur": str(kantor)})


BOTH = pytest.mark.parametrize("lang", ["id", "en"])


@BOTH
def test_check(kantor: Path, lang: str) -> None:
    (kantor / "releases/2026/rusak.md").write_text(release_text(category="salah"))
    done = said(["check"], kantor, lang)
    summary = "1 error(s), 0 warning(s)" if lang == "en" else "1 kesalahan, 0 peringatan"
    assert done.exit_code == 1 and summary in done.output, done.output


@BOTH
def test_new(kantor: Path, lang: str) -> None:
    done = said(["new", "Rapat Koordinasi", NOW], kantor, lang)
    created = "was created as a draft" if lang == "en" else "dibuat sebagai draf"
    assert done.exit_code == 0 and created in done.output, done.output
    refused = said(["new", "   ", NOW], kantor, lang)
    title = "title: the release title is empty" if lang == "en" else "judul: judul rilis kosong"
    assert refused.exit_code == 2 and title in refused.output, refused.output


@BOTH
def test_build(kantor: Path, lang: str) -> None:
    args = ["build", NOW] + (["--lang", "en"] if lang == "en" else [])
    done = subprocess.run([str(SCRIPT), *args], cwd=kantor, capture_output=True, text=True)
    built = " s -> site/kalimantan-timur" if lang == "en" else " dtk -> site/kalimantan-timur"
    loaded = "1 releases loaded (0 problems)" if lang == "en" else "1 rilis dimuat (0 masalah)"
    made = " pages made, " if lang == "en" else " halaman dibuat, "
    assert done.returncode == 0 and built in done.stdout, done.stdout + done.stderr
    assert loaded in done.stderr and made in done.stderr, done.stderr
    unknown = said(["build", "--site", "atlantis"], kantor, lang)
    refused = "unknown site 'atlantis'" if lang == "en" else "situs 'atlantis' tidak dikenal"
    assert unknown.exit_code == 2 and refused in unknown.output, unknown.output


@BOTH
def test_serve(kantor: Path, lang: str) -> None:
    from tests.generator.cli.test_serve import free_port

    args = ["serve", "--port", str(free_port())] + (["--lang", "en"] if lang == "en" else [])
    server = subprocess.Popen(
        [str(SCRIPT), *args], cwd=kantor, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        assert server.stderr is not None
        first = server.stderr.readline().decode()
    finally:
        server.terminate()
        server.wait(timeout=10)
    expected = "Preview: http://127.0.0.1:" if lang == "en" else "Pratinjau: http://127.0.0.1:"
    assert first.startswith(expected), first
    assert ("Ctrl+C to stop" if lang == "en" else "Ctrl+C untuk berhenti") in first


@BOTH
def test_schedule(kantor: Path, lang: str) -> None:
    done = said(["schedule", NOW], kantor, lang)
    none = "No embargo is pending." if lang == "en" else "Tidak ada embargo yang menunggu."
    assert done.exit_code == 0 and none in done.output, done.output
    due = said(["schedule", "--due", NOW], kantor, lang)
    never = "no build recorded yet" if lang == "en" else "belum ada build yang tercatat"
    assert due.exit_code == 0 and never in due.output, due.output
    bad = said(["schedule", "--now", "2026-11-24T10:30:00"], kantor, lang)
    offset = "has no UTC offset" if lang == "en" else "tidak punya selisih UTC"
    assert bad.exit_code == 2 and offset in bad.output, bad.output


@BOTH
def test_schedule_names_each_embargo_in_its_language(kantor: Path, lang: str) -> None:
    embargoed = release_text(title="Embargo", status="published", publish_at="2026-11-25 09:00")
    (kantor / "releases/2026/embargo.md").write_text(embargoed)
    done = said(["schedule", NOW], kantor, lang)
    assert done.exit_code == 0, done.output
    assert done.output.startswith("2026-11-25T01:00:00Z\n"), done.output  # for scripts
    lifts = (
        "kutai-timur/2026/embargo (embargo lifts 2026-11-25 09:00 WITA)"
        if lang == "en"
        else "kutai-timur/2026/embargo (embargo berakhir Rabu, 25 November 2026 09.00 WITA)"
    )
    assert lifts in done.output, done.output


@BOTH
def test_sync(pusat: Path, kantor: Path, lang: str) -> None:
    done = said(["sync", NOW], pusat, lang)
    assert done.exit_code == 0, done.output
    heads = r"^office +new +updated +withdrawn" if lang == "en" else r"^kantor +baru +diperbarui"
    assert re.search(heads, done.output, re.M) and "kutai-timur: OK (" in done.output, done.output
    seconds = r"OK \(\d+\.\d\d s\)" if lang == "en" else r"OK \(\d+\.\d\d dtk\)"
    assert re.search(seconds, done.output), done.output
    elsewhere = said(["sync"], kantor, lang)
    central = "runs in the central repository" if lang == "en" else "berjalan di repositori pusat"
    assert elsewhere.exit_code == 2 and central in elsewhere.output, elsewhere.output
    unknown = said(["sync", "--office", "atlantis"], pusat, lang)
    named = "unknown office(s) 'atlantis'" if lang == "en" else "kantor tidak dikenal: 'atlantis'"
    assert unknown.exit_code == 2 and named in unknown.output, unknown.output


@BOTH
def test_sync_refuses_a_credential_in_its_language(tmp_path: Path, lang: str) -> None:
    pusat = central_repo(
        tmp_path / "pusat", {"kutai-timur": "https://kantor:Sandi-7Q2x@x.invalid/r"}
    )
    done = said(["sync", NOW], pusat, lang)
    assert done.exit_code == 1, done.output
    if lang == "en":
        assert "failed, see below" in done.output  # the table's error column
        assert "the source address carries a credential" in done.output
        assert "GAGAL" not in done.output
    else:
        assert "gagal, lihat di bawah" in done.output
        assert "alamat sumber memuat kredensial" in done.output
        assert "kutai-timur: GAGAL (" in done.output
    assert "Sandi-7Q2x" not in done.output


class _NotAFeed(http.server.BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # a web page where the feed should be
        body = b"<!doctype html><title>Beranda</title>"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@BOTH
def test_sync_says_why_a_feed_failed_in_its_language(tmp_path: Path, lang: str) -> None:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotAFeed)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/feed.json"
        pusat = central_repo(tmp_path / "pusat", {"kutai-timur": f"feed:{url}"})
        done = said(["sync", NOW], pusat, lang)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert done.exit_code == 1, done.output
    if lang == "en":
        assert f"{url} is not JSON (" in done.output and "failed, see below" in done.output
        assert "it must lead to the office's JSON Feed, not a web page" in done.output
    else:
        assert f"{url} bukan JSON, jadi bukan feed" in done.output
        assert "gagal, lihat di bawah" in done.output and "bukan halaman web" in done.output
    record = json.loads(next((pusat / ".newsroom/runs").glob("*.json")).read_text())
    assert "is not JSON" in record["offices"]["kutai-timur"]["error"]  # records: English


@BOTH
@pytest.mark.parametrize(
    "args",
    [
        ["curate", "add", "kutai-timur/2026/rapat"],
        ["curate", "edit", "kutai-timur/2026/rapat", "--note", "x"],
        ["curate", "remove", "kutai-timur/2026/rapat"],
        ["curate", "pin", "kutai-timur/2026/rapat"],
        ["curate", "unpin", "kutai-timur/2026/rapat"],
        ["curate", "move", "kutai-timur/2026/rapat", "--before", "kutai-timur/2026/lain"],
        ["curate", "decline", "kutai-timur/2026/rapat"],
        ["curate", "list"],
        ["curate", "inbox"],
    ],
)
def test_curate_in_an_office_repository(kantor: Path, args: list[str], lang: str) -> None:
    done = said(args, kantor, lang)
    refused = (
        "Error: curation lives in the central repository"
        if lang == "en"
        else "Galat: kurasi ada di repositori pusat"
    )
    assert done.exit_code == 1 and refused in done.output, done.output


@BOTH
def test_curate_in_the_central_repository(pusat: Path, lang: str) -> None:
    assert invoke(["sync", NOW], pusat).exit_code == 0
    commit(pusat, "sinkron")
    done = said(["curate", "add", "kutai-timur/2026/rapat", NOW], pusat, lang)
    added = "added kutai-timur/2026/rapat" if lang == "en" else "ditambahkan ke kurasi nasional"
    assert done.exit_code == 0 and added in done.output, done.output


@BOTH
def test_init(tmp_path: Path, lang: str) -> None:
    done = said(["init", "central", "pusat"], tmp_path, lang)
    created = "created: pusat/mkdocs.yml" if lang == "en" else "dibuat: pusat/mkdocs.yml"
    assert done.exit_code == 0 and created in done.output, done.output


@BOTH
def test_outside_any_repository(tmp_path: Path, lang: str) -> None:
    for command in ("check", "new", "build", "schedule", "sync", "serve"):
        args = [command, "Judul"] if command == "new" else [command]
        done = said(args, tmp_path, lang)
        expected = "not a newsroom repository" if lang == "en" else "bukan repositori newsroom"
        assert done.exit_code == 2 and expected in done.output, (command, done.output)


RELEASE = "kutai-timur/2026/rapat"
# Every command the `newsroom` group has, with arguments it runs with: a command added
# without an entry here fails the test below, so none escapes it.
EVERY_COMMAND: dict[tuple[str, ...], list[str]] = {
    ("check",): [],
    ("new",): ["Judul"],
    ("build",): [],
    ("sites",): [],
    ("serve",): [],
    ("sync",): [],
    ("watch",): [],
    ("schedule",): [],
    ("curate", "add"): [RELEASE],
    ("curate", "edit"): [RELEASE, "--note", "x"],
    ("curate", "remove"): [RELEASE],
    ("curate", "pin"): [RELEASE],
    ("curate", "unpin"): [RELEASE],
    ("curate", "move"): [RELEASE, "--before", "kutai-timur/2026/lain"],
    ("curate", "decline"): [RELEASE],
    ("curate", "list"): [],
    ("curate", "inbox"): [],
    ("report", "officers"): ["--from", "2026-11-01", "--to", "2026-11-30"],
    ("report", "offices"): ["--from", "2026-11-01", "--to", "2026-11-30"],
    ("init", "central"): ["pusat"],
    ("init", "office"): [
        "rilis",
        "--id",
        "kutai-timur",
        "--name",
        "Diskominfo",
        "--level",
        "kota",
        "--province",
        "64",
    ],
}


def _commands(
    group: click.Group, path: tuple[str, ...] = ()
) -> dict[tuple[str, ...], click.Command]:
    """Every command under `group`, by the words that run it."""
    found: dict[tuple[str, ...], click.Command] = {}
    context = click.Context(group)  # the group's own listing: `newsroom` imports lazily
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            found.update(_commands(command, (*path, name)))
        else:
            found[(*path, name)] = command
    return found


def test_every_command_takes_lang_and_speaks_english_with_it(tmp_path: Path) -> None:
    """Outside any repository every command refuses (init writes one): in English with
    `--lang en`, in Indonesian without it."""
    commands = _commands(main)
    assert set(commands) == set(EVERY_COMMAND)
    for number, (path, command) in enumerate(sorted(commands.items())):
        lang = [param for param in command.params if param.name == "lang"]
        choice = lang[0].type if lang else None
        assert isinstance(choice, click.Choice) and list(choice.choices) == ["id", "en"], path
        for language in ("en", "id"):
            here = tmp_path / f"{number}-{language}"
            here.mkdir()
            done = said([*path, *EVERY_COMMAND[path]], here, language)
            if path[0] == "init":
                expected = "created: " if language == "en" else "dibuat: "
                assert done.exit_code == 0 and expected in done.output, (path, done.output)
            else:
                expected = "not a newsroom" if language == "en" else "bukan repositori newsroom"
                assert done.exit_code == 2 and expected in done.output, (path, done.output)
            assert ("bukan" in done.output or "dibuat" in done.output) == (language == "id")


# --- the catalog ------------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def _tables() -> dict[str, dict[str, tuple[str, ...]]]:
    return {
        "CATALOG": dict(messages.CATALOG),
        "CURATION": dict(messages.CURATION),
        "INIT": dict(messages.INIT),
        "CLI": dict(messages.CLI),
    }


# The YAML parser's own detail is English: only the English wording shows it.
ENGLISH_DETAIL = {("CATALOG", "yaml_syntax"), ("CATALOG", "feed_not_json")}


def test_every_wording_has_both_languages_with_the_same_blanks() -> None:
    for table, entries in _tables().items():
        for code, texts in entries.items():
            # CATALOG: (id problem, id fix, en problem, en fix); the others: (id, en)
            pairs = [(texts[0], texts[2]), (texts[1], texts[3])] if len(texts) == 4 else [texts]
            assert len(texts) in (2, 4), (table, code)
            for indonesian, english in pairs:
                assert indonesian.strip() and english.strip(), (table, code)
                blanks = _fields(english) - (
                    {"detail"} if (table, code) in ENGLISH_DETAIL else set()
                )
                assert _fields(indonesian) == blanks, (table, code)


def test_no_message_is_written_out_in_the_printing_modules() -> None:
    """What these modules print or raise for the user is a catalog code, never words."""
    printers = {"echo", "print", "secho", "warning", "info", "error", "critical", "exception"}
    refusals = {"UsageError", "BadParameter", "ClickException", "SyncUsageError", "BuildError"}
    modules = [
        str(path.relative_to(ROOT)) for path in sorted((ROOT / "generator/cli").glob("*.py"))
    ]
    modules += ["generator/content/check.py", "generator/host/build.py"]
    modules += ["generator/public/session.py", "generator/content/cachedir.py", "sync/runner.py"]
    found = []
    for module in modules:
        for call in ast.walk(ast.parse((ROOT / module).read_text())):
            if not isinstance(call, ast.Call) or not call.args:
                continue
            func = call.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in printers | refusals and _has_words(call.args[0]):
                found.append(f"{module}:{call.lineno}: {ast.unparse(call)[:80]}")
    assert not found, "\n".join(found)


def _has_words(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        code = re.fullmatch(r"[a-z_]+", node.value)  # a catalog code, not words
        return code is None and re.search("[A-Za-z]{2}", node.value) is not None
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(part) for part in node.values)
    if isinstance(node, ast.BinOp):
        return _has_words(node.left) or _has_words(node.right)
    return False
