"""`newsroom sync`: every office with a source, in parallel, one failure never
stopping the others; a table of what changed, and run records for the desk."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.content.dates import iso
from generator.content.messages import LANGUAGES, cli_text
from generator.content.problems import Problem, Report, quote, utf8_safe
from generator.content.repository import CENTRAL, Layout, load_registry
from generator.content.runlock import Busy, hold
from generator.content.runrecords import (
    HEALTH_FILE,
    PENDING_DIR,
    RUNS_DIR,
    Changes,
    forget_reported,
    latest_run,
    merge,
    note_unreported,
    unreported,
)
from generator.content.schema import Office
from generator.content.syncstate import OfficeState, load_state, save_state
from generator.util.fsio import remove_stale_temps, write_atomic
from sync.apply import OfficeResult, OfficeSync
from sync.assets import DEFAULT_BUDGET, AssetBudget
from sync.failures import SourceError, SourceFailure
from sync.http import DEFAULT_LIMITS, Limits
from sync.offer import Incoming
from sync.sources import open_source
from sync.sources.base import Reading


class SyncUsageError(Exception):
    """The sync cannot start: not the central repository, unknown office, another sync.
    `code` names its wording in `generator.content.messages.CLI`, filled from `params` (and
    `{problems}` from `problems`, one per line)."""

    def __init__(self, code: str, problems: list[Problem] | None = None, **params: object) -> None:
        self.code, self.problems, self.params = code, problems or [], params
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        listed = "\n".join(p.format(lang) for p in self.problems)
        return cli_text(self.code, lang, {**self.params, "problems": listed})


@dataclass
class Options:
    # The run's one clock, taken by the command (its `--now`, or the time it started):
    # dates ahead, withdrawals, copies and the run's record all read this one value.
    now: datetime = field(kw_only=True)
    offices: list[str] = field(default_factory=list)
    dry_run: bool = False
    jobs: int = 8
    allow_mass_withdraw: bool = False
    limits: Limits = DEFAULT_LIMITS
    assets: AssetBudget = DEFAULT_BUDGET
    # A program printing the password git asks for (the command reads NEWSROOM_GIT_ASKPASS).
    git_askpass: str = ""
    # Seconds to wait for the repository's run lock (a build, `newsroom watch`) before
    # refusing; `waiting` is told who holds it when the wait begins.
    wait: float = 0.0
    waiting: Callable[[str], None] | None = None


def sync(
    layout: Layout, options: Options, progress: Callable[[OfficeResult], None] | None = None
) -> list[OfficeResult]:
    if layout.kind != CENTRAL:
        raise SyncUsageError("sync_central_only")
    registry = Report()
    loaded = load_registry(layout, registry)
    offices = loaded.offices
    # A secret in one office's source address holds back that office alone (its source
    # is dropped: nothing is fetched with it); the others still sync.
    held = {loaded.office_at(p.line) for p in registry.errors if p.code in _OFFICE_ONLY}
    blocking = [p for p in registry.errors if p.code not in _OFFICE_ONLY]
    if blocking:
        # A wrong registry could point an office at the wrong source or namespace.
        raise SyncUsageError("registry_errors", problems=blocking)
    chosen = _choose(offices, options.offices, {name for name in held if name})
    with _run_lock(layout.root, options):
        run = uuid.uuid4().hex
        if not options.dry_run:
            remove_stale_temps(layout.content / "sync")
            remove_stale_temps(layout.root / PENDING_DIR)
            # A run killed between its record and forgetting its notes: forget them now.
            forget_reported(layout.root, latest_run(layout.root))
        with ThreadPoolExecutor(max(1, options.jobs)) as pool:
            futures = [pool.submit(_sync_office, layout, office, options, run) for office in chosen]
            results = []
            for future in as_completed(futures):
                result = future.result()
                results.append(result)
                if progress:
                    progress(result)
        results.sort(key=lambda r: r.office)
        if not options.dry_run:
            forget_reported(layout.root, _record(layout.root, results, run, options.now))
    return results


# Registry errors that concern one office only: that office fails, the run goes on.
_OFFICE_ONLY = frozenset({"source_credential"})


def _choose(offices: dict[str, Office], wanted: list[str], held: set[str]) -> list[Office]:
    """The offices to sync: `wanted` (all by default) with a source, or `held` back by
    a registry error of their own (they fail, named, instead of vanishing)."""
    unknown = [name for name in wanted if name not in offices]
    if unknown:
        listed, known = ", ".join(map(quote, unknown)), ", ".join(sorted(offices))
        raise SyncUsageError("unknown_offices", names=listed, known=known)
    sourceless = [n for n in wanted if offices[n].source is None and n not in held]
    if sourceless:
        # Named on purpose: syncing nothing and saying all is well would hide the mistake.
        raise SyncUsageError(
            "office_no_source",
            office=", ".join(map(quote, sourceless)),
            known=", ".join(n for n in sorted(offices) if offices[n].source) or "-",
        )
    names = wanted or sorted(offices)
    return [offices[n] for n in names if offices[n].source is not None or n in held]


@contextmanager
def _run_lock(root: Path, options: Options) -> Iterator[None]:
    """One sync at a time, and never beside a build or `newsroom watch` (one lock for
    all of them, generator.content.runlock): then any git lock file left in our caches
    is stale, and no build reads content/ half written."""
    try:
        with hold(root, "newsroom sync", wait=options.wait, waiting=options.waiting):
            yield
    except Busy as busy:
        raise SyncUsageError(
            "run_locked", holder=busy.holder or "-", seconds=f"{options.wait:g}"
        ) from None


def _sync_office(layout: Layout, office: Office, options: Options, run: str) -> OfficeResult:
    start = time.monotonic()
    if not options.dry_run:  # a sync killed mid-write leaves temp files; we hold the lock
        for folder in ("releases", "assets"):
            remove_stale_temps(layout.content / folder / office.id)
    try:
        result = _apply(layout, office, options, run)
    except SourceFailure as failure:
        # The error in English words for logs and records (as any other), and as a
        # problem with its fix, which the table shows in the reader's language.
        words = {lang: failure.text(lang) for lang in LANGUAGES}
        problems = [failure.problem(office.id)]
        result = OfficeResult(office.id, error=str(failure), error_words=words, problems=problems)
    except SourceError as error:  # its words only (git's own, say): no problem to name
        words = {lang: error.text(lang) for lang in LANGUAGES}
        result = OfficeResult(office.id, error=str(error), error_words=words)
    except OSError as error:
        result = OfficeResult(office.id, error=str(error))
    except Exception as error:  # one broken office must never stop the others
        result = OfficeResult(office.id, error=f"{type(error).__name__}: {error}")
    if result.error is not None and result.error != "mass_withdraw":
        # The source was not read: what it refused before is, as far as we know, still
        # refused, and stays listed.
        still = _still_refused(office.id, load_state(layout.content, office.id))
        result.rejected, result.problems = still.rejected, still.problems + result.problems
    result.seconds = time.monotonic() - start
    return result


def _apply(layout: Layout, office: Office, options: Options, run: str) -> OfficeResult:
    state = load_state(layout.content, office.id)
    before = state.commit
    incoming = _incoming(layout, office, state, options)
    if incoming is None:  # nothing new upstream: what it refused is still refused
        result = _still_refused(office.id, state)
    else:
        syncer = OfficeSync(
            layout.content,
            office,
            office.id,
            dry_run=options.dry_run,
            allow_mass=options.allow_mass_withdraw,
            now=options.now,
            budget=options.assets,
        )
        result = syncer.apply(incoming, state)
        state.refused = list(result.rejected)
        state.problems = [p for p in result.problems if p.code not in _THIS_RUN_ONLY]
        if state.commit != incoming.version:
            # Not all of it taken (assets wait for the next sync): no conditional GET
            # then, or a feed's 304 would keep them waiting until the office's next change.
            state.etag = state.last_modified = ""
    if result.ok and not options.dry_run:
        _save(layout, state, before, result, run, moved=incoming is not None)
    return result


# What one run alone says: the next run decides again (the assets past the budget wait
# for it, a mass withdrawal stops the office before anything is saved).
_THIS_RUN_ONLY = frozenset({"asset_count_limit", "asset_bytes_limit", "mass_withdraw"})


def _still_refused(office_id: str, state: OfficeState) -> OfficeResult:
    """The refusals open at the office's synced version, reported again."""
    return OfficeResult(office_id, rejected=list(state.refused), problems=list(state.problems))


def _save(
    layout: Layout, state: OfficeState, before: str, result: OfficeResult, run: str, *, moved: bool
) -> None:
    """Note what the office's sync brought, then save its state: last, as it marks the
    work done. Wherever a kill lands, the next run reports what this one brought."""
    carried = unreported(layout.root, result.office, before)
    brought = merge(carried, _changes(result))
    result.new, result.updated, result.withdrawn = (
        brought["new"],
        brought["updated"],
        brought["withdrawn"],
    )
    note_unreported(layout.root, result.office, run, {before: carried, state.commit: brought})
    if moved:
        save_state(layout.content, result.office, state)


def _changes(result: OfficeResult) -> Changes:
    return {"new": result.new, "updated": result.updated, "withdrawn": result.withdrawn}


def _incoming(
    layout: Layout, office: Office, state: OfficeState, options: Options
) -> Incoming | None:
    if office.source is None:
        # Only an office held back by a secret in its address gets here (_choose): the
        # registry check dropped that address, so nothing is ever fetched with it.
        raise SourceFailure("source_credential")
    reading = Reading(layout.root, office, options.limits, options.git_askpass)
    source = open_source(office.source, reading)
    return source.read(state)


def _record(root: Path, results: list[OfficeResult], run: str, now: datetime) -> dict[str, Any]:
    """Run records for the desk's office-health view, outside content/ (ignored by git),
    stamped with the run's one `now`. `finished` keeps its name (older records and the
    desk read it) but is that instant, the run's start: a run writes one time
    everywhere, so what it brought and when it says it ran always agree."""
    record = {
        "run": run,
        "finished": iso(now),
        "offices": {r.office: _safe_record(r) for r in results},
    }
    data = json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8")
    # Named by when it finished. Runs with one pinned clock (--now) share that name: each
    # still gets its own record, named to sort after the others (its time then comes from
    # `finished`, generator.content.runrecords reads it there when the name gives none).
    stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
    name, count = f"{stamp}.json", 1
    while (root / RUNS_DIR / name).exists():
        count += 1
        name = f"{stamp}~{count:04d}.json"
    write_atomic(root / RUNS_DIR / name, data)
    _update_health(root, record)
    return record


def _safe_record(result: OfficeResult) -> dict[str, Any]:
    """The office's entry, made and encoded on its own: whatever one office's data holds
    (a name whose bytes no text can carry), it can never keep the others' records, or
    health.json, from being written."""
    try:
        entry: dict[str, Any] = _printable(_office_record(result))
        json.dumps(entry, ensure_ascii=False).encode("utf-8")
    except Exception as error:  # the office's own data: never the other offices' records
        return {
            **_office_record(OfficeResult(result.office, seconds=result.seconds)),
            "ok": False,
            "error": f"the record of this office could not be written ({type(error).__name__})",
        }
    return entry


def _printable(value: Any) -> Any:
    """`value` with every text encodable as UTF-8: bytes a source's name kept as
    surrogates are shown as `\\xff` escapes, as problems show them."""
    if isinstance(value, str):
        return utf8_safe(value)
    if isinstance(value, list):
        return [_printable(item) for item in value]
    if isinstance(value, dict):
        return {key: _printable(item) for key, item in value.items()}
    return value


def _office_record(result: OfficeResult) -> dict[str, Any]:
    return {
        "ok": result.ok,
        "error": result.error,
        "error_id": result.error_in("id"),
        "seconds": round(result.seconds, 3),
        "new": result.new,
        "updated": result.updated,
        "withdrawn": result.withdrawn,
        "rejected": result.rejected,
        # English for operators' logs and tools, Indonesian for the editors' desk.
        "problems": [p.format("en") for p in result.problems],
        "problems_id": [p.format("id") for p in result.problems],
    }


def _update_health(root: Path, record: dict[str, Any]) -> None:
    health_path = root / HEALTH_FILE
    try:
        health = json.loads(health_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        health = {}
    for office, entry in record["offices"].items():
        previous = health.get(office, {})
        health[office] = {
            "last_run": record["finished"],
            "last_success": record["finished"] if entry["ok"] else previous.get("last_success"),
            "last_error": entry["error"] or None,
            "last_error_id": entry.get("error_id") or None,
            "seconds": entry["seconds"],
        }
    write_atomic(health_path, json.dumps(health, indent=1, sort_keys=True).encode("utf-8"))
