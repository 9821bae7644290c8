"""Build `maritime-zones.json`, the states' maritime boundaries the map draws (build time only).

    python -m services.web.maritime_build SOURCE OUT_JSON

SOURCE is the npm package `@geo-maps/countries-maritime-10m` 0.6.0 as `npm pack` gives it
(`.tgz`) or its `package/map.geo.json`: one Feature per state (property `A3`), each the
state's land and its territorial sea as OpenStreetMap draws the country boundary (12 nmi
from the baselines). It holds no exclusive economic zone. The states of `STATES` are kept,
simplified with shapely (Douglas-Peucker, `TOLERANCE_DEG`, under a pixel of the map at its
usual scale), pieces smaller than `MIN_AREA_DEG2` dropped, and written as plain rings of
[longitude, latitude] rounded to 0.01 degree. Needs the `basemap` extra (shapely); the
runtime reader, `services.web.maritime`, does not.

Raises `KeyError` for a state of `STATES` missing from the source.
"""

from __future__ import annotations

import json
import sys
import tarfile
from pathlib import Path

from shapely.geometry import MultiPolygon, Polygon, shape

SOURCE_NAME = "geo-maps countries-maritime 0.6.0 (OpenStreetMap country boundaries)"
ZONE_KIND = "territorial sea"
TOLERANCE_DEG = 0.01
MIN_AREA_DEG2 = 0.002  # an islet's 12-nmi circle is about 0.13 square degree: kept

# The states around the launch areas and sea areas the map shows (geo.py), by ISO 3166-1 alpha-3.
STATES: dict[str, str] = {
    # East Asia and the Pacific
    "JPN": "Japan", "KOR": "South Korea", "PRK": "North Korea", "CHN": "China", "TWN": "Taiwan",
    "RUS": "Russia", "MNG": "Mongolia", "PHL": "the Philippines", "VNM": "Vietnam",
    # The United States' outline holds Guam, the Northern Marianas and Wake with their waters,
    # China's Hong Kong and Macau; their own features (GUM, MNP, UMI, HKG, MAC) would only
    # name the same water twice, and GUM's is land alone.
    "USA": "the United States", "PLW": "Palau", "FSM": "Micronesia",
    # South Asia
    "IND": "India", "PAK": "Pakistan", "AFG": "Afghanistan", "LKA": "Sri Lanka", "BGD": "Bangladesh",
    # Middle East
    "ISR": "Israel", "PSE": "Palestine", "LBN": "Lebanon", "SYR": "Syria", "JOR": "Jordan", "EGY": "Egypt",
    "SAU": "Saudi Arabia", "YEM": "Yemen", "OMN": "Oman", "ARE": "the United Arab Emirates", "QAT": "Qatar",
    "BHR": "Bahrain", "KWT": "Kuwait", "IRQ": "Iraq", "IRN": "Iran", "TUR": "Türkiye", "CYP": "Cyprus",
    "ERI": "Eritrea", "DJI": "Djibouti", "SDN": "Sudan", "SOM": "Somalia",
    # Europe and around the Black Sea
    "UKR": "Ukraine", "BLR": "Belarus", "POL": "Poland", "MDA": "Moldova", "ROU": "Romania", "BGR": "Bulgaria",
    "GEO": "Georgia", "ARM": "Armenia", "AZE": "Azerbaijan", "GRC": "Greece", "FRA": "France",
    "GBR": "the United Kingdom", "NOR": "Norway", "FIN": "Finland", "EST": "Estonia", "LVA": "Latvia",
    "LTU": "Lithuania", "KAZ": "Kazakhstan", "TKM": "Turkmenistan",
}


def read_source(source: Path) -> dict:
    """The FeatureCollection of `source`: a `.tgz` from `npm pack` or the GeoJSON file itself."""
    if source.name.endswith((".tgz", ".tar.gz")):
        with tarfile.open(source) as archive:
            member = archive.extractfile("package/map.geo.json")
            if member is None:
                raise KeyError(f"{source}: no package/map.geo.json")
            return json.load(member)
    return json.loads(source.read_text(encoding="utf-8"))


def _rings(polygon: Polygon) -> list[list[list[float]]]:
    rings = [polygon.exterior, *polygon.interiors]
    return [[[round(x, 2), round(y, 2)] for x, y in ring.coords] for ring in rings]


def compact(collection: dict, states: dict[str, str] = STATES) -> dict:
    """The kept states of a geo-maps FeatureCollection, simplified, as the runtime file's body."""
    by_code = {f["properties"]["A3"]: f["geometry"] for f in collection["features"]}
    zones = []
    for code, name in states.items():
        geometry = shape(by_code[code]).simplify(TOLERANCE_DEG, preserve_topology=True)
        pieces = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
        polygons = [_rings(p) for p in pieces if isinstance(p, Polygon) and p.area >= MIN_AREA_DEG2]
        zones.append({"code": code, "name": name, "polygons": polygons})
    return {"source": SOURCE_NAME, "kind": ZONE_KIND, "licence": "ODbL 1.0, © OpenStreetMap contributors",
            "zones": zones}


def build(source: Path, target: Path) -> None:
    """Write the compact maritime boundaries file from the geo-maps package or GeoJSON."""
    body = compact(read_source(source))
    target.write_text(json.dumps(body, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: python -m services.web.maritime_build GEO_MAPS_TGZ_OR_GEOJSON OUT_JSON", file=sys.stderr)
        sys.exit(2)
    build(Path(sys.argv[1]), Path(sys.argv[2]))
