"""Security headers for the public sites: a Content-Security-Policy that allows our
one inline stylesheet (by its hash) and no script at all, plus nosniff and a
referrer policy. Written as one `_headers` at the root of the output (Netlify and
Cloudflare Pages read it only there) and as an nginx snippet in each site, and also
put in each page as a `<meta>` so a site served without them (a USB stick, a plain
file server) is protected too."""

from __future__ import annotations

import base64
import hashlib


def style_hash(css: str) -> str:
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(css: str, *, for_meta: bool = False, live_reload: bool = False) -> str:
    """No script, no plugin, no frame, no form; styles only ours; images only ours.

    `frame-ancestors` is ignored in a `<meta>` policy, so it is left out there.
    `live_reload`: only for `newsroom serve` on the writer's own machine, whose pages
    carry MkDocs' live-reload script (inline, different on every request) and poll
    the server; never for a built site."""
    parts = [
        "default-src 'none'",
        f"style-src {style_hash(css)}",
        "img-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    if live_reload:
        parts += ["script-src 'unsafe-inline'", "connect-src 'self'"]
    if not for_meta:
        parts.append("frame-ancestors 'none'")
    return "; ".join(parts)


HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
)


def netlify_headers(css: str, folders: list[str]) -> str:
    """`_headers` for the root of the output folder (Netlify and Cloudflare Pages read it
    only there): the policy for each public site's folder, plain headers elsewhere."""
    lines = []
    for folder in folders:
        lines += [f"/{folder}/*", f"  Content-Security-Policy: {policy(css)}"]
        lines += [f"  {name}: {value}" for name, value in HEADERS]
    lines += ["/*"] + [f"  {name}: {value}" for name, value in HEADERS]
    return "\n".join(lines) + "\n"


def nginx_snippet(css: str) -> str:
    lines = [
        "# include this inside the server/location block that serves the site",
        "gzip_static on;  # send the .gz twins the build writes beside every text file",
        f'add_header Content-Security-Policy "{policy(css)}" always;',
    ]
    lines += [f'add_header {name} "{value}" always;' for name, value in HEADERS]
    return "\n".join(lines) + "\n"
