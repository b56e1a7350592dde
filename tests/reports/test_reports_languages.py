"""Languages are catalogues: ordinals and plurals by CLDR, and a third language with no code change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reports_support import DATE

import ratify
from ratify.model.records import Rule, RuleKind
from ratify.present.i18n import LOCALE_PATH_VARIABLE, available_languages, language
from ratify.present.phrases import rule_text


def days(n: int, lang: str = "en") -> str:
    return rule_text(Rule(RuleKind.DAYS_AFTER, "art. 1", n, not_before_entry_into_force=False), language(lang))


def months(n: int, lang: str = "en") -> str:
    return rule_text(Rule(RuleKind.MONTHS_AFTER, "art. 1", n, not_before_entry_into_force=False), language(lang))


@pytest.mark.parametrize(("n", "word"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                                         (12, "12th"), (13, "13th"), (21, "21st"), (22, "22nd"), (23, "23rd"),
                                         (30, "30th"), (90, "90th"), (101, "101st"), (111, "111th")])
def test_english_ordinals_come_from_cldr_categories(n, word):
    assert days(n) == f"on the {word} day after deposit (art. 1)"


@given(st.integers(1, 10_000))
def test_every_english_ordinal_takes_the_suffix_of_its_last_digits(n):
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    assert days(n).startswith(f"on the {n}{suffix} day")


@pytest.mark.parametrize(("n", "words"), [(1, "через 1 месяц "), (3, "через 3 месяца "), (6, "через 6 месяцев "),
                                          (11, "через 11 месяцев "), (21, "через 21 месяц "),
                                          (24, "через 24 месяца ")])
def test_russian_months_take_their_plural_form(n, words):
    assert months(n, "ru").startswith(words)
    assert months(n, "ru").endswith("(ст. 1)")


def test_rules_of_the_data_in_words(cat: ratify.Catalog):
    assert cat.instrument("V-2").entry_into_force_rule.describe("ru").startswith("на 90-й день после сдачи")
    iccpr = cat.instrument("IV-4").entry_into_force_rule
    assert iccpr.describe() == ("3 months after deposit, not before the instrument's own entry into force "
                                f"({iccpr.article})")
    assert iccpr.describe("ru").startswith("через 3 месяца после сдачи на хранение")
    assert months(1) == "1 month after deposit (art. 1)"
    first = Rule(RuleKind.FIRST_OF_MONTH_AFTER_MONTHS, "art. 87(2)", 3)
    assert "по истечении 3 месяцев" in first.describe("ru") and "(п. 2 ст. 87)" in first.describe("ru")


FRENCH = r'''
msgid ""
msgstr ""
"Language: fr\n"
"Content-Type: text/plain; charset=utf-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgid "Country brief: %(state)s"
msgstr "Fiche pays : %(state)s"

msgid "party"
msgstr "partie"

msgctxt "next step"
msgid "accede to"
msgstr "adhérer"

msgid "%(num)d year ago"
msgid_plural "%(num)d years ago"
msgstr[0] "il y a %(num)d an"
msgstr[1] "il y a %(num)d ans"
'''


def _catalogue(root: Path, code: str, compiled: bool) -> Path:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    folder = root / code / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "ratify.po").write_text(FRENCH, encoding="utf-8")
    if compiled:
        with (folder / "ratify.po").open("rb") as fh:
            catalog = read_po(fh, locale=code)
        (folder / "ratify.po").unlink()
        with (folder / "ratify.mo").open("wb") as fh:
            write_mo(fh, catalog)
    return root


def test_a_third_language_is_a_catalogue_in_the_locale_path(cat, tmp_path, monkeypatch):
    assert "fr" not in available_languages()
    monkeypatch.setenv(LOCALE_PATH_VARIABLE, str(_catalogue(tmp_path, "fr", compiled=False)))
    assert available_languages() == ("en", "fr", "ru")
    md = ratify.render_brief(cat, "KAZ", lang="fr", fmt="md", date=DATE)
    assert isinstance(md, str)
    assert "Fiche pays : Kazakhstan" in md  # translated; the name has no French in the data: English
    assert "1 mai 2026" in md  # dates by Babel in French
    assert "partie" in md  # the one vocabulary's status label, translated
    assert "Gaps and next steps" in md  # what the catalogue lacks stays English
    gaps = cat.gaps("UZB")
    assert gaps[0].next_step("fr") == "adhérer" and gaps[0].text("fr").startswith("1951 Refugee Convention — adhérer.")
    # counted in years when the record is as recent as the date asked for (the Migrant Workers Convention's of
    # 3 February 2026); from an older record, the sentence gives the record's date instead
    recent = next(g for g in cat.gaps("UZB", as_of=dt.date(2026, 2, 1)) if g.instrument.id == "icrmw-1990")
    assert "il y a 14 ans" in recent.text("fr")
    assert "juillet 2013" in gaps[0].text("fr")


def test_a_compiled_catalogue_given_as_an_argument(tmp_path):
    root = _catalogue(tmp_path, "fr", compiled=True)
    fr = language("fr", locale_path=root)
    assert fr.gettext("party") == "partie" and fr.gettext("signatory") == "signatory"
    assert fr.ngettext("%(num)d year ago", "%(num)d years ago", 2) == "il y a 2 ans"
    assert fr.date(dt.date(2011, 3, 15)) == "15 mars 2011"


def test_an_unknown_language_names_the_ones_found():
    with pytest.raises(ratify.RatifyError, match="'xx'.*en, ru"):
        ratify.render_brief(ratify.load(), "KAZ", lang="xx", fmt="md")


def test_localized_is_a_mapping_with_english_fallback():
    text = ratify.Localized({"en": "Refugees", "ru": "Беженцы", "fr": "Réfugiés"})
    assert dict(text) == {"en": "Refugees", "fr": "Réfugiés", "ru": "Беженцы"}
    assert (text.en, text.ru, text.get("fr"), text.get("kk")) == ("Refugees", "Беженцы", "Réfugiés", "Refugees")
    assert text == ratify.Localized("Refugees", "Беженцы", fr="Réfugiés") and ratify.Localized("x").ru is None
    from ratify.store.convert import data_converter, json_converter

    assert json_converter().unstructure(text) == {"en": "Refugees", "fr": "Réfugiés", "ru": "Беженцы"}
    assert data_converter().structure({"en": "a", "kk": "b"}, ratify.Localized).get("kk") == "b"
    with pytest.raises(Exception, match="English"):
        data_converter().structure({"ru": "б"}, ratify.Localized)
