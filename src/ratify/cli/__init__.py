"""The `ratify` command line: one sub-command per job, errors as one line on stderr, never a traceback.

Each sub-command lives in a module of this package that has a `register(subparsers)` function;
`main()` builds the parser from them and turns every RatifyError into a message and an exit code.
A command named on the command line imports only its own module (`_COMMANDS`): an answer does not
wait for the importer, the depositary readers or the documents layer to load.
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
_COMMAND_MODULES = ("status", "core", "analysis", "procedures", "reports", "importing", "updating", "exports")

# each sub-command and the module that registers it (a test checks it against what each module registers)
_COMMANDS = {
    "status": "status",
    **dict.fromkeys(("validate", "init", "cache"), "core"),
    **dict.fromkeys(("gaps", "matrix", "changes"), "analysis"),
    "procedures": "procedures",
    **dict.fromkeys(("brief", "report"), "reports"),
    "import-untc": "importing",
    "update": "updating",
    "export": "exports",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """A usage error: one line that says what is wrong, one line that says where help is; exit status 2."""
        from ratify.present.console import required_text, usage_error_text
        from ratify.present.i18n import language

        lang = language("en")  # the arguments are not read yet: their --lang is not known
        required = "the following arguments are required: "  # argparse's words, reworded
        if message.startswith(required):
            message = required_text(message[len(required):].split(", "), lang)
        self.exit(2, usage_error_text(self.prog, message, lang))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every sub-command, or only of `command` (one of `_COMMANDS`) when it is given.

    Only the full parser lists the commands (`ratify --help`) and names the choices of a mistyped one.
    """
    from ratify import __version__

    parser = _Parser(
        prog="ratify",
        description="Which states signed, ratified, acceded to or left the instruments on refugees, "
        "statelessness, human rights, migrant workers, trafficking and smuggling — as of any date.",
    )
    parser.add_argument("--version", action="version", version=f"ratify {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in (_COMMANDS[command],) if command is not None else _COMMAND_MODULES:
        import_module(f"{__name__}.{name}").register(sub)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The sub-command the arguments name first, if it is a known one; None for the full parser."""
    return argv[0] if argv and argv[0] in _COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(_command(argv))
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    from ratify.present.console import error_line, interrupted_text, validate_hint
    from ratify.present.i18n import language

    lang = language("en")  # errors stay in English: the messages of the exceptions are
    try:
        return int(args.run(args) or 0)
    except DataError as exc:
        print(error_line(str(exc), lang), file=sys.stderr)
        if len(exc.problems) > 1:
            data = getattr(args, "data", None)
            print(validate_hint(f"ratify validate {data}" if data else "ratify validate", lang), file=sys.stderr)
        return 1
    except RatifyError as exc:
        print(error_line(str(exc), lang), file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print(interrupted_text(lang), file=sys.stderr)
        return 130
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(error_line(f"{where}{exc.strerror or exc}", lang), file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
