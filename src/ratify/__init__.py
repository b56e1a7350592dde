"""ratify: who signed, ratified, acceded to or left the instruments on refugees, statelessness,
human rights, migrant workers, trafficking and smuggling — as of any date, with sources.

    >>> import ratify
    >>> cat = ratify.load()
    >>> cat.status("KAZ", "V-2")
    <Status.PARTY: 'party'>
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    import datetime as _dt
    import os as _os


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
