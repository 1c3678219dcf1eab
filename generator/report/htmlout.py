"""The reports as standalone HTML documents (themes/report/), to open in a browser and
print on A4, or to hand to WeasyPrint for the PDF (generator.report.pdfout).

Every text is escaped (the environment autoescapes, and fails on an unknown name);
the documents hold their own stylesheet, load nothing and run no script.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import jinja2

from generator.content.dates import iso
from generator.report import wording
from generator.report.officers import OfficersReport, spaced_nip
from generator.report.offices import OfficesReport
from generator.report.period import day_label, month_label


def templates_folder() -> Path:
    return Path(str(resources.files("generator.themes").joinpath("report")))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_folder()),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(
        w=wording, spaced_nip=spaced_nip, day_label=day_label, month_label=month_label
    )
    return env


def officers_html(report: OfficersReport) -> str:
    template = environment().get_template("officers.html")
    return template.render(r=report, created=iso(report.now))


def offices_html(report: OfficesReport) -> str:
    template = environment().get_template("offices.html")
    return template.render(r=report, created=iso(report.now))
