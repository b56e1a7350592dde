"""A linear-time HTML tokenizer with the callbacks of :class:`html.parser.HTMLParser`.

The standard library's parser re-scans the rest of the input for every unclosed ``<!--``,
``</``, ``<?`` or ``<a`` it meets (``"<!--" * 40_000`` takes a minute on Python 3.11), so a
hostile page could hold a reader for hours. This tokenizer reads tags the way ``html.parser``
does (lower-cased names, unescaped attribute values, ``<x/>`` as start-end, the text of
``<script>`` and ``<style>`` kept raw, character references in text converted) but looks for
every closing delimiter at most once: a search that fails is remembered, and a tag left open
at the end of the input makes the rest of it text. Every pattern is possessive, so none
backtracks. Time is linear in the input, whatever it holds.
"""

from __future__ import annotations

import re
from html import unescape

__all__ = ["TokenHandler", "tokenize"]

_TAG_NAME = re.compile(r"[a-zA-Z][^\t\n\r\f />\x00]*+")
_SPACE = re.compile(r"(?:\s|/(?!>))*+")
_ATTRIBUTE = re.compile(
    r"""([^\s/>][^\s/=>]*+)(?:\s*+=++\s*+('[^']*+'|"[^"]*+"|(?!['"])[^>\s]*+))?"""
)
_END_NAME = re.compile(r"\s*+([a-zA-Z][^\t\n\r\f />\x00]*+)")
_CDATA_CONTENT = frozenset({"script", "style"})


class TokenHandler:
    """What :func:`tokenize` calls: the same names and arguments as ``HTMLParser``'s."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A start tag ``<tag a="1">``."""

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A start-end tag ``<tag a="1"/>``."""

    def handle_endtag(self, tag: str) -> None:
        """An end tag ``</tag>``."""

    def handle_data(self, data: str) -> None:
        """Text between tags, character references converted."""


class _Finder:
    """The next match of a pattern at or after a position; each search is done at most once."""

    __slots__ = ("_at", "_found", "_pattern", "_text")

    def __init__(self, text: str, pattern: str) -> None:
        self._text = text
        self._pattern = re.compile(pattern)
        self._at = -1  # the position the cached answer was searched from
        self._found: re.Match[str] | None = None

    def next(self, position: int) -> re.Match[str] | None:
        if self._at >= 0 and self._at <= position:
            if self._found is None:
                return None  # none at or after an earlier position: none after this one either
            if self._found.start() >= position:
                return self._found
        self._at = position
        self._found = self._pattern.search(self._text, position)
        return self._found


def tokenize(text: str, handler: TokenHandler) -> None:
    """Call ``handler`` for every tag and run of text in ``text``, in order."""
    gt = _Finder(text, ">")
    comment_end = _Finder(text, r"--\s*+>")
    section_end = _Finder(text, r"\]\s*+\]?\s*+>")
    lt = _Finder(text, "<")
    size = len(text)
    at = 0
    while at < size:
        found = lt.next(at)
        start = size if found is None else found.start()
        if start > at:
            handler.handle_data(unescape(text[at:start]))
        if start >= size:
            return
        head = text[start + 1 : start + 2]
        end: re.Match[str] | None
        if head.isascii() and head.isalpha():
            at, raw = _start_tag(text, start, handler)
            if at < 0:  # a tag left open at the end: the rest is text
                handler.handle_data(unescape(text[start:]))
                return
            if raw is not None:  # <script>, <style>: text up to their end tag, kept as it is
                close = re.compile(rf"</\s*+{raw}\s*+>", re.IGNORECASE).search(text, at)
                handler.handle_data(text[at : size if close is None else close.start()])
                if close is None:
                    return
                handler.handle_endtag(raw)
                at = close.end()
            continue
        if head == "/":
            close = gt.next(start + 2)
            if close is None:
                handler.handle_data(unescape(text[start:]))
                return
            name = _END_NAME.match(text, start + 2, close.start())
            if name is not None:
                handler.handle_endtag(name.group(1).lower())
            at = close.end()  # "</>" and "</ 1>" are dropped, as html.parser drops them
            continue
        if text.startswith("<!--", start):
            end = comment_end.next(start + 4)
        elif text.startswith("<![", start):
            end = section_end.next(start + 3)
        elif head in ("!", "?"):
            end = gt.next(start + 2)
        else:  # "<" before a space or a digit is text
            handler.handle_data("<")
            at = start + 1
            continue
        if end is None:  # a comment or declaration never closed: up to the next ">" is text
            close = gt.next(start + 1)
            stop = size if close is None else close.end()
            handler.handle_data(unescape(text[start:stop]))
            at = stop
            continue
        at = end.end()


def _start_tag(text: str, start: int, handler: TokenHandler) -> tuple[int, str | None]:
    """Read the start tag at ``start``: where it ends (-1 when the input ends inside it), and
    its name if it is one whose content is raw text (``script``, ``style``)."""
    name = _TAG_NAME.match(text, start + 1)
    assert name is not None  # the caller saw a letter after "<"
    tag = name.group().lower()
    at = name.end()
    attrs: list[tuple[str, str | None]] = []
    size = len(text)
    while True:
        at = _SPACE.match(text, at).end()  # type: ignore[union-attr]  # matches the empty string
        if at >= size:
            return -1, None
        if text[at] == ">" or text.startswith("/>", at):
            break
        attribute = _ATTRIBUTE.match(text, at)
        assert attribute is not None  # any character but space, "/" and ">" starts a name
        value = attribute.group(2)
        if value is not None:
            if value[:1] in ("'", '"'):
                value = value[1:-1]
            value = unescape(value)
        attrs.append((attribute.group(1).lower(), value))
        at = attribute.end()
    if text[at] == "/":  # "<br/>", "<br />"; but "<a href=x/>" ends in a value, as in html.parser
        handler.handle_startendtag(tag, attrs)
        return at + 2, None
    handler.handle_starttag(tag, attrs)
    return at + 1, (tag if tag in _CDATA_CONTENT else None)
