"""The floor plan holds: imports follow the data, and no room grows too big.

The layers of `generator`, lowest first (ARCHITECTURE.md): util, content, public,
report, desk, host, service, cli. A module imports its own layer or lower ones, never
higher, so there is no cycle between sub-packages. `sync` depends on the content model only;
nothing in `generator` imports `sync` but the code that runs it: the CLI and the
resident service (`newsroom watch` syncs the offices itself, in its own process).
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

LAYERS = ["util", "content", "public", "report", "desk", "host", "service", "cli"]
# The layers that run a sync: `newsroom sync`, and `newsroom watch`'s service, which
# syncs an office when its hook arrives and builds in the same process.
SYNC_RUNNERS = {"cli", "service"}
SYNC_MAY_IMPORT = {"util", "content"}
MAX_LINES = 600
# The catalog is long because it holds every message twice (Indonesian and English).
TOO_LONG_ALLOWED = {"generator/content/messages.py"}


def python_files() -> Iterator[Path]:
    for top in ("generator", "sync"):
        yield from sorted((REPO_ROOT / top).rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, here: str) -> Iterator[tuple[int, str]]:
    """Every module `path` (module `here`) imports, at its top or inside functions, by line."""
    package = here.rsplit(".", 1)[0] if path.name != "__init__.py" else here
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                base = ".".join(anchor[: len(anchor) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                # `from generator import content` imports the sub-package itself;
                # `from generator import __version__` only the package's top.
                sub = base == "sync" or (base == "generator" and alias.name in LAYERS)
                yield node.lineno, f"{base}.{alias.name}" if sub else base


def layer_of(module: str) -> str | None:
    """The layer of a `generator.*` module; None for the package's own top level."""
    parts = module.split(".")
    if parts[0] != "generator" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in LAYERS else None


def upward_imports() -> list[str]:
    found = []
    for path in python_files():
        here = module_name(path)
        for line, target in imported_modules(path, here):
            where = f"{path.relative_to(REPO_ROOT)}:{line} imports {target}"
            if here.startswith("sync"):
                if target.startswith("generator") and layer_of(target) not in SYNC_MAY_IMPORT:
                    found.append(where)
                continue
            if target.split(".")[0] == "sync" and layer_of(here) not in SYNC_RUNNERS:
                found.append(where)
            mine, theirs = layer_of(here), layer_of(target)
            if mine is None or theirs is None:
                continue
            if LAYERS.index(theirs) > LAYERS.index(mine):
                found.append(where)
    return found


def test_imports_only_go_down_the_layers() -> None:
    assert upward_imports() == []


def test_the_layer_check_sees_an_upward_import(tmp_path: Path) -> None:
    """The walk finds imports inside functions and relative ones too."""
    source = tmp_path / "x.py"
    source.write_text(
        "from generator.content import schema\n"
        "def f():\n    from generator.host import plugin\n"
        "from ..public import views\n"
    )
    found = [target for _, target in imported_modules(source, "generator.desk.x")]
    assert sorted(found) == ["generator.content", "generator.host", "generator.public"]


def test_generator_has_only_its_layers_at_the_top() -> None:
    """The tree reads as the data flow: a handful of modules at most beside the layers."""
    top = sorted(p.name for p in (REPO_ROOT / "generator").glob("*.py"))
    assert top == ["__init__.py"]
    folders = {p.parent.name for p in (REPO_ROOT / "generator").glob("*/__init__.py")}
    assert folders == set(LAYERS)


@pytest.mark.parametrize("path", list(python_files()), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_no_module_is_too_long(path: Path) -> None:
    name = path.relative_to(REPO_ROOT).as_posix()
    if name not in TOO_LONG_ALLOWED:
        assert len(path.read_text().splitlines()) <= MAX_LINES, f"split {name} by concern"


@pytest.mark.parametrize("path", list(python_files()), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_every_module_says_what_it_is_for(path: Path) -> None:
    assert ast.get_docstring(ast.parse(path.read_text())), f"{path} needs a docstring"


CLOCK = re.compile(r"\bdatetime\.now\(|\btime\.time\(|\bclock\.now\(|\bdate\.today\(")
# Reading a variable; handing the environment on to a child process (git) is not reading it.
ENVIRONMENT = re.compile(r"os\.environ(\.get\(|\[|\.pop\(|\.setdefault\()|os\.getenv\(")
# Commands take `now` and read the environment; below them, values are passed down.
# A plain `mkdocs build` enters through the plugin, which is a command of its own.
ENTRY_POINTS = {"generator/host/plugins.py"}


def below_the_commands() -> Iterator[Path]:
    for path in python_files():
        name = path.relative_to(REPO_ROOT).as_posix()
        if not name.startswith("generator/cli/") and name not in ENTRY_POINTS:
            yield path


# The resident service runs for days, so it cannot take one `now`: `newsroom watch`
# hands it one clock object (generator/service/clock.py, made from the system clock or
# a test's), and `clock.now()` there reads that object, never the system clock itself.
SYSTEM_CLOCK = re.compile(r"\bdatetime\.now\(|\btime\.time\(|\bdate\.today\(")
INJECTED_CLOCK_IN = "generator/service/"


def _reads_clock(name: str, code: str) -> bool:
    pattern = SYSTEM_CLOCK if name.startswith(INJECTED_CLOCK_IN) else CLOCK
    return bool(pattern.search(code))


def test_nothing_below_the_commands_reads_the_clock_or_the_environment() -> None:
    found = []
    for path in below_the_commands():
        name = path.relative_to(REPO_ROOT).as_posix()
        for number, line in enumerate(path.read_text().splitlines(), 1):
            code = line.split("#", 1)[0]
            if _reads_clock(name, code) or ENVIRONMENT.search(code):
                found.append(f"{path.relative_to(REPO_ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_every_package_is_shipped_in_the_wheel() -> None:
    """A sub-package missing from pyproject's list works here and breaks `pip install`."""
    listed = set(
        tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    present = {module_name(init) for init in python_files() if init.name == "__init__.py"}
    assert present <= listed


def test_the_floor_plan_names_every_module() -> None:
    """ARCHITECTURE.md's tree stays true when a module is added or renamed."""
    plan = (REPO_ROOT / "ARCHITECTURE.md").read_text()
    tree = plan[plan.index("## The tree") : plan.index("## The rules")]
    words = set(re.findall(r"[a-z_]+", tree))
    missing = [
        str(path.relative_to(REPO_ROOT))
        for path in python_files()
        if path.stem != "__init__" and path.stem not in words
    ]
    assert missing == []
