"""Country briefs: every Almaty Process state in both languages and all three formats, with the facts a lawyer checks."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from reports_support import ALMATY, DATE, text_of

import ratify

FORMATS = ("html", "md", "docx")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("state", ALMATY)
def test_every_almaty_state_renders(cat, brief, state, lang, fmt):
    document = brief(state, lang, fmt)
    text = text_of(document, fmt)
    st = cat.state(state)
    assert st.name.get(lang) in text
    assert st.formal_name.get(lang)[1:] in text  # capitalised at the start of the header
    for inst in cat.instruments:  # every instrument of the catalogue, by its official short name in that language
        assert inst.short_name.get(lang) in text, inst.id
    if fmt == "html":
        assert document.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in document
    elif fmt == "md":
        assert document.startswith("# ")
    else:
        assert document[:2] == b"PK"


def test_group_is_the_right_members(cat):
    group = cat.group("almaty-process")
    # the eleven states of the 2012 Recommendations, then Pakistan, an observer on UNHCR's page of 2016
    assert group.states == (*ALMATY, "PAK")
    assert group.states_on(dt.date(2012, 12, 31)) == ALMATY
    assert group.states_on(DATE) == (*ALMATY, "PAK")


@pytest.mark.parametrize("fmt", FORMATS)
def test_russian_dates_titles_and_names(brief, fmt):
    text = text_of(brief("KAZ", "ru", fmt), fmt)
    # accession to the 1951 Convention, and its entry into force on the 90th day
    assert "15 января 1999 г." in text and "15 апреля 1999 г." in text
    assert "присоединение" in text and "рассчитано по п. 2 ст. 43" in text  # Russian legal citation
    assert "Конвенция о статусе беженцев" in text  # the official Russian title
    assert "Страновая справка: Казахстан" in text or "Казахстан" in text
    assert "Республика Казахстан" in text
    # its role on the brief's date; the page's title quoted in its own language, the publisher named in Russian
    assert "член (УВКБ ООН, «Almaty Process», 3 октября 2016 г.)" in text
    assert "1 мая 2026 г." in text  # the date of the brief


@pytest.mark.parametrize("fmt", FORMATS)
def test_russian_plurals(brief, fmt):
    kaz = text_of(brief("KAZ", "ru", fmt), fmt)
    assert "4 пробела, требующих действий" in kaz  # + OP-ICESCR, signed 2010
    assert "Государство является участником 21 из 25 международных договоров" in kaz
    uzb = text_of(brief("UZB", "ru", fmt), fmt)
    assert "13 пробелов, требующих действий" in uzb
    # years are counted only to a date the record covers (the human-rights records are as at 3 February 2026)
    on = dt.date(2026, 2, 1)
    kaz = text_of(brief("KAZ", "ru", fmt, as_of=on), fmt)
    assert "(14 лет назад)" in kaz  # the Migrant Workers Convention, recommended since 15 March 2011
    tur = text_of(brief("TUR", "ru", fmt, as_of=on), fmt)
    assert "(21 год назад)" in tur  # the ICRMW reservation of 27 September 2004
    uzb = text_of(brief("UZB", "ru", fmt, as_of=dt.date(2004, 1, 1)), fmt)
    assert "(2 года назад)" in uzb  # signed the Smuggling Protocol on 28 June 2001


@pytest.mark.parametrize("fmt", FORMATS)
def test_turkiye_geographic_limitation_is_spelled_out(brief, fmt):
    text = text_of(brief("TUR", "en", fmt), fmt)
    assert "Declaration limiting the scope (geographic limitation)" in text  # the depositary's kind, the term of art
    assert "events occurring in Europe" in text and "1B(1)(a)" in text
    assert "Extend its obligations by adopting alternative (b) of art. 1B(1)" in text
    # the record is older than the brief: the sentence says what it rests on instead of counting years to today
    assert "In effect since 30 March 1962; not withdrawn according to the depositary's record as at 6 July 2013." in text
    ru = text_of(brief("TUR", "ru", fmt), fmt)
    assert "Оговорка, ограничивающая сферу применения" in ru and "1B(1)(a)" in ru


@pytest.mark.parametrize("fmt", FORMATS)
def test_uzbekistan_refugee_convention_gap_cites_paragraph_4(brief, fmt):
    text = text_of(brief("UZB", "en", fmt), fmt)
    assert ("Accede to the 1951 Refugee Convention, unless done after 6 July 2013, the date of the depositary's "
            "record used.") in text
    assert re.search(r"Recommended by:\s+Almaty Declaration \(2011\), para\. 4", text)
    assert "para. 5, note 1" in text  # the Palermo protocols
    gaps = text.split("Gaps and next steps", 2)[-1]
    assert gaps.index("1951 Refugee Convention") < gaps.index("Smuggling of Migrants Protocol")
    ru = text_of(brief("UZB", "ru", fmt), fmt)
    assert re.search(r"Рекомендовано:\s+Алматинская декларация \(2011\), п\. 4", ru)


@pytest.mark.parametrize("fmt", FORMATS)
def test_sources_and_as_of_dates(cat, brief, fmt):
    text = text_of(brief("KAZ", "en", fmt), fmt)
    assert "UN Treaty Collection, MTDSG V-2" in text
    assert "6 July 2013" in text and "3 February 2026" in text  # each instrument's as-of date
    assert "more than a year older than this document" in text
    # the note cites the depositary's record; the copy read (repository, commit) is in the provenance annex
    assert ("United Nations Treaty Collection, Multilateral Treaties Deposited with the Secretary-General (MTDSG), "
            "chapter V, No. 2") in text
    assert "Annex: provenance of the data" in text and "zmjones/untreaties" in text
    if fmt != "docx":
        assert "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY" in text


def test_corrections_cite_their_own_sources(brief):
    md = brief("CHL", "en", "md")  # Chile's accession to the 1954 Convention comes from a later correction
    row = next(line for line in md.splitlines() if line.startswith("| **1954 Statelessness Convention**"))
    assert "11 April 2018 (accession)" in row and "10 July 2018" in row
    number = re.search(r"\[\^(\d+)\]", row).group(1)
    note = next(line for line in md.splitlines() if line.startswith(f"[^{number}]:"))
    assert "Statement of Treaties and International Agreements" in note and "April 2018" in note
    assert "Note on the data" in md and "Copy read: huyn8/untreaties2 2018/2018-4.txt" in md


def test_footnotes_are_linked_in_html(brief):
    html = brief("TUR", "en", "html")
    refs = set(re.findall(r'href="#note-(\d+)"', html))
    notes = set(re.findall(r'id="note-(\d+)"', html))
    assert refs and refs <= notes
    assert notes == {str(n) for n in range(1, len(notes) + 1)}


def test_markdown_footnotes_are_defined(brief):
    md = brief("CHN", "en", "md")
    refs = set(re.findall(r"\[\^(\d+)\](?!:)", md))
    defined = set(re.findall(r"^\[\^(\d+)\]:", md, flags=re.MULTILINE))
    assert refs and refs <= defined
    assert "Depositary note" in md  # China's depositary footnotes (Hong Kong, Macao)


def test_chronology_in_date_order(brief):
    text = text_of(brief("TUR", "en", "md"), "md")
    section = text.split("Chronology", 1)[1].split("Sources and notes", 1)[0]
    dates = [dt.datetime.strptime(d, "%d %B %Y").date()
             for d in re.findall(r"^\| (\d{1,2} [A-Z][a-z]+ \d{4}) \|", section, flags=re.MULTILINE)]
    assert dates[0] == dt.date(1951, 8, 24) and dates == sorted(dates)
    assert "Declaration ×4" in section  # same-day declarations to the ICRMW are one line


def test_as_of_a_past_date(cat):
    text = ratify.render_brief(cat, "TUR", "en", "md", as_of=dt.date(2011, 3, 15), date=DATE)
    assert "**Status on the date asked for:** 15 March 2011" in text
    status = text.split("## 2.")[1].split("## 3.")[0]  # after the scope of international obligations
    row = next(line for line in status.splitlines() if line.startswith("| **1954 Statelessness Convention**"))
    assert "no action" in row and "2015" not in row
    assert "26 March 2015" not in text.split("Chronology", 1)[1]


def test_docx_has_real_headings_and_tables(brief):
    import io

    import docx

    doc = docx.Document(io.BytesIO(brief("KAZ", "ru", "docx")))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "1. Сфера охвата международных обязательств"
    assert "2. Статус документов" in headings and "6. Источники и примечания" in headings
    assert doc.paragraphs[1].style.name == "Title" and doc.paragraphs[1].text == "Казахстан"
    status = next(t for t in doc.tables if t.rows[0].cells[0].text == "Документ" and len(t.columns) == 5)
    first = status.rows[1].cells
    assert first[0].text.startswith("Конвенция 1951 года о статусе беженцев")
    assert "15 января 1999 г." in first[2].text
    assert doc.core_properties.title == "Страновая справка: Казахстан"
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_bad_options_are_ratify_errors(cat):
    from ratify.present.documents import ReportError

    with pytest.raises(ReportError, match="unknown language 'fr'"):
        ratify.render_brief(cat, "KAZ", lang="fr")
    with pytest.raises(ReportError, match="unknown format 'odt'"):
        ratify.render_brief(cat, "KAZ", fmt="odt")
    with pytest.raises(ratify.UnknownNameError):
        ratify.render_brief(cat, "Narnia")
    with pytest.raises(ReportError, match="as_of must be a date"):
        ratify.render_brief(cat, "KAZ", as_of="2020-01-01")  # type: ignore[arg-type]
    assert issubclass(ReportError, ratify.RatifyError)


def test_missing_python_docx_is_a_clear_error(cat, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "docx", None)
    # the same error as any missing optional dependency: it names the extra to install
    with pytest.raises(ratify.MissingExtraError, match=r"docx.*pip install 'ratify-treaties\[docx\]'"):
        ratify.render_brief(cat, "KAZ", fmt="docx", date=DATE)


def test_import_ratify_loads_no_template_engine():
    import subprocess
    import sys

    code = ("import sys, ratify; heavy = sorted({m.split('.')[0] for m in sys.modules} & "
            "{'jinja2', 'babel', 'docx', 'markupsafe', 'lxml'}); print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert "render_brief" in ratify.__all__ and "render_report" in ratify.__all__
