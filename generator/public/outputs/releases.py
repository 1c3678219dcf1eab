"""A release's own page, and the photos and files it names copied beside it."""

from __future__ import annotations

from functools import partial

from generator.content.assets import SITE_FOLDER, asset_file, asset_path
from generator.content.images import image_size
from generator.content.model import Release
from generator.public.isolate import blame
from generator.public.labels import preview_note
from generator.public.memo import page_key
from generator.public.opengraph import open_graph
from generator.public.outputs.base import SHELL, Input, Output, Plan
from generator.public.related import related_index
from generator.public.sitekit import SiteKit
from generator.public.sites import Placement
from generator.public.views import (
    Card,
    PageView,
    card,
    release_jsonld,
    release_view,
)
from generator.util.gzparts import Part, pack_text


class Assets(Output):
    """The office's photos and files a shown release names, copied to this site."""

    name = "assets"
    paths = (f"*/{SITE_FOLDER}/**",)  # an office may keep its assets in folders
    reads = frozenset({Input.RELEASES, Input.ASSETS})
    uses_now = True  # what is shown depends on embargoes and withdrawals at `now`

    def write(self, kit: SiteKit, plan: Plan) -> None:
        layout = kit.repo.layout
        for placement in plan.shown:
            release = placement.release
            folder = layout.assets_dir(release.office.id)
            for src in release.asset_refs:
                source_file = asset_file(folder, src)
                if source_file.is_file() and not source_file.is_symlink():
                    kit.writer.copy(asset_path(release, src), source_file, f"asset {src}")


class ReleasePages(Output):
    """`<office>/<year>/<slug>/index.html`: the release, with its related releases."""

    name = "release pages"
    paths = ("*/*/*/index.html",)
    reads = SHELL | {Input.SITES, Input.OFFICES, Input.RELEASES, Input.ASSETS}
    uses_now = True  # related releases are listed ones; the preview's embargo note

    def write(self, kit: SiteKit, plan: Plan) -> None:
        related = related_index(plan.listed)
        for placement in plan.shown:
            release = placement.release
            others = related(placement)
            key = page_key(
                kit.site_key,
                "release",
                kit.release_key(release),
                _variant(kit, placement),
                tuple(kit.release_key(p.release) for p in others),
            )
            make = partial(_release_parts, kit, placement, others)
            kit.writer.page(f"{release.url}index.html", key, release.id, make)


def _variant(kit: SiteKit, placement: Placement) -> tuple[object, ...]:
    """What of a release page depends on the site showing it (besides related ones)."""
    home = placement.home
    return (placement.is_home, home.key, home.title, home.url, _preview(kit, placement))


def _preview(kit: SiteKit, placement: Placement) -> str | None:
    return preview_note(placement, kit.now) if kit.options.preview else None


def _release_parts(kit: SiteKit, placement: Placement, others: list[Placement]) -> list[Part]:
    with blame(placement.release):
        own, article = _article(kit, placement)
    links = tuple(_related_link(kit, p.release) for p in others)
    related = pack_text(kit.template("partials/related.html", related=links))
    return [kit.shell.top, own, kit.shell.middle, article, related, kit.shell.bottom]


def _related_link(kit: SiteKit, release: Release) -> Card:
    # A release is related to many others: its card is made once per site root.
    key = (release.id, release.digest, kit.root)
    found = kit.memo.related.get(key)
    if found is None:
        with blame(release):
            rendered = kit.renderer.render(release)
            found = kit.memo.related[key] = card(release, rendered, kit.root)
    return found


def _article(kit: SiteKit, placement: Placement) -> tuple[Part, Part]:
    """The release's head elements and title, and its article: made once per build for
    every site showing the release the same way (home, or a copy of one home)."""
    release = placement.release
    memo_key = (release.id, release.digest, *_variant(kit, placement), kit.shell.between)
    found = kit.memo.articles.get(memo_key)
    if found is not None:
        return found
    rendered = kit.renderer.render(release)
    folder = kit.repo.layout.assets_dir(release.office.id)
    image = release.meta.image
    size = image_size(asset_file(folder, image.src)) if image else None
    view = release_view(placement, rendered, folder, size, _preview(kit, placement))
    # Photos are copied to every site that shows the release; metadata names the
    # home site's copy, as the canonical page does.
    image_url = placement.home.url + asset_path(release, image.src) if image else None
    head = PageView(
        title=release.meta.title,
        description=rendered.summary,
        canonical=placement.canonical_url,
        og=open_graph(
            release.meta.title,
            rendered.summary,
            placement.canonical_url,
            image_url,
            release.released,
        ),
        has_image=image_url is not None,
        jsonld=release_jsonld(placement, rendered, image_url),
    )
    own = kit.shell.own(kit.template("partials/head.html", view=head), release.meta.title)
    article = pack_text(kit.template("partials/article.html", r=view))
    kit.memo.articles[memo_key] = (own, article)
    return own, article
