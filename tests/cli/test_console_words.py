"""The command line's own lines (`ratify.present.console`): English as it always was, Russian from the catalogue."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ratify.cli import main
from ratify.model.enums import ConsentKind, Status
from ratify.present import console
from ratify.present.i18n import language
from ratify.store.location import DataOrigin, Origin

EN = language("en")
RU = language("ru")
TODAY = dt.date(2026, 12, 1)


def test_the_status_heading_in_english_and_russian() -> None:
    assert console.status_heading("Kazakhstan", "KAZ", None, TODAY, EN) == (
        "Kazakhstan (KAZ), as of today (2026-12-01), from the depositary's records as at the dates of the column "
        "\"record as at\"")
    assert console.status_heading("Kazakhstan", "KAZ", dt.date(2000, 1, 1), TODAY, EN).startswith(
        "Kazakhstan (KAZ), as of 2000-01-01, from")
    assert console.status_heading("Казахстан", "KAZ", None, TODAY, RU) == (
        "Казахстан (KAZ), по состоянию на сегодня (2026-12-01), по записям депозитария на даты, указанные в "
        "столбце «запись депозитария на»")


def test_the_status_headers_are_the_keys_in_english() -> None:
    assert console.status_headers(EN) == console.STATUS_HEADERS == (
        "instrument", "name", "status", "signature", "consent", "in force for the state", "record as at", "note")
    ru = console.status_headers(RU)
    assert ru[0] == "документ" and ru[5] == "вступление в силу для государства" and ru[7] == "примечание"


@pytest.mark.parametrize("status", list(Status))
def test_a_status_is_its_value_in_english_and_a_word_in_russian(status: Status) -> None:
    assert console.status_cell(status, EN) == status.value
    word = console.status_cell(status, RU)
    assert word != status.value and word.strip()


@pytest.mark.parametrize("kind", list(ConsentKind))
def test_a_kind_of_consent_is_its_value_in_english_and_a_word_in_russian(kind: ConsentKind) -> None:
    day = dt.date(1999, 1, 15)
    assert console.consent_cell(day, kind, EN) == f"1999-01-15 {kind.value}"
    ru = console.consent_cell(day, kind, RU)
    assert ru.startswith("1999-01-15 ") and "_" not in ru and ru != f"1999-01-15 {kind.value}"


def test_entry_into_force_recorded_computed_or_unknown() -> None:
    day = dt.date(1999, 4, 15)  # KAZ, V-2: the 90th day after its accession of 1999-01-15
    assert console.entry_into_force_cell(day, True, EN) == "1999-04-15"
    assert console.entry_into_force_cell(day, False, EN) == "1999-04-15 (computed)"
    assert console.entry_into_force_cell(None, False, EN) == "unknown (no rule)"
    assert console.entry_into_force_cell(day, False, RU) == "1999-04-15 (расчётная дата)"
    assert console.entry_into_force_cell(None, False, RU) == "неизвестно (нет правила)"


def test_the_conflict_note_agrees_with_the_number_of_instruments() -> None:
    one, two = ("trafficking-protocol-2000",), ("trafficking-protocol-2000", "smuggling-protocol-2000")
    assert console.conflict_note(one, EN) == ("record inconsistent, likely out of date: party to "
                                              "trafficking-protocol-2000, which requires it")
    assert console.conflict_note(two, EN).endswith("smuggling-protocol-2000, which require it")
    assert "участником договора trafficking-protocol-2000, участником которого" in console.conflict_note(one, RU)
    assert "участником договоров trafficking-protocol-2000, smuggling-protocol-2000, участником которых" in \
        console.conflict_note(two, RU)


def test_the_validate_summary() -> None:
    assert console.validate_summary("data", 1, 10, EN) == "data: 1 error, 10 warnings"
    assert console.validate_summary("data", 2, 1, EN) == "data: 2 errors, 1 warning"
    assert console.validate_summary("data", 0, 1, EN) == "data: valid (1 warning)"
    assert console.validate_summary("data", 0, 0, EN) == "data: valid (0 warnings)"


@pytest.mark.parametrize(("n", "warnings", "errors"), [
    (1, "1 предупреждение", "1 ошибка"), (2, "2 предупреждения", "2 ошибки"), (5, "5 предупреждений", "5 ошибок"),
    (11, "11 предупреждений", "11 ошибок"), (21, "21 предупреждение", "21 ошибка"),
    (22, "22 предупреждения", "22 ошибки")])
def test_russian_plural_forms(n: int, warnings: str, errors: str) -> None:
    assert console.validate_summary("data", 0, n, RU) == f"data: ошибок нет ({warnings})"
    assert console.validate_summary("data", n, n, RU) == f"data: {errors}, {warnings}"


@given(entries=st.integers(min_value=0, max_value=10**6), size=st.integers(min_value=0, max_value=10**12))
def test_the_cache_lines_are_the_english_they_always_were(entries: int, size: int) -> None:
    folder = Path("/tmp/cache/instruments")
    old = (f"{folder}: {entries} entr{'ies' if entries != 1 else 'y'}, {size / 1e6:.1f} MB"
           + ("" if entries else " (nothing cached yet)"))
    assert console.cache_size_text(folder, entries, size, EN) == old
    assert console.cache_removed_text(folder, entries, EN) == \
        f"{folder}: {entries} entr{'ies' if entries != 1 else 'y'} removed"


def test_cache_lines_in_russian() -> None:
    assert console.cache_size_text("c", 28, 2_700_000, RU) == "c: 28 записей, 2.7 МБ"
    assert console.cache_size_text("c", 0, 0, RU) == "c: 0 записей, 0.0 МБ (кэш пока пуст)"
    assert console.cache_removed_text("c", 3, RU) == "c: удалено 3 записи"
    assert console.cache_off_text(EN) == "cache turned off (RATIFY_CACHE=0)"
    assert console.cache_problem_text("the folder is writable by others", EN).startswith(
        "cache not used: the folder is writable by others; data files are parsed every time")


def test_where_the_data_comes_from() -> None:
    path = Path("/srv/ratify-data")
    said = {kind: console.origin_text(Origin(kind, path), "1.2.3", "RATIFY_DATA", EN) for kind in DataOrigin}
    assert said[DataOrigin.ARGUMENT] == "data: /srv/ratify-data (--data)"
    assert said[DataOrigin.ENVIRONMENT] == "data: /srv/ratify-data (from $RATIFY_DATA)"
    assert said[DataOrigin.USER] == "data: your data folder /srv/ratify-data (kept current by `ratify update`)"
    assert said[DataOrigin.BUNDLED] == "data: the snapshot bundled with ratify 1.2.3"
    assert console.origin_text(Origin(DataOrigin.USER, path), "1.2.3", "RATIFY_DATA", RU) == \
        "данные: ваша папка данных /srv/ratify-data (обновляется командой `ratify update`)"


def test_the_lines_of_export_init_and_documents() -> None:
    assert console.wrote_export_text("all.json", "json", 3561, EN) == "wrote all.json (json, 3561 participations)"
    assert console.wrote_export_text("all.csv", "csv", 1, EN) == "wrote all.csv (csv, 1 row)"
    assert console.wrote_export_text("all.csv", "csv", 5, RU) == "записан all.csv (csv, 5 строк)"
    assert console.init_text("mine", EN) == "copied the bundled dataset to mine"
    assert console.wrote_text("kaz.html", RU) == "записан файл kaz.html"


def test_usage_errors() -> None:
    assert console.required_text(["STATE"], EN) == "STATE is required"
    assert console.required_text(["FILE", "--data"], EN) == "FILE and --data are required"
    assert console.required_text(["A", "B", "C"], EN) == "A and B and C are required"
    assert console.required_text(["FILE", "--data"], RU) == "необходимо указать FILE и --data"
    assert console.usage_error_text("ratify status", "STATE is required", EN) == (
        "ratify status: error: STATE is required\nhint: `ratify status --help` lists the arguments\n")
    assert console.validate_hint("ratify validate mine", EN) == "run `ratify validate mine` to see every problem"


def test_the_legend_and_the_last_checked_line() -> None:
    assert console.legend_text(EN) == ("P party, C contracting State (not yet in force), S signatory, D denounced, "
                                       "– no action")
    assert console.legend_text(RU).startswith("У участник, ")
    checked = {"V-2": dt.date(2013, 7, 6), "IV-2": dt.date(2026, 2, 3)}
    assert console.checked_text(checked, EN) == \
        "data last checked against the depositary: V-2 6 July 2013, IV-2 3 February 2026"
    assert console.checked_text(checked, RU).endswith("V-2 6 июля 2013 г., IV-2 3 февраля 2026 г.")
    assert console.checked_text({}, EN) == ""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_status_in_russian_end_to_end(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "status", "KAZ", "V-2", "--lang", "ru", "--as-of", "2026-12-01").splitlines()
    assert out[0] == ("Казахстан (KAZ), по состоянию на 2026-12-01, по записям депозитария на даты, указанные в "
                      "столбце «запись депозитария на»")
    assert out[2].split() == ["документ", "название", "статус", "подписание", "согласие", "на", "обязательность",
                              "вступление", "в", "силу", "для", "государства", "запись", "депозитария", "на",
                              "примечание"]
    row = out[4]
    assert row.startswith("V-2 ") and "Конвенция 1951 года о статусе беженцев" in row
    assert "участник" in row and "1999-01-15 присоединение" in row and "1999-04-15 (расчётная дата)" in row
    assert "2013-07-06" in row


def test_status_in_english_is_the_same_with_or_without_lang(capsys: pytest.CaptureFixture[str]) -> None:
    plain = run(capsys, "status", "KAZ", "--as-of", "2020-01-01")
    assert run(capsys, "status", "KAZ", "--as-of", "2020-01-01", "--lang", "en") == plain
    assert plain.startswith("Kazakhstan (KAZ), as of 2020-01-01, from the depositary's records as at the dates "
                            "of the column \"record as at\"\n\ninstrument  name ")
    row = next(line for line in plain.splitlines() if line.startswith("V-2 "))
    assert row.split() == ["V-2", "1951", "Refugee", "Convention", "party", "1999-01-15", "accession", "1999-04-15",
                           "(computed)", "2013-07-06"]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_status_for_machines_is_english_whatever_the_language(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    english = run(capsys, "status", "ERI", "--format", fmt, "--as-of", "2020-01-01")
    assert run(capsys, "status", "ERI", "--format", fmt, "--as-of", "2020-01-01", "--lang", "ru") == english
    if fmt == "json":
        rows = {r["instrument"]: r for r in json.loads(english)}
        assert rows["XVIII-12"]["status"] == "none"
        assert rows["XVIII-12"]["note"].startswith("record inconsistent, likely out of date: party to ")
        assert rows["XVIII-12-a"]["consent"] == "2014-09-25 accession"


def test_a_russian_status_note_on_an_inconsistent_record(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "status", "ERI", "XVIII-12", "--lang", "ru", "--as-of", "2020-01-01")
    row = out.splitlines()[4]
    assert "действий нет" in row and "запись противоречива и, по всей видимости, устарела" in row


def test_the_headings_of_gaps_matrix_and_changes() -> None:
    jan = dt.date(2026, 1, 1)
    assert console.gaps_heading("Uzbekistan", "UZB", jan, 13, EN) == "Uzbekistan (UZB), as of 1 January 2026: 13 gaps"
    assert console.gaps_heading("Uzbekistan", "UZB", None, 1, EN) == "Uzbekistan (UZB), as of today: 1 gap"
    assert console.gaps_heading("Узбекистан", "UZB", jan, 13, RU) == "Узбекистан (UZB), на 1 января 2026 г.: 13 пробелов"
    assert console.matrix_heading(5, 25, jan, EN) == "5 states × 25 instruments, as of 1 January 2026"
    assert console.matrix_heading(1, 1, jan, EN) == "1 state × 1 instrument, as of 1 January 2026"
    assert console.changes_heading(2, dt.date(2020, 1, 1), None, EN) == "2 events from 1 January 2020 to today"
    assert console.matrix_headers(["V-2", "IV-4"], EN) == ("state", "name", "V-2", "IV-4", "parties", "coverage")
    assert console.headers(console.CHANGES_HEADERS, EN) == console.CHANGES_HEADERS
    assert console.headers(console.GAPS_HEADERS, RU)[0] == "документ"
    assert console.gap_status_cell(Status.CONTRACTING, True, EN) == "contracting State (in force: unknown, no rule)"
    assert console.gap_status_cell(Status.PARTY, False, RU) == "участник"
    assert console.note_lines(["a", "b"], EN) == "note: a\nnote: b"
