"""What changed between two versions of the data: participants added, dates or kinds changed, renames."""

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
    field: str | None = None
    old: str | None = None
    new: str | None = None

    def __str__(self) -> str:
        if self.kind is ChangeKind.INSTRUMENT_ADDED:
            return f"{self.instrument}: new instrument ({self.new})"
        where = f"{self.instrument} {self.state}"
        if self.kind is ChangeKind.ADDED:
            return f"{where}: new participant ({self.new})"
        if self.kind is ChangeKind.REMOVED:
            return f"{where}: no longer in the table (was {self.old})"
        if self.kind is ChangeKind.RENAMED:
            return f"{where}: renamed {self.old!r} → {self.new!r}"
        if self.kind is ChangeKind.CHANGED:
            return f"{where}: {self.field} {self.old or '—'} → {self.new or '—'}"
        return f"{where}: {self.kind.value.replace('_', ' ')}: {self.new or self.old}"


def _summary(p: Participation) -> str:
    parts = []
    if p.signature:
        parts.append(f"signed {p.signature}")
    if p.consent:
        parts.append(f"{p.consent.kind.value} {p.consent.date}")
    if p.denunciation:
        parts.append("denounced")
    return ", ".join(parts) or "no dated action"


def _fields(p: Participation) -> dict[str, str | None]:
    d = p.denunciation
    return {
        "signature": p.signature.isoformat() if p.signature else None,
        "consent": p.consent.date.isoformat() if p.consent else None,
        "consent kind": p.consent.kind.value if p.consent else None,
        "denunciation": (f"notified {d.notified or '?'}, effective {d.effective or '?'}") if d else None,
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
            changes.append(Change(inst, state, ChangeKind.ADDED, new=_summary(b)))
            continue
        if b is None and a is not None:
            changes.append(Change(inst, state, ChangeKind.REMOVED, old=_summary(a)))
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
            changes.append(Change(inst, state, ChangeKind.STATEMENT_ADDED, sb[k].kind.value,
                                  new=_short(_statement_words(sb[k]))))
        for k in sa.keys() - sb.keys():
            changes.append(Change(inst, state, ChangeKind.STATEMENT_REMOVED, sa[k].kind.value,
                                  old=_short(_statement_words(sa[k]))))
        for k in sa.keys() & sb.keys():
            if sb[k].withdrawn and not sa[k].withdrawn:
                changes.append(Change(inst, state, ChangeKind.STATEMENT_WITHDRAWN, sb[k].kind.value,
                                      new=f"withdrawn {sb[k].withdrawn}"))
    return changes


def _statement_words(st: Statement) -> str:
    """The statement's own words, else its English summary: what a change line shows of it."""
    return st.text or (st.summary.en if st.summary is not None else "")


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def diff_catalogs(old: Catalog, new: Catalog) -> list[Change]:
    """Every difference in participation between two catalogues."""
    return diff_participations(old.participations, new.participations)
