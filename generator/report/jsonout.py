"""The reports as JSON (keys sorted, UTF-8, two-space indent), for other tools: the same
figures as the other forms, dates with their UTC offset and the office's zone."""

from __future__ import annotations

import json
from typing import Any

from generator.content.dates import iso
from generator.report.officers import OfficersReport, Row, spaced_nip
from generator.report.offices import OfficesReport


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _period(report: OfficersReport | OfficesReport) -> dict[str, str]:
    return {"from": report.period.first.isoformat(), "to": report.period.last.isoformat()}


def _row(row: Row) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": row.release_id,
        "date": row.date.isoformat(),
        "zone": row.zone,
        "title": row.title,
        "category": row.category,
        "role": row.role,
        "activity": row.activity,
        "words": row.words,
        "photos": row.photos,
        "url": row.url,
    }
    if row.withdrawn_reason is not None:
        found["withdrawn_reason"] = row.withdrawn_reason
    return found


def officers_json(report: OfficersReport) -> str:
    officers = []
    for one in report.officers:
        officer = one.officer
        officers.append(
            {
                "office": {"id": one.office.id, "name": one.office.name},
                "officer": {
                    "id": officer.id,
                    "name": officer.name,
                    "nip": spaced_nip(officer.nip) if officer.nip else None,
                    "position": officer.position,
                },
                "releases": [_row(row) for row in one.rows],
                "withdrawn": [_row(row) for row in one.withdrawn],
                "totals": [
                    {
                        "activity": t.activity,
                        "releases": t.releases,
                        "words": t.words,
                        "photos": t.photos,
                    }
                    for t in one.totals
                ],
                "released": one.releases,
            }
        )
    return _dump(
        {
            "report": "officers",
            "period": _period(report),
            "now": iso(report.now),
            "activity_source": report.source,
            "officers": officers,
        }
    )


def offices_json(report: OfficesReport) -> str:
    offices = [
        {
            "id": row.office_id,
            "name": row.office_name,
            "level": row.level,
            "zone": row.zone,
            "releases": row.total,
            "withdrawn": row.withdrawn,
            "clarifications": row.clarifications,
            "regulations": row.regulations,
            "national": row.national,
            "national_percent": row.national_percent,
            "national_kind": row.national_kind,
            "last_release": row.last_release,
            "days_since_last_release": row.days_since,
            "by_category": dict(row.by_category),
            "months": {m.month: dict(m.counts) for m in row.months},
        }
        for row in report.rows
    ]
    return _dump(
        {"report": "offices", "period": _period(report), "now": iso(report.now), "offices": offices}
    )
