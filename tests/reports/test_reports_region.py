"""The regional report: the matrix with coverage, changes since a date, each state's open gaps."""

from __future__ import annotations

import datetime as dt

import pytest
from reports_support import DATE, text_of

import ratify


@pytest.mark.parametrize("fmt", ["html", "md", "docx"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_region_renders(cat, lang, fmt):
    document = ratify.render_report(cat, "almaty-process", lang=lang, fmt=fmt, date=DATE)
    text = text_of(document, fmt)
    for code in cat.group("almaty-process").states_on(DATE):
        assert cat.state(code).name.get(lang) in text
    for inst in cat.instruments_of(binding=True):
        assert inst.short_name.get(lang) in text
    assert ("67%" if lang == "en" else "67\u00a0%") in text  # overall coverage: the twelve states on the date, 25 binding instruments
    assert ("15 March 2011" if lang == "en" else "15 марта 2011 г.") in text  # changes since the Declaration


def test_region_content(cat):
    md = ratify.render_report(cat, lang="en", fmt="md", date=DATE)
    row = next(line for line in md.splitlines() if line.startswith("| Uzbekistan |"))
    assert row.split("|")[2].strip() == "–" and row.rstrip().endswith("| 52% |")  # 13 of 25
    # party to all ten of the Declaration's instruments and 12 of the 15 core treaties (signed OP-ICESCR and
    # CED, no action on OPIC)
    assert "| Azerbaijan | P | P | P | P | P | P | P | P | P | P | P | P | P | P | P | P | P | P | S | S | – | P | P | P | P | 88% |" in md
    assert "| 26 March 2015 | Türkiye | 1954 Statelessness Convention | Accession |" in md
    changes = md.split("## 2.", 1)[1].split("## 3.", 1)[0]
    assert "2008" not in changes  # nothing before --since
    gaps = md.split("## 3.", 1)[1]
    assert "### Uzbekistan" in gaps and "Accede to the 1951 Refugee Convention, unless done after" in gaps


def test_region_russian_symbols_and_since(cat):
    md = ratify.render_report(cat, lang="ru", fmt="md", since=dt.date(2014, 1, 1), date=DATE)
    assert "| Азербайджан | У | У | У | У | У | У | У | У | У | У | У | У | У | У | У | У | У | У | П | П | – | У | У | У | У | 88\u00a0% |" in md
    assert "**У** участник" in md and "Изменения с 1 января 2014 г." in md
    assert "Туркменистан | Конвенция 1954" not in md  # its accession of 2011 is before --since


def test_region_window_must_be_in_order(cat):
    with pytest.raises(ratify.RatifyError, match="before it starts"):
        ratify.render_report(cat, since=dt.date(2020, 1, 1), as_of=dt.date(2019, 1, 1), date=DATE)


def test_other_group(cat):
    md = ratify.render_report(cat, "central-asia", fmt="md", date=DATE)
    assert md.startswith("# Regional report: Central Asia")
    assert "Türkiye" not in md


_PROCEDURES = {"en": ("Complaint and inquiry procedures", "CAT, art. 22", "individual communications",
                      "21 February 2008", "Kazakhstan"),
               "ru": ("Процедуры рассмотрения сообщений и расследования", "CAT, ст. 22", "индивидуальные сообщения",
                      "21 февраля 2008 г.", "Казахстан")}


@pytest.mark.parametrize("fmt", ["html", "md", "docx"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_region_procedures(cat, lang, fmt):
    """The section of the procedures: Kazakhstan declared under art. 22 of the CAT on 21 February 2008."""
    title, column, kind, date, _ = _PROCEDURES[lang]
    text = text_of(ratify.render_report(cat, "almaty-process", lang=lang, fmt=fmt, date=DATE), fmt)
    assert title in text and column in text and kind in text and date in text


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_region_procedures_matrix(cat, lang):
    """In the Markdown matrix, Kazakhstan's cell under CAT art. 22 holds the date of its declaration, and a
    procedure it has not accepted (the Migrant Workers Convention's art. 77) a dash."""
    title, column, kind, date, state = _PROCEDURES[lang]
    md = ratify.render_report(cat, "almaty-process", lang=lang, fmt="md", date=DATE)
    section = md.split(title, 1)[1]
    keys = {line.split("**")[2].lstrip(": ").strip(): line.split("**")[1]
            for line in section.splitlines() if line.startswith("- **P")}
    head = next(line for line in section.splitlines() if line.startswith("| ") and " P1 |" in line)
    row = next(line for line in section.splitlines() if line.startswith(f"| {state} |"))
    index = [c.strip() for c in head.split("|")].index(keys[f"{column} ({kind})"])
    assert [c.strip() for c in row.split("|")][index] == date
    mwc = next(k for label, k in keys.items() if label.startswith(cat.instrument("icrmw-1990").short_name.get(lang))
               and "77" in label)
    assert [c.strip() for c in row.split("|")][[c.strip() for c in head.split("|")].index(mwc)] == "—"
    # the same facts as the query
    kaz = {(r.instrument.id, r.article): r for r in cat.procedures("KAZ", DATE)}
    assert kaz[("cat-1984", "art. 22")].date == dt.date(2008, 2, 21)
    assert not kaz[("icrmw-1990", "art. 77")].accepted
