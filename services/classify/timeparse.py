"""Launch times written in a report ("on Monday", "at about 7:10 a.m.", "오전 7시 10분경",
"午前7時10分ごろ", "early Sunday") resolved to an absolute UTC datetime.

Resolution rules:
- The zone of a written time is, in order: an explicit zone next to it ("KST", "(JST)",
  "UTC", "(Sanaa time)", "Korea time", "3:45 p.m. Eastern", "czasu moskiewskiego",
  "한국시간 오전 6시", "ウクライナ時間14日"; `zone_named_at`); the zone of an agency named in
  the text (South Korea's JCS writes Seoul time, Japan's defence ministry Tokyo time); for
  a clock time, and for a day said as the place's own ("현지시간 8일", "21日(現地時間)") or
  with its part of the day ("16日未明", "Saturday night": dawn and night where it
  happened), the launching region's zone (`schemas.actors.REGION_ZONES`), for a day alone
  that zone only for Korea and Japan, whose press is local; the source's zone; the
  language's default zone. The caller (extractor.py) picks everything after the explicit
  zone. A clock that names no zone, followed by the same time with its date in a named
  zone ("at 7:48 a.m. (2248 GMT Wednesday)"), is read as the second.
- A date is resolved against the publication time in that zone: a weekday is the latest
  such day on or before publication, a day of the month ("22日", "on the 11th") the latest
  such date on or before it, a month and day without a year the latest on or before it.
  "today"/"이날"/"本日" is the publication day, "yesterday" the day before; "the previous
  day"/"전날"/"前日"/"dzień wcześniej" the day before the day the text says something was
  said ("KCNA said on Friday that ... the previous day"), else before publication.
- A date right after a saying verb dates the statement, not the launch ("officials said
  Friday", "poinformowała w poniedziałek", "朝鮮中央通信は14日"), and so does a Korean date
  right before a statement's noun ("25일 성명을 내고"); both are passed over. A Korean past
  day ("지난 5일") or a day before the stated one is preferred to a day named beside it.
- A time with no date is on the publication day, or the day before when that would put
  the launch after publication.
- A date with no clock time takes a representative hour of the part of day it names
  ("early" 05:00, "morning" 09:00, "afternoon" 15:00, "evening" 19:00, "night" 22:00,
  otherwise 12:00), so the error is at most half a day, and never later than the
  publication time.
- With a clock time, the date comes from the same sentence, else the headline, else the
  sentence before when that one tells a launch ("... wyniosła w czwartek satelitę. Start
  nastąpił o godz. 22:42"); a date elsewhere usually belongs to another event.
- A clock time of another thing is passed over: after sirens, an alert, a post, a
  statement, a message sent, a meeting ("sirens sounded at 3:40 a.m."), with no launch verb
  between and not told as what was said ("told reporters that the strikes began at ...");
  in Korean and Japanese such a word in its clause, or right after the clock ("4시 15분께
  전국에 공습경보를 발령"), or an authority's topic right before it ("海上保安庁は18日午前10時
  20分、...と発表").
- Without a publication time only a date with its year can be resolved; otherwise the
  result is None, as it is when the text gives neither date nor time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
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
# A zone named by its place after the time: "2:45 p.m. (Sanaa time)", "9:03 a.m. Korea time",
# "3:45 p.m. Eastern", "10.13 czasu moskiewskiego"; "local time" and "czasu lokalnego" name
# none (the launch's place's, the caller's default).
_PLACE_ZONES = {
    "sanaa": "Asia/Aden", "moscow": "Europe/Moscow", "kyiv": "Europe/Kyiv", "kiev": "Europe/Kyiv",
    "israel": "Asia/Jerusalem", "tehran": "Asia/Tehran", "seoul": "Asia/Seoul", "tokyo": "Asia/Tokyo",
    "beijing": "Asia/Shanghai", "taipei": "Asia/Taipei", "pyongyang": "Asia/Pyongyang",
    "korea": "Asia/Seoul", "korean": "Asia/Seoul", "japan": "Asia/Tokyo", "japanese": "Asia/Tokyo",
    "eastern": "America/New_York", "washington": "America/New_York", "pacific": "America/Los_Angeles",
    "hawaii": "Pacific/Honolulu", "greenwich": "UTC",
    "moskiewskiego": "Europe/Moscow", "polskiego": "Europe/Warsaw", "kijowskiego": "Europe/Kyiv",
    "ukraińskiego": "Europe/Kyiv", "izraelskiego": "Asia/Jerusalem", "koreańskiego": "Asia/Seoul",
    "japońskiego": "Asia/Tokyo", "warszawskiego": "Europe/Warsaw",
}
_PLACE_ZONE_AFTER = re.compile(
    r"\s*\(?\s*(?:(?P<en>" + "|".join(k for k in _PLACE_ZONES if k.isascii() and not k.endswith("ego"))
    + r")(?:'s)?\s+(?:standard\s+|daylight\s+)?time\b|(?P<bare>eastern|pacific)\b(?!\s+(?:front|europe|ukraine|fleet))"
    r"|czasu\s+(?P<pl>\w+ego)\b|(?-i:\(?(?P<abbr>" + "|".join(z for z in ZONE_ABBREVIATIONS if len(z) > 1) + r")\b))",
    re.IGNORECASE)
# The launch place's own time said of a day: "현지시간 8일 새벽", "21일(현지시간)", "現地時間の21日".
_LOCAL_TIME = re.compile(r"현지\s?시간|現地時間|local time|czasu lokalnego", re.IGNORECASE)
# Korean and Japanese name the zone before the clock: "한국시간 오전 6시", "日本時間午前7時".
_ZONES_BEFORE = {"한국시간": "Asia/Seoul", "일본시간": "Asia/Tokyo", "日本時間": "Asia/Tokyo",
                 "동부시간": "America/New_York", "東部時間": "America/New_York",
                 "서부시간": "America/Los_Angeles", "西部時間": "America/Los_Angeles",
                 "우크라이나시간": "Europe/Kyiv", "ウクライナ時間": "Europe/Kyiv", "모스크바시간": "Europe/Moscow",
                 "モスクワ時間": "Europe/Moscow", "이스라엘시간": "Asia/Jerusalem", "イスラエル時間": "Asia/Jerusalem"}
_ZONE_BEFORE = re.compile(r"(?P<zone>(?:미\s?|米)?(?:" + "|".join(
    re.escape(z[:-2]) + (r"\s?시간" if z.endswith("시간") else "時間") for z in _ZONES_BEFORE) + r"))(?:으로|で|の)?\s*"
    r"(?:(?:\d{1,2}\s*[월月]\s*)?\d{1,2}\s*[일日]\s*)?$")


def zone_named_at(text: str, start: int, end: int) -> str | None:
    """The IANA zone a text names for the clock time at text[start:end]: after it ("(KST)",
    "Sanaa time", "Eastern", "czasu polskiego") or, in Korean and Japanese, before it
    ("한국시간", "日本時間"); None where it names none or the place's own ("local time")."""
    after = _PLACE_ZONE_AFTER.match(text, end)
    if after is not None:
        if after.group("abbr"):
            return ZONE_ABBREVIATIONS[after.group("abbr").upper()]
        return _PLACE_ZONES.get((after.group("en") or after.group("bare") or after.group("pl")).lower())
    before = _ZONE_BEFORE.search(text, max(0, start - 20), start)
    if before is None:
        return None
    return _ZONES_BEFORE[re.sub(r"^(?:미|米)|\s", "", before.group("zone"))]


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
    before_stated: bool = False  # a day counted from the day the text says something was said
    stated_offset: int = -1  # ... that day's offset: the day before ("前日"), or the same day ("同日")


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


def _another_things_time(text: str, start: int, end: int, table: LanguageTable | None) -> bool:
    """Whether the clock time at text[start:end] is told as the time of something else than
    the launch: a word of sirens, an alert, a post or a statement before it in its sentence
    (`other_time_before`: "sirens sounded in central Israel at 3:40 a.m.", "J-Alert o godz.
    6:29", "投稿は午前8時3分"), with no launch verb between them ("sirens sounded after the
    missile was launched at 3:40" is the launch's) nor the start of what was said ("told
    reporters that the strikes began at 11:50 p.m."); in Korean and Japanese, which put the
    verb last, such a word right after it ("새벽 4시 15분께 전국에 공습경보를 발령했다")."""
    verbs = en.LAUNCH_VERBS if table is None or table.launch_verbs is None else table.launch_verbs
    verb_final = table is not None and table.verb_final
    if verb_final:
        after = ANY.other_time_before.search(text, end, min(len(text), end + _OTHER_TIME_AFTER_REACH))
        if (after is not None and verbs.search(text, end, after.start()) is None
                and _QUOTED_END.search(text, end, after.start()) is None):
            return True
    lo = max(0, start - _OTHER_TIME_REACH)
    lo = max((m.end() for m in _SENTENCE_BREAK.finditer(text, lo, start)), default=lo)
    if verb_final:
        # Its clause only: "記者会見で、北朝鮮が前日午前11時13分ごろに...発射した" is the launch's.
        lo = max((m.end() for m in _CLAUSE_COMMA.finditer(text, lo, start)), default=lo)
    others = list(ANY.other_time_before.finditer(text, lo, start))
    if not others:
        return False
    return verbs.search(text, others[-1].end(), start) is None and _SAID_CONTENT.search(
        text, others[-1].end(), start) is None


_OTHER_TIME_AFTER_REACH = 12  # characters after a Korean or Japanese clock time
# What ends a quoted time: "発射を午後1時18分ごろと発表", "7시께라고 밝혔다" (the time is what was said).
_QUOTED_END = re.compile(r"と|라고|이라고")
_CLAUSE_COMMA = re.compile(r"[、,]")
# What was said begins: the clock after it is the said thing's ("told reporters that ...").
_SAID_CONTENT = re.compile(r"\b(?:that|że|iż)\b", re.IGNORECASE)


def _find_time(text: str, lang: str) -> tuple[tuple[int, int] | None, str | None, str | None, TimeMention | None,
                                              tuple[_DateSpec, TimeMention] | None]:
    """First clock time of the launch: ((hour, minute), the IANA zone the text names for it
    (`zone_named_at`), part-of-day word, mention, and its own date where it is not its
    sentence's); not one told as another thing's (`_another_things_time`). Where the text
    gives the same time with its date in a named zone right after it ("at 7:48 a.m. (2248
    GMT Wednesday)", "현지시간 4일 오후 11시 1분(한국시간 5일 오후 3시 1분)", "at 7:15 a.m.
    Korea time (2215 GMT Tuesday)"), that one, whose date is its own."""
    table = table_for(lang)
    clocks = sorted(_clocks(text, table), key=lambda c: c[0].start())
    for i, (m, hm, zone, pre) in enumerate(clocks):
        if _another_things_time(text, m.start(), m.end(), table):
            continue
        own_date = None
        zoned = next((c for c in clocks[i + 1:] if c[0].start() - m.end() <= _SAME_TIME_REACH and c[2]), None)
        if zoned is not None:
            # A clock in a named zone keeps a date said before the second clock ("7:15 a.m.
            # Korea time Wednesday (2215 GMT Tuesday)"); one said with the second is its.
            lo = m.end() if zone is None else zoned[0].start()
            spec, mention = _find_date(text, lang, lo, min(len(text), zoned[0].end() + 20))
            if spec is not None and mention is not None:
                (m, hm, zone, pre), own_date = zoned, (spec, mention)
        return hm, zone, pre, TimeMention("time", m.start(), m.end(), m.group()), own_date
    return None, None, None, None, None


_SAME_TIME_REACH = 40  # characters from a clock to the same time in a named zone


def _clocks(text: str, table: LanguageTable | None) -> Iterator[tuple[re.Match[str], tuple[int, int], str | None, str | None]]:
    """The first clock times of the text, English ones and its language's: each with its
    (hour, minute), the IANA zone named for it, and its part-of-day word."""
    for m in islice(en.CLOCK_TIME.finditer(text), _TIMES_READ):
        if m.group("noon"):
            hm, zone = ((12, 0) if m.group("noon").lower() == "noon" else (0, 0)), None
        elif m.group("hhmm"):
            hm, zone = (int(m.group("hhmm")[:2]), int(m.group("hhmm")[2:])), m.group("zone_mil")
        elif m.group("h24"):
            hm, zone = (int(m.group("h24")), int(m.group("m24"))), m.group("zone24")
        else:
            hour = int(m.group("h")) % 12 + (12 if m.group("ampm").lower().startswith("p") else 0)
            hm, zone = (hour, int(m.group("m") or 0)), m.group("zone")
        yield m, hm, ZONE_ABBREVIATIONS[zone.upper()] if zone else zone_named_at(text, m.start(), m.end()), None
    if table is None or table.clock_time is None:
        return
    for m in islice(table.clock_time.finditer(text), _TIMES_READ):
        # (A language may write its clock more ways: groups h2, m2 or m3, pre2 for the others.)
        groups = m.groupdict()
        hour = int(groups["h"] or groups["h2"]) if "h2" in groups else int(groups["h"])
        if hour > 24:
            continue
        pre = groups["pre"] or groups.get("pre2")
        pre = pre.lower() if pre else None
        if pre in table.pm_words and hour < 12:
            hour += 12
        elif pre in table.am_words and hour == 12:
            hour = 0
        minute = 30 if groups["half"] else int(groups["m"] or groups.get("m2") or groups.get("m3") or 0)
        yield m, (hour % 24, min(minute, 59)), zone_named_at(text, m.start(), m.end()), pre


_DATES_READ = 4  # dates of a statement skipped, at most, before a launch's date is given up


def _launch_date(pattern: FastPattern, text: str, lo: int, hi: int,
                 table: LanguageTable | None = None) -> re.Match[str] | None:
    """The first date of `pattern` in text[lo:hi] that does not date a statement ("officials
    said Friday", "poinformowała w poniedziałek", "25일 성명을 내고": the day it was said, not
    launched) nor a dateline ("SEOUL, June 26 (Yonhap) --": the day it was written)."""
    for m in islice(pattern.finditer(text, lo, hi), _DATES_READ):
        if en.DATELINE_WIRE_AFTER.match(text, m.end()):
            continue
        if table is not None and table.statement_after is not None and table.statement_after.match(text, m.end()):
            continue
        if (table is not None and table.said_after_topic is not None and table.topic_before is not None
                and table.topic_before.search(text, max(lo, m.start() - 3), m.start())
                and table.said_after_topic.match(text, m.end())):
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
        m2 = _launch_date(table.date, text, lo, hi, table)
        if m2:
            found.append((m2.start(), _cjk_date(m2, table), m2))
        # "조선중앙통신은 18일 ... 전날 ... 시험발사", "합참은 8일 ... 지난 5일 ... 발사": the day
        # before or the past day, where the text says so in the sentence of the first day
        # named, is the launch's; the day named first is the statement's. (Not in a later
        # sentence: "... w niedzielę rano ... . Dzień wcześniej rakiety uderzyły w Lwów" tells
        # another day's strike.)
        first = min((f[0] for f in found), default=None)
        s_end = _sentence_around(text, first)[1] if first is not None else hi
        for m3 in islice(table.date.finditer(text, lo, min(hi, s_end)), _DATES_READ):
            if (spec := _cjk_date(m3, table)) is not None and (spec.before_stated or (
                    table.past_day_before is not None and table.past_day_before.search(text, max(0, m3.start() - 4),
                                                                                       m3.start()))):
                return spec, TimeMention("date", m3.start(), m3.end(), m3.group())
    found = [f for f in found if f[1] is not None]
    if not found:
        return None, None
    start, spec, m = min(found, key=lambda f: f[0])
    return spec, TimeMention("date", m.start(), m.end(), m.group())


def _stated_day(text: str, lang: str, pub_local: datetime | None, besides: TimeMention) -> date | None:
    """The first other day the text names (the day something was said: "KCNA said on Friday
    that ... the previous day", "조선중앙통신은 14일 ... 전날"), resolved, or None."""
    table = table_for(lang)
    patterns = [(en.DATE, _en_date)]
    if table is not None and table.date is not None:
        patterns.append((table.date, lambda m: _cjk_date(m, table)))
    for pattern, read in patterns:
        for m in islice(pattern.finditer(text), _DATES_READ):
            if m.start() == besides.start:
                continue
            spec = read(m)
            if spec is not None and not spec.before_stated and spec.kind != "relative":
                return _resolve_date(spec, pub_local)
    return None


def _en_date(m: re.Match[str]) -> _DateSpec | None:
    if m.group("mon") or m.group("mon2"):
        mon = en.MONTHS[(m.group("mon") or m.group("mon2"))[:3].lower()]
        day = int(m.group("day") or m.group("day2"))
        year = m.group("year") or m.group("year2")
        if not 1 <= day <= 31:
            return None
        part = (m.group("mpart") or "").lower() or None
        if year:
            return _DateSpec("absolute", int(year), mon, day, part=part)
        return _DateSpec("month_day", None, mon, day, part=part)
    if m.group("iso"):
        y, mo, d = (int(x) for x in m.group("iso").split("-"))
        return _DateSpec("absolute", y, mo, d)
    if m.group("dom"):
        return _DateSpec("dom", day=int(m.group("dom")))
    if m.group("wd"):
        part = (m.group("wpart") or m.group("wpart2") or "").lower() or None
        return _DateSpec("weekday", weekday=en.WEEKDAYS[m.group("wd")[:3].lower()], part=part)
    rel = " ".join(m.group("rel").lower().split())
    before_stated = rel in _EN_BEFORE_STATED
    offset = -1 if rel in ("yesterday", "last night") or before_stated else 0
    part = {"tonight": "night", "last night": "night", "this morning": "morning",
            "this afternoon": "afternoon", "this evening": "evening", "early hours": "early",
            # A night's attack is reported the next morning: its early hours.
            "overnight": "early", "the previous night": "night", "the night before": "night"}.get(rel)
    return _DateSpec("relative", offset_days=offset, part=part, before_stated=before_stated)


# "the previous day": the day before the one the text says something was said ("KCNA said on
# Friday that ... the previous day"), or before the publication's where it names none.
_EN_BEFORE_STATED = frozenset({"the previous day", "the day before", "a day earlier", "the previous night",
                               "the night before"})
# After a Korean or Japanese day, its part ("13일 밤", "21일(현지시간) 밤", "前日午後", "13日夜").
_PART_AFTER_DAY = re.compile(r"\s*(?:[(（](?:현지\s?시간|現地時間)[)）])?\s*(?P<part>" + "|".join(
    sorted({w for t in TABLES.values() if t.verb_final for w in t.part_hours}, key=len, reverse=True)) + ")")


def _stem_value(word: str, stems: Mapping[str, int]) -> int | None:
    """The value of the longest stem `word` begins with ("środę" → "środ")."""
    word = word.lower()
    best = max((s for s in stems if word.startswith(s)), key=len, default=None)
    return None if best is None else stems[best]


def _cjk_date(m: re.Match[str], table: LanguageTable) -> _DateSpec | None:
    """A date of a language's own date pattern (the groups of `LanguageTable.date`)."""
    groups = m.groupdict()
    after = _PART_AFTER_DAY.match(m.string, m.end()) if table.verb_final else None
    part_after = after.group("part") if after is not None else None
    if groups.get("rel"):
        rel = " ".join(groups["rel"].lower().split())
        offset = -1 if rel in table.day_before_words else 0
        part = table.relative_parts.get(rel) or part_after
        same = rel in table.same_day_words
        return _DateSpec("relative", offset_days=offset, part=part,
                         before_stated=same or rel in table.before_stated_words, stated_offset=0 if same else -1)
    written_day = groups.get("wd") or groups.get("wd2")
    if written_day:
        weekday = _stem_value(written_day, table.weekdays)
        if weekday is None:
            return None
        part = groups.get("wpart") or groups.get("wpart2")
        return _DateSpec("weekday", weekday=weekday, part=" ".join(part.lower().split()) if part else None)
    day = int(groups.get("nday") or groups["day"])
    if not 1 <= day <= 31:
        return None
    month = int(groups["mon"]) if groups.get("mon") else None
    if groups.get("monname") or groups.get("nmon"):
        month = _stem_value(groups.get("monname") or groups["nmon"], table.months)
    if groups.get("npart"):
        part_after = " ".join(groups["npart"].lower().split())
    if groups.get("year") and month:
        return _DateSpec("absolute", int(groups["year"]), month, day, part=part_after)
    if month:
        return _DateSpec("month_day", None, month, day, part=part_after)
    return _DateSpec("dom", day=day, part=part_after)


def latest_month_day(today: date, month: int, day: int) -> date | None:
    """The latest date on or before `today` that is this month and day (this year or last)."""
    for year in (today.year, today.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    return None


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
        return latest_month_day(today, spec.month or 1, spec.day or 1)
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


def _previous_launch_date(text: str, lang: str, s0: int) -> tuple[_DateSpec | None, TimeMention | None]:
    """The date of the sentence before the one at `s0` where that sentence tells a launch
    ("... wyniosła w czwartek na orbitę satelitę. Start nastąpił ... o godz. 22:42"): the
    clock's sentence goes on telling it."""
    p0, _ = _sentence_around(text, s0 - 1)
    table = table_for(lang)
    verbs = en.LAUNCH_VERBS if table is None or table.launch_verbs is None else table.launch_verbs
    if verbs.search(text, p0, s0) is None:
        return None, None
    return _find_date(text, lang, p0, s0)


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
    hm, zone_named, pre, time_mention, own_date = _find_time(text, lang)
    if own_date is not None:
        spec, date_mention = own_date
    elif time_mention is not None:
        s0, s1 = _sentence_around(text, time_mention.start)
        spec, date_mention = _find_date(text, lang, s0, s1)
        if spec is None and title_end is not None and time_mention.start >= title_end:
            spec, date_mention = _find_date(text, lang, 0, title_end)
        if spec is None and s0 > 0:
            spec, date_mention = _previous_launch_date(text, lang, s0)
    else:
        spec, date_mention = _find_date(text, lang)
    mentions = [x for x in (date_mention, time_mention) if x is not None]
    if hm is None and spec is None:
        return None, mentions
    # A day said as the place's own: "현지시간 8일", "21日(現地時間)", or with its part of the day
    # ("16日未明", "Saturday night": dawn and night where it happened).
    local_day = date_mention is not None and (spec is not None and spec.part is not None or _LOCAL_TIME.search(
        text, max(0, date_mention.start - 8), min(len(text), date_mention.end + 8)) is not None)
    zone = zone_for(zone_named or (clock_zone_name if hm is not None or local_day else None) or zone_name)
    pub_local = published_at.astimezone(zone) if published_at is not None else None
    if spec is not None:
        day = _resolve_date(spec, pub_local)
        if spec.before_stated and day is not None and date_mention is not None:
            stated = _stated_day(text, lang, pub_local, date_mention)
            day = stated + timedelta(days=spec.stated_offset) if stated is not None else day
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
