"""The command line keeps the README's promises: one-line usage errors with a hint, the right names in them,
documents never dated before their statuses, short names people type, import dates that are the page's own,
and an instrument without a rule of entry into force that says so."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import ratify
from ratify.cli import main
from ratify.model.enums import ImportNoteKind
from ratify.resources import bundled_data
from ratify.untc.importer import import_untc

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / "sources" / "untc"  # the depositary files the bundled data is generated from


def usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    assert exc.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    return err.splitlines()


@pytest.mark.parametrize("argv", [
    ("status",),
    ("status", "KAZ", "--as-of", "2020-13-01"),
    ("brief", "KAZ", "--format", "odt"),
    ("no-such-command",),
    ("report", "--since", "yesterday"),
])
def test_a_usage_error_is_one_line_and_a_hint(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    lines = usage_error(capsys, *argv)
    assert len(lines) == 2, lines
    assert re.match(r"ratify( [a-z-]+)?: error: ", lines[0])
    assert lines[1].startswith("hint: `ratify") and "--help" in lines[1]


def test_status_without_arguments_says_the_state_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    first, _ = usage_error(capsys, "status")
    assert first == "ratify status: error: STATE is required"
    assert "INSTRUMENT" not in first


@pytest.mark.parametrize("command", ["brief KAZ", "report"])
def test_a_document_dated_before_its_statuses_is_refused(capsys: pytest.CaptureFixture[str], command: str,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "doc.html"
    code = main([*command.split(), "--date", "2020-01-01", "--as-of", "2021-06-30", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert err.count("\n") == 1 and "2020-01-01" in err and "2021-06-30" in err and "earlier" in err
    # the same day, or a later date, is fine
    assert main([*command.split(), "--date", "2021-06-30", "--as-of", "2021-06-30", "-o", str(out)]) == 0


def test_the_library_refuses_it_too(cat: ratify.Catalog) -> None:
    import datetime as dt

    with pytest.raises(ratify.RatifyError, match="earlier than the date of its statuses"):
        ratify.render_brief(cat, "KAZ", as_of=dt.date(2021, 1, 1), date=dt.date(2020, 1, 1))


@pytest.mark.parametrize(("name", "code"), [
    ("UK", "GBR"), ("Great Britain", "GBR"), ("USA", "USA"), ("US", "USA"), ("UAE", "ARE"), ("ОАЭ", "ARE"),
    ("DPRK", "PRK"), ("ROK", "KOR"), ("РФ", "RUS"), ("Ukraine", "UKR"),
])
def test_common_short_names_find_their_state(cat: ratify.Catalog, capsys: pytest.CaptureFixture[str],
                                             name: str, code: str) -> None:
    assert cat.state(name).alpha3 == code
    assert main(["status", name, "V-2"]) == 0
    assert f"({code})" in capsys.readouterr().out.splitlines()[0]


def test_the_short_names_are_data_not_code() -> None:
    text = (bundled_data() / "states.toml").read_text(encoding="utf-8")
    gbr = text[text.index("\n[GBR]\n"):].split("\n\n", 1)[0]
    assert '"UK"' in gbr
    assert not any('"UK"' in p.read_text(encoding="utf-8") for p in (REPO / "src" / "ratify").rglob("*.py"))


# -- import dates ------------------------------------------------------------------------------------


@pytest.mark.skipif(not (RAW / "V-3.en.xml").exists(), reason="the raw depositary files are not in this checkout")
def test_reimporting_the_bundled_table_keeps_its_date_and_writes_nothing(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    shutil.copytree(bundled_data(), folder)
    def files() -> dict[Path, bytes]:  # the folder's data (its lock file holds none)
        return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.name != ".ratify.lock"}

    before = files()
    code = main(["import-untc", str(RAW / "V-3.en.xml"), "--data", str(folder)])
    out = capsys.readouterr().out
    assert code == 0 and "0 changes" in out and "wrote 0 instrument files" in out
    assert files() == before
    inst = ratify.load(folder).instrument("V-3")
    assert inst.as_of == ratify.load(bundled=True).instrument("V-3").as_of
    assert inst.as_of is not None and inst.as_of.year == 2018  # still marked stale: the date is the table's


@pytest.mark.skipif(not (RAW / "V-5.en.xml").exists(), reason="the raw depositary files are not in this checkout")
def test_an_undated_file_is_never_dated_today(tmp_path: Path) -> None:
    import datetime as dt

    report = import_untc([RAW / "V-5.en.xml"], tmp_path / "new")
    (undated,) = [n for n in report.notes if n.kind is ImportNoteKind.UNDATED_FILE]
    assert undated.file.endswith("V-5.en.xml") and undated.mtdsg == "V-5"
    assert "no date of its own" in str(undated) and "--as-of" in str(undated)  # the words say what to do
    inst = ratify.load(tmp_path / "new").instrument("V-5")
    assert inst.as_of is None
    dated = import_untc([RAW / "V-5.en.xml"], tmp_path / "dated", as_of=dt.date(2018, 1, 15))
    assert not any(n.kind is ImportNoteKind.UNDATED_FILE for n in dated.notes)
    assert ratify.load(tmp_path / "dated").instrument("V-5").as_of == dt.date(2018, 1, 15)


# -- an instrument's rule of entry into force ---------------------------------------------------------


@pytest.mark.skipif(not (RAW / "V-5.en.xml").exists(), reason="the raw depositary files are not in this checkout")
def test_a_known_instrument_imported_into_a_new_folder_takes_its_rule(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import datetime as dt

    folder = tmp_path / "new"
    import_untc([RAW / "V-5.en.xml"], folder, as_of=dt.date(2018, 1, 15))
    mine, bundled = ratify.load(folder), ratify.load(bundled=True)
    inst = mine.instrument("V-5")
    assert inst.id == "refugees-protocol-1967"
    assert inst.entry_into_force_rule == bundled.instrument("V-5").entry_into_force_rule is not None
    assert inst.short_name == bundled.instrument("V-5").short_name
    assert mine.status("KAZ", "V-5") is ratify.Status.PARTY
    assert main(["validate", str(folder)]) == 0
    assert "entry_into_force_rule" not in "".join(capsys.readouterr())


def _without_rule(tmp_path: Path) -> Path:
    """A copy of the bundled data in which the 1967 Protocol has no rule of entry into force."""
    folder = tmp_path / "norule"
    shutil.copytree(bundled_data(), folder)
    path = folder / "instruments" / "refugees-protocol-1967.toml"
    text = path.read_text(encoding="utf-8")
    stripped = re.sub(r"\[instrument\.entry_into_force_rule\]\n(?:[a-z_]+ = .*\n)+\n?", "", text)
    assert stripped != text
    path.write_text(stripped, encoding="utf-8")
    return folder


def test_an_instrument_without_a_rule_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _without_rule(tmp_path)
    cat = ratify.load(folder)
    p = cat.participation("KAZ", "V-5")
    assert p is not None and p.entry_into_force is None and p.entry_into_force_unknown
    assert cat.participation("KAZ", "V-2").entry_into_force_unknown is False  # the 1951 Convention has its rule

    assert main(["validate", str(folder)]) == 0  # a warning, not an error
    out = "".join(capsys.readouterr())
    assert "refugees-protocol-1967.toml: instrument.entry_into_force_rule: warning: no rule of entry into force" in out

    assert main(["status", "KAZ", "V-5", "--data", str(folder)]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("V-5 "))
    assert "unknown (no rule)" in row

    [gap] = [g for g in cat.gaps("KAZ") if g.instrument.id == "refugees-protocol-1967"]
    assert gap.kind.value == "entry_into_force_unknown" and gap.step.value == "check_entry_into_force"

    for lang, words, never in (("en", "in force: unknown (no rule)", "await the instrument"),
                               ("ru", "вступление в силу: неизвестно (нет правила)", "ожидать вступления")):
        md = ratify.render_brief(cat, "KAZ", lang=lang, fmt="md")
        assert isinstance(md, str) and words in md and never not in md


# -- the Quick start ------------------------------------------------------------------------------------


def test_the_quick_start_writes_outside_the_checkout_and_names_the_notebook() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme[readme.index("## Quick start"):readme.index("## A short tour")]
    commands = [line for line in start.splitlines() if "ratify brief" in line]
    assert commands and all(re.search(r"-o /tmp/\S+", c) for c in commands)
    assert "examples/almaty-process-tour.ipynb" in start and "jupyter" in start.lower()
