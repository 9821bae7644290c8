"""How a number and its unit are written, in every language the tables read, and what
they come to.

Distance and apogee patterns of each language embed `QUANT` (or `QUANT_ALT`, for heights,
which are also written in metres and feet), whose groups (a, b, u and pa, pb, pu for
kilometres given in parentheses) extractor.py reads with `number_value` and `unit_km`.
"""

from __future__ import annotations

import re

_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_VALUES = {**{w: i + 1 for i, w in enumerate(_ONES)}, **{w: 20 + 10 * i for i, w in enumerate(_TENS)}, "a": 1}
_BELOW_100 = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_ONES[:9])}))?|{'|'.join(sorted(_ONES, key=len, reverse=True))})"
# "seven hundred and fifty", "two thousand", "forty": a number in English words.
_WORDS = rf"(?:(?:{_BELOW_100}|a)\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{_BELOW_100})?|{_BELOW_100})"

# "1,500", KCNA's "1 500", Korean "1천100" (1,100), "1천", "1만2천" (12,000), Japanese "7千",
# Polish "1,5 tys." (1,500) and "5768,5" (a decimal comma), and English words.
# A thousand written alone ("飛行距離千キロ") is a number too.
NUM = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?![\d,])|\d+[만万](?:\s?\d+[천千])?(?:\d{1,3})?"
       r"|\d+[천千](?:\d{1,3})?|(?<![\d一二三四五六七八九十百])千(?=キロ|km|㎞)|\d+(?:,\d{1,2})?\s?tys\.|\d+,\d{1,2}(?!\d)|\d+(?:\.\d+)?"
       rf"|\b{_WORDS}\b")

UNIT = r"kilomet(?:er|re)s?|km|kms|nautical miles?|miles?|mi\b|キロメートル|キロ|킬로미터|킬로|㎞"
# Heights are also written in metres and feet ("at an altitude of some 50,000 metres").
ALT_UNIT = rf"{UNIT}|met(?:er|re)s|feet|ft\b"

APPROX = (r"(?:about|around|approximately|approx\.|roughly|some|(?:well |just )?over|(?:well |just )?more than|nearly"
          r"|up to|almost|at least|less than|only|just|an estimated|estimated)?")

_PAREN = rf"(?:\s*\(\s*(?:about |around |approximately |approx\. |some |~)?(?P<pa>{NUM})\s*(?:(?:-|to|and)\s*(?P<pb>{NUM})\s*)?(?P<pu>{UNIT})\s*\))?"

# Korean "여" after a number: "more than".
# (A range's dash: "-", "to", "~", and the Korean and Japanese waves "∼", "〜", "～":
# "110∼670여㎞".)
_RANGE = r"(?:-|to|and|~|∼|〜|～)"
QUANT = rf"(?P<a>{NUM})여?\s*(?:(?:{UNIT})\s*)?(?:{_RANGE}\s*(?P<b>{NUM})여?\s*)?(?P<u>{UNIT})" + _PAREN
QUANT_ALT = rf"(?P<a>{NUM})여?\s*(?:(?:{ALT_UNIT})\s*)?(?:{_RANGE}\s*(?P<b>{NUM})여?\s*)?(?P<u>{ALT_UNIT})" + _PAREN

_MILES_KM = 1.609344
_NMI_KM = 1.852
_FEET_KM = 0.0003048
_CJK_PLACES = re.compile(r"(?:(\d+)[만万])?\s?(?:(\d+)[천千])?(\d*)")


def number_value(written: str) -> float:
    """The value of a number as `NUM` reads it: "1,500", "1 500", "1천100", "1만2천",
    "7千", "1,5 tys.", "5768,5", "seven hundred and fifty"."""
    s = written.strip().lower()
    if s.endswith("tys."):
        return number_value(s[:-4]) * 1000
    if s == "千":
        return 1000.0
    if re.search(r"[만万천千]", s):
        m = _CJK_PLACES.fullmatch(s.replace(" ", ""))
        if m is None:
            raise ValueError(written)
        tens_of_thousands, thousands, rest = m.groups()
        return (int(tens_of_thousands or 0) * 10_000 + int(thousands or 0) * 1000 + (int(rest) if rest else 0))
    if re.fullmatch(r"\d+,\d{1,2}", s):
        return float(s.replace(",", "."))
    if s[:1].isdigit():
        return float(s.replace(",", "").replace(" ", ""))
    return _words_value(s)


def _words_value(s: str) -> float:
    """"seven hundred and fifty" → 750, "two thousand" → 2000, "forty-two" → 42."""
    total, current = 0, 0
    for word in re.split(r"[\s-]+", s):
        if word == "and":
            continue
        if word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total, current = total + max(current, 1) * 1000, 0
        else:
            current += _WORD_VALUES[word]
    return float(total + current)


def unit_km(value: float, unit: str) -> float:
    """Kilometres of a value in its unit."""
    u = unit.lower()
    if u.startswith("nautical"):
        return value * _NMI_KM
    if u.startswith("mi"):
        return value * _MILES_KM
    if u.startswith("met"):
        return value / 1000
    if u.startswith(("feet", "ft")):
        return value * _FEET_KM
    return value
