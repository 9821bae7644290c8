"""Whether two values of one launch fact tell the same thing.

Outlets round, name and generalise differently: 600 km and 610 km, "East Sea" and "Sea of
Japan", "ballistic missile" and "short-range ballistic missile", 07:12 and 07:14 tell one
fact each. Events (does a report correct the event? did a revision change a fact?), notify
(is an update worth sending?) and the web page (who said otherwise?) read values by these
rules alike.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from typing import Any

from schemas.models import BALLISTIC_KINDS
from schemas.labels import ACTOR_NAMES
from schemas.places import same_place, state_of_place

KM_TOLERANCE_ABS = 5.0
KM_TOLERANCE_REL = 0.05
"""Distances and apogees within 5 km or 5 % of each other are one figure, rounded apart."""
TIME_TOLERANCE_S = 5 * 60
"""Launch times within five minutes of each other are one time."""

# (Japan's exclusive economic zone, inside or outside it, lies east of the peninsula: where
# a North Korean missile fell, "outside Japan's EEZ", is in the East Sea or the Pacific.)
_EAST = re.compile(r"east sea|sea of japan|동해|日本海|east coast|pacific|太平洋|northeast|eastward|east"
                   r"|japan'?s? (?:eez|exclusive economic zone)|日本の?(?:eez|排他的経済水域)|일본 ?(?:eez|배타적 ?경제 ?수역)",
                   re.I)
_WEST = re.compile(r"yellow sea|west sea|서해|黄海|west coast|westward|west", re.I)
# A sea not named: what a flash says before it knows which ("fired into the sea").
_GENERIC_SEA = frozenset({"sea", "the sea", "into the sea", "waters", "the waters", "ocean", "the ocean", "at sea",
                          "morze", "바다", "해상", "海", "海上"})
_NAMED_WATER = re.compile(r"\b(?:sea|ocean|gulf|bay|strait|waters)\b|해|海|morz", re.I)


def km_same(a: float, b: float) -> bool:
    """Two distances (or apogees) within rounding of each other (`KM_TOLERANCE_*` of `b`)."""
    return abs(float(a) - float(b)) <= max(KM_TOLERANCE_ABS, KM_TOLERANCE_REL * abs(float(b)))


def times_same(a: datetime, b: datetime) -> bool:
    return abs((a - b).total_seconds()) <= TIME_TOLERANCE_S


@lru_cache(maxsize=4096)  # asked of every open event's direction for every report
def coast_of(direction: str | None) -> str | None:
    """`east` or `west` when the direction names one side of the Korean peninsula, else None."""
    if not direction:
        return None
    east, west = bool(_EAST.search(direction)), bool(_WEST.search(direction))
    if east == west:
        return None
    return "east" if east else "west"


def direction_generalises(general: str | None, specific: str | None) -> bool:
    """`general` is a sea not named ("the sea") said of a launch another source names the
    sea or waters of ("Yellow Sea", or a side of the peninsula: "outside Japan's EEZ")."""
    if not general or not specific:
        return False
    return general.strip().casefold() in _GENERIC_SEA and specific.strip().casefold() not in _GENERIC_SEA and bool(
        _NAMED_WATER.search(specific) or coast_of(specific))


def directions_same(a: str, b: str) -> bool:
    """One heading in other words ("동해상", "East Sea", "Sea of Japan"): the same side of
    the peninsula, the same words where neither names a side, or a sea not named beside a
    named one."""
    if direction_generalises(a, b) or direction_generalises(b, a):
        return True
    coasts = (coast_of(a), coast_of(b))
    return coasts[0] == coasts[1] and (coasts[0] is not None or _spelled(a) == _spelled(b))


def named_state(place: str | None) -> str | None:
    """The code of the state `place` is the English name of ("Ukraine" → "UKR"), None for
    any other place, a capital included."""
    return _STATES_BY_NAME.get(place.strip().casefold()) if place else None


_STATES_BY_NAME = {name.casefold(): code for code, name in ACTOR_NAMES.items()}


def place_within(place: str | None, region: str | None) -> bool:
    """Whether `place` is a target place inside the state `region` names ("Kyiv" inside
    "Ukraine"): a report naming the city and one naming the state tell one strike at two
    scales, not two targets. Two cities of one state are not this ("Kyiv", "Kharkiv")."""
    state = named_state(region)
    return state is not None and state_of_place(place) == state and named_state(place) is None


def _spelled(place: str) -> str:
    """A place's name with case and doubled letters aside: "Odessa" and "Odesa" are one."""
    return re.sub(r"(\w)\1+", r"\1", place.casefold().strip())


def kind_generalises(general: str | None, specific: str | None) -> bool:
    """`general` is the generic "ballistic" said of a launch another source calls by its
    ballistic class ("short-range ballistic missile", "ICBM", "hypersonic")."""
    return general == "ballistic" and specific in BALLISTIC_KINDS


def same_fact(fact: str, a: Any, b: Any) -> bool:
    """Whether two stated values of `fact` (a field of `LaunchFields`) tell the same thing:
    within rounding for distances and times, the same side for directions, a generic
    "ballistic" beside its class for kinds, a place named by both for launch sites, the same
    words for agencies (case aside), equal otherwise."""
    if a is None or b is None:
        return a is b
    if fact in ("distance_km", "apogee_km"):
        return km_same(a, b)
    if fact == "launched_at":
        return times_same(a, b)
    if fact == "direction":
        return directions_same(a, b)
    if fact == "kind":
        return a == b or kind_generalises(a, b) or kind_generalises(b, a)
    if fact == "source_agency":
        return a.casefold() == b.casefold()
    if fact == "launch_site":
        return sites_same(a, b)
    return a == b


SITE_GENERIC = frozenset({
    "area", "areas", "region", "province", "county", "district", "city", "near", "around", "from", "the", "its",
    "off", "waters", "coast", "coastline", "coastal", "base", "vicinity", "inland", "sea", "rejonu", "okolic",
    "terytorium", "obszaru", "regionu", "wybrzeża", "일대", "일원", "부근", "인근", "지역", "해상", "付近", "周辺",
    "一帯", "近郊"})
"""Words for what a place is, not which: no two launch sites are one by them alone."""


def sites_same(a: str, b: str) -> bool:
    """One launch site in other words: the same words (case aside), a word naming a place
    that both hold ("the Sunan area in Pyongyang" and "Pyongyang"; "the Sunan area" and
    "the Wonsan area" are two), or one known place or coast in two languages ("평양 순안
    일대" and "the Sunan area"), or a known site and the coast it is on
    (`schemas.places.same_place`)."""
    words = [set(site.casefold().replace(",", " ").split()) for site in (a, b)]
    if words[0] == words[1] or (words[0] & words[1]) - SITE_GENERIC:
        return True
    # ... or one place in two languages ("평양 순안 일대" and "the Sunan area"), or its coast.
    return same_place(a, b)
