"""`ratify brief` and `ratify report`: stdout or an atomically written file, clean errors."""

from __future__ import annotations

import io
import zipfile

import pytest

from ratify.cli import main


def run(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsysbinary.readouterr()
    return code, out.decode("utf-8"), err.decode("utf-8")


def test_brief_to_stdout_in_each_text_format(capsysbinary):
    code, out, _ = run(capsysbinary, "brief", "Kazakhstan", "--lang", "ru", "--date", "2026-05-01")
    assert code == 0 and out.startswith("<!DOCTYPE html>") and "15 января 1999 г." in out
    code, out, _ = run(capsysbinary, "brief", "UZ", "--format", "md", "--date", "2026-05-01")
    assert code == 0 and out.startswith("# Country brief: Uzbekistan")


def test_brief_to_files_with_the_format_from_the_suffix(tmp_path, capsysbinary):
    for suffix, check in ((".html", lambda b: b.startswith(b"<!DOCTYPE html>")),
                          (".md", lambda b: b.startswith(b"# Country brief: T")),
                          (".docx", zipfile.is_zipfile)):
        target = tmp_path / f"tur{suffix}"
        code, _, err = run(capsysbinary, "brief", "TUR", "-o", str(target), "--date", "2026-05-01")
        assert code == 0 and err.strip() == f"wrote {target}"
        data = target.read_bytes()
        assert check(io.BytesIO(data) if suffix == ".docx" else data)


def test_word_needs_a_file(capsysbinary):
    code, out, err = run(capsysbinary, "brief", "KAZ", "--format", "docx")
    assert code == 1 and out == ""
    assert err.strip() == "ratify: error: a Word document cannot go to the terminal: give -o FILE.docx"


def test_options_are_checked(capsysbinary):
    with pytest.raises(SystemExit) as info:
        main(["brief", "KAZ", "--lang", "fr"])
    assert info.value.code == 2
    with pytest.raises(SystemExit):
        main(["brief", "KAZ", "--date", "1 May 2026"])
    code, _, err = run(capsysbinary, "brief", "Kazakstan")
    assert code == 1 and "did you mean 'Kazakhstan'" in err


def test_report(capsysbinary, tmp_path):
    code, out, _ = run(capsysbinary, "report", "--format", "md", "--since", "2015-01-01", "--date", "2026-05-01")
    assert code == 0 and out.startswith("# Regional report: Almaty Process")
    assert "| 26 March 2015 | Türkiye |" in out and "2012" not in out.split("## 2.")[1].split("## 3.")[0]
    target = tmp_path / "region.docx"
    code, _, _ = run(capsysbinary, "report", "--group", "central-asia", "--lang", "ru", "-o", str(target))
    assert code == 0 and zipfile.is_zipfile(target)
    code, _, err = run(capsysbinary, "report", "--group", "nowhere")
    assert code == 1 and "unknown group 'nowhere'" in err


def test_brief_from_a_data_folder(data_copy, capsysbinary):
    code, out, _ = run(capsysbinary, "brief", "TJK", "--data", str(data_copy), "--format", "md",
                       "--as-of", "2000-01-01", "--date", "2026-05-01")
    assert code == 0 and "**Status on the date asked for:** 1 January 2000" in out
