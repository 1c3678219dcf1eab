"""The service imports the plugins once, so the workers it forks do not each time."""

from __future__ import annotations

import subprocess
import sys

# What a desk build imports through its plugins, and nothing else does before it.
PROBE = """
import sys
import generator.service.loop
from generator.host.configs import import_plugins
names = ("generator.host.deskplugin", "generator.desk.pages", "material.plugins.search.plugin")
print(sorted(n for n in names if n in sys.modules))
import_plugins()
print(sorted(n for n in names if n in sys.modules))
"""


def test_import_plugins_imports_the_desk_and_search_plugins_before_any_build() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    before, after = done.stdout.splitlines()
    assert before == "[]"  # the service's own imports leave them to the first build
    assert after == str(
        ["generator.desk.pages", "generator.host.deskplugin", "material.plugins.search.plugin"]
    )
