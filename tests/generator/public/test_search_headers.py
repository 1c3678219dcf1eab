"""`_headers` (generator.public.headers.netlify_headers) as the two hosts that read it
apply it to the search page and Pagefind's files: each response gets exactly one
Content-Security-Policy, the search one under `cari/` and `pagefind/`, the site's
everywhere else; no host is told a Cache-Control (each revalidates, as pages do).

Netlify applies every rule whose path matches, a later rule's header replacing an
earlier one of the same name (`netlify dev`'s `headersForPath`), and skips a line
without a colon (`! Name`); Cloudflare Pages joins the values of every matching rule
with a comma (two policies, both enforced) unless a later rule detaches the header
with `! Name`."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from generator.public.headers import netlify_headers, policy, search_policy

CSS = "body{color:#000}"
SITES = ["nasional", "maluku"]
Rule = tuple[str, list[tuple[str, str]]]  # a path, and its lines: (name, value) or ("!", name)
Host = Callable[[str, str], dict[str, list[str]]]  # _headers, a path: the headers sent


def rules(text: str) -> list[Rule]:
    parsed: list[Rule] = []
    for line in text.splitlines():
        if line.startswith("/"):
            parsed.append((line, []))
        elif line.strip().startswith("!"):
            parsed[-1][1].append(("!", line.strip()[1:].strip()))
        elif line.strip():
            name, value = line.strip().split(":", 1)
            parsed[-1][1].append((name.strip(), value.strip()))
    return parsed


def matches(rule: str, path: str) -> bool:
    return re.fullmatch(re.escape(rule).replace(r"\*", ".*"), path) is not None


def netlify(text: str, path: str) -> dict[str, list[str]]:
    sent: dict[str, list[str]] = {}
    for rule, lines in rules(text):
        if matches(rule, path):
            mine: dict[str, list[str]] = {}
            for name, value in lines:
                if name != "!":
                    mine.setdefault(name, []).append(value)
            sent |= mine
    return sent


def cloudflare(text: str, path: str) -> dict[str, list[str]]:
    sent: dict[str, list[str]] = {}
    for rule, lines in rules(text):
        if matches(rule, path):
            for name, value in lines:
                if name == "!":
                    sent.pop(value, None)
                else:
                    sent.setdefault(name, []).append(value)
    return sent


@pytest.mark.parametrize("host", [netlify, cloudflare])
@pytest.mark.parametrize(
    ("path", "search"),
    [
        ("/nasional/", False),
        ("/nasional/kategori/berita/index.html", False),
        ("/maluku/ambon/2026/festival/index.html", False),
        ("/nasional/cari/", True),
        ("/nasional/cari/cari.js", True),
        ("/maluku/pagefind/pagefind.js", True),
        ("/maluku/pagefind/wasm.id.pagefind", True),
        ("/maluku/pagefind/index/id_1a2b3c4.pf_index", True),
        ("/nasional/pagefind/fragment/id_5d6e7f8.pf_fragment", True),
    ],
)
def test_each_response_gets_one_policy_the_right_one(host: Host, path: str, search: bool) -> None:
    sent = host(netlify_headers(CSS, SITES), path)
    wanted = search_policy(CSS) if search else policy(CSS)
    assert sent["Content-Security-Policy"] == [wanted]
    assert sent["X-Content-Type-Options"][0] == "nosniff"
    assert "Cache-Control" not in sent
