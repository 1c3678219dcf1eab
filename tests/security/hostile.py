"""A hostile office: XSS filter-evasion vectors (OWASP cheat sheet, ammonia's tests) in
bodies, in every front-matter text field and in link and image URLs; svg/math
namespace tricks; bidi controls and homoglyphs. Each payload, if it ever ran, would
call alert() or set `window.__pwned`, which the browser test watches for."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_png

CANARY = "window.__pwned=1"

BODY_VECTORS = [
    f"<script>{CANARY}</script>",
    f"<img src=x onerror={CANARY}>",
    f'<IMG SRC="javascript:{CANARY}">',
    f"<IMG SRC=JaVaScRiPt:{CANARY}>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
    f'<IMG SRC="jav&#x09;ascript:{CANARY};">',
    f"<svg onload={CANARY}>",
    f"<svg><script>{CANARY}</script></svg>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={CANARY}></style></mglyph>",
    f'<math href="javascript:{CANARY}">x</math>',
    f'<iframe src="javascript:{CANARY}"></iframe>',
    f'<object data="javascript:{CANARY}"></object>',
    f'<embed src="javascript:{CANARY}">',
    f"<body onload={CANARY}>",
    f"<details open ontoggle={CANARY}>x</details>",
    f'<a href="javascript:{CANARY}">klik</a>',
    f"[klik](javascript:{CANARY})",
    f"[klik](JAVASCRIPT:{CANARY})",
    "[klik](&#x6A;avascript:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik](vbscript:msgbox(1))",
    f"![x](javascript:{CANARY})",
    "![x](https://evil.example/pixel.png)",
    f'<a href="  javascript:{CANARY}">spasi</a>',
    f'<div style="background:url(javascript:{CANARY})">gaya</div>',
    f"<style>@import 'javascript:{CANARY}';</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    f'<form action="javascript:{CANARY}"><button>kirim</button></form>',
    f"<<SCRIPT>{CANARY}//<</SCRIPT>",
    f'<noscript><p title="</noscript><img src=x onerror={CANARY}>"></noscript>',
    f"<textarea><script>{CANARY}</script></textarea>",
    f"<!--<img src=x onerror={CANARY}>-->",
    f'<a href="java\tscript:{CANARY}">tab</a>',
    f"`<script>{CANARY}</script>` dan ```\n<script>{CANARY}</script>\n```",
]
# Front matter is text: these must come out as visible characters, never markup.
TEXT_VECTORS = [
    f"<script>{CANARY}</script>",
    f'"><img src=x onerror={CANARY}>',
    f"'><svg onload={CANARY}>",
    f"</title><script>{CANARY}</script>",
    f"</script><script>{CANARY}</script>",
    "{{ 7*7 }} {% raw %}",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]
HOMOGLYPH_TITLE = "Pеngumuman Реsmi"  # Cyrillic е and Р: still text, slug stays ASCII
BIDI_TITLE = "Rilis \u202eaksip\u202c resmi"  # bidi override: refused


def release(n: int, body: str, text: str) -> str:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    category = "klarifikasi" if n % 3 == 0 else "berita"
    claim = (
        f'claim:\n  text: "{quoted}"\n  verdict: hoaks\n  appeared_in: ["{quoted}"]\n'
        if category == "klarifikasi"
        else ""
    )
    return (
        "---\n"
        f'title: "Rilis {n} {quoted}"\n'
        f"date: 2026-11-{1 + n % 20:02d} 10:00\n"
        f"category: {category}\n"
        f'summary: "{quoted}"\n'
        f'tags: ["{quoted}", banjir]\n'
        f'regions: ["{quoted}"]\n'
        f'image: {{src: assets/foto.png, alt: "{quoted}"}}\n'
        f'attachments: [{{title: "{quoted}", src: assets/dokumen.pdf}}]\n'
        f'contact: {{name: "{quoted}", phone: "0812 <b>x</b>"}}\n'
        f'updates: [{{date: "2026-11-21 09:00", note: "{quoted}"}}]\n'
        f"{claim}"
        "propose_national: true\n"
        "---\n"
        f"Paragraf pembuka rilis {n}.\n\n{body}\n\nParagraf penutup.\n"
    )


def hostile_files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "assets/foto.png": make_png(16, 9),
        "assets/dokumen.pdf": b"%PDF-1.4\n%%EOF\n",
    }
    for n, body in enumerate(BODY_VECTORS):
        text = TEXT_VECTORS[n % len(TEXT_VECTORS)]
        files[f"releases/2026/rilis-jahat-{n:02d}.md"] = release(n, body, text)
    files["releases/2026/homoglif.md"] = release(90, "Isi.", "x").replace(
        'title: "Rilis 90 x"', f'title: "{HOMOGLYPH_TITLE}"'
    )
    files["releases/2026/bidi.md"] = release(91, "Isi.", "x").replace(
        'title: "Rilis 91 x"', f'title: "{BIDI_TITLE}"'
    )
    return files


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
