"""Sub-commands over the catalogue itself: status, validate, init."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ratify.cli.options import add_as_of, add_data, add_format, load_catalog, say_origin
from ratify.cli.output import render_rows
from ratify.errors import RatifyError, Severity

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("status", help="a state's status in each instrument, as of a date",
                       description="Print where STATE stands towards each instrument (or those named): "
                       "signature, consent and its kind, entry into force, status.")
    p.add_argument("state", metavar="STATE", help="any name of the state: KAZ, KZ, Kazakhstan, Казахстан, …")
    p.add_argument("instruments", metavar="INSTRUMENT", nargs="*", default=[],  # a default: optional for argparse
                   help="instruments to show (default: every binding instrument): V-2, ICCPR, …")
    add_as_of(p)
    add_format(p)
    add_data(p)
    p.set_defaults(run=_status)

    p = sub.add_parser("validate", help="check a data folder and list every problem",
                       description="Check every file of a data folder and print every problem found, "
                       "each with its file, field and reason. Exit status 1 if any is an error.")
    p.add_argument("dir", metavar="DIR", nargs="?", type=Path,
                   help="the data folder (default: as for every command: $RATIFY_DATA, your data folder, the "
                   "bundled snapshot)")
    p.add_argument("--bundled", action="store_true", help="check the snapshot that ships with ratify")
    p.set_defaults(run=_validate)

    p = sub.add_parser("init", help="copy the bundled dataset into a folder of your own",
                       description="Copy the bundled dataset into DIR (a new or empty folder), to extend it "
                       "with `ratify import-untc` and load it with `--data DIR`.")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.set_defaults(run=_init)

    p = sub.add_parser("cache", help="where the cache of parsed data files is, and how big; --clear empties it",
                       description="Data files whose exact bytes were parsed before are read from a cache "
                       "(RATIFY_CACHE_DIR, else the user cache folder; RATIFY_CACHE=0 turns it off). "
                       "Print where it is and what it holds, or empty it.")
    p.add_argument("--clear", action="store_true", help="remove every entry")
    p.set_defaults(run=_cache)


def _status(args: argparse.Namespace) -> int:
    cat = load_catalog(args)
    state = cat.state(args.state)
    instruments = cat.instruments_of(args.instruments or None, binding=None if args.instruments else True)
    rows = []
    on = args.as_of or dt.date.today()
    for inst in instruments:
        p = cat.participation(state, inst)
        status = cat.status(state, inst, args.as_of)
        signature = p.signature if p and p.signature and p.signature <= on else None
        consent = f"{p.consent.date} {p.consent.kind.value}" if p and p.consent and p.consent.date <= on else None
        eif = None
        if consent and p and p.entry_into_force:
            eif = f"{p.entry_into_force}" + ("" if p.entry_into_force_recorded else " (computed)")
        elif consent and p and p.entry_into_force_unknown:
            eif = "unknown (no rule)"
        conflicts = cat.record_conflicts(state, inst, on) if inst.binding else ()
        note = None
        if conflicts:  # the record contradicts the state's other records: say so, never leave it bare
            note = (f"record inconsistent, likely out of date: party to {', '.join(conflicts)}, "
                    f"which require{'s' if len(conflicts) == 1 else ''} it")
        rows.append((inst.mtdsg or inst.id, inst.short_name.en, status.value, signature, consent, eif,
                     cat.record_date(inst), note))
    headers = ("instrument", "name", "status", "signature", "consent", "in force for the state", "record as at",
               "note")
    when = args.as_of.isoformat() if args.as_of else f"today ({on.isoformat()})"
    if args.format == "text":
        sys.stdout.write(f"{state.name.en} ({state.alpha3}), as of {when}, from the depositary's records as at "
                         "the dates of the column \"record as at\"\n\n")
    sys.stdout.write(render_rows(headers, rows, args.format, raw=args.raw))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from ratify.store.location import data_folder
    from ratify.store.read import validate

    if args.bundled and args.dir is not None:
        raise RatifyError("give a folder or --bundled, not both")
    origin = data_folder(args.dir, bundled=args.bundled)
    say_origin(origin)
    problems = validate(origin.path)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    for p in problems:  # the report is the command's output: errors and warnings alike, on stdout
        print(p)
    where = args.dir or origin.path
    if errors:
        print(f"{where}: {len(errors)} error{'s' if len(errors) != 1 else ''}, "
              f"{len(problems) - len(errors)} warning{'s' if len(problems) - len(errors) != 1 else ''}")
        return 1
    print(f"{where}: valid ({len(problems)} warning{'s' if len(problems) != 1 else ''})")
    return 0


def _init(args: argparse.Namespace) -> int:
    from ratify.resources import bundled_data
    from ratify.store.transaction import create_folder

    create_folder(bundled_data(), args.dir)
    print(f"copied the bundled dataset to {args.dir}")
    return 0


def _cache(args: argparse.Namespace) -> int:
    from ratify.store.cache import FileCache, cache_folder, cache_problem

    folder = cache_folder()
    if folder is None:
        print("cache turned off (RATIFY_CACHE=0)")
        return 0
    problem = cache_problem()
    if problem is not None:
        print(f"cache not used: {problem}; data files are parsed every time (point RATIFY_CACHE_DIR at a "
              "private folder of yours, or set RATIFY_CACHE=0)")
        return 0
    cache = FileCache(folder)
    with cache:
        if args.clear:
            n = cache.clear()
            print(f"{cache.folder}: {n} entr{'ies' if n != 1 else 'y'} removed")
            return 0
        entries, size = cache.size()
    print(f"{cache.folder}: {entries} entr{'ies' if entries != 1 else 'y'}, {size / 1e6:.1f} MB"
          + ("" if entries else " (nothing cached yet)"))
    return 0
