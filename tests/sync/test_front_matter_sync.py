"""What the sync writes into a release's front matter, through real git repositories:
read by our own loader as intended whatever layout the office wrote, and only ever
in the file the office named."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from generator.content.frontmatter import split
from generator.content.repository import CENTRAL, Layout, load_repository
from sync.runner import Options, sync
from tests.conftest import release_text
from tests.sitebuild import build_repo
from tests.sync.gitrepos import central_repo, commit, git, office_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
BODY = "Isi rilis.\n\u2028status: withdrawn\n\nBaris akhir.\n"
DATE = "date: 2026-04-11 10:00\ncategory: berita\n"

# Front matter written in layouts where lines and YAML disagree (see generator.content.frontedit).
LAYOUTS = {
    # To YAML the second line is the summary's text; to the line editor, the release
    # was withdrawn already, so it stayed public after its removal upstream.
    "quoted": f'title: Banjir Kutim\n{DATE}summary: "Air naik\nstatus: withdrawn, kata warga"\n',
    "literal": f"title: Banjir Kutim\n{DATE}summary: |\n  Air naik\n  status: withdrawn\n",
    # A key added at column 0 broke these: the page vanished instead of its notice.
    "indented": "  title: Banjir Kutim\n  date: 2026-04-11 10:00\n  category: berita\n",
    "flow": '{title: Banjir Kutim, date: "2026-04-11 10:00", category: berita}\n',
    # U+2028 and U+0085 are line breaks to YAML: `status` is a key of its own, which a
    # second `status` line made a duplicate.
    "u2028": f"title: Banjir Kutim\u2028status: published\n{DATE}",
    "nel": f"title: Banjir Kutim\x85status: published\n{DATE}",
    "comments": f"# status: withdrawn\ntitle: Banjir Kutim  # status: withdrawn\n{DATE}",
    "crlf": f"title: Banjir Kutim\n{DATE}status: published\n",
}


def release_file(name: str, front: str) -> bytes:
    text = f"---\n{front}---\n{BODY}"
    return (text.replace("\n", "\r\n") if name == "crlf" else text).encode("utf-8")


def test_a_release_removed_upstream_reads_withdrawn_whatever_its_layout(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        f"releases/2026/banjir-{name}.md": release_file(name, front)
        for name, front in LAYOUTS.items()
    }
    office = office_repo(tmp_path / "kantor", "kutai-timur", files)
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    content = central / "content/releases/kutai-timur/2026"
    now = NOW
    (first,) = sync(Layout(central, CENTRAL), Options(now=now))
    assert len(first.new) == len(LAYOUTS), first.problems
    bodies = {name: split((content / name).read_text()).body for name in _names()}
    for path in files:
        git(office, "rm", "-q", path)
    head = commit(office, "hapus semua")
    (second,) = sync(Layout(central, CENTRAL), Options(now=now, allow_mass_withdraw=True))
    assert len(second.withdrawn) == len(LAYOUTS)
    repo = load_repository(Layout(central, CENTRAL))
    assert repo.report.errors == []
    for name in LAYOUTS:
        release = repo.release(f"kutai-timur/2026/banjir-{name}")
        assert release is not None, name  # the page did not vanish
        assert release.meta.status == "withdrawn", name
        reason = release.meta.withdrawn_reason or ""
        # Our own words, naming the office; the version is the desk's, not the public's.
        assert reason.startswith("Dihapus dari sumber Kantor kutai-timur;"), name
        assert head[:12] not in reason, name
        assert release.meta.title == "Banjir Kutim", name
        text = (content / f"banjir-{name}.md").read_text()
        assert split(text).body == bodies[f"banjir-{name}.md"] == BODY, name
    out = build_repo(central, datetime(2027, 1, 1, tzinfo=UTC), "https://b.example/")
    for name in LAYOUTS:
        page = out / f"kalimantan-timur/kutai-timur/2026/banjir-{name}/index.html"
        assert "Rilis ini telah ditarik" in page.read_text(), name


def _names() -> list[str]:
    return [f"banjir-{name}.md" for name in LAYOUTS]


def test_a_release_name_ending_in_a_newline_is_refused_and_never_stands_for_another(
    tmp_path: Path,
) -> None:
    """`releases/2026/sekolah.md\\n` is another file to git; `$` matched before its
    newline, so the sync took it for `sekolah.md`, and its removal withdrew that one."""
    real = release_text(title="Sekolah Terapung")
    twin = release_text(title="Kembaran Bernewline")
    office = office_repo(
        tmp_path / "kantor",
        "kutai-timur",
        {
            "releases/2026/sekolah.md": real,
            "releases/2026/sekolah.md\n": twin,
            **{f"releases/2026/lain-{n}.md": release_text(title=f"Lain {n}") for n in range(2)},
        },
    )
    assert "releases/2026/sekolah.md\n" in git(office, "ls-files", "-z").split("\0")
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    (first,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    assert "kutai-timur/2026/sekolah" in first.new
    refused = [p for p in first.problems if p.value == "releases/2026/sekolah.md\n"]
    assert [p.code for p in refused] == ["wrong_place"]
    target = central / "content/releases/kutai-timur/2026/sekolah.md"
    assert target.read_text() == real
    assert not any("\n" in p.name for p in target.parent.iterdir())
    git(office, "rm", "-q", "releases/2026/sekolah.md\n")
    commit(office, "hapus kembaran")
    (second,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    assert second.withdrawn == [] and target.read_text() == real
    release = load_repository(Layout(central, CENTRAL)).release("kutai-timur/2026/sekolah")
    assert release is not None and release.meta.status == "published"


def test_no_path_or_id_pattern_takes_a_name_with_a_newline_at_its_end() -> None:
    """`$` matches before a final newline; each pattern that says what a path or id
    may be ends in `\\Z`, so `x\\n` is never taken for `x`."""
    from generator.content import linkcheck, sourceurl
    from generator.content.assets import asset_target
    from generator.content.fields import SLUG_RE
    from generator.desk import queries
    from sync.offer import RELEASE_PATH
    from sync.sources import feed as feedsource

    assert asset_target("assets/foto.png\n") is None
    assert asset_target("assets/foto.png") == "foto.png"
    cases = [
        (RELEASE_PATH, "releases/2026/x.md"),
        (linkcheck._RELEASE_FILE, "releases/2026/x.md"),
        (queries.RELEASE_ID, "kaltim/2026/raker"),
        (sourceurl._SCP, "git@host:kantor/rilis.git"),
    ]
    for pattern, good in cases:
        assert pattern.match(good) and not pattern.match(good + "\n"), pattern.pattern
    # A feed item's slug keeps its newline, for the slug check to refuse.
    item = feedsource._ITEM_ID.match("kutai-timur/2026/x\n")
    assert item is None or not SLUG_RE.match(item.group(3))
