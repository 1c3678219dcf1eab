"""The sync's front-matter edits, read back by our own loader, for every layout YAML
allows: what YAML reads is what is edited, not what the lines look like."""

from __future__ import annotations

import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from generator.content.frontedit import edit, emit, has_comment
from generator.content.frontmatter import decode, split
from generator.content.problems import ProblemError
from generator.content.yamlsafe import Plain, to_plain
from sync.edits import draft_text, withdraw_text

REASON = "Dihapus dari sumber kantor (kutim, versi 0123456789ab); ditarik otomatis."
WHEN = "2026-11-24 10:30:00"


def meta_of(text: str) -> dict[str, Plain]:
    document = split(text)
    plain = to_plain(document.meta) if document.meta is not None else {}
    assert isinstance(plain, dict)
    return plain


# --- properties ---------------------------------------------------------------------

# Characters where lines and YAML part ways, and those YAML must have escaped.
TRICKY = st.sampled_from(
    [
        *"\n\r\t \"'#:-,[]{}>|&*!%@`\\?",
        *("\u2028", "\u2029", "\x85", "\ufeff", "\x00", "\x07", "\x7f", "\ud7ff", "\ue000"),
        *("status: withdrawn", "\n---\n", "\n...\n", "\n# ", ": ", " #", "\U0001f600", "é"),
    ]
)
VALUES = st.lists(st.one_of(TRICKY, st.characters(codec="utf-8")), max_size=12).map("".join)
KEYS = st.sampled_from(["title", "date", "status", "summary", "a b", "Ω", "withdrawn_reason"])
TREES: st.SearchStrategy[Plain] = st.recursive(
    VALUES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(KEYS, TREES, max_size=5), st.text(max_size=40))
def test_emit_reads_back_as_the_mapping_for_any_values(meta: dict[str, Plain], note: str) -> None:
    text = "---\n" + "".join(line + "\n" for line in emit(meta)) + "---\n"
    assert meta_of(text) == meta
    # A comment line stays one comment line whatever the note holds.
    edited = edit(text, {"status": "draft"}, comment=note)
    assert has_comment(edited, note)
    assert meta_of(edited) == {
        **{k: v for k, v in meta.items() if k != "status"},
        "status": "draft",
    }


LAYOUTS = st.fixed_dictionaries(
    {
        "default_flow_style": st.sampled_from([False, True, None]),
        "default_style": st.sampled_from([None, '"', "'", "|", ">"]),
        "indent": st.integers(2, 6),
        "width": st.sampled_from([8, 20, 80, 10_000]),
        "line_break": st.sampled_from(["\n", "\r\n", "\r"]),
    }
)


@settings(max_examples=400, deadline=None)
@given(
    st.dictionaries(KEYS, TREES, min_size=1, max_size=5),
    LAYOUTS,
    st.sampled_from(["", "  ", "\t"]),
    st.text(max_size=40),
)
def test_withdrawing_any_layout_reads_back_withdrawn_with_the_body_kept(
    meta: dict[str, Plain], layout: dict[str, object], shift: str, body: str
) -> None:
    """Whatever layout the office wrote (block, flow, quoted, folded, indented, CRLF),
    the edited file reads, by our loader, as its own values plus ours."""
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, **layout)  # type: ignore[call-overload]
    front = "".join(shift + line for line in dumped.splitlines(keepends=True))
    raw = ("---\n" + front + "---\n").replace("\n", str(layout["line_break"])) + body
    try:
        text = decode(raw.encode("utf-8"), 10**9)
        before = meta_of(text)
    except ProblemError:  # not YAML we read: never synced, never edited
        event("not read by our loader")
        return
    status = before.get("status")
    if isinstance(status, str) and status.strip() == "withdrawn":
        assert withdraw_text(text, REASON, WHEN) == text  # the office's own withdrawal
        return
    event("edited")
    edited = withdraw_text(text, REASON, WHEN)
    others = {
        k: v for k, v in before.items() if k not in ("status", "withdrawn_reason", "withdrawn_at")
    }
    wanted = {**others, "status": "withdrawn", "withdrawn_reason": REASON, "withdrawn_at": WHEN}
    assert meta_of(edited) == wanted
    assert split(edited).body == split(text).body
    drafted = draft_text(text, "disimpan sebagai draf")
    assert meta_of(drafted)["status"] == "draft" and "withdrawn_reason" not in meta_of(drafted)
    assert has_comment(drafted, "disimpan sebagai draf")


# --- the layouts the line editor got wrong ------------------------------------------------

BODY = "Isi rilis.\r\n\u2028status: withdrawn\n---\nakhir"


def release(front: str) -> str:
    return f"---\n{front}---\n{BODY}"


CASES = {
    # The second line of a quoted summary starts `status: withdrawn`: to YAML it is
    # the summary's text; the line editor took the release for withdrawn already.
    "quoted-multiline": 'title: Banjir\nsummary: "Air naik\nstatus: withdrawn, kata warga"\n',
    "single-quoted": "title: Banjir\nsummary: 'Air naik\nstatus: withdrawn'\n",
    "indented": "  title: Banjir\n  status: published\n",
    "flow": "{title: Banjir, status: published}\n",
    # U+2028 and U+0085 are line breaks to YAML: `status` is a key of its own.
    "u2028": "title: Banjir\u2028status: published\n",
    "nel": "title: Banjir\x85status: published\n",
    "comments": "# status: withdrawn\ntitle: Banjir # status: withdrawn\nstatus: published\n",
    "literal": "title: Banjir\nsummary: |\n  satu\n  status: withdrawn\nstatus: published\n",
}


def test_each_layout_the_line_editor_broke_reads_back_withdrawn() -> None:
    for name, front in CASES.items():
        text = release(front)
        before = meta_of(text)
        edited = withdraw_text(text, REASON, WHEN)
        after = meta_of(edited)
        assert after["status"] == "withdrawn", name
        assert after["withdrawn_reason"] == REASON, name
        assert after["title"] == before["title"] and after.get("summary") == before.get("summary")
        assert edited.endswith("\n---\n" + BODY), name  # the body, to the byte
        drafted = meta_of(draft_text(text, "draf"))
        assert drafted["status"] == "draft" and drafted["title"] == "Banjir", name


def test_a_note_cannot_end_its_comment() -> None:
    note = "a\u2028status: withdrawn\x85x\ny"
    text = draft_text(release("title: Banjir\n"), note)
    assert meta_of(text) == {"title": "Banjir", "status": "draft"}
    assert has_comment(text, note)
    # Inside a value, the same words are no comment of ours.
    quoted = release(f'title: Banjir\nsummary: "x\n# {note}"\n')
    assert not has_comment(quoted, note)


def test_a_front_matter_that_outgrows_the_cap_keeps_what_the_page_needs() -> None:
    # 31.9 KB of `[a,a,...]` is twice that as a block list: the edit keeps the fields
    # a withdrawn page needs, rather than a file that no longer loads.
    items = ",".join(["a"] * 15_000)
    text = release(f"title: Banjir\ndate: 2026-04-11 10:00\ncategory: berita\ntags: [{items}]\n")
    after = meta_of(withdraw_text(text, REASON, WHEN))
    assert after == {
        "title": "Banjir",
        "date": "2026-04-11 10:00",
        "category": "berita",
        "status": "withdrawn",
        "withdrawn_reason": REASON,
        "withdrawn_at": WHEN,
    }
