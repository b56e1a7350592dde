"""The gaps of a document: each with its next step, situation, limitation, basis and notes, in words."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ratify.errors import UnknownNameError
from ratify.model.enums import GapKind, RelationKind
from ratify.model.records import Instrument
from ratify.present.documents.views import BasisItem, GapItem
from ratify.present.gaps import basis_text, relation_text, situation, step_sentence
from ratify.present.phrases import articles, ref_text
from ratify.present.vocabulary import STATEMENT_LABELS, STATUS_LABELS, gap_label
from ratify.query.gaps import Basis, Gap

if TYPE_CHECKING:
    from ratify.present.i18n import Lang
    from ratify.query.catalog import Catalog

__all__ = ["basis_item", "gap_items", "territorial_note"]


def basis_item(cat: Catalog, inst: Instrument, b: Basis, lang: Lang) -> BasisItem:
    quote = None
    try:
        doc = cat.instrument(b.document)
    except UnknownNameError:
        doc = None
    if doc is not None:
        rel = next((r for r in doc.relations if r.kind is RelationKind.RECOMMENDS and r.target == inst.id), None)
        if rel is not None and rel.note is not None:
            quote = rel.note.get(lang.code)
    return BasisItem(document=b.document, name=b.name.get(lang.code), paragraph=ref_text(b.paragraph, lang),
                     quote=quote, text=basis_text(b, lang))


def territorial_note(cat: Catalog, gap: Gap, lang: Lang) -> str | None:
    """For a gap of a state that applies the instrument to a territory by notification: that this is not a
    consent of the state itself (China's 1997 notification for Hong Kong under the 1954 Convention)."""
    p = cat.participation(gap.state, gap.instrument)
    places = list(dict.fromkeys(s.territory.get(lang.code) for s in (p.statements if p else ())
                                if s.territory is not None and s.in_effect(gap.as_of)))
    if not places:
        return None
    return lang.gettext("The State applies it to %(territories)s by a notification of territorial application; "
                        "that is not a consent of the State itself to be bound.") % {"territories": lang.join(places)}


def gap_items(cat: Catalog, gaps: Iterable[Gap], lang: Lang) -> tuple[GapItem, ...]:
    out = []
    for number, gap in enumerate(gaps, 1):
        st = gap.statement
        territorial = territorial_note(cat, gap, lang) if gap.kind is not GapKind.LIMITING_RESERVATION else None
        limitation = None
        if gap.kind is GapKind.LIMITING_RESERVATION and st is not None:
            what = lang.gettext(STATEMENT_LABELS[st.kind])
            where = articles(st.articles, lang)
            head = f"{what} ({where})" if where else what
            limitation = f"{head}: {st.summary.get(lang.code)}" if st.summary else head
        out.append(GapItem(
            number=number,
            instrument=gap.instrument.id,
            short_name=gap.instrument.short_name.get(lang.code),
            title=gap.instrument.title.get(lang.code),
            kind=gap.kind.value,
            kind_label=gap_label(gap, lang),
            status=gap.status.value,
            status_label=lang.gettext(STATUS_LABELS[gap.status]),
            next_step=step_sentence(gap, lang),
            situation=situation(gap, lang),
            limitation=limitation,
            basis=tuple(basis_item(cat, gap.instrument, b, lang) for b in gap.basis),
            notes=tuple(relation_text(r, lang) for r in gap.relations) + ((territorial,) if territorial else ()),
            since=gap.since,
            since_text=lang.date(gap.since),
            years=gap.years,
        ))
    return tuple(out)
