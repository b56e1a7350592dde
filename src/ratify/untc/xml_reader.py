"""Read an MTDSG status XML file (``V-5.en.xml``) into a :class:`StatusDocument`.

The bytes are repaired (:mod:`.repair`) and parsed by defusedxml (:mod:`.safexml`) with DTDs,
entity declarations and external references all forbidden, so nothing is ever resolved or fetched.
Elements are selected by name only: the order of ``Treaty``'s children varies between files.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

import defusedxml

from ratify.errors import UntcFormatError
from ratify.untc.dates import first_date, only_date
from ratify.untc.document import (
    Cell,
    Column,
    Header,
    Note,
    Row,
    Statement,
    StatusDocument,
    TerritorialApplication,
)
from ratify.untc.guard import (
    MAX_COLUMNS,
    MAX_ELEMENTS,
    MAX_MARKUP_DEPTH,
    MAX_ROWS,
    MAX_STATEMENTS,
    check_count,
    check_size,
)
from ratify.untc.header import chapter_numeral, count, mtdsg_from_path, registration, split_conclusion
from ratify.untc.repair import repair_xml
from ratify.untc.safexml import TooManyElements, parse_untrusted
from ratify.untc.statements import SectionBuilder
from ratify.untc.table import EMPTY_CELL, make_row, parse_cell, parse_legend
from ratify.untc.text import plain, split_footnotes, squash

__all__ = ["read_xml"]

_LEGEND = "Participants/Table/TGroup/Thead/Row/Entry"
_ROWS = "Participants/Table/TGroup/Tbody/Rows/Row"
# <right>25 October 2012</right> opens a statement made later than the consent to be bound
_RIGHT = re.compile(r"\s*<\s*right\b[^<>]*>(.*?)<\s*/\s*right\s*>(.*)", re.IGNORECASE | re.DOTALL)


def read_xml(data: bytes, source: str) -> StatusDocument:
    """Parse the bytes of one MTDSG ``.en.xml`` status file; ``source`` names it in errors."""
    check_size(data, source)
    root = _parse(repair_xml(data), source)
    if root.tag != "Document":
        raise UntcFormatError(
            source, f"not an MTDSG status document (root element <{root.tag}>, expected <Document>)"
        )
    treaty = root.find("Treaty")
    if treaty is None or treaty.find("Header") is None:
        raise UntcFormatError(
            source, "not an MTDSG status document (no <Treaty> with a <Header> in <Document>)"
        )
    try:
        return _document(treaty, source)
    except (RecursionError, _TooDeep):
        raise UntcFormatError(source, f"markup nested more than {MAX_MARKUP_DEPTH} deep in a text; refused") from None


class _TooDeep(Exception):
    """Markup nested deeper than :data:`~.guard.MAX_MARKUP_DEPTH` inside one text."""


def _parse(data: bytes, source: str) -> ET.Element:
    try:
        return parse_untrusted(data, MAX_ELEMENTS)
    except TooManyElements:
        reason = f"more than {MAX_ELEMENTS:,} elements; refused (the limit of a status file)"
    except defusedxml.DTDForbidden:
        reason = "has a DOCTYPE declaration; refused (a DTD can define entity bombs or external references)"
    except defusedxml.EntitiesForbidden:
        reason = "declares entities; refused"
    except defusedxml.ExternalReferenceForbidden:
        reason = "refers to an external resource; refused"
    except defusedxml.DefusedXmlException as exc:
        reason = f"refused: {exc}"
    except ET.ParseError as exc:
        reason = f"not well-formed XML, even after repair ({exc})"
    except (ValueError, LookupError, UnicodeError) as exc:  # e.g. an unknown declared encoding
        reason = f"cannot be decoded as XML ({exc})"
    raise UntcFormatError(source, reason)


def _inner(element: ET.Element) -> str:
    """An element's content as text, escaped inline markup and real child elements alike.

    One walk appending to one list, whatever the nesting: text is copied once, not once for
    every element around it (which made deeply nested markup quadratic).
    """
    if len(element) == 0:
        return element.text or ""
    parts = [element.text or ""]
    stack = [iter(element)]  # the children still to visit, at each depth
    tails: list[str] = []  # what to write when the element at each depth is done
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            if tails:
                parts.append(tails.pop())
            continue
        tag = str(child.tag)
        parts += ("<", tag, ">", child.text or "")
        if len(stack) >= MAX_MARKUP_DEPTH:
            raise _TooDeep
        stack.append(iter(child))
        tails.append(f"</{tag}>{child.tail or ''}")
    return "".join(parts)


def _find(parent: ET.Element | None, path: str) -> ET.Element | None:
    # one simple tag at a time: Element.find/findall run in C for a bare tag, in Python for a path
    for tag in path.split("/"):
        if parent is None:
            return None
        parent = parent.find(tag)
    return parent


def _findall(parent: ET.Element, path: str, source: str, limit: int = MAX_STATEMENTS) -> list[ET.Element]:
    head, _, tag = path.rpartition("/")
    container = _find(parent, head) if head else parent
    found = [] if container is None else container.findall(tag)
    check_count(source, f"<{tag}> elements in <{container.tag if container is not None else ''}>",
                len(found), limit)
    return found


def _text(parent: ET.Element, path: str) -> str | None:
    element = _find(parent, path)
    return None if element is None else _inner(element)


def _plain(parent: ET.Element, path: str) -> str | None:
    raw = _text(parent, path)
    if raw is None:
        return None
    return plain(raw) or None


def _document(treaty: ET.Element, source: str) -> StatusDocument:
    columns, rows = _table(treaty, source)
    titles = [plain(_inner(title)) for title in _findall(treaty, "Declarations/Title", source)]
    under_titles = [plain(_inner(title)) for title in _findall(treaty, "DeclarationsUnderArticle/Title", source)]
    return StatusDocument(
        source=source,
        format="xml",
        header=_header(treaty, source),
        as_of=None,
        columns=columns,
        rows=rows,
        notes=tuple(_note(note) for note in _findall(treaty, "EndNotes/Note", source)),
        declarations_title=squash(" ".join(titles)) or None,
        declarations=_statements(_findall(treaty, "Declarations/Declaration", source)),
        objections=_statements(_findall(treaty, "Objections/Objection", source)),
        territorial_applications=_territorial(_findall(treaty, "TerritorialApplications/Application", source)),
        declarations_under_article_title=squash(" ".join(under_titles)) or None,
        declarations_under_article=_statements(_findall(treaty, "DeclarationsUnderArticle/Declaration", source)),
    )


def _header(treaty: ET.Element, source: str) -> Header:
    data = _find(treaty, "Header/ExternalData")
    if data is None:
        data = ET.Element("ExternalData")
    chapter = chapter_numeral(_plain(treaty, "Header/Chapter/Header") or "")
    number = _plain(data, "Numsect") or ""
    sub = _plain(data, "Subnumsect")
    conclusion_place, conclusion_date = split_conclusion(_plain(data, "Conclusion") or "")
    eif_text = _plain(data, "EIF/Labeltext")
    in_force = not (_plain(data, "EIF/Label") or "").lower().startswith("not yet")
    registration_date, registration_number = registration(_plain(data, "Registration/Labeltext") or "")
    eif_date = first_date(eif_text) if eif_text and in_force else None
    return Header(
        mtdsg=mtdsg_from_path(source, chapter, number, sub),
        chapter=chapter,
        chapter_name=_plain(treaty, "Header/Chapter/Name"),
        title=_plain(data, "Titlesect") or _plain(data, "Subtitlesect") or "",
        conclusion_place=conclusion_place,
        conclusion_date=conclusion_date,
        entry_into_force=eif_date,
        entry_into_force_text=eif_text,
        registration_date=registration_date,
        registration_number=registration_number,
        signatories=count(_plain(data, "Status/Signatories"), "signatories", source),
        parties=count(_plain(data, "Status/Parties"), "parties", source),
        treaty_text=_plain(data, "TreatyText/Text"),
        template=_plain(treaty, "Template"),
    )


def _table(treaty: ET.Element, source: str) -> tuple[tuple[Column, ...], tuple[Row, ...]]:
    legend = [parse_legend(_inner(entry)) for entry in _findall(treaty, _LEGEND, source, MAX_COLUMNS + 1)]
    columns = tuple(legend[1:])  # the first column is the participant
    width = len(columns)
    rows = []
    seen: dict[str, Cell] = {"": EMPTY_CELL}  # cells repeat within a table (signatures on the opening day)
    # The hot loop of the reader: C-level child lookups and .text, one dict probe per cell.
    for number, row in enumerate(_findall(treaty, _ROWS, source, MAX_ROWS), start=1):
        entries = row.findall("Entry")
        if not entries:
            continue
        if len(entries) - 1 > width:
            raise UntcFormatError(
                source,
                f"participants row {number} has {len(entries) - 1} date cells, "
                f"the legend has {width} columns",
            )
        first = entries[0]
        name, footnotes = split_footnotes(first.text or "" if not len(first) else _inner(first))
        cells = []
        for entry in entries[1:]:
            raw = entry.text or "" if not len(entry) else _inner(entry)
            cell = seen.get(raw)
            if cell is None:
                if "<" in raw:  # a footnote marker in a date cell: it belongs to the row
                    raw, extra = split_footnotes(raw)
                    footnotes += extra
                    cell = parse_cell(raw)
                else:
                    cell = seen[raw] = parse_cell(raw)
            cells.append(cell)
        if len(cells) == width:
            rows.append(Row(name, footnotes, tuple(cells)))
        else:
            rows.append(make_row(name, footnotes, cells, width))
    return columns, tuple(rows)


def _note(note: ET.Element) -> Note:
    paragraphs = (plain(_inner(text)) for text in note.findall("text"))
    return Note(squash(_text(note, "index") or ""), "\n\n".join(p for p in paragraphs if p))


def _statements(elements: Iterable[ET.Element]) -> tuple[Statement, ...]:
    statements = []
    for element in elements:
        participant, footnotes = split_footnotes(_text(element, "Participant") or "")
        builder = SectionBuilder()
        for text in element.findall("text"):
            raw = _inner(text)
            right = _RIGHT.match(raw) if "<" in raw else None
            if right is not None:
                date = only_date(plain(right.group(1)))
                if date is not None:
                    builder.date(date)
                    raw = right.group(2)
            value = plain(raw)
            if not value:
                continue
            if text.get("type") == "title":
                builder.title(value)
            else:
                builder.paragraph(value)
        statements.append(Statement(participant, footnotes, builder.sections()))
    return tuple(statements)


def _territorial(elements: Iterable[ET.Element]) -> tuple[TerritorialApplication, ...]:
    applications = []
    participant = ""
    for element in elements:
        name = _plain(element, "Participant")
        if name:
            participant = name
        applications.append(
            TerritorialApplication(
                participant,
                only_date(_plain(element, "DateNotification") or ""),
                _plain(element, "Territories") or "",
            )
        )
    return tuple(applications)
