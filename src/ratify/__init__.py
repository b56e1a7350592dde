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
    "MissingExtraError": "errors",
    "Catalog": "query.catalog",
    "ChangeList": "query.events",
    **dict.fromkeys(["Problem", "Severity"], "problems"),
    **dict.fromkeys(["DataError", "DateRangeError", "FetchError", "OutputError", "RatifyError",
                     "ReportError", "SimulationError", "UnknownNameError", "UnreachableError",
                     "UntcFormatError", "UpdateError"], "errors"),
    "DataOrigin": "store.location",
    "update": "untc.update",
    **dict.fromkeys(["export_csv", "export_json", "load_json"], "present.export"),
    **dict.fromkeys(["changes_frame", "gaps_frame"], "present.frames"),
    **dict.fromkeys(["Basis", "Gap", "GapKind", "GapList"], "query.gaps"),
    "load": "query.load",
    "validate": "store.read",
    **dict.fromkeys(["Matrix", "StatusTransition"], "query.matrix"),
    **dict.fromkeys(["ActionKind", "Adoption", "Consent", "ConsentKind", "Denunciation", "Event", "Footnote",
                     "Group", "GroupMap", "Instrument", "InstrumentKind", "Localized", "Member", "Participation", "Relation",
                     "RelationKind", "Role", "Rule", "RuleKind", "Source", "State", "Statement", "StatementKind",
                     "Status", "Theme"], "model.records"),
    **dict.fromkeys(["AcceptanceKind", "Procedure", "ProcedureKind", "ProcedureStatus"], "model.procedures"),
    "procedures_frame": "present.procedures",
    **dict.fromkeys(["render_brief", "render_report"], "present.documents"),  # jinja2 etc. load on the first document
}
_SUBMODULES = {"plots": "present.plots"}
# Old public names, still answered with a DeprecationWarning: old name → (new name, its module).
_DEPRECATED: dict[str, tuple[str, str]] = {"StatusChange": ("StatusTransition", "query.matrix")}


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f".{_SUBMODULES[name]}", __name__)
    if name in _DEPRECATED:
        import warnings

        new, where = _DEPRECATED[name]
        warnings.warn(f"ratify.{name} is now ratify.{new}", DeprecationWarning, stacklevel=2)
        return getattr(importlib.import_module(f".{where}", __name__), new)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ratify' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:
    from ratify.errors import (
        DataError,
        DateRangeError,
        FetchError,
        MissingExtraError,
        OutputError,
        RatifyError,
        ReportError,
        SimulationError,
        UnknownNameError,
        UnreachableError,
        UntcFormatError,
        UpdateError,
    )
    from ratify.model.procedures import AcceptanceKind, Procedure, ProcedureKind, ProcedureStatus
    from ratify.model.records import (
        ActionKind,
        Adoption,
        Consent,
        ConsentKind,
        Denunciation,
        Event,
        Footnote,
        Group,
        GroupMap,
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
    from ratify.present import plots
    from ratify.present.documents import render_brief, render_report
    from ratify.present.export import export_csv, export_json, load_json
    from ratify.present.frames import changes_frame, gaps_frame
    from ratify.present.procedures import procedures_frame
    from ratify.problems import Problem, Severity
    from ratify.query.catalog import Catalog
    from ratify.query.events import ChangeList
    from ratify.query.gaps import Basis, Gap, GapKind, GapList
    from ratify.query.load import load
    from ratify.query.matrix import Matrix, StatusTransition
    from ratify.store.location import DataOrigin
    from ratify.store.read import validate
    from ratify.untc.update import update


__version__ = "0.1.0"

__all__ = [
    "AcceptanceKind",
    "ActionKind",
    "Adoption",
    "Basis",
    "Catalog",
    "ChangeList",
    "Consent",
    "ConsentKind",
    "DataError",
    "DataOrigin",
    "DateRangeError",
    "Denunciation",
    "Event",
    "FetchError",
    "Footnote",
    "Gap",
    "GapKind",
    "GapList",
    "Group",
    "GroupMap",
    "Instrument",
    "InstrumentKind",
    "Localized",
    "Matrix",
    "Member",
    "MissingExtraError",
    "OutputError",
    "Participation",
    "Problem",
    "Procedure",
    "ProcedureKind",
    "ProcedureStatus",
    "RatifyError",
    "Relation",
    "RelationKind",
    "ReportError",
    "Role",
    "Rule",
    "RuleKind",
    "Severity",
    "SimulationError",
    "Source",
    "State",
    "Statement",
    "StatementKind",
    "Status",
    "StatusTransition",
    "Theme",
    "UnknownNameError",
    "UnreachableError",
    "UntcFormatError",
    "UpdateError",
    "changes_frame",
    "export_csv",
    "export_json",
    "gaps_frame",
    "load",
    "load_json",
    "plots",
    "procedures_frame",
    "render_brief",
    "render_report",
    "update",
    "validate",
]
