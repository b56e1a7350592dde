"""Characters no document may carry (XML 1.0 forbids them; HTML forbids DEL and the C1 controls).

Data from the depositary or a user's folder can hold them; every document's context is passed
through `printable` before jinja2, python-docx or a user template sees it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import attrs

__all__ = ["REPLACEMENT", "printable"]

# what no document may carry: the characters XML 1.0 forbids (C0 controls but TAB, LF and CR; lone
# surrogates; U+FFFE, U+FFFF) — python-docx refuses them — and DEL and the C1 controls, which HTML forbids
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def printable(obj: Any) -> Any:
    """A document's context with every such character in its strings replaced by U+FFFD (shown as �).

    Replaced rather than removed, so that the reader sees that the data held something there.
    Walks the frozen attrs objects and tuples of a context; returns `obj` itself when nothing changed.
    """
    if isinstance(obj, str):
        return _NOT_TEXT.sub(REPLACEMENT, obj) if _NOT_TEXT.search(obj) else obj
    if isinstance(obj, tuple):
        items = tuple(printable(x) for x in obj)
        return obj if all(a is b for a, b in zip(items, obj, strict=True)) else items
    cls: type = type(obj)
    fields = _fields(cls)
    if fields is None:
        return obj
    changes = {}
    for name, alias in fields:
        value = getattr(obj, name)
        clean = printable(value)
        if clean is not value:
            changes[alias] = clean
    return attrs.evolve(obj, **changes) if changes else obj


@cache
def _fields(cls: type) -> tuple[tuple[str, str], ...] | None:
    """The (name, alias) of each field of an attrs class; None for any other class."""
    if not attrs.has(cls):
        return None
    return tuple((f.name, f.alias or f.name) for f in attrs.fields(cls))
