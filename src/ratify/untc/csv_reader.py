"""Read a participants table extracted by zmjones/untreaties (``5-2.csv``, 2013-2015).

These CSVs are derived, not raw: the extractor deleted ``[`` ``]`` (withdrawals are invisible)
and the footnote digits of names, so rows carry no footnotes and no cell is bracketed. The
header row keeps the original column legends. Only the MTDSG number (from the file name) is
known of the header.
"""

from __future__ import annotations

import csv
import io
import os
import re

from ratify.errors import UntcFormatError
from ratify.untc.document import Header, Row, StatusDocument
from ratify.untc.guard import MAX_COLUMNS, MAX_ROWS, check_count, check_size, decode_text
from ratify.untc.header import roman_numeral
from ratify.untc.table import make_row, parse_cell, parse_legend
from ratify.untc.text import squash

__all__ = ["mtdsg_from_csv_name", "read_derived_csv"]

_NAME = re.compile(r"(\d{1,2})-(\d{1,3}(?:-[0-9A-Za-z]+)*)\.csv", re.IGNORECASE)
def mtdsg_from_csv_name(name: str) -> str:
    """``5-2.csv`` -> ``V-2``; ``18-12-a.csv`` -> ``XVIII-12-a`` (a path is fine too).

    Raises ValueError for a name that does not follow the ``chapter-number[-letter].csv`` scheme.
    """
    match = _NAME.fullmatch(os.path.basename(name))
    if match is None or not 1 <= int(match.group(1)) <= 39:
        raise ValueError(f"not a chapter-number[-letter].csv name: {name!r}")
    return f"{roman_numeral(int(match.group(1)))}-{match.group(2)}"


def read_derived_csv(data: bytes, source: str, mtdsg: str) -> StatusDocument:
    """Parse one derived CSV; ``mtdsg`` is the instrument it is about (see :func:`mtdsg_from_csv_name`)."""
    check_size(data, source)
    records = csv.reader(io.StringIO(decode_text(data, source), newline=""))
    try:
        legend = next(records, None)
        if not legend or squash(legend[0]) != "Participant":
            raise UntcFormatError(
                source, "not a participants CSV (the first header cell is not 'Participant')"
            )
        check_count(source, "columns in the header", len(legend) - 1, MAX_COLUMNS)
        columns = tuple(parse_legend(label) for label in legend[1:])
        width = len(columns)
        rows: list[Row] = []
        for record in records:
            if not any(field.strip() for field in record):
                continue
            if len(record) - 1 > width and any(field.strip() for field in record[width + 1 :]):
                raise UntcFormatError(
                    source, f"line {records.line_num} has more cells than the header has columns"
                )
            check_count(source, "participant rows", len(rows) + 1, MAX_ROWS)
            cells = [parse_cell(field) for field in record[1 : width + 1]]
            rows.append(make_row(squash(record[0]), (), cells, width))
    except csv.Error as exc:
        raise UntcFormatError(source, f"unreadable CSV ({exc})") from None
    chapter = mtdsg.split("-", 1)[0]
    header = Header(
        mtdsg=mtdsg,
        chapter=chapter,
        chapter_name=None,
        title="",
        conclusion_place=None,
        conclusion_date=None,
        entry_into_force=None,
        entry_into_force_text=None,
        registration_date=None,
        registration_number=None,
        signatories=None,
        parties=None,
        treaty_text=None,
        template=None,
    )
    return StatusDocument(
        source=source, format="csv", header=header, as_of=None, columns=columns, rows=tuple(rows)
    )
