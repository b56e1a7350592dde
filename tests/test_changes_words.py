"""What changed between two versions of the data, in words: facts in `query/diff.py`, words in
`present/changes.py` (English by `str()`, Russian through the catalogue)."""

from __future__ import annotations

import datetime as dt

import ratify
from ratify.model.enums import ConsentKind, StatementKind
from ratify.model.records import Consent, Participation, Statement
from ratify.present.changes import change_text
from ratify.present.i18n import language
from ratify.query.diff import ChangeKind, diff_participations

KAZ = Participation(state="KAZ", instrument="refugees-1951",
                    consent=Consent(dt.date(1999, 1, 15), ConsentKind.ACCESSION))


def test_a_changed_date_is_the_old_and_new_values() -> None:
    later = Participation(state="KAZ", instrument="refugees-1951",
                          consent=Consent(dt.date(1999, 1, 16), ConsentKind.ACCESSION))
    (change,) = diff_participations([KAZ], [later])
    assert (change.kind, change.field, change.old, change.new) == (ChangeKind.CHANGED, "consent", "1999-01-15",
                                                                   "1999-01-16")
    assert str(change) == "refugees-1951 KAZ: consent 1999-01-15 → 1999-01-16"
    assert change_text(change, language("ru")) == "refugees-1951 KAZ: согласие на обязательность 1999-01-15 → 1999-01-16"


def test_a_new_participant_carries_its_record_not_a_sentence() -> None:
    (change,) = diff_participations([], [KAZ])
    assert change.kind is ChangeKind.ADDED and change.record == KAZ and change.new is None
    assert str(change) == "refugees-1951 KAZ: new participant (accession 1999-01-15)"
    assert change_text(change, language("ru")).startswith("refugees-1951 KAZ: новый участник (")


def test_a_withdrawn_statement_is_dated() -> None:
    reservation = Statement(kind=StatementKind.RESERVATION, date=dt.date(1999, 1, 15), text="art. 17")
    before = Participation(state="TUR", instrument="refugees-1951", statements=(reservation,))
    after = Participation(state="TUR", instrument="refugees-1951",
                          statements=(Statement(kind=StatementKind.RESERVATION, date=dt.date(1999, 1, 15),
                                                text="art. 17", withdrawn=dt.date(2003, 5, 1)),))
    (change,) = diff_participations([before], [after])
    assert (change.kind, change.new, change.statement) == (ChangeKind.STATEMENT_WITHDRAWN, "2003-05-01",
                                                           after.statements[0])
    assert str(change) == "refugees-1951 TUR: statement withdrawn: withdrawn 2003-05-01"


def test_the_bundled_data_against_itself_changes_nothing(cat: ratify.Catalog) -> None:
    assert diff_participations(cat.participations, cat.participations) == []
