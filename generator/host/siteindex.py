"""The files at the root of `newsroom build`'s output, beside the site folders: the
list of sites, robots.txt naming every site's sitemaps, and the `_headers` file.

The pages are Jinja templates in themes/root/; only the public sites are named,
never the desk.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from generator.public import headers
from generator.public.sites import Site
from generator.util.fsio import write_if_changed

# What `write_site_index` writes: `newsroom build --site root` as a job of its own.
ROOT_FILES = ("index.html", "index.html.gz", "robots.txt", "robots.txt.gz", "_headers")


def write_site_index(out: Path, sites: list[Site], title: str) -> None:
    """`<out>/index.html`, `robots.txt` (each with its .gz twin) and `_headers`, for a
    server that hosts every site."""
    templates = _templates()
    page = templates.get_template("index.html").render(title=title, sites=sites)
    _write_twins(out / "index.html", page.encode("utf-8"))
    robots = templates.get_template("robots.txt").render(sites=sites)
    _write_twins(out / "robots.txt", robots.encode("utf-8"))
    css = resources.files("generator.themes").joinpath("lite/partials/style.html").read_text()
    policy = headers.netlify_headers(css, [site.id for site in sites])
    write_if_changed(out / "_headers", policy.encode("utf-8"))


@cache
def _templates() -> Environment:
    folder = resources.files("generator.themes").joinpath("root")
    return Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )


def _write_twins(path: Path, data: bytes) -> None:
    write_if_changed(path, data)
    write_if_changed(path.with_name(path.name + ".gz"), gzip.compress(data, 6, mtime=0))
