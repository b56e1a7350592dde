"""Figures (the `plot` extra): a status heatmap, a timeline of actions, parties by year, and maps.

Every function returns a matplotlib `Figure` (or draws into the `ax` it is given and returns its
figure). Figures are made without pyplot: nothing is left open in pyplot's list of figures, and a
figure returned in a notebook shows once, as PNG. Labels come in any language with a catalogue
(`lang`, see `ratify.present.i18n`); text other than English is set in DejaVu Sans, which ships
with matplotlib and has Cyrillic.

The maps need no network: they draw the world geometry bundled in `ratify/geo/world.json`
(simplified from Natural Earth 1:50m, public domain; see `ratify/geo/SOURCES.md`) as matplotlib
polygons, in longitude/latitude, with the local aspect corrected for the latitude of the view.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from ratify.extras import require
from ratify.model.enums import ActionKind, Status
from ratify.model.records import Instrument, State
from ratify.present.i18n import N_, language
from ratify.present.vocabulary import STATUS_ORDER, STATUS_STYLES, status_label, symbol

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ratify.query.catalog import Catalog, InstrumentRef, StateRef
    from ratify.query.matrix import Matrix

__all__ = [
    "REGIONS",
    "STATUS_COLOURS",
    "choropleth",
    "coverage",
    "matrix_heatmap",
    "matrix_map",
    "timeline",
    "world_geometry",
]

# the status colours, marks and labels are those of every other output (`ratify.present.vocabulary`)
_ORDER = STATUS_ORDER
STATUS_COLOURS = {s: style.fill for s, style in STATUS_STYLES.items()}
_OUTSIDE = "#f8f9fa"  # a state outside the selection, or land with no state in the catalogue
_SEA = "#e7f0f8"
_EDGE = "#868e96"

# named views: (west, south, east, north) in degrees; a group's own view is data (groups.toml, [<id>.map])
REGIONS: dict[str, tuple[float, float, float, float]] = {
    "world": (-180.0, -57.0, 180.0, 84.0),
}

# the figures' own words (English message ids, translated through the catalogue where used)
_MESSAGES: dict[Any, str] = {
    "outside": N_("not covered / no data"),
    "status_on": N_("Status on %(date)s"),
    "map_status": N_("%(name)s: status on %(date)s"),
    "coverage_bar": N_("share of the binding instruments in force for the state"),
    "parties": N_("Number of parties"),
    "parties_title": N_("Parties by year (at 31 December)"),
    "year": N_("year"),
    "timeline": N_("Actions of %(who)s"),
    "selection": N_("the selected states"),
    "records": N_("%(title)s; depositary records as at %(records)s"),
    ActionKind.SIGNATURE: N_("signature"),
    "consent": N_("consent to be bound"),
    ActionKind.RESERVATION: N_("reservation or declaration"),
    ActionKind.DENUNCIATION: N_("denunciation notified"),
}


def _w(lang: str, key: Any, **fmt: Any) -> str:
    """The figure's word `key` (or a status's label) in `lang`, with `fmt` filled in."""
    lg = language(lang)
    if isinstance(key, Status):
        return status_label(key, lg)
    text = lg.gettext(_MESSAGES[key])
    return text % fmt if fmt else text


def _among(lang: str, n: int) -> str:
    return language(lang).ngettext("among %(num)d selected state", "among %(num)d selected states", n)


def _coverage_title(lang: str, n: int, day: dt.date) -> str:
    lg = language(lang)
    return lg.ngettext("Coverage: share of the %(num)d binding instrument each state is party to, %(date)s",
                       "Coverage: share of the %(num)d binding instruments each state is party to, %(date)s",
                       n, date=lg.date(day))


def _date(day: dt.date, lang: str) -> str:
    return language(lang).date(day)


def _on_records(text: str, cat: Catalog, instruments: Iterable[Instrument], lang: str) -> str:
    """A title followed by the dates of the depositary records the figure rests on (one date, or first–last)."""
    dates = sorted({d for i in instruments if i.binding and (d := cat.record_date(i)) is not None})
    if not dates:
        return text
    span = _date(dates[0], lang) if len(dates) == 1 else f"{_date(dates[0], lang)} – {_date(dates[-1], lang)}"
    return _w(lang, "records", title=text, records=span)


# -- figures --------------------------------------------------------------------------------------------

@functools.cache
def _figure_class() -> type:
    require("matplotlib", "plot")
    from matplotlib.figure import Figure

    class RatifyFigure(Figure):
        """A matplotlib Figure that shows itself as PNG in a notebook, without pyplot."""

        def _repr_png_(self) -> bytes:
            import io

            buf = io.BytesIO()
            self.savefig(buf, format="png", dpi=100, bbox_inches="tight")
            return buf.getvalue()

    RatifyFigure.__module__ = __name__
    RatifyFigure.__qualname__ = "RatifyFigure"
    globals()["RatifyFigure"] = RatifyFigure  # so that pickle finds it
    return RatifyFigure


def __getattr__(name: str) -> Any:  # ratify.plots.RatifyFigure, made on first use
    if name == "RatifyFigure":
        return _figure_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _x(day: dt.date) -> Any:
    """A date on a time axis: matplotlib's date converter takes it as it is (its stubs ask for a float)."""
    return day


def _rc(lang: str) -> dict[str, Any]:
    # DejaVu Sans (bundled with matplotlib) has Cyrillic and most other scripts; keep the user's fonts for English
    return {"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]} if lang != "en" else {}


def _new_axes(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        return cast("Figure", ax.figure), ax
    fig = _figure_class()(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def _mpl() -> Any:
    return require("matplotlib", "plot")


def _plain(colour: str) -> str:
    """Black or white, whichever reads better on `colour`."""
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else "white"


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


# -- the matrix heatmap ----------------------------------------------------------------------------------

def matrix_heatmap(m: Matrix, *, lang: str = "en", ax: Axes | None = None, title: str | None = None) -> Figure:
    """States (rows) × binding instruments (columns), each cell coloured by status and marked with its
    letter (P, C, S, D), each state's coverage at the right, and a legend. Non-binding documents are
    left out (no state can be party to them) unless the matrix has nothing else."""
    mpl = _mpl()
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    cols = [j for j, inst in enumerate(m.instruments) if inst.binding] or list(range(len(m.instruments)))
    insts = [m.instruments[j] for j in cols]
    codes = [[_ORDER.index(row[j]) for j in cols] for row in m.cells]
    with mpl.rc_context(_rc(lang)):
        width = 3.2 + 0.62 * len(cols)
        height = 2.4 + 0.32 * len(m.states)
        fig, ax = _new_axes(ax, (width, height))
        cmap = ListedColormap([STATUS_COLOURS[s] for s in _ORDER])
        norm = BoundaryNorm([i - 0.5 for i in range(len(_ORDER) + 1)], cmap.N)
        ax.pcolormesh(codes or [[]], cmap=cmap, norm=norm, edgecolors="white", linewidth=1.5)
        ax.set_xlim(0, len(cols))
        ax.set_ylim(len(m.states), 0)
        ax.set_xticks([j + 0.5 for j in range(len(cols))],
                      [_wrap(i.short_name.get(lang), 40) for i in insts], rotation=45, ha="right",
                      rotation_mode="anchor", fontsize=8)
        ax.set_yticks([i + 0.5 for i in range(len(m.states))], [s.name.get(lang) for s in m.states], fontsize=9)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        if len(m.states) * len(cols) <= 1500:
            for i, row in enumerate(codes):
                for j, code in enumerate(row):
                    status = _ORDER[code]
                    ax.text(j + 0.5, i + 0.5, symbol(status, language(lang)), ha="center", va="center",
                            fontsize=8, color=_plain(STATUS_COLOURS[status]))
        for i, st in enumerate(m.states):
            ax.text(len(cols) + 0.15, i + 0.5, f"{m.coverage(st):.0%}", ha="left", va="center", fontsize=8,
                    color="#495057", clip_on=False)
        handles = [Patch(facecolor=STATUS_COLOURS[s], edgecolor=_EDGE, linewidth=0.5,
                         label=f"{symbol(s, language(lang))}  {_w(lang, s)}") for s in _ORDER]
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.01), ncol=3, frameon=False,
                  fontsize=8, handlelength=1.2, borderaxespad=0.2)
        default = _on_records(_w(lang, "status_on", date=_date(m.as_of, lang)), m.catalog, m.instruments, lang)
        ax.set_title(title if title is not None else default, loc="left", fontsize=11, pad=38)
    return fig


# -- the timeline ----------------------------------------------------------------------------------------

_MARKERS = {  # event → (marker, face, edge, size); reservations sit on the bar's upper edge
    ActionKind.SIGNATURE: ("o", "white", "black", 5),
    "consent": ("D", "black", "black", 5),
    ActionKind.RESERVATION: ("^", "#5f3dc4", "#5f3dc4", 5),
    ActionKind.DENUNCIATION: ("X", "#c92a2a", "black", 7),
}


def timeline(cat: Catalog, state: StateRef | None = None, *, group: Any = None,
             states: Iterable[StateRef] | None = None, instruments: Iterable[InstrumentRef] | None = None,
             since: dt.date | None = None, until: dt.date | None = None,
             marks: Mapping[str, dt.date] | None = None, lang: str = "en", ax: Axes | None = None,
             title: str | None = None) -> Figure:
    """A state's (or a group's) actions over time: one row per state × instrument with any action,
    a bar coloured by the status it had, and markers for signature, consent, reservations and
    declarations, and denunciation. `marks` draws dated vertical lines ({"a declaration":
    date(2011, 3, 15)})."""
    mpl = _mpl()
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    chosen: tuple[State, ...]
    if state is not None:
        chosen = (cat.state(state),)
    else:
        chosen = cat.states_of(group, states)
    insts = cat.instruments_of(instruments, binding=None if instruments is not None else True)
    end = until or dt.date.today()
    single = len(chosen) == 1
    rows: list[tuple[str, Any]] = []  # (label, participation); a state's header row has None
    for st in chosen:
        found = [(inst, p) for inst in insts if (p := cat.participation(st, inst)) is not None
                 and any(e.date <= end for e in p.events())]
        if found and not single:
            rows.append((st.name.get(lang), None))
        rows += [(_wrap(inst.short_name.get(lang), 44), p) for inst, p in found]
    dates = [e.date for _, p in rows if p is not None for e in p.events() if e.date <= end]
    start = since or (dt.date(min(dates).year - 1, 1, 1) if dates else end.replace(year=end.year - 10))
    with mpl.rc_context(_rc(lang)):
        fig, ax = _new_axes(ax, (11, 2.2 + 0.3 * max(len(rows), 1)))
        for i, (_, p) in enumerate(rows):
            if p is None:
                continue
            for a, b, status in _status_spans(p, start, end):
                if status is not Status.NONE:
                    ax.barh(i, (b - a).days, left=_x(a), height=0.56, color=STATUS_COLOURS[status], linewidth=0)
            for ev in p.events():
                if not start <= ev.date <= end:
                    continue
                key: Any = "consent" if ev.action.is_consent else ev.action
                if key in (ActionKind.DECLARATION,):
                    key = ActionKind.RESERVATION
                if key in _MARKERS:
                    marker, face, edge, size = _MARKERS[key]
                    y = i - 0.3 if key is ActionKind.RESERVATION else i
                    ax.plot([ev.date], [y], marker=marker, markersize=size, markerfacecolor=face,
                            markeredgecolor=edge, markeredgewidth=0.8, linestyle="none", zorder=3)
        top = -0.5
        if marks:
            top = -1.3  # room for the marks' labels above the first row
        for label, day in (marks or {}).items():
            if start <= day <= end:
                ax.axvline(_x(day), color="#1c7ed6", linewidth=1, linestyle="--", zorder=1)
                ax.annotate(label, (day, top), xytext=(3, 2), textcoords="offset points", va="top",
                            fontsize=8, color="#1c7ed6")
        ax.set_yticks(range(len(rows)), [label for label, _ in rows], fontsize=8)
        for tick, (_, p) in zip(ax.get_yticklabels(), rows, strict=True):
            if p is None:
                tick.set_fontweight("bold")
                tick.set_fontsize(9)
        ax.set_ylim(len(rows) - 0.5, top if rows else 0.5)
        ax.set_xlim(_x(start), _x(end))
        ax.grid(axis="x", color="#e9ecef", linewidth=0.8)
        ax.set_axisbelow(True)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        handles: list[Any] = [Patch(facecolor=STATUS_COLOURS[s], label=_w(lang, s)) for s in _ORDER[:4]]
        handles += [Line2D([], [], marker=mk, markersize=sz, markerfacecolor=fc, markeredgecolor=ec,
                           linestyle="none", label=_w(lang, key)) for key, (mk, fc, ec, sz) in _MARKERS.items()]
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.01), ncol=4, frameon=False,
                  fontsize=8, borderaxespad=0.2)
        who = chosen[0].name.get(lang) if single else (
            cat.group(group).name.get(lang) if group is not None else _w(lang, "selection"))
        ax.set_title(title if title is not None else _w(lang, "timeline", who=who), loc="left", fontsize=11,
                     pad=44)
    return fig


def _status_spans(p: Any, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date, Status]]:
    """(from, to, status) for each stretch of `p`'s status between `start` and `end`."""
    d = p.denunciation
    cuts = {start, end, p.signature, p.consent.date if p.consent else None, p.entry_into_force,
            d.notified if d else None, d.effective if d else None}
    days = sorted(x for x in cuts if x is not None and start <= x <= end)
    out = []
    for a, b in itertools.pairwise(days):
        out.append((a, b, p.status(a)))
    return out


# -- parties by year ---------------------------------------------------------------------------------------

def coverage(cat: Catalog, instruments: InstrumentRef | Iterable[InstrumentRef] | None = None, *,
             group: Any = None, states: Iterable[StateRef] | None = None, since: int | None = None,
             until: int | None = None, lang: str = "en", ax: Axes | None = None,
             title: str | None = None) -> Figure:
    """The number of parties of each instrument at the end of each year (of the group's or the named
    states, or of all), as steps; the current year counts to today. Default: every binding instrument."""
    mpl = _mpl()
    if isinstance(instruments, (str, Instrument)):
        insts: Sequence[Instrument] = (cat.instrument(instruments),)
    else:
        insts = cat.instruments_of(instruments, binding=None if instruments is not None else True)
    codes = {s.alpha3 for s in cat.states_of(group, states)}
    everyone = group is None and states is None
    today = dt.date.today()
    last = until or today.year
    first = since or min((i.adoption.date.year for i in insts if i.adoption), default=last - 30)
    years = list(range(first, last + 1))
    with mpl.rc_context(_rc(lang)):
        fig, ax = _new_axes(ax, (9, 5))
        cmap = mpl.colormaps["tab10"]
        top = 0
        for k, inst in enumerate(insts):
            parts = [p for p in cat.participations_of(instrument=inst) if p.state in codes]
            own = [y for y in years if inst.adoption is None or y >= inst.adoption.date.year]
            counts = [sum(p.status(min(dt.date(y, 12, 31), today)) is Status.PARTY for p in parts) for y in own]
            if not own:
                continue
            top = max(top, *counts)
            # each year is the bin [y, y + 1): the parties at its end (today, for this year)
            # dashes alternate, so that lines which coincide (two instruments joined together) both show
            ax.step([*own, own[-1] + 1], [*counts, counts[-1]], where="post", color=cmap(k % 10), linewidth=1.8,
                    linestyle=("-", (0, (5, 2)), (0, (2, 1.5)), (0, (6, 2, 1, 2)))[k % 4],
                    label=f"{inst.short_name.get(lang)} ({counts[-1]})")
        ax.set_xlim(first, last + 1)
        ax.set_ylim(0, max(top * 1.08, 1))
        ax.set_xlabel(_w(lang, "year"))
        ax.set_ylabel(_w(lang, "parties") + ("" if everyone else f" ({_among(lang, len(codes))})"))
        ax.grid(color="#e9ecef", linewidth=0.8)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.legend(fontsize=8, loc="upper left", frameon=False)
        ax.set_title(title if title is not None else _on_records(_w(lang, "parties_title"), cat, insts, lang),
                     loc="left", fontsize=11)
        cast(Any, ax.xaxis.get_major_locator()).set_params(integer=True)
    return fig


# -- maps --------------------------------------------------------------------------------------------------

@functools.cache
def world_geometry() -> dict[str, Any]:
    """The bundled world geometry (GeoJSON, features keyed by alpha-3), read once."""
    import json

    from ratify.resources import geometry_file

    return cast("dict[str, Any]", json.loads(geometry_file().read_text(encoding="utf-8")))


class _Shape:
    """One feature of the world geometry as a matplotlib Path, with where to put its label."""

    __slots__ = ("code", "main", "name", "path", "polygons")

    def __init__(self, code: str | None, name: str, polygons: list[list[list[list[float]]]]) -> None:
        from matplotlib.path import Path as MPath

        self.code = code
        self.name = name
        self.polygons = polygons
        verts: list[Any] = []
        ops: list[Any] = []
        for poly in polygons:
            for k, ring in enumerate(poly):
                pts = [tuple(p) for p in ring]
                if pts[0] == pts[-1]:
                    pts = pts[:-1]
                ccw = _signed_area(pts) > 0
                if ccw != (k == 0):  # outer rings counter-clockwise, holes clockwise
                    pts.reverse()
                verts += [*pts, pts[0]]
                ops += [MPath.MOVETO] + [MPath.LINETO] * (len(pts) - 1) + [MPath.CLOSEPOLY]
        self.path = MPath(verts, ops)
        self.main = max(polygons, key=lambda p: abs(_signed_area(p[0])))[0]  # the largest outer ring

    def label_point(self, view: tuple[float, float, float, float]) -> tuple[float, float] | None:
        """The centroid of the largest visible piece of the state, or None if none is visible."""
        from matplotlib.path import Path as MPath
        from matplotlib.transforms import Bbox

        box = Bbox.from_extents(*view)
        best, best_area = None, 0.0
        for poly in self.polygons:
            ring = [tuple(p) for p in poly[0]]
            clipped = MPath(ring + [ring[0]], closed=True).clip_to_bbox(box, inside=True)
            pts = [tuple(v) for v in cast(Any, clipped.vertices) if math.isfinite(v[0])]
            if len(pts) < 3:
                continue
            area = abs(_signed_area(pts))
            if area > best_area:
                best, best_area = _centroid(pts), area
        return best

    def visible_area(self, view: tuple[float, float, float, float]) -> float:
        from matplotlib.path import Path as MPath
        from matplotlib.transforms import Bbox

        box = Bbox.from_extents(*view)
        total = 0.0
        for poly in self.polygons:
            ring = [tuple(p) for p in poly[0]]
            clipped = MPath(ring + [ring[0]], closed=True).clip_to_bbox(box, inside=True)
            pts = [tuple(v) for v in cast(Any, clipped.vertices) if math.isfinite(v[0])]
            if len(pts) >= 3:
                total += abs(_signed_area(pts))
        return total


def _signed_area(pts: Sequence[Sequence[float]]) -> float:
    n = len(pts)
    return sum(pts[i][0] * pts[(i + 1) % n][1] - pts[(i + 1) % n][0] * pts[i][1] for i in range(n)) / 2


def _centroid(pts: Sequence[Sequence[float]]) -> tuple[float, float]:
    a = _signed_area(pts)
    if abs(a) < 1e-12:
        return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
    n = len(pts)
    cx = cy = 0.0
    for i in range(n):
        x0, y0 = pts[i][:2]
        x1, y1 = pts[(i + 1) % n][:2]
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return (cx / (6 * a), cy / (6 * a))


@functools.cache
def _shapes() -> tuple[_Shape, ...]:
    _mpl()
    return tuple(_Shape(f["id"], f["properties"]["name"], f["geometry"]["coordinates"])
                 for f in world_geometry()["features"])


def _map_of(cat: Catalog, region: Any, group: Any) -> tuple[Any, dict[str, tuple[float, float]]]:
    """The view to draw and the hand-placed labels: a region naming a group (or, with no region, the
    group shown) gives that group's view; labels come from that group first, then from every group."""
    chosen = None
    if isinstance(region, str) and region not in REGIONS and region != "auto":
        chosen = cat.group(region)  # an unknown name raises UnknownNameError with the nearest ones
        region = chosen.map.view or "auto"
    elif group is not None:
        chosen = cat.group(group)
        if region is None and chosen.map.view is not None:
            region = chosen.map.view
    labels: dict[str, tuple[float, float]] = {}
    for g in ([chosen] if chosen is not None else []) + list(cat.groups):
        for code, point in g.map.labels.items():
            labels.setdefault(code, point)
    return region, labels


def _view(region: Any, codes: Iterable[str]) -> tuple[float, float, float, float]:
    if isinstance(region, str) and region in REGIONS:
        return REGIONS[region]
    if isinstance(region, (tuple, list)) and len(region) == 4:
        return tuple(float(x) for x in region)  # type: ignore[return-value]
    if region not in (None, "auto"):
        raise ValueError(f"region must be one of {', '.join(REGIONS)}, 'auto', a group or (west, south, east, "
                         f"north), not {region!r}")
    wanted = set(codes)
    rings = [s.main for s in _shapes() if s.code in wanted]
    if not rings:
        return REGIONS["world"]
    xs = [p[0] for r in rings for p in r]
    ys = [p[1] for r in rings for p in r]
    w, s, e, n = min(xs), min(ys), max(xs), max(ys)
    mx, my = max((e - w) * 0.06, 1.0), max((n - s) * 0.06, 1.0)
    return (max(w - mx, -180.0), max(s - my, -60.0), min(e + mx, 180.0), min(n + my, 85.0))


def _draw_map(values: Mapping[str, Status | float], names: Mapping[str, str], *, region: Any, lang: str,
              ax: Axes | None, title: str, continuous_label: str | None = None,
              labels: bool | None = None, label_at: Mapping[str, tuple[float, float]] | None = None) -> Figure:
    mpl = _mpl()
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Patch, PathPatch

    view = _view(region, values)
    west, south, east, north = view
    world = view == REGIONS["world"]
    mid = math.radians((south + north) / 2)
    aspect = 1.0 if world else 1.0 / max(math.cos(mid), 0.2)
    width = 11.0 if world else 9.0
    height = max(3.0, min(width * (north - south) * aspect / (east - west), 11.0)) + 0.9
    cmap = mpl.colormaps["YlGn"]
    with mpl.rc_context(_rc(lang)):
        fig, ax = _new_axes(ax, (width, height))
        shapes = _shapes()
        faces = []
        for sh in shapes:
            v = values.get(sh.code) if sh.code else None
            if v is None:
                faces.append(_OUTSIDE)
            elif isinstance(v, Status):
                faces.append(STATUS_COLOURS[v])
            else:
                faces.append(cmap(0.08 + 0.92 * float(v)))
        coll = PatchCollection([PathPatch(sh.path) for sh in shapes], facecolors=faces,
                               edgecolors=_EDGE if world else "#495057", linewidths=0.3 if world else 0.7)
        ax.add_collection(coll, autolim=False)
        ax.set_facecolor(_SEA)
        # the view as data limits, not fixed limits: the aspect then widens the view to fill the axes
        # (a little more map rather than blank paper)
        ax.update_datalim([(west, south), (east, north)])
        ax.margins(0)
        ax.autoscale_view()
        ax.set_aspect(aspect, adjustable="datalim")
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_edgecolor("#ced4da")
        if continuous_label is not None:
            from matplotlib.cm import ScalarMappable
            from matplotlib.colors import LinearSegmentedColormap, Normalize

            shown = LinearSegmentedColormap.from_list("shown", [cmap(0.08 + 0.92 * t / 10) for t in range(11)])
            bar = fig.colorbar(ScalarMappable(Normalize(0, 100), shown), ax=ax, orientation="horizontal",
                               fraction=0.05, pad=0.03, aspect=40, shrink=0.7)
            bar.set_label(continuous_label, fontsize=9)
            bar.ax.tick_params(labelsize=8)
            bar.ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter())
        else:
            handles = [Patch(facecolor=STATUS_COLOURS[s], edgecolor=_EDGE, linewidth=0.5, label=_w(lang, s))
                       for s in _ORDER]
            handles.append(Patch(facecolor=_OUTSIDE, edgecolor=_EDGE, linewidth=0.5, label=_w(lang, "outside")))
            ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=3, frameon=False,
                      fontsize=8.5)
        ax.set_title(title, loc="left", fontsize=11)
        if labels is None:
            labels = not world
        if labels:
            _label_states(fig, ax, shapes, values, names, view, label_at or {})
    return fig


def _label_states(fig: Figure, ax: Axes, shapes: Sequence[_Shape], values: Mapping[str, Any],
                  names: Mapping[str, str], view: tuple[float, float, float, float],
                  label_at: Mapping[str, tuple[float, float]]) -> None:
    """Name the states in view: the selected ones first (bold, with their coverage on coverage maps),
    then large neighbours (grey), largest first; a name that would overlap one already placed falls
    back to its alpha-3 code, or is left out."""
    from matplotlib.patheffects import withStroke

    west, south, east, north = view
    area = (east - west) * (north - south)
    halo = [withStroke(linewidth=2.5, foreground="white")]
    candidates = []
    for sh in shapes:
        if sh.code is None or sh.code not in names:
            continue
        inside = sh.code in values
        seen = sh.visible_area(view)
        if seen < 0.002 * area or (not inside and seen < 0.03 * area):
            continue  # too small to hold a label, or a neighbour too small to be worth naming
        point = label_at.get(sh.code)
        if point is None or not (west < point[0] < east and south < point[1] < north):
            point = sh.label_point(view)
        if point is not None:
            candidates.append((not inside, -seen, sh.code, point))
    fig.draw_without_rendering()  # settle the layout, so that the labels' extents are final
    placed: list[Any] = []
    for outside, _, code, point in sorted(candidates):
        style: dict[str, Any] = {"fontsize": 7.5, "color": "#868e96"} if outside else {
            "fontsize": 9, "color": "#212529", "fontweight": "bold"}
        value = values.get(code)
        share = f"\n{value:.0%}" if isinstance(value, float) else ""
        for text in (_wrap(names[code], 14) + share, code + share):
            t = ax.text(point[0], point[1], text, ha="center", va="center", path_effects=halo, clip_on=True,
                        **style)
            t.set_in_layout(False)
            box = t.get_window_extent().expanded(1.04, 1.1)
            if not any(box.overlaps(other) for other in placed):
                placed.append(box)
                break
            t.remove()
            style = {**style, "fontsize": style["fontsize"] - 1}


def choropleth(cat: Catalog, instrument: InstrumentRef | None = None, *, as_of: dt.date | None = None,
               region: Any = None, group: Any = None, states: Iterable[StateRef] | None = None,
               lang: str = "en", labels: bool | None = None, ax: Axes | None = None,
               title: str | None = None) -> Figure:
    """A map of each state's status in `instrument` on `as_of` (default: today), or — without an
    instrument — of its coverage (the share of the binding instruments it is party to).

    Only the group's or the named states are coloured (default: every state). `region`: "world",
    a group's id or name (its map view in groups.toml), (west, south, east, north) in degrees, or
    "auto" (the selected states' extent); default: the group's view if it has one, else "auto" for a
    selection and "world" otherwise. Zoomed maps label the states (in `lang`)."""
    from ratify.query.matrix import build_matrix

    on = as_of or dt.date.today()
    selection = cat.states_of(group, states)
    region, label_at = _map_of(cat, region, group)
    if region is None:
        region = "world" if group is None and states is None else "auto"
    names = {s.alpha3: s.name.get(lang) for s in cat.states}
    if instrument is not None:
        inst = cat.instrument(instrument)
        values: dict[str, Status | float] = {s.alpha3: cat.status(s, inst, on) for s in selection}
        default = _on_records(_w(lang, "map_status", name=inst.short_name.get(lang), date=_date(on, lang)), cat,
                              (inst,), lang)
        return _draw_map(values, names, region=region, lang=lang, ax=ax, title=title or default, labels=labels,
                         label_at=label_at)
    binding = cat.instruments_of(binding=True)
    m = build_matrix(cat, states=selection, instruments=[i for i in binding if _adopted(i, on)], as_of=on)
    values = {s.alpha3: m.coverage(s) for s in m.states}
    default = _on_records(_coverage_title(lang, len(m.instruments), on), cat, m.instruments, lang)
    return _draw_map(values, names, region=region, lang=lang, ax=ax, title=title or default,
                     continuous_label=_w(lang, "coverage_bar"), labels=labels, label_at=label_at)


def matrix_map(m: Matrix, instrument: InstrumentRef | None = None, *, region: Any = "auto", lang: str = "en",
               labels: bool | None = None, ax: Axes | None = None, title: str | None = None) -> Figure:
    """A map of the matrix's states: their status in `instrument`, or their coverage in the matrix.
    `region` is as for `choropleth` (a group's id or name draws that group's view)."""
    names = {s.alpha3: s.name.get(lang) for s in m.catalog.states}
    region, label_at = _map_of(m.catalog, region, None)
    if instrument is not None:
        inst = m.catalog.instrument(instrument)
        values: dict[str, Status | float] = dict(m.column(inst))
        default = _on_records(_w(lang, "map_status", name=inst.short_name.get(lang), date=_date(m.as_of, lang)),
                              m.catalog, (inst,), lang)
        return _draw_map(values, names, region=region, lang=lang, ax=ax, title=title or default, labels=labels,
                         label_at=label_at)
    values = {s.alpha3: m.coverage(s) for s in m.states}
    n = sum(1 for i in m.instruments if i.binding)
    default = _on_records(_coverage_title(lang, n, m.as_of), m.catalog, m.instruments, lang)
    return _draw_map(values, names, region=region, lang=lang, ax=ax, title=title or default,
                     continuous_label=_w(lang, "coverage_bar"), labels=labels, label_at=label_at)


def _adopted(inst: Instrument, on: dt.date) -> bool:
    return inst.adoption is None or inst.adoption.date <= on
