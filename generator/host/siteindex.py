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

PAGES = ("index.html", "robots.txt")  # each with its .gz twin, unless `precompress: false`
HEADERS = "_headers"


def root_files(precompress: bool) -> tuple[str, ...]:
    """What `write_site_index` writes: `newsroom build --site root` as a job of its own."""
    pages = [(name, f"{name}.gz") if precompress else (name,) for name in PAGES]
    return (*(name for each in pages for name in each), HEADERS)


def write_site_index(out: Path, sites: list[Site], title: str, precompress: bool = True) -> None:
    """`<out>/index.html`, `robots.txt` (each with its .gz twin, as the sites' pages
    have theirs: see `precompress`) and `_headers`, for a server that hosts every site."""
    templates = _templates()
    page = templates.get_template("index.html").render(title=title, sites=sites)
    _write_twins(out / "index.html", page.encode("utf-8"), precompress)
    robots = templates.get_template("robots.txt").render(sites=sites)
    _write_twins(out / "robots.txt", robots.encode("utf-8"), precompress)
    css = resources.files("generator.themes").joinpath("lite/partials/style.html").read_text()
    policy = headers.netlify_headers(css, [site.id for site in sites])
    write_if_changed(out / HEADERS, policy.encode("utf-8"))


@cache
def _templates() -> Environment:
    folder = resources.files("generator.themes").joinpath("root")
    return Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )


def _write_twins(path: Path, data: bytes, precompress: bool) -> None:
    write_if_changed(path, data)
    twin = path.with_name(path.name + ".gz")
    if precompress:
        write_if_changed(twin, gzip.compress(data, 6, mtime=0))
    else:
        # A twin an earlier build with them left would be served stale: ours, removed,
        # as the sites' writer removes theirs.
        twin.unlink(missing_ok=True)
