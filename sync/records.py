"""Reading the run records `newsroom sync` leaves in .newsroom/ (outside content/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RUNS_DIR = Path(".newsroom") / "runs"
HEALTH_FILE = Path(".newsroom") / "health.json"


def latest_run(root: Path) -> dict[str, Any]:
    """The newest run record, or {} when there has been no sync here."""
    runs = sorted((root / RUNS_DIR).glob("*.json"))
    for path in reversed(runs):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(record, dict):
            return record
    return {}


def new_in_last_sync(root: Path) -> set[str]:
    """Release ids that arrived (new) in the latest sync."""
    offices = latest_run(root).get("offices", {})
    return {rid for entry in offices.values() for rid in entry.get("new", [])}


def health(root: Path) -> dict[str, dict[str, Any]]:
    """Per office: last run, last success, last error, duration."""
    try:
        data = json.loads((root / HEALTH_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
