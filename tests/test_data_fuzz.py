"""Data folders with hostile values: loading gives a catalogue or a DataError, never another exception.

``tests/test_reliability.py`` mutates data files with ordinary values; here the values are the
ones that once crashed every command of a folder that validated: counts of a rule far out of
range, dates at the ends of the calendar, integers of thousands of digits, arrays nested
thousands deep, control characters. Each example must also finish quickly.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ratify
from ratify.resources import bundled_data

SMALL = ("states.toml", "groups.toml", "instruments/statelessness-reduction-1961.toml",
         "instruments/stateless-persons-1954.toml")
SECONDS_PER_EXAMPLE = 10

hostile_values = st.one_of(
    st.sampled_from([999_999_999, -1_000_000, -1, 10**30, -(10**30), 2**63, 0]),
    st.sampled_from([dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(9999, 10, 5)]),
    st.sampled_from(["\x00", "\x0b\x0c", "\ud7ff\x1f", "../../etc", "/etc/passwd", "x" * 5000, "", " "]),
    st.sampled_from(["days_after", "months_after", "first_of_month_after_months", "on_date"]),
    st.recursive(st.integers(0, 3), lambda inner: st.lists(inner, max_size=2), max_leaves=6),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        out = [prefix + (k,) for k in value]
        for k, v in value.items():
            out += _paths(v, prefix + (k,))
        return out
    if isinstance(value, list):
        out = []
        for i, v in enumerate(value[:3]):
            out += [prefix + (i,)] + _paths(v, prefix + (i,))
        return out
    return []


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return {rel: (bundled_data() / rel).read_text(encoding="utf-8") for rel in SMALL}


def _folder(root: Path, texts: dict[str, str]) -> Path:
    folder = root / "data"
    shutil.rmtree(folder, ignore_errors=True)
    for rel, text in texts.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


def _loads_or_data_error(folder: Path) -> None:
    start = time.perf_counter()
    try:
        cat = ratify.load(folder)
    except ratify.DataError as exc:
        assert exc.problems
    else:
        assert isinstance(cat, ratify.Catalog)
        for state in list(cat.states)[:3]:  # and the catalogue answers queries
            cat.gaps(state)
    assert time.perf_counter() - start < SECONDS_PER_EXAMPLE


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), value=hostile_values, rel=st.sampled_from(SMALL[2:]))
def test_hostile_values_load_or_raise_data_error(tmp_path_factory: pytest.TempPathFactory, pristine: dict[str, str],
                                                 data: st.DataObject, value: Any, rel: str) -> None:
    doc = tomllib.loads(pristine[rel])
    path = data.draw(st.sampled_from(_paths(doc)))
    parent: Any = doc
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    try:
        text = tomli_w.dumps(doc)
    except (ValueError, TypeError):  # a value TOML cannot hold (a lone surrogate): nothing to load
        return
    _loads_or_data_error(_folder(tmp_path_factory.mktemp("hostile"), {**pristine, rel: text}))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rel=st.sampled_from(SMALL), size=st.sampled_from([1_000, 5_000, 20_000]),
       kind=st.sampled_from(["[", "{a=", "digits"]), where=st.floats(0, 1))
def test_deep_nesting_or_huge_numbers_anywhere_are_a_data_error(
        tmp_path_factory: pytest.TempPathFactory, pristine: dict[str, str], rel: str, size: int, kind: str,
        where: float) -> None:
    lines = pristine[rel].splitlines(keepends=True)
    at = int(len(lines) * where)
    if kind == "digits":  # more than the 4,300 digits Python converts to an int
        inserted = "huge = " + "9" * size + "\n"
    else:
        inserted = "deep = " + kind * size + "1" + ("]" if kind == "[" else "}") * size + "\n"
    _loads_or_data_error(_folder(tmp_path_factory.mktemp("deep"), {**pristine, rel: "".join(lines[:at]) + inserted
                                                                   + "".join(lines[at:])}))
