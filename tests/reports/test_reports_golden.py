"""Golden files: a few documents as they must look, so that every change to them is a reviewed diff.

The files under tests/reports/golden/ are rendered from the bundled data with the fixed date of
these tests (1 May 2026). After an intended change to a template, a translation or the data,
regenerate them and review the diff before committing:

    UPDATE_GOLDEN=1 PYTHONPATH=src python -m pytest tests/reports/test_reports_golden.py
    git diff tests/reports/golden/
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from reports_support import DATE, docx_text

import ratify

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = [
    ("brief", "KAZ", "ru", "html"),
    ("brief", "TUR", "en", "html"),
    ("brief", "UZB", "en", "md"),
    ("brief", "KAZ", "ru", "md"),
    ("brief", "TUR", "en", "docx"),
    ("report", "almaty-process", "en", "md"),
    ("report", "almaty-process", "ru", "md"),
]


def _render(cat: ratify.Catalog, kind: str, who: str, lang: str, fmt: str) -> str:
    if kind == "brief":
        document = ratify.render_brief(cat, who, lang, fmt, date=DATE)
    else:
        document = ratify.render_report(cat, who, lang, fmt, date=DATE)
    if fmt == "docx":  # kept as its text: a readable diff; the bytes are covered by the determinism test
        assert isinstance(document, bytes)
        return docx_text(document) + "\n"
    assert isinstance(document, str)
    return document


@pytest.mark.parametrize(("kind", "who", "lang", "fmt"), CASES, ids=lambda v: str(v))
def test_golden(cat, kind, who, lang, fmt):
    name = f"{kind}-{who}-{lang}.{'docx.txt' if fmt == 'docx' else fmt}"
    path = GOLDEN / name
    actual = _render(cat, kind, who, lang, fmt)
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
    if not path.exists():
        pytest.fail(f"{path.name} is missing: run UPDATE_GOLDEN=1 pytest tests/reports to create it")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"golden/{name}", "rendered", n=2))
        pytest.fail(f"{name} differs from the golden file (UPDATE_GOLDEN=1 to accept):\n{diff[:6000]}")
