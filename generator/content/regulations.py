"""What `newsroom check` asks of a release's `regulation:` beyond each field's own form.

The fields themselves (type, number, year, about, enacted, document) are parsed by the
schema (generator.content.schema.Regulation); here are the rules that tie them to each
other and to the rest of the release: only a `produk-hukum` release announces a
regulation (an error elsewhere, like `claim` outside `klarifikasi`: the index would
silently leave it out), `type: lainnya` names its kind in `type_name`, the year of
the number is not after the year it was enacted, and `document` is one of the
release's PDF attachments. The clock's rules (a year or enactment ahead of `now`) are
checked with the other dates ahead (generator.content.ahead).
"""

from __future__ import annotations

from generator.content.model import Release
from generator.content.problems import Report
from generator.content.provinces import Zone
from generator.content.schema import Regulation
from generator.content.vocabulary import OTHER_REGULATION, REGULATION_CATEGORY
from generator.content.yamlsafe import Map, Node

FIELD = "regulation"


def is_pdf(src: str) -> bool:
    return src.lower().endswith(".pdf")


def key_lines(meta_node: Node) -> dict[str, int]:
    """The lines of `regulation:` and of each of its keys, as `regulation.<key>`."""
    if not isinstance(meta_node, Map) or FIELD not in meta_node.key_lines:
        return {}
    lines = {FIELD: meta_node.key_lines[FIELD]}
    inner = meta_node.items.get(FIELD)
    if isinstance(inner, Map):
        lines.update({f"{FIELD}.{key}": found for key, found in inner.key_lines.items()})
    return lines


def check_regulation(release: Release, lines: dict[str, int], report: Report) -> None:
    """Report what ties `regulation:` to the release; `lines`: from `key_lines`."""
    meta, path = release.meta, release.path
    regulation = meta.regulation
    if regulation is None:
        return

    def line(name: str) -> int:
        return lines.get(name, lines.get(FIELD, 2))

    if meta.category != REGULATION_CATEGORY:
        report.add(path, line(FIELD), FIELD, "regulation_forbidden", meta.category)
    if regulation.type == OTHER_REGULATION and not regulation.type_name:
        report.add(
            path, line(f"{FIELD}.type"), f"{FIELD}.type_name", "regulation_type_name_required"
        )
    if regulation.type != OTHER_REGULATION and regulation.type_name:
        name = f"{FIELD}.type_name"
        report.add(path, line(name), name, "regulation_type_name_forbidden", regulation.type_name)
    enacted = enacted_year(regulation, release.office.zone)
    if enacted is not None and regulation.year > enacted:
        report.add(
            path,
            line(f"{FIELD}.year"),
            f"{FIELD}.year",
            "regulation_year_after_enacted",
            str(regulation.year),
            year=regulation.year,
            enacted=enacted,
        )
    document = regulation.document
    if document is None:
        return
    name = f"{FIELD}.document"
    attached = [a.src for a in meta.attachments]
    if document not in attached:
        known = ", ".join(src for src in attached if is_pdf(src)) or "-"
        report.add(path, line(name), name, "regulation_document_unknown", document, known=known)
    elif not is_pdf(document):
        report.add(path, line(name), name, "regulation_document_not_pdf", document)


def enacted_year(regulation: Regulation, zone: Zone) -> int | None:
    """The year it was enacted, on the office's calendar."""
    if regulation.enacted is None:
        return None
    return regulation.enacted.astimezone(zone.tz).year
