#!/usr/bin/env python3
"""Check data/states.toml, the registry of states (and the EU) that can take part
in the instruments ratify tracks.

Checks:
  * every key is an ISO 3166-1 alpha-3 code known to pycountry (EUU excepted),
    keys are sorted, and each alpha2 is pycountry's alpha-2 for that key;
  * every entry has the fields of the schema, with allowed values;
  * exactly 193 UN members, 2 observer states (VAT, PSE), 2 non-member states
    (COK, NIU) and the European Union (EUU, kind "organization");
  * no name (depositary_name, name, formal_name, aliases; case-, accent- and
    apostrophe-insensitive) belongs to two entries;
  * every participant name in the shared UN Treaty Collection / OHCHR fixtures
    (<repo>/../shared/fixtures) maps to exactly one entry. That part is skipped,
    with a message, when the fixtures are absent; the OHCHR .xls files are read
    only when xlrd is installed.

Prints every problem and exits 1 if there is any, else prints a summary and
exits 0. Usage: python scripts/check_states.py [path/to/states.toml]
"""

from __future__ import annotations

import csv
import html
import re
import sys
import tomllib
import unicodedata
from collections import defaultdict
from pathlib import Path

import pycountry

REPO = Path(__file__).resolve().parent.parent
STATES_TOML = REPO / "data" / "states.toml"
FIXTURES = REPO.parent / "shared" / "fixtures"

NON_ISO_KEYS = {"EUU": "EU"}  # key -> alpha2 (ISO "exceptionally reserved" code)
EXPECTED_STATUS_COUNTS = {"member": 193, "observer": 2, "non_member": 2, "none": 1}
EXPECTED_STATUS_KEYS = {
    "observer": {"VAT", "PSE"},
    "non_member": {"COK", "NIU"},
    "none": {"EUU"},
}
KINDS = {"state", "organization"}
LANGS = ("en", "ru")

# Participants that occur in the fixtures but are deliberately NOT in the
# registry: they are neither states nor the EU, and take part only in treaties
# outside ratify's scope (the 2018 XML mirror covers every MTDSG chapter).
# Each is listed with the only fixture files where it occurs, so a new
# occurrence elsewhere is still reported as unmapped.
NOT_IN_REGISTRY = {
    # territories with their own participation rows (chapter X trade treaties)
    "Hong Kong": {"X-4"},
    "British Virgin Islands": {"X-6"},
    "Cayman Islands": {"X-6"},
    "Montserrat": {"X-6"},
    "Turks and Caicos Islands": {"X-6"},
    # intergovernmental organizations other than the EU
    "Andean Community": {"XIX-21"},
    "Caribbean Community": {"XIX-21"},
    "Common Market for Eastern and Southern Africa": {"XIX-21"},
    "East African Community": {"XIX-21"},
    "Economic Community of West African States": {"XIX-21"},
    "Eurasian Economic Community": {"XIX-21"},
    "Organization of African Unity": {"XIX-21"},
    "Southern African Development Community": {"XIX-21"},
    "West African Economic and Monetary Union": {"XIX-21"},
    "Council of Europe": {"XXIII-3"},
    "Food and Agriculture Organization of the United Nations": {"XXIII-3"},
    "International Atomic Energy Agency": {"XXIII-3"},
    "United Nations": {"XXIII-3"},
    "Universal Postal Union": {"XXIII-3"},
    "International Civil Aviation Organization": {"XXIII-3"},
    "International Criminal Police Organization": {"XXIII-3"},
    "International Labour Organisation": {"XXIII-3"},
    "International Maritime Organization": {"XXIII-3"},
    "International Telecommunication Union": {"XXIII-3"},
    "Organisation for the Prohibition of Chemical Weapons": {"XXIII-3"},
    "Preparatory Commission for the Comprehensive Nuclear-Test-Ban Treaty Organization": {"XXIII-3"},
    "United Nations Educational, Scientific and Cultural Organization": {"XXIII-3"},
    "United Nations Industrial Development Organization": {"XXIII-3"},
    "World Health Organization": {"IX-3", "XXIII-3"},
    "World Intellectual Property Organization": {"XXIII-3"},
    "World Meteorological Organization": {"XXIII-3"},
}


def norm(name: str) -> str:
    """Case-, accent-, apostrophe- and whitespace-insensitive form of a name."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    s = s.replace("\u2014", "-").replace("\u2013", "-")
    s = re.sub(r"\s+", " ", s).strip().casefold()
    return s


def clean_participant(raw: str) -> str:
    s = html.unescape(raw)
    s = s.replace("\xa0", " ")
    s = re.sub(r"\s+", " ", s).strip()
    return s


# ---------------------------------------------------------------- fixtures


def xml_participants(folder: Path) -> dict[str, set[str]]:
    """Entry[1] of each Tbody row of the 2018 MTDSG XML files (tolerant regex:
    most files are not well-formed)."""
    found: dict[str, set[str]] = defaultdict(set)
    for f in sorted(folder.glob("*.en.xml")):
        text = f.read_text(encoding="latin-1")
        mtdsg = f.name[: -len(".en.xml")]
        for body in re.findall(r"<Tbody>(.*?)</Tbody>", text, re.DOTALL):
            for row in re.findall(r"<Row\b[^>]*>(.*?)</Row>", body, re.DOTALL):
                m = re.search(r"<Entry\b[^>]*?(?:/>|>(.*?)</Entry>)", row, re.DOTALL)
                if not m or not m.group(1):
                    continue
                cell = m.group(1)
                cell = re.sub(r"&lt;superscript&gt;.*?&lt;/superscript&gt;", "", cell, flags=re.DOTALL)
                cell = re.sub(r"<superscript>.*?</superscript>", "", cell, flags=re.DOTALL)
                cell = re.sub(r"<[^>]*>", "", cell)
                name = clean_participant(cell)
                if name:
                    found[name].add(f"xml/{mtdsg}")
    return found


def csv_participants(folder: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for f in sorted(folder.glob("*.csv")):
        with f.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            next(reader, None)  # header
            for row in reader:
                if row and row[0].strip():
                    found[clean_participant(row[0])].add(f"csv/{f.stem}")
    return found


def html_participants(folder: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for f in sorted(folder.glob("*.html")):
        text = f.read_text(encoding="utf-8")
        m = re.search(r'<table[^>]*id="[^"]*_tblgrid"[^>]*>(.*?)</table>', text, re.DOTALL | re.IGNORECASE)
        if not m:
            continue
        rows = re.findall(r"<tr[^>]*>(.*?)</tr>", m.group(1), re.DOTALL | re.IGNORECASE)
        for row in rows[1:]:  # first row = column legend
            td = re.search(r"<td[^>]*>(.*?)</td>", row, re.DOTALL | re.IGNORECASE)
            if not td:
                continue
            cell = re.sub(r"<sup>.*?</sup>", "", td.group(1), flags=re.DOTALL | re.IGNORECASE)
            cell = re.sub(r"<[^>]+>", "", cell)
            name = clean_participant(cell)
            if name:
                found[name].add(f"html/{f.stem}")
    return found


def ohchr_participants(folder: Path) -> dict[str, set[str]] | None:
    try:
        import xlrd  # type: ignore[import-not-found]
    except ImportError:
        return None
    found: dict[str, set[str]] = defaultdict(set)
    for f in sorted(folder.glob("*.xls")):
        sheet = xlrd.open_workbook(str(f)).sheet_by_index(0)
        # row 0: title, row 1: header ("Country", ...), then entities until a blank row
        for i in range(2, sheet.nrows):
            value = str(sheet.cell_value(i, 0)).strip()
            if not value:
                break
            found[clean_participant(value)].add(f"ohchr/{f.stem}")
    return found


# ---------------------------------------------------------------- checks


def entry_names(entry: dict) -> list[str]:
    names = [entry.get("depositary_name", "")]
    for field in ("name", "formal_name"):
        names += [v for v in (entry.get(field) or {}).values() if isinstance(v, str)]
    for values in (entry.get("aliases") or {}).values():
        names += [v for v in values if isinstance(v, str)]
    return [n for n in names if n]


def check_schema(states: dict, errors: list[str]) -> None:
    keys = list(states)
    if keys != sorted(keys):
        errors.append("entries are not sorted by key")
    for key, e in states.items():
        where = f"[{key}]"
        if not isinstance(e, dict):
            errors.append(f"{where}: not a table")
            continue
        if key in NON_ISO_KEYS:
            if e.get("alpha2") != NON_ISO_KEYS[key]:
                errors.append(f"{where}: alpha2 should be {NON_ISO_KEYS[key]!r}")
        else:
            country = pycountry.countries.get(alpha_3=key)
            if country is None:
                errors.append(f"{where}: not an ISO 3166-1 alpha-3 code known to pycountry")
            elif e.get("alpha2") != country.alpha_2:
                errors.append(f"{where}: alpha2 {e.get('alpha2')!r} != pycountry {country.alpha_2!r}")
        if e.get("kind") not in KINDS:
            errors.append(f"{where}: kind {e.get('kind')!r} not in {sorted(KINDS)}")
        if (e.get("kind") == "organization") != (key in NON_ISO_KEYS):
            errors.append(f"{where}: only EUU may be (and must be) kind = \"organization\"")
        if e.get("un_status") not in EXPECTED_STATUS_COUNTS:
            errors.append(f"{where}: un_status {e.get('un_status')!r} not allowed")
        if not isinstance(e.get("depositary_name"), str) or not e.get("depositary_name"):
            errors.append(f"{where}: depositary_name missing")
        for field in ("name", "formal_name"):
            table = e.get(field)
            if not isinstance(table, dict):
                errors.append(f"{where}: {field} missing")
                continue
            for lang in LANGS:
                if not isinstance(table.get(lang), str) or not table[lang].strip():
                    errors.append(f"{where}: {field}.{lang} missing")
        aliases = e.get("aliases")
        if not isinstance(aliases, dict):
            errors.append(f"{where}: aliases missing")
        else:
            for lang in LANGS:
                values = aliases.get(lang)
                if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
                    errors.append(f"{where}: aliases.{lang} must be a list of names")
            extra = set(aliases) - set(LANGS)
            if extra:
                errors.append(f"{where}: aliases has unknown languages {sorted(extra)}")
        extra = set(e) - {"alpha2", "kind", "un_status", "depositary_name", "name", "formal_name", "aliases"}
        if extra:
            errors.append(f"{where}: unknown fields {sorted(extra)}")


def check_counts(states: dict, errors: list[str]) -> dict[str, int]:
    by_status: dict[str, set[str]] = defaultdict(set)
    for key, e in states.items():
        by_status[e.get("un_status")].add(key)
    counts = {s: len(by_status.get(s, ())) for s in EXPECTED_STATUS_COUNTS}
    for status, expected in EXPECTED_STATUS_COUNTS.items():
        if counts[status] != expected:
            errors.append(f"un_status = {status!r}: {counts[status]} entries, expected {expected}")
    for status, keys in EXPECTED_STATUS_KEYS.items():
        if by_status.get(status, set()) != keys:
            errors.append(f"un_status = {status!r}: {sorted(by_status.get(status, ()))}, expected {sorted(keys)}")
    return counts


def build_index(states: dict, errors: list[str]) -> dict[str, str]:
    owners: dict[str, set[str]] = defaultdict(set)
    for key, e in states.items():
        for n in entry_names(e):
            owners[norm(n)].add(key)
    for n, keys in sorted(owners.items()):
        if len(keys) > 1:
            errors.append(f"name {n!r} belongs to several entries: {sorted(keys)}")
    return {n: next(iter(keys)) for n, keys in owners.items() if len(keys) == 1}


def check_fixtures(index: dict[str, str], errors: list[str]) -> list[str]:
    notes: list[str] = []
    untc = FIXTURES / "untc"
    if not untc.is_dir():
        notes.append(f"fixtures not found at {FIXTURES}: participant-name check skipped")
        return notes
    sources: dict[str, dict[str, set[str]]] = {
        "xml": xml_participants(untc / "xml"),
        "csv": csv_participants(untc / "derived-csv-zmjones"),
        "html": html_participants(untc / "html"),
    }
    ohchr = ohchr_participants(FIXTURES / "ohchr")
    if ohchr is None:
        notes.append("xlrd not installed: OHCHR .xls country columns skipped")
    else:
        sources["ohchr"] = ohchr
    all_names: dict[str, set[str]] = defaultdict(set)
    for found in sources.values():
        for name, where in found.items():
            all_names[name] |= where
    skipped = 0
    mapped = 0
    for name in sorted(all_names):
        where = all_names[name]
        if norm(name) in index:
            mapped += 1
            continue
        allowed = NOT_IN_REGISTRY.get(name)
        if allowed is not None and {w.split("/", 1)[1] for w in where} <= allowed:
            skipped += 1
            continue
        errors.append(f"unmapped participant name {name!r} (in {', '.join(sorted(where)[:6])}"
                      f"{', …' if len(where) > 6 else ''})")
    per_source = ", ".join(f"{k} {len(v)}" for k, v in sources.items())
    notes.append(f"fixture participant names: {len(all_names)} distinct ({per_source}); "
                 f"{mapped} mapped, {skipped} non-state participants outside the registry by design")
    return notes


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else STATES_TOML
    try:
        with path.open("rb") as fh:
            states = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        print(f"{path}: cannot load: {exc}")
        return 1
    errors: list[str] = []
    check_schema(states, errors)
    counts = check_counts(states, errors)
    index = build_index(states, errors)
    notes = check_fixtures(index, errors)
    for note in notes:
        print(note)
    if errors:
        for err in errors:
            print(f"ERROR: {err}")
        print(f"{len(errors)} problem(s) in {path}")
        return 1
    summary = ", ".join(f"{n} {s}" for s, n in counts.items())
    print(f"{path}: OK: {len(states)} entries ({summary}); {len(index)} distinct names")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
