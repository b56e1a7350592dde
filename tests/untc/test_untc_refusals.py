"""Inputs that once escaped as tracebacks: each is now an UntcFormatError naming the file and the fault."""

from __future__ import annotations

import os
import threading

import pytest

from ratify.errors import UntcFormatError
from ratify.untc import read_status
from ratify.untc.header import count, roman_value, status_counts


def _xml_with_counts(signatories: bytes, parties: bytes) -> bytes:
    return (
        b"<Document><Treaty><Header><ExternalData><Numsect>2</Numsect><Status><Signatories>" + signatories
        + b"</Signatories><Parties>" + parties + b"</Parties></Status></ExternalData>"
        b"<Chapter><Header>CHAPTER V</Header></Chapter></Header></Treaty></Document>"
    )


def test_a_count_of_thousands_of_digits_is_refused() -> None:
    with pytest.raises(UntcFormatError, match=r"^V-2\.en\.xml: the count of parties has 5,000 digits"):
        read_status("V-2.en.xml", _xml_with_counts(b"40", b"9" * 5000))
    page = (b'<html><body><div id="a_rptStatus_ctl00_tcText">Signatories : 40. Parties : ' + b"1" * 4400
            + b'</div><table id="x_tblgrid"><tr><td>Participant</td></tr></table></body></html>')
    with pytest.raises(UntcFormatError, match=r"^page\.html: the count of parties has 4,400 digits"):
        read_status("page.html", page)


def test_ordinary_counts_still_read() -> None:
    assert read_status("V-2.en.xml", _xml_with_counts(b"19", b"146")).header.parties == 146
    assert count("Parties*") is None
    assert status_counts("Signatories : 40. Parties : 60") == (40, 60)


def test_roman_value_of_an_empty_numeral_is_zero() -> None:
    assert roman_value("") == 0
    assert roman_value("XVIII") == 18


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path) -> None:
    fifo = tmp_path / "V-2.en.xml"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_status(fifo)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test thread
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # unblock the reader so the test run can end, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("read_status blocked on a named pipe")
    assert isinstance(outcome[0], UntcFormatError)
    assert "named pipe (FIFO), not a regular file" in str(outcome[0])
    assert str(fifo) in str(outcome[0])


def test_a_folder_is_refused(tmp_path) -> None:
    with pytest.raises(UntcFormatError, match="is a folder"):
        read_status(tmp_path)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_device_is_refused() -> None:
    with pytest.raises(UntcFormatError, match=r"^/dev/zero: is a device, not a regular file"):
        read_status("/dev/zero")


def test_a_regular_file_reads(tmp_path) -> None:
    path = tmp_path / "V-2.en.xml"
    path.write_bytes(_xml_with_counts(b"19", b"146"))
    assert read_status(path).header.signatories == 19
