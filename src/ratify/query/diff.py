"""The differences between two versions of the data: participants added, dates or kinds changed, renames.

Facts only: each `Difference` carries the values that differ (ISO dates, enum values, the depositary's
names), the participation added or removed, the statement concerned. `ratify.present.differences`
words them (`str(difference)` is that, in English). A *difference* is between two versions of the
data (a folder before and after an import); the *changes* of `Catalog.changes()` are the events of
one version within a window of dates (see the glossary in ARCHITECTURE.md).
"""

from __future__ import annotations

import enum
import warnings
from collections.abc import Iterable

import attrs

from ratify.model.records import Participation, Statement
from ratify.query.catalog import Catalog

__all__ = ["Difference", "DifferenceKind", "diff_catalogs", "diff_participations"]


class DifferenceKind(enum.Enum):
    """What differs about one participant (or one instrument) between two versions of the data."""

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
class Difference:
    """One difference between two versions of the data; `state` is empty for the instrument as a whole."""

    instrument: str
    state: str
    kind: DifferenceKind
    field: str | None = None  # what differs: a field of the record, or the kind of a statement
    old: str | None = None  # its value before (an ISO date, an enum value, a name)
    new: str | None = None  # and after
    record: Participation | None = None  # the participation added (ADDED) or no longer listed (REMOVED)
    statement: Statement | None = None  # the statement added, removed or withdrawn
    count: int | None = None  # INSTRUMENT_ADDED: how many participants the new instrument has

    def __str__(self) -> str:
        """The difference in English words (a door into `ratify.present.differences`)."""
        from ratify.present.differences import difference_text
        from ratify.present.i18n import language

        return difference_text(self, language("en"))


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


def diff_participations(old: Iterable[Participation], new: Iterable[Participation]) -> list[Difference]:
    """Every difference between two sets of participations, ordered by instrument and state."""
    before = {(p.instrument, p.state): p for p in old}
    after = {(p.instrument, p.state): p for p in new}
    found: list[Difference] = []
    for key in sorted(before.keys() | after.keys()):
        inst, state = key
        a, b = before.get(key), after.get(key)
        if a is None and b is not None:
            found.append(Difference(inst, state, DifferenceKind.ADDED, record=b))
            continue
        if b is None and a is not None:
            found.append(Difference(inst, state, DifferenceKind.REMOVED, record=a))
            continue
        assert a is not None and b is not None
        if a.depositary_name and b.depositary_name and a.depositary_name != b.depositary_name:
            found.append(Difference(inst, state, DifferenceKind.RENAMED, "name", a.depositary_name, b.depositary_name))
        fa, fb = _fields(a), _fields(b)
        for name in fa:
            if fa[name] != fb[name]:
                found.append(Difference(inst, state, DifferenceKind.CHANGED, name, fa[name], fb[name]))
        sa = {_statement_key(s): s for s in a.statements}
        sb = {_statement_key(s): s for s in b.statements}
        for k in sb.keys() - sa.keys():
            found.append(Difference(inst, state, DifferenceKind.STATEMENT_ADDED, sb[k].kind.value, statement=sb[k]))
        for k in sa.keys() - sb.keys():
            found.append(Difference(inst, state, DifferenceKind.STATEMENT_REMOVED, sa[k].kind.value, statement=sa[k]))
        for k in sa.keys() & sb.keys():
            withdrawn = sb[k].withdrawn
            if withdrawn is not None and not sa[k].withdrawn:
                found.append(Difference(inst, state, DifferenceKind.STATEMENT_WITHDRAWN, sb[k].kind.value,
                                      new=withdrawn.isoformat(), statement=sb[k]))
    return found


def diff_catalogs(old: Catalog, new: Catalog) -> list[Difference]:
    """Every difference in participation between two catalogues."""
    return diff_participations(old.participations, new.participations)


_RENAMED = {"Change": Difference, "ChangeKind": DifferenceKind}


def __getattr__(name: str) -> object:
    """`Change` and `ChangeKind`, the old names of `Difference` and `DifferenceKind` (deprecated)."""
    if name in _RENAMED:
        new = _RENAMED[name]
        warnings.warn(f"ratify.query.diff.{name} is now {new.__name__}", DeprecationWarning, stacklevel=2)
        return new
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
