"""TOML text of plain data (what the cattrs converter unstructures to), in tomli-w's layout.

Why not tomli-w itself: writing the data files was 40 % of an import of the whole depositary,
nearly all of it in tomli-w's character-by-character string escaping and in rendering every array
of tables twice to decide whether it fits on a line. This writer makes the same decisions and the
same bytes (a test compares the two on the bundled data and on generated documents), but escapes
with one regular expression per string and renders each inline table once.

Layout, as tomli-w's (which differs only in dropping the CR of a CRLF in a multi-line string): tables as ``[a.b]`` sections, a list of tables as ``[[a]]`` sections unless
every table fits inline within 100 columns, arrays one item per line indented by four spaces,
strings with a newline as multi-line basic strings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, cast

__all__ = ["dumps"]

_MAX_LINE = 100
_INDENT = "    "
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# what a basic string cannot hold as itself (TAB can); a multi-line one can also hold LF
_ILLEGAL = re.compile(r'[\x00-\x08\x0a-\x1f\x7f"\\]')
_ILLEGAL_MULTILINE = re.compile(r'[\x00-\x08\x0b-\x1f\x7f"\\]')
_ESCAPES = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _string(s: str, multiline: bool) -> str:
    if multiline and "\n" in s:  # a CR stays escaped (tomli-w drops the CR of CRLF: a lossy write)
        return '"""\n' + _ILLEGAL_MULTILINE.sub(_escape, s) + '"""'
    if _ILLEGAL.search(s) is None:
        return f'"{s}"'
    return '"' + _ILLEGAL.sub(_escape, s) + '"'


_KEYS: dict[str, str] = {}  # keys repeat in every record: each is checked once per process


def _key(part: str) -> str:
    text = _KEYS.get(part)
    if text is None:
        if not isinstance(part, str):
            raise TypeError(f"Invalid mapping key {part!r} of type {type(part).__qualname__!r}. "
                            "A string is required.")
        text = part if _BARE_KEY.fullmatch(part) else _string(part, False)
        if len(_KEYS) < 10_000:
            _KEYS[part] = text
    return text


_SCALARS = frozenset({str, int, float, bool, dt.date, dt.datetime})
_ARRAYS = frozenset({list, tuple})
_NOT_TABLES = _SCALARS | _ARRAYS


def _is_table(obj: object) -> bool:
    kind = type(obj)  # exact types first: an abc isinstance check costs more than the rest of a value
    return kind is dict or (kind not in _NOT_TABLES and isinstance(obj, Mapping))


class _Writer:
    def __init__(self, multiline: bool) -> None:
        self.multiline = multiline
        self.inline: dict[int, str] = {}  # id of a table → its inline text; the tree outlives the dump

    def literal(self, obj: object, level: int = 0) -> str:
        kind = type(obj)
        if kind is str:
            return _string(obj, self.multiline)  # type: ignore[arg-type]
        if kind is dt.date or kind is int:
            return str(obj)
        if isinstance(obj, str):
            return _string(obj, self.multiline)
        if isinstance(obj, bool):
            return "true" if obj else "false"
        if isinstance(obj, dt.datetime):
            return obj.isoformat()  # "2026-02-03T10:16:18+00:00", as tomli-w writes it
        if isinstance(obj, (int, float, dt.date)):
            return str(obj)
        if isinstance(obj, (list, tuple)):
            if not obj:
                return "[]"
            indent = _INDENT * (level + 1)
            items = ",\n".join(indent + self.literal(item, level + 1) for item in obj)
            return f"[\n{items},\n{_INDENT * level}]"
        if _is_table(obj):
            return self.inline_table(obj)  # type: ignore[arg-type]
        if isinstance(obj, dt.time):
            if obj.tzinfo:
                raise ValueError("TOML does not support offset times")
            return str(obj)
        raise TypeError(f"Object of type {type(obj).__qualname__!r} is not TOML serializable")

    def inline_table(self, table: Mapping[str, object]) -> str:
        text = self.inline.get(id(table))
        if text is None:
            pairs = ", ".join(f"{_key(k)} = {self.literal(v)}" for k, v in table.items())
            text = self.inline[id(table)] = "{ " + pairs + " }" if pairs else "{}"
        return text

    def fits_inline(self, table: Mapping[str, object]) -> bool:
        if id(table) not in self.inline:
            # a lower bound of the inline length, to spare rendering a statement's pages of text
            least = 2 + sum(len(k) + 5 + (len(v) + 2 if isinstance(v, str) else 1) for k, v in table.items())
            if least + len(_INDENT) + 1 > _MAX_LINE:
                return False
        text = self.inline_table(table)
        return len(text) + len(_INDENT) + 1 <= _MAX_LINE and "\n" not in text

    def table(self, table: Mapping[str, object], name: str, out: list[str], in_array: bool = False) -> None:
        """Append the chunks of `table` (named `name`, an item of an array of tables if `in_array`) to `out`."""
        lines: list[str] = []  # its key = value lines, which come before its sub-tables
        tables: list[tuple[str, Mapping[str, object], bool]] = []
        multiline = self.multiline
        for k, v in table.items():
            kind = type(v)
            if kind is str:  # the common case first, without a call to literal()
                lines.append(f"{_KEYS.get(k) or _key(k)} = {_string(cast(str, v), multiline)}\n")
            elif kind in _SCALARS:
                lines.append(f"{_KEYS.get(k) or _key(k)} = {self.literal(v)}\n")
            elif _is_table(v):
                tables.append((k, cast("Mapping[str, object]", v), False))
            elif (kind in _ARRAYS and v and all(_is_table(t) for t in cast("list[Any]", v))
                  and not all(self.fits_inline(t) for t in cast("list[Any]", v))):
                tables.extend((k, t, True) for t in cast("list[Any]", v))
            else:
                lines.append(f"{_KEYS.get(k) or _key(k)} = {self.literal(v)}\n")
        started = False
        if in_array or name and (lines or not tables):
            started = True
            out.append(f"[[{name}]]\n" if in_array else f"[{name}]\n")
        if lines:
            started = True
            out += lines
        for k, v, in_aot in tables:
            if started:
                out.append("\n")
            started = True
            part = _key(k)
            self.table(v, f"{name}.{part}" if name else part, out, in_aot)


def dumps(data: Mapping[str, object], *, multiline_strings: bool = False) -> str:
    """The TOML document of `data`: a mapping of strings, numbers, booleans, dates, lists and mappings."""
    out: list[str] = []
    _Writer(multiline_strings).table(data, "", out)
    return "".join(out)
