"""Mutated real files: read_status returns a document or raises UntcFormatError, nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from untc_paths import FIXTURES

from ratify.errors import UntcFormatError
from ratify.untc import StatusDocument, read_status

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
]


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
    try:
        doc = read_status(name, data)
    except UntcFormatError as error:
        assert name in str(error)
    else:
        assert isinstance(doc, StatusDocument)
