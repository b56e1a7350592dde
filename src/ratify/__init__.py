"""ratify: who signed, ratified, acceded to or left the instruments on refugees, statelessness,
human rights, migrant workers, trafficking and smuggling — as of any date, with sources.

    >>> import ratify
    >>> cat = ratify.load()
    >>> cat.status("KAZ", "V-2")
    <Status.PARTY: 'party'>
"""

from __future__ import annotations

from .catalog import Catalog
from .errors import DataError, OutputError, Problem, RatifyError, UnknownNameError, UntcFormatError
from .loader import load, validate
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

__version__ = "0.1.0"

__all__ = [
    "ActionKind",
    "Adoption",
    "Catalog",
    "Consent",
    "ConsentKind",
    "DataError",
    "Denunciation",
    "Event",
    "Footnote",
    "Group",
    "Instrument",
    "InstrumentKind",
    "Localized",
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
    "Source",
    "State",
    "Statement",
    "StatementKind",
    "Status",
    "Theme",
    "UnknownNameError",
    "UntcFormatError",
    "load",
    "validate",
]
