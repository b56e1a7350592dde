"""Every translatable string of the documents has a Russian translation (templates and Python alike)."""

from __future__ import annotations

import re
from pathlib import Path

from ratify.present.i18n import catalog_path
from ratify.resources import bundled_templates

REPO = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
# a language may leave out the instrument's name here (Russian names it in the heading only)
MAY_OMIT_PLACEHOLDERS = {"next step with the instrument"}


def _used_messages() -> dict[tuple[str | None, str], tuple[str, ...]]:
    """(context, msgid) → the msgid (and its plural), for every string the templates and ratify.present.documents mark."""
    from babel.messages.extract import extract_from_dir

    found: dict[tuple[str | None, str], tuple[str, ...]] = {}
    sources = [
        (bundled_templates() / "report", [("**.j2", "jinja2")],
         {"**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}),
        (REPO / "src" / "ratify" / "present", [("**.py", "python")], {}),
        (REPO / "src" / "ratify" / "cli", [("**.py", "python")], {}),
    ]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None}
    for folder, method_map, options in sources:
        for filename, _line, message, _comments, context in extract_from_dir(
                folder, method_map, options_map=options, keywords=keywords):
            ids = message if isinstance(message, tuple) else (message,)
            found[(context, ids[0])] = ids
    return found


def test_the_extraction_finds_the_strings():
    used = _used_messages()
    assert (None, "Gaps and next steps") in used  # a template
    assert (None, "Reservation limiting the scope") in used  # Python, marked with N_
    assert (None, "%(num)d year ago") in used and used[(None, "%(num)d year ago")][1] == "%(num)d years ago"
    assert ("status symbol", "P") in used
    assert len(used) > 100


def test_every_message_has_a_russian_translation():
    from babel.messages.pofile import read_po

    with catalog_path("ru").open("rb") as fh:
        catalog = read_po(fh, locale="ru")
    missing, fuzzy, broken = [], [], []
    for (context, msgid), ids in sorted(_used_messages().items(), key=str):
        entry = catalog.get(ids if len(ids) > 1 else msgid, context=context)
        if entry is None:
            missing.append(msgid)
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy:
            fuzzy.append(msgid)
        if not all(s.strip() for s in strings) or (len(ids) > 1 and len(strings) != catalog.num_plurals):
            missing.append(msgid)
        wanted = set(PLACEHOLDER.findall(" ".join(ids)))
        exact = context not in MAY_OMIT_PLACEHOLDERS
        if any(set(PLACEHOLDER.findall(s)) != wanted for s in strings if len(ids) == 1 and exact) or \
                any(not set(PLACEHOLDER.findall(s)) <= wanted for s in strings):
            broken.append(msgid)
    assert not missing, f"no Russian translation for: {missing}"
    assert not fuzzy, f"fuzzy translations: {fuzzy}"
    assert not broken, f"placeholders differ from the English: {broken}"


def test_russian_plural_rule_is_declared():
    from babel.messages.pofile import read_po

    with catalog_path("ru").open("rb") as fh:
        catalog = read_po(fh, locale="ru")
    assert catalog.num_plurals == 3


def test_the_catalog_ships_inside_the_package():
    path = catalog_path("ru")
    assert path.is_file() and path.parent.parent.parent.parent.name == "ratify"
