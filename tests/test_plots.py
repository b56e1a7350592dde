"""Figures and maps: each rendered to PNG (Agg), not blank, with its labels — Cyrillic ones too."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import warnings

import pytest

import ratify
from ratify.present import plots
from ratify.resources import geometry_file

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
from matplotlib.figure import Figure
from matplotlib.image import imread
from matplotlib.path import Path as MPath

cat = ratify.load()
ALMATY_DAY = dt.date(2011, 3, 15)
GEO = geometry_file()


def png(fig: Figure) -> bytes:
    """The figure as PNG; fails on any warning (a glyph missing from the font, a layout problem)."""
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(buf, format="png", dpi=60)
    data = buf.getvalue()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    pixels = imread(io.BytesIO(data))
    assert pixels.shape[0] > 100 and pixels.shape[1] > 100
    assert pixels[..., :3].std() > 0.05  # not blank
    return data


def texts(fig: Figure) -> set[str]:
    """Every text the figure shows: titles, tick labels, legend entries, annotations."""
    out = set()
    for t in fig.findobj(matplotlib.text.Text):
        if t.get_visible() and t.get_text():
            out.add(t.get_text())
    return out


def flat(fig: Figure) -> str:
    return " ".join(sorted(texts(fig))).replace("\n", " ")


def test_matrix_heatmap():
    m = cat.matrix(group="almaty-process", as_of=ALMATY_DAY)
    fig = m.plot()
    assert isinstance(fig, Figure)
    png(fig)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [s.name.en for s in m.states]
    assert len(ax.get_xticklabels()) == sum(i.binding for i in m.instruments)  # non-binding left out
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("party" in x for x in legend) and any("signatory" in x for x in legend)
    # the date asked for, and the dates of the depositary records the figure rests on
    assert "Status on 15 March 2011; depositary records as at 6 July 2013 – 3 February 2026" in texts(fig)
    assert {"P", "S"} <= texts(fig)  # the letters in the cells


def test_matrix_heatmap_in_russian():
    fig = cat.matrix(group="central-asia").plot(lang="ru")
    png(fig)  # fails if a Cyrillic glyph is missing from the font
    shown = flat(fig)
    assert "Казахстан" in shown and "участник" in shown and "Конвенция 1951 года о статусе беженцев" in shown


def test_timeline_of_a_state():
    fig = plots.timeline(cat, "KAZ", marks={"Almaty Declaration": ALMATY_DAY})
    png(fig)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "1951 Refugee Convention" in labels and "ICCPR" in labels
    shown = texts(fig)
    assert "Actions of Kazakhstan" in shown and "Almaty Declaration" in shown
    assert {"signature", "consent to be bound", "party"} <= shown
    start, end = ax.get_xlim()
    assert start < matplotlib.dates.date2num(dt.date(1999, 1, 15)) < end  # the accession to V-2


def test_timeline_of_a_group_in_russian():
    fig = plots.timeline(cat, group="central-asia", lang="ru", since=dt.date(1990, 1, 1))
    png(fig)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    heads = [t.get_text() for t in fig.axes[0].get_yticklabels() if t.get_fontweight() == "bold"]
    assert heads == [s.name.ru for s in cat.states_of("central-asia")]
    assert "Центральная Азия" in flat(fig) and len(labels) > 20


def test_coverage_over_time():
    fig = plots.coverage(cat, "V-2")
    png(fig)
    ax = fig.axes[0]
    [line] = ax.get_lines()
    years, counts = line.get_data()
    years = list(years)
    assert years[0] == 1951 and years[-1] == dt.date.today().year + 1  # each year is a bin [y, y + 1)
    assert counts[years.index(1953)] == 0 < counts[years.index(1954)]  # in force since 22 April 1954
    assert counts[-1] == len(cat.parties("V-2"))
    assert ax.get_ylabel() == "Number of parties" and ax.get_xlabel() == "year"
    assert any(t.get_text().startswith("1951 Refugee Convention") for t in ax.get_legend().get_texts())


def test_coverage_of_several_instruments_in_a_group_in_russian():
    fig = plots.coverage(cat, ["V-2", "V-3", "IV-13"], group="almaty-process", since=1990, lang="ru")
    png(fig)
    ax = fig.axes[0]
    assert len(ax.get_lines()) == 3
    assert "из 12 выбранных государств" in ax.get_ylabel()
    assert ("Участники по годам (на 31 декабря); записи депозитария по состоянию на 6 июля 2013 г. – 3 февраля "
            "2026 г.") in texts(fig)


def test_world_map_of_a_status():
    fig = plots.choropleth(cat, "V-2", as_of=ALMATY_DAY)
    png(fig)
    ax = fig.axes[0]
    west, east = ax.get_xlim()
    assert west <= -170 and east >= 170  # the world
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "party" in legend and "no action" in legend
    assert "1951 Refugee Convention: status on 15 March 2011; depositary records as at 6 July 2013" in texts(fig)


def test_world_map_of_coverage_has_a_colour_bar():
    fig = plots.choropleth(cat)
    png(fig)
    assert len(fig.axes) == 2  # the map and its colour bar
    assert "share of the binding instruments in force for the state" in texts(fig)


def test_central_asia_map_is_zoomed_and_labelled_in_russian():
    fig = plots.choropleth(cat, "V-2", group="almaty-process", region="central-asia", lang="ru")
    png(fig)
    ax = fig.axes[0]
    west, east = ax.get_xlim()
    south, north = ax.get_ylim()
    assert 40 < west < 50 and 85 < east < 95 and 30 < south < 36 and 54 < north < 60
    shown = flat(fig)
    for name in ("Казахстан", "Кыргызстан", "Таджикистан", "Туркменистан", "Узбекистан"):
        assert name in shown
    assert "участник" in shown and "действий нет" in shown  # the documents' label (one vocabulary)


def test_matrix_map_zooms_to_its_states():
    m = cat.matrix(group="central-asia", as_of=ALMATY_DAY)
    fig = m.map("V-2")
    png(fig)
    west, east = fig.axes[0].get_xlim()
    assert 40 < west < 55 and 85 < east < 100
    assert "Kazakhstan" in flat(fig)
    fig = m.map(region="world")  # coverage, whole world
    png(fig)
    assert "Kazakhstan" not in flat(fig)  # the world map is not labelled


def test_figures_take_an_axes_and_show_in_notebooks():
    fig = Figure()
    ax = fig.add_subplot()
    assert plots.coverage(cat, "V-5", ax=ax) is fig
    made = plots.timeline(cat, "TKM")
    assert made._repr_png_()[:4] == b"\x89PNG"


def test_unknown_region_is_refused():
    # a named region is a group: an unknown name says which groups come closest
    with pytest.raises(ratify.UnknownNameError, match="unknown group 'central asai'.*central-asia"):
        plots.choropleth(cat, "V-2", region="central asai")
    with pytest.raises(ValueError, match="region must be"):
        plots.choropleth(cat, "V-2", region=(1.0, 2.0))


# -- the bundled geometry --------------------------------------------------------------------------

def test_world_geometry_is_small_keyed_by_alpha3_and_covers_the_states():
    assert GEO.stat().st_size < 400_000
    world = json.loads(GEO.read_text(encoding="utf-8"))
    assert world["type"] == "FeatureCollection"
    assert "Natural Earth" in world["ratify"]["data"] and "public domain" in world["ratify"]["license"]
    codes = [f["id"] for f in world["features"] if f["id"]]
    assert len(codes) == len(set(codes)) and all(len(c) == 3 and c.isupper() for c in codes)
    missing = {s.alpha3 for s in cat.states} - set(codes)
    assert missing <= {"EUU", "TUV"}  # the European Union; Tuvalu is below the map's scale
    assert (GEO.parent / "SOURCES.md").exists()


def _feature(world: dict, code: str) -> dict:
    return next(f for f in world["features"] if f["id"] == code)


def _contains(feature: dict, lon: float, lat: float) -> bool:
    return any(MPath(poly[0]).contains_point((lon, lat)) for poly in feature["geometry"]["coordinates"])


def test_world_geometry_places_the_region_and_cuts_the_antimeridian():
    world = json.loads(GEO.read_text(encoding="utf-8"))
    assert _contains(_feature(world, "KAZ"), 71.4, 51.2)  # Astana
    assert _contains(_feature(world, "UZB"), 69.2, 41.3)  # Tashkent
    assert _contains(_feature(world, "KGZ"), 74.6, 42.9)  # Bishkek
    assert _contains(_feature(world, "TJK"), 68.8, 38.6)  # Dushanbe
    assert _contains(_feature(world, "TKM"), 58.4, 37.9)  # Ashgabat
    assert _contains(_feature(world, "UKR"), 34.1, 44.95)  # Simferopol: drawn as the UN does
    assert not _contains(_feature(world, "RUS"), 34.1, 44.95)
    for f in world["features"]:
        for poly in f["geometry"]["coordinates"]:
            for ring in poly:
                assert all(abs(a[0] - b[0]) <= 180 for a, b in itertools.pairwise(ring)), f["id"]
                assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
