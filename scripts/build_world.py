#!/usr/bin/env python3
"""Derive ratify's bundled world geometry (src/ratify/geo/world.json) from Natural Earth, once.

Source: Natural Earth 1:50m Admin 0 – Countries, version 4.1.0 (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), as redistributed in TopoJSON by the npm
package `world-atlas`, version 2.0.2 (file `countries-50m.json`; packaging ISC, © Michael Bostock).
Get it through the npm registry, then run this script from the repository root:

    cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world.py "$OLDPWD/package/countries-50m.json"   # or the path you unpacked to

The input used for the bundled file: countries-50m.json of world-atlas-2.0.2.tgz, SHA-256
04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394 (the tarball:
032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97). The result is deterministic: the
same input and options give the same bytes.

What the script does, so that the result can be checked against the source:

- decodes the TopoJSON arcs (quantized, delta-encoded) to longitude/latitude;
- simplifies every *arc* with Douglas–Peucker: tolerance `--tolerance` degrees (default 0.12), or
  `--fine-tolerance` (default 0.03) for arcs that reach into the Central Asia box (FINE_BOX), so
  the regional map keeps its detail. Arcs are shared by neighbouring countries, so shared borders
  stay identical on both sides: no slivers;
- drops rings left with fewer than four points (islands below the tolerance), but never a country's
  last ring;
- rounds coordinates to `--digits` decimals (default 2: about 1 km);
- keys each country by ISO 3166-1 alpha-3, from the ISO numeric `id` that world-atlas gives
  (via pycountry). Five Natural Earth units have no ISO code: Kosovo (keyed "XKX", the code the
  UN and the EU use), N. Cyprus (merged into CYP) and Somaliland (merged into SOM) — the states
  the United Nations recognises there —, and Siachen Glacier and the Indian Ocean Territories
  (kept unkeyed: drawn as land without data);
- draws Crimea within Ukraine: Natural Earth 4.1.0 draws it within Russia (its de facto view); the
  United Nations affirm Ukraine's territorial integrity (General Assembly resolution 68/262), and
  ratify, a tool about the UN depositary's record, follows the UN;
- merges the polygons of one state that share a border (Crimea and mainland Ukraine, N. Cyprus and
  Cyprus, Somaliland and Somalia), so no internal line is drawn;
- cuts the rings that jump across the antimeridian (Chukotka, in Russia's outer ring) into their
  pieces east and west of ±180°, so a flat map draws no band across the world;
- leaves out Antarctica (not a state; it only takes room).

The output is a GeoJSON FeatureCollection, one Feature per alpha-3 (`id`), with `properties.name`
(Natural Earth's short name), MultiPolygon geometries in WGS84 longitude/latitude, and a
top-level `ratify` member recording the source, version and parameters.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import pycountry

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "ratify" / "geo" / "world.json"

SOURCE = {
    "data": "Natural Earth, Admin 0 – Countries, 1:50m, version 4.1.0",
    "license": "public domain (Natural Earth terms of use)",
    "via": "npm package world-atlas 2.0.2, countries-50m.json (TopoJSON; packaging ISC, (c) Michael Bostock)",
    "script": "scripts/build_world.py",
}
# Natural Earth units with no ISO numeric code: alpha-3 to use, or None for "land, no state"
NO_ISO = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM", "Siachen Glacier": None,
          "Indian Ocean Ter.": None}
DROP = {"010"}  # Antarctica
# arcs with a point in this box (west, south, east, north: Central Asia and its neighbours, the
# Caucasus to western China) keep more detail, for the regional map
FINE_BOX = (38.0, 28.0, 92.0, 58.0)
CRIMEA_BOX = (32.0, 44.0, 36.8, 46.4)  # a polygon of Russia inside this box is Crimea


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def simplify(pts: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, iterative; keeps both ends."""
    n = len(pts)
    if n < 3:
        return pts
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    tol2 = tol * tol
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = pts[a], pts[b]
        dx, dy = x2 - x1, y2 - y1
        norm = dx * dx + dy * dy
        best, index = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            if norm == 0:
                d = (px - x1) ** 2 + (py - y1) ** 2
            else:
                t = ((px - x1) * dx + (py - y1) * dy) / norm
                t = max(0.0, min(1.0, t))
                d = (px - x1 - t * dx) ** 2 + (py - y1 - t * dy) ** 2
            if d > best:
                best, index = d, i
        if best > tol2:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(pts, keep) if k]


def ring(arc_ids: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in arc_ids:
        seg = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(seg if not pts else seg[1:])
    return pts


def rounded(pts: list[tuple[float, float]], digits: int) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in pts:
        p = [round(x, digits), round(y, digits)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def _bbox(pts: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def _within(inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def _rest(ring_arcs: list[int], shared: set[int]) -> list[int] | None:
    """The ring's arcs that are not in `shared`, starting right after the (single) shared run."""
    n = len(ring_arcs)
    starts = [k for k in range(n) if ring_arcs[k] not in shared and ring_arcs[k - 1] in shared]
    if len(starts) != 1:
        return None  # the shared border is not one run: leave the polygons apart
    k = starts[0]
    rotated = ring_arcs[k:] + ring_arcs[:k]
    return [a for a in rotated if a not in shared]


def merge_polygons(polys: list[list[list[int]]]) -> list[list[list[int]]]:
    """Join polygons whose outer rings share arcs (in opposite directions) into one polygon."""
    polys = [list(p) for p in polys]
    merged = True
    while merged:
        merged = False
        for i in range(len(polys)):
            for j in range(i + 1, len(polys)):
                a, b = polys[i][0], polys[j][0]
                shared = {x for x in a if ~x in b}
                if not shared:
                    continue
                a_rest, b_rest = _rest(a, shared), _rest(b, {~x for x in shared})
                if a_rest is None or b_rest is None:
                    continue
                polys[i] = [a_rest + b_rest, *polys[i][1:], *polys[j][1:]]
                del polys[j]
                merged = True
                break
            if merged:
                break
    return polys


def _crosses(r: list[list[float]]) -> bool:
    return any(abs(a[0] - b[0]) > 180 for a, b in itertools.pairwise(r))


def _clip(r: list[list[float]], x: float, keep_below: bool) -> list[list[float]]:
    """Sutherland–Hodgman: the part of the closed ring `r` on one side of the meridian `x`."""
    def inside(p: list[float]) -> bool:
        return p[0] <= x if keep_below else p[0] >= x

    out: list[list[float]] = []
    pts = r[:-1] if r[0] == r[-1] else r
    for i, cur in enumerate(pts):
        prev = pts[i - 1]
        if inside(cur) != inside(prev):
            t = (x - prev[0]) / (cur[0] - prev[0])
            out.append([x, round(prev[1] + t * (cur[1] - prev[1]), 2)])
        if inside(cur):
            out.append(cur)
    if out:
        out.append(out[0])
    return out


def split_antimeridian(poly: list[list[list[float]]]) -> list[list[list[list[float]]]]:
    """A polygon whose outer ring jumps across ±180° (Chukotka, in Russia's mainland ring), as the
    pieces east and west of the antimeridian."""
    if not _crosses(poly[0]):
        return [poly]
    if len(poly) > 1:
        raise SystemExit("a polygon with holes crosses the antimeridian: extend split_antimeridian")
    unwrapped = [list(poly[0][0])]
    for x, y in poly[0][1:]:
        prev = unwrapped[-1][0]
        while x - prev > 180:
            x -= 360
        while x - prev < -180:
            x += 360
        unwrapped.append([x, y])
    hi = max(p[0] for p in unwrapped)
    shift = -360 if hi > 180 else 360
    pieces = [_clip(_clip(unwrapped, 180, True), -180, False),
              _clip(_clip([[round(x + shift, 2), y] for x, y in unwrapped], 180, True), -180, False)]
    return [[piece] for piece in pieces if len(piece) >= 4]


def polygons(geom: dict) -> list[list[list[int]]]:
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return geom["arcs"]
    return []


def area(r: list[list[float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(r, r[1:] + r[:1]))) / 2


def _touches(pts: list[tuple[float, float]], box: tuple[float, float, float, float]) -> bool:
    west, south, east, north = box
    return any(west <= x <= east and south <= y <= north for x, y in pts)


def build(topo: dict, tol: float, digits: int, fine_tol: float) -> dict:
    raw = decode_arcs(topo)
    fine = raw
    coarse = [simplify(a, fine_tol if _touches(a, FINE_BOX) else tol) for a in raw]
    # first, every unit's polygons (as arc indices) under the code it is drawn with
    units: dict[str, tuple[str, list[list[list[int]]]]] = {}
    unkeyed: list[tuple[str, list[list[list[int]]]]] = []
    for geom in topo["objects"]["countries"]["geometries"]:
        name = geom["properties"]["name"]
        num = geom.get("id")
        if num in DROP:
            continue
        if num:
            code = pycountry.countries.get(numeric=num).alpha_3
        elif name in NO_ISO:
            code = NO_ISO[name]
        else:
            raise SystemExit(f"no ISO code for {name!r}: decide how to key it in NO_ISO")
        if code is None:
            unkeyed.append((name, polygons(geom)))
        elif code in units:
            units[code][1].extend(polygons(geom))
        else:
            units[code] = (name, list(polygons(geom)))
    crimea = [p for p in units["RUS"][1] if _within(_bbox(ring(p[0], fine)), CRIMEA_BOX)]
    if len(crimea) != 1:
        raise SystemExit(f"expected one Crimea polygon in Russia's geometry, found {len(crimea)}")
    units["RUS"][1].remove(crimea[0])
    units["UKR"][1].append(crimea[0])

    def feature(code: str | None, name: str, arc_polys: list[list[list[int]]]) -> dict:
        polys = []
        for poly in merge_polygons(arc_polys):
            rings = [rounded(ring(r, coarse), digits) for r in poly]
            if len(rings[0]) < 4:
                continue  # the outer ring collapsed: an islet below the tolerance
            polys += split_antimeridian([r for r in rings if len(r) >= 4])
        if not polys:  # keep the country's largest ring, unsimplified
            polys = [[max((rounded(ring(p[0], fine), digits) for p in arc_polys), key=area)]]
        return {"type": "Feature", "id": code, "properties": {"name": name},
                "geometry": {"type": "MultiPolygon", "coordinates": polys}}

    ordered = [feature(code, *units[code]) for code in sorted(units)]
    ordered += [feature(None, name, polys) for name, polys in unkeyed]
    return {"type": "FeatureCollection",
            "ratify": {**SOURCE, "tolerance_degrees": tol, "fine_tolerance_degrees": fine_tol,
                       "fine_box": list(FINE_BOX), "digits": digits},
            "features": ordered}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("topojson", type=Path, help="world-atlas 2.0.2 countries-50m.json")
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    ap.add_argument("--tolerance", type=float, default=0.12, help="Douglas–Peucker tolerance, degrees")
    ap.add_argument("--fine-tolerance", type=float, default=0.03,
                    help="tolerance for arcs in the Central Asia box, degrees")
    ap.add_argument("--digits", type=int, default=2, help="decimals kept in coordinates")
    args = ap.parse_args()
    topo = json.loads(args.topojson.read_text(encoding="utf-8"))
    world = build(topo, args.tolerance, args.digits, args.fine_tolerance)
    text = json.dumps(world, ensure_ascii=False, separators=(",", ":"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text + "\n", encoding="utf-8")
    points = sum(len(r) for f in world["features"] for p in f["geometry"]["coordinates"] for r in p)
    print(f"{args.output}: {len(world['features'])} features, {points} points, {len(text) / 1024:.0f} KiB",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
