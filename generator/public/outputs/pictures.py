"""The derived photos: `foto/<key>-<width>.<ext>` and `foto/<key>-og.jpg` on every site
that shows them, the same path on each, so an article that links them is the same on
every site (generator.public.pictureview). The files are hard links to the photo cache
(generator.public.photocache): a photo shown by 39 sites is on the disk once."""

from __future__ import annotations

from generator.public.outputs.base import Input, Output, Plan
from generator.public.photocache import DerivedSet
from generator.public.photos import Derived
from generator.public.pictureview import FOLDER
from generator.public.sitekit import SiteKit

SOURCE = "photos"  # what the writer names as their maker: one for every release


class Pictures(Output):
    """Every derived picture of the photos the site's shown releases show."""

    name = "pictures"
    paths = (f"{FOLDER}/*",)
    reads = frozenset({Input.RELEASES, Input.ASSETS})
    uses_now = True  # what is shown depends on embargoes and withdrawals at `now`

    def write(self, kit: SiteKit, plan: Plan) -> None:
        for placement in plan.shown:
            release = placement.release
            for src in release.pictures:
                found = kit.photos.lookup(release.office.id, src)
                if found is not None:
                    for item in (*found.pictures, found.og):
                        put(kit, f"{FOLDER}/{item.name}", found, item)


def put(kit: SiteKit, relative: str, found: DerivedSet, item: Derived) -> None:
    """One file of a photo's set at `relative`, linked from the cache (or written, when
    the set is kept in memory); once per site, however many releases show it."""
    if relative in kit.writer.written:
        return
    if found.folder is None:
        kit.writer.write(relative, found.content(item), SOURCE)
    else:
        kit.writer.link(relative, found.folder / item.name, SOURCE)
