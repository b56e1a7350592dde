"""Options that several sub-commands share, and how their values are read."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ratify.store.location import DATA_VARIABLE, DataOrigin, Origin

if TYPE_CHECKING:  # the catalogue's modules load with the data, not with the parser
    from ratify.query.catalog import Catalog

__all__ = ["add_as_of", "add_data", "add_format", "add_raw", "describe_origin", "iso_date", "load_catalog",
           "say_origin"]


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (write it as YYYY-MM-DD)") from None


def add_data(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--data", metavar="DIR", type=Path,
                       help=f"a data folder (default: ${DATA_VARIABLE}, else your data folder kept current by "
                       "`ratify update` if it exists, else the bundled snapshot)")
    group.add_argument("--bundled", action="store_true",
                       help="read the snapshot that ships with ratify, whatever else is set")


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


def describe_origin(origin: Origin, lang: str = "en") -> str:
    """Which data folder, and why, in one line (in the language `lang`)."""
    from ratify import __version__
    from ratify.present.console import origin_text
    from ratify.present.i18n import language

    return origin_text(origin, __version__, DATA_VARIABLE, language(lang))


def say_origin(origin: Origin | None, lang: str = "en") -> None:
    """Print on stderr which data folder is read, unless it is the bundled snapshot (the quiet default)."""
    if origin is not None and origin.kind is not DataOrigin.BUNDLED:
        print(describe_origin(origin, lang), file=sys.stderr)


def load_catalog(args: argparse.Namespace) -> Catalog:
    """The catalogue of --data, --bundled or the default folder; says which on stderr (in --lang, if any)."""
    from ratify.query.load import load

    cat = load(args.data, bundled=getattr(args, "bundled", False))
    say_origin(cat.origin, getattr(args, "lang", None) or "en")
    return cat
