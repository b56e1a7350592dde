"""``read_status``: tell XML from an HTML status page from a derived CSV, and read it."""

from __future__ import annotations

import os
import stat

from ratify.errors import UntcFormatError
from ratify.untc.csv_reader import mtdsg_from_csv_name, read_derived_csv
from ratify.untc.document import StatusDocument
from ratify.untc.guard import MAX_INPUT_BYTES, check_size
from ratify.untc.html_reader import read_html
from ratify.untc.xml_reader import read_xml

__all__ = ["read_status", "sniff"]


def sniff(data: bytes) -> str | None:
    """``"xml"``, ``"html"``, ``"csv"`` or None, from the first bytes of ``data``."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "xml"  # UTF-16 with a BOM: only XML declares itself that way here
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if b"<!doctype html" in head or b"<html" in head:
        return "html"
    if head.startswith(b"<"):
        return "xml"
    if head.startswith((b"participant,", b'"participant",')):
        return "csv"
    return None


def _read_file(source: str) -> bytes:
    """The bytes of a regular file; a FIFO, device, socket or folder is refused, never waited on.

    The file is opened without blocking (a FIFO with no writer would otherwise hang the open)
    and what was opened is checked, so a name swapped after a check cannot slip through.
    """
    try:
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except IsADirectoryError:
        raise UntcFormatError(source, "is a folder, not a file") from None
    except OSError as exc:
        raise UntcFormatError(source, f"cannot be read ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = ("a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
                    else "a socket" if stat.S_ISSOCK(mode) else "a device")
            raise UntcFormatError(source, f"is {kind}, not a regular file; refused")
        with os.fdopen(fd, "rb") as stream:
            fd = -1  # the stream owns it now
            return stream.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise UntcFormatError(source, f"cannot be read ({exc.strerror or exc})") from None
    finally:
        if fd >= 0:
            os.close(fd)


def read_status(path: str | os.PathLike[str], data: bytes | None = None) -> StatusDocument:
    """Read a depositary status file: MTDSG XML, a saved ViewDetails HTML page or a derived CSV.

    ``data`` are the file's bytes when they are already in hand; ``path`` is then only the
    name used in errors (and, for a CSV, where the MTDSG number comes from).
    """
    source = os.fspath(path)
    if data is None:
        data = _read_file(source)
    check_size(data, source)
    kind = sniff(data)
    if kind == "xml":
        return read_xml(data, source)
    if kind == "html":
        return read_html(data, source)
    if kind == "csv":
        try:
            mtdsg = mtdsg_from_csv_name(source)
        except ValueError:
            raise UntcFormatError(
                source, "a participants CSV, but its name does not give the MTDSG number (like 5-2.csv)"
            ) from None
        return read_derived_csv(data, source, mtdsg)
    raise UntcFormatError(
        source, "not a treaty status file (neither MTDSG XML, a status HTML page nor a participants CSV)"
    )
