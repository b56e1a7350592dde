"""Complaint and inquiry procedures: `cat.procedures(state, as_of)` against the depositary's pages.

The bundled data holds the ICCPR (art. 41), the ICRMW (arts 76, 77) and the core human-rights instruments
with the other procedures, from the status pages of 3 February 2026 (with the curated facts of
sources/overlay/reservations.toml), so the facts of every procedure are checked for the eleven Almaty
Process states, procedure by procedure.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

import ratify
from ratify.errors import DataError
from ratify.model.procedures import AcceptanceKind, ProcedureKind
from ratify.model.records import StatementKind
from ratify.resources import bundled_data

D = dt.date
ALMATY = ("KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "IRN", "RUS", "TUR", "AZE", "CHN")
# the procedures data/procedures.toml defines, read here without ratify: (MTDSG, article, kind, acceptance)
DEFINED = {(p["instrument"], p.get("article"), p["kind"], p["acceptance"])
           for p in tomllib.loads((bundled_data() / "procedures.toml").read_text("utf-8"))["procedures"]}


def accepted(cat: ratify.Catalog, state: str, as_of: D | None = None,
             mtdsg: tuple[str, ...] | None = None) -> dict[tuple[str, str], D | None]:
    """(MTDSG, kind) -> date of every procedure accepted (of the instruments `mtdsg` only, if given)."""
    return {(r.instrument.mtdsg, r.kind.value): r.date for r in cat.procedures(state, as_of)
            if r.accepted and (mtdsg is None or r.instrument.mtdsg in mtdsg)}


def one(cat: ratify.Catalog, state: str, mtdsg: str, kind: str, as_of: D | None = None):
    (found,) = [r for r in cat.procedures(state, as_of) if r.instrument.mtdsg == mtdsg and r.kind.value == kind]
    return found


# -- ICCPR art. 41, ICRMW arts 76 and 77 ---------------------------------------------------------------------


def test_every_procedure_defined_is_answered(cat: ratify.Catalog) -> None:
    assert len(DEFINED) == 20  # data/procedures.toml: 20 procedures of 13 instruments
    found = [(r.instrument.mtdsg, r.article, r.kind.value, r.acceptance.value) for r in cat.procedures("KAZ")]
    assert len(found) == 20 and set(found) == DEFINED


def test_only_the_procedures_of_instruments_in_the_folder(data_copy: Path) -> None:
    # a folder without the instruments of the other procedures (and OPCAT, which requires the CAT)
    for name in ("cerd-1965", "icescr-op-2008", "iccpr-op1-1966", "cedaw-op-1999", "cat-1984", "opcat-2002",
                 "crc-opic-2011", "crpd-op-2006", "ced-2006"):
        (data_copy / "instruments" / f"{name}.toml").unlink()
    cat = ratify.load(data_copy)
    found = {(r.instrument.id, r.article, r.kind, r.acceptance) for r in cat.procedures("KAZ")}
    assert found == {
        ("iccpr-1966", "art. 41", ProcedureKind.INTER_STATE, AcceptanceKind.DECLARATION),
        ("icrmw-1990", "art. 76", ProcedureKind.INTER_STATE, AcceptanceKind.DECLARATION),
        ("icrmw-1990", "art. 77", ProcedureKind.INDIVIDUAL, AcceptanceKind.DECLARATION),
    }
    assert {k.value for k in ProcedureKind} == {"individual", "inter_state", "inquiry"}


def test_iccpr_art_41_the_russian_federation(cat: ratify.Catalog) -> None:
    r = one(cat, "RUS", "IV-4", "inter_state")
    assert r.accepted and r.date == D(1991, 10, 1) and r.article == "art. 41"
    assert r.statement.text.startswith("The Union of Soviet Socialist Republics declares that, pursuant to article 41")
    assert r.source is not None and r.source.url and "IV-4" in r.source.url
    assert not one(cat, "RUS", "IV-4", "inter_state", as_of=D(1991, 9, 30)).accepted  # not yet declared
    assert r.status is ratify.Status.PARTY


def test_iccpr_art_41_no_other_almaty_state(cat: ratify.Catalog) -> None:
    for state in set(ALMATY) - {"RUS"}:
        r = one(cat, state, "IV-4", "inter_state")
        assert not r.accepted and r.date is None and r.statement is None, state
    assert one(cat, "CHN", "IV-4", "inter_state").status is ratify.Status.SIGNATORY


def test_iccpr_art_41_across_the_section(cat: ratify.Catalog) -> None:
    by = {s.alpha3: one(cat, s, "IV-4", "inter_state") for s in cat.states}
    yes = {k for k, r in by.items() if r.accepted}
    assert len(yes) == 48 and {"UKR", "BLR", "GBR", "USA", "ARG"} <= yes
    # undated in its own entry, made upon ratification as the section's sub-title says
    assert by["ARG"].date == D(1986, 8, 8)
    # Switzerland's five-year declarations: the latest one dates the acceptance
    assert by["CHE"].date == D(2022, 1, 24)


def test_icrmw_arts_76_and_77(cat: ratify.Catalog) -> None:
    assert accepted(cat, "MEX", mtdsg=("IV-4", "IV-13")) == {("IV-13", "individual"): D(2008, 9, 15)}
    assert accepted(cat, "ECU", mtdsg=("IV-4", "IV-13")) == {
        ("IV-4", "inter_state"): D(1984, 8, 6), ("IV-13", "inter_state"): D(2018, 1, 12),
        ("IV-13", "individual"): D(2018, 1, 12)}
    assert accepted(cat, "URY")[("IV-13", "individual")] == D(2012, 4, 13)
    assert ("IV-13", "inter_state") not in accepted(cat, "URY")
    assert accepted(cat, "SLV")[("IV-13", "inter_state")] == D(2015, 1, 23)
    assert accepted(cat, "GNB")[("IV-13", "inter_state")] == D(2018, 10, 22)  # "regarding article 76 (1)"
    assert ("IV-13", "individual") not in accepted(cat, "GNB")
    assert not one(cat, "MEX", "IV-13", "individual", as_of=D(2008, 9, 14)).accepted


def test_a_declaration_that_defers_the_competence_accepts_nothing(cat: ratify.Catalog) -> None:
    # Türkiye, party to the ICRMW since 2004: "will recognize the competence … at a later time"
    for kind in ("inter_state", "individual"):
        r = one(cat, "TUR", "IV-13", kind)
        assert r.status is ratify.Status.PARTY and not r.accepted and r.statement is None
    assert "at a later time" in next(s.text for s in cat.participation("TUR", "IV-13").statements
                                     if "76" in s.articles)


def test_icrmw_parties_of_the_almaty_process_accepted_neither(cat: ratify.Catalog) -> None:
    for state in ("KGZ", "TJK", "TUR", "AZE"):
        assert cat.status(state, "IV-13") is ratify.Status.PARTY
        assert not any(r.accepted for r in cat.procedures(state) if r.instrument.mtdsg == "IV-13"), state


def test_every_accepted_procedure_rests_on_a_dated_record(cat: ratify.Catalog) -> None:
    for state in cat.states:
        for r in cat.procedures(state):
            assert r.accepted is (r.date is not None) or r.statement is not None
            if r.accepted:
                assert r.source is not None and r.status in (ratify.Status.PARTY, ratify.Status.CONTRACTING)


# -- the core human-rights instruments, procedure by procedure ---------------------------------------------------


def test_the_curated_cat_facts(cat: ratify.Catalog) -> None:
    """Two facts of the CAT page the overlay curates (sources/overlay/reservations.toml)."""
    # "Declarations made under articles 21 and 22": Azerbaijan's numbers neither article; its words are those
    # of art. 22(1) ("from or on behalf of individuals subject to its jurisdiction …")
    (aze,) = cat.participation("AZE", "IV-9").statements
    assert aze.articles == ("22",) and aze.date == D(2002, 2, 4) and "on behalf of individuals" in aze.text
    # end note 14: Afghanistan's reservation under art. 28(1), made upon ratification, withdrawn 17 April 2018
    (afg,) = [s for s in cat.participation("AFG", "IV-9").statements if "20" in s.articles]
    assert afg.kind is StatementKind.RESERVATION and afg.date == D(1987, 4, 1) and afg.withdrawn == D(2018, 4, 17)
    assert "invoking paragraph 1 of the article 28" in afg.text and cat.source(afg.source).url.endswith(
        "mtdsg_no=IV-9&chapter=4&clang=_en")


# Every procedure each Almaty Process state had accepted by 3 February 2026, with the date, as the pages
# record it; every other procedure of the folder is not accepted.
EXPECTED: dict[str, dict[tuple[str, str], D]] = {
    "KAZ": {("IV-2", "individual"): D(2008, 5, 29), ("IV-5", "individual"): D(2009, 6, 30),
            ("IV-9", "inquiry"): D(1998, 8, 26), ("IV-9", "inter_state"): D(2008, 2, 21),
            ("IV-9", "individual"): D(2008, 2, 21), ("IV-8-b", "individual"): D(2001, 8, 24),
            ("IV-8-b", "inquiry"): D(2001, 8, 24), ("IV-15-a", "individual"): D(2023, 7, 13),
            ("IV-15-a", "inquiry"): D(2023, 7, 13), ("IV-11-d", "individual"): D(2024, 2, 7),
            ("IV-11-d", "inquiry"): D(2024, 2, 7)},
    "KGZ": {("IV-5", "individual"): D(1994, 10, 7), ("IV-9", "inquiry"): D(1997, 9, 5),
            ("IV-8-b", "individual"): D(2002, 7, 22), ("IV-8-b", "inquiry"): D(2002, 7, 22)},
    "TJK": {("IV-5", "individual"): D(1999, 1, 4), ("IV-9", "inquiry"): D(1995, 1, 11),
            ("IV-8-b", "individual"): D(2014, 7, 22)},
    "TKM": {("IV-5", "individual"): D(1997, 5, 1), ("IV-9", "inquiry"): D(1999, 6, 25),
            ("IV-8-b", "individual"): D(2009, 5, 20), ("IV-8-b", "inquiry"): D(2009, 5, 20),
            ("IV-15-a", "individual"): D(2010, 11, 10), ("IV-15-a", "inquiry"): D(2010, 11, 10)},
    "UZB": {("IV-5", "individual"): D(1995, 9, 28), ("IV-9", "inquiry"): D(1995, 9, 28)},
    "AFG": {("IV-9", "inquiry"): D(2018, 4, 17), ("IV-15-a", "individual"): D(2012, 9, 18),
            ("IV-15-a", "inquiry"): D(2012, 9, 18)},
    "IRN": {},
    "RUS": {("IV-4", "inter_state"): D(1991, 10, 1), ("IV-2", "individual"): D(1991, 10, 1),
            ("IV-5", "individual"): D(1991, 10, 1), ("IV-9", "inquiry"): D(1987, 3, 3),
            ("IV-9", "inter_state"): D(1991, 10, 1), ("IV-9", "individual"): D(1991, 10, 1),
            ("IV-8-b", "individual"): D(2004, 7, 28), ("IV-8-b", "inquiry"): D(2004, 7, 28)},
    "TUR": {("IV-5", "individual"): D(2006, 11, 24), ("IV-9", "inquiry"): D(1988, 8, 2),
            ("IV-9", "inter_state"): D(1988, 8, 2), ("IV-9", "individual"): D(1988, 8, 2),
            ("IV-8-b", "individual"): D(2002, 10, 29), ("IV-8-b", "inquiry"): D(2002, 10, 29),
            ("IV-15-a", "individual"): D(2015, 3, 26), ("IV-15-a", "inquiry"): D(2015, 3, 26),
            ("IV-11-d", "individual"): D(2017, 12, 26), ("IV-11-d", "inquiry"): D(2017, 12, 26)},
    "AZE": {("IV-2", "individual"): D(2001, 9, 27), ("IV-5", "individual"): D(2001, 11, 27),
            ("IV-9", "inquiry"): D(1996, 8, 16), ("IV-9", "individual"): D(2002, 2, 4),
            ("IV-8-b", "individual"): D(2001, 6, 1), ("IV-8-b", "inquiry"): D(2001, 6, 1),
            ("IV-15-a", "individual"): D(2009, 1, 28), ("IV-15-a", "inquiry"): D(2009, 1, 28)},
    "CHN": {},
}


@pytest.mark.parametrize("state", ALMATY)
def test_almaty_state_procedure_by_procedure(cat: ratify.Catalog, state: str) -> None:
    found = cat.procedures(state, as_of=D(2026, 2, 3))
    # every procedure of the data file is answered: 20 of them, each once
    assert len(found) == 20
    assert len({(r.instrument.id, r.article, r.kind) for r in found}) == 20
    assert accepted(cat, state, D(2026, 2, 3)) == EXPECTED[state]


def test_opt_outs_in_effect(cat: ratify.Catalog) -> None:
    china = one(cat, "CHN", "IV-9", "inquiry")
    assert not china.accepted and china.opted_out and china.status is not ratify.Status.NONE
    assert "does not recognize the competence of the Committee against Torture as provided for in article 20" \
        in china.opt_out.text
    assert china.opt_out_article == "art. 28"
    tajikistan = one(cat, "TJK", "IV-8-b", "inquiry")
    assert not tajikistan.accepted and tajikistan.opted_out and tajikistan.opt_out.date == D(2014, 7, 22)
    assert "without recognizing the competence" in tajikistan.opt_out.text
    # parties with no opt-out accept the inquiry with their consent
    assert not one(cat, "KAZ", "IV-9", "inquiry").opted_out


def test_an_opt_out_withdrawn_dates_the_acceptance(cat: ratify.Catalog) -> None:
    before = one(cat, "AFG", "IV-9", "inquiry", as_of=D(2018, 4, 16))
    assert not before.accepted and before.opted_out
    after = one(cat, "AFG", "IV-9", "inquiry", as_of=D(2018, 4, 17))
    assert after.accepted and after.date == D(2018, 4, 17) and after.opt_out.withdrawn == D(2018, 4, 17)


def test_declarations_count_from_their_date(cat: ratify.Catalog) -> None:
    assert not one(cat, "KAZ", "IV-9", "individual", as_of=D(2008, 2, 20)).accepted
    assert one(cat, "KAZ", "IV-9", "individual", as_of=D(2008, 2, 21)).accepted
    assert not one(cat, "KAZ", "IV-2", "individual", as_of=D(2008, 5, 28)).accepted
    r = one(cat, "KAZ", "IV-2", "individual")
    assert r.statement.text.startswith("“In accordance with article 14, paragraph 1")
    # and the consent before it: Kazakhstan acceded to the CAT on 26 August 1998
    assert one(cat, "KAZ", "IV-9", "inquiry", as_of=D(1998, 8, 26)).accepted
    assert not one(cat, "KAZ", "IV-9", "inquiry", as_of=D(1998, 8, 25)).accepted


def test_a_signatory_accepts_nothing(cat: ratify.Catalog) -> None:
    for kind in ("individual", "inter_state", "inquiry"):
        r = one(cat, "KAZ", "IV-3-a", kind)
        assert r.status is ratify.Status.SIGNATORY and not r.accepted
    assert one(cat, "AZE", "IV-16", "individual").status is ratify.Status.SIGNATORY


def test_a_denunciation_ends_the_acceptance(cat: ratify.Catalog) -> None:
    # Jamaica denounced the First Optional Protocol to the ICCPR (notified 23 October 1997)
    assert one(cat, "JAM", "IV-5", "individual", as_of=D(1997, 1, 1)).accepted
    later = one(cat, "JAM", "IV-5", "individual", as_of=D(2000, 1, 1))
    assert not later.accepted and later.status is ratify.Status.DENOUNCED


def test_a_declaration_under_a_protocols_article(cat: ratify.Catalog) -> None:
    # OP-ICESCR: Finland declared under arts 10 and 11; OPIC: Albania under art. 12
    assert one(cat, "FIN", "IV-3-a", "inter_state").accepted and one(cat, "FIN", "IV-3-a", "inquiry").accepted
    assert one(cat, "ALB", "IV-11-d", "inter_state").accepted
    assert not one(cat, "KAZ", "IV-11-d", "inter_state").accepted
    monaco = one(cat, "MCO", "IV-11-d", "inquiry")
    assert monaco.opted_out and not monaco.accepted


# -- the data file -------------------------------------------------------------------------------------------------


def _write(folder: Path, text: str) -> None:
    (folder / "procedures.toml").write_text(text, encoding="utf-8")


def test_a_folder_without_the_file_has_no_procedures(data_copy: Path) -> None:
    (data_copy / "procedures.toml").unlink()
    assert ratify.load(data_copy).procedures("KAZ") == []


def test_bad_procedures_are_reported_with_file_field_and_reason(data_copy: Path) -> None:
    _write(data_copy, '''
[[procedures]]
instrument = "iccpr-1967"
kind = "individual"
article = "art. 41"
acceptance = "declaration"

[[procedures]]
instrument = "IV-9"
kind = "complaint"
article = "art. 22"
acceptance = "declaration"
''')
    with pytest.raises(DataError) as err:
        ratify.load(data_copy)
    text = str(err.value)
    assert "procedures.toml" in text and "procedures[1].kind" in text and "'complaint'" in text
    problems = [p for p in ratify.validate(data_copy) if p.file.endswith("procedures.toml")]
    assert any(p.path == "procedures[1].kind" for p in problems)


def test_unknown_instrument_and_missing_fields(data_copy: Path) -> None:
    _write(data_copy, '''
[[procedures]]
instrument = "iccpr-1967"
kind = "inter_state"
article = "art. 41"
acceptance = "declaration"

[[procedures]]
instrument = "IV-4"
kind = "inquiry"
article = "art. 99"
acceptance = "opt_out"
source = "nowhere"

[[procedures]]
instrument = "IV-99"
kind = "individual"
article = "art. 1"
acceptance = "protocol"
''')
    problems = {(p.path, p.reason) for p in ratify.validate(data_copy) if p.file.endswith("procedures.toml")}
    assert any(f == "procedures[0].instrument" and "unknown instrument 'iccpr-1967'" in m and "iccpr-1966" in m
               for f, m in problems)
    assert any(f == "procedures[1].opt_out_article" for f, _ in problems)
    assert any(f == "procedures[1].source" and "nowhere" in m for f, m in problems)
    # an MTDSG number the folder lacks is skipped, not an error
    assert not any(f.startswith("procedures[2]") for f, _ in problems)


# -- the API, the command, the exports, the DataFrame, the notebook ---------------------------------------------


def test_the_public_api_names_them() -> None:
    for name in ("AcceptanceKind", "Procedure", "ProcedureKind", "ProcedureStatus", "procedures_frame"):
        assert name in ratify.__all__ and getattr(ratify, name) is not None
    assert ratify.ProcedureKind("inter_state") is ProcedureKind.INTER_STATE


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from ratify.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_command_text_in_english_and_russian(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "procedures", "Russia", "--as-of", "2026-02-03")
    assert code == 0
    assert out.startswith("Russian Federation (RUS), as of 3 February 2026: Complaint and inquiry procedures")
    (line,) = [x for x in out.splitlines() if "art. 41" in x]
    assert "inter-state communications" in line and "accepted" in line and "1 October 1991" in line
    code, out, _ = run(capsys, "procedures", "Россия", "--lang", "ru", "--as-of", "1991-09-30")
    assert code == 0 and "по состоянию на 30 сентября 1991 г." in out
    (line,) = [x for x in out.splitlines() if "ст. 41" in x]
    assert "межгосударственные сообщения" in line and "не признана" in line


def test_command_csv_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import io
    import json

    from ratify.present.procedures import PROCEDURE_COLUMNS

    code, out, _ = run(capsys, "procedures", "MEX", "--format", "csv", "--as-of", "2026-02-03")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and tuple(rows[0]) == PROCEDURE_COLUMNS
    art77 = next(r for r in rows if r["article"] == "art. 77")
    assert (art77["accepted"], art77["date"], art77["kind"], art77["acceptance"]) == \
        ("true", "2008-09-15", "individual", "declaration")
    code, out, _ = run(capsys, "procedures", "TUR", "--format", "json")
    records = json.loads(out)
    art76 = next(r for r in records if r["article"] == "art. 76")
    assert art76["accepted"] is False and art76["status"] == "party" and art76["date"] is None


def test_command_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "procedures", "Kazakstan")
    assert code == 1 and err.startswith("ratify: error:") and "Kazakhstan" in err and "Traceback" not in err


def test_command_reads_another_folder(capsys: pytest.CaptureFixture[str], data_copy: Path) -> None:
    code, out, _ = run(capsys, "procedures", "CHN", "--as-of", "2026-02-03")
    (line,) = [x for x in out.splitlines() if "art. 20" in x]
    assert code == 0 and "opted out" in line
    # the same question of a folder without the CAT (nor OPCAT, which requires it)
    for name in ("cat-1984", "opcat-2002"):
        (data_copy / "instruments" / f"{name}.toml").unlink()
    code, out, _ = run(capsys, "procedures", "CHN", "--data", str(data_copy), "--as-of", "2026-02-03")
    assert code == 0 and "art. 41" in out and "art. 20" not in out and "art. 22" not in out


def test_export_csv_table_for_a_group(capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import io

    code, out, _ = run(capsys, "export", "--format", "csv", "--table", "procedures", "--group", "almaty-process",
                       "--as-of", "2026-02-03")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 12 * len(DEFINED)  # the twelve states the group has listed × 20 procedures
    for state in ALMATY:
        assert {(r["mtdsg"], r["kind"]): D.fromisoformat(r["date"]) for r in rows
                if r["state"] == state and r["accepted"] == "true"} == EXPECTED[state], state
    # Pakistan, observer since 2016, accepted none: CAT art. 28(1) reservation on art. 20 in effect, no declaration
    pakistan = [r for r in rows if r["state"] == "PAK"]
    assert len(pakistan) == 20 and not any(r["accepted"] == "true" for r in pakistan)


def test_json_export_round_trips_the_procedures(cat: ratify.Catalog) -> None:
    import json

    doc = json.loads(ratify.export_json(cat))
    exported = [(p["instrument"], p.get("article"), p["kind"], p["acceptance"]) for p in doc["procedures"]]
    assert len(exported) == 20 and set(exported) == {(cat.instrument(m).id, a, k, x) for m, a, k, x in DEFINED}
    assert ("iccpr-1966", "art. 41", "inter_state", "declaration") in exported
    assert "at a later time" in doc["declines"]
    again = ratify.load_json(ratify.export_json(cat))
    assert again == cat and again.procedures("ECU") == cat.procedures("ECU")


def test_json_export_refuses_bad_declines(cat: ratify.Catalog) -> None:
    import json

    doc = json.loads(ratify.export_json(cat))
    doc["declines"] = "does not recognize"
    with pytest.raises(DataError, match="declines"):
        ratify.load_json(json.dumps(doc))


def test_dataframe(cat: ratify.Catalog) -> None:
    pytest.importorskip("pandas")
    df = cat.procedures("TJK", as_of=D(2026, 2, 3)).to_dataframe()
    assert len(df) == 20 and str(df["date"].dtype) == "datetime64[ns]"
    assert list(df["kind"].cat.categories) == ["individual", "inter_state", "inquiry"]
    row = df[(df["mtdsg"] == "IV-8-b") & (df["kind"] == "inquiry")].iloc[0]
    assert not row["accepted"] and row["opted_out"] and row["answer"] == "opted out"
    ru = ratify.procedures_frame(cat.procedures("TJK", as_of=D(2026, 2, 3)), lang="ru")
    assert "заявлен отказ" in set(ru["answer"])


def test_notebook_table_is_escaped_and_translated(cat: ratify.Catalog) -> None:
    found = cat.procedures("MEX", as_of=D(2026, 2, 3))
    html = found._repr_html_()
    assert "<table>" in html and "Mexico (MEX), as of 3 February 2026" in html
    assert '<span class="status party">accepted</span>' in html and "15 September 2008" in html
    assert "признана" in found._repr_html_(lang="ru")
    # Mexico: CERD art. 14, OP1-ICCPR, CAT arts 20 and 22, OP-CEDAW (and its inquiry), OP-CRPD (and its
    # inquiry), CED art. 31, ICRMW art. 77 -- ten of the twenty, as the pages record them
    assert "ProcedureList MEX" in repr(found) and "10 of 20 accepted" in repr(found) and len(found.accepted) == 10


# -- gaps --------------------------------------------------------------------------------------------------------


def test_procedure_gaps_are_the_procedures_not_accepted(cat: ratify.Catalog) -> None:
    from ratify.query.gaps import GapKind

    gaps = cat.procedure_gaps("KGZ", as_of=D(2026, 2, 3))
    assert all(g.kind is GapKind.PROCEDURE_NOT_ACCEPTED and g.state == "KGZ" for g in gaps)
    assert len(gaps) == 20 - len(EXPECTED["KGZ"])
    assert {(g.instrument.mtdsg, g.procedure_kind.value) for g in gaps}.isdisjoint(EXPECTED["KGZ"])
    cat20 = next(g for g in cat.procedure_gaps("CHN", as_of=D(2026, 2, 3)) if g.article == "art. 20")
    assert cat20.step is AcceptanceKind.OPT_OUT and cat20.opt_out is not None and cat20.prerequisites == ()
    ced = next(g for g in gaps if g.article == "art. 31")
    assert ced.step is AcceptanceKind.DECLARATION and ced.prerequisites == (ced.instrument.id,)  # accede first
    art22 = next(g for g in gaps if g.article == "art. 22")
    assert art22.prerequisites == () and art22.status is not ratify.Status.NONE  # only the declaration is missing


def test_procedure_gaps_put_a_convention_before_its_protocol(cat: ratify.Catalog) -> None:
    from ratify.model.records import RelationKind

    # OP1 art. 8(2)-(3): only a State party to (or signatory of) the Covenant may become party to the Protocol
    assert any(r.kind is RelationKind.REQUIRES_PARTY_TO and r.target == "iccpr-1966"
               for r in cat.instrument("IV-5").relations)
    gaps = cat.procedure_gaps("CHN", as_of=D(2026, 2, 3))  # China signed the ICCPR, never ratified it
    order = [g.instrument.mtdsg for g in gaps]
    assert order.index("IV-4") < order.index("IV-5")
    op1 = next(g for g in gaps if g.instrument.mtdsg == "IV-5")
    assert op1.step is AcceptanceKind.PROTOCOL and op1.prerequisites == ("iccpr-1966",)
    art41 = next(g for g in gaps if g.instrument.mtdsg == "IV-4")
    assert art41.prerequisites == ("iccpr-1966",) and art41.status is ratify.Status.SIGNATORY


def test_procedure_gap_words(cat: ratify.Catalog) -> None:
    from ratify.present.procedures import procedure_gap_text

    gaps = cat.procedure_gaps("KGZ", as_of=D(2026, 2, 3))
    art77 = next(g for g in gaps if g.article == "art. 77")
    assert procedure_gap_text(cat, art77) == ("individual communications: declare under art. 77 of Migrant Workers "
                                              "Convention")
    assert procedure_gap_text(cat, art77, "ru").startswith("индивидуальные сообщения: сделать заявление в "
                                                           "соответствии со ст. 77")
    art41 = next(g for g in cat.procedure_gaps("CHN", as_of=D(2026, 2, 3)) if g.article == "art. 41")
    assert procedure_gap_text(cat, art41).endswith("(first become party to ICCPR)")
