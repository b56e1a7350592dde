"""Limits and decoding shared by the readers: refuse oversized input, decode text safely."""

from __future__ import annotations

from ratify.errors import UntcFormatError

__all__ = ["MAX_INPUT_BYTES", "check_size", "decode_text"]

MAX_INPUT_BYTES = 50 * 1024 * 1024  # the largest real status page (ICCPR, HTML) is about 3 MB


def check_size(data: bytes, source: str) -> None:
    """Refuse input over :data:`MAX_INPUT_BYTES` before any parsing work is done."""
    if len(data) > MAX_INPUT_BYTES:
        raise UntcFormatError(
            source, f"file too large ({len(data):,} bytes; the limit is {MAX_INPUT_BYTES:,})"
        )


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; binary data is refused."""
    if b"\x00" in data:
        raise UntcFormatError(source, "binary data (NUL bytes), not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
