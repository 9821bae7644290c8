"""The states' maritime boundaries: which state's land or territorial sea a point or a landing
area lies in, the shipped file, and the build that makes it."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest

from services.web import maritime
from services.web.geo import Point
from services.web.maritime import area_zones, zone_of, zones_at


def _name(lon: float, lat: float) -> str | None:
    zone = zone_of(lon, lat)
    return zone.name if zone else None


def test_a_point_west_of_sado_is_in_japans_territorial_sea() -> None:
    assert _name(138.0, 38.0) == "Japan"  # some 15 km off Sado's west coast, at sea


def test_the_middle_of_the_sea_of_japan_is_in_no_states_waters() -> None:
    assert _name(134.0, 40.5) is None


def test_the_pacific_east_of_japan_beyond_200_nmi_is_in_no_states_waters() -> None:
    assert _name(150.0, 35.0) is None


def test_a_point_100_nmi_off_japan_is_outside_every_outline_because_they_are_not_eezs() -> None:
    # Inside Japan's EEZ, outside its 12-nmi territorial sea: the data holds no EEZ, so the
    # answer is "none", and the words say "territorial sea", never "EEZ".
    assert _name(143.5, 39.5) is None
    assert "EEZ" not in area_zones(Point(143.5, 39.5), 25).statement


def test_land_counts_as_the_states_and_overlapping_claims_name_every_claimant() -> None:
    assert _name(30.52, 50.45) == "Ukraine"                                  # Kyiv
    assert {z.name for z in zones_at(34.1, 44.95)} == {"Russia", "Ukraine"}  # Crimea, as the data draws it
    assert _name(144.5, 13.45) == "the United States"                         # off Guam's west coast
    assert _name(138.0 + 360.0, 38.0) == "Japan"                              # longitudes taken modulo a turn


def test_a_landing_area_inside_outside_or_straddling_a_states_waters() -> None:
    assert area_zones(Point(138.3, 36.2), 100).statement == "inside Japan's territorial sea or land"
    assert area_zones(Point(134.0, 40.5), 50).statement == "outside any state's territorial sea"
    straddling = area_zones(Point(138.0, 38.6), 40)  # off Sado's northern tip: partly at sea beyond
    assert straddling.statement == "in Japan's territorial sea or land?"
    assert [z.name for z in straddling.partly] == ["Japan"] and not straddling.inside


def test_even_odd_ray_test_honours_holes() -> None:
    outer = np.array([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], dtype=float)
    hole = np.array([[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]], dtype=float)
    lon = np.array([1.0, 5.0, 11.0, 9.99])
    lat = np.array([1.0, 5.0, 5.0, 9.99])
    assert maritime._inside((outer, hole), lon, lat).tolist() == [True, False, False, True]


def test_the_shipped_file_is_small_and_holds_the_states_launch_news_is_about() -> None:
    raw = resources.files("services.web").joinpath(maritime.ZONES_FILE).read_bytes()
    assert len(raw) < 1_000_000
    codes = {z["code"] for z in json.loads(raw)["zones"]}
    assert {"JPN", "KOR", "PRK", "CHN", "RUS", "TWN", "PHL", "USA", "ISR", "UKR", "IRN", "SAU", "YEM"} <= codes
    assert "OpenStreetMap" in maritime.boundaries().source and "not EEZs" in maritime.boundaries().provenance


def test_the_build_keeps_the_listed_states_simplified_and_rounded(tmp_path) -> None:
    pytest.importorskip("shapely")
    from services.web import maritime_build

    # A square "state" with a hole and a wiggle the simplification removes, and one not listed.
    wiggly = [[0, 0], [1, 0.0001], [2, 0], [2, 2], [0, 2], [0, 0]]
    hole = [[0.5, 0.5], [1.5, 0.5], [1.5, 1.5], [0.5, 1.5], [0.5, 0.5]]
    source = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"A3": "AAA"}, "geometry": {"type": "Polygon", "coordinates": [wiggly, hole]}},
        {"type": "Feature", "properties": {"A3": "BBB"},
         "geometry": {"type": "Polygon", "coordinates": [[[5, 5], [6, 5], [6, 6], [5, 5]]]}}]}
    path = tmp_path / "map.geo.json"
    path.write_text(json.dumps(source))
    body = maritime_build.compact(maritime_build.read_source(path), {"AAA": "Aland"})
    [zone] = body["zones"]
    assert zone["code"] == "AAA" and zone["name"] == "Aland" and body["kind"] == "territorial sea"
    [[outer, inner]] = zone["polygons"]
    assert [1, 0.0] not in outer and len(outer) == 5 and len(inner) == 5
    with pytest.raises(KeyError):
        maritime_build.compact(source, {"CCC": "Nowhere"})
