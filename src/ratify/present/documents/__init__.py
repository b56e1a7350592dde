"""Documents: country briefs and regional reports in any language with a catalogue, as HTML, Markdown, Word or PDF.

    >>> import datetime
    >>> import ratify
    >>> cat = ratify.load()
    >>> html = ratify.render_brief(cat, "KAZ", lang="ru", fmt="html", date=datetime.date(2026, 5, 1))

Three modules, one direction: `context` gathers the facts of a document into frozen objects (the
same for every format), `render` turns them into HTML or Markdown through the jinja2 templates
under `templates/report/`, and `docx` into a Word file. Nothing here is imported by `import
ratify`: jinja2, Babel and python-docx load on the first document.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from typing import TYPE_CHECKING, Final

from ratify.errors import ReportError
from ratify.present.documents.formats import FORMATS

if TYPE_CHECKING:
    from ratify.model.records import Group
    from ratify.query.catalog import Catalog, StateRef

__all__ = ["DEFAULT_GROUP", "FORMATS", "LANGS", "ReportError", "render_brief", "render_report"]



def __getattr__(name: str) -> object:
    """`LANGS`: the languages with a catalogue (see `ratify.present.i18n.available_languages`)."""
    if name == "LANGS":
        from ratify.present.i18n import available_languages

        return available_languages()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Default(enum.Enum):
    GROUP = "the data's default group"

    def __repr__(self) -> str:
        return "DEFAULT_GROUP"


DEFAULT_GROUP: Final = _Default.GROUP
"""The group the data marks `default = true` in groups.toml (the default of `group=`)."""


def render_brief(cat: Catalog, state: StateRef, lang: str = "en", fmt: str = "html", *,
                 as_of: dt.date | None = None, date: dt.date | None = None,
                 templates: str | os.PathLike[str] | None = None,
                 group: str | Group | _Default | None = DEFAULT_GROUP, since: dt.date | None = None) -> str | bytes:
    """The country brief of `state`: a str (HTML, Markdown), or bytes (DOCX, PDF).

    Its first section is the "Scope of international obligations" as OHCHR's compilation for the Universal
    Periodic Review lays it out; `since`, the date of the previous review, adds its columns "status at the
    previous review" and "action since".

    `date` is the date printed on the brief (default: today); `as_of` the date the statuses, gaps and
    the state's role in the group are for (default: `date`). `templates` is a folder of your own
    templates (rendered in jinja2's sandbox; any template it lacks comes from ratify's own). `group`
    is the region the state is compared with: by default the data's default group (none: no such
    section), None to leave that section out; an unknown name raises UnknownNameError.
    """
    from ratify.present.documents.render import render_document

    chosen = cat.default_group if group is DEFAULT_GROUP else group
    return render_document(cat, "brief", lang, fmt, templates, state=state, as_of=as_of, date=date,
                           group=chosen, since=since)


def render_report(cat: Catalog, group: str | Group | _Default | None = DEFAULT_GROUP, lang: str = "en",
                  fmt: str = "html", *, since: dt.date | None = None, as_of: dt.date | None = None,
                  date: dt.date | None = None, templates: str | os.PathLike[str] | None = None) -> str | bytes:
    """The regional report of `group`: its states on `as_of` with their roles, the matrix with coverage,
    the changes since `since`, each state's gaps.

    `group` defaults (also when None) to the data's default group. `since` defaults to the adoption
    of the group's baseline document; the other options are those of `render_brief`.
    """
    from ratify.present.documents.render import render_document

    chosen = cat.default_group if group is DEFAULT_GROUP or group is None else group
    if chosen is None:
        raise ReportError("this data folder marks no group as the default: name the group of the report "
                          f"(one of {', '.join(g.id for g in cat.groups) or 'none'})")
    return render_document(cat, "report", lang, fmt, templates, group=chosen, since=since, as_of=as_of,
                           date=date)
