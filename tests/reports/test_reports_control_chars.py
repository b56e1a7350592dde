"""Characters that XML or HTML forbid, in the data, never break a document: each becomes U+FFFD."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reports_support import DATE

import ratify
from ratify.present.documents.printable import printable

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# the TOML escapes of what the data copy puts in Kazakhstan's names
NAME_EN = r"Kaz\u0000akh\u0001st\u000ban\u001f \u007f\u0085\ufffe\uffff!"
NAME_RU = r"Каз\u0008ах\u000cстан"


@pytest.fixture(scope="module")
def control_catalog(tmp_path_factory: pytest.TempPathFactory) -> ratify.Catalog:
    import shutil

    from ratify.resources import bundled_data

    folder = tmp_path_factory.mktemp("control") / "data"
    shutil.copytree(bundled_data(), folder)
    states = folder / "states.toml"
    text = states.read_text(encoding="utf-8")
    old = 'name = { en = "Kazakhstan", ru = "Казахстан" }'
    assert old in text
    states.write_text(text.replace(old, f'name = {{ en = "{NAME_EN}", ru = "{NAME_RU}" }}'), encoding="utf-8")
    cat = ratify.load(folder)
    assert FORBIDDEN.search(cat.state("KAZ").name.en) and FORBIDDEN.search(cat.state("KAZ").name.ru)
    return cat


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_docx_renders_with_each_forbidden_character_replaced(control_catalog, lang):
    pytest.importorskip("docx")
    name = "Kaz\ufffdakh\ufffdst\ufffdan\ufffd \ufffd\ufffd\ufffd\ufffd!" if lang == "en" else "Каз\ufffdах\ufffdстан"
    brief = ratify.render_brief(control_catalog, "KAZ", lang, "docx", date=DATE)
    assert name in _docx_text(brief)
    report = ratify.render_report(control_catalog, "central-asia", lang, "docx", date=DATE)
    assert name in _docx_text(report)


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_html_and_markdown_carry_no_forbidden_character(control_catalog, fmt, lang):
    for document in (ratify.render_brief(control_catalog, "KAZ", lang, fmt, date=DATE),
                     ratify.render_report(control_catalog, "central-asia", lang, fmt, date=DATE)):
        assert not FORBIDDEN.search(document)
        assert "\ufffd" in document


def test_user_templates_get_the_cleaned_context_too(control_catalog, tmp_path: Path):
    (tmp_path / "brief.md.j2").write_text("{{ brief.state.name }}", encoding="utf-8")
    out = ratify.render_brief(control_catalog, "KAZ", fmt="md", date=DATE, templates=tmp_path)
    assert not FORBIDDEN.search(out) and out.startswith("Kaz\ufffdakh")


@given(st.text(alphabet=st.characters(exclude_categories=())))
def test_printable_replaces_exactly_the_forbidden_characters(text: str):
    clean = printable(text)
    assert len(clean) == len(text) and not FORBIDDEN.search(clean)
    assert all(c == d or (FORBIDDEN.match(c) and d == "\ufffd") for c, d in zip(text, clean, strict=True))
    if not FORBIDDEN.search(text):
        assert clean is text
