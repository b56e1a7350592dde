"""The one exception hierarchy of ratify: everything it raises on bad input is a RatifyError.

`Problem` (one thing wrong with a data file) and its `Severity` live in `ratify.problems` and are
answered here on first use: this module imports no attrs, so that `ratify status` can answer
before anything does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ratify.problems import Problem, Severity

__all__ = [
    "DataError",
    "DateRangeError",
    "FetchError",
    "MissingExtraError",
    "OutputError",
    "Problem",
    "RatifyError",
    "ReportError",
    "Severity",
    "SimulationError",
    "TemplateLimitError",
    "UnknownNameError",
    "UnreachableError",
    "UntcFormatError",
    "UpdateError",
]


class RatifyError(Exception):
    """Base class of every error ratify raises on purpose."""


class UnknownNameError(RatifyError, LookupError):
    """A state, instrument or group name that no lookup knows; names the closest matches."""

    def __init__(self, what: str, name: object, suggestions: Sequence[str] = (), *, ambiguous: bool = False) -> None:
        self.what = what
        self.name = name
        self.suggestions = tuple(suggestions)
        self.ambiguous = ambiguous
        if ambiguous:  # the name of more than one item: `suggestions` are the items it names
            super().__init__(f"ambiguous {what} {name!r}: it names {' and '.join(repr(s) for s in self.suggestions)}")
            return
        hint = f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown {what} {name!r}{hint}")

    def __str__(self) -> str:  # LookupError's str() would quote the whole message
        return str(self.args[0])


class DataError(RatifyError):
    """A data folder that cannot be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        from ratify.problems import Severity

        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.severity is Severity.ERROR] or list(self.problems)
        head = str(errors[0]) if errors else "invalid data"
        more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
        super().__init__(head + more)

    def report(self) -> str:
        """Every problem, one per line."""
        return "\n".join(str(p) for p in self.problems)


class UntcFormatError(RatifyError):
    """A depositary file (XML, HTML or CSV) that cannot be read; names the file and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class OutputError(RatifyError):
    """A report or data file that could not be written (nothing was left half-written)."""


class FetchError(RatifyError):
    """A page that could not be fetched from the depositary: names the URL and what happened."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


class UnreachableError(FetchError):
    """The depositary's server could not be reached at all (no network, no such host, refused)."""

    def __init__(self, url: str, host: str, reason: str, *, data_as_of: str | None = None) -> None:
        self.host = host
        self.data_as_of = data_as_of
        super().__init__(url, reason)
        self.args = (f"cannot reach {host}: {reason}; nothing changed"
                     + (f"; your data is as of {data_as_of}" if data_as_of else ""),)

    def __str__(self) -> str:
        return str(self.args[0])


class UpdateError(RatifyError):
    """A treaty whose status page could not be fetched or read; nothing was written.

    `network` tells a failure to get the page (HTTP status, timeout, refused redirect, size) from a
    page that came but could not be read (no participants table, another treaty's page).
    """

    def __init__(self, mtdsg: str, url: str, reason: str, *, network: bool) -> None:
        self.mtdsg = mtdsg
        self.url = url
        self.reason = reason
        self.network = network
        super().__init__(f"{mtdsg}: {url}: {reason}; nothing changed")


class MissingExtraError(RatifyError, ImportError):
    """A feature needs an optional dependency that is not installed; names the extra to install."""


class DateRangeError(RatifyError, ValueError):
    """A window of dates that ends before it starts."""


class SimulationError(RatifyError, ValueError):
    """An action that cannot happen as asked (already done, not open, a prerequisite missing…)."""


class ReportError(RatifyError, ValueError):
    """A document that cannot be made: an unknown language or format, a template that fails, a missing extra."""


class TemplateLimitError(ReportError):
    """A user template that went over one of the limits of its sandbox."""


def problem(file: str, path: str, reason: str) -> Problem:
    """An error `Problem`; its class is imported on first use, so reading a folder that has none imports
    no attrs."""
    from ratify.problems import Problem

    return Problem(file, path, reason)


def __getattr__(name: str) -> Any:
    if name in ("Problem", "Severity"):  # imported only when a problem is made or named
        from ratify import problems

        return getattr(problems, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
