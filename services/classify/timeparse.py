"""Launch times written in a report ("on Monday", "at about 7:10 a.m.", "오전 7시 10분경",
"午前7時10分ごろ", "early Sunday") resolved to an absolute UTC datetime.

Resolution rules:
- The zone of a written time is, in order: an explicit zone next to it ("KST", "(JST)",
  "UTC", "(Sanaa time)", "czasu moskiewskiego"); the zone of an agency named in the text
  (South Korea's JCS writes Seoul time, Japan's defence ministry Tokyo time); for a clock
  time, the launching region's zone (`schemas.actors.REGION_ZONES`: a clock time is the
  launch's place's), for a day alone that zone only for Korea and Japan, whose press is
  local; the source's zone; the language's default zone. The caller (extractor.py) picks
  everything after the explicit zone.
- A date is resolved against the publication time in that zone: a weekday is the latest
  such day on or before publication, a day of the month ("22日", "on the 11th") the latest
  such date on or before it, a month and day without a year the latest on or before it.
  "today"/"이날"/"本日" is the publication day, "yesterday" the day before.
- A date right after a saying verb dates the statement, not the launch ("officials said
  Friday", "poinformowała w poniedziałek"), and is passed over.
- A time with no date is on the publication day, or the day before when that would put
  the launch after publication.
- A date with no clock time takes a representative hour of the part of day it names
  ("early" 05:00, "morning" 09:00, "afternoon" 15:00, "evening" 19:00, "night" 22:00,
  otherwise 12:00), so the error is at most half a day, and never later than the
  publication time.
- With a clock time, the date comes from the same sentence or else the headline; a date
  elsewhere usually belongs to another event.
- Without a publication time only a date with its year can be resolved; otherwise the
  result is None, as it is when the text gives neither date nor time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from itertools import islice
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from schemas.actors import AGENCIES
from services.classify.fastpattern import FastPattern
from services.classify.languages import ANY, TABLES, LanguageTable, en, table_for

ZONE_ABBREVIATIONS = {
    "KST": "Asia/Seoul", "JST": "Asia/Tokyo", "UTC": "UTC", "GMT": "UTC", "Z": "UTC",
    "EST": "America/New_York", "EDT": "America/New_York", "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles", "IST": "Asia/Kolkata", "PKT": "Asia/Karachi", "MSK": "Europe/Moscow",
    "IDT": "Asia/Jerusalem", "ET": "America/New_York", "PT": "America/Los_Angeles", "BST": "Europe/London", "IRST": "Asia/Tehran", "CET": "Europe/Paris", "CEST": "Europe/Paris",
    "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
}
# A zone named by its place after the time: "2:45 p.m. (Sanaa time)", "10.13 czasu moskiewskiego".
_PLACE_ZONES = {
    "sanaa": "Asia/Aden", "moscow": "Europe/Moscow", "kyiv": "Europe/Kyiv", "kiev": "Europe/Kyiv",
    "israel": "Asia/Jerusalem", "tehran": "Asia/Tehran", "seoul": "Asia/Seoul", "tokyo": "Asia/Tokyo",
    "beijing": "Asia/Shanghai", "taipei": "Asia/Taipei", "pyongyang": "Asia/Pyongyang",
    "moskiewskiego": "Europe/Moscow", "polskiego": "Europe/Warsaw", "kijowskiego": "Europe/Kyiv",
    "ukraińskiego": "Europe/Kyiv", "izraelskiego": "Asia/Jerusalem",
}
_PLACE_ZONE_AFTER = re.compile(r"\s*\(?\s*(?:(?P<en>" + "|".join(k for k in _PLACE_ZONES if k.isascii() and not k.endswith("ego"))
                               + r")(?:'s)?\s+time\b|czasu\s+(?P<pl>\w+ego)\b)", re.IGNORECASE)
# The zone each agency writes its clock times in.
AGENCY_ZONES = {agency.code: agency.zone for agency in AGENCIES if agency.zone}

# The parts of day every language names, to a representative hour.
_PART_HOURS = {word: hour for table in TABLES.values() for word, hour in table.part_hours.items()}


@dataclass(frozen=True)
class TimeMention:
    """A piece of a launch time found in the text, with its offsets."""

    cue: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _DateSpec:
    kind: str  # "absolute", "month_day", "dom", "weekday", "relative"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset_days: int = 0
    part: str | None = None


@lru_cache(maxsize=64)
def zone_for(name: str | None) -> ZoneInfo | timezone:
    """The zone of an IANA name; UTC for None or an unknown name."""
    if not name or name == "UTC":
        return timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.utc


_OTHER_TIME_REACH = 80  # characters before a clock time in which another thing's word is looked for
_TIMES_READ = 4  # clock times looked at, at most, for the launch's


def _another_things_time(text: str, start: int, table: LanguageTable | None) -> bool:
    """Whether the clock time at `start` is told as the time of something else than the
    launch: a word of sirens, an alert, a post or a statement before it in its sentence
    (`other_time_before`: "sirens sounded in central Israel at 3:40 a.m.", "J-Alert o godz.
    6:29", "投稿は午前8時3分"), with no launch verb between them ("sirens sounded after the
    missile was launched at 3:40" is the launch's)."""
    lo = max(0, start - _OTHER_TIME_REACH)
    lo = max((m.end() for m in _SENTENCE_BREAK.finditer(text, lo, start)), default=lo)
    others = list(ANY.other_time_before.finditer(text, lo, start))
    if not others:
        return False
    verbs = en.LAUNCH_VERBS if table is None or table.launch_verbs is None else table.launch_verbs
    return verbs.search(text, others[-1].end(), start) is None


def _find_time(text: str, lang: str) -> tuple[tuple[int, int] | None, str | None, str | None, TimeMention | None]:
    """First clock time of the launch: ((hour, minute), zone abbreviation, part-of-day word,
    mention); not one told as another thing's (`_another_things_time`)."""
    best: tuple[int, tuple[int, int], str | None, str | None, re.Match[str]] | None = None
    table = table_for(lang)
    for m in islice(en.CLOCK_TIME.finditer(text), _TIMES_READ):
        if _another_things_time(text, m.start(), table):
            continue
        if m.group("noon"):
            hm = (12, 0) if m.group("noon").lower() == "noon" else (0, 0)
            zone = None
        elif m.group("hhmm"):
            hm = (int(m.group("hhmm")[:2]), int(m.group("hhmm")[2:]))
            zone = m.group("zone_mil")
        elif m.group("h24"):
            hm = (int(m.group("h24")), int(m.group("m24")))
            zone = m.group("zone24")
        else:
            hour = int(m.group("h")) % 12
            if m.group("ampm").lower().startswith("p"):
                hour += 12
            hm = (hour, int(m.group("m") or 0))
            zone = m.group("zone")
        best = (m.start(), hm, zone, None, m)
        break
    if table is not None and table.clock_time is not None:
        for m in islice(table.clock_time.finditer(text), _TIMES_READ):
            hour = int(m.group("h"))
            if hour > 24 or _another_things_time(text, m.start(), table):
                continue
            pre = m.group("pre")
            if pre in table.pm_words and hour < 12:
                hour += 12
            elif pre in table.am_words and hour == 12:
                hour = 0
            minute = 30 if m.group("half") else int(m.group("m") or 0)
            if best is None or m.start() < best[0]:
                best = (m.start(), (hour % 24, min(minute, 59)), None, pre, m)
            break
    if best is None:
        return None, None, None, None
    start, hm, zone, pre, m = best
    if zone is None and (named := _PLACE_ZONE_AFTER.match(text, m.end())) is not None:
        zone = _PLACE_ZONES.get((named.group("en") or named.group("pl")).lower(), None) and (
            named.group("en") or named.group("pl")).lower()
    return hm, zone, pre, TimeMention("time", m.start(), m.end(), m.group())


_DATES_READ = 4  # dates of a statement skipped, at most, before a launch's date is given up


def _launch_date(pattern: FastPattern, text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The first date of `pattern` in text[lo:hi] that does not date a statement ("officials
    said Friday", "poinformowała w poniedziałek": the day it was said, not launched) nor a
    dateline ("SEOUL, June 26 (Yonhap) --": the day it was written)."""
    for m in islice(pattern.finditer(text, lo, hi), _DATES_READ):
        if en.DATELINE_WIRE_AFTER.match(text, m.end()):
            continue
        # "said Tuesday's attack": a possessive day is the event's.
        if text.startswith(("'s", "’s"), m.end()) or not ANY.statement_before.search(
                text, max(lo, m.start() - 40), m.start()):
            return m
    return None


def _find_date(text: str, lang: str, lo: int = 0, hi: int | None = None) -> tuple[_DateSpec | None, TimeMention | None]:
    """First date expression in text[lo:hi]."""
    hi = len(text) if hi is None else hi
    found: list[tuple[int, _DateSpec | None, re.Match[str]]] = []
    m = _launch_date(en.DATE, text, lo, hi)
    if m:
        found.append((m.start(), _en_date(m), m))
    table = table_for(lang)
    if table is not None and table.date is not None:
        m2 = _launch_date(table.date, text, lo, hi)
        if m2:
            found.append((m2.start(), _cjk_date(m2, table), m2))
    found = [f for f in found if f[1] is not None]
    if not found:
        return None, None
    start, spec, m = min(found, key=lambda f: f[0])
    return spec, TimeMention("date", m.start(), m.end(), m.group())


def _en_date(m: re.Match[str]) -> _DateSpec | None:
    if m.group("mon") or m.group("mon2"):
        mon = en.MONTHS[(m.group("mon") or m.group("mon2"))[:3].lower()]
        day = int(m.group("day") or m.group("day2"))
        year = m.group("year") or m.group("year2")
        if not 1 <= day <= 31:
            return None
        if year:
            return _DateSpec("absolute", int(year), mon, day)
        return _DateSpec("month_day", None, mon, day)
    if m.group("iso"):
        y, mo, d = (int(x) for x in m.group("iso").split("-"))
        return _DateSpec("absolute", y, mo, d)
    if m.group("dom"):
        return _DateSpec("dom", day=int(m.group("dom")))
    if m.group("wd"):
        part = (m.group("wpart") or m.group("wpart2") or "").lower() or None
        return _DateSpec("weekday", weekday=en.WEEKDAYS[m.group("wd")[:3].lower()], part=part)
    rel = m.group("rel").lower()
    offset = -1 if rel in ("yesterday", "last night") else 0
    part = {"tonight": "night", "last night": "night", "this morning": "morning",
            "this afternoon": "afternoon", "this evening": "evening", "early hours": "early",
            # A night's attack is reported the next morning: its early hours.
            "overnight": "early"}.get(rel)
    return _DateSpec("relative", offset_days=offset, part=part)


def _stem_value(word: str, stems: Mapping[str, int]) -> int | None:
    """The value of the longest stem `word` begins with ("środę" → "środ")."""
    word = word.lower()
    best = max((s for s in stems if word.startswith(s)), key=len, default=None)
    return None if best is None else stems[best]


def _cjk_date(m: re.Match[str], table: LanguageTable) -> _DateSpec | None:
    """A date of a language's own date pattern (the groups of `LanguageTable.date`)."""
    groups = m.groupdict()
    if groups.get("rel"):
        rel = groups["rel"].lower()
        offset = -1 if rel in table.day_before_words else 0
        part = table.relative_parts.get(rel)
        return _DateSpec("relative", offset_days=offset, part=part)
    written_day = groups.get("wd") or groups.get("wd2")
    if written_day:
        weekday = _stem_value(written_day, table.weekdays)
        if weekday is None:
            return None
        part = groups.get("wpart") or groups.get("wpart2")
        return _DateSpec("weekday", weekday=weekday, part=" ".join(part.lower().split()) if part else None)
    day = int(groups["day"])
    if not 1 <= day <= 31:
        return None
    month = int(groups["mon"]) if groups.get("mon") else None
    if groups.get("monname"):
        month = _stem_value(groups["monname"], table.months)
    if groups.get("year") and month:
        return _DateSpec("absolute", int(groups["year"]), month, day)
    if month:
        return _DateSpec("month_day", None, month, day)
    return _DateSpec("dom", day=day)


def _resolve_date(spec: _DateSpec, pub_local: datetime | None) -> date | None:
    if spec.kind == "absolute":
        try:
            return date(spec.year or 1, spec.month or 1, spec.day or 1)
        except ValueError:
            return None
    if pub_local is None:
        return None
    today = pub_local.date()
    if spec.kind == "relative":
        return today + timedelta(days=spec.offset_days)
    if spec.kind == "weekday":
        return today - timedelta(days=(today.weekday() - (spec.weekday or 0)) % 7)
    if spec.kind == "month_day":
        for year in (today.year, today.year - 1):
            try:
                candidate = date(year, spec.month or 1, spec.day or 1)
            except ValueError:
                continue
            if candidate <= today:
                return candidate
        return None
    # Day of month: this month, or the latest earlier month that has that day.
    year, month = today.year, today.month
    for _ in range(3):
        try:
            candidate = date(year, month, spec.day or 1)
            if candidate <= today:
                return candidate
        except ValueError:
            pass
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return None


# (Not an abbreviation's period: "godz. 6:29", "ok. 13", "at 11:05 a.m. Tuesday".)
_SENTENCE_BREAK = re.compile(r"(?<!godz)(?<!\bok)(?<![ap]\.m)[.!?](?=\s|$)|[。！？\n]", re.IGNORECASE)


def _sentence_around(text: str, pos: int) -> tuple[int, int]:
    """Bounds of the sentence holding pos (a simple split: enough to keep dates apart)."""
    start = 0
    for m in _SENTENCE_BREAK.finditer(text, 0, pos):
        start = m.end()
    m = _SENTENCE_BREAK.search(text, pos)
    return start, (m.end() if m else len(text))


# A date more than this many days before the report dates another event than the launch it
# reports ("24 February 2022, when the invasion began", "its first test since January 1"):
# news of a launch comes within days of it.
STALE_DATE_DAYS = 7


def resolve_launch_time(
    text: str, lang: str, published_at: datetime | None, zone_name: str | None, title_end: int | None = None,
    clock_zone_name: str | None = None,
) -> tuple[datetime | None, list[TimeMention]]:
    """The launch time the text states, in UTC, and the mentions it was built from.

    `zone_name` is the zone to read clock times in when the text names none (the caller
    picks agency, region, source or language zone); `clock_zone_name`, when given, is read
    instead for a clock time (the clock of the launch's place), while a day alone ("on
    Wednesday", "overnight") stays in `zone_name` (the writer's day). With a clock time, the date is taken
    from the time's sentence or else the headline (text[:title_end]), never from another
    sentence, which usually dates some other event ("the earlier test on January 24").
    Returns (None, mentions) when the text does not say enough to place the launch.
    """
    hm, zone_abbr, pre, time_mention = _find_time(text, lang)
    if time_mention is not None:
        s0, s1 = _sentence_around(text, time_mention.start)
        spec, date_mention = _find_date(text, lang, s0, s1)
        if spec is None and title_end is not None and time_mention.start >= title_end:
            spec, date_mention = _find_date(text, lang, 0, title_end)
    else:
        spec, date_mention = _find_date(text, lang)
    mentions = [x for x in (date_mention, time_mention) if x is not None]
    if hm is None and spec is None:
        return None, mentions
    named = (_PLACE_ZONES.get(zone_abbr) or ZONE_ABBREVIATIONS.get(zone_abbr.upper())) if zone_abbr else None
    zone = zone_for(named or (clock_zone_name if hm is not None else None) or zone_name)
    pub_local = published_at.astimezone(zone) if published_at is not None else None
    if spec is not None:
        day = _resolve_date(spec, pub_local)
        if day is None or (pub_local is not None and (pub_local.date() - day).days > STALE_DATE_DAYS):
            return None, mentions
        exact_time = hm is not None
        if hm is None:
            part = spec.part or pre
            if part is None and date_mention is not None:
                near = en.PART_OF_DAY.search(text, date_mention.end, date_mention.end + 20)
                part = near.group("part").lower() if near else None
            hm = (_PART_HOURS.get(part or "", 12), 0)
        local = datetime(day.year, day.month, day.day, hm[0], hm[1], tzinfo=zone)
        if not exact_time and pub_local is not None and local > pub_local:
            local = pub_local  # "Tuesday morning" published at 05:00 on Tuesday: no later than that
        return local.astimezone(timezone.utc), mentions
    if pub_local is None:
        return None, mentions
    local = pub_local.replace(hour=hm[0], minute=hm[1], second=0, microsecond=0)
    if local > pub_local:
        local -= timedelta(days=1)
    return local.astimezone(timezone.utc), mentions
