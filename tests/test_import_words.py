"""An import in words: the importer's notes and `update`'s steps are facts (`untc/`); `present/imports.py`
says them, and the summary lines the commands print, in English or Russian with the plural forms."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from untc.untc_paths import FIXTURES

from ratify.cli import main
from ratify.model.enums import ActionKind, ImportNoteKind, StatementKind, UpdateStepKind
from ratify.present.i18n import language
from ratify.present.imports import import_summary, note_line, note_text, step_text
from ratify.untc.importer import ImportReport, import_untc
from ratify.untc.notes import ImportNote
from ratify.untc.update import UpdateStep

D = dt.date
EN, RU = language("en"), language("ru")

# one note of each kind, with the values that kind carries
NOTES = {
    ImportNoteKind.NEW_FOLDER: ImportNote(ImportNoteKind.NEW_FOLDER, "mydata"),
    ImportNoteKind.NO_TABLE: ImportNote(ImportNoteKind.NO_TABLE, "V-2.html", count=2),
    ImportNoteKind.UNMATCHED_PARTICIPANT: ImportNote(ImportNoteKind.UNMATCHED_PARTICIPANT, "V-2.en.xml",
                                                     participant="Atlantis"),
    ImportNoteKind.SECOND_ROW: ImportNote(ImportNoteKind.SECOND_ROW, "V-2.en.xml", participant="Türkiye",
                                          state="TUR"),
    ImportNoteKind.DATE_ORDER: ImportNote(ImportNoteKind.DATE_ORDER, "V-2.en.xml", participant="Kazakhstan",
                                          state="KAZ", codes=("signature_after_consent",)),
    ImportNoteKind.UNDATED_CELL: ImportNote(ImportNoteKind.UNDATED_CELL, "V-2.en.xml", participant="Kazakhstan",
                                            value="tbc", column="Accession(a)"),
    ImportNoteKind.UNKNOWN_CODE: ImportNote(ImportNoteKind.UNKNOWN_CODE, "V-2.en.xml", participant="Kazakhstan",
                                            value="z", column="Accession(a)"),
    ImportNoteKind.CURATED_STATEMENT_KEPT: ImportNote(ImportNoteKind.CURATED_STATEMENT_KEPT, "V-2.en.xml",
                                                      state="TUR", statement=StatementKind.RESERVATION),
    ImportNoteKind.CORRECTION_IN_TABLE: ImportNote(ImportNoteKind.CORRECTION_IN_TABLE, "V-2.en.xml", state="KAZ",
                                                   action=ActionKind.ACCESSION, date=D(1999, 1, 15)),
    ImportNoteKind.UNDATED_FILE: ImportNote(ImportNoteKind.UNDATED_FILE, "V-5.en.xml", mtdsg="V-5"),
    ImportNoteKind.OLDER_THAN_FOLDER: ImportNote(ImportNoteKind.OLDER_THAN_FOLDER, "IV-13.en.xml", mtdsg="IV-13",
                                                 date=D(2018, 1, 15), folder_date=D(2026, 2, 3)),
}


def test_every_kind_of_note_has_words_in_each_language() -> None:
    assert set(NOTES) == set(ImportNoteKind)
    for note in NOTES.values():
        en, ru = note_text(note, EN), note_text(note, RU)
        assert en == str(note) and en.startswith(f"{note.file}: ") and ru.startswith(f"{note.file}: ")
        assert en != ru and "%(" not in en + ru
    assert str(NOTES[ImportNoteKind.OLDER_THAN_FOLDER]) == (
        "IV-13.en.xml: its table is as of 2018-01-15, older than the folder's IV-13 (as of 2026-02-03); "
        "skipped (use --force to import it anyway)")
    assert str(NOTES[ImportNoteKind.CORRECTION_IN_TABLE]) == (
        "V-2.en.xml: the correction for KAZ (accession 1999-01-15) is now in the depositary's table")
    assert note_line(NOTES[ImportNoteKind.NEW_FOLDER], RU).startswith("примечание: mydata: ")


def test_the_plural_of_a_note_follows_the_language() -> None:
    one = ImportNote(ImportNoteKind.NO_TABLE, "V-2.html", count=1)
    assert "the 1 participant already in the folder is kept" in str(one)
    assert "the 2 participants already in the folder are kept" in str(NOTES[ImportNoteKind.NO_TABLE])
    assert [note_text(ImportNote(ImportNoteKind.NO_TABLE, "f", count=n), RU).split("; ")[1].split(",")[0]
            for n in (1, 3, 5, 21)] == ["1 участник", "3 участника", "5 участников", "21 участник"]


def test_an_import_reports_its_notes_as_facts(tmp_path: Path) -> None:
    report = import_untc([FIXTURES / "V-5.en.xml"], tmp_path / "new")  # a new folder; an XML has no date
    kinds = [n.kind for n in report.notes]
    assert kinds[:1] == [ImportNoteKind.NEW_FOLDER] and ImportNoteKind.UNDATED_FILE in kinds
    new_folder = report.notes[0]
    assert new_folder.file == str(tmp_path / "new") and all(isinstance(n, ImportNote) for n in report.notes)


def _report(differences: int = 0, written: int = 0, created: int = 0) -> ImportReport:
    from ratify.query.diff import Difference, DifferenceKind

    return ImportReport(differences=tuple(Difference("v-2", "KAZ", DifferenceKind.ADDED) for _ in range(differences)),
                        notes=(), written=tuple(f"instruments/{i}.toml" for i in range(written)),
                        created=tuple(f"i{i}" for i in range(created)))


def test_the_import_summary_in_english_keeps_its_words() -> None:
    assert import_summary(1, _report(), EN) == "1 file read, 0 changes; wrote 0 instrument files"
    assert import_summary(2, _report(1, 1, 1), EN, dry_run=True) == \
        "2 files read, 1 change, 1 new instrument; would write 1 instrument file"
    assert import_summary(3, _report(5, 2, 2), EN) == "3 files read, 5 changes, 2 new instruments; wrote 2 instrument files"


@pytest.mark.parametrize(("n", "words"), [(1, "прочитан 1 файл, 1 изменение"), (2, "прочитано 2 файла, 2 изменения"),
                                          (5, "прочитано 5 файлов, 5 изменений"),
                                          (21, "прочитан 21 файл, 21 изменение")])
def test_the_import_summary_in_russian_has_the_plural_forms(n: int, words: str) -> None:
    assert import_summary(n, _report(n, n), RU).startswith(words + "; записан")


def test_each_step_of_an_update_in_words() -> None:
    url = "https://treaties.un.org/Pages/ViewDetails.aspx?mtdsg_no=V-2"
    read = UpdateStep(UpdateStepKind.READ, url, participants=149, as_of=D(2026, 2, 3))
    assert str(read) == "read: 149 participants, status as at 2026-02-03"
    assert step_text(read, RU) == "прочитано: 149 участников, состояние на 2026-02-03"
    assert str(UpdateStep(UpdateStepKind.READ, url, participants=1)) == "read: 1 participant, status as at no date"
    assert str(UpdateStep(UpdateStepKind.FETCHING, url)) == f"fetching {url}"
    assert str(UpdateStep(UpdateStepKind.FAILED, url, reason="HTTP 503")) == "failed: HTTP 503"


def test_the_command_line_speaks_the_language_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    assert main(["import-untc", str(FIXTURES / "V-5.en.xml"), "--data", str(folder), "--dry-run", "--lang", "ru"]) == 0
    out, err = capsys.readouterr()
    assert "прочитан 1 файл" in out and "был бы записан 1 файл документа" in out
    assert "примечание: " in err and "note: " not in err
    assert main(["import-untc", str(FIXTURES / "V-5.en.xml"), "--data", str(folder), "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert "1 file read, 1 change, 1 new instrument; would write 1 instrument file" in out and "note: " in err
    assert not folder.exists()  # a dry run writes nothing, not even the new folder
