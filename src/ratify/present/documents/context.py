"""The facts of a document, gathered once: what the templates and the Word writer print.

`brief_context` and `report_context` read the catalogue — statuses, gaps, the region, events,
sources — and return frozen objects (`views`) in which every text is already in the document's
language (dates by Babel, plurals and labels through the gettext catalogue). Nothing here knows
about HTML, Markdown or Word: the same object feeds every format, so the three never disagree.

Each part has a module of its own: `views` (the objects), `footnotes`, `tables` (the status table
and the data sources), `gap_items`, `chronology`, and `region` (the group, roles, baseline and
matrix). Footnotes are numbered in the order they are first cited, and every list is in a fixed
order, so the same data and options always give the same context.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ratify.model.enums import Status
from ratify.model.records import Group
from ratify.present.documents.chronology import chronology
from ratify.present.documents.footnotes import Footnotes
from ratify.present.documents.gap_items import gap_items
from ratify.present.documents.obligations import obligations
from ratify.present.documents.region import (
    default_since,
    matrix_view,
    own_group,
    procedure_matrix,
    region_rows,
    resolve_group,
    roles_basis,
    state_info,
)
from ratify.present.documents.tables import data_sources, records_text, sections
from ratify.present.documents.views import BriefContext, DataSourceItem, GroupGaps, RegionRow, ReportContext

if TYPE_CHECKING:
    from ratify.present.i18n import Lang
    from ratify.query.catalog import Catalog, StateRef

__all__ = ["brief_context", "report_context"]


def brief_context(cat: Catalog, state: StateRef, lang: Lang, *, as_of: dt.date | None = None,
                  date: dt.date | None = None, group: str | Group | None = None,
                  since: dt.date | None = None) -> BriefContext:
    """The facts of the country brief of `state`, as of `as_of` (default: `date`, default today); `since`, the
    date of the previous review, adds the columns "status at the previous review / action since"."""
    from ratify.query.events import DateRangeError
    st = cat.state(state)
    day = date or dt.date.today()
    on = as_of or day
    if since is not None and since > on:
        raise DateRangeError(f"the previous review ({since}) is after the date of the brief's statuses ({on})")
    grp = own_group(cat, st, resolve_group(cat, group), on)  # never a group the state is not in on the date
    notes = Footnotes(lang)
    sources = data_sources(cat, cat.instruments, lang, notes, on)
    table = sections(cat, st, lang, notes, on)
    gaps = gap_items(cat, cat.gaps(st, as_of=on), lang)
    binding = [r for s in table for r in s.rows if r.binding]
    parties = sum(r.status == Status.PARTY.value for r in binding)
    summary = lang.ngettext("Party to %(parties)d of the %(num)d binding instrument covered by this brief.",
                            "Party to %(parties)d of the %(num)d binding instruments covered by this brief.",
                            len(binding), parties=parties)
    gaps_heading = (lang.ngettext("%(num)d gap to act on", "%(num)d gaps to act on", len(gaps)) if gaps
                    else lang.gettext("No gaps"))
    region: tuple[RegionRow, ...] = ()
    total = 0
    if grp is not None:
        region, total = region_rows(cat, st, grp, lang, on)
    events = chronology(cat, cat.participations_of(st), lang, None, on)
    title = lang.gettext("Country brief: %(state)s") % {"state": st.name.get(lang.code)}
    return BriefContext(
        lang=lang.code,
        title=title,
        date=day,
        date_text=lang.date(day),
        as_of=on,
        as_of_text=lang.date(on),
        state=state_info(cat, st, grp, lang, on),
        summary=summary,
        sections=table,
        gaps=gaps,
        gaps_heading=gaps_heading,
        region_name=grp.name.get(lang.code) if grp else None,
        region=region,
        region_total=total,
        chronology=events,
        **_sources_part(cat, sources, notes, lang),
        obligations=obligations(cat, st, lang, on, since),
    )


def report_context(cat: Catalog, group: str | Group, lang: Lang, *, since: dt.date | None = None,
                   as_of: dt.date | None = None, date: dt.date | None = None) -> ReportContext:
    """The facts of the regional report of `group`, as of `as_of` (default: `date`, default today)."""
    from ratify.query.events import DateRangeError

    grp = cat.group(group)
    day = date or dt.date.today()
    on = as_of or day
    start = since or default_since(cat, grp)
    if start is None:
        raise DateRangeError(f"the group {grp.id!r} has no baseline document with a date of adoption in this "
                             "data: give the start of the report's changes (since)")
    if start > on:
        raise DateRangeError(f"the report's window ends ({on}) before it starts ({start})")
    notes = Footnotes(lang)
    sources = data_sources(cat, cat.instruments, lang, notes, on)
    view = matrix_view(cat, grp, lang, on)
    members = cat.states_of(states=grp.states_on(on))  # the group as it stood on the date
    participations = [p for s in members for p in cat.participations_of(s)]
    changes = chronology(cat, participations, lang, start, on)
    gaps = tuple(GroupGaps(s.alpha3, s.name.get(lang.code), gap_items(cat, cat.gaps(s, as_of=on), lang))
                 for s in members)
    procedure_columns, procedure_rows = procedure_matrix(cat, members, lang, on)
    return ReportContext(
        lang=lang.code,
        title=lang.gettext("Regional report: %(group)s") % {"group": grp.name.get(lang.code)},
        group=grp.id,
        group_name=grp.name.get(lang.code),
        description=grp.description.get(lang.code) if grp.description else None,
        role_basis=roles_basis(cat, grp, on, lang),
        date=day,
        date_text=lang.date(day),
        as_of=on,
        as_of_text=lang.date(on),
        since=start,
        since_text=lang.date(start),
        columns=view.columns,
        rows=view.rows,
        coverage_text=view.coverage_text,
        legend=view.legend,
        changes=changes,
        gaps=gaps,
        **_sources_part(cat, sources, notes, lang),
        procedure_columns=procedure_columns,
        procedure_rows=procedure_rows,
    )


def _sources_part(cat: Catalog, sources: tuple[DataSourceItem, ...], notes: Footnotes, lang: Lang) -> dict[str, Any]:
    """What every document says of its sources: the records, the stale ones, the notes, the provenance annex
    and where the data was read from (the same fields in a brief and a regional report)."""
    return {
        "data_sources": sources,
        "stale": tuple(d for d in sources if d.stale),
        "notes": tuple(notes.items),
        "data_origin": cat.origin.kind.value if cat.origin else None,
        "records_text": records_text(sources, lang),
        "provenance": tuple(notes.provenance),
    }
