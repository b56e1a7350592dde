"""Complaint and inquiry procedures: what each one is (data) and where a state stands towards it (a fact).

A procedure belongs to the instrument whose depositary page records its acceptance, is one of three
kinds (individual communications, inter-state communications, inquiry) and is accepted in one of
three ways, which are data on the procedure (`data/procedures.toml`), not code:

- by becoming party to a protocol (ICCPR-OP1 art. 1: the protocol is the acceptance);
- by a declaration under an article (CAT art. 22);
- automatically with participation unless the state opted out under another article (CAT art. 20,
  unless a reservation under art. 28 is in effect).
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from ratify.model.enums import AcceptanceKind, ProcedureKind
from ratify.model.records import Instrument, Localized, Source, Statement, Status

__all__ = ["AcceptanceKind", "Procedure", "ProcedureKind", "ProcedureStatus", "article_number"]


_NUMBER = re.compile(r"(\d+)")


def article_number(article: str | None) -> str:
    """The article's number without paragraph: "art. 13(7)" -> "13", "22(1)" -> "22"."""
    if not article:
        return ""
    m = _NUMBER.search(article)
    return m.group(1) if m else article.strip()


@attrs.frozen
class Procedure:
    """One procedure as the data file describes it; `instrument` is the instrument's id once loaded."""

    instrument: str  # the MTDSG number (or id) of the instrument whose page records the acceptance
    kind: ProcedureKind
    acceptance: AcceptanceKind
    # the article that establishes it, e.g. "art. 22"; None only for a protocol whose article was not verified
    article: str | None = None
    opt_out_article: str | None = None  # for OPT_OUT: the article under which a state opts out ("art. 28")
    covers: str | None = None  # the treaty whose rights it protects, when that is another one (OP-ICESCR: IV-3)
    basis: str | None = None  # the words of the article, quoted from the text
    source: str | None = None  # a [[sources]] id of the data file: where the article was read
    note: Localized | None = None


@attrs.frozen
class ProcedureStatus:
    """Where a state stands towards one procedure on a date: accepted or not, since when, on what record."""

    procedure: Procedure
    instrument: Instrument
    status: Status  # the state's status in the instrument on that date
    accepted: bool
    date: dt.date | None = None  # the consent or declaration that accepted it (for an opt-out withdrawn: the withdrawal)
    source: Source | None = None  # the source of the record the answer rests on
    statement: Statement | None = None  # the declaration that accepted it
    opt_out: Statement | None = None  # the opt-out in effect; or, when withdrawn, the one whose withdrawal dates it
    as_of: dt.date | None = None

    @property
    def kind(self) -> ProcedureKind:
        return self.procedure.kind

    @property
    def article(self) -> str | None:
        return self.procedure.article

    @property
    def acceptance(self) -> AcceptanceKind:
        return self.procedure.acceptance

    @property
    def opt_out_article(self) -> str | None:
        return self.procedure.opt_out_article

    @property
    def opted_out(self) -> bool:
        """True when an opt-out is in effect on the date."""
        return self.opt_out is not None and self.opt_out.in_effect(self.as_of)

    def __repr__(self) -> str:
        mark = f"accepted {self.date}" if self.accepted else "not accepted"
        return f"<ProcedureStatus {self.instrument.id} {self.article} ({self.kind.value}): {mark}>"
