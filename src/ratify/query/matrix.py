"""The regional view: states × instruments of `Status` on a date, with counts, coverage and ranking.

Coverage of a state is the share of the matrix's binding instruments it is party to; coverage of an
instrument is the share of the matrix's states party to it. By default a matrix has the binding
instruments only (`include_nonbinding=True`, or naming them, adds the non-binding documents as
columns — no state can be party to them — which never count towards coverage).
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ratify.errors import UnknownNameError
from ratify.model.enums import Status
from ratify.model.records import Instrument, State

if TYPE_CHECKING:
    from ratify.query.catalog import Catalog, InstrumentRef, StateRef

__all__ = ["Matrix", "StatusTransition", "build_matrix", "column_label", "compare"]



@attrs.frozen
class StatusTransition:
    """A state's status in an instrument, moved from `before` to `after` between two matrices
    (see `Matrix.transitions_from`)."""

    state: str
    instrument: str
    before: Status
    after: Status


@attrs.frozen
class Matrix:
    """Status of each state (rows) in each instrument (columns) on `as_of`; `m["KAZ", "V-2"]` → Status."""

    states: tuple[State, ...]
    instruments: tuple[Instrument, ...]
    as_of: dt.date
    cells: tuple[tuple[Status, ...], ...] = attrs.field(repr=False)  # cells[row][column]
    catalog: Catalog = attrs.field(repr=False, eq=False)  # resolves the names `m[...]` accepts
    _rows: dict[str, int] = attrs.field(init=False, repr=False, eq=False)
    _cols: dict[str, int] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_rows", {s.alpha3: i for i, s in enumerate(self.states)})
        object.__setattr__(self, "_cols", {inst.id: j for j, inst in enumerate(self.instruments)})

    # -- cells, rows and columns --------------------------------------------------------------------

    def __getitem__(self, key: tuple[StateRef, InstrumentRef]) -> Status:
        if not (isinstance(key, tuple) and len(key) == 2):
            raise TypeError("index a matrix with a state and an instrument: m[\"KAZ\", \"V-2\"]")
        state, instrument = key
        return self.cells[self._row(state)][self._col(instrument)]

    def row(self, state: StateRef) -> dict[str, Status]:
        """The state's status in each instrument, by instrument id."""
        i = self._row(state)
        return {inst.id: s for inst, s in zip(self.instruments, self.cells[i], strict=True)}

    def column(self, instrument: InstrumentRef) -> dict[str, Status]:
        """Each state's status in the instrument, by alpha-3."""
        j = self._col(instrument)
        return {st.alpha3: row[j] for st, row in zip(self.states, self.cells, strict=True)}

    def __iter__(self) -> Iterator[tuple[State, Instrument, Status]]:
        for st, row in zip(self.states, self.cells, strict=True):
            yield from ((st, inst, s) for inst, s in zip(self.instruments, row, strict=True))

    # -- counts, coverage, ranking ------------------------------------------------------------------

    def counts(self, state: StateRef | None = None,
               instrument: InstrumentRef | None = None) -> dict[Status, int]:
        """How many cells of each status: in a state's row, an instrument's column, or the whole matrix."""
        out = dict.fromkeys(Status, 0)
        for s in self._line(state, instrument, binding_only=False):
            out[s] += 1
        return out

    def coverage(self, state: StateRef | None = None, instrument: InstrumentRef | None = None) -> float:
        """Share of party cells among the binding ones: of a state's row, an instrument's column, or all."""
        line = self._line(state, instrument, binding_only=True)
        return sum(s is Status.PARTY for s in line) / len(line) if line else 0.0

    def ranking(self) -> tuple[tuple[State, float], ...]:
        """The states by coverage, highest first (ties keep the matrix's order)."""
        scored = [(st, self.coverage(st)) for st in self.states]
        return tuple(sorted(scored, key=lambda pair: -pair[1]))

    def differences(self) -> tuple[Instrument, ...]:
        """The instruments in which the states do not all have the same status."""
        return tuple(inst for inst, col in zip(self.instruments, zip(*self.cells, strict=True), strict=False)
                     if len(set(col)) > 1)

    def transitions_from(self, earlier: Matrix) -> tuple[StatusTransition, ...]:
        """The cells of both matrices whose status differs between `earlier` and this one."""
        out = []
        for st, inst, now in self:
            if st.alpha3 in earlier._rows and inst.id in earlier._cols:
                then = earlier.cells[earlier._rows[st.alpha3]][earlier._cols[inst.id]]
                if then is not now:
                    out.append(StatusTransition(st.alpha3, inst.id, then, now))
        return tuple(out)

    def changes_from(self, earlier: Matrix) -> tuple[StatusTransition, ...]:
        """The old name of `transitions_from` (deprecated)."""
        warnings.warn("Matrix.changes_from is now Matrix.transitions_from", DeprecationWarning, stacklevel=2)
        return self.transitions_from(earlier)

    # -- display ------------------------------------------------------------------------------------

    def __repr__(self) -> str:
        """The statuses as letters, with coverage (a door into `ratify.present.notebook`)."""
        from ratify.present.notebook import matrix_text

        return matrix_text(self)

    def _repr_html_(self) -> str:
        from ratify.present.notebook import matrix_html

        return matrix_html(self)

    # -- pandas and matplotlib (optional extras) -----------------------------------------------------

    def to_dataframe(self, columns: str = "id", *, lang: str = "en") -> Any:
        """A pandas DataFrame: index alpha-3, one column per instrument ("id", "mtdsg" or "name"),
        values the status strings (ordered categoricals). Needs the `pandas` extra."""
        from ratify.present.frames import matrix_frame

        return matrix_frame(self, columns, lang=lang)

    def plot(self, *, lang: str = "en", ax: Any = None, title: str | None = None) -> Any:
        """A colour-coded heatmap of the statuses with a legend; returns the matplotlib Figure."""
        from ratify.present.plots import matrix_heatmap

        return matrix_heatmap(self, lang=lang, ax=ax, title=title)

    def map(self, instrument: InstrumentRef | None = None, *, region: Any = "auto", lang: str = "en",
            ax: Any = None, title: str | None = None) -> Any:
        """A choropleth of this matrix's states: their status in `instrument`, or (without one) their
        coverage. `region="auto"` zooms to the states; "world", a group's id or name (its map
        view) or (west, south, east, north) otherwise. Returns the matplotlib Figure."""
        from ratify.present.plots import matrix_map

        return matrix_map(self, instrument, region=region, lang=lang, ax=ax, title=title)

    # -- internals ----------------------------------------------------------------------------------

    def _row(self, state: StateRef) -> int:
        code = self.catalog.state(state).alpha3
        if code not in self._rows:
            raise UnknownNameError("state in this matrix", state, [s.alpha3 for s in self.states][:3])
        return self._rows[code]

    def _col(self, instrument: InstrumentRef) -> int:
        ident = self.catalog.instrument(instrument).id
        if ident not in self._cols:
            near = [column_label(i) for i in self.instruments][:3]
            raise UnknownNameError("instrument in this matrix", instrument, near)
        return self._cols[ident]

    def _line(self, state: StateRef | None, instrument: InstrumentRef | None, *,
              binding_only: bool) -> list[Status]:
        if state is not None and instrument is not None:
            raise TypeError("give a state or an instrument, not both")
        keep = [j for j, inst in enumerate(self.instruments) if inst.binding or not binding_only]
        if state is not None:
            row = self.cells[self._row(state)]
            return [row[j] for j in keep]
        if instrument is not None:
            j = self._col(instrument)
            if binding_only and not self.instruments[j].binding:
                return []
            return [row[j] for row in self.cells]
        return [row[j] for row in self.cells for j in keep]


def build_matrix(cat: Catalog, group: Any = None, states: Iterable[StateRef] | None = None,
                 instruments: Iterable[InstrumentRef] | None = None, as_of: dt.date | None = None, *,
                 include_nonbinding: bool = False) -> Matrix:
    """The matrix of the group's (or the named, or all) states in the named instruments, or by default in
    the binding ones: a declaration no state can be party to makes an all-"none" column, so it is a
    column only with `include_nonbinding=True` (or when named). The command line, figures and
    documents all use this rule."""
    chosen_states = cat.states_of(group, states)
    if instruments is None:
        chosen = cat.instruments_of(binding=None if include_nonbinding else True)
    else:
        chosen = cat.instruments_of(instruments)
    on = as_of or dt.date.today()
    cells = tuple(tuple(cat.status(st, inst, on) for inst in chosen) for st in chosen_states)
    return Matrix(states=chosen_states, instruments=chosen, as_of=on, cells=cells, catalog=cat)


def compare(cat: Catalog, a: StateRef, b: StateRef, as_of: dt.date | None = None) -> Matrix:
    """Two states side by side in the binding instruments; `.differences()` lists where they differ."""
    return build_matrix(cat, states=[a, b], as_of=as_of)


def column_label(inst: Instrument) -> str:
    """The short label of a column: the depositary's number, else the id."""
    return inst.mtdsg or inst.id

