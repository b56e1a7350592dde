"""Gap analysis: what a state has not done, in the order to act on it, and the kind of step to take.

A gap is one binding instrument the state is not (fully) bound by on a date: never acted on, signed
but not ratified, consented but not yet in force, denounced, blocked by a prerequisite it lacks
(a `requires_party_to` edge), or kept with a reservation that limits its scope. Which documents
recommend the instrument (`recommends` edges) is its basis. Every rule comes from the graph.

A gap is facts only — enums, dates, ids and the data's own texts (a curated remedy, a relation's
note); its words are made by `ratify.present.gaps` (`Gap.text(lang)` is a door into it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from ratify.model.enums import GapKind, RelationKind, StatementKind, Status, Step
from ratify.model.records import Instrument, Localized, Participation, Relation, Statement
from ratify.model.status import BOUND, conflicting

if TYPE_CHECKING:
    from ratify.query.catalog import Catalog, InstrumentRef, StateRef

__all__ = ["Basis", "Gap", "GapKind", "GapList", "Related", "Step", "find_gaps", "full_years", "record_conflicts",
           "record_date"]



@attrs.frozen
class Basis:
    """A document that recommends the instrument, and where: a declaration's short name and "para. 4"."""

    document: str  # the recommending document's id
    name: Localized  # its short name
    paragraph: str | None = None
    adopted: dt.date | None = None

    def text(self, lang: str = "en") -> str:
        """The document and where: "<short name> (2011), para. 4" in `lang` (a door into `ratify.present.gaps`)."""
        from ratify.present.gaps import basis_text
        from ratify.present.i18n import language

        return basis_text(self, language(lang))

    def __str__(self) -> str:
        return self.text()


@attrs.frozen
class Related:
    """A relation of the gap's instrument to another one the state is not bound by, with that instrument."""

    relation: Relation  # its `note`, where the data gives one, says it in words
    instrument: Instrument  # the relation's target


@attrs.frozen
class Gap:
    """One thing `state` has not done about `instrument` on `as_of`, and what to do next."""

    state: str  # alpha-3
    instrument: Instrument
    kind: GapKind
    status: Status  # the state's status for the instrument on `as_of`
    as_of: dt.date
    step: Step  # what to do, once any `prerequisites` are joined
    since: dt.date | None = None  # when the gap opened (see `find_gaps`)
    years: int | None = None  # whole years from `since` to `as_of`
    basis: tuple[Basis, ...] = ()
    # the relations to instruments the state is not bound by (the 1967 Protocol's independence, UNTOC art. 37(2))
    relations: tuple[Related, ...] = ()
    prerequisites: tuple[str, ...] = ()  # ids of the required instruments the state lacks
    statement: Statement | None = None  # the limiting reservation, for that kind
    entry_into_force: dt.date | None = None  # for a consent not yet in force: when it will be, if known
    record_as_of: dt.date | None = None  # the "status as at" date of the depositary record the gap rests on
    required_by: tuple[Instrument, ...] = ()  # RECORD_INCONSISTENT: the instruments it is bound by that require it

    def text(self, lang: str = "en") -> str:
        """The gap in one paragraph (a door into `ratify.present.gaps.gap_text`)."""
        from ratify.present.gaps import gap_text
        from ratify.present.i18n import language

        return gap_text(self, language(lang))

    def next_step(self, lang: str = "en") -> str:
        """The next step in words: "accede to", "ratify", "withdraw the reservation to art. 40", …"""
        from ratify.present.gaps import step_text
        from ratify.present.i18n import language

        return step_text(self, language(lang))

    def __str__(self) -> str:
        return self.text()


class GapList(list):  # type: ignore[type-arg]
    """The gaps of one state on a date: a plain list of `Gap` (index it, len() it, compare it), plus
    a short text `repr`, a table in notebooks (`_repr_html_`) and `.to_dataframe()`."""

    state: str | None
    as_of: dt.date | None

    def __init__(self, gaps: Iterable[Gap] = (), *, state: str | None = None, as_of: dt.date | None = None,
                 state_name: Localized | None = None) -> None:
        super().__init__(gaps)
        self.state = state
        self.as_of = as_of
        self.state_name = state_name

    def to_dataframe(self, *, lang: str = "en") -> Any:
        """One row per gap (see `ratify.frames.gaps_frame`); needs the `pandas` extra."""
        from ratify.present.frames import gaps_frame

        return gaps_frame(self, lang=lang)

    def __repr__(self) -> str:
        from ratify.present.gaps import gaps_repr

        return gaps_repr(self)

    def _repr_html_(self) -> str:
        from ratify.present.gaps import gaps_html

        return gaps_html(self)


def find_gaps(cat: Catalog, state: StateRef, as_of: dt.date | None = None,
              instruments: Iterable[InstrumentRef] | None = None,
              recommended_by: InstrumentRef | None = None) -> GapList:
    """The gaps of `state` on `as_of` (default: today) in the binding instruments, in the order to act.

    Only instruments adopted by `as_of` count, and with `recommended_by` only those that document
    recommends (if adopted by then). The order puts every `requires_party_to` target before the
    instruments that require it, then follows the catalogue's order (theme, then adoption date).

    `since` is the signature for a signatory, the consent for a contracting state, the
    denunciation, or the reservation; for an instrument never acted on, the adoption of the
    earliest document recommending it (None if none does).
    """
    from ratify.query.graph import in_order, related, relations_of
    from ratify.query.order import instrument_order

    st = cat.state(state)
    on = as_of or dt.date.today()
    graph = relations_of(cat)
    chosen = [i for i in cat.instruments_of(instruments, binding=True) if _adopted_by(i, on)]
    if recommended_by is not None:
        doc = cat.instrument(recommended_by)
        wanted = {t for t, _ in related(graph, doc.id, RelationKind.RECOMMENDS)}
        chosen = [i for i in chosen if i.id in wanted and _adopted_by(doc, on)]
    found = {i.id: _gaps_for(cat, st.alpha3, i, on) for i in chosen}
    key = {i.id: instrument_order(i) for i in chosen}.__getitem__
    order = in_order(graph, [k for k, v in found.items() if v], key=key)
    return GapList((gap for k in order for gap in found[k]), state=st.alpha3, as_of=on, state_name=st.name)


def _adopted_by(inst: Instrument, on: dt.date) -> bool:
    return inst.adoption is None or inst.adoption.date <= on


def _gaps_for(cat: Catalog, state: str, inst: Instrument, on: dt.date) -> list[Gap]:
    from ratify.query.graph import related, relations_of

    status = cat.status(state, inst, on)
    p = cat.participation(state, inst) or Participation(state=state, instrument=inst.id)
    basis = _basis(cat, inst, on)

    record = record_date(cat, inst)

    def gap(kind: GapKind, step: Step, since: dt.date | None, **more: Any) -> Gap:
        years = full_years(since, on) if since else None
        return Gap(state=state, instrument=inst, kind=kind, status=status, as_of=on, step=step,
                   since=since, years=years, basis=basis, record_as_of=record, **more)

    consented = p.consent.date if p.consent else None
    if status in BOUND:
        gaps = [gap(GapKind.LIMITING_RESERVATION, _withdraw(s), s.date or consented, statement=s)
                for s in p.statements if _limits(s, on)]
        if status is Status.CONTRACTING and p.entry_into_force_unknown:
            gaps.insert(0, gap(GapKind.ENTRY_INTO_FORCE_UNKNOWN, Step.CHECK_ENTRY_INTO_FORCE, consented))
        elif status is Status.CONTRACTING:
            gaps.insert(0, gap(GapKind.NOT_YET_IN_FORCE, Step.AWAIT_ENTRY_INTO_FORCE, consented,
                               entry_into_force=p.entry_into_force))
        return gaps
    conflicts = record_conflicts(cat, state, inst, on)
    if conflicts:
        return [gap(GapKind.RECORD_INCONSISTENT, Step.CHECK_RECORD, None, required_by=tuple(cat.instrument(i) for i in conflicts))]
    lacks = [(t, rel) for kind in (RelationKind.REQUIRES_PARTY_TO, RelationKind.INDEPENDENT_OF)
             for t, rel in related(relations_of(cat), inst.id, kind) if cat.status(state, t, on) not in BOUND]
    missing = [(t, rel) for t, rel in lacks if rel.kind is RelationKind.REQUIRES_PARTY_TO]
    relations = tuple(Related(rel, cat.instrument(t)) for t, rel in lacks)
    if status is Status.SIGNATORY:
        kind, step, since = GapKind.SIGNED_NOT_RATIFIED, Step.RATIFY, p.signature
    elif status is Status.DENOUNCED:
        d = p.denunciation
        kind, step, since = GapKind.DENOUNCED, Step.ACCEDE_AGAIN, (d.effective or d.notified) if d else None
    else:
        kind, step = GapKind.NO_ACTION, Step.ACCEDE
        since = min((b.adopted for b in basis if b.adopted), default=None)
    if not missing:
        return [gap(kind, step, since, relations=relations)]
    prerequisites = tuple(dict.fromkeys(t for t, _ in missing))
    return [gap(GapKind.PREREQUISITE_MISSING, step, since, relations=relations, prerequisites=prerequisites)]


def record_conflicts(cat: Catalog, state: StateRef, instrument: InstrumentRef,
                     as_of: dt.date | None = None) -> tuple[str, ...]:
    """The instruments `state` is bound by on `as_of` that require being party to `instrument`, when the
    record of `instrument` shows it not bound — empty when the records agree.

    Such a record contradicts the others (UNTOC art. 37(2): only a party to the Convention can join its
    protocols); most likely it is older than the consent it lacks. `ratify validate` warns about the same.
    """
    from ratify.query.graph import related, relations_of

    inst = cat.instrument(instrument)
    on = as_of or dt.date.today()
    own = cat.status(state, inst, on)
    if own in BOUND:
        return ()
    needing = [src for src, _ in related(relations_of(cat), inst.id, RelationKind.REQUIRES_PARTY_TO,
                                         incoming=True)]
    return conflicting(own, ((i, cat.status(state, i, on)) for i in needing))


def record_date(cat: Catalog, instrument: InstrumentRef) -> dt.date | None:
    """The "status as at" date of the depositary record the data of `instrument` comes from (None if unknown)."""
    inst = cat.instrument(instrument)
    if inst.as_of is not None:
        return inst.as_of
    if inst.source:
        try:
            return cat.source(inst.source).as_of
        except KeyError:
            return None
    return None


def _basis(cat: Catalog, inst: Instrument, on: dt.date) -> tuple[Basis, ...]:
    from ratify.query.graph import related, relations_of

    out = []
    for doc_id, rel in related(relations_of(cat), inst.id, RelationKind.RECOMMENDS, incoming=True):
        doc = cat.instrument(doc_id)
        if _adopted_by(doc, on):
            out.append(Basis(doc.id, doc.short_name, rel.basis, doc.adoption.date if doc.adoption else None))
    return tuple(sorted(out, key=lambda b: (b.adopted or dt.date.max, b.document)))


def _limits(st: Statement, on: dt.date) -> bool:
    return st.limits_scope and st.kind is not StatementKind.OBJECTION and st.in_effect(on)


def _withdraw(st: Statement) -> Step:
    """The step that lifts a limiting statement: its curated remedy, else its withdrawal."""
    if st.remedy is not None:
        return Step.APPLY_REMEDY
    return Step.WITHDRAW_RESERVATION if st.kind is StatementKind.RESERVATION else Step.WITHDRAW_DECLARATION


def full_years(since: dt.date, until: dt.date) -> int:
    """Whole years from `since` to `until` (0 if `until` is earlier)."""
    years = until.year - since.year - ((until.month, until.day) < (since.month, since.day))
    return max(years, 0)
