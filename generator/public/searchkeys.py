"""What the sites' build and their search indexes share, in a module light to import:
`newsroom watch` makes the indexes in a process of its own
(generator.service.indexrun), started for each run, which imported the whole public
package through these few names (0.17 s of each run, two runs a push).

Where a site's index is (`INDEX`, and `SHARED` within a province's: the central
releases' index), and a release page's key in two parts, the first being what the
index reads.
"""

from __future__ import annotations

INDEX, SHARED = "pagefind", "pusat"  # <site>/pagefind/, and <province>/pagefind/pusat/

# Between the two parts of a release page's key (never in the hex of
# `generator.public.memo.page_key`).
SEARCHED_END = "+"


def searched_page_key(searched: str, rest: str) -> str:
    """A release page's key in two parts: `searched`, the key of what a search index
    reads of the page (its article: body, filters, title), then `rest`, that of what
    else it shows (its related releases). A search index's key takes only the first
    (`searched_part`), so a page whose related releases changed (an older release
    edited, or one dated before it arriving late, is listed on the newer pages that
    share its tags: a central one in every province) does not make the index of
    those pages again (generator.host.searchindex.index_key)."""
    return f"{searched}{SEARCHED_END}{rest}"


def searched_part(key: str) -> str:
    """What a search index reads of the page keyed `key`: all of it, unless the key
    was made by `searched_page_key`."""
    return key.partition(SEARCHED_END)[0]
