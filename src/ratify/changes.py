"""Events over time: every dated step of the chosen states in the chosen instruments, within a window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .errors import RatifyError
from .model import Event

if TYPE_CHECKING:
    from .catalog import Catalog, InstrumentRef, StateRef

__all__ = ["DateRangeError", "find_changes"]


class DateRangeError(RatifyError, ValueError):
    """A window that ends before it starts."""


def find_changes(cat: Catalog, since: dt.date, until: dt.date | None = None, group: Any = None,
                 states: Iterable[StateRef] | None = None,
                 instruments: Iterable[InstrumentRef] | None = None) -> list[Event]:
    """Every event dated from `since` to `until` (both included; default: today), in date order.

    Events are those of `Participation.events()`: signature, consent, entry into force,
    denunciation (notified and effective), reservations, declarations, objections and withdrawals.
    """
    end = until or dt.date.today()
    if end < since:
        raise DateRangeError(f"the window ends ({end}) before it starts ({since})")
    codes = {s.alpha3 for s in cat.states_of(group, states)}
    ids = {i.id for i in cat.instruments_of(instruments)}
    return sorted(ev for p in cat.participations if p.state in codes and p.instrument in ids
                  for ev in p.events() if since <= ev.date <= end)
