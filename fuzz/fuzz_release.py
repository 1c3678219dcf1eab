"""Atheris fuzz target: release files (front matter + Markdown) through the same
validation and rendering as a build. Only our own validation may report; any
exception, or an executable sink in rendered HTML, is a finding.

    make fuzz            # runs until stopped; crashes are written to fuzz/findings/
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from generator.problems import Report
    from generator.render import Renderer
    from generator.repository import AssetCheck, parse_release
    from generator.schema import Office

OFFICE = Office(id="kutai-timur", name="Kutai Timur", level="kabupaten", province="64")
ASSETS = AssetCheck(exists=lambda src: True, where=lambda src: src)
RENDERER = Renderer(lambda office: Path("/nonexistent"))
SINK = re.compile(r"<script|\son[a-z]+\s*=|javascript:|vbscript:|<svg|<math|<iframe", re.I)


def one_input(data: bytes) -> None:
    report = Report()
    release = parse_release(data, OFFICE, Path("kutai-timur:releases/2026/uji.md"), report, ASSETS)
    if release is None:
        return
    html = RENDERER.render(release).html
    if SINK.search(html):
        raise AssertionError(f"executable sink survived: {html[:300]!r}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
