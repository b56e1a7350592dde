"""One thing wrong with a data file: where (file and field path), why, and how much it matters.

Also answered as `ratify.errors.Problem` and `ratify.errors.Severity` (and `ratify.Problem`,
`ratify.Severity`), where they have always been.
"""

from __future__ import annotations

import enum

import attrs

__all__ = ["Problem", "Severity"]


class Severity(enum.StrEnum):
    """How much a problem of a data folder matters: an error fails loading, a warning is reported only."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Problem:
    """One thing wrong with a data file: where (file and field path) and why."""

    file: str
    path: str
    reason: str
    severity: Severity = attrs.field(default=Severity.ERROR, converter=Severity)

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.reason}" if self.severity is Severity.ERROR else f"{where}: warning: {self.reason}"
