"""The regional matrix: states × instruments of Status, counts, coverage, ranking, comparison."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ratify
from ratify import Localized, Matrix, Status
from ratify.resources import bundled_templates

cat = ratify.load()
ALMATY_DAY = dt.date(2011, 3, 15)


def test_group_matrix_rows_columns_and_lookups():
    m = cat.matrix(group="almaty-process")
    assert isinstance(m, Matrix)
    assert [s.alpha3 for s in m.states] == list(cat.group("almaty-process").states)
    assert m.instruments == cat.instruments_of(binding=True)  # the binding instruments by default
    assert m["KAZ", "V-2"] is Status.PARTY  # Kazakhstan acceded on 15 Jan 1999
    assert m["Kazakhstan", "1951 Convention"] is m["Казахстан", "refugees-1951"] is Status.PARTY
    assert m[cat.state("KZ"), cat.instrument("CSR51")] is Status.PARTY
    assert m["UZB", "V-2"] is Status.NONE
    for state, inst, status in m:
        assert status is cat.status(state, inst, m.as_of)


def test_matrix_without_arguments_covers_the_whole_catalogue():
    m = cat.matrix()
    assert m.states == cat.states and m.instruments == cat.instruments_of(binding=True)
    assert cat.matrix(include_nonbinding=True).instruments == cat.instruments
    assert m.as_of == dt.date.today()


def test_counts_and_coverage():
    m = cat.matrix(group="central-asia", as_of=ALMATY_DAY, include_nonbinding=True)
    binding = [i for i in m.instruments if i.binding]
    for state in m.states:
        counts = m.counts(state)
        assert sum(counts.values()) == len(m.instruments)
        assert counts[Status.PARTY] == sum(m[state, i] is Status.PARTY for i in m.instruments)
        assert m.coverage(state) == counts[Status.PARTY] / len(binding)
    for inst in binding:
        column = m.column(inst)
        assert m.coverage(instrument=inst) == sum(s is Status.PARTY for s in column.values()) / len(m.states)
    assert m.coverage(instrument="almaty-declaration-2011") == 0.0  # non-binding: nobody is party
    assert sum(m.counts().values()) == len(m.states) * len(m.instruments)
    with pytest.raises(TypeError):
        m.counts("KAZ", "V-2")


def test_ranking_by_coverage():
    m = cat.matrix(group="almaty-process")
    ranking = m.ranking()
    assert {s.alpha3 for s, _ in ranking} == set(cat.group("almaty-process").states)
    scores = [c for _, c in ranking]
    assert scores == sorted(scores, reverse=True)
    assert all(c == m.coverage(s) for s, c in ranking)


def test_compare_two_states_side_by_side():
    m = cat.compare("KAZ", "Uzbekistan")
    assert [s.alpha3 for s in m.states] == ["KAZ", "UZB"]
    assert all(i.binding for i in m.instruments)
    assert cat.instrument("V-2") in m.differences()
    assert m.row("KAZ")["refugees-1951"] is Status.PARTY and m.row("UZB")["refugees-1951"] is Status.NONE


def test_matrix_on_the_almaty_declaration_day_against_later():
    then = cat.matrix(group="almaty-process", as_of=ALMATY_DAY)
    now = cat.matrix(group="almaty-process", as_of=dt.date(2013, 1, 1))
    assert then["TKM", "V-3"] is Status.NONE and now["TKM", "V-3"] is Status.PARTY
    changed = {(c.state, c.instrument): (c.before, c.after) for c in now.transitions_from(then)}
    assert changed[("TKM", "stateless-persons-1954")] == (Status.NONE, Status.PARTY)
    assert changed[("TKM", "statelessness-reduction-1961")] == (Status.NONE, Status.PARTY)
    with pytest.warns(DeprecationWarning, match="transitions_from"):
        assert now.changes_from(then) == now.transitions_from(then)  # the old name, deprecated


def test_lookups_outside_the_matrix_fail_clearly():
    m = cat.matrix(group="central-asia")
    with pytest.raises(LookupError, match="state in this matrix"):
        m["TUR", "V-2"]
    with pytest.raises(ratify.UnknownNameError):
        m["Atlantis", "V-2"]


def test_matrix_is_frozen():
    m = cat.matrix(group="central-asia")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        m.as_of = ALMATY_DAY  # type: ignore[misc]


def test_plain_repr():
    text = repr(cat.matrix(group="central-asia", as_of=ALMATY_DAY))
    assert text.startswith("<Matrix: 5 states × 25 instruments, as of 2011-03-15>")  # the binding ones
    assert "UZB" in text and "V-2" in text and "P party" in text


def test_html_repr_uses_the_bundled_template_and_escapes():
    assert (bundled_templates() / "notebook" / "matrix.html.j2").is_file()
    m = cat.matrix(group="central-asia", as_of=ALMATY_DAY)
    html = m._repr_html_()
    assert "<table>" in html and "Kazakhstan" in html and 'class="party"' in html
    odd = attrs.evolve(m.states[0], name=Localized("<b>K&K</b>"))
    html = attrs.evolve(m, states=(odd, *m.states[1:]))._repr_html_()
    assert "&lt;b&gt;K&amp;K&lt;/b&gt;" in html and "<b>K&K</b>" not in html


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_matrix_agrees_with_status_on_any_date(on):
    m = cat.matrix(group="almaty-process", as_of=on)
    for state, inst, status in m:
        assert status is cat.status(state, inst, on)
    for state in m.states:
        assert 0.0 <= m.coverage(state) <= 1.0
