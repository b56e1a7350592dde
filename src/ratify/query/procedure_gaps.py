"""The complaint and inquiry procedures a state has not accepted, as gaps: facts only, in the order to act.

Each `ProcedureGap` says which procedure, what accepting it takes (`step`: become party to the
protocol, declare under the article, or withdraw the opt-out), and which instruments the state must
be bound by first (`prerequisites`: the instrument itself for a declaration or an opt-out, and every
`requires_party_to` target of it the state lacks). The words are the presentation layer's.

Order: the instruments' `requires_party_to` targets before the instruments that require them (a
convention before its protocol), then the catalogue's order; within an instrument, the data file's.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from ratify.model.enums import AcceptanceKind, GapKind, ProcedureKind, RelationKind, Status
from ratify.model.procedures import ProcedureStatus
from ratify.model.records import Instrument, Statement
from ratify.model.status import BOUND

if TYPE_CHECKING:
    from ratify.query.catalog import Catalog, StateRef

__all__ = ["ProcedureGap", "procedure_gaps"]



@attrs.frozen
class ProcedureGap:
    """One procedure `state` had not accepted on `as_of`, and what accepting it takes."""

    state: str  # alpha-3
    procedure: ProcedureStatus
    as_of: dt.date
    step: AcceptanceKind  # protocol: become party to it; declaration: declare under the article; opt_out: withdraw it
    prerequisites: tuple[str, ...] = ()  # ids of the instruments to be bound by first, prerequisites first
    opt_out: Statement | None = None  # the opt-out in effect, to withdraw
    kind: GapKind = GapKind.PROCEDURE_NOT_ACCEPTED

    @property
    def instrument(self) -> Instrument:
        return self.procedure.instrument

    @property
    def article(self) -> str | None:
        return self.procedure.article

    @property
    def procedure_kind(self) -> ProcedureKind:
        return self.procedure.kind

    @property
    def status(self) -> Status:
        """The state's status in the procedure's instrument."""
        return self.procedure.status


def procedure_gaps(cat: Catalog, state: StateRef, as_of: dt.date | None = None) -> list[ProcedureGap]:
    """The procedures of the catalogue's instruments `state` had not accepted on `as_of` (default: today)."""
    from ratify.query.graph import in_order, relations_of
    from ratify.query.order import instrument_order

    on = as_of or dt.date.today()
    st = cat.state(state)
    by_instrument: dict[str, list[ProcedureGap]] = {}
    for r in cat.procedures(st, on):
        if r.accepted:
            continue
        gap = ProcedureGap(state=st.alpha3, procedure=r, as_of=on, step=r.acceptance,
                           prerequisites=_prerequisites(cat, st.alpha3, r, on),
                           opt_out=r.opt_out if r.opted_out else None)
        by_instrument.setdefault(r.instrument.id, []).append(gap)
    order = {i.id: instrument_order(i) for i in cat.instruments if i.id in by_instrument}
    return [g for i in in_order(relations_of(cat), list(order), key=order.__getitem__) for g in by_instrument[i]]


def _prerequisites(cat: Catalog, state: str, r: ProcedureStatus, on: dt.date) -> tuple[str, ...]:
    """The instruments to be bound by before the procedure can be accepted, each after what it requires."""
    from ratify.query.graph import related, relations_of

    out: list[str] = []

    def need(inst_id: str, seen: frozenset[str]) -> None:
        for target, _ in related(relations_of(cat), inst_id, RelationKind.REQUIRES_PARTY_TO):
            if target not in seen and cat.status(state, target, on) not in BOUND:
                need(target, seen | {target})
                if target not in out:
                    out.append(target)

    need(r.instrument.id, frozenset({r.instrument.id}))
    if r.acceptance is not AcceptanceKind.PROTOCOL and r.status not in BOUND:
        out.append(r.instrument.id)  # a declaration or an opt-out needs the instrument first
    return tuple(out)
