"""The two date grammars of the status files.

Tables write ``5 Jun 2007`` (3-letter English month, day not padded); header prose and
later-dated statements write ``22 April 1954``. Both are read here, and a date that does not
exist (``31 Feb``) reads as None rather than failing the file.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["MONTHS", "first_date", "first_date_span", "make_date", "only_date"]

MONTHS = {
    spelling: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october", "octobre"),  # "octobre": IV-11-c dates Austria's objection "4 Octobre 2002"
            ("nov", "november"),
            ("dec", "december", "decmeber"),  # "decmeber": the IV-5 page dates Spain's objection "1 Decmeber 1999"
        ),
        start=1,
    )
    for name in names
    for spelling in (name, name.capitalize())
}
# The month word is checked against MONTHS afterwards: a plain letter class scans much faster
# than an alternation of month names.
_PROSE_DATE = re.compile(r"(?<!\d)(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?!\d)")


def make_date(year: str, month: str, day: str) -> dt.date | None:
    """A date from its printed parts, or None when there is no such month or day."""
    number = MONTHS.get(month.lower())
    if number is None:
        return None
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def first_date_span(text: str) -> tuple[dt.date, int] | None:
    """The first real ``D Month YYYY`` date in prose and where it starts."""
    for match in _PROSE_DATE.finditer(text):
        day, month, year = match.groups()
        found = make_date(year, month, day)
        if found is not None:
            return found, match.start()
    return None


def first_date(text: str) -> dt.date | None:
    """The first real ``D Month YYYY`` date in prose (``22 April 1954, in accordance …``)."""
    found = first_date_span(text)
    return None if found is None else found[0]


# a right-aligned date line as some pages print it: a note mark after it ("12 August 2003*", IV-11-c),
# a letter l for the digit 1 in the year ("8 August l989", IV-2)
_DATE_LINE_SLIPS = ((re.compile(r"\*+$"), ""), (re.compile(r"(?<=\s)l(?=\d{3}$)"), "1"))


def only_date(text: str) -> dt.date | None:
    """The date when ``text`` is nothing but one date (``25 October 2012``, ``20 Feb 1996``)."""
    text = text.strip()
    for slip, fix in _DATE_LINE_SLIPS:
        text = slip.sub(fix, text)
    match = _PROSE_DATE.fullmatch(text)
    if match is None:
        return None
    day, month, year = match.groups()
    return make_date(year, month, day)
