"""What `newsroom check` let through (issue 14, items 10-13), through the real CLI."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import feedparser
import pytest

from generator.content import placeholders
from generator.content.messages import CURATION, WORDS
from generator.content.repository import OFFICE, Layout, load_repository
from generator.public import feeds
from tests.conftest import FIXTURES, invoke, make_png, release_text
from tests.sitebuild import build_repo

NOW = "2026-11-24T10:30:00+08:00"


def check(root: Path, *args: str) -> tuple[int, str]:
    result = invoke(["check", "--now", NOW, *args], root)
    return result.exit_code, result.output


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


# --- 10. placeholders of `newsroom new` ----------------------------------------------


@pytest.mark.parametrize("category", ["siaran-pers", "klarifikasi"])
def test_a_published_release_with_the_scaffolds_text_is_refused(
    office_repo: Callable[..., Path], category: str
) -> None:
    root = office_repo()
    made = invoke(["new", "Rapat Koordinasi", "-c", category, "--now", NOW], root)
    path = root / made.stdout.strip()
    draft = path.read_text()
    code, said = check(root)
    assert code == 0, said  # a draft may hold them: a reminder only
    assert "peringatan: body: masih berisi teks contoh dari `newsroom new`" in said

    path.write_text(draft.replace("status: draft", "status: published"))
    code, said = check(root)
    _, english = check(root, "--lang", "en")
    assert code == 1, said
    shown = path.relative_to(root)
    body_line = line_of(draft, placeholders.BODY)
    assert (
        f"{shown}:{body_line}: body: masih berisi teks contoh dari `newsroom new`, padahal "
        "rilis ini bukan draf (tertulis 'Tulis paragraf pembuka di sini: apa, siapa"
    ) in said
    assert f"{shown}:{body_line}: body: still holds the sample text" in english
    if category == "klarifikasi":
        claimed = f"{shown}:{line_of(draft, 'claim:')}: claim.text: masih berisi teks contoh"
        assert claimed in said, said
    assert said.count("teks contoh dari `newsroom new`") == 1 + (category == "klarifikasi")
    assert "0 rilis sah" in said

    written = draft.replace("status: draft", "status: published")
    written = written.replace(placeholders.BODY, "Pemkab menggelar rapat koordinasi.")
    path.write_text(written.replace(placeholders.CLAIM, "Rapat dibatalkan."))
    code, said = check(root)
    assert code == 0 and "teks contoh" not in said, said


# --- 11. a date ahead of the clock ---------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "refused"),
    [
        ({"date": "2062-11-24 10:00"}, True),  # the mistyped year
        ({"date": "2026-11-26 10:00"}, True),  # two days ahead
        ({"date": "2026-11-25 09:00"}, False),  # within a day: clocks and zones differ
        ({"date": "2026-12-01 10:00", "publish_at": "2026-12-01 10:00"}, False),  # scheduled
        ({"date": "2026-12-01 10:00", "publish_at": "2026-11-20 10:00"}, True),  # lifts before
    ],
)
def test_a_date_more_than_a_day_ahead_is_refused_unless_scheduled(
    office_repo: Callable[..., Path], fields: dict[str, str], refused: bool
) -> None:
    text = release_text(**fields)
    year = fields["date"][:4]
    root = office_repo({f"releases/{year}/jauh.md": text})
    code, said = check(root)
    _, english = check(root, "--lang", "en")
    if not refused:
        assert code == 0, said
        return
    assert code == 1, said
    assert (
        f"releases/{year}/jauh.md:{line_of(text, 'date:')}: date: tanggal rilis lebih dari "
        f"sehari setelah sekarang (2026-11-24 10:30 WITA)"
    ) in said
    assert f"(tertulis {fields['date']!r}); tahun salah ketik? perbaiki `date`; atau " in said
    assert "tambahkan `publish_at` (tidak lebih awal dari `date`) untuk menjadwalkan" in said
    assert "a mistyped year? fix `date`; or add `publish_at`" in english


def test_the_clock_is_the_commands(office_repo: Callable[..., Path]) -> None:
    root = office_repo({"releases/2026/desember.md": release_text(date="2026-12-10 10:00")})
    assert check(root)[0] == 1
    assert invoke(["check", "--now", "2026-12-10T00:00:00Z"], root).exit_code == 0


# --- 12. body pictures, withdrawals and corrections ahead, feeds, credentials --------


def test_a_body_picture_without_alt_is_an_error(office_repo: Callable[..., Path]) -> None:
    text = release_text().replace(
        "Isi rilis contoh.\n",
        "Isi rilis contoh.\n\n![](assets/foto.png)\n\n![Bupati membuka rapat](assets/foto.png)\n"
        '\n<img src="assets/foto.png">\n',
    )
    root = office_repo({"releases/2026/foto.md": text})
    (root / "assets").mkdir()
    (root / "assets/foto.png").write_bytes(make_png(4, 3))
    code, said = check(root)
    _, english = check(root, "--lang", "en")
    assert code == 1, said
    lines = [line for line in said.splitlines() if "alternatif" in line]
    assert lines == [
        f"releases/2026/foto.md:{n}: body: gambar di isi rilis tanpa teks alternatif (alt) "
        f"(tertulis 'assets/foto.png'); tulis apa yang tampak di gambar di antara kurung "
        "siku, misalnya `![Bupati membuka rapat](assets/foto.jpg)`, untuk pembaca yang "
        "tidak dapat melihatnya"
        for n in (line_of(text, "![](assets"), line_of(text, "<img"))
    ]
    assert "a picture in the body has no alternative text (alt)" in english


@pytest.mark.parametrize(
    ("fields", "where", "wording"),
    [
        (
            {
                "status": "withdrawn",
                "withdrawn_reason": "Keliru.",
                "withdrawn_at": "2026-11-26 10:00",
            },
            "withdrawn_at",
            "waktu penarikan lebih dari sehari setelah sekarang (2026-11-24 10:30 WITA)",
        ),
        (
            {"updates": "[{date: '2062-11-20 10:00', note: Angka dikoreksi.}]"},
            "updates[1].date",
            "tanggal koreksi lebih dari sehari setelah sekarang (2026-11-24 10:30 WITA)",
        ),
    ],
)
def test_withdrawals_and_corrections_ahead_are_refused(
    office_repo: Callable[..., Path], fields: dict[str, str], where: str, wording: str
) -> None:
    text = release_text(date="2026-11-20 10:00", **fields)
    root = office_repo({"releases/2026/ditarik.md": text})
    code, said = check(root)
    assert code == 1, said
    assert f"releases/2026/ditarik.md:{line_of(text, where.split('[')[0] + ':')}: {where}: " in said
    assert wording in said and "tahun salah ketik?" in said
    # A few hours ahead (another zone's clock, the sync's stamp): accepted.
    root.joinpath("releases/2026/ditarik.md").write_text(
        text.replace("2026-11-26", "2026-11-24").replace("2062-11-20", "2026-11-24")
    )
    assert check(root)[0] == 0


def test_withdrawn_at_carries_its_offset_in_the_feeds(office_repo: Callable[..., Path]) -> None:
    root = office_repo(
        {
            "releases/2026/ditarik.md": release_text(
                date="2026-11-10 10:00",
                status="withdrawn",
                withdrawn_reason="Acara batal.",
                withdrawn_at="2026-11-12 09:30",
            )
        }
    )
    (release,) = load_repository(Layout(root, OFFICE)).releases
    site = "https://berita.example.go.id/"
    gone = feeds.FeedEntry(release, site + release.url, site + release.url, "", "", None)
    spec = feeds.FeedSpec("Uji", site, "", site, (), (gone,), release.updated)
    (withdrawn,) = json.loads(feeds.json_feed(spec))["_newsroom"]["withdrawn"]
    every = {k: v for k, v in withdrawn["front_matter"].items() if k in ("date", "withdrawn_at")}
    rfc3339 = re.compile(r"\A\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)\Z")
    assert all(rfc3339.match(value) for value in every.values()), every
    assert every["withdrawn_at"] == "2026-11-12T09:30:00+08:00"  # the office's WITA
    assert datetime.fromisoformat(every["withdrawn_at"]) == release.meta.withdrawn_at
    parsed = feedparser.parse(feeds.atom(spec))
    assert not parsed.bozo
    assert 'when="2026-11-12T01:30:00Z"' in feeds.atom(spec).decode()


@pytest.mark.parametrize(
    "source",
    [
        "{git: 'https://kantor:s3kr1t@git.example.go.id/rilis.git'}",
        "{git: 'https://ghp_s3kr1t@github.com/kantor/rilis.git'}",
        "{feed: 'https://kantor:s3kr1t@humas.example.go.id/feed.json'}",
    ],
)
def test_a_credential_in_a_source_url_is_reported_by_check(
    central_repo: Callable[..., Path], source: str
) -> None:
    root = central_repo({})
    offices = root / "content/offices.yml"
    text = offices.read_text().replace("  level: kota\n", f"  level: kota\n  source: {source}\n", 1)
    offices.write_text(text)
    code, said = check(root)
    _, english = check(root, "--lang", "en")
    assert code == 1, said
    field = "source.git" if "git:" in source else "source.feed"
    assert (
        f"content/offices.yml:{line_of(text, 'source:')}: {field}: alamat sumber memuat kredensial"
    ) in said
    assert "***@" in said and "s3kr1t" not in said + english  # the secret is not repeated
    assert "remove the `user:password@` part" in english


@pytest.mark.parametrize(
    "source",
    [
        "{feed: 'ftp://tok:s3cret@example.invalid/feed.json'}",  # a scheme not allowed
        "{feed: 'https://tok:s3cret@example.invalid/feed .json'}",  # a space
        "{feed: 'https://tok:s3cret@[example.invalid/feed.json'}",  # urlsplit raises
        "{feed: 'https://tok:s3cret@example.invalid/" + "f" * 500 + ".json'}",  # too long
        "{git: 'https://s3cret@git.example.invalid/" + "r" * 500 + ".git'}",  # too long
    ],
)
def test_a_credential_in_a_malformed_source_url_is_never_repeated(
    tmp_path: Path, source: str
) -> None:
    """Checked before the address's other checks: their messages quote the address."""
    assert invoke(["init", "central", "pusat"], tmp_path).exit_code == 0
    root = tmp_path / "pusat"
    offices = root / "content/offices.yml"
    offices.write_text(
        offices.read_text().replace(
            "\n[]\n",
            "\n- id: kutai-timur\n  name: Diskominfo Kabupaten Kutai Timur\n"
            f"  level: kabupaten\n  province: '64'\n  source: {source}\n",
        )
    )
    code, said = check(root)
    _, english = check(root, "--lang", "en")
    assert code == 1, said
    assert "s3cret" not in said + english, said + english
    assert "alamat sumber memuat kredensial" in said and "***@" in said
    assert "the source address carries a credential" in english


def test_a_feed_url_urlsplit_cannot_read_is_refused_not_a_crash(tmp_path: Path) -> None:
    assert invoke(["init", "central", "pusat"], tmp_path).exit_code == 0
    offices = tmp_path / "pusat/content/offices.yml"
    offices.write_text(
        offices.read_text().replace(
            "\n[]\n",
            "\n- id: kutai-timur\n  name: Diskominfo Kabupaten Kutai Timur\n"
            "  level: kabupaten\n  province: '64'\n"
            "  source: {feed: 'https://[example.invalid/feed.json'}\n",
        )
    )
    code, said = check(tmp_path / "pusat", "--lang", "en")
    assert code == 1 and "source.feed: is not a valid address" in said, said


def test_an_ssh_user_is_no_credential(central_repo: Callable[..., Path]) -> None:
    root = central_repo({})
    offices = root / "content/offices.yml"
    offices.write_text(
        offices.read_text().replace(
            "  level: kota\n", "  level: kota\n  source: {git: 'git@git.example.go.id:r.git'}\n"
        )
    )
    assert check(root)[0] == 0


# --- 13. curation wording ------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_curate_list_without_a_curation_file_says_so(
    central_repo: Callable[..., Path], lang: str
) -> None:
    root = central_repo({})
    (root / "content/national/curation.yml").unlink()
    result = invoke(["curate", "list", "--lang", lang, "--now", NOW], root)
    assert result.exit_code == 0
    expected = "No national curation yet" if lang == "en" else "Belum ada kurasi nasional"
    assert result.output.startswith(expected), result.output
    assert "content/national/curation.yml" in result.output


def test_an_empty_curation_file_says_so(central_repo: Callable[..., Path]) -> None:
    root = central_repo({})  # its curation.yml: `featured: []`
    result = invoke(["curate", "list", "--now", NOW], root)
    assert (result.exit_code, result.output) == (
        0,
        "Kurasi nasional kosong; tambahkan rilis dengan `newsroom curate add <id>`\n",
    )


def test_refused_by_the_sync_and_declined_by_the_desk_are_two_words() -> None:
    refused, declined = WORDS["refused"][0], WORDS["declined"][0]
    assert refused != declined and refused not in declined and declined not in refused
    assert refused == "ditolak"
    desk_says = [CURATION[code][0] for code in ("declined", "already_declined")]
    assert all(declined in text and refused not in text for text in desk_says), desk_says


def test_the_build_leaves_out_a_release_dated_ahead_and_builds_the_rest(tmp_path: Path) -> None:
    """What `check` and the sync refuse never tops the lists of a build either (a central
    editor's hand edit, or content from before the rule)."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "golden" / "content", root / "content")
    shutil.copy(FIXTURES / "golden" / "mkdocs.yml", root / "mkdocs.yml")
    ahead = root / "content/releases/komdigi/2062/tahun-salah.md"
    ahead.parent.mkdir(parents=True)
    ahead.write_text(release_text(title="Tahun Salah Ketik", date="2062-11-20 10:00"))
    now = datetime.fromisoformat(NOW)
    out = build_repo(root, now, "https://pusat.example.go.id/")
    assert not (out / "nasional/komdigi/2062").exists()
    home = (out / "nasional/index.html").read_text()
    assert "Tahun Salah Ketik" not in home
    assert (out / "nasional/komdigi/2026/hoaks-bansos-pulsa/index.html").exists()
