"""The derived CSVs of zmjones/untreaties."""

from __future__ import annotations

import datetime as dt

import pytest
from untc_paths import FIXTURES

from ratify.untc import mtdsg_from_csv_name, read_derived_csv, read_status


@pytest.mark.parametrize(
    ("name", "mtdsg"),
    [
        ("5-2.csv", "V-2"),
        ("18-12-a.csv", "XVIII-12-a"),
        ("18-12.csv", "XVIII-12"),
        ("4-13.csv", "IV-13"),
        ("/some/where/4-3.csv", "IV-3"),
        ("29-1.csv", "XXIX-1"),
    ],
)
def test_mtdsg_from_csv_name(name: str, mtdsg: str) -> None:
    assert mtdsg_from_csv_name(name) == mtdsg


@pytest.mark.parametrize("name", ["V-2.csv", "5-2.xml", "0-1.csv", "5.csv", "notes.csv"])
def test_mtdsg_from_csv_name_refuses_other_names(name: str) -> None:
    with pytest.raises(ValueError):
        mtdsg_from_csv_name(name)


def test_refugee_convention_csv() -> None:
    doc = read_status(FIXTURES / "5-2.csv")
    assert doc.format == "csv" and doc.as_of is None
    assert (doc.header.mtdsg, doc.header.chapter, doc.header.title) == ("V-2", "V", "")
    assert doc.header.parties is None and doc.header.entry_into_force is None
    assert [c.label for c in doc.columns] == ["Signature", "Accession(a), Succession(d), Ratification"]
    consent = doc.columns[1]
    assert consent.meaning(None) == "Ratification" and consent.meaning("d") == "Succession"
    assert len(doc.rows) == 145
    austria = next(r for r in doc.rows if r.name == "Austria")
    assert [(c.text, c.date, c.code) for c in austria.cells] == [
        ("28 Jul 1951", dt.date(1951, 7, 28), None),
        ("1 Nov 1954", dt.date(1954, 11, 1), None),
    ]
    algeria = next(r for r in doc.rows if r.name == "Algeria")
    assert (algeria.cells[1].date, algeria.cells[1].code) == (dt.date(1963, 2, 21), "d")
    # the extractor deleted brackets and footnote digits
    assert not any(c.bracketed for r in doc.rows for c in r.cells)
    assert all(r.footnotes == () for r in doc.rows)


def test_read_derived_csv_with_explicit_mtdsg() -> None:
    data = b'Participant,"Accession(a), Succession(d)"\nAfghanistan,30 Aug 2005 a\n\n'
    doc = read_derived_csv(data, "x.csv", "V-5")
    assert doc.header.mtdsg == "V-5" and [r.name for r in doc.rows] == ["Afghanistan"]
