"""Markdown rendered once, sanitised with an allow-list, cached."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator.content.model import Release
from generator.content.repository import OFFICE, Layout, load_repository
from generator.public import bodyhtml
from generator.public import render as render_module
from generator.public.bodyhtml import Rendered, sanitize
from generator.public.render import Renderer
from generator.public.rendercache import RenderCache
from tests.conftest import make_png, release_text

VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<svg onload=alert(1)>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<iframe src="https://evil.example">',
    "<style>body{}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<details open ontoggle=alert(1)>x</details>",
    '<a href="  javascript:alert(1)">x</a>',
    "![x](javascript:alert(1))",
    '<IMG SRC="jav&#x09;ascript:alert(1);">',
    "<<SCRIPT>alert(1);//<</SCRIPT>",
    '<a href="java\nscript:alert(1)">x</a>',
    "<object data=javascript:alert(1)>",
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<body onload=alert(1)>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
]
SINKS = re.compile(
    r"<script|\son\w+\s*=|javascript:|vbscript:|data:|<svg|<math|<iframe|<object|<base|<meta"
    r"|<form|style=",
    re.I,
)


@pytest.fixture
def render(office_repo: Callable[..., Path], tmp_path: Path) -> Callable[..., object]:
    def run(body: str, summary: str | None = None, cache: Path | None = None):  # type: ignore[no-untyped-def]
        fields = {"summary": summary} if summary else {}
        text = release_text(**fields).replace("Isi rilis contoh.\n", body + "\n")
        root = office_repo({"releases/2026/uji.md": text})
        (root / "assets").mkdir(exist_ok=True)
        (root / "assets" / "foto.png").write_bytes(make_png(40, 30))
        (root / "assets" / "perbup.pdf").write_bytes(b"%PDF-1.4\n")  # check needs the file
        repo = load_repository(Layout(root, OFFICE))
        (release,) = repo.releases
        return Renderer(repo.layout.assets_dir, cache).render(release)

    return run


@pytest.mark.parametrize("vector", VECTORS)
def test_no_executable_sink_survives(render: Callable[..., object], vector: str) -> None:
    html = render(f"Paragraf.\n\n{vector}\n\nAkhir.").html  # type: ignore[attr-defined]
    assert not SINKS.search(html), html
    assert sanitize(vector) == sanitize(sanitize(vector))


def test_headings_are_demoted_and_tables_kept(render: Callable[..., object]) -> None:
    html = render("# Satu\n\n## Dua\n\n###### Enam\n\n| a | b |\n|---|---|\n| 1 | 2 |").html  # type: ignore[attr-defined]
    assert "<h2>Satu</h2>" in html and "<h3>Dua</h3>" in html and "<h6>Enam</h6>" in html
    assert "<h1" not in html and "<table>" in html and "<td>1</td>" in html


def test_assets_are_rewritten_sized_and_listed(render: Callable[..., object]) -> None:
    result = render(
        "![Foto](assets/foto.png) [Perbup](assets/perbup.pdf) [luar](assets/../office.yml)"
    )
    html = result.html  # type: ignore[attr-defined]
    assert '<img src="../../aset/foto.png" alt="Foto" width="40" height="30" loading="lazy"' in html
    assert '<a href="../../aset/perbup.pdf"' in html
    assert "office.yml" not in html
    assert result.assets == ("assets/foto.png", "assets/perbup.pdf")  # type: ignore[attr-defined]


def test_images_from_other_hosts_become_links(render: Callable[..., object]) -> None:
    html = render("![Peta](https://peta.example.go.id/a.png) ![x](//cdn.example/b.png)").html  # type: ignore[attr-defined]
    assert '<a href="https://peta.example.go.id/a.png" rel="noopener noreferrer">Peta</a>' in html
    assert "<img" not in html and "cdn.example" not in html


def test_summary_from_front_matter_or_first_paragraph(render: Callable[..., object]) -> None:
    assert render("Isi.", summary="Ringkasan sendiri.").summary == "Ringkasan sendiri."  # type: ignore[attr-defined]
    assert render("## Judul\n\nParagraf **pertama** &amp; utama.\n\nKedua.").summary == (  # type: ignore[attr-defined]
        "Paragraf pertama & utama."
    )
    long = render(" ".join(["kata"] * 200)).summary  # type: ignore[attr-defined]
    assert len(long) <= 300 and long.endswith("kata…")


def test_cache_file_round_trip(office_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = office_repo({"releases/2026/uji.md": release_text()})
    repo = load_repository(Layout(root, OFFICE))
    (release,) = repo.releases
    cache = tmp_path / "render.sqlite"
    first = Renderer(repo.layout.assets_dir, cache)
    rendered = first.render(release)
    first.save()
    assert cache.exists()
    second = Renderer(repo.layout.assets_dir, cache)
    assert second._disk.lookup(second._key(release), root / "assets") == rendered  # from disk
    db = second._disk._connection()
    assert db is not None
    # A cache: readers never wait for the writer, and commits are not fsynced one by one.
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert db.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
    assert second.render(release) == rendered
    for name in ("render.sqlite-wal", "render.sqlite-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    cache.write_bytes(b"bukan sqlite" * 100)  # corrupt: rendered again, never an error
    third = Renderer(repo.layout.assets_dir, cache)
    assert third.render(release) == rendered
    third.save()  # and the cache is made anew
    fourth = Renderer(repo.layout.assets_dir, cache)
    assert fourth._disk.lookup(third._key(release), root / "assets")


def test_qr_codes_are_kept_by_url_and_what_made_them(tmp_path: Path) -> None:
    """The bulletins' codes (generator.public.bulletinview) share the render cache."""
    cache = tmp_path / "render.sqlite"
    url = "https://b.example/{}/".format
    RenderCache(cache).store_codes({url("a"): ("<svg/>", "<img>")}, "segno 1 x", 3)
    kept = RenderCache(cache)
    assert kept.code(url("a"), "segno 1 x") == ("<svg/>", "<img>")
    assert kept.code(url("a"), "segno 2 x") is None  # made otherwise
    assert kept.code(url("b"), "segno 1 x") is None
    # Only the last `keep` written are kept (each about 5 KB); "b" written again counts
    # as written last.
    kept.store_codes({url(n): ("<svg/>", "<img>") for n in "bcd"}, "segno 1 x", 3)
    kept.store_codes({url("b"): ("<svg/>", "<img>"), url("e"): ("<svg/>", "<img>")}, "segno 1 x", 3)
    assert [n for n in "abcde" if kept.code(url(n), "segno 1 x")] == ["b", "d", "e"]
    kept.close()
    for name in ("render.sqlite-wal", "render.sqlite-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    cache.write_bytes(b"bukan sqlite" * 100)  # corrupt: made again, never an error
    assert RenderCache(cache).code("https://b.example/a/", "segno 1 x") is None


def test_output_is_deterministic(render: Callable[..., object]) -> None:
    body = "Teks dengan [tautan](https://contoh.go.id) dan ![foto](assets/foto.png)."
    assert render(body) == render(body)


@pytest.mark.parametrize(
    "body",
    [
        '<img src="../../aset/../../../../../../etc/hostname">',
        '<img src="../../aset/%2e%2e/%2e%2e/office.yml">',
        "![x](../../aset/../../office.yml)",
        '<a href="../../aset/../../office.yml">x</a>',
        '<img src="/etc/hostname">',
    ],
)
def test_no_path_leaves_the_offices_assets(render: Callable[..., object], body: str) -> None:
    """Raw HTML may not point past the rewrite into the server's files: such a source is
    dropped, never opened (its size would tell what is there)."""
    html = render(f"Teks {body} akhir.").html  # type: ignore[attr-defined]
    assert "etc" not in html and "office.yml" not in html and "%2e" not in html, html
    assert "width=" not in html


def test_a_fifo_named_as_an_asset_does_not_hang_the_build(
    office_repo: Callable[..., Path],
) -> None:
    body = "![Peta](assets/peta.png)\n"
    root = office_repo(
        {"releases/2026/uji.md": release_text().replace("Isi rilis contoh.\n", body)}
    )
    (root / "assets").mkdir(exist_ok=True)
    os.mkfifo(root / "assets" / "peta.png")  # opened for reading, it would wait forever
    repo = load_repository(Layout(root, OFFICE))
    assert repo.releases == [] and repo.report.errors  # check refuses it, and returns
    html = Renderer(repo.layout.assets_dir).render_text(body, "kutai-timur").html
    assert 'src="../../aset/peta.png"' in html and "width=" not in html


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # How a git host previews a link from releases/<yyyy>/ to the repository's assets/.
        ("![Foto](../../assets/foto.png)", 'src="../../aset/foto.png" alt="Foto" width="40"'),
        ("[Perbup](../../assets/perbup.pdf)", 'href="../../aset/perbup.pdf"'),
        ("[bagian](#kontak)", 'href="#kontak"'),
        ("[surat](mailto:humas@contoh.go.id)", 'href="mailto:humas@contoh.go.id"'),
    ],
)
def test_links_that_work_on_the_site_are_kept(
    render: Callable[..., object], body: str, expected: str
) -> None:
    assert expected in render(body).html  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "body", ["[lalu](../2025/sebelumnya.md)", "[ini](lain.md)", "[root](/kategori/berita/)"]
)
def test_links_that_lead_nowhere_keep_their_text_only(
    render: Callable[..., object], body: str
) -> None:
    html = render(body).html  # type: ignore[attr-defined]
    assert "<a" not in html and body[1:4] in html, html


def test_render_all_fills_the_cache_from_forked_workers(
    office_repo: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers inherit the releases through the fork and write the disk cache; the
    parent then reads exactly what rendering here would have made."""
    from generator.public import renderworkers

    files = {
        f"releases/2026/rilis-{n:02d}.md": release_text(title=f"Rilis {n}")
        + f"\n## Bagian {n}\n\nParagraf **{n}** dengan [tautan](https://contoh.go.id/{n}).\n"
        for n in range(12)
    }
    repo = load_repository(Layout(office_repo(files), OFFICE))
    monkeypatch.setattr(renderworkers, "PARALLEL_FROM", 4)
    renderer = Renderer(repo.layout.assets_dir, tmp_path / "render.sqlite")
    renderer.render_all([r.without_body() for r in repo.releases], 2)
    assert renderer._memo == {}, "rendered in the workers, not in this process"
    assert renderer._stored_keys() == {renderer._key(r) for r in repo.releases}
    here = Renderer(repo.layout.assets_dir, None)
    for release in repo.releases:
        assert renderer.render(release) == here.render(release)


def test_a_render_worker_writes_and_lets_go_each_batch(
    office_repo: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker's chunk (48,000 bodies at 100,000 releases) is written to the cache a
    batch at a time, and what was written is not held: held to the end, the two workers
    of a cold build took 1.9 GB each, the build's peak memory."""
    from generator.public import renderworkers

    files = {f"releases/2026/rilis-{n}.md": release_text(title=f"Rilis {n}") for n in range(7)}
    repo = load_repository(Layout(office_repo(files), OFFICE))
    releases = [r.without_body() for r in repo.releases]
    monkeypatch.setattr(renderworkers, "BATCH", 3)
    seen: list[tuple[int, int]] = []  # at each body: bodies held, bodies in the cache

    class Watched(Renderer):
        def render(self, release: Release) -> Rendered:
            seen.append((len(self._memo), len(self._stored_keys())))
            return super().render(release)

    renderer = Watched(repo.layout.assets_dir, tmp_path / "render.sqlite")
    renderworkers._render_chunk(renderer, releases)
    assert seen == [(0, 0), (1, 0), (2, 0), (0, 3), (1, 3), (2, 3), (0, 6)]
    assert renderer._memo == {} and renderer._stored_keys() == {renderer._key(r) for r in releases}
    assert not any(r.has_body for r in releases), "each file's text read for rendering, let go"


def test_keep_lets_go_only_of_what_this_process_took_in(
    office_repo: Callable[..., Path], tmp_path: Path
) -> None:
    """A site worker between its sites: the bodies it rendered or read itself go (but
    those of shared releases); those it inherited from the parent stay, since letting
    go of them frees nothing."""
    from generator.util.workers import forked_chunks

    files = {f"releases/2026/rilis-{n}.md": release_text(title=f"Rilis {n}") for n in range(3)}
    repo = load_repository(Layout(office_repo(files), OFFICE))
    first, second, third = repo.releases
    renderer = Renderer(repo.layout.assets_dir, tmp_path / "render.sqlite")
    renderer.render(first)

    def in_worker(releases: Sequence[Release]) -> set[str]:
        for release in releases:
            renderer.render(release)
        renderer.keep(lambda release: release is third)
        return set(renderer._memo)

    (held,) = forked_chunks(in_worker, [second, third], 1)
    assert held == {renderer._key(first), renderer._key(third)}
    assert renderer._stored_keys() >= {renderer._key(second), renderer._key(third)}, "saved"
    renderer.keep(lambda release: False)
    assert renderer._memo == {}, "here, the first was this process's own"


def test_a_body_outline_starts_at_h2_under_the_page_title(render: Callable[..., object]) -> None:
    # Writers start at `##` as often as at `#`: either way the body's first level is h2,
    # so a screen reader's outline goes h1 (the title), h2, h3 without a gap.
    html = render("## Satu\n\nTeks.\n\n### Dua").html  # type: ignore[attr-defined]
    assert "<h2>Satu</h2>" in html and "<h3>Dua</h3>" in html
    html = render("### Hanya tingkat tiga").html  # type: ignore[attr-defined]
    assert "<h2>Hanya tingkat tiga</h2>" in html


def test_a_quote_in_another_language_keeps_its_lang(render: Callable[..., object]) -> None:
    body = '<q lang="en">Leave no one behind.</q> <span lang="jv" onclick="x()">Sugeng</span>'
    html = render(body).html  # type: ignore[attr-defined]
    assert '<q lang="en">Leave no one behind.</q>' in html
    assert '<span lang="jv">Sugeng</span>' in html and "onclick" not in html


def test_the_cache_keys_are_read_once_a_process_and_again_for_a_new_cache_file(
    office_repo: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`newsroom watch` loads the newsroom, and makes a renderer, at every build: the
    disk cache's keys are read at the first, and kept up to date by what is rendered."""
    files = {f"releases/2026/rilis-{n}.md": release_text(title=f"Rilis {n}") for n in range(3)}
    repo = load_repository(Layout(office_repo(files), OFFICE))
    cache = tmp_path / "render.sqlite"
    reads: list[int] = []
    rendered: list[str] = []

    class Counted(Renderer):
        def _stored_keys(self) -> set[str]:
            reads.append(1)
            return super()._stored_keys()

    body = bodyhtml.render_body

    def counted(*args: Any) -> Rendered:
        rendered.append("x")
        return body(*args)

    monkeypatch.setattr(render_module, "render_body", counted)
    Counted(repo.layout.assets_dir, cache).render_all(repo.releases, 1)
    assert len(rendered) == 3
    reads.clear()
    Counted(repo.layout.assets_dir, cache).render_all(repo.releases, 1)  # the next build
    assert reads == [] and len(rendered) == 3, "known: neither read nor rendered again"
    cache.unlink()  # someone cleared .cache/: a new file, read, and every body stored again
    Counted(repo.layout.assets_dir, cache).render_all(repo.releases, 1)
    assert reads and len(rendered) == 6
    assert Renderer(repo.layout.assets_dir, cache)._stored_keys() == {
        Renderer._key(r) for r in repo.releases
    }


def test_a_body_that_failed_to_store_is_not_taken_for_stored(
    office_repo: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {f"releases/2026/rilis-{n}.md": release_text(title=f"Rilis {n}") for n in range(2)}
    repo = load_repository(Layout(office_repo(files), OFFICE))
    cache = tmp_path / "render.sqlite"
    Renderer(repo.layout.assets_dir, cache).render_all(repo.releases[:1], 1)  # the file made
    dropped = RenderCache.store
    monkeypatch.setattr(RenderCache, "store", lambda self, entries: None)  # a full disk, say
    Renderer(repo.layout.assets_dir, cache).render_all(repo.releases, 1)
    monkeypatch.setattr(RenderCache, "store", dropped)
    Renderer(repo.layout.assets_dir, cache).render_all(repo.releases, 1)  # asked again
    assert Renderer(repo.layout.assets_dir, cache)._stored_keys() == {
        Renderer._key(r) for r in repo.releases
    }


def test_a_release_key_is_made_once_while_its_object_is_loaded_again(
    office_repo: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`newsroom watch` loads the same release objects at each build: each one's key (a
    sha256) is kept by object, and made again only for a new one (an edited file's)."""
    files = {f"releases/2026/rilis-{n}.md": release_text(title=f"Rilis {n}") for n in range(2)}
    repo = load_repository(Layout(office_repo(files), OFFICE))
    cache = tmp_path / "render.sqlite"
    made: list[str] = []
    key = Renderer._key

    def counted(release: Release) -> str:
        made.append(release.id)
        return key(release)

    monkeypatch.setattr(Renderer, "_key", staticmethod(counted))
    Renderer(repo.layout.assets_dir, cache).render_all(repo.releases, 1)
    assert set(made) == {r.id for r in repo.releases}  # then rendered, and stored
    made.clear()
    Renderer(repo.layout.assets_dir, cache).render_all(repo.releases, 1)  # the next build
    assert made == []
    edited = replace(repo.releases[0], digest="0" * 64)  # its file changed: a new object
    Renderer(repo.layout.assets_dir, cache).render_all([edited, repo.releases[1]], 1)
    assert set(made) == {edited.id}
    assert key(edited) in Renderer(repo.layout.assets_dir, cache)._stored_keys()
