"""Small grammars: cells, legends, prose dates, markup and statement sections."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ratify.untc import Cell, Column, LegendItem
from ratify.untc.dates import first_date, only_date
from ratify.untc.header import mtdsg_from_path, registration, split_conclusion, status_counts
from ratify.untc.statements import SectionBuilder
from ratify.untc.table import _pattern_cell, make_column, parse_cell
from ratify.untc.text import plain, split_footnotes

PROVISIONAL = "Provisional application by virtue of signature, adoption of the Agreement or accession thereto"


@pytest.mark.parametrize(
    ("raw", "cell"),
    [
        ("30 Aug 2005 a", Cell("30 Aug 2005 a", dt.date(2005, 8, 30), "a", False)),
        ("12 Dec 2000", Cell("12 Dec 2000", dt.date(2000, 12, 12), None, False)),
        ("31 May 1995 AA", Cell("31 May 1995 AA", dt.date(1995, 5, 31), "AA", False)),
        ("[ 3 Oct 1975 ]", Cell("[ 3 Oct 1975 ]", dt.date(1975, 10, 3), None, True)),
        ("[14 Nov 1980 a]", Cell("[14 Nov 1980 a]", dt.date(1980, 11, 14), "a", True)),
        (" \xa05 Jun\t 2007 a", Cell("5 Jun 2007 a", dt.date(2007, 6, 5), "a", False)),
        ("22 Apr\u2002 2016 ", Cell("22 Apr 2016", dt.date(2016, 4, 22), None, False)),
        ("[20 Jan\t 2021 A]", Cell("[20 Jan 2021 A]", dt.date(2021, 1, 20), "A", True)),
        ("31 Feb 2001", Cell("31 Feb 2001", None, None, False)),
        ("see note 3", Cell("see note 3", None, None, False)),
        ("", Cell("", None, None, False)),
        (" \xa0", Cell("", None, None, False)),
    ],
)
def test_parse_cell(raw: str, cell: Cell) -> None:
    assert parse_cell(raw) == cell


_SPACE = st.sampled_from([" ", "  ", "\t", "\xa0", "\u2002", "\n", "\x1c"])
_CELL_WORDS = st.one_of(
    st.sampled_from(["30", "5", "05", "123", "\u0661\u0662", "Aug", "aug", "AUG", "Aug.", "Sept", "May", "Mayo",
                     "2005", "19999", "a", "AA", "d", "abc", "é", "[", "]", "[30", "2005]", "a]", "note", "²"]),
    st.text(max_size=4),
)
_CELLS = st.lists(st.tuples(_CELL_WORDS, _SPACE), max_size=6).map(lambda ws: "".join(w + s for w, s in ws))


@settings(max_examples=1000, deadline=None)
@given(st.one_of(_CELLS, st.text(max_size=30)))
def test_the_quick_read_of_a_clean_cell_is_the_patterns_read(raw: str) -> None:
    assert parse_cell(raw) == _pattern_cell(raw)


def test_legend_items_and_meaning() -> None:
    column = make_column("Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)")
    assert column.items[:2] == (LegendItem("Ratification", None), LegendItem("Acceptance", "A"))
    assert (column.meaning("a"), column.meaning("A"), column.meaning(None)) == (
        "Accession",
        "Acceptance",
        "Ratification",
    )
    assert column.meaning("P") is None


@pytest.mark.parametrize(
    ("legend", "items"),
    [
        ("Accession(a), Succession(d)", [("Accession", "a"), ("Succession", "d")]),
        ("Signature ad referendum (s)", [("Signature ad referendum", "s")]),
        (
            "Ratification, Acceptance(A), Participation under articles 3 (2) and (3)(P)",
            [
                ("Ratification", None),
                ("Acceptance", "A"),
                ("Participation under articles 3 (2) and (3)", "P"),
            ],
        ),
        ("Notification under article 21 (1)", [("Notification under article 21 (1)", None)]),
        (
            "Notification of non-provisional application under article 7 (1) (b)",
            [("Notification of non-provisional application under article 7 (1) (b)", None)],
        ),
        (
            f"{PROVISIONAL}, Provisional application by virtue of a notification (n)",
            [
                (PROVISIONAL, None),
                ("Provisional application by virtue of a notification", "n"),
            ],
        ),
    ],
)
def test_legend_variants(legend: str, items: list[tuple[str, str | None]]) -> None:
    assert [(i.label, i.code) for i in make_column(legend).items] == items


def test_ambiguous_bare_date_has_no_meaning() -> None:
    column = Column(
        "x",
        (
            LegendItem("Definitive signature of the Protocol", None),
            LegendItem("Acceptance of the Protocol", None),
        ),
    )
    assert column.meaning(None) is None


def test_markup_and_footnotes() -> None:
    assert split_footnotes("Australia<superscript>3,4</superscript>") == ("Australia", ("3", "4"))
    assert split_footnotes("  Czech \t Republic ") == ("Czech Republic", ())
    assert split_footnotes("N<superscript>o</superscript> 5") == ("No 5", ())
    assert (
        plain("United Nations, <i>Treaty Series </i>, vol. 606") == "United Nations, Treaty Series , vol. 606"
    )
    assert plain("<i> <center>[See chapter V.2.] </center> </i>") == "[See chapter V.2.]"
    assert (
        plain('1186 (XLI)</a><superscript>1</superscript> of <a href="/x.pdf" target="_blank">it')
        == "1186 (XLI) of it"
    )


def test_prose_dates() -> None:
    assert first_date("22 April 1954, in accordance with article 43.") == dt.date(1954, 4, 22)
    assert first_date("see article 89 which reads as follows") is None
    assert first_date("on 31 February 2001 or 1 March 2001") == dt.date(2001, 3, 1)
    assert only_date(" 25 October 2012") == dt.date(2012, 10, 25)
    assert only_date("20 Feb 1996") == dt.date(1996, 2, 20)
    assert only_date("25 October 2012 and more") is None
    assert only_date("1 Decmeber 1999") == dt.date(1999, 12, 1)  # the depositary's misspelling (IV-5, Spain)
    assert only_date("1 Decembre 1999") is None  # only the spelling the pages print
    assert only_date("4 Octobre 2002") == dt.date(2002, 10, 4)  # IV-11-c, Austria
    assert only_date("12 August 2003*") == dt.date(2003, 8, 12)  # IV-11-c, Cyprus
    assert only_date("8 August l989") == dt.date(1989, 8, 8)  # IV-2, Belgium
    assert only_date("8 August l98") is None and only_date("l989") is None


def test_header_prose() -> None:
    assert split_conclusion("Lake Success, New York, 11 December 1946") == (
        "Lake Success, New York",
        dt.date(1946, 12, 11),
    )
    assert split_conclusion("London, 14 November 1975 and 9 November 1977") == (
        "London",
        dt.date(1975, 11, 14),
    )
    assert split_conclusion("Geneva") == ("Geneva", None)
    assert split_conclusion("") == (None, None)
    assert registration("22 April 1954, No. 2545") == (dt.date(1954, 4, 22), "2545")
    assert status_counts("Signatories :  40.  Parties :  60") == (40, 60)
    assert mtdsg_from_path("XI-A-16.en.xml", "XI", "16", None) == "XI-A-16"
    assert mtdsg_from_path("xviii-12-a.en.xml", "XVIII", "12", "a") == "XVIII-12-a"
    assert mtdsg_from_path("download.xml", "V", "5", None) == "V-5"
    assert mtdsg_from_path("V-2.en.xml", "V", "5", None) == "V-5"  # the content wins


def test_sections_follow_titles_and_dates() -> None:
    builder = SectionBuilder()
    builder.paragraph("made upon accession")
    builder.title("Reservation:")
    builder.paragraph("one")
    builder.date(dt.date(2012, 10, 25))
    builder.title("Declaration:")
    builder.paragraph("two")
    builder.title("Declaration under article 77:")
    builder.paragraph("three")
    sections = builder.sections()
    assert [(s.title, s.paragraphs, s.date) for s in sections] == [
        (None, ("made upon accession",), None),
        ("Reservation:", ("one",), None),
        ("Declaration:", ("two",), dt.date(2012, 10, 25)),
        ("Declaration under article 77:", ("three",), dt.date(2012, 10, 25)),
    ]
