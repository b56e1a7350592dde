"""Loading a data folder: every kind of damage is reported with its file, field path and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

import ratify

V2 = "instruments/refugees-1951.toml"
TIP = "instruments/trafficking-protocol-2000.toml"
UNTOC = "instruments/untoc-2000.toml"


def append(folder: Path, rel: str, text: str) -> Path:
    path = folder / rel
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")
    return path


def problems_of(folder: Path) -> list[ratify.Problem]:
    with pytest.raises(ratify.DataError) as info:
        ratify.load(folder)
    assert isinstance(info.value, ratify.RatifyError)
    return [p for p in info.value.problems if p.severity == "error"]


def test_the_bundled_data_loads_and_validates_clean(cat: ratify.Catalog) -> None:
    assert len(cat.instruments) == 28  # 10 of the Almaty Declaration, 15 core human-rights treaties, 3 documents
    assert not [p for p in ratify.validate() if p.severity == "error"]


def test_unknown_state_code_names_file_field_and_suggestion(data_copy: Path) -> None:
    path = append(data_copy, V2, '[[participants]]\nstate = "KAX"\nconsent = 1999-01-15\nconsent_kind = "accession"\n')
    [p] = problems_of(data_copy)
    assert p.file == str(path)
    assert p.path.endswith("].state")
    assert "unknown state code 'KAX'" in p.reason and "KAZ" in p.reason


def test_unknown_key_is_refused(data_copy: Path) -> None:
    append(data_copy, V2, '[[participants]]\nstate = "UZB"\ncolour = "red"\n')
    [p] = problems_of(data_copy)
    assert "unknown key colour" in p.reason


def test_wrong_type_and_bad_enum_value_are_both_listed(data_copy: Path) -> None:
    append(data_copy, V2, '[[participants]]\nstate = "UZB"\nconsent = 1999\nconsent_kind = "adhesion"\n')
    reasons = " | ".join(p.reason for p in problems_of(data_copy))
    assert "expected a date" in reasons
    assert "'adhesion' is not one of" in reasons and "'accession'" in reasons


def test_toml_syntax_error_names_the_file(data_copy: Path) -> None:
    path = append(data_copy, V2, "[[participants]\nstate = \n")
    [p] = problems_of(data_copy)
    assert p.file == str(path) and "TOML syntax error" in p.reason


def test_impossible_date_is_a_syntax_error(data_copy: Path) -> None:
    append(data_copy, V2, '[[participants]]\nstate = "UZB"\nconsent = 2019-02-30\n')
    [p] = problems_of(data_copy)
    assert "TOML syntax error" in p.reason


def test_duplicate_participant(data_copy: Path) -> None:
    append(data_copy, V2, '[[participants]]\nstate = "KAZ"\nconsent = 1999-01-15\nconsent_kind = "accession"\n')
    [p] = problems_of(data_copy)
    assert "duplicate participant KAZ" in p.reason


def test_signature_after_consent(data_copy: Path) -> None:
    append(data_copy, V2, '[[participants]]\nstate = "UZB"\nsignature = 2001-01-01\nconsent = 2000-01-01\n')
    [p] = problems_of(data_copy)
    assert p.path.endswith(".signature") and "after consent" in p.reason


def test_consent_before_adoption(data_copy: Path) -> None:
    append(data_copy, V2, '[[participants]]\nstate = "UZB"\nconsent = 1950-01-01\nconsent_kind = "accession"\n')
    [p] = problems_of(data_copy)
    assert "before adoption on 1951-07-28" in p.reason


def test_recorded_entry_into_force_that_disagrees_with_the_rule(data_copy: Path) -> None:
    append(data_copy, V2, '[[participants]]\nstate = "UZB"\nconsent = 2000-01-03\nconsent_kind = "accession"\n'
                          "entry_into_force = 2000-02-01\n")
    [p] = problems_of(data_copy)
    assert p.path.endswith(".entry_into_force")
    assert "2000-04-02" in p.reason and "art. 43(2)" in p.reason  # the 90th day after 3 January 2000


def test_protocol_party_without_the_parent(data_copy: Path) -> None:
    untoc = data_copy / UNTOC
    lines = untoc.read_text(encoding="utf-8").split("\n[[participants]]\n")
    # drop Kazakhstan's UNTOC record: it stays a party to the Trafficking Protocol in the data
    kept = [chunk for chunk in lines if not chunk.startswith('state = "KAZ"')]
    assert len(kept) == len(lines) - 1
    untoc.write_text("\n[[participants]]\n".join(kept), encoding="utf-8")
    found = {Path(p.file).name: p.reason for p in problems_of(data_copy) if "KAZ" in p.reason}
    assert set(found) == {"trafficking-protocol-2000.toml", "smuggling-protocol-2000.toml"}
    assert "but has no consent to untoc-2000, which it requires (UNTOC art. 37(2))" in found["smuggling-protocol-2000.toml"]


def test_every_problem_of_a_folder_is_reported_at_once(data_copy: Path) -> None:
    append(data_copy, V2, '[[participants]]\nstate = "KAX"\n')
    append(data_copy, TIP, '[[participants]]\nstate = "UZB"\nsignature = 1990-01-01\n')
    errors = problems_of(data_copy)
    assert len(errors) >= 2
    assert {Path(p.file).name for p in errors} >= {"refugees-1951.toml", "trafficking-protocol-2000.toml"}


def test_unknown_relation_target_and_group_member(data_copy: Path) -> None:
    append(data_copy, "groups.toml", '[bad]\nname = { en = "Bad" }\nmembers = [{ state = "XYZ" }]\n')
    reasons = [p.reason for p in problems_of(data_copy)]
    assert any("unknown state code 'XYZ'" in r for r in reasons)


def test_missing_folder_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(ratify.DataError, match="no such data folder"):
        ratify.load(tmp_path / "nowhere")


def test_validate_lists_without_raising(data_copy: Path) -> None:
    append(data_copy, V2, '[[participants]]\nstate = "KAX"\n')
    problems = ratify.validate(data_copy)
    assert any("KAX" in p.reason for p in problems)
