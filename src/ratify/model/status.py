"""Where a state stands towards an instrument on a date, from the dates of its record.

The rule lives here once, on plain dates, so that both a `Participation` and the status table of a
snapshot (`ratify.query.status_table`) answer with it: a denunciation that has taken effect (or was
notified, its effect unrecorded) ends participation; consent makes a state contracting, and a party
once the instrument is in force for it; a signature alone makes a signatory (VCLT art. 2(1)(f)-(g)).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ratify.model.enums import Status

__all__ = ["BOUND", "conflicting", "status_on"]

BOUND = (Status.PARTY, Status.CONTRACTING)  # consent given: the step is done, even if not yet in force


def status_on(as_of: dt.date | None, signature: dt.date | None, consent: dt.date | None,
              entry_into_force: dt.date | None,
              denunciation: tuple[dt.date | None, dt.date | None] | None = None) -> Status:
    """The status on `as_of` (default: today); `denunciation` is (notified, effective) if one is recorded."""
    on = as_of or dt.date.today()
    if denunciation is not None:
        notified, effective = denunciation
        if effective is not None and effective <= on:
            return Status.DENOUNCED
        if effective is None and notified is not None and notified <= on:
            return Status.DENOUNCED  # notified; the date it took effect is not recorded
        if effective is None and notified is None and on >= dt.date.today():
            return Status.DENOUNCED  # bracketed by the depositary, undated: known only for today
    if consent is not None and consent <= on:
        if entry_into_force is not None and entry_into_force <= on:
            return Status.PARTY
        return Status.CONTRACTING
    if signature is not None and signature <= on:
        return Status.SIGNATORY
    return Status.NONE


def conflicting(own: Status, requiring: Iterable[tuple[str, Status]]) -> tuple[str, ...]:
    """The instruments of `requiring` (id, the state's status in it) that the state is bound by although
    they require the one whose status is `own` and `own` is not bound: empty when the records agree."""
    if own in BOUND:
        return ()
    return tuple(dict.fromkeys(ident for ident, status in requiring if status in BOUND))
