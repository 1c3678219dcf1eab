"""The folders builds wrote their sites into, noted for `newsroom report`: each once,
and a note that cannot be written is said (the report would not know the folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.builtinto import BUILT_INTO, built_into, remember_built_into
from generator.content.messages import set_language


def test_each_folder_is_noted_once_resolved(tmp_path: Path) -> None:
    root = tmp_path / "pusat"
    root.mkdir()
    remember_built_into(root, root / "site")
    remember_built_into(root, tmp_path / "www" / ".." / "www")
    stamp = (root / BUILT_INTO).stat().st_mtime_ns
    remember_built_into(root, root / "site")  # known: not written again
    assert (root / BUILT_INTO).stat().st_mtime_ns == stamp
    assert built_into(root) == [root / "site", tmp_path / "www"]


def test_a_note_that_cannot_be_written_is_said(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "pusat"
    root.mkdir()
    (root / ".newsroom").write_text("a file where the folder belongs")
    set_language("en")
    try:
        remember_built_into(root, tmp_path / "www")
    finally:
        set_language("id")
    assert built_into(root) == []
    assert any(
        "will not refuse a report (with NIPs) there" in r.getMessage() for r in caplog.records
    )
