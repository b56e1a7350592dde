"""What a depositary status file says, as read: frozen attrs objects, no interpretation.

The readers (XML, HTML, derived CSV) all produce a :class:`StatusDocument`. Nothing here knows
ratify's own data model; converting a document into participations is done elsewhere. Action
codes stay raw (``"a"``, ``"AA"``, ``None``) and are explained only through the legend of the
column they sit in (:meth:`Column.meaning`), because the UN defines codes per table.
"""

from __future__ import annotations

import datetime as dt

import attrs

__all__ = [
    "Cell",
    "Column",
    "Header",
    "LegendItem",
    "Note",
    "Row",
    "Statement",
    "StatementSection",
    "StatusDocument",
    "TerritorialApplication",
]


@attrs.frozen
class LegendItem:
    """One item of a column legend: ``Accession(a)`` is ``LegendItem("Accession", "a")``.

    The item without a code is what a bare date in that column means.
    """

    label: str
    code: str | None


@attrs.frozen
class Column:
    """A participants-table column (never the participant column itself) and its legend."""

    label: str
    items: tuple[LegendItem, ...]
    footnotes: tuple[str, ...] = ()

    def meaning(self, code: str | None) -> str | None:
        """The legend label for ``code`` (case-sensitive); ``None`` asks what a bare date means.

        Returns None when the legend does not define the code, or, for a bare date, when the
        legend has no uncoded item or more than one (the meaning would be a guess).
        """
        if code is None:
            uncoded = [item.label for item in self.items if item.code is None]
            return uncoded[0] if len(uncoded) == 1 else None
        for item in self.items:
            if item.code == code:
                return item.label
        return None


@attrs.frozen
class Cell:
    """One date cell: the whitespace-normalised text and what it parses to.

    ``bracketed`` means the depositary put the cell in square brackets: the participant has
    withdrawn or denounced (the date of that is only in a footnote).
    """

    text: str
    date: dt.date | None
    code: str | None
    bracketed: bool


@attrs.frozen
class Row:
    """One participant: its name as printed (footnote markers removed) and its date cells.

    ``cells`` line up with :attr:`StatusDocument.columns`.
    """

    name: str
    footnotes: tuple[str, ...]
    cells: tuple[Cell, ...]


@attrs.frozen
class Note:
    """An end note; paragraphs joined by a blank line, inline markup removed."""

    index: str
    text: str


@attrs.frozen
class StatementSection:
    """A run of paragraphs under one sub-heading (``Reservation:``) and one date.

    ``date`` is None for what was made at the time the section title of the document says
    (normally upon ratification, accession or succession); a later-dated statement carries the
    date the depositary printed above it.
    """

    title: str | None
    paragraphs: tuple[str, ...]
    date: dt.date | None


@attrs.frozen
class Statement:
    """A participant's declarations and reservations, or its objections."""

    participant: str
    footnotes: tuple[str, ...]
    sections: tuple[StatementSection, ...]


@attrs.frozen
class TerritorialApplication:
    """A notification extending the instrument to territories."""

    participant: str
    date: dt.date | None
    territories: str


@attrs.frozen
class Header:
    """The instrument's identity and the prose facts above the participants table."""

    mtdsg: str
    chapter: str
    chapter_name: str | None
    title: str
    conclusion_place: str | None
    conclusion_date: dt.date | None
    entry_into_force: dt.date | None
    entry_into_force_text: str | None
    registration_date: dt.date | None
    registration_number: str | None
    signatories: int | None
    parties: int | None
    treaty_text: str | None
    template: str | None


@attrs.frozen
class StatusDocument:
    """Everything one status file (XML, HTML page or derived CSV) says about one instrument."""

    source: str
    format: str  # "xml" | "html" | "csv"
    header: Header
    as_of: dt.date | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    notes: tuple[Note, ...] = ()
    declarations_title: str | None = None
    declarations: tuple[Statement, ...] = ()
    objections: tuple[Statement, ...] = ()
    territorial_applications: tuple[TerritorialApplication, ...] = ()
    # a second section of declarations, titled by what it holds: those recognizing a committee's
    # competence under an article (ICCPR art. 41), or those made on territorial application
    declarations_under_article_title: str | None = None
    declarations_under_article: tuple[Statement, ...] = ()

    def note(self, index: str) -> Note | None:
        """The end note numbered ``index`` (``"7"``), or None."""
        for note in self.notes:
            if note.index == index:
                return note
        return None
