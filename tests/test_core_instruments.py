"""The fifteen core human-rights instruments bundled from the UNTC status pages of 3 February 2026.

Facts here are read off the committed raw pages (sources/untc/*.html) by a small independent parser
of the participant grid (not ratify's reader), or off the official source a correction cites.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

import ratify
from ratify import ConsentKind, Status
from ratify.model.records import RelationKind, StatementKind
from ratify.model.rules import apply_rule
from ratify.untc import read_status

D = dt.date
A, R, S = ConsentKind.ACCESSION, ConsentKind.RATIFICATION, ConsentKind.SUCCESSION
REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "sources" / "untc"
STLEG = REPO.parent / "shared" / "fixtures" / "stleg"
pytestmark = pytest.mark.skipif(not RAW.is_dir(), reason="the raw sources are not in this checkout")

MANIFEST = tomllib.loads((RAW / "MANIFEST.toml").read_text(encoding="utf-8"))["tables"] if RAW.is_dir() else []
CORE = ["cerd-1965", "icescr-op-2008", "iccpr-op1-1966", "cedaw-1979", "cedaw-op-1999", "cat-1984", "opcat-2002",
        "crc-1989", "crc-opac-2000", "crc-opsc-2000", "crc-opic-2011", "iccpr-op2-1989", "crpd-2006", "crpd-op-2006",
        "ced-2006"]
ALMATY = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "IRN", "RUS", "TUR", "AZE", "CHN"]


def _clean(cell: str) -> str:
    cell = re.sub(r"<sup>.*?</sup>", "", cell, flags=re.DOTALL | re.IGNORECASE)
    cell = html.unescape(re.sub(r"<[^>]+>", " ", cell))
    return re.sub(r"[\s\xa0]+", " ", cell).strip()


@cache
def grid(instrument_id: str) -> dict[str, list[str]]:
    """The page's participant grid: participant name → its cells as printed ("5 Jun 2007 a")."""
    table = next(t for t in MANIFEST if t["instrument"] == instrument_id)
    text = (RAW / table["file"]).read_text(encoding="utf-8")
    body = re.search(r'<table[^>]*id="[^"]*_tblgrid"[^>]*>(.*?)</table>', text, re.DOTALL)
    assert body is not None
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.DOTALL)[1:]:
        cells = [_clean(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)]
        if cells:
            rows[cells[0]] = cells[1:]
    return rows


def printed(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def test_all_fifteen_are_bundled_with_their_tables(cat: ratify.Catalog) -> None:
    for iid in CORE:
        inst = cat.instrument(iid)
        assert inst.binding and inst.as_of == D(2026, 2, 3) and inst.entry_into_force_rule is not None
        assert cat.source(inst.source).file == "sources/untc/" + next(t["file"] for t in MANIFEST
                                                                      if t["instrument"] == iid)


def test_the_dataset_validates_without_a_problem_in_the_new_instruments() -> None:
    problems = ratify.validate()
    assert not [p for p in problems if p.severity == "error"]
    assert not [p for p in problems if any(i in p.path for i in CORE)]


# (state, instrument, signature, consent, kind) for every Almaty Process state on each of the fifteen
ALMATY_FACTS = [
    # IV-2
    ("KAZ", "cerd-1965", None, D(1998, 8, 26), A),
    ("KGZ", "cerd-1965", None, D(1997, 9, 5), A),
    ("TJK", "cerd-1965", None, D(1995, 1, 11), A),
    ("TKM", "cerd-1965", None, D(1994, 9, 29), A),
    ("UZB", "cerd-1965", None, D(1995, 9, 28), A),
    ("AFG", "cerd-1965", None, D(1983, 7, 6), A),
    ("IRN", "cerd-1965", D(1967, 3, 8), D(1968, 8, 29), R),
    ("RUS", "cerd-1965", D(1966, 3, 7), D(1969, 2, 4), R),
    ("TUR", "cerd-1965", D(1972, 10, 13), D(2002, 9, 16), R),
    ("AZE", "cerd-1965", None, D(1996, 8, 16), A),
    ("CHN", "cerd-1965", None, D(1981, 12, 29), A),
    # IV-3-a
    ("KAZ", "icescr-op-2008", D(2010, 9, 23), None, None),
    ("KGZ", "icescr-op-2008", None, None, None),
    ("TJK", "icescr-op-2008", None, None, None),
    ("TKM", "icescr-op-2008", None, None, None),
    ("UZB", "icescr-op-2008", None, None, None),
    ("AFG", "icescr-op-2008", None, None, None),
    ("IRN", "icescr-op-2008", None, None, None),
    ("RUS", "icescr-op-2008", None, None, None),
    ("TUR", "icescr-op-2008", None, None, None),
    ("AZE", "icescr-op-2008", D(2009, 9, 25), None, None),
    ("CHN", "icescr-op-2008", None, None, None),
    # IV-5
    ("KAZ", "iccpr-op1-1966", D(2007, 9, 25), D(2009, 6, 30), R),
    ("KGZ", "iccpr-op1-1966", None, D(1994, 10, 7), A),
    ("TJK", "iccpr-op1-1966", None, D(1999, 1, 4), A),
    ("TKM", "iccpr-op1-1966", None, D(1997, 5, 1), A),
    ("UZB", "iccpr-op1-1966", None, D(1995, 9, 28), A),
    ("AFG", "iccpr-op1-1966", None, None, None),
    ("IRN", "iccpr-op1-1966", None, None, None),
    ("RUS", "iccpr-op1-1966", None, D(1991, 10, 1), A),
    ("TUR", "iccpr-op1-1966", D(2004, 2, 3), D(2006, 11, 24), R),
    ("AZE", "iccpr-op1-1966", None, D(2001, 11, 27), A),
    ("CHN", "iccpr-op1-1966", None, None, None),
    # IV-8
    ("KAZ", "cedaw-1979", None, D(1998, 8, 26), A),
    ("KGZ", "cedaw-1979", None, D(1997, 2, 10), A),
    ("TJK", "cedaw-1979", None, D(1993, 10, 26), A),
    ("TKM", "cedaw-1979", None, D(1997, 5, 1), A),
    ("UZB", "cedaw-1979", None, D(1995, 7, 19), A),
    ("AFG", "cedaw-1979", D(1980, 8, 14), D(2003, 3, 5), R),
    ("IRN", "cedaw-1979", None, None, None),
    ("RUS", "cedaw-1979", D(1980, 7, 17), D(1981, 1, 23), R),
    ("TUR", "cedaw-1979", None, D(1985, 12, 20), A),
    ("AZE", "cedaw-1979", None, D(1995, 7, 10), A),
    ("CHN", "cedaw-1979", D(1980, 7, 17), D(1980, 11, 4), R),
    # IV-8-b
    ("KAZ", "cedaw-op-1999", D(2000, 9, 6), D(2001, 8, 24), R),
    ("KGZ", "cedaw-op-1999", None, D(2002, 7, 22), A),
    ("TJK", "cedaw-op-1999", D(2000, 9, 7), D(2014, 7, 22), R),
    ("TKM", "cedaw-op-1999", None, D(2009, 5, 20), A),
    ("UZB", "cedaw-op-1999", None, None, None),
    ("AFG", "cedaw-op-1999", None, None, None),
    ("IRN", "cedaw-op-1999", None, None, None),
    ("RUS", "cedaw-op-1999", D(2001, 5, 8), D(2004, 7, 28), R),
    ("TUR", "cedaw-op-1999", D(2000, 9, 8), D(2002, 10, 29), R),
    ("AZE", "cedaw-op-1999", D(2000, 6, 6), D(2001, 6, 1), R),
    ("CHN", "cedaw-op-1999", None, None, None),
    # IV-9
    ("KAZ", "cat-1984", None, D(1998, 8, 26), A),
    ("KGZ", "cat-1984", None, D(1997, 9, 5), A),
    ("TJK", "cat-1984", None, D(1995, 1, 11), A),
    ("TKM", "cat-1984", None, D(1999, 6, 25), A),
    ("UZB", "cat-1984", None, D(1995, 9, 28), A),
    ("AFG", "cat-1984", D(1985, 2, 4), D(1987, 4, 1), R),
    ("IRN", "cat-1984", None, None, None),
    ("RUS", "cat-1984", D(1985, 12, 10), D(1987, 3, 3), R),
    ("TUR", "cat-1984", D(1988, 1, 25), D(1988, 8, 2), R),
    ("AZE", "cat-1984", None, D(1996, 8, 16), A),
    ("CHN", "cat-1984", D(1986, 12, 12), D(1988, 10, 4), R),
    # IV-9-b
    ("KAZ", "opcat-2002", D(2007, 9, 25), D(2008, 10, 22), R),
    ("KGZ", "opcat-2002", None, D(2008, 12, 29), A),
    ("TJK", "opcat-2002", None, None, None),
    ("TKM", "opcat-2002", None, None, None),
    ("UZB", "opcat-2002", None, None, None),
    ("AFG", "opcat-2002", None, D(2018, 4, 17), A),
    ("IRN", "opcat-2002", None, None, None),
    ("RUS", "opcat-2002", None, None, None),
    ("TUR", "opcat-2002", D(2005, 9, 14), D(2011, 9, 27), R),
    ("AZE", "opcat-2002", D(2005, 9, 15), D(2009, 1, 28), R),
    ("CHN", "opcat-2002", None, None, None),
    # IV-11
    ("KAZ", "crc-1989", D(1994, 2, 16), D(1994, 8, 12), R),
    ("KGZ", "crc-1989", None, D(1994, 10, 7), A),
    ("TJK", "crc-1989", None, D(1993, 10, 26), A),
    ("TKM", "crc-1989", None, D(1993, 9, 20), A),
    ("UZB", "crc-1989", None, D(1994, 6, 29), A),
    ("AFG", "crc-1989", D(1990, 9, 27), D(1994, 3, 28), R),
    ("IRN", "crc-1989", D(1991, 9, 5), D(1994, 7, 13), R),
    ("RUS", "crc-1989", D(1990, 1, 26), D(1990, 8, 16), R),
    ("TUR", "crc-1989", D(1990, 9, 14), D(1995, 4, 4), R),
    ("AZE", "crc-1989", None, D(1992, 8, 13), A),
    ("CHN", "crc-1989", D(1990, 8, 29), D(1992, 3, 2), R),
    # IV-11-b
    ("KAZ", "crc-opac-2000", D(2000, 9, 6), D(2003, 4, 10), R),
    ("KGZ", "crc-opac-2000", None, D(2003, 8, 13), A),
    ("TJK", "crc-opac-2000", None, D(2002, 8, 5), A),
    ("TKM", "crc-opac-2000", None, D(2005, 4, 29), A),
    ("UZB", "crc-opac-2000", None, D(2008, 12, 23), A),
    ("AFG", "crc-opac-2000", None, D(2003, 9, 24), A),
    ("IRN", "crc-opac-2000", D(2010, 9, 21), None, None),
    ("RUS", "crc-opac-2000", D(2001, 2, 15), D(2008, 9, 24), R),
    ("TUR", "crc-opac-2000", D(2000, 9, 8), D(2004, 5, 4), R),
    ("AZE", "crc-opac-2000", D(2000, 9, 8), D(2002, 7, 3), R),
    ("CHN", "crc-opac-2000", D(2001, 3, 15), D(2008, 2, 20), R),
    # IV-11-c
    ("KAZ", "crc-opsc-2000", D(2000, 9, 6), D(2001, 8, 24), R),
    ("KGZ", "crc-opsc-2000", None, D(2003, 2, 12), A),
    ("TJK", "crc-opsc-2000", None, D(2002, 8, 5), A),
    ("TKM", "crc-opsc-2000", None, D(2005, 3, 28), A),
    ("UZB", "crc-opsc-2000", None, D(2008, 12, 23), A),
    ("AFG", "crc-opsc-2000", None, D(2002, 9, 19), A),
    ("IRN", "crc-opsc-2000", None, D(2007, 9, 26), A),
    ("RUS", "crc-opsc-2000", D(2012, 9, 26), D(2013, 9, 24), R),
    ("TUR", "crc-opsc-2000", D(2000, 9, 8), D(2002, 8, 19), R),
    ("AZE", "crc-opsc-2000", D(2000, 9, 8), D(2002, 7, 3), R),
    ("CHN", "crc-opsc-2000", D(2000, 9, 6), D(2002, 12, 3), R),
    # IV-11-d
    ("KAZ", "crc-opic-2011", D(2023, 2, 7), D(2024, 2, 7), R),
    ("KGZ", "crc-opic-2011", None, None, None),
    ("TJK", "crc-opic-2011", None, None, None),
    ("TKM", "crc-opic-2011", None, None, None),
    ("UZB", "crc-opic-2011", None, None, None),
    ("AFG", "crc-opic-2011", None, None, None),
    ("IRN", "crc-opic-2011", None, None, None),
    ("RUS", "crc-opic-2011", None, None, None),
    ("TUR", "crc-opic-2011", D(2012, 9, 24), D(2017, 12, 26), R),
    ("AZE", "crc-opic-2011", None, None, None),
    ("CHN", "crc-opic-2011", None, None, None),
    # IV-12
    ("KAZ", "iccpr-op2-1989", D(2020, 9, 23), D(2022, 3, 24), R),
    ("KGZ", "iccpr-op2-1989", None, D(2010, 12, 6), A),
    ("TJK", "iccpr-op2-1989", None, None, None),
    ("TKM", "iccpr-op2-1989", None, D(2000, 1, 11), A),
    ("UZB", "iccpr-op2-1989", None, D(2008, 12, 23), A),
    ("AFG", "iccpr-op2-1989", None, None, None),
    ("IRN", "iccpr-op2-1989", None, None, None),
    ("RUS", "iccpr-op2-1989", None, None, None),
    ("TUR", "iccpr-op2-1989", D(2004, 4, 6), D(2006, 3, 2), R),
    ("AZE", "iccpr-op2-1989", None, D(1999, 1, 22), A),
    ("CHN", "iccpr-op2-1989", None, None, None),
    # IV-15
    ("KAZ", "crpd-2006", D(2008, 12, 11), D(2015, 4, 21), R),
    ("KGZ", "crpd-2006", D(2011, 9, 21), D(2019, 5, 16), R),
    ("TJK", "crpd-2006", D(2018, 3, 22), None, None),
    ("TKM", "crpd-2006", None, D(2008, 9, 4), A),
    ("UZB", "crpd-2006", D(2009, 2, 27), D(2021, 6, 28), R),
    ("AFG", "crpd-2006", None, D(2012, 9, 18), A),
    ("IRN", "crpd-2006", None, D(2009, 10, 23), A),
    ("RUS", "crpd-2006", D(2008, 9, 24), D(2012, 9, 25), R),
    ("TUR", "crpd-2006", D(2007, 3, 30), D(2009, 9, 28), R),
    ("AZE", "crpd-2006", D(2008, 1, 9), D(2009, 1, 28), R),
    ("CHN", "crpd-2006", D(2007, 3, 30), D(2008, 8, 1), R),
    # IV-15-a
    ("KAZ", "crpd-op-2006", D(2008, 12, 11), D(2023, 7, 13), R),
    ("KGZ", "crpd-op-2006", None, None, None),
    ("TJK", "crpd-op-2006", None, None, None),
    ("TKM", "crpd-op-2006", None, D(2010, 11, 10), A),
    ("UZB", "crpd-op-2006", None, None, None),
    ("AFG", "crpd-op-2006", None, D(2012, 9, 18), A),
    ("IRN", "crpd-op-2006", None, None, None),
    ("RUS", "crpd-op-2006", None, None, None),
    ("TUR", "crpd-op-2006", D(2009, 9, 28), D(2015, 3, 26), R),
    ("AZE", "crpd-op-2006", D(2008, 1, 9), D(2009, 1, 28), R),
    ("CHN", "crpd-op-2006", None, None, None),
    # IV-16
    ("KAZ", "ced-2006", None, D(2009, 2, 27), A),
    ("KGZ", "ced-2006", None, None, None),
    ("TJK", "ced-2006", None, None, None),
    ("TKM", "ced-2006", None, None, None),
    ("UZB", "ced-2006", None, None, None),
    ("AFG", "ced-2006", None, None, None),
    ("IRN", "ced-2006", None, None, None),
    ("RUS", "ced-2006", None, None, None),
    ("TUR", "ced-2006", None, None, None),
    ("AZE", "ced-2006", D(2007, 2, 6), None, None),
    ("CHN", "ced-2006", None, None, None),
]


@pytest.mark.parametrize(("state", "instrument", "signature", "consent", "kind"), ALMATY_FACTS,
                         ids=[f"{f[0]}-{f[1]}" for f in ALMATY_FACTS])
def test_every_almaty_state_on_each_instrument(cat: ratify.Catalog, state: str, instrument: str,
                                               signature: dt.date | None, consent: dt.date | None,
                                               kind: ConsentKind | None) -> None:
    p = cat.participation(state, instrument)
    name = cat.state(state).depositary_name
    if signature is None and consent is None:
        assert p is None and cat.status(state, instrument) is Status.NONE
        assert name not in grid(instrument)
        return
    assert p is not None
    assert p.signature == signature
    assert (p.consent.date, p.consent.kind) == (consent, kind) if consent else p.consent is None
    cells = grid(instrument)[p.depositary_name]
    printed_cells = [c for c in cells if c]
    if signature:
        assert cells[0] == printed(signature)
    if consent:
        code = {A: " a", S: " d", R: ""}[kind]
        assert cells[-1] == printed(consent) + code
    assert len(printed_cells) == (signature is not None) + (consent is not None)
    assert cat.status(state, instrument, as_of=D(2026, 2, 3)) is (Status.PARTY if consent else Status.SIGNATORY)


def test_tajikistan_signed_the_crpd_and_never_ratified(cat: ratify.Catalog) -> None:
    p = cat.participation("TJK", "CRPD")
    assert p.signature == D(2018, 3, 22) and p.consent is None
    assert cat.status("TJK", "CRPD") is Status.SIGNATORY
    assert grid("crpd-2006")["Tajikistan"] == ["22 Mar 2018", ""]


@pytest.mark.parametrize("protocol", ["OPAC", "OPSC"])
def test_the_united_states_is_party_to_opac_and_opsc_but_not_to_the_crc(cat: ratify.Catalog, protocol: str) -> None:
    us = cat.participation("USA", protocol)
    assert us.signature == D(2000, 7, 5) and us.consent == ratify.Consent(D(2002, 12, 23), R)
    assert cat.status("USA", protocol) is Status.PARTY
    assert cat.status("USA", "CRC") is Status.SIGNATORY and cat.participation("USA", "CRC").signature == D(1995, 2, 16)
    assert [r.kind for r in cat.instrument(protocol).relations] == [RelationKind.PROTOCOL_TO, RelationKind.INDEPENDENT_OF]
    assert not [p for p in ratify.validate() if "USA" in p.reason]


def test_protocols_that_require_the_parent_say_so_by_article(cat: ratify.Catalog) -> None:
    required = {i.id: (r.target, r.basis) for i in cat.instruments for r in i.relations
                if r.kind is RelationKind.REQUIRES_PARTY_TO and i.id in CORE}
    assert required == {"icescr-op-2008": ("icescr-1966", "art. 17(2)-(3)"),
                        "iccpr-op1-1966": ("iccpr-1966", "art. 8(2)-(3)"),
                        "cedaw-op-1999": ("cedaw-1979", "art. 15(2)-(3)"),
                        "opcat-2002": ("cat-1984", "art. 27(2)-(3)"),
                        "iccpr-op2-1989": ("iccpr-1966", "art. 7(2)-(3)"),
                        "crpd-op-2006": ("crpd-2006", "art. 11")}
    # and the depositary's record bears it out: every party to such a protocol is party to its parent
    for protocol, (parent, _) in required.items():
        for p in cat.participations_of(instrument=protocol):
            if p.consent:
                assert cat.participation(p.state, parent).consent is not None, (protocol, p.state)


def test_a_succession(cat: ratify.Catalog) -> None:
    p = cat.participation("CZE", "CRC")
    assert p.consent == ratify.Consent(D(1993, 2, 22), S) and p.entry_into_force == D(1993, 2, 22)
    assert grid("crc-1989")[p.depositary_name][-1] == "22 Feb 1993 d"
    mne = cat.participation("Montenegro", "CAT")
    assert mne.consent == ratify.Consent(D(2006, 10, 23), S)


def test_the_european_union_formally_confirmed_the_crpd(cat: ratify.Catalog) -> None:
    p = cat.participation("EUU", "CRPD")
    assert p.consent == ratify.Consent(D(2010, 12, 23), ConsentKind.FORMAL_CONFIRMATION)
    assert grid("crpd-2006")["European Union"] == ["30 Mar 2007", "23 Dec 2010 c"]


# --- ICCPR-OP1: the denunciations ---------------------------------------------------------------

def test_jamaica_denounced_the_first_optional_protocol(cat: ratify.Catalog) -> None:
    p = cat.participation("JAM", "ICCPR-OP1")
    assert p.denunciation == ratify.Denunciation(D(1997, 10, 23), D(1998, 1, 23))  # art. 12(1): three months
    assert cat.status("JAM", "ICCPR-OP1", as_of=D(1998, 1, 22)) is Status.PARTY
    assert cat.status("JAM", "ICCPR-OP1", as_of=D(1998, 1, 23)) is Status.DENOUNCED
    assert grid("iccpr-op1-1966")["Jamaica"] == ["[19 Dec 1966 ]", "[ 3 Oct 1975 ]"]


def test_trinidad_and_tobago_denounced_re_acceded_with_a_reservation_and_denounced_again(cat: ratify.Catalog) -> None:
    p = cat.participation("TTO", "ICCPR-OP1")
    assert p.consent == ratify.Consent(D(1980, 11, 14), A)
    assert p.denunciation == ratify.Denunciation(D(2000, 3, 27), D(2000, 6, 27))
    assert cat.status("TTO", "ICCPR-OP1") is Status.DENOUNCED
    (res,) = [s for s in p.statements if s.kind is StatementKind.RESERVATION]
    assert res.date == D(1998, 8, 26) and res.limits_scope and "1" in res.articles
    assert "prisoner who is under sentence of death" in res.text
    objecting = {q.state for q in cat.participations_of(instrument="ICCPR-OP1") for s in q.statements
                 if s.objects_to == "TTO"}
    assert objecting == {"DNK", "NOR"}  # the objections section; the 1999 ones of end note 1 are kept as its text


def test_guyana_denounced_and_re_acceded_with_a_reservation_with_the_objections(cat: ratify.Catalog) -> None:
    p = cat.participation("GUY", "ICCPR-OP1")
    assert p.consent == ratify.Consent(D(1999, 1, 5), A) and p.denunciation is None
    assert cat.status("GUY", "ICCPR-OP1") is Status.PARTY
    (res,) = [s for s in p.statements if s.kind is StatementKind.RESERVATION]
    assert res.date == D(1999, 1, 5) and res.limits_scope and res.articles == ("1",)
    assert any("denounce the said Optional Protocol with effect from 5 April 1999" in f.text for f in p.footnotes)
    objections = {q.state: s.date for q in cat.participations_of(instrument="ICCPR-OP1") for s in q.statements
                  if s.objects_to == "GUY"}
    assert objections == {"FRA": D(2000, 1, 28), "DEU": D(1999, 8, 26), "NLD": D(1999, 10, 22),
                          "ESP": D(1999, 12, 1), "FIN": D(2000, 3, 17), "SWE": D(2000, 4, 27), "POL": D(2000, 8, 8)}


# --- the entry-into-force rules on the depositary's own dates -----------------------------------

# (instrument, rule as the final clause states it, the Nth instrument that brought it into force)
RULES = [
    ("cerd-1965", ("days_after", 30, "art. 19(2)"), 27),
    ("icescr-op-2008", ("months_after", 3, "art. 18(2)"), 10),
    ("iccpr-op1-1966", ("months_after", 3, "art. 9(2)"), None),
    ("cedaw-1979", ("days_after", 30, "art. 27(2)"), None),
    ("cedaw-op-1999", ("months_after", 3, "art. 16(2)"), 10),
    ("cat-1984", ("days_after", 30, "art. 27(2)"), 20),
    ("opcat-2002", ("days_after", 30, "art. 28(2)"), 20),
    ("crc-1989", ("days_after", 30, "art. 49(2)"), 20),
    ("crc-opac-2000", ("months_after", 1, "art. 10(2)"), None),
    ("crc-opsc-2000", ("months_after", 1, "art. 14(2)"), None),
    ("crc-opic-2011", ("months_after", 3, "art. 19(2)"), 10),
    ("iccpr-op2-1989", ("months_after", 3, "art. 8(2)"), None),
    ("crpd-2006", ("days_after", 30, "art. 45(2)"), 20),
    ("crpd-op-2006", ("days_after", 30, "art. 13(2)"), None),
    ("ced-2006", ("days_after", 30, "art. 39(2)"), 20),
]


def _notes(instrument: str) -> list[str]:
    table = next(t for t in MANIFEST if t["instrument"] == instrument)
    return [n.text for n in read_status(RAW / table["file"]).notes]


@pytest.mark.parametrize(("instrument", "rule", "nth"), RULES, ids=[r[0] for r in RULES])
def test_entry_into_force_rule_by_article(cat: ratify.Catalog, instrument: str, rule: tuple, nth: int | None) -> None:
    inst = cat.instrument(instrument)
    r = inst.entry_into_force_rule
    assert (r.kind.value, r.count, r.article) == rule
    if nth is None:  # para. 1 counts differently, or predecessor states are not in today's table
        return
    if instrument == "cerd-1965":  # end note 1: the 27th instrument was deposited on 5 December 1968
        assert any("On 5 December 1968" in n for n in _notes(instrument) if n.startswith("Article 19"))
        assert apply_rule(r, D(1968, 12, 5)) == inst.entry_into_force == D(1969, 1, 4)
        return
    # where para. 1 counts the same period from the Nth instrument, the table's own Nth deposit gives
    # the date the page prints for the instrument's entry into force
    deposits = sorted(p.consent.date for p in cat.participations_of(instrument=inst) if p.consent)
    assert apply_rule(r, deposits[nth - 1]) == inst.entry_into_force


def test_one_month_under_opsc_on_the_united_states_dates(cat: ratify.Catalog) -> None:
    # US Department of State, TIAS 13095: "Instrument of Ratification deposited December 23, 2002;
    # Entered into force January 23, 2003."
    assert cat.participation("USA", "OPSC").entry_into_force == D(2003, 1, 23)


def test_three_months_to_denounce_iccpr_op1_on_the_depositarys_dates(cat: ratify.Catalog) -> None:
    # end note 1: Trinidad and Tobago's notice of 26 May 1998 took effect on 26 August 1998
    note = next(n for n in _notes("iccpr-op1-1966") if n.startswith("The Government of Trinidad and Tobago"))
    assert "On 26 May 1998" in note and "with effect from 26 August 1998" in note
    assert cat.instrument("ICCPR-OP1").denunciation_rule.apply(D(1998, 5, 26)) == D(1998, 8, 26)


def test_a_state_is_party_only_after_the_period(cat: ratify.Catalog) -> None:
    # Kazakhstan ratified OPIC on 7 February 2024: three months to 7 May 2024
    assert cat.participation("KAZ", "OPIC").entry_into_force == D(2024, 5, 7)
    assert cat.status("KAZ", "OPIC", as_of=D(2024, 5, 6)) is Status.CONTRACTING
    assert cat.status("KAZ", "OPIC", as_of=D(2024, 5, 7)) is Status.PARTY
    # Afghanistan acceded to OPCAT on 17 April 2018: the thirtieth day after is 17 May 2018
    assert cat.participation("AFG", "OPCAT").entry_into_force == D(2018, 5, 17)


# --- facts found since (issue 15 §4) ------------------------------------------------------------

def test_sudan_acceded_to_the_smuggling_protocol_in_october_2018(cat: ratify.Catalog) -> None:
    p = cat.participation("SDN", "XVIII-12-b")
    assert p.consent == ratify.Consent(D(2018, 10, 9), A)
    assert p.entry_into_force == D(2018, 11, 8) and p.entry_into_force_recorded
    (src,) = [s for s in p.sources if "October 2018" in s.title]
    assert "ST/LEG/SER.A" in src.title and "No. 39574" in src.title
    assert cat.status("SDN", "XVIII-12-b", as_of=D(2018, 11, 7)) is Status.CONTRACTING
    if STLEG.is_dir():
        text = re.sub(r"\s+", " ", (STLEG / "2018-10.txt").read_text(encoding="utf-8"))
        assert ("Accession (with reservation) Sudan Deposit of instrument with the Secretary-General of the United "
                "Nations: 9 October 2018 Date of effect: 8 November 2018") in text


OBJECTIONS_2018 = [("LTU", D(2018, 1, 15)), ("EST", D(2018, 1, 16)), ("NOR", D(2018, 1, 16)),
                   ("SWE", D(2018, 1, 19)), ("SVN", D(2018, 1, 19)), ("BGR", D(2018, 1, 19)),
                   ("PRT", D(2018, 1, 22)), ("BEL", D(2018, 1, 23)), ("MEX", D(2018, 2, 1)),
                   ("ROU", D(2018, 2, 1)), ("ITA", D(2018, 2, 1)), ("POL", D(2018, 2, 1)), ("GRC", D(2018, 2, 2))]


@pytest.mark.parametrize(("state", "day"), OBJECTIONS_2018, ids=[o[0] for o in OBJECTIONS_2018])
def test_objections_to_afghanistans_reservation_from_the_statements_of_treaties(
        cat: ratify.Catalog, state: str, day: dt.date) -> None:
    (obj,) = [s for s in cat.participation(state, "XVIII-12-b").statements if s.objects_to == "AFG"]
    assert obj.kind is StatementKind.OBJECTION and obj.date == day and obj.text is None
    assert "the text of the objection was not read" in obj.summary.en
    assert cat.source(obj.source).url.endswith(f"/2018/2018-{day.month}.txt")
    if STLEG.is_dir():
        text = re.sub(r"\s+", " ", (STLEG / f"2018-{day.month}.txt").read_text(encoding="utf-8"))
        name = cat.state(state).name.en
        entry = (f"Objection to the reservation made by Afghanistan upon accession {name} Notification deposited "
                 f"with the Secretary-General of the United Nations: {day.day} {day:%B} 2018")
        assert entry in text


def test_the_unidentified_objection_of_23_january_2018_is_belgiums(cat: ratify.Catalog) -> None:
    on_the_day = [q.state for q in cat.participations_of(instrument="XVIII-12-b") for s in q.statements
                  if s.objects_to == "AFG" and s.date == D(2018, 1, 23)]
    assert on_the_day == ["BEL"]
    before = [q.state for q in cat.participations_of(instrument="XVIII-12-b") for s in q.statements
              if s.objects_to == "AFG" and s.date and s.date < D(2018, 1, 15)]
    assert "HUN" in before  # 10 January 2018, already in the 2018 table


@pytest.mark.parametrize("instrument", ["V-3", "V-4"])
def test_south_sudan_acceded_to_the_statelessness_conventions(cat: ratify.Catalog, instrument: str) -> None:
    p = cat.participation("SSD", instrument)
    assert p.consent == ratify.Consent(D(2024, 11, 5), A)
    assert p.entry_into_force == D(2025, 2, 3) and not p.entry_into_force_recorded  # 90th day, computed
    (src,) = [s for s in p.sources if s.publisher == "UNHCR"]
    assert src.as_of == D(2024, 11, 6) and "6 November 2024" in src.title
    assert any("acceding yesterday" in n for n in p.notes)


def test_irans_untoc_lead_is_a_note_not_a_deposit(cat: ratify.Catalog) -> None:
    p = cat.participation("IRN", "UNTOC")
    assert p.consent is None and cat.status("IRN", "UNTOC") is Status.SIGNATORY
    (note,) = [n for n in p.notes if "FATF" in n]
    assert "Not a deposit" in note and "may be out of date" in note and "Finanssivalvonta" in note


def test_unverified_records_the_statements_read_and_the_open_items() -> None:
    text = (REPO / "data" / "UNVERIFIED.md").read_text(encoding="utf-8")
    assert "were not read" not in text.split("## By instrument")[0]
    assert "all\nthirteen months from January 2018 to January 2019" in text
    assert "identifies the entry of 23 January 2018 as Belgium's" in text
    assert "Iran and the UNTOC" in text


# --- reservations and declarations of the Almaty Process states -----------------------------------

def _curated(cat: ratify.Catalog, state: str, instrument: str) -> list:
    return [s for s in cat.participation(state, instrument).statements if s.summary is not None]


def test_every_almaty_statement_on_the_new_instruments_is_curated(cat: ratify.Catalog) -> None:
    for iid in CORE:
        for state in ALMATY:
            p = cat.participation(state, iid)
            for s in p.statements if p else ():
                assert s.summary is not None and s.summary.ru, (iid, state, (s.text or "")[:60])
                assert s.source is None or cat.source(s.source).url


@pytest.mark.parametrize(("state", "instrument", "kind", "articles", "words"), [
    ("IRN", "CRC", StatementKind.RESERVATION, (), "incompatible with Islamic Laws"),
    ("UZB", "CRPD", StatementKind.RESERVATION, ("12",), "reserves the right to continue their use"),
    ("IRN", "CRPD", StatementKind.DECLARATION, ("46",), "may be incompatible with its applicable rules"),
    ("AZE", "ICCPR-OP2", StatementKind.RESERVATION, ("2(1)",), "in time of war"),
])
def test_scope_limiting_statements_of_almaty_states(cat: ratify.Catalog, state: str, instrument: str,
                                                    kind: StatementKind, articles: tuple, words: str) -> None:
    (s,) = [s for s in cat.participation(state, instrument).statements if s.limits_scope]
    assert s.kind is kind and s.articles == articles and words in s.text and s.in_effect()
    gap = next(g for g in cat.gaps(state) if g.instrument.id == cat.instrument(instrument).id)
    assert gap.statement == s


def test_procedural_statements_do_not_limit_scope(cat: ratify.Catalog) -> None:
    (tjk,) = _curated(cat, "TJK", "OP-CEDAW")
    assert tjk.articles == ("8", "9") and not tjk.limits_scope and "Majlisi Oli" in tjk.text
    chn = [s for s in _curated(cat, "CHN", "CAT") if "20" in s.articles]
    assert len(chn) == 1 and not chn[0].limits_scope and chn[0].kind is StatementKind.RESERVATION
    kaz = _curated(cat, "KAZ", "OPAC")
    assert len(kaz) == 1 and "minimum age of 19" in kaz[0].text and "19" in kaz[0].summary.en


def test_objections_to_turkiyes_cerd_declaration(cat: ratify.Catalog) -> None:
    objecting = {q.state: s.date for q in cat.participations_of(instrument="CERD") for s in q.statements
                 if s.objects_to == "TUR"}
    assert objecting == {"CYP": D(2003, 8, 5), "GBR": D(2003, 6, 26), "SWE": D(2003, 1, 14)}
    (tur,) = [s for s in _curated(cat, "TUR", "CERD") if s.text and "diplomatic relations" in s.text]
    assert tur.kind is StatementKind.DECLARATION


@pytest.mark.parametrize(("state", "instrument", "articles", "words"), [
    ("SAU", "CRC", (), "in conflict with the provisions of Islamic law"),
    ("QAT", "CRC", ("2", "14"), "continue to apply in respect of the provisions of articles 2 and 14"),
    ("SOM", "CRC", ("14", "20", "21"), "contrary to the General Principles of Islamic Sharia"),
    ("MRT", "CEDAW", (), "not contrary to Islamic Sharia"),
    ("BRN", "CRPD", (), "beliefs and principles of Islam"),
    ("SAU", "CERD", (), "precepts of the Islamic Shariah"),
])
def test_scope_limiting_reservations_of_other_states(cat: ratify.Catalog, state: str, instrument: str,
                                                     articles: tuple, words: str) -> None:
    limiting = [s for s in cat.participation(state, instrument).statements if s.limits_scope]
    assert len(limiting) == 1
    (s,) = limiting
    assert s.articles == articles and words in s.text and s.summary.en and s.summary.ru


def test_interpretative_declarations_are_not_marked_as_limits(cat: ratify.Catalog) -> None:
    assert not [s for s in cat.participation("DZA", "CRC").statements if s.limits_scope]
    assert not [s for s in cat.participation("LBY", "CRPD").statements if s.limits_scope]


# The Netherlands Treaty Database (verdragen.nl/en/Treaty/Details/009290_w, Government of the Netherlands,
# modified 4 December 2025) prints each party's entry into force for OPSC: one month after deposit, and
# never before the Protocol's own entry into force (18 January 2002).
@pytest.mark.parametrize(("state", "deposit", "in_force"), [
    ("AFG", D(2002, 9, 19), D(2002, 10, 19)), ("ALB", D(2008, 2, 5), D(2008, 3, 5)),
    ("DZA", D(2006, 12, 27), D(2007, 1, 27)), ("AND", D(2001, 4, 30), D(2002, 1, 18)),
    ("AUT", D(2004, 5, 6), D(2004, 6, 6)), ("AZE", D(2002, 7, 3), D(2002, 8, 3)),
    ("ARM", D(2005, 6, 30), D(2005, 7, 30)), ("AUS", D(2007, 1, 8), D(2007, 2, 8)),
])
def test_opsc_one_month_rule_on_the_dates_another_depositary_record_prints(
        cat: ratify.Catalog, state: str, deposit: dt.date, in_force: dt.date) -> None:
    p = cat.participation(state, "OPSC")
    assert p.consent.date == deposit and p.entry_into_force == in_force and not p.entry_into_force_recorded


# The Netherlands Treaty Database (Verdragenbank), parties of ICCPR-OP1 with their dates of entry into force,
# as reproduced by inview.nl ("De partijen en gegevens zijn afkomstig van de Verdragenbank"): three months
# after deposit (art. 9(2)), never before the Protocol's own entry into force (23 March 1976).
@pytest.mark.parametrize(("state", "deposit", "in_force"), [
    ("DZA", D(1989, 9, 12), D(1989, 12, 12)), ("AND", D(2006, 9, 22), D(2006, 12, 22)),
    ("AGO", D(1992, 1, 10), D(1992, 4, 10)), ("ARG", D(1986, 8, 8), D(1986, 11, 8)),
    ("ARM", D(1993, 6, 23), D(1993, 9, 23)), ("AUS", D(1991, 9, 25), D(1991, 12, 25)),
    ("AZE", D(2001, 11, 27), D(2002, 2, 27)), ("BRB", D(1973, 1, 5), D(1976, 3, 23)),
])
def test_iccpr_op1_three_month_rule_on_the_dates_another_depositary_record_prints(
        cat: ratify.Catalog, state: str, deposit: dt.date, in_force: dt.date) -> None:
    p = cat.participation(state, "ICCPR-OP1")
    assert p.consent.date == deposit and p.entry_into_force == in_force
