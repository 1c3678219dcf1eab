"""Property tests: slugs, output paths of real releases and archives, front matter
through YAML and the schema, and the whole render pipeline (Markdown -> nh3 ->
post-pass -> nh3) checked for executable sinks by parsing its output."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, find, given, settings
from hypothesis import strategies as st

from generator.content.assets import asset_path
from generator.content.fields import SLUG_RE, field_names, slugify
from generator.content.problems import Report
from generator.content.repository import AssetCheck, parse_release
from generator.content.schema import FrontMatter, Office
from generator.public.archives import build_archives
from generator.public.render import Renderer
from generator.public.sites import Placement, Site
from generator.public.writer import PathEscape, SiteWriter
from tests.conftest import REPO_ROOT
from tests.security.hostile import BODY_VECTORS, TEXT_VECTORS
from tests.security.sinks import fragment_sinks

OFFICE = Office(id="kutai-timur", name="Kutai Timur", level="kabupaten", province="64")
ASSETS = REPO_ROOT / "content" / "assets" / "kutai-timur"  # read only: a real photo
NO_ASSETS = AssetCheck(exists=lambda src: False, where=lambda src: src)
ANY_ASSET = AssetCheck(exists=lambda src: True, where=lambda src: src)
PATH = Path("kutai-timur:releases/2026/uji.md")
# Never written to: SiteWriter.target only resolves paths.
SITE_DIR = Path(tempfile.gettempdir()) / "newsroom-properti-situs"
SITE = Site("kalimantan-timur", "kalimantan-timur", "Uji", "64", "https://x.go.id/kaltim/")

# --- slugs ----------------------------------------------------------------------------------


@given(st.text())
def test_slugify_is_always_a_valid_ascii_slug_or_empty(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or (SLUG_RE.match(slug) and slug.isascii() and len(slug) <= 80)


# --- front matter: structured documents that reach YAML and the schema ---------------------

KEYS = st.sampled_from(
    [
        *field_names(FrontMatter),
        "office",
        "province",
        "id",
        "Title",
        "<<",
        "!!python/object:os.system",
        "? kompleks",
        "tanggal",
    ]
)
RAW_SCALARS = st.sampled_from(
    [
        "2026-11-24 10:00",
        "2026-11-24T10:00:00+08:00",
        "2026-02-30 10:00",
        "24/11/2026",
        "berita",
        "klarifikasi",
        "draft",
        "withdrawn",
        "hoaks",
        "true",
        "no",
        "~",
        "null",
        "",
        "assets/foto.png",
        "assets/../x.png",
        "javascript:alert(1)",
        "&a x",
        "*a",
        "!!binary aGFp",
        "!!python/object/apply:os.system [id]",
        "[",
        "{",
        "|",
        ">",
        "- x",
        "1e9",
        "0x1F",
        "'tak ditutup",
        '"\\u202e"',
        "@x",
        "`x`",
        "% x",
    ]
)


SCALARS = st.one_of(
    RAW_SCALARS,
    st.text(max_size=30).map(lambda t: json.dumps(t, ensure_ascii=False)),
    st.text(max_size=30).map(lambda t: "'" + t.replace("'", "''") + "'"),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),  # raw: often YAML syntax
    st.sampled_from(TEXT_VECTORS).map(lambda t: json.dumps(t, ensure_ascii=False)),
    st.integers().map(str),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.dictionaries(KEYS, inner, max_size=3).map(
            lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}"
        ),
    ),
    max_leaves=6,
)
# Values shaped like the real fields, so nested schemas (image, claim, ...) run too.
SHAPED = {
    "title": SCALARS,
    "date": RAW_SCALARS,
    "category": st.sampled_from(["berita", "klarifikasi", "agenda", "hoaks", "[x]"]),
    "image": st.builds(
        lambda src, alt: f"{{src: {src}, alt: {alt}}}",
        st.sampled_from(["assets/foto.png", "x"]),
        SCALARS,
    ),
    "attachments": st.lists(
        st.builds(lambda t: f"{{title: {t}, src: assets/dokumen.pdf}}", SCALARS), max_size=3
    ).map(lambda xs: "[" + ", ".join(xs) + "]"),
    "updates": st.lists(
        st.builds(lambda d, n: f"{{date: {d}, note: {n}}}", RAW_SCALARS, SCALARS), max_size=2
    ).map(lambda xs: "[" + ", ".join(xs) + "]"),
    "claim": st.builds(
        lambda t, v: f"{{text: {t}, verdict: {v}, appeared_in: [{t}]}}",
        SCALARS,
        st.sampled_from(["hoaks", "benar", "x"]),
    ),
    "contact": st.builds(
        lambda n, e, p: f"{{name: {n}, email: {e}, phone: {p}}}",
        SCALARS,
        st.sampled_from(["a@b.id", "x", "javascript:x//@b.id"]),
        SCALARS,
    ),
    "status": st.sampled_from(["draft", "published", "withdrawn", "x"]),
    "publish_at": RAW_SCALARS,
    "tags": st.lists(SCALARS, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
}
BODIES = st.one_of(st.text(max_size=200), st.sampled_from(BODY_VECTORS))
BASE = {"title": '"Rilis uji"', "date": "2026-11-24 10:00", "category": "berita"}


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """`---\\n<key: value lines>\\n---\\n<body>`: a valid base, then fields changed,
    added (some in block style) and removed."""
    fields = dict(BASE)
    for key in draw(st.lists(KEYS, max_size=6)):
        strategy = SHAPED.get(key, VALUES)
        fields[key] = draw(st.one_of(strategy, VALUES) if key in SHAPED else strategy)
    for key in draw(st.lists(st.sampled_from(sorted(BASE)), max_size=2)):
        fields.pop(key, None)
    lines = []
    for key, value in fields.items():
        if draw(st.booleans()) and value.startswith("[") and value.endswith("]"):
            items = value[1:-1].split(", ") if value != "[]" else []
            lines.append(f"{key}:" + "".join(f"\n  - {item}" for item in items))
        else:
            lines.append(f"{key}: {value}")
    body = draw(BODIES)
    return ("---\n" + "\n".join(lines) + "\n---\n" + body).encode("utf-8")


def _parse(data: bytes) -> tuple[object, Report]:
    report = Report()
    return parse_release(data, OFFICE, PATH, report, ANY_ASSET), report


@settings(max_examples=300, deadline=None)
@given(documents())
def test_front_matter_parsing_only_ever_reports(data: bytes) -> None:
    release, report = _parse(data)  # any exception escaping here is the finding
    event("accepted" if release else f"refused: {sorted({p.field for p in report.errors})[:2]}")
    assert (release is None) == bool(report.errors)
    for problem in report.problems:
        assert problem.path == str(PATH) and problem.line >= 1
        assert problem.format("en") and problem.format("id")


def test_the_documents_reach_yaml_and_the_schema() -> None:
    """The strategy is not stuck at the fence: it makes valid releases, schema errors
    on fields, and YAML errors."""

    def codes(data: bytes) -> set[str]:
        return {p.field for p in _parse(data)[1].errors}

    find(documents(), lambda d: _parse(d)[0] is not None)
    find(documents(), lambda d: bool(codes(d) - {"file", "front-matter"}))
    find(documents(), lambda d: "front-matter" in codes(d))
    find(documents(), lambda d: any("." in f or "[" in f for f in codes(d)))  # nested schemas


@given(st.binary(max_size=400))
def test_arbitrary_bytes_only_ever_report(data: bytes) -> None:
    release, report = _parse(data)
    assert release is not None or report.errors


# --- the render pipeline ---------------------------------------------------------------------

MARKDOWN_TOKENS = st.sampled_from(
    [
        "<",
        ">",
        "/",
        '"',
        "'",
        "=",
        " ",
        "\t",
        "\n",
        "\n\n",
        "    ",
        "&",
        "#",
        ";",
        ":",
        "script",
        "SCRIPT",
        "img",
        "svg",
        "math",
        "mglyph",
        "mtext",
        "style",
        "noscript",
        "template",
        "a",
        "href",
        "src",
        "onerror",
        "onload",
        "javascript",
        "java",
        "vbscript",
        "data",
        "alert(1)",
        "iframe",
        "x",
        "&#106;",
        "&#x6A",
        "&#0000106",
        "&colon;",
        "<!--",
        "-->",
        "[",
        "]",
        "(",
        ")",
        "![",
        "](",
        "[1]: ",
        "<javascript:",
        "`",
        "```",
        "*",
        "_",
        "|",
        "---",
        "base",
        "form",
        "action",
        "xlink:href",
        "assets/kantor-bupati-kutim.png",
        "assets/../x",
        "../../aset/",
        "../../aset/../../",
        "../../assets/",
        "../",
        "/etc/",
        "https://evil.example/x.png",
        "http:",
        "mailto:",
    ]
)
MARKDOWN = st.lists(st.one_of(MARKDOWN_TOKENS, st.sampled_from(BODY_VECTORS)), max_size=40).map(
    "".join
)
RENDERER = Renderer(lambda office: ASSETS)


@settings(max_examples=300, deadline=None)
@given(MARKDOWN)
def test_a_rendered_release_has_no_executable_sink(body: str) -> None:
    data = ("---\n" + "\n".join(f"{k}: {v}" for k, v in BASE.items()) + "\n---\n" + body).encode()
    release, report = _parse(data)
    assert release is not None, report.errors
    rendered = RENDERER.render(release)  # type: ignore[arg-type]
    assert fragment_sinks(rendered.html) == [], rendered.html
    # Every local link and image stays inside the office's own assets.
    for address in re.findall(r'<[^>]*?\b(?:href|src)="([^"]*)"', rendered.html):
        if address.startswith(("http://", "https://", "mailto:", "tel:", "#")):
            continue
        assert address.startswith("../../aset/"), address
        assert ".." not in address.removeprefix("../../aset/").split("/"), address


# --- output paths of real releases and archives ---------------------------------------------

# Valid shapes as often as hostile ones, so accepted releases get their paths checked.
SLUG_NAMES = st.from_regex(r"[a-z0-9]+(-[a-z0-9]+){0,3}", fullmatch=True)
YEARS = st.one_of(
    st.integers(2000, 2099).map(str),
    st.integers(2000, 2099).map(str),
    st.sampled_from(["..", ".", "2026/..", "%2e%2e", "2026\\..", "", "０２０２"]),
)
NAMES = st.one_of(
    SLUG_NAMES,
    SLUG_NAMES,
    st.text(max_size=30),
    st.sampled_from(["..", "../../x", "a/../../b", "%2e%2e", "~", ".", "con", "a\\..\\b"]),
)
PRINTABLE = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cf", "Zl", "Zp")), max_size=25)
LABELS = st.lists(st.one_of(PRINTABLE, st.sampled_from(TEXT_VECTORS)), max_size=4)
ASSET_SOURCES = st.one_of(
    st.sampled_from(["assets/foto.png", "assets/a/b-c.png", "assets/A_1.v2.JPG"]),
    st.sampled_from(["assets/../x.png", "assets/.x.png", "/etc/x", "x", "assets//x.png"]),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(year=YEARS, name=NAMES, tags=LABELS, regions=LABELS, image=ASSET_SOURCES)
def test_release_and_archive_paths_never_leave_the_site(
    year: str, name: str, tags: list[str], regions: list[str], image: str
) -> None:
    date = f"{year}-11-24 10:00" if year.isascii() and year.isdigit() else "2026-11-24 10:00"
    front = {
        **BASE,
        "date": date,
        "tags": json.dumps(tags, ensure_ascii=False),
        "regions": json.dumps(regions, ensure_ascii=False),
        "image": f"{{src: {json.dumps(image)}, alt: foto}}",
        "attachments": f"[{{title: x, src: {json.dumps(image)}}}]",
    }
    data = ("---\n" + "\n".join(f"{k}: {v}" for k, v in front.items()) + "\n---\nIsi.\n").encode()
    path = Path(f"kutai-timur:releases/{year}/{name}.md")
    report = Report()
    release = parse_release(data, OFFICE, path, report, ANY_ASSET)
    event("accepted" if release else f"refused: {sorted({p.field for p in report.errors})}")
    if release is None:
        assert report.errors
        return
    writer = SiteWriter(SITE_DIR)
    site = writer.site_dir
    wanted = [f"{release.url}index.html"]
    wanted += [asset_path(release, a.src) for a in release.meta.attachments]
    if release.meta.image:
        wanted.append(asset_path(release, release.meta.image.src))
    archives = build_archives([Placement(release, SITE, SITE)])
    for kind in archives.values():
        for archive in kind:
            assert SLUG_RE.match(archive.key) or archive.kind in ("arsip", "kategori")
            wanted += [f"{page.path}index.html" for page in archive.pages(10)]
    for relative in wanted:
        target = writer.target(relative)  # an accepted release must never need refusing
        assert site in target.parents
        assert ".." not in Path(relative).parts and relative.isascii(), relative


@given(
    st.lists(
        st.sampled_from(["..", ".", "a", "b", "", "/", "%2e", "~", "\\", "c.html"]), max_size=8
    )
)
def test_the_writer_refuses_any_path_outside_the_site(parts: list[str]) -> None:
    writer = SiteWriter(SITE_DIR)
    try:
        target = writer.target("/".join(parts))
    except PathEscape:
        return
    assert writer.site_dir in target.parents
