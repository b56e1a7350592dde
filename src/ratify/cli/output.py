"""Tables for people (aligned text) and for machines (CSV, JSON), from the same rows."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from typing import Any

__all__ = ["render_rows", "text_table"]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def text_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Columns aligned for a terminal; None shows as an empty cell."""
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out) + "\n"


def render_rows(headers: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, *, raw: bool = False) -> str:
    """`rows` as an aligned text table, CSV (RFC 4180) or a JSON list of objects.

    CSV cells that a spreadsheet would run as a formula get a leading quote unless `raw`
    (`ratify.present.export.csv_cell` says exactly which).
    """
    if fmt == "csv":
        from ratify.present.export import csv_text

        return csv_text([headers, *rows], raw=raw)
    if fmt == "json":
        records = [{h: (None if v is None else str(v) if not isinstance(v, (int, float, bool)) else v)
                    for h, v in zip(headers, row, strict=True)} for row in rows]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    return text_table(headers, rows)
