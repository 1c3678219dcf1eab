"""Which activity a role on a release counts as: the (category, role) table shipped as
data (activities.yml, beside this module), with an office's own names over it
(`activities:` in its office.yml or registry entry, generator.content.schema).

The table is checked when it is read: every category and role of the vocabulary must
have a name, so a report never prints a row without one. A newsroom that edits the
file and leaves a pair out learns it at its first report, naming the pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from generator.content.schema import Office
from generator.content.vocabulary import CATEGORIES, CREDIT_ROLES
from generator.content.yamlsafe import load, to_plain

TABLE_FILE = "activities.yml"


@dataclass(frozen=True)
class ActivityTable:
    """Names by (category, role), and where they come from (printed under the totals)."""

    names: dict[tuple[str, str], str]
    source: str

    def name(self, category: str, role: str) -> str:
        return self.names[(category, role)]

    def for_office(self, office: Office) -> ActivityTable:
        """This table with the office's own names over it."""
        if not office.activities:
            return self
        names = dict(self.names)
        for entry in office.activities:  # a pair named twice: the later entry wins
            names[(entry.category, entry.role)] = entry.activity
        return ActivityTable(names, self.source)


@cache
def shipped_table() -> ActivityTable:
    """The table of activities.yml, checked whole."""
    text = resources.files("generator.report").joinpath(TABLE_FILE).read_text("utf-8")
    return parse_table(text)


def parse_table(text: str) -> ActivityTable:
    """`text` (the YAML of activities.yml) as a table; a missing pair is an error naming it."""
    node = load(text)
    data = to_plain(node) if node is not None else None
    if not isinstance(data, dict) or not isinstance(data.get("activities"), dict):
        raise ValueError(f"{TABLE_FILE}: needs `source:` and `activities:`")
    table = data["activities"]
    assert isinstance(table, dict)
    names: dict[tuple[str, str], str] = {}
    for category in CATEGORIES:
        roles = table.get(category)
        for role in CREDIT_ROLES:
            name = roles.get(role) if isinstance(roles, dict) else None
            if not isinstance(name, str) or not name.strip():
                raise ValueError(f"{TABLE_FILE}: no activity for {category} / {role}")
            names[(category, role)] = " ".join(name.split())
    return ActivityTable(names, " ".join(str(data.get("source") or "").split()))
