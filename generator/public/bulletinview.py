"""What the bulletin's templates print (partials/bulletin*.html), as small formatted
views, and the QR codes that lead from paper to each release.

Everything an edition prints is in its `EditionView` (texts already formatted, no
markup), so a hash of the view is the key of its page and of its PDF: an edition
whose view did not change is not made again (generator.public.outputs.bulletins).
The QR codes are from `segno` (pure Python): SVG inline in the page, no extra request;
in the PDF a PNG of one pixel a module, drawn without smoothing, as sharp as the SVG
(WeasyPrint parses SVG paths slowly: a bulletin of 16 codes took 0.25 s to lay out with
them, 0.18 s with PNGs, 0.17 s with no code at all). A code takes about 7 ms to make; a
process keeps those it made, and a site worker hands the codes it made back to the
process it forked from (`new_codes`, `keep_codes`), so `newsroom watch` does not make a
week's codes again at each new release; and the code of a new central release, which
39 sites print, it makes once before they fork (`premake_shared`). The process they
were handed back to also writes them to the render cache on disk (`save_codes`), where
a worker looks for a code it lacks before making it: a cron build, a new process each
time, makes only the codes of new releases.
"""

from __future__ import annotations

import base64
import functools
import io
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

import segno
from markupsafe import Markup

from generator.content.dates import format_long, iso
from generator.content.model import Release
from generator.content.repository import Repository
from generator.content.vocabulary import CATEGORY_LABELS, VERDICT_LABELS
from generator.public.bulletin import (
    CLAIM_CHARS,
    KEPT_WEEKS,
    SUMMARY_CHARS,
    Edition,
    Ralat,
    clipped,
    in_span,
)
from generator.public.rendercache import RenderCache
from generator.public.sites import Placement, Site, home_key
from generator.util.codedigest import code_digest


@dataclass(frozen=True)
class ItemView:
    title: str  # with the verdict in front for a clarification: `[HOAKS] ...`
    iso: str
    date: str  # `Selasa, 24 November 2026 07.30 WIT`: the office's wall clock and zone
    office: str
    category: str
    summary: str
    url: str  # the release's canonical address: what its QR code holds
    address: str  # the same without `https://`, short enough to type
    curated: bool = False
    claim: str | None = None
    verdict: str | None = None  # `HOAKS`, in capitals as it is read aloud


@dataclass(frozen=True)
class RalatView:
    title: str
    iso: str
    date: str
    note: str
    withdrawn: bool
    url: str
    address: str


@dataclass(frozen=True)
class EditionView:
    site: str  # the site's title
    site_address: str  # the site's address without `https://`: printed on every page
    slug: str
    label: str  # `Minggu ke-48 Tahun 2026`
    span: str  # `23–29 November 2026`
    closes: str  # `Minggu 29 November 2026 pukul 24.00 WIT`
    complete: bool
    updated_iso: str
    url: str  # the edition's page
    pdf: str  # the PDF's file name, beside the page
    text: str  # the .txt digest's file name, beside the page
    items: tuple[ItemView, ...]
    ralat: tuple[RalatView, ...]
    left_out: int

    @property
    def title(self) -> str:
        return f"Buletin Mingguan {self.site}: {self.label}"


def short_address(url: str) -> str:
    """An address as printed for typing: without its scheme."""
    return url.removeprefix("https://").removeprefix("http://")


def edition_view(site: Site, edition: Edition, summary: Callable[[Release], str]) -> EditionView:
    """`edition` on `site` as its page, PDF and text print it."""
    week = edition.week
    base = f"buletin-{site.id}-{week.slug}"
    return EditionView(
        site=site.title,
        site_address=short_address(site.url),
        slug=week.slug,
        label=week.label,
        span=week.span,
        closes=week.closes,
        complete=edition.complete,
        updated_iso=iso(edition.updated),
        url=f"{site.url}buletin/{week.slug}/",
        pdf=f"{base}.pdf",
        text=f"{base}.txt",
        items=tuple(
            _item(p, summary(p.release), p.release.id in edition.curated) for p in edition.items
        ),
        ralat=tuple(_ralat(r) for r in edition.ralat),
        left_out=edition.left_out,
    )


def _item(placement: Placement, summary: str, curated: bool) -> ItemView:
    release, meta = placement.release, placement.release.meta
    url = placement.canonical_url
    claim = meta.claim
    verdict = VERDICT_LABELS[claim.verdict][0].upper() if claim else None
    return ItemView(
        title=flagged(meta.title, verdict),
        iso=iso(meta.date),
        date=format_long(meta.date, release.office.zone),
        office=release.office.name,
        category=CATEGORY_LABELS[meta.category],
        summary=clipped(summary, SUMMARY_CHARS),
        url=url,
        address=short_address(url),
        curated=curated,
        claim=clipped(claim.text, CLAIM_CHARS) if claim else None,
        verdict=verdict,
    )


def flagged(title: str, verdict: str | None) -> str:
    """A clarification's title led by its verdict, `[HOAKS] ...`, unless it is already."""
    if verdict is None or title.upper().startswith(f"[{verdict}]"):
        return title
    return f"[{verdict}] {title}"


def _ralat(ralat: Ralat) -> RalatView:
    release = ralat.placement.release
    url = ralat.placement.canonical_url
    return RalatView(
        title=release.meta.title,
        iso=iso(ralat.when),
        date=format_long(ralat.when, release.office.zone),
        note=clipped(ralat.note, CLAIM_CHARS),
        withdrawn=ralat.withdrawn,
        url=url,
        address=short_address(url),
    )


CODES_KEPT = 8192  # a few weeks of every site's releases; the oldest made go first


@dataclass(frozen=True)
class Code:
    """A URL's QR code as the page prints it (SVG) and as the PDF does (a PNG)."""

    svg: Markup
    png: Markup


_codes: dict[str, Code] = {}  # url -> its code, a release's on every site and edition
_new_codes: dict[str, Code] = {}  # made since `new_codes` was last asked


def qr_svg(url: str) -> Markup:
    """`url` as a QR code in SVG, for the page."""
    return _code(url).svg


def qr_png(url: str) -> Markup:
    """`url` as a QR code, a PNG image, for the PDF."""
    return _code(url).png


# Where the codes of builds before are kept on disk (the render cache), set in the
# process that builds a site (generator.host.plugins).
_disk: RenderCache | None = None


def use_disk(cache: RenderCache | None) -> None:
    global _disk
    _disk = cache


@functools.cache
def _version() -> str:
    """What made a code: segno, the zlib that compressed its PNG, and our code (its
    size, colours, error correction)."""
    return f"segno {segno.__version__} zlib {zlib.ZLIB_RUNTIME_VERSION} {code_digest()}"


def _code(url: str) -> Code:
    """`url`'s code (kept for the next edition and site that shows it)."""
    found = _codes.get(url)
    if found is None:
        found = _codes[url] = _new_codes[url] = _kept_or_made(url)
        while len(_codes) > CODES_KEPT:
            del _codes[next(iter(_codes))]
    return found


# Codes made before the sites fork, at most: a handful (a new central release) is made
# once here rather than once in each of 39 workers; more (a process's first build: a
# few hundred) are left to the workers, which make only those of the pages they remake.
PREMADE_AT_MOST = 16


def premake_shared(repo: Repository, sites: Mapping[str, Site], now: datetime) -> int:
    """Make the missing codes of the releases more than one site prints (central and
    curated ones) in the kept weeks at `now`, if only a few are missing; how many."""
    curated = repo.curation.ids() if repo.curation is not None else []
    shared = [*repo.by_province.get(None, []), *filter(None, map(repo.by_id.get, curated))]
    # Every zone's kept weeks lie within these bounds (a day either side).
    start, end = now - timedelta(days=7 * KEPT_WEEKS + 1), now + timedelta(days=1)
    missing: dict[str, None] = {}  # in the order found: a set would make them unordered
    for release in shared:
        home = sites.get(home_key(release))
        if home is None or not release.is_public(now) or not in_span(release, start, end):
            continue  # no home site: each site is its canonical one, a code each
        url = Placement(release, home, home).canonical_url
        if url not in _codes:
            missing[url] = None
            if len(missing) > PREMADE_AT_MOST:
                return 0  # a first build: no need to look further
    for url in missing:
        _code(url)
    return len(missing)


def new_codes() -> dict[str, tuple[str, str]]:
    """The codes this process made, or read from the disk, since it was last asked (a
    site worker's, for the process it forked from): url -> (SVG, PNG's markup)."""
    made = {url: (str(code.svg), str(code.png)) for url, code in _new_codes.items()}
    _new_codes.clear()
    return made


def keep_codes(codes: Mapping[str, tuple[str, str]]) -> None:
    """Keep codes a site worker handed back: the next build's workers fork with them."""
    for url, (svg, png) in codes.items():
        if url not in _codes:
            # Made by `_make_code` in the worker: segno's own SVG, our <img>.
            _codes[url] = Code(Markup(svg), Markup(png))
    while len(_codes) > CODES_KEPT:
        del _codes[next(iter(_codes))]


def save_codes(disk: RenderCache, codes: Mapping[str, tuple[str, str]]) -> None:
    """Keep `codes` (as `new_codes` gives them) on disk for the builds to come: as many
    as a process keeps in memory, the last written."""
    disk.store_codes(codes, _version(), CODES_KEPT)


def _kept_or_made(url: str) -> Code:
    kept = _disk.code(url, _version()) if _disk is not None else None
    if kept is not None:  # as `_make_code` made it at a build before
        return Code(Markup(kept[0]), Markup(kept[1]))
    return _make_code(url)


def _make_code(url: str) -> Code:
    """`url` as a QR code, black on white (a copier keeps it; a dark page too), error
    correction M (a crease or a smudge on a photocopy still reads)."""
    code = segno.make(url, error="m", micro=False)
    svg = io.BytesIO()
    code.save(svg, kind="svg", xmldecl=False, scale=3, border=2, dark="#000", light="#fff")
    png = io.BytesIO()
    code.save(png, kind="png", scale=1, border=2, dark="#000", light="#fff")
    data = base64.b64encode(png.getvalue()).decode("ascii")
    size = code.symbol_size(scale=1, border=2)[0]
    # segno writes only its own path data and attributes, and base64 is letters, digits,
    # + / and =: nothing of either is markup of ours to escape.
    image = f'<img alt="" width="{size}" height="{size}" src="data:image/png;base64,{data}">'
    return Code(Markup(svg.getvalue().decode("ascii")), Markup(image))
