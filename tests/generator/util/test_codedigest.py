"""The code hash that invalidates the caches sees every module of every sub-package."""

from __future__ import annotations

import shutil
from pathlib import Path

import generator
from generator.util.codedigest import PACKAGE, code_digest, source_digest


def package_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "generator"
    shutil.copytree(
        Path(generator.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__")
    )
    return copy


def test_the_digest_is_of_the_whole_package() -> None:
    assert Path(generator.__file__).resolve().parent == PACKAGE
    assert code_digest() == source_digest(PACKAGE)


def test_a_change_deep_in_a_sub_package_changes_the_digest(tmp_path: Path) -> None:
    copy = package_copy(tmp_path)
    before = source_digest(copy)
    deep = copy / "public" / "outputs" / "base.py"
    deep.write_text(deep.read_text() + "\n# changed\n")
    assert source_digest(copy) != before


def test_a_module_moved_to_another_sub_package_changes_the_digest(tmp_path: Path) -> None:
    copy = package_copy(tmp_path)
    before = source_digest(copy)
    (copy / "public" / "feeds.py").rename(copy / "desk" / "feeds.py")
    assert source_digest(copy) != before


def test_files_that_are_not_python_do_not_count(tmp_path: Path) -> None:
    """Compiled files and notes beside the modules change nothing the code decides."""
    copy = package_copy(tmp_path)
    before = source_digest(copy)
    (copy / "content" / "notes.txt").write_text("catatan")
    assert source_digest(copy) == before
