"""The weekly bulletin as a PDF for printing and forwarding: the edition's HTML for
print (partials/bulletin_pdf.html, A4, black on white) laid out by WeasyPrint.

WeasyPrint is a well-kept HTML/CSS-to-PDF library in Python; it needs Pango from the
system (Debian: libpango-1.0-0, libpangoft2-1.0-0) and a font (fonts-dejavu-core):
`.ci/run` installs them, and the README names them. It is imported when the first
PDF is made, so a machine without Pango fails there, with a message naming the
packages, not at every import of the generator.

The PDF is tagged as PDF/UA-1 asks (WeasyPrint's `pdf_variant="pdf/ua-1"`): its
structure (headings, lists, links) for screen readers and for reflow on a phone, its
language from `<html lang="id">` (/Lang (id)), and its title shown in place of the
file name: a bulletin forwarded in WhatsApp reaches readers with a screen reader too.

The same HTML gives the same bytes: WeasyPrint writes no clock time and no random
identifier unless asked; its creation and modification dates are set from the
edition (`dcterms.created`), never from the clock. Its version is part of the key of
every PDF made (generator.public.outputs.bulletins), since another version may lay
out the same HTML differently.
"""

from __future__ import annotations

import functools
from importlib import metadata
from typing import Any

import PIL
from PIL import ImageFile

from generator.content.messages import cli_text, language

# Tagged, with its language and title (see above).
PDF_VARIANT = "pdf/ua-1"


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs cannot be loaded."""


@functools.cache
def _weasyprint() -> Any:
    # WeasyPrint's import sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process,
    # which would make the photos' pipeline (generator.public.photos) accept a cut-off
    # upload in silence. The bulletin prints only its QR codes' PNGs, made whole by us:
    # the setting is put back.
    kept = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        import weasyprint  # here, not at the top: it loads Pango, needed only for PDFs
    except (ImportError, OSError) as error:
        message = cli_text("bulletin_pdf_unavailable", language(), {"error": error})
        raise PdfUnavailable(message) from error
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = kept
    return weasyprint


@functools.cache
def engine_version() -> str:
    """What lays the PDF out: part of each PDF's key. Pillow too: WeasyPrint re-encodes
    the QR codes' PNGs with it. Read from the installed package's metadata, not by
    importing it: the import loads Pango and searches the system for its libraries
    (0.65 s), which a one-shot build's province paid before its pages were out, to key
    a PDF that is laid out only after them, if at all."""
    try:
        weasyprint = metadata.version("weasyprint")
    except metadata.PackageNotFoundError:  # not installed as a package: its module says
        weasyprint = _weasyprint().__version__
    return f"{weasyprint} Pillow {PIL.__version__}"


@functools.cache
def _data_only() -> Any:
    # Not failing the PDF on a refused URL (fail_on_errors): WeasyPrint would raise a
    # BaseException, past every handler of the build and the service.
    return _weasyprint().URLFetcher(allowed_protocols={"data"})


def pdf_bytes(html: str) -> bytes:
    """`html` (a whole document, its own stylesheet inside) as PDF. Nothing is fetched:
    the document has no external resource; only `data:` URLs are read (the QR codes'
    PNGs, generator.public.bulletinview), and any other resource it named would be
    refused and left out (with WeasyPrint's warning)."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, url_fetcher=_data_only(), base_url=None)
    return bytes(document.write_pdf(pdf_variant=PDF_VARIANT))


# Headings, bold, italic and small print: the faces a bulletin's first PDF would load.
_WARM_UP = (
    '<html lang="id"><head><title>-</title></head><body><h1>-</h1><h2>-</h2>'
    "<p><b>-</b> <i>-</i> <small>-</small></p></body></html>"
)


def warm() -> None:
    """Lay out one small PDF, so that a process forked after it inherits WeasyPrint's
    fonts and default stylesheets loaded: `newsroom watch` forks its site workers at
    every build, and each paid for them again with its first bulletin."""
    pdf_bytes(_WARM_UP)
