"""Events over time: every dated step of the chosen states in the chosen instruments, within a window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ratify.errors import RatifyError
from ratify.model.records import Event

if TYPE_CHECKING:
    from ratify.query.catalog import Catalog, InstrumentRef, StateRef

__all__ = ["ChangeList", "DateRangeError", "find_changes"]


class DateRangeError(RatifyError, ValueError):
    """A window that ends before it starts."""


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

    def _caption(self) -> str:
        n = len(self)
        window = ""
        if self.since:
            window = f" from {self.since.isoformat()}" + (f" to {self.until.isoformat()}" if self.until else "")
        return f"{n} event{'' if n == 1 else 's'}{window}"

    def __repr__(self) -> str:
        lines = [f"<ChangeList: {self._caption()}>"]
        for e in self[:_REPR_ROWS]:
            label = e.instrument
            if self.catalog is not None:
                label = self.catalog.instrument(e.instrument).mtdsg or e.instrument
            detail = f"  {e.detail}" if e.detail else ""
            lines.append(f"  {e.date.isoformat()}  {e.state}  {label:<11}{e.action.value}{detail}")
        if len(self) > _REPR_ROWS:
            lines.append(f"  … {len(self) - _REPR_ROWS} more")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from ratify.present.notebook import render

        rows = []
        for e in self:
            st = self.catalog.find_state(e.state) if self.catalog is not None else None
            inst = self.catalog.instrument(e.instrument) if self.catalog is not None else None
            rows.append({"event": e, "state_name": st.name.en if st else None,
                         "label": (inst.mtdsg or inst.id) if inst else e.instrument,
                         "name": inst.short_name.en if inst else None})
        return render("changes.html.j2", rows=rows, caption=self._caption())


_REPR_ROWS = 30


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
