"""How the facts of a LaunchEvent are named for people: actors, kinds, fact names, values.

Shared by the stages that show events to people (notify's alerts, the web pages), so an
alert and a page word a fact alike; neither imports the other. Plain text, unescaped:
each caller escapes for its medium, since much of it comes from feeds.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timezone

from schemas.models import MASS_STRIKE_COUNT, SALVO_FAMILIES, LaunchEvent, kind_family
from schemas.places import english_site

__all__ = [
    "ACTOR_NAMES", "COMPASS_POINTS", "FACT_LABELS", "FACT_WORDS", "KIND_NOUNS", "LANGUAGE_NAMES", "actor_name", "direction_language",
    "fact_text", "fact_text_of", "fmt_day", "fmt_km",
    "fmt_percent", "fmt_time", "headed", "kind_noun", "launched_from", "one_line", "what_launched",
]

ACTOR_NAMES = {
    "PRK": "North Korea",
    "KOR": "South Korea",
    "RUS": "Russia",
    "UKR": "Ukraine",
    "IRN": "Iran",
    "IRQ": "Iraq",
    "CHN": "China",
    "PAK": "Pakistan",
    "IND": "India",
    "ISR": "Israel",
    "USA": "United States",
    "JPN": "Japan",
    "TWN": "Taiwan",
    "SYR": "Syria",
    "TUR": "Turkey",
    "AZE": "Azerbaijan",
    "ARM": "Armenia",
    "BLR": "Belarus",
    "LBY": "Libya",
    "SDN": "Sudan",
    "ETH": "Ethiopia",
    "ERI": "Eritrea",
    "SOM": "Somalia",
    "AFG": "Afghanistan",
    "EGY": "Egypt",
    "ARE": "United Arab Emirates",
    "MAR": "Morocco",
    "SWE": "Sweden",
    "NOR": "Norway",
    "FIN": "Finland",
    "EST": "Estonia",
    "LTU": "Lithuania",
    "LVA": "Latvia",
    "GRC": "Greece",
    "DEU": "Germany",
    "AUS": "Australia",
    "BRA": "Brazil",
    "VEN": "Venezuela",
    "PHL": "Philippines",
    "BGD": "Bangladesh",
    "DZA": "Algeria",
    "KHM": "Cambodia",
    "THA": "Thailand",
    "MMR": "Myanmar",
    "COD": "DR Congo",
    "NGA": "Nigeria",
    "MLI": "Mali",
    "TJK": "Tajikistan",
    "KGZ": "Kyrgyzstan",
    "IDN": "Indonesia",
    "VNM": "Vietnam",
    "ITA": "Italy",
    "ESP": "Spain",
    "NLD": "Netherlands",
    "CAN": "Canada",
    "ROU": "Romania",
    "KAZ": "Kazakhstan",
    "UZB": "Uzbekistan",
    "COL": "Colombia",
    "KEN": "Kenya",
    "UGA": "Uganda",
    "RWA": "Rwanda",
    "ZAF": "South Africa",
    "TUN": "Tunisia",
    "LKA": "Sri Lanka",
    "MOZ": "Mozambique",
    "BFA": "Burkina Faso",
    "SAU": "Saudi Arabia",
    "YEM": "Yemen",
    # States that launch nothing here but are named as targets (`schemas.places`).
    "LBN": "Lebanon",
    "PSE": "Palestine",
    "MHL": "Marshall Islands",
    "FRA": "France",
    "GBR": "United Kingdom",
}
"""A state's code (`LaunchEvent.actor`) to its name; a group's code is its name already."""

# (singular, plural) of what was launched.
KIND_NOUNS = {
    "ballistic": ("ballistic missile", "ballistic missiles"),
    "cruise": ("cruise missile", "cruise missiles"),
    "hypersonic": ("hypersonic missile", "hypersonic missiles"),
    "slbm": ("submarine-launched ballistic missile", "submarine-launched ballistic missiles"),
    "icbm": ("ICBM", "ICBMs"),
    "irbm": ("intermediate-range ballistic missile", "intermediate-range ballistic missiles"),
    "mrbm": ("medium-range ballistic missile", "medium-range ballistic missiles"),
    "srbm": ("short-range ballistic missile", "short-range ballistic missiles"),
    "satellite_launch": ("satellite launch", "satellite launches"),
    "artillery_rocket": ("artillery rocket", "artillery rockets"),
    "unknown": ("missile", "missiles"),
}

FACT_LABELS = {
    "status": "Status",
    "actor": "Actor",
    "kind": "Kind",
    "count": "Count",
    "distance_km": "Distance",
    "apogee_km": "Apogee",
    "direction": "Direction",
    "launch_site": "Launched from",
    "launched_at": "Launched",
    "source_agency": "Reported by",
    "sources": "Outlets",  # independent outlets counted; the "Sources" list below names reports
    "confidence": "Confidence",
    "correction": "Correction",
}
"""A fact's field name to its label in a list of facts ("Distance: 350 km")."""

FACT_WORDS = {
    "status": "status",
    "actor": "actor",
    "kind": "kind",
    "count": "count",
    "distance_km": "distance",
    "apogee_km": "apogee",
    "direction": "direction",
    "launch_site": "launch site",
    "launched_at": "launch time",
    "source_agency": "reporting agency",
    "sources": "sources",
    "correction": "correction",
}
"""A fact's field name as a word in a sentence ("changed: distance, apogee")."""

_SPACE = re.compile(r"\s+")


def one_line(text: str | None, max_chars: int = 300) -> str:
    """Collapse whitespace (newlines included) and cut to `max_chars` with an ellipsis."""
    text = _SPACE.sub(" ", text or "").strip()
    if len(text) > max_chars:
        text = text[: max_chars - 1].rstrip() + "…"
    return text


def actor_name(actor: str | None) -> str:
    """"North Korea" for "PRK"; a name not in the table as it is; "Unknown actor" for none."""
    if not actor:
        return "Unknown actor"
    return ACTOR_NAMES.get(actor.upper(), actor)


def kind_noun(kind: str) -> str:
    """"short-range ballistic missile" for "srbm"; an unknown kind as it is."""
    return KIND_NOUNS.get(kind, (kind,))[0]


def fmt_km(value: float) -> str:
    """"1,200 km", "350 km", "2.5 km"."""
    return f"{value:,.0f} km" if value >= 10 else f"{value:g} km"


def fmt_percent(share: float) -> str:
    """"99%" for 0.9996, "100%" only for 1.0: a share short of certain never reads as
    certain (rounded down to the percent)."""
    return "100%" if share >= 1.0 else f"{math.floor(share * 100)}%"


def fmt_time(moment: datetime) -> str:
    """"2026-12-02 15:03 UTC": to the minute, in UTC (a naive time is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def fmt_day(day: date | str) -> str:
    """"2023-02-18 (local date, time not stated)": a launch day told without a clock time,
    as its reports date it where they are (a Korean "Wednesday" may be Tuesday in UTC)."""
    return f"{day if isinstance(day, str) else day.isoformat()} (local date, time not stated)"


def fact_text(name: str, value: object, on: date | None = None) -> str | None:
    """One fact's value as a person reads it (`1,200 km`, `ICBM`), or None when unknown.
    A launch time whose reports state only the day (`on`, their `launched_on`) is shown as
    that day: its minutes are an estimate."""
    if value is None or value == "":
        return None
    if name == "launched_at" and on is not None:
        return fmt_day(on)
    if name in ("distance_km", "apogee_km") and isinstance(value, (int, float)):
        return fmt_km(float(value))
    if name == "kind":
        return kind_noun(str(value))
    if name == "launched_at" and isinstance(value, datetime):
        return fmt_time(value)
    if name == "actor":
        return actor_name(str(value))
    if name == "confidence" and isinstance(value, (int, float)):
        return fmt_percent(float(value))
    return one_line(str(value), 80)


def fact_text_of(holder: object, name: str) -> str | None:
    """Fact `name` of an event, or of a report's `LaunchFields`, as a person reads it: a
    launch time with the day its reports state where they give no hour (`launched_on`); an
    event's direction written in another language, quoted with the language's name."""
    text = fact_text(name, getattr(holder, name), on=getattr(holder, "launched_on", None) if name == "launched_at" else None)
    if name == "count" and text is not None and getattr(holder, "count_includes", None) is not None:
        return f"{text} missiles and {holder.count_includes}"
    if name == "direction" and text is not None and isinstance(holder, LaunchEvent):
        language = direction_language(holder)
        if language is not None:
            return f'"{text}" (in {language})'
    return text


_GENERIC_SEA = frozenset({"sea", "the sea"})
COMPASS_POINTS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
                  "southwest": 225.0, "west": 270.0, "northwest": 315.0}
"""A direction that is a compass heading ("northeast"), with its bearing in degrees."""
_WHERE_IT_FELL = ("outside ", "inside ")


def launched_from(site: str) -> str:
    """Where a launch was made from, as a phrase after what was launched: "from the Sunan
    area"; a site written in another language with its English name first where it is known
    ("from Sunan, Pyongyang (평양 순안 일대)", "from the east coast (wschodniego wybrzeża)")."""
    said = one_line(site, 60)
    english = english_site(site)
    return f"from {said}" if english is None else f"from {english} ({said})"


LANGUAGE_NAMES = {"pl": "Polish", "ko": "Korean", "ja": "Japanese", "zh": "Chinese"}


def _worded_in_english(direction: str) -> bool:
    """A sea not named, a compass heading, an EEZ, or a name with its capital in Latin
    script ("East Sea", "Kyiv", the English names the rules give places of other languages)."""
    said = direction.lower()
    return (said in _GENERIC_SEA or said in COMPASS_POINTS or said.startswith(_WHERE_IT_FELL)
            or (direction.isascii() and not direction[:1].islower()))


def direction_language(event: LaunchEvent) -> str | None:
    """The name of the language the event's direction is written in, when it is not English:
    the words of a report in another language that the rules could not give an English name
    ("elektrownią jądrową", "ドニプロの軍需工場"), which an English line quotes as they are."""
    direction = event.direction
    if not direction or _worded_in_english(direction):
        return None
    lang = next((s.lang for s in event.sources if s.fields.direction == direction), None)
    return LANGUAGE_NAMES.get(lang or "en")


def headed(direction: str, language: str | None = None) -> str:
    """Where a launch went, as a phrase after what was launched: "toward East Sea", "into
    the sea" for a sea not named, "heading northeast" for a compass heading, "landing
    outside Japan's EEZ" for where it came down; the words of another `language` quoted
    (`toward "obwód odeski" (in Polish)`)."""
    direction = one_line(direction, 60)
    if direction.lower() in _GENERIC_SEA:
        return "into the sea"
    if direction.lower() in COMPASS_POINTS:
        return f"heading {direction.lower()}"
    if direction.lower().startswith(_WHERE_IT_FELL):
        return f"landing {direction}"
    if language is not None:
        return f'toward "{direction}" (in {language})'
    return f"toward {direction}"


def what_launched(event: LaunchEvent) -> str:
    """`2 ballistic missiles`, `a cruise missile`, `missile launch` when nothing is known."""
    if event.kind is None and event.count is None:
        return "missile launch"
    singular, plural = KIND_NOUNS.get(event.kind or "unknown", KIND_NOUNS["unknown"])
    if event.count is None:
        return singular if event.kind == "satellite_launch" else f"{singular} launch"
    if event.count_includes is not None:
        # "150 missiles and drones": the tally as told, the event's class one part of it.
        tally = f"{event.count} missiles and {event.count_includes}"
        return tally if event.kind in (None, "unknown") else f"{tally} including {plural}"
    if event.count == 1:
        article = "an" if singular[0].lower() in "aeiou" or singular.startswith("ICBM") else "a"
        return f"{article} {singular}"
    if tally_of_several_classes(event):
        return f"{event.count} missiles including {plural}"
    return f"{event.count} {plural}"


def tally_of_several_classes(event: LaunchEvent) -> bool:
    """Whether the event's count is a tally of several classes, the event's class one part
    of it: a report that gives the count says so ("52 missiles, including hypersonic
    Kinzhals": `EventSource.count_of_classes`), or it is a mass strike's tally that no report
    gives of the event's missile class, the class named by other reports ("81 missiles" in
    all, six of them the Kinzhals a report names). Not "81 hypersonic missiles"."""
    if event.count is None or kind_family(event.kind) not in SALVO_FAMILIES:
        return False
    giving = [s for s in event.sources if s.fields.count == event.count]
    if any(s.count_of_classes for s in giving):
        return True
    return event.count >= MASS_STRIKE_COUNT and not any(
        kind_family(s.fields.kind) == kind_family(event.kind) for s in giving)
