"""Apply what a source offers to one office's namespace in content/: the decisions.
(What a source offers: `sync.offer`; assets: `sync.assets` and `sync.staging`; the
front-matter edits: `sync.edits`; the words written into releases: `sync.wording`.)

- An office writes only `content/releases/<its id>/` and `content/assets/<its id>/`;
  its id, level and province come from the registry, never from its files.
- Every file is validated exactly as `newsroom check` does, images measured
  too; a bad file is reported and skipped, and its last good version stays.
- A release removed upstream becomes `status: withdrawn` with a reason naming
  the sync and `withdrawn_at` the sync's clock; nothing is deleted. A feed's
  withdrawal without its own `withdrawn_at` gets the sync's clock too.
  Withdrawing more than half an office's releases at once stops that office
  unless confirmed.
- New, updated and withdrawn are decided against the last completed sync's state,
  not against the files, so a re-run after a killed sync reports what the killed
  run had already written.
- Writes are atomic; the runner saves the state last, so a killed sync re-runs to
  the same result.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from generator.content.ahead import AHEAD_CODES
from generator.content.assets import asset_target
from generator.content.fields import Context
from generator.content.frontedit import has_comment
from generator.content.frontmatter import decode
from generator.content.limits import MAX_RELEASE_BYTES
from generator.content.officerfile import (
    merge_officers,
    officers_file,
    officers_text,
    read_officers,
)
from generator.content.photocheck import Picture, examine
from generator.content.problems import Problem, ProblemError, Report
from generator.content.repository import AssetCheck, parse_release
from generator.content.schema import OFFICER_LIST, Office, Officer
from generator.content.syncstate import FileState, OfficeState
from generator.util.fsio import write_atomic
from sync.assets import (
    DEFAULT_BUDGET,
    changed_assets,
    keep_to_budget,
    refuse_case_twins,
    write_assets,
)
from sync.assets import AssetBudget as AssetBudget  # the CLI's import
from sync.edits import draft_text, local_time, stamped, withdraw_text
from sync.offer import RELEASE_PATH, Incoming, each_blob, refused_file
from sync.staging import StagedImages
from sync.wording import written

# Validated release texts held between deciding (the mass-withdrawal guard) and writing;
# any beyond it are read again to be written. Assets are written as they are read.
RETAIN_BYTES = 64 * 1024 * 1024


@dataclass
class OfficeResult:
    office: str
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    # The error in each language, where it has its wording in the catalog (a git
    # failure): language -> sentence. `error` is the English one.
    error_words: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None

    def error_in(self, lang: str) -> str | None:
        """The error in `lang` where it has its wording there, else as it is."""
        return self.error_words.get(lang, self.error)


class OfficeSync:
    """Applies one source version to one office."""

    def __init__(
        self,
        content: Path,
        office: Office,
        label: str,
        *,
        dry_run: bool,
        allow_mass: bool,
        now: datetime,
        budget: AssetBudget = DEFAULT_BUDGET,
    ) -> None:
        self.content = content
        self.now = now  # the run's one clock: `--now`, or the command's reading of the time
        self.budget = budget
        self.office = office
        self.label = label  # how messages name the source, e.g. "kutai-timur"
        self.dry_run = dry_run
        self.allow_mass = allow_mass
        self.releases_dir = content / "releases" / office.id
        self.assets_dir = content / "assets" / office.id
        self.images = StagedImages(keep=False)

    def apply(self, incoming: Incoming, state: OfficeState) -> OfficeResult:
        """See `_apply`; images read to be measured are put aside meanwhile."""
        self.images = StagedImages(keep=not self.dry_run)  # a dry run writes no asset
        try:
            return self._apply(incoming, state)
        finally:
            self.images.close()

    def _apply(self, incoming: Incoming, state: OfficeState) -> OfficeResult:
        """Write what changed since `state` (the last completed sync) and bring `state`
        up to `incoming`; the caller saves it, last, as it marks the work done.

        Nothing is written before the mass-withdrawal guard has counted every release
        this sync would take from the public: removed upstream, or changed from
        published to withdrawn or draft."""
        result = OfficeResult(self.office.id, problems=list(incoming.refused))
        result.rejected.extend(refused_file(p, self.label) for p in incoming.refused)
        twins = refuse_case_twins(incoming, state, self.assets_dir, self.label)
        result.rejected.extend(problem.value or "" for problem in twins)
        result.problems.extend(twins)
        waiting = keep_to_budget(incoming, state, self.budget, self.label)
        result.problems.extend(waiting)
        offered = dict(incoming.releases)
        for path, oid in incoming.withdrawals.items():
            if path in state.releases:  # a withdrawal of one we never had brings nothing
                offered.setdefault(path, oid)
        changed = sorted(p for p, oid in offered.items() if _differs(state.releases.get(p), oid))
        live = {p for p, entry in state.releases.items() if not entry.withdrawn}
        removed = sorted(live - set(offered) - incoming.broken) if incoming.complete else []
        result.rejected.extend(sorted(live & incoming.broken))
        officers = self._take_officers(incoming, result)
        planned = self._plan_releases(incoming, offered, state, changed, result)
        hiding = [p for p in removed if self._status(p, state) == "published"]
        hiding += [plan.path for plan in planned if plan.kind == "withdrawn"]
        if hiding and len(hiding) * 2 > len(live) and not self.allow_mass:
            result.error = "mass_withdraw"
            result.problems.append(self._mass_withdraw(len(hiding), len(live)))
            result.rejected = sorted(set(filter(None, result.rejected)))
            return result
        self._apply_assets(incoming, state)
        self._write_officers(officers)
        self._write_releases(incoming, state, planned, result)
        self._note_origins(incoming, state)
        for path in removed:
            self._withdraw(path, incoming.version, result)
            # Kept, marked: the withdrawn page still shows where it came from.
            state.releases[path] = replace(state.releases[path], withdrawn=incoming.version)
        if not self.dry_run:
            self._note_statuses(state)
        due_later = any(p.code in AHEAD_CODES for p in result.problems)
        if not waiting and not due_later:  # else not done: the next sync reads it again
            state.commit = incoming.version
        result.rejected = sorted(set(filter(None, result.rejected)))
        return result

    def _mass_withdraw(self, count: int, total: int) -> Problem:
        return Problem(
            self.label,
            1,
            "releases",
            "mass_withdraw",
            None,
            (("count", str(count)), ("total", str(total))),
        )

    # --- assets -------------------------------------------------------------

    def _apply_assets(self, incoming: Incoming, state: OfficeState) -> None:
        changed = changed_assets(incoming, state)
        wanted = {}
        for path in changed:
            target = self._inside(self.assets_dir, asset_target(path) or "")
            if target is not None:
                wanted[path] = target
                state.assets[path] = FileState(incoming.assets[path], incoming.version)
        if not self.dry_run:  # nothing to write, so no need to read them
            write_assets(incoming, wanted, self.images)
        # Assets gone upstream stay on disk: a withdrawn release may still show them.
        for path in set(state.assets) - set(incoming.assets) if incoming.complete else ():
            del state.assets[path]

    # --- officers -------------------------------------------------------------

    def _take_officers(self, incoming: Incoming, result: OfficeResult) -> tuple[Officer, ...]:
        """The officers the source lists, validated as `newsroom check` does, added to
        those synced before (none is dropped: releases here may credit them); the office
        the releases are validated against gets them too. () when the source lists none."""
        if incoming.officers is None:
            return ()
        report = Report()
        where, context = incoming.officers_where, Context(now=self.now)
        try:
            offered = OFFICER_LIST.parse_into(incoming.officers, context, report, where, "officers")
        except ProblemError as error:
            report.add_error(where, "officers", error, incoming.officers.line)
            offered = ()
        result.problems.extend(report.problems)
        known = read_officers(officers_file(self.content, self.office.id), Report(), Context())
        self.office = replace(self.office, officers=merge_officers(self.office.officers, offered))
        return merge_officers(known, offered) if offered else ()

    def _write_officers(self, officers: tuple[Officer, ...]) -> None:
        if self.dry_run or not officers:
            return
        target = officers_file(self.content, self.office.id)
        text = officers_text(officers).encode("utf-8")
        if not (target.exists() and target.read_bytes() == text):
            write_atomic(target, text)

    # --- releases -------------------------------------------------------------

    def _plan_releases(
        self,
        incoming: Incoming,
        offered: dict[str, str],
        state: OfficeState,
        changed: list[str],
        result: OfficeResult,
    ) -> list[_Planned]:
        """Validate every changed release and decide what it is: new, updated, or
        withdrawn (published before, withdrawn or draft now). Writes nothing."""
        assets = AssetCheck(
            exists=lambda src: src in incoming.assets or self._has_asset(src),
            where=lambda src: f"{self.label}:{src}",
            picture=lambda src: self._picture(src, incoming, state),
        )
        planned = []
        retained = 0
        for path, data in each_blob(incoming, {p: offered[p] for p in changed}):
            year, name = RELEASE_PATH.match(path).groups()  # type: ignore[union-attr]
            report = Report()
            shown = Path(f"{self.label}:releases") / year / name
            release = parse_release(data, self.office, shown, report, assets, now=self.now)
            result.problems.extend(report.problems)
            target = self._inside(self.releases_dir, f"{year}/{name}")
            if release is None or target is None:
                result.rejected.append(path)
                continue  # the last good version, if any, stays
            stamp = None
            if path not in incoming.releases:  # withdrawn by the source
                hidden = self._withdrawn_unpublished(target, incoming.version)
                if hidden is not None:
                    if hidden:
                        planned.append(
                            _Planned(path, offered[path], release.id, "draft", "withdrawn", hidden)
                        )
                    continue
                if release.meta.withdrawn_at is None:
                    stamp = self._withdrawal_time(target, release.meta.date)
            known = state.releases.get(path)
            status = release.meta.status
            if known is None:
                kind = "new"
            elif known.withdrawn or status == "published":
                kind = "updated"  # back after a withdrawal, or changed
            elif self._status(path, state) == "published":
                kind = "withdrawn"  # taken from the public as surely as a removal
            else:
                kind = "updated"
            text: bytes | None = None  # past the budget: read again when it is written
            if retained + len(data) <= RETAIN_BYTES:
                text = decode(data, MAX_RELEASE_BYTES).encode("utf-8")
                retained += len(text)
            planned.append(_Planned(path, offered[path], release.id, status, kind, text, stamp))
        return sorted(planned, key=lambda plan: plan.path)

    def _withdrawn_unpublished(self, target: Path, version: str) -> bytes | None:
        """A release the source withdrew, if ours was never public: b"" to leave it as it
        is (a draft, or missing), its text as a draft if it is under embargo (a withdrawn
        page would show its body once the embargo lifts). None: ours was public, so the
        source's withdrawn version applies."""
        copy = self._current(target)
        note = self._hidden_note("withdrawn_before_embargo", version)
        if copy is not None and has_comment(copy.text, note):
            return copy.text.encode("utf-8")  # a killed run of this same sync wrote it
        if copy is None or copy.status == "draft":
            return b""
        if copy.embargoed and copy.status == "published":
            return draft_text(copy.text, note).encode("utf-8")
        return None

    def _withdrawal_time(self, target: Path, date: datetime) -> str:
        """`withdrawn_at` for a release this sync withdraws: the one our copy already has
        (an earlier or killed run of the sync withdrew it), else the sync's clock, never
        before the release's date."""
        copy = self._current(target)
        if copy is not None and copy.withdrawn_at is not None:
            return local_time(copy.withdrawn_at, self.office)
        return local_time(max(self.now.replace(microsecond=0), date), self.office)

    def _hidden_note(self, key: str, version: str) -> str:
        """The comment on a release kept as a draft (see `sync.wording`)."""
        return written(key, label=self.label, version=version[:12])

    def _write_releases(
        self, incoming: Incoming, state: OfficeState, planned: list[_Planned], result: OfficeResult
    ) -> None:
        copied = self.now.replace(microsecond=0).astimezone(self.office.zone.tz).isoformat()
        for plan in planned:
            getattr(result, plan.kind).append(plan.release_id)
            known = state.releases.get(plan.path)
            # A feed's withdrawal names no page: the page it was copied from stays its origin.
            origin = incoming.origins.get(plan.path) or (known.origin if known else "")
            state.releases[plan.path] = FileState(
                plan.oid, incoming.version, status=plan.status, origin=origin, copied=copied
            )
        if self.dry_run:
            return
        for plan in planned:
            if plan.text is not None:
                self._write_release(plan.path, stamped(plan.text, plan.stamp))
        again = {plan.path: plan for plan in planned if plan.text is None}
        for path, data in each_blob(incoming, {path: plan.oid for path, plan in again.items()}):
            text = decode(data, MAX_RELEASE_BYTES).encode("utf-8")
            self._write_release(path, stamped(text, again[path].stamp))

    def _note_origins(self, incoming: Incoming, state: OfficeState) -> None:
        """A page the source moved, its release unchanged: our copies name the new one."""
        for path, page in incoming.origins.items():
            known = state.releases.get(path)
            if known is not None and known.origin != page:
                state.releases[path] = replace(known, origin=page)

    def _write_release(self, path: str, text: bytes) -> None:
        target = self.releases_dir / path.removeprefix("releases/")
        if not (target.exists() and target.read_bytes() == text):
            write_atomic(target, text)

    def _status(self, path: str, state: OfficeState) -> str | None:
        """The status the last completed sync left the release at: recorded in the
        state, or (states written before statuses were) read from content/."""
        known = state.releases.get(path)
        if known is not None and known.status:
            return known.status
        target = self._inside(self.releases_dir, path.removeprefix("releases/"))
        copy = self._current(target) if target is not None else None
        return copy.status if copy is not None else None

    def _note_statuses(self, state: OfficeState) -> None:
        """Record the status of releases synced before states held it, once, so that a
        re-run after a kill decides against the state and not against what the killed
        run wrote."""
        for path, entry in state.releases.items():
            if not entry.status and not entry.withdrawn:
                status = self._status(path, state)
                if status is not None:
                    state.releases[path] = replace(entry, status=status)

    def _picture(self, src: str, incoming: Incoming, state: OfficeState) -> Picture | None:
        """The image `src` as `newsroom check` sees it (None: no PNG, JPEG, GIF or WebP the
        build can decode): from the source when it brings a new version of it, else from
        the copy here."""
        oid = incoming.assets.get(src)
        known = state.assets.get(src)
        if oid is not None and (known is None or known.oid != oid):
            return self.images.measure(src, oid, incoming)
        target = self._inside(self.assets_dir, asset_target(src) or "")
        return examine(target) if target is not None else None

    def _has_asset(self, src: str) -> bool:
        target = self._inside(self.assets_dir, asset_target(src) or "")
        return target is not None and target.is_file()

    def _withdraw(self, path: str, version: str, result: OfficeResult) -> None:
        """The release is gone upstream: withdraw what was public, hide what was not.

        Never makes public what was not: a draft stays a draft, untouched; a release
        still under embargo becomes a draft (a withdrawn page would show its body, with
        the notice, once the embargo lifts); a published one becomes withdrawn."""
        match = RELEASE_PATH.match(path)
        target = (
            self._inside(self.releases_dir, f"{match.group(1)}/{match.group(2)}") if match else None
        )
        if match is None or target is None:
            return
        copy = self._current(target)
        if copy is None:
            return  # nothing there, or not a valid release: nothing of it is public
        reason = written("removed_upstream", office=self.office.name)
        hidden = self._hidden_note("removed_before_embargo", version)
        release_id = f"{self.office.id}/{match.group(1)}/{target.stem}"
        ours = copy.status == "withdrawn" and copy.reason == reason
        if ours or has_comment(copy.text, hidden):
            # Our own words already there: a killed run of this same sync wrote them.
            result.withdrawn.append(release_id)
            return
        if copy.status == "draft":
            return
        if copy.embargoed and copy.status == "published":
            changed = draft_text(copy.text, hidden)
        else:
            when = max(self.now.replace(microsecond=0), copy.date)
            changed = withdraw_text(copy.text, reason, local_time(when, self.office))
        if changed != copy.text:
            if not self.dry_run:
                write_atomic(target, changed.encode("utf-8"))
            result.withdrawn.append(release_id)

    def _current(self, target: Path) -> _Copy | None:
        """The release as it is in content/ now, or None if missing or not valid."""
        try:
            data = target.read_bytes()
            text = decode(data, MAX_RELEASE_BYTES)
        except (OSError, ProblemError):
            return None
        anything = AssetCheck(exists=lambda src: True, where=str)
        release = parse_release(data, self.office, target, Report(), anything)
        if release is None:
            return None
        lift = release.meta.publish_at
        embargoed = lift is not None and lift > self.now
        meta = release.meta
        return _Copy(
            text, meta.status, embargoed, meta.date, meta.withdrawn_at, meta.withdrawn_reason
        )

    def _inside(self, folder: Path, relative: str) -> Path | None:
        """`folder/relative`, or None if it would leave `folder` (never trust a path)."""
        if not relative:
            return None
        target = (folder / relative).resolve()
        base = folder.resolve()
        return target if base in target.parents else None


@dataclass(frozen=True)
class _Planned:
    """A valid changed release, validated and classified, about to be written."""

    path: str  # releases/2026/x.md
    oid: str
    release_id: str
    status: str
    kind: str  # new | updated | withdrawn: the OfficeResult list it is reported in
    text: bytes | None  # None: past RETAIN_BYTES, read again to be written
    stamp: str | None = None  # `withdrawn_at` to add: a feed's withdrawal without one


@dataclass(frozen=True)
class _Copy:
    """A release file in content/ as it is before the sync changes it."""

    text: str
    status: str  # draft | published | withdrawn
    embargoed: bool  # its `publish_at` is still ahead at the sync's clock
    date: datetime
    withdrawn_at: datetime | None
    reason: str | None  # its `withdrawn_reason`


def _differs(known: FileState | None, oid: str) -> bool:
    """Whether a release must be (re)applied: unknown, changed, or back after withdrawal."""
    return known is None or known.oid != oid or bool(known.withdrawn)
