"""Finding things by any of their names: case-, accent- and punctuation-insensitive, with suggestions."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Generic, TypeVar

from ratify.errors import UnknownNameError

__all__ = ["NameIndex", "normalize"]

T = TypeVar("T")

_NON_WORD = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """The lookup key of a name: "Côte d’Ivoire" and "cote d'ivoire" both give "cote d ivoire"."""
    folded = name.casefold()
    if not folded.isascii():  # ASCII has nothing to decompose or strip (most names: a quick path)
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", folded).strip()


class NameIndex(Generic[T]):
    """Maps every name of every item to the item; a name shared by two items is refused."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._items: dict[str, T] = {}
        self._display: dict[str, str] = {}  # normalized key -> the name as written, for suggestions
        self._clashes: dict[str, list[T]] = {}  # a name two items share -> the items
        self._first: dict[int, str] = {}  # id(item) -> its first name, to say which items clash

    def add(self, item: T, names: Iterable[str | None]) -> None:
        for name in names:
            if not name:
                continue
            key = normalize(name)
            if not key:
                continue
            self._first.setdefault(id(item), name)
            seen = self._items.get(key)
            if seen is not None and seen is not item and seen != item:
                clash = self._clashes.setdefault(key, [seen])
                if all(other is not item for other in clash):
                    clash.append(item)
                continue
            self._items[key] = item
            self._display.setdefault(key, name)

    def get(self, name: str) -> T | None:
        key = normalize(name)
        if key in self._clashes:
            return None
        return self._items.get(key)

    def __getitem__(self, name: str) -> T:
        item = self.get(name)
        if item is None:
            clash = self._clashes.get(normalize(name))
            if clash:  # a name of two items: say so, and name both
                raise UnknownNameError(self.what, name, [self._first[id(i)] for i in clash], ambiguous=True)
            raise UnknownNameError(self.what, name, self.suggest(name))
        return item

    def keys(self) -> dict[str, T | None]:
        """Every lookup key (a normalized name) and the item it names; None for a name two items share."""
        found: dict[str, T | None] = dict(self._items)
        found.update(dict.fromkeys(self._clashes))
        return found

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """The closest known names, as they are written."""
        import difflib

        key = normalize(name)
        matches = difflib.get_close_matches(key, self._display.keys(), n=n * 3, cutoff=0.6)
        if not matches and key:  # a prefix often finds what a similarity ratio misses ("kyrg" -> Kyrgyzstan)
            matches = [k for k in self._display if k.startswith(key)]
        seen: list[str] = []
        for m in matches:
            shown = self._display[m]
            if shown not in seen:
                seen.append(shown)
        return seen[:n]
