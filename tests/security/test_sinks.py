"""The sink checker can fail: known-bad HTML, pages and feeds are reported, and the
harmless look-alikes (escaped text, safe links) are not."""

from __future__ import annotations

import json

import pytest

from tests.security.sinks import (
    feed_sinks,
    fragment_sinks,
    json_feed_sinks,
    material_inline_scripts,
    page_sinks,
    url_scheme,
)

BAD_FRAGMENTS = [
    "<script>x()</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=x()>",
    "<IMG SRC=JaVaScRiPt:x()>",
    "<img src=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;x()>",
    "<img src=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;x()>",
    '<a href="jav&#x09;ascript:x()">t</a>',
    '<a href="jav&#x0A;ascript:x()">t</a>',
    '<a href=" &#14; javascript:x()">t</a>',
    "<a href=vbscript:x>t</a>",
    "<a href='data:text/html,<script>x()</script>'>t</a>",
    "<svg><a>x</a></svg>",
    "<math><mi>x</mi></math>",
    "<iframe></iframe>",
    "<object></object>",
    "<embed>",
    "<style>p{}</style>",
    "<base href=/>",
    "<form></form>",
    "<meta http-equiv=refresh content=0>",
    "<link rel=stylesheet href=x.css>",
    "<p style=color:red>x</p>",
    "<input type=image formaction=javascript:x()>",
    '<img srcset="a.png 1x, javascript:x() 2x">',
    "<iframe srcdoc='&lt;script&gt;x()&lt;/script&gt;'></iframe>",
    "<table background=javascript:x()>",
]
GOOD_FRAGMENTS = [
    "<p>&lt;script&gt;x()&lt;/script&gt;</p>",
    "<p>javascript:x() dan onerror=x() sebagai teks</p>",
    '<a href="https://example.go.id/">a</a><a href="mailto:a@b.id">b</a>',
    '<a href="tel:+62812">c</a><a href="../../aset/foto.png">d</a><a href="#x">e</a>',
    '<img src="../../aset/foto.png" alt="onerror=x()">',
    "<pre><code>&lt;svg onload=x()&gt;</code></pre>",
    "<!-- <script>x()</script> -->",
]


@pytest.mark.parametrize("fragment", BAD_FRAGMENTS)
def test_a_known_sink_is_reported(fragment: str) -> None:
    assert fragment_sinks(fragment) != []


@pytest.mark.parametrize("fragment", GOOD_FRAGMENTS)
def test_harmless_html_is_not_reported(fragment: str) -> None:
    assert fragment_sinks(fragment) == []


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:x", "javascript"),
        (" \x01JaVa\tScRiPt:x", "javascript"),
        ("java\nscript:x", "javascript"),
        ("java\ufffdscript:x", None),  # a NUL, as the parser hands it over: not a scheme
        ("/path:x", None),
        ("https://x", "https"),
        ("foto.png", None),
    ],
)
def test_url_scheme_is_read_like_a_browser_reads_it(url: str, scheme: str | None) -> None:
    assert url_scheme(url) == scheme


PAGE = (
    "<!doctype html><html><head><meta charset=utf-8>"
    "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'\">"
    "<title>t</title><link rel=canonical href=https://x.go.id/><style>p{{}}</style>"
    '<script type="application/ld+json">{{"a": 1}}</script>{head}</head>'
    "<body><p>isi</p>{body}</body></html>"
)


def test_a_clean_public_page_passes() -> None:
    assert page_sinks(PAGE.format(head="", body="")) == []


@pytest.mark.parametrize(
    ("head", "body"),
    [
        ("", "<script>x()</script>"),
        ("<script>x()</script>", ""),
        ("<meta http-equiv=refresh content='0;url=javascript:x()'>", ""),
        ("<link rel=stylesheet href=https://evil.example/x.css>", ""),
        ("<link rel=import href=x.html>", ""),
        ("<style>@import 'x.css';</style>", ""),
        ("", "<svg><path d=M0/></svg>"),
        ("", "<div onclick=x()>x</div>"),
        ("", "<form action=https://evil.example/></form>"),
        # JSON-LD broken out of: the parser ends the data block early.
        ('<script type="application/ld+json">{"a": "</script><script>x()</script>"}', ""),
    ],
)
def test_a_sink_in_a_public_page_is_reported(head: str, body: str) -> None:
    assert page_sinks(PAGE.format(head=head, body=body).replace("{{}}", "{}")) != []


def test_a_public_page_allows_the_bulletins_qr_codes_only() -> None:
    """The bulletin's inline QR codes are the theme's shapes; any other svg is a sink."""
    from generator.public.bulletinview import qr_svg

    qr = str(qr_svg("https://x.go.id/maluku/ambon/2026/rilis/"))
    assert page_sinks(PAGE.format(head="", body=f'<div class="qr">{qr}</div>')) == []
    for foreign in (
        qr.replace("<path", '<path onclick="x()"', 1),
        qr.replace("</g>", '<a href="javascript:x()"><path d="M0"/></a></g>'),
        qr.replace("</g>", "<script>x()</script></g>"),
        qr.replace("<g ", '<g style="x" ', 1),
        qr.replace('class="segno"', 'class="ikon"'),
    ):
        assert page_sinks(PAGE.format(head="", body=foreign)) != [], foreign


def test_the_desk_allows_materials_own_scripts_only() -> None:
    patterns = material_inline_scripts()
    assert len(patterns) >= 3  # read from the installed Material templates
    material = (
        "<script>var target=document.getElementById(location.hash.slice(1));target&&target.name"
        '&&(target.checked=target.name.startsWith("__tabbed_"))</script>'
        '<script id="__config" type="application/json">{"base": "."}</script>'
        '<script src="assets/javascripts/bundle.a5f9d56c.min.js"></script>'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 0"/></svg>'
        '<form class="md-search__form" name="search"><input name="query"></form>'
    )
    page = f"<!doctype html><html><head><title>d</title></head><body>{material}</body></html>"
    assert page_sinks(page, desk=True) == []
    for foreign in (
        "<script>window.__pwned=1</script>",
        '<script src="https://evil.example/assets/javascripts/bundle.js"></script>',
        '<script src="assets/javascripts/tidak-ada.js"></script>',
        '<script type="module">x()</script>',
        '<svg><a href="javascript:x()"><path d="M0"/></a></svg>',
        "<svg onload=x()></svg>",
        '<form action="javascript:x()"></form>',
    ):
        assert page_sinks(page.replace("</body>", foreign + "</body>"), desk=True) != [], foreign


ATOM = (
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
    '<entry><title type="text">&lt;script&gt;</title>'
    '<summary type="text">&lt;script&gt;x()&lt;/script&gt;</summary>'
    '<link href="{link}"/><content type="html">{html}</content></entry></feed>'
)
RSS = (
    "<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
    "<channel><title>t</title><item><title>&lt;b&gt;</title><link>{link}</link>"
    "<description>{html}</description><content:encoded>{encoded}</content:encoded>"
    "</item></channel></rss>"
)


def test_feeds_with_only_escaped_text_pass() -> None:
    safe = "&lt;p&gt;isi &amp;amp;lt;script&amp;amp;gt;&lt;/p&gt;"
    assert feed_sinks(ATOM.format(link="https://x.go.id/", html=safe).encode()) == []
    rss = RSS.format(link="https://x.go.id/", html=safe, encoded=safe)
    assert feed_sinks(rss.encode()) == []


@pytest.mark.parametrize(
    "bad",
    [
        {"html": "&lt;script&gt;x()&lt;/script&gt;"},
        {"html": "&lt;img src=x onerror=x()&gt;"},
        {"html": "<![CDATA[<svg onload=x()>]]>"},
        {"link": "javascript:x()"},
    ],
)
def test_a_sink_in_a_feed_is_reported(bad: dict[str, str]) -> None:
    values = {"link": "https://x.go.id/", "html": "isi", "encoded": "isi", **bad}
    atom = ATOM.format(link=values["link"], html=values["html"])
    assert feed_sinks(atom.encode()) != []
    assert feed_sinks(RSS.format(**values).encode()) != []
    if "html" in bad:  # content:encoded is checked on its own too
        encoded = RSS.format(link=values["link"], html="isi", encoded=values["html"])
        assert feed_sinks(encoded.encode()) != []


def test_atom_xhtml_content_is_checked() -> None:
    feed = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="xhtml">'
        '<div xmlns="http://www.w3.org/1999/xhtml"><p onclick="x()">x</p></div>'
        "</content></entry></feed>"
    )
    assert feed_sinks(feed.encode()) != []


def test_a_sink_in_a_json_feed_is_reported() -> None:
    def feed(**item: str) -> bytes:
        return json.dumps({"version": "1.1", "items": [{"id": "1", **item}]}).encode()

    assert json_feed_sinks(feed(content_html="<p>&lt;script&gt;</p>", url="https://x/")) == []
    assert json_feed_sinks(feed(content_html="<script>x()</script>")) != []
    assert json_feed_sinks(feed(content_html="<a href=javascript:x()>a</a>")) != []
    assert json_feed_sinks(feed(content_html="", url="javascript:x()")) != []
