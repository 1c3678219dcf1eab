"""One office's assets in a sync: which changed, which wait past the run's budget,
which are refused as case twins, and writing them (each blob once, hard links for
its other names)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.content.problems import Problem, Severity
from generator.content.syncstate import OfficeState
from generator.util.fsio import link_atomic, write_atomic
from sync.limits import MAX_ASSET_BYTES_PER_SYNC, MAX_ASSETS_PER_SYNC
from sync.offer import Incoming
from sync.staging import StagedImages


@dataclass(frozen=True)
class AssetBudget:
    """What one sync may write of one office's assets. Past it, the rest are reported
    and wait: the next sync takes the next share, so an office with years of photos
    arrives over a few syncs, and a hostile one cannot fill the disk in one."""

    max_files: int = MAX_ASSETS_PER_SYNC  # asset names written (new or changed)
    max_bytes: int = MAX_ASSET_BYTES_PER_SYNC  # their bytes, each distinct blob once


DEFAULT_BUDGET = AssetBudget()


def changed_assets(incoming: Incoming, state: OfficeState) -> list[str]:
    """The assets offered that are new, or changed since the last completed sync."""
    return sorted(
        p
        for p, oid in incoming.assets.items()
        if p not in state.assets or state.assets[p].oid != oid
    )


def refuse_case_twins(
    incoming: Incoming, state: OfficeState, assets_dir: Path, label: str
) -> list[Problem]:
    """Two assets whose names differ only in case (`Foto.png`, `foto.png`) are one
    file in a checkout of the central repository on macOS or Windows: one would
    silently replace the other. The one already here (or else the first) stays;
    the other is taken out of `incoming` and refused (its path is the problem's
    value), and releases naming it with it."""
    holder: dict[str, str] = {}  # lower-cased path -> the path that has it
    if assets_dir.is_dir():
        for file in sorted(assets_dir.rglob("*")):
            if file.is_file() and not file.name.startswith("."):
                path = "assets/" + file.relative_to(assets_dir).as_posix()
                holder.setdefault(path.lower(), path)
    for path in sorted(state.assets):
        holder.setdefault(path.lower(), path)
    refused = []
    for path in sorted(incoming.assets):
        other = holder.setdefault(path.lower(), path)
        if other != path:
            del incoming.assets[path]
            where = f"{label}:{path}"
            refused.append(Problem(where, 1, "file", "asset_case_twin", path, (("other", other),)))
    return refused


def keep_to_budget(
    incoming: Incoming, state: OfficeState, budget: AssetBudget, label: str
) -> list[Problem]:
    """Take out of `incoming`, reported by name, the changed assets past the office's
    budget (in path order, so each sync takes the next share). Before the releases
    are checked: a release naming one left out waits with it, and is taken when it
    arrives. The first waiting asset is always taken, even one larger than the whole
    budget: else it would never arrive, its version never complete, and the office be
    read in full at every sync; so each sync takes one at the least."""
    files, size, counted, waiting = 0, 0, set(), []
    for path in changed_assets(incoming, state):
        oid = incoming.assets[path]
        extra = 0 if oid in counted else incoming.sizes.get(oid, 0)
        within = files < budget.max_files and size + extra <= budget.max_bytes
        if files == 0 or within:
            files, size = files + 1, size + extra
            counted.add(oid)
            continue
        del incoming.assets[path]
        params: tuple[tuple[str, str], ...]
        if files >= budget.max_files:
            code, params = "asset_count_limit", (("max", str(budget.max_files)),)
        else:
            shown = _bytes_text(budget.max_bytes)
            code, params = "asset_bytes_limit", (("max", shown), ("size", str(extra)))
        where = f"{label}:{path}"
        waiting.append(Problem(where, 1, "file", code, path, params, Severity.WARNING))
    return waiting


def _bytes_text(size: int) -> str:
    mib = 1024 * 1024
    return f"{size // mib} MB" if size % mib == 0 else f"{size} byte"


def write_assets(incoming: Incoming, wanted: dict[str, Path], staged: StagedImages) -> None:
    """Each blob written once, as it is read (memory holds one asset, however many
    there are); its other names are hard links to it, so one photo under two names,
    or a hostile office's one blob under 200, takes its bytes once. Images read
    already to be measured are taken from where they were put aside, not read again."""
    targets: dict[str, list[Path]] = {}  # blob id -> where it goes
    spilled: dict[str, Path] = {}
    for path, target in sorted(wanted.items()):
        oid = incoming.assets[path]
        targets.setdefault(oid, []).append(target)
        if path in staged.files:
            spilled.setdefault(oid, staged.files[path])
    for oid, file in spilled.items():
        _write_once(targets[oid], file.read_bytes())
    for oid, data in incoming.read([oid for oid in targets if oid not in spilled]):
        _write_once(targets[oid], data)


def _write_once(targets: list[Path], data: bytes) -> None:
    write_atomic(targets[0], data)
    for other in targets[1:]:
        link_atomic(targets[0], other)
