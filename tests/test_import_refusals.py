"""import-untc refuses, at read time and even with --dry-run, what it cannot turn into a file."""

from __future__ import annotations

import pytest

from ratify.errors import UntcFormatError
from ratify.untc.importer import import_untc


def status_xml(chapter: str = "CHAPTER V", number: str = "2", rows: str = "", notes: str = "") -> bytes:
    """An MTDSG status document with the given chapter heading, number, rows and end notes."""
    return (
        "<Document><Treaty><Header><ExternalData><Numsect>" + number + "</Numsect>"
        "<Titlesect>Convention relating to the Status of Refugees</Titlesect></ExternalData>"
        "<Chapter><Header>" + chapter + "</Header></Chapter></Header><Participants><Table><TGroup><Thead><Row>"
        "<Entry>Participant</Entry><Entry>Signature</Entry><Entry>Ratification, Accession(a)</Entry></Row>"
        "</Thead><Tbody><Rows>" + rows + "</Rows></Tbody></TGroup></Table></Participants>"
        "<EndNotes>" + notes + "</EndNotes></Treaty></Document>"
    ).encode()


def refused(tmp_path, name: str, data: bytes, match: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    folder = tmp_path / "data"
    for dry_run in (True, False):
        with pytest.raises(UntcFormatError, match=match) as caught:
            import_untc([path], folder, dry_run=dry_run)
        assert str(path) in str(caught.value)
    assert not folder.exists()  # nothing was written


@pytest.mark.parametrize(
    ("chapter", "number"),
    [
        ("", "2"),  # an empty chapter
        ("CHAPTER V", ""),  # an empty number
        ("/etc/cron.d/evil", "2"),  # a heading that is an absolute path
        ("../../outside", "2"),  # a heading that climbs out of the folder
        ("CHAPTER V", "2" * 5000),  # a number too long to name a file
    ],
    ids=["empty-chapter", "empty-number", "absolute-path", "dot-dot", "overlong"],
)
def test_a_number_that_is_not_an_mtdsg_number_is_refused(tmp_path, chapter: str, number: str) -> None:
    # a name that does not carry the number either, so only the content speaks
    refused(tmp_path, "status.xml", status_xml(chapter, number), "is not a chapter numeral and a number")


def test_an_impossible_date_in_a_withdrawal_footnote_is_refused(tmp_path) -> None:
    rows = ("<Row><Entry>Albania&lt;superscript&gt;3&lt;/superscript&gt;</Entry><Entry></Entry>"
            "<Entry>[18 Aug 1992 a]</Entry></Row>")
    note = ("<Note><index>3</index><text>On 31 February 2000, the Government of Albania notified the "
            "Secretary-General of its decision to denounce the Convention. The denunciation took effect on "
            "1 March 2001.</text></Note>")
    refused(tmp_path, "V-2.en.xml", status_xml(rows=rows, notes=note), r"'31 February 2000', which does not exist")


def test_the_same_file_with_a_real_date_imports(tmp_path) -> None:
    rows = ("<Row><Entry>Albania&lt;superscript&gt;3&lt;/superscript&gt;</Entry><Entry></Entry>"
            "<Entry>[18 Aug 1992 a]</Entry></Row>")
    note = ("<Note><index>3</index><text>On 28 February 2000, the Government of Albania notified the "
            "Secretary-General of its denunciation of the Convention, which took effect on "
            "1 March 2001.</text></Note>")
    path = tmp_path / "V-2.en.xml"
    path.write_bytes(status_xml(rows=rows, notes=note))
    report = import_untc([path], tmp_path / "data")
    assert report.created == ("refugees-1951",)  # a new folder: the bundled data's id and description
    written = (tmp_path / "data" / "instruments" / "refugees-1951.toml").read_text(encoding="utf-8")
    assert "2000-02-28" in written and "2001-03-01" in written  # the denunciation, notified and effective
