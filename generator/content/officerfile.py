"""The officers `newsroom sync` brought from an office's source, kept in the central
repository at `content/officers/<office>.yml` (the office's namespace, as its releases
and assets are): a YAML list shaped like `officers:` in office.yml.

The registry adds them to the office's entry in `content/offices.yml` (the office's
own word wins for an id both list). Nothing is lost: an officer an office no longer
lists stays, for the releases already synced that credit them. The file holds NIPs
(for the officer's own report) and is never published.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.content.fields import Context
from generator.content.limits import MAX_REGISTRY_BYTES
from generator.content.problems import ProblemError, Report
from generator.content.repofiles import FILE_FIELD, read_yaml
from generator.content.schema import OFFICER_LIST, Officer

OFFICERS_DIR = "officers"  # under content/

HEADER = (
    "# Petugas kantor ini, disalin oleh `newsroom sync` dari office.yml atau umpan kantor.\n"
    "# Jangan diubah di sini: ubah di repositori kantor. NIP tidak pernah diterbitkan.\n"
)


def officers_file(content: Path, office_id: str) -> Path:
    return content / OFFICERS_DIR / f"{office_id}.yml"


def read_officers(path: Path, report: Report, context: Context) -> tuple[Officer, ...]:
    """The officers the file lists (none when it is missing), problems reported."""
    if not path.is_file():
        return ()
    node = read_yaml(path, report, MAX_REGISTRY_BYTES)
    if node is None:
        return ()
    try:
        found: tuple[Officer, ...] = OFFICER_LIST.parse_into(
            node, context, report, str(path), FILE_FIELD
        )
    except ProblemError as error:  # not a list
        report.add_error(path, FILE_FIELD, error, node.line)
        return ()
    return found


def merge_officers(first: tuple[Officer, ...], then: tuple[Officer, ...]) -> tuple[Officer, ...]:
    """`first`, each replaced by the officer of `then` with its id, then the rest of
    `then`: the later list's word wins, and nobody is dropped."""
    later = {officer.id: officer for officer in then}
    merged = [later.pop(officer.id, officer) for officer in first]
    return (*merged, *later.values())


def officers_text(officers: tuple[Officer, ...]) -> str:
    """The file's text: one flow mapping a line, every value a JSON string (which YAML
    reads as the same text)."""
    lines = [HEADER]
    for officer in officers:
        fields = {"id": officer.id, "name": officer.name}
        if officer.nip:
            fields["nip"] = officer.nip
        if officer.position:
            fields["position"] = officer.position
        shown = ", ".join(
            f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()
        )
        lines.append(f"- {{{shown}}}\n")
    return "".join(lines)
