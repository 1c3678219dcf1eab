"""Sources as a registry (issue 15): a kind of source is one module behind
`sync.sources.base.Source` plus one schema in `generator.content.schema.SOURCE_KINDS`;
a source that is no known kind is refused by name, with its fix, in both languages."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

import pytest

from generator.content.fields import Text, spec
from generator.content.problems import Problem, Report
from generator.content.repository import CENTRAL, Layout, load_registry, load_repository
from generator.content.schema import SOURCE_KINDS, SourceEntry
from generator.content.syncstate import OfficeState, load_state
from sync import sources
from sync.offer import RELEASE_PATH, Incoming
from sync.runner import Options, SyncUsageError, sync
from sync.sources.base import Reading, Source
from tests.conftest import release_text
from tests.sync.gitrepos import write

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
OFFICE = (
    "- id: kutai-timur\n  name: Diskominfo Kabupaten Kutai Timur\n  level: kabupaten\n"
    '  province: "64"\n'
)


# --- a third kind, declared here as any new kind would be ----------------------------


@dataclass(frozen=True, kw_only=True)
class FolderSourceEntry(SourceEntry):
    """The schema entry: `source: {folder: <path>}`."""

    kind: ClassVar[str] = "folder"
    folder: str = spec(Text(500), doc="A folder on this server holding releases/ and assets/.")


class LocalFolder(Source):
    """The module: an office's files read from a local folder, the version being the
    hash of every path and its bytes."""

    def __init__(self, entry: FolderSourceEntry, reading: Reading) -> None:
        self.folder = Path(entry.folder)

    def read(self, state: OfficeState) -> Incoming | None:
        blobs = {
            file.relative_to(self.folder).as_posix(): file.read_bytes()
            for file in sorted(self.folder.rglob("*"))
            if file.is_file()
        }
        oids = {path: hashlib.sha256(data).hexdigest() for path, data in blobs.items()}
        version = hashlib.sha256(repr(sorted(oids.items())).encode()).hexdigest()
        state.source = self.folder.name
        if version == state.commit:
            return None
        by_oid = {oids[path]: data for path, data in blobs.items()}

        def read(wanted: list[str]) -> Iterator[tuple[str, bytes]]:
            return ((oid, by_oid[oid]) for oid in wanted)

        incoming = Incoming(version=version, read=read)
        for path, oid in oids.items():
            if RELEASE_PATH.match(path):
                incoming.releases[path] = oid
            elif path.startswith("assets/"):
                incoming.assets[path] = oid
                incoming.sizes[oid] = len(blobs[path])
        return incoming


@pytest.fixture
def folder_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    """The new kind registered: its schema entry and its module, nothing else."""
    monkeypatch.setitem(SOURCE_KINDS, "folder", FolderSourceEntry)
    monkeypatch.setitem(sources.SOURCES, "folder", LocalFolder)


def central_with(root: Path, source: str) -> Path:
    write(
        root,
        {
            "content/offices.yml": f"{OFFICE}  source: {source}\n",
            "mkdocs.yml": "site_name: Pusat\ndocs_dir: content/pages\ntheme: {name: newsroom}\n"
            "plugins:\n  - newsroom\n",
        },
    )
    (root / "content" / "pages").mkdir(parents=True, exist_ok=True)
    return root


def registry_problems(central: Path) -> list[Problem]:
    report = Report()
    load_registry(Layout(central, CENTRAL), report)
    return report.problems


def test_a_new_kind_of_source_is_one_module_plus_a_schema_entry(
    tmp_path: Path, folder_kind: None
) -> None:
    office = tmp_path / "rilis-kutim"
    write(office, {"releases/2026/jalan-poros.md": release_text(title="Jalan poros")})
    central = central_with(tmp_path / "pusat", f'{{folder: "{office}"}}')
    assert registry_problems(central) == []

    (result,) = sync(Layout(central, CENTRAL), Options(now=NOW))

    assert result.ok, result.error
    assert result.new == ["kutai-timur/2026/jalan-poros"]
    state = load_state(central / "content", "kutai-timur")
    assert state.source == "rilis-kutim" and state.commit
    repo = load_repository(Layout(central, CENTRAL))
    assert [r.id for r in repo.releases] == ["kutai-timur/2026/jalan-poros"]
    # Nothing new in the folder: nothing read again, nothing reported.
    (again,) = sync(Layout(central, CENTRAL), Options(now=NOW))
    assert again.ok and not (again.new or again.updated or again.withdrawn)


def test_every_kind_the_schema_takes_has_its_module() -> None:
    assert set(SOURCE_KINDS) == set(sources.SOURCES)


def test_an_unknown_kind_of_source_is_refused_by_name_with_its_fix(tmp_path: Path) -> None:
    central = central_with(tmp_path / "pusat", "{svn: https://svn.example.go.id/humas}")
    (problem,) = registry_problems(central)
    assert (problem.line, problem.field, problem.code, problem.value) == (
        5,
        "source.svn",
        "unknown_source_kind",
        "svn",
    )
    assert problem.format("en") == (
        f"{central / 'content/offices.yml'}:5: source.svn: unknown kind of source (got 'svn'); "
        "use one of the kinds: `git:`, `feed:` (their fields: git: git, branch; feed: feed), "
        "for example `source: {feed: https://humas.example.go.id/feed.json}`"
    )
    assert problem.format("id").split(": ", 2)[2].startswith("jenis sumber tidak dikenal")
    # A wrong registry could send an office anywhere: the sync does not start.
    with pytest.raises(SyncUsageError) as refused:
        sync(Layout(central, CENTRAL), Options(now=NOW))
    assert "source.svn: unknown kind of source" in refused.value.text("en")


def test_a_source_naming_no_kind_or_two_is_refused_at_its_key(tmp_path: Path) -> None:
    """At the line of `source:`, also when its fields are written on the lines below."""
    both = "\n    git: /srv/git/humas.git\n    feed: https://humas.example.go.id/feed.json"
    for source in ("{branch: main}", both):
        central = central_with(tmp_path / str(len(source)), source)
        (problem,) = registry_problems(central)
        assert (problem.line, problem.field, problem.code) == (5, "source", "bad_source")
        assert problem.texts("en")[0] == "the source must be exactly one kind: `git:`, `feed:`"


def test_a_field_of_another_kind_is_pointed_out_and_the_source_kept(tmp_path: Path) -> None:
    central = central_with(
        tmp_path / "pusat", "{feed: https://humas.example.go.id/feed.json, branch: main}"
    )
    (problem,) = registry_problems(central)
    assert (problem.field, problem.code, problem.severity.value) == (
        "source.branch",
        "field_of_other_kind",
        "warning",
    )
    assert problem.texts("en") == (
        "this field is for a `git:` source; a `feed:` source does not use it",
        "remove it; the fields of a `feed:` source: feed",
    )
    office = load_registry(Layout(central, CENTRAL), Report()).offices["kutai-timur"]
    assert office.source is not None and office.source.kind == "feed"


def test_a_kind_the_sync_cannot_read_fails_that_office_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A schema entry without its module: the office fails, said in both languages."""
    monkeypatch.setitem(SOURCE_KINDS, "folder", FolderSourceEntry)
    central = central_with(tmp_path / "pusat", f'{{folder: "{tmp_path}"}}')
    (result,) = sync(Layout(central, CENTRAL), Options(now=NOW))
    assert result.error == (
        "the sync cannot read a `folder:` source; use a kind the sync reads (git, feed) in "
        "content/offices.yml, or update Newsroom"
    )
    assert result.error_in(
        "id",
    ).startswith("sinkronisasi tidak bisa membaca sumber jenis")
    assert [(p.field, p.code) for p in result.problems] == [
        ("kutai-timur.source", "source_kind_unsupported")
    ]
