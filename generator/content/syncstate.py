"""What was synced last, per office: `content/sync/<office>.json`.

It lives in content/ so it is reviewed and committed with the releases it
describes, and it is written last and atomically, after the releases, so an
interrupted sync simply re-reads what it had not yet recorded. It holds no
times: a sync that finds nothing new leaves every file byte for byte as it was.
"""

from __future__ import annotations

import json
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from generator.content.messages import CATALOG
from generator.content.problems import Problem, Severity, utf8_safe
from generator.content.sourceurl import origin_url, public_source
from generator.util.fsio import write_if_changed


@dataclass
class FileState:
    oid: str  # git blob id, or the sha256 of the bytes for feed sources
    commit: str = ""  # the version it was last read at: its provenance, kept once withdrawn
    withdrawn: str = ""  # the version it was gone from, when the sync withdrew it
    # A release's status as last applied (draft | published | withdrawn), so that what
    # a sync takes from the public is decided against the last completed sync, not
    # against files a killed run already wrote. Empty: not known (assets; old states).
    status: str = ""
    # The address of the page it was copied from (a feed item's `url`, checked by
    # `origin_url`): its canonical address on our sites. Empty: none (git sources).
    origin: str = ""
    # When this version was copied here (ISO 8601 with offset), for readers: a time
    # only changes with the file, so a sync that brings nothing new writes nothing.
    copied: str = ""

    def as_json(self) -> dict[str, str]:
        # Only what is set: state files written before a field existed stay as they were.
        data = {"oid": self.oid, "commit": self.commit}
        for name in ("withdrawn", "status", "origin", "copied"):
            if getattr(self, name):
                data[name] = getattr(self, name)
        return data


@dataclass
class OfficeState:
    source: str = ""  # public URL (never with credentials)
    branch: str = ""
    commit: str = ""
    etag: str = ""
    last_modified: str = ""
    # "releases/2026/x.md"; withdrawn ones stay, so their pages keep their provenance
    releases: dict[str, FileState] = field(default_factory=dict)
    assets: dict[str, FileState] = field(default_factory=dict)  # "assets/foto.jpg"
    # The refusals still open at `commit`: the files refused (paths, a feed's item ids)
    # and what the sync said of that version. A sync that brings nothing new reports
    # them again; the next version upstream decides them anew (fixed, removed: gone).
    refused: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def state_path(content: Path, office_id: str) -> Path:
    return content / "sync" / f"{office_id}.json"


def load_state(content: Path, office_id: str) -> OfficeState:
    """The recorded state, or an empty one if missing or unreadable (a full re-read)."""
    try:
        raw = json.loads(state_path(content, office_id).read_text(encoding="utf-8"))
        return OfficeState(
            # Public pages show it: never a path of this server, even from an old state.
            source=public_source(str(raw.get("source", ""))),
            branch=str(raw.get("branch", "")),
            commit=str(raw.get("commit", "")),
            etag=str(raw.get("etag", "")),
            last_modified=str(raw.get("last_modified", "")),
            releases={k: _file_state(v) for k, v in raw.get("releases", {}).items()},
            assets={k: FileState(**v) for k, v in raw.get("assets", {}).items()},
            refused=[str(path) for path in raw.get("refused", [])],
            problems=_problems(raw.get("problems", [])),
        )
    except (OSError, ValueError, TypeError, AttributeError):
        return OfficeState()


def _file_state(raw: dict[str, str]) -> FileState:
    # content/ is edited by hand too: an origin that is not fit to publish is dropped.
    found = FileState(**raw)
    if found.origin and origin_url(found.origin) is None:
        found.origin = ""
    return found


def _problems(raw: list[Any]) -> list[Problem]:
    """The problems a state kept; one edited by hand into something no message can say
    (an unknown code, a missing field) is left out, never the whole state."""
    found = []
    for entry in raw:
        with suppress(KeyError, ValueError, TypeError, AttributeError):
            if entry["code"] in CATALOG:
                found.append(_problem(entry))
    return found


def _problem(raw: dict[str, Any]) -> Problem:
    params = tuple((str(k), str(v)) for k, v in raw.get("params", []))
    value = raw.get("value")
    return Problem(
        str(raw["path"]),
        int(raw["line"]),
        str(raw["field"]),
        str(raw["code"]),
        None if value is None else str(value),
        params,
        Severity(raw.get("severity", "error")),
    )


def _problem_json(problem: Problem) -> dict[str, Any]:
    # As data, not words: shown again in the reader's language. Text only as UTF-8 can
    # hold it (a name's bad bytes as `\xff` escapes, as the problem shows them).
    data: dict[str, Any] = {
        "path": utf8_safe(problem.path),
        "line": problem.line,
        "field": utf8_safe(problem.field),
        "code": problem.code,
        "value": None if problem.value is None else utf8_safe(problem.value),
        "params": [[utf8_safe(k), utf8_safe(v)] for k, v in problem.params],
    }
    if problem.severity is not Severity.ERROR:
        data["severity"] = str(problem.severity)
    return data


def save_state(content: Path, office_id: str, state: OfficeState) -> bool:
    raw = asdict(state)
    raw["releases"] = {k: v.as_json() for k, v in state.releases.items()}
    raw["assets"] = {k: v.as_json() for k, v in state.assets.items()}
    # Only when there are any: a state written before they existed stays as it was.
    raw["refused"] = [utf8_safe(path) for path in state.refused]
    raw["problems"] = [_problem_json(problem) for problem in state.problems]
    for key in ("refused", "problems"):
        if not raw[key]:
            del raw[key]
    data = json.dumps(raw, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return write_if_changed(state_path(content, office_id), data.encode("utf-8"))
