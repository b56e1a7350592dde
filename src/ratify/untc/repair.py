"""Make the depositary's MTDSG XML bytes well-formed before they are parsed.

Why: the UN files declare ``iso-8859-1`` but were written by a tool that truncated every
character above U+00FF to its low byte. In the January 2018 mirror this makes 271 of 407
files unparseable:

* C0 control bytes, illegal in XML 1.0, stand for General Punctuation characters
  U+2000-U+201F: 0x1C/0x1D were “ ”, 0x18/0x19 ‘ ’, 0x13/0x14 – —, 0x02 an en space.
  Every C0 byte except TAB, LF, CR (and NUL, which is never text) becomes U+20xx.
* A bare ``&`` (not starting a reference) is U+2026 (…) truncated to 0x26, as in
  ``[&] the Government``; it becomes ``…``. An HTML entity name that XML does not define
  (``&nbsp;``) becomes its numeric reference.
* Bytes 0x80-0x9F in a file declared ISO-8859-1 are read as Windows-1252 (``“`` is 0x93
  there), which is what the declaration means in practice.
* A file declared ISO-8859-1 that is in fact valid UTF-8 is declared UTF-8.
* Lone CRs (``for Aruba.\\r</text>``) become LF.

Everything is done on bytes with character references, so the parser still does the decoding
and nothing else about the file changes. Nothing is resolved: references are only to characters.
"""

from __future__ import annotations

import html.entities
import re

__all__ = ["repair_xml"]

_DECL = re.compile(rb"""^(\s*<\?xml[^>]{0,200}?encoding\s*=\s*["'])([A-Za-z0-9._:-]{1,40})(["'])""")
_LATIN1 = frozenset({b"iso-8859-1", b"iso8859-1", b"iso_8859-1", b"latin-1", b"latin1", b"l1"})

_C0_BYTES = bytes(b for b in range(1, 32) if b not in (9, 10, 13))
_C0_REFS = {bytes([b]): b"&#x20%02X;" % b for b in _C0_BYTES}  # 0x1C -> &#x201C; (“)
_C1_BYTES = bytes(range(0x80, 0xA0))
_C1 = re.compile(rb"[\x80-\x9f]")

_SUSPECT_AMP = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos);|#)")  # a cheap first look
_BAD_AMP = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)([A-Za-z][A-Za-z0-9]{0,31};)?")
_ELLIPSIS = b"&#x2026;"


def _c1_ref(match: re.Match[bytes]) -> bytes:
    try:
        char = match.group().decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in cp1252, left as C1
        return match.group()
    return b"&#x%X;" % ord(char)


def _amp_ref(match: re.Match[bytes]) -> bytes:
    name = match.group(1)
    if name is None:
        return _ELLIPSIS
    codepoint = html.entities.name2codepoint.get(name[:-1].decode("ascii"))
    return b"&#x%X;" % codepoint if codepoint is not None else _ELLIPSIS + name


def _contains(data: bytes, chars: bytes) -> bool:
    # bytes.translate runs in C; much faster than a regex search over a clean file
    return len(data.translate(None, chars)) != len(data)


def repair_xml(data: bytes) -> bytes:
    """Return ``data`` with the damage described in this module's docstring undone."""
    decl = _DECL.match(data)
    if decl is not None and decl.group(2).lower() in _LATIN1 and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            if _contains(data, _C1_BYTES):
                data = _C1.sub(_c1_ref, data)
        else:
            data = decl.group(1) + b"utf-8" + decl.group(3) + data[decl.end() :]
    if _contains(data, _C0_BYTES):
        for byte, reference in _C0_REFS.items():
            if byte in data:
                data = data.replace(byte, reference)
    if _SUSPECT_AMP.search(data):
        data = _BAD_AMP.sub(_amp_ref, data)
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return data
