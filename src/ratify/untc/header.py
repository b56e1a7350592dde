"""The prose above a participants table: chapter, conclusion, entry into force, registration, counts.

Shared by the XML and HTML readers, which find the same strings in different places.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from ratify.errors import UntcFormatError
from ratify.untc.dates import first_date, first_date_span
from ratify.untc.text import squash

__all__ = [
    "chapter_numeral",
    "count",
    "join_mtdsg",
    "mtdsg_from_path",
    "registration",
    "split_conclusion",
    "status_counts",
]

_CHAPTER = re.compile(r"\bCHAPTER\s+([IVXLC]+)\b", re.IGNORECASE)
_REG_NUMBER = re.compile(r"\bNo\.?\s*([0-9][0-9A-Za-z/-]*)")
_INT = re.compile(r"\d++")
_SIGNATORIES = re.compile(r"Signatories\s*+:\s*+(\d++)", re.IGNORECASE)
_PARTIES = re.compile(r"Parties\s*+:\s*+(\d++)", re.IGNORECASE)
_COUNT_DIGITS = 6  # a count of states: more digits is not a count (and int() of 4,300 refuses)
_FILE_MTDSG = re.compile(r"([IVXLC]+(?:-[0-9A-Za-z]+)+)\.en\.(?:xml|html?)$", re.IGNORECASE)


_ROMAN = ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman_numeral(number: int) -> str:
    """The depositary's chapter numeral: 18 -> "XVIII"."""
    numeral = ""
    for value, letters in _ROMAN:
        while number >= value:
            numeral += letters
            number -= value
    return numeral


def roman_value(numeral: str) -> int:
    """The number of a chapter numeral: "XVIII" -> 18."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for a, b in zip(numeral, numeral[1:] + " "[: len(numeral)], strict=True):
        v = values.get(a, 0)
        total += -v if values.get(b, 0) > v else v
    return total


def chapter_numeral(text: str) -> str:
    """``CHAPTER V`` -> ``V``; any other heading is returned squashed."""
    match = _CHAPTER.search(text)
    return match.group(1).upper() if match else squash(text)


def join_mtdsg(chapter: str, number: str, sub: str | None) -> str:
    """``("XVIII", "12", "a")`` -> ``XVIII-12-a``."""
    return "-".join(part for part in (chapter, number, sub) if part)


def mtdsg_from_path(source: str, chapter: str, number: str, sub: str | None) -> str:
    """The MTDSG number, from the file's content, refined by the file name when that agrees.

    The XML of chapter XI says only ``CHAPTER XI`` and ``1`` for ``XI-A-1``: when the file name's
    parts contain the content's parts in order (same chapter), the file name's longer form wins.
    """
    content = join_mtdsg(chapter, number, sub)
    match = _FILE_MTDSG.search(os.path.basename(source))
    if match is None:
        return content
    parts = match.group(1).split("-")
    parts[0] = parts[0].upper()
    named = "-".join(parts)
    if not chapter or not number:
        return named
    if named.upper() == content.upper() or parts[0] != chapter:
        return content
    wanted = [p.upper() for p in content.split("-")]
    have = iter(p.upper() for p in parts)
    return named if all(p in have for p in wanted) else content


def split_conclusion(text: str) -> tuple[str | None, dt.date | None]:
    """``New York, 31 January 1967`` -> ``("New York", date(1967, 1, 31))``."""
    text = squash(text)
    if not text:
        return None, None
    found = first_date_span(text)
    if found is None:
        return text, None
    date, start = found
    place = text[:start].strip().rstrip(",").strip()
    return place or None, date


def registration(text: str) -> tuple[dt.date | None, str | None]:
    """``22 April 1954, No. 2545`` -> ``(date(1954, 4, 22), "2545")``."""
    match = _REG_NUMBER.search(text)
    return first_date(text), match.group(1) if match else None


def _number(digits: str, what: str, source: str) -> int:
    if len(digits) > _COUNT_DIGITS:
        raise UntcFormatError(source, f"the count of {what} has {len(digits):,} digits; not a number of states")
    return int(digits)


def count(text: str | None, what: str = "participants", source: str = "") -> int | None:
    """The integer in a status count (``146``), or None (``Parties*``, empty).

    A count of more than six digits is refused with an UntcFormatError naming ``source``.
    """
    if not text:
        return None
    match = _INT.search(text)
    return _number(match.group(), what, source) if match else None


def status_counts(text: str, source: str = "") -> tuple[int | None, int | None]:
    """``Signatories : 40. Parties : 60`` -> ``(40, 60)``."""
    signatories = _SIGNATORIES.search(text)
    parties = _PARTIES.search(text)
    return (
        _number(signatories.group(1), "signatories", source) if signatories else None,
        _number(parties.group(1), "parties", source) if parties else None,
    )
