"""Sub-commands of the gap analysis: gaps, matrix, changes."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable

from ratify.cli.options import add_as_of, add_data, add_format, iso_date, load_catalog
from ratify.cli.output import render_rows
from ratify.model.records import Instrument, Status
from ratify.present.gaps import basis_text, relation_text, step_text
from ratify.present.i18n import Lang, available_languages, language
from ratify.present.notebook import legend
from ratify.present.phrases import event_detail
from ratify.present.vocabulary import GAP_LABELS, status_label, symbol

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
                   help="a group: almaty-process, central-asia, … (default: every state)")
    add_as_of(p)
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
             lg.gettext(GAP_LABELS[g.kind]) if text else g.kind.value,
             status_label(g.status, lg) if text else g.status.value,
             lg.date(g.since) if text else g.since, g.years, step_text(g, lg),
             "; ".join(basis_text(b, lg) for b in g.basis) or None) for g in gaps]
    headers = ("instrument", "name", "gap", "status", "since", "years", "next step", "basis")
    if text:  # for people: in the language asked for; CSV and JSON keep the field names and codes
        headers = (lg.gettext("instrument"), lg.gettext("name"), lg.gettext("gap"), lg.gettext("status"),
                   lg.gettext("since"), lg.gettext("years"), lg.gettext("next step"), lg.gettext("basis"))
        when = lg.date(args.as_of) if args.as_of else lg.gettext("today")
        head = lg.ngettext("%(state)s (%(code)s), as of %(date)s: %(num)d gap",
                           "%(state)s (%(code)s), as of %(date)s: %(num)d gaps", len(gaps),
                           state=state.name.get(code), code=state.alpha3, date=when)
        sys.stdout.write(head + "\n\n")
    sys.stdout.write(render_rows(headers, rows, args.format))
    if text:
        notes = dict.fromkeys(relation_text(r, lg) for g in gaps for r in g.relations)
        if notes:
            sys.stdout.write("\n" + "\n".join(lg.gettext("note: %(text)s") % {"text": n} for n in notes) + "\n")
        sys.stdout.write(_checked([g.instrument for g in gaps], args.as_of, lg))
    return 0


def _matrix(args: argparse.Namespace) -> int:
    cat = load_catalog(args)
    m = cat.matrix(group=args.group, instruments=cat.instruments_of(binding=True), as_of=args.as_of)
    text = args.format == "text"
    headers = ("state", "name", *(i.mtdsg or i.id for i in m.instruments), "parties", "coverage")
    rows = []
    for st, statuses in zip(m.states, m.cells, strict=True):
        cells = [symbol(s) if text else s.value for s in statuses]
        parties = m.counts(st)[Status.PARTY]
        coverage = f"{m.coverage(st):.0%}" if text else round(m.coverage(st), 4)
        rows.append((st.alpha3, st.name.en, *cells, parties, coverage))
    if text:
        sys.stdout.write(f"{len(m.states)} states × {len(m.instruments)} instruments, as of {m.as_of}\n\n")
    sys.stdout.write(render_rows(headers, rows, args.format))
    if text:
        sys.stdout.write("\n" + legend() + "\n")
        sys.stdout.write(_checked(m.instruments, args.as_of))
    return 0


def _checked(instruments: Iterable[Instrument], as_of: dt.date | None, lang: Lang | None = None) -> str:
    """A line naming the instruments whose participant data was last checked before the date asked for."""
    lg = lang or language("en")
    on = as_of or dt.date.today()
    stale = {i.mtdsg or i.id: i.as_of for i in instruments if i.as_of and i.as_of < on}
    if not stale:
        return ""
    listed = ", ".join(f"{k} {v}" for k, v in stale.items())
    return lg.gettext("data last checked against the depositary: %(list)s") % {"list": listed} + "\n"


def _changes(args: argparse.Namespace) -> int:
    cat = load_catalog(args)
    events = cat.changes(since=args.since, until=args.until, group=args.group)
    en = language("en")
    rows = [(e.date, e.state, cat.instrument(e.instrument).mtdsg or e.instrument, e.action.value,
             event_detail(e, en)) for e in events]
    if args.format == "text":
        until = args.until.isoformat() if args.until else "today"
        plural = "" if len(events) == 1 else "s"
        sys.stdout.write(f"{len(events)} event{plural} from {args.since} to {until}\n\n")
    sys.stdout.write(render_rows(("date", "state", "instrument", "action", "detail"), rows, args.format))
    return 0
