"""Rich display in notebooks: HTML from the jinja2 templates under templates/notebook/ (autoescaped).

Each `_repr_html_` of the model (Participation, Instrument, State), of `Matrix`, `GapList` and
`ChangeList` renders one template here; the plain-text displays of `Matrix` are here too. Status
marks, labels and colours come from `ratify.present.vocabulary`. jinja2 is imported on first use,
never by `import ratify`.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING, Any

from ratify.model.enums import Status
from ratify.present.links import web_url
from ratify.present.vocabulary import STATUS_ORDER, STATUS_STYLES, status_label, symbol

if TYPE_CHECKING:
    import jinja2

    from ratify.query.events import ChangeList
    from ratify.query.matrix import Matrix

__all__ = ["changes_html", "changes_text", "legend", "matrix_html", "matrix_text", "render"]

_REPR_ROWS = 40


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


@cache
def environment() -> jinja2.Environment:
    import jinja2

    from ratify.resources import bundled_templates

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(bundled_templates()), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_url"] = web_url  # the documents' own check: a link is only ever http(s)
    env.filters["iso"] = _date
    env.globals["status_styles"] = [(s.value, STATUS_STYLES[s]) for s in STATUS_ORDER]
    env.globals["status_label"] = status_label  # the documents' words for a status (English)
    return env


def render(name: str, **context: Any) -> str:
    """Render templates/notebook/`name`."""
    return environment().get_template(f"notebook/{name}").render(**context)


def legend() -> str:
    """ "P party, C contracting, S signatory, D denounced, – none"."""
    return ", ".join(f"{symbol(s)} {s.value}" for s in STATUS_ORDER)


def matrix_text(m: Matrix) -> str:
    """The matrix as letters, one state a line, with each state's coverage and the legend."""
    from ratify.query.matrix import column_label

    size = f"{len(m.states)} states × {len(m.instruments)} instruments"
    labels = [column_label(i) for i in m.instruments]
    widths = [max(len(x), 1) for x in labels]
    columns = "  ".join(x.ljust(w) for x, w in zip(labels, widths, strict=True))
    lines = [f"<Matrix: {size}, as of {m.as_of}>", f"      {columns}  coverage"]
    for st, row in list(zip(m.states, m.cells, strict=True))[:_REPR_ROWS]:
        cells = "  ".join(symbol(s).ljust(w) for s, w in zip(row, widths, strict=True))
        lines.append(f"{st.alpha3:<6}{cells}  {m.coverage(st):.0%}")
    if len(m.states) > _REPR_ROWS:
        lines.append(f"… {len(m.states) - _REPR_ROWS} more states")
    lines.append(legend())
    return "\n".join(line.rstrip() for line in lines)


def matrix_html(m: Matrix) -> str:
    from ratify.query.matrix import column_label

    rows = [{"state": st, "cells": [(s, symbol(s)) for s in row], "coverage": m.coverage(st)}
            for st, row in zip(m.states, m.cells, strict=True)]
    columns = [{"instrument": inst, "label": column_label(inst), "coverage": m.coverage(instrument=inst),
                "binding": inst.binding} for inst in m.instruments]
    symbols = {s: symbol(s) for s in Status}
    return render("matrix.html.j2", matrix=m, rows=rows, columns=columns, symbols=symbols,
                  statuses=list(STATUS_ORDER))


def _changes_caption(changes: ChangeList) -> str:
    n = len(changes)
    window = ""
    if changes.since:
        window = f" from {changes.since.isoformat()}" + (f" to {changes.until.isoformat()}" if changes.until else "")
    return f"{n} event{'' if n == 1 else 's'}{window}"


def changes_text(changes: ChangeList) -> str:
    """One event a line: date, state, instrument, action and what it is about."""
    from ratify.present.i18n import language
    from ratify.present.phrases import event_detail

    en = language("en")
    lines = [f"<ChangeList: {_changes_caption(changes)}>"]
    for e in changes[:_CHANGE_ROWS]:
        label = e.instrument
        if changes.catalog is not None:
            label = changes.catalog.instrument(e.instrument).mtdsg or e.instrument
        about = event_detail(e, en)
        detail = f"  {about}" if about else ""
        lines.append(f"  {e.date.isoformat()}  {e.state}  {label:<11}{e.action.value}{detail}")
    if len(changes) > _CHANGE_ROWS:
        lines.append(f"  … {len(changes) - _CHANGE_ROWS} more")
    return "\n".join(lines)


def changes_html(changes: ChangeList) -> str:
    from ratify.present.i18n import language
    from ratify.present.phrases import event_detail

    en = language("en")
    rows = []
    cat = changes.catalog
    for e in changes:
        st = cat.find_state(e.state) if cat is not None else None
        inst = cat.instrument(e.instrument) if cat is not None else None
        rows.append({"event": e, "state_name": st.name.en if st else None,
                     "label": (inst.mtdsg or inst.id) if inst else e.instrument,
                     "name": inst.short_name.en if inst else None, "detail": event_detail(e, en)})
    return render("changes.html.j2", rows=rows, caption=_changes_caption(changes))


_CHANGE_ROWS = 30
