"""Readers of the UN depositary's status files (MTDSG XML, ViewDetails HTML, derived CSV).

Pure parsing into frozen objects (:mod:`.document`); turning them into ratify's own data model
is done elsewhere. Every file that cannot be read raises :class:`ratify.errors.UntcFormatError`.
"""

from __future__ import annotations

from .csv_reader import mtdsg_from_csv_name, read_derived_csv
from .document import (
    Cell,
    Column,
    Header,
    LegendItem,
    Note,
    Row,
    Statement,
    StatementSection,
    StatusDocument,
    TerritorialApplication,
)
from .html_reader import read_html
from .read import read_status
from .xml_reader import read_xml

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
    "mtdsg_from_csv_name",
    "read_derived_csv",
    "read_html",
    "read_status",
    "read_xml",
]
