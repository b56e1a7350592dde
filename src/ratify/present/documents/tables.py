"""A brief's status table (one row per instrument, with its statements) and the list of data sources."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ratify.model.enums import ConsentKind, Status, Theme
from ratify.model.records import Instrument, Participation, Source, State, Statement
from ratify.present.documents.footnotes import Footnotes, source_of
from ratify.present.documents.views import DataSourceItem, InstrumentRow, Section, StatementItem
from ratify.present.gaps import STALE_AFTER
from ratify.present.links import web_url
from ratify.present.phrases import articles, ref_text
from ratify.present.vocabulary import (
    CONSENT_LABELS,
    NON_BINDING_LABEL,
    STATEMENT_LABELS,
    STATUS_LABELS,
    THEME_LABELS,
)

if TYPE_CHECKING:
    from ratify.present.i18n import Lang
    from ratify.query.catalog import Catalog

__all__ = ["STALE_AFTER", "data_sources", "instrument_row", "records_text", "sections", "statement_item",
           "territorial_text"]


def depositary_short(inst: Instrument, lang: Lang) -> str:
    """ "UN Treaty Collection, MTDSG V-2" in `lang`: the depositary's record, short, for the table of sources."""
    return lang.gettext("UN Treaty Collection, MTDSG %(mtdsg)s") % {"mtdsg": inst.mtdsg}


def records_text(sources: Iterable[DataSourceItem], lang: Lang) -> str:
    """The dates of the depositary records a document rests on: one date, or "the earliest to the latest"."""
    dates = sorted({s.as_of for s in sources if s.as_of is not None})
    if not dates:
        return ""
    if len(dates) == 1:
        return lang.date(dates[0])
    return lang.gettext("%(first)s to %(last)s, each instrument's below") % {
        "first": lang.date(dates[0]), "last": lang.date(dates[-1])}


def _is_depositary_copy(src: Source) -> bool:
    """Whether `src` is a copy of the depositary's own record (its table, its reservations and declarations)."""
    return src.title.startswith(("MTDSG ", "UN Treaty Collection, MTDSG "))


def statement_item(cat: Catalog, st: Statement, lang: Lang, notes: Footnotes, on: dt.date,
                   inst: Instrument | None = None) -> StatementItem:
    refs = []
    src = source_of(cat, st.source)
    if src is not None and inst is not None and _is_depositary_copy(src):
        refs.append(notes.depositary_record(inst, src))  # cite the depositary; the copy read goes to the annex
    elif src is not None:
        refs.append(notes.source(src))
    target = cat.find_state(st.objects_to) if st.objects_to else None
    withdrawn = st.withdrawn if st.withdrawn and st.withdrawn <= on else None
    return StatementItem(
        kind=st.kind.value,
        kind_label=lang.gettext(STATEMENT_LABELS[st.kind]),
        articles=articles(st.articles, lang),
        date=st.date,
        date_text=lang.date(st.date),
        summary=st.summary.get(lang.code) if st.summary else None,
        limits_scope=st.limits_scope,
        in_effect=st.in_effect(on),
        withdrawn=withdrawn,
        withdrawn_text=lang.date(withdrawn),
        objects_to=(target.name.get(lang.code) if target else st.objects_to),
        notes=tuple(refs),
        term=st.term.get(lang.code) if st.term else None,
        territory=st.territory.get(lang.code) if st.territory else None,
    )


def instrument_row(cat: Catalog, state: State, inst: Instrument, lang: Lang, notes: Footnotes, on: dt.date) -> InstrumentRow:
    p = cat.participation(state, inst)
    status = p.status(on) if p else Status.NONE
    refs: list[int] = []
    if inst.binding and p is not None:
        refs += [notes.depositary_record(inst, s) if s.id == inst.source or _is_depositary_copy(s)
                 else notes.source(s) for s in p.sources]
        refs += [notes.depositary(inst.short_name.get(lang.code), f.index, f.text) for f in p.footnotes if f.text]
        refs += [notes.record(inst.short_name.get(lang.code), n) for n in p.notes]
    elif inst.binding:
        src = source_of(cat, inst.source)
        if src is not None:
            refs.append(notes.depositary_record(inst, src))  # no action recorded: the table that shows none
    sig = p.signature if p and p.signature and p.signature <= on else None
    consent = p.consent if p and p.consent and p.consent.date <= on else None
    eif = p.entry_into_force if p and consent and p.entry_into_force else None
    basis = ""
    if eif is not None and p is not None and not p.entry_into_force_recorded and inst.entry_into_force_rule:
        basis = lang.gettext("computed under %(article)s") % {
            "article": ref_text(inst.entry_into_force_rule.article, lang)}
    denunciation = ""
    if p and p.denunciation and status is Status.DENOUNCED:
        d = p.denunciation
        if d.effective and d.effective <= on:
            denunciation = lang.gettext("denounced with effect from %(date)s") % {"date": lang.date(d.effective)}
        elif d.notified:
            denunciation = lang.gettext("denunciation notified on %(date)s") % {"date": lang.date(d.notified)}
        else:
            denunciation = lang.gettext("denounced (date not recorded)")
    statements = tuple(statement_item(cat, st, lang, notes, on, inst) for st in (p.statements if p else ())
                       if st.date is None or st.date <= on)
    adopted = ""
    if not inst.binding and inst.adoption:
        place = inst.adoption.place.get(lang.code)
        adopted = lang.gettext("adopted on %(date)s, %(place)s") % {"date": lang.date(inst.adoption.date),
                                                                    "place": place}
    record = cat.record_date(inst) if inst.binding else None
    record_text = ""
    if record is not None and status is Status.NONE:
        record_text = lang.gettext("not listed in the depositary's table %(table)s as at %(date)s") % {
            "table": inst.mtdsg or inst.short_name.get(lang.code), "date": lang.date(record)}
    elif record is not None:
        record_text = lang.gettext("depositary's record as at %(date)s") % {"date": lang.date(record)}
    conflicts = cat.record_conflicts(state, inst, on) if inst.binding else ()
    record_note = ""
    if conflicts:
        names = lang.join([cat.instrument(i).short_name.get(lang.code) for i in conflicts])
        record_note = lang.gettext("record inconsistent, most likely out of date: the State is party to %(others)s, "
                                   "which require being party to this one") % {"others": names}
    return InstrumentRow(
        territorial_text=territorial_text(p, status, lang, on) if p else "",
        id=inst.id,
        mtdsg=inst.mtdsg,
        short_name=inst.short_name.get(lang.code),
        title=inst.title.get(lang.code),
        binding=inst.binding,
        theme=inst.theme.value,
        status=status.value,
        status_label=(lang.gettext("not a treaty") if not inst.binding
                      else lang.gettext("contracting State (in force: unknown, no rule)")
                      if status is Status.CONTRACTING and p is not None and p.entry_into_force_unknown
                      else lang.gettext(STATUS_LABELS[status])),
        signature=sig,
        signature_text=lang.date(sig),
        consent=consent.date if consent else None,
        consent_text=lang.date(consent.date) if consent else "",
        consent_kind=consent.kind.value if consent else None,
        consent_kind_label=(consent.label if consent and consent.kind is ConsentKind.OTHER and consent.label
                            else lang.gettext(CONSENT_LABELS[consent.kind]) if consent else ""),
        entry_into_force=eif,
        entry_into_force_text=(lang.gettext("in force: unknown (no rule)") if p is not None and consent
                               and p.entry_into_force_unknown else lang.date(eif)),
        entry_into_force_basis=basis,
        denunciation_text=denunciation,
        adopted_text=adopted,
        statements=statements,
        notes=tuple(dict.fromkeys(refs)),
        record_as_of=record,
        record_text=record_text,
        record_note=record_note,
    )


def territorial_text(p: Participation, status: Status, lang: Lang, on: dt.date) -> str:
    """For a state not bound itself that applies the instrument to a territory by notification: say so, so
    that a declaration beside "no action" or "signatory" is read for what it is."""
    if status in (Status.PARTY, Status.CONTRACTING):
        return ""
    found = {s.territory.get(lang.code): s.date for s in p.statements
             if s.territory is not None and s.in_effect(on)}
    if not found:
        return ""
    places = lang.join([f"{t} ({lang.date(d)})" if d else t for t, d in found.items()])
    return lang.gettext("territorial application by notification: %(territories)s; the State itself has not "
                        "consented to be bound") % {"territories": places}


def sections(cat: Catalog, state: State, lang: Lang, notes: Footnotes, on: dt.date) -> tuple[Section, ...]:
    binding: dict[Theme, list[InstrumentRow]] = {}
    other: list[InstrumentRow] = []
    for inst in cat.instruments:  # already in the order briefs use: binding first, by theme, by date
        row = instrument_row(cat, state, inst, lang, notes, on)
        (binding.setdefault(inst.theme, []) if inst.binding else other).append(row)
    out = [Section(theme.value, lang.gettext(THEME_LABELS[theme]), tuple(binding[theme]))
           for theme in Theme if theme in binding]
    if other:
        out.append(Section("non_binding", lang.gettext(NON_BINDING_LABEL), tuple(other)))
    return tuple(out)


def data_sources(cat: Catalog, instruments: Iterable[Instrument], lang: Lang, notes: Footnotes | None,
                  on: dt.date) -> tuple[DataSourceItem, ...]:
    out = []
    for inst in instruments:
        if not inst.binding:
            continue
        src = source_of(cat, inst.source)
        as_of = inst.as_of or (src.as_of if src else None)
        out.append(DataSourceItem(
            instrument=inst.id,
            short_name=inst.short_name.get(lang.code),
            title=depositary_short(inst, lang) if inst.mtdsg else (src.title if src else ""),
            publisher=(src.publisher if src else inst.depositary) or "",
            url=web_url(inst.url or (src.url if src else None)),
            as_of=as_of,
            as_of_text=lang.date(as_of),
            stale=as_of is not None and on - as_of > STALE_AFTER,
            note=notes.depositary_record(inst, src) if (src is not None and notes is not None) else None,
        ))
    return tuple(out)
