"""What changed between two versions of the data: participants added, dates or kinds changed, renames.

Facts only: each `Change` carries the values that changed (ISO dates, enum values, the depositary's
names), the participation added or removed, the statement concerned. `ratify.present.changes` words
them (`str(change)` is that, in English).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from ratify.model.records import Participation, Statement
from ratify.query.catalog import Catalog

__all__ = ["Change", "ChangeKind", "diff_catalogs", "diff_participations"]


class ChangeKind(enum.Enum):
    ADDED = "added"  # a new participant
    REMOVED = "removed"  # a participant no longer in the table
    CHANGED = "changed"  # a date or kind changed
    RENAMED = "renamed"  # the depositary writes the participant's name differently
    STATEMENT_ADDED = "statement_added"
    STATEMENT_REMOVED = "statement_removed"
    STATEMENT_WITHDRAWN = "statement_withdrawn"
    INSTRUMENT_ADDED = "instrument_added"  # an instrument new to the data: its participants are not listed one by one

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Change:
    """One difference; `state` is empty for a change to the instrument as a whole."""

    instrument: str
    state: str
    kind: ChangeKind
    field: str | None = None  # what changed: a field of the record, or the kind of a statement
    old: str | None = None  # its value before (an ISO date, an enum value, a name)
    new: str | None = None  # and after
    record: Participation | None = None  # the participation added (ADDED) or no longer listed (REMOVED)
    statement: Statement | None = None  # the statement added, removed or withdrawn
    count: int | None = None  # INSTRUMENT_ADDED: how many participants the new instrument has

    def __str__(self) -> str:
        """The change in English words (a door into `ratify.present.changes`)."""
        from ratify.present.changes import change_text
        from ratify.present.i18n import language

        return change_text(self, language("en"))


def _fields(p: Participation) -> dict[str, str | None]:
    d = p.denunciation
    return {
        "signature": p.signature.isoformat() if p.signature else None,
        "consent": p.consent.date.isoformat() if p.consent else None,
        "consent kind": p.consent.kind.value if p.consent else None,
        "denunciation notified": d.notified.isoformat() if d and d.notified else None,
        "denunciation effective": d.effective.isoformat() if d and d.effective else None,
    }


def _statement_key(s) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    return (s.kind, s.date, " ".join((s.text or (s.summary.en if s.summary else "")).split()))


def diff_participations(old: Iterable[Participation], new: Iterable[Participation]) -> list[Change]:
    """Every difference between two sets of participations, ordered by instrument and state."""
    before = {(p.instrument, p.state): p for p in old}
    after = {(p.instrument, p.state): p for p in new}
    changes: list[Change] = []
    for key in sorted(before.keys() | after.keys()):
        inst, state = key
        a, b = before.get(key), after.get(key)
        if a is None and b is not None:
            changes.append(Change(inst, state, ChangeKind.ADDED, record=b))
            continue
        if b is None and a is not None:
            changes.append(Change(inst, state, ChangeKind.REMOVED, record=a))
            continue
        assert a is not None and b is not None
        if a.depositary_name and b.depositary_name and a.depositary_name != b.depositary_name:
            changes.append(Change(inst, state, ChangeKind.RENAMED, "name", a.depositary_name, b.depositary_name))
        fa, fb = _fields(a), _fields(b)
        for name in fa:
            if fa[name] != fb[name]:
                changes.append(Change(inst, state, ChangeKind.CHANGED, name, fa[name], fb[name]))
        sa = {_statement_key(s): s for s in a.statements}
        sb = {_statement_key(s): s for s in b.statements}
        for k in sb.keys() - sa.keys():
            changes.append(Change(inst, state, ChangeKind.STATEMENT_ADDED, sb[k].kind.value, statement=sb[k]))
        for k in sa.keys() - sb.keys():
            changes.append(Change(inst, state, ChangeKind.STATEMENT_REMOVED, sa[k].kind.value, statement=sa[k]))
        for k in sa.keys() & sb.keys():
            withdrawn = sb[k].withdrawn
            if withdrawn is not None and not sa[k].withdrawn:
                changes.append(Change(inst, state, ChangeKind.STATEMENT_WITHDRAWN, sb[k].kind.value,
                                      new=withdrawn.isoformat(), statement=sb[k]))
    return changes


def diff_catalogs(old: Catalog, new: Catalog) -> list[Change]:
    """Every difference in participation between two catalogues."""
    return diff_participations(old.participations, new.participations)
