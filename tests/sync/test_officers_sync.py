"""The sync carries an office's officers and its releases' credits: from a git office
(office.yml, NIPs kept for the central repository's reports) and from a newsroom's
JSON Feed (names and positions, never a NIP, and only where bylines are on); credits
are checked against the release's own office, as `newsroom check` does."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from generator.content.repository import CENTRAL, Layout, load_repository
from sync.runner import Options, sync
from tests.conftest import release_text
from tests.sitebuild import build_repo
from tests.sync.gitrepos import central_repo, commit, office_repo, write
from tests.sync.test_feed_sync import running_server

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
OFFICERS = (
    "officers:\n"
    '  - {id: lisa, name: Lisa Amalia, nip: "19900101 201501 2 001", position: Ahli Pertama}\n'
    "  - {id: ari, name: Ari Wibowo}\n"
)
CREDITED = release_text(date="2026-11-20 10:00", credits="{penulis: [lisa], foto: [ari]}")


def kutim_yml() -> str:
    return 'id: kutai-timur\nname: Kantor kutai-timur\nlevel: kabupaten\nprovince: "64"\n'


def test_officers_and_credits_arrive_from_a_git_office(tmp_path: Path) -> None:
    office = office_repo(
        tmp_path / "kutim",
        "kutai-timur",
        {
            "office.yml": kutim_yml() + OFFICERS,
            "releases/2026/rapat.md": CREDITED,
            "releases/2026/asing.md": release_text(
                date="2026-11-20 11:00", credits="{penulis: [rina]}"
            ),
        },
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    layout = Layout(central, CENTRAL)
    [result] = sync(layout, Options(now=NOW))
    assert result.new == ["kutai-timur/2026/rapat"]
    # An officer of another office (or of none) is refused, named with the known ids.
    [refused] = [p for p in result.problems if p.code == "unknown_officer"]
    assert (refused.path, refused.line, refused.value) == (
        "kutai-timur:releases/2026/asing.md",
        5,
        "rina",
    )
    assert "(lisa, ari)" in refused.format("en")
    kept = (central / "content/officers/kutai-timur.yml").read_text(encoding="utf-8")
    assert 'nip: "199001012015012001"' in kept
    repo = load_repository(layout, now=NOW)
    assert repo.report.errors == []
    [release] = repo.releases
    assert release.meta.credits == (("penulis", ("lisa",)), ("foto", ("ari",)))
    assert [o.id for o in release.office.officers] == ["lisa", "ari"]
    assert release.office.officer("lisa").nip == "199001012015012001"  # type: ignore[union-attr]

    # The office drops Ari and adds Budi: Ari stays (releases here credit him).
    write(office, {"office.yml": kutim_yml() + "officers: [{id: budi, name: Budi}]\n"})
    commit(office, "petugas")
    [again] = sync(layout, Options(now=NOW))
    assert again.ok, again.problems
    officers = load_repository(layout, now=NOW).offices["kutai-timur"].officers
    assert [o.id for o in officers] == ["lisa", "ari", "budi"]


def test_a_bad_officer_in_office_yml_is_reported_and_not_taken(tmp_path: Path) -> None:
    bad = "officers:\n  - {id: lisa, name: Lisa, nip: '199001012015013001'}\n  - {id: X}\n"
    office = office_repo(
        tmp_path / "kutim", "kutai-timur", {"office.yml": kutim_yml() + bad, "releases/.k": ""}
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    [result] = sync(Layout(central, CENTRAL), Options(now=NOW))
    codes = {(p.path, p.field, p.code) for p in result.problems}
    assert ("kutai-timur:office.yml", "officers[1].nip", "nip_sex") in codes
    assert ("kutai-timur:office.yml", "officers[2].id", "bad_id") in codes
    kept = (central / "content/officers/kutai-timur.yml").read_text(encoding="utf-8")
    assert "lisa" in kept and "199001012015013001" not in kept  # the bad NIP is not kept


def test_officers_and_credits_arrive_from_a_feed_with_bylines_and_never_a_nip(
    tmp_path: Path,
) -> None:
    source = central_repo(tmp_path / "asal", {})
    write(
        source,
        {
            "content/offices.yml": "- id: kutai-timur\n  name: Kantor kutai-timur\n"
            '  level: kabupaten\n  province: "64"\n'
            + "".join(f"  {line}\n" for line in OFFICERS.splitlines()),
            "content/releases/kutai-timur/2026/rapat.md": CREDITED,
        },
    )
    mkdocs = source / "mkdocs.yml"
    mkdocs.write_text(
        mkdocs.read_text(encoding="utf-8").replace(
            "  - newsroom\n", "  - newsroom:\n      bylines: true\n"
        ),
        encoding="utf-8",
    )
    with running_server() as server:
        server.folder = build_repo(source, NOW, server.url)
        feed = f"{server.url}kalimantan-timur/kantor/kutai-timur/feed.json"
        published = (server.folder / "kalimantan-timur/kantor/kutai-timur/feed.json").read_text()
        assert "199001012015012001" not in published
        central = central_repo(tmp_path / "pusat", {"kutai-timur": "feed:" + feed})
        layout = Layout(central, CENTRAL)
        [result] = sync(layout, Options(now=NOW))
    assert result.new == ["kutai-timur/2026/rapat"], result.problems
    repo = load_repository(layout, now=NOW)
    assert repo.report.errors == []
    [release] = repo.releases
    assert release.meta.credits == (("penulis", ("lisa",)), ("foto", ("ari",)))
    lisa = release.office.officer("lisa")
    assert lisa is not None and (lisa.name, lisa.position, lisa.nip) == (
        "Lisa Amalia",
        "Ahli Pertama",
        None,
    )
