"""The one line-keeping YAML editor (generator.content.yamledit) on its own: a list
file of any shape keeps every comment, heading and style through an edit, and what
it cannot edit line by line it refuses by name."""

from __future__ import annotations

import pytest

from generator.content.yamledit import EditRefused, ListFile
from generator.content.yamlsafe import load, to_plain

TEXT = """\
# Lists kept by hand.
items:
- name: a   # the first
  size: 1

# Part two

- name: b
  # how big
  size: 2
others: []
"""


def test_an_edit_keeps_every_other_line_as_written() -> None:
    document = ListFile.parse(TEXT, "name")
    items = document.section("items")
    assert items is not None
    first, second = items.blocks
    assert (first.ident, second.ident) == ("a", "b")
    first.set("name", "c", items.order())
    second.set("size", None, items.order())
    second.set("colour", '"red"', items.order(("name", "colour", "size")))
    text = document.text()
    assert text == TEXT.replace("name: a   # the first", "name: c   # the first").replace(
        "- name: b\n  # how big\n  size: 2\n", '- name: b\n  # how big\n  colour: "red"\n'
    )
    assert to_plain(load(text)) == {
        "items": [{"name": "c", "size": "1"}, {"name": "b", "colour": "red"}],
        "others": [],
    }


def test_a_moved_entry_leaves_its_heading_in_place() -> None:
    document = ListFile.parse(TEXT, "name")
    items = document.section("items")
    assert items is not None
    first, second = items.blocks
    items.remove(second)
    items.insert_before(second, first)
    assert document.text().startswith("# Lists kept by hand.\nitems:\n- name: b\n")
    assert "  size: 1\n\n# Part two\n\nothers: []\n" in document.text()


def test_a_new_section_and_entry_follow_the_files_style() -> None:
    document = ListFile.parse(TEXT, "name")
    added = document.section("more", create=True, comments=["# More."])
    assert added is not None
    added.blocks.append(document.new_block(added, {"size": "3", "name": "d"}, ("name", "size")))
    assert document.text().endswith("others: []\n# More.\nmore:\n- name: d\n  size: 3\n")


def test_what_cannot_be_edited_line_by_line_is_refused_by_name() -> None:
    with pytest.raises(EditRefused) as refused:
        ListFile.parse("- name: a\nitems: []\n")
    assert (refused.value.code, refused.value.params) == ("text_before_first_key", {"line": "1"})
    document = ListFile.parse("items: [a,\n  b]\n")
    with pytest.raises(EditRefused) as one_line:
        document.section("items")
    assert one_line.value.code == "one_line_list"
    entry = ListFile.parse("items:\n- {name: a}\n")
    items = entry.section("items")
    assert items is not None
    with pytest.raises(EditRefused) as flow:
        items.blocks[0].set("name", "b", ())
    assert flow.value.params == {"line": "2"}
