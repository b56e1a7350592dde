"""Rich display in notebooks: HTML reprs (escaped), short plain reprs, and lists that stay lists."""

from __future__ import annotations

import datetime as dt
import pickle
import subprocess
import sys
from html.parser import HTMLParser

import attrs

import ratify
from ratify import ChangeList, GapList, Localized, Source

cat = ratify.load()
ALMATY_DAY = dt.date(2011, 3, 15)
HOSTILE = '<script>alert("x")</script> & Co'


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [v or "" for k, v in attrs_ if k == "href"]


def parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    return p


def test_participation_html_shows_the_record_and_its_source():
    p = cat.participation("TUR", "V-2")
    html = p._repr_html_()
    assert "TUR" in html and "refugees-1951" in html and 'class="status party"' in html
    assert "limits scope" in html  # the geographic limitation
    assert p.source is not None and p.source.title in html
    assert "treaties.un.org" in html and "1962-03-30" in html
    assert "script" not in parse(html).tags


def test_instrument_and_state_html():
    html = cat.instrument("XVIII-12-a")._repr_html_()
    assert "Trafficking in Persons Protocol" in html and "XVIII-12-a" in html
    assert "requires party to" in html and "untoc-2000" in html  # UNTOC art. 37(2), as data
    assert "30th day after deposit" in html
    html = cat.state("Kazakhstan")._repr_html_()
    assert "Kazakhstan" in html and "Казахстан" in html and "KAZ" in html and "KZ" in html


def test_gap_list_html_and_repr():
    gaps = cat.gaps("UZB", as_of=dt.date(2014, 1, 1))
    assert isinstance(gaps, GapList) and isinstance(gaps, list)
    html = gaps._repr_html_()
    assert "Uzbekistan (UZB), as of 2014-01-01" in html
    assert html.count("<tr>") == len(gaps) + 1  # header and one row per gap
    assert "accede to" in html and "Almaty Declaration" in html
    text = repr(gaps)
    assert text.splitlines()[0] == f"<GapList Uzbekistan (UZB), as of 2014-01-01: {len(gaps)} gaps>"
    assert len(text.splitlines()) == len(gaps) + 1 and "V-2" in text


def test_change_list_html_and_repr():
    changes = cat.changes(since=ALMATY_DAY, until=dt.date(2015, 12, 31), group="almaty-process")
    assert isinstance(changes, ChangeList)
    html = changes._repr_html_()
    assert f"{len(changes)} events from 2011-03-15 to 2015-12-31" in html
    assert "Turkmenistan" in html and "accession" in html
    text = repr(changes)
    assert text.startswith(f"<ChangeList: {len(changes)} events from 2011-03-15 to 2015-12-31>")
    assert "2011-12-07  TKM  V-3" in text
    empty = cat.changes(since=dt.date(1900, 1, 1), until=dt.date(1900, 1, 2))
    assert "no events" in empty._repr_html_() and repr(empty).startswith("<ChangeList: 0 events")


def test_the_lists_keep_list_behaviour():
    gaps = cat.gaps("UZB", as_of=dt.date(2014, 1, 1))
    plain = list(gaps)
    assert gaps == plain and len(gaps) == len(plain) and gaps[0] is plain[0] and gaps[-1] is plain[-1]
    assert gaps[1:] == plain[1:] and list(reversed(gaps)) == plain[::-1]
    assert [g.instrument.mtdsg for g in gaps][:1] == ["V-2"]
    again = pickle.loads(pickle.dumps(gaps))
    assert again == gaps and again.state == "UZB" and again.as_of == dt.date(2014, 1, 1)
    changes = cat.changes(since=ALMATY_DAY, group="almaty-process")
    assert changes == sorted(changes) and changes[0].date >= ALMATY_DAY
    assert ChangeList() == [] and len(GapList()) == 0


def test_html_is_escaped():
    st = attrs.evolve(cat.state("KAZ"), name=Localized(HOSTILE, HOSTILE), depositary_name=HOSTILE)
    html = st._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; Co" in html
    bad = Source(id="s", title=HOSTILE, url="javascript:alert(1)")
    p = attrs.evolve(cat.participation("KAZ", "V-2"), notes=(HOSTILE,), sources=(bad,),
                     depositary_name=HOSTILE)
    html = p._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in parse(html).links  # a link is only ever http(s)
    inst = attrs.evolve(cat.instrument("V-2"), short_name=Localized(HOSTILE), url="javascript:alert(1)")
    html = inst._repr_html_()
    assert "<script>" not in html and not parse(html).links
    gaps = GapList([attrs.evolve(g, instrument=inst) for g in cat.gaps("UZB")], state="UZB",
                   state_name=Localized(HOSTILE))
    assert "<script>" not in gaps._repr_html_()
    m = cat.matrix(states=["KAZ"])
    m2 = attrs.evolve(m, states=(st,))
    assert "<script>" not in m2._repr_html_()


def test_plain_reprs_stay_short():
    assert repr(cat.instrument("V-2")) == "<Instrument refugees-1951 (V-2): 1951 Refugee Convention>"
    assert repr(cat.state("KAZ")) == "<State KAZ: Kazakhstan>"
    assert repr(cat.participation("KAZ", "V-2")) == "<Participation KAZ in refugees-1951: party>"
    assert len(repr(cat.gaps("IRN")).splitlines()) <= 31


def test_import_ratify_loads_no_heavy_module():
    code = ("import sys, ratify; heavy = [m for m in ('pandas', 'matplotlib', 'jinja2', 'networkx', 'numpy') "
            "if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ})
    assert out.stdout.strip() == ""
