"""The region of a document: the group, its members' roles, the baseline of "changes since", the matrix.

Everything a document knows about groups and regions is here — which group a brief compares the
state with by default, the words of the members' roles and where they come from, the document
whose adoption starts a regional report's window, the statistics of the region and the matrix of
a regional report — so that making the region data touches this module only.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from ratify.errors import UnknownNameError
from ratify.model.records import Group, Role, State, Status
from ratify.present.documents.views import MatrixCell, MatrixColumn, MatrixRow, RegionRow, StateInfo
from ratify.present.i18n import N_
from ratify.present.phrases import ref_text
from ratify.present.vocabulary import STATUS_LABELS, STATUS_ORDER, symbol

if TYPE_CHECKING:
    from ratify.present.i18n import Lang
    from ratify.query.catalog import Catalog

__all__ = ["BASELINE_DOCUMENT", "DEFAULT_GROUP", "ROLE_LABELS", "MatrixView", "default_since", "matrix_view",
           "region_rows", "resolve_group", "role_basis", "state_info"]

# the words of the members' roles (translated where used)
ROLE_LABELS = {
    Role.MEMBER: N_("member"),
    Role.INITIAL_MEMBER: N_("initial member"),
    Role.OPEN_TO: N_("membership open to it"),
    Role.CONFERENCE_PARTICIPANT: N_("participant in the 2011 Almaty Conference; membership open to it"),
}

DEFAULT_GROUP = "almaty-process"
BASELINE_DOCUMENT = "almaty-declaration-2011"  # the default start of "changes since" in a regional report


def role_basis(cat: Catalog, group: Group, lang: Lang) -> str | None:
    """The group's source in words: "almaty-recommendations-2012, item 4" → its short name and item."""
    if not group.source:
        return None
    head, _, rest = group.source.partition(",")
    try:
        name = cat.instrument(head.strip()).short_name.get(lang.code)
    except UnknownNameError:
        return group.source
    where = ref_text(rest.strip(), lang)
    return f"{name}, {where}" if where else name


def state_info(cat: Catalog, state: State, group: Group | None, lang: Lang) -> StateInfo:
    role = group.role(state.alpha3) if group else None
    formal = state.formal_name.get(lang.code) if state.formal_name else state.name.get(lang.code)
    return StateInfo(
        alpha3=state.alpha3,
        name=state.name.get(lang.code),
        formal_name=formal[:1].upper() + formal[1:],
        role=lang.gettext(ROLE_LABELS[role]) if role else None,
        group_name=group.name.get(lang.code) if group else None,
        role_basis=role_basis(cat, group, lang) if group and role else None,
    )


def resolve_group(cat: Catalog, group: str | Group | None) -> Group | None:
    """The group a brief compares the state with (None: no region section)."""
    if group is None:
        return None
    if isinstance(group, Group):
        return group
    if group == DEFAULT_GROUP and all(g.id != group for g in cat.groups):
        return None  # a data folder without the Almaty Process: no region section
    return cat.group(group)


def default_since(cat: Catalog) -> dt.date:
    """The start of the Almaty Process: the adoption of the Almaty Declaration (15 March 2011)."""
    try:
        doc = cat.instrument(BASELINE_DOCUMENT)
    except UnknownNameError:
        doc = None
    if doc is not None and doc.adoption is not None:
        return doc.adoption.date
    return dt.date(2011, 3, 15)


def region_rows(cat: Catalog, state: State, group: Group, lang: Lang, on: dt.date) -> tuple[tuple[RegionRow, ...], int]:
    """For each binding instrument: the state's status beside how many of the group's members are party."""
    members = cat.states_of(group)
    total = len(members)
    rows = []
    for inst in cat.instruments_of(binding=True):
        party = [m for m in members if cat.status(m, inst, on) is Status.PARTY]
        others = tuple(m.name.get(lang.code) for m in members if m not in party)
        status = cat.status(state, inst, on)
        rows.append(RegionRow(
            instrument=inst.id,
            short_name=inst.short_name.get(lang.code),
            status=status.value,
            status_label=lang.gettext(STATUS_LABELS[status]),
            parties=len(party),
            total=total,
            count_text=lang.gettext("%(parties)d of %(total)d") % {"parties": len(party), "total": total},
            share=len(party) / total if total else 0.0,
            share_text=lang.percent(len(party) / total if total else 0.0),
            not_party=others,
        ))
    return tuple(rows), total


@attrs.frozen
class MatrixView:
    """The matrix of a regional report: its columns, rows (each member with its role), legend and coverage."""

    columns: tuple[MatrixColumn, ...]
    rows: tuple[MatrixRow, ...]
    legend: tuple[MatrixCell, ...]
    coverage_text: str


def matrix_view(cat: Catalog, group: Group, lang: Lang, on: dt.date) -> MatrixView:
    """The group's members × the binding instruments on `on`, in `lang`."""
    m = cat.matrix(group=group, instruments=cat.instruments_of(binding=True), as_of=on)
    columns = tuple(MatrixColumn(
        instrument=inst.id, mtdsg=inst.mtdsg, short_name=inst.short_name.get(lang.code),
        parties=m.counts(instrument=inst)[Status.PARTY], coverage=m.coverage(instrument=inst),
        coverage_text=lang.percent(m.coverage(instrument=inst))) for inst in m.instruments)

    def cell(s: Status) -> MatrixCell:
        return MatrixCell(s.value, lang.gettext(STATUS_LABELS[s]), symbol(s, lang))

    def role(code: str) -> str | None:
        r = group.role(code)
        return lang.gettext(ROLE_LABELS[r]) if r is not None else None

    rows = tuple(MatrixRow(
        alpha3=st.alpha3, name=st.name.get(lang.code), role=role(st.alpha3),
        cells=tuple(cell(s) for s in statuses), parties=m.counts(st)[Status.PARTY],
        coverage=m.coverage(st), coverage_text=lang.percent(m.coverage(st)))
        for st, statuses in zip(m.states, m.cells, strict=True))
    return MatrixView(columns, rows, tuple(cell(s) for s in STATUS_ORDER), lang.percent(m.coverage()))
