"""Lookups by any name, and status as of any date (VCLT art. 2(1)(f)-(g)), through the public API."""

from __future__ import annotations

import datetime as dt

import pytest

import ratify
from ratify import Status

D = dt.date


@pytest.mark.parametrize("name", ["KAZ", "KZ", "kaz", "Kazakhstan", "Казахстан", "the Republic of Kazakhstan",
                                  "Республика Казахстан", "  kazakhstan "])
def test_state_by_code_and_name_in_both_languages(cat: ratify.Catalog, name: str) -> None:
    assert cat.state(name).alpha3 == "KAZ"


@pytest.mark.parametrize(("name", "alpha3"), [
    ("Turkey", "TUR"), ("Türkiye", "TUR"), ("turkiye", "TUR"), ("Турция", "TUR"),
    ("Swaziland", "SWZ"), ("Eswatini", "SWZ"),
    ("Netherlands", "NLD"), ("Netherlands (Kingdom of the)", "NLD"),
    ("Iran (Islamic Republic of)", "IRN"), ("Кыргызстан", "KGZ"), ("Kyrgyzstan", "KGZ"),
    ("Côte d’Ivoire", "CIV"), ("COTE D'IVOIRE", "CIV"), ("Czech Republic", "CZE"), ("Czechia", "CZE"),
    ("The former Yugoslav Republic of Macedonia", "MKD"), ("North Macedonia", "MKD"),
])
def test_depositary_spellings_and_former_names(cat: ratify.Catalog, name: str, alpha3: str) -> None:
    assert cat.state(name).alpha3 == alpha3


def test_state_names_follow_un_terminology(cat: ratify.Catalog) -> None:
    kgz = cat.state("KGZ")
    assert kgz.name.ru == "Кыргызстан" and kgz.name.en == "Kyrgyzstan"
    assert cat.state("TUR").name.en == "Türkiye"
    assert cat.state("TUR").depositary_name == "Türkiye"


@pytest.mark.parametrize(("name", "instrument_id"), [
    ("V-2", "refugees-1951"), ("v-2", "refugees-1951"), ("refugees-1951", "refugees-1951"),
    ("1951 Convention", "refugees-1951"), ("Convention relating to the Status of Refugees", "refugees-1951"),
    ("Конвенция о статусе беженцев", "refugees-1951"),
    ("ICCPR", "iccpr-1966"), ("МПГПП", "iccpr-1966"), ("IV-4", "iccpr-1966"),
    ("XVIII-12-a", "trafficking-protocol-2000"), ("xviii12a", "trafficking-protocol-2000"),
    ("UNTOC", "untoc-2000"), ("Almaty Declaration", "almaty-declaration-2011"),
    ("Алматинская декларация", "almaty-declaration-2011"), ("UDHR", "udhr-1948"),
])
def test_instrument_by_any_name(cat: ratify.Catalog, name: str, instrument_id: str) -> None:
    assert cat.instrument(name).id == instrument_id


def test_unknown_names_raise_a_lookup_error_with_suggestions(cat: ratify.Catalog) -> None:
    with pytest.raises(ratify.UnknownNameError) as info:
        cat.state("Kazakstan")
    assert isinstance(info.value, LookupError) and isinstance(info.value, ratify.RatifyError)
    assert "Kazakhstan" in info.value.suggestions
    assert "did you mean 'Kazakhstan'" in str(info.value)
    with pytest.raises(LookupError, match="unknown instrument 'ICCRP'.*ICCPR"):
        cat.instrument("ICCRP")
    with pytest.raises(LookupError):
        cat.group("almaty")


def test_objects_are_accepted_where_names_are(cat: ratify.Catalog) -> None:
    kaz, v2 = cat.state("KAZ"), cat.instrument("V-2")
    assert cat.participation(kaz, v2) is cat.participation("Kazakhstan", "1951 Convention")


def test_participation_record(cat: ratify.Catalog) -> None:
    p = cat.participation("KAZ", "V-2")
    assert p.state == "KAZ" and p.instrument == "refugees-1951"
    assert p.signature is None
    assert p.consent.date == D(1999, 1, 15) and p.consent.kind is ratify.ConsentKind.ACCESSION
    assert p.consent.kind.value == "accession"
    assert p.denunciation is None
    assert p.source.title.startswith("UN Treaty Collection")
    assert p.source.as_of == D(2013, 7, 6)
    assert cat.participation("UZB", "V-2") is None


def test_status_transitions_over_time(cat: ratify.Catalog) -> None:
    # Kazakhstan and the ICCPR: signed 2 Dec 2003, ratified 24 Jan 2006, in force 24 Apr 2006
    steps = [(D(2003, 12, 1), Status.NONE), (D(2003, 12, 2), Status.SIGNATORY), (D(2006, 1, 23), Status.SIGNATORY),
             (D(2006, 1, 24), Status.CONTRACTING), (D(2006, 4, 23), Status.CONTRACTING), (D(2006, 4, 24), Status.PARTY)]
    for when, status in steps:
        assert cat.status("KAZ", "ICCPR", as_of=when) is status, when


def test_denunciation_takes_effect_on_its_date(cat: ratify.Catalog) -> None:
    # Madagascar acceded to the 1954 Convention on 20 Feb 1962 and denounced it: notified 2 Apr 1965,
    # effective 2 Apr 1966 (the depositary's note)
    p = cat.participation("MDG", "V-3")
    assert p.denunciation == ratify.Denunciation(D(1965, 4, 2), D(1966, 4, 2))
    assert cat.status("MDG", "V-3", as_of=D(1962, 3, 1)) is Status.CONTRACTING
    assert cat.status("MDG", "V-3", as_of=D(1965, 6, 1)) is Status.PARTY
    assert cat.status("MDG", "V-3", as_of=D(1966, 4, 2)) is Status.DENOUNCED
    assert cat.status("MDG", "V-3") is Status.DENOUNCED
    assert [e.action for e in p.events()] == [ratify.ActionKind.ACCESSION, ratify.ActionKind.ENTRY_INTO_FORCE,
                                              ratify.ActionKind.DENUNCIATION, ratify.ActionKind.DENUNCIATION_EFFECTIVE]


def test_status_values_are_the_design_strings() -> None:
    assert [s.value for s in Status] == ["none", "signatory", "contracting", "party", "denounced"]
    assert [k.value for k in ratify.ConsentKind][:5] == ["ratification", "accession", "succession", "acceptance",
                                                         "approval"]


def test_a_signatory_that_never_ratified(cat: ratify.Catalog) -> None:
    # Iran signed UNTOC on 12 Dec 2000 and had not ratified in the depositary's table
    assert cat.participation("IRN", "UNTOC").signature == D(2000, 12, 12)
    assert cat.status("IRN", "UNTOC") is Status.SIGNATORY


def test_almaty_process_group_roles(cat: ratify.Catalog) -> None:
    g = cat.group("almaty-process")
    assert g is cat.group("Алматинский процесс")
    roles = {code: g.role(code, D(2012, 9, 7)).id for code in g.states_on(D(2012, 9, 7))}
    assert roles == {"KAZ": "initial_member", "KGZ": "initial_member", "TJK": "initial_member",
                     "TKM": "initial_member", "UZB": "open_to", "AFG": "conference_participant",
                     "IRN": "conference_participant", "RUS": "conference_participant",
                     "TUR": "conference_participant", "AZE": "conference_participant",
                     "CHN": "conference_participant"}
    assert [s.alpha3 for s in cat.states_of(group="central-asia")] == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]


def test_catalogue_is_frozen(cat: ratify.Catalog) -> None:
    import attrs

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cat.instruments = ()  # type: ignore[misc]
    assert "participations" in repr(cat)


def test_a_name_two_items_share_is_ambiguous_and_names_both() -> None:
    from ratify.model.names import NameIndex

    index: NameIndex[str] = NameIndex("state")
    index.add("Republic of the Congo", ["COG", "Congo"])
    index.add("Democratic Republic of the Congo", ["COD", "Congo"])
    with pytest.raises(ratify.UnknownNameError) as caught:
        index["congo"]
    assert caught.value.ambiguous
    assert str(caught.value) == "ambiguous state 'congo': it names 'COG' and 'COD'"
    assert index["COD"] == "Democratic Republic of the Congo"


def test_an_unknown_source_is_an_unknown_name(cat: ratify.Catalog) -> None:
    some = cat.sources[0].id
    assert cat.source(some).id == some
    with pytest.raises(ratify.UnknownNameError, match="unknown source 'no-such-source'"):
        cat.source("no-such-source")
