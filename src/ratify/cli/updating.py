"""`ratify update`: bring a data folder current from the depositary's live status pages.

Exit status: 0 done (or nothing to change, or a dry run); 1 a page that came but could not be read,
an invalid folder or another error — nothing written; 2 a usage error; 3 the depositary could not
be reached or did not give a page (no network, refused, timed out, HTTP error) — nothing written;
4 with --keep-going, some treaties failed (listed) and the others were written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ratify.errors import UnreachableError, UpdateError
from ratify.present.i18n import Lang, available_languages, language
from ratify.store.location import DATA_VARIABLE

if TYPE_CHECKING:
    from ratify.untc.update import UpdateStep

__all__ = ["EXIT_NETWORK", "EXIT_PARTIAL", "register"]

EXIT_NETWORK = 3
EXIT_PARTIAL = 4


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value < 0:
        raise argparse.ArgumentTypeError("the pause cannot be negative")
    return value


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "update", help="fetch the depositary's current status pages and import them (uses the network)",
        description="Fetch the UN Treaty Collection's current status page of each treaty named (an MTDSG "
        "number like IV-2, or any name of an instrument of the folder) — or, with none named, of every "
        "instrument of the folder that has an MTDSG number — and import it as `ratify import-untc` does: the "
        "changes printed, curated fields kept, a page older than the folder's table skipped, every file "
        "written or none. Each page is kept as fetched under DIR/fetched/. The only command that uses the "
        "network. Exit status: 0 done, 1 a page could not be read (nothing written), 3 the depositary "
        "could not be reached or gave no page (nothing written), 4 with --keep-going some failed.")
    p.add_argument("treaties", metavar="MTDSG", nargs="*", default=[], help="treaties to update or add: IV-2, V-2, ICCPR, …")
    p.add_argument("--data", metavar="DIR", type=Path,
                   help=f"the folder to update (default: ${DATA_VARIABLE}, else your data folder, created from "
                   "the bundled snapshot on first use; the bundled snapshot itself is never written)")
    p.add_argument("--dry-run", action="store_true", help="fetch and print the changes; write nothing at all")
    p.add_argument("--keep-going", action="store_true",
                   help="if a treaty fails, import the others and list the failures (exit status 4)")
    p.add_argument("--url", metavar="URL",
                   help="the depositary's base URL (default: $RATIFY_UNTC_URL, else https://treaties.un.org); "
                   "http:// only for a server on this machine")
    p.add_argument("--pause", metavar="SECONDS", type=_seconds, default=None,
                   help="the pause between two requests (default: 1)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    p.add_argument("--lang", choices=available_languages(), default="en",
                   help="language of the progress, changes, notes and summary (default: en)")
    p.set_defaults(run=_update)


def _progress(lang: Lang) -> Callable[[str, UpdateStep], None]:
    from ratify.present.console import progress_line
    from ratify.present.imports import step_text

    def say(mtdsg: str, step: UpdateStep) -> None:
        print(progress_line(mtdsg, step_text(step, lang), lang), file=sys.stderr, flush=True)

    return say


def _update(args: argparse.Namespace) -> int:
    from ratify.cli.options import describe_origin
    from ratify.present.console import error_line, unreachable_line
    from ratify.present.differences import difference_text
    from ratify.present.imports import created_folder_text, failure_text, note_line, update_summary
    from ratify.untc.fetch import FetchSettings
    from ratify.untc.update import update

    options: dict[str, object] = {}
    if args.url:
        options["base_url"] = args.url
    if args.pause is not None:
        options["pause"] = args.pause
    settings = FetchSettings(**options)  # type: ignore[arg-type]
    lg = language(args.lang)
    try:
        report = update(args.treaties, args.data, dry_run=args.dry_run, keep_going=args.keep_going,
                        settings=settings, progress=None if args.quiet else _progress(lg))
    except UnreachableError as exc:
        print(unreachable_line(str(exc), language("en")), file=sys.stderr)  # as every error: in English
        return EXIT_NETWORK
    except UpdateError as exc:
        print(error_line(str(exc), language("en")), file=sys.stderr)
        return EXIT_NETWORK if exc.network else 1
    print(describe_origin(report.origin, args.lang), file=sys.stderr)
    if report.created_folder:
        print(created_folder_text(report.origin.path, lg), file=sys.stderr)
    imported = report.imported
    if imported is not None and not args.quiet:
        for difference in imported.differences:
            print(difference_text(difference, lg))
        for note in imported.notes:
            print(note_line(note, lg), file=sys.stderr)
    for failure in report.failures:
        print(failure_text(failure, lg), file=sys.stderr)
    print(update_summary(report, lg))
    return EXIT_PARTIAL if report.failures else 0
