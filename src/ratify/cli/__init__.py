"""The `ratify` command line: one sub-command per job, errors as one line on stderr, never a traceback.

Each sub-command lives in a module of this package that has a `register(subparsers)` function;
`main()` builds the parser from them and turns every RatifyError into a message and an exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import NoReturn

from ratify.errors import DataError, RatifyError

__all__ = ["main"]

# modules that add sub-commands, in the order `ratify --help` lists them
_COMMAND_MODULES = ("core", "analysis", "procedures", "reports", "importing", "updating", "exports")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """A usage error: one line that says what is wrong, one line that says where help is; exit status 2."""
        required = "the following arguments are required: "
        if message.startswith(required):
            names = message[len(required):].split(", ")
            message = f"{' and '.join(names)} {'is' if len(names) == 1 else 'are'} required"
        self.exit(2, f"{self.prog}: error: {message}\nhint: `{self.prog} --help` lists the arguments\n")


def build_parser() -> argparse.ArgumentParser:
    from ratify import __version__

    parser = _Parser(
        prog="ratify",
        description="Which states signed, ratified, acceded to or left the instruments on refugees, "
        "statelessness, human rights, migrant workers, trafficking and smuggling — as of any date.",
    )
    parser.add_argument("--version", action="version", version=f"ratify {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in _COMMAND_MODULES:
        import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except DataError as exc:
        print(f"ratify: error: {exc}", file=sys.stderr)
        if len(exc.problems) > 1:
            print("run `ratify validate" + (f" {args.data}" if getattr(args, "data", None) else "")
                  + "` to see every problem", file=sys.stderr)
        return 1
    except RatifyError as exc:
        print(f"ratify: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("ratify: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"ratify: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
