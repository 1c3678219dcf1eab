"""CommonMark to HTML with cmark-gfm (the `cmarkgfm` binding), freeing what it allocates.

The binding's `markdown_to_html_with_extensions` frees neither the document tree nor
the HTML buffer cmark returns: about 21 KB a release body. A render worker of a cold
build at 100,000 releases renders 48,000 bodies (1 GB never given back), and
`newsroom watch` would grow with every body it validates or renders, for as long as it
runs. `to_html` makes the binding's own calls and then frees both with the library's
functions: `cmark_node_free`, and the free of the allocator that made the buffer.
A binding that no longer exports them gets its own call back (and the memory test of
tests/generator/util fails, to say so).
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Sequence
from typing import Any

import cmarkgfm
from cmarkgfm import _cmark, cmark


class _Allocator(ctypes.Structure):
    """cmark's `cmark_mem`: the functions it allocates and frees with."""

    _fields_ = [
        ("calloc", ctypes.c_void_p),
        ("realloc", ctypes.c_void_p),
        ("free", ctypes.CFUNCTYPE(None, ctypes.c_void_p)),
    ]


def _library() -> tuple[Any, Any] | None:
    """cmark's `cmark_node_free` and its default allocator's `free`, from the binding's
    compiled module (cmark itself: every exported symbol is there, also these two the
    binding does not offer); None if a future binding no longer exports them."""
    try:
        native = ctypes.CDLL(_cmark.__file__)
        native.cmark_node_free.argtypes = [ctypes.c_void_p]
        native.cmark_node_free.restype = None
        native.cmark_get_default_mem_allocator.restype = ctypes.POINTER(_Allocator)
        return native.cmark_node_free, native.cmark_get_default_mem_allocator().contents.free
    except (OSError, AttributeError, TypeError):
        return None


_FREE = _library()


def to_html(text: str, options: int, extensions: Sequence[str]) -> str:
    """`text` as HTML, with cmark `options` and the syntax `extensions` named (as
    `cmarkgfm.markdown_to_html_with_extensions` renders it, to the byte)."""
    if _FREE is None:  # nothing to free with: the binding's own call, leak and all
        return str(cmarkgfm.markdown_to_html_with_extensions(text, options, list(extensions)))
    node_free, free = _FREE
    parser = cmark.parser_new(options=options)
    try:
        for extension in _extensions(tuple(extensions)):
            cmark.parser_attach_syntax_extension(parser, extension)
        cmark.parser_feed(parser, text)
        root = cmark.parser_finish(parser)
        if root == _cmark.ffi.NULL:
            raise ValueError("cmark could not parse the text")
        try:
            if _cmark.lib.cmark_node_get_type(root) == _cmark.lib.CMARK_NODE_NONE:
                raise ValueError("cmark could not parse the text")
            attached = cmark.parser_get_syntax_extensions(parser)
            raw = _cmark.lib.cmark_render_html(root, options, attached)
            try:
                return str(_cmark.ffi.string(raw).decode("utf-8"))
            finally:
                free(_address(raw))  # the buffer was made by the default allocator
        finally:
            node_free(_address(root))
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
