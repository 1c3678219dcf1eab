"""Security headers for the public sites: a Content-Security-Policy that allows our
one inline stylesheet (by its hash) and no script at all, plus nosniff and a
referrer policy. Written as one `_headers` at the root of the output (Netlify and
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
    lines += ["/*"] + [f"  {name}: {value}" for name, value in HEADERS]
    return "\n".join(lines) + "\n"


def nginx_snippet(css: str | None) -> str:
    """`css`: the public site's stylesheet; None for the desk."""
    csp = policy(css) if css is not None else desk_policy()
    lines = [
        "# include this inside the server/location block that serves the site",
        "gzip_static on;  # send the .gz twins the build writes beside every text file",
        # The plain texts for WhatsApp and the bulletin's are UTF-8 (Indonesian names,
        # dashes): said in their Content-Type, not left to the phone's guess.
        "charset utf-8;",
        f'add_header Content-Security-Policy "{csp}" always;',
    ]
    lines += [f'add_header {name} "{value}" always;' for name, value in HEADERS]
    return "\n".join(lines) + "\n"
