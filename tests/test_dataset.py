"""The bundled dataset against its sources: counts per table, and specific facts read off the raw files.

Every fact here was read in the committed raw depositary file (sources/untc/) or in the official
source a correction cites; each test also checks that the date is printed in the raw file itself.
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
from ratify.untc import read_status

D = dt.date
REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "sources" / "untc"
pytestmark = pytest.mark.skipif(not RAW.is_dir(), reason="the raw sources are not in this checkout")

MANIFEST = tomllib.loads((RAW / "MANIFEST.toml").read_text(encoding="utf-8"))["tables"] if RAW.is_dir() else []


@cache
def raw_text(instrument_id: str) -> str:
    """The raw table with whitespace and entities folded, so "5 Jun\\t 2007" reads "5 Jun 2007"."""
    table = next(t for t in MANIFEST if t["instrument"] == instrument_id)
    text = html.unescape((RAW / table["file"]).read_bytes().decode("latin-1"))
    return re.sub(r"[\s\xa0]+", " ", text)


def printed(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


# The depositary's own header disagrees with its own table here (FORMAT notes V-3 among the exceptions):
# the 2018 V-3 header says 23 signatories, the table shows 22 signature dates.
HEADER_VS_TABLE = {("V-3", "signatories"): (23, 22)}


@pytest.mark.parametrize("table", MANIFEST, ids=lambda t: t["instrument"])
def test_counts_agree_with_the_source_table_on_its_date(cat: ratify.Catalog, table: dict) -> None:
    doc = read_status(RAW / table["file"])
    inst = cat.instrument(table["instrument"])
    as_of = table["as_of"]
    assert inst.as_of == as_of
    rows = [r for r in doc.rows if r.cells]
    parties = sum(1 for r in rows if r.cells[-1].date and not r.cells[-1].bracketed)
    # a bracketed row is a participation that ended (IV-5: Jamaica); the header counts neither its
    # signature nor its consent
    signatories = sum(1 for r in rows if r.cells[0].date and not r.cells[0].bracketed) \
        if len(doc.columns) > 1 else None
    for what, counted, header in (("parties", parties, doc.header.parties),
                                  ("signatories", signatories, doc.header.signatories)):
        if header is not None:  # the derived CSVs have no header
            assert (header, counted) == HEADER_VS_TABLE.get((inst.mtdsg, what), (counted, counted))
    on_table = [p for p in cat.participations_of(instrument=inst) if p.depositary_name is not None]
    consented = [p for p in on_table if p.consent and p.consent.date <= as_of
                 and not (p.denunciation and (p.denunciation.notified or p.denunciation.effective))]
    assert len(consented) == parties
    if signatories is not None:
        assert sum(1 for p in on_table if p.signature and p.signature <= as_of
                   and not (p.denunciation and p.denunciation.notified)) == signatories


@pytest.mark.parametrize("table", MANIFEST, ids=lambda t: t["instrument"])
def test_later_consents_come_from_cited_corrections(cat: ratify.Catalog, table: dict) -> None:
    inst = cat.instrument(table["instrument"])
    later = [p for p in cat.participations_of(instrument=inst) if p.consent and p.consent.date > table["as_of"]]
    for p in later:
        assert p.depositary_name is None or any(s.id != inst.source for s in p.sources)
        assert all(s.url for s in p.sources)


def test_table_dates_are_recorded_per_instrument(cat: ratify.Catalog) -> None:
    as_of = {i.mtdsg: i.as_of for i in cat.instruments if i.binding}
    assert as_of == {"V-2": D(2013, 7, 6), "V-5": D(2018, 1, 15), "V-3": D(2018, 1, 15), "V-4": D(2018, 1, 15),
                     "IV-3": D(2026, 2, 3), "IV-4": D(2026, 2, 3), "IV-13": D(2026, 2, 3),
                     "XVIII-12": D(2014, 1, 27), "XVIII-12-a": D(2018, 1, 15), "XVIII-12-b": D(2018, 1, 15),
                     **{m: D(2026, 2, 3) for m in ("IV-2", "IV-3-a", "IV-5", "IV-8", "IV-8-b", "IV-9", "IV-9-b", "IV-11",
                                                   "IV-11-b", "IV-11-c", "IV-11-d", "IV-12", "IV-15", "IV-15-a", "IV-16")}}
    for inst in cat.instruments_of(binding=True):
        src = cat.source(inst.source)
        assert src.as_of == inst.as_of and src.file and src.file.startswith("sources/untc/")


A, R, S = ConsentKind.ACCESSION, ConsentKind.RATIFICATION, ConsentKind.SUCCESSION

# (state, instrument, signature, consent date, consent kind) as the depositary's table prints them
FACTS = [
    # 1951 Convention (2013 table)
    ("KAZ", "refugees-1951", None, D(1999, 1, 15), A),
    ("KGZ", "refugees-1951", None, D(1996, 10, 8), A),
    ("TJK", "refugees-1951", None, D(1993, 12, 7), A),
    ("TKM", "refugees-1951", None, D(1998, 3, 2), A),
    ("AFG", "refugees-1951", None, D(2005, 8, 30), A),
    ("IRN", "refugees-1951", None, D(1976, 7, 28), A),
    ("RUS", "refugees-1951", None, D(1993, 2, 2), A),
    ("TUR", "refugees-1951", D(1951, 8, 24), D(1962, 3, 30), R),
    ("AZE", "refugees-1951", None, D(1993, 2, 12), A),
    ("CHN", "refugees-1951", None, D(1982, 9, 24), A),
    # 1967 Protocol (2018 table): parties to the Protocol alone, a succession
    ("KAZ", "refugees-protocol-1967", None, D(1999, 1, 15), A),
    ("TUR", "refugees-protocol-1967", None, D(1968, 7, 31), A),
    ("USA", "refugees-protocol-1967", None, D(1968, 11, 1), A),
    ("VEN", "refugees-protocol-1967", None, D(1986, 9, 19), A),
    ("CZE", "refugees-protocol-1967", None, D(1993, 5, 11), S),
    # 1954 and 1961 Statelessness Conventions (2018 tables)
    ("TKM", "stateless-persons-1954", None, D(2011, 12, 7), A),
    ("AZE", "stateless-persons-1954", None, D(1996, 8, 16), A),
    ("TUR", "stateless-persons-1954", None, D(2015, 3, 26), A),
    ("TKM", "statelessness-reduction-1961", None, D(2012, 8, 29), A),
    ("AZE", "statelessness-reduction-1961", None, D(1996, 8, 16), A),
    # Covenants (2026 pages)
    ("KAZ", "icescr-1966", D(2003, 12, 2), D(2006, 1, 24), R),
    ("KGZ", "icescr-1966", None, D(1994, 10, 7), A),
    ("UZB", "icescr-1966", None, D(1995, 9, 28), A),
    ("CHN", "icescr-1966", D(1997, 10, 27), D(2001, 3, 27), R),
    ("IRN", "icescr-1966", D(1968, 4, 4), D(1975, 6, 24), R),
    ("RUS", "iccpr-1966", D(1968, 3, 18), D(1973, 10, 16), R),
    ("TJK", "iccpr-1966", None, D(1999, 1, 4), A),
    ("CHN", "iccpr-1966", D(1998, 10, 5), None, None),  # a signatory that never ratified
    # Migrant Workers Convention (2026 page)
    ("TJK", "icrmw-1990", D(2000, 9, 7), D(2002, 1, 8), R),
    ("KGZ", "icrmw-1990", None, D(2003, 9, 29), A),
    ("TUR", "icrmw-1990", D(1999, 1, 13), D(2004, 9, 27), R),
    ("AZE", "icrmw-1990", None, D(1999, 1, 11), A),
    # UNTOC (2014 table) and its Protocols (2018 tables)
    ("IRN", "untoc-2000", D(2000, 12, 12), None, None),  # a signatory that never ratified
    ("KAZ", "untoc-2000", D(2000, 12, 13), D(2008, 7, 31), R),
    ("TKM", "untoc-2000", None, D(2005, 3, 28), A),
    ("UZB", "untoc-2000", D(2000, 12, 13), D(2003, 12, 9), R),
    ("AFG", "trafficking-protocol-2000", None, D(2014, 8, 15), A),
    ("CHN", "trafficking-protocol-2000", None, D(2010, 2, 8), A),
    ("UZB", "trafficking-protocol-2000", D(2001, 6, 28), D(2008, 8, 12), R),
    ("UZB", "smuggling-protocol-2000", D(2001, 6, 28), None, None),  # a signatory that never ratified
    ("AFG", "smuggling-protocol-2000", None, D(2017, 2, 2), A),
    ("RUS", "smuggling-protocol-2000", D(2000, 12, 12), D(2004, 5, 26), R),
]


@pytest.mark.parametrize(("state", "instrument", "signature", "consent", "kind"), FACTS,
                         ids=[f"{f[0]}-{f[1]}" for f in FACTS])
def test_fact_as_the_depositary_records_it(cat: ratify.Catalog, state: str, instrument: str,
                                           signature: dt.date | None, consent: dt.date | None,
                                           kind: ConsentKind | None) -> None:
    p = cat.participation(state, instrument)
    assert p is not None
    assert p.signature == signature
    assert (p.consent.date, p.consent.kind) == (consent, kind) if consent else p.consent is None
    for day in (signature, consent):
        if day:
            assert printed(day) in raw_text(instrument), f"{printed(day)} is not in the raw table"
    assert p.source is not None and p.source.id == cat.instrument(instrument).source


@pytest.mark.parametrize(("state", "instruments"), [
    ("UZB", ["refugees-1951", "refugees-protocol-1967", "stateless-persons-1954", "statelessness-reduction-1961",
             "icrmw-1990"]),
    ("KAZ", ["stateless-persons-1954", "statelessness-reduction-1961", "icrmw-1990"]),
    ("CHN", ["statelessness-reduction-1961", "icrmw-1990", "smuggling-protocol-2000"]),
    ("IRN", ["trafficking-protocol-2000", "smuggling-protocol-2000"]),
])
def test_no_action_recorded(cat: ratify.Catalog, state: str, instruments: list[str]) -> None:
    for inst in instruments:
        assert cat.status(state, inst) is Status.NONE, inst


def test_parties_to_only_one_of_the_refugee_instruments(cat: ratify.Catalog) -> None:
    convention = {p.state for p in cat.participations_of(instrument="V-2") if p.consent}
    protocol = {p.state for p in cat.participations_of(instrument="V-5") if p.consent}
    assert sorted(protocol - convention) == ["CPV", "USA", "VEN"]
    assert sorted(convention - protocol) == ["KNA", "MDG"]


def test_a_denunciation_from_the_depositarys_note(cat: ratify.Catalog) -> None:
    p = cat.participation("Madagascar", "V-3")
    assert p.denunciation == ratify.Denunciation(D(1965, 4, 2), D(1966, 4, 2))
    assert "[20 Feb 1962 a]" in raw_text("stateless-persons-1954")
    assert any("denunciation took effect on 2 April 1966" in (f.text or "") for f in p.footnotes)


def test_a_succession_keeps_the_predecessors_note(cat: ratify.Catalog) -> None:
    p = cat.participation("CZE", "V-5")
    assert p.footnotes[0].index == "7" and "Czechoslovakia" in p.footnotes[0].text


def test_turkiye_keeps_the_geographic_limitation(cat: ratify.Catalog) -> None:
    for inst in ("V-2", "V-5"):
        p = cat.participation("Türkiye", inst)
        geo = [s for s in p.statements if s.limits_scope and "1B(1)(a)" in s.articles]
        assert len(geo) == 1, inst
        assert geo[0].in_effect() and geo[0].withdrawn is None
        assert "events occurring in Europe" in geo[0].summary.en
        assert "в Европе" in geo[0].summary.ru
    assert "as a result of events occurring in Europe" in raw_text("refugees-protocol-1967")


def test_declarations_under_article_41_come_from_the_depositarys_own_section(cat: ratify.Catalog) -> None:
    (russia,) = [s for s in cat.participation("RUS", "ICCPR").statements if "41" in s.articles]
    assert russia.date == D(1991, 10, 1) and russia.kind is ratify.StatementKind.DECLARATION
    assert russia.text.startswith("The Union of Soviet Socialist Republics declares that, pursuant to article 41")
    assert "Human Rights Committee" in russia.summary.en and "Комитета по правам человека" in russia.summary.ru
    by_article_41 = {p.state for p in cat.participations_of(instrument="ICCPR") for s in p.statements if "41" in s.articles}
    # 50 entries in the section; the Czech Republic's and Slovakia's are only a reference to an end
    # note on Czechoslovakia's declaration, with no text of their own
    assert len(by_article_41) == 48 and {"RUS", "UKR", "BLR"} <= by_article_41
    assert not by_article_41 & {"CZE", "SVK"}
    assert not by_article_41 & {"KAZ", "KGZ", "TJK", "TKM", "UZB", "AZE", "AFG", "IRN", "PAK", "TUR"}
    (argentina,) = [s for s in cat.participation("ARG", "ICCPR").statements if "41" in s.articles]
    # undated in its own entry: the section's sub-title says it was made upon ratification (8 August 1986)
    assert argentina.date == D(1986, 8, 8) == cat.participation("ARG", "ICCPR").consent.date


@pytest.mark.parametrize(("state", "instrument", "action", "day", "publisher"), [
    ("SSD", "refugees-1951", ConsentKind.ACCESSION, D(2018, 12, 10), "UN Treaty Collection"),
    ("SSD", "refugees-protocol-1967", ConsentKind.ACCESSION, D(2018, 12, 10), "UN Treaty Collection"),
    ("ISL", "stateless-persons-1954", ConsentKind.ACCESSION, D(2021, 1, 26), None),
    ("CHL", "statelessness-reduction-1961", ConsentKind.ACCESSION, D(2018, 4, 11), "UN Treaty Collection"),
    ("BRB", "untoc-2000", ConsentKind.RATIFICATION, D(2014, 11, 11), "UN Treaty Collection"),
])
def test_later_changes_are_cited_corrections(cat: ratify.Catalog, state: str, instrument: str,
                                             action: ConsentKind, day: dt.date, publisher: str | None) -> None:
    p = cat.participation(state, instrument)
    assert p.consent == ratify.Consent(day, action)
    cited = [s for s in p.sources if s.id != cat.instrument(instrument).source]
    assert cited and all(s.url for s in cited)
    if publisher:
        assert any(s.publisher == publisher for s in cited)


def test_every_almaty_state_has_a_record_or_none_for_every_instrument(cat: ratify.Catalog) -> None:
    g = cat.group("almaty-process")
    for state in g.states:
        for inst in cat.instruments_of(binding=True):
            status = cat.status(state, inst)
            p = cat.participation(state, inst)
            assert (p is None) == (status is Status.NONE and p is None)
            if p is not None and p.consent:
                assert p.sources, (state, inst.id)
