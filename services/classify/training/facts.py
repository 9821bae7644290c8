"""Whether an extracted fact agrees with its label, field by field.

Labels are free text as the labelling policy writes them (`count` "at least 7",
`distance_km` "435 mi (~700)", `direction` "toward the sea off its east coast",
`source_agency` "South Korea's Joint Chiefs of Staff", `launch_time` "early Tuesday");
the classifier gives numbers, codes and a UTC datetime. Matching, per field:

- `count`: the label's number (its first; "at least 7", "około 110" and "co najmniej dwie"
  give 7, 110 and 2, number words read in English and Polish) equals the extracted count;
  a label with no number ("several", "multiple") matches no count extracted (the rules
  give none for a count without a number).
- `distance_km`, `apogee_km`: within 10 % of a labelled number (the km in "(~700)" where
  miles are written; a number as the texts write it, "ok. 6 tys.", "5768,5", "1만2천",
  "7千", read as the extractor reads it), or inside a labelled range ("850-900"); of disagreeing agencies
  ("780 (JCS); 850-900 (Japan MoD)") any one; a label with no number matches none extracted.
- `direction`: a sea against a label that names the same sea of the seas table in any
  language ("Red Sea" and "홍해", "Arabian Sea" and "アラビア海"); a sea against a sea (the
  label says sea, waters, ocean, coast or their
  Polish, Korean or Japanese words: "동해상", "日本海へ"), unless both name a side and the
  sides differ (East Sea, Sea of Japan, "동해", "日本海" and an east coast are one side,
  Yellow Sea, "서해", "黄海" and a west coast the other); a place against
  a label holding a word that begins as the place's word does (four letters, accents
  ignored: "Kijów" and "Kijowa", "Ukraine" and "across Ukraine"; in Korean and Japanese,
  the one holding the other: "首都キーウ" and "キーウ"), a Polish place of the
  news also by its English name ("Kijów" and "Kyiv", `languages.pl.place_name`); a compass
  heading against a label naming the same point ("northeast" and "in a north-eastern
  direction"; "north" is not "northeast").
- `source_agency`: any of the sources a label lists (split at ";"), each as written (the
  one holding the other, "北朝鮮の国家宇宙開発局" and "国家宇宙開発局"), or by the agency it
  names (the gazetteer's names of agencies,
  "South Korea's Joint Chiefs of Staff" → JCS); a label naming no agency of the gazetteer
  but a state ("South Korea", "Ukrainian officials") matches an agency of that state, or
  that state named as the source; a label naming neither (a person or a body: "President
  Zelenskyy", "the city's military administration") matches an extracted value sharing a
  word of four letters or more with it, compared on their first five letters, accents
  ignored ("Zelenskyy" and "Zełenski").
- `launch_time`: the label's own date, read against the item's publication time in the
  zone the label names for its clock ("10:15 p.m. ET", "czasu polskiego", "한국시간";
  `label_time_zone`), else in the launch region's zone (the labelled launcher's; with none
  labelled, that of the labelled direction's state) (a weekday is the latest on or before
  publication; "w nocy ze środy na czwartek" either night's date; "29 grudnia", "Nov. 3",
  "지난 20일" that day; a label with no date, "overnight", the publication day or the day
  before), is the extracted time's local date; where the label gives a clock hour ("11am",
  "at 11:17 p.m.", "ok. 2 w nocy", "오후 9시"), the hour matches too.
- `launch_site`: a place the label and the extracted value both name, compared as
  `direction` compares places (a word's first four letters, accents ignored: "the Sunan
  area of Pyongyang" and "Sunan area, Pyongyang"), leaving out the words for what a place
  is ("area", "province", "coast", "rejonu", ...: `schemas.agreement.SITE_GENERIC`); or the one holding the
  other, spaces and punctuation ignored ("inland areas"); or, in Korean and Japanese, a
  pair of characters they share that is no such word ("평양 순안 일대" and "순안 일대").

A field labelled null where the classifier extracts a value is a false fact.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from schemas.actors import AGENCIES, REGION_ZONES, actor_named_in
from schemas.agreement import SITE_GENERIC
from schemas.labels import COMPASS_POINTS
from schemas.models import LaunchFields
from services.classify import extractor, gazetteer, timeparse
from services.classify.languages import pl
from services.classify.languages.quantities import NUM, number_value

FACT_FIELDS = ("count", "distance_km", "apogee_km", "direction", "source_agency", "launch_site", "launch_time")
RELATIVE_TOLERANCE = 0.10

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "a dozen": 12, "dozen": 12, "two dozen": 24, "three dozen": 36, "four dozen": 48, "jeden": 1, "jedna": 1, "jedną": 1, "dwa": 2, "dwie": 2, "dwóch": 2, "trzy": 3,
    "trzech": 3, "cztery": 4, "czterech": 4, "pięć": 5, "pięciu": 5, "sześć": 6, "siedem": 7, "osiem": 8,
    "dziewięć": 9, "dziesięć": 10,
}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b",
                     re.IGNORECASE)
_RANGE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*[-–]\s*(\d[\d,]*(?:\.\d+)?)")
_KM_IN_PARENS = re.compile(r"\(~\s*(\d[\d,]*(?:\.\d+)?)(?:\s*[-–]\s*(\d[\d,]*(?:\.\d+)?))?\)")


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def label_count(label: object) -> int | None:
    """The number a count label gives: 3 → 3, "at least 7" → 7, "co najmniej dwie" → 2;
    None for a label with no number ("several")."""
    if isinstance(label, bool) or label is None:
        return None
    if isinstance(label, (int, float)):
        return int(label)
    m = _NUMBER.search(str(label))
    if m is None:
        return None
    word = _NUMBER_WORDS.get(m.group(0).lower())
    return word if word is not None else int(_number(m.group(0)))


def label_quantities(label: object) -> list[tuple[float, float]]:
    """The kilometre intervals a distance or apogee label allows: 700 → [(700, 700)],
    "435 mi (~700)" → [(700, 700)], "780 (JCS); 850-900 (Japan MoD)" → [(780, 780), (850, 900)];
    [] for a label with no number."""
    if isinstance(label, bool) or label is None:
        return []
    if isinstance(label, (int, float)):
        return [(float(label), float(label))]
    found = []
    for part in str(label).split(";"):
        m = _KM_IN_PARENS.search(part)
        if m:
            lo = _number(m.group(1))
            found.append((lo, _number(m.group(2)) if m.group(2) else lo))
            continue
        if re.search(r"\bmi(?:les?)?\b", part):
            continue  # miles without the km written: not comparable as written
        m = _RANGE.search(part)
        if m:
            found.append((_number(m.group(1)), _number(m.group(2))))
            continue
        # A number as the texts write it: "6 tys.", "5768,5", "1만2천", "7千" (`quantities.NUM`).
        m = _LABEL_NUMBER.search(part)
        if m:
            value = number_value(m.group(0))
            found.append((value, value))
    return found


_LABEL_NUMBER = re.compile(rf"(?=\d)(?:{NUM})")


def quantity_matches(label: object, got: float | None) -> bool:
    """`got` km within `RELATIVE_TOLERANCE` of a labelled number or inside a labelled range."""
    allowed = label_quantities(label)
    if not allowed:
        return got is None
    if got is None:
        return False
    return any(lo * (1 - RELATIVE_TOLERANCE) <= got <= hi * (1 + RELATIVE_TOLERANCE) for lo, hi in allowed)


def _plain(text: str) -> str:
    """Lower case without accents (ł as l): "Kijów" → "kijow"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ł", "l"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_SEA_WORDS = re.compile(r"\b(?:sea|seas|waters?|ocean|coast|gulf|bay|morz\w*|wod\w*|wod|ocean\w*|wybrzez\w*|zatok\w*)\b")
_EAST = re.compile(r"\b(?:east\w*|sea of japan|japan sea|wschodn\w*|japonsk\w*)\b")
_WEST = re.compile(r"\b(?:west\w*|yellow sea|zachodn\w*|zolt\w*)\b")


# Korean and Japanese write a sea inside a word ("동해상으로", "日本海へ"): no word boundaries,
# and the text as written (decomposing accents would split Hangul into its letters).
_SEA_WORDS_CJK = re.compile(r"해상|바다|해역|海|沖|洋")
_EAST_CJK = re.compile(r"동해|東海|日本海")
_WEST_CJK = re.compile(r"서해|황해|西海|黄海")


def _side(text: str, plain: str) -> str | None:
    east = bool(_EAST.search(plain) or _EAST_CJK.search(text))
    west = bool(_WEST.search(plain) or _WEST_CJK.search(text))
    return "east" if east and not west else "west" if west and not east else None


def direction_matches(label: str, got: str | None) -> bool:
    """Whether the extracted direction agrees with the labelled one (see the module docstring)."""
    if got is None:
        return False
    if got in COMPASS_POINTS:
        return extractor.compass_point(label.replace("-", "")) == got
    sea = gazetteer.SEA_TABLE.first(label)
    if sea is not None and sea[2] == got:
        return True  # one sea, named in the label's language ("홍해", "アラビア海") and in English
    want, said = _plain(label), _plain(got)
    if _SEA_WORDS.search(said) or said == "sea" or said in {"pacific", "atlantic", "mediterranean"}:
        if not (_SEA_WORDS.search(want) or _SEA_WORDS_CJK.search(label) or "pacific" in want or "atlantic" in want):
            return False
        a, b = _side(label, want), _side(got, said)
        return a is None or b is None or a == b
    if _CJK.search(got):
        # Korean and Japanese write no spaces: the one place holds the other ("首都キーウ", "キーウ").
        return _holds(label, got) or _holds(got, label)
    return bool(_place_stems(got) & _place_stems(label))


def _place_stems(text: str) -> set[str]:
    """The first four letters of each word of a place (accents ignored), and of the English
    name of each Polish place of the news in it ("Kijowie" → "kijo", "kyiv")."""
    words = [w for w in re.findall(r"\w+", text) if len(w) >= 3]
    english = [name for w in words if (name := pl.place_name(w))]
    return {_plain(w)[:4] for w in words + english}


_SITE_GENERIC_STEMS = frozenset(_plain(w)[:4] for w in SITE_GENERIC)
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]{2,}")


def _cjk_pairs(text: str) -> set[str]:
    return {run[i:i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1)} - SITE_GENERIC


def site_matches(label: str, got: str | None) -> bool:
    """Whether the extracted launch site agrees with the labelled one (see the module docstring)."""
    if got is None:
        return False
    tight = [re.sub(r"[\W_]+", "", _plain(t)) for t in (label, got)]
    if tight[0] in tight[1] or tight[1] in tight[0]:
        return True
    if _CJK_RUN.search(label + got):
        return bool(_cjk_pairs(label) & _cjk_pairs(got))
    return bool((_place_stems(label) & _place_stems(got)) - _SITE_GENERIC_STEMS)


_AGENCY_STATE = {a.code: a.actor for a in AGENCIES}


def label_agencies(label: str) -> set[str]:
    """The gazetteer agencies a source label names."""
    return {code for _s, _e, code in gazetteer.AGENCY_TABLE.all(label)}


def agency_matches(label: str, got: str | None) -> bool:
    """Whether the extracted agency matches one of the sources the label lists (split at
    ";": "JCS; Japan MoD"), see `_agency_matches`."""
    if got is None:
        return False
    return any(_agency_matches(part.strip(), got) for part in label.split(";") if part.strip())


def _agency_matches(label: str, got: str) -> bool:
    """Whether the extracted agency is the labelled one as written (or the one holds the
    other: "北朝鮮の国家宇宙開発局" and "国家宇宙開発局"), one the label names, or, where the label
    names no agency of the gazetteer, one of the state the label names, or, where it names
    no state either, one sharing a name's word with the label (see `_name_stems`)."""
    want, said = unicodedata.normalize("NFC", _plain(label)), unicodedata.normalize("NFC", _plain(got))
    if _holds(want, said) or _holds(said, want):
        return True
    named = label_agencies(label)
    if named:
        return got in named
    state = actor_named_in(label)
    if state is None:
        return bool(_name_stems(label) & _name_stems(got))
    return (_AGENCY_STATE.get(got) or actor_named_in(got)) == state


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _holds(text: str, name: str) -> bool:
    """Whether `text` holds `name` (two letters or more): as whole words in an alphabet
    ("AP" is not in "Japan MoD"), anywhere in Korean or Japanese, which write no spaces
    between a name and its particles."""
    if len(name) < 2:
        return False
    if _CJK.search(name):
        return name in text
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def _name_stems(text: str) -> set[str]:
    """The first five letters, accents removed, of each word of four letters or more: a
    person or body is spelt differently across languages and cases ("Zelenskyy",
    "Zełenski", "Zełenskiego"), so a shared stem is the same name."""
    return {w[:5] for w in re.findall(r"[^\W\d_]+", _plain(text)) if len(w) >= 4}


_EN_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Polish weekday stems (poniedziałek, wtorek, środa, czwartek, piątek, sobota, niedziela), accents removed.
_PL_DAYS = ("poniedzial", "wtor", "srod", "czwart", "piat", "sobot", "niedziel")
_EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december")
_PL_MONTHS = ("stycz", "lut", "marc", "kwietni", "maj", "czerw", "lip", "sierpni", "wrze", "pazdziernik",
              "listopad", "grudni")


def label_zone(actor: str | None) -> ZoneInfo | timezone:
    """The zone a launch time is read in: the launching region's, else UTC."""
    name = REGION_ZONES.get(actor or "")
    return ZoneInfo(name) if name else timezone.utc


def label_dates(label: str, published: datetime, zone: ZoneInfo | timezone) -> set[date]:
    """The local dates a launch-time label allows, read against the publication time."""
    plain = _plain(label)
    today = published.astimezone(zone).date()
    dates: set[date] = set()
    for i, (en_day, pl_day) in enumerate(zip(_EN_DAYS, _PL_DAYS, strict=True)):
        if re.search(rf"\b(?:{en_day}|{pl_day}\w*)\b", plain):
            dates.add(today - timedelta(days=(today.weekday() - i) % 7))
    for i, (en_month, pl_month) in enumerate(zip(_EN_MONTHS, _PL_MONTHS, strict=True)):
        en_name = rf"{en_month[:3]}(?:{en_month[3:]}|\.)?" if len(en_month) > 4 else en_month
        m = (re.search(rf"\b{en_name}\s+(\d{{1,2}})\b", plain) or re.search(rf"\b(\d{{1,2}})\s+{pl_month}\w*", plain)
             or re.search(rf"\b(\d{{1,2}})\s+{en_name}(?!\w)", plain))
        if m:
            dates.add(timeparse.latest_month_day(today, i + 1, int(m.group(1))))
            # "w nocy z 14 na 15 marca", "the night of 14 to 15 March": either night's date.
            if (night := re.search(rf"\b(\d{{1,2}})\s+(?:na|to)\s+{m.group(1)}\s+(?:{pl_month}|{en_name})", plain)):
                dates.add(timeparse.latest_month_day(today, i + 1, int(night.group(1))))
    # Korean and Japanese: "3월 14일", "3月14日", "지난 20일" (the latest 20th).
    for m in _CJK_DATE.finditer(label):
        month = int(m.group("mon")) if m.group("mon") else None
        day = int(m.group("day"))
        dates.add(timeparse.latest_month_day(today, month, day) if month else next(
            (d for back in range(62) if (d := today - timedelta(days=back)).day == day), today))
    dates.discard(None)
    return dates or {today, today - timedelta(days=1)}


_CJK_DATE = re.compile(r"(?:(?P<mon>1[0-2]|0?[1-9])\s*[월月]\s*)?(?P<day>[0-3]?\d)\s*[일日](?!本|間|째|간)")


# A label's clock: with a.m. or p.m. ("11:17 p.m."), after a Korean or Japanese morning or
# afternoon word ("오후 9시", "午前7時"), or on the 24-hour clock ("godz. 23:30", "ok. 2").
_CLOCK_AMPM = re.compile(r"\b(\d{1,2})(?:[:.](\d\d))?(?::\d\d)?\s*(am|pm|a\.m\.|p\.m\.)", re.IGNORECASE)
_CLOCK_CJK = re.compile(r"(오전|오후|새벽|밤|저녁|午前|午後|未明|夜|深夜)?\s*(\d{1,2})\s*[시時]")
_CLOCK_24 = re.compile(r"\b(?:(?:o|ok\.|około|okolo|about|at|godz\.?)\s+(?:godz\.\s*)?(\d{1,2})(?::\d\d)?\b|(\d{1,2}):?\d\d\b"
                       r"(?=\s*(?:GMT|UTC|KST|JST|BST|czasu|local|[)]))|(\d{1,2}):\d\d\b)"
                       r"(?:\s+(?:rano|wieczorem|w nocy|po południu|nad ranem)\b)?", re.IGNORECASE)
_PM_WORDS = ("오후", "밤", "저녁", "午後", "夜", "深夜")


def _label_clocks(label: str) -> list[tuple[int, re.Match[str]]]:
    """A launch-time label's clock hours, each with where it is written, in the order
    written (of the spans the patterns read twice, the first pattern's)."""
    clocks: list[tuple[int, re.Match[str]]] = []
    for m in _CLOCK_AMPM.finditer(label):
        clocks.append(((int(m.group(1)) % 12) + (12 if m.group(3).lower().startswith("p") else 0), m))
    for m in _CLOCK_CJK.finditer(label):
        hour = int(m.group(2))
        clocks.append(((hour + 12 if m.group(1) in _PM_WORDS and hour < 12 else hour) % 24, m))
    for m in _CLOCK_24.finditer(label):
        clocks.append((int(m.group(1) or m.group(2) or m.group(3)) % 24, m))
    kept: list[tuple[int, re.Match[str]]] = []
    for hour, m in clocks:
        if not any(k.start() < m.end() and m.start() < k.end() for _h, k in kept):
            kept.append((hour, m))
    return sorted(kept, key=lambda c: c[1].start())


def _label_clock(label: str) -> tuple[int, re.Match[str], str | None] | None:
    """A launch-time label's clock hour, where it is written and the zone it names, or None:
    its first clock; where that names no zone, a later one that does ("at 7:40 a.m. (2240
    GMT Tuesday)"), as the extractor reads a text (`timeparse`)."""
    clocks = [(hour, m, timeparse.zone_named_at(label, m.start(), m.end())) for hour, m in _label_clocks(label)]
    if not clocks:
        return None
    return clocks[0] if clocks[0][2] else next((c for c in clocks[1:] if c[2]), clocks[0])


def label_hour(label: str) -> int | None:
    """The clock hour a launch-time label gives ("11am" → 11, "ok. 2 w nocy" → 2, "at 11:17
    p.m." → 23, "오후 9시 50분" → 21), or None."""
    clock = _label_clock(label)
    return clock[0] if clock else None


def label_time_zone(label: str, region: ZoneInfo | timezone) -> ZoneInfo | timezone:
    """The zone a launch-time label is read in: the one it names for its clock ("ET",
    "Sanaa time", "czasu polskiego", "한국시간"; `timeparse.zone_named_at`, as the extractor
    reads a text), else the launching region's."""
    clock = _label_clock(label)
    return timeparse.zone_for(clock[2]) if clock is not None and clock[2] else region


def time_matches(label: str, got: datetime | None, published: datetime | None, zone: ZoneInfo | timezone) -> bool:
    """Whether the extracted launch time falls on a date the label allows (and its hour,
    where the label gives one), in the zone the label names for its clock, else `zone`."""
    if got is None or published is None:
        return False
    zone = label_time_zone(label, zone)
    local = got.astimezone(zone)
    if local.date() not in label_dates(label, published, zone):
        return False
    hour = label_hour(label)
    return hour is None or local.hour == hour


@dataclass
class FactTally:
    """One field's figures: of the launches labelled with it, how many had a value
    extracted and how many matched; of those labelled null, how many had one extracted."""

    labelled: int = 0
    extracted: int = 0
    matched: int = 0
    labelled_null: int = 0
    false_facts: int = 0

    def as_dict(self) -> dict:
        return {"labelled": self.labelled, "extracted": self.extracted, "matched": self.matched,
                "accuracy": round(self.matched / self.labelled, 4) if self.labelled else None,
                "labelled_null": self.labelled_null, "false_facts": self.false_facts,
                "false_fact_rate": round(self.false_facts / self.labelled_null, 4) if self.labelled_null else None}


def extracted_value(fields: LaunchFields, name: str) -> object:
    """The classifier's value of a labelled field (`launch_time` is `launched_at`)."""
    return getattr(fields, "launched_at" if name == "launch_time" else name)


def fact_matches(name: str, label: object, got: object, published: datetime | None = None,
                 actor: str | None = None) -> bool:
    """Whether `got` (the classifier's value) matches the non-null `label` of field `name`."""
    if name == "count":
        want = label_count(label)
        return got is None if want is None else got == want
    if name in ("distance_km", "apogee_km"):
        return quantity_matches(label, got)  # type: ignore[arg-type]
    if name == "direction":
        return direction_matches(str(label), got)  # type: ignore[arg-type]
    if name == "source_agency":
        return agency_matches(str(label), got)  # type: ignore[arg-type]
    if name == "launch_site":
        return site_matches(str(label), got)  # type: ignore[arg-type]
    if name == "launch_time":
        return time_matches(str(label), got, published, label_zone(actor))  # type: ignore[arg-type]
    return False


@dataclass
class FactFigures:
    """Per-field fact figures over the detected true launches, and the mistakes."""

    fields: dict[str, FactTally] = field(default_factory=lambda: {name: FactTally() for name in FACT_FIELDS})

    def add(self, labels: dict, fields: LaunchFields, published: datetime | None, actor: str | None,
            tag: str, mistakes: list[str]) -> None:
        """Count one detected true launch; its wrong, missed and false facts go to `mistakes`.
        `actor` is the labelled launcher, whose region's zone the launch time is read in;
        with none labelled, the state of the labelled direction gives the region."""
        region = actor or actor_named_in(str(labels.get("direction") or ""))
        for name in FACT_FIELDS:
            tally, label, got = self.fields[name], labels.get(name), extracted_value(fields, name)
            if label is None or label == "":
                tally.labelled_null += 1
                if got is not None:
                    tally.false_facts += 1
                    mistakes.append(f"FACT_FALSE {name} got={got!r} {tag}")
                continue
            tally.labelled += 1
            tally.extracted += got is not None
            if fact_matches(name, label, got, published, region):
                tally.matched += 1
            else:
                mistakes.append(f"FACT_{'WRONG' if got is not None else 'MISSED'} {name} want={label!r} "
                                f"got={got!r} {tag}")

    def as_dict(self) -> dict:
        return {name: tally.as_dict() for name, tally in self.fields.items()}


def published_at(text: str | None) -> datetime | None:
    """A day entry's publication time ("2023-02-18 11:33:41+00:00") as an aware datetime."""
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
