"""Depositary status files → instrument data files, merged with what a person curated by hand.

`document_to_file` turns one read `StatusDocument` into an `InstrumentFile`: each row's participant
is mapped to a state through the state names, each date cell interpreted through its own column's
legend, bracketed cells kept as denunciations, footnotes kept with their text. Given the file
already in the data folder (`base`), everything a person added — Russian titles, the entry-into-force
rule, summaries of reservations, notes, corrections with sources — is carried over unchanged.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ratify.errors import DataError, UntcFormatError
from ratify.model.enums import ActionKind, ConsentKind, ImportNoteKind, InstrumentKind, StatementKind, Theme
from ratify.model.names import normalize
from ratify.model.records import (
    Adoption,
    Denunciation,
    Footnote,
    Instrument,
    Localized,
    Source,
    State,
    Statement,
)
from ratify.problems import Severity
from ratify.query.diff import Difference, DifferenceKind
from ratify.resources import bundled_data
from ratify.store.schema import Correction, InstrumentFile, ParticipantRecord, UnmatchedRow
from ratify.store.transaction import is_empty_folder, writing
from ratify.store.validate import date_order_issues
from ratify.untc.document import Cell, Column, Row, StatusDocument
from ratify.untc.document import Statement as RawStatement
from ratify.untc.header import roman_value
from ratify.untc.notes import ImportNote

if TYPE_CHECKING:
    from ratify.store.read import FolderContents

__all__ = [
    "ImportNote",
    "ImportReport",
    "ImportResult",
    "StatusInput",
    "check_mtdsg",
    "consent_kind_of",
    "document_to_file",
    "import_status",
    "import_untc",
    "instrument_id_for",
    "untc_source",
]

StateFinder = Callable[[str], State | None]

# The depositary's words for consent to be bound, as they appear in column legends.
_CONSENT_WORDS: tuple[tuple[str, ConsentKind], ...] = (
    ("succession", ConsentKind.SUCCESSION),
    ("ratification", ConsentKind.RATIFICATION),
    ("accession", ConsentKind.ACCESSION),
    ("acceptance", ConsentKind.ACCEPTANCE),
    ("approval", ConsentKind.APPROVAL),
    ("definitive signature", ConsentKind.DEFINITIVE_SIGNATURE),
    ("formal confirmation", ConsentKind.FORMAL_CONFIRMATION),
    ("consent to be bound", ConsentKind.CONSENT_TO_BE_BOUND),
)

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_PROSE_DATE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})\s+(\d{{4}})\b")
_SENTENCE_BREAK = re.compile(r"(?<=\.)\s+(?=[A-Z])")
_ARTICLES = re.compile(r"\barticles?\s+((?:[0-9IVXL]+[A-Za-z]?(?:\s*\([0-9a-z]+\))*)(?:\s*(?:,|and)\s*[0-9IVXL]+[A-Za-z]?(?:\s*\([0-9a-z]+\))*)*)", re.IGNORECASE)
# What an instrument's number must look like before it names a file: a chapter numeral and one to
# four short parts (XI-A-1, III-2-12a, XVIII-12-b). Nothing else (a path, "../x", 5,000 letters).
_MTDSG_SHAPE = re.compile(r"[IVXLC]{1,8}(?:-[0-9A-Za-z]{1,8}){1,4}", re.IGNORECASE)
_MADE_BY = re.compile(r"made by (?:the Government of )?(?:the )?(.+?)(?: upon| at the time| on \d|:|$)", re.IGNORECASE)


@attrs.frozen
class ImportResult:
    """A converted file and what a person should know about the conversion."""

    file: InstrumentFile
    notes: tuple[ImportNote, ...] = ()


def check_mtdsg(doc: StatusDocument) -> str:
    """The document's MTDSG number, refused with an UntcFormatError unless it is one.

    The number names the instrument's file in the data folder, so an empty chapter or number,
    a heading that is a path (``/etc/x``, ``../x``) or an overlong one never gets that far.
    """
    mtdsg = doc.header.mtdsg
    if not _MTDSG_SHAPE.fullmatch(mtdsg):
        shown = mtdsg if len(mtdsg) <= 60 else mtdsg[:57] + "…"
        raise UntcFormatError(doc.source, f"the treaty's MTDSG number {shown!r} is not a chapter numeral and a "
                                          "number (like V-2 or XVIII-12-a); the file cannot be imported")
    return mtdsg


def instrument_id_for(mtdsg: str) -> str:
    """The id given to an instrument first met in a depositary file: its MTDSG number, lower-cased."""
    return mtdsg.strip().lower()


@functools.lru_cache(maxsize=1024)  # once per legend label, not once per cell
def consent_kind_of(label: str) -> ConsentKind | None:
    """The kind of consent a legend label names ("Accession" → accession), or None if it names none."""
    words = normalize(label)
    for key, kind in _CONSENT_WORDS:
        if key in words:
            return kind
    return None


def untc_source(doc: StatusDocument, as_of: dt.date | None, *, file: str | None = None,
                note: str | None = None) -> Source:
    """The Source record of a depositary file."""
    when = doc.as_of or as_of
    fmt = {"xml": "status XML", "html": "status page", "csv": "participant table (derived CSV)"}[doc.format]
    return Source(
        id=f"untc-{doc.header.mtdsg}" + (f"-{when.isoformat()}" if when else ""),
        title=f"UN Treaty Collection, MTDSG {doc.header.mtdsg}, {fmt}",
        url=_status_url(doc.header.mtdsg),
        as_of=when,
        file=file,
        note=note,
    )


def _status_url(mtdsg: str) -> str:
    chapter = mtdsg.split("-")[0]
    return (f"https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={mtdsg}"
            f"&chapter={roman_value(chapter)}&clang=_en")


def document_to_file(doc: StatusDocument, find_state: StateFinder, *, base: InstrumentFile | None = None,
                     as_of: dt.date | None = None, source: Source | None = None) -> ImportResult:
    """Convert `doc` into an instrument file, keeping every curated field of `base`."""
    if not doc.columns and base is not None and base.participants:
        # a header-only file (a page without its table) says nothing about the participants: keep them
        return ImportResult(base, (ImportNote(ImportNoteKind.NO_TABLE, doc.source, count=len(base.participants)),))
    check_mtdsg(doc)
    notes: list[ImportNote] = []
    src = source or untc_source(doc, as_of)
    instrument = _instrument(doc, base, src)
    sig_col, consent_col = _column_roles(doc.columns)
    participants: list[ParticipantRecord] = []
    unmatched: list[UnmatchedRow] = []
    old = {r.state: r for r in base.participants} if base else {}
    statements = _statements_by_state(doc, find_state)
    adopted = instrument.adoption.date if instrument.adoption else None
    seen: set[str] = set()
    note_texts = _note_texts(doc)
    for row in doc.rows:
        state = find_state(row.name)
        if state is None:
            unmatched.append(UnmatchedRow(row.name, tuple(c.text for c in row.cells), row.footnotes))
            notes.append(ImportNote(ImportNoteKind.UNMATCHED_PARTICIPANT, doc.source, participant=row.name))
            continue
        if state.alpha3 in seen:
            notes.append(ImportNote(ImportNoteKind.SECOND_ROW, doc.source, participant=row.name, state=state.alpha3))
            unmatched.append(UnmatchedRow(row.name, tuple(c.text for c in row.cells), row.footnotes))
            continue
        seen.add(state.alpha3)
        rec = _record(doc, row, state, sig_col, consent_col, notes, note_texts)
        raws = statements.get(state.alpha3)
        if raws:
            made = _statements(raws, rec.consent, find_state)
            rec = attrs.evolve(rec, statements=made)
        quirks = tuple(code for _, code, _ in date_order_issues(rec, adopted))
        if quirks:
            rec = attrs.evolve(rec, quirks=quirks)
            notes.append(ImportNote(ImportNoteKind.DATE_ORDER, doc.source, participant=row.name, state=state.alpha3,
                                    codes=quirks))
        previous = old.get(state.alpha3)
        participants.append(rec if previous is None else _keep_curated(rec, previous, notes, doc.source))
    for code, rec in old.items():
        if code not in seen and _is_curated_only(rec):
            participants.append(rec)  # a person's record the table does not have: never dropped
    participants.sort(key=lambda r: r.state)
    sources = _merge_sources(base, src)
    corrections = base.corrections if base else ()
    notes += _redundant_corrections(corrections, participants, doc.source)
    file = InstrumentFile(instrument=instrument, sources=sources, participants=tuple(participants),
                          corrections=corrections, unmatched=tuple(unmatched))
    return ImportResult(file, tuple(notes))


# -- instrument header ---------------------------------------------------------------------------


def _instrument(doc: StatusDocument, base: InstrumentFile | None, src: Source) -> Instrument:
    h = doc.header
    if base is not None:
        inst = base.instrument
        return attrs.evolve(inst, as_of=src.as_of or inst.as_of, source=src.id,
                            mtdsg=inst.mtdsg or h.mtdsg,
                            entry_into_force=inst.entry_into_force or h.entry_into_force)
    title = h.title.strip() or h.mtdsg
    adoption = None
    if h.conclusion_date:
        adoption = Adoption(place=Localized(h.conclusion_place or ""), date=h.conclusion_date)
    registration = None
    if h.registration_number:
        registration = (f"{h.registration_date.day} {h.registration_date:%B %Y}, " if h.registration_date else "") \
            + f"No. {h.registration_number}".replace("No. No.", "No.")
    return Instrument(
        id=instrument_id_for(h.mtdsg),
        mtdsg=h.mtdsg,
        title=Localized(title),
        short_name=Localized(title),
        kind=_kind_of(title),
        binding=True,
        themes=(Theme.OTHER,),
        adoption=adoption,
        entry_into_force=h.entry_into_force,
        depositary="Secretary-General of the United Nations",
        treaty_series=h.treaty_text,
        registration=registration,
        as_of=src.as_of,
        source=src.id,
        url=src.url,
    )


def _kind_of(title: str) -> InstrumentKind:
    words = title.lower()
    for word, kind in (("protocol", InstrumentKind.PROTOCOL), ("covenant", InstrumentKind.COVENANT),
                       ("convention", InstrumentKind.CONVENTION), ("agreement", InstrumentKind.AGREEMENT)):
        if words.startswith(word) or f" {word}" in words.split(",")[0]:
            return kind
    return InstrumentKind.OTHER


def _merge_sources(base: InstrumentFile | None, src: Source) -> tuple[Source, ...]:
    if base is None:
        return (src,)
    used = {c.source for c in base.corrections} | {r.source for r in base.participants if r.source}
    used |= {s.source for r in base.participants for s in r.statements if s.source}
    kept = [s for s in base.sources if s.id != src.id and (s.id in used or s.id != base.instrument.source)]
    return (src, *kept)


# -- rows ------------------------------------------------------------------------------------------


def _column_roles(columns: tuple[Column, ...]) -> tuple[int | None, int | None]:
    """Which column holds signatures and which the consent to be bound (always the last one)."""
    if not columns:
        return None, None
    consent = len(columns) - 1
    signature = next((i for i, c in enumerate(columns[:-1]) if "signature" in c.label.lower()
                      and consent_kind_of(c.label.split(",")[0]) is None), None)
    return signature, consent


def _record(doc: StatusDocument, row: Row, state: State, sig_col: int | None, consent_col: int | None,
            notes: list[ImportNote], note_texts: dict[str, str]) -> ParticipantRecord:
    signature = consent = None
    kind: ConsentKind | None = None
    label: str | None = None
    bracketed = False
    extra: list[str] = []
    for i, cell in enumerate(row.cells):
        if not cell.text:
            continue
        bracketed |= cell.bracketed
        column = doc.columns[i]
        if cell.date is None:
            notes.append(ImportNote(ImportNoteKind.UNDATED_CELL, doc.source, participant=row.name, state=state.alpha3,
                                    value=cell.text, column=column.label))
            extra.append(f"{column.label}: {cell.text}")
        elif i == sig_col:
            signature = cell.date
            if cell.code is not None:
                extra.append(f"signature: {column.meaning(cell.code) or cell.code}")
        elif i == consent_col:
            consent = cell.date
            kind, label = _consent_kind(column, cell, doc.source, row.name, notes)
        else:
            extra.append(f"{column.label}: {cell.text}")
    footnotes = tuple(Footnote(n, note_texts.get(n)) for n in row.footnotes)
    try:
        denunciation = _denunciation(footnotes) if bracketed else None
    except _NoSuchDate as exc:
        raise UntcFormatError(doc.source, f"participant {row.name!r}: a footnote on its withdrawal gives the date "
                                          f"{exc.args[0]!r}, which does not exist") from None
    return ParticipantRecord(
        state=state.alpha3,
        name=row.name,
        signature=signature,
        consent=consent,
        consent_kind=kind if consent else None,
        consent_label=label if consent else None,
        denunciation=denunciation,
        footnotes=footnotes,
        other_cells=tuple(extra),
    )


def _consent_kind(column: Column, cell: Cell, source: str, name: str,
                  notes: list[ImportNote]) -> tuple[ConsentKind | None, str | None]:
    meaning = column.meaning(cell.code)
    if meaning is None:
        notes.append(ImportNote(ImportNoteKind.UNKNOWN_CODE, source, participant=name, value=cell.code,
                                column=column.label))
        return ConsentKind.OTHER, f"code {cell.code}" if cell.code else "undefined in the legend"
    kind = consent_kind_of(meaning)
    if kind is None:
        return ConsentKind.OTHER, meaning
    return kind, None


def _note_texts(doc: StatusDocument) -> dict[str, str]:
    """Each end note's text by its number, the first of a number winning (as ``doc.note`` does).

    Looked up once per footnote of every row: a dict keeps that linear in the file."""
    return {note.index: note.text for note in reversed(doc.notes)}


class _NoSuchDate(ValueError):
    """A date in a footnote that no calendar has ("31 February 2000")."""


def _prose_date(text: str) -> dt.date | None:
    m = _PROSE_DATE.search(text)
    if not m:
        return None
    try:
        return dt.datetime.strptime(f"{m.group(1)} {m.group(2)} {m.group(3)}", "%d %B %Y").date()
    except ValueError:
        raise _NoSuchDate(m.group()) from None


def _denunciation(footnotes: Iterable[Footnote]) -> Denunciation:
    """The dates of a bracketed (withdrawn) participation, where its footnotes state them.

    Each sentence that speaks of denouncing or withdrawing gives a notice date (the first date of a
    sentence that says the Secretary-General was notified, informed or received it) and an effective
    date (the one after "effect"). A note may tell a first denunciation, a re-accession and a second
    denunciation: the latest pair is the one in force.
    """
    found = Denunciation()
    for fn in footnotes:
        for sentence in _SENTENCE_BREAK.split(fn.text or ""):
            low = sentence.lower()
            if not ("denounc" in low or "denunciation" in low or "withdr" in low):
                continue
            notified = _prose_date(sentence) if re.search(r"notif|inform|receiv|communicat", low) else None
            m = re.search(r"\beffect\b(?:\s+(?:on|from|as from|as of))?\s*(.+)", sentence)
            effective = _prose_date(m.group(1)) if m else None
            latest = max(d for d in (found.notified, found.effective, dt.date.min) if d is not None)
            if (notified or effective) and max(d for d in (notified, effective) if d is not None) > latest:
                found = Denunciation(notified=notified, effective=effective)
    return found


# -- statements ------------------------------------------------------------------------------------


@attrs.frozen
class _Section:
    """A section of a document's statements, and what its title says of them."""

    objection: bool
    dated_by_consent: bool  # an undated statement was made with the consent to be bound
    articles: tuple[str, ...] = ()  # what the title names: "… under article 41" → ("41",)
    under_article: bool = False  # the section of declarations under an article: each is a declaration


def _dated_by_consent(title: str | None) -> bool:
    """Whether a section title dates its undated statements from the consent to be bound.

    ("Unless otherwise indicated, the declarations and reservations were made upon ratification,
    accession or succession.")
    """
    words = (title or "").lower()
    return "unless otherwise" in words and any(w in words for w in ("ratification", "accession", "succession"))


def _statements_by_state(doc: StatusDocument,
                         find_state: StateFinder) -> dict[str, list[tuple[RawStatement, _Section]]]:
    """The document's declarations, objections and declarations under an article, by the state that made them."""
    main = _dated_by_consent(doc.declarations_title)
    under = doc.declarations_under_article_title
    sections = (
        (doc.declarations, _Section(objection=False, dated_by_consent=main)),
        (doc.declarations_under_article,
         _Section(objection=False, dated_by_consent=_dated_by_consent(under), articles=tuple(_articles(under or "")),
                  under_article=True)),
        (doc.objections, _Section(objection=True, dated_by_consent=main)),
    )
    out: dict[str, list[tuple[RawStatement, _Section]]] = {}
    for raws, section in sections:
        for raw in raws:
            state = find_state(raw.participant)
            if state is not None:
                out.setdefault(state.alpha3, []).append((raw, section))
    return out


def _statements(raws: list[tuple[RawStatement, _Section]], consent: dt.date | None,
                find_state: StateFinder) -> tuple[Statement, ...]:
    out: list[Statement] = []
    for raw, section in raws:
        out += _from_raw(raw, section, consent if section.dated_by_consent else None, find_state)
    return tuple(out)


def _from_raw(raw: RawStatement, in_section: _Section, default_date: dt.date | None,
              find_state: StateFinder) -> list[Statement]:
    out = []
    for section in raw.sections:
        text = "\n\n".join(p for p in section.paragraphs if p)
        if not text:
            continue  # a heading alone ("Declarations:") states nothing
        title = section.title or ""
        if in_section.objection:
            kind = StatementKind.OBJECTION
        elif in_section.under_article:
            kind = StatementKind.DECLARATION  # "recognizes the competence …, with the reservation that …"
        elif "reserv" in title.lower() or (not title and "reserv" in text.split("\n\n")[0].lower()):
            kind = StatementKind.RESERVATION
        else:
            kind = StatementKind.DECLARATION
        objects_to = None
        if in_section.objection:
            m = _MADE_BY.search(title)
            target = find_state(m.group(1).strip()) if m else None
            objects_to = target.alpha3 if target else None
        articles = tuple(_articles(title)) or _named_of(in_section.articles, text)
        full = f"{title}\n\n{text}".strip() if title else text
        out.append(Statement(kind=kind, date=section.date or default_date, articles=articles,
                             objects_to=objects_to, text=full or None))
    return out


def _named_of(articles: tuple[str, ...], text: str) -> tuple[str, ...]:
    """Of the articles a section's title names ("… under articles 21 and 22"), those the statement's own
    text names; all of them if it names none (Azerbaijan's CAT declaration quotes art. 22 unnumbered)."""
    if len(articles) < 2:
        return articles
    named = {a.split("(")[0] for a in _articles(text)}
    return tuple(a for a in articles if a.split("(")[0] in named) or articles


def _articles(title: str) -> list[str]:
    found: list[str] = []
    for m in _ARTICLES.finditer(title):
        for part in re.split(r"\s*(?:,|and)\s*", m.group(1)):
            part = part.replace(" ", "")
            if part and part not in found:
                found.append(part)
    return found


# -- keeping what a person curated -----------------------------------------------------------------


def _is_curated_only(rec: ParticipantRecord) -> bool:
    return rec.name is None


def _same_text(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and normalize(a) == normalize(b)


def _keep_curated(new: ParticipantRecord, old: ParticipantRecord | None, notes: list[ImportNote],
                  source: str) -> ParticipantRecord:
    """`new` from the depositary, with the hand-made parts of `old` carried over."""
    if old is None:
        return new
    statements = list(new.statements)
    used: set[int] = set()
    for st in old.statements:
        curated = st.summary is not None or st.limits_scope or st.withdrawn is not None or st.source is not None
        same = [i for i, s in enumerate(statements) if i not in used and _same_text(s.text, st.text)]
        # the same kind first; a curated statement may have corrected the kind the importer guessed
        match = next((i for i in same if statements[i].kind is st.kind), same[0] if same and curated else None)
        if match is not None:
            used.add(match)
            s = statements[match]
            statements[match] = attrs.evolve(
                s, summary=st.summary, limits_scope=st.limits_scope, withdrawn=st.withdrawn or s.withdrawn,
                articles=st.articles or s.articles, source=st.source, date=st.date or s.date, remedy=st.remedy,
                kind=st.kind)
        elif curated or st.text is None:
            statements.append(st)
            if st.text is not None:
                notes.append(ImportNote(ImportNoteKind.CURATED_STATEMENT_KEPT, source, state=new.state,
                                        statement=st.kind))
    return attrs.evolve(new, statements=tuple(statements), notes=old.notes,
                        entry_into_force=old.entry_into_force or new.entry_into_force)


def _redundant_corrections(corrections: Iterable[Correction], participants: Iterable[ParticipantRecord],
                           source: str) -> list[ImportNote]:
    by_state = {p.state: p for p in participants}
    out = []
    for c in corrections:
        rec = by_state.get(c.state)
        if rec is None:
            continue
        if c.action is ActionKind.SIGNATURE and rec.signature == c.date or c.action.is_consent and rec.consent == c.date:
            out.append(ImportNote(ImportNoteKind.CORRECTION_IN_TABLE, source, state=c.state, action=c.action,
                                  date=c.date))
    return out


# -- the import command ----------------------------------------------------------------------------


@attrs.frozen
class ImportReport:
    """What `import_untc` did (or, with dry_run, would do).

    An instrument new to the folder is one difference (INSTRUMENT_ADDED, with its number of
    participants) and is listed in `created`; the other differences are participant by participant.
    """

    differences: tuple[Difference, ...]
    notes: tuple[ImportNote, ...]  # what a person should know, as facts (`str(note)` words it in English)
    written: tuple[str, ...]  # the instrument files written (relative to the data folder)
    created: tuple[str, ...]  # instruments new to the folder
    skipped: tuple[str, ...] = ()  # MTDSG numbers of files older than the folder's table, not imported

    @property
    def changes(self) -> tuple[Difference, ...]:
        """The old name of `differences` (deprecated)."""
        warnings.warn("ImportReport.changes is now ImportReport.differences", DeprecationWarning, stacklevel=2)
        return self.differences


@attrs.frozen
class StatusInput:
    """One depositary status file to import, already read, and where its bytes came from."""

    doc: StatusDocument
    name: str  # the file's path or the page's URL, as messages name it
    file: str | None = None  # the raw file the source record names (a name, or a path in the data folder)
    retrieved: dt.date | None = None  # when this copy was fetched (the source's `retrieved`)
    checked: dt.datetime | None = None  # when the depositary's live page was read (the instrument's `checked`)
    keep: Mapping[str, bytes] = attrs.field(factory=dict)  # raw files written with the instrument (relative)


def import_untc(paths: Iterable[str | os.PathLike[str]], data: str | os.PathLike[str], *,
                dry_run: bool = False, as_of: dt.date | None = None, force: bool = False,
                progress: Callable[[int, int, str], None] | None = None) -> ImportReport:
    """Read depositary status files into the data folder `data`: all files or none are written.

    The folder must load without errors before and after. A folder that does not exist yet or is
    empty starts with the bundled register of states and groups (the depositary's names of states
    resolve through it) and no instruments; there, an instrument ratify knows takes its description
    (titles, rules of entry into force) from the bundled data. `as_of` dates files that carry no "status as at" stamp
    of their own (the XML); without it such a file keeps the folder's date if its table is the
    folder's, else its table is left undated (never dated today: a record's date is the page's own).
    A file older than the folder's table of the same instrument is skipped unless `force`.
    """
    from ratify.untc import read_status

    files = [Path(p) for p in paths]
    inputs = []
    for i, path in enumerate(files, 1):
        if progress:
            progress(i, len(files), str(path))
        inputs.append(StatusInput(read_status(path), str(path), file=path.name))
    return import_status(inputs, data, dry_run=dry_run, as_of=as_of, force=force)


def import_status(inputs: Iterable[StatusInput], data: str | os.PathLike[str], *, dry_run: bool = False,
                  as_of: dt.date | None = None, force: bool = False) -> ImportReport:
    """Import status documents — read from files or fetched — into `data`, as `import_untc` does.

    Each input's `keep` files (a fetched page as it came, and its metadata) are written along with
    the instrument files, in the same all-or-none write; a skipped input's are not. The documents
    are read first; then the folder is locked against other writers, read afresh and written in one
    transaction (see `ratify.store.transaction`), so that two imports never work from the same stale
    folder and a kill at any moment leaves it as it was before or after.
    """
    items = list(inputs)
    folder = Path(data)
    if dry_run:
        return _plan(folder, items, as_of=as_of, force=force, check=False)[0]
    with writing(folder) as tx:
        report, out = _plan(folder, items, as_of=as_of, force=force)
        tx.update(out)
    return report


def _plan(folder: Path, inputs: list[StatusInput], *, as_of: dt.date | None,
          force: bool, check: bool = True) -> tuple[ImportReport, dict[str, bytes]]:
    """What importing `inputs` into `folder` as it is now changes, and the files to write (checked to load)."""
    from ratify.query.diff import diff_participations
    from ratify.query.load import catalog_of
    from ratify.store.datafiles import dump_instrument_file
    from ratify.store.folder import INSTRUMENTS_DIR
    from ratify.store.read import check_folder, participations_of_file

    contents, seed = _starting_contents(folder)
    out: dict[str, bytes] = {}
    catalog = catalog_of(contents)  # the folder must be valid before anything is added to it
    existing = {f.instrument.mtdsg: (path, f) for path, f in contents.instruments.items() if f.instrument.mtdsg}
    pending: dict[str, InstrumentFile] = {}
    differences: list[Difference] = []
    notes = [ImportNote(ImportNoteKind.NEW_FOLDER, str(folder))] if seed else []
    stamp = as_of  # never today: a record's date is the page's own date, or the one the user gives
    kept: dict[str, bytes] = {}
    skipped: list[str] = []
    described = _bundled_descriptions() if seed else {}  # read once, not once per file
    for item in inputs:
        doc, name = item.doc, item.name
        mtdsg = check_mtdsg(doc)
        rel_base = pending.get(mtdsg)
        base = rel_base if rel_base is not None else (existing[mtdsg][1] if mtdsg in existing else None)
        when = doc.as_of or stamp or item.retrieved
        kept_source = None  # the folder's own record of the same table, which says where its copy came from
        if when is None and base is not None and base.instrument.as_of is not None:
            # a file with no date of its own (the XML): the same table as the folder's keeps the folder's date
            same = document_to_file(doc, catalog.find_state, base=base, as_of=base.instrument.as_of,
                                    source=untc_source(doc, base.instrument.as_of, file=item.file))
            if not diff_participations(participations_of_file(base), participations_of_file(same.file)):
                when = base.instrument.as_of
                kept_source = next((x for x in base.sources if x.id == base.instrument.source), None)
        if when is None:
            notes.append(ImportNote(ImportNoteKind.UNDATED_FILE, name, mtdsg=mtdsg))
        if base is not None and base.instrument.as_of and when and when < base.instrument.as_of and not force:
            notes.append(ImportNote(ImportNoteKind.OLDER_THAN_FOLDER, name, mtdsg=mtdsg, date=when,
                                    folder_date=base.instrument.as_of))
            skipped.append(mtdsg)
            continue
        source = kept_source or untc_source(doc, when, file=item.file)
        if item.retrieved is not None:
            source = attrs.evolve(source, retrieved=item.retrieved)
        # in a new folder (started from the bundled register), an instrument ratify knows takes its curated
        # description (titles, rules of entry into force and denunciation, themes) from the bundled register
        # — never its participants; a folder of one's own keeps making new instruments from the file's header
        template = base if base is not None else described.get(mtdsg)
        result = document_to_file(doc, catalog.find_state, base=template, as_of=when, source=source)
        if when is None:  # not the folder's earlier date either: these records are as of an unknown day
            undated = attrs.evolve(result.file.instrument, as_of=None)
            result = attrs.evolve(result, file=attrs.evolve(result.file, instrument=undated))
        result = attrs.evolve(result, file=_with_checked(result.file, item.checked))
        kept.update(item.keep)
        notes += result.notes
        if base is not None:
            differences += diff_participations(participations_of_file(base), participations_of_file(result.file))
        else:  # every participant of an instrument new to the folder is new: one line says it
            differences.append(Difference(result.file.instrument.id, "", DifferenceKind.INSTRUMENT_ADDED,
                                          count=len(result.file.participants)))
        pending[mtdsg] = result.file
    after = dict(contents.instruments)
    created = []
    known = {f.instrument.id for f in contents.instruments.values()} | {f.instrument.id for f in pending.values()}
    for mtdsg, f in pending.items():
        if mtdsg in existing:
            path = existing[mtdsg][0]
        else:
            f = _within(f, known)
            path = folder / INSTRUMENTS_DIR / f"{f.instrument.id}.toml"
            created.append(f.instrument.id)
        payload = dump_instrument_file(f)
        if not path.is_file() or path.read_bytes() != payload:
            out[path.relative_to(folder).as_posix()] = payload
            after[path] = f
    written = tuple(sorted(out))
    if out:
        out.update(seed)  # a new folder gets the register only along with an instrument
        out.update(kept)
    if out and check:
        # the folder as it would be after the import must load: check it before writing anything
        problems = check_folder(attrs.evolve(contents, instruments=after))
        if any(p.severity is Severity.ERROR for p in problems):
            raise DataError(problems)
    return ImportReport(tuple(differences), tuple(notes), written, tuple(created), tuple(skipped)), out


def _with_checked(file: InstrumentFile, checked: dt.datetime | None) -> InstrumentFile:
    """`file` with the time its table was compared with the live page: `checked` if this import is such
    a check; else the earlier check, unless the table imported is newer than that check."""
    inst = file.instrument
    if checked is None and inst.checked is not None and inst.as_of and inst.checked.date() < inst.as_of:
        return attrs.evolve(file, instrument=attrs.evolve(inst, checked=None))
    if checked is None:
        return file
    return attrs.evolve(file, instrument=attrs.evolve(inst, checked=checked))


def _bundled_descriptions() -> dict[str, InstrumentFile]:
    """The bundled register's description of each instrument, by MTDSG number, without its participants,
    sources and corrections (its relations are kept where the folder has their other end: `_within`)."""
    from ratify.store.read import read_instrument_files

    out: dict[str, InstrumentFile] = {}
    for f in read_instrument_files(bundled_data()).values():
        if f.instrument.mtdsg and f.instrument.mtdsg not in out:
            inst = attrs.evolve(f.instrument, as_of=None, source=None, checked=None)
            out[f.instrument.mtdsg] = InstrumentFile(instrument=inst, sources=(), participants=(), corrections=(),
                                                     unmatched=())
    return out


def _within(file: InstrumentFile, known: set[str]) -> InstrumentFile:
    """`file` without the relations to instruments the folder does not have."""
    inst = file.instrument
    relations = tuple(r for r in inst.relations if r.target in known)
    if relations == inst.relations:
        return file
    return attrs.evolve(file, instrument=attrs.evolve(inst, relations=relations))


def _starting_contents(folder: Path) -> tuple[FolderContents, dict[str, bytes]]:
    """What `folder` holds, and the files it must be given first: a new folder gets the bundled register."""
    from ratify.store.folder import GROUPS_FILE, STATES_FILE
    from ratify.store.read import read_folder

    if folder.exists() and not is_empty_folder(folder):
        return read_folder(folder), {}
    bundle = bundled_data()
    register = read_folder(bundle, instruments=False)
    seed = {name: (bundle / name).read_bytes() for name in (STATES_FILE, GROUPS_FILE)}
    return attrs.evolve(register, folder=folder), seed
