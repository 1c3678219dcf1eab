"""`newsroom curate` and its subcommands: the national desk's choice of regional
releases for the national site, and its inbox."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import NoReturn

import click

from generator.cli.options import lang_option, layout_or_fail, now_option
from generator.content.messages import curation_text
from generator.content.repository import CENTRAL, load_repository
from generator.desk.curate import Curator, release_id_from
from generator.desk.queries import featured_order, inbox, not_shown, published_ago
from generator.desk.saying import CurationError, Said, say
from generator.public.sharetext import tagged_title


@click.group("curate")
def curate_group() -> None:
    """The national desk's curation: which regional releases the national site features.

    RELEASE_ID is `<office>/<yyyy>/<slug>`; a release's URL on any site works too.
    """


def _refuse(error: CurationError, lang: str) -> NoReturn:
    click.echo(curation_text("error", lang, {"message": error.text(lang)}), err=True)
    sys.exit(1)


def _curator(lang: str, now: datetime) -> Curator:
    layout = layout_or_fail(lang)
    if layout.kind != CENTRAL:
        _refuse(CurationError("central_only"), lang)
    return Curator(load_repository(layout), now)


def _curate(action: Callable[[Curator], list[Said]], lang: str, now: datetime) -> None:
    """Apply `action` to the curation at `now` and say what it did. Edit, remove, pin,
    unpin and move take no --now (they never did): their `now` is when they start."""
    curator = _curator(lang, now)
    try:
        said = action(curator)
    except CurationError as error:
        _refuse(error, lang)
    for item in said:
        click.echo(say(item, lang))


@curate_group.command("add")
@click.argument("release_id", callback=lambda ctx, param, value: release_id_from(value))
@click.option("--pin", is_flag=True, help="Show it first, above the latest news.")
@click.option("--headline", help="National headline instead of the office's title.")
@click.option("--note", help="Editors' note (not public).")
@lang_option
@now_option
def curate_add(
    release_id: str, pin: bool, headline: str | None, note: str | None, lang: str, now: datetime
) -> None:
    """Feature RELEASE_ID on the national site."""
    _curate(lambda c: c.add(release_id, pin, headline, note), lang, now)


@curate_group.command("edit")
@click.argument("release_id", callback=lambda ctx, param, value: release_id_from(value))
@click.option("--headline", help="New national headline; an empty text removes it.")
@click.option("--note", help="New editors' note; an empty text removes it.")
@lang_option
def curate_edit(release_id: str, headline: str | None, note: str | None, lang: str) -> None:
    """Change the headline or note of a curated RELEASE_ID."""
    _curate(lambda c: c.edit(release_id, headline, note), lang, datetime.now(UTC))


@curate_group.command("remove")
@click.argument("release_id", callback=lambda ctx, param, value: release_id_from(value))
@lang_option
def curate_remove(release_id: str, lang: str) -> None:
    """Stop featuring RELEASE_ID (its own page on its home site stays)."""
    _curate(lambda c: c.remove(release_id), lang, datetime.now(UTC))


@curate_group.command("pin")
@click.argument("release_id", callback=lambda ctx, param, value: release_id_from(value))
@lang_option
def curate_pin(release_id: str, lang: str) -> None:
    """Pin RELEASE_ID above the latest news."""
    _curate(lambda c: c.pin(release_id, True), lang, datetime.now(UTC))


@curate_group.command("unpin")
@click.argument("release_id", callback=lambda ctx, param, value: release_id_from(value))
@lang_option
def curate_unpin(release_id: str, lang: str) -> None:
    """Unpin RELEASE_ID."""
    _curate(lambda c: c.pin(release_id, False), lang, datetime.now(UTC))


@curate_group.command("move")
@click.argument("release_id", callback=lambda ctx, param, value: release_id_from(value))
@click.option(
    "--before",
    "other",
    required=True,
    metavar="OTHER_ID",
    callback=lambda ctx, param, value: release_id_from(value),
    help="Put RELEASE_ID just before this curated release.",
)
@lang_option
def curate_move(release_id: str, other: str, lang: str) -> None:
    """Change the order of the national feed."""
    _curate(lambda c: c.move(release_id, other), lang, datetime.now(UTC))


@curate_group.command("decline")
@click.argument("release_id", callback=lambda ctx, param, value: release_id_from(value))
@click.option("--note", help="Why, for the other editors (not public).")
@lang_option
@now_option
def curate_decline(release_id: str, note: str | None, lang: str, now: datetime) -> None:
    """Decide against featuring RELEASE_ID: it leaves the inbox for good."""
    _curate(lambda c: c.decline(release_id, note), lang, now)


@curate_group.command("list")
@lang_option
@now_option
def curate_list(lang: str, now: datetime) -> None:
    """The national feed as it will appear (pinned first, then in order), then the
    curated releases it leaves out, with why."""
    curator = _curator(lang, now)
    repo = curator.repo
    if not repo.layout.curation_file.exists():
        path = repo.layout.curation_file.relative_to(repo.layout.root).as_posix()
        click.echo(curation_text("no_curation_file", lang, {"path": path}))
        return
    listed = [
        (item, release)
        for item in featured_order(repo)
        if (release := repo.release(item.entry.id)) is not None and release.is_listed(now)
    ]
    for number, (item, release) in enumerate(listed, start=1):
        mark = "*" if item.entry.pinned else " "
        click.echo(
            f"{number:3d}{mark} {item.entry.id}  {item.entry.headline or release.meta.title}"
        )
    hidden = not_shown(repo, now)
    if not listed and not hidden:
        click.echo(curation_text("nothing_curated", lang))
    if hidden:
        click.echo(curation_text("not_shown", lang))
    for entry in hidden:
        title = f"  {entry.release.meta.title}" if entry.release else ""
        click.echo(f"    - {entry.release_id}{title}  ({entry.reason(lang)})")


@curate_group.command("inbox")
@lang_option
@now_option
def curate_inbox(lang: str, now: datetime) -> None:
    """Regional releases proposed by their office or arrived in a sync (in the last
    week), not yet curated or declined: clarifications of hoaxes first (their verdict
    before the title), each part newest first, with how long ago each was published."""
    curator = _curator(lang, now)
    for entry in inbox(curator.repo, now):
        reasons = ", ".join(curation_text(f"reason_{r}", lang) for r in entry.reasons)
        release = entry.release
        ago = published_ago(release, now, lang)
        title = tagged_title(release)
        click.echo(f"{release.id}  {title}  ({release.office.name}; {reasons}; {ago})")
