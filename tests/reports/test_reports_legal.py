"""Documents a lawyer can hand on: honest about the records' dates, never contradicting the data's own
checks, citing the depositary, saying what the record says, in the UN's layout, and Russian in Russian."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from reports_support import ALMATY, DATE, text_of

import ratify
from ratify.cli import main
from ratify.present.i18n import language
from ratify.query.gaps import GapKind, Step

# the states of the briefs: the Almaty Declaration's participants, and two with no role in the Almaty Process
# on most dates (Japan none; Pakistan an observer from 2016)
STATES = (*ALMATY, "JPN", "PAK")


def run(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, _ = capsysbinary.readouterr()
    return code, out.decode("utf-8")


# -- 1. freshness: every row says the date of the record it rests on ------------------------------------

@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize("state", ["KAZ", "UZB", "TUR", "JPN", "CHN"])
def test_every_instrument_row_gives_the_date_of_its_depositary_record(cat, brief, state, lang, fmt):
    lg = language(lang)
    text = text_of(brief(state, lang, fmt), fmt)
    rows = [i for i in cat.instruments_of(binding=True)]
    marker = lg.gettext("depositary's record as at %(date)s").split("%(date)s")[0].strip()
    absent = lg.gettext("not listed in the depositary's table %(table)s as at %(date)s").split("%(table)s")[0].strip()
    assert text.count(marker) + text.count(absent) >= len(rows)
    for inst in rows:
        day = lg.date(cat.record_date(inst))
        table = inst.mtdsg
        listed = (lg.gettext("depositary's record as at %(date)s") % {"date": day} in text
                  or lg.gettext("not listed in the depositary's table %(table)s as at %(date)s")
                  % {"table": table, "date": day} in text)
        assert listed, (inst.id, day)


def test_a_no_action_row_names_the_table_the_state_is_absent_from(brief):
    text = text_of(brief("UZB", "en", "md"), "md")
    assert "no action (not listed in the depositary's table V-2 as at 6 July 2013)" in text


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_header_separates_the_date_asked_for_from_the_records_dates(cat, lang):
    lg = language(lang)
    today = dt.date.today()
    text = text_of(ratify.render_brief(cat, "KAZ", lang=lang, fmt="md"), "md")  # the date asked for: today
    assert lg.gettext("Status on the date asked for") in text and lg.date(today) in text
    assert lg.gettext("Depositary records as at") in text and lg.date(dt.date(2013, 7, 6)) in text
    assert "Status as of" not in text and "Статус на:" not in text


def test_a_gap_on_an_older_record_says_so_instead_of_counting_years_to_today(cat):
    gaps = {g.instrument.id: g for g in cat.gaps("UZB", as_of=DATE)}
    g = gaps["stateless-persons-1954"]
    assert g.record_as_of == dt.date(2018, 1, 15)
    text = g.text()
    assert "as at 15 January 2018" in text and "years ago" not in text
    item = ratify.render_brief(cat, "UZB", fmt="md", date=DATE)
    assert ("Accede to the 1954 Statelessness Convention, unless done after 15 January 2018, the date of the "
            "depositary's record used.") in item
    # a record that is current keeps its plain step
    assert "Accede to the Migrant Workers Convention." in item


def test_cli_status_gaps_and_changes_carry_the_record_date(capsysbinary):
    code, out = run(capsysbinary, "status", "UZB")
    assert code == 0 and "record as at" in out and "2013-07-06" in out
    assert "as of today (" in out  # today's date is spelled out beside the records' own dates
    code, out = run(capsysbinary, "gaps", "UZB", "--format", "csv")
    assert code == 0 and out.splitlines()[0].split(",")[6] == "record as at"
    code, out = run(capsysbinary, "changes", "--since", "2017-01-01", "--format", "csv")
    assert code == 0 and out.splitlines()[0].endswith(",record as at")


def test_status_rows_and_frames_carry_the_record_date(cat):
    from ratify.present.export import status_records

    rows = {r["instrument"]: r for r in status_records(cat, DATE, states=["UZB"])}
    assert rows["refugees-1951"]["record_as_of"] == dt.date(2013, 7, 6)
    assert rows["refugees-1951"]["status"] == "none" and rows["refugees-1951"]["source"]  # the table it is absent from
    pd = pytest.importorskip("pandas")
    df = cat.to_dataframe(DATE, states=["JPN"])
    assert df["record_as_of"].dtype == "datetime64[ns]"
    untoc = df[df["instrument"] == "untoc-2000"].iloc[0]
    assert untoc["record_as_of"] == pd.Timestamp(2014, 1, 27) and bool(untoc["record_inconsistent"])


# -- 2. never contradict the data's own checks -------------------------------------------------------------

@pytest.mark.parametrize("state", ["JPN", "KOR"])
def test_an_untoc_record_contradicted_by_the_protocols_is_flagged_not_advised(cat, state):
    assert cat.record_conflicts(state, "untoc-2000", DATE) == ("trafficking-protocol-2000", "smuggling-protocol-2000")
    [g] = [g for g in cat.gaps(state, as_of=DATE) if g.instrument.id == "untoc-2000"]
    assert g.kind is GapKind.RECORD_INCONSISTENT and g.step is Step.CHECK_RECORD
    assert [i.id for i in g.required_by] == ["trafficking-protocol-2000", "smuggling-protocol-2000"]
    assert "ratify" not in g.next_step()


def test_records_that_agree_are_not_flagged(cat):
    assert cat.record_conflicts("UZB", "untoc-2000", DATE) == ()  # party to both
    assert cat.record_conflicts("IRN", "untoc-2000", DATE) == ()  # party to neither protocol


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_japan_brief_flags_the_untoc_record_instead_of_advising_ratification(brief, lang):
    text = text_of(brief("JPN", lang, "md"), "md")
    assert "Ratify the Organized Crime Convention" not in text
    assert "ратифицировать договор «Конвенция против" not in text.lower()
    if lang == "en":
        assert "record inconsistent, most likely out of date" in text
        assert "No step to advise: first check the depositary's current record" in text
    else:
        assert "запись противоречива и, по всей видимости, устарела" in text


def test_ratify_status_flags_the_record(capsysbinary):
    _, out = run(capsysbinary, "status", "JPN")
    line = next(line for line in out.splitlines() if line.startswith("XVIII-12 "))
    assert "signatory" in line and "record inconsistent, likely out of date" in line


# -- 3. citations ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("state", ["UZB", "TUR", "KAZ"])
def test_notes_cite_the_depositary_and_the_copies_go_to_the_provenance_annex(brief, state, lang):
    lg = language(lang)
    text = brief(state, lang, "md")
    annex = "## " + lg.gettext("Annex: provenance of the data")
    assert annex in text
    body, provenance = text.split(annex)
    for copy in ("github.com", "GitHub", "overheid.nl", "derived CSV", "header-only", "commit"):
        assert copy not in body, copy
    assert "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=V-2" in body
    assert "github.com" in provenance


def test_summaries_are_labelled_as_summaries(brief):
    assert "*Summary:* Türkiye applies the Convention only" in brief("TUR", "en", "md")
    assert "*Краткое изложение:* Турция применяет" in brief("TUR", "ru", "md")


# -- 4. say what the record says ---------------------------------------------------------------------

@pytest.mark.parametrize("lang,term,label", [
    ("en", "geographic limitation", "Declaration limiting the scope"),
    ("ru", "географическое ограничение", "Заявление, ограничивающее сферу применения"),
])
def test_turkiye_keeps_the_geographic_limitation_by_a_declaration(brief, lang, term, label):
    for fmt in ("md", "html", "docx"):
        text = text_of(brief("TUR", lang, fmt), fmt)
        assert term in text and label in text, fmt
    md = brief("TUR", lang, "md")
    assert f"{label} ({term})" in md
    stmt = "**Declaration, art. 1B(1)(a)**" if lang == "en" else "**Заявление, ст. 1B(1)(a)**"
    assert stmt in md
    gap = "**1951 Refugee Convention** — " if lang == "en" else "**Конвенция 1951 года о статусе беженцев** — "
    assert f"{gap}{label} ({term})" in md  # the gap says the kind the depositary gives it, and the term of art


def test_the_geographic_limitation_is_data(cat):
    [st] = [s for s in cat.participation("TUR", "V-2").statements if s.term is not None]
    assert st.kind.value == "declaration" and st.limits_scope and st.term.ru == "географическое ограничение"


@pytest.mark.parametrize("lang,words", [
    ("en", ("territorial application by notification: Hong Kong Special Administrative Region (10 June 1997)",
            "made in the notification of territorial application to Hong Kong Special Administrative Region",
            "that is not a consent of the State itself to be bound")),
    ("ru", ("применение на территории по уведомлению: САР Сянган (Гонконг) (10 июня 1997 г.)",
            "сделано в уведомлении о применении в отношении территории: САР Сянган (Гонконг)",
            "это не является согласием самого государства на обязательность договора")),
])
def test_china_1954_hong_kong_is_shown_as_a_territorial_application(brief, lang, words):
    text = text_of(brief("CHN", lang, "md"), "md")
    for w in words:
        assert w in text


@pytest.mark.parametrize("state,on", [("JPN", DATE), ("PAK", dt.date(2015, 1, 1))])
def test_no_region_section_for_a_state_outside_the_group_on_the_date(cat, state, on):
    for lang in ("en", "ru"):
        text = ratify.render_brief(cat, state, lang=lang, fmt="md", date=DATE, as_of=on)
        assert "**Almaty Process:**" not in text and "**Алматинский процесс:**" not in text
        assert "The State among its region" not in text and "Государство в регионе" not in text


def test_pakistan_an_observer_in_the_data_has_its_role_and_section(cat):
    # the group's data names Pakistan an observer from 3 October 2016 (UNHCR's page of that date)
    text = ratify.render_brief(cat, "PAK", fmt="md", date=DATE)
    assert "**Almaty Process:** observer" in text and "The State among its region (Almaty Process)" in text


def test_the_matrix_has_the_binding_instruments_by_default_everywhere(cat, capsysbinary):
    binding = cat.instruments_of(binding=True)
    assert cat.matrix().instruments == binding
    assert cat.matrix(group="almaty-process").instruments == binding
    assert {i.id for i in cat.matrix(include_nonbinding=True).instruments} >= {"udhr-1948",
                                                                               "almaty-declaration-2011"}
    assert cat.matrix(instruments=["udhr-1948"]).instruments[0].id == "udhr-1948"  # named: kept
    code, out = run(capsysbinary, "matrix", "--group", "almaty-process", "--format", "csv")
    assert code == 0
    header = out.splitlines()[0].split(",")
    assert header[2:-2] == [i.mtdsg or i.id for i in binding]
    from ratify.present.documents.context import report_context

    ctx = report_context(cat, "almaty-process", language("en"), as_of=DATE, date=DATE)
    assert [c.instrument for c in ctx.columns] == [i.id for i in binding]


# -- 5. the UN's own layout --------------------------------------------------------------------------

def test_the_first_section_is_the_scope_of_international_obligations(brief):
    text = brief("TUR", "en", "md")
    first = text.index("## 1. Scope of international obligations")
    assert first < text.index("## 2. Status of the instruments") < text.index("## 3. Gaps and next steps")
    assert "### International human rights treaties" in text
    assert "### Other main relevant international instruments" in text
    assert "| **Complaint and inquiry procedures accepted** |" in text


def test_with_the_previous_review_the_columns_are_before_since_and_not_ratified(cat):
    text = ratify.render_brief(cat, "JPN", fmt="md", date=DATE, since=dt.date(2017, 1, 1))
    head = ("| | Status at the previous review (1 January 2017) | Action since the previous review | "
            "Not ratified / not accepted (1 May 2026) |")
    assert text.count(head) == 2
    row = next(line for line in text.splitlines()
               if line.startswith("| **Ratification, accession or succession** | 1951 Refugee Convention"))
    before, since, not_yet = (c.strip() for c in row.split("|")[2:5])
    assert "1967 Refugee Protocol (1982)" in before and "Trafficking in Persons Protocol" not in before
    assert since == "Trafficking in Persons Protocol (2017); Smuggling of Migrants Protocol (2017)"
    assert "Organized Crime Convention (UNTOC) (signature, 2000) (record inconsistent" in not_yet
    # the records older than the previous review cannot show what happened since: said in the section itself
    assert "are older than the previous review" in text


def test_ratify_brief_since_on_the_command_line(capsysbinary):
    code, out = run(capsysbinary, "brief", "UZB", "--since", "2018-05-09", "--format", "md", "--date", "2026-05-01",
                    "--lang", "ru")
    assert code == 0
    assert "Статус на момент предыдущего обзора (9 мая 2018 г.)" in out and "Меры, принятые после обзора" in out


def test_a_previous_review_after_the_brief_is_refused(cat):
    with pytest.raises(ratify.RatifyError, match="previous review"):
        ratify.render_brief(cat, "UZB", fmt="md", date=DATE, since=dt.date(2027, 1, 1))


# -- 6. Russian in Russian ----------------------------------------------------------------------------

# Latin words a Russian legal text keeps: the formats of the depositary's files (XML, HTML, CSV) and the
# name of the code host (GitHub) in the provenance annex, and the name of the program (ratify). Quoted
# depositary text, addresses, file names, commit hashes, MTDSG numbers (Roman numerals), article
# references ("1B(1)(a)") and titles quoted in their original language are removed before the check.
ALLOWED = {"XML", "HTML", "CSV", "GitHub", "ratify"}  # (and ISO alpha-3 codes: three capitals)
# the depositary's own words, and the data's notes that exist in English only, each marked so in the document
_DEPOSITARY_NOTE_MD = re.compile(
    r"^\[\^\d+\]: \*\*[^\n]*\\?\[(?:на языке депозитария|примечание в данных, на английском языке)\\?\][^\n]*$",
    re.MULTILINE)
_DEPOSITARY_NOTE_HTML = re.compile(
    r'<li id="note-\d+">(?:(?!</li>).)*?\[(?:на языке депозитария|примечание в данных, на английском языке)\].*?</li>',
    re.DOTALL)


def _unverified_names() -> tuple[str, ...]:
    """The English names of the instruments whose official Russian name the data does not have yet (left out
    until a UN source is cited: data/UNVERIFIED.md); a Russian document shows them in English, longest first."""
    cat = ratify.load()
    names = {n for i in cat.instruments for loc in (i.short_name, i.title) if loc.ru is None and (n := loc.en)}
    return tuple(sorted(names, key=len, reverse=True))


UNVERIFIED_NAMES = _unverified_names()


def english_words(text: str) -> set[str]:
    for name in UNVERIFIED_NAMES:
        text = text.replace(name, " ")
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"«[^«»А-Яа-яЁё]*»", " ", text)  # a title quoted in its own (Latin-script) language
    text = re.sub(r"\S*[/_]\S*|\S+\.(?:xml|csv|html|txt)\b|\b[0-9a-f]{12,40}\b", " ", text)  # paths, hashes
    text = re.sub(r"\b[\w-]+(?:\.[\w-]+)+\b", " ", text)  # host names (a copy's site)
    text = re.sub(r"\b[A-Z]{3}\b", " ", text)  # ISO 3166 alpha-3 codes (ratify gaps prints the state's)
    text = re.sub(r"\b[IVXLC]+(?:-\d+(?:-[a-z])?)?\b", " ", text)  # MTDSG numbers and chapters
    return {w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in ALLOWED}


def test_the_checker_finds_english(brief):
    assert english_words("Статус: party (record as at 1 мая)") == {"party", "record"}
    assert english_words("ст. 1B(1)(a); глава XVIII, № 12-a; GitHub; «Almaty Process»") == set()


@pytest.mark.parametrize("state", STATES)
def test_no_english_reaches_a_russian_brief(brief, state):
    md = _DEPOSITARY_NOTE_MD.sub(" ", brief(state, "ru", "md"))
    assert english_words(text_of(md, "md")) == set()
    html = _DEPOSITARY_NOTE_HTML.sub(" ", brief(state, "ru", "html"))
    assert english_words(text_of(html, "html")) == set()


def test_no_english_reaches_the_russian_regional_report(cat):
    for fmt in ("md", "html"):
        doc = ratify.render_report(cat, lang="ru", fmt=fmt, date=DATE)
        doc = (_DEPOSITARY_NOTE_MD if fmt == "md" else _DEPOSITARY_NOTE_HTML).sub(" ", doc)
        assert english_words(text_of(doc, fmt)) == set(), fmt


@pytest.mark.parametrize("state", ["KAZ", "JPN", "TUR", "UZB"])
def test_ratify_gaps_in_russian_is_russian(capsysbinary, state):
    code, out = run(capsysbinary, "gaps", state, "--lang", "ru", "--as-of", "2026-05-01")
    assert code == 0 and english_words(out) == set()


def test_russian_names_binding_instruments_as_treaties(brief):
    text = brief("KAZ", "ru", "md")
    assert "Государство является участником 21 из 25 международных договоров, включённых в справку." in text
    assert "обязательных документов" not in text


def test_russian_steps_name_the_instrument_in_the_right_case(cat):
    [g] = [g for g in cat.gaps("IRN", as_of=DATE) if g.instrument.id == "trafficking-protocol-2000"]
    from ratify.present.gaps import step_sentence

    assert step_sentence(g, language("ru")) == (
        "Сначала стать участником договора «Конвенция против транснациональной организованной преступности», "
        "затем присоединиться к договору «Протокол о торговле людьми», если это не было сделано после даты "
        "использованной записи депозитария (15 января 2018 г.).")


def test_the_reservations_row_lists_only_instruments_the_state_is_bound_by(cat):
    text = ratify.render_brief(cat, "CHN", fmt="md", date=DATE)
    row = next(line for line in text.splitlines() if line.startswith("| **Reservations and/or declarations** | 1951"))
    assert "1951 Refugee Convention (reservation, art. 14; reservation, art. 16(3))" in row
    assert "1954 Statelessness Convention" not in row  # the Hong Kong declaration is a territorial application's
