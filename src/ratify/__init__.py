"""ratify: who signed, ratified, acceded to or left the instruments on refugees, statelessness,
human rights, migrant workers, trafficking and smuggling — as of any date, with sources.

    >>> import ratify
    >>> cat = ratify.load()
    >>> cat.status("KAZ", "V-2")
    <Status.PARTY: 'party'>
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Public names and the module each lives in. They are imported on first use (PEP 562), so that
# `import ratify` stays as cheap as `import attrs`: tools import ratify many times a day.
_LAZY: dict[str, str] = {
    "MissingExtraError": "_extras",
    "Catalog": "catalog",
    "ChangeList": "changes",
    "DateRangeError": "changes",
    **dict.fromkeys(["DataError", "OutputError", "Problem", "RatifyError", "UnknownNameError",
                     "UntcFormatError"], "errors"),
    **dict.fromkeys(["export_csv", "export_json", "load_json"], "export"),
    **dict.fromkeys(["changes_frame", "gaps_frame"], "frames"),
    **dict.fromkeys(["Basis", "Gap", "GapKind", "GapList"], "gaps"),
    **dict.fromkeys(["load", "validate"], "loader"),
    **dict.fromkeys(["Matrix", "StatusChange"], "matrix"),
    **dict.fromkeys(["ActionKind", "Adoption", "Consent", "ConsentKind", "Denunciation", "Event", "Footnote",
                     "Group", "Instrument", "InstrumentKind", "Localized", "Member", "Participation", "Relation",
                     "RelationKind", "Role", "Rule", "RuleKind", "Source", "State", "Statement", "StatementKind",
                     "Status", "Theme"], "model"),
    "SimulationError": "simulate",
    **dict.fromkeys(["render_brief", "render_report"], "reports"),  # jinja2 etc. load on the first document
}
_SUBMODULES = frozenset({"plots"})


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ratify' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:
    from . import plots
    from ._extras import MissingExtraError
    from .catalog import Catalog
    from .changes import ChangeList, DateRangeError
    from .errors import DataError, OutputError, Problem, RatifyError, UnknownNameError, UntcFormatError
    from .export import export_csv, export_json, load_json
    from .frames import changes_frame, gaps_frame
    from .gaps import Basis, Gap, GapKind, GapList
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
    from .reports import render_brief, render_report
    from .simulate import SimulationError


__version__ = "0.1.0"

__all__ = [
    "ActionKind",
    "Adoption",
    "Basis",
    "Catalog",
    "ChangeList",
    "Consent",
    "ConsentKind",
    "DataError",
    "DateRangeError",
    "Denunciation",
    "Event",
    "Footnote",
    "Gap",
    "GapKind",
    "GapList",
    "Group",
    "Instrument",
    "InstrumentKind",
    "Localized",
    "Matrix",
    "Member",
    "MissingExtraError",
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
    "changes_frame",
    "export_csv",
    "export_json",
    "gaps_frame",
    "load",
    "load_json",
    "plots",
    "render_brief",
    "render_report",
    "validate",
]
