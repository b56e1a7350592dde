"""Word (DOCX) output: the same context as the HTML and Markdown documents, as real headings and tables.

python-docx is an optional extra (`pip install 'ratify-treaties[docx]'`), imported on first use.
The document is A4 (the regional report in landscape), with page numbers in the footer, table
header rows that repeat on each page and rows that never split across pages; its language is set
so that Word checks the spelling in the right dictionary.

Notes are endnotes in the document's own numbering (the same numbers as the HTML and PDF): each
superscript reference is an internal hyperlink to a bookmark on its note under "Sources and
notes", which Word and LibreOffice both follow; web addresses are real hyperlinks. Column widths
are set so that no header breaks inside a word (the font of a header row shrinks, within limits,
until its longest word fits).

The file is byte-for-byte reproducible: its core properties carry the document's date, not the
clock, and the zip entries are rewritten with that date and a fixed order. It carries nothing of
python-docx's template but its styles: no thumbnail, and "ratify" as the application.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TYPE_CHECKING, Any

from ratify.extras import require
from ratify.model.enums import Status
from ratify.present.vocabulary import STATUS_STYLES

if TYPE_CHECKING:
    from ratify.present.documents.views import BriefContext, DataSourceItem, Note, ReportContext
    from ratify.present.i18n import Lang

__all__ = ["write_docx"]

# Word's language tags where the bare code is not the one Word's dictionaries use
_LANG_TAGS = {"en": "en-GB", "ru": "ru-RU"}
# the status tints are those of every other output (`ratify.present.vocabulary`)
_SHADE = {"header": "E8EDF2", "caution": STATUS_STYLES[Status.SIGNATORY].background[1:].upper(),
          "limitation": STATUS_STYLES[Status.DENOUNCED].background[1:].upper(),
          **{s.value: style.background[1:].upper() for s, style in STATUS_STYLES.items()}}


def write_docx(ctx: BriefContext | ReportContext, lang: Lang) -> bytes:
    """The document as the bytes of a .docx file.

    Characters XML forbids (control characters from the data, say) are replaced by U+FFFD, since
    python-docx refuses them (see `ratify.present.documents.render.printable`).
    """
    require("docx", "docx")  # MissingExtraError naming the extra, as for pandas and matplotlib
    from ratify.present.documents.printable import printable

    ctx = printable(ctx)
    writer = _Writer(ctx, lang)
    if ctx.kind == "brief":
        writer.brief(ctx)  # type: ignore[arg-type]
    else:
        writer.region(ctx)  # type: ignore[arg-type]
    return writer.bytes()


class _Writer:
    def __init__(self, ctx: Any, lang: Lang) -> None:
        import docx
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm, Pt

        self.t = lang
        self.ctx = ctx
        self.doc = doc = docx.Document()
        section = doc.sections[0]
        if ctx.kind == "report":
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        else:
            section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(18)
        section.top_margin, section.bottom_margin = Mm(16), Mm(18)
        normal = doc.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10)
        normal.paragraph_format.space_after = Pt(3)
        self._language(_LANG_TAGS.get(lang.code, lang.code))
        self._page_numbers(section)
        props = doc.core_properties
        when = dt.datetime(ctx.date.year, ctx.date.month, ctx.date.day)
        props.title = ctx.title
        props.subject = ctx.title
        props.author = props.last_modified_by = "ratify"
        props.created = props.modified = when
        props.revision = 1
        props.language = _LANG_TAGS.get(lang.code, lang.code)
        props.comments = f"ratify data: {ctx.data_origin}" if ctx.data_origin else ""
        props.keywords = ""
        props.category = ""
        self._clean_package()

    # -- the documents --------------------------------------------------------------------------------

    def brief(self, b: BriefContext) -> None:
        t = self.t
        doc = self.doc
        self._kicker(t.gettext("Country brief"))
        doc.add_heading(b.state.name, level=0)
        doc.add_paragraph(b.state.formal_name, style="Subtitle")
        self._field(t.gettext("Date of the brief"), b.date_text)
        self._field(t.gettext("Status on the date asked for"), b.as_of_text)
        if b.records_text:
            self._field(t.gettext("Depositary records as at"), b.records_text)
        if b.state.role and b.state.group_name:
            role = f"{b.state.role} ({b.state.role_basis})" if b.state.role_basis else b.state.role
            self._field(b.state.group_name, role)
        self._field(t.gettext("Source of the data"),
                    t.gettext("UN Treaty Collection: the depositary’s status of each treaty, as at the dates below"))
        self._sources(b.data_sources)
        p = doc.add_paragraph()
        p.add_run(f"{b.summary} {b.gaps_heading}.").bold = True

        n = 0
        if b.obligations is not None:
            n += 1
            self._obligations(n, b.obligations)
        n += 1
        doc.add_heading(f"{n}. {t.gettext('Status of the instruments')}", level=1)
        for section in b.sections:
            doc.add_heading(section.title, level=2)
            heads = [t.gettext("Instrument"), t.gettext("Signature"), t.gettext("Consent to be bound"),
                     t.gettext("Entry into force for the State"), t.gettext("Status")]
            table = self._table(heads, widths=(55, 28, 32, 32, 27))
            for row in section.rows:
                cells = table.add_row().cells
                self._cant_split(table.rows[-1])
                name = cells[0].paragraphs[0]
                name.add_run(row.short_name).bold = True
                self._refs(name, row.notes)
                title = row.title if row.title != row.short_name else ""
                ref = f"({t.gettext('UNTC')} {row.mtdsg})" if row.mtdsg else ""
                if title or ref:
                    sub = cells[0].add_paragraph()
                    sub.add_run(" ".join(x for x in (title, ref) if x)).font.size = _pt(8)
                if row.binding:
                    self._text(cells[1], row.signature_text or "—")
                    self._text(cells[2], row.consent_text or "—", row.consent_kind_label)
                    self._text(cells[3], row.entry_into_force_text or "—", row.entry_into_force_basis)
                    self._text(cells[4], row.status_label,
                               "; ".join(x for x in (row.denunciation_text, row.record_text, row.territorial_text,
                                          row.record_note) if x))
                    self._shade(cells[4], _SHADE.get(row.status, "FFFFFF"))
                else:
                    merged = cells[1].merge(cells[3])
                    text = t.gettext("Not open to signature or ratification")
                    self._text(merged, f"{text}; {row.adopted_text}." if row.adopted_text else f"{text}.")
                    self._text(cells[4], row.status_label)
                if row.statements:
                    extra = table.add_row()
                    self._cant_split(extra)
                    cell = extra.cells[0].merge(extra.cells[4])
                    first = True
                    for s in row.statements:
                        para = cell.paragraphs[0] if first else cell.add_paragraph()
                        first = False
                        para.paragraph_format.left_indent = _mm(4)
                        head = s.kind_label + (f", {s.articles}" if s.articles else "")
                        r = para.add_run(head)
                        r.bold = True
                        r.font.size = _pt(8.5)
                        tail = f" ({s.date_text})" if s.date_text else ""
                        if s.territory:
                            tail += " — " + t.gettext("made in the notification of territorial application to "
                                                      "%(territory)s") % {"territory": s.territory}
                        tail += f" — {s.term}" if s.term else ""
                        para.add_run(tail + ": ").font.size = _pt(8.5)
                        if s.limits_scope and s.in_effect:
                            flag = para.add_run(f"[{t.gettext('limits the scope')}] ")
                            flag.bold = True
                            flag.font.size = _pt(8.5)
                            flag.font.color.rgb = _rgb("B3261E")
                        body = (f"{t.gettext('Summary')}: {s.summary}" if s.summary
                                else t.gettext("no summary; see the depositary’s text"))
                        if s.objects_to:
                            body += " (" + t.gettext("concerning %(state)s") % {"state": s.objects_to} + ")"
                        if s.withdrawn_text:
                            body += " " + t.gettext("Withdrawn on %(date)s.") % {"date": s.withdrawn_text}
                        para.add_run(body).font.size = _pt(8.5)
                        self._refs(para, s.notes)

        n += 1
        doc.add_heading(f"{n}. {t.gettext('Gaps and next steps')}", level=1)
        if b.gaps:
            self._lead(t.gettext("In the order to act on them: an instrument another one requires comes first. "
                                 "Each is tied to the paragraph of the document that recommends it."))
            for g in b.gaps:
                self._gap(g)
        else:
            doc.add_paragraph(t.gettext("On %(date)s, %(state)s is bound by every binding instrument of this brief, "
                                        "without a reservation that limits its scope.")
                              % {"date": b.as_of_text, "state": b.state.name})

        if b.region:
            n += 1
            doc.add_heading(f"{n}. " + t.gettext("The State among its region (%(group)s)") % {"group": b.region_name},
                            level=1)
            self._lead(t.ngettext("How many of the %(count)s State of the group “%(group)s” are party to each "
                                  "instrument.",
                                  "How many of the %(count)s States of the group “%(group)s” are party to each "
                                  "instrument.", b.region_total, count=b.region_total, group=b.region_name))
            table = self._table([t.gettext("Instrument"), b.state.name, t.gettext("Parties"), t.gettext("Not party")],
                                widths=(55, 30, 22, 67))
            for r in b.region:
                cells = table.add_row().cells
                self._cant_split(table.rows[-1])
                self._text(cells[0], r.short_name)
                self._text(cells[1], r.status_label)
                self._shade(cells[1], _SHADE.get(r.status, "FFFFFF"))
                self._text(cells[2], r.count_text)
                self._text(cells[3], ", ".join(r.not_party))

        n += 1
        doc.add_heading(f"{n}. {t.gettext('Chronology')}", level=1)
        if b.chronology:
            table = self._table([t.gettext("Date"), t.gettext("Instrument"), t.gettext("Action")],
                                widths=(32, 62, 80))
            for e in b.chronology:
                cells = table.add_row().cells
                self._cant_split(table.rows[-1])
                self._text(cells[0], e.date_text)
                self._text(cells[1], e.short_name)
                self._text(cells[2], _action(e))
        else:
            doc.add_paragraph(t.gettext("No action recorded."))

        n += 1
        doc.add_heading(f"{n}. {t.gettext('Sources and notes')}", level=1)
        self._notes(b.notes)
        self._provenance(b.provenance)
        self._footer_text()

    def region(self, r: ReportContext) -> None:
        t = self.t
        doc = self.doc
        self._kicker(t.gettext("Regional report"))
        doc.add_heading(r.group_name, level=0)
        if r.description:
            doc.add_paragraph(r.description, style="Subtitle")
        self._field(t.gettext("Date of the report"), r.date_text)
        self._field(t.gettext("Status on the date asked for"), r.as_of_text)
        if r.records_text:
            self._field(t.gettext("Depositary records as at"), r.records_text)
        self._field(t.gettext("Changes since"), r.since_text)
        if r.role_basis:
            self._field(t.gettext("Membership"), r.role_basis)
        self._field(t.gettext("Source of the data"),
                    t.gettext("UN Treaty Collection: the depositary’s status of each treaty, as at the dates below"))
        self._sources(r.data_sources)

        n = 1
        doc.add_heading(f"{n}. {t.gettext('Who is party to what')}", level=1)
        self._lead(t.gettext("Status of each State in each binding instrument; coverage is the share of the "
                             "instruments a State is party to (all together: %(coverage)s).")
                   % {"coverage": r.coverage_text})
        heads = [t.gettext("State"), *(c.short_name for c in r.columns), t.gettext("Coverage")]
        # A4 landscape less the margins; the instruments' columns share what the state and coverage leave,
        # each as wide as its header's longest word needs (the cells hold one letter)
        widths, head_size = _fit_columns([c.short_name for c in r.columns], 261 - 40 - 17, 7.5)
        table = self._table(heads, widths=(40, *widths, 17), size=7.5, head_size=head_size, tight=True)
        for row in r.rows:
            cells = table.add_row().cells
            self._cant_split(table.rows[-1])
            self._text(cells[0], row.name, row.role or "")
            for cell, mark in zip(cells[1:-1], row.cells, strict=True):
                self._text(cell, mark.symbol, center=True)
                self._shade(cell, _SHADE.get(mark.status, "FFFFFF"))
            self._text(cells[-1], row.coverage_text)
        cells = table.add_row().cells
        self._text(cells[0], t.gettext("Parties"), bold=True)
        for cell, column in zip(cells[1:-1], r.columns, strict=True):
            self._text(cell, f"{column.parties} ({column.coverage_text})", center=True)
        self._text(cells[-1], r.coverage_text, bold=True)
        self._lead("; ".join(f"{c.symbol} {c.label}" for c in r.legend))

        n += 1
        doc.add_heading(f"{n}. " + t.gettext("Changes since %(date)s") % {"date": r.since_text}, level=1)
        if r.changes:
            table = self._table([t.gettext("Date"), t.gettext("State"), t.gettext("Instrument"), t.gettext("Action")],
                                widths=(35, 50, 75, 100))
            for e in r.changes:
                cells = table.add_row().cells
                self._cant_split(table.rows[-1])
                for cell, text in zip(cells, (e.date_text, e.state_name, e.short_name, _action(e)), strict=True):
                    self._text(cell, text)
        else:
            doc.add_paragraph(t.gettext("No action recorded in this period."))

        n += 1
        doc.add_heading(f"{n}. {t.gettext('Open gaps by State')}", level=1)
        self._lead(t.gettext("In the order to act on them: an instrument another one requires comes first. "
                             "Each is tied to the paragraph of the document that recommends it."))
        for s in r.gaps:
            doc.add_heading(s.name, level=2)
            if not s.gaps:
                doc.add_paragraph(t.gettext("No gaps") + ".")
                continue
            table = self._table(["#", t.gettext("Instrument"), t.gettext("Gap"), t.gettext("Next step"),
                                 t.gettext("Recommended by")], widths=(8, 55, 65, 85, 45))
            for g in s.gaps:
                cells = table.add_row().cells
                self._cant_split(table.rows[-1])
                self._text(cells[0], str(g.number))
                self._text(cells[1], g.short_name)
                self._text(cells[2], g.kind_label, g.limitation or "")
                self._text(cells[3], g.next_step)
                self._text(cells[4], "; ".join(b.text for b in g.basis))

        if r.procedure_columns:
            n += 1
            doc.add_heading(f"{n}. {t.gettext('Complaint and inquiry procedures')}", level=1)
            self._lead(t.gettext("On %(date)s: each complaint or inquiry procedure of the instruments, accepted by "
                                 "each State (with the date) or not.") % {"date": r.as_of_text})
            keys = [f"P{i}" for i in range(1, len(r.procedure_columns) + 1)]
            for key, proc in zip(keys, r.procedure_columns, strict=True):
                self._indented(f"{key}: ", f"{proc.label} ({proc.kind_label})")
            widths, head_size = _fit_columns(keys, 261 - 40, 7.0)
            table = self._table([t.gettext("State"), *keys], widths=(40, *widths), size=7.0, head_size=head_size,
                                tight=True)
            for prow in r.procedure_rows:
                cells = table.add_row().cells
                self._cant_split(table.rows[-1])
                self._text(cells[0], prow.name)
                for cell, answer in zip(cells[1:], prow.cells, strict=True):
                    self._text(cell, answer.text, center=True)
            self._lead(t.gettext("A date: accepted on that date; —: not accepted."))

        n += 1
        doc.add_heading(f"{n}. {t.gettext('Sources and notes')}", level=1)
        self._notes(r.notes)
        self._provenance(r.provenance)
        self._footer_text()

    # -- pieces -----------------------------------------------------------------------------------------

    def _gap(self, g: Any) -> None:
        t = self.t
        doc = self.doc
        head = doc.add_paragraph(style="List Number")
        head.paragraph_format.keep_with_next = True
        head.add_run(g.short_name).bold = True
        head.add_run(f" — {g.kind_label}")
        self._indented(f"{t.gettext('Next step:')} ", g.next_step)
        if g.situation:
            self._indented("", g.situation)
        if g.limitation:
            para = self._indented("", g.limitation)
            for run in para.runs:
                run.bold = True
        for b in g.basis:
            quote = f" — {b.quote}" if b.quote else ""
            where = f", {b.paragraph}" if b.paragraph else ""
            self._indented(f"{t.gettext('Recommended by:')} ", f"{b.name}{where}{quote}")
        for note in g.notes:
            para = self._indented("", note)
            for run in para.runs:
                run.font.size = _pt(8.5)

    def _indented(self, label: str, text: str) -> Any:
        para = self.doc.add_paragraph()
        para.paragraph_format.left_indent = _mm(6)
        para.paragraph_format.space_after = _pt(1)
        if label:
            r = para.add_run(label)
            r.font.color.rgb = _rgb("5B6470")
        para.add_run(text)
        return para

    def _sources(self, items: tuple[DataSourceItem, ...]) -> None:
        t = self.t
        table = self._table([t.gettext("Instrument"), t.gettext("Source"), t.gettext("Status as at")],
                            widths=(55, 85, 34), size=8)
        for s in items:
            cells = table.add_row().cells
            self._cant_split(table.rows[-1])
            self._text(cells[0], s.short_name)
            self._text(cells[1], s.title or s.publisher)
            if s.note:
                self._refs(cells[1].paragraphs[0], (s.note,))
            self._text(cells[2], s.as_of_text + (" (!)" if s.stale else ""))
        if any(s.stale for s in items):
            para = self.doc.add_paragraph()
            self._shade_paragraph(para, _SHADE["caution"])
            para.add_run("(!) ").bold = True
            para.add_run(t.gettext("The data for the instruments marked ! is more than a year older than this "
                                   "document: actions taken since are not included. Check the UN Treaty Collection "
                                   "before relying on them."))

    def _notes(self, notes: tuple[Note, ...]) -> None:
        t = self.t
        for n in notes:
            para = self.doc.add_paragraph()
            para.paragraph_format.left_indent = _mm(7)
            para.paragraph_format.first_line_indent = _mm(-7)
            para.paragraph_format.space_after = _pt(2)
            self._bookmark(para, _note_anchor(n.number))
            para.add_run(f"{n.number}.\t").bold = True
            if n.kind == "source":
                text = n.title + (f" — {n.publisher}" if n.publisher else "")
                if n.as_of_text:
                    text += f" ({t.gettext('status as at')} {n.as_of_text})"
                run = para.add_run(text + ".")
                run.font.size = _pt(8.5)
                if n.url:
                    para.add_run(" ").font.size = _pt(8)
                    self._link(para, n.url, url=n.url, size=8)
                if n.detail:
                    para.add_run(" " + n.detail).font.size = _pt(7.5)
            else:
                head = para.add_run(n.title + (f" ({n.about})" if n.about else ""))
                head.bold = True
                head.font.size = _pt(8.5)
                if n.kind == "depositary" and self.t.code != "en":
                    para.add_run(" " + t.gettext("[in the depositary’s language]")).font.size = _pt(8)
                elif n.kind == "record" and self.t.code != "en":
                    para.add_run(" " + t.gettext("[the data’s note, in English]")).font.size = _pt(8)
                para.add_run(": " + " ".join(n.paragraphs)).font.size = _pt(8.5)

    def _obligations(self, n: int, ob: Any) -> None:
        """The first section: the scope of international obligations, as the UN's UPR compilation lays it out."""
        t = self.t
        self.doc.add_heading(f"{n}. {t.gettext('Scope of international obligations')}", level=1)
        if ob.since:
            self._lead(t.gettext("As the UN’s compilation for the Universal Periodic Review lays it out, against the "
                                 "previous review (%(date)s).") % {"date": ob.since_text})
            if ob.caveat:
                self._lead(ob.caveat)
        else:
            self._lead(t.gettext("As the UN’s compilation for the Universal Periodic Review lays it out."))
        for table_view in ob.tables:
            self.doc.add_heading(table_view.title, level=2)
            heads = ["", ob.columns[0], *([ob.columns[1]] if ob.since else []), ob.columns[2]]
            widths = (40, 45, 45, 44) if ob.since else (40, 67, 67)
            table = self._table(heads, widths=widths)
            for r in table_view.rows:
                cells = table.add_row().cells
                self._cant_split(table.rows[-1])
                self._text(cells[0], r.label, bold=True)
                values = [r.before, *([r.after] if ob.since else []), r.not_done]
                for cell, items in zip(cells[1:], values, strict=True):
                    self._text(cell, "; ".join(items) or "—")

    def _provenance(self, items: tuple[Any, ...]) -> None:
        """The annex "Provenance of the data": how ratify obtained each record the notes cite."""
        if not items:
            return
        t = self.t
        self.doc.add_heading(t.gettext("Annex: provenance of the data"), level=1)
        self._lead(t.gettext("The notes above cite the depositary’s records. This annex says how ratify obtained "
                             "them: which copy of each record it read."))
        for item in items:
            para = self.doc.add_paragraph()
            para.add_run(t.gettext("Note %(number)s") % {"number": item.note} + ": ").bold = True
            para.add_run(item.text + (f" {item.url}" if item.url else "")).font.size = _pt(8)

    def _footer_text(self) -> None:
        para = self.doc.add_paragraph()
        para.paragraph_format.space_before = _pt(12)
        run = para.add_run(self.t.gettext("Prepared on %(date)s with ratify from the depositary records listed under "
                                          "“Sources and notes”. It states the facts recorded there; it is not legal "
                                          "advice.") % {"date": self.ctx.date_text})
        run.italic = True
        run.font.size = _pt(8)

    def _kicker(self, text: str) -> None:
        para = self.doc.add_paragraph()
        run = para.add_run(text.upper())
        run.font.size = _pt(8.5)
        run.font.color.rgb = _rgb("5B6470")
        para.paragraph_format.space_after = _pt(0)

    def _field(self, label: str, value: str) -> None:
        para = self.doc.add_paragraph()
        para.paragraph_format.space_after = _pt(1)
        r = para.add_run(f"{label}: ")
        r.bold = True
        para.add_run(value)

    def _lead(self, text: str) -> None:
        para = self.doc.add_paragraph()
        para.paragraph_format.keep_with_next = True  # never alone at the foot of a page
        run = para.add_run(text)
        run.italic = True
        run.font.color.rgb = _rgb("5B6470")

    def _table(self, headers: list[str], widths: tuple[float, ...], size: float = 8.5,
               head_size: float | None = None, tight: bool = False) -> Any:
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.autofit = False
        if tight:
            self._cell_margins(table, _TIGHT_MARGINS_MM / 2)
        margins = _TIGHT_MARGINS_MM if tight else _CELL_MARGINS_MM
        self._size = size
        for cell, text, width in zip(table.rows[0].cells, headers, widths, strict=True):
            self._size = _header_size(text, width, head_size or size, margins=margins)
            self._text(cell, text, bold=True)
            self._size = size
            self._shade(cell, _SHADE["header"])
            cell.width = _mm(width)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = _mm(width)
        self._cant_split(table.rows[0])  # w:cantSplit comes before w:tblHeader in the schema's order
        self._repeat_header(table.rows[0])
        return table

    def _text(self, cell: Any, text: str, small: str = "", *, bold: bool = False, center: bool = False) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        para = cell.paragraphs[0]
        run = para.add_run(text)
        run.bold = bold
        run.font.size = _pt(getattr(self, "_size", 8.5))
        if center:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_after = _pt(0)
        if small:
            extra = cell.add_paragraph()
            r = extra.add_run(small)
            r.font.size = _pt(7.5)
            r.font.color.rgb = _rgb("5B6470")
            extra.paragraph_format.space_after = _pt(0)

    def _refs(self, para: Any, numbers: tuple[int, ...]) -> None:
        """Superscript note numbers, each a link to its note (a bookmark under "Sources and notes")."""
        for i, n in enumerate(numbers):
            if i:
                para.add_run(",").font.superscript = True
            self._link(para, str(n), anchor=_note_anchor(n), superscript=True)

    def _link(self, para: Any, text: str, *, url: str | None = None, anchor: str | None = None,
              superscript: bool = False, size: float | None = None) -> None:
        """A hyperlink run: to a web address (`url`) or to a bookmark of this document (`anchor`)."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        link = OxmlElement("w:hyperlink")
        if url is not None:
            link.set(qn("r:id"), self.doc.part.relate_to(url, RT.HYPERLINK, is_external=True))
        else:
            link.set(qn("w:anchor"), str(anchor))
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        color = OxmlElement("w:color")
        color.set(qn("w:val"), "1F4E79")
        rpr.append(color)
        if url is not None:
            underline = OxmlElement("w:u")
            underline.set(qn("w:val"), "single")
            rpr.append(underline)
        if size is not None:
            sz = OxmlElement("w:sz")
            sz.set(qn("w:val"), str(round(size * 2)))
            rpr.append(sz)
        if superscript:
            va = OxmlElement("w:vertAlign")
            va.set(qn("w:val"), "superscript")
            rpr.append(va)
        run.append(rpr)
        t = OxmlElement("w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        run.append(t)
        link.append(run)
        para._p.append(link)

    def _bookmark(self, para: Any, name: str) -> None:
        """A bookmark around the start of `para`, the target of the links to it."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self._bookmarks = getattr(self, "_bookmarks", 0) + 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self._bookmarks))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self._bookmarks))
        ppr = para._p.pPr
        if ppr is not None:
            ppr.addnext(start)
        else:
            para._p.insert(0, start)
        start.addnext(end)

    # -- Word XML the python-docx API does not reach ------------------------------------------------------

    def _clean_package(self) -> None:
        """Drop what python-docx's template brings along: its blank thumbnail, and an application
        ("Microsoft Macintosh Word") and page and word counts that are not this document's."""
        package = self.doc.part.package
        for rid, rel in list(package.rels.items()):
            if rel.reltype.endswith("/metadata/thumbnail"):
                package.rels.pop(rid)
            elif rel.reltype.endswith("/extended-properties"):
                rel.target_part._blob = (
                    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                    b"<Application>ratify</Application></Properties>"
                )
        for rid, rel in list(self.doc.part.rels.items()):  # an empty bibliography in the APA style
            if rel.reltype.endswith("/relationships/customXml"):
                self.doc.part.rels.pop(rid)

    def _language(self, tag: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        styles = self.doc.styles.element
        rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), tag)

    def _page_numbers(self, section: Any) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        para = section.footer.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for i, instr in enumerate(("PAGE", "NUMPAGES")):
            if i:
                para.add_run(" / ")
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), instr)
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field.append(run)
            para._p.append(field)

    @staticmethod
    def _cell_margins(table: Any, mm: float) -> None:
        """Left and right margins of every cell of `table` (w:tblCellMar), in millimetres."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            m = OxmlElement(f"w:{side}")
            m.set(qn("w:w"), str(round(mm * 1440 / 25.4)))
            m.set(qn("w:type"), "dxa")
            margins.append(m)
        tblpr = table._tbl.tblPr
        layout = tblpr.find(qn("w:tblLayout"))
        (layout if layout is not None else tblpr[-1]).addnext(margins)

    @staticmethod
    def _repeat_header(row: Any) -> None:
        from docx.oxml import OxmlElement

        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))

    @staticmethod
    def _cant_split(row: Any) -> None:
        from docx.oxml import OxmlElement

        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))

    @staticmethod
    def _shade(cell: Any, fill: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shd)

    @staticmethod
    def _shade_paragraph(para: Any, fill: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        para._p.get_or_add_pPr().append(shd)

    def bytes(self) -> bytes:
        """The .docx, with every zip entry dated with the document's date, so equal input gives equal bytes."""
        raw = io.BytesIO()
        self.doc.save(raw)
        raw.seek(0)
        stamp = (self.ctx.date.year, self.ctx.date.month, self.ctx.date.day, 0, 0, 0)
        stamp = max(stamp, (1980, 1, 1, 0, 0, 0))
        out = io.BytesIO()
        with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                entry = zipfile.ZipInfo(info.filename, date_time=stamp)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                dst.writestr(entry, src.read(info.filename))
        return out.getvalue()


def _action(e: Any) -> str:
    text = e.action_label + (f" ×{e.count}" if e.count > 1 else "")
    return f"{text} ({e.detail})" if e.detail else text


# what a cell loses to its margins (Word's default 1.9 mm on each side; 1 mm in a table made `tight`),
# and a generous average width of a bold character in em (capitals and Cyrillic included)
_CELL_MARGINS_MM = 3.9
_TIGHT_MARGINS_MM = 2.1
_BOLD_EM = 0.72  # wide enough for DejaVu Sans Bold capitals, which LibreOffice uses where Calibri is missing
_PT_MM = 25.4 / 72


def _longest_word(text: str) -> float:
    """The longest word of `text` in em of a bold sans-serif (a capital counts 0.9 em, the rest `_BOLD_EM`)."""
    return max((sum(0.9 if c.isupper() else _BOLD_EM for c in w) for w in text.split()), default=0.0)


def _word_mm(text: str, size: float, margins: float = _CELL_MARGINS_MM) -> float:
    """The width a column needs so that the longest word of `text`, in bold at `size` points, is not broken."""
    return _longest_word(text) * size * _PT_MM + margins


def _header_size(text: str, width_mm: float, size: float, smallest: float = 6.0,
                 margins: float = _CELL_MARGINS_MM) -> float:
    """The font size (≤ `size`, ≥ `smallest`, in half points) at which the longest word of a header fits."""
    while size > smallest and _word_mm(text, size, margins) > width_mm:
        size -= 0.5
    return size


def _fit_columns(headers: list[str], available_mm: float, size: float,
                 smallest: float = 6.0) -> tuple[list[float], float]:
    """Widths for columns whose headers are the widest thing in them, and the header size that lets
    every header's longest word fit within `available_mm`; what is left over is shared equally."""
    while size > smallest and sum(_word_mm(h, size, _TIGHT_MARGINS_MM) for h in headers) > available_mm:
        size -= 0.5
    need = [_word_mm(h, size, _TIGHT_MARGINS_MM) for h in headers]
    spare = max(0.0, available_mm - sum(need)) / max(len(headers), 1)
    return [n + spare for n in need], size


def _note_anchor(number: int) -> str:
    return f"note_{number}"


def _pt(size: float) -> Any:
    from docx.shared import Pt

    return Pt(size)


def _mm(size: float) -> Any:
    from docx.shared import Mm

    return Mm(size)


def _rgb(hex_: str) -> Any:
    from docx.shared import RGBColor

    return RGBColor.from_string(hex_)
