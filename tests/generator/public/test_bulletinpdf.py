"""The bulletin's PDF is accessible as a document: tagged (a structure tree of headings,
lists and links that a screen reader follows), marked so, in Indonesian (/Lang (id)) and
titled; read from a real edition's PDF with PDFium."""

from __future__ import annotations

import ctypes
import subprocess
import sys
from pathlib import Path
from typing import Any

import PIL
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from generator.public.bulletinpdf import _weasyprint
from tests.conftest import release_text
from tests.generator.public.outputs.test_bulletin import build, pdf_of


def text(read: Any, handle: Any) -> str:
    """A string PDFium gives as UTF-16LE with a terminating zero: `read(handle, buffer,
    size)` returns the size it needs when called without a buffer."""
    size = read(handle, None, 0)
    buffer = (ctypes.c_ushort * (size // 2))()
    read(handle, buffer, size)
    return ctypes.string_at(buffer, size)[:-2].decode("utf-16-le")


def element_types(page: pdfium.PdfPage) -> list[str]:
    """The structure elements' types on a page (Document, H1, H2, L, LI, Link...)."""
    tree = pdfium_c.FPDF_StructTree_GetForPage(page.raw)
    found: list[str] = []

    def walk(element: Any) -> None:
        found.append(text(pdfium_c.FPDF_StructElement_GetType, element))
        for index in range(pdfium_c.FPDF_StructElement_CountChildren(element)):
            child = pdfium_c.FPDF_StructElement_GetChildAtIndex(element, index)
            if child:
                walk(child)

    try:
        for index in range(pdfium_c.FPDF_StructTree_CountChildren(tree)):
            walk(pdfium_c.FPDF_StructTree_GetChildAtIndex(tree, index))
    finally:
        pdfium_c.FPDF_StructTree_Close(tree)
    return found


def test_the_bulletin_pdf_is_tagged_in_indonesian(central_repo) -> None:  # type: ignore[no-untyped-def]
    root = central_repo(
        {
            "ambon/2026/festival": release_text(title="Festival Teluk", date="2026-11-25 10:00"),
            "komdigi/2026/literasi": release_text(title="Literasi Desa", date="2026-11-24 09:00"),
        }
    )
    out = build(root)
    path: Path = pdf_of(out, "maluku", "2026-w48")
    document = pdfium.PdfDocument(str(path))
    try:
        # /MarkInfo << /Marked true >> and a /StructTreeRoot in the catalog.
        assert pdfium_c.FPDFCatalog_IsTagged(document.raw)
        assert text(pdfium_c.FPDFCatalog_GetLanguage, document.raw) == "id"
        assert document.get_metadata_dict()["Title"].startswith("Buletin Mingguan")
        types = element_types(document[0])
    finally:
        document.close()
    assert {"H1", "H2", "L", "LI", "Link"} <= set(types), types


def test_the_pdf_reads_data_urls_only(tmp_path: Path) -> None:
    """The QR codes' PNGs (data: URLs) are drawn; a file or a web address the document
    named would be refused, not read, and the PDF still made."""
    import base64
    import io

    from PIL import Image

    from generator.public.bulletinpdf import pdf_bytes

    picture = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(picture, "PNG")
    (tmp_path / "merah.png").write_bytes(picture.getvalue())
    inline = "data:image/png;base64," + base64.b64encode(picture.getvalue()).decode()

    def images(src: str) -> int:
        body = f'<body><img alt="" src="{src}"></body>'
        html = f'<html lang="id"><head><title>t</title></head>{body}</html>'
        document = pdfium.PdfDocument(pdf_bytes(html))
        return len(list(document[0].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])))

    assert images(inline) == 1
    assert images((tmp_path / "merah.png").as_uri()) == 0
    assert images("http://127.0.0.1:9/merah.png") == 0


def test_a_pdfs_key_names_weasyprints_version_without_loading_it() -> None:
    """A site's pages are out before its bulletin's PDF is laid out, if one is: keying
    the PDF must not load WeasyPrint, Pango and the search for its libraries (0.65 s
    of a cron build's province, before its pages were out)."""
    code = (
        "import sys\n"
        "from generator.public.bulletinpdf import engine_version\n"
        "print(engine_version())\n"
        "print('weasyprint' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    version, loaded = run.stdout.splitlines()
    assert version == f"{_weasyprint().__version__} Pillow {PIL.__version__}"
    assert loaded == "False"
