"""Gap analysis: what a state has not done, in the order to act on it, with the next step in words.

A gap is one binding instrument the state is not (fully) bound by on a date: never acted on, signed
but not ratified, consented but not yet in force, denounced, blocked by a prerequisite it lacks
(a `requires_party_to` edge), or kept with a reservation that limits its scope. Which documents
recommend the instrument (`recommends` edges) is its basis. Every rule comes from the graph.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from ratify.model.records import (
    Instrument,
    Localized,
    Participation,
    Relation,
    RelationKind,
    Statement,
    StatementKind,
    Status,
)
from ratify.present.words import articles, date_text, full_years, ref_text, years_text

if TYPE_CHECKING:
    from ratify.query.catalog import Catalog, InstrumentRef, StateRef

__all__ = ["Basis", "Gap", "GapKind", "GapList", "find_gaps"]

_BOUND = (Status.PARTY, Status.CONTRACTING)  # consent given: the step is done, even if not yet in force


class GapKind(enum.Enum):
    NO_ACTION = "no_action"  # neither signed nor consented
    SIGNED_NOT_RATIFIED = "signed_not_ratified"
    NOT_YET_IN_FORCE = "not_yet_in_force"  # consented; not yet in force for the state
    DENOUNCED = "denounced"
    LIMITING_RESERVATION = "limiting_reservation"  # party, with a reservation that limits its scope
    PREREQUISITE_MISSING = "prerequisite_missing"  # cannot join before joining another instrument
    PROCEDURE_NOT_ACCEPTED = "procedure_not_accepted"  # a complaint or inquiry procedure (`ProcedureGap`)

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Basis:
    """A document that recommends the instrument, and where: a declaration's short name and "para. 4"."""

    document: str  # the recommending document's id
    name: Localized  # its short name
    paragraph: str | None = None
    adopted: dt.date | None = None

    def text(self, lang: str = "en") -> str:
        where = ref_text(self.paragraph, lang)
        return f"{self.name.get(lang)}, {where}" if where else self.name.get(lang)

    def __str__(self) -> str:
        return self.text()


@attrs.frozen
class Gap:
    """One thing `state` has not done about `instrument` on `as_of`, and what to do next."""

    state: str  # alpha-3
    instrument: Instrument
    kind: GapKind
    status: Status  # the state's status for the instrument on `as_of`
    as_of: dt.date
    next_step: Localized  # "accede to", "ratify", "withdraw the reservation to art. 1B(1)(a)"
    since: dt.date | None = None  # when the gap opened (see `find_gaps`)
    years: int | None = None  # whole years from `since` to `as_of`
    basis: tuple[Basis, ...] = ()
    notes: tuple[Localized, ...] = ()  # e.g. the 1967 Protocol's independence, UNTOC art. 37(2)
    prerequisites: tuple[str, ...] = ()  # ids of the required instruments the state lacks
    statement: Statement | None = None  # the limiting reservation, for that kind

    def text(self, lang: str = "en") -> str:
        """The gap in one paragraph: the instrument, the next step, the situation, the basis, the notes."""
        head = f"{self.instrument.short_name.get(lang)} — {self.next_step.get(lang)}."
        parts = [head, _situation(self, lang)]
        if self.basis:
            label = "Рекомендовано" if lang == "ru" else "Recommended by"
            parts.append(f"{label}: {'; '.join(b.text(lang) for b in self.basis)}.")
        parts += [n.get(lang) for n in self.notes]
        return " ".join(p for p in parts if p)

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

    def _caption(self, lang: str = "en") -> str:
        who = self.state_name.get(lang) if self.state_name else (self.state or "")
        code = f" ({self.state})" if self.state_name and self.state else ""
        when = f", as of {self.as_of.isoformat()}" if self.as_of else ""
        n = len(self)
        return f"{who}{code}{when}: {n} gap{'' if n == 1 else 's'}"

    def __repr__(self) -> str:
        lines = [f"<GapList {self._caption()}>"]
        for g in self[:_REPR_ROWS]:
            label = g.instrument.mtdsg or g.instrument.id
            lines.append(f"  {label:<11}{g.kind.value:<22}{g.next_step.en}")
        if len(self) > _REPR_ROWS:
            lines.append(f"  … {len(self) - _REPR_ROWS} more")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from ratify.present.notebook import render

        return render("gaps.html.j2", gaps=list(self), caption=self._caption())


_REPR_ROWS = 30


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
    from ratify.query.catalog import _instrument_order
    from ratify.query.graph import in_order, related

    st = cat.state(state)
    on = as_of or dt.date.today()
    graph = cat.graph
    chosen = [i for i in cat.instruments_of(instruments, binding=True) if _adopted_by(i, on)]
    if recommended_by is not None:
        doc = cat.instrument(recommended_by)
        wanted = {t for t, _ in related(graph, doc.id, RelationKind.RECOMMENDS)}
        chosen = [i for i in chosen if i.id in wanted and _adopted_by(doc, on)]
    found = {i.id: _gaps_for(cat, st.alpha3, i, on) for i in chosen}
    key = {i.id: _instrument_order(i) for i in chosen}.__getitem__
    order = in_order(graph, [k for k, v in found.items() if v], key=key)
    return GapList((gap for k in order for gap in found[k]), state=st.alpha3, as_of=on, state_name=st.name)


def _adopted_by(inst: Instrument, on: dt.date) -> bool:
    return inst.adoption is None or inst.adoption.date <= on


def _gaps_for(cat: Catalog, state: str, inst: Instrument, on: dt.date) -> list[Gap]:
    from ratify.query.graph import related

    status = cat.status(state, inst, on)
    p = cat.participation(state, inst) or Participation(state=state, instrument=inst.id)
    basis = _basis(cat, inst, on)

    def gap(kind: GapKind, step: Localized, since: dt.date | None, **more: Any) -> Gap:
        years = full_years(since, on) if since else None
        return Gap(state=state, instrument=inst, kind=kind, status=status, as_of=on, next_step=step,
                   since=since, years=years, basis=basis, **more)

    consented = p.consent.date if p.consent else None
    if status in _BOUND:
        gaps = [gap(GapKind.LIMITING_RESERVATION, _withdraw(s), s.date or consented, statement=s)
                for s in p.statements if _limits(s, on)]
        if status is Status.CONTRACTING:
            gaps.insert(0, gap(GapKind.NOT_YET_IN_FORCE, _await(p.entry_into_force), consented))
        return gaps
    lacks = [(t, rel) for kind in (RelationKind.REQUIRES_PARTY_TO, RelationKind.INDEPENDENT_OF)
             for t, rel in related(cat.graph, inst.id, kind) if cat.status(state, t, on) not in _BOUND]
    missing = [(t, rel) for t, rel in lacks if rel.kind is RelationKind.REQUIRES_PARTY_TO]
    notes = [rel.note or _note(cat, rel, t) for t, rel in lacks]
    if status is Status.SIGNATORY:
        kind, step, since = GapKind.SIGNED_NOT_RATIFIED, _RATIFY, p.signature
    elif status is Status.DENOUNCED:
        d = p.denunciation
        kind, step, since = GapKind.DENOUNCED, _ACCEDE_AGAIN, (d.effective or d.notified) if d else None
    else:
        kind, step = GapKind.NO_ACTION, _ACCEDE
        since = min((b.adopted for b in basis if b.adopted), default=None)
    if not missing:
        return [gap(kind, step, since, notes=tuple(notes))]
    prerequisites = tuple(dict.fromkeys(t for t, _ in missing))
    return [gap(GapKind.PREREQUISITE_MISSING, _first(cat, prerequisites, step), since, notes=tuple(notes),
                prerequisites=prerequisites)]


def _basis(cat: Catalog, inst: Instrument, on: dt.date) -> tuple[Basis, ...]:
    from ratify.query.graph import related

    out = []
    for doc_id, rel in related(cat.graph, inst.id, RelationKind.RECOMMENDS, incoming=True):
        doc = cat.instrument(doc_id)
        if _adopted_by(doc, on):
            out.append(Basis(doc.id, doc.short_name, rel.basis, doc.adoption.date if doc.adoption else None))
    return tuple(sorted(out, key=lambda b: (b.adopted or dt.date.max, b.document)))


def _limits(st: Statement, on: dt.date) -> bool:
    return st.limits_scope and st.kind is not StatementKind.OBJECTION and st.in_effect(on)


def _withdraw(st: Statement) -> Localized:
    """ "withdraw the reservation to art. 16(3)" / "снять оговорку к ст. 16(3)", or the curated remedy."""
    if st.remedy is not None:
        return st.remedy
    if st.kind is StatementKind.RESERVATION:
        en, ru = "withdraw the reservation", "снять оговорку"
    else:
        en, ru = "withdraw the declaration", "отозвать заявление"
    if st.articles:
        en, ru = f"{en} to {articles(st.articles)}", f"{ru} к {articles(st.articles, 'ru')}"
    return Localized(en, ru)


_ACCEDE = Localized("accede to", "присоединиться")
_ACCEDE_AGAIN = Localized("accede to it again", "вновь присоединиться")
_RATIFY = Localized("ratify", "ратифицировать")


def _await(eif: dt.date | None) -> Localized:
    if eif is None:
        return Localized("none: await the instrument's own entry into force",
                         "не требуется: ожидать вступления документа в силу")
    return Localized(f"none: it enters into force for the state on {date_text(eif)}",
                     f"не требуется: вступает в силу для государства {date_text(eif, 'ru')}")


def _first(cat: Catalog, prerequisites: tuple[str, ...], then: Localized) -> Localized:
    names = [cat.instrument(t).short_name for t in prerequisites]
    en = " and ".join(f"the {n.en}" for n in names)
    ru = " и ".join(f"«{n.get('ru')}»" for n in names)
    return Localized(f"first become party to {en}, then {then.en}",
                     f"сначала стать участником: {ru}; затем {then.get('ru')}")


def _note(cat: Catalog, rel: Relation, target: str) -> Localized:
    """The words for a relation the data gives no note for."""
    t = cat.instrument(target).short_name
    if rel.kind is RelationKind.REQUIRES_PARTY_TO:
        where_en = f" ({rel.basis})" if rel.basis else ""
        where_ru = f" ({ref_text(rel.basis, 'ru')})" if rel.basis else ""
        return Localized(f"Only a party to the {t.en} can become party to it{where_en}.",
                         f"Участником может стать только участник документа «{t.get('ru')}»{where_ru}.")
    return Localized(f"It is independent of the {t.en}: a state can become party to it alone.",
                     f"Документ самостоятелен по отношению к документу «{t.get('ru')}»: "
                     "государство может стать его участником отдельно.")


def _situation(gap: Gap, lang: str) -> str:
    ru = lang == "ru"
    ago = f" ({years_text(gap.years, lang)}{' назад' if ru else ' ago'})" if gap.years is not None else ""
    when = date_text(gap.since, lang) if gap.since else ""
    kind = gap.kind
    if kind is GapKind.PREREQUISITE_MISSING:
        kind = {Status.SIGNATORY: GapKind.SIGNED_NOT_RATIFIED, Status.DENOUNCED: GapKind.DENOUNCED}.get(
            gap.status, GapKind.NO_ACTION)
    if kind is GapKind.SIGNED_NOT_RATIFIED:
        return f"Подписание: {when}{ago}; ратификации нет." if ru else f"Signed on {when}{ago}; not ratified."
    if kind is GapKind.NOT_YET_IN_FORCE:
        return f"Согласие выражено {when}." if ru else f"Consent to be bound expressed on {when}."
    if kind is GapKind.DENOUNCED:
        return (f"Денонсация вступила в силу {when}{ago}." if ru
                else f"Denounced with effect from {when}{ago}.")
    if kind is GapKind.LIMITING_RESERVATION:
        st = gap.statement
        summary = f" {st.summary.get(lang)}" if st and st.summary else ""
        head = (f"В силе с {when}{ago}." if ru else f"In effect since {when}{ago}.") if when else ""
        return (head + summary).strip()
    if gap.since:
        return (f"Ни подписания, ни согласия не зарегистрировано; рекомендовано с {when}{ago}." if ru
                else f"No signature or consent recorded; recommended since {when}{ago}.")
    return "Ни подписания, ни согласия не зарегистрировано." if ru else "No signature or consent recorded."
