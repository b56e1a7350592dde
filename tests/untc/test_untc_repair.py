"""The byte repair that makes the 2018 MTDSG files well-formed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ratify.untc.repair import repair_xml

LATIN1 = b'<?xml version="1.0" encoding="iso-8859-1"?>'


def text_of(data: bytes) -> str:
    return ET.fromstring(repair_xml(data)).text or ""


@pytest.mark.parametrize(
    ("damaged", "meant"),
    [
        (b"\x1cformer Yugoslavia\x1d", "“former Yugoslavia”"),
        (b"C\xf4te d\x19Ivoire", "Côte d’Ivoire"),
        (b"\x18Hong Kong\x19", "‘Hong Kong’"),
        (b"1990\x131991 \x14 ended", "1990–1991 — ended"),
        (b"14\x02December", "14\u2002December"),
    ],
)
def test_c0_bytes_become_punctuation(damaged: bytes, meant: str) -> None:
    assert text_of(LATIN1 + b"<t>" + damaged + b"</t>") == meant


def test_bare_ampersand_was_an_ellipsis() -> None:
    assert (
        text_of(LATIN1 + b"<t>[&] the Government &amp; &lt;i&gt; &#233;</t>") == "[…] the Government & <i> é"
    )


def test_html_entity_names_become_characters() -> None:
    assert text_of(LATIN1 + b"<t>article&nbsp;II &eacute; &bogus;</t>") == "article\xa0II é …bogus;"


def test_lone_cr_becomes_lf() -> None:
    assert text_of(LATIN1 + b"<t>for Aruba.\r</t>") == "for Aruba.\n"


def test_c1_bytes_in_latin1_file_are_windows_1252() -> None:
    assert text_of(LATIN1 + b"<t>\x93quoted\x94 \x85</t>") == "“quoted” …"


def test_utf8_declared_as_latin1_is_redeclared() -> None:
    assert text_of(LATIN1 + "<t>Türkiye “x”</t>".encode()) == "Türkiye “x”"


def test_clean_file_is_untouched() -> None:
    clean = LATIN1 + b"<t>Caf\xe9 &amp; &lt;superscript&gt;1&lt;/superscript&gt;</t>"
    assert repair_xml(clean) is clean


def test_nul_bytes_are_not_repaired() -> None:
    with pytest.raises(ET.ParseError):
        ET.fromstring(repair_xml(LATIN1 + b"<t>\x00</t>"))
