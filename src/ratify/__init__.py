"""ratify: who signed, ratified, acceded to or left the instruments on refugees, statelessness,
human rights, migrant workers, trafficking and smuggling — as of any date, with sources.

    >>> import ratify
    >>> cat = ratify.load()
    >>> cat.status("KAZ", "V-2")
    <Status.PARTY: 'party'>
"""

from __future__ import annotations

from .catalog import Catalog
from .changes import DateRangeError
from .errors import DataError, OutputError, Problem, RatifyError, UnknownNameError, UntcFormatError
from .gaps import Basis, Gap, GapKind
from .loader import load, validate
from .matrix import Matrix, StatusChange
from .model import (
    ActionKind,
    Adoption,
    Consent,
    ConsentKind,
    Denunciation,
    Event,
    Footnote,
    Group,
    Instrument,
    InstrumentKind,
    Localized,
    Member,
    Participation,
    Relation,
    RelationKind,
    Role,
    Rule,
    RuleKind,
    Source,
    State,
    Statement,
    StatementKind,
    Status,
    Theme,
)
from .simulate import SimulationError

__version__ = "0.1.0"

__all__ = [
    "ActionKind",
    "Adoption",
    "Basis",
    "Catalog",
    "Consent",
    "ConsentKind",
    "DataError",
    "DateRangeError",
    "Denunciation",
    "Event",
    "Footnote",
    "Gap",
    "GapKind",
    "Group",
    "Instrument",
    "InstrumentKind",
    "Localized",
    "Matrix",
    "Member",
    "OutputError",
    "Participation",
    "Problem",
    "RatifyError",
    "Relation",
    "RelationKind",
    "Role",
    "Rule",
    "RuleKind",
    "SimulationError",
    "Source",
    "State",
    "Statement",
    "StatementKind",
    "Status",
    "StatusChange",
    "Theme",
    "UnknownNameError",
    "UntcFormatError",
    "load",
    "validate",
]
