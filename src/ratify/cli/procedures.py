"""`ratify procedures`: which complaint and inquiry procedures a state has accepted, as of a date."""

from __future__ import annotations

import argparse
import sys

from ratify.cli.options import add_as_of, add_data, add_format, load_catalog
from ratify.present.i18n import available_languages

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("procedures", help="the complaint and inquiry procedures a state has accepted",
                       description="For each individual-communications, inter-state-communications and "
                       "inquiry procedure of the instruments: how a state accepts it (party to a protocol, a "
                       "declaration under an article, or with participation unless it opts out), whether STATE "
                       "had accepted it on the date, since when, and the record it rests on.")
    p.add_argument("state", metavar="STATE", help="any name of the state: KAZ, KZ, Kazakhstan, Казахстан, …")
    add_as_of(p, "answer")
    add_format(p)
    p.add_argument("--lang", choices=available_languages(), default="en",
                   help="language of the text table (default: en; more with $RATIFY_LOCALE_PATH)")
    add_data(p)
    p.set_defaults(run=_procedures)


def _procedures(args: argparse.Namespace) -> int:
    from ratify.present.procedures import caption, export_procedures_csv, procedures_json, procedures_text

    cat = load_catalog(args)
    state = cat.state(args.state)
    if args.format == "csv":
        sys.stdout.write(export_procedures_csv(cat, state, args.as_of))
    elif args.format == "json":
        sys.stdout.write(procedures_json(cat, state, args.as_of))
    else:
        found = cat.procedures(state, args.as_of)
        sys.stdout.write(caption(state.name.get(args.lang), state.alpha3, args.as_of, args.lang) + "\n\n")
        sys.stdout.write(procedures_text(found, args.lang))
    return 0
