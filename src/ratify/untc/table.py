"""The participants table: column legends, date cells and rows, shared by all three readers.

A legend is a list of ``Label(code)`` items (``Ratification, Acceptance(A), Accession(a)``); items
are split at a comma followed by a capital letter, because labels themselves contain commas
(``… of 12 September 1923, as amended(A)``). A cell is ``[?D Mon YYYY[ code]]?``; brackets mean the
participant has withdrawn. Anything else in a cell is kept as text with no date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ratify.untc.dates import MONTHS
from ratify.untc.document import Cell, Column, LegendItem, Row
from ratify.untc.text import split_footnotes, squash

__all__ = ["EMPTY_CELL", "make_column", "make_row", "parse_cell", "parse_legend"]

EMPTY_CELL = Cell("", None, None, False)

_ITEM_SPLIT = re.compile(r",\s*(?=[A-Z])")
_CODED = re.compile(r"(.*?)(\s*)\(([A-Za-z]{1,2})\)")


def make_column(label: str, footnotes: tuple[str, ...] = ()) -> Column:
    """A column from its (plain, squashed) legend text."""
    items = []
    for part in _ITEM_SPLIT.split(label):
        part = part.strip()
        if not part:
            continue
        coded = _CODED.fullmatch(part)
        # "under article 7 (1) (b)" ends in a paragraph letter, not a code; "(3)(P)" is a code
        if coded is None or (coded.group(2) and coded.group(1).endswith(")")):
            items.append(LegendItem(part, None))
        else:
            items.append(LegendItem(coded.group(1), coded.group(3)))
    return Column(label, tuple(items), footnotes)


def parse_legend(raw: str) -> Column:
    """A column from a legend cell that may still carry markup and footnote superscripts."""
    return make_column(*split_footnotes(raw))


def parse_cell(text: str) -> Cell:
    """A cell from its plain text (whitespace not yet collapsed).

    This runs once per cell of every table, so it avoids work a clean cell does not need.
    """
    if not text:
        return EMPTY_CELL
    parts = text.split()
    if 3 <= len(parts) <= 4:  # the clean cell, "30 Aug 2005 a", read without the pattern
        day, month, year = parts[0], parts[1], parts[2]
        code = parts[3] if len(parts) == 4 else None
        number = MONTHS.get(month)
        if (number and day.isdecimal() and len(day) <= 2 and year.isdecimal() and len(year) == 4
                and (code is None or (len(code) <= 2 and code.isascii() and code.isalpha()))):
            try:
                date = dt.date(int(year), number, int(day))
            except ValueError:  # 31 Feb
                date = None
            return Cell(" ".join(parts), date, code, False)
    return _pattern_cell(text)


def _pattern_cell(text: str) -> Cell:
    """A cell read in full: brackets, a dotted month, anything not a date.

    ``[?D Mon[.] YYYY[ code]]?`` is read with str methods, not a pattern: no input (20,000
    spaces before a ``!``) can make it backtrack, so the time is linear in the cell.
    """
    text = squash(text)
    if not text:
        return EMPTY_CELL
    opening, closing = text[0] == "[", text[-1] == "]"
    parts = text[1 if opening else 0 : -1 if closing else None].split()
    code: str | None = None
    found = False
    if 3 <= len(parts) <= 4:
        day, month, year = parts[0], parts[1].removesuffix("."), parts[2]
        code = parts[3] if len(parts) == 4 else None
        found = (day.isdecimal() and len(day) <= 2 and year.isdecimal() and len(year) == 4
                 and 3 <= len(month) <= 9 and month.isascii() and month.isalpha()
                 and (code is None or (len(code) <= 2 and code.isascii() and code.isalpha())))
    if not found:
        return Cell(text, None, None, opening or closing)
    number = MONTHS.get(month) or MONTHS.get(month.lower())
    date: dt.date | None
    try:
        date = dt.date(int(year), number, int(day)) if number else None
    except ValueError:  # 31 Feb
        date = None
    return Cell(text, date, code, opening or closing)


def make_row(name: str, footnotes: tuple[str, ...], cells: Sequence[Cell], width: int) -> Row:
    """A row whose cells are padded with empty ones up to the table's width."""
    if len(cells) < width:
        cells = (*cells, *([EMPTY_CELL] * (width - len(cells))))
    return Row(name, footnotes, tuple(cells))
