"""Group a participant's declaration paragraphs into sections.

The depositary prints a statement as a flat run of sub-headings (``Reservation to article IV:``),
paragraphs and, for statements made later than the consent to be bound, a right-aligned date.
A sub-heading or a date starts a new section; a date stays in force for the sub-headings that
follow it until the next date.
"""

from __future__ import annotations

import datetime as dt

from ratify.untc.document import StatementSection

__all__ = ["SectionBuilder"]


class SectionBuilder:
    """Collects title/paragraph/date events in document order and yields the sections."""

    __slots__ = ("_date", "_paragraphs", "_sections", "_title")

    def __init__(self) -> None:
        self._sections: list[StatementSection] = []
        self._title: str | None = None
        self._paragraphs: list[str] = []
        self._date: dt.date | None = None

    def _close(self) -> None:
        if self._title is not None or self._paragraphs:
            self._sections.append(StatementSection(self._title, tuple(self._paragraphs), self._date))
        self._title = None
        self._paragraphs = []

    def date(self, date: dt.date) -> None:
        self._close()
        self._date = date

    def title(self, title: str) -> None:
        if self._title is not None or self._paragraphs:
            self._close()
        self._title = title

    def paragraph(self, text: str) -> None:
        self._paragraphs.append(text)

    def sections(self) -> tuple[StatementSection, ...]:
        self._close()
        return tuple(self._sections)
