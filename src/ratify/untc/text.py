"""Text as the depositary writes it: collapse whitespace, drop inline markup, keep footnote numbers.

The XML carries its inline markup escaped (``Australia&lt;superscript&gt;3,4&lt;/superscript&gt;``),
so after parsing it is literal text; the markup is unbalanced at times (``<a href=…>`` left open),
so it is removed with tolerant patterns, never parsed.
"""

from __future__ import annotations

import re

__all__ = ["footnote_numbers", "plain", "split_footnotes", "squash", "strip_tags"]

# Every quantifier below is possessive (``*+``) and no two adjacent ones can match the same
# character, so a pattern never backtracks: each runs in time linear in the text, whatever it
# holds (20,000 spaces after a ``<`` once took a minute with ``<\s*/?\s*``).
# A superscript holding only note numbers ("3,4"); others (N<superscript>o</superscript>) are text.
_NOTE_SUPERSCRIPT = re.compile(
    r"<\s*+(?:superscript|sup)\b[^<>]*+>([\d\s,]*+)<\s*+/\s*+(?:superscript|sup)\s*+>", re.IGNORECASE
)
# Tags inside a word or sentence vanish; any other tag (p, br, center, right, div…) leaves a space.
_INLINE_TAG = re.compile(
    r"<\s*+(?:/\s*+)?(?:a|b|em|font|i|small|span|strong|sub|sup|superscript|u)\b[^<>]*+>", re.IGNORECASE
)
_TAG = re.compile(r"<\s*+(?:/\s*+)?[A-Za-z][A-Za-z0-9]*+\b[^<>]*+>")
_NUMBER = re.compile(r"\d++")


def squash(text: str) -> str:
    """Collapse every run of whitespace (TAB, LF, NBSP, U+2002…) to one space; trim the ends."""
    return " ".join(text.split())


def footnote_numbers(text: str) -> tuple[str, ...]:
    """``"3, 4"`` -> ``("3", "4")``."""
    return tuple(_NUMBER.findall(text))


def strip_tags(text: str) -> str:
    """Remove markup tags, keeping what they enclose; block-level tags leave a space."""
    if "<" not in text:
        return text
    return _TAG.sub(" ", _INLINE_TAG.sub("", text))


def split_footnotes(text: str) -> tuple[str, tuple[str, ...]]:
    """Plain, squashed text and the footnote numbers of its numeric superscripts."""
    if "<" not in text:
        return " ".join(text.split()), ()
    notes = _NOTE_SUPERSCRIPT.findall(text)
    if notes:
        text = _NOTE_SUPERSCRIPT.sub("", text)
        notes = _NUMBER.findall(",".join(notes))
    return " ".join(strip_tags(text).split()), tuple(notes)


def plain(text: str) -> str:
    """Squashed text without markup or footnote markers."""
    if "<" not in text:
        return " ".join(text.split())
    return split_footnotes(text)[0]
