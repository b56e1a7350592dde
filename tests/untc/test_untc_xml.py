"""MTDSG XML: facts read from the real 2018 files, checked one by one against the files."""

from __future__ import annotations

import datetime as dt

import pytest
from untc_paths import FIXTURES

from ratify.untc import StatusDocument, read_status, read_xml


@pytest.fixture(scope="module")
def v5() -> StatusDocument:
    return read_status(FIXTURES / "V-5.en.xml")


def row(doc: StatusDocument, name: str):
    matches = [r for r in doc.rows if r.name == name]
    assert len(matches) == 1, name
    return matches[0]


def test_v5_header(v5: StatusDocument) -> None:
    h = v5.header
    assert v5.format == "xml" and v5.as_of is None
    assert v5.source.endswith("V-5.en.xml")
    assert (h.mtdsg, h.chapter, h.chapter_name) == ("V-5", "V", "REFUGEES AND STATELESS PERSONS")
    assert h.title == "Protocol relating to the Status of Refugees"
    assert (h.conclusion_place, h.conclusion_date) == ("New York", dt.date(1967, 1, 31))
    assert h.entry_into_force == dt.date(1967, 10, 4)
    assert h.entry_into_force_text == "4 October 1967, in accordance with article VIII."
    assert (h.registration_date, h.registration_number) == (dt.date(1967, 10, 4), "8791")
    assert (h.signatories, h.parties) == (None, 146)  # accession-only: no signatories count
    assert h.template == "mtdsg"
    assert h.treaty_text is not None and "vol. 606, p. 267" in h.treaty_text


def test_v5_table(v5: StatusDocument) -> None:
    assert [c.label for c in v5.columns] == ["Accession(a), Succession(d)"]
    assert len(v5.rows) == 146
    assert all(len(r.cells) == 1 for r in v5.rows)
    afghanistan = row(v5, "Afghanistan").cells[0]
    assert (afghanistan.text, afghanistan.date, afghanistan.code) == (
        "30 Aug 2005 a",
        dt.date(2005, 8, 30),
        "a",
    )
    assert v5.columns[0].meaning(afghanistan.code) == "Accession"
    assert row(v5, "Australia").footnotes == ("3", "4")
    # parties = rows with an unbracketed consent date
    assert sum(1 for r in v5.rows if r.cells[0].date and not r.cells[0].bracketed) == v5.header.parties


def test_v5_czech_republic_succession_and_its_note(v5: StatusDocument) -> None:
    czech = row(v5, "Czech Republic")
    assert czech.footnotes == ("7",)
    cell = czech.cells[0]
    assert (cell.text, cell.date, cell.code, cell.bracketed) == (
        "11 May 1993 d",
        dt.date(1993, 5, 11),
        "d",
        False,
    )
    assert v5.columns[0].meaning("d") == "Succession"
    note = v5.note("7")
    assert note is not None
    assert note.text.startswith("Czechoslovakia had acceeded to the Protocol on 26 November 1991.")
    # 0x1C/0x1D in the file were curly quotes
    assert "“Czech Republic”" in note.text


def test_v5_notes(v5: StatusDocument) -> None:
    assert [n.index for n in v5.notes] == [str(i) for i in range(1, 16)]
    assert v5.note("99") is None
    netherlands = v5.note("10")
    assert netherlands is not None
    paragraphs = netherlands.text.split("\n\n")
    assert paragraphs[1] == "22 June 2011"  # a <right> date kept as plain text
    assert paragraphs[2].startswith("Subsequently, following a modification")
    assert "<" not in netherlands.text
    official_records = v5.note("1")
    assert official_records is not None and official_records.text.startswith(
        "Official Records of the Economic"
    )


def test_v5_declarations_and_objections(v5: StatusDocument) -> None:
    assert v5.declarations_title == (
        "Declarations and Reservations (Unless otherwise indicated, the declarations and reservations "
        "were made upon accession or succession.)"
    )
    by_name = {s.participant: s for s in v5.declarations}
    assert len(v5.declarations) == 34
    rwanda = by_name["Rwanda"].sections
    assert [(s.title, s.date) for s in rwanda] == [("Reservation to article IV:", None)]
    assert rwanda[0].paragraphs[0].startswith("For the settlement of any dispute between States Parties")
    swaziland = by_name["Swaziland"].sections
    assert [(s.title, len(s.paragraphs)) for s in swaziland] == [(None, 3), ("Declaration:", 1)]
    # a withdrawn reservation: only the footnote is left
    assert (by_name["Guatemala"].footnotes, by_name["Guatemala"].sections) == (("13",), ())
    assert by_name["Chile"].sections[0].paragraphs == ("[See chapter V.2.]",)
    assert len(v5.objections) == 7
    germany = next(s for s in v5.objections if s.participant == "Germany")
    assert germany.footnotes == ("8",)


def test_v5_territorial_applications(v5: StatusDocument) -> None:
    assert [(t.participant, t.date, t.territories) for t in v5.territorial_applications] == [
        ("Netherlands", dt.date(1971, 7, 29), "Suriname"),
        ("United Kingdom of Great Britain and Northern Ireland", dt.date(1970, 4, 20), "Bahama Islands"),
        # an empty <Participant /> continues the previous participant
        ("United Kingdom of Great Britain and Northern Ireland", dt.date(1996, 2, 20), "Jersey"),
    ]


def test_xviii_12_a_legend() -> None:
    doc = read_status(FIXTURES / "XVIII-12-a.en.xml")
    assert doc.header.mtdsg == "XVIII-12-a"
    assert doc.header.title.startswith("Protocol to Prevent, Suppress and Punish Trafficking in Persons")
    assert (doc.header.signatories, doc.header.parties) == (117, 173)
    assert doc.header.registration_number == "39574"  # shared with UNTOC: not a unique key
    signature, consent = doc.columns
    assert [(i.label, i.code) for i in signature.items] == [("Signature", None)]
    assert [(i.label, i.code) for i in consent.items] == [
        ("Ratification", None),
        ("Acceptance", "A"),
        ("Approval", "AA"),
        ("Accession", "a"),
        ("Succession", "d"),
    ]
    assert consent.meaning(None) == "Ratification"
    assert consent.meaning("a") == "Accession" and consent.meaning("A") == "Acceptance"
    assert consent.meaning("AA") == "Approval" and consent.meaning("r") is None
    assert signature.meaning(None) == "Signature"
    afghanistan = row(doc, "Afghanistan")
    assert afghanistan.cells[0].text == ""
    assert (afghanistan.cells[1].date, afghanistan.cells[1].code) == (dt.date(2014, 8, 15), "a")
    assert len(doc.rows) == 175
    signed = sum(1 for r in doc.rows if r.cells[0].date)
    assert signed == doc.header.signatories


def test_iv_5_bracketed_rows() -> None:
    doc = read_status(FIXTURES / "IV-5.en.xml")
    jamaica = row(doc, "Jamaica")
    assert jamaica.footnotes == ("3",)
    assert [(c.text, c.date, c.code, c.bracketed) for c in jamaica.cells] == [
        ("[19 Dec 1966 ]", dt.date(1966, 12, 19), None, True),
        ("[ 3 Oct 1975 ]", dt.date(1975, 10, 3), None, True),
    ]
    note = doc.note("3")
    assert note is not None and "denunciation" in note.text
    trinidad = row(doc, "Trinidad and Tobago")
    assert [(c.text, c.code, c.bracketed) for c in trinidad.cells] == [
        ("", None, False),
        ("[14 Nov 1980 a]", "a", True),
    ]
    bracketed = {r.name for r in doc.rows if any(c.bracketed for c in r.cells)}
    assert bracketed == {"Jamaica", "Trinidad and Tobago"}
    parties = sum(1 for r in doc.rows if r.cells[-1].date and not r.cells[-1].bracketed)
    assert parties == doc.header.parties == 116


def test_v3_row_without_dates_and_withdrawal() -> None:
    doc = read_status(FIXTURES / "V-3.en.xml")
    china = row(doc, "China")
    assert china.footnotes == ("3",)
    assert all(c.date is None and c.text == "" for c in china.cells)
    madagascar = row(doc, "Madagascar")
    assert madagascar.cells[1].text == "[20 Feb 1962 a]" and madagascar.cells[1].bracketed
    assert doc.header.template == "mtdsg2"


def test_v3_declarations_made_on_territorial_application() -> None:
    doc = read_status(FIXTURES / "V-3.en.xml")
    assert doc.declarations_under_article_title == (
        "Declarations and Reservations (Unless otherwise indicated the declarations and reservations "
        "were made upon notification of territorial application.)")
    (uk,) = doc.declarations_under_article
    assert uk.participant == "United Kingdom of Great Britain and Northern Ireland"
    assert uk.sections[0].paragraphs[0] == "Channel Islands and Isle of Man"


def test_damaged_file_is_repaired() -> None:
    data = (FIXTURES / "XVIII-12-b.en.xml").read_bytes()
    assert b"\x1c" in data and b"\r" in data and b"& The Government" in data  # the damage is there
    doc = read_xml(data, "XVIII-12-b.en.xml")
    assert doc.header.mtdsg == "XVIII-12-b"
    assert (doc.header.signatories, doc.header.parties) == (112, 146)
    assert len(doc.rows) == 156
    statements = {s.participant: s for s in doc.declarations}
    syria = statements["Syrian Arab Republic"].sections
    assert syria[1].title == "Declaration:"
    assert syria[1].paragraphs[0].startswith("… The Government of the Syrian Arab Republic")  # bare & was …
    bahamas = statements["Bahamas"].sections[0].paragraphs[0]
    assert bahamas.startswith("“In accordance with Article 20 paragraph 3")
    texts = [p for s in doc.declarations for sec in s.sections for p in sec.paragraphs]
    assert not any(ch < " " for text in texts for ch in text)


def test_real_child_elements_are_read_like_escaped_markup() -> None:
    """Live files might one day carry real elements instead of escaped markup."""
    data = (
        b'<?xml version="1.0" encoding="utf-8"?><Document><Treaty><Header>'
        b"<Chapter><Header>CHAPTER V</Header></Chapter><ExternalData><Numsect>5</Numsect></ExternalData>"
        b"</Header><Participants><Table><TGroup><Thead><Row>"
        b'<Entry colname="1">Participant</Entry><Entry colname="2">Accession(a)</Entry>'
        b"</Row></Thead><Tbody><Rows><Row>"
        b"<Entry>Australia<superscript>3,4</superscript></Entry><Entry>13 Dec\t 1973 a</Entry>"
        b"</Row></Rows></Tbody></TGroup></Table></Participants></Treaty></Document>"
    )
    doc = read_xml(data, "V-5.en.xml")
    (australia,) = doc.rows
    assert (australia.name, australia.footnotes) == ("Australia", ("3", "4"))
    assert (australia.cells[0].text, australia.cells[0].date) == ("13 Dec 1973 a", dt.date(1973, 12, 13))


def test_header_only_file_has_no_rows(tmp_path) -> None:
    data = (
        b'<?xml version="1.0" encoding="iso-8859-1"?><Document><Treaty><Template>mtdsg2</Template><Header>'
        b"<Chapter><Header>CHAPTER V</Header><Name>REFUGEES</Name></Chapter>"
        b"<ExternalData><Numsect>2</Numsect>"
        b"<Titlesect>Convention relating to the Status of Refugees</Titlesect>"
        b"<Conclusion>Geneva, 28 July 1951</Conclusion><EIF><Label>Entry into force</Label>"
        b"<Labeltext>22 April 1954, in accordance with article 43.</Labeltext></EIF>"
        b"<Status><Label>Status</Label><SignatoriesLabel>Signatories</SignatoriesLabel><Signatories>19"
        b"</Signatories><PartiesLabel>Parties</PartiesLabel><Parties>145</Parties></Status></ExternalData>"
        b"</Header></Treaty></Document>"
    )
    path = tmp_path / "V-2.en.xml"
    path.write_bytes(data)
    doc = read_status(path)
    assert (doc.rows, doc.columns, doc.notes, doc.declarations) == ((), (), (), ())
    assert (doc.header.mtdsg, doc.header.signatories, doc.header.parties) == ("V-2", 19, 145)
    assert doc.header.entry_into_force == dt.date(1954, 4, 22)
    assert (doc.header.conclusion_place, doc.header.conclusion_date) == ("Geneva", dt.date(1951, 7, 28))
