"""A difference between two versions of the data in words: the lines `import-untc` and `update` print."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ratify.present.i18n import N_
from ratify.present.vocabulary import CONSENT_LABELS, STATEMENT_LABELS

if TYPE_CHECKING:
    from ratify.model.records import Participation, Statement
    from ratify.present.i18n import Lang
    from ratify.query.diff import Difference

__all__ = ["difference_text"]

# the fields a difference names (query/diff.py `_fields`), in words
_FIELDS = {
    "signature": N_("signature"),
    "consent": N_("consent"),
    "consent kind": N_("consent kind"),
    "denunciation notified": N_("denunciation notified"),
    "denunciation effective": N_("denunciation effective"),
    "name": N_("name"),
}


def difference_text(difference: Difference, lang: Lang) -> str:
    """One line: "v-3 KAZ: consent 1999-01-15 → 1999-01-16", "v-3: new instrument (93 participants)"."""
    from ratify.query.diff import DifferenceKind

    kind = difference.kind
    if kind is DifferenceKind.INSTRUMENT_ADDED:
        count = lang.ngettext("%(num)d participant", "%(num)d participants", difference.count or 0)
        return lang.gettext("%(instrument)s: new instrument (%(count)s)") % {"instrument": difference.instrument,
                                                                            "count": count}
    where = f"{difference.instrument} {difference.state}"
    values = {"where": where, "old": difference.old or "—", "new": difference.new or "—"}
    if kind is DifferenceKind.ADDED:
        return lang.gettext("%(where)s: new participant (%(record)s)") % {**values, "record": _summary(difference.record, lang)}
    if kind is DifferenceKind.REMOVED:
        return lang.gettext("%(where)s: no longer in the table (was %(record)s)") % {
            **values, "record": _summary(difference.record, lang)}
    if kind is DifferenceKind.RENAMED:
        return lang.gettext("%(where)s: renamed %(old)r → %(new)r") % values
    if kind is DifferenceKind.CHANGED:
        name = _FIELDS.get(difference.field or "")
        field = lang.gettext(name) if name else (difference.field or "")
        return lang.gettext("%(where)s: %(field)s %(old)s → %(new)s") % {**values, "field": field}
    words = _statement(difference.statement, lang)
    if kind is DifferenceKind.STATEMENT_ADDED:
        return lang.gettext("%(where)s: statement added: %(words)s") % {**values, "words": words}
    if kind is DifferenceKind.STATEMENT_REMOVED:
        return lang.gettext("%(where)s: statement removed: %(words)s") % {**values, "words": words}
    return lang.gettext("%(where)s: statement withdrawn: withdrawn %(new)s") % values


def _summary(p: Participation | None, lang: Lang) -> str:
    """What the record says in a few words: "signed 2001-12-12, ratification 2003-06-25"."""
    if p is None:
        return ""
    parts = []
    if p.signature:
        parts.append(lang.gettext("signed %(date)s") % {"date": p.signature.isoformat()})
    if p.consent:
        label = lang.gettext(CONSENT_LABELS[p.consent.kind]).lower() if p.consent.kind in CONSENT_LABELS \
            else p.consent.kind.value
        parts.append(f"{label} {p.consent.date.isoformat()}")
    if p.denunciation:
        parts.append(lang.gettext("denounced"))
    return ", ".join(parts) or lang.gettext("no dated action")


def _statement(st: Statement | None, lang: Lang, n: int = 70) -> str:
    """The statement's kind and the start of its words (the depositary's, else its summary)."""
    if st is None:
        return ""
    label = lang.gettext(STATEMENT_LABELS[st.kind]).lower() if st.kind in STATEMENT_LABELS else st.kind.value
    text = " ".join((st.text or (st.summary.get(lang.code) if st.summary is not None else "")).split())
    short = text if len(text) <= n else text[: n - 1] + "…"
    return f"{label}: {short}" if short else label
