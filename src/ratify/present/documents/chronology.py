"""The chronology of a document: every event in a window, same-day actions of one kind merged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from ratify.model.enums import ActionKind
from ratify.model.records import Event, Participation
from ratify.present.documents.views import ChronologyItem
from ratify.present.phrases import articles
from ratify.present.vocabulary import ACTION_LABELS, WITHDRAWN_LABELS

if TYPE_CHECKING:
    from ratify.present.i18n import Lang
    from ratify.query.catalog import Catalog

__all__ = ["chronology"]


def _event_detail(cat: Catalog, ev: Event, lang: Lang) -> str:
    if ev.action.is_consent:
        return ev.detail or ""
    st = ev.statement
    if st is None:
        return ""
    parts = []
    if ev.action is ActionKind.STATEMENT_WITHDRAWN:
        parts.append(lang.pgettext("statement withdrawn", WITHDRAWN_LABELS[st.kind]))
    if st.articles:
        parts.append(articles(st.articles, lang))
    if st.objects_to:
        target = cat.find_state(st.objects_to)
        parts.append(target.name.get(lang.code) if target else st.objects_to)
    return ", ".join(parts)


def chronology(cat: Catalog, participations: Iterable[Participation], lang: Lang, since: dt.date | None,
                until: dt.date) -> tuple[ChronologyItem, ...]:
    rows = []
    for p in participations:
        inst = cat.instrument(p.instrument)
        for ev in p.events():
            if ev.date > until or (since is not None and ev.date < since):
                continue
            state = cat.find_state(ev.state)
            rows.append((ev, ChronologyItem(
                date=ev.date,
                date_text=lang.date(ev.date),
                state=ev.state,
                state_name=state.name.get(lang.code) if state else ev.state,
                instrument=inst.id,
                short_name=inst.short_name.get(lang.code),
                action=ev.action.value,
                action_label=lang.gettext(ACTION_LABELS[ev.action]),
                detail=_event_detail(cat, ev, lang),
            )))
    order = {inst.id: i for i, inst in enumerate(cat.instruments)}
    rows.sort(key=lambda pair: (pair[0].date, pair[0].state, order.get(pair[0].instrument, len(order)), pair[0]))
    merged: list[ChronologyItem] = []
    for _, item in rows:
        last = merged[-1] if merged else None
        if last is not None and (last.date, last.state, last.instrument, last.action) == \
                (item.date, item.state, item.instrument, item.action):
            details = [d for d in (last.detail, item.detail) if d]
            merged[-1] = attrs.evolve(last, detail="; ".join(dict.fromkeys(details)), count=last.count + 1)
        else:
            merged.append(item)
    return tuple(merged)
