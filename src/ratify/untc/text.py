"""Text as the depositary writes it: collapse whitespace, drop inline markup, keep footnote numbers.

The XML carries its inline markup escaped (``Australia&lt;superscript&gt;3,4&lt;/superscript&gt;``),
so after parsing it is literal text; the markup is unbalanced at times (``<a href=…>`` left open),
so it is removed with a tolerant pattern, never parsed.
"""

from __future__ import annotations

import re

__all__ = ["footnote_numbers", "plain", "split_footnotes", "squash", "strip_tags"]

_SUPERSCRIPT = re.compile(r"<\s*(?:superscript|sup)\b[^<>]*>(.*?)<\s*/\s*(?:superscript|sup)\s*>", re.I | re.S)
_TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
_NOTE_LIST = re.compile(r"[\d\s,]*\d[\d\s,]*")
_NUMBER = re.compile(r"\d+")
# Tags that sit inside a word or sentence; any other tag (p, br, center, right, div…) separates.
_INLINE = frozenset({"a", "b", "em", "font", "i", "small", "span", "strong", "sub", "sup", "superscript", "u"})


def squash(text: str) -> str:
    """Collapse every run of whitespace (TAB, LF, NBSP, U+2002…) to one space; trim the ends."""
    return " ".join(text.split())


def footnote_numbers(text: str) -> tuple[str, ...]:
    """``"3, 4"`` -> ``("3", "4")``."""
    return tuple(_NUMBER.findall(text))


def _tag_gap(match: re.Match[str]) -> str:
    return "" if match.group(1).lower() in _INLINE else " "


def strip_tags(text: str) -> str:
    """Remove markup tags, keeping what they enclose; block-level tags leave a space."""
    return _TAG.sub(_tag_gap, text) if "<" in text else text


def split_footnotes(text: str) -> tuple[str, tuple[str, ...]]:
    """Plain, squashed text and the footnote numbers of its numeric superscripts.

    A superscript that is not a list of numbers (``N<superscript>o</superscript>``) is kept as text.
    """
    if "<" not in text:
        return squash(text), ()
    notes: list[str] = []

    def take(match: re.Match[str]) -> str:
        inner = match.group(1)
        if _NOTE_LIST.fullmatch(inner):
            notes.extend(_NUMBER.findall(inner))
            return ""
        return inner

    return squash(strip_tags(_SUPERSCRIPT.sub(take, text))), tuple(notes)


def plain(text: str) -> str:
    """Squashed text without markup or footnote markers."""
    return split_footnotes(text)[0]
