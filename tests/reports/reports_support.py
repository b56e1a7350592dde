"""Shared pieces of the document tests (imported by name: the tests folder is not a package)."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

DATE = dt.date(2026, 5, 1)  # the date printed on every document of these tests; statuses are as of it too
ALMATY = ("KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "IRN", "RUS", "TUR", "AZE", "CHN")


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a .docx, one per line."""
    import docx

    doc = docx.Document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines += [c.text for c in row.cells]
    return "\n".join(lines)


def text_of(document: str | bytes, fmt: str) -> str:
    """The readable text: HTML without tags and entities decoded, Markdown without its escapes."""
    if fmt == "docx":
        assert isinstance(document, bytes)
        return docx_text(document)
    assert isinstance(document, str)
    if fmt == "html":
        body = re.sub(r"<style>.*?</style>", " ", document, flags=re.DOTALL)
        return html.unescape(re.sub(r"<[^>]+>", " ", body))
    return re.sub(r"\\([\\`*_\[\]<>|~&])", r"\1", document)
