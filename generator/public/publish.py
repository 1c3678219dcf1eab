"""Write one site: every output declared in generator.public.outputs, in order.

Runs inside the MkDocs build (from the plugin's `on_post_build`), with the
theme's Jinja environment. Bodies come from the shared renderer, so a release
shown on many sites is rendered once; its article and cards are made once per
build too (generator.public.memo), and every page is written from parts deflated
once each (generator.util.gzparts). Each page has a key, a hash of everything it
shows: a page whose key did not change since the last build is not made again.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from generator.public.archives import build_archives
from generator.public.isolate import ReleaseFailed, RenderFailure
from generator.public.ledger import NOTHING_UNCHANGED, Unchanged, from_json, ledger_of
from generator.public.memo import page_key
from generator.public.outputs import OUTPUTS, Plan
from generator.public.sitekit import Listed, Options, SiteKit
from generator.public.sites import Placement, placements

__all__ = ["Listed", "Options", "SitePublisher"]


class SitePublisher(SiteKit):
    """A site's outputs written with one site's kit (see generator.public.sitekit)."""

    def publish(self) -> list[RenderFailure]:
        """Write the site; the releases left out because a page of theirs failed (the
        site is then written again without them, so no page shows them)."""
        failures: list[RenderFailure] = []
        mark = self.writer.mark()
        while True:
            try:
                self._publish({failure.release_id for failure in failures})
                return failures
            except ReleaseFailed as failed:
                if failed.failure in failures:
                    raise  # left out, yet failing again: not that release's fault
                failures.append(failed.failure)
                self.writer.rewind(mark)

    def plan(self, left_out: AbstractSet[str] = frozenset()) -> Plan:
        """What this site shows at `now`, but the releases `left_out`."""
        shown = placements(
            self.site, self.repo, self.sites, self.settings, self.now, preview=self.options.preview
        )
        if left_out:
            shown = [p for p in shown if p.release.id not in left_out]
        # Public at `now` (`placements`; a preview shows every release): listed unless
        # withdrawn, as `Release.is_listed` says, without asking each again.
        listed = [p for p in shown if p.release.meta.status != "withdrawn"]
        return Plan(shown, listed, build_archives(listed))

    def _publish(self, left_out: set[str]) -> None:
        plan = self.plan(left_out)
        context = page_key(self.site_key, self.settings)
        key = self._release_key_of
        ledger = ledger_of(context, plan.listed, plan.archives, plan.withdrawn, key)
        previous = from_json(self.writer.previous_ledger)
        # An office preview's pages carry notes that change with `now` alone.
        self.unchanged = NOTHING_UNCHANGED if self.options.preview else Unchanged(previous, ledger)
        for output in OUTPUTS:
            output.write(self, plan)
        self.writer.ledger = ledger.to_json()  # only once every output was written

    def _release_key_of(self, placement: Placement) -> str:
        return self.release_key(placement.release)
