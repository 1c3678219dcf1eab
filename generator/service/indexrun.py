"""The process `newsroom watch` makes its search indexes in (generator.service.indexer):
`python -m generator.service.indexrun`, the job read as JSON on stdin, what came of it
written as JSON on stdout, Pagefind's warnings on stderr (the service's journal).

A process of its own, not a fork of the service: it inherits none of the service's
threads' locks, open files (the run lock, the hooks' socket) or heap. It runs at a
lower CPU priority than the builds and dies with the service. SIGINT interrupts it:
asyncio cancels the run, which removes its staging folder; the old index stays whole.
"""

from __future__ import annotations

import dataclasses
import faulthandler
import json
import logging
import os
import signal
import sys
from pathlib import Path
from typing import Any

from generator.content.messages import set_language
from generator.host.indexparts import Shared
from generator.host.searchindex import IndexJob
from generator.util.workers import die_with_parent

# Below the build's workers (niceness 0): on two cores, a hook's pages come out about
# as fast with a run under way as without one, and the run takes what they leave.
NICENESS = 10


def request(job: IndexJob, lang: str) -> bytes:
    """What the service writes on the process's stdin."""
    cache = str(job.cache) if job.cache is not None else None
    data = {
        "out": str(job.out),
        "sites": list(job.site_ids),
        "cache": cache,
        "jobs": job.jobs,
        "precompress": job.precompress,
        "shared": dataclasses.asdict(job.shared) if job.shared is not None else None,
        "again": list(job.again),
        "lang": lang,
    }
    return json.dumps(data).encode("utf-8")


def _job(data: dict[str, Any]) -> IndexJob:
    cache = data["cache"]
    return IndexJob(
        Path(data["out"]),
        tuple(data["sites"]),
        Path(cache) if cache is not None else None,
        int(data["jobs"]),
        bool(data["precompress"]),
        # Read with defaults: a request from a service started before these were.
        _shared(data.get("shared")),
        tuple(data.get("again", ())),
    )


def _shared(data: dict[str, Any] | None) -> Shared | None:
    if data is None:
        return None
    return Shared(
        str(data["source"]),
        tuple(data["provinces"]),
        tuple(data["central"]),
        tuple(data["regional"]),
    )


def outcome(job: IndexJob) -> dict[str, Any]:
    """The sites made again and those left as they were, or why none could be."""
    try:
        results = job.run()
    except KeyboardInterrupt:
        return {"stopped": True}
    except Exception as error:  # told to the service, which logs it and shows it
        return {"error": f"{type(error).__name__}: {error}"}
    made = [r.site_id for r in results if not r.skipped]
    return {"made": made, "skipped": len(results) - len(made)}


def main() -> None:
    # The service stops a run with SIGINT. A process started with SIGINT ignored (a
    # script's `nohup newsroom watch &`) passes that on, and Python then leaves it
    # ignored: the run would go on until killed, its staging left behind.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    die_with_parent()
    faulthandler.register(signal.SIGUSR1, all_threads=True)  # as the service: where it is
    os.nice(NICENESS)  # this process, and the Pagefind it starts
    data = json.loads(sys.stdin.read())
    set_language(data["lang"])
    # As the service shows MkDocs' loggers (generator.cli.watch): warnings only, one line.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    said = outcome(_job(data))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # what came of it is told, whatever comes
    sys.stdout.write(json.dumps(said))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
