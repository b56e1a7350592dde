"""pandas DataFrames of the catalogue, a matrix, gaps and changes (the `pandas` extra).

Dates are pandas datetime columns (dtype `datetime64[ns]`, `NaT` where there is no date); statuses,
consent kinds, gap kinds and actions are ordered categoricals whose categories are the enum values,
in the enum's order. pandas is imported only when one of these functions runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ratify.extras import require
from ratify.model.enums import ActionKind, ConsentKind, Status
from ratify.model.records import Event

if TYPE_CHECKING:
    import pandas as pd

    from ratify.query.catalog import Catalog, InstrumentRef, StateRef
    from ratify.query.gaps import Gap
    from ratify.query.matrix import Matrix

__all__ = ["catalog_frame", "categorical", "changes_frame", "date_column", "gaps_frame", "matrix_frame", "pandas_module"]

_DATE_COLUMNS = ("as_of", "signature", "consent", "entry_into_force", "denunciation", "denunciation_effective",
                 "record_as_of")


def pandas_module() -> Any:
    return require("pandas", "pandas")


def categorical(pd: Any, values: Sequence[Any], enum: Any) -> Any:
    return pd.Categorical(values, categories=[m.value for m in enum], ordered=True)


def date_column(pd: Any, values: Sequence[dt.date | None]) -> Any:
    return pd.to_datetime(pd.Series(list(values), dtype="object"), errors="raise").astype("datetime64[ns]")


def catalog_frame(cat: Catalog, as_of: dt.date | None = None, *, group: Any = None,
                  states: Iterable[StateRef] | None = None,
                  instruments: Iterable[InstrumentRef] | None = None) -> pd.DataFrame:
    """The tidy table: one row per state × instrument, its status and the facts recorded by `as_of`.

    Columns (see `ratify.export.STATUS_COLUMNS`): state, state_name, instrument, mtdsg, as_of,
    status, signature, consent, consent_kind, entry_into_force, entry_into_force_computed,
    denunciation, denunciation_effective, reservations (an int), source, source_url, record_as_of (the
    date of the depositary record the row comes from), record_inconsistent.
    """
    from ratify.present.export import STATUS_COLUMNS, status_records

    pd = pandas_module()
    rows = status_records(cat, as_of, group=group, states=states, instruments=instruments)
    cols = {c: [r[c] for r in rows] for c in STATUS_COLUMNS}
    df = pd.DataFrame({c: pd.Series(v, dtype="object") for c, v in cols.items()})
    for c in _DATE_COLUMNS:
        df[c] = date_column(pd, cols[c])
    df["status"] = categorical(pd, cols["status"], Status)
    df["consent_kind"] = categorical(pd, cols["consent_kind"], ConsentKind)
    df["reservations"] = df["reservations"].astype("int64")
    df["entry_into_force_computed"] = df["entry_into_force_computed"].astype("boolean")
    df["record_inconsistent"] = df["record_inconsistent"].astype("boolean")
    for c in ("state", "state_name", "instrument", "mtdsg", "source", "source_url"):
        df[c] = df[c].astype("string")
    return df


def matrix_frame(m: Matrix, columns: str = "id", *, lang: str = "en") -> pd.DataFrame:
    """States (index: alpha-3) × instruments (columns: ids, or "mtdsg" numbers, or "name" short names)
    of status values, each column an ordered categorical of Status values."""
    pd = pandas_module()
    if columns == "id":
        labels = [i.id for i in m.instruments]
    elif columns == "mtdsg":
        labels = [i.mtdsg or i.id for i in m.instruments]
    elif columns == "name":
        labels = [i.short_name.get(lang) for i in m.instruments]
    else:
        raise ValueError(f"columns must be 'id', 'mtdsg' or 'name', not {columns!r}")
    data = {label: categorical(pd, [row[j].value for row in m.cells], Status)
            for j, label in enumerate(labels)}
    index = pd.Index([s.alpha3 for s in m.states], name="state", dtype="string")
    df = pd.DataFrame(data, index=index)
    df.columns.name = "instrument"
    df.attrs["as_of"] = m.as_of
    return df


def gaps_frame(gaps: Iterable[Gap], *, lang: str = "en") -> pd.DataFrame:
    """One row per gap: state, instrument, mtdsg, name, kind, status, as_of, record_as_of (the date of the
    depositary record it rests on), since, years, next_step, basis, prerequisites, notes (texts in `lang`)."""
    from ratify.model.enums import GapKind
    from ratify.present.gaps import basis_text, relation_text, step_text
    from ratify.present.i18n import language

    pd = pandas_module()
    lg = language(lang)
    gs = list(gaps)
    df = pd.DataFrame({
        "state": pd.Series([g.state for g in gs], dtype="string"),
        "instrument": pd.Series([g.instrument.id for g in gs], dtype="string"),
        "mtdsg": pd.Series([g.instrument.mtdsg for g in gs], dtype="string"),
        "name": pd.Series([g.instrument.short_name.get(lang) for g in gs], dtype="string"),
        "kind": categorical(pd, [g.kind.value for g in gs], GapKind),
        "status": categorical(pd, [g.status.value for g in gs], Status),
        "as_of": date_column(pd, [g.as_of for g in gs]),
        "record_as_of": date_column(pd, [g.record_as_of for g in gs]),
        "since": date_column(pd, [g.since for g in gs]),
        "years": pd.array([g.years for g in gs], dtype="Int64"),
        "next_step": pd.Series([step_text(g, lg) for g in gs], dtype="string"),
        "basis": pd.Series(["; ".join(basis_text(b, lg) for b in g.basis) or None for g in gs], dtype="string"),
        "prerequisites": pd.Series([", ".join(g.prerequisites) or None for g in gs], dtype="string"),
        "notes": pd.Series([" ".join(relation_text(r, lg) for r in g.relations) or None for g in gs],
                           dtype="string"),
    })
    return df


def changes_frame(events: Iterable[Event], cat: Catalog | None = None, *, lang: str = "en") -> pd.DataFrame:
    """One row per event: date, state, instrument, action, detail — and, given the catalogue,
    state_name, mtdsg and name (the instrument's short name in `lang`)."""
    from ratify.present.i18n import language
    from ratify.present.phrases import event_detail

    lg = language(lang)
    pd = pandas_module()
    evs = list(events)
    df = pd.DataFrame({
        "date": date_column(pd, [e.date for e in evs]),
        "state": pd.Series([e.state for e in evs], dtype="string"),
        "instrument": pd.Series([e.instrument for e in evs], dtype="string"),
        "action": categorical(pd, [e.action.value for e in evs], ActionKind),
        "detail": pd.Series([event_detail(e, lg) for e in evs], dtype="string"),
    })
    if cat is not None:
        df.insert(2, "state_name", pd.Series([cat.state(e.state).name.get(lang) for e in evs], dtype="string"))
        df.insert(4, "mtdsg", pd.Series([cat.instrument(e.instrument).mtdsg for e in evs], dtype="string"))
        df.insert(5, "name", pd.Series([cat.instrument(e.instrument).short_name.get(lang) for e in evs],
                                       dtype="string"))
        df["record_as_of"] = date_column(pd, [cat.record_date(e.instrument) for e in evs])
    return df
