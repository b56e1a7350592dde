"""Exports for other tools: the whole catalogue as JSON (round-trippable) and a status table as CSV.

The JSON schema is documented in docs/export-schema.md. In short: one object with a `format` key
(`"ratify-export"`), a `version` (`EXPORT_VERSION`), and the lists `instruments`, `states`, `groups`,
`sources`, `participations` and `procedures` (with `declines`, the words by which a statement
declines a committee's competence), each record being the cattrs unstructuring of the model class
(`ratify.convert.json_converter()`): ISO dates, enum values as strings, fields at their default
value left out. `load_json(export_json(cat)) == cat`.

The CSV is the tidy table of `status_records`: one row per state × instrument with its status on a
date — the same rows `Catalog.to_dataframe()` gives. Every CSV ratify writes (this one and the
command line's tables) goes through `csv_text`, which keeps a spreadsheet from reading a cell as a
formula (see `csv_cell`) and quotes every cell holding a line break, whatever the line terminator.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ratify.errors import DataError
from ratify.model.enums import StatementKind, Status
from ratify.model.procedures import Procedure
from ratify.model.records import Group, Instrument, Participation, Source, State
from ratify.problems import Problem
from ratify.store.convert import json_converter

if TYPE_CHECKING:
    from ratify.query.catalog import Catalog, InstrumentRef, StateRef

__all__ = [
    "CSV_TRIGGERS",
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "STATUS_COLUMNS",
    "csv_cell",
    "csv_text",
    "csv_value",
    "export_csv",
    "export_json",
    "load_json",
    "status_records",
]

EXPORT_FORMAT = "ratify-export"
EXPORT_VERSION = 1

# the top-level lists of the JSON export, with the class of their records, in the order written
_SECTIONS: dict[str, type] = {
    "instruments": Instrument,
    "states": State,
    "groups": Group,
    "sources": Source,
    "participations": Participation,
    "procedures": Procedure,  # the complaint and inquiry procedures (Catalog.procedure_definitions)
}
# a section whose catalogue attribute has another name
_ATTRIBUTE = {"procedures": "procedure_definitions"}

# the columns of the CSV export and of `Catalog.to_dataframe()`, in order
STATUS_COLUMNS = (
    "state",  # ISO 3166-1 alpha-3
    "state_name",  # English short name
    "instrument",  # ratify's instrument id
    "mtdsg",  # the depositary's number (empty for non-UN documents)
    "as_of",  # the date the row's status is for
    "status",  # none | signatory | contracting | party | denounced
    "signature",  # date of signature, if on or before as_of
    "consent",  # date consent to be bound was deposited, if on or before as_of
    "consent_kind",  # ratification | accession | succession | acceptance | approval | …
    "entry_into_force",  # date the instrument entered (or enters) into force for the state
    "entry_into_force_computed",  # true: computed from the instrument's rule; false: the depositary's date
    "denunciation",  # date the denunciation or withdrawal was notified, if on or before as_of
    "denunciation_effective",  # date it takes (took) effect
    "reservations",  # number of reservations in effect on as_of
    "source",  # id of the record's source (see the JSON export's `sources`); for "none", the table it is absent from
    "source_url",
    "record_as_of",  # the "status as at" date of the depositary record the row comes from
    "record_inconsistent",  # true: the state is bound by an instrument requiring this one (record likely out of date)
)


# -- JSON -------------------------------------------------------------------------------------------

def export_json(cat: Catalog, *, indent: int | None = 2) -> str:
    """The whole catalogue as JSON text (see docs/export-schema.md); `load_json` reads it back."""
    from ratify import __version__

    conv = json_converter()
    doc: dict[str, Any] = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "generator": f"ratify {__version__}"}
    for key, cls in _SECTIONS.items():
        doc[key] = [conv.unstructure(x, cls) for x in getattr(cat, _ATTRIBUTE.get(key, key))]
    doc["declines"] = list(cat.declines)
    return json.dumps(doc, ensure_ascii=False, indent=indent) + "\n"


def load_json(text: str | bytes, *, name: str = "<json>") -> Catalog:
    """A catalogue from the text of a JSON export; raises DataError naming every field at fault.

    `name` is what error messages call the document (a file name, say).
    """
    from ratify.query.catalog import Catalog
    from ratify.store.read import describe_field_error  # the loader's wording of a field at fault

    try:
        doc = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataError([Problem(name, "", f"not JSON: {exc}")]) from None
    if not isinstance(doc, dict):
        raise DataError([Problem(name, "", "expected a JSON object")])
    fmt, version = doc.get("format"), doc.get("version")
    if fmt != EXPORT_FORMAT:
        raise DataError([Problem(name, "format", f"expected {EXPORT_FORMAT!r}, got {fmt!r}")])
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= EXPORT_VERSION:
        raise DataError([Problem(name, "version", f"this ratify reads versions 1 to {EXPORT_VERSION}, "
                                 f"got {version!r}")])
    unknown = set(doc) - set(_SECTIONS) - {"format", "version", "generator", "declines"}
    problems = [Problem(name, key, "unknown key") for key in sorted(unknown)]
    parts: dict[str, tuple[Any, ...]] = {}
    conv = json_converter()
    for key, cls in _SECTIONS.items():
        records = doc.get(key, [])
        if not isinstance(records, list):
            problems.append(Problem(name, key, "expected a list"))
            continue
        out: list[Any] = []
        for i, raw in enumerate(records):
            try:
                out.append(conv.structure(raw, cls))
            except (ClassValidationError, IterableValidationError, ForbiddenExtraKeysError) as exc:
                for message in cattrs.transform_error(exc, path=f"{key}[{i}]", format_exception=describe_field_error):
                    reason, _, where = message.rpartition(" @ ")
                    problems.append(Problem(name, where, reason))
            except (ValueError, TypeError, KeyError) as exc:
                problems.append(Problem(name, f"{key}[{i}]", describe_field_error(exc, cls)))
        parts[key] = tuple(out)
    declines = doc.get("declines", [])
    if not isinstance(declines, list) or not all(isinstance(d, str) for d in declines):
        problems.append(Problem(name, "declines", "expected a list of strings"))
    if problems:
        raise DataError(problems)
    return Catalog(instruments=parts["instruments"], states=parts["states"], groups=parts["groups"],
                   sources=parts["sources"], participations=parts["participations"],
                   procedure_definitions=parts["procedures"], declines=tuple(declines))


# -- the status table (CSV, DataFrame) ----------------------------------------------------------------

def status_records(cat: Catalog, as_of: dt.date | None = None, *, group: Any = None,
                   states: Iterable[StateRef] | None = None,
                   instruments: Iterable[InstrumentRef] | None = None) -> list[dict[str, Any]]:
    """One dict per state × instrument (keys: STATUS_COLUMNS), with what was recorded by `as_of`.

    Dates are `datetime.date` (None where there is none); facts dated after `as_of` are left out, so
    the row is what one could have known that day (the entry into force shows with its consent, even
    when it falls later: the status then is "contracting").
    """
    on = as_of or dt.date.today()
    rows = []
    for st in cat.states_of(group, states):
        for inst in cat.instruments_of(instruments):
            p = cat.participation(st, inst)
            row = _record(st, inst, p, on)
            if row["source"] is None and inst.source:  # no action: the table the state is absent from
                src = next((s for s in cat.sources if s.id == inst.source), None)
                row["source"], row["source_url"] = inst.source, src.url if src else None
            row["record_as_of"] = cat.record_date(inst)
            row["record_inconsistent"] = bool(inst.binding and cat.record_conflicts(st, inst, on))
            rows.append(row)
    return rows


def _record(st: State, inst: Instrument, p: Participation | None, on: dt.date) -> dict[str, Any]:
    def known(d: dt.date | None) -> dt.date | None:
        return d if d is not None and d <= on else None

    consent = p.consent if p and p.consent and p.consent.date <= on else None
    den = p.denunciation if p else None
    notified = known(den.notified) if den else None
    effective = den.effective if den and (notified or known(den.effective)) else None
    source = p.source if p else None
    return {
        "state": st.alpha3,
        "state_name": st.name.en,
        "instrument": inst.id,
        "mtdsg": inst.mtdsg,
        "as_of": on,
        "status": (p.status(on) if p else Status.NONE).value,
        "signature": known(p.signature) if p else None,
        "consent": consent.date if consent else None,
        "consent_kind": consent.kind.value if consent else None,
        "entry_into_force": p.entry_into_force if consent and p else None,
        "entry_into_force_computed": (not p.entry_into_force_recorded) if consent and p and p.entry_into_force
        else None,
        "denunciation": notified,
        "denunciation_effective": effective,
        "reservations": sum(1 for s in p.statements if s.kind is StatementKind.RESERVATION and s.in_effect(on))
        if p else 0,
        "source": source.id if source else None,
        "source_url": source.url if source else None,
    }


def export_csv(cat: Catalog, as_of: dt.date | None = None, *, group: Any = None,
               states: Iterable[StateRef] | None = None,
               instruments: Iterable[InstrumentRef] | None = None, raw: bool = False) -> str:
    """The status table as CSV (RFC 4180, a header row, ISO dates, empty cells for none).

    Text cells that a spreadsheet would read as a formula are neutralised (see `csv_cell`);
    `raw=True` writes every value exactly as it is, for tools that read the file themselves.
    """
    records = status_records(cat, as_of, group=group, states=states, instruments=instruments)
    return csv_text([STATUS_COLUMNS, *([rec[c] for c in STATUS_COLUMNS] for rec in records)], raw=raw)


# -- CSV cells: no formulas, no broken rows -------------------------------------------------------------

# what a cell may not start with, lest a spreadsheet run it as a formula (OWASP's list: = + - @ TAB CR;
# LF too, which some spreadsheets skip before looking for a formula)
CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
_QUOTE = "'"  # the prefix that makes a spreadsheet take the cell as text
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def csv_cell(value: Any, *, raw: bool = False) -> str:
    """The text of one CSV cell (before quoting).

    None is empty, a bool `true`/`false`, a date ISO 8601, a number (int or float) its Python text —
    never altered, so -3 stays a number. Any other value is text: unless `raw`, when it starts with
    one of `CSV_TRIGGERS` or with a single quote, a single quote is put before it (OWASP's advice
    against CSV injection; a quote is added to a leading quote too, so that `csv_value` can always
    take exactly one away). Dates and ratify's own codes never start with either.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if not raw and text.startswith((*CSV_TRIGGERS, _QUOTE)):
        return _QUOTE + text
    return text


def csv_value(cell: str) -> str:
    """The value of a text cell written by `csv_text` without `raw`: its one leading quote, if any, removed."""
    return cell[1:] if cell.startswith(_QUOTE) else cell


def csv_text(rows: Iterable[Sequence[Any]], *, raw: bool = False) -> str:
    """Rows as CSV (RFC 4180 with "\\n" line ends), each value through `csv_cell`.

    A cell holding a comma, a double quote, a CR or a LF is quoted (the standard csv writer leaves a
    lone CR unquoted when the line terminator is "\\n", which splits the row for every reader).
    """
    lines = []
    for row in rows:
        cells = [csv_cell(v, raw=raw) for v in row]
        line = ",".join('"' + c.replace('"', '""') + '"' if _NEEDS_QUOTES.search(c) else c for c in cells)
        lines.append(line if line or not cells else '""')  # one empty cell, told apart from a blank line
    return "".join(line + "\n" for line in lines)
