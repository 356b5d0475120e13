#!/usr/bin/env python3
"""Vendors the map outlines of the shared reference data into data/reference/geo (see PROVENANCE.md there).

    python3 scripts/vendor-geo.py [/path/to/reference-data/geo]

Each output file outlines the children of one region and is named by that region's code: 33.geojson (the cities of
Zhejiang), 3301.geojson ... 3311.geojson (the counties of each city). The sources are plain GeoJSON: the county files
carry ECharts' `UTF8Encoding: false` and leftover `encodeOffsets`, i.e. their coordinates are already decoded; a source
file that is still encoded (`UTF8Encoding: true`) is refused, because the outline store passes geometry to ECharts as it
is. Normalisation:
- properties: `name` (the region's name as the source writes it; the platform maps it to a region code through the
  region catalogue at load time), `adcode` where the source has a current one (the city file), `cp` (label point);
- geometry: only Polygon / MultiPolygon, `encodeOffsets` dropped, consecutive duplicate points removed (the county
  files are quantised to 1/1024 degree and repeat many points) and rings simplified with Douglas-Peucker at
  SIMPLIFY_DEGREES (about 100 m, one step of the county files' grid), coordinates rounded to 5 decimals. Rings keep at least four points.
"""
import json
import os
import sys
from collections import Counter

SIMPLIFY_DEGREES = 0.001
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "reference", "geo")


def simplify(points, tolerance):
    """Douglas-Peucker on an open polyline (iterative; keeps both ends)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length2 = dx * dx + dy * dy
        best, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length2 == 0:
                d = (px - x1) ** 2 + (py - y1) ** 2
            else:
                t = max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / length2))
                d = (px - x1 - t * dx) ** 2 + (py - y1 - t * dy) ** 2
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance * tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def ring(coordinates):
    points = []
    for x, y in coordinates:
        p = (round(float(x), 5), round(float(y), 5))
        if not points or points[-1] != p:
            points.append(p)
    if points[0] != points[-1]:
        points.append(points[0])
    # Split the closed ring at its farthest point from the start, so that both halves have distinct ends.
    far = max(range(len(points)), key=lambda i: (points[i][0] - points[0][0]) ** 2 + (points[i][1] - points[0][1]) ** 2)
    simplified = simplify(points[: far + 1], SIMPLIFY_DEGREES)[:-1] + simplify(points[far:], SIMPLIFY_DEGREES)
    if len(simplified) < 4:
        simplified = points if len(points) >= 4 else points + [points[0]] * (4 - len(points))
    return [[x, y] for x, y in simplified]


def geometry(g, where):
    if g["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r) for r in g["coordinates"]]}
    if g["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in g["coordinates"]]}
    raise SystemExit(f"{where}: geometry {g['type']} is not a polygon")


def convert(source, target, adcode):
    with open(source, encoding="utf-8") as f:
        data = json.load(f)
    if data.get("UTF8Encoding"):
        raise SystemExit(f"{source}: uses ECharts' compressed encoding; decode it before vendoring")
    features = []
    for feature in data["features"]:
        p = feature["properties"]
        properties = {"name": p["name"]}
        if adcode:
            properties["adcode"] = str(p["adcode"])
        cp = p.get("cp") or p.get("centroid") or p.get("center")
        if cp:
            properties["cp"] = [round(cp[0], 5), round(cp[1], 5)]
        features.append({"type": "Feature", "properties": properties, "geometry": geometry(feature["geometry"], f"{source} {p['name']}")})
    with open(target, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"{os.path.relpath(target, ROOT)}: {len(features)} features, {os.path.getsize(target):,} bytes (from {os.path.basename(source)})")


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "reference-data", "geo")
    os.makedirs(OUT, exist_ok=True)
    convert(os.path.join(source, "zhejiang.geojson"), os.path.join(OUT, "33.geojson"), adcode=True)
    counties = os.path.join(source, "zhejiang-counties")
    for name in sorted(os.listdir(counties)):
        path = os.path.join(counties, name)
        with open(path, encoding="utf-8") as f:
            ids = [str(feature.get("id", "")) for feature in json.load(f)["features"]]
        # The file names are pinyin (zhe4_jiang1_li4_shui3); the features' (partly outdated) ids all start with the
        # city's code, which names the output file. The ids themselves are not kept: names are matched at load time.
        city = Counter(i[:4] for i in ids if len(i) == 6).most_common(1)[0][0]
        convert(path, os.path.join(OUT, f"{city}.geojson"), adcode=False)


if __name__ == "__main__":
    main()
