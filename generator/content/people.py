"""The parsers behind officers and credits: a NIP checked part by part, an office's
officer list (each id once), and a release's `credits` (roles of the vocabulary, each
naming officers of the release's own office by id).

A NIP (Nomor Induk Pegawai) is 18 digits: the birth date (yyyymmdd), the month the
officer became a civil servant (TMT CPNS, yyyymm), the sex (1 or 2) and a serial
number (3 digits). Each part is checked on its own and a mistake names the part and
its digits, so a writer sees which of the 18 to look at (the whole NIP is never
repeated: problems reach run records and the desk). It is personal data: kept for the
officer's own report, never published (its field is left out of every repr).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.content.fields import (
    SLUG_RE,
    Composite,
    Context,
    NestedList,
    _shown,
    slugify,
)
from generator.content.problems import ProblemError, Report
from generator.content.vocabulary import CREDIT_ROLES
from generator.content.yamlsafe import Map, Node, Scalar, Seq

NIP_LENGTH = 18
FIRST_BIRTH_YEAR = 1940  # no serving officer was born earlier
MIN_AGE = 18  # no one becomes a civil servant younger (UU ASN: 18 at the least)
MAX_CREDITED = 20  # people in one role of one release


@dataclass(frozen=True)
class Nip:
    """A NIP: 18 digits (spaces between its parts are allowed and dropped)."""

    def __call__(self, node: Node, context: Context) -> str:
        if not isinstance(node, Scalar):
            raise ProblemError("not_text")
        written = node.value.strip()
        digits = re.sub(r"[ .]", "", written)
        if not re.fullmatch(r"[0-9]+", digits) or len(digits) != NIP_LENGTH:
            raise ProblemError("nip_length", None, length=len(digits))
        birth = _birth_date(digits[:8])
        if birth is None:
            raise ProblemError("nip_birth", None, part=digits[:8])
        if birth.year < FIRST_BIRTH_YEAR:
            raise ProblemError("nip_birth_year", None, part=digits[:8])
        year, month = int(digits[8:12]), int(digits[12:14])
        if not 1 <= month <= 12:
            raise ProblemError("nip_appointment", None, part=digits[8:14])
        if (year, month) < (birth.year + MIN_AGE, birth.month):
            raise ProblemError("nip_appointment_young", None, part=digits[8:14], age=str(MIN_AGE))
        now = context.now
        if now is not None and (year, month) > (now.year, now.month):
            raise ProblemError("nip_appointment_ahead", None, part=digits[8:14], now=f"{now:%Y-%m}")
        if digits[14] not in "12":
            raise ProblemError("nip_sex", None, part=digits[14])
        if digits[15:] == "000":
            raise ProblemError("nip_serial", None, part=digits[15:])
        return digits


def _birth_date(digits: str) -> date | None:
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


@dataclass(frozen=True)
class OfficerList(NestedList):
    """An office's officers: each parsed as its schema says, each id listed once."""

    def parse_into(
        self,
        node: Node,
        context: Context,
        report: Report,
        path: str,
        name: str,
        key_line: int | None = None,
    ) -> tuple[Any, ...]:
        officers = super().parse_into(node, context, report, path, name, key_line)
        items = node.items if isinstance(node, Seq) else []
        first: dict[str, int] = {}
        for index, item in enumerate(items, start=1):
            ident = _written(item, "id")
            if ident is None:
                continue
            line = item.key_lines.get("id", item.line) if isinstance(item, Map) else item.line
            if ident in first:
                field = f"{name}[{index}].id"
                report.add(path, line, field, "officer_twice", ident, other=first[ident])
            else:
                first[ident] = line
        kept: dict[str, Any] = {}
        for officer in officers:
            kept.setdefault(officer.id, officer)  # the first of twins; the other is an error
        return tuple(kept.values())


def _written(node: Node, key: str) -> str | None:
    found = node.items.get(key) if isinstance(node, Map) else None
    return found.value.strip() or None if isinstance(found, Scalar) else None


@dataclass(frozen=True)
class Credits(Composite):
    """`credits: {penulis: [lisa], foto: [ari]}`: who did what, by officer id. Roles
    come from the vocabulary; ids must be officers of the release's own office
    (`Context.officers`). Parsed into (role, ids) pairs in the vocabulary's order."""

    def parse_into(
        self,
        node: Node,
        context: Context,
        report: Report,
        path: str,
        name: str,
        key_line: int | None = None,
    ) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
        if not isinstance(node, Map):
            roles = ", ".join(CREDIT_ROLES)
            report.add(path, node.line, name, "credits_not_mapping", _shown(node), roles=roles)
            return None
        found: dict[str, tuple[str, ...]] = {}
        for role, value in node.items.items():
            line = node.key_lines.get(role, value.line)
            if role not in CREDIT_ROLES:
                roles = ", ".join(CREDIT_ROLES)
                report.add(path, line, f"{name}.{role}", "unknown_role", role, roles=roles)
                continue
            ids = _role_ids(value, context, report, path, f"{name}.{role}", line)
            if ids:
                found[role] = ids
        return tuple((role, found[role]) for role in CREDIT_ROLES if role in found)


def _role_ids(
    node: Node, context: Context, report: Report, path: str, name: str, line: int
) -> tuple[str, ...]:
    """The officer ids of one role, each problem reported on its own line."""
    items = node.items if isinstance(node, Seq) else [node]
    if len(items) > MAX_CREDITED:
        report.add(path, line, name, "too_many", None, count=len(items), max=MAX_CREDITED)
        return ()
    ids: list[str] = []
    known = ", ".join(context.officers)
    for item in items:
        where = item.line if item.line else line
        if not isinstance(item, Scalar):
            report.add(path, where, name, "not_text")
            continue
        ident = item.value.strip()
        if not ident:
            continue
        if not SLUG_RE.match(ident):
            report.add(path, where, name, "bad_id", item.value, suggestion=slugify(ident) or "lisa")
        elif ident in ids:
            report.add(path, where, name, "credited_twice", ident)
        elif ident not in context.officers:
            code = "unknown_officer" if context.officers else "no_officers"
            report.add(path, where, name, code, ident, known=known)
        else:
            ids.append(ident)
    return tuple(ids)
