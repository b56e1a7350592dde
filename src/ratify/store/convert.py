"""The cattrs converters every (de)serialization goes through: TOML data files and JSON exports."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import types
import typing
from collections.abc import Callable
from typing import Any

import cattrs

from ratify.model.records import Localized, Source

__all__ = ["data_converter", "json_converter", "make_converter", "snapshot_converter"]


def _structure_date(value: Any, _type: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expected a date (YYYY-MM-DD), got {value!r}")


def _structure_datetime(value: Any, _type: type) -> dt.datetime:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError(f"expected a date and time with its UTC offset (like 2026-02-03T10:16:18Z), "
                             f"got {value!r} without one")
        return value
    raise ValueError(f"expected a date and time (YYYY-MM-DDTHH:MM:SSZ), got {value!r}")


def _structure_str(value: Any, _type: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {value!r}")
    return value


def _structure_bool(value: Any, _type: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _structure_int(value: Any, _type: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {value!r}")
    return value


_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")


def _structure_localized(value: Any, _type: type) -> Localized:
    """`{en = "…", ru = "…"}` (any language codes, English required) → a `Localized`."""
    if not isinstance(value, dict):
        raise ValueError(  # noqa: TRY004 - cattrs reports a ValueError as a problem of the file
            f"expected a table of texts by language ({{en = \"…\", ru = \"…\"}}), got {value!r}")
    for code, text in value.items():
        if not isinstance(code, str) or not _LANGUAGE_CODE.fullmatch(code):
            raise ValueError(f"{code!r} is not a language code (en, ru, kk, …)")
        if not isinstance(text, str):
            raise ValueError(f"{code}: expected a string, got {text!r}")  # noqa: TRY004
    if "en" not in value:
        raise ValueError("the English text (en) is missing")
    return Localized(value)


def make_converter(*, iso_dates: bool, forbid_extra_keys: bool = True, detailed: bool = True) -> cattrs.Converter:
    """A strict converter: unknown keys and wrong types are errors, defaults are left out on output.

    `iso_dates` writes dates as "YYYY-MM-DD" strings (JSON); otherwise they stay dates (TOML).
    `detailed` collects every field at fault (for files people write) rather than stopping at the first.
    """
    conv = cattrs.Converter(forbid_extra_keys=forbid_extra_keys, omit_if_default=True, detailed_validation=detailed)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(Localized, _structure_localized)
    conv.register_unstructure_hook(Localized, dict)
    if iso_dates:
        conv.register_unstructure_hook(dt.date, dt.date.isoformat)
        conv.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    return conv


@functools.cache
def data_converter() -> cattrs.Converter:
    """For the TOML data files."""
    return make_converter(iso_dates=False)


@functools.cache
def snapshot_converter() -> cattrs.Converter:
    """For snapshots of validated folders (`ratify.store.snapshot`): fast, and a record's sources may
    be given as the `Source` objects themselves."""
    conv = make_converter(iso_dates=True, detailed=False)
    # what a snapshot holds was checked field by field when its folder was validated, and it is read only
    # from where nobody else can have written it: its values are taken as they are
    conv.register_structure_hook(dt.date, lambda value, _: dt.date.fromisoformat(value))
    conv.register_structure_hook(str, lambda value, _: value)
    conv.register_structure_hook(bool, lambda value, _: value)
    conv.register_structure_hook(int, lambda value, _: value)
    conv.register_structure_hook(Localized, lambda value, _: Localized(value))
    # cattrs' generic hooks for `X | None` and `tuple[X, ...]` look the element's hook up on every value;
    # a snapshot holds tens of thousands of records, so each type gets a hook with its element's resolved
    conv.register_structure_hook_factory(_is_optional, functools.partial(_optional_hook, conv))
    conv.register_structure_hook_factory(_is_homogeneous_tuple, functools.partial(_tuple_hook, conv))
    conv.register_structure_hook_factory(_is_enum, _enum_hook)
    structure_source = conv.get_structure_hook(Source)

    def source(value: Any, type_: type) -> Source:
        return value if isinstance(value, Source) else structure_source(value, type_)

    conv.register_structure_hook(Source, source)
    return conv


def _is_enum(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


def _enum_hook(type_: type[enum.Enum]) -> Callable[[Any, Any], Any]:
    members = type_._value2member_map_  # what `type_(value)` looks up, without its slow path
    return lambda value, _: members[value] if value in members else type_(value)


def _is_optional(type_: Any) -> bool:
    args = typing.get_args(type_)
    return typing.get_origin(type_) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args


def _optional_hook(conv: cattrs.Converter, type_: Any) -> Callable[[Any, Any], Any]:
    (inner,) = (a for a in typing.get_args(type_) if a is not type(None))
    hook = conv.get_structure_hook(inner)
    return lambda value, _: None if value is None else hook(value, inner)


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(conv: cattrs.Converter, type_: Any) -> Callable[[Any, Any], Any]:
    inner = typing.get_args(type_)[0]
    hook = conv.get_structure_hook(inner)
    return lambda value, _: tuple(hook(v, inner) for v in value) if value else ()


@functools.cache
def json_converter() -> cattrs.Converter:
    """For JSON exports."""
    return make_converter(iso_dates=True)
