"""Every brief of the eleven states of the 2012 Almaty Process and the regional report, in both languages and
every format, renders; PDFs embed their fonts and carry extractable Cyrillic; Word files are clean.

PDF takes seconds per document, so by default only a few are made here; `RATIFY_ALL_PDF=1` makes all 24
(about two minutes on two CPUs). The PDF tests skip, saying why, where WeasyPrint or Pango is missing.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable

import pytest
from reports_support import ALMATY, DATE, text_of

import ratify
from ratify.cli import main
from ratify.extras import MissingExtraError

ALL_PDF = os.environ.get("RATIFY_ALL_PDF") == "1"
PDF_SAMPLE = {("KAZ", "ru"), ("TUR", "en"), ("region", "ru")}  # the default run's PDFs
DOCUMENTS = [(s, lang) for s in (*ALMATY, "region") for lang in ("en", "ru")]


@pytest.fixture(scope="module")
def document(cat: ratify.Catalog) -> Callable[[str, str, str], str | bytes]:
    cache: dict[tuple[str, str, str], str | bytes] = {}

    def render(state: str, lang: str, fmt: str) -> str | bytes:
        key = (state, lang, fmt)
        if key not in cache:
            if state == "region":
                cache[key] = ratify.render_report(cat, lang=lang, fmt=fmt, date=DATE)
            else:
                cache[key] = ratify.render_brief(cat, state, lang=lang, fmt=fmt, date=DATE)
        return cache[key]

    return render


def _name(cat: ratify.Catalog, state: str, lang: str) -> str:
    if state == "region":
        group = cat.default_group
        assert group is not None
        return group.name.get(lang)
    return cat.state(state).name.get(lang)


def _pdf_or_skip() -> None:
    from ratify.present.documents.pdf import load_weasyprint

    try:
        load_weasyprint()
    except MissingExtraError as exc:
        pytest.skip(f"PDF not available here: {exc}")


@pytest.mark.parametrize("fmt", ["html", "md", "docx"])
@pytest.mark.parametrize(("state", "lang"), DOCUMENTS)
def test_every_document_renders(cat: ratify.Catalog, document: Callable[[str, str, str], str | bytes],
                                state: str, lang: str, fmt: str) -> None:
    doc = document(state, lang, fmt)
    text = text_of(doc, fmt)
    assert _name(cat, state, lang) in text
    if lang == "ru":
        assert "Источник" in text or "Источники" in text


@pytest.mark.parametrize(("state", "lang"), [
    pytest.param(s, lang, marks=() if ALL_PDF or (s, lang) in PDF_SAMPLE else pytest.mark.skip(
        reason="one PDF of each kind by default; RATIFY_ALL_PDF=1 renders all of them"))
    for s, lang in DOCUMENTS])
def test_every_pdf(cat: ratify.Catalog, document: Callable[[str, str, str], str | bytes],
                   state: str, lang: str) -> None:
    _pdf_or_skip()
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDFs back (the test extra)")
    data = document(state, lang, "pdf")
    assert isinstance(data, bytes) and data.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    fonts = _fonts(reader)
    assert fonts and all(embedded for embedded in fonts.values()), fonts
    assert any("DejaVu" in name or "Liberation" in name for name in fonts)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert _name(cat, state, lang) in re.sub(r"\s+", " ", text)
    if lang == "ru":
        assert re.search(r"[А-Яа-яЁё]{5,}", text) and "Источники и примечания" in text
    # no page that holds only the closing line: the last page carries some of the notes too
    last = reader.pages[-1].extract_text()
    assert len(re.sub(r"\s+", "", last)) > 200
    meta = reader.metadata
    assert meta is not None and meta.title and _name(cat, state, lang) in meta.title


def _fonts(reader: object) -> dict[str, bool]:
    """Every font of every page, and whether its program is embedded (/FontFile, /FontFile2, /FontFile3)."""
    found: dict[str, bool] = {}
    for page in reader.pages:  # type: ignore[attr-defined]
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for ref in (fonts.get_object().values() if fonts is not None else ()):
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            for f in ([d.get_object() for d in descendants.get_object()] if descendants is not None else [font]):
                desc = f.get("/FontDescriptor")
                desc = desc.get_object() if desc is not None else {}
                found[str(f.get("/BaseFont"))] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def test_pdf_from_the_command_line(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    _pdf_or_skip()
    out = tmp_path / "kaz.pdf"  # type: ignore[operator]
    assert main(["brief", "KAZ", "--lang", "ru", "-o", str(out), "--date", DATE.isoformat()]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert main(["brief", "KAZ", "--format", "pdf"]) == 1  # never to a terminal
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == "ratify: error: a PDF document cannot go to the terminal: give -o FILE.pdf"


def test_pdf_never_fetches_anything(cat: ratify.Catalog) -> None:
    """Nothing a document or a template names is fetched while its PDF is made: not the network, not a file."""
    _pdf_or_skip()
    import http.server
    import threading

    from ratify.present.documents.pdf import html_to_pdf

    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        page = (f'<html><head><link rel="stylesheet" href="{url}/style.css">'
                f'<style>@import url("{url}/more.css"); body {{ background: url("{url}/bg.png") }}</style></head>'
                f'<body><p>Казахстан</p><img src="{url}/x.png"><img src="file:///etc/hostname"></body></html>')
        data = html_to_pdf(page, title="t", lang="ru")
    finally:
        server.shutdown()
    assert hits == []
    assert data.startswith(b"%PDF-")


def test_a_missing_weasyprint_names_the_extra(monkeypatch: pytest.MonkeyPatch, cat: ratify.Catalog) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it were not installed
    with pytest.raises(MissingExtraError) as exc:
        ratify.render_brief(cat, "KAZ", fmt="pdf")
    assert "\n" not in str(exc.value) and "pip install 'ratify-treaties[pdf]'" in str(exc.value)


def test_a_missing_pango_names_the_system_packages(monkeypatch: pytest.MonkeyPatch, cat: ratify.Catalog) -> None:
    import sys

    class NoPango:
        def find_spec(self, name: str, path: object = None, target: object = None) -> None:
            if name == "weasyprint":
                raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")

    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [NoPango(), *sys.meta_path])
    with pytest.raises(MissingExtraError) as exc:
        ratify.render_brief(cat, "KAZ", fmt="pdf")
    message = str(exc.value)
    assert "\n" not in message and "Pango" in message and "apt-get install libpango-1.0-0" in message


# -- Word --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("state", "lang"), [("KAZ", "ru"), ("TUR", "en"), ("region", "ru")])
def test_word_notes_links_and_properties(document: Callable[[str, str, str], str | bytes],
                                         cat: ratify.Catalog, state: str, lang: str) -> None:
    data = document(state, lang, "docx")
    assert isinstance(data, bytes)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        body = z.read("word/document.xml").decode("utf-8")
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
        app = z.read("docProps/app.xml").decode("utf-8")
        core = z.read("docProps/core.xml").decode("utf-8")
        package_rels = z.read("_rels/.rels").decode("utf-8")
    # no template leftovers
    assert not any("thumbnail" in n or n.startswith("customXml/") for n in names)
    assert "thumbnail" not in package_rels and "Macintosh" not in app and "<Application>ratify</Application>" in app
    # properties: the document's title, language and date; made by ratify
    assert f"<dc:title>{_html_title(document(state, lang, 'html'))}</dc:title>" in core
    assert f"<dc:language>{'ru-RU' if lang == 'ru' else 'en-GB'}</dc:language>" in core
    assert f"{DATE.isoformat()}T00:00:00Z</dcterms:created>" in core and "<dc:creator>ratify</dc:creator>" in core
    assert "lastPrinted" not in core and "python-docx" not in core  # never printed; nothing of the template
    # every note reference links to a bookmark on its note; every note is a bookmark
    anchors = set(re.findall(r'<w:hyperlink w:anchor="(note_\d+)"', body))
    marks = set(re.findall(r'<w:bookmarkStart w:id="\d+" w:name="(note_\d+)"/>', body))
    assert anchors and anchors <= marks
    # the depositary's pages are real hyperlinks
    links = re.findall(r'Type="[^"]+/hyperlink" Target="([^"]+)" TargetMode="External"', rels)
    assert any(t.startswith("https://treaties.un.org/") for t in links)


def _html_title(page: str | bytes) -> str:
    """The title of the HTML document (the same context gives the Word document its title)."""
    import html
    from xml.sax.saxutils import escape

    found = re.search(r"<title>(.*?)</title>", str(page))
    assert found is not None
    return escape(html.unescape(found.group(1)))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_word_headers_never_break_inside_a_word(document: Callable[[str, str, str], str | bytes],
                                                lang: str) -> None:
    """Each header cell is at least as wide as its longest word needs at its font size (with margins)."""
    import docx
    from docx.shared import Mm

    from ratify.present.documents.docx import _word_mm

    data = document("region", lang, "docx")
    assert isinstance(data, bytes)
    doc = docx.Document(io.BytesIO(data))
    checked = 0
    for table in doc.tables:
        tight = table._tbl.tblPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblCellMar") is not None
        for column, cell in zip(table.columns, table.rows[0].cells, strict=True):
            runs = [r for p in cell.paragraphs for r in p.runs]
            size = runs[0].font.size.pt if runs and runs[0].font.size else 8.5
            need = _word_mm(cell.text, size, 2.1 if tight else 3.9)
            assert column.width is not None and column.width >= Mm(need) - Mm(0.05), (cell.text, size)
            checked += 1
    assert checked > 10
