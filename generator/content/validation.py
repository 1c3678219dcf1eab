"""Validating one release file: the one path for `newsroom check`, builds and sync.

Every rule is checked whatever else is wrong, so a writer sees every mistake at once;
a release with any error is reported and not returned, so a dropped optional field
(a bad `publish_at`) never turns into something else ("published now").
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from generator.content import placeholders, regulations
from generator.content.ahead import check_ahead
from generator.content.assets import AssetCheck, asset_refs, pictures
from generator.content.bodydepth import too_deep
from generator.content.bodylinks import BodyLink, body_links
from generator.content.dates import format_input
from generator.content.fields import Context, parse_mapping
from generator.content.frontmatter import decode, split
from generator.content.limits import MAX_BODY_DEPTH, MAX_RELEASE_BYTES
from generator.content.linkcheck import check_body_links
from generator.content.model import Release
from generator.content.photocheck import check_picture
from generator.content.problems import Problem, ProblemError, Report, Severity
from generator.content.regulations import check_regulation
from generator.content.repofiles import BODY_FIELD, check_slug, file_level_field, front_matter
from generator.content.schema import FrontMatter, Office
from generator.content.yamlsafe import to_plain


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
        report.add_error(path, file_level_field(error), error, 1)
        return None
    errors_before = len(report.errors)
    slug_ok = check_slug(path, report)
    meta_node = front_matter(document.meta, path, report)
    if meta_node is None:
        return None
    context = Context(office.zone, officers=office.officer_ids)
    meta = parse_mapping(FrontMatter, meta_node, context, report, str(path))
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
    regulation_lines = regulations.key_lines(meta_node)
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
        asset_refs=asset_refs(meta, document.body, links),
        pictures=pictures(meta, links),
        lines={
            **{k: key_lines[k] for k in ("date", "withdrawn_at", "updates") if k in key_lines},
            **regulation_lines,
        },
    )
    ok = _check_release(release, key_lines, report, assets, links)
    check_regulation(release, regulation_lines, report)
    ok = ok and len(report.errors) == errors_before
    if ok and now is not None:
        ok = check_ahead(release, now, report)
    return release if ok else None


# Problems whose wording names the office's zone, or whose finding depends on it.
_ZONE_DEPENDENT = ("bad_date", "bad_year_folder")


def _zone_guessed(problem: Problem) -> Problem:
    if problem.code not in _ZONE_DEPENDENT:
        return problem
    return replace(problem, code=problem.code + "_zone_guessed")


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
    check_body_links(release, links, report, assets)
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
    regulation = release.meta.regulation
    if regulation is None:
        return
    for name, text, sample in (
        ("number", regulation.number, placeholders.REGULATION_NUMBER),
        ("about", regulation.about, placeholders.REGULATION_ABOUT),
    ):
        if sample in text:
            field = f"regulation.{name}"
            line = release.lines.get(field, key_lines.get("regulation", 2))
            report.add(release.path, line, field, code, sample, severity=severity)


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
        elif name == "image.src":
            picture = assets.picture(src)
            if picture is None:
                report.add(release.path, line, name, "image_unreadable", src)
            else:
                check_picture(report, release.path, line, name, src, picture)
