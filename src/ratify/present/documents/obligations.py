"""The brief's first section as the UN's country compilation for the Universal Periodic Review lays it out.

OHCHR's compilation opens with the "Scope of international obligations": the international
human-rights treaties (ratification, accession or succession; reservations and declarations;
complaint and inquiry procedures accepted), then the other main relevant instruments — each with the
columns "status at the previous review", "action since" and "not ratified / not accepted" when the
date of the previous review is given, so that an officer can paste the table into a submission.
Which table an instrument goes to follows its theme (data), never its id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from ratify.model.procedures import ProcedureKind, ProcedureStatus
from ratify.model.records import Instrument, State, StatementKind, Status, Theme
from ratify.model.status import BOUND
from ratify.present.documents.views import ObligationRow, Obligations, ObligationTable
from ratify.present.i18n import N_
from ratify.present.phrases import articles, ref_text
from ratify.present.procedures import kind_label
from ratify.present.vocabulary import STATEMENT_LABELS

if TYPE_CHECKING:
    from ratify.present.i18n import Lang
    from ratify.query.catalog import Catalog

__all__ = ["CORE_THEMES", "obligations"]

# the themes of the compilation's first table ("international human rights treaties"); every other binding
# instrument is one of the "other main relevant international instruments" (refugees, statelessness, Palermo)
CORE_THEMES = frozenset({Theme.HUMAN_RIGHTS, Theme.MIGRANT_WORKERS})
_TABLES = (N_("International human rights treaties"), N_("Other main relevant international instruments"))


def _bound(cat: Catalog, state: State, inst: Instrument, on: dt.date) -> bool:
    return cat.status(state, inst, on) in BOUND


def _consent_year(cat: Catalog, state: State, inst: Instrument) -> str:
    p = cat.participation(state, inst)
    return f" ({p.consent.date.year})" if p and p.consent else ""


def _statements(cat: Catalog, state: State, inst: Instrument, lang: Lang, start: dt.date | None,
                end: dt.date) -> str | None:
    """The instrument's reservations and declarations in effect on `end` (made after `start`, if given), for an
    instrument the state is bound by then (a declaration made in a territorial application is not one of its own)."""
    if not _bound(cat, state, inst, end):
        return None
    p = cat.participation(state, inst)
    parts = []
    for st in (p.statements if p else ()):
        if st.kind is StatementKind.OBJECTION or not st.in_effect(end):
            continue
        if start is not None and (st.date is None or st.date <= start):
            continue
        words = lang.gettext(STATEMENT_LABELS[st.kind]).lower()
        where = articles(st.articles, lang)
        text = f"{words}, {where}" if where else words
        if st.term is not None:
            text += f": {st.term.get(lang.code)}"
        parts.append(text)
    if not parts:
        return None
    return f"{inst.short_name.get(lang.code)} ({'; '.join(dict.fromkeys(parts))})"


def _not_ratified(cat: Catalog, state: State, inst: Instrument, lang: Lang, on: dt.date) -> str:
    name = inst.short_name.get(lang.code)
    status = cat.status(state, inst, on)
    p = cat.participation(state, inst)
    if status is Status.SIGNATORY and p and p.signature:
        name += " " + lang.gettext("(signature, %(year)s)") % {"year": p.signature.year}
    elif status is Status.DENOUNCED:
        name += " " + lang.gettext("(denounced)")
    if cat.record_conflicts(state, inst, on):
        name += " " + lang.gettext("(record inconsistent, most likely out of date)")
    return name


def _table(cat: Catalog, state: State, insts: Sequence[Instrument], title: str, lang: Lang,
           since: dt.date | None, on: dt.date,
           procedures: Callable[[dt.date], Sequence[ProcedureStatus]]) -> ObligationTable:
    before_day = since or on
    ratified_before = tuple(i.short_name.get(lang.code) + _consent_year(cat, state, i) for i in insts
                            if _bound(cat, state, i, before_day))
    ratified_after = tuple(i.short_name.get(lang.code) + _consent_year(cat, state, i) for i in insts
                           if since is not None and _bound(cat, state, i, on) and not _bound(cat, state, i, since))
    not_ratified = tuple(_not_ratified(cat, state, i, lang, on) for i in insts if not _bound(cat, state, i, on))
    rows = [ObligationRow(lang.gettext("Ratification, accession or succession"), ratified_before, ratified_after,
                          not_ratified)]
    res_before = tuple(t for i in insts if (t := _statements(cat, state, i, lang, None, before_day)))
    res_after = tuple(t for i in insts if since is not None and (t := _statements(cat, state, i, lang, since, on)))
    if res_before or res_after:
        rows.append(ObligationRow(lang.gettext("Reservations and/or declarations"), res_before, res_after, ()))
    ids = {i.id for i in insts}
    now = [r for r in procedures(on) if r.instrument.id in ids]
    if now:
        then = {(r.instrument.id, r.procedure.article, r.kind): r.accepted
                for r in procedures(before_day) if r.instrument.id in ids}

        def label(r: ProcedureStatus) -> str:
            inst, proc = r.instrument, r.procedure
            where = f", {ref_text(proc.article, lang)}" if proc.article else ""
            return f"{inst.short_name.get(lang.code)}{where} ({kind_label(proc.kind, lang.code)})"

        def key(r: ProcedureStatus) -> tuple[str, str | None, ProcedureKind]:
            return (r.instrument.id, r.procedure.article, r.kind)
        rows.append(ObligationRow(
            lang.gettext("Complaint and inquiry procedures accepted"),
            tuple(label(r) for r in now if then.get(key(r))),
            tuple(label(r) for r in now if since is not None and r.accepted and not then.get(key(r))),
            tuple(label(r) for r in now if not r.accepted)))
    return ObligationTable(title=lang.gettext(title), rows=tuple(rows))


def obligations(cat: Catalog, state: State, lang: Lang, on: dt.date, since: dt.date | None,
                instruments: Iterable[Instrument] | None = None) -> Obligations:
    """The "Scope of international obligations" of `state` on `on`, against the previous review on `since`."""
    binding = [i for i in (instruments if instruments is not None else cat.instruments_of(binding=True))
               if i.binding and (i.adoption is None or i.adoption.date <= on)]
    core = [i for i in binding if i.theme in CORE_THEMES]
    other = [i for i in binding if i.theme not in CORE_THEMES]
    procedures = cache(lambda day: cat.procedures(state, day))  # the state's procedures on a day, worked out once
    tables = tuple(_table(cat, state, insts, title, lang, since, on, procedures)
                   for insts, title in ((core, _TABLES[0]), (other, _TABLES[1])) if insts)
    if since is not None:
        columns = (lang.gettext("Status at the previous review (%(date)s)") % {"date": lang.date(since)},
                   lang.gettext("Action since the previous review"),
                   lang.gettext("Not ratified / not accepted (%(date)s)") % {"date": lang.date(on)})
    else:
        columns = (lang.gettext("Status on %(date)s") % {"date": lang.date(on)}, "",
                   lang.gettext("Not ratified / not accepted"))
    older = [lang.pgettext("instrument named in a step", "the %(name)s") % {"name": i.short_name.get(lang.code)}
             for i in binding
             if since is not None and (d := cat.record_date(i)) is not None and d < since]
    caveat = ""
    if older:  # "action since" cannot be read from a record older than the previous review
        caveat = lang.gettext("The depositary records used for %(instruments)s are older than the previous review: "
                              "any action since then is not in them, and the column “action since” cannot show "
                              "it.") % {"instruments": lang.join(older)}
    return Obligations(since=since, since_text=lang.date(since), columns=columns, tables=tables, caveat=caveat)
