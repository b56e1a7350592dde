"""Entry into force for each state, computed from each instrument's own rule, on real dates of the data."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ratify
from ratify.model.rules import add_months, apply_rule

D = dt.date


@pytest.mark.parametrize(
    ("state", "instrument", "deposit", "in_force", "rule"),
    [
        # 1951 Convention art. 43(2): the 90th day after deposit
        ("KAZ", "V-2", D(1999, 1, 15), D(1999, 4, 15), "days_after"),
        # 1967 Protocol art. VIII(2): on the date of deposit
        ("KAZ", "V-5", D(1999, 1, 15), D(1999, 1, 15), "on_date"),
        # 1954 Convention art. 39(2): the 90th day
        ("TUR", "V-3", D(2015, 3, 26), D(2015, 6, 24), "days_after"),
        # 1961 Convention art. 18(2): the 90th day, or the Convention's entry into force if later
        ("GBR", "V-4", D(1966, 3, 29), D(1975, 12, 13), "days_after"),
        # Covenants (ICESCR art. 27(2), ICCPR art. 49(2)): three months after deposit
        ("KAZ", "IV-3", D(2006, 1, 24), D(2006, 4, 24), "months_after"),
        ("KAZ", "IV-4", D(2006, 1, 24), D(2006, 4, 24), "months_after"),
        # ... never before the Covenant itself entered into force (3 January 1976)
        ("BGR", "IV-3", D(1970, 9, 21), D(1976, 1, 3), "months_after"),
        # Migrant Workers Convention art. 87(2): first day of the month after three months
        ("TUR", "IV-13", D(2004, 9, 27), D(2005, 1, 1), "first_of_month_after_months"),
        ("AZE", "IV-13", D(1999, 1, 11), D(2003, 7, 1), "first_of_month_after_months"),
        # UNTOC art. 38(2) and its Protocols (arts. 17(2), 22(2)): the 30th day after deposit
        ("KAZ", "XVIII-12", D(2008, 7, 31), D(2008, 8, 30), "days_after"),
        ("TUR", "XVIII-12", D(2003, 3, 25), D(2003, 9, 29), "days_after"),
        ("TUR", "XVIII-12-a", D(2003, 3, 25), D(2003, 12, 25), "days_after"),
        ("TUR", "XVIII-12-b", D(2003, 3, 25), D(2004, 1, 28), "days_after"),
    ],
)
def test_entry_into_force_follows_the_instruments_rule(cat: ratify.Catalog, state: str, instrument: str,
                                                       deposit: dt.date, in_force: dt.date, rule: str) -> None:
    p = cat.participation(state, instrument)
    assert p is not None and p.consent is not None
    assert p.consent.date == deposit
    assert cat.instrument(instrument).entry_into_force_rule.kind.value == rule
    assert p.entry_into_force == in_force
    assert not p.entry_into_force_recorded


def test_a_succession_takes_effect_on_the_recorded_notification(cat: ratify.Catalog) -> None:
    p = cat.participation("CZE", "V-5")
    assert p.consent == ratify.Consent(D(1993, 5, 11), ratify.ConsentKind.SUCCESSION)
    assert p.entry_into_force == D(1993, 5, 11)


def test_rules_are_data_with_their_article(cat: ratify.Catalog) -> None:
    rule = cat.instrument("V-2").entry_into_force_rule
    assert (rule.kind, rule.count, rule.article) == (ratify.RuleKind.DAYS_AFTER, 90, "art. 43(2)")
    assert rule.describe() == "on the 90th day after deposit, not before the instrument's own entry into force (art. 43(2))"
    assert "90-й день" in rule.describe("ru")
    assert cat.instrument("UDHR").entry_into_force_rule is None


def test_add_months_clamps_to_the_end_of_a_short_month() -> None:
    assert add_months(D(2001, 1, 31), 1) == D(2001, 2, 28)
    assert add_months(D(2004, 1, 31), 1) == D(2004, 2, 29)
    assert add_months(D(2003, 11, 30), 3) == D(2004, 2, 29)


rules = st.builds(
    ratify.Rule,
    kind=st.sampled_from(list(ratify.RuleKind)),
    article=st.just("art. 1"),
    count=st.integers(0, 120),
)
dates = st.dates(min_value=D(1945, 1, 1), max_value=D(2100, 12, 31))


@given(rules, dates, dates)
def test_a_rule_never_gives_a_date_before_deposit_or_before_the_instrument(rule: ratify.Rule, deposit: dt.date,
                                                                           in_force: dt.date) -> None:
    end = apply_rule(rule, deposit, in_force)
    assert end >= deposit
    assert end >= in_force


@given(rules, dates, dates)
def test_a_later_deposit_never_enters_into_force_earlier(rule: ratify.Rule, a: dt.date, b: dt.date) -> None:
    first, second = sorted((a, b))
    assert apply_rule(rule, first) <= apply_rule(rule, second)


@given(dates)
def test_first_of_month_rule_always_lands_on_a_first(deposit: dt.date) -> None:
    rule = ratify.Rule(ratify.RuleKind.FIRST_OF_MONTH_AFTER_MONTHS, "art. 87(2)", 3)
    end = apply_rule(rule, deposit)
    assert end.day == 1
    assert add_months(deposit, 3) < end <= add_months(deposit, 4).replace(day=1) + dt.timedelta(days=31)
