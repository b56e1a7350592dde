"""Footnotes of a document: sources, depositary notes and notes on the data, numbered as first cited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ratify.present.documents.views import Note
from ratify.present.links import web_url

if TYPE_CHECKING:
    from ratify.model.records import Source
    from ratify.present.i18n import Lang
    from ratify.query.catalog import Catalog

__all__ = ["Footnotes", "named_in", "source_of"]


class Footnotes:
    """Footnotes, numbered in the order they are first cited; the same source keeps its number."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self._numbers: dict[tuple[str, ...], int] = {}
        self.items: list[Note] = []

    def _add(self, key: tuple[str, ...], **fields: object) -> int:
        if key not in self._numbers:
            number = len(self.items) + 1
            self._numbers[key] = number
            self.items.append(Note(number=number, **fields))  # type: ignore[arg-type]
        return self._numbers[key]

    def source(self, src: Source) -> int:
        publisher: str | None = src.publisher
        if publisher and named_in(publisher, src.title):
            publisher = None  # "UN Treaty Collection, MTDSG V-2, …" needs no "— United Nations Treaty Collection"
        return self._add(("source", src.id), kind="source", title=src.title, publisher=publisher,
                         url=web_url(src.url), as_of=src.as_of, as_of_text=self.lang.date(src.as_of), detail=src.note)

    def depositary(self, about: str, index: str, text: str) -> int:
        paragraphs = tuple(p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip())
        return self._add(("depositary", about, index, text), kind="depositary",
                         title=self.lang.gettext("Depositary note %(index)s") % {"index": index},
                         paragraphs=paragraphs, about=about)

    def record(self, about: str, text: str) -> int:
        return self._add(("record", about, text), kind="record", title=self.lang.gettext("Note on the data"),
                         paragraphs=(text,), about=about)


def named_in(publisher: str, title: str) -> bool:
    """Whether the title already names the publisher ("United Nations Treaty Collection" in "UN Treaty Collection, …")."""
    tail = " ".join(publisher.split()[-2:]).casefold()
    return tail in title.casefold()


def source_of(cat: Catalog, source_id: str | None) -> Source | None:
    """The source `source_id` names, or None (no id, or not in the catalogue)."""
    if not source_id:
        return None
    try:
        return cat.source(source_id)
    except KeyError:
        return None
