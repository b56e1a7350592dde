"""The command line in words: the lines `status`, `validate`, `init`, `cache`, `export` and `main` print.

The commands hand over facts (a state's name and code, dates, counts, enums, paths); each function
here says them in a language (`Lang`), plurals through the catalogue. English is the language of
the message ids, so an English answer loads no catalogue and no Babel: `status` stays fast.
Cells of a CSV or JSON table never pass through here — they keep their English keys and enum values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ratify.model.enums import ConsentKind, Status
from ratify.present.i18n import N_

if TYPE_CHECKING:
    from pathlib import Path

    from ratify.present.i18n import Lang
    from ratify.store.location import Origin

__all__ = [
    "CHANGES_HEADERS",
    "GAPS_HEADERS",
    "MATRIX_HEADERS",
    "STATUS_HEADERS",
    "cache_off_text",
    "cache_problem_text",
    "cache_removed_text",
    "cache_size_text",
    "changes_heading",
    "checked_text",
    "conflict_note",
    "consent_cell",
    "entry_into_force_cell",
    "error_line",
    "gap_status_cell",
    "gaps_heading",
    "headers",
    "init_text",
    "interrupted_text",
    "legend_text",
    "matrix_headers",
    "matrix_heading",
    "note_lines",
    "origin_text",
    "progress_line",
    "required_text",
    "status_cell",
    "status_headers",
    "status_heading",
    "unreachable_line",
    "usage_error_text",
    "validate_hint",
    "validate_summary",
    "wrote_export_text",
    "wrote_text",
]

# the columns of `ratify status`: the keys of its CSV and JSON, translated in its text table
STATUS_HEADERS = (N_("instrument"), N_("name"), N_("status"), N_("signature"), N_("consent"),
                  N_("in force for the state"), N_("record as at"), N_("note"))


def status_headers(lang: Lang) -> tuple[str, ...]:
    """The column headings of the text table of `ratify status`."""
    return tuple(lang.gettext(h) for h in STATUS_HEADERS)


def status_heading(state: str, code: str, as_of: dt.date | None, today: dt.date, lang: Lang) -> str:
    """ "Kazakhstan (KAZ), as of today (2026-12-01), from the depositary's records as at the dates of the column
    "record as at"" — `as_of` None is today."""
    if as_of is None:
        when = lang.gettext("today (%(date)s)") % {"date": today.isoformat()}
    else:
        when = as_of.isoformat()
    return lang.gettext("%(state)s (%(code)s), as of %(when)s, from the depositary's records as at the dates of "
                        "the column \"%(column)s\"") % {"state": state, "code": code, "when": when,
                                                        "column": lang.gettext("record as at")}


# the short words of the status column and of the kind of consent in the text table: in English the
# values themselves (what the CSV and JSON say), in another language under these contexts
def _status_word_messages(lang: Lang) -> tuple[str, ...]:  # pragma: no cover - marks the messages for extraction
    return (lang.pgettext("status word", "none"), lang.pgettext("status word", "signatory"),
            lang.pgettext("status word", "contracting"), lang.pgettext("status word", "party"),
            lang.pgettext("status word", "denounced"))


def _consent_word_messages(lang: Lang) -> tuple[str, ...]:  # pragma: no cover - marks the messages for extraction
    return (lang.pgettext("consent word", "ratification"), lang.pgettext("consent word", "accession"),
            lang.pgettext("consent word", "succession"), lang.pgettext("consent word", "acceptance"),
            lang.pgettext("consent word", "approval"), lang.pgettext("consent word", "definitive_signature"),
            lang.pgettext("consent word", "formal_confirmation"),
            lang.pgettext("consent word", "consent_to_be_bound"), lang.pgettext("consent word", "other"))


def status_cell(status: Status, lang: Lang) -> str:
    """The status column of the text table: "party" / "участник"."""
    return lang.pgettext("status word", status.value)


def consent_cell(day: dt.date, kind: ConsentKind, lang: Lang) -> str:
    """ "1999-01-15 accession" / "1999-01-15 присоединение"."""
    return lang.gettext("%(date)s %(kind)s") % {"date": day.isoformat(),
                                               "kind": lang.pgettext("consent word", kind.value)}


def entry_into_force_cell(day: dt.date | None, recorded: bool, lang: Lang) -> str:
    """ "1999-04-15", "1999-04-15 (computed)", or "unknown (no rule)" when `day` is None."""
    if day is None:
        return lang.gettext("unknown (no rule)")
    if recorded:
        return day.isoformat()
    return lang.gettext("%(date)s (computed)") % {"date": day.isoformat()}


def conflict_note(others: Sequence[str], lang: Lang) -> str:
    """The note on a record that the state's other records contradict: "… party to X, which requires it"."""
    return lang.ngettext("record inconsistent, likely out of date: party to %(others)s, which requires it",
                         "record inconsistent, likely out of date: party to %(others)s, which require it",
                         len(others), others=", ".join(others))


def validate_summary(where: str | Path, errors: int, warnings: int, lang: Lang) -> str:
    """ "data: 1 error, 10 warnings" when there are errors, else "data: valid (10 warnings)"."""
    counted = lang.ngettext("%(num)d warning", "%(num)d warnings", warnings)
    if errors:
        return lang.gettext("%(where)s: %(errors)s, %(warnings)s") % {
            "where": str(where), "errors": lang.ngettext("%(num)d error", "%(num)d errors", errors),
            "warnings": counted}
    return lang.gettext("%(where)s: valid (%(warnings)s)") % {"where": str(where), "warnings": counted}


def validate_hint(command: str, lang: Lang) -> str:
    """The line after a data error that hides others: "run `ratify validate DIR` to see every problem"."""
    return lang.gettext("run `%(command)s` to see every problem") % {"command": command}


def init_text(path: str | Path, lang: Lang) -> str:
    return lang.gettext("copied the bundled dataset to %(path)s") % {"path": str(path)}


def cache_off_text(lang: Lang) -> str:
    return lang.gettext("cache turned off (RATIFY_CACHE=0)")


def cache_problem_text(problem: str, lang: Lang) -> str:
    """Why the cache is not used, and what to do about it."""
    return lang.gettext("cache not used: %(problem)s; data files are parsed every time (point RATIFY_CACHE_DIR "
                        "at a private folder of yours, or set RATIFY_CACHE=0)") % {"problem": problem}


def cache_removed_text(folder: str | Path, n: int, lang: Lang) -> str:
    """ "FOLDER: 28 entries removed"."""
    return lang.ngettext("%(folder)s: %(num)d entry removed", "%(folder)s: %(num)d entries removed", n,
                         folder=str(folder))


def cache_size_text(folder: str | Path, entries: int, size: int, lang: Lang) -> str:
    """ "FOLDER: 28 entries, 2.7 MB", or "FOLDER: 0 entries, 0.0 MB (nothing cached yet)"."""
    if entries:
        return lang.ngettext("%(folder)s: %(num)d entry, %(size).1f MB", "%(folder)s: %(num)d entries, %(size).1f MB",
                             entries, folder=str(folder), size=size / 1e6)
    return lang.gettext("%(folder)s: 0 entries, %(size).1f MB (nothing cached yet)") % {
        "folder": str(folder), "size": size / 1e6}


def origin_text(origin: Origin, version: str, variable: str, lang: Lang) -> str:
    """Which data folder, and why, in one line: "data: DIR (--data)", "data: the snapshot bundled with ratify X"."""
    from ratify.store.location import DataOrigin

    values = {"path": str(origin.path), "variable": variable, "version": version}
    if origin.kind is DataOrigin.ARGUMENT:
        return lang.gettext("data: %(path)s (--data)") % values
    if origin.kind is DataOrigin.ENVIRONMENT:
        return lang.gettext("data: %(path)s (from $%(variable)s)") % values
    if origin.kind is DataOrigin.USER:
        return lang.gettext("data: your data folder %(path)s (kept current by `ratify update`)") % values
    return lang.gettext("data: the snapshot bundled with ratify %(version)s") % values


def wrote_export_text(path: str | Path, fmt: str, count: int, lang: Lang) -> str:
    """ "wrote FILE (json, 3561 participations)" or "wrote FILE (csv, 5544 rows)"."""
    if fmt == "json":
        return lang.ngettext("wrote %(path)s (%(format)s, %(num)d participation)",
                             "wrote %(path)s (%(format)s, %(num)d participations)", count, path=str(path), format=fmt)
    return lang.ngettext("wrote %(path)s (%(format)s, %(num)d row)", "wrote %(path)s (%(format)s, %(num)d rows)",
                         count, path=str(path), format=fmt)


def wrote_text(path: str | Path, lang: Lang) -> str:
    """ "wrote FILE" (a document)."""
    return lang.gettext("wrote %(path)s") % {"path": str(path)}


def required_text(names: Sequence[str], lang: Lang) -> str:
    """ "STATE is required", "FILE and --data are required"."""
    joined = names[0]
    for name in names[1:]:
        joined = lang.gettext("%(first)s and %(second)s") % {"first": joined, "second": name}
    return lang.ngettext("%(names)s is required", "%(names)s are required", len(names), names=joined)


def usage_error_text(prog: str, message: str, lang: Lang) -> str:
    """A usage error: the problem, then where help is (two lines)."""
    return (lang.gettext("%(prog)s: error: %(message)s") % {"prog": prog, "message": message} + "\n"
            + lang.gettext("hint: `%(prog)s --help` lists the arguments") % {"prog": prog} + "\n")


def error_line(problem: str, lang: Lang) -> str:
    """ "ratify: error: PROBLEM"."""
    return lang.gettext("ratify: error: %(problem)s") % {"problem": problem}


def interrupted_text(lang: Lang) -> str:
    return lang.gettext("ratify: interrupted")


def unreachable_line(problem: str, lang: Lang) -> str:
    """ "ratify: PROBLEM" — the depositary could not be reached (not an error of the data or the command)."""
    return lang.gettext("ratify: %(problem)s") % {"problem": problem}


def progress_line(mtdsg: str, step: str, lang: Lang) -> str:
    """ "IV-2: fetching URL" — what `update` is doing with a treaty's page."""
    return lang.gettext("%(mtdsg)s: %(step)s") % {"mtdsg": mtdsg, "step": step}


# the columns of `ratify gaps`, `matrix` (around the instruments' codes) and `changes`: keys of CSV and JSON
GAPS_HEADERS = (N_("instrument"), N_("name"), N_("gap"), N_("status"), N_("since"), N_("years"), N_("record as at"),
                N_("next step"), N_("basis"))
MATRIX_HEADERS = (N_("state"), N_("name"), N_("parties"), N_("coverage"))
CHANGES_HEADERS = (N_("date"), N_("state"), N_("instrument"), N_("action"), N_("detail"), N_("record as at"))


def headers(keys: Sequence[str], lang: Lang) -> tuple[str, ...]:
    """The column headings of a text table in `lang` (the keys themselves in English)."""
    return tuple(lang.gettext(k) for k in keys)


def matrix_headers(instruments: Sequence[str], lang: Lang) -> tuple[str, ...]:
    """state, name, the instruments' codes (as they are), parties, coverage."""
    state, name, parties, coverage = headers(MATRIX_HEADERS, lang)
    return (state, name, *instruments, parties, coverage)


def gaps_heading(state: str, code: str, as_of: dt.date | None, count: int, lang: Lang) -> str:
    """ "Uzbekistan (UZB), as of 1 January 2026: 13 gaps" (as of "today" when `as_of` is None)."""
    when = lang.date(as_of) if as_of else lang.gettext("today")
    return lang.ngettext("%(state)s (%(code)s), as of %(date)s: %(num)d gap",
                         "%(state)s (%(code)s), as of %(date)s: %(num)d gaps", count, state=state, code=code, date=when)


def gap_status_cell(status: Status, unknown_entry_into_force: bool, lang: Lang) -> str:
    """The status column of `ratify gaps`: the status's label, or that its entry into force is unknown."""
    from ratify.present.vocabulary import status_label

    if unknown_entry_into_force:
        return lang.gettext("contracting State (in force: unknown, no rule)")
    return status_label(status, lang)


def note_lines(notes: Sequence[str], lang: Lang) -> str:
    """ "note: …" lines, one a note."""
    return "\n".join(lang.gettext("note: %(text)s") % {"text": n} for n in notes)


def matrix_heading(states: int, instruments: int, as_of: dt.date, lang: Lang) -> str:
    """ "5 states × 25 instruments, as of 1 January 2026"."""
    return lang.gettext("%(states)s × %(instruments)s, as of %(date)s") % {
        "states": lang.ngettext("%(num)d state", "%(num)d states", states),
        "instruments": lang.ngettext("%(num)d instrument", "%(num)d instruments", instruments),
        "date": lang.date(as_of)}


def changes_heading(count: int, since: dt.date, until: dt.date | None, lang: Lang) -> str:
    """ "12 events from 1 January 2020 to today"."""
    return lang.ngettext("%(num)d event from %(since)s to %(until)s", "%(num)d events from %(since)s to %(until)s",
                         count, since=lang.date(since),
                         until=lang.date(until) if until else lang.gettext("today"))


def legend_text(lang: Lang) -> str:
    """The marks of a matrix, in order: "P party, C contracting State (not yet in force), …"."""
    from ratify.present.vocabulary import STATUS_ORDER, status_label, symbol

    return ", ".join(lang.gettext("%(symbol)s %(label)s") % {"symbol": symbol(s, lang), "label": status_label(s, lang)}
                     for s in STATUS_ORDER)


def checked_text(last_checked: Mapping[str, dt.date], lang: Lang) -> str:
    """ "data last checked against the depositary: IV-2 3 February 2026, …"; "" when nothing is listed."""
    if not last_checked:
        return ""
    listed = ", ".join(lang.gettext("%(instrument)s %(date)s") % {"instrument": k, "date": lang.date(v)}
                       for k, v in last_checked.items())
    return lang.gettext("data last checked against the depositary: %(list)s") % {"list": listed}
