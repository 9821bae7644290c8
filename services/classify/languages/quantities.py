"""How a number and its unit are written, in every language the tables read.

Distance and apogee patterns of each language embed `QUANT`, whose groups (a, b, u and
pa, pb, pu for kilometres given in parentheses) extractor.py reads.
"""

from __future__ import annotations

# "1,500", KCNA's "1 500", Korean "1천100" (1,100) and "1천" (1,000).
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?![\d,])|\d+천(?:\d{1,3})?|\d+(?:\.\d+)?"

UNIT = r"kilomet(?:er|re)s?|km|kms|nautical miles?|miles?|mi\b|キロメートル|キロ|킬로미터|킬로|㎞"

APPROX = r"(?:about|around|approximately|approx\.|roughly|some|over|more than|nearly|up to|almost|at least|less than|only|just|an estimated|estimated)?"

_PAREN = rf"(?:\s*\(\s*(?:about |around |approximately |approx\. |some |~)?(?P<pa>{NUM})\s*(?:(?:-|to|and)\s*(?P<pb>{NUM})\s*)?(?P<pu>{UNIT})\s*\))?"

# Korean "여" after a number: "more than".
QUANT = rf"(?P<a>{NUM})여?\s*(?:(?:{UNIT})\s*)?(?:(?:-|to|and|~)\s*(?P<b>{NUM})\s*)?(?P<u>{UNIT})" + _PAREN
