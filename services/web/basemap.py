"""The coastlines drawn under every map, shipped with the package: no tile server needed.

`land-110m.json` here is Natural Earth's 1:110m land (public domain), taken from the npm
package world-atlas 2.0.2 (`land-110m.json`, TopoJSON, ISC licence) and converted by
`python -m services.web.basemap <world-atlas land-110m.json> <out>` into plain rings of
[longitude, latitude] pairs rounded to 0.01 degree (see `LICENCE-basemap.txt`).
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

Ring = list[tuple[float, float]]

BASEMAP_FILE = "land-110m.json"


def decode_topojson(topology: dict, object_name: str = "land") -> list[Ring]:
    """Every ring (outer and holes) of the named object of a quantized TopoJSON topology.

    Raises `KeyError` when the object is missing and `ValueError` for a geometry type other
    than Polygon or MultiPolygon.
    """
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:  # quantized arcs are delta-encoded
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        points: Ring = []
        for index in indexes:
            # A negative index is the arc reversed (~index); arcs share their end points.
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    rings: list[Ring] = []
    obj = topology["objects"][object_name]
    geometries = obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]
    for geometry in geometries:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            raise ValueError(f"unexpected geometry type {geometry['type']!r}")
        for polygon in polygons:
            rings.extend(ring(r) for r in polygon)
    return rings


@lru_cache(maxsize=1)
def land_rings() -> tuple[tuple[tuple[float, float], ...], ...]:
    """The shipped land rings, read once per process."""
    raw = resources.files("services.web").joinpath(BASEMAP_FILE).read_text(encoding="utf-8")
    return tuple(tuple((lon, lat) for lon, lat in ring) for ring in json.loads(raw)["rings"])


def convert(source: Path, target: Path) -> None:
    """Write the compact basemap file from a world-atlas TopoJSON file."""
    rings = decode_topojson(json.loads(source.read_text(encoding="utf-8")))
    compact = [[[round(lon, 2), round(lat, 2)] for lon, lat in r] for r in rings]
    body = {"source": "Natural Earth 1:110m land (public domain), via world-atlas 2.0.2", "rings": compact}
    target.write_text(json.dumps(body, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: python -m services.web.basemap LAND_TOPOJSON OUT_JSON", file=sys.stderr)
        sys.exit(2)
    convert(Path(sys.argv[1]), Path(sys.argv[2]))
