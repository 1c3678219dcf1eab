"""What every output of one site works with: the site and the repository, the build's
`now` and options, the writer, the page shell, page keys, and the cards and feed
entries every list and feed shows (made once per build, see generator.public.memo).

The outputs themselves (generator.public.outputs) decide what to write; this is
their shared workbench, so a new output needs no copy of any of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial

from jinja2 import Environment
from markupsafe import Markup

from generator.content.model import Release
from generator.content.repository import Repository
from generator.public import feeds
from generator.public.assetstamps import asset_stamps
from generator.public.isolate import blame
from generator.public.ledger import NOTHING_UNCHANGED, Unchanged
from generator.public.memo import ROOT_MARK, BuildMemo, page_key
from generator.public.photobook import PhotoBook
from generator.public.photos import recipe
from generator.public.pictureview import FOLDER, picture_view, with_pictures
from generator.public.render import RENDERER_VERSION, Renderer
from generator.public.shell import make_shell
from generator.public.sites import Placement, Settings, Site
from generator.public.themedigest import theme_digest
from generator.public.views import TO_ROOT, Chrome, PageView, card, root_path
from generator.public.writer import SiteWriter
from generator.util.codedigest import code_digest
from generator.util.gzparts import Part, pack_text


@dataclass(frozen=True)
class Options:
    page_size: int = 20
    feed_size: int = 50
    preview: bool = False  # office preview: drafts and embargoed releases shown, with a note


@dataclass(frozen=True)
class Listed:
    """A release in a list: a card, pinned or under the national desk's headline."""

    placement: Placement
    pinned: bool = False
    headline: str | None = None


class SiteKit:
    def __init__(
        self,
        site: Site,
        sites: dict[str, Site],
        repo: Repository,
        settings: Settings,
        renderer: Renderer,
        env: Environment,
        chrome: Chrome,
        writer: SiteWriter,
        now: datetime,
        options: Options,
        memo: BuildMemo | None = None,
        photos: PhotoBook | None = None,
    ) -> None:
        self.site, self.sites, self.repo = site, sites, repo
        self.settings, self.renderer, self.env = settings, renderer, env
        self.chrome, self.writer, self.now, self.options = chrome, writer, now, options
        self.memo = memo if memo is not None else BuildMemo()
        self._office_keys: dict[str, str] = {}
        # Without a build's book (a test's kit): photos derived here, kept in memory.
        self.photos = photos if photos is not None else PhotoBook(repo.layout.assets_dir, None)
        self.root = root_path(site)
        # What of this build's plan the last build left as it is (the publisher knows).
        self.unchanged: Unchanged = NOTHING_UNCHANGED
        self.shell = make_shell(env, chrome, self.memo.parts)
        # Everything every page of this site depends on besides its own data: the code
        # and theme that make pages, the site's chrome as rendered, the options.
        self.site_key = page_key(
            code_digest(),
            RENDERER_VERSION,
            recipe(),  # pages name the derived photos
            theme_digest("lite"),
            self.shell.top.data,
            self.shell.between,
            self.shell.middle.data,
            self.shell.bottom.data,
            options,
            settings.bylines,  # a byline on every release page, or none
            site,
            tuple((s.key, s.title, s.url) for s in sites.values()),
        )

    def template(self, name: str, **context: object) -> str:
        return self.env.get_template(name).render(**context)

    def release_key(self, release: Release) -> str:
        """A hash of the release as every page shows it: its file, its office, where it
        came from and the photos and files it names (their sizes are printed)."""
        found = self.memo.release_keys.get(release.id)
        if found is None:
            office = release.office
            # The office hashed once a site, not printed again into each of its releases'
            # keys (a province's ledger asks 7,000 keys at 100,000 releases).
            office_key = self._office_keys.get(office.id)
            if office_key is None:
                office_key = self._office_keys[office.id] = page_key(office)
            refs = release.asset_refs
            stamps = asset_stamps(self.repo.layout.assets_dir(office.id), refs) if refs else {}
            found = page_key(release.id, release.digest, office_key, release.provenance, stamps)
            self.memo.release_keys[release.id] = found
        return found

    # --- lists of cards -------------------------------------------------------

    def card_html(self, item: Listed) -> str:
        """A release's card as this site shows it: rendered once per build for every
        site (links through the root marker), the marker replaced here."""
        release = item.placement.release
        memo_key = (release.id, release.digest, item.pinned, item.headline)
        generic = self.memo.cards.get(memo_key)
        if generic is None:
            with blame(release):
                rendered = self.renderer.render(release)
                view = card(
                    release, rendered, ROOT_MARK, pinned=item.pinned, headline=item.headline
                )
                generic = self.template("partials/card.html", card=view)
            self.memo.cards[memo_key] = generic
        return generic.replace(ROOT_MARK, self.root)

    def list_page(
        self,
        relative: str,
        source: str,
        view: PageView,
        cards: list[Listed],
        picks: list[Listed] | None = None,
    ) -> None:
        """A page of cards (`picks` above them, featured), made only if its key changed."""
        chosen = picks or []
        key = page_key(
            self.site_key,
            "list",
            view,
            tuple((self.release_key(c.placement.release), c.pinned, c.headline) for c in chosen),
            tuple(self.release_key(c.placement.release) for c in cards),
        )
        make = partial(self.list_parts, view, cards, chosen)
        self.writer.page(relative, key, source, make)

    def list_parts(self, view: PageView, cards: list[Listed], picks: list[Listed]) -> list[Part]:
        content = self.template(
            "partials/list.html",
            view=view,
            featured=Markup("".join(self.card_html(c) for c in picks)),  # escaped per card
            cards=Markup("".join(self.card_html(c) for c in cards)),
        )
        return self.plain_page(view, content)

    def plain_page(self, view: PageView, content: str) -> list[Part]:
        """A page of the shell around `content` (already HTML), with `view`'s head."""
        head = self.template("partials/head.html", view=view)
        return self.shell.page(head, view.title, [pack_text(content)])

    # --- feed entries ------------------------------------------------------------

    def entry(self, placement: Placement) -> feeds.FeedEntry:
        """A release as a feed or the news sitemap carries it on this site."""
        with blame(placement.release):
            release = placement.release
            rendered = self.renderer.render(release)
            image = release.meta.image
            lead = self.photos.lookup(release.office.id, image.src) if image else None
            return feeds.FeedEntry(
                release=release,
                url=placement.url,
                canonical_url=placement.canonical_url,
                content_html=with_pictures(rendered.html, partial(self._feed_picture, release)),
                summary=rendered.summary,
                image_url=placement.home.url + f"{FOLDER}/{lead.og.name}" if lead else None,
                bylines=self.settings.bylines,
            )

    def _feed_picture(self, release: Release, src: str, alt: str) -> str:
        """A body picture in a feed: one `<img>` of the 720 px JPEG (readers show no
        `<picture>`), relative to the release page like the rest of its body."""
        found = self.photos.lookup(release.office.id, src)
        if found is None:
            return ""
        view = picture_view(found, alt, to_root=TO_ROOT, original_href="", lazy=True)
        return str(
            Markup('<img src="{}" alt="{}" width="{}" height="{}">').format(
                view.src, alt, view.width, view.height
            )
        )
