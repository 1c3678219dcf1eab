"""A release's own page, and the photos and files it names copied beside it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from generator.content.assets import SITE_FOLDER, asset_file, asset_href, asset_path
from generator.content.model import Release
from generator.public.isolate import blame
from generator.public.labels import preview_note
from generator.public.memo import page_key
from generator.public.opengraph import OgImage, open_graph
from generator.public.outputs.base import SHELL, Input, Output, Plan
from generator.public.outputs.pictures import put
from generator.public.photobook import PICTURE_NAMES
from generator.public.photos import format_of
from generator.public.pictureview import FOLDER, PictureView, picture_view, with_pictures
from generator.public.related import related_index
from generator.public.searchkeys import searched_page_key
from generator.public.sitekit import SiteKit
from generator.public.sites import Placement
from generator.public.views import (
    TO_ROOT,
    ArticlePhotos,
    Card,
    PageView,
    card,
    release_jsonld,
    release_view,
)
from generator.util.gzparts import Part, pack_text


class Assets(Output):
    """The office's photos and files a shown release names, copied to this site. A
    picture, by its name or by its bytes, only without its metadata
    (generator.util.stripmeta), and not at all when it cannot be walked (a TIFF or HEIC
    named .jpg: the build names it); any other file (PDFs) as it is."""

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
                if not source_file.is_file() or source_file.is_symlink():
                    continue
                relative = asset_path(release, src)
                head = _head(source_file)
                if src.lower().endswith(PICTURE_NAMES) or format_of(head) is not None:
                    # An officer's phone writes where the photo was taken into it; a
                    # TIFF or HEIC named .jpg cannot be walked, and is not published.
                    found = kit.photos.lookup(release.office.id, src)
                    if found is not None:
                        put(kit, relative, found, found.clean)
                else:
                    kit.writer.copy(relative, source_file, f"asset {src}")


def _head(path: Path) -> bytes:
    """A file's first bytes: enough to tell a picture's format."""
    try:
        with path.open("rb") as handle:
            return handle.read(12)
    except OSError:
        return b""


class ReleasePages(Output):
    """`<office>/<yyyy>/<slug>/index.html`: the release, with its related releases."""

    name = "release pages"
    paths = ("*/*/*/index.html",)
    reads = SHELL | {Input.SITES, Input.OFFICES, Input.RELEASES, Input.ASSETS}
    uses_now = True  # related releases are listed ones; the preview's embargo note
    light = False
    page_name = "index.html"

    def write(self, kit: SiteKit, plan: Plan) -> None:
        related = related_index(plan.listed)
        for placement in plan.shown:
            release = placement.release
            if self.light and not _has_photos(kit, release):
                continue  # nothing to leave out
            relative = f"{release.url}{self.page_name}"
            # Unchanged, with every listed release before it: the key it was made from.
            kept = kit.writer.previous_key(relative) if kit.unchanged.release(placement) else None
            if kept is not None:
                make = partial(_release_parts_of, kit, placement, related, self.light)
                kit.writer.page(relative, kept, release.id, make)
                continue
            others = related(placement)
            # Its related releases are outside the article, which is all the search
            # index reads (data-pagefind-body; a test checks): keyed apart from it.
            searched = page_key(
                kit.site_key,
                "release",
                self.light,
                kit.release_key(release),
                _variant(kit, placement),
            )
            related_key = page_key(tuple(kit.release_key(p.release) for p in others))
            key = searched_page_key(searched, related_key)
            make = partial(_release_parts, kit, placement, others, self.light)
            kit.writer.page(relative, key, release.id, make)


class LightPages(ReleasePages):
    """`<office>/<yyyy>/<slug>/hemat.html`, for a release with photos: the same page with
    each photo a link with its size ("Mode hemat data"), for a reader paying for every
    megabyte; no JavaScript, no cookie: a page of its own, beside the release's, so
    every relative link of the article holds."""

    name = "low-data release pages"
    paths = ("*/*/*/hemat.html",)
    light = True
    page_name = "hemat.html"


def _variant(kit: SiteKit, placement: Placement) -> tuple[object, ...]:
    """What of a release page depends on the site showing it (besides related ones)."""
    home = placement.home
    # A regulation's PDF is linked in the JSON-LD at the showing site's own address:
    # that page cannot be shared with the other sites (it was, with the first one's).
    document = placement.release.meta.regulation
    own = placement.url if document is not None and document.document is not None else None
    return (placement.is_home, home.key, home.title, home.url, _preview(kit, placement), own)


def _preview(kit: SiteKit, placement: Placement) -> str | None:
    return preview_note(placement, kit.now) if kit.options.preview else None


def _release_parts_of(
    kit: SiteKit,
    placement: Placement,
    related: Callable[[Placement], list[Placement]],
    light: bool,
) -> list[Part]:
    """`_release_parts`, its related releases found only now: the page is made."""
    return _release_parts(kit, placement, related(placement), light)


def _release_parts(
    kit: SiteKit, placement: Placement, others: list[Placement], light: bool
) -> list[Part]:
    with blame(placement.release):
        own, article = _article(kit, placement, light)
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


def _article(kit: SiteKit, placement: Placement, light: bool = False) -> tuple[Part, Part]:
    """The release's head elements and title, and its article: made once per build for
    every site showing the release the same way (home, or a copy of one home). `light`:
    the low-data page's, with photos as links."""
    release = placement.release
    memo_key = (release.id, release.digest, *_variant(kit, placement), kit.shell.between, light)
    found = kit.memo.articles.get(memo_key)
    if found is not None:
        return found
    rendered = kit.renderer.render(release)
    folder = kit.repo.layout.assets_dir(release.office.id)
    photos = _photos(kit, release, rendered.html, light)
    bylines = kit.settings.bylines
    # Positional: tests stand in for release_view with a function forwarding them.
    view = release_view(placement, rendered, folder, photos, _preview(kit, placement), bylines)
    # An office's preview shows drafts and embargoed releases: none of its pages is indexed;
    # nor is a low-data page, the same release again.
    view.searchable = not kit.options.preview and not view.withdrawn and not light
    image = release.meta.image
    lead = kit.photos.lookup(release.office.id, image.src) if image else None
    # Every site that shows the release has its photos; metadata names the home
    # site's, as the canonical page does. The Open Graph picture is the size chats show.
    image_url = placement.home.url + f"{FOLDER}/{lead.og.name}" if lead else None
    head = PageView(
        title=release.meta.title,
        description=rendered.summary,
        canonical=placement.canonical_url,
        og=open_graph(
            release.meta.title,
            rendered.summary,
            placement.canonical_url,
            OgImage(image_url, lead.og.width, lead.og.height, image.alt)
            if image_url and lead and image
            else None,
            release.released,
        ),
        has_image=image_url is not None,
        jsonld=release_jsonld(placement, rendered, image_url, bylines=bylines),
    )
    own = kit.shell.own(kit.template("partials/head.html", view=head), release.meta.title)
    article = pack_text(kit.template("partials/article.html", r=view))
    kit.memo.articles[memo_key] = (own, article)
    return own, article


def _photos(kit: SiteKit, release: Release, body: str, light: bool) -> ArticlePhotos:
    """The lead photo's view and the body with its pictures, as a release page shows
    them (from `<office>/<yyyy>/<slug>/`)."""

    def view(src: str, alt: str, lazy: bool) -> PictureView | None:
        found = kit.photos.lookup(release.office.id, src)
        if found is None:
            return None  # not published (the build names the file): the text stands alone
        original = asset_href(src)
        return picture_view(found, alt, to_root=TO_ROOT, original_href=original, lazy=lazy)

    def markup(src: str, alt: str) -> str:
        found = view(src, alt, lazy=True)
        if found is None:
            return ""
        return kit.template("partials/bodypicture.html", p=found, light=light)

    image = release.meta.image
    lead = view(image.src, image.alt, lazy=False) if image else None
    return ArticlePhotos(lead, with_pictures(body, markup), light, _has_photos(kit, release))


def _has_photos(kit: SiteKit, release: Release) -> bool:
    """Whether the page shows a photo: one of its pictures is published."""
    return any(kit.photos.lookup(release.office.id, src) for src in release.pictures)
