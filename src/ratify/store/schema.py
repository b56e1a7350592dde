"""The layout of the data files, as attrs classes that cattrs reads and writes.

One TOML file per instrument (`instruments/<id>.toml`): an `[instrument]` table, the `[[sources]]`
its facts come from, one `[[participants]]` entry per row of the depositary's table, and the
`[[corrections]]` that later official sources add on top of that table. `states.toml` and
`groups.toml` hold the states and groups (with their dated roles, default and map view). The loader turns these records into the model.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ratify.model.enums import ActionKind, ConsentKind
from ratify.model.procedures import Procedure
from ratify.model.records import (
    Denunciation,
    Footnote,
    GroupMap,
    Instrument,
    Localized,
    Member,
    Role,
    Source,
    Statement,
)

__all__ = ["Correction", "GroupRecord", "InstrumentFile", "ParticipantRecord", "ProceduresFile", "UnmatchedRow"]


@attrs.frozen
class ParticipantRecord:
    """One participant as the depositary's table records it (plus curated statements and notes)."""

    state: str  # alpha-3
    name: str | None = None  # the participant's name as the table writes it
    signature: dt.date | None = None
    consent: dt.date | None = None
    consent_kind: ConsentKind | None = None
    consent_label: str | None = None  # the legend's words, when consent_kind is "other"
    entry_into_force: dt.date | None = None  # only where the depositary records the date itself
    denunciation: Denunciation | None = None
    footnotes: tuple[Footnote, ...] = ()
    statements: tuple[Statement, ...] = ()
    source: str | None = None  # a [[sources]] id; default: the instrument's source
    other_cells: tuple[str, ...] = ()  # the row's other columns, as printed ("Provisional application: …")
    # checks the depositary's own record fails, kept as recorded and reported as warnings:
    # "signature_before_adoption", "consent_before_adoption", "signature_after_consent"
    quirks: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # a person's notes; kept on re-import


@attrs.frozen
class Correction:
    """A later fact from an official source, applied on top of the depositary table."""

    state: str
    action: ActionKind
    date: dt.date
    source: str  # a [[sources]] id
    effective: dt.date | None = None  # when the action takes effect, if the source says
    quote: str | None = None  # the source's own words
    statement: str | None = None  # for statement_withdrawn: words of the statement withdrawn
    note: str | None = None


@attrs.frozen
class UnmatchedRow:
    """A row of the depositary's table whose participant no state name matches: kept, not dropped."""

    name: str
    cells: tuple[str, ...] = ()
    footnotes: tuple[str, ...] = ()


@attrs.frozen
class InstrumentFile:
    instrument: Instrument
    sources: tuple[Source, ...] = ()
    participants: tuple[ParticipantRecord, ...] = ()
    corrections: tuple[Correction, ...] = ()
    unmatched: tuple[UnmatchedRow, ...] = ()


@attrs.frozen
class GroupRecord:
    """One group of `groups.toml` (its id is the table's key).

    `roles` declares the roles its `members` entries may name, with their labels; `sources` the pages
    those entries cite; `default = true` makes it the group documents cover when none is named;
    `baseline` names the instrument whose adoption starts a regional report's changes; `map` is its
    map view and hand-placed labels.
    """

    name: Localized
    members: tuple[Member, ...]
    description: Localized | None = None
    source: str | None = None
    roles: tuple[Role, ...] = ()
    sources: tuple[Source, ...] = ()
    default: bool = False
    baseline: str | None = None
    map: GroupMap = attrs.field(factory=GroupMap)


@attrs.frozen
class ProceduresFile:
    """`procedures.toml`: the complaint and inquiry procedures of the instruments, with their sources.

    `declines` are the words by which a statement declines a committee's competence ("does not
    recognize"): a declaration that says them accepts nothing, a reservation or declaration that
    says them of a procedure's article opts out of it.
    """

    procedures: tuple[Procedure, ...] = ()
    sources: tuple[Source, ...] = ()
    declines: tuple[str, ...] = ()
