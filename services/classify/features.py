"""What the learned model reads of an item: hashed words of its text, and the rules' cues.

Pure and deterministic across processes and Python versions (CRC-32 hashing, not `hash()`),
so training and the stream compute the same features. Text features are binary:
- headline words and word pairs (`t:`), summary words (`s:`);
- the first five letters of longer words (`p:`), a light stem that also serves inflected
  languages;
- character pairs of Korean, Japanese and Chinese runs (`c:`), which have no spaces;
- the language (`lang:`);
- for Polish, each word's English gloss in the same place
  (`t:missile` for "rakietą", see `languages/pl.py`), so what English news taught the model
  speaks for Polish; and `g:title_weapon_event` / `g:summary_weapon_event` where a weapon
  and a launching or striking word are glossed in the same part.
- frames of the labelling policy (`FRAMES`: civil space, plans, displays, supply, firearms,
  reactions) in the headline (`f:title_<frame>`) or summary (`f:summary_<frame>`), and
  `f:no_weapon_named` where neither names a missile or rocket (`WEAPON_WORDS`).
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


# Frames of the labelling policy that make an item about missiles something other than a
# launch report, as general English words (and word pairs joined by "_"); a Polish word
# enters through its gloss. Each found in the headline gives `f:title_<frame>`, in the
# summary `f:summary_<frame>`: one feature a frame, learned from every item that shows it,
# where a word of its own would be learned from the few that hold that word.
FRAMES: dict[str, frozenset[str]] = {
    # Civil, commercial and scientific space: not a launch under the policy.
    "civil_space": frozenset({
        "commercial", "spaceflight", "spacecraft", "astronaut", "astronauts", "orbital", "space_agency",
        "space_program", "space_programme", "space_development", "space_industry", "space_race", "research_rocket",
        "sounding_rocket", "scientific", "science", "telescope", "mission", "space_station", "lunar", "moon", "mars",
        "private", "startup"}),
    # Plans, announcements and schedules: a launch to come is not one that happened.
    "plan": frozenset({
        "plans", "planned", "planning", "announces", "announced", "schedules", "scheduled", "upcoming", "sets",
        "prepares", "preparing", "will", "could", "may", "might", "possible", "expected", "next", "future"}),
    # Showing a weapon: unveilings, parades, exhibitions, capability claims.
    "display": frozenset({
        "unveils", "unveiled", "unveil", "unveiling", "shows_off", "showed_off", "showcases", "showcased", "parade",
        "exhibition", "displays", "displayed", "capable", "capability", "range_of", "can_strike", "can_reach"}),
    # Supply and production: arms deals, deliveries, stockpiles.
    "supply": frozenset({
        "production", "produce", "produces", "produced", "deliveries", "delivery", "deliver", "delivers",
        "supply", "supplies", "send", "sends", "sending", "aid", "package", "purchase", "buy", "contract",
        "ammunition", "stockpile", "stockpiles", "arsenal", "donate", "donates", "factory", "factories"}),
    # Firearms: "opened fire" by a gunman is not a launch.
    "firearm": frozenset({
        "gunman", "gunmen", "gunfire", "shooter", "shooting", "shootings", "gun", "guns", "rifle", "pistol",
        "stabbing", "police"}),
    # Reactions and analysis: about a launch, not the launch.
    "reaction": frozenset({
        "condemns", "condemned", "condemn", "denounces", "slams", "criticises", "criticizes", "urges", "highlights",
        "destabilizing", "destabilising", "sanctions", "resolution", "reaction", "statement", "talks", "survey",
        "analysis", "prove", "proves", "lessons", "why", "how", "what"}),
}
# Naming a missile or rocket: the policy counts strikes and attacks as launches only when
# missiles or rockets are named in the title or summary ("Russian strikes kill eight" is not one).
WEAPON_WORDS = frozenset({
    "missile", "missiles", "rocket", "rockets", "icbm", "icbms", "slbm", "irbm", "srbm", "mrbm", "ballistic",
    "cruise", "hypersonic", "kinzhal", "iskander", "kalibr", "hwasong", "atacms", "himars", "grad", "projectile",
    "projectiles", "satellite", "interceptor", "interceptors", "kh", "scud", "tomahawk", "katyusha", "qassam",
    "storm_shadow", "launch_vehicle", "warhead", "warheads"})


_VOCABULARY = {name: words for name, words in (*FRAMES.items(), ("weapon", WEAPON_WORDS))}
# The first words of the vocabulary's word pairs: only a pair that starts with one is built.
_PAIR_STARTS = frozenset(w.split("_")[0] for words in _VOCABULARY.values() for w in words if "_" in w)


def _frames(words: list[str], glosses: set[str]) -> set[str]:
    """The frames (`FRAMES`) whose words or word pairs `words` (or `glosses`) hold, and
    "weapon" where they name one (`WEAPON_WORDS`)."""
    tokens = set(words)
    tokens.update(glosses)
    if not tokens.isdisjoint(_PAIR_STARTS):  # most items hold none: skip the walk over their words
        tokens.update(f"{a}_{words[i + 1]}" for i, a in enumerate(words[:-1]) if a in _PAIR_STARTS)
    return {name for name, vocabulary in _VOCABULARY.items() if not tokens.isdisjoint(vocabulary)}


def text_features(title: str, summary: str, lang: str) -> list[str]:
    """The text features of a cleaned title and summary, as names (duplicates possible)."""
    out = [f"lang:{lang}"]
    glossed = lang == "pl"
    title_words, summary_words = _words(title[:MAX_TEXT_CHARS]), _words(summary[:MAX_TEXT_CHARS])
    title_glosses = _word_features("t:", title_words, out, pairs=True, glossed=glossed)
    summary_glosses = _word_features("s:", summary_words, out, pairs=False, glossed=glossed)
    for where, found in (("title", title_glosses), ("summary", summary_glosses)):
        if found & pl.WEAPON_GLOSSES and found & pl.EVENT_GLOSSES:
            out.append(f"g:{where}_weapon_event")
    weapon_named = False
    for where, words, found in (("title", title_words, title_glosses), ("summary", summary_words, summary_glosses)):
        frames = _frames(words, found)
        weapon_named |= "weapon" in frames
        out.extend(f"f:{where}_{frame}" for frame in frames if frame != "weapon")
    if not weapon_named and not _CJK.search(title + summary):
        out.append("f:no_weapon_named")
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
