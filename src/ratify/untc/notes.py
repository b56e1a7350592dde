"""What a person should know about an import, as facts: each note's kind and the values it is about.

The importer says *what* it met (a row that names no state, a file older than the folder's table);
`ratify.present.imports` says it in words, in any language with a catalogue (`str(note)` is the
English). So the notes can be counted, filtered by kind and tested without reading a sentence.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ratify.model.enums import ActionKind, ImportNoteKind, StatementKind

__all__ = ["ImportNote", "ImportNoteKind"]


@attrs.frozen
class ImportNote:
    """One thing the import met and how it dealt with it; the fields that `kind` does not use are None."""

    kind: ImportNoteKind
    file: str  # the file, page or folder the note is about, as the user named it
    participant: str | None = None  # the depositary's name of the row
    state: str | None = None  # the state's alpha-3 code
    mtdsg: str | None = None  # OLDER_THAN_FOLDER: the instrument's number
    value: str | None = None  # UNDATED_CELL: the cell's text; UNKNOWN_CODE: the code
    column: str | None = None  # UNKNOWN_CODE: the label of the column's legend
    codes: tuple[str, ...] = ()  # DATE_ORDER: the codes of the dates out of order (as `quirks` records them)
    statement: StatementKind | None = None  # CURATED_STATEMENT_KEPT: the statement's kind
    action: ActionKind | None = None  # CORRECTION_IN_TABLE: the correction's action
    date: dt.date | None = None  # OLDER_THAN_FOLDER: the file's table; CORRECTION_IN_TABLE: the correction's
    folder_date: dt.date | None = None  # OLDER_THAN_FOLDER: the folder's table
    count: int | None = None  # NO_TABLE: the participants kept

    def __str__(self) -> str:
        """The note in English words (a door into `ratify.present.imports`)."""
        from ratify.present.i18n import language
        from ratify.present.imports import note_text

        return note_text(self, language("en"))
