"""Atheris fuzz target: release files (front matter + Markdown) through the same
validation and rendering as a build. Only our own validation may refuse a file; any
exception, or an executable sink in the rendered HTML (found by parsing it with
html5lib, as a browser would: text that merely mentions `javascript:` is fine), is
a finding.

    make fuzz            # runs until stopped; crashes are written to fuzz/findings/

`one_input` is importable without atheris: tests/security/test_fuzz_target.py runs
it over the seed corpus so the target cannot rot between fuzzing sessions.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python fuzz/fuzz_release.py` puts fuzz/ first, not the repo
    sys.path.insert(0, str(ROOT))

from generator.content.problems import Report  # noqa: E402
from generator.content.repository import AssetCheck, parse_release  # noqa: E402
from generator.content.schema import Office  # noqa: E402
from generator.public.render import Renderer  # noqa: E402
from tests.security.sinks import fragment_sinks  # noqa: E402

OFFICE = Office(id="kutai-timur", name="Kutai Timur", level="kabupaten", province="64")
ASSETS = AssetCheck(exists=lambda src: True, where=lambda src: src)
PATH = Path("kutai-timur:releases/2026/uji.md")
RENDERER = Renderer(lambda office: ROOT / "content" / "assets" / office)


def one_input(data: bytes) -> bool:
    """Check one release file; True if it was accepted and rendered."""
    release = parse_release(data, OFFICE, PATH, Report(), ASSETS)
    if release is None:
        return False
    try:
        html = RENDERER.render(release).html
    finally:
        # The renderer memoises every release in memory for the life of a build; over
        # millions of inputs that is a leak, not a cache.
        RENDERER.forget()
    found = fragment_sinks(html)
    if found:
        raise AssertionError(f"executable sink survived: {found[:3]} in {html[:300]!r}")
    return True


def main() -> None:
    import atheris

    atheris.instrument_all()  # the modules above are already imported: instrument them now
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
