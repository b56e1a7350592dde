"""Sub-commands over the data folder and the cache: validate, init, cache."""

from __future__ import annotations

import argparse
from pathlib import Path

from ratify.cli.options import say_origin
from ratify.errors import RatifyError
from ratify.present.i18n import language

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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


def _validate(args: argparse.Namespace) -> int:
    from ratify.present.console import validate_summary
    from ratify.problems import Severity
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
    print(validate_summary(args.dir or origin.path, len(errors), len(problems) - len(errors), language("en")))
    return 1 if errors else 0


def _init(args: argparse.Namespace) -> int:
    from ratify.present.console import init_text
    from ratify.resources import bundled_data
    from ratify.store.transaction import create_folder

    create_folder(bundled_data(), args.dir)
    print(init_text(args.dir, language("en")))
    return 0


def _cache(args: argparse.Namespace) -> int:
    from ratify.present.console import cache_off_text, cache_problem_text, cache_removed_text, cache_size_text
    from ratify.store.cache import FileCache, cache_folder, cache_problem

    lg = language("en")
    folder = cache_folder()
    if folder is None:
        print(cache_off_text(lg))
        return 0
    problem = cache_problem()
    if problem is not None:
        print(cache_problem_text(problem, lg))
        return 0
    cache = FileCache(folder)
    with cache:
        if args.clear:
            n = cache.clear()
            print(cache_removed_text(cache.folder, n, lg))
            return 0
        entries, size = cache.size()
    print(cache_size_text(cache.folder, entries, size, lg))
    return 0
