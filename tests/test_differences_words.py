"""What differs between two versions of the data, in words: facts in `query/diff.py`, words in
`present/differences.py` (English by `str()`, Russian through the catalogue)."""

from __future__ import annotations

import datetime as dt

import ratify
from ratify.model.enums import ConsentKind, StatementKind
from ratify.model.records import Consent, Participation, Statement
from ratify.present.differences import difference_text
from ratify.present.i18n import language
from ratify.query.diff import DifferenceKind, diff_participations

KAZ = Participation(state="KAZ", instrument="refugees-1951",
                    consent=Consent(dt.date(1999, 1, 15), ConsentKind.ACCESSION))


def test_a_changed_date_is_the_old_and_new_values() -> None:
    later = Participation(state="KAZ", instrument="refugees-1951",
                          consent=Consent(dt.date(1999, 1, 16), ConsentKind.ACCESSION))
    (difference,) = diff_participations([KAZ], [later])
    assert (difference.kind, difference.field, difference.old, difference.new) == (DifferenceKind.CHANGED, "consent", "1999-01-15",
                                                                   "1999-01-16")
    assert str(difference) == "refugees-1951 KAZ: consent 1999-01-15 → 1999-01-16"
    assert difference_text(difference, language("ru")) == "refugees-1951 KAZ: согласие на обязательность 1999-01-15 → 1999-01-16"


def test_a_new_participant_carries_its_record_not_a_sentence() -> None:
    (difference,) = diff_participations([], [KAZ])
    assert difference.kind is DifferenceKind.ADDED and difference.record == KAZ and difference.new is None
    assert str(difference) == "refugees-1951 KAZ: new participant (accession 1999-01-15)"
    assert difference_text(difference, language("ru")).startswith("refugees-1951 KAZ: новый участник (")


def test_a_withdrawn_statement_is_dated() -> None:
    reservation = Statement(kind=StatementKind.RESERVATION, date=dt.date(1999, 1, 15), text="art. 17")
    before = Participation(state="TUR", instrument="refugees-1951", statements=(reservation,))
    after = Participation(state="TUR", instrument="refugees-1951",
                          statements=(Statement(kind=StatementKind.RESERVATION, date=dt.date(1999, 1, 15),
                                                text="art. 17", withdrawn=dt.date(2003, 5, 1)),))
    (difference,) = diff_participations([before], [after])
    assert (difference.kind, difference.new, difference.statement) == (DifferenceKind.STATEMENT_WITHDRAWN, "2003-05-01",
                                                           after.statements[0])
    assert str(difference) == "refugees-1951 TUR: statement withdrawn: withdrawn 2003-05-01"


def test_the_bundled_data_against_itself_differs_in_nothing(cat: ratify.Catalog) -> None:
    assert diff_participations(cat.participations, cat.participations) == []


def test_the_old_names_still_work_with_a_warning() -> None:
    import pytest

    from ratify.query import diff

    with pytest.warns(DeprecationWarning, match="Difference"):
        assert diff.Change is diff.Difference
    with pytest.warns(DeprecationWarning, match="DifferenceKind"):
        assert diff.ChangeKind is DifferenceKind
