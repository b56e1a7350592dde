"""Footnotes of a document: sources, depositary notes and notes on the data, numbered as first cited.

A footnote cites what a court or a ministry accepts: the depositary's record (UN Treaty Collection, the
MTDSG number, the status page, its "status as at" date), in the document's language. How ratify obtained
the facts — which copy, repository and commit, how a table was derived — is kept apart, for the annex
"Provenance of the data" (`Footnotes.provenance`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ratify.present.documents.views import Note, ProvenanceItem
from ratify.present.i18n import N_
from ratify.present.links import web_url

if TYPE_CHECKING:
    from ratify.model.records import Instrument, Source
    from ratify.present.i18n import Lang
    from ratify.query.catalog import Catalog

__all__ = ["Footnotes", "copy_url", "depositary_title", "named_in", "provenance_text", "source_of", "status_page"]

_DEPOSITARY_HOST = "treaties.un.org"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_GITHUB_NOTE = re.compile(r"GitHub (?P<repo>[\w.-]+/[\w.-]+), (?P<path>[^,]+), commit (?P<commit>[0-9a-f]{7,40})")
_GITHUB_URL = re.compile(r"https://github\.com/(?P<repo>[\w.-]+/[\w.-]+)/blob/(?P<commit>[0-9a-f]{7,40})/(?P<path>\S+)")
# what the copy ratify read was, from the depositary source's title (the words after "MTDSG <number>, ")
_COPY_KINDS = {
    "status XML": N_("the depositary's status file (XML) of that date"),
    "status page": N_("the depositary's status page (HTML) of that date"),
    "participant table (derived CSV)": N_("a table of participants extracted by a third party from the "
                                          "depositary's XML of that date (CSV); withdrawals and the texts of "
                                          "declarations are not kept in it"),
}


def _roman(numeral: str) -> int | None:
    total, last = 0, 0
    for ch in reversed(numeral):
        value = _ROMAN.get(ch)
        if value is None:
            return None
        total, last = (total - value, last) if value < last else (total + value, value)
    return total


def status_page(inst: Instrument, src: Source | None = None) -> str | None:
    """The depositary's status page of `inst`: the source's own address on treaties.un.org, else one made from
    the MTDSG number; None for an instrument without one."""
    for url in (src.url if src else None, inst.url):
        if url and urlsplit(url).hostname == _DEPOSITARY_HOST and "ViewDetails" in url:
            return url
    if not inst.mtdsg:
        return None
    chapter = _roman(inst.mtdsg.split("-", 1)[0])
    if chapter is None:
        return None
    return (f"https://{_DEPOSITARY_HOST}/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={inst.mtdsg}"
            f"&chapter={chapter}&clang=_en")


def depositary_title(inst: Instrument, lang: Lang) -> str:
    """ "United Nations Treaty Collection, Multilateral Treaties Deposited with the Secretary-General, chapter V,
    no. 2 (MTDSG V-2): <title>" in `lang` (the instrument's title in that language)."""
    title = inst.title.get(lang.code)
    if not inst.mtdsg:
        return title
    chapter, _, number = inst.mtdsg.partition("-")
    return lang.gettext("United Nations Treaty Collection, Multilateral Treaties Deposited with the Secretary-General "
                        "(MTDSG), chapter %(chapter)s, No. %(number)s: %(title)s") % {
        "chapter": chapter, "number": number, "title": title}


def copy_url(src: Source) -> str | None:
    """The address of the copy ratify read: the repository file its note names, else the source's own address."""
    found = _GITHUB_NOTE.search(src.note or "")
    if found:
        return f"https://github.com/{found['repo']}/blob/{found['commit']}/{found['path']}"
    return web_url(src.url)


def provenance_text(src: Source, lang: Lang) -> str:
    """How ratify obtained the facts of `src`, in `lang`: the kind of copy, its repository, file and commit.

    In English the source's own note (which names them) follows verbatim; other languages give the
    structured facts only (the note is English text of the data, not the depositary's)."""
    parts = []
    tail = src.title.partition("MTDSG ")[2].partition(", ")[2] if "MTDSG " in src.title else ""
    if tail in _COPY_KINDS:
        parts.append(lang.gettext(_COPY_KINDS[tail]))
    found = _GITHUB_NOTE.search(src.note or "") or _GITHUB_URL.search(src.url or "")
    if lang.code == "en" and src.note:
        parts.append(src.note)
    elif found:
        parts.append(lang.gettext("copy read: GitHub repository %(repo)s, file %(path)s, commit %(commit)s") % {
            "repo": found["repo"], "path": found["path"], "commit": found["commit"][:12]})
    elif src.url and urlsplit(src.url).hostname != _DEPOSITARY_HOST:
        parts.append(lang.gettext("copy published by %(site)s") % {"site": urlsplit(src.url).hostname})
    elif src.url:
        parts.append(lang.gettext("read from the depositary's site"))
    if src.retrieved:
        parts.append(lang.gettext("retrieved on %(date)s") % {"date": lang.date(src.retrieved)})
    text = "; ".join(parts)
    if text:
        text = text[:1].upper() + text[1:]
        text = text if text.endswith(".") else text + "."
    return text


class Footnotes:
    """Footnotes, numbered in the order they are first cited; the same source keeps its number."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self._numbers: dict[tuple[str, ...], int] = {}
        self.items: list[Note] = []
        self.provenance: list[ProvenanceItem] = []  # the annex "Provenance of the data", in citation order
        self._copies: set[tuple[int, str]] = set()

    def _copy(self, number: int, src: Source) -> None:
        if (number, src.id) in self._copies:
            return
        self._copies.add((number, src.id))
        text = provenance_text(src, self.lang)
        if text:
            self.provenance.append(ProvenanceItem(note=number, text=text, url=copy_url(src)))
            self.provenance.sort(key=lambda item: item.note)

    def depositary_record(self, inst: Instrument, src: Source | None, as_of: dt.date | None = None) -> int:
        """The footnote citing the depositary's record of `inst` — one per instrument, whatever copy of it
        was read (its table, its reservations); each copy goes to the provenance annex under that number."""
        when = as_of if as_of is not None else (inst.as_of or (src.as_of if src else None))
        number = self._add(("record-of", inst.id), kind="source", title=depositary_title(inst, self.lang),
                           url=web_url(status_page(inst, src)), as_of=when, as_of_text=self.lang.date(when))
        if src is not None:
            self._copy(number, src)
        return number

    def _add(self, key: tuple[str, ...], **fields: object) -> int:
        if key not in self._numbers:
            number = len(self.items) + 1
            self._numbers[key] = number
            self.items.append(Note(number=number, **fields))  # type: ignore[arg-type]
        return self._numbers[key]

    def source(self, src: Source) -> int:
        """A source that is not an instrument's depositary record (a later action's official notice): its title
        without the words on the copy read; where the copy is not the publisher's own, it goes to the annex."""
        publisher: str | None = src.publisher
        title, _, copy = src.title.partition(" — ")
        if publisher and named_in(publisher, title):
            publisher = None  # "UN Treaty Collection, MTDSG V-2, …" needs no "— United Nations Treaty Collection"
        number = self._add(("source", src.id), kind="source", title=title, publisher=publisher,
                           url=web_url(src.url) if not copy else None, as_of=src.as_of,
                           as_of_text=self.lang.date(src.as_of))
        if copy or src.note:
            self._copy(number, src)
        return number

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
