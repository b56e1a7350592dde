"""Languages of the documents: gettext catalogs, and dates and numbers in each language's convention.

The Russian catalog is kept as a source file, `ratify/locale/ru/LC_MESSAGES/ratify.po`; it is
compiled in memory on first use (no compiled `.mo` to keep in step). English is the language of the
message ids, so it needs no catalog. Dates and numbers come from Babel's CLDR data: "15 January
1999" (British English, the United Nations' usage) and "15 января 1999 г.".

To add or change a translatable string: mark it in a template (`{% trans %}`, `_()`, `ngettext()`)
or in `ratify.reports` (`gettext`, `ngettext`, `N_`), then run from the repository root

    pybabel extract -F babel.cfg -k N_ -o /tmp/ratify.pot .
    pybabel update -i /tmp/ratify.pot -d src/ratify/locale -D ratify --no-fuzzy-matching

and translate the new entries; `tests/reports/test_i18n.py` fails while any is missing.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from functools import cache
from pathlib import Path
from typing import Any

import attrs

from ratify.resources import locale_folder

__all__ = ["LANGS", "N_", "Lang", "catalog_path", "language"]

LANGS = ("en", "ru")
DOMAIN = "ratify"
_LOCALE_DIR = locale_folder()
# Babel locales: British English writes "15 January 1999", as the United Nations does
_BABEL_LOCALE = {"en": "en_GB", "ru": "ru"}
# CLDR puts a narrow no-break space before "г."; a plain space keeps the text searchable as typed
_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " "})


def N_(message: str) -> str:
    """Mark `message` for extraction; it is translated where it is used."""
    return message


def catalog_path(lang: str) -> Path:
    return _LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with catalog_path(lang).open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


@attrs.frozen
class Lang:
    """One language of a document: its messages, dates and numbers."""

    code: str
    translations: Any = attrs.field(repr=False, eq=False)

    @property
    def babel_locale(self) -> str:
        return _BABEL_LOCALE[self.code]

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The form of the message for `n`, with `%(num)d` and `values` filled in (as jinja2's newstyle gettext)."""
        return self.translations.ngettext(singular, plural, n) % {"num": n, **values}

    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message)

    def date(self, day: dt.date | None) -> str:
        """ "15 January 1999" / "15 января 1999 г."; "" for None."""
        if day is None:
            return ""
        from babel.dates import format_date

        return format_date(day, format="long", locale=self.babel_locale).translate(_SPACES)

    def number(self, n: float) -> str:
        from babel.numbers import format_decimal

        return format_decimal(n, locale=self.babel_locale)

    def percent(self, share: float) -> str:
        """ "45%" / "45 %" (with a no-break space, as Russian writes it)."""
        from babel.numbers import format_percent

        return format_percent(share, locale=self.babel_locale)


@cache
def language(code: str) -> Lang:
    from ratify.present.documents import ReportError

    if code not in LANGS:
        raise ReportError(f"unknown language {code!r}; choose one of {', '.join(LANGS)}")
    return Lang(code, _translations(code))
