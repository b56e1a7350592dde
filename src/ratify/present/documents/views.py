"""The objects the templates and the Word writer read: frozen, every text already in the document's language."""

from __future__ import annotations

import datetime as dt

import attrs

__all__ = [
    "BasisItem",
    "BriefContext",
    "ChronologyItem",
    "DataSourceItem",
    "GapItem",
    "GroupGaps",
    "InstrumentRow",
    "MatrixCell",
    "MatrixColumn",
    "MatrixRow",
    "Note",
    "ObligationRow",
    "ObligationTable",
    "Obligations",
    "ProcedureCell",
    "ProcedureColumn",
    "ProcedureRow",
    "ProvenanceItem",
    "RegionRow",
    "ReportContext",
    "Section",
    "StateInfo",
    "StatementItem",
]


@attrs.frozen
class Note:
    """A footnote: a source (the depositary's table, a correction's source), a depositary note, a data note."""

    number: int
    kind: str  # "source" | "depositary" | "record"
    title: str
    publisher: str | None = None
    url: str | None = None
    as_of: dt.date | None = None
    as_of_text: str = ""
    detail: str | None = None  # the source's own note: which copy was read
    paragraphs: tuple[str, ...] = ()  # a depositary note's text (in the depositary's language)
    about: str | None = None  # the instrument a depositary or data note is attached to


@attrs.frozen
class ObligationRow:
    """One row of a "Scope of international obligations" table: a category and its three columns."""

    label: str  # "Ratification, accession or succession", "Reservations and/or declarations", …
    before: tuple[str, ...]  # at the previous review (or, without one, on the date of the brief)
    after: tuple[str, ...]  # action since the previous review (empty without one)
    not_done: tuple[str, ...]  # not ratified / not accepted on the date of the brief


@attrs.frozen
class ObligationTable:
    title: str  # "International human rights treaties" / "Other main relevant international instruments"
    rows: tuple[ObligationRow, ...]


@attrs.frozen
class Obligations:
    """The brief's first section, as OHCHR's compilation for the Universal Periodic Review lays it out."""

    since: dt.date | None  # the date of the previous review, if given
    since_text: str
    columns: tuple[str, str, str]  # the headings of the three columns ("" for "action since" without a review)
    tables: tuple[ObligationTable, ...]
    caveat: str = ""  # the instruments whose record is older than the previous review, in a sentence


@attrs.frozen
class ProvenanceItem:
    """One line of the annex "Provenance of the data": how ratify obtained the facts cited in note `note`."""

    note: int  # the footnote that cites the depositary's record
    text: str  # the copy read (kind, repository, file, commit), in the document's language
    url: str | None = None  # the copy's address


@attrs.frozen
class StatementItem:
    kind: str
    kind_label: str
    articles: str  # "art. 1B(1)(a)" / "ст. 1B(1)(a)"
    date: dt.date | None
    date_text: str
    summary: str | None  # the curated summary, in the document's language where there is one
    limits_scope: bool
    in_effect: bool
    withdrawn: dt.date | None
    withdrawn_text: str
    objects_to: str | None  # the reserving state's name, for an objection
    notes: tuple[int, ...] = ()
    term: str | None = None  # the term of art for what it does ("geographic limitation"), where the data gives one
    territory: str | None = None  # made in a notification of territorial application to this territory


@attrs.frozen
class InstrumentRow:
    """One line of the status table: the state's record in one instrument on the brief's date."""

    id: str
    mtdsg: str | None
    short_name: str
    title: str
    binding: bool
    theme: str
    status: str
    status_label: str
    signature: dt.date | None
    signature_text: str
    consent: dt.date | None
    consent_text: str
    consent_kind: str | None
    consent_kind_label: str
    entry_into_force: dt.date | None
    entry_into_force_text: str
    entry_into_force_basis: str  # "computed under art. 43(2)" when the depositary gives no date itself
    denunciation_text: str
    adopted_text: str  # for a non-binding document: when and where it was adopted
    statements: tuple[StatementItem, ...]
    notes: tuple[int, ...]
    record_as_of: dt.date | None = None  # the "status as at" date of the depositary record the row comes from
    record_text: str = ""  # that record in words: "record as at …"; for no action, the table the state is absent from
    record_note: str = ""  # where the record contradicts the state's other records (likely out of date)
    territorial_text: str = ""  # not bound itself, but applying the instrument to a territory by notification


@attrs.frozen
class Section:
    theme: str
    title: str
    rows: tuple[InstrumentRow, ...]


@attrs.frozen
class BasisItem:
    """A document that recommends the instrument, at a paragraph: "<short name> (2011), para. 4"."""

    document: str
    name: str
    paragraph: str
    quote: str | None  # the document's own words where the data gives them
    text: str


@attrs.frozen
class GapItem:
    number: int
    instrument: str  # id
    short_name: str
    title: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    next_step: str
    situation: str
    limitation: str | None  # the limiting reservation, spelled out
    basis: tuple[BasisItem, ...]
    notes: tuple[str, ...]
    since: dt.date | None
    since_text: str
    years: int | None


@attrs.frozen
class RegionRow:
    instrument: str
    short_name: str
    status: str
    status_label: str
    parties: int
    total: int
    count_text: str  # "7 of 11" / "7 из 11"
    share: float
    not_party: tuple[str, ...]  # names of the group's states that are not party


@attrs.frozen
class ChronologyItem:
    date: dt.date
    date_text: str
    state: str  # alpha-3
    state_name: str
    instrument: str
    short_name: str
    action: str
    action_label: str
    detail: str  # the articles, or several separated by "; " when `count` actions are merged
    count: int = 1  # same-day actions of one kind in one instrument are one line


@attrs.frozen
class DataSourceItem:
    """Where the data of one instrument comes from, and the date it is valid for."""

    instrument: str
    short_name: str
    title: str  # the source's title, or "" for a document with no depositary
    publisher: str
    url: str | None
    as_of: dt.date | None
    as_of_text: str
    stale: bool  # checked more than STALE_AFTER before the document's date: later actions may be missing
    note: int | None


@attrs.frozen
class StateInfo:
    alpha3: str
    name: str
    formal_name: str
    role: str | None  # its role in the group, in words
    group_name: str | None
    role_basis: str | None  # where the role comes from: a document's short name and item, or a page


@attrs.frozen
class BriefContext:
    """Everything a country brief prints, in one language."""

    lang: str
    title: str
    date: dt.date
    date_text: str
    as_of: dt.date
    as_of_text: str
    state: StateInfo
    summary: str
    sections: tuple[Section, ...]
    gaps: tuple[GapItem, ...]
    gaps_heading: str
    region_name: str | None
    region: tuple[RegionRow, ...]
    region_total: int
    chronology: tuple[ChronologyItem, ...]
    data_sources: tuple[DataSourceItem, ...]
    stale: tuple[DataSourceItem, ...]
    notes: tuple[Note, ...]
    kind: str = "brief"
    records_text: str = ""  # the dates of the depositary records the brief rests on: "6 July 2013 to 3 February 2026"
    provenance: tuple[ProvenanceItem, ...] = ()  # the annex "Provenance of the data"
    obligations: Obligations | None = None  # the first section: the scope of international obligations
    data_origin: str | None = None  # where the data was read from: "bundled", "user", "environment", "argument"


@attrs.frozen
class MatrixCell:
    status: str
    label: str
    symbol: str


@attrs.frozen
class MatrixColumn:
    instrument: str
    mtdsg: str | None
    short_name: str
    parties: int
    coverage: float
    coverage_text: str


@attrs.frozen
class MatrixRow:
    alpha3: str
    name: str
    role: str | None
    cells: tuple[MatrixCell, ...]
    parties: int
    coverage: float
    coverage_text: str


@attrs.frozen
class ProcedureColumn:
    """One complaint or inquiry procedure of a regional report's procedure matrix."""

    instrument: str
    label: str  # "CAT, art. 22"
    kind_label: str  # "individual communications"


@attrs.frozen
class ProcedureCell:
    accepted: bool
    text: str  # the date it was accepted, or "—"
    label: str  # "accepted", "not accepted", "opted out"


@attrs.frozen
class ProcedureRow:
    alpha3: str
    name: str
    cells: tuple[ProcedureCell, ...]


@attrs.frozen
class GroupGaps:
    alpha3: str
    name: str
    gaps: tuple[GapItem, ...]


@attrs.frozen
class ReportContext:
    """Everything a regional report prints, in one language."""

    lang: str
    title: str
    group: str
    group_name: str
    description: str | None
    role_basis: str | None
    date: dt.date
    date_text: str
    as_of: dt.date
    as_of_text: str
    since: dt.date
    since_text: str
    columns: tuple[MatrixColumn, ...]
    rows: tuple[MatrixRow, ...]
    coverage_text: str
    legend: tuple[MatrixCell, ...]
    changes: tuple[ChronologyItem, ...]
    gaps: tuple[GroupGaps, ...]
    data_sources: tuple[DataSourceItem, ...]
    stale: tuple[DataSourceItem, ...]
    notes: tuple[Note, ...]
    kind: str = "report"
    records_text: str = ""  # as in BriefContext
    provenance: tuple[ProvenanceItem, ...] = ()  # as in BriefContext
    data_origin: str | None = None  # as in BriefContext
    procedure_columns: tuple[ProcedureColumn, ...] = ()  # the complaint and inquiry procedures of the instruments
    procedure_rows: tuple[ProcedureRow, ...] = ()  # each state of the group: each procedure accepted or not
