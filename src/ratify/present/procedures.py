"""Complaint and inquiry procedures for people and tools: words (en, ru), table rows, CSV, JSON, DataFrame, HTML.

The facts come from `Catalog.procedures` (a list of `ProcedureStatus`); everything a person reads is
here, through the gettext catalogue.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ratify.model.enums import AcceptanceKind, ProcedureKind, Status
from ratify.model.procedures import ProcedureStatus
from ratify.present.i18n import N_, language
from ratify.present.phrases import ref_text

if TYPE_CHECKING:
    import pandas as pd

    from ratify.query.catalog import Catalog, StateRef
    from ratify.query.procedure_gaps import ProcedureGap

__all__ = [
    "PROCEDURE_COLUMNS",
    "acceptance_label",
    "answer_label",
    "caption",
    "export_procedures_csv",
    "headers",
    "kind_label",
    "procedure_gap_text",
    "procedure_records",
    "procedures_frame",
    "procedures_html",
    "procedures_json",
    "procedures_text",
    "title",
]

_KIND = {
    ProcedureKind.INDIVIDUAL: N_("individual communications"),
    ProcedureKind.INTER_STATE: N_("inter-state communications"),
    ProcedureKind.INQUIRY: N_("inquiry"),
}
_ACCEPTANCE = {
    AcceptanceKind.PROTOCOL: N_("by becoming party to the protocol"),
    AcceptanceKind.DECLARATION: N_("by a declaration under the article"),
    AcceptanceKind.OPT_OUT: N_("with participation, unless the state opts out"),
}
_ACCEPTED = N_("accepted")
_NOT_ACCEPTED = N_("not accepted")
_OPTED_OUT = N_("opted out")
_NOT_IN_FORCE = N_("not yet in force for the state")
_TITLE = N_("Complaint and inquiry procedures")
_STEP = {
    AcceptanceKind.PROTOCOL: N_("become party to %(instrument)s"),
    AcceptanceKind.DECLARATION: N_("declare under %(article)s of %(instrument)s"),
    AcceptanceKind.OPT_OUT: N_("withdraw the opt-out from %(article)s of %(instrument)s"),
}
_FIRST = N_("first become party to %(instruments)s")
_CAPTION = N_("%(state)s, as of %(date)s: %(title)s")
_TODAY = N_("today")
_HEADERS = (N_("instrument"), N_("procedure"), N_("article"), N_("how it is accepted"), N_("accepted?"),
            N_("since"), N_("record"))

# the columns of the CSV and JSON rows and of the DataFrame, in order
PROCEDURE_COLUMNS = (
    "state",  # ISO 3166-1 alpha-3
    "state_name",  # English short name
    "instrument",  # ratify's instrument id (where the acceptance is recorded)
    "mtdsg",  # its depositary number
    "covers",  # the instrument whose rights the procedure protects, if another one (an optional protocol's parent)
    "kind",  # individual | inter_state | inquiry
    "article",  # "art. 22" (empty for a protocol whose article is not recorded)
    "acceptance",  # protocol | declaration | opt_out
    "opt_out_article",  # for opt_out: the article of the opt-out ("art. 28")
    "as_of",  # the date the row is for
    "status",  # the state's status in the instrument: none | signatory | contracting | party | denounced
    "accepted",  # true | false
    "date",  # the consent or declaration that accepted it (for an opt-out withdrawn: the withdrawal)
    "opted_out",  # true when an opt-out is in effect
    "statement_date",  # the date of the declaration, or of the opt-out, the answer rests on
    "statement_withdrawn",  # the date that statement was withdrawn, if it was
    "source",  # id of the source of the record
    "source_url",
)


def kind_label(kind: ProcedureKind, lang: str = "en") -> str:
    return language(lang).gettext(_KIND[kind])


def acceptance_label(acceptance: AcceptanceKind, lang: str = "en") -> str:
    return language(lang).gettext(_ACCEPTANCE[acceptance])


def answer_label(r: ProcedureStatus, lang: str = "en") -> str:
    """ "accepted", "not accepted", "opted out" (and, if accepted before entry into force, that too)."""
    words = language(lang).gettext
    if r.accepted:
        text = words(_ACCEPTED)
        return text + (f" ({words(_NOT_IN_FORCE)})" if r.status is Status.CONTRACTING else "")
    return words(_OPTED_OUT) if r.opted_out else words(_NOT_ACCEPTED)


def procedure_records(cat: Catalog, states: Iterable[StateRef] | StateRef, as_of: dt.date | None = None,
                      ) -> list[dict[str, Any]]:
    """One dict per state × procedure (keys: PROCEDURE_COLUMNS); dates as `datetime.date`, None for none."""
    chosen = [states] if isinstance(states, str) or not isinstance(states, Iterable) else list(states)
    on = as_of or dt.date.today()
    rows = []
    for ref in chosen:
        st = cat.state(ref)
        for r in cat.procedures(st, on):
            rows.append(_row(st.alpha3, st.name.en, r, on))
    return rows


def _row(alpha3: str, name: str, r: ProcedureStatus, on: dt.date) -> dict[str, Any]:
    st = r.statement or r.opt_out
    return {
        "state": alpha3,
        "state_name": name,
        "instrument": r.instrument.id,
        "mtdsg": r.instrument.mtdsg,
        "covers": r.procedure.covers,
        "kind": r.kind.value,
        "article": r.article,
        "acceptance": r.acceptance.value,
        "opt_out_article": r.opt_out_article,
        "as_of": on,
        "status": r.status.value,
        "accepted": r.accepted,
        "date": r.date,
        "opted_out": r.opted_out,
        "statement_date": st.date if st else None,
        "statement_withdrawn": st.withdrawn if st else None,
        "source": r.source.id if r.source else None,
        "source_url": r.source.url if r.source else None,
    }


def export_procedures_csv(cat: Catalog, states: Iterable[StateRef] | StateRef, as_of: dt.date | None = None,
                          *, raw: bool = False) -> str:
    """The rows of `procedure_records` as CSV, written as every CSV of ratify is (`csv_text`: a header
    row, ISO dates, empty cells for none, formula triggers neutralised unless `raw`)."""
    from ratify.present.export import csv_text

    rows = [[rec[c] for c in PROCEDURE_COLUMNS] for rec in procedure_records(cat, states, as_of)]
    return csv_text([PROCEDURE_COLUMNS, *rows], raw=raw)


def procedures_json(cat: Catalog, states: Iterable[StateRef] | StateRef, as_of: dt.date | None = None) -> str:
    """The rows of `procedure_records` as a JSON list of objects (ISO dates, null for none)."""
    rows = [{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in rec.items()}
            for rec in procedure_records(cat, states, as_of)]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def procedures_frame(procedures: Iterable[ProcedureStatus], *, lang: str = "en") -> pd.DataFrame:
    """One row per procedure: instrument, mtdsg, name, kind, article, acceptance, status, accepted,
    date, opted_out, answer (words in `lang`), source. Needs the `pandas` extra."""
    from ratify.present.frames import categorical, date_column, pandas_module

    pd = pandas_module()
    rs = list(procedures)
    return pd.DataFrame({
        "instrument": pd.Series([r.instrument.id for r in rs], dtype="string"),
        "mtdsg": pd.Series([r.instrument.mtdsg for r in rs], dtype="string"),
        "name": pd.Series([r.instrument.short_name.get(lang) for r in rs], dtype="string"),
        "kind": categorical(pd, [r.kind.value for r in rs], ProcedureKind),
        "article": pd.Series([r.article for r in rs], dtype="string"),
        "acceptance": categorical(pd, [r.acceptance.value for r in rs], AcceptanceKind),
        "status": categorical(pd, [r.status.value for r in rs], Status),
        "accepted": pd.array([r.accepted for r in rs], dtype="boolean"),
        "date": date_column(pd, [r.date for r in rs]),
        "opted_out": pd.array([r.opted_out for r in rs], dtype="boolean"),
        "answer": pd.Series([answer_label(r, lang) for r in rs], dtype="string"),
        "source": pd.Series([r.source.id if r.source else None for r in rs], dtype="string"),
    })


def _table_rows(procedures: Sequence[ProcedureStatus], lang: str) -> list[tuple[Any, ...]]:
    lg = language(lang)
    return [(r.instrument.short_name.get(lang) + (f" ({r.instrument.mtdsg})" if r.instrument.mtdsg else ""),
             kind_label(r.kind, lang), ref_text(r.article, language(lang)), acceptance_label(r.acceptance, lang),
             answer_label(r, lang), lg.date(r.date), r.source.title if r.source else "")
            for r in procedures]


def headers(lang: str = "en") -> tuple[str, ...]:
    words = language(lang).gettext
    return tuple(words(h) for h in _HEADERS)


def title(lang: str = "en") -> str:
    return language(lang).gettext(_TITLE)


def procedures_text(procedures: Sequence[ProcedureStatus], lang: str = "en") -> str:
    """An aligned table for a terminal, in `lang`."""
    rows = [[str(v) for v in row] for row in _table_rows(procedures, lang)]
    heads = headers(lang)
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(heads)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    return "\n".join([line(heads), line(["-" * w for w in widths]), *(line(r) for r in rows)]) + "\n"


def caption(state_name: str, alpha3: str, as_of: dt.date | None, lang: str = "en") -> str:
    """ "Kazakhstan (KAZ), as of 3 February 2026: complaint and inquiry procedures"."""
    lg = language(lang)
    when = lg.date(as_of) if as_of else lg.gettext(_TODAY)
    return lg.gettext(_CAPTION) % {"state": f"{state_name} ({alpha3})", "date": when, "title": title(lang)}


def procedures_html(procedures: Sequence[ProcedureStatus], caption: str, lang: str = "en") -> str:
    """The table for a notebook (templates/notebook/procedures.html.j2, autoescaped)."""
    from ratify.present.notebook import render

    # the answer's colour: a party's green for accepted, a denunciation's for an opt-out in effect
    css = ["party" if r.accepted else "denounced" if r.opted_out else "none" for r in procedures]
    return render("procedures.html.j2", headers=headers(lang), rows=list(zip(_table_rows(procedures, lang), css,
                                                                              strict=True)), caption=caption)


def procedure_gap_text(cat: Catalog, g: ProcedureGap, lang: str = "en") -> str:
    """The next step for a procedure not accepted: "declare under art. 22 of CAT (first become party to …)"."""
    lg = language(lang)
    inst = g.instrument.short_name.get(lang)
    step = lg.gettext(_STEP[g.step]) % {"instrument": inst, "article": ref_text(g.article, lg)}
    if g.prerequisites:
        names = ", ".join(cat.instrument(i).short_name.get(lang) for i in g.prerequisites)
        step += f" ({lg.gettext(_FIRST) % {'instruments': names}})"
    return f"{kind_label(g.procedure_kind, lang)}: {step}"
