"""The reports as PDF: their HTML (generator.report.htmlout) laid out by the bulletin's
WeasyPrint machinery (generator.public.bulletinpdf), which fetches nothing (it reads
`data:` URLs only, and a report names none) and puts Pillow's LOAD_TRUNCATED_IMAGES
back after importing WeasyPrint.

The same report and `now` give the same bytes: the document's dates are the command's
`now` (`dcterms.created` in its HTML), never the clock, as for the bulletin.
"""

from __future__ import annotations

from generator.public.bulletinpdf import pdf_bytes
from generator.report.htmlout import officers_html, offices_html
from generator.report.officers import OfficersReport
from generator.report.offices import OfficesReport


def officers_pdf(report: OfficersReport) -> bytes:
    return pdf_bytes(officers_html(report))


def offices_pdf(report: OfficesReport) -> bytes:
    return pdf_bytes(offices_html(report))
