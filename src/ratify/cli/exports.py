"""`ratify export`: the catalogue for other tools, as JSON (the whole record) or CSV (a status table)."""

from __future__ import annotations

import argparse
import sys

from ratify.cli.options import add_as_of, add_data, add_raw, load_catalog
from ratify.present.console import wrote_export_text
from ratify.present.export import export_csv, export_json
from ratify.present.i18n import language
from ratify.store.atomic import atomic_write

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "export", help="the data for other tools: JSON (everything, round-trippable) or CSV (a status table)",
        description="Write the catalogue as JSON — every instrument, state, group, source and participation, "
        "in the documented schema (docs/export-schema.md) that ratify.load_json() reads back — or as CSV: "
        "one row per state × instrument with its status, dates, consent kind and number of reservations "
        "as of a date.")
    p.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default: json)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write to FILE, a regular file (atomically; a link's target is replaced) instead of "
                   "standard output (- or no -o)")
    p.add_argument("--table", choices=("status", "procedures"), default="status",
                   help="the CSV table: each state's status in each instrument (default), or each state's "
                   "complaint and inquiry procedures")
    p.add_argument("--group", metavar="G", help="the procedures table for a group's states only (default: every state)")
    add_as_of(p, "status table (csv only)")
    add_raw(p)
    add_data(p)
    p.set_defaults(run=_export, parser=p)


def _export(args: argparse.Namespace) -> int:
    if args.as_of is not None and args.format != "csv":
        args.parser.error("--as-of applies to --format csv only (the JSON export is the whole record)")
    if (args.table != "status" or args.group) and args.format != "csv":
        args.parser.error("--table and --group apply to --format csv only")
    if args.group and args.table != "procedures":
        args.parser.error("--group applies to --table procedures")
    cat = load_catalog(args)
    if args.table == "procedures":
        from ratify.present.procedures import export_procedures_csv

        text = export_procedures_csv(cat, cat.states_of(args.group), args.as_of, raw=args.raw)
    else:
        text = export_json(cat) if args.format == "json" else export_csv(cat, args.as_of, raw=args.raw)
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return 0
    atomic_write(args.output, text)
    count = len(cat.participations) if args.format == "json" else text.count("\n") - 1
    print(wrote_export_text(args.output, args.format, count, language("en")), file=sys.stderr)
    return 0
