"""Apply what a source offers to one office's namespace in content/.

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

import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path, PurePosixPath

from generator.content.ahead import AHEAD_CODES
from generator.content.frontedit import edit, has_comment
from generator.content.frontmatter import decode, split
from generator.content.images import HEAD_BYTES, measurable, size_from_bytes
from generator.content.limits import MAX_RELEASE_BYTES
from generator.content.problems import Problem, ProblemError, Report, Severity
from generator.content.repository import AssetCheck, parse_release
from generator.content.schema import Office
from generator.content.syncstate import FileState, OfficeState
from generator.content.yamlsafe import Map, Scalar
from generator.public.render import asset_target
from generator.util.fsio import link_atomic, write_atomic
from sync.limits import (
    MAX_ASSET_BYTES_PER_SYNC,
    MAX_ASSET_DEPTH,
    MAX_ASSET_NAME,
    MAX_ASSETS_PER_SYNC,
)

RELEASE_PATH = re.compile(r"\Areleases/(\d{4})/([^/]+\.md)\Z")
ASSET_TYPES = {
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".gif": "image",
    ".webp": "image",
    ".pdf": "pdf",
}
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_PDF_BYTES = 20 * 1024 * 1024
# Validated release texts held between deciding (the mass-withdrawal guard) and writing;
# any beyond it are read again to be written. Assets are written as they are read.
RETAIN_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class AssetBudget:
    """What one sync may write of one office's assets. Past it, the rest are reported
    and wait: the next sync takes the next share, so an office with years of photos
    arrives over a few syncs, and a hostile one cannot fill the disk in one."""

    max_files: int = MAX_ASSETS_PER_SYNC  # asset names written (new or changed)
    max_bytes: int = MAX_ASSET_BYTES_PER_SYNC  # their bytes, each distinct blob once


DEFAULT_BUDGET = AssetBudget()


@dataclass
class Incoming:
    """What a source offers at one version: paths with content ids, and a reader."""

    version: str  # commit id, or the feed's ETag/hash
    releases: dict[str, str] = field(default_factory=dict)  # "releases/2026/x.md" -> oid
    assets: dict[str, str] = field(default_factory=dict)  # "assets/x.png" -> oid
    # The bytes of the blobs asked for, one at a time as they are read (never all at once).
    read: Callable[[list[str]], Iterator[tuple[str, bytes]]] = lambda oids: iter(())
    refused: list[Problem] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)  # asset blob id -> bytes
    complete: bool = True  # a git tree is the whole office; a feed is only its latest items
    # Releases the source says it withdrew (a feed's `_newsroom.withdrawn`), path -> oid:
    # applied as updates of releases already synced, never as new ones.
    withdrawals: dict[str, str] = field(default_factory=dict)
    # Release paths present upstream but refused before reading (a symlink, too large):
    # broken, not removed, so the last good version stays instead of being withdrawn.
    broken: set[str] = field(default_factory=set)
    # The address of each release's page where the source publishes it (a feed item's
    # `url`, checked), path -> URL: its canonical address on our sites.
    origins: dict[str, str] = field(default_factory=dict)


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


# Refusal codes that name no refused file: office.yml claiming another id is only
# reported (the registry decides), the office's files are taken.
NOT_A_REFUSED_FILE = frozenset({"office_mismatch"})


def refused_file(problem: Problem, label: str) -> str:
    """The file (a git path, a feed item's id) a refusal of the source refused, or ""."""
    if problem.code in NOT_A_REFUSED_FILE:
        return ""
    return problem.path.removeprefix(f"{label}:")


def asset_name_problem(path: str, label: str) -> Problem | None:
    """Why an `assets/` path is refused for its length or depth, or None."""
    folders = path.split("/")[1:-1]
    longest = max(path.split("/")[1:], key=len, default="")
    if len(longest) > MAX_ASSET_NAME:
        params = (("length", str(len(longest))), ("max", str(MAX_ASSET_NAME)))
        return Problem(
            f"{label}:{path}", 1, "file", "asset_name_too_long", path, params, Severity.WARNING
        )
    if len(folders) > MAX_ASSET_DEPTH:
        params = (("depth", str(len(folders))), ("max", str(MAX_ASSET_DEPTH)))
        return Problem(
            f"{label}:{path}", 1, "file", "asset_too_deep", path, params, Severity.WARNING
        )
    return None


def asset_problem(path: str, size: int | None, label: str) -> Problem | None:
    """Why an `assets/` entry is refused, or None when it is acceptable."""
    named = asset_name_problem(path, label)
    if named is not None:
        return named
    suffix = PurePosixPath(path).suffix.lower()
    kind = ASSET_TYPES.get(suffix)
    limit = MAX_PDF_BYTES if kind == "pdf" else MAX_IMAGE_BYTES
    if kind is None or asset_target(path) is None or size is None or size > limit:
        return Problem(
            f"{label}:{path}",
            1,
            "file",
            "asset_refused",
            path,
            (("max_image", "5 MB"), ("max_pdf", "20 MB")),
            Severity.WARNING,
        )
    return None


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
        self.images = _Images(keep=False)

    def apply(self, incoming: Incoming, state: OfficeState) -> OfficeResult:
        """See `_apply`; images read to be measured are put aside meanwhile (`_Images`)."""
        self.images = _Images(keep=not self.dry_run)  # a dry run writes no asset
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
        self._refuse_case_twins(incoming, state, result)
        waiting = self._keep_to_budget(incoming, state, result)
        offered = dict(incoming.releases)
        for path, oid in incoming.withdrawals.items():
            if path in state.releases:  # a withdrawal of one we never had brings nothing
                offered.setdefault(path, oid)
        changed = sorted(p for p, oid in offered.items() if _differs(state.releases.get(p), oid))
        live = {p for p, entry in state.releases.items() if not entry.withdrawn}
        removed = sorted(live - set(offered) - incoming.broken) if incoming.complete else []
        result.rejected.extend(sorted(live & incoming.broken))
        planned = self._plan_releases(incoming, offered, state, changed, result)
        hiding = [p for p in removed if self._status(p, state) == "published"]
        hiding += [plan.path for plan in planned if plan.kind == "withdrawn"]
        if hiding and len(hiding) * 2 > len(live) and not self.allow_mass:
            result.error = "mass_withdraw"
            result.problems.append(self._mass_withdraw(len(hiding), len(live)))
            result.rejected = sorted(set(filter(None, result.rejected)))
            return result
        self._apply_assets(incoming, state)
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

    def _refuse_case_twins(
        self, incoming: Incoming, state: OfficeState, result: OfficeResult
    ) -> None:
        """Two assets whose names differ only in case (`Foto.png`, `foto.png`) are one
        file in a checkout of the central repository on macOS or Windows: one would
        silently replace the other. The one already here (or else the first) stays;
        the other is refused, and releases naming it with it."""
        holder: dict[str, str] = {}  # lower-cased path -> the path that has it
        if self.assets_dir.is_dir():
            for file in sorted(self.assets_dir.rglob("*")):
                if file.is_file() and not file.name.startswith("."):
                    path = "assets/" + file.relative_to(self.assets_dir).as_posix()
                    holder.setdefault(path.lower(), path)
        for path in sorted(state.assets):
            holder.setdefault(path.lower(), path)
        for path in sorted(incoming.assets):
            other = holder.setdefault(path.lower(), path)
            if other != path:
                del incoming.assets[path]
                result.rejected.append(path)
                result.problems.append(
                    Problem(
                        f"{self.label}:{path}",
                        1,
                        "file",
                        "asset_case_twin",
                        path,
                        (("other", other),),
                    )
                )

    def _keep_to_budget(self, incoming: Incoming, state: OfficeState, result: OfficeResult) -> bool:
        """Leave out, reported by name, the changed assets past the office's budget (in
        path order, so each sync takes the next share); True if any was. Before the
        releases are checked: a release naming one left out waits with it, and is taken
        when it arrives. The first waiting asset is always taken, even one larger than
        the whole budget: else it would never arrive, its version never complete, and
        the office be read in full at every sync; so each sync takes one at the least."""
        files, size, counted, waiting = 0, 0, set(), False
        for path in _changed_assets(incoming, state):
            oid = incoming.assets[path]
            extra = 0 if oid in counted else incoming.sizes.get(oid, 0)
            within = files < self.budget.max_files and size + extra <= self.budget.max_bytes
            if files == 0 or within:
                files, size = files + 1, size + extra
                counted.add(oid)
                continue
            del incoming.assets[path]
            waiting = True
            params: tuple[tuple[str, str], ...]
            if files >= self.budget.max_files:
                code, params = "asset_count_limit", (("max", str(self.budget.max_files)),)
            else:
                shown = _bytes_text(self.budget.max_bytes)
                code, params = "asset_bytes_limit", (("max", shown), ("size", str(extra)))
            where = f"{self.label}:{path}"
            result.problems.append(Problem(where, 1, "file", code, path, params, Severity.WARNING))
        return waiting

    def _apply_assets(self, incoming: Incoming, state: OfficeState) -> None:
        changed = _changed_assets(incoming, state)
        wanted = {}
        for path in changed:
            target = self._inside(self.assets_dir, asset_target(path) or "")
            if target is not None:
                wanted[path] = target
                state.assets[path] = FileState(incoming.assets[path], incoming.version)
        if not self.dry_run:  # nothing to write, so no need to read them
            self._write_assets(incoming, wanted)
        # Assets gone upstream stay on disk: a withdrawn release may still show them.
        for path in set(state.assets) - set(incoming.assets) if incoming.complete else ():
            del state.assets[path]

    def _write_assets(self, incoming: Incoming, wanted: dict[str, Path]) -> None:
        """Each blob written once, as it is read (memory holds one asset, however many
        there are); its other names are hard links to it, so one photo under two names,
        or a hostile office's one blob under 200, takes its bytes once. Images read
        already to be measured are taken from where they were put aside, not read again."""
        targets: dict[str, list[Path]] = {}  # blob id -> where it goes
        spilled: dict[str, Path] = {}
        for path, target in sorted(wanted.items()):
            oid = incoming.assets[path]
            targets.setdefault(oid, []).append(target)
            if path in self.images.files:
                spilled.setdefault(oid, self.images.files[path])
        for oid, file in spilled.items():
            _write_once(targets[oid], file.read_bytes())
        for oid, data in incoming.read([oid for oid in targets if oid not in spilled]):
            _write_once(targets[oid], data)

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
            image_ok=lambda src: self._image_ok(src, incoming, state),
        )
        planned = []
        retained = 0
        for path, data in _each(incoming, {p: offered[p] for p in changed}):
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
        note = self._hidden_note("Ditarik oleh", version)
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
            return _local(copy.withdrawn_at, self.office)
        return _local(max(self.now.replace(microsecond=0), date), self.office)

    def _hidden_note(self, what: str, version: str) -> str:
        return (
            f"{what} sumber kantor ({self.label}, versi {version[:12]}) sebelum embargonya "
            "berakhir; disimpan sebagai draf oleh sinkronisasi Newsroom."
        )

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
                self._write_release(plan.path, _stamped(plan.text, plan.stamp))
        again = {plan.path: plan for plan in planned if plan.text is None}
        for path, data in _each(incoming, {path: plan.oid for path, plan in again.items()}):
            text = decode(data, MAX_RELEASE_BYTES).encode("utf-8")
            self._write_release(path, _stamped(text, again[path].stamp))

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

    def _image_ok(self, src: str, incoming: Incoming, state: OfficeState) -> bool:
        """Whether the image `src` is a PNG, JPEG, GIF or WebP whose size can be read, as
        `newsroom check` asks: from the source when it brings a new version of it, else
        from the copy here."""
        oid = incoming.assets.get(src)
        known = state.assets.get(src)
        if oid is not None and (known is None or known.oid != oid):
            return self.images.measure(src, oid, incoming)
        target = self._inside(self.assets_dir, asset_target(src) or "")
        return target is not None and measurable(target)

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
        # For readers: words, no version (the desk has it, from content/sync/<office>.json).
        reason = (
            f"Dihapus dari sumber {self.office.name}; ditarik otomatis oleh sinkronisasi Newsroom."
        )
        hidden = self._hidden_note("Dihapus dari", version)
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
            changed = withdraw_text(copy.text, reason, _local(when, self.office))
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


class _Images:
    """Images measured before the releases naming them are taken. A blob read to be
    measured is put aside in a temporary folder (outside content/: nothing is written
    there before the mass-withdrawal guard), so it is written from there and never
    read from the source twice; memory still holds one asset at a time."""

    def __init__(self, *, keep: bool) -> None:
        self.keep = keep
        self.verdicts: dict[str, bool] = {}
        self.files: dict[str, Path] = {}  # the blobs put aside, by asset path
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def measure(self, src: str, oid: str, incoming: Incoming) -> bool:
        if src not in self.verdicts:
            for _, data in _each(incoming, {src: oid}):
                self.verdicts[src] = size_from_bytes(data[:HEAD_BYTES]) is not None
                if self.keep:
                    if self._folder is None:
                        self._folder = tempfile.TemporaryDirectory(prefix="newsroom-sync-")
                    file = Path(self._folder.name) / f"{len(self.files)}.bin"
                    file.write_bytes(data)
                    self.files[src] = file
        return self.verdicts.get(src, False)

    def close(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()


def _each(incoming: Incoming, paths: dict[str, str]) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) for `paths` (path -> blob id) in their order, each blob read once
    and handed on as it is read."""
    by_oid: dict[str, list[str]] = {}
    for path, oid in paths.items():
        by_oid.setdefault(oid, []).append(path)
    for oid, data in incoming.read(list(by_oid)):
        for path in by_oid[oid]:
            yield path, data


def _changed_assets(incoming: Incoming, state: OfficeState) -> list[str]:
    """The assets offered that are new, or changed since the last completed sync."""
    return sorted(
        p
        for p, oid in incoming.assets.items()
        if p not in state.assets or state.assets[p].oid != oid
    )


def _bytes_text(size: int) -> str:
    mib = 1024 * 1024
    return f"{size // mib} MB" if size % mib == 0 else f"{size} byte"


def _write_once(targets: list[Path], data: bytes) -> None:
    write_atomic(targets[0], data)
    for other in targets[1:]:
        link_atomic(targets[0], other)


def _differs(known: FileState | None, oid: str) -> bool:
    """Whether a release must be (re)applied: unknown, changed, or back after withdrawal."""
    return known is None or known.oid != oid or bool(known.withdrawn)


def withdraw_text(text: str, reason: str, withdrawn_at: str | None = None) -> str:
    """The release with `status: withdrawn`, the reason and (given) `withdrawn_at`;
    every other value kept (see `generator.content.frontedit`).

    Already withdrawn (by the office or an earlier sync), as YAML reads it: returned
    as it is.
    """
    meta = split(text).meta
    status = meta.items.get("status") if isinstance(meta, Map) else None
    if isinstance(status, Scalar) and status.value.strip() == "withdrawn":
        return text
    changes = {"status": "withdrawn", "withdrawn_reason": reason, "withdrawn_at": withdrawn_at}
    return edit(text, changes)


def _stamped(text: bytes, withdrawn_at: str | None) -> bytes:
    """`text` with `withdrawn_at` set in its front matter (None: as it is)."""
    if withdrawn_at is None:
        return text
    return edit(text.decode("utf-8"), {"withdrawn_at": withdrawn_at}).encode("utf-8")


def _local(instant: datetime, office: Office) -> str:
    """A time as front matter has it: the office's wall clock, to the second."""
    return instant.astimezone(office.zone.tz).strftime("%Y-%m-%d %H:%M:%S")


def draft_text(text: str, note: str) -> str:
    """The release as `status: draft` (never public), with `note` as a YAML comment
    saying why (`frontedit.has_comment` finds it again); every other value kept."""
    return edit(text, {"status": "draft", "withdrawn_reason": None}, comment=note)
