"""Rendering: a document's context through its jinja2 template (HTML, Markdown) or the Word writer.

Templates live in `templates/report/` (found with `ratify._resources.bundled_templates()`): one
base layout per format and one template per document, named by its kind — `brief.html.j2`,
`brief.md.j2`, `report.html.j2`, `report.md.j2` (the regional report's were `region.*.j2`: a user's
folder may still name them so, and a template may still extend `report/region.html.j2`). Their translatable strings go through `jinja2.ext.i18n` and the
gettext catalog of `ratify.reports.i18n`.

Every string from data is escaped: HTML by jinja2's autoescaping; Markdown by a `finalize` hook
that backslash-escapes Markdown's punctuation (and `<`, `&`) in every `{{ … }}` and folds line
breaks, so a name can neither open a tag nor break a table. Undefined names raise
(`StrictUndefined`). A folder of the user's own templates is searched first and everything then
renders in jinja2's sandbox, bounded in time, output and memory (`ratify.present.documents.sandbox`);
a template that fails, in either case, raises `ReportError`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ratify.errors import ReportError
from ratify.present.documents.context import brief_context, report_context
from ratify.present.documents.formats import FORMATS
from ratify.present.documents.printable import printable
from ratify.present.i18n import Lang, language
from ratify.present.vocabulary import status_css

if TYPE_CHECKING:
    import jinja2

    from ratify.query.catalog import Catalog

__all__ = ["environment", "md_escape", "printable", "render_context", "render_document", "template_names"]

_VARIABLE = {"brief": "brief", "report": "report"}  # the name a document's context has in its template (and `doc`)
# the old stem of a template renamed: a folder that has only the old name answers for the new one, and back
_RENAMED = {"report": "region", "region": "report"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_BREAKS = re.compile(r"[\t\n\v\f\r \x85\u2028\u2029]+")  # folded to one space (no-break spaces stay)




def md_escape(value: Any) -> str:
    """A value for Markdown: one line, with every character Markdown could read as markup escaped."""
    from markupsafe import Markup

    if isinstance(value, Markup):  # marked safe in the template itself (`|safe`): the template's own words
        return str(value)
    text = _MD_BREAKS.sub(" ", str(value)).strip()
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_url(url: Any) -> Any:
    """A web address for a Markdown autolink `<…>` (no escapes there): spaces and brackets percent-encoded."""
    from markupsafe import Markup

    text = str(url)
    for char, code in ((" ", "%20"), ("<", "%3C"), (">", "%3E"), ("\n", ""), ("\r", "")):
        text = text.replace(char, code)
    return Markup(text)


def template_names(kind: str, fmt: str) -> list[str]:
    """Where a document's template is looked up: a user's folder may hold it at its top or under report/."""
    return [f"{kind}.{fmt}.j2", f"report/{kind}.{fmt}.j2"]


def _other_name(template: str) -> str | None:
    """The same template under its old (or new) name: `report/region.md.j2` for `report/report.md.j2`."""
    folder, _, name = template.rpartition("/")
    stem, dot, rest = name.partition(".")
    other = _RENAMED.get(stem)
    if other is None or not dot:
        return None
    return f"{folder}/{other}.{rest}" if folder else f"{other}.{rest}"


def _renamed_loader(inner: jinja2.BaseLoader) -> jinja2.BaseLoader:
    """`inner`, where a template it lacks is looked up once more under its other name (see `_RENAMED`)."""
    import jinja2

    class RenamedLoader(jinja2.BaseLoader):
        def get_source(self, environment: jinja2.Environment, template: str) -> Any:
            try:
                return inner.get_source(environment, template)
            except jinja2.TemplateNotFound:
                other = _other_name(template)
                if other is None:
                    raise
                try:
                    return inner.get_source(environment, other)
                except jinja2.TemplateNotFound:
                    raise jinja2.TemplateNotFound(template) from None

    return RenamedLoader()


@cache
def environment(fmt: str, lang: str, user_dir: str | None = None) -> jinja2.Environment:
    """The jinja2 environment for one format and language (sandboxed when a user folder is given)."""
    import jinja2

    from ratify.resources import bundled_templates

    loaders: list[jinja2.BaseLoader] = [_renamed_loader(jinja2.FileSystemLoader(bundled_templates()))]
    cls: type[jinja2.Environment] = jinja2.Environment
    code_cache = None
    if user_dir is not None:  # a user's templates: in the sandbox, compiled afresh
        from ratify.present.documents.sandbox import BoundedSandbox

        loaders.insert(0, _renamed_loader(jinja2.FileSystemLoader(user_dir)))
        cls = BoundedSandbox
    else:  # ratify's own templates only: their code is kept (see `compiled`)
        from ratify.present.documents.compiled import template_code_cache

        code_cache = template_code_cache(lang)
    env = cls(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=fmt == "html",
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=md_escape if fmt == "md" else None,
        bytecode_cache=code_cache,
    )
    lg = language(lang)
    env.install_gettext_translations(lg.translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(date=_date_filter(lg), percent=lg.percent, number=lg.number, mdurl=md_url)
    env.globals.update(lang=lang, fmt=fmt, status_css=status_css())
    return env


def _date_filter(lg: Lang) -> Any:
    def date(value: dt.date | None) -> str:
        return lg.date(value)

    return date


def render_context(ctx: Any, fmt: str, templates: str | os.PathLike[str] | None = None) -> str | bytes:
    """A context made by `ratify.reports.context` as HTML, Markdown (str), DOCX or PDF (bytes).

    Characters no document may carry are replaced by U+FFFD first (see `printable`).
    """
    if fmt == "docx":
        from ratify.present.documents.docx import write_docx

        return write_docx(ctx, language(ctx.lang))  # which makes the context printable itself
    if fmt == "pdf":  # the HTML of the same template, laid out for print
        from ratify.present.documents.pdf import html_to_pdf

        html = render_context(ctx, "html", templates)
        return html_to_pdf(str(html), title=str(printable(ctx.title)), lang=ctx.lang)
    ctx = printable(ctx)
    import jinja2

    user_dir = _user_dir(templates)
    env = environment(fmt, ctx.lang, user_dir)
    try:
        template = env.select_template(template_names(ctx.kind, fmt))
        variables = {"doc": ctx, _VARIABLE[ctx.kind]: ctx}
        if user_dir is None:  # ratify's own templates
            return template.render(**variables)
        from ratify.present.documents.sandbox import bounded_render

        return bounded_render(template, variables)
    except jinja2.TemplateSyntaxError as exc:
        raise ReportError(f"template {exc.filename or exc.name}, line {exc.lineno}: {exc.message}") from None
    except jinja2.TemplatesNotFound as exc:
        raise ReportError(f"no template for this document: {', '.join(map(str, exc.templates))}") from None
    except jinja2.TemplateError as exc:  # undefined names, sandbox violations, missing includes
        raise ReportError(f"template {_where(exc)}failed: {exc.message or exc}") from None
    except ReportError:
        raise
    except Exception as exc:  # an error raised by an expression of the template (1 // 0, a bad filter argument)
        raise ReportError(f"template {_where(exc)}failed: {type(exc).__name__}: {exc}") from exc


def _where(exc: BaseException) -> str:
    tb = exc.__traceback__
    found = ""
    while tb is not None:  # the innermost frame that belongs to a template
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            found = f"{Path(name).name}, line {tb.tb_lineno} "
        tb = tb.tb_next
    return found


def _user_dir(templates: str | os.PathLike[str] | None) -> str | None:
    if templates is None:
        return None
    path = Path(templates)
    if not path.is_dir():
        raise ReportError(f"{path}: no such template folder")
    return str(path.resolve())


def render_document(cat: Catalog, kind: str, lang: str, fmt: str, templates: str | os.PathLike[str] | None,
                    **options: Any) -> str | bytes:
    """Gather the facts of a brief or a regional report and render them."""
    if fmt not in FORMATS:
        raise ReportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    lg = language(lang)
    for name in ("as_of", "date", "since"):
        value = options.get(name)
        if value is not None and not isinstance(value, dt.date):
            raise ReportError(f"{name} must be a date, not {type(value).__name__}")
    as_of, date = options.get("as_of"), options.get("date")
    if as_of is not None and date is not None and date < as_of:  # a document cannot know a later day's status
        raise ReportError(f"the document's date (--date {date.isoformat()}) is earlier than the date of its "
                          f"statuses (--as-of {as_of.isoformat()}): a document cannot state a later day's status")
    if kind == "brief":
        ctx: Any = brief_context(cat, options["state"], lg, as_of=options.get("as_of"), date=options.get("date"),
                                 group=options.get("group"), since=options.get("since"))
    else:
        ctx = report_context(cat, options["group"], lg, since=options.get("since"), as_of=options.get("as_of"),
                             date=options.get("date"))
    return render_context(ctx, fmt, templates)
