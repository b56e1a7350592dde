"""Gap analysis on real facts of the bundled data (dates as the depositary records them)."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ratify
from ratify import Gap, GapKind, RelationKind, Status
from ratify.query.gaps import Step

cat = ratify.load()
REFUGEES_STATELESSNESS = ("refugees-1951", "refugees-protocol-1967", "stateless-persons-1954",
                          "statelessness-reduction-1961")
PALERMO = ("untoc-2000", "trafficking-protocol-2000", "smuggling-protocol-2000")


def by_instrument(gaps: list[Gap]) -> dict[str, Gap]:
    return {g.instrument.id: g for g in gaps}


def ids(gaps: list[Gap]) -> list[str]:
    return [g.instrument.id for g in gaps]


def test_gap_kinds_are_the_documented_values():
    # the seven of the instruments (one when the data cannot tell whether an instrument is in force, for want of
    # a rule), an inconsistent record, and the complaint and inquiry procedures not accepted (`cat.procedure_gaps`)
    assert {k.value for k in GapKind} == {"no_action", "signed_not_ratified", "not_yet_in_force",
                                          "entry_into_force_unknown", "denounced", "limiting_reservation",
                                          "prerequisite_missing", "procedure_not_accepted", "record_inconsistent"}


def test_uzbekistan_has_no_action_on_refugee_and_statelessness_instruments():
    gaps = by_instrument(cat.gaps("UZB"))
    for inst in REFUGEES_STATELESSNESS:
        assert cat.participation("UZB", inst) is None
        g = gaps[inst]
        assert g.kind is GapKind.NO_ACTION
        assert g.status is Status.NONE
        assert g.step is Step.ACCEDE
        assert g.next_step() == "accede to"
        assert g.next_step("ru") == "присоединиться"
        assert [(b.document, b.paragraph) for b in g.basis] == [("almaty-declaration-2011", "para. 4")]
        assert g.since == dt.date(2011, 3, 15)  # recommended since the Almaty Declaration was adopted
        assert "Almaty Declaration (2011), para. 4" in g.text()


def test_1967_protocol_gap_says_it_is_independent_and_invents_no_prerequisite():
    g = by_instrument(cat.gaps("Uzbekistan"))["refugees-protocol-1967"]
    assert g.kind is GapKind.NO_ACTION
    assert g.prerequisites == ()
    note = cat.graph.edges["refugees-protocol-1967", "refugees-1951"]["note"][RelationKind.INDEPENDENT_OF]
    assert [(r.relation.note, r.instrument.id) for r in g.relations] == [(note, "refugees-1951")]
    assert "independent instrument" in g.text()
    assert "самостоятельным документом" in g.text("ru")


def test_turkiye_geographic_limitation_is_a_limiting_reservation():
    assert cat.status("TUR", "V-2") is Status.PARTY
    limiting = [g for g in cat.gaps("Türkiye") if g.instrument.id == "refugees-1951"]
    geo = [g for g in limiting if "1B(1)(a)" in g.statement.articles]
    assert len(geo) == 1
    g = geo[0]
    assert g.kind is GapKind.LIMITING_RESERVATION
    assert g.statement.limits_scope
    # the 1951 Convention's own remedy (art. 1B(2)), curated on the statement, not a plain withdrawal
    assert g.step is Step.APPLY_REMEDY and g.statement.remedy is not None  # the remedy is data, not words in code
    assert g.next_step().startswith("extend its obligations by adopting alternative (b) of art. 1B(1)")
    assert "art. 1B(2)" in g.next_step()
    assert g.next_step("ru").startswith("расширить свои обязательства, приняв вариант (b)")
    assert "Europe" in g.text()


def test_iran_signed_untoc_in_2000_and_had_not_ratified_in_2014():
    p = cat.participation("IRN", "untoc-2000")
    assert p.signature == dt.date(2000, 12, 12) and p.consent is None
    gaps = cat.gaps("IRN", as_of=dt.date(2014, 1, 1))
    g = by_instrument(gaps)["untoc-2000"]
    assert g.kind is GapKind.SIGNED_NOT_RATIFIED
    assert g.since == dt.date(2000, 12, 12) and g.years == 13
    assert g.step is Step.RATIFY
    assert g.next_step() == "ratify" and g.next_step("ru") == "ратифицировать"
    assert "Signed on 12 December 2000 (13 years ago)" in g.text()


def test_iran_protocols_wait_for_untoc_which_comes_first():
    gaps = cat.gaps("IRN", as_of=dt.date(2014, 1, 1))
    order = ids(gaps)
    for protocol in PALERMO[1:]:
        g = by_instrument(gaps)[protocol]
        assert g.kind is GapKind.PREREQUISITE_MISSING
        assert g.prerequisites == ("untoc-2000",)
        assert g.step is Step.ACCEDE
        assert g.next_step().startswith("first become party to the Organized Crime Convention")
        assert g.next_step("ru").startswith("сначала стать участником договора «")
        assert order.index("untoc-2000") < order.index(protocol)


def test_untoc_before_its_protocols_for_a_state_that_had_neither():
    # Turkmenistan acceded to all three on 28 March 2005; on 1 January 2004 it had none of them.
    for inst in PALERMO:
        assert cat.participation("TKM", inst).consent.date == dt.date(2005, 3, 28)
    gaps = [g for g in cat.gaps("TKM", as_of=dt.date(2004, 1, 1)) if g.instrument.id in PALERMO]
    assert ids(gaps) == list(PALERMO)
    missing = GapKind.PREREQUISITE_MISSING
    assert [g.kind for g in gaps] == [GapKind.NO_ACTION, missing, missing]
    later = {g.instrument.id for g in cat.gaps("TKM", as_of=dt.date(2005, 6, 1))}
    assert not later & set(PALERMO)


def test_consented_but_not_yet_in_force():
    # Turkmenistan acceded to the 1954 Convention on 7 Dec 2011; in force for it on the 90th day.
    g = by_instrument(cat.gaps("TKM", as_of=dt.date(2012, 1, 1)))["stateless-persons-1954"]
    assert g.kind is GapKind.NOT_YET_IN_FORCE and g.status is Status.CONTRACTING
    assert g.since == dt.date(2011, 12, 7)
    assert g.step is Step.AWAIT_ENTRY_INTO_FORCE and g.entry_into_force == dt.date(2012, 3, 6)
    assert "6 March 2012" in g.next_step() and "6 марта 2012 г." in g.next_step("ru")


def test_denounced():
    # Madagascar denounced the 1954 Convention (notified 2 April 1965, effective 2 April 1966).
    p = cat.participation("MDG", "stateless-persons-1954")
    assert p.denunciation.notified == dt.date(1965, 4, 2)
    g = by_instrument(cat.gaps("MDG", as_of=dt.date(2000, 1, 1)))["stateless-persons-1954"]
    assert g.kind is GapKind.DENOUNCED
    assert g.since == p.denunciation.effective


def test_order_is_theme_then_adoption():
    gaps = cat.gaps("UZB", instruments=REFUGEES_STATELESSNESS + ("icrmw-1990",))
    assert ids(gaps) == [*REFUGEES_STATELESSNESS, "icrmw-1990"]


def test_filters():
    assert ids(cat.gaps("UZB", instruments=["V-2", "1961 Convention"])) == ["refugees-1951",
                                                                          "statelessness-reduction-1961"]
    recommended = cat.gaps("UZB", recommended_by="Almaty Declaration")
    # the Declaration names the ten instruments it recommends, not the core human-rights treaties
    assert list(recommended) == [g for g in cat.gaps("UZB")
                                 if any(b.document == "almaty-declaration-2011" for b in g.basis)]
    unnamed = {g.instrument.id for g in cat.gaps("UZB") if not g.basis}
    assert {"ced-2006", "opcat-2002", "crpd-op-2006"} <= unnamed
    assert not unnamed & {"refugees-1951", "statelessness-reduction-1961", "icrmw-1990"}
    assert cat.gaps("UZB", as_of=dt.date(2011, 3, 1), recommended_by="almaty-declaration-2011") == []
    assert cat.gaps("UZB", recommended_by="almaty-recommendations-2012") == []  # it names no instrument
    assert all(not g.basis for g in cat.gaps("UZB", as_of=dt.date(2011, 3, 1)))
    assert "untoc-2000" not in ids(cat.gaps("UZB", as_of=dt.date(1999, 1, 1)))  # not adopted yet


def test_rules_come_from_the_graph_not_the_code():
    # Drop the Trafficking Protocol's relations: Iran's gap on it is then a plain no_action.
    plain = [attrs.evolve(i, relations=()) if i.id == "trafficking-protocol-2000" else i
             for i in cat.instruments]
    other = attrs.evolve(cat, instruments=plain)
    g = by_instrument(other.gaps("IRN", as_of=dt.date(2014, 1, 1)))["trafficking-protocol-2000"]
    assert g.kind is GapKind.NO_ACTION and g.prerequisites == ()
    assert by_instrument(cat.gaps("IRN", as_of=dt.date(2014, 1, 1)))["trafficking-protocol-2000"].kind \
        is GapKind.PREREQUISITE_MISSING


def test_gap_is_frozen_and_unknown_state_names_matches():
    g = cat.gaps("UZB")[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        g.kind = GapKind.DENOUNCED  # type: ignore[misc]
    with pytest.raises(ratify.UnknownNameError, match="Uzbekistan"):
        cat.gaps("Uzbekistn")


# -- properties over every state and date --------------------------------------------------------------

states = st.sampled_from([s.alpha3 for s in cat.states])
dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 12, 31))


@settings(max_examples=150, deadline=None)
@given(states, dates)
def test_party_instruments_appear_only_for_a_limiting_reservation(state, on):
    for g in cat.gaps(state, as_of=on):
        assert g.status is cat.status(state, g.instrument, on)
        assert g.instrument.binding
        if g.status is Status.PARTY:
            assert g.kind is GapKind.LIMITING_RESERVATION
            assert g.statement.limits_scope and g.statement.in_effect(on)


@settings(max_examples=150, deadline=None)
@given(states, dates)
def test_prerequisites_always_come_before_their_dependants(state, on):
    order = ids(cat.gaps(state, as_of=on))
    for i, inst in enumerate(order):
        for _, target, data in cat.graph.out_edges(inst, data=True):
            if RelationKind.REQUIRES_PARTY_TO in data["kinds"] and target in order:
                assert order.index(target) < i


@settings(max_examples=150, deadline=None)
@given(states, dates)
def test_each_gap_is_consistent(state, on):
    for g in cat.gaps(state, as_of=on):
        assert g.as_of == on
        if g.since is not None:
            assert g.since <= on and g.years >= 0
        assert g.next_step() and g.next_step("ru")
        assert (g.step is Step.APPLY_REMEDY) == (g.statement is not None and g.statement.remedy is not None)
        if g.kind is GapKind.PREREQUISITE_MISSING:
            assert g.prerequisites
            for target in g.prerequisites:
                assert cat.status(state, target, on) not in (Status.PARTY, Status.CONTRACTING)
        if g.kind is GapKind.NO_ACTION:
            assert g.status is Status.NONE


def test_a_record_contradicted_by_the_graph_is_never_turned_into_advice():
    # for every state: an instrument whose record the state's other records contradict (it is bound by one
    # that requires it) gets the record_inconsistent gap and the step check_record, nothing else
    on = dt.date(2026, 5, 1)
    seen = 0
    for state in cat.states:
        for g in cat.gaps(state, as_of=on):
            conflicts = cat.record_conflicts(state, g.instrument, on)
            assert (g.kind is GapKind.RECORD_INCONSISTENT) == bool(conflicts), (state.alpha3, g.instrument.id)
            if conflicts:
                seen += 1
                assert g.step is Step.CHECK_RECORD and tuple(i.id for i in g.required_by) == conflicts
    assert seen >= 2  # Japan's and Korea's UNTOC records at least
