"""Options that several sub-commands share, and how their values are read."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ratify.query.catalog import Catalog

__all__ = ["add_as_of", "add_data", "add_format", "add_raw", "iso_date", "load_catalog"]


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (write it as YYYY-MM-DD)") from None


def add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", metavar="DIR", type=Path, help="a data folder (default: the bundled dataset)")


def add_as_of(parser: argparse.ArgumentParser, what: str = "status") -> None:
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", type=iso_date, dest="as_of",
                        help=f"the date the {what} is for (default: today)")


def add_format(parser: argparse.ArgumentParser, choices: tuple[str, ...] = ("text", "csv", "json")) -> None:
    parser.add_argument("--format", choices=choices, default=choices[0], help=f"output format (default: {choices[0]})")
    if "csv" in choices:
        add_raw(parser)


def add_raw(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw", action="store_true",
                        help="CSV: write every value exactly as it is (by default a text cell starting with "
                        "= + - @, a tab, a line break or a quote gets a leading quote, so that a spreadsheet "
                        "does not run it as a formula)")


def load_catalog(args: argparse.Namespace) -> Catalog:
    from ratify.query.load import load

    return load(args.data)
