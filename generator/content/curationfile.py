"""The shape of `content/national/curation.yml` as written: its two lists, the order
of their keys, the comments that open the file and the `declined` list, and the file
as lines for the curate commands' edits (on `generator.content.yamledit.ListFile`,
so comments, headings and the editors' own style survive every edit)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Self

from generator.content.yamledit import Block, ListFile, Section

# Written into the repository's own file, whose readers are Indonesian editors (as
# every content file is Indonesian): not wording of a command, so not in the catalog.
HEADER = (
    "# Kurasi desk nasional: rilis daerah yang tampil di situs nasional, berurutan.\n"
    "# Hanya berkas ini yang menaruh rilis daerah di situs nasional.\n"
)
DECLINED_COMMENT = (
    "# Diputuskan tidak ditampilkan di situs nasional; tidak muncul lagi di kotak masuk."
)
FEATURED, DECLINED = "featured", "declined"
# Key order for entries when the file shows none (the schema's order).
DEFAULT_ORDER = {FEATURED: ("id", "pinned", "headline", "note"), DECLINED: ("id", "date", "note")}


class CurationFile(ListFile):
    """The curation file's lines: `featured` first, `declined` last, entries by `id`."""

    @classmethod
    def read(cls, text: str) -> Self:
        """`text` as `frontmatter.decode` gives it: no BOM, `\n` line ends."""
        return cls.parse(text, "id")

    def list_section(self, key: str, create: bool = False) -> Section | None:
        """The list `key`; with `create`, a new one if there is none (`featured` first,
        `declined` last under its comment)."""
        comments = [DECLINED_COMMENT] if key == DECLINED else []
        return self.section(key, create, first=key == FEATURED, comments=comments)

    def key_order(self, section: Section) -> list[str]:
        """The order of keys the file's entries use, then the schema's."""
        return section.order(DEFAULT_ORDER.get(section.key, ()))

    def entry(self, section: Section, values: Mapping[str, str]) -> Block:
        """A new entry of `section` in the file's own style (`values` as written)."""
        return self.new_block(section, values, self.key_order(section))
