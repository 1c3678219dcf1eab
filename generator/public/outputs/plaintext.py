"""`<office>/<yyyy>/<slug>.txt`: each shown release as plain text for WhatsApp and SMS,
beside its page (linked from it as "Teks untuk WhatsApp/SMS").

The text is the one its page's WhatsApp link carries (generator.public.sharetext
makes both), so it has no template of its own: a template would HTML-escape it,
and a `.txt` must read `&` as `&`. Named after the release, so a Penyuluh who saves
it keeps a file that says what it is. It starts with a byte order mark: served
without a charset (a plain file server, a USB stick), a phone's browser would read
its UTF-8 as Latin-1 and garble the zone's dates, names and any emoji.
"""

from __future__ import annotations

from functools import partial

from generator.public.isolate import blame
from generator.public.memo import page_key
from generator.public.outputs.base import Input, Output, Plan
from generator.public.sharetext import share
from generator.public.sitekit import SiteKit
from generator.public.sites import Placement
from generator.util.gzparts import Part, pack_text

BOM = "\ufeff"


class PlainTexts(Output):
    """Every shown release's `.txt` (withdrawn ones say so, and ask not to pass it on)."""

    name = "plain texts"
    paths = ("*/*/*.txt",)
    reads = frozenset({Input.SITES, Input.OFFICES, Input.RELEASES})
    uses_now = True  # what is shown depends on embargoes and withdrawals at `now`

    def write(self, kit: SiteKit, plan: Plan) -> None:
        for placement in plan.shown:
            release = placement.release
            relative = f"{release.id}.txt"
            # A listed release the ledger finds unchanged has its text's key from the
            # last build (everything it hashes, the ledger holds): not hashed again, 7,000
            # a province at 100,000 releases.
            kept = kit.writer.previous_key(relative) if kit.unchanged.release(placement) else None
            key = kept or page_key(
                kit.site_key, "text", kit.release_key(release), placement.canonical_url
            )
            kit.writer.page(relative, key, release.id, partial(_text_parts, kit, placement))


def _text_parts(kit: SiteKit, placement: Placement) -> list[Part]:
    release = placement.release
    with blame(release):
        summary = kit.renderer.render(release).summary
        text = share(release, summary, placement.canonical_url).text
    return [pack_text(BOM + text)]
