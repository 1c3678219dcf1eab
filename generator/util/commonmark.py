"""CommonMark to HTML with cmark-gfm (the `cmarkgfm` binding), freeing what it allocates.

The binding's `markdown_to_html_with_extensions` frees neither the document tree nor
the HTML buffer cmark returns: about 21 KB a release body. A render worker of a cold
build at 100,000 releases renders 48,000 bodies (1 GB never given back), and
`newsroom watch` would grow with every body it validates or renders, for as long as it
runs. `to_html` makes the binding's own calls and then frees both with the library's
functions: `cmark_node_free`, and the free of the allocator that made the buffer.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Sequence
from typing import Any

from cmarkgfm import _cmark, cmark


class _Allocator(ctypes.Structure):
    """cmark's `cmark_mem`: the functions it allocates and frees with."""

    _fields_ = [
        ("calloc", ctypes.c_void_p),
        ("realloc", ctypes.c_void_p),
        ("free", ctypes.CFUNCTYPE(None, ctypes.c_void_p)),
    ]


# The binding's compiled module is cmark itself: its exported symbols are all there,
# also the two the binding does not offer.
_native = ctypes.CDLL(_cmark.__file__)
_native.cmark_node_free.argtypes = [ctypes.c_void_p]
_native.cmark_node_free.restype = None
_native.cmark_get_default_mem_allocator.restype = ctypes.POINTER(_Allocator)
_free = _native.cmark_get_default_mem_allocator().contents.free


def to_html(text: str, options: int, extensions: Sequence[str]) -> str:
    """`text` as HTML, with cmark `options` and the syntax `extensions` named (as
    `cmarkgfm.markdown_to_html_with_extensions` renders it, to the byte)."""
    parser = cmark.parser_new(options=options)
    try:
        for extension in _extensions(tuple(extensions)):
            cmark.parser_attach_syntax_extension(parser, extension)
        cmark.parser_feed(parser, text)
        root = cmark.parser_finish(parser)
        try:
            if _cmark.lib.cmark_node_get_type(root) == _cmark.lib.CMARK_NODE_NONE:
                raise ValueError("cmark could not parse the text")
            attached = cmark.parser_get_syntax_extensions(parser)
            raw = _cmark.lib.cmark_render_html(root, options, attached)
            try:
                return str(_cmark.ffi.string(raw).decode("utf-8"))
            finally:
                _free(_address(raw))  # the buffer was made by the default allocator
        finally:
            _native.cmark_node_free(_address(root))
    finally:
        cmark.parser_free(parser)


@functools.cache
def _extensions(names: tuple[str, ...]) -> list[Any]:
    cmark.core_extensions_ensure_registered()
    found = []
    for name in names:
        extension = cmark.find_syntax_extension(name)
        if extension is None:
            raise ValueError(f"unknown cmark extension {name!r}")
        found.append(extension)
    return found


def _address(pointer: object) -> int:
    """A pointer of the binding's (cffi) as an address ctypes takes."""
    return int(_cmark.ffi.cast("uintptr_t", pointer))
