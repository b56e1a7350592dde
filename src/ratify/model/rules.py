"""Counting periods the way treaty clauses count them.

Each instrument carries its rule as data (`Instrument.entry_into_force_rule`); this module only
knows the four ways such clauses are written (their words are in `ratify.present.phrases`). A
succession is not counted at all: the depositary records the notification of succession, and
ratify treats the instrument as in force for the successor from that date unless the depositary
records another one.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING

from ratify.model.enums import ConsentKind, RuleKind

if TYPE_CHECKING:
    from ratify.model.records import Consent, Instrument, Rule

__all__ = ["MAX_RULE_COUNT", "add_months", "apply_rule", "computed_entry_into_force"]

# The longest period a rule may count: ten years of days (real clauses count 30, 90 days or
# three months). Validation refuses a rule beyond it; arithmetic beyond the calendar gives None.
MAX_RULE_COUNT = 3660


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the end of a shorter month (31 Jan + 1 → 28/29 Feb)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def apply_rule(rule: Rule, start: dt.date, instrument_in_force: dt.date | None = None) -> dt.date | None:
    """The end of the period `rule` counts from `start`, never before `instrument_in_force`.

    None when that end is not a date of the calendar (after 9999-12-31 or before year 1): it
    cannot be computed, and validation reports the record that asks for it.
    """
    try:
        if rule.kind is RuleKind.ON_DATE:
            end = start
        elif rule.kind is RuleKind.DAYS_AFTER:
            end = start + dt.timedelta(days=rule.count)
        elif rule.kind is RuleKind.MONTHS_AFTER:
            end = add_months(start, rule.count)
        else:  # FIRST_OF_MONTH_AFTER_MONTHS
            end = add_months(start.replace(day=1), rule.count + 1)
    except (OverflowError, ValueError):  # date value out of range, year 10000 is out of range
        return None
    if rule.not_before_entry_into_force and instrument_in_force is not None and end < instrument_in_force:
        return instrument_in_force
    return end


def computed_entry_into_force(instrument: Instrument, consent: Consent) -> dt.date | None:
    """When `instrument` enters into force for a state that gave `consent`; None if it cannot yet.

    None when the instrument has no rule, or is not itself in force (the state stays contracting).
    """
    if consent.kind is ConsentKind.SUCCESSION:
        return consent.date
    rule = instrument.entry_into_force_rule
    if rule is None or instrument.entry_into_force is None:
        return None
    return apply_rule(rule, consent.date, instrument.entry_into_force)
