"""The order instruments are listed and acted on in: binding first, then by theme, adoption and number."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ratify.model.enums import Theme
from ratify.model.records import Instrument

__all__ = ["instrument_order"]

_THEME_ORDER = {t: i for i, t in enumerate(Theme)}


def _mtdsg_key(mtdsg: str | None) -> tuple[Any, ...]:
    """ "XVIII-12" before "XVIII-12-a"; "IV-3" before "IV-13"."""
    if not mtdsg:
        return ()
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"[-.]", mtdsg))


def instrument_order(inst: Instrument) -> tuple[Any, ...]:
    """The sort key of an instrument: binding first, then theme, adoption date, MTDSG number, id."""
    adopted = inst.adoption.date if inst.adoption else dt.date.max
    return (not inst.binding, _THEME_ORDER[inst.theme], adopted, _mtdsg_key(inst.mtdsg), inst.id)
