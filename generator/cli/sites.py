"""`newsroom sites`: the build's job matrix, one entry per site, so that CI runners
build the sites apart (`newsroom build --site ID`), each publishing its own folder.

Besides the public sites, two jobs: `desk` (the editors' desk, never published to
the public) and `root` (the files at the root of the output: the list of sites,
robots.txt, `_headers`). The union of every job's output is the output of one
`newsroom build` (a test checks it byte for byte). JSON is GitHub Actions' matrix
shape (`{"include": [...]}`, for `fromJSON`); `gitlab` prints GitLab CI's
`parallel:matrix`; text is one job a line.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

import click
from mkdocs.exceptions import Abort, ConfigurationError

from generator.cli.options import fail, lang_option, layout_or_fail
from generator.content.repository import CENTRAL
from generator.host import build
from generator.host.siteindex import root_files as root_files_of
from generator.public.sites import DESK, ROOT, Site


@click.command("sites")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json", "gitlab"]),
    default="text",
    show_default=True,
    help="json: GitHub Actions' matrix; gitlab: GitLab CI's parallel:matrix.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="The output folder the jobs build into (as `newsroom build --out`).",
)
@click.option("--base-url", metavar="URL", help="As `newsroom build --base-url`.")
@lang_option
def sites_command(output: str, out: Path, base_url: str | None, lang: str) -> None:
    """Print the build's jobs: every public site, the desk and the root files.

    Each job runs its `command` and publishes its `publish` paths (relative to the
    repository); together they are what one `newsroom build` writes.

    \b
    Example:
      newsroom sites --format json
    """
    layout = layout_or_fail(lang)
    if layout.kind != CENTRAL:
        fail(lang, "sites_central_only")
    try:
        sites, precompress = build.site_settings(layout, base_url)
    except (ConfigurationError, Abort) as error:
        fail(lang, "sites_mkdocs_config", {"message": error.format_message()})
    jobs = job_matrix(sites, out, base_url, precompress)
    if output == "json":
        click.echo(json.dumps({"include": jobs}, ensure_ascii=False, indent=1))
    elif output == "gitlab":
        click.echo(gitlab_matrix(jobs))
    else:
        for job in jobs:
            click.echo(f"{job['site']}\t{' '.join(job['publish'])}\t{job['name']}")


def job_matrix(
    sites: list[Site], out: Path, base_url: str | None, precompress: bool = True
) -> list[dict[str, Any]]:
    """One job per public site (national first, then provinces by code), the desk, and
    the root files: what each builds and what it publishes."""
    folders = [(site.id, site.title, "site") for site in sites] + [(DESK, "Desk", "desk")]
    jobs = [
        _job(job, name, kind, out, [f"{(out / job).as_posix()}/"], base_url)
        for job, name, kind in folders
    ]
    root_files = [(out / name).as_posix() for name in root_files_of(precompress)]
    jobs.append(_job(ROOT, "Root", "root", out, root_files, base_url))
    return jobs


def _job(
    site: str, name: str, kind: str, out: Path, publish: list[str], base_url: str | None
) -> dict[str, Any]:
    command = ["newsroom", "build", "--site", site, "--out", out.as_posix()]
    command += ["--base-url", base_url] if base_url else []
    return {
        "site": site,
        "name": name,
        "kind": kind,
        "command": shlex.join(command),  # an address or folder with a space stays one word
        "publish": publish,
    }


def gitlab_matrix(jobs: list[dict[str, Any]]) -> str:
    """`parallel:matrix` for a GitLab CI job that builds `$SITE`."""
    ids = ", ".join(job["site"] for job in jobs)
    return f"parallel:\n  matrix:\n    - SITE: [{ids}]"
