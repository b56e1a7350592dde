"""Exports: the JSON schema (format, version, ISO dates), the round trip, the CSV table, the command."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ratify
from ratify import Catalog, DataError
from ratify.cli import main
from ratify.present.export import EXPORT_FORMAT, EXPORT_VERSION, STATUS_COLUMNS

cat = ratify.load()
TEXT = ratify.export_json(cat)
DOC = json.loads(TEXT)
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_KEYS = {"date", "signature", "entry_into_force", "as_of", "retrieved", "notified", "effective", "withdrawn"}


def _walk(node: object, key: str = ""):  # (key, value) of every scalar in the document
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v, key)
    else:
        yield key, node


# -- JSON ---------------------------------------------------------------------------------------------

def test_json_top_level_schema():
    assert list(DOC) == ["format", "version", "generator", "instruments", "states", "groups", "sources",
                         "participations", "procedures", "declines"]
    assert DOC["format"] == EXPORT_FORMAT == "ratify-export"
    assert DOC["version"] == EXPORT_VERSION == 1
    assert DOC["generator"] == f"ratify {ratify.__version__}"
    assert len(DOC["instruments"]) == len(cat.instruments)
    assert len(DOC["states"]) == len(cat.states)
    assert len(DOC["participations"]) == len(cat.participations)


def test_json_records_use_the_documented_keys_and_values():
    v2 = next(i for i in DOC["instruments"] if i["id"] == "refugees-1951")
    assert v2["mtdsg"] == "V-2" and v2["kind"] == "convention" and v2["binding"] is True
    assert v2["title"] == {"en": "Convention relating to the Status of Refugees", "ru": "Конвенция о статусе беженцев"}
    assert v2["entry_into_force_rule"] == {"kind": "days_after", "article": "art. 43(2)", "count": 90}
    kaz = next(s for s in DOC["states"] if s["alpha3"] == "KAZ")
    assert kaz["alpha2"] == "KZ" and kaz["name"]["ru"] == "Казахстан"
    assert "kind" not in kaz  # the default ("state") is left out, as documented
    p = next(p for p in DOC["participations"] if (p["state"], p["instrument"]) == ("KAZ", "refugees-1951"))
    assert p["consent"] == {"date": "1999-01-15", "kind": "accession"}
    assert p["entry_into_force"] == "1999-04-15"
    assert p["sources"][0]["id"] == v2["source"]
    process = next(g for g in DOC["groups"] if g["id"] == "almaty-process")
    assert {"state": "UZB", "role": "open_to", "since": "2012-09-07",
            "source": "almaty-recommendations-2012, item 4"} in process["members"]


def test_json_dates_are_iso_strings():
    seen = 0
    for key, value in _walk(DOC):
        if key in DATE_KEYS and value is not None:
            assert isinstance(value, str) and ISO.match(value), (key, value)
            dt.date.fromisoformat(value)
            seen += 1
    assert seen > 3000


def test_json_round_trip_gives_an_equal_catalogue():
    again = ratify.load_json(TEXT)
    assert isinstance(again, Catalog)
    assert again == cat
    assert again.instruments == cat.instruments and again.states == cat.states
    assert again.participations == cat.participations and again.sources == cat.sources
    assert again.groups == cat.groups
    assert ratify.export_json(again) == TEXT
    assert again.status("TUR", "V-2", dt.date(2011, 3, 15)) is ratify.Status.PARTY
    assert again.gaps("UZB", as_of=dt.date(2014, 1, 1)) == cat.gaps("UZB", as_of=dt.date(2014, 1, 1))


def test_equality_ignores_where_the_catalogue_was_read_from_but_not_its_content():
    again = ratify.load_json(TEXT)
    assert cat.path is not None and again.path is None
    assert again == cat
    changed = attrs.evolve(again, participations=again.participations[1:])
    assert changed != cat


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.sampled_from([s.alpha3 for s in cat.states]), max_size=12))
def test_export_load_export_is_a_fixed_point(codes: set[str]):
    sub = Catalog(instruments=cat.instruments, states=[s for s in cat.states if s.alpha3 in codes],
                  groups=cat.groups, participations=tuple(p for p in cat.participations if p.state in codes),
                  sources=cat.sources)
    text = ratify.export_json(sub)
    loaded = ratify.load_json(text)
    assert loaded == sub
    assert ratify.export_json(loaded) == text


@pytest.mark.parametrize(("doc", "where", "why"), [
    ({"format": "something-else", "version": 1}, "format", "expected 'ratify-export'"),
    ({"format": EXPORT_FORMAT, "version": 99}, "version", "reads versions 1 to 1"),
    ({"format": EXPORT_FORMAT, "version": 1, "extra": []}, "extra", "unknown key"),
    ({"format": EXPORT_FORMAT, "version": 1, "states": [{"alpha3": "KAZ", "alpha2": "KZ"}]}, "states[0]",
     "required field missing"),
    ({"format": EXPORT_FORMAT, "version": 1, "participations": [
        {"state": "KAZ", "instrument": "x", "signature": "15/01/1999"}]}, "participations[0].signature",
     "expected a date"),
])
def test_load_json_names_what_is_wrong(doc: dict, where: str, why: str):
    with pytest.raises(DataError) as info:
        ratify.load_json(json.dumps(doc), name="mine.json")
    message = str(info.value)
    assert "mine.json" in message and where in message and why in message


def test_load_json_refuses_what_is_not_json():
    with pytest.raises(DataError, match="not JSON"):
        ratify.load_json("{not json")
    with pytest.raises(DataError, match="expected a JSON object"):
        ratify.load_json("[]")


# -- CSV ----------------------------------------------------------------------------------------------

def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_one_row_per_state_and_instrument():
    text = ratify.export_csv(cat)
    assert text.splitlines()[0] == ",".join(STATUS_COLUMNS)
    rows = _rows(text)
    assert len(rows) == len(cat.states) * len(cat.instruments)
    row = next(r for r in rows if r["state"] == "KAZ" and r["mtdsg"] == "V-2")
    assert row["status"] == "party" and row["consent"] == "1999-01-15" and row["consent_kind"] == "accession"
    assert row["entry_into_force"] == "1999-04-15" and row["entry_into_force_computed"] == "true"
    assert row["reservations"] == "0" and row["source_url"].startswith("https://treaties.un.org/")
    for r in rows:
        for column in ("as_of", "signature", "consent", "entry_into_force", "denunciation"):
            assert r[column] == "" or ISO.match(r[column])


def test_csv_as_of_leaves_out_later_facts():
    day = dt.date(2011, 3, 15)
    rows = _rows(ratify.export_csv(cat, day, group="almaty-process", instruments=["V-3"]))
    assert [r["state"] for r in rows] == list(cat.group("almaty-process").states)
    tur = next(r for r in rows if r["state"] == "TUR")  # Türkiye acceded to V-3 in 2015
    assert tur["status"] == "none" and tur["consent"] == "" and tur["as_of"] == "2011-03-15"
    assert {r["as_of"] for r in rows} == {"2011-03-15"}


def test_csv_counts_reservations_in_effect():
    rows = _rows(ratify.export_csv(cat, states=["TUR"], instruments=["V-2"]))
    assert int(rows[0]["reservations"]) >= 1  # the geographic limitation, among others


# -- the command ----------------------------------------------------------------------------------------

def test_cli_export_json_to_a_file_loads_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    target = tmp_path / "out" / "ratify.json"
    target.parent.mkdir()
    assert main(["export", "--format", "json", "-o", str(target)]) == 0
    assert "wrote" in capsys.readouterr().err
    assert ratify.load_json(target.read_text(encoding="utf-8")) == cat
    assert [p.name for p in target.parent.iterdir()] == ["ratify.json"]  # no temporary file left


def test_cli_export_csv_to_stdout_as_of(capsys: pytest.CaptureFixture[str]):
    assert main(["export", "--format", "csv", "--as-of", "2011-03-15"]) == 0
    out = capsys.readouterr().out
    assert out == ratify.export_csv(cat, dt.date(2011, 3, 15))


def test_cli_export_defaults_to_json_and_takes_a_data_folder(data_copy: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["export", "--data", str(data_copy)]) == 0
    assert ratify.load_json(capsys.readouterr().out) == cat


def test_cli_export_as_of_is_for_csv_only(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "json", "--as-of", "2011-03-15"])
    assert info.value.code == 2
    assert "--as-of applies to --format csv only" in capsys.readouterr().err


def test_cli_export_to_an_unwritable_place_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["export", "-o", str(blocker / "sub" / "out.json")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ratify: error:") and "Traceback" not in err


# -- CSV safety: no formulas, no broken rows ---------------------------------------------------------------

from ratify.present.export import CSV_TRIGGERS, csv_text, csv_value

_CELLS = st.lists(st.lists(st.text(), min_size=1, max_size=6), min_size=1, max_size=8)


def _parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@settings(max_examples=300, deadline=None)
@given(_CELLS)
def test_any_text_round_trips_and_never_starts_a_formula(rows: list[list[str]]):
    text = csv_text(rows)
    back = _parse(text)
    assert len(back) == len(rows)  # a CR or LF inside a value never splits a row
    assert [[csv_value(c) for c in row] for row in back] == rows
    assert not any(c.startswith(CSV_TRIGGERS) for row in back for c in row)


@settings(max_examples=200, deadline=None)
@given(_CELLS)
def test_raw_csv_keeps_every_value_exactly(rows: list[list[str]]):
    back = _parse(csv_text(rows, raw=True))
    assert back == rows


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx", "'=x", "'"])
def test_each_trigger_is_neutralised_by_one_quote(value: str):
    [[cell]] = _parse(csv_text([[value]]))
    assert cell == "'" + value
    assert csv_value(cell) == value


def test_numbers_dates_and_booleans_are_never_altered():
    [row] = _parse(csv_text([[-3, -2.5, 0, dt.date(1999, 1, 15), True, None, "a,b"]]))
    assert row == ["-3", "-2.5", "0", "1999-01-15", "true", "", "a,b"]


@pytest.fixture
def hostile_data(data_copy: Path) -> Path:
    """The bundled data with Kazakhstan named like a formula holding a lone CR, and Türkiye starting with @."""
    states = data_copy / "states.toml"
    text = states.read_text(encoding="utf-8")
    for old, new in (('name = { en = "Kazakhstan", ru = "Казахстан" }',
                      r'name = { en = "=HYPERLINK(\"http://evil.example\")\rKaz", ru = "-Каз" }'),
                     ('en = "Türkiye"', 'en = "@Türkiye"')):
        assert old in text
        text = text.replace(old, new, 1)
    states.write_text(text, encoding="utf-8")
    return data_copy


def test_export_csv_of_hostile_data_keeps_its_rows_and_runs_no_formula(hostile_data: Path):
    hostile = ratify.load(hostile_data)
    text = ratify.export_csv(hostile)
    rows = _parse(text)
    assert len(rows) == 1 + len(hostile.states) * len(hostile.instruments)
    kaz = [r for r in rows if r[0] == "KAZ"]
    assert kaz and all(r[1] == "'=HYPERLINK(\"http://evil.example\")\rKaz" for r in kaz)
    assert not any(c.startswith(CSV_TRIGGERS) for r in rows for c in r)
    raw = _parse(ratify.export_csv(hostile, raw=True))
    assert len(raw) == len(rows) and {r[1] for r in raw if r[0] == "KAZ"} == {hostile.state("KAZ").name.en}


@pytest.mark.parametrize("argv", [["export", "--format", "csv"], ["matrix", "--format", "csv"],
                                  ["status", "KAZ", "--format", "csv"], ["gaps", "KAZ", "--format", "csv"],
                                  ["matrix", "--format", "csv", "--group", "almaty-process"]])
def test_cli_csv_is_neutralised_unless_raw(hostile_data: Path, capsys: pytest.CaptureFixture[str], argv: list[str]):
    assert main([*argv, "--data", str(hostile_data)]) == 0
    rows = _parse(capsys.readouterr().out)
    assert len({len(r) for r in rows}) == 1  # no row broken by the CR
    assert not any(c.startswith(CSV_TRIGGERS) for r in rows for c in r)
    assert main([*argv, "--data", str(hostile_data), "--raw"]) == 0
    raw = _parse(capsys.readouterr().out)
    assert len(raw) == len(rows) and len({len(r) for r in raw}) == 1
    assert [[csv_value(c) for c in r] for r in rows] == raw
