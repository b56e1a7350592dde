"""Limits and decoding shared by the readers: refuse oversized input, decode text safely."""

from __future__ import annotations

from ratify.errors import UntcFormatError

__all__ = [
    "MAX_COLUMNS",
    "MAX_ELEMENTS",
    "MAX_INPUT_BYTES",
    "MAX_MARKUP_DEPTH",
    "MAX_NESTED_PARTS",
    "MAX_ROWS",
    "MAX_STATEMENTS",
    "check_count",
    "check_size",
    "decode_text",
]

MAX_INPUT_BYTES = 50 * 1024 * 1024  # the largest real status page (ICCPR, HTML) is about 3 MB
# Real files (2026: 407 XML, 18 HTML pages, 10 CSVs) have at most 197 participant rows, 4 date
# columns, 172 statements in one section and no part of a page inside another. The caps are
# ten times or more above that, low enough that a hostile file is refused before it costs much.
MAX_ROWS = 5_000  # participant rows in one table
MAX_COLUMNS = 64  # date columns of the participants table (cells in a row)
MAX_STATEMENTS = 20_000  # declarations, objections, end notes, territorial applications: each
MAX_NESTED_PARTS = 8  # parts of an HTML page (the table, a declaration…) open inside one another
MAX_ELEMENTS = 100_000  # elements of an XML file (the largest real one has 1,508)
MAX_MARKUP_DEPTH = 64  # elements inside one text of an XML file (real ones: a <superscript> in a <p>)


def check_count(source: str, what: str, number: int, limit: int) -> None:
    """Refuse a file with more than ``limit`` of ``what`` (``"participant rows"``)."""
    if number > limit:
        raise UntcFormatError(source, f"more than {limit:,} {what}; refused (the limit of a status file)")


def check_size(data: bytes, source: str) -> None:
    """Refuse input over :data:`MAX_INPUT_BYTES` before any parsing work is done."""
    if len(data) > MAX_INPUT_BYTES:
        raise UntcFormatError(
            source, f"file too large ({len(data):,} bytes; the limit is {MAX_INPUT_BYTES:,})"
        )


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; binary data is refused."""
    if b"\x00" in data:
        raise UntcFormatError(source, "binary data (NUL bytes), not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
