"""Events in a window of dates (`cat.changes`)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ratify
from ratify import ActionKind, Event

cat = ratify.load()
ALMATY_DAY = dt.date(2011, 3, 15)


def test_almaty_process_since_the_declaration_includes_turkmenistan_statelessness_accessions():
    events = cat.changes(since=ALMATY_DAY, group="almaty-process")
    assert Event(dt.date(2011, 12, 7), "TKM", "stateless-persons-1954", ActionKind.ACCESSION) in events
    assert Event(dt.date(2012, 8, 29), "TKM", "statelessness-reduction-1961", ActionKind.ACCESSION) in events
    assert Event(dt.date(2012, 3, 6), "TKM", "stateless-persons-1954", ActionKind.ENTRY_INTO_FORCE) in events
    members = set(cat.group("almaty-process").states)
    assert all(e.state in members and ALMATY_DAY <= e.date <= dt.date.today() for e in events)
    assert [e.date for e in events] == sorted(e.date for e in events)


def test_window_and_filters():
    events = cat.changes(ALMATY_DAY, until=dt.date(2011, 12, 31), states=["Turkmenistan"])
    assert [(e.date, e.instrument, e.action) for e in events] == [
        (dt.date(2011, 12, 7), "stateless-persons-1954", ActionKind.ACCESSION)]
    only = cat.changes(ALMATY_DAY, group="almaty-process", instruments=["V-4"])
    assert {e.instrument for e in only} == {"statelessness-reduction-1961"}


def test_same_day_events_sort():
    # The 1967 Protocol enters into force on the date of deposit: accession and entry into force share a day.
    events = cat.changes(dt.date(1998, 3, 2), until=dt.date(1998, 3, 2), states=["TKM"], instruments=["V-5"])
    assert [e.action for e in events] == [ActionKind.ACCESSION, ActionKind.ENTRY_INTO_FORCE]


def test_a_window_ending_before_it_starts_is_refused():
    with pytest.raises(ratify.DateRangeError):
        cat.changes(dt.date(2012, 1, 1), until=dt.date(2011, 1, 1))
    assert issubclass(ratify.DateRangeError, ratify.RatifyError)


windows = st.tuples(st.dates(dt.date(1950, 1, 1), dt.date(2030, 12, 31)), st.integers(0, 3000))


@settings(max_examples=60, deadline=None)
@given(windows)
def test_changes_are_exactly_the_events_in_the_window(window):
    since, days = window
    until = since + dt.timedelta(days=days)
    got = cat.changes(since, until=until, group="almaty-process")
    members = set(cat.group("almaty-process").states)
    expected = sorted(e for p in cat.participations if p.state in members for e in p.events()
                      if since <= e.date <= until)
    assert got == expected
    assert got == sorted(got)
