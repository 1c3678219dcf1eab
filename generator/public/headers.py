"""Security headers for the public sites: a Content-Security-Policy that allows our
one inline stylesheet (by its hash) and no script at all (but on the search page,
`/cari/`, and the index it reads, `/pagefind/`: see `search_policy`), plus nosniff
and a referrer policy. Written as one `_headers` at the root of the output (Netlify and
Cloudflare Pages read it only there) and as an nginx snippet in each site, and also
put in each page as a `<meta>` so a site served without them (a USB stick, a plain
file server) is protected too. The desk has a policy of its own (Material runs
scripts), in its pages' `<meta>` and its own nginx snippet, never in `_headers`."""

from __future__ import annotations

import base64
import hashlib


def style_hash(css: str) -> str:
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(css: str, *, for_meta: bool = False, live_reload: bool = False) -> str:
    """No script, no plugin, no frame; styles only ours; images only ours; forms only
    to the site itself (the header's search box opens `/cari/?q=`).

    `frame-ancestors` is ignored in a `<meta>` policy, so it is left out there.
    `live_reload`: only for `newsroom serve` on the writer's own machine, whose pages
    carry MkDocs' live-reload script (inline, different on every request) and poll
    the server; never for a built site."""
    parts = [
        "default-src 'none'",
        f"style-src {style_hash(css)}",
        "img-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
    ]
    if live_reload:
        parts += ["script-src 'unsafe-inline'", "connect-src 'self'"]
    if not for_meta:
        parts.append("frame-ancestors 'none'")
    return "; ".join(parts)


# The search page's own script and Pagefind's: its WebAssembly is compiled in the page
# ('wasm-unsafe-eval' allows that and nothing else: no eval of JavaScript), and its
# index is fetched piece by piece from the site (connect-src).
SEARCH_SOURCES = ("script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'")
SEARCH_FOLDERS = ("cari", "pagefind")  # the only paths whose policy allows a script


def search_policy(css: str, *, for_meta: bool = False, live_reload: bool = False) -> str:
    """The policy of the search page (and of the index files, which are never pages):
    the public one, with our script, Pagefind's and its WebAssembly allowed."""
    parts = policy(css, for_meta=for_meta).split("; ")
    sources = list(SEARCH_SOURCES)
    if live_reload:
        sources = ["script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'", "connect-src 'self'"]
    return "; ".join(parts[:2] + sources + parts[2:])


def desk_policy(*, for_meta: bool = False, live_reload: bool = False) -> str:
    """The editors' desk runs Material's scripts: scripts, styles, its search worker and
    the index it fetches only from the desk itself; no inline script or style (the
    desk theme loads Material's few inline scripts from files), no eval. Images may be
    `data:`: Material's stylesheet draws its icons from `data:` SVG masks.

    `live_reload`: only for `newsroom serve` (see `policy`)."""
    parts = [
        "default-src 'none'",
        "script-src 'self'" + (" 'unsafe-inline'" if live_reload else ""),
        "worker-src 'self'",
        "connect-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    if not for_meta:
        parts.append("frame-ancestors 'none'")
    return "; ".join(parts)


HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
)


def netlify_headers(css: str, folders: list[str]) -> str:
    """`_headers` for the root of the output folder (Netlify and Cloudflare Pages read it
    only there): the policy for each public site's folder, plain headers elsewhere.
    The desk is not named here (it is never advertised): its pages carry the policy
    in `<meta>`, and its folder its own nginx snippet."""
    lines = []
    for folder in folders:
        lines += [f"/{folder}/*", f"  Content-Security-Policy: {policy(css)}"]
        lines += [f"  {name}: {value}" for name, value in HEADERS]
        for search in SEARCH_FOLDERS:
            # A path matching two rules gets both rules' headers; two policies would both
            # be enforced, so the site's is detached first (`! Name`, Cloudflare's syntax).
            lines += [f"/{folder}/{search}/*", "  ! Content-Security-Policy"]
            lines += [f"  Content-Security-Policy: {search_policy(css)}"]
    lines += ["/*"] + [f"  {name}: {value}" for name, value in HEADERS]
    return "\n".join(lines) + "\n"


# Without twins (`precompress: false`), nginx compresses the text types as it sends them.
ON_THE_FLY = (
    "gzip on;  # no .gz twins (precompress: false): compressed as sent\n"
    "gzip_types text/css application/javascript application/json application/xml "
    "application/atom+xml application/rss+xml application/feed+json text/plain image/svg+xml;"
)


def nginx_snippet(css: str | None, *, search: bool = False, precompress: bool = True) -> str:
    """`css`: the public site's stylesheet; None for the desk. `search`: the snippet for
    the search page and its index (`location ~ /(cari|pagefind)/`, see the README).
    `precompress`: the build wrote `.gz` twins for nginx to send."""
    csp = desk_policy() if css is None else search_policy(css) if search else policy(css)
    lines = [
        "# include this inside the server/location block that serves the site"
        if not search
        else "# include this inside the site's location ~ /(cari|pagefind)/ block only",
        "gzip_static on;  # send the .gz twins the build writes beside every text file"
        if precompress
        else ON_THE_FLY,
        # The plain texts for WhatsApp and the bulletin's are UTF-8 (Indonesian names,
        # dashes): said in their Content-Type, not left to the phone's guess.
        "charset utf-8;",
        f'add_header Content-Security-Policy "{csp}" always;',
    ]
    lines += [f'add_header {name} "{value}" always;' for name, value in HEADERS]
    return "\n".join(lines) + "\n"
