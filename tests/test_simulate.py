"""What-if (`cat.simulate`): a new catalogue whose new record follows the instrument's rule."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ratify
from ratify import SimulationError, Status

cat = ratify.load()
ON = dt.date(2027, 1, 1)


def test_uzbekistan_accedes_to_the_1951_convention_in_force_on_the_90th_day():
    assert cat.participation("UZB", "V-2") is None
    after = cat.simulate("UZB", "V-2", "accession", on=ON)
    p = after.participation("UZB", "V-2")
    assert p.entry_into_force == dt.date(2027, 4, 1)  # art. 43(2): the 90th day after deposit
    assert not p.entry_into_force_recorded
    assert after.status("UZB", "V-2", dt.date(2027, 3, 31)) is Status.CONTRACTING
    assert after.status("UZB", "V-2", dt.date(2027, 4, 1)) is Status.PARTY
    assert p.sources[-1].id == "ratify-simulation"
    assert cat.participation("UZB", "V-2") is None  # the original is untouched
    assert "refugees-1951" not in {g.instrument.id for g in after.gaps("UZB", as_of=dt.date(2027, 5, 1))}


@pytest.mark.parametrize(("instrument", "expected"), [
    ("V-5", dt.date(2027, 1, 1)),  # art. VIII(2): on the date of deposit
    ("IV-13", dt.date(2027, 5, 1)),  # art. 87(2): first day of the month after three months
    ("V-3", dt.date(2027, 4, 1)),  # art. 39(2): 90th day
])
def test_entry_into_force_follows_each_rule(instrument, expected):
    p = cat.simulate("UZB", instrument, "accession", on=ON).participation("UZB", instrument)
    assert p.entry_into_force == expected
    assert p.entry_into_force == cat.instrument(instrument).entry_into_force_rule.apply(ON)


def test_regional_coverage_changes_in_the_new_catalogue_only():
    when = dt.date(2027, 6, 1)
    before = cat.matrix(group="central-asia", as_of=when).coverage("UZB")
    what_if = cat.simulate("UZB", "V-2", "accession", on=ON)
    after = what_if.matrix(group="central-asia", as_of=when).coverage("UZB")
    assert after > before
    assert cat.matrix(group="central-asia", as_of=when).coverage("UZB") == before


def test_palermo_protocol_needs_untoc_first():
    with pytest.raises(SimulationError, match="37"):
        cat.simulate("IRN", "XVIII-12-a", "accession", on=ON)
    untoc = cat.simulate("IRN", "XVIII-12", "ratification", on=ON)
    both = untoc.simulate("IRN", "XVIII-12-a", "accession", on=ON)
    assert both.participation("IRN", "XVIII-12").entry_into_force == dt.date(2027, 1, 31)  # art. 38(2): 30th
    assert both.participation("IRN", "XVIII-12-a").entry_into_force == dt.date(2027, 1, 31)  # art. 17(2)
    assert both.participation("IRN", "XVIII-12").signature == dt.date(2000, 12, 12)


def test_impossible_actions_are_refused():
    with pytest.raises(SimulationError, match="only a signatory ratifies"):
        cat.simulate("UZB", "V-3", "ratification", on=ON)
    with pytest.raises(SimulationError, match="already party"):
        cat.simulate("KAZ", "V-2", "accession", on=ON)
    with pytest.raises(SimulationError, match="not binding"):
        cat.simulate("KAZ", "almaty-declaration-2011", "signature", on=ON)
    with pytest.raises(SimulationError, match="unknown action"):
        cat.simulate("UZB", "V-2", "annexation", on=ON)
    with pytest.raises(SimulationError, match="adopted"):
        cat.simulate("UZB", "XVIII-12", "signature", on=dt.date(1999, 1, 1))
    assert issubclass(SimulationError, ratify.RatifyError)


def test_denunciation_of_a_party():
    after = cat.simulate("KAZ", "V-2", "denunciation", on=ON)
    p = after.participation("KAZ", "V-2")
    assert p.denunciation.notified == ON
    assert after.status("KAZ", "V-2", dt.date(2028, 6, 1)) is Status.DENOUNCED
    assert cat.status("KAZ", "V-2", dt.date(2028, 6, 1)) is Status.PARTY


ACTIONS = ["signature", "ratification", "accession", "denunciation"]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from([s.alpha3 for s in cat.states]),
       st.sampled_from([i.id for i in cat.instruments]),
       st.sampled_from(ACTIONS),
       st.dates(dt.date(1950, 1, 1), dt.date(2035, 12, 31)))
def test_simulate_never_changes_the_original(state, instrument, action, on):
    snapshot = cat.participations
    try:
        after = cat.simulate(state, instrument, action, on=on)
    except SimulationError:
        assert cat.participations is snapshot
        return
    assert cat.participations is snapshot
    assert after is not cat
    assert len(after.participations) - len(cat.participations) in (0, 1)
    new = after.participation(state, instrument)
    if action in ("ratification", "accession"):
        assert after.status(state, instrument, on) in (Status.CONTRACTING, Status.PARTY)
        assert new.entry_into_force is None or new.entry_into_force >= on
    untouched = [p for p in after.participations if (p.state, p.instrument) != (state, instrument)]
    assert set(untouched) == {p for p in cat.participations if (p.state, p.instrument) != (state, instrument)}
