"""Find and load a Newsroom repository: the central one or an office's own.

Central: `content/offices.yml`, `content/releases/<office>/<yyyy>/<slug>.md`,
`content/assets/<office>/`, `content/national/curation.yml`, `content/pages/`.
Office: `office.yml`, `releases/<yyyy>/<slug>.md`, `assets/`.

Loading never stops at the first problem: every file is read, every problem
is collected in the report, and what is valid is still returned, so one bad
file never hides the others.
"""

from __future__ import annotations

import functools
import hashlib
import html
import os
import posixpath
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol, TypeVar

import yaml

from generator import clock

from generator.content import placeholders
from generator.content.ahead import check_ahead
from generator.content.bodydepth import too_deep
from generator.content.bodylinks import BodyLink, body_links
from generator.util.codedigest import code_digest
from generator.content.dates import format_input
from generator.content.fields import (
    SLUG_RE,
    Context,
    field_value,
    is_asset_path,
    parse_mapping,
    slugify,
)
from generator.content.frontmatter import decode, split
from generator.content.images import measurable
from generator.content.limits import (
    MAX_BODY_DEPTH,
    MAX_PAGE_BYTES,
    MAX_REGISTRY_BYTES,
    MAX_RELEASE_BYTES,
)
from generator.content.model import CuratedItem, Curation, Page, Provenance, Release
from generator.content.parsecache import ParseCache, Parsed, file_key
from generator.content.parseworkers import ParseJob, ParseResult, parse_all
from generator.content.problems import Problem, ProblemError, Report, Severity
from generator.content.schema import CurationEntry, DeclinedEntry, FrontMatter, Office, PageMeta
from generator.content.yamlsafe import Map, Node, Scalar, Seq, YamlProblem, load, to_plain
from generator.content.syncstate import load_state

CENTRAL = "central"
OFFICE = "office"
# The "field" of problems that concern a whole file or its front matter block.
FILE_FIELD = "file"
FRONT_MATTER_FIELD = "front-matter"
BODY_FIELD = "body"


@dataclass(frozen=True)
class Layout:
    """Where things are in one repository."""

    root: Path
    kind: str

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def registry_file(self) -> Path:
        return self.content / "offices.yml" if self.kind == CENTRAL else self.root / "office.yml"

    @property
    def releases_dir(self) -> Path:
        return self.content / "releases" if self.kind == CENTRAL else self.root / "releases"

    @property
    def curation_file(self) -> Path:
        return self.content / "national" / "curation.yml"

    @property
    def pages_dir(self) -> Path:
        return self.content / "pages"

    def assets_dir(self, office_id: str) -> Path:
        return _assets_dir(self, office_id)

    def office_releases_dir(self, office_id: str) -> Path:
        return self.releases_dir / office_id if self.kind == CENTRAL else self.releases_dir

    def release_hint(self) -> str:
        if self.kind == CENTRAL:
            return "content/releases/<kantor>/<tahun>/<slug>.md"
        return "releases/<tahun>/<slug>.md"


@functools.lru_cache(maxsize=4096)
def _assets_dir(layout: Layout, office_id: str) -> Path:
    # Asked for every release on every site (tens of thousands of times a build):
    # building the Path anew each time cost half a second per site at 10,000 releases.
    if layout.kind == CENTRAL:
        return layout.content / "assets" / office_id
    return layout.root / "assets"


def find_layout(start: Path) -> Layout | None:
    """The repository containing `start` (a file or folder), searching upwards."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / "content" / "offices.yml").is_file():
            return Layout(folder, CENTRAL)
        if (folder / "office.yml").is_file():
            return Layout(folder, OFFICE)
    return None


@dataclass
class Repository:
    layout: Layout
    offices: dict[str, Office] = field(default_factory=dict)
    releases: list[Release] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    curation: Curation | None = None
    report: Report = field(default_factory=Report)
    parse_cache: ParseCache | None = None

    def save_parse_cache(self) -> None:
        if self.parse_cache is not None:
            self.parse_cache.save()

    def release(self, release_id: str) -> Release | None:
        return self.by_id.get(release_id)

    @cached_property
    def by_id(self) -> dict[str, Release]:
        """Releases by id; read once the releases are loaded."""
        return {release.id: release for release in self.releases}

    @cached_property
    def by_province(self) -> dict[str | None, list[Release]]:
        """Releases by their office's province code (None: central offices), so a site
        looks only at the releases that can be on it, not at all of them."""
        grouped: dict[str | None, list[Release]] = {}
        for release in self.releases:
            grouped.setdefault(release.office.province, []).append(release)
        return grouped


def load_repository(
    layout: Layout,
    only: Collection[Path] | None = None,
    cache_file: Path | None = None,
    *,
    save_later: bool = False,
    now: datetime | None = None,
) -> Repository:
    """Load and validate everything (or only the release files under `only`).

    `cache_file`: keep validated releases there and reuse those whose files did not
    change (builds; see generator.content.parsecache). Problems are reported the same either way.
    `save_later`: the caller saves that cache (`Repository.save_parse_cache`) when it
    has a moment, not on the way to its first site build.
    `now`: also refuse dates too far ahead of it (generator.content.ahead); checked after the
    cache, whose verdicts must not depend on the day.
    """
    repo = Repository(layout)
    registry = load_registry(layout, repo.report)
    repo.offices = registry.offices
    selected = [p.resolve() for p in only] if only else None
    cache = ParseCache(cache_file, code_digest()) if cache_file else None
    loaded = _load_releases(layout, registry, repo.report, selected, cache)
    if cache is not None:
        repo.parse_cache = cache
        if not save_later:
            repo.save_parse_cache()
    if now is not None:
        loaded = [r for r in loaded if check_ahead(r, now, repo.report)]
    repo.releases = _with_provenance(layout, loaded)
    if selected is not None:
        keep = [*selected, layout.registry_file]
        repo.report.problems = [p for p in repo.report.problems if _is_selected(Path(p.path), keep)]
    if layout.kind == CENTRAL and selected is None:
        repo.pages = _load_pages(layout, repo.report)
        repo.curation = _load_curation(layout, repo, repo.report)
    return repo


# --- registry -------------------------------------------------------------


def _read_yaml(path: Path, report: Report, max_bytes: int) -> Node | None:
    try:
        text = decode(path.read_bytes(), max_bytes)
        return load(text)
    except FileNotFoundError:
        report.add(path, 1, FILE_FIELD, "missing_file")
    except ProblemError as error:
        report.add_error(path, FILE_FIELD, error, 1)
    except YamlProblem as problem:
        _report_yaml(report, path, problem)
    return None


def _report_yaml(report: Report, path: Path, problem: YamlProblem) -> None:
    report.add(
        path,
        problem.line,
        FILE_FIELD,
        problem.code,
        problem.value or None,
        detail=problem.value,
        kind=problem.kind,
    )


@dataclass(frozen=True)
class StandIn:
    """An office whose entry is invalid, made up from what of it is valid, so that its
    releases are still checked (and their mistakes shown with the office's) though
    none of them is published. `zone_guessed`: its province is unknown, so its zone
    is taken to be WIB."""

    office: Office
    zone_guessed: bool


@dataclass
class Registry:
    offices: dict[str, Office] = field(default_factory=dict)
    # By the folder name their releases are in (the `id` as written).
    stand_ins: dict[str, StandIn] = field(default_factory=dict)
    # The line each office's entry starts on (central registry), to say whose a problem is.
    lines: dict[str, int] = field(default_factory=dict)

    def office_at(self, line: int) -> str | None:
        """The office whose entry holds `line` (the last one starting at or before it)."""
        starts = [(start, ident) for ident, start in self.lines.items() if start <= line]
        return max(starts)[1] if starts else None


def load_offices(layout: Layout, report: Report) -> dict[str, Office]:
    """The registry (central) or the office's own office.yml, validated: the usable offices."""
    return load_registry(layout, report).offices


def load_registry(layout: Layout, report: Report) -> Registry:
    """The usable offices, and stand-ins for the invalid ones; every problem reported."""
    path = layout.registry_file
    registry = Registry()
    before = len(report.problems)
    node = _read_yaml(path, report, MAX_REGISTRY_BYTES)
    if node is None and layout.kind == OFFICE and len(report.problems) == before:
        node = Map({}, 1)  # an empty office.yml: every required field is missing
    if node is None:
        return registry
    if layout.kind == OFFICE and not isinstance(node, Map):
        report.add(path, node.line, FILE_FIELD, "not_a_mapping_file")
        # Its releases are still checked, against a stand-in.
        registry.stand_ins["kantor"] = _stand_in(Map({}, node.line), None, None)
        return registry
    if layout.kind == OFFICE:
        office, stand_in = _parse_office(node, path, report)
        if office is not None:
            registry.offices[office.id] = office
        elif stand_in is not None:
            registry.stand_ins[stand_in.office.id] = stand_in
        return registry
    if not isinstance(node, Seq):
        report.add(path, node.line, FILE_FIELD, "not_a_list_file")
        return registry
    lines: dict[str, int] = {}
    for item in node.items:
        office, stand_in = _parse_office(item, path, report)
        ident = office.id if office is not None else _written_id(item)
        if ident is None:
            continue
        if ident in lines:
            report.add(path, item.line, "id", "duplicate_office", ident, other=lines[ident])
            continue
        lines[ident] = registry.lines[ident] = item.line
        if office is not None:
            registry.offices[office.id] = office
        elif stand_in is not None:
            registry.stand_ins[ident] = stand_in
    return registry


def _written_id(node: Node) -> str | None:
    found = node.items.get("id") if isinstance(node, Map) else None
    return found.value.strip() or None if isinstance(found, Scalar) else None


def _parse_office(node: Node, path: Path, report: Report) -> tuple[Office | None, StandIn | None]:
    """(the office, or None when it cannot be used; else a stand-in to check its
    releases against). Every rule is checked whatever else is wrong: one mistake in an
    office never hides another."""
    before = len(report.problems)
    office = parse_mapping(Office, node, Context(), report, str(path))
    if not isinstance(node, Map):
        return None, None
    broken = {
        p.field.split(".")[0] for p in report.problems[before:] if p.severity is Severity.ERROR
    }

    def value(name: str) -> Any:
        return field_value(Office, node, name, Context())

    level, province = value("level"), value("province")
    line = node.key_lines.get("province", node.line)
    if level == "pusat" and province:
        report.add(path, line, "province", "province_forbidden", province)
        broken.add("province")
    if level not in (None, "pusat") and not province and "province" not in broken:
        report.add(path, node.line, "province", "province_required")
        broken.add("province")
    # A bad contact or source is reported but does not hide the office's releases.
    if office is not None and not broken - {"contact", "source"}:
        return (replace(office, source=None) if "source" in broken else office), None
    return None, _stand_in(node, level, province)


def _stand_in(node: Map, level: str | None, province: str | None) -> StandIn:
    written = _written_id(node) or ""
    ident = field_value(Office, node, "id", Context()) or slugify(written) or "kantor"
    office = Office(
        id=ident,
        name=field_value(Office, node, "name", Context()) or ident,
        level=level or ("kabupaten" if province else "pusat"),
        province=province,
    )
    return StandIn(office, zone_guessed=province is None and level != "pusat")


# --- releases -------------------------------------------------------------


def _load_releases(
    layout: Layout,
    registry: Registry,
    report: Report,
    selected: list[Path] | None,
    cache: ParseCache | None = None,
) -> list[Release]:
    """The valid releases of the usable offices. Those of an office whose entry is
    invalid are checked too (against its stand-in) and their problems reported, but
    none is returned: where and when they would appear is not known."""
    found: list[Problem | ParseJob] = []  # in file order: problems come out in that order
    seen: dict[str, str] = {}
    assets: dict[str, AssetCheck] = {}
    listing = Report()  # misplaced files and the like, kept in order among the others
    # Paths stay strings here: a Path per file cost a third of a rebuild's loading.
    for owner, year, name, path in _release_files(layout, registry, listing):
        found.extend(listing.problems)
        listing.problems.clear()
        if selected is not None and not _is_selected(Path(path), selected):
            continue
        office = owner.office if isinstance(owner, StandIn) else owner
        key = f"{office.id}/{year}/{slugify(name[:-3])}"
        if key in seen:
            other = Path(seen[key]).relative_to(layout.root)
            found.append(_duplicate(path, key, str(other)))
            continue
        seen[key] = path
        checks = assets.get(office.id)
        if checks is None:
            checks = assets[office.id] = layout_assets(layout, office)
        if isinstance(owner, StandIn):
            found.append(ParseJob(office, path, checks, owner.zone_guessed, keep=False))
        else:
            found.append(_cached(office, path, checks, cache))
    found.extend(listing.problems)
    todo = [item for item in found if isinstance(item, ParseJob) and not item.done]
    return _collect(found, parse_all(todo, _parse_job), report, cache)


def _parse_job(job: ParseJob) -> ParseResult:
    """Validate one file, noting the asset files (and images) the verdict depended on."""
    assets = job.assets
    assert isinstance(assets, AssetCheck)
    seen: list[tuple[str, bool]] = []

    def exists(src: str) -> bool:  # remembered: a cached result holds while these hold
        found = assets.exists(src)
        seen.append((src, found))
        return found

    def image_ok(src: str) -> bool:
        readable = assets.image_ok(src)
        seen.append((IMAGE_PROBE + src, readable))
        return readable

    report = Report()
    checked = AssetCheck(exists, assets.where, image_ok)
    data = _read(job.path)
    release = parse_release(data, job.office, Path(job.path), report, checked, job.zone_guessed)
    return ParseResult(release, tuple(report.problems), tuple(seen))


def _duplicate(path: str, key: str, other: str) -> Problem:
    duplicate = Report()
    duplicate.add(path, 1, "id", "duplicate_id", key, other=other)
    return duplicate.problems[0]


def _cached(office: Office, path: str, assets: AssetCheck, cache: ParseCache | None) -> ParseJob:
    """The job for a usable office's file, done already if the parse cache holds it."""
    if cache is None:
        return ParseJob(office, path, assets, False, keep=True)

    def probe(src: str) -> bool:  # what a cached result depends on: files, and images' headers
        if src.startswith(IMAGE_PROBE):
            return assets.image_ok(src.removeprefix(IMAGE_PROBE))
        return assets.exists(src)

    key = file_key(path)
    hit = cache.lookup(path, key, office, probe)
    if hit is None:
        return ParseJob(office, path, assets, False, keep=True, file_key=key)
    result = ParseResult(hit.release, hit.problems, hit.assets)
    return ParseJob(office, path, assets, False, keep=True, file_key=key, done=True, result=result)


def _collect(
    found: list[Problem | ParseJob],
    parsed: dict[str, ParseResult],
    report: Report,
    cache: ParseCache | None,
) -> list[Release]:
    """The problems and valid releases of `found`, in file order; new results cached."""
    releases = []
    for item in found:
        if isinstance(item, Problem):
            report.problems.append(item)
            continue
        result = item.result if item.done else parsed[item.path]
        assert result is not None
        report.problems.extend(result.problems)
        if not item.keep:
            continue
        if cache is not None and not item.done and item.file_key is not None:
            cache.store(
                item.path,
                Parsed(item.file_key, item.office, result.release, result.problems, result.assets),
            )
        if result.release is not None:
            releases.append(result.release)
    releases.sort(key=lambda r: r.id)
    return releases


def _with_provenance(layout: Layout, releases: list[Release]) -> list[Release]:
    """Attach what `newsroom sync` recorded (content/sync/<office>.json) to each release."""
    if layout.kind != CENTRAL:
        return releases
    states = {o: load_state(layout.content, o) for o in {r.office.id for r in releases}}
    result = []
    for release in releases:
        state = states[release.office.id]
        path = f"releases/{release.id.split('/', 1)[1]}.md"
        synced = state.releases.get(path)
        if synced is not None and state.source:
            source = release.office.source
            found = Provenance(
                state.source,
                synced.commit,
                path,
                origin=synced.origin,
                copied=_instant(synced.copied),
                feed=source is not None and source.kind == "feed",
            )
            release = replace(release, provenance=found)
        result.append(release)
    return result


def _instant(text: str) -> datetime | None:
    """An ISO 8601 time with its offset, as the sync records it; None if not one."""
    try:
        found = datetime.fromisoformat(text)
    except ValueError:
        return None
    return found if found.tzinfo is not None else None


def _is_selected(path: Path, selected: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == s or s in resolved.parents for s in selected)


def _scan(folder: Path, report: Report) -> Iterator[os.DirEntry[str]]:
    """Entries of `folder`, sorted; symlinks reported and skipped, hidden ones skipped."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            report.add(entry.path, 1, FILE_FIELD, "symlink", entry.name)
            continue
        yield entry


def _release_files(
    layout: Layout, registry: Registry, report: Report
) -> Iterator[tuple[Office | StandIn, str, str, str]]:
    """(office, year folder, file name, path) of every release file, in sorted order."""
    offices, stand_ins = registry.offices, registry.stand_ins
    if layout.kind == OFFICE:
        owners: list[Office | StandIn] = [*offices.values(), *stand_ins.values()]
        for owner in owners:  # exactly one
            yield from _year_folders(layout, owner, layout.releases_dir, report)
        return
    known = ", ".join(sorted(offices))
    for entry in _scan(layout.releases_dir, report):
        if not entry.is_dir():
            _misplaced(layout, Path(entry.path), report)
            continue
        registered = offices.get(entry.name) or stand_ins.get(entry.name)
        if registered is None:
            report.add(entry.path, 1, "office", "unknown_office", entry.name, known=known)
            continue
        yield from _year_folders(layout, registered, Path(entry.path), report)


def _year_folders(
    layout: Layout, office: Office | StandIn, folder: Path, report: Report
) -> Iterator[tuple[Office | StandIn, str, str, str]]:
    for entry in _scan(folder, report):
        if entry.is_dir() and len(entry.name) == 4 and entry.name.isdigit():
            for item in _scan(Path(entry.path), report):
                if item.is_file() and item.name.lower().endswith(".md"):
                    yield office, entry.name, item.name, item.path
                else:
                    _misplaced(layout, Path(item.path), report)
        else:
            _misplaced(layout, Path(entry.path), report)


def _misplaced(layout: Layout, path: Path, report: Report) -> None:
    """Markdown where releases cannot be; other stray files are only a warning."""
    severity = Severity.ERROR if path.suffix.lower() == ".md" else Severity.WARNING
    report.add(
        path,
        1,
        FILE_FIELD,
        "wrong_place",
        path.name,
        severity=severity,
        expected=layout.release_hint(),
    )


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


# Marks an image's measurability among the asset files a cached result depends on
# (asset paths start with `assets/`, never with this).
IMAGE_PROBE = "image:"


def _any_image(src: str) -> bool:
    return True


@dataclass(frozen=True)
class AssetCheck:
    """Where a release's `assets/...` files are looked for, and how to name that place."""

    exists: Callable[[str], bool]
    where: Callable[[str], str]
    # Whether an existing image file is a PNG, JPEG, GIF or WebP whose size can be read
    # (pages give every <img> its width and height). Sources without the bytes at hand
    # accept any.
    image_ok: Callable[[str], bool] = _any_image


def layout_assets(layout: Layout, office: Office) -> AssetCheck:
    folder = layout.assets_dir(office.id)

    def target(src: str) -> Path:
        return folder / src.removeprefix("assets/")

    return AssetCheck(
        exists=lambda src: target(src).is_file() and not target(src).is_symlink(),
        where=lambda src: str(target(src).relative_to(layout.root)),
        image_ok=lambda src: measurable(target(src)),
    )


def parse_release(
    data: bytes,
    office: Office,
    path: Path,
    report: Report,
    assets: AssetCheck,
    zone_guessed: bool = False,
    now: datetime | None = None,
) -> Release | None:
    """Validate one release file's bytes; `path` (`.../<yyyy>/<slug>.md`) names it.

    The one validation path for `newsroom check`, builds and sync: a release with
    any error is reported and returned as None. `zone_guessed`: the office's zone is
    not known (its province is invalid) and taken as WIB; messages that depend on it
    say so. `now`: also refuse dates too far ahead of it (generator.content.ahead).
    """
    if zone_guessed:
        before = len(report.problems)
        release = parse_release(data, office, path, report, assets, now=now)
        report.problems[before:] = [_zone_guessed(p) for p in report.problems[before:]]
        return release
    try:
        document = split(decode(data, MAX_RELEASE_BYTES))
    except ProblemError as error:
        report.add_error(path, _file_level_field(error), error, 1)
        return None
    errors_before = len(report.errors)
    slug_ok = _check_slug(path, report)
    meta_node = _front_matter(document.meta, path, report)
    if meta_node is None:
        return None
    meta = parse_mapping(FrontMatter, meta_node, Context(office.zone), report, str(path))
    # Any error rejects the whole release: a dropped optional field such as a bad
    # `publish_at` must never turn into "published now".
    if meta is None or not slug_ok or len(report.errors) > errors_before:
        return None
    key_lines = meta_node.key_lines
    deep = too_deep(document.body)
    if deep is not None:
        line = document.body_line + deep - 1
        report.add(path, line, BODY_FIELD, "body_too_deep", max=str(MAX_BODY_DEPTH))
        return None
    links = body_links(document.body)
    release = Release(
        id=f"{office.id}/{path.parent.name}/{path.stem}",
        office=office,
        slug=path.stem,
        path=str(path),
        meta=meta,
        _body=document.body,
        body_line=document.body_line,
        digest=hashlib.sha256(data).hexdigest(),
        raw_meta=plain if isinstance(plain := to_plain(meta_node), dict) else {},
        asset_refs=_asset_refs(meta, document.body, links),
        lines={k: key_lines[k] for k in ("date", "withdrawn_at", "updates") if k in key_lines},
    )
    ok = _check_release(release, key_lines, report, assets, links)
    if ok and now is not None:
        ok = check_ahead(release, now, report)
    return release if ok else None


# Problems whose wording names the office's zone, or whose finding depends on it.
_ZONE_DEPENDENT = ("bad_date", "bad_year_folder")


def _zone_guessed(problem: Problem) -> Problem:
    if problem.code not in _ZONE_DEPENDENT:
        return problem
    return replace(problem, code=problem.code + "_zone_guessed")


# Any `assets/...` path in the body, linked or not: a superset of what rendering links,
# which is all a page's key needs (an extra path only makes it more careful).
_ASSET_REF = re.compile(r"assets/[A-Za-z0-9._/-]+")


def _asset_refs(meta: FrontMatter, body: str, links: list[BodyLink]) -> tuple[str, ...]:
    # Markdown backslash escapes and HTML character references as the renderer reads them.
    # Only a body naming `assets` (or hiding text in escapes) can hold one.
    hidden = "&" in body or "\\" in body
    plain = html.unescape(re.sub(r"\\(.)", r"\1", body)) if hidden else body
    refs = set(_ASSET_REF.findall(plain)) if hidden or "assets/" in body else set()
    refs.update(src for link in links if (src := asset_link(link.url)) is not None)
    if meta.image is not None:
        refs.add(meta.image.src)
    refs.update(a.src for a in meta.attachments)
    return tuple(sorted(refs))


def _front_matter(node: Node | None, path: Path, report: Report) -> Map | None:
    """The front matter's fields (none written: none); None, reported, when it is a
    list or a bare text instead."""
    if node is None:
        return Map({}, 2)
    if not isinstance(node, Map):
        shown = node.value if isinstance(node, Scalar) else None
        report.add(path, node.line, FRONT_MATTER_FIELD, "front_matter_not_mapping", shown)
        return None
    return node


def _file_level_field(error: ProblemError) -> str:
    return FILE_FIELD if error.code in ("not_utf8", "file_too_large") else FRONT_MATTER_FIELD


def _check_slug(path: Path, report: Report) -> bool:
    if path.suffix == ".md" and SLUG_RE.match(path.stem) and len(path.stem) <= 80:
        return True
    suggestion = slugify(path.stem) or "rilis"
    report.add(path, 1, "slug", "bad_slug", path.name, suggestion=suggestion)
    return False


def _check_release(
    release: Release,
    key_lines: dict[str, int],
    report: Report,
    assets: AssetCheck,
    links: list[BodyLink],
) -> bool:
    """Rules that tie fields together; returns False when the release is unusable."""
    meta, path = release.meta, Path(release.path)
    errors_before = len(report.errors)

    def line(name: str) -> int:
        return key_lines.get(name, 2)

    if str(release.year) != path.parent.name:
        report.add(
            path, line("date"), "date", "bad_year_folder", path.parent.name, year=release.year
        )
    if meta.category == "klarifikasi" and meta.claim is None:
        report.add(path, line("category"), "claim", "claim_required")
    if meta.category != "klarifikasi" and meta.claim is not None:
        report.add(path, line("claim"), "claim", "claim_forbidden", meta.category)
    if meta.status == "withdrawn" and not meta.withdrawn_reason:
        report.add(path, line("status"), "withdrawn_reason", "reason_required")
    if meta.status != "withdrawn" and meta.withdrawn_reason:
        report.add(
            path, line("withdrawn_reason"), "withdrawn_reason", "reason_forbidden", meta.status
        )
    if meta.withdrawn_at is not None and meta.status != "withdrawn":
        report.add(
            path, line("withdrawn_at"), "withdrawn_at", "withdrawn_at_forbidden", meta.status
        )
    elif meta.withdrawn_at is not None and meta.withdrawn_at < meta.date:
        shown = format_input(meta.withdrawn_at, release.office.zone)
        date = format_input(meta.date, release.office.zone)
        report.add(
            path, line("withdrawn_at"), "withdrawn_at", "withdrawn_before_date", shown, date=date
        )
    for index, update in enumerate(meta.updates, start=1):
        if update.date < meta.date:
            report.add(
                path,
                line("updates"),
                f"updates[{index}].date",
                "update_before_date",
                format_input(update.date, release.office.zone),
                severity=Severity.WARNING,
            )
    if not release.body.strip() and meta.status != "withdrawn":
        report.add(path, release.body_line, BODY_FIELD, "empty_body", severity=Severity.WARNING)
    _check_placeholders(release, key_lines, report)
    _check_assets(release, key_lines, report, assets)
    _check_body_links(release, links, report, assets)
    return len(report.errors) == errors_before


def _check_placeholders(release: Release, key_lines: dict[str, int], report: Report) -> None:
    """Texts `newsroom new` wrote for the writer to replace: fine in a draft (a
    warning), an error once the release is meant for the public."""
    draft = release.meta.status == "draft"
    severity = Severity.WARNING if draft else Severity.ERROR
    code = "placeholder_draft" if draft else "placeholder"
    found = placeholders.body_line(release.body)
    if found is not None:
        line = release.body_line + found - 1
        shown = placeholders.BODY
        report.add(release.path, line, BODY_FIELD, code, shown, severity=severity)
    claim = release.meta.claim
    if claim is not None and placeholders.is_claim(claim.text):
        line = key_lines.get("claim", 2)
        shown = placeholders.CLAIM
        report.add(release.path, line, "claim.text", code, shown, severity=severity)


def _check_assets(
    release: Release, key_lines: dict[str, int], report: Report, assets: AssetCheck
) -> None:
    meta = release.meta
    wanted: list[tuple[str, str]] = []
    if meta.image is not None:
        wanted.append(("image.src", meta.image.src))
    wanted += [(f"attachments[{i}].src", a.src) for i, a in enumerate(meta.attachments, 1)]
    for name, src in wanted:
        line = key_lines.get(name.split(".")[0].split("[")[0], 2)
        if not assets.exists(src):
            report.add(release.path, line, name, "asset_missing", src, expected=assets.where(src))
        elif name == "image.src" and not assets.image_ok(src):
            report.add(release.path, line, name, "image_unreadable", src)


# A URL scheme (`https:`, `mailto:`): another place's address, not a file of the office.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_RELEASE_FILE = re.compile(r"\Areleases/(\d{4})/([^/]+)\.md\Z", re.IGNORECASE)
# How a body links to the office's assets/: as the site reads it, and as git hosts and
# editors preview it from releases/<yyyy>/ (the renderer takes both).
_ASSET_PREFIXES = ("assets/", "../../assets/")
PREVIEWED_ASSETS = "../../assets/"


def asset_link(url: str) -> str | None:
    """`assets/x.png` for a body link to the office's assets/ folder, else None."""
    for prefix in _ASSET_PREFIXES:
        if url.startswith(prefix):
            return "assets/" + url.removeprefix(prefix)
    return None


def _check_body_links(
    release: Release, links: list[BodyLink], report: Report, assets: AssetCheck
) -> None:
    """Links and images the site cannot serve: a missing or unreadable asset is an error
    (like a missing `image.src`); a path the renderer drops or leaves dangling (relative
    but not to assets/, or from the site's root) is a warning saying what to write."""
    year = Path(release.path).parent.name
    for link in links:
        found = _link_problem(link, year, release.office.id, assets)
        if found is not None:
            code, severity, params = found
            line = release.body_line + link.line - 1
            shown = link.written
            report.add(release.path, line, BODY_FIELD, code, shown, severity=severity, **params)
        # Only the office's own pictures are shown as pictures (another host's becomes a
        # link, anything else is dropped): those need the words for readers who cannot see.
        if link.image and asset_link(link.url) is not None and not (link.alt or "").strip():
            line = release.body_line + link.line - 1
            report.add(release.path, line, BODY_FIELD, "body_image_alt", link.written)


def _link_problem(
    link: BodyLink, year: str, office_id: str, assets: AssetCheck
) -> tuple[str, Severity, dict[str, str]] | None:
    url = link.url
    if not url or url.startswith(("#", "//")) or _SCHEME.match(url):
        return None  # an anchor on the page, or another host's address
    src = asset_link(url)
    if src is not None:
        if not is_asset_path(src):
            return "bad_asset_link", Severity.WARNING, {}
        if not assets.exists(src):
            return "asset_missing", Severity.ERROR, {"expected": assets.where(src)}
        if link.image and not assets.image_ok(src):
            return "image_unreadable", Severity.ERROR, {}
        return None
    path = url.split("#", 1)[0].split("?", 1)[0]
    rooted = url.startswith("/")
    # Where it points in the office's repository, seen from releases/<yyyy>/.
    target = posixpath.normpath(path.lstrip("/") if rooted else f"releases/{year}/{path}")
    parts = target.split("/")
    if "assets" in parts:
        rest = "/".join(parts[len(parts) - parts[::-1].index("assets") :])
        return "link_to_assets", Severity.WARNING, {"suggestion": PREVIEWED_ASSETS + rest}
    other = _RELEASE_FILE.match(target)
    if other is not None:
        page = f"{office_id}/{other[1]}/{other[2]}/"
        return "link_to_release", Severity.WARNING, {"target": page}
    return ("link_root_relative" if rooted else "link_relative"), Severity.WARNING, {}


# --- static pages and curation -------------------------------------------


def _load_pages(layout: Layout, report: Report) -> list[Page]:
    pages: list[Page] = []
    for entry in _scan(layout.pages_dir, report):
        path = Path(entry.path)
        if not entry.is_file() or path.suffix != ".md":
            continue
        try:
            document = split(decode(path.read_bytes(), MAX_PAGE_BYTES))
        except ProblemError as error:
            report.add_error(path, _file_level_field(error), error, 1)
            continue
        if not _check_slug(path, report):
            continue
        node = _front_matter(document.meta, path, report)
        meta = parse_mapping(PageMeta, node, Context(), report, str(path)) if node else None
        if meta is not None:
            pages.append(Page(path.stem, path, meta, document.body, document.body_line))
    return pages


def _load_curation(layout: Layout, repo: Repository, report: Report) -> Curation | None:
    path = layout.curation_file
    if not path.exists():
        return Curation(path, ())
    node = _read_yaml(path, report, MAX_REGISTRY_BYTES)
    return _parse_curation(path, node, repo, report, syndication(layout) == "all")


def check_curation_text(repo: Repository, text: str) -> list[Problem]:
    """Errors the curation file would have with `text`: for tools that edit it."""
    path = repo.layout.curation_file
    report = Report()
    try:
        node = load(text)
    except YamlProblem as problem:
        _report_yaml(report, path, problem)
        return report.errors
    _parse_curation(path, node, repo, report)
    return report.errors


def syndication(layout: Layout) -> str:
    """The central config's `syndication` (`all` or `curated`), for `newsroom check`,
    which runs without MkDocs. Tags (`!ENV`, `!!python/name`) read as nothing; an
    unreadable config counts as the default, `all` (the build reports what is wrong)."""
    try:
        config = yaml.load((layout.root / "mkdocs.yml").read_bytes(), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError):
        return "all"
    plugins = config.get("plugins") if isinstance(config, dict) else None
    if isinstance(plugins, dict):
        options = plugins.get("newsroom")
    else:
        listed = plugins if isinstance(plugins, list) else []
        found = [p["newsroom"] for p in listed if isinstance(p, dict) and "newsroom" in p]
        options = found[0] if found else None
    value = options.get("syndication") if isinstance(options, dict) else None
    return "curated" if value == "curated" else "all"


class _ConfigLoader(yaml.SafeLoader):
    """Safe, and lenient about the tags MkDocs configs use."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _parse_curation(
    path: Path, node: Node | None, repo: Repository, report: Report, warn_central: bool = False
) -> Curation | None:
    """`featured` (the national feed, in order) and `declined` (decided against).

    `warn_central`: with `syndication: all` curating a central release changes
    nothing but its pin or headline; with `curated` it is how it reaches provinces.
    """
    if node is None:
        return Curation(path, ())
    if not isinstance(node, Map):
        report.add(path, node.line, FILE_FIELD, "not_a_mapping_file")
        return None
    for key in node.items:
        if key not in ("featured", "declined"):
            known = "featured, declined"
            report.add(path, node.key_lines[key], key, "unknown_field", key, known=known)
    featured = _curation_list(path, node.items.get("featured"), "featured", CurationEntry, report)
    if featured is None:
        return None
    items = tuple(
        CuratedItem(line, entry)
        for line, entry in featured
        if _check_curated(repo, path, line, entry, report, warn_central)
    )
    declined = _curation_list(path, node.items.get("declined"), "declined", DeclinedEntry, report)
    for line, entry in declined or []:
        if repo.release(entry.id) is None:
            report.add(path, line, "id", "curation_unknown", entry.id, severity=Severity.WARNING)
        elif entry.id in {item.entry.id for item in items}:
            report.add(path, line, "id", "declined_featured", entry.id, severity=Severity.WARNING)
    return Curation(path, items, tuple(entry for _, entry in declined or []))


class _Entry(Protocol):
    @property
    def id(self) -> str: ...


E = TypeVar("E", bound=_Entry)


def _curation_list(
    path: Path, node: Node | None, name: str, schema: type[E], report: Report
) -> list[tuple[int, E]] | None:
    """The entries of one list with the line each stands on; None if it is no list."""
    if node is None or (isinstance(node, Scalar) and node.value.strip() == ""):
        return []
    if not isinstance(node, Seq):
        report.add(path, node.line, name, "not_list")
        return None
    entries: list[tuple[int, E]] = []
    lines: dict[str, int] = {}
    for index, item in enumerate(node.items, start=1):
        entry = parse_mapping(schema, item, Context(), report, str(path), f"{name}[{index}].")
        if entry is None:
            continue
        ident = entry.id
        if ident in lines:
            report.add(path, item.line, "id", "curation_duplicate", ident, other=lines[ident])
            continue
        lines[ident] = item.line
        entries.append((item.line, entry))
    return entries


def _check_curated(
    repo: Repository,
    path: Path,
    line: int,
    entry: CurationEntry,
    report: Report,
    warn_central: bool,
) -> bool:
    """Report doubtful entries; False for one that names no release."""
    release = repo.release(entry.id)
    if release is None:
        report.add(path, line, "id", "curation_unknown", entry.id)
        return False
    if release.meta.status != "published":
        report.add(
            path,
            line,
            "id",
            "curation_not_public",
            entry.id,
            severity=Severity.WARNING,
            status=release.meta.status,
        )
    elif release.meta.publish_at is not None and release.meta.publish_at > clock.now():
        # Curated ahead is allowed (the embargo holds on every site); the desk should know.
        zone = release.office.zone
        when = f"{format_input(release.meta.publish_at, zone)} {zone.abbreviation}"
        report.add(
            path, line, "id", "curation_embargoed", entry.id, severity=Severity.WARNING, when=when
        )
    elif release.office.is_central and warn_central:
        report.add(path, line, "id", "curation_central", entry.id, severity=Severity.WARNING)
    return True
