"""The domain model: instruments, states, groups and each state's participation in an instrument.

Every class is a frozen, slotted attrs class; every closed set of values is an enum whose values are
the strings used in the data files. Derived facts (status as of a date, events) are computed here
from the recorded ones, following the Vienna Convention on the Law of Treaties, art. 2(1)(f)-(g):
a state that has consented to be bound is a *contracting* state, and becomes a *party* once the
instrument is in force for it.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

__all__ = [
    "ActionKind",
    "Adoption",
    "Consent",
    "ConsentKind",
    "Denunciation",
    "Event",
    "Footnote",
    "Group",
    "Instrument",
    "InstrumentKind",
    "Localized",
    "Member",
    "Participation",
    "Relation",
    "RelationKind",
    "Role",
    "Rule",
    "RuleKind",
    "Source",
    "State",
    "StateKind",
    "Statement",
    "StatementKind",
    "Status",
    "Theme",
    "UNStatus",
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
        return self.value in _CONSENT_VALUES


_CONSENT_VALUES = frozenset(k.value for k in ConsentKind)
_ACTION_RANK = {k: i for i, k in enumerate(ActionKind)}  # same-day events sort in the enum's order


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
    DECLARATION = "declaration"  # non-binding: the UDHR, the Almaty Declaration
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


class Role(enum.Enum):
    """A state's role in a group (the Almaty Process roles come from the 2012 Recommendations, item 4)."""

    MEMBER = "member"
    INITIAL_MEMBER = "initial_member"
    OPEN_TO = "open_to"  # membership "will also be open to" it
    CONFERENCE_PARTICIPANT = "conference_participant"  # took part in the 2011 Almaty conference; open to it too

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Localized:
    """A text in English and (where known) Russian."""

    en: str
    ru: str | None = None

    def get(self, lang: str = "en") -> str:
        """The text in `lang`, falling back to English."""
        if lang == "ru" and self.ru:
            return self.ru
        return self.en

    def __str__(self) -> str:
        return self.en


@attrs.frozen
class Source:
    """Where facts come from: a depositary table or another official document."""

    id: str
    title: str
    publisher: str = "United Nations Treaty Collection"
    url: str | None = None
    as_of: dt.date | None = None  # the date the source's facts are valid for (its "status as at")
    retrieved: dt.date | None = None  # when the copy used was made or read
    file: str | None = None  # the raw file the data was generated from, if any
    note: str | None = None


@attrs.frozen
class Rule:
    """A period counted from a date: the entry-into-force (or denunciation) clause of an instrument."""

    kind: RuleKind
    article: str
    count: int = 0
    not_before_entry_into_force: bool = True  # never earlier than the instrument's own entry into force

    def apply(self, start: dt.date, instrument_in_force: dt.date | None = None) -> dt.date | None:
        """The date the period ends, counted from `start` (the deposit, or receipt of a notice).

        None when it would fall outside the calendar (see `ratify.model.rules.apply_rule`)."""
        from ratify.model.rules import apply_rule

        return apply_rule(self, start, instrument_in_force)

    def describe(self, lang: str = "en") -> str:
        from ratify.model.rules import describe_rule

        return describe_rule(self, lang)


@attrs.frozen
class Relation:
    """An edge from this instrument to another one, with the text that makes it so."""

    kind: RelationKind
    target: str  # the other instrument's id
    basis: str | None = None  # the article or paragraph, e.g. "art. 37(2)" or "para. 4"
    note: Localized | None = None


@attrs.frozen
class Adoption:
    place: Localized
    date: dt.date


@attrs.frozen
class Instrument:
    """A treaty or a non-binding document, with its entry-into-force rule and relations as data."""

    id: str
    title: Localized
    short_name: Localized
    kind: InstrumentKind
    binding: bool
    themes: tuple[Theme, ...] = ()
    mtdsg: str | None = None  # the depositary's number, e.g. "V-2"
    aliases: tuple[str, ...] = ()
    adoption: Adoption | None = None
    entry_into_force: dt.date | None = None
    depositary: str | None = None
    treaty_series: str | None = None
    registration: str | None = None
    entry_into_force_rule: Rule | None = None
    denunciation_rule: Rule | None = None
    relations: tuple[Relation, ...] = ()
    as_of: dt.date | None = None  # when the participants were last checked against the depositary
    source: str | None = None  # id of the source the participant table comes from
    url: str | None = None  # the depositary's status page
    note: Localized | None = None

    @property
    def theme(self) -> Theme:
        return self.themes[0] if self.themes else Theme.OTHER

    def __repr__(self) -> str:
        return f"<Instrument {self.id} ({self.mtdsg or self.kind.value}): {self.short_name.en}>"

    def _repr_html_(self) -> str:
        from ratify.present.notebook import render

        return render("instrument.html.j2", inst=self)


@attrs.frozen
class State:
    """A state (or the EU), keyed by ISO 3166-1 alpha-3, with its names as the UN writes them."""

    alpha3: str
    alpha2: str | None
    name: Localized
    formal_name: Localized | None = None
    depositary_name: str | None = None
    kind: StateKind = StateKind.STATE
    un_status: UNStatus = UNStatus.MEMBER
    aliases: dict[str, tuple[str, ...]] = attrs.field(factory=dict)

    def __repr__(self) -> str:
        return f"<State {self.alpha3}: {self.name.en}>"

    def _repr_html_(self) -> str:
        from ratify.present.notebook import render

        return render("state.html.j2", state=self)


@attrs.frozen
class Member:
    state: str  # alpha-3
    role: Role = Role.MEMBER


@attrs.frozen
class Group:
    """A named group of states, each with its role."""

    id: str
    name: Localized
    members: tuple[Member, ...]
    description: Localized | None = None
    source: str | None = None

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(m.state for m in self.members)

    def role(self, alpha3: str) -> Role | None:
        return next((m.role for m in self.members if m.state == alpha3), None)


@attrs.frozen
class Consent:
    date: dt.date
    kind: ConsentKind
    label: str | None = None  # the depositary legend's words, kept when kind is OTHER


@attrs.frozen
class Denunciation:
    """A notified denunciation or withdrawal; either date may be unknown (the table only brackets)."""

    notified: dt.date | None = None
    effective: dt.date | None = None


@attrs.frozen
class Footnote:
    index: str
    text: str | None = None


@attrs.frozen
class Statement:
    """A reservation, declaration or objection, with a neutral summary where one was curated."""

    kind: StatementKind
    date: dt.date | None = None
    articles: tuple[str, ...] = ()
    limits_scope: bool = False
    withdrawn: dt.date | None = None
    objects_to: str | None = None  # objections: the alpha-3 of the reserving state
    summary: Localized | None = None
    text: str | None = None  # the depositary's words
    source: str | None = None
    # the step that lifts a limitation when it is not a plain withdrawal (1951 Convention art. 1B(2):
    # extend the obligations by adopting alternative (b))
    remedy: Localized | None = None

    def in_effect(self, as_of: dt.date | None = None) -> bool:
        if self.date and as_of and self.date > as_of:
            return False
        return self.withdrawn is None or (as_of is not None and self.withdrawn > as_of)


@attrs.frozen(order=True)
class Event:
    """One dated step in a state's participation; sorts by date."""

    date: dt.date
    state: str
    instrument: str
    action: ActionKind = attrs.field(order=_ACTION_RANK.__getitem__)  # enums have no `<` of their own
    detail: str | None = attrs.field(default=None, order=False)


@attrs.frozen
class Participation:
    """Everything the depositary records of one state in one instrument, with its entry into force."""

    state: str
    instrument: str
    depositary_name: str | None = None
    signature: dt.date | None = None
    consent: Consent | None = None
    entry_into_force: dt.date | None = None
    entry_into_force_recorded: bool = False  # True: the depositary's date; False: computed by the rule
    denunciation: Denunciation | None = None
    statements: tuple[Statement, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def source(self) -> Source | None:
        """The source of the record (the depositary table); corrections follow in `sources`."""
        return self.sources[0] if self.sources else None

    @property
    def reservations(self) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.kind is StatementKind.RESERVATION)

    @property
    def declarations(self) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.kind is StatementKind.DECLARATION)

    @property
    def objections(self) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.kind is StatementKind.OBJECTION)

    def status(self, as_of: dt.date | None = None) -> Status:
        """The state's status on `as_of` (default: today), from the recorded facts."""
        today = dt.date.today()
        on = as_of or today
        d = self.denunciation
        if d is not None:
            if d.effective is not None and d.effective <= on:
                return Status.DENOUNCED
            if d.effective is None and d.notified is not None and d.notified <= on:
                return Status.DENOUNCED  # notified; the date it took effect is not recorded
            if d.effective is None and d.notified is None and on >= today:
                return Status.DENOUNCED  # bracketed by the depositary, undated: known only for today
        if self.consent is not None and self.consent.date <= on:
            if self.entry_into_force is not None and self.entry_into_force <= on:
                return Status.PARTY
            return Status.CONTRACTING
        if self.signature is not None and self.signature <= on:
            return Status.SIGNATORY
        return Status.NONE

    def events(self) -> tuple[Event, ...]:
        """Every dated step, in date order."""
        ev: list[Event] = []
        add = ev.append
        if self.signature:
            add(Event(self.signature, self.state, self.instrument, ActionKind.SIGNATURE))
        if self.consent:
            add(Event(self.consent.date, self.state, self.instrument, ActionKind(self.consent.kind.value),
                      self.consent.label))
        if self.entry_into_force:
            add(Event(self.entry_into_force, self.state, self.instrument, ActionKind.ENTRY_INTO_FORCE))
        for st in self.statements:
            if st.date:
                add(Event(st.date, self.state, self.instrument, ActionKind(st.kind.value), _brief(st)))
            if st.withdrawn:
                add(Event(st.withdrawn, self.state, self.instrument, ActionKind.STATEMENT_WITHDRAWN, _brief(st)))
        if self.denunciation:
            if self.denunciation.notified:
                add(Event(self.denunciation.notified, self.state, self.instrument, ActionKind.DENUNCIATION))
            if self.denunciation.effective:
                add(Event(self.denunciation.effective, self.state, self.instrument,
                          ActionKind.DENUNCIATION_EFFECTIVE))
        ev.sort()
        return tuple(ev)

    def __repr__(self) -> str:
        return f"<Participation {self.state} in {self.instrument}: {self.status().value}>"

    def _repr_html_(self) -> str:
        from ratify.present.notebook import render

        return render("participation.html.j2", p=self, status=self.status(), today=dt.date.today())


def _brief(st: Statement) -> str | None:
    if st.summary:
        return st.summary.en
    if st.articles:
        return "art. " + ", ".join(st.articles)
    return None
