"""The TOML writer of the data files: tomli-w's bytes, faster, and no value lost on the way back."""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from ratify.resources import bundled_data
from ratify.store.convert import data_converter
from ratify.store.datafiles import dump_instrument_file
from ratify.store.read import read_instrument_files
from ratify.store.schema import InstrumentFile
from ratify.store.tomltext import dumps

INSTRUMENT_FILES = sorted((bundled_data() / "instruments").glob("*.toml"))

text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)  # any character a str holds but a lone surrogate
keys = st.one_of(st.sampled_from(["state", "consent", "a-b_1", "", "ключ", "two words"]), text)
scalars = st.one_of(
    text,
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.dates(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["line one\nline two", "tab\there", 'quote " and \\ backslash', "\x7f\x00\x1f", "\n"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=12,
)
documents = st.dictionaries(keys, values, max_size=6)


@functools.cache
def _bundled() -> dict[Path, InstrumentFile]:
    return read_instrument_files(bundled_data())


@pytest.mark.parametrize("path", INSTRUMENT_FILES, ids=lambda p: p.stem)
def test_the_bundled_files_are_written_as_tomli_w_writes_them(path: Path) -> None:
    f = _bundled()[path]
    plain = data_converter().unstructure(f)
    assert dumps(plain, multiline_strings=True) == tomli_w.dumps(plain, multiline_strings=True)
    # and the file on disk is exactly what the writer gives
    assert dump_instrument_file(f) == path.read_bytes()


@settings(max_examples=300, deadline=None)
@given(documents, st.booleans())
def test_any_document_reads_back_as_written(doc: dict[str, object], multiline: bool) -> None:
    assert tomllib.loads(dumps(doc, multiline_strings=multiline)) == doc


def _has_crlf(value: object) -> bool:
    if isinstance(value, str):
        return "\r\n" in value
    if isinstance(value, dict):
        return any(_has_crlf(k) or _has_crlf(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_crlf(v) for v in value)
    return False


@settings(max_examples=300, deadline=None)
@given(documents, st.booleans())
def test_any_document_has_tomli_w_layout(doc: dict[str, object], multiline: bool) -> None:
    if multiline and _has_crlf(doc):
        # tomli-w turns CRLF into LF in a multi-line string; this writer keeps the CR, escaped
        assert tomllib.loads(dumps(doc, multiline_strings=True)) == doc
        return
    assert dumps(doc, multiline_strings=multiline) == tomli_w.dumps(doc, multiline_strings=multiline)


def test_what_toml_cannot_hold_is_refused() -> None:
    with pytest.raises(TypeError, match="not TOML serializable"):
        dumps({"when": object()})
    with pytest.raises(TypeError, match="A string is required"):
        dumps({1: "one"})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="offset times"):
        dumps({"at": dt.time(12, tzinfo=dt.UTC)})
