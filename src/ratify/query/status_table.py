"""The status table: where each state stands towards each instrument, answered without making a record.

`ratify status KAZ V-2` is asked many times a day, by people and by scripts; it should cost what a
country-code lookup costs. A catalogue cannot answer that fast — its records are attrs classes
structured by cattrs, and importing those two alone costs as much as the whole lookup — so every
snapshot (`ratify.store.snapshot`) also holds this table, made from the catalogue when the snapshot is
made: per state, the dates its status turns on; per instrument, its names, its record's date and
the instruments that require it; the lookup keys of every name. The answer is computed from those
dates by the rule every `Participation` uses (`ratify.model.status`), so the table never disagrees
with the catalogue (a test compares the two for every state, instrument and many dates).

Reading it needs json and the standard library only (`ratify.query.load.status_table` finds it). A
name the table does not know (a typo, a name two states share) is looked up in the catalogue, which
raises `UnknownNameError` with the nearest names. The table of a folder without a snapshot is made
from its catalogue, the same way; a catalogue served from a snapshot answers `status` from it.

Layout (two sections of the snapshot, both ASCII JSON): the table — states (names, where the line of
each is), instruments (in the catalogue's order), lookup keys — and the lines, one per state, each
[its code, {instrument id: [signature, consent, kind of consent, entry into force, recorded?,
unknown?, denunciation notified, denunciation effective, denounced?]}].
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ratify.model.enums import ConsentKind, RelationKind, Status
from ratify.model.names import normalize
from ratify.model.status import conflicting, status_on

if TYPE_CHECKING:
    from ratify.query.catalog import Catalog
    from ratify.store.location import Origin
    from ratify.store.snapshot_file import Sections

__all__ = ["StatusFacts", "StatusTable", "status_sections"]


class StatusFacts(NamedTuple):
    """Where a state stood towards one instrument on a date, and what its record showed by then."""

    instrument: str  # id
    mtdsg: str | None
    name: Mapping[str, str]  # the instrument's short name by language code (English always there)
    status: Status
    signature: dt.date | None  # signed by the date asked about
    consent: dt.date | None  # consent given by then …
    consent_kind: ConsentKind | None  # … and how
    entry_into_force: dt.date | None  # for the state, if consent was given by then
    entry_into_force_recorded: bool  # the depositary's date (False: computed by the instrument's rule)
    entry_into_force_unknown: bool  # consent given, but no rule gives the date
    record_date: dt.date | None  # the "status as at" date of the depositary record the facts come from
    conflicts: tuple[str, ...]  # instruments the state is bound by that require this one its record lacks

    def name_in(self, lang: str) -> str:
        """The instrument's short name in `lang` (English if it has none in `lang`)."""
        return _text(self.name, lang)


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def status_sections(cat: Catalog) -> tuple[bytes, bytes]:
    """The status table of `cat` and its lines, as a snapshot keeps them."""
    from ratify.query.graph import related, relations_of

    lines, at = [], 0
    states: dict[str, Any] = {}
    for st in cat.states:
        records = _records_of(cat, st.alpha3)
        line = json.dumps([st.alpha3, records], separators=(",", ":")).encode("ascii")
        states[st.alpha3] = {"name": dict(st.name.texts), "at": [at, at + len(line)]}
        lines.append(line)
        at += len(line) + 1
    relations = relations_of(cat)
    instruments = {inst.id: {"mtdsg": inst.mtdsg, "name": dict(inst.short_name.texts), "binding": inst.binding,
                             "as_at": _iso(cat.record_date(inst)),
                             "required_by": [src for src, _ in related(relations, inst.id,
                                                                       RelationKind.REQUIRES_PARTY_TO, incoming=True)]}
                   for inst in cat.instruments}
    state_keys, instrument_keys = cat.lookup_keys()
    table = {"states": states, "instruments": instruments, "order": [i.id for i in cat.instruments],
             "state_keys": {k: s.alpha3 if s is not None else None for k, s in state_keys.items()},
             "instrument_keys": {k: i.id if i is not None else None for k, i in instrument_keys.items()}}
    return json.dumps(table, separators=(",", ":")).encode("ascii"), b"\n".join(lines)


def _records_of(cat: Catalog, state: str) -> dict[str, list[Any]]:
    """The records of `state` as the table's line keeps them: instrument id -> the dates and flags."""
    found = {}
    for p in cat.participations_of(state=state):
        d = p.denunciation
        found[p.instrument] = [
            _iso(p.signature), _iso(p.consent.date) if p.consent else None,
            p.consent.kind.value if p.consent else None, _iso(p.entry_into_force),
            p.entry_into_force_recorded, p.entry_into_force_unknown,
            _iso(d.notified) if d else None, _iso(d.effective) if d else None, d is not None]
    return found


class StatusTable:
    """The status answers of one data folder: states and instruments by any name, and the facts of a state."""

    __slots__ = ("_catalog", "_lines", "_load", "_rows", "_table", "origin")

    def __init__(self, table: bytes, lines: bytes, origin: Origin | None, load: Callable[[], Catalog]) -> None:
        self._table: dict[str, Any] = json.loads(table)
        self._lines = lines
        self._rows: dict[str, dict[str, _Row]] = {}
        self._load = load
        self._catalog: Catalog | None = None
        self.origin = origin  # where the data was read from, and why

    @classmethod
    def read(cls, found: Sections, origin: Origin | None, load: Callable[[], Catalog]) -> StatusTable | None:
        """The table of a snapshot's sections; None if they hold none of this shape (the catalogue answers
        instead). A state's line is read when first asked about; one that does not read, or is another
        state's, is answered from the catalogue's records."""
        try:
            table = cls(found.section("status"), found.section("lines"), origin, load)
        except (ValueError, KeyError):  # not JSON
            return None
        return table if table._well_formed() else None

    def _well_formed(self) -> bool:
        t, end = self._table, len(self._lines)
        try:
            return (all(isinstance(t[k], dict) for k in ("states", "instruments", "state_keys", "instrument_keys"))
                    and isinstance(t["order"], list) and all(i in t["instruments"] for i in t["order"])
                    and all(0 <= e["at"][0] <= e["at"][1] <= end and isinstance(e["name"]["en"], str)
                            for e in t["states"].values()))
        except (KeyError, TypeError, IndexError):
            return False

    @classmethod
    def of(cls, cat: Catalog, sections: tuple[bytes, bytes] | None = None) -> StatusTable:
        """The table of a catalogue in memory (that of a folder read afresh, with no snapshot), from its
        `status_sections` if they were made already."""
        table, lines = sections if sections is not None else status_sections(cat)
        made = cls(table, lines, cat.origin, lambda: cat)
        made._catalog = cat
        return made

    def catalog(self) -> Catalog:
        """The catalogue the table was made from (loaded only when first asked for)."""
        if self._catalog is None:
            self._catalog = self._load()
        return self._catalog

    def state(self, name: str) -> str:
        """The alpha-3 code of a state named by any of its names; an unknown or shared name raises
        UnknownNameError with the nearest names (as `Catalog.state` does)."""
        code = self._table["state_keys"].get(normalize(name))
        return code if code is not None else self.catalog().state(name).alpha3

    def state_name(self, code: str, lang: str) -> str:
        """The state's name in `lang` (English if it has none in `lang`)."""
        return _text(self._table["states"][code]["name"], lang)

    def instruments(self, names: Iterable[str] | None = None) -> tuple[str, ...]:
        """The ids of the named instruments, in the order given; by default every binding one, in the
        catalogue's order. An unknown name raises UnknownNameError with the nearest names."""
        if names is None:
            known = self._table["instruments"]
            return tuple(i for i in self._table["order"] if known[i]["binding"])
        keys = self._table["instrument_keys"]
        return tuple(keys.get(normalize(n)) or self.catalog().instrument(n).id for n in names)

    def status(self, state: str, instrument: str, as_of: dt.date | None = None) -> Status:
        """Where `state` (alpha-3) stood towards `instrument` (id) on `as_of` (default: today)."""
        r = self._rows_of(state).get(instrument)
        return status_on(as_of, r.signature, r.consent, r.entry_into_force, r.denunciation) if r else Status.NONE

    def facts(self, state: str, instruments: Sequence[str], as_of: dt.date | None = None) -> tuple[StatusFacts, ...]:
        """What the records of `state` (alpha-3) in `instruments` (ids) show on `as_of` (default: today)."""
        on = as_of or dt.date.today()
        rows = self._rows_of(state)
        known = self._table["instruments"]
        out = []
        for ident in instruments:
            inst = known[ident]
            r = rows.get(ident, _NO_RECORD)
            own = self.status(state, ident, as_of)
            given = r.consent is not None and r.consent <= on
            conflicts = conflicting(own, ((i, self.status(state, i, as_of)) for i in inst["required_by"])) \
                if inst["binding"] else ()
            out.append(StatusFacts(
                instrument=ident, mtdsg=inst["mtdsg"], name=inst["name"], status=own,
                signature=r.signature if r.signature is not None and r.signature <= on else None,
                consent=r.consent if given else None,
                consent_kind=ConsentKind(r.consent_kind) if given and r.consent_kind else None,
                entry_into_force=r.entry_into_force if given else None,
                entry_into_force_recorded=r.recorded and given, entry_into_force_unknown=r.unknown and given,
                record_date=_day(inst["as_at"]), conflicts=conflicts))
        return tuple(out)

    def _rows_of(self, state: str) -> dict[str, _Row]:
        """The records of `state` by instrument id; none for a state the table does not hold."""
        rows = self._rows.get(state)
        if rows is None:
            entry = self._table["states"].get(state)
            try:
                code, found = json.loads(self._lines[entry["at"][0]:entry["at"][1]]) if entry else (state, {})
                if code != state:
                    raise ValueError(f"the line of {code!r} where {state!r} was expected")
                rows = {ident: _row(r) for ident, r in found.items()}
            except (ValueError, TypeError, KeyError, IndexError, AttributeError):  # a damaged line: the records
                rows = {ident: _row(r) for ident, r in _records_of(self.catalog(), state).items()}
            self._rows[state] = rows
        return rows


class _Row(NamedTuple):
    """The dates of one record that its status turns on, and how its consent and entry into force were given."""

    signature: dt.date | None
    consent: dt.date | None
    consent_kind: str | None
    entry_into_force: dt.date | None
    recorded: bool
    unknown: bool
    denunciation: tuple[dt.date | None, dt.date | None] | None  # (notified, effective), if denounced


_NO_RECORD = _Row(None, None, None, None, False, False, None)


def _row(r: list[Any]) -> _Row:
    return _Row(_day(r[0]), _day(r[1]), r[2], _day(r[3]), bool(r[4]), bool(r[5]),
                (_day(r[6]), _day(r[7])) if r[8] else None)


def _text(texts: Mapping[str, str], lang: str) -> str:
    """The text in `lang`, falling back to English (as `Localized.get` does)."""
    return texts.get(lang) or texts["en"]
