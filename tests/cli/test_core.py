"""`ratify status`, `validate`, `init`: output people can read, one-line errors, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ratify.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_status_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "Kazakhstan")
    assert code == 0
    assert out.startswith("Kazakhstan (KAZ), as of today")
    row = next(line for line in out.splitlines() if line.startswith("V-2 "))
    assert "party" in row and "1999-01-15 accession" in row and "1999-04-15" in row


def test_status_as_of_a_past_date_hides_later_facts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "TUR", "V-3", "--as-of", "2011-03-15", "--format", "json")
    assert code == 0
    [row] = json.loads(out)
    assert row["instrument"] == "V-3" and row["status"] == "none" and row["consent"] is None


def test_status_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "UZB", "V-2", "XVIII-12-b", "--format", "csv")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("instrument,name,status")
    assert lines[1].startswith("V-2,1951 Refugee Convention,none")
    assert lines[2].startswith("XVIII-12-b,") and ",signatory,2001-06-28," in lines[2]


def test_unknown_state_is_one_line_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status", "Kazakstan")
    assert code == 1 and out == ""
    assert err == "ratify: error: unknown state 'Kazakstan'; did you mean 'Kazakhstan', 'Pakistan', 'Uzbekistan'?\n"


def test_bad_date_and_bad_option_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["status", "KAZ", "--as-of", "15.03.2011"])
    assert info.value.code == 2
    assert "is not a date (write it as YYYY-MM-DD)" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["status", "KAZ", "--colour"])
    assert "unrecognized arguments: --colour" in capsys.readouterr().err


def test_validate_clean_and_broken(capsys: pytest.CaptureFixture[str], data_copy: Path) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0 and "valid" in out
    path = data_copy / "instruments" / "refugees-1951.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[participants]]\nstate = "KAX"\n', encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(data_copy))
    assert code == 1
    assert f"{path}: participants[" in out and "unknown state code 'KAX'" in out
    assert out.rstrip().endswith("1 error, 10 warnings") or "1 error" in out.splitlines()[-1]


def test_a_broken_data_folder_is_one_line_and_a_hint(capsys: pytest.CaptureFixture[str], data_copy: Path) -> None:
    (data_copy / "states.toml").write_text("[KAZ\n", encoding="utf-8")
    code, _, err = run(capsys, "status", "KAZ", "--data", str(data_copy))
    assert code == 1
    assert err.startswith(f"ratify: error: {data_copy / 'states.toml'}: TOML syntax error")
    assert "Traceback" not in err


def test_init_copies_the_bundled_data_and_refuses_a_full_folder(capsys: pytest.CaptureFixture[str],
                                                                 tmp_path: Path) -> None:
    target = tmp_path / "mine"
    code, out, _ = run(capsys, "init", str(target))
    assert code == 0 and (target / "instruments" / "refugees-1951.toml").exists()
    code, out, _ = run(capsys, "status", "KAZ", "V-2", "--data", str(target))
    assert code == 0 and "party" in out
    code, _, err = run(capsys, "init", str(target))
    assert code == 1 and "already exists and is not an empty folder" in err


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 2 and "status" in out and "validate" in out


@pytest.mark.skipif(shutil.which("ratify") is None, reason="the console script is not installed")
def test_console_script_help_from_another_directory(tmp_path: Path) -> None:
    done = subprocess.run(["ratify", "--help"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "import-untc" in done.stdout
    done = subprocess.run([sys.executable, "-m", "ratify", "status", "KAZ", "V-2"], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "party" in done.stdout


def test_validate_reports_errors_and_warnings_alike_on_stdout(capsys):
    """The report is the command's output: a warning goes where the errors go, with the summary line."""
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    warnings = [line for line in out.splitlines() if ": warning: " in line]
    assert warnings and out.rstrip().endswith(f"valid ({len(warnings)} warnings)")
    assert ": warning: " not in err
