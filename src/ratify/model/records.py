"""The domain model: instruments, states, groups and each state's participation in an instrument.

Every class is a frozen, slotted attrs class; every closed set of values is an enum whose values are
the strings used in the data files. Derived facts (status as of a date, events) are computed here
from the recorded ones, following the Vienna Convention on the Law of Treaties, art. 2(1)(f)-(g):
a state that has consented to be bound is a *contracting* state, and becomes a *party* once the
instrument is in force for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

import attrs

from ratify.model.enums import (
    ACTION_RANK,
    ActionKind,
    ConsentKind,
    InstrumentKind,
    RelationKind,
    RuleKind,
    StateKind,
    StatementKind,
    Status,
    Theme,
    UNStatus,
)
from ratify.model.status import status_on

__all__ = [
    "ActionKind",
    "Adoption",
    "Consent",
    "ConsentKind",
    "Denunciation",
    "Event",
    "Footnote",
    "Group",
    "GroupMap",
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


@attrs.frozen(init=False, repr=False)
class Localized(Mapping[str, str]):
    """A text in several languages: a mapping from language code to text, English always present.

    `Localized("Refugees", "Беженцы")`, `Localized(en="…", kk="…")` or `Localized({"en": …, "fr": …})`;
    data files write it `{en = "…", ru = "…"}`, any other language code beside them.
    """

    texts: tuple[tuple[str, str], ...]  # (code, text): English first, then by code

    def __init__(self, en: str | Mapping[str, str | None], ru: str | None = None, **more: str | None) -> None:
        given = dict(en) if isinstance(en, Mapping) else {"en": en}
        given.update({"ru": ru} if ru is not None else {}, **more)
        english = given.pop("en", None)
        if not isinstance(english, str):
            raise TypeError("a Localized text needs its English text (en)")
        others = sorted((k, v) for k, v in given.items() if v is not None)
        self.__attrs_init__((("en", english), *others))

    def __getitem__(self, lang: str) -> str:
        for code, text in self.texts:
            if code == lang:
                return text
        raise KeyError(lang)

    def __iter__(self) -> Iterator[str]:
        return (code for code, _ in self.texts)

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def en(self) -> str:
        return self.texts[0][1]

    @property
    def ru(self) -> str | None:
        return dict(self.texts).get("ru")

    def get(self, lang: str = "en", default: str | None = None) -> str:  # type: ignore[override]
        """The text in `lang`, falling back to English (an empty text counts as missing)."""
        text = dict(self.texts).get(lang)
        return text if text else (default if default is not None else self.en)

    def __str__(self) -> str:
        return self.en

    def __repr__(self) -> str:
        return f"Localized({', '.join(f'{k}={v!r}' for k, v in self.texts)})"


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
        """The rule in words (a door into `ratify.present.phrases.rule_text`)."""
        from ratify.present.i18n import language
        from ratify.present.phrases import rule_text

        return rule_text(self, language(lang))


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
    as_of: dt.date | None = None  # the date the participant table is valid for (the page's "status as at")
    source: str | None = None  # id of the source the participant table comes from
    url: str | None = None  # the depositary's status page
    note: Localized | None = None
    # when the table was last compared with the depositary's live page (`ratify update`), in UTC
    checked: dt.datetime | None = None

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
class Role:
    """A role a group gives its states (member, observer, …): an id the data declares, with its label."""

    id: str
    label: Localized
    membership: bool = False  # whether a state with this role is a member of the group


@attrs.frozen
class Member:
    """One state's role in a group for a stretch of time, and the source that states it.

    `since` is the first date the source attests the role (None: always); the entry holds until its
    `until`, or until the state's next entry takes over.
    """

    state: str  # alpha-3
    role: str | None = None  # a Role id the group declares; None: listed, with no particular role
    since: dt.date | None = None
    until: dt.date | None = None
    source: str | None = None  # a source id of the group, or "<instrument id>, <where>" ("…-2012, item 4")


@attrs.frozen
class GroupMap:
    """How a map of the group is drawn: the view, and labels placed by hand where a centroid reads badly."""

    view: tuple[float, float, float, float] | None = None  # (west, south, east, north) in degrees
    labels: dict[str, tuple[float, float]] = attrs.field(factory=dict)  # alpha-3 -> (longitude, latitude)


@attrs.frozen
class Group:
    """A named group of states, each with its roles over time.

    `default` marks the group documents cover when none is named; `baseline` is the document whose
    adoption starts a regional report's "changes since" (an instrument id).
    """

    id: str
    name: Localized
    members: tuple[Member, ...]
    description: Localized | None = None
    source: str | None = None
    roles: tuple[Role, ...] = ()
    sources: tuple[Source, ...] = ()
    default: bool = False
    baseline: str | None = None
    map: GroupMap = attrs.field(factory=GroupMap)

    @property
    def states(self) -> tuple[str, ...]:
        """Every state the group lists, on any date, in the order first listed."""
        return tuple(dict.fromkeys(m.state for m in self.members))

    def entry(self, alpha3: str, on: dt.date | None = None) -> Member | None:
        """The state's entry in effect on `on` (default: today), or None if it has none then."""
        day = on or dt.date.today()
        found: Member | None = None
        for m in self.members:
            if m.state != alpha3 or (m.since is not None and m.since > day):
                continue
            if found is None or (m.since or dt.date.min) >= (found.since or dt.date.min):
                found = m
        if found is not None and found.until is not None and found.until < day:
            return None
        return found

    def role(self, alpha3: str, on: dt.date | None = None) -> Role | None:
        """The state's role on `on` (default: today), or None if it has none then."""
        entry = self.entry(alpha3, on)
        return self.role_named(entry.role) if entry is not None and entry.role is not None else None

    def role_named(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def entries_on(self, on: dt.date | None = None) -> tuple[Member, ...]:
        """The entry in effect on `on` (default: today) of each state that has one, in the group's order."""
        return tuple(e for code in self.states if (e := self.entry(code, on)) is not None)

    def states_on(self, on: dt.date | None = None) -> tuple[str, ...]:
        """The states with an entry (any role) on `on` (default: today)."""
        return tuple(e.state for e in self.entries_on(on))

    def members_on(self, on: dt.date | None = None) -> tuple[str, ...]:
        """The states whose role on `on` (default: today) is membership (an observer or guest is not a member)."""
        return tuple(e.state for e in self.entries_on(on)
                     if e.role is not None and (r := self.role_named(e.role)) is not None and r.membership)


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
    # the term of art for what the statement does, where one is established ("geographic limitation"): the
    # depositary's kind (`kind`) stays what it is, and `limits_scope` says whether it narrows the obligations
    term: Localized | None = None
    # made in a notification of territorial application: the territory the state applies the instrument to
    # (China's 1997 notification for Hong Kong under the 1954 Convention) — not a consent of the state itself
    territory: Localized | None = None

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
    action: ActionKind = attrs.field(order=ACTION_RANK.__getitem__)  # enums have no `<` of their own
    detail: str | None = attrs.field(default=None, order=False)  # the depositary's own words (a consent's label)
    statement: Statement | None = attrs.field(default=None, order=False)  # the statement made or withdrawn


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
    # consented, but no date recorded and no rule on the instrument to compute one: whether (and since when)
    # the instrument is in force for the state cannot be told from the data
    entry_into_force_unknown: bool = False
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
        """The state's status on `as_of` (default: today), from the recorded facts (`ratify.model.status`)."""
        d = self.denunciation
        return status_on(as_of, self.signature, self.consent.date if self.consent is not None else None,
                         self.entry_into_force, (d.notified, d.effective) if d is not None else None)

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
                add(Event(st.date, self.state, self.instrument, ActionKind(st.kind.value), statement=st))
            if st.withdrawn:
                add(Event(st.withdrawn, self.state, self.instrument, ActionKind.STATEMENT_WITHDRAWN, statement=st))
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

