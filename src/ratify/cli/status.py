"""`ratify status`: where a state stands towards each instrument, as of a date.

The command asked most often, by people and by scripts: a module of its own, so that answering
builds one parser, and reads the status table of the data's snapshot (`ratify.query.load.status_table`)
without making a record.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ratify.cli.options import add_as_of, add_data, add_format, say_origin
from ratify.cli.output import render_rows
from ratify.present.i18n import available_languages, language

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("status", help="a state's status in each instrument, as of a date",
                       description="Print where STATE stands towards each instrument (or those named): "
                       "signature, consent and its kind, entry into force, status.")
    p.add_argument("state", metavar="STATE", help="any name of the state: KAZ, KZ, Kazakhstan, Казахстан, …")
    p.add_argument("instruments", metavar="INSTRUMENT", nargs="*", default=[],  # a default: optional for argparse
                   help="instruments to show (default: every binding instrument): V-2, ICCPR, …")
    add_as_of(p)
    p.add_argument("--lang", choices=available_languages(), default="en",
                   help="language of the text output: heading, column names, statuses and notes (default: en; "
                   "CSV and JSON keep their English keys and values; more with $RATIFY_LOCALE_PATH)")
    add_format(p)
    add_data(p)
    p.set_defaults(run=_status)


def _status(args: argparse.Namespace) -> int:
    from ratify.present import console
    from ratify.query.load import status_table

    lg = language(args.lang)
    table = status_table(args.data, bundled=args.bundled)  # no record made, no attrs imported
    say_origin(table.origin, args.lang)
    state = table.state(args.state)
    instruments = table.instruments(args.instruments or None)
    text = args.format == "text"  # for people: in the language asked for; CSV and JSON keep the keys and values
    words = lg if text else language("en")
    rows = []
    on = args.as_of or dt.date.today()
    for f in table.facts(state, instruments, args.as_of):
        consent = console.consent_cell(f.consent, f.consent_kind, words) \
            if f.consent is not None and f.consent_kind is not None else None
        eif = None
        if consent and (f.entry_into_force or f.entry_into_force_unknown):
            eif = console.entry_into_force_cell(f.entry_into_force, f.entry_into_force_recorded, words)
        # the record contradicts the state's other records: say so, never leave it bare
        note = console.conflict_note(f.conflicts, words) if f.conflicts else None
        rows.append((f.mtdsg or f.instrument, f.name_in(lg.code if text else "en"),
                     console.status_cell(f.status, lg) if text else f.status.value, f.signature, consent, eif,
                     f.record_date, note))
    headers: tuple[str, ...] = console.STATUS_HEADERS
    if text:
        headers = console.status_headers(lg)
        sys.stdout.write(console.status_heading(table.state_name(state, lg.code), state, args.as_of, on, lg) + "\n\n")
    sys.stdout.write(render_rows(headers, rows, args.format, raw=args.raw))
    return 0
