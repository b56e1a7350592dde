"""ViewDetails HTML pages saved on 3 February 2026: facts checked against the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from untc_paths import FIXTURES, SHARED

from ratify.untc import StatusDocument, read_html, read_status


@pytest.fixture(scope="module")
def cmw() -> StatusDocument:
    return read_status(FIXTURES / "cmw.html")


def row(doc: StatusDocument, name: str):
    (found,) = [r for r in doc.rows if r.name == name]
    return found


def test_cmw_stamp_and_header(cmw: StatusDocument) -> None:
    assert cmw.format == "html"
    assert cmw.as_of == dt.date(2026, 2, 3)  # "STATUS AS AT : 03-02-2026 10:16:18 EDT"
    h = cmw.header
    assert (h.mtdsg, h.chapter, h.chapter_name) == ("IV-13", "IV", "HUMAN RIGHTS")
    assert h.title == (
        "International Convention on the Protection of the Rights of All Migrant Workers "
        "and Members of their Families"
    )
    assert (h.conclusion_place, h.conclusion_date) == ("New York", dt.date(1990, 12, 18))
    assert h.entry_into_force == dt.date(2003, 7, 1)
    assert h.entry_into_force_text == "1 July 2003, in accordance with article 87(1)."
    assert (h.registration_date, h.registration_number) == (dt.date(2003, 7, 1), "39481")
    assert (h.signatories, h.parties) == (40, 60)
    assert h.treaty_text is not None and h.treaty_text.startswith(
        "United Nations, Treaty Series, vol. 2220, p. 3"
    )


def test_cmw_tab_inside_date(fixture_bytes, cmw: StatusDocument) -> None:
    assert b"<td> &nbsp;5 Jun\t 2007 a<br></td>" in fixture_bytes("cmw.html")  # NBSP padding and a TAB
    cell = row(cmw, "Albania").cells[1]
    assert (cell.text, cell.date, cell.code, cell.bracketed) == (
        "5 Jun 2007 a",
        dt.date(2007, 6, 5),
        "a",
        False,
    )
    assert row(cmw, "Albania").cells[0].text == ""


def test_cmw_codes_are_per_column(cmw: StatusDocument) -> None:
    signature, consent = cmw.columns
    assert signature.label == "Signature, Succession to signature(d)"
    assert signature.meaning("d") == "Succession to signature"
    assert consent.meaning("d") == "Succession"
    assert consent.meaning(None) == "Ratification" and signature.meaning(None) == "Signature"
    turkiye = row(cmw, "Türkiye")
    assert [(c.date, c.code) for c in turkiye.cells] == [
        (dt.date(1999, 1, 13), None),
        (dt.date(2004, 9, 27), None),
    ]
    parties = sum(1 for r in cmw.rows if r.cells[1].date and not r.cells[1].bracketed)
    assert parties == cmw.header.parties


def test_cmw_declarations_objections_notes(cmw: StatusDocument) -> None:
    assert cmw.declarations_title == (
        "Declarations and Reservations (Unless otherwise indicated, the declarations and reservations "
        "were made upon ratification, accession or succession.)"
    )
    statements = {s.participant: s for s in cmw.declarations}
    mexico = statements["Mexico"]
    assert mexico.footnotes == ("3",)
    assert [(s.title, s.date) for s in mexico.sections] == [
        ("Interpretative declaration:", None),
        ("Declaration under article 77:", dt.date(2008, 9, 15)),
    ]
    ecuador = statements["Ecuador"].sections
    assert [(s.title, s.date, len(s.paragraphs)) for s in ecuador] == [
        ("Declaration under articles 76 and 77:", dt.date(2018, 1, 12), 3)
    ]
    assert (
        statements["Algeria"]
        .sections[0]
        .paragraphs[0]
        .startswith(
            "The Government of the People's Algerian Democratic Republic does not consider itself bound"
        )
    )
    (objection,) = cmw.objections
    assert objection.participant == "Mexico"
    assert objection.sections[0].date == dt.date(2017, 10, 26)
    assert (
        objection.sections[0].title == "With regard to the declaration made by Venezuela upon ratification:"
    )
    assert [n.index for n in cmw.notes] == ["1", "2", "3", "4"]
    note = cmw.note("3")
    assert note is not None and note.text.startswith("On 11 July 2014, the Government of Mexico notified")
    assert "\n\n" in note.text  # the withdrawn reservation is a paragraph of its own
    assert cmw.territorial_applications == ()


def test_iccpr_op1_bracketed_rows() -> None:
    doc = read_status(FIXTURES / "iccpr_op1.html")
    assert doc.header.mtdsg == "IV-5"
    jamaica = row(doc, "Jamaica")
    assert jamaica.footnotes == ("3",)
    assert [(c.text, c.date, c.bracketed) for c in jamaica.cells] == [
        ("[19 Dec 1966 ]", dt.date(1966, 12, 19), True),
        ("[ 3 Oct 1975 ]", dt.date(1975, 10, 3), True),
    ]
    belarus = row(doc, "Belarus")  # denounced after the 2018 XML was made
    assert belarus.cells[1].text == "[30 Sep 1992 a]" and belarus.cells[1].bracketed
    note = doc.note("6")
    assert note is not None and note.text.startswith("On 8 November 2022, the Government of Belarus notified")
    trinidad = row(doc, "Trinidad and Tobago")
    assert trinidad.cells[1].text == "[14 Nov 1980 a]" and trinidad.footnotes == ("1",)
    assert [(t.participant, t.date, t.territories) for t in doc.territorial_applications] == [
        ("Netherlands (Kingdom of the)", dt.date(1978, 12, 11), "Netherlands Antilles")
    ]


def test_read_html_directly(fixture_bytes) -> None:
    doc = read_html(fixture_bytes("cmw.html"), "saved.html")
    assert doc.source == "saved.html" and len(doc.rows) == 71


@pytest.mark.skipif(not (SHARED / "html" / "iccpr.html").exists(), reason="shared UNTC corpus not present")
def test_iccpr_page() -> None:
    doc = read_status(SHARED / "html" / "iccpr.html")
    h = doc.header
    assert (h.mtdsg, h.signatories, h.parties) == ("IV-4", 74, 175)
    assert doc.as_of == dt.date(2026, 2, 3)
    assert h.entry_into_force == dt.date(1976, 3, 23)
    assert [c.label for c in doc.columns] == ["Signature", "Accession(a), Succession(d), Ratification"]
    assert doc.columns[1].meaning(None) == "Ratification"
    assert sum(1 for r in doc.rows if r.cells[1].date and not r.cells[1].bracketed) == 175
    assert len(doc.territorial_applications) == 3


def test_iccpr_declarations_under_article_41() -> None:
    doc = read_status(FIXTURES / "iccpr.html")
    assert doc.declarations_under_article_title == (
        "Declarations recognizing the competence of the Human Rights Committee under article 41 "
        "(Unless otherwise indicated, the declarations were made upon ratification, accession or succession.)")
    assert len(doc.declarations_under_article) == 50
    russia = next(s for s in doc.declarations_under_article if s.participant == "Russian Federation")
    (section,) = russia.sections
    assert section.date == dt.date(1991, 10, 1)
    assert section.paragraphs[0].startswith("The Union of Soviet Socialist Republics declares that, pursuant to article 41")
    argentina = next(s for s in doc.declarations_under_article if s.participant == "Argentina")
    assert argentina.sections[0].date is None  # none of its own: the sub-title dates it from the consent
    # the section is not mixed into the reservations and declarations
    assert not any("pursuant to article 41" in p for s in doc.declarations if s.participant == "Russian Federation"
                   for sec in s.sections for p in sec.paragraphs)


def test_unbalanced_markup_in_a_declaration_is_tolerated(fixture_bytes) -> None:
    data = fixture_bytes("cmw.html")
    opening = data.index(b">", data.index(b"dgDec_ctl05_divText")) + 1
    damaged = data[:opening] + b"<div>" + data[opening:]  # never closed
    reference = read_status(FIXTURES / "cmw.html")
    doc = read_status("cmw.html", damaged)
    assert (doc.declarations, doc.objections, doc.notes, doc.rows) == (
        reference.declarations,
        reference.objections,
        reference.notes,
        reference.rows,
    )


@pytest.mark.skipif(not (SHARED / "html" / "cerd.html").exists(), reason="shared UNTC corpus not present")
def test_the_sub_title_of_declarations_under_an_article_is_read() -> None:
    # CERD names its article only in the sub-title ("in accordance with article 14 of the Convention")
    cerd = read_status(SHARED / "html" / "cerd.html")
    assert cerd.declarations_under_article_title == (
        "Declarations recognizing the competence of the Committee on the Elimination of Racial Discrimination "
        "in accordance with article 14 of the Convention (Unless otherwise indicated, the declarations and "
        "reservations were made upon ratification, accession or succession.)")
    cat = read_status(SHARED / "html" / "cat.html")
    assert cat.declarations_under_article_title.startswith(
        "Declarations made under articles 21 and 22 (Declarations recognizing the Competence of the Committee "
        "against Torture) (Unless otherwise indicated")
    (turkey,) = [s for s in cat.declarations_under_article if s.participant == "Türkiye"]
    assert turkey.sections[0].date is None  # made upon ratification, as the sub-title says
