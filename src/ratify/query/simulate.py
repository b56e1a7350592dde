"""What-if: a new catalogue in which a state signed, consented to or denounced an instrument on a date.

The new participation is built as the loader builds one: its entry into force (or the date a
denunciation takes effect) follows the instrument's own rule. The catalogue given is never changed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from ratify.errors import SimulationError
from ratify.model.enums import ActionKind, ConsentKind, RelationKind, Status
from ratify.model.records import Consent, Denunciation, Participation, Source
from ratify.model.rules import computed_entry_into_force

if TYPE_CHECKING:
    from ratify.query.catalog import Catalog, InstrumentRef, StateRef

__all__ = ["SIMULATION_SOURCE", "SimulationError", "simulate"]

SIMULATION_SOURCE = Source(id="ratify-simulation", title="What-if simulation (not a depositary record)",
                           publisher="ratify")
_ACTIONS = {"signature", "denunciation", *(k.value for k in ConsentKind)}


def simulate(cat: Catalog, state: StateRef, instrument: InstrumentRef, action: str | ActionKind | ConsentKind,
             on: dt.date) -> Catalog:
    """A copy of `cat` in which `state` took `action` ("signature", "ratification", "accession", …,
    "denunciation") towards `instrument` on `on`.

    A consent after a denunciation replaces the old record (a re-accession). A consent to an
    instrument that requires being party to another (a `requires_party_to` edge) needs the state to
    have consented to that one by `on`; simulate it first.
    """
    from ratify.query.graph import related, relations_of

    st, inst = cat.state(state), cat.instrument(instrument)
    name = action.value if isinstance(action, (ActionKind, ConsentKind)) else str(action).strip().lower()
    if name not in _ACTIONS:
        raise SimulationError(f"unknown action {action!r}; use one of {', '.join(sorted(_ACTIONS))}")
    if not inst.binding:
        raise SimulationError(f"{inst.short_name.en} is not binding: no state signs or joins it")
    if inst.adoption and on < inst.adoption.date:
        raise SimulationError(f"{inst.short_name.en} was adopted on {inst.adoption.date}, after {on}")
    old = cat.participation(st, inst) or Participation(state=st.alpha3, instrument=inst.id)
    status = old.status(on)
    what = f"{st.name.en} ({st.alpha3}), {inst.short_name.en}"
    if name == "signature":
        if status is not Status.NONE:
            raise SimulationError(f"{what}: already {status.value} on {on}")
        new = attrs.evolve(old, signature=on)
    elif name == "denunciation":
        if status not in (Status.PARTY, Status.CONTRACTING):
            raise SimulationError(f"{what}: only a state bound by it can denounce it "
                                  f"({status.value} on {on})")
        effective = inst.denunciation_rule.apply(on) if inst.denunciation_rule else None
        new = attrs.evolve(old, denunciation=Denunciation(notified=on, effective=effective))
    else:
        if status in (Status.PARTY, Status.CONTRACTING):
            raise SimulationError(f"{what}: already {status.value} on {on}")
        if name == "ratification" and status is not Status.SIGNATORY:
            raise SimulationError(f"{what}: only a signatory ratifies ({status.value} on {on}); "
                                  "a state that has not signed accedes")
        for target, rel in related(relations_of(cat), inst.id, RelationKind.REQUIRES_PARTY_TO):
            if cat.status(st, target, on) not in (Status.PARTY, Status.CONTRACTING):
                needed = cat.instrument(target).short_name.en
                raise SimulationError(f"{what}: {st.alpha3} must first be party to {needed} "
                                      f"({rel.basis or 'requirement'})")
        consent = Consent(on, ConsentKind(name))
        new = attrs.evolve(old, consent=consent, entry_into_force=computed_entry_into_force(inst, consent),
                           entry_into_force_recorded=False, denunciation=None)
    new = attrs.evolve(new, sources=(*new.sources, SIMULATION_SOURCE),
                       notes=(*new.notes, f"simulated: {name} on {on.isoformat()}"))
    rest = tuple(p for p in cat.participations if (p.state, p.instrument) != (st.alpha3, inst.id))
    return attrs.evolve(cat, participations=(*rest, new))
