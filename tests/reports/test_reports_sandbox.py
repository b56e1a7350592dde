"""User templates run bounded: every way found to spend unbounded time or memory ends in a clear ReportError."""

from __future__ import annotations

import time
from pathlib import Path

import attrs
import pytest
from reports_support import DATE

import ratify
from ratify.present.documents import ReportError, sandbox
from ratify.present.documents.sandbox import TemplateLimitError


@pytest.fixture
def tight(monkeypatch: pytest.MonkeyPatch) -> sandbox.Limits:
    """Limits small enough that every attack is refused in about a second (the clock has room for a busy machine)."""
    limits = attrs.evolve(sandbox.LIMITS, seconds=20, iterations=100_000, items=100_000)
    monkeypatch.setattr(sandbox, "LIMITS", limits)
    return limits


def _render(cat: ratify.Catalog, folder: Path, source: str, fmt: str = "html") -> str | bytes:
    (folder / f"brief.{fmt}.j2").write_text(source, encoding="utf-8")
    return ratify.render_brief(cat, "TUR", fmt=fmt, date=DATE, templates=folder)


NESTED = "{% set a = [1,1,1,1,1,1,1,1,1,1] %}" + "".join(
    f"{{% set {n} = [{','.join([p] * 10)}] %}}" for p, n in zip("abcdef", "bcdefg", strict=True))

ATTACKS = {
    "nested ranges": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
                      "loop iterations"),
    "nested ranges printing": ("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
                               "loop iterations"),
    "nested loops over data": (("{% for a in brief.chronology %}{% for b in brief.chronology %}"
                                "{% for c in brief.chronology %}{% for d in brief.chronology %}{% endfor %}"
                                "{% endfor %}{% endfor %}{% endfor %}"), "loop iterations"),
    "a huge power": ("{{ 9 ** 99999999 }}", "bits for a number"),
    "a huge product": ("{% set n = 10 ** 20000 %}{{ n * n * n * n * n * n }}", "bits for a number"),
    "a huge repetition": ("{{ ('x' * 10**10)|length }}", "characters for a repetition"),
    "a huge list repetition": ("{{ ([1] * 10**9)|length }}", "elements for a repetition"),
    "doubling by ~": (("{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
                       "{% endfor %}{{ ns.s|length }}"), "characters"),
    "doubling by +": (("{% set ns = namespace(s=[1]) %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}"
                       "{% endfor %}{{ ns.s|length }}"), "elements for a sum"),
    "exponential macros": (("{% macro f(n) %}{% if n > 0 %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}"
                            "{{ f(60) }}"), "time budget of 0.5 s"),  # the one attack only the clock stops
    "a huge padding filter": ("{{ 'x'|center(10**9) }}", "width of center"),
    "a huge padding method": ("{{ 'x'.ljust(10**9) }}", "width of ljust"),
    "a huge format width": ("{{ '{:1000000000}'.format(1) }}", "width in a format specification"),
    "a nested format width": ("{{ '{:{}}'.format(1, 10**9) }}", "a nested field"),
    "a huge % width": ("{{ '%01000000000d' % 1 }}", "width in % formatting"),
    "a huge format filter": ("{{ '%01000000000d'|format(1) }}", "width in % formatting"),
    "a huge lipsum": ("{{ lipsum(10**7) }}", "size of lipsum"),
    "a huge replace": ("{% set s = 'x' * 1000000 %}{{ s.replace('x', s)|length }}", "result of replace"),
    "a huge replace filter": ("{% set s = 'x' * 1000000 %}{{ s|replace('x', s)|length }}", "result of replace"),
    "a huge join": ("{% set s = 'x' * 1000000 %}{{ s.join([s] * 12)|length }}", "characters"),
    "a huge indent": ("{% set s = 'x\n' * 100000 %}{{ s|indent(9999)|length }}", "result of indent"),
    "a huge split": ("{% set s = 'a ' * 4000000 %}{{ s.split()|length }}", "result of split"),
    "a huge list of characters": ("{% set s = 'ab' * 4000000 %}{{ s|list|length }}", "result of list"),
    "nested lists printed": (NESTED + "{{ g }}", "elements for a value"),
    "nested lists as a string": (NESTED + "{{ g|string|length }}", "elements for a value"),
    "nested lists concatenated": (NESTED + "{{ (g ~ 'x')|length }}", "elements for a value"),
    "a huge output": ("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}", "output limit"),
}


@pytest.mark.parametrize("name", list(ATTACKS))
def test_an_attack_is_refused_quickly_with_a_clear_error(cat, tmp_path, tight, monkeypatch, name):
    source, message = ATTACKS[name]
    if name == "a huge output":
        monkeypatch.setattr(sandbox, "LIMITS", attrs.evolve(tight, output=10_000_000))
    if name == "exponential macros":
        monkeypatch.setattr(sandbox, "LIMITS", attrs.evolve(tight, seconds=0.5))
    start = time.monotonic()
    with pytest.raises(TemplateLimitError, match=rf"^template brief\.html\.j2 (exceeded|may not use) .*{message}"):
        _render(cat, tmp_path, source)
    assert time.monotonic() - start < 10


def test_the_limit_error_is_a_report_error_and_one_line_on_the_command_line(cat, tmp_path, tight, capsys):
    from ratify.cli import main

    (tmp_path / "brief.html.j2").write_text("{{ 9 ** 99999999 }}", encoding="utf-8")
    assert issubclass(TemplateLimitError, ReportError)
    assert main(["brief", "KAZ", "--templates", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err == "ratify: error: template brief.html.j2 exceeded the limit of 100,000 bits for a number\n"


def test_the_default_limits_stop_the_reported_attacks(cat, tmp_path):
    for source in ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
                   "{{ 9 ** 99999999 }}", "{{ ('x' * 10**10)|length }}"):
        start = time.monotonic()
        with pytest.raises(TemplateLimitError):
            _render(cat, tmp_path, source)
        assert time.monotonic() - start < 15  # the default budget is 10 s


def test_honest_templates_still_compute(cat, tmp_path, tight):
    out = _render(cat, tmp_path, "{{ brief.state.name }} {% for s in brief.sections %}{{ loop.index }}/"
                  "{{ loop.length }}{% if loop.last %}.{% endif %} {% else %}none{% endfor %}{{ 2 ** 100 }} "
                  "{{ '%5.2f' % 3.14159 }} {{ '{:>4}'.format('x') }} {{ [1, 2]|join(',') }} {{ 'ab' * 3 }}")
    assert out == "Türkiye 1/6 2/6 3/6 4/6 5/6 6/6. 1267650600228229401496703205376  3.14    x 1,2 ababab"


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_bundled_templates_render_identically_in_the_bounded_sandbox(cat, tmp_path, lang, fmt):
    empty = tmp_path / "empty"  # a user folder without templates: ratify's own render, sandboxed
    empty.mkdir()
    for state in ("TUR", "KAZ"):
        trusted = ratify.render_brief(cat, state, lang, fmt, date=DATE)
        assert ratify.render_brief(cat, state, lang, fmt, date=DATE, templates=empty) == trusted
    trusted = ratify.render_report(cat, lang=lang, fmt=fmt, date=DATE)
    assert ratify.render_report(cat, lang=lang, fmt=fmt, date=DATE, templates=empty) == trusted
