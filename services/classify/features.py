"""What the learned model reads of an item: hashed words of its text, and the rules' cues.

Pure and deterministic across processes and Python versions (CRC-32 hashing, not `hash()`),
so training and the stream compute the same features. Text features are binary:
- headline words and word pairs (`t:`), summary words (`s:`);
- the first five letters of longer words (`p:`), a light stem that also serves inflected
  languages;
- character pairs of Korean, Japanese and Chinese runs (`c:`), which have no spaces;
- the language (`lang:`);
- for Polish, which has no rule table, each word's English gloss in the same place
  (`t:missile` for "rakietą", see `languages/pl.py`), so what English news taught the model
  speaks for Polish; and `g:title_weapon_event` / `g:summary_weapon_event` where a weapon
  and a launching or striking word are glossed in the same part.
The rules' cues enter by name (`r:<cue>`) with their values, with the rules' raw score
(`r:score`, scaled) and verdict (`r:launch`).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from functools import lru_cache

from services.classify.languages import pl

DIMENSIONS = 1 << 18
MAX_TEXT_CHARS = 2000  # read no further into a summary: the lede carries the event

_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3130-\u318f\u4e00-\u9fff\uac00-\ud7a3]")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _word_features(prefix: str, words: list[str], out: list[str], pairs: bool, glossed: bool = False) -> set[str]:
    """Adds the features of `words` to `out`; returns the glosses found (`glossed`: Polish)."""
    previous = None
    glosses: set[str] = set()
    for word in words:
        if _CJK.match(word):
            out.extend(f"c:{word[i:i + 2]}" for i in range(max(1, len(word) - 1)))
            previous = None
            continue
        out.append(f"{prefix}{word}")
        if glossed:
            meaning = pl.gloss(word)
            if meaning is not None:
                out.append(f"{prefix}{meaning}")
                glosses.add(meaning)
        if len(word) > 5:
            out.append(f"p:{word[:5]}")
        if pairs and previous is not None:
            out.append(f"{prefix}{previous}_{word}")
        previous = word
    return glosses


def text_features(title: str, summary: str, lang: str) -> list[str]:
    """The text features of a cleaned title and summary, as names (duplicates possible)."""
    out = [f"lang:{lang}"]
    glossed = lang == "pl"
    title_glosses = _word_features("t:", _words(title[:MAX_TEXT_CHARS]), out, pairs=True, glossed=glossed)
    summary_glosses = _word_features("s:", _words(summary[:MAX_TEXT_CHARS]), out, pairs=False, glossed=glossed)
    for where, found in (("title", title_glosses), ("summary", summary_glosses)):
        if found & pl.WEAPON_GLOSSES and found & pl.EVENT_GLOSSES:
            out.append(f"g:{where}_weapon_event")
    return out


def rule_features(raw_score: float, is_launch: bool, cue_values: Iterable[tuple[str, float]]) -> dict[str, float]:
    """The rules' view of the item as named feature values."""
    found = {f"r:{name}": float(value) for name, value in cue_values}
    found["r:score"] = max(-2.0, min(2.0, raw_score / 5.0))
    if is_launch:
        found["r:launch"] = 1.0
    return found


@lru_cache(maxsize=1 << 16)
def index(name: str) -> int:
    """The hashed column of a feature name (memoised: news repeats its words)."""
    return zlib.crc32(name.encode("utf-8")) & (DIMENSIONS - 1)


def vectorise(text: list[str], rules: dict[str, float]) -> dict[int, float]:
    """Sparse feature vector: column → value (text features 1.0, colliding names summed once)."""
    vector = dict.fromkeys(map(index, text), 1.0)
    for name, value in rules.items():
        column = index(name)
        vector[column] = vector.get(column, 0.0) + value
    return vector
