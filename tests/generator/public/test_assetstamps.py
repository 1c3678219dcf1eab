"""The one asset stamp: what page keys, fingerprints and the render cache compare."""

from __future__ import annotations

from pathlib import Path

from generator.public.assetstamps import MISSING, asset_stamp, asset_stamps


def test_a_stamp_follows_the_file_and_a_missing_one_is_never_real(tmp_path: Path) -> None:
    (tmp_path / "foto.png").write_bytes(b"12345")
    size, _ = asset_stamp(tmp_path, "assets/foto.png")
    assert size == 5
    assert asset_stamp(tmp_path, "assets/hilang.png") == MISSING
    (tmp_path / "foto.png").write_bytes(b"123456")
    assert asset_stamp(tmp_path, "assets/foto.png")[0] == 6


def test_stamps_keep_the_order_given_in_json_shape(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"a")
    stamps = asset_stamps(tmp_path, ["assets/z.pdf", "assets/a.pdf"])
    assert list(stamps) == ["assets/z.pdf", "assets/a.pdf"]
    assert stamps["assets/z.pdf"] == list(MISSING)
    assert stamps["assets/a.pdf"][0] == 1
