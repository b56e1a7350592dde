"""The closed sets of values of the domain: every enum, its values the strings the data files use.

They sit below the records, the rules and the queries, so that anything may name them: the
presentation layer labels them (present/vocabulary.py) without importing the modules that compute
with them.
"""

from __future__ import annotations

import enum

__all__ = [
    "ACTION_RANK",
    "CONSENT_VALUES",
    "AcceptanceKind",
    "ActionKind",
    "ConsentKind",
    "GapKind",
    "ImportNoteKind",
    "InstrumentKind",
    "ProcedureKind",
    "RelationKind",
    "RuleKind",
    "StateKind",
    "StatementKind",
    "Status",
    "Step",
    "Theme",
    "UNStatus",
    "UpdateStepKind",
]


class Status(enum.Enum):
    """Where a state stands towards an instrument on a given date."""

    NONE = "none"  # no action at all
    SIGNATORY = "signatory"  # signed, not (yet) consented to be bound
    CONTRACTING = "contracting"  # consented to be bound; not yet in force for it (VCLT 2(1)(f))
    PARTY = "party"  # consented and in force for it (VCLT 2(1)(g))
    DENOUNCED = "denounced"  # was bound; its denunciation or withdrawal has taken effect

    def __str__(self) -> str:
        return self.value


class ConsentKind(enum.Enum):
    """How a state expressed its consent to be bound (the depositary's action codes)."""

    RATIFICATION = "ratification"
    ACCESSION = "accession"  # code `a`
    SUCCESSION = "succession"  # code `d`
    ACCEPTANCE = "acceptance"  # code `A`
    APPROVAL = "approval"  # code `AA`
    DEFINITIVE_SIGNATURE = "definitive_signature"
    FORMAL_CONFIRMATION = "formal_confirmation"  # international organisations (code `c`)
    CONSENT_TO_BE_BOUND = "consent_to_be_bound"  # the legend's generic "Consent to be bound(P)"
    OTHER = "other"  # a legend entry ratify has no name for; `Consent.label` keeps the depositary's words

    def __str__(self) -> str:
        return self.value


class ActionKind(enum.Enum):
    """What happened in one dated event of a state's participation."""

    SIGNATURE = "signature"
    RATIFICATION = "ratification"
    ACCESSION = "accession"
    SUCCESSION = "succession"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    DEFINITIVE_SIGNATURE = "definitive_signature"
    FORMAL_CONFIRMATION = "formal_confirmation"
    CONSENT_TO_BE_BOUND = "consent_to_be_bound"
    OTHER_CONSENT = "other"
    ENTRY_INTO_FORCE = "entry_into_force"
    DENUNCIATION = "denunciation"  # notification of denunciation or withdrawal received
    DENUNCIATION_EFFECTIVE = "denunciation_effective"
    RESERVATION = "reservation"
    DECLARATION = "declaration"
    OBJECTION = "objection"
    STATEMENT_WITHDRAWN = "statement_withdrawn"  # a reservation, declaration or objection withdrawn

    def __str__(self) -> str:
        return self.value

    @property
    def is_consent(self) -> bool:
        return self.value in CONSENT_VALUES


CONSENT_VALUES = frozenset(k.value for k in ConsentKind)
ACTION_RANK = {k: i for i, k in enumerate(ActionKind)}  # same-day events sort in the enum's order


class StatementKind(enum.Enum):
    RESERVATION = "reservation"
    DECLARATION = "declaration"
    OBJECTION = "objection"

    def __str__(self) -> str:
        return self.value


class InstrumentKind(enum.Enum):
    CONVENTION = "convention"
    COVENANT = "covenant"
    PROTOCOL = "protocol"
    AGREEMENT = "agreement"
    DECLARATION = "declaration"  # non-binding: the UDHR, a conference declaration
    RECOMMENDATIONS = "recommendations"
    OTHER = "other"

    def __str__(self) -> str:
        return self.value


class Theme(enum.Enum):
    """Subject areas, in the order briefs and gap lists present them."""

    REFUGEES = "refugees"
    STATELESSNESS = "statelessness"
    HUMAN_RIGHTS = "human_rights"
    MIGRANT_WORKERS = "migrant_workers"
    TRAFFICKING_SMUGGLING = "trafficking_smuggling"
    REGIONAL_COOPERATION = "regional_cooperation"
    OTHER = "other"

    def __str__(self) -> str:
        return self.value


class RuleKind(enum.Enum):
    """How a period counts from a date (deposit of consent, or receipt of a denunciation)."""

    ON_DATE = "on_date"  # the same day (1967 Protocol art. VIII(2))
    DAYS_AFTER = "days_after"  # the Nth day after (1951 Convention art. 43(2): 90th day)
    MONTHS_AFTER = "months_after"  # N months after (Covenants: three months)
    FIRST_OF_MONTH_AFTER_MONTHS = "first_of_month_after_months"  # ICRMW art. 87(2)

    def __str__(self) -> str:
        return self.value


class RelationKind(enum.Enum):
    """Edges of the instrument graph."""

    PROTOCOL_TO = "protocol_to"  # this instrument is a protocol to the target
    REQUIRES_PARTY_TO = "requires_party_to"  # only a party to the target can become party (UNTOC art. 37(2))
    SUPPLEMENTS = "supplements"
    INDEPENDENT_OF = "independent_of"  # related, but a state can be party to this one alone
    RECOMMENDS = "recommends"  # a non-binding document recommends the target, citing a paragraph

    def __str__(self) -> str:
        return self.value


class StateKind(enum.Enum):
    STATE = "state"
    ORGANIZATION = "organization"  # a regional economic integration organisation (the EU)

    def __str__(self) -> str:
        return self.value


class UNStatus(enum.Enum):
    MEMBER = "member"
    OBSERVER = "observer"  # the Holy See, the State of Palestine
    NON_MEMBER = "non_member"  # the Cook Islands, Niue
    NONE = "none"

    def __str__(self) -> str:
        return self.value


class GapKind(enum.Enum):
    NO_ACTION = "no_action"  # neither signed nor consented
    SIGNED_NOT_RATIFIED = "signed_not_ratified"
    NOT_YET_IN_FORCE = "not_yet_in_force"  # consented; not yet in force for the state
    ENTRY_INTO_FORCE_UNKNOWN = "entry_into_force_unknown"  # consented; the data cannot tell if in force (no rule)
    DENOUNCED = "denounced"
    LIMITING_RESERVATION = "limiting_reservation"  # party, with a reservation that limits its scope
    PREREQUISITE_MISSING = "prerequisite_missing"  # cannot join before joining another instrument
    PROCEDURE_NOT_ACCEPTED = "procedure_not_accepted"  # a complaint or inquiry procedure (`ProcedureGap`)
    # the record shows the state not bound, yet it is bound by an instrument that requires this one:
    # the record contradicts itself (most likely out of date) — a fact to check, never a step to advise
    RECORD_INCONSISTENT = "record_inconsistent"

    def __str__(self) -> str:
        return self.value


class Step(enum.Enum):
    """The next step that closes a gap (after joining any prerequisites the gap lists)."""

    ACCEDE = "accede"
    ACCEDE_AGAIN = "accede_again"  # after a denunciation
    RATIFY = "ratify"  # a signatory
    AWAIT_ENTRY_INTO_FORCE = "await_entry_into_force"  # nothing to do: consent given
    CHECK_ENTRY_INTO_FORCE = "check_entry_into_force"  # the instrument has no rule: the depositary says
    WITHDRAW_RESERVATION = "withdraw_reservation"
    WITHDRAW_DECLARATION = "withdraw_declaration"
    APPLY_REMEDY = "apply_remedy"  # the limiting statement's curated remedy (`Statement.remedy`)
    CHECK_RECORD = "check_record"  # an inconsistent record: check the depositary's current status first

    def __str__(self) -> str:
        return self.value


class ProcedureKind(enum.Enum):
    """What a committee may receive or do under the procedure."""

    INDIVIDUAL = "individual"  # communications from or on behalf of individuals
    INTER_STATE = "inter_state"  # communications by one state party about another
    INQUIRY = "inquiry"  # the committee's own inquiry into grave or systematic violations

    def __str__(self) -> str:
        return self.value


class AcceptanceKind(enum.Enum):
    """How a state accepts the procedure."""

    PROTOCOL = "protocol"  # by becoming party to the instrument (an optional protocol)
    DECLARATION = "declaration"  # by a declaration under the procedure's article
    OPT_OUT = "opt_out"  # with participation, unless it declared (or reserved) under `opt_out_article`

    def __str__(self) -> str:
        return self.value


class ImportNoteKind(enum.Enum):
    """What a person should know about an import of depositary status files (`ratify.untc.notes.ImportNote`)."""

    NEW_FOLDER = "new_folder"  # the folder was new: started with the bundled register of states and groups
    NO_TABLE = "no_table"  # the file has no participants table: the folder's participants are kept
    UNMATCHED_PARTICIPANT = "unmatched_participant"  # a row names no known state: kept under [[unmatched]]
    SECOND_ROW = "second_row"  # a second row for the same state: kept under [[unmatched]]
    DATE_ORDER = "date_order"  # dates out of order in the depositary's own record: kept as recorded
    UNDATED_CELL = "undated_cell"  # a cell holds no date: kept as printed
    UNKNOWN_CODE = "unknown_code"  # a cell's code is not in its column's legend: kept as "other"
    CURATED_STATEMENT_KEPT = "curated_statement_kept"  # a curated statement no longer in the file: kept
    CORRECTION_IN_TABLE = "correction_in_table"  # what a correction gives is now in the depositary's table
    UNDATED_FILE = "undated_file"  # the file carries no date of its own: its table is left undated
    OLDER_THAN_FOLDER = "older_than_folder"  # the file's table is older than the folder's: skipped

    def __str__(self) -> str:
        return self.value


class UpdateStepKind(enum.Enum):
    """What `ratify update` is doing with one treaty's status page (`ratify.untc.update.UpdateStep`)."""

    FETCHING = "fetching"
    READ = "read"
    FAILED = "failed"  # with keep_going: the treaty is left as it was

    def __str__(self) -> str:
        return self.value
