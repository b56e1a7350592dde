"""The participations of a catalogue, by instrument and state, each made only when a question needs it.

A catalogue read from a snapshot holds each instrument's records as raw values (parsed JSON); a record
becomes a `Participation` the first time it is asked for, so a question about one state and one
instrument structures one record, not the thousands of the folder. A catalogue built from records
(a folder read afresh, `simulate`, a JSON export) holds them all from the start. Either way the
answers are the same, in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ratify.model.records import Participation

if TYPE_CHECKING:
    from ratify.query.status_table import StatusTable

__all__ = ["Participations"]

Loader = Callable[[str], Mapping[str, Any]]  # instrument id -> {state code: raw record}, in record order
Maker = Callable[[Any], Participation]


class Participations:
    """Participations by (state, instrument), by state and by instrument; in the order they were given."""

    __slots__ = ("_all", "_by_state", "_loader", "_made", "_maker", "_order", "_pairs", "_raw", "status_table")

    def __init__(self) -> None:
        self._order: tuple[str, ...] = ()  # instrument ids, in the order of the records
        self._pairs: dict[tuple[str, str], Participation] = {}
        self._made: dict[str, tuple[Participation, ...]] = {}  # instrument id -> all its records, made
        self._raw: dict[str, Mapping[str, Any]] = {}
        self._loader: Loader | None = None
        self._maker: Maker | None = None
        self._all: tuple[Participation, ...] | None = None
        self._by_state: dict[str, tuple[Participation, ...]] | None = None
        # the status table of the snapshot the records are read from (None for records given in full):
        # `Catalog.status` answers from it without making a record
        self.status_table: StatusTable | None = None

    @classmethod
    def of(cls, items: Participations | Iterable[Participation]) -> Participations:
        """A table of records given in full (kept as given: `all()` is exactly `items`)."""
        if isinstance(items, Participations):
            return items
        table = cls()
        table._all = tuple(items)
        by_inst: dict[str, list[Participation]] = {}
        by_state: dict[str, list[Participation]] = {}
        for p in table._all:
            table._pairs[(p.state, p.instrument)] = p
            by_inst.setdefault(p.instrument, []).append(p)
            by_state.setdefault(p.state, []).append(p)
        table._order = tuple(by_inst)
        table._made = {k: tuple(v) for k, v in by_inst.items()}
        table._by_state = {k: tuple(v) for k, v in by_state.items()}
        return table

    @classmethod
    def lazy(cls, order: Sequence[str], loader: Loader, maker: Maker,
             status_table: StatusTable | None = None) -> Participations:
        """A table whose records are read per instrument by `loader` and made one by one by `maker`; the
        status table of the same snapshot, if given, answers for their statuses."""
        table = cls()
        table._order = tuple(order)
        table._loader = loader
        table._maker = maker
        table.status_table = status_table
        return table

    def _raw_of(self, instrument: str) -> Mapping[str, Any]:
        raw = self._raw.get(instrument)
        if raw is None:
            raw = self._loader(instrument) if self._loader is not None and instrument in self._order else {}
            self._raw[instrument] = raw
        return raw

    def pair(self, state: str, instrument: str) -> Participation | None:
        """The record of `state` in `instrument`, or None."""
        p = self._pairs.get((state, instrument))
        if p is not None or instrument in self._made or self._maker is None:
            return p
        raw = self._raw_of(instrument).get(state)
        if raw is None:
            return None
        p = self._pairs[(state, instrument)] = self._maker(raw)
        return p

    def of_instrument(self, instrument: str) -> tuple[Participation, ...]:
        """Every record of `instrument`, in record order."""
        made = self._made.get(instrument)
        if made is None:
            made = tuple(p for s in self._raw_of(instrument) if (p := self.pair(s, instrument)) is not None)
            self._made[instrument] = made
        return made

    def of_state(self, state: str) -> tuple[Participation, ...]:
        """Every record of `state`, instrument by instrument in record order."""
        if self._by_state is not None:
            return self._by_state.get(state, ())
        return tuple(p for inst in self._order if (p := self.pair(state, inst)) is not None)

    def all(self) -> tuple[Participation, ...]:
        """Every record."""
        if self._all is None:
            self._all = tuple(p for inst in self._order for p in self.of_instrument(inst))
        return self._all

    def __len__(self) -> int:
        if self._all is not None:
            return len(self._all)
        return sum(len(self._made[i]) if i in self._made else len(self._raw_of(i)) for i in self._order)
