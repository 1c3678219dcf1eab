"""`python -m tests.bench.floor LISTING TARGET`: write the files LISTING names (relative
path, size) under TARGET, in two processes, as generator.public.writer writes a page (a temp
file beside it, then a rename): the file system's part of a build, and nothing else."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys


def write(batch: list[tuple[str, int]], target: str) -> None:
    made: set[str] = set()
    for relative, size in batch:
        path = os.path.join(target, relative)
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        temp = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.write(fd, b"x" * size)
        os.close(fd)
        os.replace(temp, path)


def main() -> None:
    listing, target = sys.argv[1], sys.argv[2]
    with open(listing, encoding="utf-8") as handle:
        files = [(str(name), int(size)) for name, size in json.load(handle)]
    # Two workers, like the build on a 2-core machine; each takes whole folders.
    halves: list[list[tuple[str, int]]] = [[], []]
    for relative, size in files:
        halves[hash(relative.split("/")[0]) % 2].append((relative, size))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.starmap(write, [(half, target) for half in halves])


if __name__ == "__main__":
    main()
