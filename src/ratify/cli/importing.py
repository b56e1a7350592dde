"""`ratify import-untc`: depositary status files into a data folder, with what changed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ratify.cli.options import iso_date
from ratify.present.i18n import available_languages, language

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "import-untc", help="add or update instruments from UN Treaty Collection status files",
        description="Read UN Treaty Collection status files (MTDSG XML or the HTML status page), print what "
        "changes against the data folder — new participants, changed dates or kinds, renamed participants, "
        "new or withdrawn reservations — and write the instrument files, all or none. Curated fields "
        "(Russian titles, summaries, notes, corrections) are kept. Start a folder with `ratify init DIR`.")
    p.add_argument("files", metavar="FILE", nargs="+", type=Path)
    p.add_argument("--data", metavar="DIR", type=Path, required=True, help="the data folder to update")
    p.add_argument("--dry-run", action="store_true", help="print the changes, write nothing")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", type=iso_date, dest="as_of",
                   help="the date of files that carry no 'status as at' stamp (XML); default: today")
    p.add_argument("--force", action="store_true", help="import files older than the folder's own tables too")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    p.add_argument("--lang", choices=available_languages(), default="en",
                   help="language of the changes, notes and summary (default: en)")
    p.set_defaults(run=_import)


def _progress(i: int, n: int, name: str) -> None:
    if n > 1 and sys.stderr.isatty():
        sys.stderr.write(f"\r[{i}/{n}] {Path(name).name[:60]:<60}")
        if i == n:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _import(args: argparse.Namespace) -> int:
    from ratify.present.differences import difference_text
    from ratify.present.imports import import_summary, note_line
    from ratify.untc.importer import import_untc  # the readers load when a file is read, not with `--help`

    report = import_untc(args.files, args.data, dry_run=args.dry_run, as_of=args.as_of,
                         force=args.force, progress=_progress)
    lg = language(args.lang)
    if not args.quiet:
        for difference in report.differences:
            print(difference_text(difference, lg))
        for note in report.notes:
            print(note_line(note, lg), file=sys.stderr)
    print(import_summary(len(args.files), report, lg, dry_run=args.dry_run))
    return 0
