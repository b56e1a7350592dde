"""One vocabulary: status marks, colours and labels are defined once and every output reads them."""

from __future__ import annotations

import re
from pathlib import Path

import ratify
from ratify.model.records import Status
from ratify.present.i18n import language
from ratify.present.vocabulary import STATUS_LABELS, STATUS_ORDER, STATUS_STYLES, status_css, symbol

SRC = Path(ratify.__file__).resolve().parent
HEX = re.compile(r"(?<![0-9a-fA-F])#?([0-9a-fA-F]{6})(?![0-9a-fA-F])")
STATUS_WORD = re.compile(r"party|contracting|signatory|denounced|none|Status\.", re.IGNORECASE)


def test_every_status_has_one_mark_colours_and_a_label():
    assert set(STATUS_STYLES) == set(STATUS_LABELS) == set(Status) == set(STATUS_ORDER)
    assert len({s.symbol for s in STATUS_STYLES.values()}) == len(Status)
    assert symbol(Status.NONE) == "–" and symbol(Status.PARTY, language("ru")) == "У"


def test_no_other_file_gives_a_status_a_colour():
    """A line that names a status and one of the status colours (with or without "#") is a second copy."""
    colours = {c[1:].lower() for style in STATUS_STYLES.values() for c in (style.ink, style.background, style.fill)}
    elsewhere = []
    for path in [*SRC.rglob("*.py"), *(SRC / "templates").rglob("*.j2"), *(SRC / "templates").rglob("*.css")]:
        if path.name == "vocabulary.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found = {c.lower() for c in HEX.findall(line)} & colours
            if found and STATUS_WORD.search(line):
                elsewhere.append(f"{path.name}:{number}: {line.strip()}")
    assert not elsewhere, elsewhere


def test_the_check_finds_the_copies_there_were():
    old = '_SHADE = {"header": "E8EDF2", "party": "E3F1E4", "contracting": "DCF0ED"}'
    colours = {STATUS_STYLES[Status.PARTY].background[1:].lower()}
    assert {c.lower() for c in HEX.findall(old)} & colours and STATUS_WORD.search(old)


def test_documents_notebooks_and_word_read_the_vocabulary(cat: ratify.Catalog):
    html = ratify.render_brief(cat, "TUR", fmt="html")
    assert status_css() in html
    for style in STATUS_STYLES.values():
        assert f"{style.ink}; " in html
    card = cat.gaps("UZB")._repr_html_()
    assert all(style.background in card for style in STATUS_STYLES.values())
    from ratify.present.documents.docx import (
        _SHADE,  # the Word writer's shading table, built from the vocabulary
    )

    assert _SHADE[Status.PARTY.value] == STATUS_STYLES[Status.PARTY].background[1:].upper()
