"""A catalogue's table of participations answers the same whether its records were given in full or are made
one by one when asked for (as from a snapshot)."""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import given, settings
from hypothesis import strategies as st

import ratify
from ratify.model.records import Participation
from ratify.query.participations import Participations

CATALOG = ratify.load(bundled=True)
RECORDS = CATALOG.participations
STATES = sorted({p.state for p in RECORDS})
INSTRUMENTS = list(dict.fromkeys(p.instrument for p in RECORDS))


def _lazy(records: list[Participation]) -> tuple[Participations, list[str]]:
    by_inst: dict[str, dict[str, Participation]] = {}
    for p in records:
        by_inst.setdefault(p.instrument, {})[p.state] = p
    loaded: list[str] = []

    def loader(instrument: str) -> Mapping[str, Participation]:
        loaded.append(instrument)
        return by_inst.get(instrument, {})

    return Participations.lazy(list(by_inst), loader, lambda p: p), loaded


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(range(len(RECORDS))), unique=True, max_size=300).map(sorted),
       st.sampled_from(STATES), st.sampled_from(INSTRUMENTS))
def test_made_when_asked_for_or_given_in_full_the_answers_are_the_same(
        chosen: list[int], state: str, instrument: str) -> None:
    records = [RECORDS[i] for i in chosen]  # in the catalogue's order: grouped by instrument
    eager = Participations.of(records)
    lazy, loaded = _lazy(records)
    assert lazy.pair(state, instrument) == eager.pair(state, instrument)
    assert set(loaded) <= {instrument}  # one question, one instrument read
    assert lazy.of_instrument(instrument) == eager.of_instrument(instrument)
    assert lazy.of_state(state) == eager.of_state(state)
    assert len(lazy) == len(eager) == len(records)
    assert lazy.all() == eager.all() == tuple(records)


def test_a_catalogue_compares_by_its_records_however_they_are_held() -> None:
    lazy_table, _ = _lazy(list(RECORDS))
    eager = ratify.Catalog(instruments=CATALOG.instruments, states=CATALOG.states, participations=RECORDS)
    lazy = ratify.Catalog(instruments=CATALOG.instruments, states=CATALOG.states, participations=lazy_table)
    assert lazy == eager
    assert lazy.participation("KAZ", "V-2") == CATALOG.participation("Kazakhstan", "1951 Refugee Convention")
    assert repr(lazy) == repr(eager)
