"""Where an event happened, as far as its facts say: launch area, direction, landing area.

A launch event carries names, not coordinates: the launching actor, a sea area or target
("East Sea", "Kyiv"), a distance flown. This module places them on the globe from a small
table of approximate positions, so the map shows an *area* (a circle around the usual
launch region) and a bearing, never a precise point the sources did not give.

- launch area: the launch site the reports state, where `schemas.places` knows it (the Sunan
  area: within 15 km of Sunan), else the actor's usual launch region (e.g. PRK: around
  Pyongyang, radius 150 km);
- direction: the bearing from the launch area to the named sea area or place, or the
  compass heading the reports give ("northeast": 45°);
- landing area: along that bearing at `distance_km`, when both are known; a circle of a
  tenth of that distance, at least LANDING_MIN_RADIUS_KM, around that point, since both
  the bearing (to a named area, not a point) and the distance are approximate;
- range ring: a circle of `distance_km` around the launch area when the distance is known
  but not the direction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from schemas import LaunchEvent
from schemas.labels import COMPASS_POINTS
from schemas.places import known_site

EARTH_RADIUS_KM = 6371.0088
LANDING_MIN_RADIUS_KM = 25.0
LANDING_RADIUS_FRACTION = 0.1  # of the distance flown

# (longitude, latitude, radius_km, label): where each actor usually launches from.
LAUNCH_AREAS: dict[str, tuple[float, float, float, str]] = {
    "PRK": (125.75, 39.03, 150, "North Korea (launch site not stated)"),
    "KOR": (127.5, 36.5, 150, "South Korea"),
    "JPN": (139.0, 36.0, 300, "Japan"),
    "RUS": (38.5, 51.5, 700, "Russia (launch site not stated)"),
    "UKR": (31.2, 49.0, 300, "Ukraine"),
    "IRN": (53.0, 34.5, 400, "Iran"),
    "ISR": (34.85, 31.5, 80, "Israel"),
    "CHN": (110.0, 36.0, 800, "China"),
    "PAK": (69.3, 29.5, 400, "Pakistan"),
    "IND": (86.9, 20.8, 200, "India (Odisha coast)"),
    "FRA": (-1.2, 44.3, 150, "France (Landes test range)"),
    "GBR": (-2.5, 54.0, 300, "United Kingdom"),
    "IRQ": (44.0, 33.0, 300, "Iraq"),
    "SYR": (38.5, 35.0, 250, "Syria"),
    "TUR": (35.0, 39.0, 400, "Türkiye"),
    "TWN": (121.0, 23.7, 150, "Taiwan"),
    "AZE": (47.5, 40.3, 250, "Azerbaijan"),
    "ARM": (44.9, 40.2, 120, "Armenia"),
    "BLR": (28.0, 53.7, 300, "Belarus"),
    "LBY": (17.0, 27.0, 700, "Libya"),
    "SDN": (30.0, 15.5, 700, "Sudan"),
    "ETH": (39.5, 9.0, 600, "Ethiopia"),
    "ERI": (38.8, 15.3, 250, "Eritrea"),
    "SOM": (45.5, 5.5, 500, "Somalia"),
    "AFG": (66.0, 34.0, 500, "Afghanistan"),
    "EGY": (30.0, 27.0, 600, "Egypt"),
    "ARE": (54.3, 24.0, 200, "United Arab Emirates"),
    "MAR": (-6.5, 32.0, 500, "Morocco"),
    "SWE": (16.0, 62.0, 500, "Sweden"),
    "NOR": (10.0, 63.0, 600, "Norway"),
    "FIN": (26.0, 63.0, 450, "Finland"),
    "EST": (25.5, 58.7, 150, "Estonia"),
    "LTU": (23.9, 55.3, 150, "Lithuania"),
    "LVA": (24.6, 56.9, 150, "Latvia"),
    "GRC": (22.5, 39.0, 350, "Greece"),
    "DEU": (10.4, 51.2, 400, "Germany"),
    "AUS": (134.0, -25.0, 1500, "Australia"),
    "BRA": (-52.0, -12.0, 1500, "Brazil"),
    "VEN": (-66.0, 7.0, 500, "Venezuela"),
    "PHL": (122.0, 12.5, 600, "Philippines"),
    "BGD": (90.3, 23.7, 250, "Bangladesh"),
    "DZA": (3.0, 28.0, 900, "Algeria"),
    "KHM": (105.0, 12.5, 250, "Cambodia"),
    "THA": (101.0, 15.0, 500, "Thailand"),
    "MMR": (96.0, 20.0, 600, "Myanmar"),
    "COD": (23.6, -2.9, 900, "DR Congo"),
    "NGA": (8.0, 9.5, 600, "Nigeria"),
    "MLI": (-2.0, 17.0, 700, "Mali"),
    "TJK": (71.0, 38.8, 250, "Tajikistan"),
    "KGZ": (74.7, 41.4, 300, "Kyrgyzstan"),
    "IDN": (118.0, -2.0, 1500, "Indonesia"),
    "VNM": (106.0, 16.0, 600, "Vietnam"),
    "ITA": (12.5, 42.5, 500, "Italy"),
    "ESP": (-3.7, 40.2, 500, "Spain"),
    "NLD": (5.3, 52.2, 150, "Netherlands"),
    "CAN": (-96.0, 56.0, 2000, "Canada"),
    "ROU": (25.0, 45.9, 300, "Romania"),
    "KAZ": (67.0, 48.0, 1000, "Kazakhstan"),
    "UZB": (64.0, 41.4, 500, "Uzbekistan"),
    "COL": (-73.0, 4.0, 600, "Colombia"),
    "KEN": (37.9, 0.2, 450, "Kenya"),
    "UGA": (32.4, 1.4, 300, "Uganda"),
    "RWA": (29.9, -2.0, 100, "Rwanda"),
    "ZAF": (24.0, -29.0, 800, "South Africa"),
    "TUN": (9.5, 34.0, 300, "Tunisia"),
    "LKA": (80.7, 7.9, 200, "Sri Lanka"),
    "MOZ": (35.5, -18.7, 700, "Mozambique"),
    "BFA": (-1.6, 12.3, 400, "Burkina Faso"),
    "SAU": (45.0, 24.0, 500, "Saudi Arabia"),
    "Houthis": (44.2, 15.4, 250, "Yemen (Houthi-held)"),
    "Islamic Resistance in Iraq": (44.0, 33.0, 300, "Iraq"),
    "Hamas": (34.4, 31.45, 30, "Gaza"),
    "Hezbollah": (35.5, 33.3, 60, "southern Lebanon"),
    "Palestinian Islamic Jihad": (34.4, 31.45, 30, "Gaza"),
    "Hayat Tahrir al-Sham": (36.6, 35.9, 100, "Idlib, Syria"),
    "Libyan National Army": (20.0, 31.0, 400, "eastern Libya"),
    "Rapid Support Forces": (25.0, 13.5, 500, "Darfur, Sudan"),
    "al-Shabaab": (44.0, 2.5, 300, "southern Somalia"),
    "Islamic State": (40.0, 35.0, 400, "Syria and Iraq"),
    "Pakistani Taliban": (70.5, 33.0, 250, "north-west Pakistan"),
    "Polisario Front": (-12.0, 26.0, 300, "Western Sahara"),
    "PKK": (43.8, 37.3, 200, "northern Iraq"),
    "TPLF": (39.0, 13.8, 200, "Tigray, Ethiopia"),
    "Boko Haram": (13.2, 11.8, 250, "north-east Nigeria"),
    "JNIM": (-1.5, 15.0, 600, "the Sahel"),
    "M23": (29.2, -1.3, 100, "North Kivu, DR Congo"),
    "Arakan Army": (93.5, 20.2, 200, "Rakhine, Myanmar"),
    "MNDAA": (98.5, 23.5, 100, "northern Shan, Myanmar"),
    "Baloch Liberation Army": (64.0, 27.5, 350, "Balochistan"),
    "YPG": (40.5, 36.5, 250, "north-east Syria"),
    "PFLP": (34.4, 31.45, 30, "Gaza"),
    "Al-Aqsa Martyrs' Brigades": (34.4, 31.45, 30, "Gaza"),
    "FARC dissidents": (-75.5, 2.5, 400, "southern Colombia"),
    "ELN": (-72.5, 7.0, 300, "north-east Colombia"),
    "Kachin Independence Army": (97.4, 25.4, 200, "Kachin, Myanmar"),
    "People's Defence Force": (95.5, 21.5, 500, "Myanmar"),
}

# (longitude, latitude): sea areas and places the `direction` field names.
DIRECTIONS: dict[str, tuple[float, float]] = {
    "East Sea": (131.5, 39.5), "Sea of Japan": (134.0, 40.0), "Yellow Sea": (123.5, 36.5),
    "Pacific": (150.0, 35.0), "Atlantic": (-40.0, 30.0), "Mediterranean": (18.0, 35.0),
    "Red Sea": (38.5, 20.0), "Black Sea": (34.0, 43.5), "Persian Gulf": (52.0, 27.0),
    "Arabian Sea": (64.0, 17.0), "Bay of Bengal": (88.0, 15.0), "White Sea": (38.0, 65.5),
    "Barents Sea": (40.0, 73.0), "Sea of Okhotsk": (150.0, 53.0), "East China Sea": (126.0, 29.0),
    "South China Sea": (114.0, 15.0), "outside Japan's EEZ": (134.0, 40.5),
    "inside Japan's EEZ": (137.5, 40.0),
    "Israel": (34.85, 31.5), "Tel Aviv": (34.78, 32.08), "Jerusalem": (35.21, 31.77),
    "Haifa": (34.99, 32.79), "Eilat": (34.95, 29.56), "Ashkelon": (34.57, 31.67), "Sderot": (34.6, 31.52),
    "Golan Heights": (35.75, 33.0), "Golan": (35.75, 33.0), "Galilee": (35.4, 32.9),
    "Kyiv": (30.52, 50.45), "Kiev": (30.52, 50.45), "Kharkiv": (36.23, 49.99), "Lviv": (24.03, 49.84),
    "Odesa": (30.73, 46.48), "Odessa": (30.73, 46.48), "Dnipro": (35.05, 48.46),
    "Zaporizhzhia": (35.14, 47.84), "Ukraine": (31.2, 49.0), "Saudi Arabia": (45.0, 24.0),
    "Riyadh": (46.72, 24.69), "Jeddah": (39.19, 21.49), "Abha": (42.51, 18.22), "Japan": (139.0, 36.0),
    "Hokkaido": (143.0, 43.3), "Okinawa": (127.8, 26.3), "Guam": (144.79, 13.44), "Hawaii": (-157.8, 21.3),
    "South Korea": (127.5, 36.5), "Seoul": (126.98, 37.57), "Syria": (38.5, 35.0), "Damascus": (36.29, 33.51),
    "Homs": (36.72, 34.73), "Lebanon": (35.86, 33.87), "Beirut": (35.5, 33.89), "Gaza": (34.4, 31.45),
    "Yemen": (47.5, 15.5), "Sanaa": (44.21, 15.35), "Iraq": (44.0, 33.0), "Erbil": (44.01, 36.19),
    "Baghdad": (44.36, 33.31), "Iran": (53.0, 34.5), "Tehran": (51.39, 35.69),
}


@dataclass(frozen=True)
class Point:
    lon: float
    lat: float


@dataclass(frozen=True)
class EventPlaces:
    """What the map draws for one event; every part is optional but the launch area."""

    origin: Point
    origin_radius_km: float
    origin_label: str
    target: Point | None = None          # the named sea area or place
    target_label: str | None = None
    bearing_deg: float | None = None     # from the launch area toward the target
    landing: Point | None = None         # along the bearing at distance_km
    landing_radius_km: float | None = None  # how far from `landing` it may have come down
    range_km: float | None = None        # distance flown, when stated


def _direction_point(direction: str | None) -> Point | None:
    if not direction:
        return None
    found = DIRECTIONS.get(direction)
    if found is None:
        # "northern Israel", "western Ukraine": the place without its qualifier.
        found = DIRECTIONS.get(direction.split(" ", 1)[-1])
    return Point(*found) if found else None


# Where a state tests what only a test range launches (ICBMs, SLBMs, satellites): not
# where its strikes in a war come from (a Russian strike on Kharkiv is no Plesetsk launch,
# a US strike on Yemen no Vandenberg one; the latter has no area and no map).
TEST_RANGE_KINDS = frozenset({"icbm", "slbm", "satellite_launch"})
TEST_RANGES: dict[str, tuple[float, float, float, str]] = {
    "RUS": (40.7, 62.9, 600, "Russia (Plesetsk region)"),
    "USA": (-120.6, 34.7, 150, "United States (Vandenberg region)"),
}


def _site_area(site: str | None) -> tuple[float, float, float, str] | None:
    """The launch area of a stated launch site `schemas.places` knows, labelled as stated."""
    known = known_site(site)
    return None if known is None else (known.lon, known.lat, known.radius_km, f"{known.name} (stated launch site)")


def place_event(event: LaunchEvent) -> EventPlaces | None:
    """The map's features for `event`, or None when neither its stated launch site nor its
    actor has a known launch area."""
    area = _site_area(event.launch_site) or (
        TEST_RANGES.get(event.actor or "") if event.kind in TEST_RANGE_KINDS else None) or LAUNCH_AREAS.get(
        event.actor or "")
    if area is None:
        return None
    origin = Point(area[0], area[1])
    target = _direction_point(event.direction)
    bearing = initial_bearing_deg(origin, target) if target else COMPASS_POINTS.get((event.direction or "").lower())
    landing = landing_radius_km = None
    if bearing is not None and event.distance_km:
        landing = destination(origin, bearing, event.distance_km)
        landing_radius_km = max(LANDING_MIN_RADIUS_KM, LANDING_RADIUS_FRACTION * event.distance_km)
    label = area[3]
    if event.launch_site and not _site_area(event.launch_site):
        # A site is stated but not one the map can place ("its east coast"): the map shows
        # the actor's usual area, and does not say the reports gave none.
        label = label.replace("(launch site not stated)", "(stated launch site not placed on the map)")
    return EventPlaces(origin=origin, origin_radius_km=area[2], origin_label=label,
                       target=target, target_label=event.direction if target else None,
                       bearing_deg=bearing, landing=landing, landing_radius_km=landing_radius_km,
                       range_km=event.distance_km or None)


def initial_bearing_deg(a: Point, b: Point) -> float:
    """Great-circle initial bearing from `a` to `b`, degrees clockwise from north, 0..360."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlon = math.radians(b.lon - a.lon)
    y = math.sin(dlon) * math.cos(lat2)
    x = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(dlon)
    return math.degrees(math.atan2(y, x)) % 360


def destination(start: Point, bearing_deg: float, distance_km: float) -> Point:
    """The point `distance_km` from `start` along the great circle of `bearing_deg`."""
    delta = distance_km / EARTH_RADIUS_KM
    theta = math.radians(bearing_deg)
    lat1, lon1 = math.radians(start.lat), math.radians(start.lon)
    lat2 = math.asin(math.sin(lat1) * math.cos(delta) + math.cos(lat1) * math.sin(delta) * math.cos(theta))
    lon2 = lon1 + math.atan2(math.sin(theta) * math.sin(delta) * math.cos(lat1),
                             math.cos(delta) - math.sin(lat1) * math.sin(lat2))
    return Point((math.degrees(lon2) + 540) % 360 - 180, math.degrees(lat2))


def circle(center: Point, radius_km: float, steps: int = 72) -> list[Point]:
    """A closed ring of points `radius_km` around `center` (first point repeated last)."""
    points = [destination(center, 360.0 * i / steps, radius_km) for i in range(steps)]
    return points + points[:1]
