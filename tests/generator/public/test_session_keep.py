"""Between two sites, a process that builds several keeps only what every site shows
(generator.public.session.Session.keep_shared): its memory stays that of one site."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.content.layout import CENTRAL, Layout
from generator.host import build
from generator.public.session import Session, forget_sessions, loaded

NOW = datetime(2026, 11, 24, 3, tzinfo=UTC)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "pagefind" not in path.parts
    }


def test_sites_built_one_after_another_keep_only_central_releases(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layout = Layout(sample_copy, CENTRAL)
    forget_sessions()
    try:
        # One worker: every site built here, one after another, as a site worker does.
        build.build(layout, [], sample_copy / "site", now=NOW, jobs=1)
        session = loaded(layout)
        assert session is not None
        central = {r.id for r in session.repo.releases if r.office.province is None}
        regional = {r.id for r in session.repo.releases} - central
        assert central and regional, "the sample has both"
        memo = session.memo
        assert memo.articles and {key[0] for key in memo.articles} <= central  # for the next
        assert {key[0] for key in memo.cards} <= central and set(memo.release_keys) <= central
        assert memo.related == {}, "made for one site's root"
        assert {key[1] for key in memo.feed_entries._parts} <= central
        wanted = {session.renderer._key(r) for r in session.repo.releases if r.id in central}
        assert session.renderer._memo and set(session.renderer._memo) <= wanted
    finally:
        forget_sessions()
    # What was let go is made again where a later site needs it: the same bytes as a
    # build that keeps everything.
    apart = tmp_path / "apart"
    shutil.copytree(sample_copy / "content", apart / "content")
    shutil.copy(sample_copy / "mkdocs.yml", apart / "mkdocs.yml")
    monkeypatch.setattr(Session, "keep_shared", lambda session: session.renderer.save())
    try:
        build.build(Layout(apart, CENTRAL), [], apart / "site", now=NOW, jobs=1)
    finally:
        forget_sessions()
    assert _files(sample_copy / "site") == _files(apart / "site")
