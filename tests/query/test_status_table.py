"""The status table of a snapshot answers exactly what the catalogue answers, for every state, instrument
and date, and is never served for bytes other than those it was made from."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ratify
from ratify.query.load import catalog_of, status_table
from ratify.query.status_table import StatusFacts, StatusTable
from ratify.resources import bundled_data
from ratify.store.read import read_folder
from ratify.store.snapshot_file import Sections

# dates that split the records of the region: before most, a record's day and the day after, today, later
DATES = (None, dt.date(1950, 1, 1), dt.date(1993, 12, 31), dt.date(1999, 1, 15), dt.date(1999, 1, 16),
         dt.date(1999, 4, 15), dt.date(2008, 6, 30), dt.date(2013, 7, 6), dt.date(2100, 1, 1))


def _expected(cat: ratify.Catalog, state: str, inst: ratify.Instrument, as_of: dt.date | None) -> StatusFacts:
    """What the catalogue says of one state and instrument on `as_of`, as the status table says it."""
    on = as_of or dt.date.today()
    p = cat.participation(state, inst)
    given_ = p is not None and p.consent is not None and p.consent.date <= on
    return StatusFacts(
        instrument=inst.id, mtdsg=inst.mtdsg, name=dict(inst.short_name.texts), status=cat.status(state, inst, as_of),
        signature=p.signature if p is not None and p.signature and p.signature <= on else None,
        consent=p.consent.date if given_ and p and p.consent else None,
        consent_kind=p.consent.kind if given_ and p and p.consent else None,
        entry_into_force=p.entry_into_force if given_ and p else None,
        entry_into_force_recorded=bool(given_ and p and p.entry_into_force_recorded),
        entry_into_force_unknown=bool(given_ and p and p.entry_into_force_unknown),
        record_date=cat.record_date(inst),
        conflicts=cat.record_conflicts(state, inst, on) if inst.binding else ())


@pytest.fixture(scope="module")
def afresh() -> ratify.Catalog:
    """The bundled data read from its files: every record made, no status table (the reference)."""
    cat = catalog_of(read_folder(bundled_data()))
    assert cat._participations.status_table is None
    return cat


@pytest.fixture(scope="module")
def installed() -> StatusTable:
    """The table of the installed snapshot (no user cache involved)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RATIFY_CACHE", "0")
        table = status_table(bundled=True)
    return table


def test_the_installed_table_is_read_from_the_snapshot_without_the_catalogue(installed: StatusTable) -> None:
    assert installed._catalog is None  # served from the snapshot: no record was made
    assert installed.origin is not None and installed.origin.kind is ratify.DataOrigin.BUNDLED


@pytest.mark.parametrize("as_of", DATES)
def test_every_state_and_instrument_answers_as_the_catalogue_does(afresh: ratify.Catalog, installed: StatusTable,
                                                                  as_of: dt.date | None) -> None:
    ids = tuple(i.id for i in afresh.instruments)
    for state in afresh.states:
        assert installed.facts(state.alpha3, ids, as_of) == tuple(_expected(afresh, state.alpha3, i, as_of)
                                                                  for i in afresh.instruments)


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2040, 12, 31)),
       index=st.integers(min_value=0, max_value=10_000))
def test_any_date_answers_as_the_catalogue_does(afresh: ratify.Catalog, installed: StatusTable, day: dt.date,
                                                index: int) -> None:
    state = afresh.states[index % len(afresh.states)].alpha3
    ids = tuple(i.id for i in afresh.instruments)
    assert installed.facts(state, ids, day) == tuple(_expected(afresh, state, i, day) for i in afresh.instruments)


@pytest.mark.parametrize("as_of", DATES)
def test_a_catalogue_served_from_its_snapshot_answers_from_the_table_as_its_records_do(
        cat: ratify.Catalog, afresh: ratify.Catalog, as_of: dt.date | None) -> None:
    assert cat._participations.status_table is not None  # the bundled catalogue: its status answers come from the table
    assert cat.matrix(as_of=as_of, include_nonbinding=True).cells == \
        afresh.matrix(as_of=as_of, include_nonbinding=True).cells
    fresh = ratify.load(bundled=True)
    fresh.matrix(as_of=as_of)
    assert fresh._participations._pairs == {}  # a matrix made no record


def test_kazakhstan_in_the_refugee_convention(installed: StatusTable) -> None:
    (facts,) = installed.facts(installed.state("Kazakhstan"), installed.instruments(["1951 Refugee Convention"]))
    assert facts.status is ratify.Status.PARTY and facts.mtdsg == "V-2"
    assert (facts.consent, facts.consent_kind) == (dt.date(1999, 1, 15), ratify.ConsentKind.ACCESSION)
    assert facts.entry_into_force == dt.date(1999, 4, 15) and not facts.entry_into_force_recorded
    assert facts.name_in("ru") == "Конвенция 1951 года о статусе беженцев" and facts.name_in("xx") == facts.name["en"]
    (before,) = installed.facts("KAZ", installed.instruments(["V-2"]), dt.date(1999, 1, 14))
    assert before.status is ratify.Status.NONE and before.consent is None and before.entry_into_force is None


def test_names_are_looked_up_as_the_catalogue_looks_them_up(cat: ratify.Catalog, installed: StatusTable) -> None:
    for state in cat.states:
        for name in (state.alpha3, state.alpha2, state.name.en, state.name.get("ru"), state.name.en.upper()):
            assert installed.state(name) == state.alpha3
    for inst in cat.instruments:
        for name in (inst.id, inst.mtdsg, inst.short_name.en, inst.title.en):
            if name:
                assert installed.instruments([name]) == (inst.id,)
    assert installed.instruments() == tuple(i.id for i in cat.instruments_of(binding=True))
    assert installed.state_name("KAZ", "ru") == "Казахстан" and installed.state_name("KAZ", "xx") == "Kazakhstan"


def test_an_unknown_name_is_refused_with_the_nearest_ones(installed: StatusTable) -> None:
    with pytest.raises(ratify.UnknownNameError, match="Kazakhstan"):
        installed.state("Kazakstan")
    with pytest.raises(ratify.UnknownNameError, match="unknown instrument 'V-22'"):
        installed.instruments(["V-22"])


def test_the_table_of_a_catalogue_is_the_table_of_its_snapshot(cat: ratify.Catalog, installed: StatusTable) -> None:
    made = StatusTable.of(cat)
    ids = tuple(i.id for i in cat.instruments)
    for state in ("KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "TUR", "USA"):
        assert made.facts(state, ids, dt.date(2020, 1, 1)) == installed.facts(state, ids, dt.date(2020, 1, 1))


def test_a_users_folder_is_answered_from_its_snapshot_and_afresh_after_a_change(tmp_path: Path,
                                                                                cache_dir: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(bundled_data(), folder)
    with (folder / "states.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n# a copy of my own\n")  # not the bundled bytes: no installed snapshot serves it
    first = status_table(folder)
    assert first._catalog is not None  # no snapshot yet: made from the catalogue (and its snapshot kept)
    second = status_table(folder)
    assert second._catalog is None  # served from the snapshot kept in the cache
    assert second.facts("KAZ", ("refugees-1951",)) == first.facts("KAZ", ("refugees-1951",))
    v2 = folder / "instruments" / "refugees-1951.toml"
    v2.write_text(v2.read_text(encoding="utf-8").replace("1999-01-15", "1999-01-16"), encoding="utf-8")
    third = status_table(folder)
    assert third._catalog is not None  # other bytes: read afresh, never the old snapshot
    (facts,) = third.facts("KAZ", ("refugees-1951",))
    assert facts.consent == dt.date(1999, 1, 16)


def test_a_folder_with_an_error_is_refused_as_load_refuses_it(tmp_path: Path, cache_dir: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(bundled_data(), folder)
    (folder / "states.toml").write_text("not = [toml", encoding="utf-8")
    with pytest.raises(ratify.DataError, match="states.toml"):
        status_table(folder)


def test_a_state_the_table_does_not_hold_has_done_nothing(cat: ratify.Catalog) -> None:
    import attrs

    stranger = attrs.evolve(cat.state("KAZ"), alpha3="XXA", alpha2="XA")  # not one of the catalogue's states
    assert cat._participations.status_table is not None
    assert cat.status(stranger, "V-2") is ratify.Status.NONE


def _sections(cat: ratify.Catalog) -> tuple[dict[str, Any], bytes]:
    from ratify.query.status_table import status_sections

    table, lines = status_sections(cat)
    return json.loads(table), lines


def test_a_damaged_line_or_another_states_is_answered_from_the_records(afresh: ratify.Catalog) -> None:
    table, lines = _sections(afresh)
    ids = tuple(i.id for i in afresh.instruments)
    expected = tuple(_expected(afresh, "KAZ", i, dt.date(2020, 1, 1)) for i in afresh.instruments)
    table["states"]["KAZ"]["at"] = table["states"]["KGZ"]["at"]  # the offsets of another state's line
    shifted = StatusTable(json.dumps(table).encode(), lines, None, lambda: afresh)
    assert shifted.facts("KAZ", ids, dt.date(2020, 1, 1)) == expected
    start, end = table["states"]["KGZ"]["at"]
    damaged = StatusTable(json.dumps(table).encode(), lines[:start] + b"\0" * (end - start) + lines[end:], None,
                          lambda: afresh)
    assert damaged.facts("KAZ", ids, dt.date(2020, 1, 1)) == expected


@pytest.mark.parametrize("damage", ["no keys", "a span past the end", "an instrument out of order"])
def test_a_table_of_another_shape_is_no_table(afresh: ratify.Catalog, damage: str) -> None:
    table, lines = _sections(afresh)
    if damage == "no keys":
        table = {"states": {}}
    elif damage == "a span past the end":
        table["states"]["KAZ"]["at"] = [0, len(lines) + 1]
    else:
        table["order"].append("no-such-instrument")
    head = json.dumps(table).encode()
    start = len(head) + 1
    sections = Sections(head + b"\n" + lines, {"status": (0, len(head)), "lines": (start, start + len(lines))})
    assert StatusTable.read(sections, None, lambda: afresh) is None
