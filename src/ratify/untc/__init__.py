"""Readers of the UN depositary's status files (MTDSG XML, ViewDetails HTML, derived CSV).

Pure parsing into frozen objects (:mod:`.document`); turning them into ratify's own data model
is done elsewhere. Every file that cannot be read raises :class:`ratify.errors.UntcFormatError`.
"""

from __future__ import annotations

from ratify.untc.csv_reader import mtdsg_from_csv_name, read_derived_csv
from ratify.untc.document import (
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
from ratify.untc.html_reader import read_html
from ratify.untc.read import read_status
from ratify.untc.xml_reader import read_xml

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
