"""An import in words: the notes of `import-untc` and `update`, their progress and their summary lines.

The importer and `update` report facts (`ratify.untc.notes.ImportNote`, `UpdateStep`, counts);
this module says them in a language (`Lang`), plurals through the catalogue. English is the
default of the command line; `--lang` chooses another.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ratify.model.enums import ImportNoteKind, UpdateStepKind
from ratify.present.vocabulary import ACTION_LABELS, STATEMENT_LABELS

if TYPE_CHECKING:
    from pathlib import Path

    from ratify.present.i18n import Lang
    from ratify.untc.importer import ImportReport
    from ratify.untc.notes import ImportNote
    from ratify.untc.update import Failure, UpdateReport, UpdateStep

__all__ = ["created_folder_text", "failure_text", "import_summary", "note_line", "note_text", "step_text",
           "update_summary"]


def note_text(note: ImportNote, lang: Lang) -> str:
    """One note: "V-2.en.xml: participant 'Atlantis' matches no state; kept under [[unmatched]]"."""
    kind = note.kind
    values: dict[str, object] = {"file": note.file, "participant": note.participant, "state": note.state,
                                 "mtdsg": note.mtdsg, "value": note.value, "column": note.column}
    if kind is ImportNoteKind.NEW_FOLDER:
        return lang.gettext("%(file)s: a new data folder, started with the bundled register of states and "
                            "groups") % values
    if kind is ImportNoteKind.NO_TABLE:
        return lang.ngettext("%(file)s: no participants table; the %(num)d participant already in the folder is "
                             "kept", "%(file)s: no participants table; the %(num)d participants already in the "
                             "folder are kept", note.count or 0, file=note.file)
    if kind is ImportNoteKind.UNMATCHED_PARTICIPANT:
        return lang.gettext("%(file)s: participant %(participant)r matches no state; kept under [[unmatched]]") \
            % values
    if kind is ImportNoteKind.SECOND_ROW:
        return lang.gettext("%(file)s: %(participant)r is a second row for %(state)s; kept under [[unmatched]]") \
            % values
    if kind is ImportNoteKind.DATE_ORDER:
        return lang.gettext("%(file)s: %(participant)s: %(codes)s in the depositary's own record; kept as "
                            "recorded") % {**values, "codes": ", ".join(note.codes)}
    if kind is ImportNoteKind.UNDATED_CELL:
        return lang.gettext("%(file)s: %(participant)s: cell %(value)r holds no date; kept as printed") % values
    if kind is ImportNoteKind.UNKNOWN_CODE:
        return lang.gettext("%(file)s: %(participant)s: code %(value)r is not in the legend %(column)r; kept as "
                            "'other'") % values
    if kind is ImportNoteKind.CURATED_STATEMENT_KEPT:
        label = lang.gettext(STATEMENT_LABELS[note.statement]).lower() if note.statement in STATEMENT_LABELS \
            else str(note.statement)
        return lang.gettext("%(file)s: %(state)s: a curated %(statement)s is no longer in the file; kept") % {
            **values, "statement": label}
    if kind is ImportNoteKind.CORRECTION_IN_TABLE:
        action = lang.gettext(ACTION_LABELS[note.action]).lower() if note.action in ACTION_LABELS \
            else str(note.action)
        return lang.gettext("%(file)s: the correction for %(state)s (%(action)s %(date)s) is now in the "
                            "depositary's table") % {**values, "action": action, "date": _iso(note.date)}
    if kind is ImportNoteKind.UNDATED_FILE:
        return lang.gettext("%(file)s: carries no date of its own (no 'status as at'): its table is left undated; "
                            "give --as-of DATE, the date the copy was made") % values
    return lang.gettext("%(file)s: its table is as of %(date)s, older than the folder's %(mtdsg)s (as of "
                        "%(folder_date)s); skipped (use --force to import it anyway)") % {
        **values, "date": _iso(note.date), "folder_date": _iso(note.folder_date)}


def note_line(note: ImportNote, lang: Lang) -> str:
    """The note as the command line prints it: "note: …"."""
    return lang.gettext("note: %(text)s") % {"text": note_text(note, lang)}


def step_text(step: UpdateStep, lang: Lang) -> str:
    """What `update` is doing with a page: "fetching URL", "read: 182 participants, status as at 2026-02-03"."""
    if step.kind is UpdateStepKind.FETCHING:
        return lang.gettext("fetching %(url)s") % {"url": step.url}
    if step.kind is UpdateStepKind.FAILED:
        return lang.gettext("failed: %(reason)s") % {"reason": step.reason or ""}
    participants = lang.ngettext("%(num)d participant", "%(num)d participants", step.participants or 0)
    date = step.as_of.isoformat() if step.as_of else lang.gettext("no date")
    return lang.gettext("read: %(participants)s, status as at %(date)s") % {"participants": participants,
                                                                          "date": date}


def failure_text(failure: Failure, lang: Lang) -> str:
    """A treaty left as it was: "failed: IV-13: URL: reason"."""
    return lang.gettext("failed: %(mtdsg)s: %(url)s: %(reason)s") % {"mtdsg": failure.mtdsg, "url": failure.url,
                                                                     "reason": failure.reason}


def created_folder_text(path: str | Path, lang: Lang) -> str:
    return lang.gettext("note: created your data folder %(path)s from the bundled snapshot") % {"path": str(path)}


def import_summary(files: int, report: ImportReport, lang: Lang, *, dry_run: bool = False) -> str:
    """"2 files read, 5 changes, 1 new instrument; wrote 2 instrument files"."""
    parts = [lang.ngettext("%(num)d file read", "%(num)d files read", files), _changes(len(report.differences), lang)]
    if report.created:
        parts.append(lang.ngettext("%(num)d new instrument", "%(num)d new instruments", len(report.created)))
    return ", ".join(parts) + "; " + _written(len(report.written), dry_run, lang)


def update_summary(report: UpdateReport, lang: Lang) -> str:
    """"1 of 2 pages read, 1 failed; 3 changes; wrote 1 instrument file"."""
    imported = report.imported
    asked = len(report.treaties)
    parts = [lang.ngettext("%(read)d of %(num)d page read", "%(read)d of %(num)d pages read", asked,
                           read=asked - len(report.failures))]
    if report.failures:
        parts.append(lang.ngettext("%(num)d failed", "%(num)d failed", len(report.failures)))
    skipped = len(imported.skipped) if imported else 0
    if skipped:
        parts.append(lang.ngettext("%(num)d older than the folder's (skipped)",
                                   "%(num)d older than the folder's (skipped)", skipped))
    differences = len(imported.differences) if imported else 0
    written_count = len(imported.written) if imported else 0
    written = _written(written_count, report.dry_run, lang)
    if written_count and not differences:  # nothing changed but the time the pages were checked
        written = lang.gettext("%(written)s (the time checked)") % {"written": written}
    return "; ".join([", ".join(parts), _changes(differences, lang), written])


def _changes(n: int, lang: Lang) -> str:
    return lang.ngettext("%(num)d change", "%(num)d changes", n)


def _written(n: int, dry_run: bool, lang: Lang) -> str:
    if dry_run:
        return lang.ngettext("would write %(num)d instrument file", "would write %(num)d instrument files", n)
    return lang.ngettext("wrote %(num)d instrument file", "wrote %(num)d instrument files", n)


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
