"""Small pieces of English and Russian used in gap texts: dates, years, article references."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

__all__ = ["articles", "date_text", "full_years", "ref_text", "years_text"]

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
}


def date_text(day: dt.date, lang: str = "en") -> str:
    """ "12 December 2000" / "12 декабря 2000 г."."""
    if lang == "ru":
        return f"{day.day} {_MONTHS['ru'][day.month - 1]} {day.year} г."
    return f"{day.day} {_MONTHS['en'][day.month - 1]} {day.year}"


def full_years(since: dt.date, until: dt.date) -> int:
    """Whole years from `since` to `until` (0 if `until` is earlier)."""
    years = until.year - since.year - ((until.month, until.day) < (since.month, since.day))
    return max(years, 0)


def years_text(n: int, lang: str = "en") -> str:
    """ "1 year" / "13 years"; "1 год" / "3 года" / "13 лет"."""
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            word = "год"
        elif n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
            word = "года"
        else:
            word = "лет"
        return f"{n} {word}"
    return f"{n} year{'' if n == 1 else 's'}"


def articles(arts: Sequence[str], lang: str = "en") -> str:
    """ "art. 14", "arts. 17, 23 and 26" / "ст. 14", "ст. 17, 23 и 26"."""
    if not arts:
        return ""
    last = " и " if lang == "ru" else " and "
    joined = arts[0] if len(arts) == 1 else ", ".join(arts[:-1]) + last + arts[-1]
    if lang == "ru":
        return f"ст. {joined}"
    return f"{'art.' if len(arts) == 1 else 'arts.'} {joined}"


_RU_REFS = (("para.", "п."), ("paras.", "пп."), ("arts.", "ст."), ("art.", "ст."), ("note", "сноска"),
            ("preamble", "преамбула"), ("item", "п."))


def ref_text(ref: str | None, lang: str = "en") -> str:
    """A reference as the data writes it ("para. 5, note 1"), with its abbreviations in Russian if asked."""
    if not ref:
        return ""
    if lang != "ru":
        return ref
    out = ref
    for en, ru in _RU_REFS:
        out = re.sub(rf"(?<!\w){re.escape(en)}(?!\w)", ru, out)
    return out
