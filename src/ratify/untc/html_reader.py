"""Read a UN Treaty Collection status page (``ViewDetails.aspx``) into a :class:`StatusDocument`.

The page is ASP.NET output with unbalanced markup (``</n>``, ``<SUP>…</superscript>``), so it is
not turned into a tree. A linear tokenizer (:mod:`.htmltokens`: ``html.parser``'s rules without
its quadratic corners) streams it once and the elements that matter are recorded as event lists,
found by the suffix of their id: the participant grid ``…_tblgrid``, the header prose
(``…_rptEIF_ctl00_tcText`` …), the declarations, objections and end notes
(``…_dgDec_ctl05_divText`` …), the declarations under an article
(``…_dgDecUnderArticle_ctl03_divText``, titled by ``…_divMainDecArt`` and its sub-title
``…_divDecArt``, which names the article on some pages and says when undated ones were made) and the
territorial-application table ``…_tblDec``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ratify.errors import UntcFormatError
from ratify.untc.dates import first_date, only_date
from ratify.untc.document import Column, Header, Note, Row, Statement, StatusDocument, TerritorialApplication
from ratify.untc.guard import (
    MAX_COLUMNS,
    MAX_NESTED_PARTS,
    MAX_ROWS,
    MAX_STATEMENTS,
    check_count,
    check_size,
    decode_text,
)
from ratify.untc.header import chapter_numeral, join_mtdsg, registration, split_conclusion, status_counts
from ratify.untc.htmltokens import TokenHandler, tokenize
from ratify.untc.statements import SectionBuilder
from ratify.untc.table import make_column, make_row, parse_cell
from ratify.untc.text import footnote_numbers, squash

__all__ = ["read_html"]

_KEY = re.compile(
    r"_(?P<key>rptHead_ctl00_tcHead|rptHead_ctl00_tcText|rptTreaty_ctl00_tcTreaty|rptTreaty_ctl00_tcText"
    r"|rptEIF_ctl00_tcEifLabel|rptEIF_ctl00_tcText|rptRegistration_ctl00_tcText|rptStatus_ctl00_tcText"
    r"|rptText_ctl00_tcText|tblgrid|divMainDecTilte|divDecTilte|divMainDecArt|divDecArt|tblDec"
    r"|(?:dgDec|dgObj|dgDecUnderArticle)_ctl\d+_div(?:Participant|Text)|dgNotesAll_ctl\d+_divNotesAll)$"
)
_STAMP = re.compile(r"STATUS\s+AS\s+AT\s*:\s*(\d{1,2})-(\d{1,2})-(\d{4})", re.IGNORECASE)
# The page's own number: in the form's action, else in the link to its XML source. The form tag
# ends at the next "<" or ">" and each piece is scanned once: no backtracking over a hostile page.
_FORM = re.compile(r"<form\b([^<>]*+)", re.IGNORECASE)
_ACTION = re.compile(r"\baction=[\"']([^\"']*+)", re.IGNORECASE)
_MTDSG_NO = re.compile(r"mtdsg_no=([A-Za-z0-9-]++)", re.IGNORECASE)
_XML_LINK = re.compile(r"/([IVXLC]+(?:-[0-9A-Za-z]+)+)\.en\.xml[\"']")
_TEMPLATE = re.compile(r"[?&;]Temp=(mtdsg\d*)", re.IGNORECASE)
_TREATY_NUMBER = re.compile(r"^\s*(\d+)\s*\.\s*(?:([a-z])\s*[.)]\s*)?")
_MAINTENANCE = re.compile(r"maintenance|temporarily unavailable|currently unavailable", re.IGNORECASE)
_NOTE_TAGS = frozenset({"sup", "superscript"})
_BREAKS = frozenset(
    {"br", "p", "div", "center", "tr", "td", "th", "table", "li", "ul", "ol", "h1", "h2", "h3", "h4"}
)
_VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "area", "base", "col", "source", "wbr"})

# Repeated parts: one left open by unbalanced markup is closed when the next one starts.
_SEQUENCES = frozenset({"dgDec", "dgObj", "dgDecUnderArticle", "dgNotesAll"})
_PART_NAMES = {
    "tblgrid": "the participants table",
    "tblDec": "the territorial applications",
    "dgDec": "a declaration",
    "dgDecUnderArticle": "a declaration under an article",
    "dgObj": "an objection",
    "dgNotesAll": "an end note",
}

Event = tuple[str, str, dict[str, str]]  # ("start" | "end" | "data", tag or text, attributes)
_NO_ATTRIBUTES: dict[str, str] = {}  # shared by every end and data event: never written to


class _TooMany(Exception):
    """A cap of :mod:`.guard` reached while streaming the page: what, and the limit."""


def read_html(data: bytes, source: str) -> StatusDocument:
    """Parse the bytes of one saved ViewDetails status page; ``source`` names it in errors."""
    check_size(data, source)
    text = decode_text(data, source)
    parser = _PageParser()
    try:
        parser.feed(text)
    except _TooMany as exc:
        what, limit = exc.args
        check_count(source, what, limit + 1, limit)
    found = parser.found
    if parser.unclosed:
        raise UntcFormatError(source, f"the page ends inside {parser.unclosed[0]} (truncated?)")
    if "tblgrid" not in found:
        if _MAINTENANCE.search(text):
            raise UntcFormatError(source, "a maintenance page from the server, not a treaty status page")
        raise UntcFormatError(
            source, "no participants table (…_tblgrid) in the page: not a treaty status page"
        )
    columns, rows = _grid(found["tblgrid"][0], source)
    titles = [_flat(events)[0] for key in ("divMainDecTilte", "divDecTilte") for events in found.get(key, [])]
    return StatusDocument(
        source=source,
        format="html",
        header=_header(found, text, source),
        as_of=_as_of(text),
        columns=columns,
        rows=rows,
        notes=tuple(_note(events) for events in found.get("dgNotesAll", [])),
        declarations_title=squash(" ".join(titles)) or None,
        declarations=_statements(parser.order, "dgDec"),
        objections=_statements(parser.order, "dgObj"),
        territorial_applications=_territorial(found.get("tblDec", [])),
        declarations_under_article_title=squash(" ".join(
            _flat(e)[0] for key in ("divMainDecArt", "divDecArt") for e in found.get(key, []))) or None,
        declarations_under_article=_statements(parser.order, "dgDecUnderArticle"),
    )


class _Capture:
    __slots__ = ("depth", "events", "key", "rows", "tag")

    def __init__(self, key: str, tag: str) -> None:
        self.key = key
        self.tag = tag
        self.depth = 1
        self.rows = 0
        self.events: list[Event] = []


class _PageParser(TokenHandler):
    """Records the events inside each element whose id names a part we read.

    An element is closed by the end tag that balances its own tag name. The ASP.NET markup is
    not always balanced, so a declaration or note left open is closed when the next one of its
    kind starts, or at ``</html>``; only input that stops before ``</html>`` with something
    still open counts as truncated.

    Each event is stored once per part that is open around it, and at most
    :data:`~.guard.MAX_NESTED_PARTS` parts may be open at once, so memory stays linear in the
    page; a table's rows and the number of parts of one kind are counted as they stream by.
    """

    def __init__(self) -> None:
        self._open: list[_Capture] = []
        self.found: dict[str, list[list[Event]]] = {}
        self.order: list[tuple[str, list[Event]]] = []  # every capture, in document order
        self.unclosed: list[str] = []  # what was still open where the input stopped short

    def _finish(self, capture: _Capture) -> None:
        self._open.remove(capture)
        found = self.found.setdefault(capture.key, [])
        found.append(capture.events)
        if len(found) > MAX_STATEMENTS:
            raise _TooMany(f"parts {capture.key!r} in the page", MAX_STATEMENTS)
        self.order.append((capture.key, capture.events))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        ident = attributes.get("id")
        match = _KEY.search(ident) if ident and tag not in _VOID else None
        if match is not None:
            key = _family(match.group("key"))
            family = key.split(".")[0]
            if family in _SEQUENCES:
                for capture in [c for c in self._open if c.key.split(".")[0] == family]:
                    self._finish(capture)
        for capture in self._open:
            if tag == capture.tag:
                capture.depth += 1
            if tag == "tr":
                capture.rows += 1
                if capture.rows > MAX_ROWS + 1:  # the legend row and the participants
                    raise _TooMany("table rows in one part of the page", MAX_ROWS)
            capture.events.append(("start", tag, attributes))
        if match is not None:
            if len(self._open) >= MAX_NESTED_PARTS:
                raise _TooMany("parts of the page open inside one another", MAX_NESTED_PARTS)
            self._open.append(_Capture(key, tag))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        for capture in self._open:
            capture.events.append(("start", tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        if tag == "html":
            for capture in list(self._open):
                self._finish(capture)
            return
        for capture in list(self._open):
            if tag == capture.tag:
                capture.depth -= 1
                if capture.depth == 0:
                    self._finish(capture)
                    continue
            capture.events.append(("end", tag, _NO_ATTRIBUTES))

    def handle_data(self, data: str) -> None:
        for capture in self._open:
            capture.events.append(("data", data, _NO_ATTRIBUTES))

    def feed(self, text: str) -> None:
        """Read the whole page; what is still open at its end is listed in ``unclosed``."""
        tokenize(text, self)
        self.unclosed = [_PART_NAMES.get(c.key.split(".")[0], "a part of the page") for c in self._open]


def _family(key: str) -> str:
    """``dgDec_ctl05_divText`` -> ``dgDec.Text``; ``dgNotesAll_ctl02_divNotesAll`` -> ``dgNotesAll``."""
    if key.startswith(("dgDec_", "dgObj_", "dgDecUnderArticle_")):
        return key.split("_", 1)[0] + "." + key.rsplit("_div", 1)[1]
    if key.startswith("dgNotesAll_"):
        return "dgNotesAll"
    return key


def _flat(events: list[Event]) -> tuple[str, tuple[str, ...]]:
    """Squashed text of an element and the note numbers in its ``<sup>``s."""
    text: list[str] = []
    notes: list[str] = []
    in_note = 0
    for kind, value, _ in events:
        if kind == "data":
            (notes if in_note else text).append(value)
        elif value in _NOTE_TAGS:
            in_note += 1 if kind == "start" else -1 if in_note else 0
        elif value in _BREAKS:
            text.append(" ")
    numbers = footnote_numbers(",".join(notes))
    if not numbers and any(n.strip() for n in notes):  # a superscript that is not a note number
        text.extend(notes)
    return squash("".join(text)), numbers


def _blocks(events: list[Event]) -> Iterator[tuple[str, str]]:
    """Paragraph-sized pieces of a text block: ``(kind, text)``, kind from the enclosing ``<p>``.

    ``right`` is a right-aligned paragraph (a date), ``title`` a left-aligned one (a sub-heading),
    ``hidden`` the invisible repeat of the participant's name, ``para`` anything else.
    """
    buffer: list[str] = []
    kind = "para"
    in_note = 0
    for event, value, attributes in events:
        if event == "data":
            if not in_note:
                buffer.append(value)
            continue
        if value in _NOTE_TAGS:
            in_note += 1 if event == "start" else -1 if in_note else 0
            continue
        if value not in _BREAKS:
            continue
        text = squash("".join(buffer))
        buffer.clear()
        if text:
            yield kind, text
        if value == "p":
            kind = _paragraph_kind(attributes) if event == "start" else "para"
    text = squash("".join(buffer))
    if text:
        yield kind, text


def _paragraph_kind(attributes: dict[str, str]) -> str:
    if "invisible" in attributes.get("class", ""):
        return "hidden"
    align = attributes.get("align", "").lower()
    return "right" if align == "right" else "title" if align == "left" else "para"


def _as_of(text: str) -> dt.date | None:
    match = _STAMP.search(text)
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _first(found: dict[str, list[list[Event]]], key: str) -> str | None:
    captures = found.get(key)
    return (_flat(captures[0])[0] or None) if captures else None


def _header(found: dict[str, list[list[Event]]], page: str, source: str) -> Header:
    chapter = chapter_numeral(_first(found, "rptHead_ctl00_tcHead") or "")
    heading = _first(found, "rptTreaty_ctl00_tcTreaty") or ""
    numbered = _TREATY_NUMBER.match(heading)
    title = heading[numbered.end() :].strip() if numbered else heading
    form = _form_mtdsg(page) or _XML_LINK.search(page)
    if form is not None:
        mtdsg = form.group(1)
    else:
        mtdsg = join_mtdsg(chapter, numbered.group(1), numbered.group(2)) if numbered else chapter
    place, concluded = split_conclusion(_first(found, "rptTreaty_ctl00_tcText") or "")
    eif_text = _first(found, "rptEIF_ctl00_tcText")
    in_force = not (_first(found, "rptEIF_ctl00_tcEifLabel") or "").lower().startswith("not yet")
    registered, number = registration(_first(found, "rptRegistration_ctl00_tcText") or "")
    signatories, parties = status_counts(_first(found, "rptStatus_ctl00_tcText") or "", source)
    template = _TEMPLATE.search(page)
    return Header(
        mtdsg=mtdsg,
        chapter=chapter,
        chapter_name=_first(found, "rptHead_ctl00_tcText"),
        title=title,
        conclusion_place=place,
        conclusion_date=concluded,
        entry_into_force=first_date(eif_text) if eif_text and in_force else None,
        entry_into_force_text=eif_text,
        registration_date=registered,
        registration_number=number,
        signatories=signatories,
        parties=parties,
        treaty_text=_first(found, "rptText_ctl00_tcText"),
        template=template.group(1).lower() if template else None,
    )


def _form_mtdsg(page: str) -> re.Match[str] | None:
    """``mtdsg_no=…`` in the action of the first form that has one."""
    for form in _FORM.finditer(page):
        action = _ACTION.search(form.group(1))
        if action is not None:
            number = _MTDSG_NO.search(action.group(1))
            if number is not None:
                return number
    return None


def _table_rows(events: list[Event]) -> list[list[list[Event]]]:
    """Rows of cells of events; a table nested inside a cell stays part of that cell."""
    rows: list[list[list[Event]]] = []
    cell: list[Event] | None = None
    nested = 0
    for event in events:
        kind, value, _ = event
        if value == "table" and kind != "data":
            nested += 1 if kind == "start" else -1 if nested else 0
        elif not nested and kind == "start" and value == "tr":
            rows.append([])
            cell = None
            continue
        elif not nested and kind == "start" and value in ("td", "th"):
            if not rows:
                rows.append([])
            cell = []
            rows[-1].append(cell)
            continue
        elif not nested and kind == "end" and value in ("td", "th", "tr"):
            cell = None
            continue
        if cell is not None:
            cell.append(event)
    return [row for row in rows if row]


def _grid(events: list[Event], source: str) -> tuple[tuple[Column, ...], tuple[Row, ...]]:
    table = _table_rows(events)
    if not table:
        return (), ()
    check_count(source, "columns in the participants table", len(table[0]) - 1, MAX_COLUMNS)
    columns = tuple(make_column(*_flat(cell)) for cell in table[0][1:])
    width = len(columns)
    rows = []
    for number, cells in enumerate(table[1:], start=1):
        if len(cells) - 1 > width:
            raise UntcFormatError(
                source,
                f"participants row {number} has {len(cells) - 1} date cells, the legend has {width} columns",
            )
        name, footnotes = _flat(cells[0])
        parsed = []
        for cell in cells[1:]:
            text, extra = _flat(cell)
            footnotes += extra
            parsed.append(parse_cell(text))
        rows.append(make_row(name, footnotes, parsed, width))
    return columns, tuple(rows)


def _note(events: list[Event]) -> Note:
    index = ""
    rest = events
    for position, (kind, value, attributes) in enumerate(events):
        if kind == "start" and value == "a" and "name" in attributes:
            index = attributes["name"].strip()
            end = next((i for i in range(position, len(events)) if events[i][:2] == ("end", "a")), position)
            rest = events[end + 1 :]
            break
    return Note(index, "\n\n".join(text for _, text in _blocks(rest)))


def _statements(order: list[tuple[str, list[Event]]], family: str) -> tuple[Statement, ...]:
    statements: list[Statement] = []
    participant: tuple[str, tuple[str, ...]] | None = None
    for key, events in order:
        if key == family + ".Participant":
            participant = _flat(events)
        elif key == family + ".Text" and participant is not None:
            builder = SectionBuilder()
            for kind, text in _blocks(events):
                if kind == "hidden":
                    continue
                date = only_date(text) if kind == "right" else None
                if date is not None:
                    builder.date(date)
                elif kind == "title":
                    builder.title(text)
                else:
                    builder.paragraph(text)
            statements.append(Statement(participant[0], participant[1], builder.sections()))
            participant = None
    return tuple(statements)


def _territorial(tables: list[list[Event]]) -> tuple[TerritorialApplication, ...]:
    applications = []
    for events in tables:
        participant = ""
        for cells in _table_rows(events)[1:]:
            texts = [_flat(cell)[0] for cell in cells] + ["", "", ""]
            participant = texts[0] or participant
            applications.append(TerritorialApplication(participant, only_date(texts[1]), texts[2]))
    return tuple(applications)
