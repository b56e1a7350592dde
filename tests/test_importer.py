"""`ratify import-untc` and its library API: depositary files into a data folder, fact by fact, with a diff."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from untc.untc_paths import FIXTURES

import ratify
from ratify.cli import main
from ratify.query.diff import DifferenceKind, diff_catalogs
from ratify.resources import bundled_data
from ratify.untc.importer import import_untc

D = dt.date
SHARED_XML = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "untc" / "xml"


@pytest.fixture
def folder(data_copy: Path) -> Path:
    return data_copy


def test_a_new_instrument_is_created_from_the_files_header(folder: Path) -> None:
    (folder / "instruments" / "iccpr-op1-1966.toml").unlink()  # bundled since; this folder starts without it
    report = import_untc([FIXTURES / "IV-5.en.xml"], folder, as_of=D(2018, 1, 15))
    assert report.created == ("iv-5",) and report.written == ("instruments/iv-5.toml",)
    cat = ratify.load(folder)
    inst = cat.instrument("IV-5")
    assert inst.title.en == "Optional Protocol to the International Covenant on Civil and Political Rights"
    assert inst.kind is ratify.InstrumentKind.PROTOCOL
    assert inst.adoption.date == D(1966, 12, 16) and inst.entry_into_force == D(1976, 3, 23)
    assert inst.as_of == D(2018, 1, 15)


def test_an_empty_folder_starts_with_the_bundled_register_and_only_the_imported_instruments(
        tmp_path: Path, cat: ratify.Catalog) -> None:
    folder = tmp_path / "new" / "data"  # does not exist yet
    assert import_untc([], folder).written == () and not folder.exists()  # no instrument, no folder
    report = import_untc([FIXTURES / "V-3.en.xml"], folder, as_of=D(2018, 1, 15))
    rows = len(ratify.untc.read_status(FIXTURES / "V-3.en.xml").rows)
    # an instrument ratify knows keeps the bundled register's id and description in a new folder
    assert [(c.instrument, c.kind, c.count) for c in report.differences] == \
        [("stateless-persons-1954", DifferenceKind.INSTRUMENT_ADDED, rows)]
    assert [str(c) for c in report.differences] == [f"stateless-persons-1954: new instrument ({rows} participants)"]
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == \
        [".ratify.lock", "groups.toml", "instruments/stateless-persons-1954.toml", "states.toml"]  # the lock stays: it holds no data
    for name in ("states.toml", "groups.toml"):
        assert (folder / name).read_bytes() == (bundled_data() / name).read_bytes()
    mine = ratify.load(folder)
    assert [i.id for i in mine.instruments] == ["stateless-persons-1954"]
    # the depositary's own rows, as in the bundled dataset (which adds only later, cited accessions)
    for code in ("TKM", "MDA", "AZE"):
        ours, bundled = mine.participation(code, "V-3"), cat.participation(code, "V-3")
        assert ours is not None and bundled is not None
        assert ours.consent == bundled.consent and ours.signature == bundled.signature


def test_a_failed_import_into_a_new_folder_leaves_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "new"
    monkeypatch.setattr(os, "replace", lambda src, dst: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(ratify.OutputError, match="nothing was changed"):
        import_untc([FIXTURES / "V-5.en.xml"], folder)
    assert not folder.exists()


def test_bracketed_rows_are_kept_as_denunciations_with_the_dates_of_the_notes(folder: Path) -> None:
    # a folder without the bundled IV-5 file: the instrument is created from the header, with no
    # denunciation clause, so only the dates the notes give are known
    (folder / "instruments" / "iccpr-op1-1966.toml").unlink()
    import_untc([FIXTURES / "IV-5.en.xml"], folder, as_of=D(2018, 1, 15))
    cat = ratify.load(folder)
    jam = cat.participation("Jamaica", "IV-5")
    assert jam.signature == D(1966, 12, 19) and jam.consent.date == D(1975, 10, 3)
    assert jam.denunciation == ratify.Denunciation(notified=D(1997, 10, 23), effective=None)
    assert cat.status("JAM", "IV-5") is ratify.Status.DENOUNCED
    tto = cat.participation("Trinidad and Tobago", "IV-5")
    assert tto.consent == ratify.Consent(D(1980, 11, 14), ratify.ConsentKind.ACCESSION)
    # denounced in 1998, re-acceded the same day, denounced again: the note's latest denunciation counts
    assert tto.denunciation == ratify.Denunciation(D(2000, 3, 27), D(2000, 6, 27))
    assert cat.status("TTO", "IV-5", as_of=D(1999, 1, 1)) is not ratify.Status.DENOUNCED
    assert cat.status("TTO", "IV-5", as_of=D(2000, 6, 27)) is ratify.Status.DENOUNCED


def test_a_protocol_with_successions_and_repaired_encoding(folder: Path, cat: ratify.Catalog) -> None:
    # V-5.en.xml is one of the files that are not well-formed as stored (C0 bytes for curly quotes)
    report = import_untc([FIXTURES / "V-5.en.xml"], folder, as_of=D(2018, 1, 15))
    new = ratify.load(folder)
    cze = new.participation("CZE", "V-5")
    assert cze.consent == ratify.Consent(D(1993, 5, 11), ratify.ConsentKind.SUCCESSION)
    assert "“Czech Republic”" in cze.footnotes[0].text  # 0x1C/0x1D repaired to curly quotes
    assert new.participation("USA", "V-5").consent.date == D(1968, 11, 1)
    # the same table the bundled data was built from: no change in any fact
    assert report.differences == () and diff_catalogs(cat, new) == []


def test_hand_curated_fields_survive_a_reimport(folder: Path) -> None:
    import_untc([FIXTURES / "V-5.en.xml"], folder, as_of=D(2018, 1, 15))
    cat = ratify.load(folder)
    tur = cat.participation("TUR", "V-5")
    geo = [s for s in tur.statements if s.limits_scope]
    assert geo and geo[0].summary.ru and geo[0].remedy is not None
    assert cat.instrument("V-5").title.ru == "Протокол, касающийся статуса беженцев"
    assert cat.instrument("V-5").entry_into_force_rule.article == "art. VIII(2)"
    # South Sudan's accession is a cited correction on top of the 2018 table: kept
    assert cat.participation("SSD", "V-5").consent.date == D(2018, 12, 10)


def test_a_changed_file_yields_the_expected_diff(folder: Path, tmp_path: Path) -> None:
    raw = (FIXTURES / "V-5.en.xml").read_bytes()
    assert b"<Entry>Kazakhstan</Entry>" in raw and b"<Entry>Turkey</Entry>" in raw
    changed = raw.replace(b"15 Jan 1999 a", b"16 Jan 1999 a", 1).replace(b"<Entry>Turkey</Entry>",
                                                                      b"<Entry>T\xfcrkiye</Entry>")
    start = changed.index(b"<Entry>Zimbabwe</Entry>")
    row_start, row_end = changed.rindex(b"<Row>", 0, start), changed.index(b"</Row>", start) + len(b"</Row>")
    changed = changed[:row_start] + changed[row_end:]
    path = tmp_path / "V-5.en.xml"
    path.write_bytes(changed)
    report = import_untc([path], folder, as_of=D(2018, 1, 15), dry_run=True)
    found = {(c.state, c.kind, c.field, c.old, c.new) for c in report.differences}
    assert ("KAZ", DifferenceKind.CHANGED, "consent", "1999-01-15", "1999-01-16") in found
    assert ("TUR", DifferenceKind.RENAMED, "name", "Turkey", "Türkiye") in found
    assert any(c.state == "ZWE" and c.kind is DifferenceKind.REMOVED for c in report.differences)
    assert report.written == ("instruments/refugees-protocol-1967.toml",)


def test_dry_run_and_older_files_write_nothing(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (folder / "instruments" / "icrmw-1990.toml").read_bytes()
    # the 2018 XML of IV-13 is older than the folder's 2026 table: skipped
    code = main(["import-untc", str(SHARED_XML / "IV-13.en.xml"), "--data", str(folder), "--as-of", "2018-01-15"]) \
        if (SHARED_XML / "IV-13.en.xml").exists() else None
    if code is not None:
        assert code == 0 and "skipped" in capsys.readouterr().err
    (folder / "instruments" / "iccpr-op1-1966.toml").unlink()  # IV-5 is bundled since: start without it
    code = main(["import-untc", str(FIXTURES / "IV-5.en.xml"), "--data", str(folder), "--dry-run"])
    out = capsys.readouterr().out
    rows = len(ratify.untc.read_status(FIXTURES / "IV-5.en.xml").rows)
    assert code == 0 and "would write 1 instrument file" in out and f"iv-5: new instrument ({rows} participants)" in out
    assert not (folder / "instruments" / "iv-5.toml").exists()
    assert (folder / "instruments" / "icrmw-1990.toml").read_bytes() == before


def test_html_status_page_imports_as_the_bundled_table(folder: Path, cat: ratify.Catalog) -> None:
    report = import_untc([FIXTURES / "cmw.html"], folder)
    assert report.differences == ()
    new = ratify.load(folder)
    assert new.participation("TJK", "IV-13").consent == cat.participation("TJK", "IV-13").consent


HOSTILE = {
    "xxe.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>',
    "bomb.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
                b"<Document>&b;</Document>",
    "truncated.xml": (FIXTURES / "V-5.en.xml").read_bytes()[:5000],
    "maintenance.xml": b"<html><body>The site is under urgent maintenance and is currently unavailable.</body></html>",
    "junk.xml": bytes(range(256)) * 4,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_naming_the_file(folder: Path, tmp_path: Path, name: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    before = sorted(p.name for p in (folder / "instruments").iterdir())
    code = main(["import-untc", str(path), "--data", str(folder)])
    err = capsys.readouterr().err
    assert code == 1 and name in err and "Traceback" not in err
    assert "root:" not in err  # nothing of /etc/passwd
    assert sorted(p.name for p in (folder / "instruments").iterdir()) == before


@pytest.mark.skipif(not SHARED_XML.is_dir(), reason="the shared depositary fixtures are not beside the repository")
def test_all_407_stored_xml_files_import_into_one_folder_that_loads_and_validates(tmp_path: Path) -> None:
    folder = tmp_path / "all"
    assert main(["init", str(folder)]) == 0
    files = sorted(SHARED_XML.glob("*.xml"))
    assert len(files) == 407
    report = import_untc(files, folder, as_of=D(2018, 1, 15))
    cat = ratify.load(folder)
    assert len(cat.instruments) == 28 + len(report.created) == 410
    assert not [p for p in ratify.validate(folder) if p.severity == "error"]
    assert cat.instrument("XXVII-7-d").mtdsg == "XXVII-7-d"
    again = import_untc(files, folder, as_of=D(2018, 1, 15))
    assert again.written == () and again.differences == ()


_SHARED_HTML = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "untc" / "html"


@pytest.mark.skipif(not (_SHARED_HTML / "cat.html").exists(), reason="shared UNTC corpus not present")
def test_a_declaration_under_one_of_several_articles_keeps_the_article_its_text_names(folder: Path) -> None:
    # what the reader makes of the pages alone: a folder without the bundled CAT and CERD, whose curated
    # statements an import keeps (the bundled CAT says Azerbaijan's is under art. 22: the curator's call below)
    for name in ("cat-1984", "opcat-2002", "cerd-1965"):
        (folder / "instruments" / f"{name}.toml").unlink()
    import_untc([_SHARED_HTML / "cat.html", _SHARED_HTML / "cerd.html"], folder)
    cat = ratify.load(folder)

    def under(state: str, inst: str) -> list[tuple[str, ...]]:
        return [s.articles for s in cat.participation(state, inst).statements if s.kind.value == "declaration"
                and set(s.articles) & {"14", "21", "22"}]

    # "Declarations made under articles 21 and 22": Kazakhstan's text names both, Japan's art. 21 only
    assert under("KAZ", "IV-9") == [("21", "22")]
    assert under("JPN", "IV-9") == [("21",)] and under("MAR", "IV-9") == [("22",)]
    # a text that numbers neither keeps both (Azerbaijan's quotes art. 22(1) unnumbered): a curator's call
    assert under("AZE", "IV-9") == [("21", "22")]
    assert [s.articles for s in ratify.load().participation("AZE", "IV-9").statements] == [("22",)]
    # the CERD section names its article in the sub-title only
    assert under("KAZ", "IV-2") == [("14",)] and under("RUS", "IV-2") == [("14",)]
    # a declaration of the section stays one though it says "with the reservation that …" (Norway)
    assert under("NOR", "IV-2") == [("14",)]
    # undated declarations of the section were made with the consent, as its sub-title says
    (tur,) = [s for s in cat.participation("TUR", "IV-9").statements if "22" in s.articles]
    assert tur.date == dt.date(1988, 8, 2) == cat.participation("TUR", "IV-9").consent.date
