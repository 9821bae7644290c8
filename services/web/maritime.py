"""Which state's waters a point or a landing area lies in, by the shipped maritime boundaries.

`maritime-zones.json` here holds, for the states around the map's launch and sea areas,
each state's land and territorial sea as one outline: the OpenStreetMap country boundary,
which runs 12 nautical miles off the baselines at sea (from the npm package
`@geo-maps/countries-maritime-10m` 0.6.0, built by `services.web.maritime_build`; ODbL,
see `LICENCE-basemap.txt`). It holds no exclusive economic zone: a point 100 nmi off
Japan is inside Japan's EEZ but outside every outline here, and the words this module
writes say "territorial sea", never "EEZ".

Point-in-polygon is the even-odd ray test over every ring of a polygon (holes included),
vectorised with numpy over the points asked about, after a bounding-box test per polygon.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from services.web.geo import Point, circle

ZONES_FILE = "maritime-zones.json"
AREA_SAMPLES = 16  # points on a landing area's edge tested besides its centre


@dataclass(frozen=True, eq=False)  # arrays inside: compared and hashed by identity
class Zone:
    """One state's outline: land and territorial sea, as polygons of rings (outer first)."""

    code: str                                         # ISO 3166-1 alpha-3
    name: str                                         # "Japan", "the Philippines"
    polygons: tuple[tuple[np.ndarray, ...], ...]     # rings as (n, 2) arrays of lon, lat
    boxes: tuple[tuple[float, float, float, float], ...]  # west, south, east, north per polygon

    @property
    def possessive(self) -> str:
        return self.name + ("'" if self.name.endswith("s") else "'s")


@dataclass(frozen=True)
class Boundaries:
    source: str      # the data set, as the provenance names it
    kind: str        # what the outlines bound at sea: "territorial sea"
    zones: tuple[Zone, ...]

    @property
    def provenance(self) -> str:
        return f"by the maritime boundaries of {self.source}: land and 12-nmi {self.kind}, not EEZs"


@dataclass(frozen=True)
class AreaZones:
    """Where a landing area lies: the states whose outline holds all of it or part of it."""

    inside: tuple[Zone, ...]    # holding the centre and every edge point
    partly: tuple[Zone, ...]    # holding some of the points but not all
    kind: str

    @property
    def statement(self) -> str:
        """"inside Japan's territorial sea or land", "outside any state's territorial sea",
        "in Japan's territorial sea or land?" when the area straddles an outline."""
        if self.partly:
            names = " or ".join(z.possessive for z in self.inside + self.partly)
            return f"in {names} {self.kind} or land?"
        if self.inside:
            names = " or ".join(z.possessive for z in self.inside)
            return f"inside {names} {self.kind} or land"
        return f"outside any state's {self.kind}"


@lru_cache(maxsize=1)
def boundaries() -> Boundaries:
    """The shipped outlines, read once per process."""
    raw = json.loads(resources.files("services.web").joinpath(ZONES_FILE).read_text(encoding="utf-8"))
    zones = []
    for zone in raw["zones"]:
        polygons = tuple(tuple(np.asarray(ring, dtype=float) for ring in polygon) for polygon in zone["polygons"])
        boxes = tuple((float(p[0][:, 0].min()), float(p[0][:, 1].min()), float(p[0][:, 0].max()),
                       float(p[0][:, 1].max())) for p in polygons)
        zones.append(Zone(zone["code"], zone["name"], polygons, boxes))
    return Boundaries(raw["source"], raw["kind"], tuple(zones))


def _inside(rings: tuple[np.ndarray, ...], lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Even-odd test of each (lon, lat) against all `rings` of one polygon."""
    odd = np.zeros(lon.shape, dtype=bool)
    low, high = lat.min(), lat.max()
    for ring in rings:
        y0, y1 = ring[:-1, 1], ring[1:, 1]
        # Only edges reaching the points' band of latitude can cross a point's parallel:
        # a few of Russia's thousands, for the points of one landing area.
        span = (np.maximum(y0, y1) > low) & (np.minimum(y0, y1) <= high)
        if not span.any():
            continue
        x0, x1 = ring[:-1, 0][span], ring[1:, 0][span]
        y0, y1 = y0[span], y1[span]
        py = lat[:, None]
        crosses = (y0 > py) != (y1 > py)
        with np.errstate(divide="ignore", invalid="ignore"):
            # Where the edge meets the point's parallel; only used where `crosses` holds (y0 != y1).
            x_at = x0 + (py - y0) * (x1 - x0) / (y1 - y0)
        odd ^= (crosses & (lon[:, None] < x_at)).sum(axis=1) % 2 == 1
    return odd


def _membership(points: list[Point]) -> dict[Zone, np.ndarray]:
    lon = np.array([(p.lon + 540.0) % 360.0 - 180.0 for p in points])
    lat = np.array([p.lat for p in points])
    index = _polygon_index()
    # One test of every polygon's box against every point, then rings only where a box holds one.
    near = ((lon[:, None] >= index.boxes[:, 0]) & (lat[:, None] >= index.boxes[:, 1])
            & (lon[:, None] <= index.boxes[:, 2]) & (lat[:, None] <= index.boxes[:, 3]))
    found: dict[Zone, np.ndarray] = {}
    for k in np.flatnonzero(near.any(axis=0)):
        zone, rings = index.owners[k], index.rings[k]
        which = near[:, k]
        hits = found.setdefault(zone, np.zeros(lon.shape, dtype=bool))
        hits[which] |= _inside(rings, lon[which], lat[which])
    return {zone: hits for zone, hits in found.items() if hits.any()}


@dataclass(frozen=True)
class _PolygonIndex:
    boxes: np.ndarray                          # (polygons, 4): west, south, east, north
    owners: tuple[Zone, ...]
    rings: tuple[tuple[np.ndarray, ...], ...]


@lru_cache(maxsize=1)
def _polygon_index() -> _PolygonIndex:
    zones = boundaries().zones
    return _PolygonIndex(np.array([box for z in zones for box in z.boxes]),
                         tuple(z for z in zones for _ in z.polygons),
                         tuple(p for z in zones for p in z.polygons))


def zones_at(lon: float, lat: float) -> tuple[Zone, ...]:
    """Every state whose outline (land and territorial sea) holds the point; more than one
    where the data's claims overlap, none at sea beyond every territorial sea."""
    return tuple(_membership([Point(lon, lat)]))


def zone_of(lon: float, lat: float) -> Zone | None:
    """The state whose land or territorial sea holds the point (the first, where claims
    overlap), or None."""
    found = zones_at(lon, lat)
    return found[0] if found else None


@lru_cache(maxsize=1024)  # the page, the SVG and the PNG of one revision ask about the same area
def area_zones(centre: Point, radius_km: float) -> AreaZones:
    """The states holding all or part of the circle of `radius_km` around `centre`, judged
    on its centre and AREA_SAMPLES points of its edge."""
    points = [centre] + circle(centre, radius_km, AREA_SAMPLES)[:-1]
    found = _membership(points)
    inside = tuple(z for z, hits in found.items() if hits.all())
    partly = tuple(z for z, hits in found.items() if not hits.all())
    return AreaZones(inside, partly, boundaries().kind)
