"""The words of a gap analysis: the next step, the situation, the basis and the notes of each `Gap`.

`ratify.query.gaps` finds the gaps as facts (kinds, steps, dates, relations); everything here turns
them into sentences in a language, through the gettext catalogue — documents, data frames, the
command line and notebook displays all read these functions.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ratify.model.enums import GapKind, RelationKind, Status, Step
from ratify.present.i18n import Lang, language
from ratify.present.phrases import ago, articles, ref_text
from ratify.present.vocabulary import STATUS_LABELS
from ratify.query.gaps import Basis, Gap, Related

if TYPE_CHECKING:
    from ratify.query.gaps import GapList

__all__ = ["STALE_AFTER", "basis_text", "gap_text", "gaps_caption", "gaps_html", "gaps_repr", "relation_text", "situation",
           "step_sentence", "step_text"]


# a depositary record this much older than the date asked for is pointed out, and a step resting on it says so
STALE_AFTER = dt.timedelta(days=365)


def _record_older(gap: Gap) -> bool:
    """Whether the record the gap rests on is older than the date asked for (later actions are not in it)."""
    return gap.record_as_of is not None and gap.record_as_of < gap.as_of


def _required_by(gap: Gap, lang: Lang) -> str:
    return lang.join([lang.pgettext("instrument named in a step", "the %(name)s") % {
        "name": i.short_name.get(lang.code)} for i in gap.required_by])


def _plain_step(step: Step, gap: Gap, lang: Lang) -> str:
    st = gap.statement
    if step is Step.CHECK_RECORD:
        return lang.pgettext("next step", "none to advise: check the depositary's current record first")
    if step is Step.ACCEDE:
        return lang.pgettext("next step", "accede to")
    if step is Step.ACCEDE_AGAIN:
        return lang.pgettext("next step", "accede to it again")
    if step is Step.RATIFY:
        return lang.pgettext("next step", "ratify")
    if step is Step.CHECK_ENTRY_INTO_FORCE:
        return lang.pgettext("next step", "check the entry into force with the depositary (the data has no rule "
                             "of entry into force for this instrument)")
    if step is Step.AWAIT_ENTRY_INTO_FORCE:
        if gap.entry_into_force is None:
            return lang.pgettext("next step", "none: await the instrument's own entry into force")
        return lang.pgettext("next step", "none: it enters into force for the state on %(date)s") % {
            "date": lang.date(gap.entry_into_force)}
    if step is Step.APPLY_REMEDY and st is not None and st.remedy is not None:
        return st.remedy.get(lang.code)
    where = articles(st.articles, lang) if st is not None else ""
    if step is Step.WITHDRAW_DECLARATION:
        if where:
            return lang.pgettext("next step", "withdraw the declaration to %(articles)s") % {"articles": where}
        return lang.pgettext("next step", "withdraw the declaration")
    if where:
        return lang.pgettext("next step", "withdraw the reservation to %(articles)s") % {"articles": where}
    return lang.pgettext("next step", "withdraw the reservation")


def _named_step(gap: Gap, lang: Lang) -> str:
    """The step with the instrument named where the language says so ("accede to the 1954 Convention")."""
    name = gap.instrument.short_name.get(lang.code)
    if gap.step is Step.ACCEDE:
        return lang.pgettext("next step with the instrument", "accede to the %(instrument)s") % {"instrument": name}
    if gap.step is Step.RATIFY:
        return lang.pgettext("next step with the instrument", "ratify the %(instrument)s") % {"instrument": name}
    return _plain_step(gap.step, gap, lang)


def _first(gap: Gap, lang: Lang, then: str) -> str:
    names = [lang.pgettext("instrument named in a step", "the %(name)s") % {"name": r.instrument.short_name.get(
        lang.code)} for r in gap.relations if r.instrument.id in gap.prerequisites]
    return lang.pgettext("next step", "first become party to %(instruments)s, then %(step)s") % {
        "instruments": lang.join(names), "step": then}


def step_text(gap: Gap, lang: Lang) -> str:
    """The next step, short: "accede to", "ratify", "first become party to the …, then accede to"."""
    step = _plain_step(gap.step, gap, lang)
    return _first(gap, lang, step) if gap.prerequisites else step


def step_sentence(gap: Gap, lang: Lang) -> str:
    """The next step as a sentence, the instrument named: "Accede to the 1954 Convention."; when the record
    it rests on is more than `STALE_AFTER` older than the date asked for, the sentence says so."""
    if gap.step is Step.CHECK_RECORD:
        return lang.gettext("No step to advise: first check the depositary's current record of the %(instrument)s, "
                            "which contradicts the State's participation in %(others)s.") % {
            "instrument": gap.instrument.short_name.get(lang.code), "others": _required_by(gap, lang)}
    step = _named_step(gap, lang)
    if gap.prerequisites:
        step = _first(gap, lang, step)
    step = step[:1].upper() + step[1:]
    step = step.rstrip(".")
    if (gap.step is not Step.AWAIT_ENTRY_INTO_FORCE and gap.record_as_of is not None
            and gap.as_of - gap.record_as_of > STALE_AFTER):
        step = lang.gettext("%(step)s, unless done after %(date)s, the date of the depositary's record used") % {
            "step": step, "date": lang.date(gap.record_as_of)}
    return step + "."


def situation(gap: Gap, lang: Lang) -> str:
    """Where the state stands: "Signed on 12 December 2000 (13 years ago); not ratified."; when the record is
    older than the date asked for, it names the record's date instead of counting years to that date."""
    when = lang.date(gap.since)
    values = {"date": when, "ago": ago(gap.years, lang), "record": lang.date(gap.record_as_of)}
    kind = gap.kind
    if kind is GapKind.RECORD_INCONSISTENT:
        return lang.gettext("The depositary's record as at %(record)s shows “%(status)s”, yet the State is bound by "
                            "%(others)s, which only a party to the %(instrument)s can join: the record is "
                            "inconsistent and most likely out of date.") % {
            "record": values["record"], "status": lang.gettext(STATUS_LABELS[gap.status]),
            "others": _required_by(gap, lang), "instrument": gap.instrument.short_name.get(lang.code)}
    if _record_older(gap):
        return _situation_on_record(gap, kind, values, lang)
    if kind is GapKind.PREREQUISITE_MISSING:
        kind = {Status.SIGNATORY: GapKind.SIGNED_NOT_RATIFIED, Status.DENOUNCED: GapKind.DENOUNCED}.get(
            gap.status, GapKind.NO_ACTION)
    if kind is GapKind.SIGNED_NOT_RATIFIED and gap.since:
        return lang.gettext("Signed on %(date)s (%(ago)s); not ratified.") % values
    if kind in (GapKind.NOT_YET_IN_FORCE, GapKind.ENTRY_INTO_FORCE_UNKNOWN) and gap.since:
        return lang.gettext("Consent to be bound expressed on %(date)s.") % values
    if kind is GapKind.DENOUNCED and gap.since:
        return lang.gettext("Denounced with effect from %(date)s (%(ago)s).") % values
    if kind is GapKind.LIMITING_RESERVATION:
        return lang.gettext("In effect since %(date)s (%(ago)s).") % values if gap.since else ""
    if kind is GapKind.NO_ACTION and gap.since:
        return lang.gettext("No signature or consent recorded; recommended since %(date)s (%(ago)s).") % values
    if kind is GapKind.NO_ACTION:
        return lang.gettext("No signature or consent recorded.")
    return ""


def _situation_on_record(gap: Gap, kind: GapKind, values: dict[str, str], lang: Lang) -> str:
    """The situation as the record shows it at its own date (older than the date asked for)."""
    if kind is GapKind.PREREQUISITE_MISSING:
        kind = {Status.SIGNATORY: GapKind.SIGNED_NOT_RATIFIED, Status.DENOUNCED: GapKind.DENOUNCED}.get(
            gap.status, GapKind.NO_ACTION)
    if kind is GapKind.SIGNED_NOT_RATIFIED and gap.since:
        return lang.gettext("Signed on %(date)s; not ratified according to the depositary's record as at "
                            "%(record)s.") % values
    if kind is GapKind.NOT_YET_IN_FORCE and gap.since:
        return lang.gettext("Consent to be bound expressed on %(date)s.") % values
    if kind is GapKind.DENOUNCED and gap.since:
        return lang.gettext("Denounced with effect from %(date)s; no new consent in the depositary's record as at "
                            "%(record)s.") % values
    if kind is GapKind.LIMITING_RESERVATION:
        return lang.gettext("In effect since %(date)s; not withdrawn according to the depositary's record as at "
                            "%(record)s.") % values if gap.since else ""
    if kind is GapKind.NO_ACTION and gap.since:
        return lang.gettext("No signature or consent in the depositary's record as at %(record)s; recommended "
                            "since %(date)s.") % values
    if kind is GapKind.NO_ACTION:
        return lang.gettext("No signature or consent in the depositary's record as at %(record)s.") % values
    return ""


def relation_text(related: Related, lang: Lang) -> str:
    """The relation's own note from the data, or the words for its kind."""
    rel = related.relation
    if rel.note is not None:
        return rel.note.get(lang.code)
    values = {"instrument": related.instrument.short_name.get(lang.code), "basis": ref_text(rel.basis, lang)}
    if rel.kind is RelationKind.REQUIRES_PARTY_TO:
        if rel.basis:
            return lang.gettext("Only a party to the %(instrument)s can become party to it (%(basis)s).") % values
        return lang.gettext("Only a party to the %(instrument)s can become party to it.") % values
    return lang.gettext("It is independent of the %(instrument)s: a state can become party to it alone.") % values


def basis_text(basis: Basis, lang: Lang) -> str:
    """The document and where it recommends the instrument: "<short name> (2011), para. 4", in `lang`."""
    name = basis.name.get(lang.code)
    where = ref_text(basis.paragraph, lang)
    return lang.gettext("%(document)s, %(where)s") % {"document": name, "where": where} if where else name


def gap_text(gap: Gap, lang: Lang) -> str:
    """The gap in one paragraph: the instrument, the next step, the situation, the basis, the notes."""
    parts = [lang.gettext("%(instrument)s — %(step)s.") % {"instrument": gap.instrument.short_name.get(lang.code),
                                                          "step": step_text(gap, lang)},
             situation(gap, lang)]
    if gap.kind is GapKind.LIMITING_RESERVATION and gap.statement is not None and gap.statement.summary:
        parts.append(gap.statement.summary.get(lang.code))
    if gap.basis:
        parts.append(lang.gettext("Recommended by: %(basis)s.") % {
            "basis": "; ".join(basis_text(b, lang) for b in gap.basis)})
    parts += [relation_text(r, lang) for r in gap.relations]
    return " ".join(p for p in parts if p)


def gaps_caption(gaps: GapList, lang: Lang) -> str:
    """ "Uzbekistan (UZB), as of 2014-01-01: 12 gaps"."""
    who = gaps.state_name.get(lang.code) if gaps.state_name else (gaps.state or "")
    if gaps.state_name and gaps.state:
        who = f"{who} ({gaps.state})"
    if gaps.as_of:
        who = lang.gettext("%(who)s, as of %(date)s") % {"who": who, "date": gaps.as_of.isoformat()}
    return lang.ngettext("%(who)s: %(num)d gap", "%(who)s: %(num)d gaps", len(gaps), who=who)


_REPR_ROWS = 30


def gaps_repr(gaps: GapList) -> str:
    en = language("en")
    lines = [f"<GapList {gaps_caption(gaps, en)}>"]
    for g in gaps[:_REPR_ROWS]:
        label = g.instrument.mtdsg or g.instrument.id
        lines.append(f"  {label:<11}{g.kind.value:<22}{step_text(g, en)}")
    if len(gaps) > _REPR_ROWS:
        lines.append(f"  … {len(gaps) - _REPR_ROWS} more")
    return "\n".join(lines)


def gaps_html(gaps: GapList) -> str:
    from ratify.present.notebook import render
    from ratify.present.vocabulary import gap_label

    en = language("en")
    rows = [{"gap": g, "kind": gap_label(g, en), "step": step_text(g, en),
             "notes": [relation_text(r, en) for r in g.relations],
             "basis": [basis_text(b, en) for b in g.basis]} for g in gaps]
    return render("gaps.html.j2", rows=rows, caption=gaps_caption(gaps, en))
