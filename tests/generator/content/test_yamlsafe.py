from __future__ import annotations

import pytest
import yaml

from generator.content import yamlsafe
from generator.content.messages import describe
from generator.content.yamlsafe import MAX_DEPTH, Map, Scalar, Seq, YamlProblem, load


def test_every_scalar_stays_text() -> None:
    node = load("a: yes\nb: 08\nc: 2026-04-11\nd: null\ne: 1.5\n")
    assert isinstance(node, Map)
    assert {k: v.value for k, v in node.items.items() if isinstance(v, Scalar)} == {
        "a": "yes",
        "b": "08",
        "c": "2026-04-11",
        "d": "null",
        "e": "1.5",
    }


def test_lines_are_file_lines() -> None:
    node = load("title: x\ntags:\n  - a\n  - b\n", first_line=2)
    assert isinstance(node, Map)
    assert node.key_lines == {"title": 2, "tags": 3}
    tags = node.items["tags"]
    assert isinstance(tags, Seq)
    assert [item.line for item in tags.items] == [4, 5]


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a: &x 1\nb: *x\n", "yaml_anchor", 1),
        ("a: 1\nb: *x\n", "yaml_alias", 2),
        ("a: !!python/object/apply:os.system [ls]\n", "yaml_tag", 1),
        ("a: !local x\n", "yaml_tag", 1),
        ("a: 1\nb: 2\na: 3\n", "yaml_duplicate_key", 3),
        ("? [a, b]\n: c\n", "yaml_complex_key", 1),
        ("a: 1\n---\nb: 2\n", "yaml_multiple_documents", 2),
        ("a: [1, 2\n", "yaml_syntax", 1),
        ('a: "open\n', "yaml_syntax", 1),
        ("a: b: c\n", "yaml_syntax", 1),
        ("a: 1\n\tb: 2\n", "yaml_syntax", 2),
    ],
)
def test_refused_yaml_names_code_and_line(text: str, code: str, line: int) -> None:
    with pytest.raises(YamlProblem) as caught:
        load(text)
    assert (caught.value.code, caught.value.line) == (code, line)


# PyYAML's English, by what writers are told (generator.content.messages `yaml_syntax:<kind>`).
SYNTAX_KINDS = [
    ("category: [berita\n", "unclosed_list"),
    ("image: {src: assets/a.png\n", "unclosed_mapping"),
    ('title: "Rapat\n', "unclosed_quote"),
    ("title: 'Rapat\n", "unclosed_quote"),
    ("title: Klarifikasi: hoaks\n", "colon_in_value"),
    ("title: x\n\tdate: y\n", "tab"),
    ("title: x\nkategori berita\ndate: y\n", "missing_colon"),
    ('title: "Rapat \\q"\n', "bad_escape"),
    ("title: @humas_kutim\n", "special_start"),
    ("title: `x`\n", "special_start"),
    ("title: ]\n", "special_start"),
    ("title: x\n...\ndate: y\n", "extra_document"),
    ("title: x\x00\n", "control_char"),
    ('title: "x" y\n', "structure"),
    ("tags:\n  - a\n - b\n", "structure"),
]


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
@pytest.mark.parametrize(("text", "kind"), SYNTAX_KINDS)
def test_syntax_errors_are_classified_for_messages(
    monkeypatch: pytest.MonkeyPatch, loader: str, text: str, kind: str
) -> None:
    if not hasattr(yaml, loader):
        pytest.skip(f"no {loader} here")
    monkeypatch.setattr(yamlsafe, "_Loader", getattr(yaml, loader))
    with pytest.raises(YamlProblem) as caught:
        load(text)
    assert (caught.value.code, caught.value.kind) == ("yaml_syntax", kind), caught.value.value
    problem, fix = describe("yaml_syntax", "id", {"kind": kind, "detail": caught.value.value})
    assert caught.value.value not in problem + fix  # PyYAML's English stays out


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a: !!python/object/apply:os.system [ls]\n", "!!python/object/apply:os.system"),
        ("a: !!binary aGk=\n", "!!binary"),
        ("a: !local x\n", "!local"),
    ],
)
def test_a_tag_is_shown_as_written(text: str, shown: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        load(text)
    assert (caught.value.code, caught.value.value) == ("yaml_tag", shown)


def test_billion_laughs_is_refused_at_the_first_anchor() -> None:
    bomb = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b]\n'
    with pytest.raises(YamlProblem) as caught:
        load(bomb)
    assert caught.value.code == "yaml_anchor"


def test_nesting_is_capped() -> None:
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    with pytest.raises(YamlProblem) as caught:
        load(deep)
    assert caught.value.code == "yaml_too_deep"


def test_empty_document_is_none() -> None:
    assert load("") is None
    assert load("# only a comment\n") is None


def test_explicit_str_tag_is_allowed() -> None:
    node = load("a: !!str 08\n")
    assert isinstance(node, Map)
    assert node.items["a"] == Scalar("08", 1)
