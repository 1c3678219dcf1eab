"""The editors' desk (Material): badges, warnings, health, national feed; drafts and
embargoes only when configured; never linked from or copied into a public site."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime, timedelta
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, invoke, release_text
from tests.sitebuild import build_repo
from tests.sync.gitrepos import central_repo, commit, office_repo, write

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
BASE = "https://berita.example.go.id/"


def newsroom(tmp_path: Path, desk_options: str = "") -> Path:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    if desk_options:
        config = (root / "mkdocs.yml").read_text()
        (root / "mkdocs.yml").write_text(config + f"      desk: {{{desk_options}}}\n")
    broken = root / "content/releases/kaltim/2026/rusak.md"
    broken.write_text(release_text(category="opini"))
    return root


def desk_text(out: Path) -> str:
    return "\n".join(p.read_text() for p in sorted((out / "desk").rglob("*.html")))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_repo(newsroom(tmp_path_factory.mktemp("desk")), NOW, BASE)


def test_desk_shows_every_public_release_with_badges(built: Path) -> None:
    html = desk_text(built)
    for needle in (
        "Pemkab Kutai Timur Sosialisasikan Perbup",
        "Festival Teluk Ambon",
        "Rapat Koordinasi Banjir Dibatalkan",
    ):
        assert needle in html
    for badge in ("nr-proposed", "nr-curated", "nr-pinned", "nr-withdrawn", "nr-corrected"):
        assert f'class="nr-badge {badge}"' in html, badge
    assert "&lt;script&gt;" in html and "Tautan <script>" not in html


def test_desk_lists_warnings_and_office_health(built: Path) -> None:
    warnings = (built / "desk/peringatan/index.html").read_text()
    assert "rusak.md:4: category: bukan pilihan yang sah" in warnings
    health = (built / "desk/kesehatan/index.html").read_text()
    assert "Diskominfo Staper Kabupaten Kutai Timur" in health
    national = (built / "desk/nasional/index.html").read_text()
    assert national.index("Festival Teluk Ambon Tarik 20 Ribu") < national.index("Perbup")


def test_drafts_and_embargoes_stay_off_the_desk_by_default(built: Path) -> None:
    html = desk_text(built)
    search = (built / "desk/search/search_index.json").read_text()
    for hidden in ("Draf Pelatihan Jurnalistik Warga", "Rancangan APBD 2027"):
        assert hidden not in html and hidden not in search


def test_desk_can_show_embargoes_and_drafts(tmp_path: Path) -> None:
    out = build_repo(
        newsroom(tmp_path, "show_embargoed: true, show_drafts: true"), NOW, BASE, ["desk"]
    )
    html = desk_text(out)
    assert (
        "Rancangan APBD 2027" in html and "embargo s.d. Rabu, 25 November 2026 09.00 WITA" in html
    )
    assert "Draf Pelatihan Jurnalistik Warga" in html and 'class="nr-badge nr-draft"' in html
    public = [p for p in out.iterdir() if p.is_dir() and p.name != "desk"]
    assert public == []  # --site desk builds only the desk


def test_desk_is_private_and_never_in_public_sites(built: Path) -> None:
    assert (
        '<meta name="robots" content="noindex,nofollow">' in (built / "desk/index.html").read_text()
    )
    index = (built / "index.html").read_text()
    assert "desk" not in index
    for page in built.rglob("*"):
        if (
            page.is_file()
            and "desk" not in page.relative_to(built).parts[:1]
            and page.suffix in (".html", ".xml", ".json", ".txt")
        ):
            assert "/desk/" not in page.read_text(errors="replace"), page
    json.loads((built / "desk/search/search_index.json").read_text())


def test_search_finds_a_visible_release(built: Path) -> None:
    index = json.loads((built / "desk/search/search_index.json").read_text())
    hits = [d for d in index["docs"] if "Festival Teluk Ambon" in d["title"] + d["text"]]
    assert hits, "a visible release's title is not in the desk's search index"
    assert all(not d["location"].startswith(("http", "/")) for d in hits)
    assert any(d["location"].startswith(("hari/", "kantor/")) for d in hits)


# --- the national feed as it will appear ----------------------------------------

RELEASE_ID = r"([a-z0-9-]+/\d{4}/[a-z0-9-]+)"


def public_ids(html: str) -> list[str]:
    return re.findall(rf'<h2><a href="[^"]*?{RELEASE_ID}/">', html)


def desk_ids(html: str) -> list[str]:
    return re.findall(rf"<small>{RELEASE_ID} ·", html)


def test_national_feed_is_exactly_what_the_national_home_lists(tmp_path: Path) -> None:
    root = newsroom(tmp_path)
    curation = root / "content/national/curation.yml"  # a withdrawn release, curated by hand
    curation.write_text(curation.read_text() + "  - id: kutai-timur/2026/rapat-dibatalkan\n")
    out = build_repo(root, NOW, BASE)
    home = (out / "nasional/index.html").read_text()
    public_picks, public_latest = home.split('id="pilihan"')[1].split("<h2>Terbaru</h2>")
    desk = (out / "desk/nasional/index.html").read_text()
    picks, rest = desk.split('id="pilihan-desk"')[1].split('id="terbaru')
    latest, hidden = rest.split('id="dikurasi')
    assert (
        desk_ids(picks)
        == public_ids(public_picks)
        == [
            "ambon/2026/festival-teluk-ambon",
            "kutai-timur/2026/perbup-jam-layanan",
        ]
    )
    assert desk_ids(latest) == public_ids(public_latest)
    assert {"komdigi/2026/literasi-digital-desa", "komdigi/2026/hoaks-bansos-pulsa"} <= set(
        desk_ids(latest)
    )  # central releases are on the national site without curation
    assert desk_ids(hidden) == ["kutai-timur/2026/rapat-dibatalkan"]
    assert 'class="nr-badge nr-withdrawn"' in hidden


# --- "new since last sync" and office health, from real sync runs ------------------

SYNC_1, SYNC_2, SYNC_3 = "2026-11-24T01:00:00Z", "2026-11-24T02:00:00Z", "2026-11-24T02:30:00Z"
# The same instants on the offices' wall clock (every office here is in Kalimantan Timur).
SHOWN_1, SHOWN_2, SHOWN_3 = (
    f"Selasa, 24 November 2026 {hour} WITA" for hour in ("09.00", "10.00", "10.30")
)


def row(html: str, needle: str) -> str:
    return next(r for r in html.split("<tr>")[1:] if needle in r)


def test_new_badge_and_office_health_come_from_real_sync_runs(tmp_path: Path) -> None:
    kutim = office_repo(
        tmp_path / "kutim",
        "kutai-timur",
        {
            "releases/2026/rapat-koordinasi.md": release_text(title="Rapat Koordinasi Humas"),
            "releases/2026/rusak.md": release_text(title="Rusak", category="opini"),
        },
    )
    missing = tmp_path / "tidak-ada"
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(kutim), "hilang": str(missing)})
    assert invoke(["sync", "--now", SYNC_1], central).exit_code == 1  # `hilang` fails
    out = build_repo(central, NOW, BASE, ["desk"])
    day = (out / "desk/hari/2026-04/index.html").read_text()
    assert 'class="nr-badge nr-new"' in row(day, "Rapat Koordinasi Humas")
    health = (out / "desk/kesehatan/index.html").read_text()
    ok, failing = row(health, "Kantor kutai-timur"), row(health, "Kantor hilang")
    assert ok.count(SHOWN_1) == 2 and "11 April 2026" in ok and "1 ditolak" in ok
    assert 'href="../kantor/kutai-timur/"' in ok and (out / "desk/kantor/kutai-timur").is_dir()
    assert failing.count(SHOWN_1) == 1 and "nr-error" in failing

    write(kutim, {"releases/2026/jalan-baru.md": release_text(title="Jalan Baru Diresmikan")})
    commit(kutim, "rilis baru")
    invoke(["sync", "--now", SYNC_2], central)
    invoke(["sync", "--office", "hilang", "--now", SYNC_3], central)  # only the other office
    out = build_repo(central, NOW, BASE, ["desk"])
    day = (out / "desk/hari/2026-04/index.html").read_text()
    assert 'class="nr-badge nr-new"' in row(day, "Jalan Baru Diresmikan")
    assert 'class="nr-badge nr-new"' in row(day, "Rapat Koordinasi Humas")  # still undecided
    health = (out / "desk/kesehatan/index.html").read_text()
    ok, failing = row(health, "Kantor kutai-timur"), row(health, "Kantor hilang")
    assert ok.count(SHOWN_2) == 2 and SHOWN_1 not in ok and "1 ditolak" in ok
    assert f'<time datetime="{SYNC_2}">{SHOWN_2}</time>' in ok
    assert SHOWN_3 in failing and SHOWN_1 not in failing and "nr-error" in failing
    office = (out / "desk/kantor/hilang/index.html").read_text()
    assert f'Sinkronisasi terakhir: <time datetime="{SYNC_3}">{SHOWN_3}</time>, ' in office
    assert "berhasil terakhir: -" in office and SYNC_3 + "<" not in office
    # What kutai-timur's last sync rejected, though the newest run synced only `hilang`.
    warnings = (out / "desk/peringatan/index.html").read_text()
    rejected = warnings.split('id="ditolak-pada-sinkronisasi')[1]
    assert "Kantor kutai-timur" in rejected and "kutai-timur:releases/2026/rusak.md:4:" in rejected
    assert "category: bukan pilihan yang sah" in rejected  # in the editors' language
    assert "not one of" not in rejected and "bahasa Inggris" not in rejected

    invoke(["curate", "decline", "kutai-timur/2026/jalan-baru", "--now", NOW.isoformat()], central)
    out = build_repo(central, NOW, BASE, ["desk"])
    day = (out / "desk/hari/2026-04/index.html").read_text()
    declined = row(day, "Jalan Baru Diresmikan")
    assert "nr-new" not in declined and 'class="nr-badge nr-declined">tidak dipilih<' in declined


def test_a_sync_record_from_before_indonesian_messages_is_shown_as_it_is(
    tmp_path: Path,
) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    (root / ".newsroom/runs").mkdir(parents=True)
    (root / ".newsroom/health.json").write_text(json.dumps({"ambon": {"last_run": SYNC_1}}))
    old = {"ok": True, "problems": ["ambon:releases/2026/x.md:4: category: is not one of"]}
    record = {"finished": SYNC_1, "offices": {"ambon": old}}
    (root / ".newsroom/runs/20261124T010000000000Z.json").write_text(json.dumps(record))
    out = build_repo(root, NOW, BASE, ["desk"])
    warnings = (out / "desk/peringatan/index.html").read_text()
    rejected = warnings.split('id="ditolak-pada-sinkronisasi')[1]
    assert "category: is not one of" in rejected
    assert "dicatat dalam bahasa Inggris oleh versi lama" in rejected


# --- search: every word of a title is a word of the index ---------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Festival Teluk Ambon Ramai Dikunjungi",
        "Pemkab Kutai Timur Sosialisasikan Perbup Jam Layanan Publik",
        "Komdigi Perluas Literasi Digital ke 5.000 Desa",
        "Raker Pranata Humas se-Kaltim Diikuti 108 Peserta",
    ],
)
def test_search_finds_a_release_by_each_word_of_its_title(built: Path, title: str) -> None:
    index = json.loads((built / "desk/search/search_index.json").read_text())
    separator = re.compile(index["config"]["separator"])
    tokens = {
        token.lower()
        for doc in index["docs"]
        for token in separator.split(doc["title"] + " " + doc["text"])
    }
    words = [w.lower() for w in separator.split(title) if w]
    assert words[0] in tokens, f"{words[0]!r} is glued to a neighbour in the search index"
    assert set(words) <= tokens
    assert "diskominfo" in tokens and "berita" in tokens  # office and category cells too


# --- warnings as check shows them ---------------------------------------------------


class _Text(HTMLParser):
    """The text a browser shows (inside <article>)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def shown_text(html: str) -> str:
    parser = _Text()
    parser.feed(html.split("<article", 1)[1].split("</article>", 1)[0])
    return "".join(parser.parts)


def test_warnings_read_as_check_writes_them(built: Path) -> None:
    html = (built / "desk/peringatan/index.html").read_text()
    text = shown_text(html)
    line = (
        "content/releases/kaltim/2026/rusak.md:4: category: bukan pilihan yang sah "
        "(tertulis 'opini'); pilih salah satu: siaran-pers"
    )
    assert line in text and "&#x27;" not in text and "&amp;" not in html
    assert str(built.parent) not in html  # no server path: relative to the repository
    checked = invoke(["check"], built.parent).output
    assert line in checked


# --- drafts and embargoed releases link nowhere until they are public ----------------

EMBARGOED, DRAFT = "kutai-timur/2026/embargo-anggaran", "kutai-timur/2026/draf-pelatihan"
LIFT = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)  # 09.00 WITA


@pytest.mark.parametrize(("now", "public"), [(LIFT - timedelta(seconds=1), False), (LIFT, True)])
def test_unpublished_releases_link_nowhere(tmp_path: Path, now: datetime, public: bool) -> None:
    root = newsroom(tmp_path, "show_embargoed: true, show_drafts: true")
    out = build_repo(root, now, BASE, ["desk"])
    day = (out / "desk/hari/2026-11/index.html").read_text()
    url = f"{BASE}kalimantan-timur/{EMBARGOED}/"
    embargoed, draft = row(day, EMBARGOED), row(day, DRAFT)
    assert (f'href="{url}"' in embargoed) is public
    assert ("belum terbit, terbit Rabu, 25 November 2026 09.00 WITA" in embargoed) is not public
    assert "belum terbit (draf)" in draft and f"{BASE}kalimantan-timur/{DRAFT}" not in draft


# --- what an editor needs to decide: reasons, corrections, notes, decisions ----------

NOTED_CURATION = """featured:
  - id: ambon/2026/festival-teluk-ambon
    pinned: true
    headline: Festival Teluk Ambon Tarik 20 Ribu Pengunjung
    note: "foto dari <b>humas</b> Ambon"
  - id: kutai-timur/2026/perbup-jam-layanan
  - id: kaltim/2026/rusak
  - id: kutai-timur/2026/rapat-dibatalkan
declined:
  - id: komdigi/2026/literasi-digital-desa
    date: 2026-11-24T02:00:00Z
    note: "sudah tayang *pekan lalu*"
"""


@pytest.fixture(scope="module")
def noted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = newsroom(tmp_path_factory.mktemp("catatan"))
    (root / "content/national/curation.yml").write_text(NOTED_CURATION)
    return build_repo(root, NOW, BASE, ["desk"])


def test_rows_carry_reasons_corrections_notes_and_decisions(noted: Path) -> None:
    html = desk_text(noted)
    withdrawn = row(html, "kutai-timur/2026/rapat-dibatalkan ·")
    assert (
        "Ditarik: Agenda dibatalkan karena jadwal bentrok dengan kunjungan gubernur." in withdrawn
    )
    corrected = row(html, "kaltim/2026/raker-pranata-humas ·")
    assert (
        "Koreksi Minggu, 12 April 2026 09.30 WITA: Jumlah peserta dikoreksi dari 180 menjadi "
        "108 orang." in corrected
    )
    curated = row(html, "ambon/2026/festival-teluk-ambon ·")
    assert "Catatan kurasi: foto dari &lt;b&gt;humas&lt;/b&gt; Ambon" in curated
    declined = row(html, "komdigi/2026/literasi-digital-desa ·")
    assert 'class="nr-badge nr-declined">tidak dipilih<' in declined
    assert "Tidak dipilih Selasa, 24 November 2026 09.00 WIB: sudah tayang *pekan lalu*" in declined


def test_curated_entries_the_national_site_leaves_out_say_why(noted: Path) -> None:
    national = (noted / "desk/nasional/index.html").read_text()
    hidden = national.split('id="dikurasi')[1]
    assert desk_ids(hidden) == ["kaltim/2026/rusak", "kutai-timur/2026/rapat-dibatalkan"]
    assert (
        "berkasnya bermasalah: content/releases/kaltim/2026/rusak.md:4: category: bukan pilihan"
        in row(hidden, "kaltim/2026/rusak")
    )
    assert "ditarik: Agenda dibatalkan" in row(hidden, "rapat-dibatalkan")


def test_office_health_counts_errors_and_the_overview_links_every_office(noted: Path) -> None:
    health = (noted / "desk/kesehatan/index.html").read_text()
    assert "1 kesalahan" in row(health, "Diskominfo Provinsi Kalimantan Timur")
    assert "kesalahan" not in row(health, "Diskominfo Kota Ambon").replace("<td>0</td>", "")
    overview = (noted / "desk/index.html").read_text()
    for office in ("komdigi", "kaltim", "kutai-timur", "ambon"):
        assert f'href="kantor/{office}/"' in overview
        assert (noted / f"desk/kantor/{office}/index.html").is_file()
    office = (noted / "desk/kantor/kaltim/index.html").read_text()
    assert "zona waktu WITA" in office and "Kesalahan validasi: 1" in office


def test_the_pruned_theme_listing_copies_what_mkdocs_would(tmp_path: Path) -> None:
    """The desk's theme loader skips Material's hidden icon folders while listing;
    MkDocs must still copy exactly the theme files it copies with Jinja's own loader."""
    import jinja2
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from generator.desk.desksite import tune_theme_env

    (tmp_path / "docs").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: Uji\ntheme: {name: material, font: false}\n")
    config = load_config(config_file=str(config_file))
    usual = Files([])
    usual.add_files_from_theme(config.theme.get_env(), config)
    tune_theme_env(config.theme, jinja2.FileSystemBytecodeCache(str(tmp_path)))
    env = config.theme.get_env()
    assert type(env.loader).__name__ == "_VisibleFilesLoader"
    pruned = Files([])
    pruned.add_files_from_theme(env, config)
    assert sorted(f.src_uri for f in pruned) == sorted(f.src_uri for f in usual)
    assert len(usual) > 20  # Material's stylesheets, scripts, fonts' licences...


# --- office text stays text: headings, page titles, the search index, the policy ---------

MARKUP = "<img src=x onerror=window.__pwned=1>"
OFFICE_NAMES = {  # item 11 of issue 13: a name in a Markdown heading became a link
    "komdigi": "[x](javascript:alert(1))",
    "kaltim": "<img src=x onerror=alert(1)>",
    "ambon": "</title><script>alert(1)</script> *Ambon* `kode`",
}
HOSTILE_CURATION = f"""featured:
  - id: ambon/2026/festival-teluk-ambon
    headline: "Festival {MARKUP}"
    note: "Catatan {MARKUP}"
declined:
  - id: komdigi/2026/literasi-digital-desa
    date: 2026-11-24T02:00:00Z
    note: "Tolak {MARKUP}"
"""


@pytest.fixture(scope="module")
def hostile_desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = newsroom(tmp_path_factory.mktemp("jahat"))
    offices = root / "content/offices.yml"
    text = offices.read_text()
    for office_id, name in OFFICE_NAMES.items():
        text = re.sub(
            rf"(- id: {office_id}\n  name: ).*", lambda m, n=name: m[1] + json.dumps(n), text
        )
    offices.write_text(text)
    (root / "content/national/curation.yml").write_text(HOSTILE_CURATION)
    (root / "content/releases/kutai-timur/2026/banjir.md").write_text(
        release_text(
            title=json.dumps(f"Banjir {MARKUP}"),
            date="2026-11-20 10:00",
            status="withdrawn",
            withdrawn_reason=json.dumps(f"Tarik {MARKUP}"),
            updates=f'[{{date: "2026-11-21 09:00", note: {json.dumps(f"Ralat {MARKUP}")}}}]',
        )
    )
    return build_repo(root, NOW, BASE, ["desk"])


def desk_pages(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out / "desk").as_posix(): p.read_text()
        for p in sorted((out / "desk").rglob("*.html"))
    }


def test_office_names_are_text_not_markdown_on_desk_pages(hostile_desk: Path) -> None:
    from tests.security.sinks import page_sinks

    pages = desk_pages(hostile_desk)
    found = {path: sinks for path, html in pages.items() if (sinks := page_sinks(html, desk=True))}
    assert found == {}
    for office_id, name in OFFICE_NAMES.items():
        page = pages[f"kantor/{office_id}/index.html"]
        (heading,) = re.findall(r"<h1 id=[^>]*>(.*?)</h1>", page)
        assert heading == escape(name, quote=False)  # as written: no link, no emphasis
        (title,) = re.findall(r"<title>(.*?)</title>", page, re.S)
        assert title.strip() == f"{escape(name)} - Desk Redaksi Newsroom"
        assert shown_text(page).count(name) >= 1
    assert "javascript:" not in "".join(re.findall(r'href="([^"]*)"', "".join(pages.values())))
    warnings = pages["peringatan/index.html"]
    assert "<em>" not in warnings and "<em>" not in pages["kantor/ambon/index.html"]


def test_the_search_index_holds_office_text_as_escaped_html(hostile_desk: Path) -> None:
    """Material's search shows an entry's title and text as HTML (as its own index holds
    them): office markup must be there as `&lt;`, or typing a word of it runs it."""
    import html5lib

    index = json.loads((hostile_desk / "desk/search/search_index.json").read_text())
    words = ""
    for doc in index["docs"]:
        for field in ("title", "text"):
            fragment = html5lib.parseFragment(doc[field], treebuilder="etree")
            assert [e.tag for e in fragment.iter() if e is not fragment] == [], doc[field]
            words += unescape(doc[field]) + "\n"
    for shown in ("Banjir", "Tarik", "Ralat", "Catatan", "Tolak", "Festival"):
        assert f"{shown} {MARKUP}" in words, shown
    for name in OFFICE_NAMES.values():
        assert name in words  # the heading as shown, found as written
    kantor = [d for d in index["docs"] if d["location"] == "kantor/komdigi/"]
    assert kantor[0]["title"] == escape(OFFICE_NAMES["komdigi"], quote=False)


def test_desk_pages_carry_a_strict_content_security_policy(hostile_desk: Path) -> None:
    from generator.public.headers import desk_policy

    policy = desk_policy(for_meta=True)
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "script-src 'self'" in policy and "worker-src 'self'" in policy
    for path, html in desk_pages(hostile_desk).items():
        head = html.split("</head>", 1)[0]
        (meta,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', head)
        assert unescape(meta) == policy, path
        # Before any script: a policy in <meta> covers only what comes after it.
        assert head.index("Content-Security-Policy") < head.index("<script"), path
        inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
        assert inline == [' id="__config" type="application/json"'], path  # data, not run
        assert "<style" not in html and " style=" not in html.split("<body", 1)[1], path
    snippet = (hostile_desk / "desk/nginx-headers.conf").read_text()
    assert f'add_header Content-Security-Policy "{desk_policy()}" always;' in snippet
