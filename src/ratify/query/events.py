"""Events over time: every dated step of the chosen states in the chosen instruments, within a window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ratify.errors import DateRangeError
from ratify.model.records import Event

if TYPE_CHECKING:
    from ratify.query.catalog import Catalog, InstrumentRef, StateRef

__all__ = ["ChangeList", "DateRangeError", "find_changes"]


class ChangeList(list):  # type: ignore[type-arg]
    """Events in a window of dates: a plain list of `Event` (index it, len() it, compare it), plus a
    short text `repr`, a table in notebooks (`_repr_html_`) and `.to_dataframe()`."""

    since: dt.date | None
    until: dt.date | None

    def __init__(self, events: Iterable[Event] = (), *, since: dt.date | None = None,
                 until: dt.date | None = None, catalog: Catalog | None = None) -> None:
        super().__init__(events)
        self.since = since
        self.until = until
        self.catalog = catalog  # for names in the display; optional

    def to_dataframe(self, *, lang: str = "en") -> Any:
        """One row per event (see `ratify.frames.changes_frame`); needs the `pandas` extra."""
        from ratify.present.frames import changes_frame

        return changes_frame(self, self.catalog, lang=lang)

    def __repr__(self) -> str:
        from ratify.present.notebook import changes_text

        return changes_text(self)

    def _repr_html_(self) -> str:
        from ratify.present.notebook import changes_html

        return changes_html(self)




def find_changes(cat: Catalog, since: dt.date, until: dt.date | None = None, group: Any = None,
                 states: Iterable[StateRef] | None = None,
                 instruments: Iterable[InstrumentRef] | None = None) -> ChangeList:
    """Every event dated from `since` to `until` (both included; default: today), in date order.

    Events are those of `Participation.events()`: signature, consent, entry into force,
    denunciation (notified and effective), reservations, declarations, objections and withdrawals.
    """
    end = until or dt.date.today()
    if end < since:
        raise DateRangeError(f"the window ends ({end}) before it starts ({since})")
    codes = {s.alpha3 for s in cat.states_of(group, states)}
    ids = {i.id for i in cat.instruments_of(instruments)}
    found = sorted(ev for p in cat.participations if p.state in codes and p.instrument in ids
                   for ev in p.events() if since <= ev.date <= end)
    return ChangeList(found, since=since, until=end, catalog=cat)
