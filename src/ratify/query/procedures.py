"""Which complaint and inquiry procedures a state had accepted on a date, read from the depositary's record.

The way each procedure is accepted is data (`Procedure.acceptance`); the answer is read from the
participation as the readers recorded it:

A state "is bound" below when it has consented to the instrument by the date and not left it
(`ProcedureStatus.status` says whether the instrument is yet in force for it):

- protocol: the state is bound by the protocol on the date (its consent dates the acceptance);
- declaration: the state is bound and a declaration of it whose articles name the procedure's article
  is in effect on the date (made by then, not withdrawn), and does not say it declines the competence
  (Türkiye's "will recognize … at a later time" under ICRMW arts 76 and 77 accepts nothing);
- opt-out: the state is bound and no reservation or declaration that declines the competence of the
  procedure's article (or names the opt-out article and declines) is in effect on the date; when one
  was withdrawn, the withdrawal dates the acceptance.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ratify.model.enums import AcceptanceKind, StatementKind, Status
from ratify.model.procedures import Procedure, ProcedureStatus, article_number
from ratify.model.records import Localized, Participation, Source, Statement

if TYPE_CHECKING:
    from ratify.query.catalog import Catalog, StateRef

__all__ = ["ProcedureList", "procedures_of"]


class ProcedureList(list):  # type: ignore[type-arg]
    """The procedures of one state on a date: a plain list of `ProcedureStatus`, plus a table in
    notebooks (`_repr_html_`, `lang` for its words) and `.to_dataframe()`."""

    def __init__(self, items: Iterable[ProcedureStatus] = (), *, state: str | None = None,
                 state_name: Localized | None = None, as_of: dt.date | None = None) -> None:
        super().__init__(items)
        self.state = state
        self.state_name = state_name
        self.as_of = as_of

    @property
    def accepted(self) -> list[ProcedureStatus]:
        return [r for r in self if r.accepted]

    def to_dataframe(self, *, lang: str = "en") -> Any:
        """One row per procedure (see `ratify.procedures_frame`); needs the `pandas` extra."""
        from ratify.present.procedures import procedures_frame

        return procedures_frame(self, lang=lang)

    def __repr__(self) -> str:
        head = f"<ProcedureList {self.state} as of {self.as_of or 'today'}: {len(self.accepted)} of {len(self)} accepted>"
        lines = [head]
        lines += [f"  {r!r}" for r in self]
        return "\n".join(lines)

    def _repr_html_(self, lang: str = "en") -> str:
        from ratify.present.procedures import caption, procedures_html

        name = self.state_name.get(lang) if self.state_name else (self.state or "")
        return procedures_html(list(self), caption(name, self.state or "", self.as_of, lang), lang)


def procedures_of(cat: Catalog, state: StateRef, as_of: dt.date | None = None) -> ProcedureList:
    """One record per procedure of the catalogue's instruments, in the catalogue's order of instruments."""
    st = cat.state(state)
    order = {inst.id: i for i, inst in enumerate(cat.instruments)}
    defs = sorted(cat.procedure_definitions, key=lambda p: order.get(p.instrument, len(order)))
    return ProcedureList((_status(cat, proc, st.alpha3, as_of) for proc in defs if proc.instrument in order),
                         state=st.alpha3, state_name=st.name, as_of=as_of)


def _status(cat: Catalog, proc: Procedure, alpha3: str, as_of: dt.date | None) -> ProcedureStatus:
    inst = cat.instrument(proc.instrument)
    p = cat.participation(alpha3, inst)
    status = p.status(as_of) if p else Status.NONE
    # accepted by the state's own act: its consent (in force for it or not yet: `status` says which)
    party = status in (Status.PARTY, Status.CONTRACTING)
    base = ProcedureStatus(procedure=proc, instrument=inst, status=status, accepted=False, as_of=as_of,
                           source=p.source if p else None)
    if p is None:
        return base
    if proc.acceptance is AcceptanceKind.PROTOCOL:
        return _evolve(base, accepted=party, date=p.consent.date if party and p.consent else None)
    if proc.acceptance is AcceptanceKind.DECLARATION:
        found = _latest(s for s in p.statements if s.kind is StatementKind.DECLARATION and s.in_effect(as_of)
                        and _names(s, proc.article, in_text=True) and not _declines(s, cat.declines))
        if found is None:
            return base
        return _evolve(base, accepted=party, date=found.date if party else None, statement=found,
                       source=_source_of(cat, found, p))
    # opt-out: accepted with participation unless an opt-out is in effect
    opt_outs = [s for s in p.statements if _is_opt_out(s, proc, cat.declines)]
    current = _latest(s for s in opt_outs if s.in_effect(as_of))
    if current is not None:
        return _evolve(base, opt_out=current, source=_source_of(cat, current, p))
    withdrawn = _latest((s for s in opt_outs if s.withdrawn is not None and (as_of is None or s.withdrawn <= as_of)),
                        key=lambda s: s.withdrawn or dt.date.min)
    if not party:
        return base
    consent = p.consent.date if p.consent else None
    if withdrawn is not None and withdrawn.withdrawn and (consent is None or withdrawn.withdrawn > consent):
        return _evolve(base, accepted=True, date=withdrawn.withdrawn, opt_out=withdrawn,
                       source=_source_of(cat, withdrawn, p))
    return _evolve(base, accepted=True, date=consent)


def _evolve(base: ProcedureStatus, **changes: object) -> ProcedureStatus:
    import attrs

    return attrs.evolve(base, **changes)  # type: ignore[arg-type]


def _latest(statements: Iterable[Statement], key=lambda s: s.date or dt.date.min) -> Statement | None:  # type: ignore[no-untyped-def]
    found = sorted(statements, key=key)
    return found[-1] if found else None


def _names(st: Statement, article: str | None, *, in_text: bool) -> bool:
    """Whether the statement is made under (or names) the article: in its recorded articles, else its text."""
    number = article_number(article)
    if not number:
        return False
    if any(article_number(a) == number for a in st.articles):
        return True
    if in_text and st.text:
        return re.search(rf"\barticles?\s+(?:[\dIVX]+[\s(),a-z]*(?:,|and|or)\s*)*{number}\b", st.text, re.IGNORECASE) is not None
    return False


def _declines(st: Statement, phrases: Iterable[str]) -> bool:
    words = " ".join((st.text or "").split()).lower()
    return any(p.lower() in words for p in phrases)


def _is_opt_out(st: Statement, proc: Procedure, phrases: Iterable[str]) -> bool:
    if st.kind is StatementKind.OBJECTION:
        return False
    named = _names(st, proc.article, in_text=True) or (
        proc.opt_out_article is not None and _names(st, proc.opt_out_article, in_text=True))
    return named and _declines(st, phrases)


def _source_of(cat: Catalog, st: Statement, p: Participation) -> Source | None:
    if st.source:
        try:
            return cat.source(st.source)
        except KeyError:
            pass
    return p.source
