"""What could run script in HTML we publish, found by parsing the way a browser does
(html5lib: the WHATWG parsing algorithm, namespaces included), never by matching
text: escaped text that merely looks like markup is harmless, and markup that a
regex would miss (`<IMG SRC=JaVaScRiPt:...>`, entities, tabs inside a scheme) is not.

Three strictness levels:

- `fragment_sinks`: HTML that came from content (a rendered release body, feed
  HTML). Only the sanitiser's allow-list can be there: any script, style, svg,
  math, iframe, object, embed, base, form, meta or link element, any `on*` or
  `style` attribute, any URL with a scheme other than http, https, mailto, tel.
- `page_sinks`: a whole page of the public (lite) theme. The same rules, except
  what the theme itself puts in <head>: its one <style>, meta and link elements
  (checked: no refresh, no foreign stylesheet) and JSON-LD data blocks (which a
  browser never runs; their text must parse as JSON, so no breakout).
- `page_sinks(..., desk=True)`: the desk is Material for MkDocs, which has its
  own scripts. Allowed: external scripts from Material's own
  `assets/javascripts/` or the desk theme's, inline scripts that are exactly Material's templates
  (read from the installed package), its `__config` JSON block, icon-only svg,
  and its search form (no action). Anything else is a sink.

Feeds: `feed_sinks` (Atom, RSS: every HTML-carrying element and every link) and
`json_feed_sinks` (JSON Feed `content_html` and URLs).
"""

from __future__ import annotations

import functools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

import html5lib

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
MATHML = "{http://www.w3.org/1998/Math/MathML}"
XLINK = "{http://www.w3.org/1999/xlink}"
ATOM = "{http://www.w3.org/2005/Atom}"

SAFE_SCHEMES = frozenset(("http", "https", "mailto", "tel"))
# Elements that run script, load a document or change how URLs resolve.
FORBIDDEN = frozenset(
    (
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "base",
        "form",
        "meta",
        "link",
        "portal",
    )
)
# Attributes whose value a browser resolves as a URL (one, or a list).
URL_ATTRIBUTES = frozenset(
    (
        "href",
        "src",
        "action",
        "formaction",
        "data",
        "background",
        "poster",
        "cite",
        "longdesc",
        "lowsrc",
        "dynsrc",
        "codebase",
        "classid",
        "manifest",
        "icon",
        "profile",
        f"{XLINK}href",
    )
)
URL_LIST_ATTRIBUTES = frozenset(("srcset", "imagesrcset", "ping", "archive"))
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_CSS_SINK = re.compile(
    r"expression\s*\(|javascript:|vbscript:|-moz-binding|behavior\s*:|@import|url\s*\(\s*['\"]?\s*(?:javascript|vbscript|data):",
    re.I,
)


# --- URLs ---------------------------------------------------------------------------------


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see (WHATWG URL parser: leading/trailing C0 controls and
    spaces dropped, tabs and newlines removed anywhere), lower case; None if relative."""
    url = re.sub(r"[\t\n\r]", "", value.strip(_C0_AND_SPACE))
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else None


def unsafe_url(value: str) -> bool:
    scheme = url_scheme(value)
    return scheme is not None and scheme not in SAFE_SCHEMES


def _url_list(name: str, value: str) -> list[str]:
    if name in ("srcset", "imagesrcset"):
        return [c.strip().split(" ")[0] for c in value.split(",") if c.strip()]
    return value.split()


def css_sink(css: str) -> bool:
    """CSS that can run script or pull in another sheet (old IE, old Firefox, @import)."""
    return bool(_CSS_SINK.search(re.sub(r"/\*.*?\*/|\\", "", css, flags=re.S)))


# --- elements -------------------------------------------------------------------------------


def _name(element: ET.Element) -> str:
    """`svg:svg`, `math:mi`, or the plain name of an HTML element."""
    tag = element.tag
    if tag.startswith(XHTML):
        return tag[len(XHTML) :]
    if tag.startswith(SVG):
        return "svg:" + tag[len(SVG) :]
    if tag.startswith(MATHML):
        return "math:" + tag[len(MATHML) :]
    return tag


def _attribute_sink(attribute: str, value: str, *, allow_style: bool) -> bool:
    local = attribute.rsplit("}", 1)[-1].lower()
    if local.startswith("on") or local == "srcdoc":
        return True
    if local == "style":
        return not allow_style or css_sink(value)
    if attribute in URL_ATTRIBUTES:
        return unsafe_url(value)
    if attribute in URL_LIST_ATTRIBUTES:
        return any(unsafe_url(u) for u in _url_list(attribute, value))
    return False


def _attribute_sinks(element: ET.Element, *, allow_style: bool) -> Iterator[str]:
    name = _name(element)
    for attribute, value in element.attrib.items():
        if _attribute_sink(attribute, value, allow_style=allow_style):
            yield f"<{name} {attribute}={value!r}>"


def _element_sinks(root: ET.Element) -> Iterator[str]:
    """The strict rules, for every element under `root` (not `root` itself)."""
    for element in root.iter():
        if element is root or not isinstance(element.tag, str):
            continue  # comments are inert
        name = _name(element)
        if name.startswith(("svg:", "math:")) or name in FORBIDDEN:
            yield f"<{name}>"
        yield from _attribute_sinks(element, allow_style=False)


def fragment_sinks(fragment: str) -> list[str]:
    """Every executable sink in an HTML fragment that came from content."""
    root = html5lib.parseFragment(fragment, treebuilder="etree", container="div")
    return list(_element_sinks(root))


# Kept for callers that predate the stricter names.
sinks = fragment_sinks


# --- whole pages ------------------------------------------------------------------------------

_HEAD_LINK_RELS = frozenset(
    ("canonical", "alternate", "icon", "stylesheet", "next", "prev", "license", "author")
)


def page_sinks(html: str, *, desk: bool = False) -> list[str]:
    """Every executable sink in a whole built page (`desk`: a Material desk page)."""
    document = html5lib.parse(html, treebuilder="etree")
    head = document.find(f"{XHTML}head")
    body = document.find(f"{XHTML}body")
    found: list[str] = []
    if head is not None:
        for element in head:
            if isinstance(element.tag, str):
                found += _head_element_sinks(element, desk)
    if body is not None:
        found += _body_sinks(body, desk)
    return found


def _head_element_sinks(element: ET.Element, desk: bool) -> list[str]:
    name = _name(element)
    found = list(_attribute_sinks(element, allow_style=False))
    if name == "style":
        if css_sink(element.text or ""):
            found.append("<style> with a script-capable rule")
    elif name == "meta":
        equiv = (element.get("http-equiv") or "").lower()
        if equiv and equiv != "content-security-policy":
            found.append(f"<meta http-equiv={equiv!r}>")
    elif name == "link":
        rels = set((element.get("rel") or "").lower().split())
        if not rels or rels - _HEAD_LINK_RELS:
            found.append(f"<link rel={element.get('rel')!r}>")
        if "stylesheet" in rels and url_scheme(element.get("href", "")) is not None:
            found.append(f"<link rel=stylesheet href={element.get('href')!r}> from another host")
    elif name == "script":
        found += _script_sinks(element, desk)
    elif name in ("title", "noscript"):
        pass
    elif name in FORBIDDEN or name.startswith(("svg:", "math:")):
        found.append(f"<{name}> in <head>")
    return found


def _body_sinks(body: ET.Element, desk: bool) -> list[str]:
    found = list(_attribute_sinks(body, allow_style=False))
    skip: set[int] = set()
    for element in body.iter():
        if element is body or not isinstance(element.tag, str) or id(element) in skip:
            continue
        name = _name(element)
        if desk and name == "script":
            found += _script_sinks(element, desk)
            found += _attribute_sinks_list(element)
        elif (desk and name == "svg:svg" and _is_icon(element)) or (
            not desk and name == "svg:svg" and _is_qr_code(element)
        ):
            skip.update(id(e) for e in element.iter())
        elif desk and name == "form" and not _form_submits_somewhere(element):
            found += _attribute_sinks_list(element)
        elif name.startswith(("svg:", "math:")) or name in FORBIDDEN:
            found.append(f"<{name}>")
        else:
            found += _attribute_sinks_list(element)
    return found


def _attribute_sinks_list(element: ET.Element) -> list[str]:
    return list(_attribute_sinks(element, allow_style=False))


def _form_submits_somewhere(form: ET.Element) -> bool:
    return any(form.get(a) is not None for a in ("action", "method", "target"))


_ICON_ELEMENTS = frozenset(("svg:svg", "svg:path", "svg:g", "svg:circle", "svg:rect"))
_ICON_ATTRIBUTES = frozenset(
    (
        "{http://www.w3.org/2000/xmlns/}xmlns",
        "viewBox",
        "d",
        "fill",
        "class",
        "width",
        "height",
        "aria-hidden",
        "focusable",
    )
)


def _is_icon(svg: ET.Element) -> bool:
    """Material's inline icons: shapes only, no links, scripts, styles or handlers."""
    return all(
        _name(e) in _ICON_ELEMENTS and set(e.attrib) <= _ICON_ATTRIBUTES
        for e in svg.iter()
        if isinstance(e.tag, str)
    )


_QR_ELEMENTS = _ICON_ELEMENTS | {"svg:g"}
_QR_ATTRIBUTES = _ICON_ATTRIBUTES | {"stroke", "transform"}


def _is_qr_code(svg: ET.Element) -> bool:
    """The lite theme's own QR codes (the weekly bulletin's, made by segno in
    generator.public.bulletinview): shapes only, drawn in black and white, no link,
    script, style or handler. Content never brings an svg (the sanitiser drops it)."""
    return svg.get("class") == "segno" and all(
        _name(e) in _QR_ELEMENTS
        and set(e.attrib) <= _QR_ATTRIBUTES
        and all(e.get(a, "#000") in ("#000", "#fff") for a in ("fill", "stroke"))
        for e in svg.iter()
        if isinstance(e.tag, str)
    )


# --- scripts ----------------------------------------------------------------------------------


def _script_sinks(script: ET.Element, desk: bool) -> list[str]:
    kind = (script.get("type") or "").strip().lower()
    text = script.text or ""
    src = script.get("src")
    shown = f"<script type={kind!r} src={src!r}>{text[:80]!r}"
    if kind in ("application/ld+json", "application/json") and src is None:
        # A data block: never run. Its text must be JSON, or something broke out of it.
        if kind == "application/json" and not (desk and script.get("id") == "__config"):
            return [shown]
        try:
            json.loads(text)
        except ValueError:
            return [shown + " (not JSON: broken out of?)"]
        return []
    if not desk or kind not in ("", "text/javascript"):
        return [shown]
    if src is not None:
        return [] if _is_material_asset(src) and not text.strip() else [shown]
    return [] if any(p.fullmatch(text) for p in material_inline_scripts()) else [shown]


@functools.cache
def _material_dir() -> Path:
    import material

    return Path(material.__file__).resolve().parent


def _is_material_asset(src: str) -> bool:
    if url_scheme(src) is not None or "?" in src or "#" in src:
        return False
    # Relative (`../assets/...`) or root-relative (`/desk/assets/...`, the 404 page):
    # same origin either way; `//host/...` is not matched.
    match = re.fullmatch(
        r"(?:(?:\.\./)*|/(?:[A-Za-z0-9._-]+/)*)(assets/javascripts/[A-Za-z0-9._/-]+\.js)", src
    )
    if match is None or ".." in match.group(1):
        return False
    # Material's own, or the desk theme's (Material's inline scripts as files, for its CSP).
    return (_material_dir() / "templates" / match.group(1)).is_file() or (
        _desk_theme_dir() / match.group(1)
    ).is_file()


@functools.cache
def _desk_theme_dir() -> Path:
    from importlib import resources

    return Path(str(resources.files("generator.themes").joinpath("desk")))


@functools.cache
def material_inline_scripts() -> tuple[re.Pattern[str], ...]:
    """Material's inline scripts, from its own templates: `{{ ... }}` may be any URL text."""
    patterns = []
    templates = _material_dir() / "templates"
    for template in sorted(templates.rglob("*.html")):
        source = template.read_text(encoding="utf-8")
        for body in re.findall(r"<script>(.*?)</script>", source, re.S):
            parts = re.split(r"\{\{.*?\}\}", body)
            patterns.append(re.compile(r"[^\"'<>\\]*".join(re.escape(p) for p in parts), re.S))
    return tuple(patterns)


# --- feeds ----------------------------------------------------------------------------------


def feed_sinks(data: bytes) -> list[str]:
    """Sinks in an Atom or RSS feed: every HTML-carrying element's HTML (Atom `type="html"`
    or `"xhtml"`, RSS `description` and `content:encoded`) and every link."""
    root = ET.fromstring(data)
    found: list[str] = []
    for element in root.iter():
        local = element.tag.rsplit("}", 1)[-1]
        where = f"{local}: "
        is_atom = element.tag.startswith(ATOM)
        kind = element.get("type") if is_atom else None
        if kind == "html":
            found += [where + s for s in fragment_sinks(element.text or "")]
        elif kind == "xhtml":
            found += [where + s for s in _xhtml_sinks(element)]
        elif not is_atom and local in ("description", "encoded"):
            found += [where + s for s in fragment_sinks(element.text or "")]
        elif (
            not is_atom and local in ("link", "comments", "docs") and unsafe_url(element.text or "")
        ):
            found.append(f"{where}{element.text!r}")
        for name in ("href", "src", "url", "uri"):
            value = element.get(name)
            if value is not None and unsafe_url(value):
                found.append(f"{where}{name}={value!r}")
    return found


def _xhtml_sinks(container: ET.Element) -> list[str]:
    # Atom's xhtml content is XML in the XHTML namespace: the same element rules apply.
    found: list[str] = []
    for child in container:
        found += _element_sinks_including(child)
    return found


def _element_sinks_including(element: ET.Element) -> list[str]:
    holder = ET.Element("holder")
    holder.append(element)
    return list(_element_sinks(holder))


def json_feed_sinks(data: bytes) -> list[str]:
    """Sinks in a JSON Feed: each item's `content_html`, and every URL member."""
    feed = json.loads(data)
    found: list[str] = []
    for key in ("home_page_url", "feed_url", "icon", "favicon"):
        if isinstance(feed.get(key), str) and unsafe_url(feed[key]):
            found.append(f"{key}={feed[key]!r}")
    for index, item in enumerate(feed.get("items", [])):
        html = item.get("content_html")
        if isinstance(html, str):
            found += [f"items[{index}].content_html: {s}" for s in fragment_sinks(html)]
        urls: Iterable[tuple[str, object]] = [
            (k, item.get(k)) for k in ("url", "external_url", "image", "banner_image")
        ]
        urls = [*urls, *((f"attachments.{i}", a.get("url")) for i, a in _attachments(item))]
        for key, value in urls:
            if isinstance(value, str) and unsafe_url(value):
                found.append(f"items[{index}].{key}={value!r}")
    return found


def _attachments(item: dict[str, object]) -> list[tuple[int, dict[str, object]]]:
    attachments = item.get("attachments")
    if not isinstance(attachments, list):
        return []
    return [(i, a) for i, a in enumerate(attachments) if isinstance(a, dict)]
