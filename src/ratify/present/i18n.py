"""Languages: gettext catalogues for every human-facing word, Babel for dates, numbers, lists and plurals.

English is the language of the message ids, so it needs no catalogue. Every other language is a
folder `<code>/LC_MESSAGES/ratify.po` (or a compiled `ratify.mo`) in a locale folder: the bundled
one, `ratify/locale/` (Russian), and any folder named in the environment variable
`RATIFY_LOCALE_PATH` (several separated by `os.pathsep`) or given to `language(code, locale_path=…)`.
The languages ratify speaks are the catalogues it finds there — no code lists them — so a third
language is a `.po` file plus the data's own fields; a string its catalogue lacks stays in English.
A `.po` is compiled in memory on first use (no compiled `.mo` to keep in step), and the result kept
in the user's cache under the digest of the `.po`'s bytes.

Dates and numbers come from Babel's CLDR data: "15 January 1999" (British English, the United
Nations' usage) and "15 января 1999 г."; English ordinals ("1st", "22nd", "90th") come from CLDR's
ordinal plural categories, each category a message of its own.

To add or change a translatable string: mark it in a template (`{% trans %}`, `_()`, `ngettext()`)
or in `ratify.present` (`gettext`, `ngettext`, `pgettext`, `N_`), then run from the repository root

    pybabel extract -F babel.cfg -k N_ -k pgettext:1c,2 -o /tmp/ratify.pot .
    pybabel update -i /tmp/ratify.pot -d src/ratify/locale -D ratify --no-fuzzy-matching

and translate the new entries; `tests/reports/test_reports_i18n.py` fails while any is missing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gettext
import io
import os
import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from ratify.resources import locale_folder

__all__ = ["LOCALE_PATH_VARIABLE", "N_", "Lang", "available_languages", "catalog_path", "language",
           "locale_folders"]

DOMAIN = "ratify"
LOCALE_PATH_VARIABLE = "RATIFY_LOCALE_PATH"
# Babel locales where the code alone is not the one: British English writes "15 January 1999", as the UN does
_BABEL_LOCALE = {"en": "en_GB"}
# CLDR puts a narrow no-break space before "г."; a plain space keeps the text searchable as typed
_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " "})
_CODE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")
_MO_BLOB = "gettext-mo"  # the kind of a compiled catalogue in the cache


def N_(message: str) -> str:
    """Mark `message` for extraction; it is translated where it is used."""
    return message


def locale_folders(extra: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None
                   ) -> tuple[Path, ...]:
    """Where catalogues are looked for: `extra` first, then `$RATIFY_LOCALE_PATH`, then the bundled folder."""
    found: list[Path] = []
    if extra is not None:
        found += [Path(extra)] if isinstance(extra, (str, os.PathLike)) else [Path(p) for p in extra]
    found += [Path(p) for p in os.environ.get(LOCALE_PATH_VARIABLE, "").split(os.pathsep) if p]
    found.append(locale_folder())
    return tuple(dict.fromkeys(found))


def _catalog_file(folders: Sequence[Path], code: str) -> Path | None:
    for folder in folders:
        for suffix in (".po", ".mo"):
            path = folder / code / "LC_MESSAGES" / f"{DOMAIN}{suffix}"
            if path.is_file():
                return path
    return None


def available_languages(extra: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None
                        ) -> tuple[str, ...]:
    """English, then every language with a catalogue in the locale folders, in alphabetical order."""
    codes = set()
    for folder in locale_folders(extra):
        if folder.is_dir():
            codes |= {p.name for p in folder.iterdir() if _CODE.fullmatch(p.name)
                      and _catalog_file([folder], p.name) is not None}
    return ("en", *sorted(codes - {"en"}))


def catalog_path(lang: str) -> Path:
    """The bundled source catalogue of `lang`."""
    return locale_folder() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _translations(path: Path | None, code: str) -> gettext.NullTranslations:
    """The messages of a catalogue: the standard library's gettext reads a compiled one (a `.po` is compiled
    by Babel, once; see `_compiled`)."""
    if path is None:
        return gettext.NullTranslations()
    if path.suffix == ".mo":
        with path.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    return gettext.GNUTranslations(io.BytesIO(_compiled(path.read_bytes(), code)))


def _compiled(po: bytes, code: str) -> bytes:
    """The `.mo` of the catalogue `po`: parsing a `.po` costs more than a brief, so the result is kept in the
    user's cache (authenticated like every entry there) under the digest of the `.po`'s bytes."""
    import hashlib

    from ratify.store.cache import default_cache

    store = default_cache()
    key = f"{code}\0{hashlib.sha256(po).hexdigest()}\0{_compiler()}"
    if store is not None:
        with store:
            found = store.get_blob(_MO_BLOB, key)
        if found is not None:
            return found
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po), locale=code, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    if store is not None:
        with store:
            store.put_blob(_MO_BLOB, key, buf.getvalue())
    return buf.getvalue()


@cache
def _compiler() -> str:
    """What compiles a `.po`: Babel's reader and writer of catalogues, by the digest of their files — read,
    not imported, so that a catalogue found compiled in the cache needs no Babel at all."""
    import hashlib
    import importlib.util

    spec = importlib.util.find_spec("babel")
    h = hashlib.sha256()
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        for name in ("__init__.py", "messages/catalog.py", "messages/pofile.py", "messages/mofile.py"):
            with contextlib.suppress(OSError):
                h.update(name.encode() + b"\0" + (Path(folder) / name).read_bytes())
    return h.hexdigest()


class Lang(NamedTuple):
    """One language: its messages, and its dates, numbers, lists and ordinals by CLDR.

    A named tuple, not an attrs class: `ratify status` speaks before anything imports attrs.
    """

    code: str
    translations: Any

    def __repr__(self) -> str:
        return f"Lang(code={self.code!r})"

    @property
    def babel_locale(self) -> str:
        return _BABEL_LOCALE.get(self.code, self.code)

    def gettext(self, message: str) -> str:
        return str(self.translations.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The form of the message for `n`, with `%(num)d` and `values` filled in (as jinja2's newstyle gettext)."""
        return str(self.translations.ngettext(singular, plural, n)) % {"num": n, **values}

    def pgettext(self, context: str, message: str) -> str:
        return str(self.translations.pgettext(context, message))

    def date(self, day: dt.date | None) -> str:
        """ "15 January 1999" / "15 января 1999 г."; "" for None."""
        return _long_date(day, self.babel_locale) if day is not None else ""

    def number(self, n: float) -> str:
        from babel.numbers import format_decimal

        return format_decimal(n, locale=self.babel_locale)

    def percent(self, share: float) -> str:
        """ "45%" / "45 %" (with a no-break space, as Russian writes it)."""
        from babel.numbers import format_percent

        return format_percent(share, locale=self.babel_locale)

    def join(self, items: Sequence[str]) -> str:
        """ "17, 23 and 26" / "17, 23 и 26" (CLDR list patterns)."""
        from babel.lists import format_list

        return format_list(list(items), locale=self.babel_locale) if items else ""

    def ordinal(self, n: int) -> str:
        """ "1st", "22nd", "90th" / "90-й": the message of `n`'s CLDR ordinal category."""
        from babel import Locale

        category = Locale.parse(self.babel_locale).ordinal_form(n)
        return self.pgettext(f"ordinal {category}", _ORDINALS.get(category, _ORDINALS["other"])) % {"num": n}


@lru_cache(maxsize=4096)
def _long_date(day: dt.date, locale: str) -> str:
    """A date in full in `locale`, formatted once per process (a brief prints the same dates many times)."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=locale).translate(_SPACES)


# the English ordinal of each CLDR category; another language translates each under its context
_ORDINALS = {"one": "%(num)dst", "two": "%(num)dnd", "few": "%(num)drd", "other": "%(num)dth"}


def _ordinal_messages(lang: Lang) -> tuple[str, ...]:  # pragma: no cover - marks the messages for extraction
    return (lang.pgettext("ordinal one", "%(num)dst"), lang.pgettext("ordinal two", "%(num)dnd"),
            lang.pgettext("ordinal few", "%(num)drd"), lang.pgettext("ordinal other", "%(num)dth"),
            lang.pgettext("ordinal many", "%(num)dth"), lang.pgettext("ordinal zero", "%(num)dth"))


def language(code: str, locale_path: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None
             ) -> Lang:
    """The language `code`, from the first catalogue found for it (see `locale_folders`)."""
    return _language(code, locale_folders(locale_path))


@cache
def _language(code: str, folders: tuple[Path, ...]) -> Lang:
    from ratify.errors import ReportError

    if code == "en":
        return Lang(code, gettext.NullTranslations())
    path = _catalog_file(folders, code) if _CODE.fullmatch(code) else None
    if path is None:
        known = ("en", *sorted({p.name for f in folders if f.is_dir() for p in f.iterdir()
                                if _catalog_file([f], p.name)}))
        raise ReportError(f"unknown language {code!r}; choose one of {', '.join(known)} "
                          f"(or add a catalogue <code>/LC_MESSAGES/{DOMAIN}.po to ${LOCALE_PATH_VARIABLE})")
    return Lang(code, _translations(path, code))
