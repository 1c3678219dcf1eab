"""`make demo`'s web server: the built sites on 127.0.0.1, as nginx would serve them.

Python's own `http.server` answers a missing page with its English error page and
lists folders that have no index.html. The sites have their own `404.html` each
(`site/<site>/404.html`, in Indonesian, with the site's navigation), and a reader
should see that one, with status 404, as `error_page 404` gives behind nginx.
This is for trying the sample on your own machine, never for the public: it binds
only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import re
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

HOST = "127.0.0.1"
NOT_FOUND_PAGE = "404.html"
# A site folder's name as the build writes it (`maluku`, `kalimantan-timur`): the first
# path segment is only ever looked up as one of these, never as a path.
_SITE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the output folder; a 404 inside a site is that site's own 404.html."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self._not_found_page() if code == 404 else None
        if page is None:
            super().send_error(code, message, explain)
            return
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(page)

    def list_directory(self, path: str | Path) -> BytesIO | None:  # type: ignore[override]
        # A folder without index.html is not a page: no listing, as nginx's default.
        self.send_error(404)
        return None

    def _not_found_page(self) -> bytes | None:
        segment = unquote(urlsplit(self.path).path).lstrip("/").split("/", 1)[0]
        if not _SITE.match(segment):
            return None
        try:
            return (Path(self.directory) / segment / NOT_FOUND_PAGE).read_bytes()
        except OSError:
            return None

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal is for the demo's own messages; a 404 is no news here


def make_server(directory: Path, port: int) -> ThreadingHTTPServer:
    """A server for `directory` on 127.0.0.1:`port` (0: any free port), not yet started."""
    handler = partial(SiteHandler, directory=str(directory))
    return ThreadingHTTPServer((HOST, port), handler)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m generator.host.devserver",
        description="Serve the built sites on 127.0.0.1, each with its own 404 page.",
    )
    parser.add_argument("--directory", type=Path, default=Path("site"), help="default: site")
    parser.add_argument("--port", type=int, default=8000, help="default: 8000")
    args = parser.parse_args(argv)
    server = make_server(args.directory, args.port)
    with server, contextlib.suppress(KeyboardInterrupt):  # Ctrl+C ends the demo quietly
        server.serve_forever()


if __name__ == "__main__":
    main()
