"""The region of a document: the group, its members' roles, the baseline of "changes since", the matrix.

Everything a document knows about groups and regions is here — which group a brief compares the
state with by default, the words of the members' roles and where they come from, the document
whose adoption starts a regional report's window, the statistics of the region and the matrix of
a regional report — so that making the region data touches this module only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from ratify.errors import UnknownNameError
from ratify.model.enums import Status
from ratify.model.records import Group, State
from ratify.present.documents.footnotes import named_in
from ratify.present.documents.views import (
    MatrixCell,
    MatrixColumn,
    MatrixRow,
    ProcedureCell,
    ProcedureColumn,
    ProcedureRow,
    RegionRow,
    StateInfo,
)
from ratify.present.phrases import ref_text
from ratify.present.vocabulary import STATUS_LABELS, STATUS_ORDER, symbol

if TYPE_CHECKING:
    from ratify.present.i18n import Lang
    from ratify.query.catalog import Catalog

__all__ = ["MatrixView", "default_since", "matrix_view", "own_group", "procedure_matrix", "region_rows", "resolve_group", "role_basis",
           "roles_basis", "state_info"]


def role_basis(cat: Catalog, group: Group, ref: str | None, lang: Lang) -> str | None:
    """A role's source in words: "<instrument id>, item 4" gives its short name and item; a source of
    the group gives its publisher and title."""
    if not ref:
        return None
    head, _, rest = ref.partition(",")
    page = next((src for src in group.sources if src.id == head.strip()), None)
    if page is not None:
        # the page's title stays in its own language, quoted, as a citation gives it; the publisher's name is the
        # organisation's name in the document's language where the catalogue has it (the publishers named in
        # groups.toml are entries of the catalogue, kept by hand: no code names them)
        title = page.title if lang.code == "en" else f"«{page.title}»"
        publisher = lang.gettext(page.publisher)
        text = title if named_in(page.publisher, page.title) else f"{publisher}, {title}"
        return f"{text}, {lang.date(page.as_of)}" if page.as_of else text
    try:
        name = cat.instrument(head.strip()).short_name.get(lang.code)
    except UnknownNameError:
        return ref
    where = ref_text(rest.strip(), lang)
    return f"{name}, {where}" if where else name


def roles_basis(cat: Catalog, group: Group, on: dt.date, lang: Lang) -> str | None:
    """Where the roles of the group on `on` come from (each source once), or the group's own source."""
    refs: list[str | None] = [e.source for e in group.entries_on(on) if e.source] or [group.source]
    texts = [t for ref in dict.fromkeys(refs) if (t := role_basis(cat, group, ref, lang))]
    return "; ".join(texts) or None


def state_info(cat: Catalog, state: State, group: Group | None, lang: Lang, on: dt.date) -> StateInfo:
    """The state, and its role in the group on `on` with where that role comes from."""
    entry = group.entry(state.alpha3, on) if group else None
    role = group.role(state.alpha3, on) if group else None
    formal = state.formal_name.get(lang.code) if state.formal_name else state.name.get(lang.code)
    return StateInfo(
        alpha3=state.alpha3,
        name=state.name.get(lang.code),
        formal_name=formal[:1].upper() + formal[1:],
        role=role.label.get(lang.code) if role else None,
        group_name=group.name.get(lang.code) if group else None,
        role_basis=role_basis(cat, group, entry.source or group.source, lang) if group and entry and role else None,
    )


def resolve_group(cat: Catalog, group: str | Group | None) -> Group | None:
    """The group named (an unknown name raises UnknownNameError, whatever the group), or None."""
    return None if group is None else cat.group(group)


def own_group(cat: Catalog, state: State, group: Group | None, on: dt.date) -> Group | None:
    """The group a brief compares `state` with: `group` if the state holds a role in it on `on`, else the
    first group of the data in which it does, else None (the brief then has no region section)."""
    if group is None:
        return None
    for g in (group, *cat.groups):
        if g.entry(state.alpha3, on) is not None:
            return g
    return None


def default_since(cat: Catalog, group: str | Group) -> dt.date | None:
    """The start of a regional report's changes: the adoption of the group's baseline document, if any."""
    doc = cat.baseline(group)
    return doc.adoption.date if doc is not None and doc.adoption is not None else None


def region_rows(cat: Catalog, state: State, group: Group, lang: Lang, on: dt.date) -> tuple[tuple[RegionRow, ...], int]:
    """For each binding instrument: the state's status beside how many of the group's members are party."""
    members = cat.states_of(states=group.states_on(on))  # the group as it stood on the date
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
    m = cat.matrix(states=group.states_on(on), as_of=on)  # the binding instruments (the matrix's own rule)
    columns = tuple(MatrixColumn(
        instrument=inst.id, mtdsg=inst.mtdsg, short_name=inst.short_name.get(lang.code),
        parties=m.counts(instrument=inst)[Status.PARTY], coverage=m.coverage(instrument=inst),
        coverage_text=lang.percent(m.coverage(instrument=inst))) for inst in m.instruments)

    def cell(s: Status) -> MatrixCell:
        return MatrixCell(s.value, lang.gettext(STATUS_LABELS[s]), symbol(s, lang))

    def role(code: str) -> str | None:
        r = group.role(code, on)
        return r.label.get(lang.code) if r is not None else None

    rows = tuple(MatrixRow(
        alpha3=st.alpha3, name=st.name.get(lang.code), role=role(st.alpha3),
        cells=tuple(cell(s) for s in statuses), parties=m.counts(st)[Status.PARTY],
        coverage=m.coverage(st), coverage_text=lang.percent(m.coverage(st)))
        for st, statuses in zip(m.states, m.cells, strict=True))
    return MatrixView(columns, rows, tuple(cell(s) for s in STATUS_ORDER), lang.percent(m.coverage()))


def procedure_matrix(cat: Catalog, members: Sequence[State], lang: Lang, on: dt.date,
                     ) -> tuple[tuple[ProcedureColumn, ...], tuple[ProcedureRow, ...]]:
    """The complaint and inquiry procedures of the catalogue's instruments (columns, in the data's order)
    and, for each member on `on` (rows), each accepted (with its date) or not."""
    from ratify.present.procedures import answer_label, kind_label

    answers = {s.alpha3: {(r.instrument.id, r.article, r.kind): r for r in cat.procedures(s, on)} for s in members}
    keys = list(dict.fromkeys(k for by_key in answers.values() for k in by_key))
    columns = []
    for inst_id, article, kind in keys:
        name = cat.instrument(inst_id).short_name.get(lang.code)
        where = ref_text(article, lang) if article else ""
        columns.append(ProcedureColumn(instrument=inst_id, label=f"{name}, {where}" if where else name,
                                       kind_label=kind_label(kind, lang.code)))
    rows = []
    for s in members:
        cells = []
        for k in keys:
            r = answers[s.alpha3].get(k)
            if r is None:
                cells.append(ProcedureCell(accepted=False, text="", label=""))
                continue
            text = lang.date(r.date) if r.accepted and r.date else ("✓" if r.accepted else "—")
            cells.append(ProcedureCell(accepted=r.accepted, text=text, label=answer_label(r, lang.code)))
        rows.append(ProcedureRow(alpha3=s.alpha3, name=s.name.get(lang.code), cells=tuple(cells)))
    return tuple(columns), tuple(rows)
