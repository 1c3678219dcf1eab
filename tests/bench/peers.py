"""The same corpus for the peers: Hugo (one site, minimal list/single templates) and
Material for MkDocs' blog plugin."""

from __future__ import annotations

import re
from pathlib import Path

HUGO_CONFIG = """baseURL = "https://newsroom.example.go.id/"
languageCode = "id"
title = "Newsroom"
disableKinds = ["RSS"]
[taxonomies]
  category = "categories"
  tag = "tags"
[pagination]
  pagerSize = 20
"""
HUGO_BASEOF = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2 January 2006 15.04" }}</time></p>{{ .Content }}
<p>{{ range .Params.tags }}<a href="/tags/{{ . | urlize }}/">{{ . }}</a> {{ end }}</p></article>{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2 January 2006" }}<p>{{ .Summary }}</p></li>{{ end }}
</ul>{{ template "_internal/pagination.html" . }}{{ end }}
"""

_FRONT = re.compile(r"^---\n(.*?)\n---\n(.*)$", re.S)


def _split(path: Path) -> tuple[dict[str, str], str]:
    match = _FRONT.match(path.read_text(encoding="utf-8"))
    assert match, path
    fields = {}
    for line in match.group(1).splitlines():
        key, _, value = line.partition(": ")
        fields[key] = value
    return fields, match.group(2)


def hugo_site(newsroom: Path, target: Path, releases: list[Path] | None = None) -> Path:
    """A Hugo site with one post per release (office, category and tags kept): every
    release of `newsroom`, or the files `releases` (one of our sites' releases)."""
    (target / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (target / "hugo.toml").write_text(HUGO_CONFIG)
    (target / "layouts/_default/baseof.html").write_text(HUGO_BASEOF)
    (target / "layouts/_default/single.html").write_text(HUGO_SINGLE)
    (target / "layouts/_default/list.html").write_text(HUGO_LIST)
    posts = target / "content" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    every = releases if releases is not None else (newsroom / "content" / "releases").rglob("*.md")
    for path in sorted(every):
        fields, body = _split(path)
        office = path.parent.parent.name
        tags = fields.get("tags", "[]").strip("[]")
        date = fields["date"].replace(" ", "T") + ":00+07:00"
        (posts / f"{office}-{path.parent.name}-{path.stem}.md").write_text(
            f'---\ntitle: "{fields["title"]}"\ndate: {date}\n'
            f"categories: [{fields['category']}]\ntags: [{tags}]\n---\n{body}",
            encoding="utf-8",
        )
    return target


def hugo_sites(newsroom: Path, target: Path, shown: dict[str, list[Path]]) -> list[Path]:
    """The equal-work peer: one Hugo project per site of ours (`shown`: site id -> its
    release files), each with the same releases as our site, as a Hugo user publishing
    39 sites would have to. Projects under `target/<site id>`."""
    return [hugo_site(newsroom, target / site, files) for site, files in sorted(shown.items())]


def material_blog(newsroom: Path, target: Path) -> Path:
    """A Material for MkDocs project whose blog holds one post per release."""
    posts = target / "docs" / "blog" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    (target / "docs" / "index.md").write_text("# Newsroom\n")
    (target / "docs" / "blog" / "index.md").write_text("# Rilis\n")
    (target / "mkdocs.yml").write_text(
        "site_name: Newsroom\nsite_url: https://newsroom.example.go.id/\n"
        "theme: {name: material, language: id}\nplugins:\n  - blog\n"
    )
    for path in sorted((newsroom / "content" / "releases").rglob("*.md")):
        fields, body = _split(path)
        office = path.parent.parent.name
        (posts / f"{office}-{path.parent.name}-{path.stem}.md").write_text(
            f"---\ndate: {fields['date'].split()[0]}\ncategories: [{fields['category']}]\n---\n"
            f"# {fields['title']}\n\n{body}",
            encoding="utf-8",
        )
    return target
