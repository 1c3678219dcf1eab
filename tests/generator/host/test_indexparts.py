"""Which release pages each search index takes (generator.host.indexparts): a path
as Pagefind's glob `*/*/*/index.html` takes it, each `*` one folder."""

from __future__ import annotations

import pytest

from generator.host.indexparts import WHOLE, Part

OWN = Part(frozenset({"kutai-timur"}), "own")


@pytest.mark.parametrize(
    ("page", "whole", "own"),
    [
        ("kutai-timur/2026/banjir-sangatta/index.html", True, True),
        ("komdigi/2026/literasi-digital-desa/index.html", True, False),
        ("kutai-timur/2026/banjir-sangatta/hemat.html", False, False),
        # Numbered list pages, deeper: in no index's key (their keys change with any
        # release listed, and Pagefind's glob never takes them).
        ("tag/banjir/halaman/2/index.html", False, False),
        ("kantor/kutai-timur/halaman/1/index.html", False, False),
        ("kutai-timur/2026/banjir-sangatta/index.html.gz", False, False),
        ("index.html", False, False),
    ],
)
def test_a_page_is_taken_as_pagefinds_glob_takes_it(page: str, whole: bool, own: bool) -> None:
    assert (WHOLE.takes(page), OWN.takes(page)) == (whole, own)
