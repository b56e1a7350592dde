"""`ratify import-untc`: depositary status files into a data folder, with what changed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ratify.cli.options import iso_date

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
    p.set_defaults(run=_import)


def _progress(i: int, n: int, name: str) -> None:
    if n > 1 and sys.stderr.isatty():
        sys.stderr.write(f"\r[{i}/{n}] {Path(name).name[:60]:<60}")
        if i == n:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _import(args: argparse.Namespace) -> int:
    from ratify.untc.importer import import_untc  # the readers load when a file is read, not with `--help`

    report = import_untc(args.files, args.data, dry_run=args.dry_run, as_of=args.as_of,
                         force=args.force, progress=_progress)
    if not args.quiet:
        for change in report.changes:
            print(change)
        for note in report.notes:
            print(f"note: {note}", file=sys.stderr)
    verb = "would write" if args.dry_run else "wrote"
    created = f", {len(report.created)} new instrument{'s' if len(report.created) != 1 else ''}" \
        if report.created else ""
    print(f"{len(args.files)} file{'s' if len(args.files) != 1 else ''} read, {len(report.changes)} "
          f"change{'s' if len(report.changes) != 1 else ''}{created}; {verb} {len(report.written)} "
          f"instrument file{'s' if len(report.written) != 1 else ''}")
    return 0
