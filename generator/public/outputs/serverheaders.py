"""The site's security headers as nginx snippets, one for the site and one for its
search page and index (see generator.public.headers;
the `_headers` file for Netlify and Cloudflare is written once at the output's root)."""

from __future__ import annotations

from generator.public import headers
from generator.public.outputs.base import Input, Output, Plan
from generator.public.sitekit import SiteKit


class NginxHeaders(Output):
    name = "nginx headers"
    paths = ("nginx-headers.conf", "nginx-search-headers.conf")
    reads = frozenset[Input]()  # the theme's stylesheet only
    uses_now = False

    def write(self, kit: SiteKit, plan: Plan) -> None:
        css, precompress = str(kit.chrome.css), kit.settings.precompress
        snippet = headers.nginx_snippet(css, precompress=precompress)
        kit.writer.write_text("nginx-headers.conf", snippet, "headers")
        # The search page and its index: the one place a script may run (see the README).
        search = headers.nginx_snippet(css, search=True, precompress=precompress)
        kit.writer.write_text("nginx-search-headers.conf", search, "headers")
