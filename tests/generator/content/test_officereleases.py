"""The central repository's indexes made office by office are those made release by
release; a repository of other releases (isolate's) makes its own."""

from __future__ import annotations

from dataclasses import replace

from generator.content.model import Release
from generator.content.officereleases import ReleasesById
from generator.content.repository import CENTRAL, Layout, Repository, load_repository
from tests.conftest import REPO_ROOT


def plain_by_province(repo: Repository) -> dict[str | None, set[str]]:
    grouped: dict[str | None, set[str]] = {}
    for release in repo.releases:
        grouped.setdefault(release.office.province, set()).add(release.id)
    return grouped


def test_the_indexes_by_office_are_those_release_by_release() -> None:
    repo = load_repository(Layout(REPO_ROOT, CENTRAL))
    assert repo.office_releases is not None
    assert [r for o in repo.office_releases for r in o.releases] == repo.releases
    assert isinstance(repo.by_id, ReleasesById)
    plain = {release.id: release for release in repo.releases}
    assert dict(repo.by_id) == plain and len(repo.by_id) == len(plain)
    for release_id, release in plain.items():
        assert repo.release(release_id) is release and release_id in repo.by_id
    for missing in ("kutai-timur/2026/tidak-ada", "tidak-ada/2026/x", "", "/", "a/b/c/d"):
        assert repo.release(missing) is None and missing not in repo.by_id
    assert 7 not in repo.by_id  # type: ignore[comparison-overlap]
    by_province = {p: {r.id for r in rs} for p, rs in repo.by_province.items()}
    assert by_province == plain_by_province(repo)
    assert len(by_province) > 2


def test_a_repository_of_other_releases_indexes_them_itself() -> None:
    repo = load_repository(Layout(REPO_ROOT, CENTRAL))
    left_out: Release = repo.releases[0]
    fewer = replace(repo, releases=repo.releases[1:])  # as isolate.without makes it
    assert fewer.office_releases is None
    assert fewer.release(left_out.id) is None
    assert left_out.id not in {r.id for rs in fewer.by_province.values() for r in rs}
    assert {p: {r.id for r in rs} for p, rs in fewer.by_province.items()} == plain_by_province(
        fewer
    )
