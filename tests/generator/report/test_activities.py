"""The activity table is data: complete for the vocabulary, and refused naming a gap."""

from __future__ import annotations

import pytest

from generator.content.vocabulary import CATEGORIES, CREDIT_ROLES
from generator.report.activities import parse_table, shipped_table


def test_the_shipped_table_names_every_pair_after_the_regulation() -> None:
    table = shipped_table()
    assert len(table.names) == len(CATEGORIES) * len(CREDIT_ROLES)
    assert all(name.startswith("Produksi konten media online") for name in table.names.values())
    assert "Permenkomdigi 9/2025" in table.source
    assert table.name("klarifikasi", "penulis").endswith("klarifikasi hoaks")


def test_a_table_missing_a_pair_is_refused_naming_it() -> None:
    text = "source: x\nactivities:\n  berita: {penulis: Menulis}\n"
    with pytest.raises(ValueError, match="siaran-pers / penulis"):
        parse_table(text)
