"""Rules that count beyond the calendar, and data folders that ask for them: reported, never a crash."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ratify
from ratify.errors import DataError
from ratify.model.records import Rule, RuleKind
from ratify.model.rules import MAX_RULE_COUNT, apply_rule
from ratify.store.read import validate


@given(st.sampled_from(list(RuleKind)), st.integers(-(10**12), 10**12), st.dates())
def test_apply_rule_never_raises(kind: RuleKind, count: int, start: dt.date) -> None:
    end = apply_rule(Rule(kind, "art. 1", count), start)
    assert end is None or isinstance(end, dt.date)


def test_a_period_beyond_the_calendar_cannot_be_computed() -> None:
    assert apply_rule(Rule(RuleKind.DAYS_AFTER, "art. 43(2)", 90), dt.date(9999, 12, 31)) is None
    assert apply_rule(Rule(RuleKind.MONTHS_AFTER, "art. 49(2)", 3), dt.date(9999, 11, 1)) is None
    assert apply_rule(Rule(RuleKind.DAYS_AFTER, "art. 43(2)", 90), dt.date(1954, 1, 1)) == dt.date(1954, 4, 1)


def _edit(folder, instrument: str, pattern: str, replacement: str) -> None:
    path = folder / "instruments" / f"{instrument}.toml"
    text = path.read_text(encoding="utf-8")
    edited = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert edited != text
    path.write_text(edited, encoding="utf-8")


@pytest.mark.parametrize("count", [999_999_999, -1_000_000, MAX_RULE_COUNT + 1, -1])
def test_a_rule_count_out_of_bounds_is_a_problem(data_copy, count: int) -> None:
    _edit(data_copy, "refugees-1951", r"(entry_into_force_rule\]\n(?:.*\n)*?count = )\d+", rf"\g<1>{count}")
    problems = [p for p in validate(data_copy) if p.severity == "error"]
    assert any(p.path == "instrument.entry_into_force_rule.count" and str(count) in p.reason for p in problems)
    with pytest.raises(DataError, match="entry_into_force_rule.count"):
        ratify.load(data_copy)


def test_a_consent_whose_entry_into_force_is_beyond_the_calendar_is_a_problem(data_copy) -> None:
    _edit(data_copy, "refugees-1951", r"^consent = \d{4}-\d\d-\d\d", "consent = 9999-12-31")
    problems = [p for p in validate(data_copy) if p.severity == "error"]
    assert any(p.path.endswith(".consent") and "beyond the calendar" in p.reason for p in problems), problems
    with pytest.raises(DataError, match="beyond the calendar"):
        ratify.load(data_copy)


@pytest.mark.parametrize("depth", [5_000, 1_200])
def test_toml_nested_thousands_deep_is_a_problem_of_its_file(data_copy, depth: int) -> None:
    path = data_copy / "instruments" / "refugees-1951.toml"
    path.write_text("x = " + "[" * depth + "]" * depth + "\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    problems = validate(data_copy)
    assert any(p.file == str(path) and "nested too deeply" in p.reason for p in problems), problems[:3]
    with pytest.raises(DataError, match="nested too deeply"):
        ratify.load(data_copy)


def test_an_integer_of_thousands_of_digits_is_a_problem_of_its_file(data_copy) -> None:
    path = data_copy / "instruments" / "refugees-1951.toml"
    path.write_text("n = " + "9" * 5_000 + "\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    problems = validate(data_copy)
    assert any(p.file == str(path) and "4300 digits" in p.reason for p in problems), problems[:3]
    with pytest.raises(DataError, match="cannot be read"):
        ratify.load(data_copy)
