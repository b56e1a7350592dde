"""The facts of a document, gathered once: what the templates and the Word writer print.

`brief_context` and `report_context` read the catalogue — statuses, gaps, the region, events,
sources — and return frozen objects in which every text is already in the document's language
(dates by Babel, plurals and labels through the gettext catalog). Nothing here knows about HTML,
Markdown or Word: the same object feeds every format, so the three never disagree.

Footnotes are numbered in the order they are first cited, and every list is in a fixed order, so
the same data and options always give the same context.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from ratify.errors import UnknownNameError
from ratify.model.records import (
    ActionKind,
    ConsentKind,
    Event,
    Group,
    Instrument,
    Participation,
    RelationKind,
    Role,
    Source,
    State,
    Statement,
    Status,
    Theme,
)
from ratify.present.gaps import basis_text, relation_text, situation, step_sentence
from ratify.present.i18n import N_, Lang
from ratify.present.phrases import articles, ref_text
from ratify.present.vocabulary import (
    ACTION_LABELS,
    CONSENT_LABELS,
    GAP_LABELS,
    NON_BINDING_LABEL,
    STATEMENT_LABELS,
    STATUS_LABELS,
    STATUS_ORDER,
    THEME_LABELS,
    WITHDRAWN_LABELS,
    symbol,
)
from ratify.query.gaps import Basis, Gap, GapKind

if TYPE_CHECKING:
    from ratify.query.catalog import Catalog, StateRef

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
    "RegionRow",
    "ReportContext",
    "Section",
    "StateInfo",
    "StatementItem",
    "brief_context",
    "report_context",
]

# -- the words of the region's roles (translated where used); every other label is in `vocabulary` --------

ROLE_LABELS = {
    Role.MEMBER: N_("member"),
    Role.INITIAL_MEMBER: N_("initial member"),
    Role.OPEN_TO: N_("membership open to it"),
    Role.CONFERENCE_PARTICIPANT: N_("participant in the 2011 Almaty Conference; membership open to it"),
}

# the depositary's record of an instrument this much older than the document's date is pointed out
STALE_AFTER = dt.timedelta(days=365)
DEFAULT_GROUP = "almaty-process"
BASELINE_DOCUMENT = "almaty-declaration-2011"  # the default start of "changes since" in a regional report


# -- the objects the templates read -------------------------------------------------------------------


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


@attrs.frozen
class Section:
    theme: str
    title: str
    rows: tuple[InstrumentRow, ...]


@attrs.frozen
class BasisItem:
    """A document that recommends the instrument, at a paragraph: "Almaty Declaration (2011), para. 4"."""

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
    share_text: str
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
    role_basis: str | None  # where the role comes from: "Almaty Process Recommendations (2012), item 4"


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
    kind: str = "region"


# -- building them ------------------------------------------------------------------------------------


class _Notes:
    """Footnotes, numbered in the order they are first cited; the same source keeps its number."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self._numbers: dict[tuple[str, ...], int] = {}
        self.items: list[Note] = []

    def _add(self, key: tuple[str, ...], **fields: object) -> int:
        if key not in self._numbers:
            number = len(self.items) + 1
            self._numbers[key] = number
            self.items.append(Note(number=number, **fields))  # type: ignore[arg-type]
        return self._numbers[key]

    def source(self, src: Source) -> int:
        publisher: str | None = src.publisher
        if publisher and _named_in(publisher, src.title):
            publisher = None  # "UN Treaty Collection, MTDSG V-2, …" needs no "— United Nations Treaty Collection"
        return self._add(("source", src.id), kind="source", title=src.title, publisher=publisher,
                         url=web_url(src.url), as_of=src.as_of, as_of_text=self.lang.date(src.as_of), detail=src.note)

    def depositary(self, about: str, index: str, text: str) -> int:
        paragraphs = tuple(p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip())
        return self._add(("depositary", about, index, text), kind="depositary",
                         title=self.lang.gettext("Depositary note %(index)s") % {"index": index},
                         paragraphs=paragraphs, about=about)

    def record(self, about: str, text: str) -> int:
        return self._add(("record", about, text), kind="record", title=self.lang.gettext("Note on the data"),
                         paragraphs=(text,), about=about)


def web_url(url: str | None) -> str | None:
    """`url` if it is a web address (http or https); anything else (javascript:, data:, …) is not linked."""
    if url and url.strip().lower().startswith(("https://", "http://")) and not any(c.isspace() for c in url.strip()):
        return url.strip()
    return None


def _named_in(publisher: str, title: str) -> bool:
    """Whether the title already names the publisher ("United Nations Treaty Collection" in "UN Treaty Collection, …")."""
    tail = " ".join(publisher.split()[-2:]).casefold()
    return tail in title.casefold()


def _source_of(cat: Catalog, source_id: str | None) -> Source | None:
    if not source_id:
        return None
    try:
        return cat.source(source_id)
    except KeyError:
        return None


def _role_basis(cat: Catalog, group: Group, lang: Lang) -> str | None:
    """The group's source in words: "almaty-recommendations-2012, item 4" → its short name and item."""
    if not group.source:
        return None
    head, _, rest = group.source.partition(",")
    try:
        name = cat.instrument(head.strip()).short_name.get(lang.code)
    except UnknownNameError:
        return group.source
    where = ref_text(rest.strip(), lang)
    return f"{name}, {where}" if where else name


def _statement(cat: Catalog, st: Statement, lang: Lang, notes: _Notes, on: dt.date) -> StatementItem:
    refs = []
    src = _source_of(cat, st.source)
    if src is not None:
        refs.append(notes.source(src))
    target = cat.find_state(st.objects_to) if st.objects_to else None
    withdrawn = st.withdrawn if st.withdrawn and st.withdrawn <= on else None
    return StatementItem(
        kind=st.kind.value,
        kind_label=lang.gettext(STATEMENT_LABELS[st.kind]),
        articles=articles(st.articles, lang),
        date=st.date,
        date_text=lang.date(st.date),
        summary=st.summary.get(lang.code) if st.summary else None,
        limits_scope=st.limits_scope,
        in_effect=st.in_effect(on),
        withdrawn=withdrawn,
        withdrawn_text=lang.date(withdrawn),
        objects_to=(target.name.get(lang.code) if target else st.objects_to),
        notes=tuple(refs),
    )


def _row(cat: Catalog, state: State, inst: Instrument, lang: Lang, notes: _Notes, on: dt.date) -> InstrumentRow:
    p = cat.participation(state, inst)
    status = p.status(on) if p else Status.NONE
    refs: list[int] = []
    if inst.binding and p is not None:
        refs += [notes.source(s) for s in p.sources]
        refs += [notes.depositary(inst.short_name.get(lang.code), f.index, f.text) for f in p.footnotes if f.text]
        refs += [notes.record(inst.short_name.get(lang.code), n) for n in p.notes]
    elif inst.binding:
        src = _source_of(cat, inst.source)
        if src is not None:
            refs.append(notes.source(src))  # no action recorded: the table that shows none
    sig = p.signature if p and p.signature and p.signature <= on else None
    consent = p.consent if p and p.consent and p.consent.date <= on else None
    eif = p.entry_into_force if p and consent and p.entry_into_force else None
    basis = ""
    if eif is not None and p is not None and not p.entry_into_force_recorded and inst.entry_into_force_rule:
        basis = lang.gettext("computed under %(article)s") % {
            "article": ref_text(inst.entry_into_force_rule.article, lang)}
    denunciation = ""
    if p and p.denunciation and status is Status.DENOUNCED:
        d = p.denunciation
        if d.effective and d.effective <= on:
            denunciation = lang.gettext("denounced with effect from %(date)s") % {"date": lang.date(d.effective)}
        elif d.notified:
            denunciation = lang.gettext("denunciation notified on %(date)s") % {"date": lang.date(d.notified)}
        else:
            denunciation = lang.gettext("denounced (date not recorded)")
    statements = tuple(_statement(cat, st, lang, notes, on) for st in (p.statements if p else ())
                       if st.date is None or st.date <= on)
    adopted = ""
    if not inst.binding and inst.adoption:
        place = inst.adoption.place.get(lang.code)
        adopted = lang.gettext("adopted on %(date)s, %(place)s") % {"date": lang.date(inst.adoption.date),
                                                                    "place": place}
    return InstrumentRow(
        id=inst.id,
        mtdsg=inst.mtdsg,
        short_name=inst.short_name.get(lang.code),
        title=inst.title.get(lang.code),
        binding=inst.binding,
        theme=inst.theme.value,
        status=status.value,
        status_label=lang.gettext(STATUS_LABELS[status]) if inst.binding else lang.gettext("not a treaty"),
        signature=sig,
        signature_text=lang.date(sig),
        consent=consent.date if consent else None,
        consent_text=lang.date(consent.date) if consent else "",
        consent_kind=consent.kind.value if consent else None,
        consent_kind_label=(consent.label if consent and consent.kind is ConsentKind.OTHER and consent.label
                            else lang.gettext(CONSENT_LABELS[consent.kind]) if consent else ""),
        entry_into_force=eif,
        entry_into_force_text=lang.date(eif),
        entry_into_force_basis=basis,
        denunciation_text=denunciation,
        adopted_text=adopted,
        statements=statements,
        notes=tuple(dict.fromkeys(refs)),
    )


def _sections(cat: Catalog, state: State, lang: Lang, notes: _Notes, on: dt.date) -> tuple[Section, ...]:
    binding: dict[Theme, list[InstrumentRow]] = {}
    other: list[InstrumentRow] = []
    for inst in cat.instruments:  # already in the order briefs use: binding first, by theme, by date
        row = _row(cat, state, inst, lang, notes, on)
        (binding.setdefault(inst.theme, []) if inst.binding else other).append(row)
    out = [Section(theme.value, lang.gettext(THEME_LABELS[theme]), tuple(binding[theme]))
           for theme in Theme if theme in binding]
    if other:
        out.append(Section("non_binding", lang.gettext(NON_BINDING_LABEL), tuple(other)))
    return tuple(out)


def _basis(cat: Catalog, inst: Instrument, b: Basis, lang: Lang) -> BasisItem:
    quote = None
    try:
        doc = cat.instrument(b.document)
    except UnknownNameError:
        doc = None
    if doc is not None:
        rel = next((r for r in doc.relations if r.kind is RelationKind.RECOMMENDS and r.target == inst.id), None)
        if rel is not None and rel.note is not None:
            quote = rel.note.get(lang.code)
    return BasisItem(document=b.document, name=b.name.get(lang.code), paragraph=ref_text(b.paragraph, lang),
                     quote=quote, text=basis_text(b, lang))


def _gap_items(cat: Catalog, gaps: Iterable[Gap], lang: Lang) -> tuple[GapItem, ...]:
    out = []
    for number, gap in enumerate(gaps, 1):
        st = gap.statement
        limitation = None
        if gap.kind is GapKind.LIMITING_RESERVATION and st is not None:
            what = lang.gettext(STATEMENT_LABELS[st.kind])
            where = articles(st.articles, lang)
            head = f"{what} ({where})" if where else what
            limitation = f"{head}: {st.summary.get(lang.code)}" if st.summary else head
        out.append(GapItem(
            number=number,
            instrument=gap.instrument.id,
            short_name=gap.instrument.short_name.get(lang.code),
            title=gap.instrument.title.get(lang.code),
            kind=gap.kind.value,
            kind_label=lang.gettext(GAP_LABELS[gap.kind]),
            status=gap.status.value,
            status_label=lang.gettext(STATUS_LABELS[gap.status]),
            next_step=step_sentence(gap, lang),
            situation=situation(gap, lang),
            limitation=limitation,
            basis=tuple(_basis(cat, gap.instrument, b, lang) for b in gap.basis),
            notes=tuple(relation_text(r, lang) for r in gap.relations),
            since=gap.since,
            since_text=lang.date(gap.since),
            years=gap.years,
        ))
    return tuple(out)


def _event_detail(cat: Catalog, ev: Event, lang: Lang) -> str:
    if ev.action.is_consent:
        return ev.detail or ""
    st = ev.statement
    if st is None:
        return ""
    parts = []
    if ev.action is ActionKind.STATEMENT_WITHDRAWN:
        parts.append(lang.pgettext("statement withdrawn", WITHDRAWN_LABELS[st.kind]))
    if st.articles:
        parts.append(articles(st.articles, lang))
    if st.objects_to:
        target = cat.find_state(st.objects_to)
        parts.append(target.name.get(lang.code) if target else st.objects_to)
    return ", ".join(parts)


def _chronology(cat: Catalog, participations: Iterable[Participation], lang: Lang, since: dt.date | None,
                until: dt.date) -> tuple[ChronologyItem, ...]:
    rows = []
    for p in participations:
        inst = cat.instrument(p.instrument)
        for ev in p.events():
            if ev.date > until or (since is not None and ev.date < since):
                continue
            state = cat.find_state(ev.state)
            rows.append((ev, ChronologyItem(
                date=ev.date,
                date_text=lang.date(ev.date),
                state=ev.state,
                state_name=state.name.get(lang.code) if state else ev.state,
                instrument=inst.id,
                short_name=inst.short_name.get(lang.code),
                action=ev.action.value,
                action_label=lang.gettext(ACTION_LABELS[ev.action]),
                detail=_event_detail(cat, ev, lang),
            )))
    order = {inst.id: i for i, inst in enumerate(cat.instruments)}
    rows.sort(key=lambda pair: (pair[0].date, pair[0].state, order.get(pair[0].instrument, len(order)), pair[0]))
    merged: list[ChronologyItem] = []
    for _, item in rows:
        last = merged[-1] if merged else None
        if last is not None and (last.date, last.state, last.instrument, last.action) == \
                (item.date, item.state, item.instrument, item.action):
            details = [d for d in (last.detail, item.detail) if d]
            merged[-1] = attrs.evolve(last, detail="; ".join(dict.fromkeys(details)), count=last.count + 1)
        else:
            merged.append(item)
    return tuple(merged)


def _data_sources(cat: Catalog, instruments: Iterable[Instrument], lang: Lang, notes: _Notes | None,
                  on: dt.date) -> tuple[DataSourceItem, ...]:
    out = []
    for inst in instruments:
        if not inst.binding:
            continue
        src = _source_of(cat, inst.source)
        as_of = inst.as_of or (src.as_of if src else None)
        out.append(DataSourceItem(
            instrument=inst.id,
            short_name=inst.short_name.get(lang.code),
            title=src.title if src else "",
            publisher=(src.publisher if src else inst.depositary) or "",
            url=web_url(inst.url or (src.url if src else None)),
            as_of=as_of,
            as_of_text=lang.date(as_of),
            stale=as_of is not None and on - as_of > STALE_AFTER,
            note=notes.source(src) if (src is not None and notes is not None) else None,
        ))
    return tuple(out)


def _state_info(cat: Catalog, state: State, group: Group | None, lang: Lang) -> StateInfo:
    role = group.role(state.alpha3) if group else None
    formal = state.formal_name.get(lang.code) if state.formal_name else state.name.get(lang.code)
    return StateInfo(
        alpha3=state.alpha3,
        name=state.name.get(lang.code),
        formal_name=formal[:1].upper() + formal[1:],
        role=lang.gettext(ROLE_LABELS[role]) if role else None,
        group_name=group.name.get(lang.code) if group else None,
        role_basis=_role_basis(cat, group, lang) if group and role else None,
    )


def _group(cat: Catalog, group: str | Group | None) -> Group | None:
    if group is None:
        return None
    if isinstance(group, Group):
        return group
    if group == DEFAULT_GROUP and all(g.id != group for g in cat.groups):
        return None  # a data folder without the Almaty Process: no region section
    return cat.group(group)


def brief_context(cat: Catalog, state: StateRef, lang: Lang, *, as_of: dt.date | None = None,
                  date: dt.date | None = None, group: str | Group | None = DEFAULT_GROUP) -> BriefContext:
    """The facts of the country brief of `state`, as of `as_of` (default: `date`, default today)."""
    st = cat.state(state)
    day = date or dt.date.today()
    on = as_of or day
    grp = _group(cat, group)
    notes = _Notes(lang)
    data_sources = _data_sources(cat, cat.instruments, lang, notes, on)
    sections = _sections(cat, st, lang, notes, on)
    gaps = _gap_items(cat, cat.gaps(st, as_of=on), lang)
    binding = [r for s in sections for r in s.rows if r.binding]
    parties = sum(r.status == Status.PARTY.value for r in binding)
    summary = lang.ngettext("Party to %(parties)d of the %(num)d binding instrument covered by this brief.",
                            "Party to %(parties)d of the %(num)d binding instruments covered by this brief.",
                            len(binding), parties=parties)
    gaps_heading = (lang.ngettext("%(num)d gap to act on", "%(num)d gaps to act on", len(gaps)) if gaps
                    else lang.gettext("No gaps"))
    region: tuple[RegionRow, ...] = ()
    total = 0
    if grp is not None:
        members = cat.states_of(grp)
        total = len(members)
        rows = []
        for inst in cat.instruments_of(binding=True):
            party = [m for m in members if cat.status(m, inst, on) is Status.PARTY]
            others = tuple(m.name.get(lang.code) for m in members if m not in party)
            status = cat.status(st, inst, on)
            rows.append(RegionRow(
                instrument=inst.id,
                short_name=inst.short_name.get(lang.code),
                status=status.value,
                status_label=lang.gettext(STATUS_LABELS[status]),
                parties=len(party),
                total=total,
                count_text=lang.gettext("%(parties)d of %(total)d") % {"parties": len(party), "total": total},
                share=len(party) / total if total else 0.0,
                share_text=lang.percent(len(party) / total if total else 0.0),
                not_party=others,
            ))
        region = tuple(rows)
    chronology = _chronology(cat, cat.participations_of(st), lang, None, on)
    title = lang.gettext("Country brief: %(state)s") % {"state": st.name.get(lang.code)}
    return BriefContext(
        lang=lang.code,
        title=title,
        date=day,
        date_text=lang.date(day),
        as_of=on,
        as_of_text=lang.date(on),
        state=_state_info(cat, st, grp, lang),
        summary=summary,
        sections=sections,
        gaps=gaps,
        gaps_heading=gaps_heading,
        region_name=grp.name.get(lang.code) if grp else None,
        region=region,
        region_total=total,
        chronology=chronology,
        data_sources=data_sources,
        stale=tuple(d for d in data_sources if d.stale),
        notes=tuple(notes.items),
    )


def default_since(cat: Catalog) -> dt.date:
    """The start of the Almaty Process: the adoption of the Almaty Declaration (15 March 2011)."""
    try:
        doc = cat.instrument(BASELINE_DOCUMENT)
    except UnknownNameError:
        doc = None
    if doc is not None and doc.adoption is not None:
        return doc.adoption.date
    return dt.date(2011, 3, 15)


def report_context(cat: Catalog, group: str | Group, lang: Lang, *, since: dt.date | None = None,
                   as_of: dt.date | None = None, date: dt.date | None = None) -> ReportContext:
    """The facts of the regional report of `group`, as of `as_of` (default: `date`, default today)."""
    from ratify.query.events import DateRangeError

    grp = cat.group(group)
    day = date or dt.date.today()
    on = as_of or day
    start = since or default_since(cat)
    if start > on:
        raise DateRangeError(f"the report's window ends ({on}) before it starts ({start})")
    notes = _Notes(lang)
    data_sources = _data_sources(cat, cat.instruments, lang, notes, on)
    instruments = cat.instruments_of(binding=True)
    m = cat.matrix(group=grp, instruments=instruments, as_of=on)
    columns = tuple(MatrixColumn(
        instrument=inst.id, mtdsg=inst.mtdsg, short_name=inst.short_name.get(lang.code),
        parties=m.counts(instrument=inst)[Status.PARTY], coverage=m.coverage(instrument=inst),
        coverage_text=lang.percent(m.coverage(instrument=inst))) for inst in m.instruments)

    def cell(s: Status) -> MatrixCell:
        return MatrixCell(s.value, lang.gettext(STATUS_LABELS[s]), symbol(s, lang))

    def role(code: str) -> str | None:
        r = grp.role(code)
        return lang.gettext(ROLE_LABELS[r]) if r is not None else None

    rows = tuple(MatrixRow(
        alpha3=st.alpha3, name=st.name.get(lang.code), role=role(st.alpha3),
        cells=tuple(cell(s) for s in statuses), parties=m.counts(st)[Status.PARTY],
        coverage=m.coverage(st), coverage_text=lang.percent(m.coverage(st)))
        for st, statuses in zip(m.states, m.cells, strict=True))
    members = cat.states_of(grp)
    participations = [p for s in members for p in cat.participations_of(s)]
    changes = _chronology(cat, participations, lang, start, on)
    gaps = tuple(GroupGaps(s.alpha3, s.name.get(lang.code), _gap_items(cat, cat.gaps(s, as_of=on), lang))
                 for s in members)
    return ReportContext(
        lang=lang.code,
        title=lang.gettext("Regional report: %(group)s") % {"group": grp.name.get(lang.code)},
        group=grp.id,
        group_name=grp.name.get(lang.code),
        description=grp.description.get(lang.code) if grp.description else None,
        role_basis=_role_basis(cat, grp, lang),
        date=day,
        date_text=lang.date(day),
        as_of=on,
        as_of_text=lang.date(on),
        since=start,
        since_text=lang.date(start),
        columns=columns,
        rows=rows,
        coverage_text=lang.percent(m.coverage()),
        legend=tuple(cell(s) for s in STATUS_ORDER),
        changes=changes,
        gaps=gaps,
        data_sources=data_sources,
        stale=tuple(d for d in data_sources if d.stale),
        notes=tuple(notes.items),
    )

