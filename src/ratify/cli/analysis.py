"""Sub-commands of the gap analysis: gaps, matrix, changes."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable

from ratify.cli.options import add_as_of, add_data, add_format, iso_date, load_catalog
from ratify.cli.output import render_rows
from ratify.model.enums import GapKind, Status
from ratify.model.records import Instrument
from ratify.present import console
from ratify.present.gaps import basis_text, relation_text, step_text
from ratify.present.i18n import Lang, available_languages, language
from ratify.present.phrases import event_detail
from ratify.present.vocabulary import ACTION_LABELS, gap_label, symbol

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("gaps", help="what a state has not done, in the order to act on it",
                       description="List the gaps of STATE in the binding instruments: no action, signed "
                       "but not ratified, not yet in force, denounced, a prerequisite missing, or a "
                       "reservation that limits the scope; prerequisites first, each with the next step.")
    p.add_argument("state", metavar="STATE", help="any name of the state: UZB, UZ, Uzbekistan, Узбекистан, …")
    add_as_of(p, "gap analysis")
    p.add_argument("--lang", choices=available_languages(), default="en",
                   help="language of the text, names and steps (default: en; more with $RATIFY_LOCALE_PATH)")
    add_format(p)
    add_data(p)
    p.set_defaults(run=_gaps)

    p = sub.add_parser("matrix", help="states × instruments, with each state's coverage",
                       description="Print the status of each state (of a group, or all) in each binding "
                       "instrument, with coverage (the share of the instruments it is party to).")
    p.add_argument("--group", metavar="G",
                   help="a group, by id or name (default: every state)")
    add_as_of(p)
    p.add_argument("--lang", choices=available_languages(), default="en",
                   help="language of the text output (default: en; more with $RATIFY_LOCALE_PATH)")
    add_format(p)
    add_data(p)
    p.set_defaults(run=_matrix)

    p = sub.add_parser("changes", help="every event in a window of dates",
                       description="List every signature, consent, entry into force, denunciation and "
                       "statement dated from --since to --until (both included), in date order.")
    p.add_argument("--since", metavar="YYYY-MM-DD", type=iso_date, required=True,
                   help="first day of the window")
    p.add_argument("--until", metavar="YYYY-MM-DD", type=iso_date,
                   help="last day of the window (default: today)")
    p.add_argument("--group", metavar="G", help="a group (default: every state)")
    p.add_argument("--lang", choices=available_languages(), default="en",
                   help="language of the text output (default: en; more with $RATIFY_LOCALE_PATH)")
    add_format(p)
    add_data(p)
    p.set_defaults(run=_changes)


def _gaps(args: argparse.Namespace) -> int:
    cat = load_catalog(args)
    state = cat.state(args.state)
    lg = language(args.lang)
    code = lg.code
    text = args.format == "text"
    gaps = cat.gaps(state, as_of=args.as_of)
    rows = [(g.instrument.mtdsg or g.instrument.id, g.instrument.short_name.get(code),
             gap_label(g, lg) if text else g.kind.value,
             console.gap_status_cell(g.status, g.kind is GapKind.ENTRY_INTO_FORCE_UNKNOWN, lg) if text
             else g.status.value,
             lg.date(g.since) if text else g.since, g.years,
             lg.date(g.record_as_of) if text else g.record_as_of, step_text(g, lg),
             "; ".join(basis_text(b, lg) for b in g.basis) or None) for g in gaps]
    # for people: in the language asked for; CSV and JSON keep the field names and codes
    headers = console.headers(console.GAPS_HEADERS, lg) if text else console.GAPS_HEADERS
    if text:
        sys.stdout.write(console.gaps_heading(state.name.get(code), state.alpha3, args.as_of, len(gaps), lg) + "\n\n")
    sys.stdout.write(render_rows(headers, rows, args.format, raw=args.raw))
    if text:
        notes = dict.fromkeys(relation_text(r, lg) for g in gaps for r in g.relations)
        if notes:
            sys.stdout.write("\n" + console.note_lines(list(notes), lg) + "\n")
        sys.stdout.write(_checked([g.instrument for g in gaps], args.as_of, lg))
    return 0


def _matrix(args: argparse.Namespace) -> int:
    cat = load_catalog(args)
    lg = language(args.lang)
    m = cat.matrix(group=args.group, as_of=args.as_of)  # the binding instruments (the matrix's own rule)
    text = args.format == "text"
    headers = console.matrix_headers([i.mtdsg or i.id for i in m.instruments], lg if text else language("en"))
    rows = []
    for st, statuses in zip(m.states, m.cells, strict=True):
        cells = [symbol(s, lg) if text else s.value for s in statuses]
        parties = m.counts(st)[Status.PARTY]
        coverage = lg.percent(m.coverage(st)) if text else round(m.coverage(st), 4)
        rows.append((st.alpha3, st.name.get(lg.code) if text else st.name.en, *cells, parties, coverage))
    if text:
        sys.stdout.write(console.matrix_heading(len(m.states), len(m.instruments), m.as_of, lg) + "\n\n")
    sys.stdout.write(render_rows(headers, rows, args.format, raw=args.raw))
    if text:
        sys.stdout.write("\n" + console.legend_text(lg) + "\n")
        sys.stdout.write(_checked(m.instruments, args.as_of, lg))
    return 0


def _checked(instruments: Iterable[Instrument], as_of: dt.date | None, lang: Lang | None = None) -> str:
    """A line naming the instruments whose participant data was last checked before the date asked for."""
    on = as_of or dt.date.today()
    stale = {i.mtdsg or i.id: i.as_of for i in instruments if i.as_of and i.as_of < on}
    return console.checked_text(stale, lang or language("en")) + ("\n" if stale else "")


def _changes(args: argparse.Namespace) -> int:
    cat = load_catalog(args)
    lg = language(args.lang)
    text = args.format == "text"
    events = cat.changes(since=args.since, until=args.until, group=args.group)
    rows = [(lg.date(e.date) if text else e.date, e.state, cat.instrument(e.instrument).mtdsg or e.instrument,
             lg.gettext(ACTION_LABELS[e.action]) if text else e.action.value,
             event_detail(e, lg) if text else event_detail(e, language("en")),
             lg.date(cat.record_date(e.instrument)) if text else cat.record_date(e.instrument)) for e in events]
    headers = console.headers(console.CHANGES_HEADERS, lg) if text else console.CHANGES_HEADERS
    if text:
        sys.stdout.write(console.changes_heading(len(events), args.since, args.until, lg) + "\n\n")
    sys.stdout.write(render_rows(headers, rows, args.format, raw=args.raw))
    return 0
