"""What could run script in an HTML fragment: real elements and attributes, found by
parsing (escaped text that merely looks like markup is harmless)."""

from __future__ import annotations

from html.parser import HTMLParser

DANGEROUS = frozenset(
    ("script", "svg", "math", "iframe", "object", "embed", "style", "base", "form", "meta", "link")
)
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


class _Sinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DANGEROUS:
            self.found.append(tag)
        for name, value in attrs:
            # HTMLParser has already decoded entities in attribute values.
            url = "".join((value or "").split()).lower()
            if (
                name.startswith("on")
                or name == "style"
                or (
                    name in ("href", "src", "action", "formaction", "xlink:href")
                    and url.startswith(BAD_SCHEMES)
                )
            ):
                self.found.append(f"{tag} {name}={value!r}")


def sinks(fragment: str) -> list[str]:
    parser = _Sinks()
    parser.feed(fragment)
    parser.close()
    return parser.found
