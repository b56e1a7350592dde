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
    import datetime as _dt
    import os as _os

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
    from .simulate import SimulationError


def render_brief(cat: Catalog, state: str | State, lang: str = "en", fmt: str = "html", *,
                 as_of: _dt.date | None = None, date: _dt.date | None = None,
                 templates: str | _os.PathLike[str] | None = None,
                 group: str | Group | None = "almaty-process") -> str | bytes:
    """The country brief of `state` as HTML or Markdown (str) or Word (bytes); see `ratify.reports`.

    `date` is printed on the brief (default: today); statuses and gaps are as of `as_of`
    (default: `date`). jinja2, Babel and python-docx are imported on the first call, not by `import ratify`.
    """
    from .reports import render_brief as _render

    return _render(cat, state, lang, fmt, as_of=as_of, date=date, templates=templates, group=group)


def render_report(cat: Catalog, group: str | Group = "almaty-process", lang: str = "en", fmt: str = "html", *,
                  since: _dt.date | None = None, as_of: _dt.date | None = None, date: _dt.date | None = None,
                  templates: str | _os.PathLike[str] | None = None) -> str | bytes:
    """The regional report of `group` (matrix with coverage, changes since `since`, each state's gaps)."""
    from .reports import render_report as _render

    return _render(cat, group, lang, fmt, since=since, as_of=as_of, date=date, templates=templates)


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
