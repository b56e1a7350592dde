"""Mutated real files: read_status returns a document or raises UntcFormatError, nothing else;
importing what was read raises nothing but a RatifyError; and no example takes long.

The mutations include the inputs that once broke the readers (runs of spaces after a ``<``,
unclosed comments and tags, nested parts of a page, counts of thousands of digits, impossible
dates, path-like chapter headings), so each class stays covered. ``scripts/fuzz.py`` runs the
same idea on every fixture file, at nightly size, each read in a child process with a timeout.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from untc_paths import FIXTURES

import ratify
from ratify.errors import RatifyError, UntcFormatError
from ratify.untc import StatusDocument, read_status
from ratify.untc.importer import document_to_file

SEEDS = {
    name: (FIXTURES / name).read_bytes()
    for name in ("V-5.en.xml", "XVIII-12-b.en.xml", "cmw.html", "5-2.csv")
}
# bytes that matter to the grammars: markup, references, brackets, controls, high Latin-1
NASTY = [
    b"<",
    b">",
    b"&",
    b"&#0;",
    b"&lt;",
    b"]]>",
    b"<!DOCTYPE x>",
    b"[",
    b"]",
    b"\x00",
    b"\x1c",
    b"\r",
    b"\x93",
    b"\xff",
    b'"',
    b",",
    # the classes of issue reports: each once escaped as a traceback, a hang or gigabytes
    b"&lt;" + b" " * 20_000,
    b"<" + b" " * 20_000,
    b" " * 20_000 + b"!",
    b"<!--" * 2_000,
    b"<a" * 2_000,
    b"</" * 2_000,
    b"<?" * 2_000,
    b'<div id="a_rptHead_ctl00_tcHead">' * 50,
    b'<tr id="a_tblgrid">' * 20,
    b"<a>" * 500,
    b"9" * 5_000,
    b"Parties : " + b"9" * 5_000,
    b"31 February 2000",
    b"[31 Feb 2000]",
    b"CHAPTER /etc/passwd",
    b"../../",
    b"X" * 300,
    b"&lt;superscript&gt;",
    b"\xef\xbb\xbf",
]
SECONDS_PER_EXAMPLE = 5  # a real file reads in well under a second; a hostile one must not take longer


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[name])
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["delete", "insert", "replace", "truncate", "duplicate"]))
        if kind == "delete":
            del data[where : where + draw(st.integers(1, 400))]
        elif kind == "insert":
            data[where:where] = draw(st.one_of(st.sampled_from(NASTY), st.binary(min_size=1, max_size=12)))
        elif kind == "replace" and where < len(data):
            data[where] = draw(st.integers(0, 255))
        elif kind == "truncate":
            del data[where:]
        elif kind == "duplicate":
            data[where:where] = data[where : where + draw(st.integers(1, 2000))]
    return name, bytes(data)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(mutated())
def test_mutated_files_never_escape(sample: tuple[str, bytes]) -> None:
    name, data = sample
    start = time.perf_counter()
    try:
        doc = read_status(name, data)
    except UntcFormatError as error:
        assert name in str(error)
    else:
        assert isinstance(doc, StatusDocument)
    assert time.perf_counter() - start < SECONDS_PER_EXAMPLE


@pytest.fixture(scope="module")
def find_state():
    return ratify.load().find_state


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(mutated())
def test_importing_a_mutated_file_raises_only_ratify_errors(find_state, sample: tuple[str, bytes]) -> None:
    name, data = sample
    start = time.perf_counter()
    try:
        document_to_file(read_status(name, data), find_state)
    except RatifyError as error:
        assert name in str(error)
    assert time.perf_counter() - start < SECONDS_PER_EXAMPLE
