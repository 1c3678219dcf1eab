"""Each site's config is loaded without scanning every installed package for themes."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO_ROOT

# In a process of its own: the lookup kept is the process's (as in a build's workers).
PROBE = """
import sys
from mkdocs import utils
from mkdocs.config import load_config
from generator.host import atomic_mkdocs
calls = []
real = utils.entry_points
utils.entry_points = lambda **kw: calls.append(kw) or real(**kw)
def scans():
    return len(calls)
load_config(config_file=sys.argv[1])
load_config(config_file=sys.argv[1])
print(scans())  # MkDocs alone: the themes looked up again for each config
atomic_mkdocs.keep_installed_themes()
before = scans()
for _ in range(3):
    load_config(config_file=sys.argv[1])
print(scans() - before)
"""


def test_the_installed_themes_are_looked_up_once_per_process() -> None:
    config = str(REPO_ROOT / "mkdocs.yml")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, config],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=REPO_ROOT,
    )
    alone, kept = (int(line) for line in done.stdout.split())
    assert alone >= 2  # what the build avoids
    assert kept <= 1  # at most the lookup the last config's theme cleared
