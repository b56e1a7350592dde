"""The immutable catalogue: instruments, states, groups and participations, with lookups by any name."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from ratify.errors import UnknownNameError
from ratify.model.enums import Status
from ratify.model.names import NameIndex
from ratify.model.procedures import Procedure
from ratify.model.records import Group, Instrument, Participation, Source, State
from ratify.problems import Problem
from ratify.query.order import instrument_order
from ratify.query.participations import Participations
from ratify.store.location import Origin

__all__ = ["Catalog", "InstrumentRef", "StateRef"]

StateRef = str | State
InstrumentRef = str | Instrument


def _instrument_names(inst: Instrument) -> list[str | None]:
    names: list[str | None] = [inst.id, inst.mtdsg, inst.title.en, inst.title.ru, inst.short_name.en,
                               inst.short_name.ru, *inst.aliases]
    if inst.mtdsg:
        names.append(re.sub(r"[^0-9A-Za-z]", "", inst.mtdsg))  # "XVIII12a"
    return names


def _state_names(state: State) -> list[str | None]:
    names: list[str | None] = [state.alpha3, state.alpha2, state.name.en, state.name.ru, state.depositary_name]
    if state.formal_name:
        names += [state.formal_name.en, state.formal_name.ru]
    for aliases in state.aliases.values():
        names += aliases
    return names


def _sorted_instruments(items: Iterable[Instrument]) -> tuple[Instrument, ...]:
    return tuple(sorted(items, key=instrument_order))


def _participations_of(items: Participations | Iterable[Participation]) -> Participations:
    return Participations.of(items)


def _sorted_states(items: Iterable[State]) -> tuple[State, ...]:
    return tuple(sorted(items, key=lambda s: s.alpha3))


@attrs.frozen
class Catalog:
    """Everything ratify knows, frozen; build it with `ratify.load()`.

    Instruments are ordered binding first, then by theme and adoption date; states by alpha-3.
    """

    instruments: tuple[Instrument, ...] = attrs.field(converter=_sorted_instruments)
    states: tuple[State, ...] = attrs.field(converter=_sorted_states)
    groups: tuple[Group, ...] = ()
    # every record (the `participations` property); read lazily from a snapshot, made when asked for
    _participations: Participations = attrs.field(factory=Participations, converter=_participations_of, repr=False,
                                                  eq=Participations.all)
    sources: tuple[Source, ...] = ()
    # the complaint and inquiry procedures of the catalogue's instruments (`instrument` is an id)
    procedure_definitions: tuple[Procedure, ...] = ()
    declines: tuple[str, ...] = ()  # the words by which a statement declines a committee's competence
    # where the catalogue was read from, and the warnings of that reading: not part of its content
    # (`==` compares instruments, states, groups, participations and sources)
    path: Path | None = attrs.field(default=None, eq=False)
    warnings: tuple[Problem, ...] = attrs.field(default=(), eq=False)
    # which folder was read and why: an argument, $RATIFY_DATA, the user's data folder or the bundled
    # snapshot (`ratify.load()`); None for a catalogue built otherwise
    origin: Origin | None = attrs.field(default=None, eq=False)
    _instrument_index: NameIndex[Instrument] = attrs.field(init=False, repr=False, eq=False)
    _state_index: NameIndex[State] = attrs.field(init=False, repr=False, eq=False)
    _group_index: NameIndex[Group] = attrs.field(init=False, repr=False, eq=False)
    _sources_by_id: MappingProxyType[str, Source] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        instruments: NameIndex[Instrument] = NameIndex("instrument")
        for inst in self.instruments:
            instruments.add(inst, _instrument_names(inst))
        states: NameIndex[State] = NameIndex("state")
        for st in self.states:
            states.add(st, _state_names(st))
        groups: NameIndex[Group] = NameIndex("group")
        for g in self.groups:
            groups.add(g, [g.id, g.name.en, g.name.ru])
        set_ = object.__setattr__
        set_(self, "_instrument_index", instruments)
        set_(self, "_state_index", states)
        set_(self, "_group_index", groups)
        set_(self, "_sources_by_id", MappingProxyType({src.id: src for src in self.sources}))

    @property
    def participations(self) -> tuple[Participation, ...]:
        """Every record of every state in every instrument."""
        return self._participations.all()

    # -- lookups ----------------------------------------------------------------------------------

    def instrument(self, name: InstrumentRef) -> Instrument:
        """An instrument by id, MTDSG number, short name, alias or title (en or ru)."""
        if isinstance(name, Instrument):
            return name
        return self._instrument_index[name]

    def state(self, name: StateRef) -> State:
        """A state by alpha-3, alpha-2, name (en or ru), formal name, the depositary's name or a former name."""
        if isinstance(name, State):
            return name
        return self._state_index[name]

    def find_state(self, name: str) -> State | None:
        """Like `state`, but None for a name no lookup knows."""
        return self._state_index.get(name)

    def lookup_keys(self) -> tuple[dict[str, State | None], dict[str, Instrument | None]]:
        """Every lookup key (normalized name) of the states and of the instruments, and what it names (None
        for a name two share): the status table of a snapshot resolves names with them."""
        return self._state_index.keys(), self._instrument_index.keys()

    def group(self, name: str | Group) -> Group:
        """A group by id or name (en or ru); an unknown one raises UnknownNameError with the nearest names."""
        if isinstance(name, Group):
            return name
        return self._group_index[name]

    @property
    def default_group(self) -> Group | None:
        """The group the data marks `default = true`: what briefs and reports cover when none is named."""
        return next((g for g in self.groups if g.default), None)

    def baseline(self, group: str | Group) -> Instrument | None:
        """The group's baseline document (its adoption starts a regional report's changes), if it has one here."""
        ident = self.group(group).baseline
        return self._instrument_index.get(ident) if ident else None

    def states_of(self, group: str | Group | None = None, states: Iterable[StateRef] | None = None) -> tuple[State, ...]:
        """The states of a group (every state it lists, on any date; `Group.states_on` gives a date's), or the
        named ones, or all of them."""
        if states is not None:
            return tuple(self.state(s) for s in states)
        if group is not None:
            return tuple(self.state(code) for code in self.group(group).states)
        return self.states

    def instruments_of(self, instruments: Iterable[InstrumentRef] | None = None, *,
                       binding: bool | None = None) -> tuple[Instrument, ...]:
        chosen = self.instruments if instruments is None else tuple(self.instrument(i) for i in instruments)
        return tuple(i for i in chosen if binding is None or i.binding is binding)

    # -- participation and status -------------------------------------------------------------------

    def participation(self, state: StateRef, instrument: InstrumentRef) -> Participation | None:
        """The record of `state` in `instrument`, or None if the depositary lists no action by it."""
        return self._participations.pair(self.state(state).alpha3, self.instrument(instrument).id)

    def participations_of(self, state: StateRef | None = None,
                          instrument: InstrumentRef | None = None) -> tuple[Participation, ...]:
        if state is not None and instrument is not None:
            p = self.participation(state, instrument)
            return (p,) if p else ()
        if state is not None:
            return self._participations.of_state(self.state(state).alpha3)
        if instrument is not None:
            return self._participations.of_instrument(self.instrument(instrument).id)
        return self.participations

    def status(self, state: StateRef, instrument: InstrumentRef, as_of: dt.date | None = None) -> Status:
        """Where `state` stands towards `instrument` on `as_of` (default: today)."""
        table = self._participations.status_table
        if table is not None:  # records read from a snapshot: the same rule on its status table, no record made
            return table.status(self.state(state).alpha3, self.instrument(instrument).id, as_of)
        p = self.participation(state, instrument)
        return p.status(as_of) if p else Status.NONE

    def parties(self, instrument: InstrumentRef, as_of: dt.date | None = None) -> tuple[str, ...]:
        """The alpha-3 codes of the parties on `as_of` (default: today)."""
        return tuple(p.state for p in self.participations_of(instrument=instrument)
                     if p.status(as_of) is Status.PARTY)

    def source(self, source_id: str) -> Source:
        """A source by its id; an unknown id raises UnknownNameError naming the closest ids."""
        try:
            return self._sources_by_id[source_id]
        except KeyError:
            import difflib

            close = difflib.get_close_matches(source_id, list(self._sources_by_id), n=3)
            raise UnknownNameError("source", source_id, close) from None

    def __repr__(self) -> str:
        where = f" from {self.path}" if self.path else ""
        return (f"<Catalog{where}: {len(self.instruments)} instruments, {len(self.states)} states, "
                f"{len(self._participations)} participations>")

    # -- analysis: thin delegates to graph.py, gaps.py, matrix.py, changes.py, simulate.py ---------------

    _graph: Any = attrs.field(init=False, default=None, repr=False, eq=False)  # built on first use
    _relations: Any = attrs.field(init=False, default=None, repr=False, eq=False)  # built on first use

    @property
    def relations(self) -> Any:
        """The relations between the instruments, indexed both ways (`ratify.query.graph.Relations`): what
        the rules read; `graph` holds the same edges as a networkx DiGraph."""
        if self._relations is None:
            from ratify.query.graph import Relations

            object.__setattr__(self, "_relations", Relations(self.instruments))
        return self._relations

    @property
    def graph(self) -> Any:
        """The instrument graph (a networkx DiGraph; see `ratify.graph`), built on first use."""
        if self._graph is None:
            from ratify.query.graph import build_graph

            object.__setattr__(self, "_graph", build_graph(self.instruments))
        return self._graph

    def gaps(self, state: StateRef, as_of: dt.date | None = None,
             instruments: Iterable[InstrumentRef] | None = None,
             recommended_by: InstrumentRef | None = None) -> list[Any]:
        """What `state` has not done on `as_of`, as `Gap`s in the order to act on them (see `ratify.gaps`)."""
        from ratify.query.gaps import find_gaps

        return find_gaps(self, state, as_of, instruments, recommended_by)

    def record_conflicts(self, state: StateRef, instrument: InstrumentRef,
                         as_of: dt.date | None = None) -> tuple[str, ...]:
        """The instruments `state` is bound by that require `instrument` while its record shows it not bound:
        empty when the records agree; otherwise the record of `instrument` is inconsistent (likely out of date)."""
        from ratify.query.gaps import record_conflicts

        return record_conflicts(self, state, instrument, as_of)

    def record_date(self, instrument: InstrumentRef) -> dt.date | None:
        """The "status as at" date of the depositary record the data of `instrument` comes from."""
        from ratify.query.gaps import record_date

        return record_date(self, instrument)

    def matrix(self, group: str | Group | None = None, states: Iterable[StateRef] | None = None,
               instruments: Iterable[InstrumentRef] | None = None, as_of: dt.date | None = None, *,
               include_nonbinding: bool = False) -> Any:
        """States × instruments of `Status` on `as_of` (default: every state, the binding instruments, today;
        `include_nonbinding=True` adds the declarations as columns)."""
        from ratify.query.matrix import build_matrix

        return build_matrix(self, group, states, instruments, as_of, include_nonbinding=include_nonbinding)

    def compare(self, a: StateRef, b: StateRef, as_of: dt.date | None = None) -> Any:
        """Two states side by side in the binding instruments: a two-row `Matrix`."""
        from ratify.query.matrix import compare

        return compare(self, a, b, as_of)

    def changes(self, since: dt.date, until: dt.date | None = None, group: str | Group | None = None,
                states: Iterable[StateRef] | None = None,
                instruments: Iterable[InstrumentRef] | None = None) -> list[Any]:
        """Every `Event` from `since` to `until` (default: today), in date order."""
        from ratify.query.events import find_changes

        return find_changes(self, since, until, group, states, instruments)

    def to_dataframe(self, as_of: dt.date | None = None, *, group: str | Group | None = None,
                     states: Iterable[StateRef] | None = None,
                     instruments: Iterable[InstrumentRef] | None = None) -> Any:
        """The tidy table as a pandas DataFrame: one row per state × instrument with its status on
        `as_of` (default: today) and the facts recorded by then; dates as datetime64[ns] columns (NaT
        for none). See `ratify.frames.catalog_frame`; needs the `pandas` extra."""
        from ratify.present.frames import catalog_frame

        return catalog_frame(self, as_of, group=group, states=states, instruments=instruments)

    def procedures(self, state: StateRef, as_of: dt.date | None = None) -> list[Any]:
        """One `ProcedureStatus` per complaint or inquiry procedure of the catalogue's instruments: whether
        `state` had accepted it on `as_of` (default: today), since when, and on what record."""
        from ratify.query.procedures import procedures_of

        return procedures_of(self, state, as_of)

    def procedure_gaps(self, state: StateRef, as_of: dt.date | None = None) -> list[Any]:
        """The procedures `state` had not accepted on `as_of`, as `ProcedureGap`s in the order to act
        (see `ratify.query.procedure_gaps`)."""
        from ratify.query.procedure_gaps import procedure_gaps

        return procedure_gaps(self, state, as_of)

    def simulate(self, state: StateRef, instrument: InstrumentRef, action: Any, *, on: dt.date) -> Catalog:
        """A new catalogue in which `state` took `action` towards `instrument` on `on` (this one unchanged)."""
        from ratify.query.simulate import simulate

        return simulate(self, state, instrument, action, on)
