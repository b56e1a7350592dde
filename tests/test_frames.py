"""pandas DataFrames: shapes, dtypes (dates as datetime64[ns]), values, and the lists they come from."""

from __future__ import annotations

import datetime as dt

import pytest

import ratify
from ratify import Status
from ratify.present.export import STATUS_COLUMNS

pd = pytest.importorskip("pandas")

cat = ratify.load()
ALMATY_DAY = dt.date(2011, 3, 15)
DATES = ["as_of", "signature", "consent", "entry_into_force", "denunciation", "denunciation_effective"]


def test_catalogue_frame_is_tidy_one_row_per_state_and_instrument():
    df = cat.to_dataframe()
    assert df.shape == (len(cat.states) * len(cat.instruments), len(STATUS_COLUMNS))
    assert list(df.columns) == list(STATUS_COLUMNS)
    assert not df.duplicated(["state", "instrument"]).any()
    for column in DATES:
        assert df[column].dtype == "datetime64[ns]", column
    assert isinstance(df["status"].dtype, pd.CategoricalDtype)
    assert list(df["status"].cat.categories) == [s.value for s in Status]
    assert df["status"].cat.ordered
    assert list(df["consent_kind"].cat.categories) == [k.value for k in ratify.ConsentKind]
    assert df["reservations"].dtype == "int64"
    assert df["entry_into_force_computed"].dtype == "boolean"
    assert df["state"].dtype == "string"


def test_catalogue_frame_values():
    df = cat.to_dataframe().set_index(["state", "mtdsg"])
    row = df.loc[("KAZ", "V-2")]
    assert row["status"] == "party" and row["consent_kind"] == "accession"
    assert row["consent"] == pd.Timestamp("1999-01-15")
    assert row["entry_into_force"].date() == dt.date(1999, 4, 15)
    assert pd.isna(row["signature"]) and pd.isna(row["denunciation"])
    parties = cat.to_dataframe().query("mtdsg == 'V-2' and status == 'party'")
    assert set(parties["state"]) == set(cat.parties("V-2"))


def test_catalogue_frame_as_of_and_selection():
    df = cat.to_dataframe(ALMATY_DAY, group="almaty-process", instruments=["V-3", "V-4"])
    assert df.shape == (len(cat.group("almaty-process").states) * 2, len(STATUS_COLUMNS))
    assert (df["as_of"] == pd.Timestamp(ALMATY_DAY)).all()
    tur = df[(df.state == "TUR") & (df.instrument == "stateless-persons-1954")].iloc[0]
    assert tur["status"] == "none" and pd.isna(tur["consent"])  # acceded in 2015
    assert df["consent"].dropna().dt.date.max() <= ALMATY_DAY  # nothing later than the day shows


def test_matrix_frame_states_by_instruments():
    m = cat.matrix(group="central-asia", as_of=ALMATY_DAY)
    df = m.to_dataframe()
    assert df.shape == (5, len(cat.instruments_of(binding=True)))
    assert list(df.index) == ["KAZ", "KGZ", "TJK", "TKM", "UZB"] and df.index.name == "state"
    assert list(df.columns) == [i.id for i in m.instruments]
    assert all(isinstance(t, pd.CategoricalDtype) for t in df.dtypes)
    assert df.loc["KAZ", "refugees-1951"] == "party" and df.loc["UZB", "refugees-1951"] == "none"
    by_number = m.to_dataframe(columns="mtdsg")
    assert "V-2" in by_number.columns and by_number.loc["TKM", "V-3"] == m["TKM", "V-3"].value
    assert by_number.attrs["as_of"] == ALMATY_DAY
    named = m.to_dataframe(columns="name", lang="ru")
    assert "Конвенция 1951 года о статусе беженцев" in named.columns
    with pytest.raises(ValueError, match="columns must be"):
        m.to_dataframe(columns="title")


def test_gaps_frame():
    gaps = cat.gaps("UZB", as_of=dt.date(2014, 1, 1))
    df = gaps.to_dataframe()
    assert len(df) == len(gaps) > 0
    assert list(df.columns) == ["state", "instrument", "mtdsg", "name", "kind", "status", "as_of", "record_as_of",
                                "since", "years", "next_step", "basis", "prerequisites", "notes"]
    assert df["since"].dtype == "datetime64[ns]" and df["as_of"].dtype == "datetime64[ns]"
    assert df["years"].dtype == "Int64"
    assert list(df["kind"]) == [g.kind.value for g in gaps]
    assert list(df["instrument"]) == [g.instrument.id for g in gaps]
    ru = ratify.gaps_frame(gaps, lang="ru")
    assert ru["next_step"].str.contains("присоединиться").any()


def test_changes_frame():
    changes = cat.changes(since=ALMATY_DAY, group="almaty-process")
    df = changes.to_dataframe()
    assert len(df) == len(changes) > 0
    assert df["date"].dtype == "datetime64[ns]"
    assert df["date"].is_monotonic_increasing
    assert df["date"].min() >= pd.Timestamp(ALMATY_DAY)
    assert list(df.columns) == ["date", "state", "state_name", "instrument", "mtdsg", "name", "action", "detail",
                                "record_as_of"]
    assert list(df["action"].cat.categories) == [a.value for a in ratify.ActionKind]
    plain = ratify.changes_frame(list(changes))  # without the catalogue: ids only
    assert list(plain.columns) == ["date", "state", "instrument", "action", "detail"]


def test_empty_lists_give_empty_frames_with_the_same_columns():
    none = cat.changes(since=dt.date(1900, 1, 1), until=dt.date(1900, 1, 2))
    df = none.to_dataframe()
    assert len(df) == 0 and "date" in df.columns and df["date"].dtype == "datetime64[ns]"
    assert len(ratify.gaps_frame([])) == 0


def test_a_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now raises ImportError
    with pytest.raises(ratify.MissingExtraError, match=r"ratify-treaties\[pandas\]") as info:
        cat.to_dataframe()
    assert isinstance(info.value, ImportError) and isinstance(info.value, ratify.RatifyError)
