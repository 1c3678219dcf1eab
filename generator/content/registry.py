"""The office registry: `content/offices.yml` (central) or the office's own `office.yml`.

Every office entry is checked whatever else is wrong with it. An office whose entry is
invalid publishes nothing, but a stand-in made of what of it is valid lets its releases
be checked all the same, so their mistakes are shown with the office's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.content.fields import Context, field_value, parse_mapping, slugify
from generator.content.layout import OFFICE, Layout
from generator.content.limits import MAX_REGISTRY_BYTES
from generator.content.officerfile import merge_officers, officers_file, read_officers
from generator.content.problems import Problem, Report, Severity
from generator.content.repofiles import FILE_FIELD, read_yaml
from generator.content.schema import Office
from generator.content.yamlsafe import Map, Node, Scalar, Seq


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

    def copy(self) -> Registry:
        """Its own dicts (the offices in them are frozen): a caller may change them."""
        return Registry(dict(self.offices), dict(self.stand_ins), dict(self.lines))


def load_offices(layout: Layout, report: Report) -> dict[str, Office]:
    """The registry (central) or the office's own office.yml, validated: the usable offices."""
    return load_registry(layout, report).offices


def load_registry(layout: Layout, report: Report, now: datetime | None = None) -> Registry:
    """The usable offices, and stand-ins for the invalid ones; every problem reported.
    `now`: the run's instant, when it judges dates (an officer's NIP appointed ahead).

    The same files read the same: `newsroom watch` loads the registry four times a
    cycle (its checks, the sync, after it, the build), 33 ms each for 536 offices, on
    the way from a hook to the pages. So the last results are kept with the bytes they
    were made of, each handed out again (a copy, its problems reported again) while every
    one of those bytes is the same."""
    inputs = _inputs(layout)
    key = (layout.registry_file, layout.kind, _month(now))
    kept = _KEPT.get(key)
    if inputs is not None and kept is not None and kept.inputs == inputs:
        report.problems.extend(kept.problems)
        return kept.registry.copy()
    before = len(report.problems)
    registry = _parse_registry(layout, report, now)
    if inputs is not None and inputs == _inputs(layout):  # nothing changed as we read
        _KEPT.pop(key, None)
        _KEPT[key] = _Kept(inputs, registry.copy(), tuple(report.problems[before:]))
        while len(_KEPT) > KEPT_LOADS:
            del _KEPT[next(iter(_KEPT))]  # the oldest
    return registry


# The registry file's bytes, then each officers file's name and bytes.
_Inputs = tuple[bytes | None, tuple[tuple[str, bytes | None], ...]]


@dataclass(frozen=True)
class _Kept:
    inputs: _Inputs
    registry: Registry
    problems: tuple[Problem, ...]


# Two loads kept: the service's own and its sync's (no `now`), and its builds' (at the
# build's `now`, of which only the month counts: an officer appointed ahead of it).
KEPT_LOADS = 2
_KEPT: dict[tuple[Path, str, tuple[int, int] | None], _Kept] = {}


def _month(now: datetime | None) -> tuple[int, int] | None:
    return (now.year, now.month) if now is not None else None


def _inputs(layout: Layout) -> _Inputs | None:
    """Every byte a load reads: the registry file and each officers file the sync
    brought (None for one that is missing, or not a file); None when one cannot be
    read (the load says why, and nothing is kept)."""
    try:
        registry = layout.registry_file.read_bytes()
    except FileNotFoundError:
        registry = None
    except OSError:
        return None
    if layout.kind == OFFICE:
        return registry, ()
    folder = officers_file(layout.content, "x").parent
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except FileNotFoundError:
        names = []
    except OSError:
        return None
    officers: list[tuple[str, bytes | None]] = []
    for name in names:
        path = folder / name
        # What a load reads, and only that: a regular `<office>.yml` (a FIFO or a link
        # to /dev/zero there is skipped by the load, and must not be read here either).
        try:
            readable = name.endswith(".yml") and path.is_file()
            officers.append((name, path.read_bytes() if readable else None))
        except FileNotFoundError:
            officers.append((name, None))
        except OSError:
            return None
    return registry, tuple(officers)


def _parse_registry(layout: Layout, report: Report, now: datetime | None) -> Registry:
    context = Context(now=now)
    path = layout.registry_file
    registry = Registry()
    before = len(report.problems)
    node = read_yaml(path, report, MAX_REGISTRY_BYTES)
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
        office, stand_in = _parse_office(node, path, report, context)
        if office is not None:
            registry.offices[office.id] = office
        elif stand_in is not None:
            registry.stand_ins[stand_in.office.id] = stand_in
        return registry
    if not isinstance(node, Seq):
        report.add(path, node.line, FILE_FIELD, "not_a_list_file")
        return registry
    _load_central(node, layout, registry, report, context)
    return registry


def _load_central(
    node: Seq, layout: Layout, registry: Registry, report: Report, context: Context
) -> None:
    """Every entry of content/offices.yml, each with the officers the sync brought."""
    path = layout.registry_file
    lines: dict[str, int] = {}
    for item in node.items:
        office, stand_in = _parse_office(item, path, report, context)
        ident = office.id if office is not None else _written_id(item)
        if ident is None:
            continue
        if ident in lines:
            report.add(path, item.line, "id", "duplicate_office", ident, other=lines[ident])
            continue
        lines[ident] = registry.lines[ident] = item.line
        if office is not None:
            registry.offices[office.id] = _with_synced_officers(office, layout, report, context)
        elif stand_in is not None:
            registry.stand_ins[ident] = stand_in


def _with_synced_officers(
    office: Office, layout: Layout, report: Report, context: Context
) -> Office:
    """The office with the officers `newsroom sync` brought from its source (their word
    wins for an id the entry lists too)."""
    synced = read_officers(officers_file(layout.content, office.id), report, context)
    if not synced:
        return office
    return replace(office, officers=merge_officers(office.officers, synced))


def _written_id(node: Node) -> str | None:
    found = node.items.get("id") if isinstance(node, Map) else None
    return found.value.strip() or None if isinstance(found, Scalar) else None


def _parse_office(
    node: Node, path: Path, report: Report, context: Context
) -> tuple[Office | None, StandIn | None]:
    """(the office, or None when it cannot be used; else a stand-in to check its
    releases against). Every rule is checked whatever else is wrong: one mistake in an
    office never hides another."""
    before = len(report.problems)
    office = parse_mapping(Office, node, context, report, str(path))
    if not isinstance(node, Map):
        return None, None
    broken = {
        p.field.split(".")[0].split("[")[0]
        for p in report.problems[before:]
        if p.severity is Severity.ERROR
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
    # A bad contact or source is reported but does not hide the office's releases; a bad
    # officer neither (credits naming them are refused, as unknown).
    if office is not None and not broken - {"contact", "source", "officers"}:
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
        officers=field_value(Office, node, "officers", Context()) or (),
    )
    return StandIn(office, zone_guessed=province is None and level != "pusat")
