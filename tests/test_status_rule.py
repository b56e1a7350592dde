"""The one rule of a status on a date (`ratify.model.status`), on real records and for all dates."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import ratify
from ratify.model.status import BOUND, conflicting, status_on

KAZ_V2 = {"signature": None, "consent": dt.date(1999, 1, 15), "entry_into_force": dt.date(1999, 4, 15)}
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


def test_kazakhstan_acceded_to_the_refugee_convention_in_force_on_the_90th_day() -> None:
    assert status_on(dt.date(1999, 1, 14), **KAZ_V2) is ratify.Status.NONE
    assert status_on(dt.date(1999, 1, 15), **KAZ_V2) is ratify.Status.CONTRACTING
    assert status_on(dt.date(1999, 4, 14), **KAZ_V2) is ratify.Status.CONTRACTING
    assert status_on(dt.date(1999, 4, 15), **KAZ_V2) is ratify.Status.PARTY


def test_a_participation_answers_by_the_rule(cat: ratify.Catalog) -> None:
    for p in cat.participations_of(state="KAZ"):
        d = p.denunciation
        for day in (dt.date(1990, 1, 1), dt.date(2005, 6, 1), dt.date(2026, 1, 1)):
            assert p.status(day) is status_on(day, p.signature, p.consent.date if p.consent else None,
                                              p.entry_into_force, (d.notified, d.effective) if d else None)


@given(on=dates, signature=st.none() | dates, consent=st.none() | dates, in_force=st.none() | dates,
       notified=st.none() | dates, effective=st.none() | dates, denounced=st.booleans())
def test_a_status_follows_only_from_what_happened_by_then(on: dt.date, signature: dt.date | None,
                                                          consent: dt.date | None, in_force: dt.date | None,
                                                          notified: dt.date | None, effective: dt.date | None,
                                                          denounced: bool) -> None:
    status = status_on(on, signature, consent, in_force, (notified, effective) if denounced else None)
    if status is ratify.Status.PARTY:
        assert consent is not None and consent <= on and in_force is not None and in_force <= on
    if status is ratify.Status.CONTRACTING:
        assert consent is not None and consent <= on
    if status is ratify.Status.SIGNATORY:
        assert signature is not None and signature <= on
    if status is ratify.Status.DENOUNCED:
        assert denounced
    if not denounced and consent is None and signature is None:
        assert status is ratify.Status.NONE


@given(own=st.sampled_from(list(ratify.Status)),
       others=st.lists(st.tuples(st.sampled_from(["untoc-2000", "iccpr-1966"]), st.sampled_from(list(ratify.Status)))))
def test_a_record_conflicts_only_when_it_is_not_bound_and_one_that_requires_it_is(
        own: ratify.Status, others: list[tuple[str, ratify.Status]]) -> None:
    found = conflicting(own, others)
    if own in BOUND:
        assert found == ()
    else:
        assert set(found) == {ident for ident, status in others if status in BOUND}
        assert len(found) == len(set(found))
