"""The words the sync writes into releases, in one table.

Indonesian only, as every public page: a withdrawn release's page shows its reason,
and the notes are YAML comments read by the editors (and found again by the sync, so
a text here must not change once written, or a re-run would not know its own words).
"""

from __future__ import annotations

WRITTEN_INTO_CONTENT: dict[str, str] = {
    # `withdrawn_reason` of a published release removed upstream ({office}: its name).
    # For readers: words, no version (the desk has it, from content/sync/<office>.json).
    "removed_upstream": (
        "Dihapus dari sumber {office}; ditarik otomatis oleh sinkronisasi Newsroom."
    ),
    # The comment on a release kept as a draft because it went before its embargo lifted
    # ({label}: the office as messages name it; {version}: the source's, shortened).
    "removed_before_embargo": (
        "Dihapus dari sumber kantor ({label}, versi {version}) sebelum embargonya berakhir; "
        "disimpan sebagai draf oleh sinkronisasi Newsroom."
    ),
    "withdrawn_before_embargo": (
        "Ditarik oleh sumber kantor ({label}, versi {version}) sebelum embargonya berakhir; "
        "disimpan sebagai draf oleh sinkronisasi Newsroom."
    ),
}


def written(key: str, **params: str) -> str:
    """The wording `key` of WRITTEN_INTO_CONTENT, filled from `params`."""
    return WRITTEN_INTO_CONTENT[key].format(**params)
