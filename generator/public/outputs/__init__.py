"""The outputs of a public site, declared: the files each writes, what it reads and
whether it depends on the build's `now` (see generator.public.outputs.base).

SitePublisher (generator.public.publish) writes a site by asking each output in
OUTPUTS, in order, to write itself; the site fingerprint
(generator.public.fingerprint) hashes exactly the inputs these outputs declare
they read. So an output cannot be made from something the fingerprint does not
see: declaring its inputs is declaring its fingerprint.

A new output is one module here plus its template. A weekly bulletin, say:

    # generator/public/outputs/bulletin.py
    class Bulletin(Output):
        name = "bulletin"
        paths = ("buletin/index.html",)
        reads = SHELL | {Input.OFFICES, Input.RELEASES}
        uses_now = True  # the week's listed releases

        def write(self, kit: SiteKit, plan: Plan) -> None:
            view = PageView(title="Buletin", canonical=kit.site.url + "buletin/")
            html = kit.template("partials/bulletin.html", view=view, items=plan.listed)
            key = page_key(kit.site_key, "bulletin", view, ...)  # what the page shows
            kit.writer.page("buletin/index.html", key, "bulletin",
                            lambda: kit.plain_page(view, html))

    # themes/lite/partials/bulletin.html: the page's content

and `Bulletin()` added to OUTPUTS below. An input no output read before needs an
`Input` value and the fingerprint's reading of it (generator.public.fingerprint):
tests/generator/public/outputs/test_registry.py fails until both exist.
"""

from __future__ import annotations

from generator.public.outputs.base import SHELL, Input, Output, Plan
from generator.public.outputs.bulletins import Bulletins
from generator.public.outputs.clarifications import Clarifications
from generator.public.outputs.crawlers import Robots, Sitemaps
from generator.public.outputs.lists import ArchiveIndexes, ArchivePages, Home
from generator.public.outputs.pictures import Pictures
from generator.public.outputs.plaintext import PlainTexts
from generator.public.outputs.regulations import Regulations
from generator.public.outputs.releases import Assets, LightPages, ReleasePages
from generator.public.outputs.searchpage import SearchPage
from generator.public.outputs.serverheaders import NginxHeaders
from generator.public.outputs.syndication import Feeds

# In the order they are written (a page's failure is found by the first one to show it).
OUTPUTS: tuple[Output, ...] = (
    Assets(),
    Pictures(),
    ReleasePages(),
    LightPages(),
    PlainTexts(),
    Home(),
    ArchivePages(),
    ArchiveIndexes(),
    Clarifications(),
    SearchPage(),
    Regulations(),
    Feeds(),
    Bulletins(),
    Sitemaps(),
    Robots(),
    NginxHeaders(),
)


def read_by(outputs: tuple[Output, ...]) -> frozenset[Input]:
    """Every input the given outputs read: what their site's fingerprint must hash."""
    return frozenset().union(*(output.reads for output in outputs))


__all__ = ["OUTPUTS", "SHELL", "Input", "Output", "Plan", "read_by"]
