"""Every real status file of the shared research corpus reads without error.

The corpus (407 MTDSG XML files of January 2018, 4 HTML pages of February 2026, 10 derived CSVs)
lives in ``../shared/fixtures/untc`` beside the repository; these tests are skipped without it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from untc_paths import SHARED

from ratify.untc import read_status

pytestmark = pytest.mark.skipif(not (SHARED / "xml").is_dir(), reason="shared UNTC corpus not present")


def corpus(folder: str, pattern: str) -> list[Path]:
    return sorted((SHARED / folder).glob(pattern)) if (SHARED / folder).is_dir() else []


def test_all_xml_files_read() -> None:
    files = corpus("xml", "*.en.xml")
    assert len(files) == 407
    docs = [read_status(path) for path in files]
    with_rows = [d for d in docs if d.rows]
    assert len(with_rows) == 311  # 313 have a <Participants> table; VI-10 and XIX-29 have no rows yet
    assert sum(len(d.rows) for d in docs) == 21138
    for doc in docs:
        assert Path(doc.source).name == f"{doc.header.mtdsg}.en.xml"
        assert all(len(r.cells) == len(doc.columns) for r in doc.rows)
    header_only = {d.header.mtdsg for d in docs if not d.columns}
    assert {"V-2", "IV-3", "IV-4", "XVIII-12"} <= header_only


def test_every_code_is_in_its_column_legend() -> None:
    for path in corpus("xml", "*.en.xml"):
        doc = read_status(path)
        for row in doc.rows:
            for cell, column in zip(row.cells, doc.columns, strict=True):
                if cell.code is not None:
                    assert column.meaning(cell.code) is not None, (path.name, row.name, cell.text)
                if cell.text:
                    assert cell.date is not None, (path.name, row.name, cell.text)


@pytest.mark.parametrize(
    "path", corpus("html", "*.html") + corpus("derived-csv-zmjones", "*.csv"), ids=lambda p: p.name
)
def test_html_and_csv_files_read(path: Path) -> None:
    doc = read_status(path)
    assert doc.rows and doc.columns
    if doc.format == "html":
        assert doc.header.parties == sum(
            1 for r in doc.rows if r.cells[-1].date and not r.cells[-1].bracketed
        )
