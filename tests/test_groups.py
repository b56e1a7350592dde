"""Groups are data: dated, sourced roles; the default group, its baseline and map view come from groups.toml."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ratify
from ratify.resources import bundled_data

D = dt.date
SRC = Path(ratify.__file__).resolve().parent
RECOMMENDATIONS = D(2012, 9, 7)  # item 4 of the Recommendations names the roles
UNHCR_2016 = D(2016, 10, 3)  # UNHCR's page as archived that day: members and observers
IOM_2019 = D(2019, 5, 15)  # IOM Tajikistan on the meeting of 14-15 May 2019
TODAY = D(2026, 5, 1)


def role_id(group: ratify.Group, code: str, on: dt.date) -> str | None:
    role = group.role(code, on)
    return role.id if role is not None else None


# -- the Almaty Process as it evolved ---------------------------------------------------------------------


def test_roles_as_of_2012_are_those_of_the_recommendations(cat: ratify.Catalog) -> None:
    g = cat.group("almaty-process")
    on = D(2012, 12, 31)
    assert {c: role_id(g, c, on) for c in g.states_on(on)} == {
        "KAZ": "initial_member", "KGZ": "initial_member", "TJK": "initial_member", "TKM": "initial_member",
        "UZB": "open_to", "AFG": "conference_participant", "IRN": "conference_participant",
        "RUS": "conference_participant", "TUR": "conference_participant", "AZE": "conference_participant",
        "CHN": "conference_participant"}
    assert g.members_on(on) == ("KAZ", "KGZ", "TJK", "TKM")  # open to membership is not membership
    assert all(g.entry(c, on).source == "almaty-recommendations-2012, item 4" for c in g.states_on(on))


def test_roles_today_are_those_of_the_unhcr_and_iom_pages(cat: ratify.Catalog) -> None:
    g = cat.group("almaty-process")
    assert set(g.members_on(TODAY)) == {"AFG", "AZE", "KAZ", "KGZ", "TJK", "TUR", "TKM"}
    assert role_id(g, "PAK", TODAY) == role_id(g, "IRN", TODAY) == "observer"
    assert role_id(g, "UZB", TODAY) == "meeting_participant"
    assert g.entry("UZB", TODAY).source == "iom-tajikistan-2019"
    # no later official page dates a role for China or the Russian Federation: the 2012 one stands
    assert role_id(g, "CHN", TODAY) == role_id(g, "RUS", TODAY) == "conference_participant"
    assert g.role("KAZ") == g.role("KAZ", dt.date.today())  # no date: today


def test_each_role_changes_on_the_date_its_source_attests_it(cat: ratify.Catalog) -> None:
    g = cat.group("almaty-process")
    one_day = dt.timedelta(days=1)
    assert role_id(g, "KAZ", UNHCR_2016 - one_day) == "initial_member"
    assert role_id(g, "KAZ", UNHCR_2016) == "member"
    assert role_id(g, "AFG", UNHCR_2016 - one_day) == "conference_participant"
    assert role_id(g, "AFG", UNHCR_2016) == "member"
    # Turkmenistan is "(tbc)" on the 2016 page: still the initial member of 2012 until IOM names it in 2019
    assert role_id(g, "TKM", UNHCR_2016) == "initial_member"
    assert role_id(g, "TKM", IOM_2019) == "member"
    assert role_id(g, "UZB", IOM_2019 - one_day) == "open_to"


def test_a_state_with_no_role_on_a_date(cat: ratify.Catalog) -> None:
    g = cat.group("almaty-process")
    assert g.role("KAZ", D(2011, 6, 1)) is None  # before the Recommendations: no role recorded
    assert g.entry("PAK", D(2015, 1, 1)) is None  # Pakistan: an observer only from the 2016 page
    assert "PAK" not in g.states_on(D(2015, 1, 1)) and "PAK" in g.states_on(UNHCR_2016)
    assert g.role("FRA", TODAY) is None  # never in the group
    assert g.states_on(D(2011, 6, 1)) == ()


def test_every_role_cites_a_source_the_data_has(cat: ratify.Catalog) -> None:
    g = cat.group("almaty-process")
    pages = {s.id: s for s in g.sources}
    for m in g.members:
        assert m.since is not None and m.source, m
        head = m.source.split(",")[0]
        assert head in pages or cat.instrument(head).id == head
    for page in pages.values():
        assert page.url and page.url.startswith("https://") and page.title and page.publisher
    assert {r.id for r in g.roles} >= {m.role for m in g.members}
    for role in g.roles:
        assert role.label.en and role.label.ru


def test_the_default_group_and_its_baseline_are_data(cat: ratify.Catalog) -> None:
    g = cat.default_group
    assert g is not None and g.baseline is not None
    baseline = cat.baseline(g)
    assert baseline is not None and baseline.id == g.baseline and not baseline.binding
    assert baseline.adoption.date == D(2011, 3, 15)  # from the instrument's own adoption record


# -- documents use the as-of date --------------------------------------------------------------------------


def test_a_brief_gives_the_role_on_its_as_of_date(cat: ratify.Catalog) -> None:
    then = ratify.render_brief(cat, "KAZ", fmt="md", date=TODAY, as_of=D(2012, 12, 31))
    now = ratify.render_brief(cat, "KAZ", fmt="md", date=TODAY)
    assert "- **Almaty Process:** initial member (Almaty Process Recommendations (2012), item 4)" in then
    assert "- **Almaty Process:** member (UNHCR, Almaty Process, 3 October 2016)" in now
    early = ratify.render_brief(cat, "PAK", fmt="md", date=TODAY, as_of=D(2014, 1, 1))
    assert "**Almaty Process:**" not in early  # no role then: never called a member or observer
    assert "- **Almaty Process:** observer (UNHCR, Almaty Process, 3 October 2016)" in \
        ratify.render_brief(cat, "PAK", fmt="md", date=TODAY)
    assert "How many of the 11 States" in then and "How many of the 12 States" in now


def test_the_regional_report_of_2012_and_of_today(cat: ratify.Catalog) -> None:
    then = ratify.render_report(cat, fmt="md", date=TODAY, as_of=D(2012, 12, 31))
    now = ratify.render_report(cat, fmt="md", date=TODAY)
    assert "| Pakistan |" not in then and "| Pakistan |" in now
    assert "- **Membership:** Almaty Process Recommendations (2012), item 4\n" in then
    assert "UNHCR, Almaty Process, 3 October 2016" in now and "IOM Tajikistan" in now
    html = ratify.render_report(cat, fmt="html", date=TODAY, as_of=D(2012, 12, 31))
    assert 'Kazakhstan<span class="role">initial member</span>' in html
    assert 'Uzbekistan<span class="role">membership open to it</span>' in html
    assert "- **Changes since:** 15 March 2011" in then  # the baseline's adoption


def test_a_report_before_the_group_had_any_state_is_empty_not_wrong(cat: ratify.Catalog) -> None:
    md = ratify.render_report(cat, fmt="md", date=TODAY, as_of=D(2011, 6, 1))
    assert "| Kazakhstan |" not in md and "| Pakistan |" not in md


# -- unknown and missing groups ------------------------------------------------------------------------------


@pytest.mark.parametrize("render", [
    lambda cat: ratify.render_report(cat, "almaty-proces", fmt="md"),
    lambda cat: ratify.render_brief(cat, "KAZ", fmt="md", group="almaty-proces"),
    lambda cat: ratify.render_brief(cat, "KAZ", fmt="md", group="central-asai"),
])
def test_an_unknown_group_is_refused_with_the_nearest_names(cat: ratify.Catalog, render) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ratify.UnknownNameError, match="unknown group .*did you mean"):
        render(cat)


def test_a_folder_without_the_group_refuses_it_by_name(data_copy: Path) -> None:
    text = (data_copy / "groups.toml").read_text(encoding="utf-8")
    (data_copy / "groups.toml").write_text(text[text.index("[central-asia]"):], encoding="utf-8")
    mine = ratify.load(data_copy)
    assert mine.default_group is None
    with pytest.raises(ratify.UnknownNameError, match="unknown group 'almaty-process'"):
        ratify.render_brief(mine, "KAZ", fmt="md", group="almaty-process")  # named: refused, not dropped
    assert "The State among its region" not in ratify.render_brief(mine, "KAZ", fmt="md")  # no default group
    with pytest.raises(ratify.RatifyError, match="marks no group as the default"):
        ratify.render_report(mine, fmt="md")
    assert "Central Asia" in ratify.render_report(mine, "central-asia", fmt="md")


# -- a new region is a data entry ------------------------------------------------------------------------------

# Test data, not facts: a made-up document and group, to show a region needs no code.
TEST_DOCUMENT = """
[instrument]
id = "test-declaration-2015"
kind = "declaration"
binding = false
themes = ["regional_cooperation"]

[instrument.title]
en = "Test Declaration on regional cooperation"
ru = "Тестовая декларация о региональном сотрудничестве"

[instrument.short_name]
en = "Test Declaration (2015)"
ru = "Тестовая декларация (2015)"

[instrument.adoption]
date = 2015-06-01

[instrument.adoption.place]
en = "Testville"

[[instrument.relations]]
kind = "recommends"
target = "stateless-persons-1954"
basis = "para. 2"
"""

TEST_GROUP = """
[caspian-test]
name = { en = "Caspian test group", ru = "Каспийская тестовая группа" }
default = true
baseline = "test-declaration-2015"
members = [
    { state = "AZE", role = "founder", since = 2015-06-01, source = "test-declaration-2015, para. 1" },
    { state = "KAZ", role = "founder", since = 2015-06-01, source = "test-declaration-2015, para. 1" },
    { state = "TKM", role = "associate", since = 2015-06-01, until = 2019-12-31, source = "test-page" },
]

[[caspian-test.roles]]
id = "founder"
label = { en = "founding party", ru = "учредитель" }
membership = true

[[caspian-test.roles]]
id = "associate"
label = { en = "associate", ru = "ассоциированный участник" }

[[caspian-test.sources]]
id = "test-page"
title = "A test page"
publisher = "Test publisher"
url = "https://example.org/test"
as_of = 2015-06-01

[caspian-test.map]
view = [44.0, 35.0, 60.0, 48.0]
labels = { AZE = [47.7, 40.3] }
"""


@pytest.fixture
def new_region(data_copy: Path) -> ratify.Catalog:
    (data_copy / "instruments" / "test-declaration-2015.toml").write_text(TEST_DOCUMENT, encoding="utf-8")
    groups = data_copy / "groups.toml"
    text = groups.read_text(encoding="utf-8").replace("default = true\n", "")
    groups.write_text(text + TEST_GROUP, encoding="utf-8")
    assert [p for p in ratify.validate(data_copy) if "groups.toml" in p.file] == []
    return ratify.load(data_copy)


def test_a_new_group_renders_its_regional_report_with_no_code_change(new_region: ratify.Catalog) -> None:
    assert new_region.default_group.id == "caspian-test"
    md = ratify.render_report(new_region, fmt="md", date=TODAY, as_of=D(2016, 1, 1))
    assert md.startswith("# Regional report: Caspian test group")
    assert "- **Changes since:** 1 June 2015" in md  # its own baseline document's adoption
    assert "| Azerbaijan |" in md and "| Kazakhstan |" in md and "| Turkmenistan |" in md
    assert "Test Declaration (2015), para. 1" in md and "Test publisher, A test page, 1 June 2015" in md
    ru = ratify.render_report(new_region, lang="ru", fmt="html", date=TODAY, as_of=D(2016, 1, 1))
    assert 'Туркменистан<span class="role">ассоциированный участник</span>' in ru
    later = ratify.render_report(new_region, fmt="md", date=TODAY)  # the associate's role ended in 2019
    assert "| Turkmenistan |" not in later
    brief = ratify.render_brief(new_region, "AZE", fmt="md", date=TODAY)  # the default group: no code names it
    assert "- **Caspian test group:** founding party (Test Declaration (2015), para. 1)" in brief
    gaps = ratify.render_brief(new_region, "KAZ", fmt="md", date=TODAY)
    assert "Test Declaration (2015), para. 2" in gaps  # the new document recommends the 1954 Convention


def test_a_new_group_draws_its_map_with_its_own_view(new_region: ratify.Catalog) -> None:
    pytest.importorskip("matplotlib")
    from ratify.present import plots

    fig = plots.choropleth(new_region, "V-3", group="caspian-test", as_of=TODAY)
    west, east = fig.axes[0].get_xlim()
    south, north = fig.axes[0].get_ylim()
    view = new_region.group("caspian-test").map.view
    assert view == (44.0, 35.0, 60.0, 48.0)
    assert west <= view[0] and view[2] <= east and south <= view[1] and view[3] <= north  # widened to fill the axes
    assert east - west < 40  # not the world, not the whole of the states' extent
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"Azerbaijan", "Kazakhstan"} <= texts or {"AZE", "KAZ"} <= texts
    m = new_region.matrix(group="caspian-test", as_of=TODAY)
    fig2 = plots.matrix_map(m, "V-3", region="Caspian test group")  # a region named by the group's name
    assert fig2.axes[0].get_xlim() == (west, east)


# -- validation of groups.toml -------------------------------------------------------------------------------


def group_problems(folder: Path, text: str) -> dict[str, ratify.Problem]:
    groups = folder / "groups.toml"
    groups.write_text(groups.read_text(encoding="utf-8") + text, encoding="utf-8")
    return {p.path: p for p in ratify.validate(folder) if p.file.endswith("groups.toml")}


def test_groups_toml_errors_name_the_file_the_field_and_the_reason(data_copy: Path) -> None:
    found = group_problems(data_copy, """
[broken]
name = { en = "Broken" }
default = true
baseline = "udhr-194"
members = [
    { state = "KAZ", role = "membr", since = 2015-01-01 },
    { state = "KAZ", role = "member", since = 2014-01-01 },
    { state = "KGZ", role = "member", since = 2015-01-01, until = 2014-01-01 },
    { state = "TJK", role = "member", since = 2015-01-01, until = 2016-01-01 },
    { state = "TJK", role = "member", since = 2015-06-01 },
    { state = "UZB", role = "member", source = "no-such-page" },
]

[[broken.roles]]
id = "member"
label = { en = "member" }

[[broken.roles]]
id = "member"
label = { en = "member again" }

[broken.map]
view = [60.0, 30.0, 50.0, 40.0]
labels = { XXX = [0.0, 0.0], KAZ = [200.0, 40.0] }
""")
    expect = {
        "broken.default": "only one group can be the default; 'almaty-process' already is",
        "broken.baseline": "unknown instrument 'udhr-194'",
        "broken.members[0].role": "unknown role 'membr' (declared in broken.roles); did you mean member?",
        "broken.members[1].since": "entries must be in date order",
        "broken.members[2].until": "2014-01-01 is before the role starts on 2015-01-01",
        "broken.members[4].since": "overlaps broken.members[3], which runs until 2016-01-01",
        "broken.members[5].source": "unknown source 'no-such-page'",
        "broken.roles[1].id": "duplicate role id 'member'",
        "broken.map.view": "expected west < east",
        "broken.map.labels.XXX": "unknown state code 'XXX'",
        "broken.map.labels.KAZ": "expected (longitude, latitude) in degrees",
    }
    for path, words in expect.items():
        assert path in found, path
        assert words in found[path].reason, (path, found[path].reason)
        assert found[path].file == str(data_copy / "groups.toml")
    assert found["broken.members[5].source"].severity == "warning"  # may cite an instrument left out of a folder
    assert found["broken.baseline"].severity == "warning"
    assert found["broken.default"].severity == "error"
    with pytest.raises(ratify.DataError, match=r"groups\.toml: broken\.default: only one group") as info:
        ratify.load(data_copy)
    assert {p.path for p in info.value.problems if p.severity == "error"} >= {
        "broken.members[0].role", "broken.members[2].until", "broken.map.view"}


def test_a_badly_typed_group_is_a_data_error(data_copy: Path) -> None:
    found = group_problems(data_copy, """
[typed]
name = { en = "Typed" }
members = [{ state = "KAZ", since = "last year" }]
roles = [{ id = "member" }]

[typed.map]
view = [1.0, 2.0]
""")
    assert any(k.startswith("typed.members[0].since") and "expected a date" in p.reason for k, p in found.items())
    assert any(k.startswith("typed.roles[0].label") for k in found)
    assert any(k.startswith("typed.map.view") for k in found)


def test_the_bundled_groups_validate_cleanly() -> None:
    assert [p for p in ratify.validate(bundled_data()) if p.file.endswith("groups.toml")] == []


# -- no region in the code -------------------------------------------------------------------------------------

_REGION_WORDS = re.compile(r"almaty|алматин|central[-_ ]asia|центральн\w* ази", re.IGNORECASE)


def test_no_string_constant_in_the_code_names_a_group_or_a_region() -> None:
    """Every string literal (docstrings and f-string parts too) of the package: the region lives in the data."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if not path.resolve().is_relative_to(SRC):  # the linked data/ and templates/ hold no code
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _REGION_WORDS.search(node.value):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.value[:60]!r}")
    assert found == []


# -- the rule of dated entries, for every date ----------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(on=st.dates(min_value=D(2005, 1, 1), max_value=D(2035, 12, 31)))
def test_a_role_on_any_date_is_the_latest_entry_begun_by_then(cat: ratify.Catalog, on: dt.date) -> None:
    for g in cat.groups:
        members = set(g.members_on(on))
        for code in g.states:
            begun = [m for m in g.members if m.state == code and (m.since is None or m.since <= on)]
            entry = g.entry(code, on)
            if not begun or (begun[-1].until is not None and begun[-1].until < on):
                assert entry is None and code not in g.states_on(on) and code not in members
                continue
            assert entry == begun[-1] and code in g.states_on(on)
            role = g.role(code, on)
            assert (code in members) == (role is not None and role.membership)
