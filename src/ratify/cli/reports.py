"""Sub-commands that write documents: `brief` (a country brief) and `report` (a regional report)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ratify.cli.options import add_data, iso_date, load_catalog
from ratify.present.i18n import available_languages

__all__ = ["register"]

_FORMATS = ("html", "md", "docx", "pdf")
_BINARY = {"docx": "Word", "pdf": "PDF"}  # formats that are bytes: never to a terminal
_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".docx": "docx", ".pdf": "pdf"}


def _common(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--lang", choices=available_languages(), default="en",
                       help="language of the document (default: en; more with $RATIFY_LOCALE_PATH)")
    p.add_argument("--format", choices=_FORMATS, dest="format",
                   help="html (print-ready), md (Markdown), docx (Word; needs -o) or pdf (needs -o and the "
                   "pdf extra: pip install 'ratify-treaties[pdf]') "
                   "(default: from the suffix of -o, else html)")
    p.add_argument("-o", "--output", metavar="FILE", type=Path,
                   help="write the document to FILE, a regular file (replaced only once it is complete; "
                   "a link's target is replaced); - or no -o: standard output")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", type=iso_date, dest="as_of",
                   help=f"the date the statuses and gaps of the {what} are for (default: --date)")
    p.add_argument("--date", metavar="YYYY-MM-DD", type=iso_date,
                   help=f"the date printed on the {what} (default: today)")
    p.add_argument("--templates", metavar="DIR", type=Path,
                   help="a folder of your own jinja2 templates (brief.html.j2, report.md.j2, …; rendered sandboxed)")
    add_data(p)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("brief", help="a country brief in English or Russian: HTML, Markdown, Word or PDF",
                       description="Write the country brief of STATE: the status of every instrument, the gaps "
                       "and next steps with the paragraph of the document that recommends each, the state's role "
                       "in the data's default group and the state among it, a chronology and the sources.")
    p.add_argument("state", metavar="STATE", help="any name of the state: KAZ, KZ, Kazakhstan, Казахстан, …")
    p.add_argument("--since", metavar="YYYY-MM-DD", type=iso_date,
                   help="the date of the previous review: the first section then gives the status at that date, "
                   "the action since and what is not ratified, as the UN's compilation for the UPR does")
    _common(p, "brief")
    p.set_defaults(run=_brief)

    p = sub.add_parser("report", help="a regional report: matrix, changes since a date, each state's gaps",
                       description="Write the regional report of a group: who is party to what (with coverage), "
                       "every action since --since, and each state's open gaps.")
    p.add_argument("--group", metavar="G",
                   help="the group, by id or name (default: the group groups.toml marks as the default)")
    p.add_argument("--since", metavar="YYYY-MM-DD", type=iso_date,
                   help="start of the changes (default: the adoption of the group's baseline document)")
    _common(p, "report")
    p.set_defaults(run=_report)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if not _to_stdout(args):
        return _SUFFIXES.get(args.output.suffix.lower(), "html")
    return "html"


def _emit(args: argparse.Namespace, fmt: str, document: str | bytes) -> int:
    from ratify.present.console import wrote_text
    from ratify.present.i18n import language
    from ratify.store.atomic import atomic_write

    if not _to_stdout(args):
        atomic_write(args.output, document)
        print(wrote_text(args.output, language(args.lang)), file=sys.stderr)
        return 0
    payload = document.encode("utf-8") if isinstance(document, str) else document
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:  # UTF-8 whatever the terminal's locale: the document says <meta charset="utf-8">
        sys.stdout.flush()
        buffer.write(payload)
        buffer.flush()
    elif isinstance(document, bytes):
        from ratify.errors import ReportError

        raise ReportError(f"a {_BINARY[fmt]} document cannot go to this output: give -o FILE.{fmt}")
    else:
        sys.stdout.write(document)
    return 0


def _to_stdout(args: argparse.Namespace) -> bool:
    """No -o, or `-o -`: the document goes to standard output."""
    return args.output is None or str(args.output) == "-"


def _check(args: argparse.Namespace, fmt: str) -> None:
    from ratify.errors import ReportError

    if fmt in _BINARY and args.output is None:  # an explicit `-o -` does send it to standard output
        raise ReportError(f"a {_BINARY[fmt]} document cannot go to the terminal: give -o FILE.{fmt}")


def _brief(args: argparse.Namespace) -> int:
    from ratify.present.documents import render_brief

    fmt = _format(args)
    _check(args, fmt)
    cat = load_catalog(args)
    document = render_brief(cat, args.state, lang=args.lang, fmt=fmt, as_of=args.as_of, date=args.date,
                            templates=args.templates, since=args.since)
    return _emit(args, fmt, document)


def _report(args: argparse.Namespace) -> int:
    from ratify.present.documents import render_report

    fmt = _format(args)
    _check(args, fmt)
    cat = load_catalog(args)
    document = render_report(cat, args.group, lang=args.lang, fmt=fmt, since=args.since, as_of=args.as_of,
                             date=args.date, templates=args.templates)
    return _emit(args, fmt, document)
