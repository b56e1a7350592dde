"""Every reader takes time linear in its input, however hostile, and refuses what is too big.

Each adversarial class is timed at a size n that takes some tens of milliseconds and at 2n: a
linear reader takes about twice as long, a quadratic one four times. The best of three runs is
compared, and a round that misses is measured again at twice the size, so a busy machine does
not make the test flaky; the bound (3) sits between the two.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from ratify.errors import UntcFormatError
from ratify.untc import read_status
from ratify.untc.guard import (
    MAX_COLUMNS,
    MAX_ELEMENTS,
    MAX_MARKUP_DEPTH,
    MAX_NESTED_PARTS,
    MAX_ROWS,
    MAX_STATEMENTS,
)


def xml(name: bytes = b"Albania", cell: bytes = b"1 Jan 2000", extra: bytes = b"", rows: bytes = b"") -> bytes:
    """A small MTDSG document with one participant row (and whatever else is given)."""
    return (
        b"<Document><Treaty><Header><ExternalData><Numsect>2</Numsect></ExternalData>"
        b"<Chapter><Header>CHAPTER V</Header></Chapter></Header><Participants><Table><TGroup><Thead><Row>"
        b"<Entry>Participant</Entry><Entry>Signature</Entry></Row></Thead><Tbody><Rows><Row><Entry>" + name
        + b"</Entry><Entry>" + cell + b"</Entry></Row>" + rows + b"</Rows></Tbody></TGroup></Table></Participants>"
        + extra + b"</Treaty></Document>"
    )


def page(body: bytes) -> bytes:
    """An HTML status page whose participants table is followed by ``body`` and nothing else.

    Nothing closes the page: html.parser's slow paths are those where no later ``>`` ends what
    an unclosed ``<!--`` or ``<a`` began.
    """
    return (
        b'<html><body><table id="x_tblgrid"><tr><td>Participant</td><td>Signature</td></tr>'
        b"<tr><td>Albania</td><td>1 Jan 2000</td></tr></table>" + body
    )


def csv(cell: bytes) -> bytes:
    return b"Participant,Signature\nAlbania," + cell + b"\n"


# name -> (file name, input of size about n)
ADVERSARIAL: dict[str, tuple[str, Callable[[int], bytes]]] = {
    # the two reported: spaces after a "<" in a participant's name, and in a date cell
    "xml-name-spaces-after-lt": ("V-2.en.xml", lambda n: xml(name=b"Australia&lt;" + b" " * n + b"x")),
    "xml-name-spaces-after-lt-slash": ("V-2.en.xml", lambda n: xml(name=b"A&lt;/" + b" " * n + b"x")),
    "xml-name-many-lt": ("V-2.en.xml", lambda n: xml(name=b"&lt; " * (n // 5))),
    "xml-name-open-superscript": ("V-2.en.xml", lambda n: xml(name=b"A&lt;sup&gt;" + b"1 " * (n // 2))),
    "xml-cell-spaces": ("V-2.en.xml", lambda n: xml(cell=b"1 Jan 2000" + b" " * n + b"!")),
    "xml-cell-leading-spaces": ("V-2.en.xml", lambda n: xml(cell=b"[" + b" " * n + b"!")),
    "xml-nested-markup": (
        "V-2.en.xml",
        lambda n: xml(extra=b"<EndNotes>" + (b"<Note><text>" + b"<a>" * MAX_MARKUP_DEPTH + b"x"
                                             + b"</a>" * MAX_MARKUP_DEPTH + b"</text></Note>") * max(1, n // 500)
                      + b"</EndNotes>"),
    ),
    "xml-prose-dates": ("V-2.en.xml", lambda n: xml(extra=b"<EndNotes><Note><text>" + b"1 " * (n // 2)
                                                    + b"</text></Note></EndNotes>")),
    "csv-cell-spaces": ("5-2.csv", lambda n: csv(b'"1 Jan 2000' + b" " * n + b'!"')),
    # html.parser re-scans the rest of the page for each of these; the reader must not
    # the reported one: every element inside as many captured parts as are allowed open at once
    "html-nested-parts": (
        "page.html",
        lambda n: page(b'<div id="a_rptHead_ctl00_tcHead">' * MAX_NESTED_PARTS + b"<div>x" * (n // 6)
                       + b"</div>" * (n // 6 + MAX_NESTED_PARTS)),
    ),
    "html-unclosed-comments": ("page.html", lambda n: page(b"<!--" * (n // 4))),
    "html-unclosed-tags": ("page.html", lambda n: page(b"<a" * (n // 2))),
    "html-end-tag-openers": ("page.html", lambda n: page(b"</" * (n // 2))),
    "html-processing-instructions": ("page.html", lambda n: page(b"<?" * (n // 2))),
    "html-declarations": ("page.html", lambda n: page(b"<!" * (n // 2))),
    "html-forms": ("page.html", lambda n: page(b"<form " * (n // 6))),
    "html-open-quotes": ("page.html", lambda n: page(b'<a b="' + b"x" * n)),
    "html-script": ("page.html", lambda n: page(b"<script>" + b"</scrip" * (n // 7))),
    "html-many-rows": (
        "page.html",
        lambda n: page(b'<table id="y_tblDec"><tr><td>A</td><td>1 Jan 2000</td><td>T</td></tr>'
                       + b"<tr><td>A</td><td>1 Jan 2000</td><td>T</td></tr>" * min(n // 48, MAX_ROWS - 1)
                       + b"</table>"),
    ),
}


def _seconds(name: str, data: bytes) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        try:
            read_status(name, data)
        except UntcFormatError:
            pass
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("case", sorted(ADVERSARIAL))
def test_doubling_a_hostile_input_does_not_quadruple_the_time(case: str) -> None:
    name, make = ADVERSARIAL[case]
    n = 2_000
    while _seconds(name, make(n)) < 0.05 and n < 4_000_000:  # large enough to time
        n *= 2
    # A busy machine can slow one run: a quadratic reader fails every round, a linear one at
    # most the odd one. (An input refused at once takes no measurable time: 50 ms is the floor.)
    rounds = []
    for _ in range(3):
        small, large = _seconds(name, make(n)), _seconds(name, make(2 * n))
        rounds.append(f"n={n:,}: {small:.3f}s, 2n: {large:.3f}s")
        if large < max(3 * small, 0.05):
            break
        n *= 2
    else:
        pytest.fail(f"{case}: time grows faster than the input: {'; '.join(rounds)}")


def refused(name: str, data: bytes, match: str) -> None:
    with pytest.raises(UntcFormatError, match=match) as caught:
        read_status(name, data)
    assert caught.value.source == name


def test_caps_on_rows() -> None:
    row = b"<Row><Entry>A</Entry><Entry>1 Jan 2000</Entry></Row>"
    refused("V-2.en.xml", xml(rows=row * MAX_ROWS), f"more than {MAX_ROWS:,} <Row>")
    refused("page.html", page(b'<table id="y_tblDec">' + b"<tr><td>A</td></tr>" * (MAX_ROWS + 2) + b"</table>"),
            f"more than {MAX_ROWS:,} table rows")
    refused("5-2.csv", b"Participant,Signature\n" + b"A,1 Jan 2000\n" * (MAX_ROWS + 1),
            f"more than {MAX_ROWS:,} participant rows")


def test_caps_on_columns() -> None:
    legend = b"<Row>" + b"<Entry>Signature</Entry>" * (MAX_COLUMNS + 2) + b"</Row>"
    data = xml().replace(b"<Row><Entry>Participant</Entry><Entry>Signature</Entry></Row>", legend)
    refused("V-2.en.xml", data, "<Entry> elements")
    wide = b"<tr><td>Participant</td>" + b"<td>Signature</td>" * (MAX_COLUMNS + 1) + b"</tr>"
    refused("page.html", b'<html><body><table id="x_tblgrid">' + wide + b"</table></body></html>",
            f"more than {MAX_COLUMNS} columns")
    refused("5-2.csv", b"Participant" + b",Signature" * (MAX_COLUMNS + 1) + b"\n", f"more than {MAX_COLUMNS} columns")


def test_cap_on_statements() -> None:
    notes = b"<EndNotes>" + b"<Note><index>1</index><text>x</text></Note>" * (MAX_STATEMENTS + 1) + b"</EndNotes>"
    refused("V-2.en.xml", xml(extra=notes), f"more than {MAX_STATEMENTS:,} <Note>")
    parts = b'<div id="a_dgNotesAll_ctl02_divNotesAll">x</div>' * (MAX_STATEMENTS + 1)
    refused("page.html", page(parts), f"more than {MAX_STATEMENTS:,} parts 'dgNotesAll'")


def test_cap_on_nested_parts() -> None:
    nested = b'<div id="a_rptHead_ctl00_tcHead">' * (MAX_NESTED_PARTS + 1)
    refused("page.html", page(nested + b"</div>" * (MAX_NESTED_PARTS + 1)),
            f"more than {MAX_NESTED_PARTS} parts of the page open inside one another")


def test_cap_on_elements() -> None:
    refused("V-2.en.xml", xml(extra=b"<x/>" * (MAX_ELEMENTS + 1)), f"more than {MAX_ELEMENTS:,} elements")


def test_cap_on_markup_depth() -> None:
    deep = b"<a>" * (MAX_MARKUP_DEPTH + 1) + b"x" + b"</a>" * (MAX_MARKUP_DEPTH + 1)
    refused("V-2.en.xml", xml(name=deep), f"markup nested more than {MAX_MARKUP_DEPTH} deep")
    refused("V-2.en.xml", xml(name=b"<a>" * 50_000 + b"</a>" * 50_000), "nested more than")
    assert read_status("V-2.en.xml", xml(name=b"<a>" * (MAX_MARKUP_DEPTH - 1) + b"Albania"
                                         + b"</a>" * (MAX_MARKUP_DEPTH - 1))).rows[0].name == "Albania"


def test_within_the_caps_a_page_still_reads() -> None:
    nested = b'<div id="a_rptHead_ctl00_tcHead">' * MAX_NESTED_PARTS + b"CHAPTER V" + b"</div>" * MAX_NESTED_PARTS
    doc = read_status("page.html", page(nested))
    assert doc.header.chapter == "V"
    assert [row.name for row in doc.rows] == ["Albania"]


def test_importing_many_footnotes_and_notes_is_linear() -> None:
    """Each footnote of a row finds its end note in constant time (a scan per footnote was quadratic)."""
    import ratify
    from ratify.untc.importer import document_to_file

    find_state = ratify.load().find_state

    def make(n: int) -> bytes:
        marks = ",".join(str(i) for i in range(n)).encode()
        notes = b"".join(b"<Note><index>%d</index><text>note</text></Note>" % i for i in range(n))
        return xml(name=b"Albania&lt;superscript&gt;" + marks + b"&lt;/superscript&gt;",
                   extra=b"<EndNotes>" + notes + b"</EndNotes>")

    def seconds(n: int) -> float:
        """Best of five, the collector off as `timeit` has it: the bundled catalogue this test loads (and
        whatever earlier tests left alive) makes a full collection cost more than the import measured."""
        import gc

        doc = read_status("V-2.en.xml", make(n))
        best = float("inf")
        gc.collect()
        gc.disable()
        try:
            for _ in range(5):
                start = time.perf_counter()
                document_to_file(doc, find_state)
                best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
        return best

    n = 1_000
    while seconds(n) < 0.05 and n * 4 <= MAX_STATEMENTS:
        n *= 2
    # a busy machine can slow one measurement down; a quadratic import is 4x slower every time
    for _ in range(3):
        small, large = seconds(n), seconds(2 * n)
        if large < max(3 * small, 0.05):
            break
    assert large < max(3 * small, 0.05), f"n={n:,}: {small:.3f}s, 2n: {large:.3f}s"
