"""Output a lawyer can trust: deterministic, escaped, sandboxed user templates, atomic files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from reports_support import DATE

import ratify
from ratify.present.documents import ReportError

HOSTILE = "<script>alert(1)</script>"
HOSTILE_MD = "*bold* | [link](http://evil.example) & <b>x</b> `code`\nnew line"


# -- determinism -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "md", "docx"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_same_data_and_options_give_identical_bytes(cat, lang, fmt):
    fresh = ratify.load()  # a second catalogue read from the same files
    a = ratify.render_brief(cat, "TUR", lang, fmt, date=DATE)
    b = ratify.render_brief(fresh, "TUR", lang, fmt, date=DATE)
    assert a == b
    r1 = ratify.render_report(cat, lang=lang, fmt=fmt, date=DATE)
    r2 = ratify.render_report(fresh, lang=lang, fmt=fmt, date=DATE)
    assert hashlib.sha256(_bytes(r1)).digest() == hashlib.sha256(_bytes(r2)).digest()


def test_the_date_is_an_option_defaulting_to_today(cat):
    import datetime as dt

    md = ratify.render_brief(cat, "KAZ", fmt="md")
    today = dt.date.today()
    assert f"**Date of the brief:** {today.day} {today:%B} {today.year}" in md
    other = ratify.render_brief(cat, "KAZ", fmt="md", date=dt.date(2025, 1, 2))
    assert "**Date of the brief:** 2 January 2025" in other


def _bytes(document: str | bytes) -> bytes:
    return document.encode("utf-8") if isinstance(document, str) else document


# -- escaping of data --------------------------------------------------------------------------------------------


@pytest.fixture
def hostile_catalog(data_copy: Path) -> ratify.Catalog:
    states = data_copy / "states.toml"
    text = states.read_text(encoding="utf-8")
    old = 'name = { en = "Kazakhstan", ru = "Казахстан" }'
    assert old in text
    states.write_text(text.replace(old, f'name = {{ en = "{HOSTILE}", ru = "{HOSTILE}" }}'), encoding="utf-8")
    conv = data_copy / "instruments" / "refugees-1951.toml"
    text = conv.read_text(encoding="utf-8")
    summary = 'en = "Türkiye applies the Convention only'
    assert summary in text
    text = text.replace(summary, f'en = "{HOSTILE} {HOSTILE_MD.replace(chr(10), chr(92) + "n")} Türkiye applies the Convention only')
    source = 'url = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20V/V-5.en.xml"'
    assert source in text
    text = text.replace(source, 'url = "javascript:alert(1)"')
    conv.write_text(text, encoding="utf-8")
    return ratify.load(data_copy)


def test_html_escapes_every_string_from_data(hostile_catalog):
    for state in ("KAZ", "TUR"):
        html = ratify.render_brief(hostile_catalog, state, "en", "html", date=DATE)
        assert HOSTILE not in html and "<b>x</b>" not in html
        assert "javascript:" not in html
    kaz = ratify.render_brief(hostile_catalog, "KAZ", "ru", "html", date=DATE)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in kaz  # shown as text, not run
    tur = ratify.render_brief(hostile_catalog, "TUR", "en", "html", date=DATE)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *bold* | [link](http://evil.example) &amp; &lt;b&gt;x&lt;/b&gt;" in tur
    region = ratify.render_report(hostile_catalog, fmt="html", date=DATE)
    assert HOSTILE not in region and "&lt;script&gt;" in region


def test_markdown_escapes_every_string_from_data(hostile_catalog):
    md = ratify.render_brief(hostile_catalog, "TUR", "en", "md", date=DATE)
    assert "<script>" not in md and "<b>" not in md and "javascript:" not in md
    assert r"\<script\>alert(1)\</script\> \*bold\* \| \[link\](http://evil.example) \& \<b\>x\</b\> \`code\` new line" in md
    kaz = ratify.render_brief(hostile_catalog, "KAZ", "en", "md", date=DATE)
    assert kaz.startswith(r"# Country brief: \<script\>alert(1)\</script\>")
    for line in kaz.splitlines():  # every table row keeps its columns
        if line.startswith("| **1951 Refugee Convention**"):
            assert line.count(" | ") == 4


def test_docx_keeps_data_as_text(hostile_catalog):
    from reports_support import docx_text

    text = docx_text(ratify.render_brief(hostile_catalog, "KAZ", "en", "docx", date=DATE))
    assert HOSTILE in text.splitlines()  # the title is the name, literally, not markup


# -- user templates, sandboxed -----------------------------------------------------------------------------------


def test_a_user_template_renders_with_the_same_context(cat, tmp_path):
    (tmp_path / "brief.md.j2").write_text(
        "{{ brief.state.name }}: {{ brief.gaps | length }} {{ _('Gap') }}\n"
        "{% for g in brief.gaps if g.basis %}- {{ g.short_name }} ({{ g.basis[0].paragraph }})\n{% endfor %}",
        encoding="utf-8")
    md = ratify.render_brief(cat, "UZB", "ru", "md", date=DATE, templates=tmp_path)
    assert md.startswith("Узбекистан: 13 Пробел\n- Конвенция 1951 года о статусе беженцев (п. 4)")


def test_a_user_template_can_extend_the_bundled_layout(cat, tmp_path):
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "brief.html.j2").write_text(
        '{% extends "report/base.html.j2" %}{% block body %}<h1>{{ brief.state.name }}</h1>{% endblock %}',
        encoding="utf-8")
    html = ratify.render_brief(cat, "KAZ", "en", "html", date=DATE, templates=tmp_path)
    assert "<h1>Kazakhstan</h1>" in html and "@page" in html


@pytest.mark.parametrize("where", ["", "report/"])
def test_a_user_report_template_may_keep_its_old_name(cat, tmp_path, where):
    """The regional report's templates were `region.*.j2`: a user's folder that names them so still works,
    and a template may still extend the bundled one under its old name."""
    (tmp_path / "report").mkdir()
    (tmp_path / f"{where}region.md.j2").write_text("{{ report.group_name }} ({{ doc.kind }})\n", encoding="utf-8")
    assert ratify.render_report(cat, lang="ru", fmt="md", date=DATE, templates=tmp_path).startswith("Алматинский")
    (tmp_path / f"{where}region.md.j2").unlink()
    (tmp_path / "region.html.j2").write_text(
        '{% extends "report/region.html.j2" %}{% block title %}Mine{% endblock %}', encoding="utf-8")
    html = ratify.render_report(cat, lang="en", fmt="html", date=DATE, templates=tmp_path)
    assert "<title>Mine</title>" in html and '<body class="region">' in html and "@page" in html


def test_a_user_template_under_the_new_name_wins(cat, tmp_path):
    (tmp_path / "report.md.j2").write_text("new {{ doc.kind }}\n", encoding="utf-8")
    (tmp_path / "region.md.j2").write_text("old\n", encoding="utf-8")
    assert ratify.render_report(cat, fmt="md", date=DATE, templates=tmp_path) == "new report\n"


@pytest.mark.parametrize("source", [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ brief.__class__.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ brief.state.name.__class__.__base__ }}",
])
def test_a_user_template_cannot_reach_python_internals(cat, tmp_path, source):
    (tmp_path / "brief.html.j2").write_text(source, encoding="utf-8")
    with pytest.raises(ReportError, match=r"brief\.html\.j2.*(unsafe|undefined)"):
        ratify.render_brief(cat, "KAZ", date=DATE, templates=tmp_path)


@pytest.mark.parametrize(("source", "message"), [
    ("{{ brief.no_such_field }}", "has no attribute 'no_such_field'"),
    ("{% if %}", "line 1"),
    ("{% include 'missing.j2' %}", "missing.j2"),
])
def test_a_broken_user_template_is_a_clean_error(cat, tmp_path, source, message):
    (tmp_path / "brief.md.j2").write_text(source, encoding="utf-8")
    with pytest.raises(ReportError, match=message):
        ratify.render_brief(cat, "KAZ", fmt="md", date=DATE, templates=tmp_path)


def test_a_missing_template_folder(cat, tmp_path):
    with pytest.raises(ReportError, match="no such template folder"):
        ratify.render_brief(cat, "KAZ", templates=tmp_path / "nope")


# -- atomic writes through the command line -------------------------------------------------------------------------


def test_a_failing_render_leaves_the_existing_file_untouched(tmp_path, capsys):
    from ratify.cli import main

    out = tmp_path / "brief.html"
    out.write_text("the previous brief", encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "brief.html.j2").write_text("{{ brief.state.name }}{{ 1 // 0 }}", encoding="utf-8")
    code = main(["brief", "KAZ", "-o", str(out), "--templates", str(templates), "--date", "2026-05-01"])
    assert code == 1
    assert "ratify: error:" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "the previous brief"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.html", "templates"]  # no temporary left behind
    code = main(["brief", "Narnia", "-o", str(out)])
    assert code == 1 and out.read_text(encoding="utf-8") == "the previous brief"


def test_a_failing_write_leaves_the_existing_file_untouched(tmp_path, monkeypatch, capsys):
    import os

    from ratify.cli import main

    out = tmp_path / "brief.md"
    out.write_text("the previous brief", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    code = main(["brief", "KAZ", "-o", str(out), "--date", "2026-05-01"])
    assert code == 1 and "No space left on device" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "the previous brief"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


# -- print-ready HTML, and the macros other templates can reuse ---------------------------------------------------


def test_html_is_print_ready(brief, cat):
    html = brief("KAZ", "ru", "html")
    assert "@page { size: A4;" in html and 'counter(page) " / " counter(pages)' in html
    assert "tr { break-inside: avoid;" in html and "thead { display: table-header-group; }" in html
    region = ratify.render_report(cat, fmt="html", date=DATE)
    assert "@page { size: A4 landscape; }" in region


def test_macros_can_be_used_by_other_templates():
    from ratify.present.documents.render import environment

    env = environment("html", "ru")
    out = env.from_string('{% import "report/_macros.html.j2" as m %}{{ m.badge("party", "<участник>") }}'
                          '{{ m.fnrefs([1, 2]) }}').render()
    assert out == ('<span class="badge party">&lt;участник&gt;</span>'
                   '<sup class="fn"><a href="#note-1">1</a>,<a href="#note-2">2</a></sup>')
