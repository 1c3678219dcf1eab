"""`newsroom check` on an office's photos, as a writer runs it (issue 16, item 3): a
phone's photo is a warning saying what the site publishes instead, in both languages
and in JSON; a photo cut short or a text file named .jpg is an error."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import invoke, release_text
from tests.generator.content import photofiles

NOW = "2026-11-24T10:30:00+08:00"


def check(root: Path, *args: str) -> tuple[int, str]:
    result = invoke(["check", "--now", NOW, *args], root)
    return result.exit_code, result.output


def office(office_repo: Callable[..., Path], photos: dict[str, bytes], body: str) -> Path:
    text = release_text(image="{src: assets/rapat.jpg, alt: Rapat koordinasi}")
    root = office_repo({"releases/2026/rapat.md": text.replace("Isi rilis contoh.\n", body)})
    (root / "assets").mkdir()
    for name, data in photos.items():
        (root / "assets" / name).write_bytes(data)
    return root


def test_a_phones_photos_are_warnings_and_the_release_is_valid(
    office_repo: Callable[..., Path],
) -> None:
    heavy = photofiles.heavy_png()
    photos = {"rapat.jpg": photofiles.phone_jpeg(), "posko.png": heavy}
    root = office(office_repo, photos, "Rapat dimulai.\n\n![Posko](../../assets/posko.png)\n")
    code, said = check(root)
    _, english = check(root, "--lang", "en")
    assert code == 0, said  # warnings only: the release is published
    lines = said.splitlines()
    assert lines[0].startswith(
        "releases/2026/rapat.md:5: peringatan: image.src: foto aslinya besar (0,2 MB, "
        "4100 × 3000 px); situs tidak menerbitkannya apa adanya, melainkan gambar paling "
        "lebar 1200 px (di ponsel sekitar 18 KB), dan foto aslinya, tanpa metadata seperti "
        "lokasi GPS, sebagai tautan unduhan (tertulis 'assets/rapat.jpg'); tidak perlu "
        "berbuat apa-apa"
    )
    # Front matter on lines 1-6, the body from line 7: the picture is on line 9.
    assert lines[1].startswith(
        "releases/2026/rapat.md:9: peringatan: body: foto aslinya besar (3,4 MB, 1200 × 1000 px)"
    )
    assert lines[-1] == "0 kesalahan, 2 peringatan; 1 rilis sah."
    assert english.splitlines()[1] == (
        "releases/2026/rapat.md:9: warning: body: the original photo is large (3.4 MB, "
        "1200 × 1000 px); the site does not publish it as it is, but pictures at most 1200 px "
        "wide (about 18 KB on a phone), and the original, without metadata such as the GPS "
        "location, as a download link (got '../../assets/posko.png'); nothing needs doing; "
        "for a smaller download, export the photo at most about 2000 px on its longest side "
        "and under 3 MB"
    )


def test_the_warning_in_json_for_ci(office_repo: Callable[..., Path]) -> None:
    root = office(office_repo, {"rapat.jpg": photofiles.phone_jpeg()}, "Rapat dimulai.\n")
    code, said = check(root, "--format", "json", "--lang", "en")
    assert code == 0
    payload = json.loads(said)
    assert (payload["errors"], payload["warnings"], payload["releases"]) == (0, 1, 1)
    (problem,) = payload["problems"]
    assert {k: problem[k] for k in ("path", "line", "field", "code", "severity", "value")} == {
        "path": "releases/2026/rapat.md",
        "line": 5,
        "field": "image.src",
        "code": "image_large",
        "severity": "warning",
        "value": "assets/rapat.jpg",
    }
    assert problem["problem"].startswith("the original photo is large (0.2 MB, 4100 × 3000 px)")
    assert problem["fix"].startswith("nothing needs doing")


def test_a_photo_cut_short_or_no_photo_at_all_is_an_error(
    office_repo: Callable[..., Path],
) -> None:
    photos = {"rapat.jpg": photofiles.truncated_jpeg(), "catatan.jpg": photofiles.not_a_picture()}
    body = "Rapat dimulai.\n\n![](assets/catatan.jpg)\n"
    root = office(office_repo, photos, body)
    code, said = check(root)
    _, english = check(root, "--lang", "en")
    assert code == 1
    assert said.splitlines() == [
        "releases/2026/rapat.md:5: image.src: bukan gambar PNG, JPEG, GIF atau WebP yang "
        "dapat dibaca (tertulis 'assets/rapat.jpg'); simpan ulang gambarnya sebagai JPEG atau "
        "PNG (misalnya dari aplikasi galeri atau pengolah foto) dan perbarui jalurnya; "
        "dokumen seperti PDF dilampirkan lewat `attachments`",
        "releases/2026/rapat.md:9: body: gambar di isi rilis tanpa teks alternatif (alt) "
        "(tertulis 'assets/catatan.jpg'); tulis apa yang tampak di gambar di antara kurung "
        "siku, misalnya `![Bupati membuka rapat](assets/foto.jpg)`, untuk pembaca yang tidak "
        "dapat melihatnya",
        "releases/2026/rapat.md:9: body: bukan gambar PNG, JPEG, GIF atau WebP yang dapat "
        "dibaca (tertulis 'assets/catatan.jpg'); simpan ulang gambarnya sebagai JPEG atau PNG "
        "(misalnya dari aplikasi galeri atau pengolah foto) dan perbarui jalurnya; dokumen "
        "seperti PDF dilampirkan lewat `attachments`",
        "3 kesalahan, 0 peringatan; 0 rilis sah.",
    ]
    assert english.splitlines()[0].startswith(
        "releases/2026/rapat.md:5: image.src: is not a readable PNG, JPEG, GIF or WebP image"
    )
