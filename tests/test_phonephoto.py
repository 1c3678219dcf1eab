"""The phone-photo script (tests/fixtures/phonephoto.py) and the sample photos it wrote.

The sample and the bench rely on these photos carrying what a phone writes (GPS,
Orientation, a phone's size), so that the build's stripping and turning are exercised.
"""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image, ImageOps, ImageStat

from tests.conftest import REPO_ROOT
from tests.fixtures import phonephoto
from tests.fixtures.phonephoto import GPS_IFD, MAKE, ORIENTATION, SAMPLES, TURNED


def decoded(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_a_seed_gives_the_same_bytes_and_another_seed_other_ones() -> None:
    first = phonephoto.phone_photo(11, 400, 300)
    assert phonephoto.phone_photo(11, 400, 300) == first
    assert phonephoto.phone_photo(12, 400, 300) != first


def test_the_exif_says_where_and_how_the_phone_held_it() -> None:
    data = phonephoto.phone_photo(5, 400, 300, gps=(-3.6954, 128.1814), orientation=TURNED)
    exif = decoded(data).getexif()
    assert exif[ORIENTATION] == TURNED
    assert exif[MAKE] in {phone.make for phone in phonephoto.CHEAP_PHONES}
    latitude, longitude = phonephoto.gps_of(data) or (0.0, 0.0)
    assert latitude == pytest.approx(-3.6954, abs=1e-6)
    assert longitude == pytest.approx(128.1814, abs=1e-6)


def test_a_turned_photo_is_stored_on_its_side_and_upright_once_turned() -> None:
    data = phonephoto.phone_photo(5, 400, 300, orientation=TURNED, coast=False)
    stored = decoded(data)
    assert stored.size == (400, 300)
    upright = ImageOps.exif_transpose(stored)
    assert upright.size == (300, 400)
    top, bottom = (upright.crop((0, y, 300, y + 40)) for y in (0, 360))
    sky_blue = ImageStat.Stat(top).mean[2] - ImageStat.Stat(top).mean[0]
    ground_blue = ImageStat.Stat(bottom).mean[2] - ImageStat.Stat(bottom).mean[0]
    assert sky_blue > ground_blue + 30  # the sky is at the top once the tag is applied


def test_no_gps_and_no_metadata_when_asked() -> None:
    assert phonephoto.gps_of(phonephoto.phone_photo(5, 400, 300, gps=None)) is None
    forwarded = decoded(phonephoto.phone_photo(5, 400, 300, metadata=False))
    assert dict(forwarded.getexif()) == {}


def test_a_phone_photo_has_a_phone_photos_size_not_a_gradients() -> None:
    # Grain and texture make a quarter of a 12 MP frame cost what a phone's JPEG does.
    data = phonephoto.phone_photo(5, 2000, 1500)
    assert 400_000 < len(data) < 1_000_000, len(data)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.path.rsplit("/", 1)[-1])
def test_each_sample_photo_is_what_the_script_says(sample: phonephoto.Sample) -> None:
    data = (REPO_ROOT / sample.path).read_bytes()
    picture = decoded(data)
    assert picture.format == "JPEG" and picture.size == sample.size
    if sample.size == phonephoto.SIZE:
        assert 1_500_000 < len(data) < 3_000_000  # a phone's, not a placeholder
    if not sample.metadata:
        assert dict(picture.getexif()) == {}
        return
    assert picture.getexif()[ORIENTATION] == sample.orientation
    assert picture.getexif().get_ifd(GPS_IFD)  # what the public site must never carry
    assert phonephoto.gps_of(data) == pytest.approx(sample.place, abs=1e-6)


def test_the_sample_releases_show_every_sample_photo_in_three_zones() -> None:
    releases = "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted((REPO_ROOT / "content" / "releases").rglob("*.md"))
    )
    for sample in SAMPLES:
        name = sample.path.rsplit("/", 1)[-1]
        assert re.search(rf"\bassets/{re.escape(name)}\b", releases), name
    offsets = {sample.offset for sample in SAMPLES if sample.size == phonephoto.SIZE}
    assert offsets == {"+07:00", "+08:00", "+09:00"}  # WIB, WITA, WIT
    assert TURNED in {sample.orientation for sample in SAMPLES}


def test_a_restamped_photo_is_the_same_frame_with_another_shots_exif() -> None:
    frame = phonephoto.phone_photo(5, 400, 300, orientation=TURNED)
    again = phonephoto.restamped(frame, 77, (1.25, 124.5), taken="2025-01-02 03:04:05")
    assert again != frame
    assert decoded(again).tobytes() == decoded(frame).tobytes()  # not encoded again
    assert decoded(again).getexif()[ORIENTATION] == TURNED
    assert phonephoto.gps_of(again) == pytest.approx((1.25, 124.5), abs=1e-6)
    with pytest.raises(ValueError, match="no EXIF"):
        phonephoto.restamped(phonephoto.phone_photo(5, 40, 30, metadata=False), 1, None)
