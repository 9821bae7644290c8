"""Does an item report a launch that happened? Text preparation, language, cues, score.

The decision is a logistic combination of a few cues found by the lexicons:
- an event cue: a launch verb bound to a weapon noun in one sentence ("fired two
  ballistic missiles", "북한, 탄도미사일 발사", "弾道ミサイルを発射"), a weapon followed by an
  impact ("missile hits", "rockets strike"), or a weapon test ("ICBM test");
- where it is: the headline carries the main event, the summary only supports it;
- what cancels it: modal or future framing ("could launch", "발사 준비", "発射の可能性"),
  negation, a reaction that is the headline's main event (condemnations, sanctions),
  the launch as the cause in a subordinate clause ("after ... launch"), civil space,
  missile defence, things that are not missiles (balloons, drones, shells, engine and
  nuclear tests), retrospectives and explainers;
- what confirms it: flight details (distance, apogee, landing area) and a reporting
  agency (JCS, Japan's defence ministry, KCNA).

Weights were set by hand on the meaning of each cue, then the score is mapped to a
probability by a two-parameter logistic (Platt) fit, so confidence is calibrated.
"""

from __future__ import annotations

import html
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from schemas.models import Evidence
from services.classify import gazetteer, lexicon
from services.classify.fastpattern import compile_fast, lowered

SUPPORTED_LANGUAGES = frozenset({"en", "ko", "ja"})

# Full-width ASCII and typographic quotes folded one character for one character, so
# offsets in the folded text are offsets in the unescaped text.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x2018: 0x27, 0x2019: 0x27, 0x201C: 0x22, 0x201D: 0x22,
              0x2032: 0x27, 0x2013: 0x2D, 0x2014: 0x2D, 0x2212: 0x2D, 0x00B4: 0x27})
_NEEDS_FOLD = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD)) + "]")


def _fold(text: str) -> str:
    # str.translate walks every character in Python-level dict lookups; most text needs none.
    return text.translate(_FOLD) if not text.isascii() and _NEEDS_FOLD.search(text) else text


_MARKUP = compile_fast(r"<[^<>]{0,300}>|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

_NON_LATIN = compile_fast(r"[\u0400-\u06ff\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u4e00-\u9fff\uac00-\ud7a3]")
_HANGUL = compile_fast(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_KANA = compile_fast(r"[\u3040-\u30ff\u31f0-\u31ff]")
_HAN = compile_fast(r"[\u4e00-\u9fff]")
_OTHER_SCRIPTS = (
    (compile_fast(r"[\u0400-\u04ff]"), "ru"),
    (compile_fast(r"[\u0600-\u06ff]"), "ar"),
    (compile_fast(r"[\u0590-\u05ff]"), "he"),
    (compile_fast(r"[\u0e00-\u0e7f]"), "th"),
)


class Prepared:
    """Unescaped, tag-free, folded text of one item, with a map back to raw offsets.

    Sentences are split on first use: most items are dismissed before anything needs them.
    """

    __slots__ = ("text", "title_end", "raw_starts", "raw_ends", "_sentences", "_sentence_starts", "_launch_verbs")

    def __init__(self, text: str, title_end: int, raw_starts: tuple[int, ...] | None,
                 raw_ends: tuple[int, ...] | None) -> None:
        self.text = text
        self.title_end = title_end  # index of the "\n" between title and summary
        self.raw_starts = raw_starts  # raw offset of each text character; None when identical
        self.raw_ends = raw_ends
        self._sentences: tuple[tuple[int, int], ...] | None = None
        self._sentence_starts: tuple[int, ...] = ()
        self._launch_verbs: tuple[tuple[int, int], ...] | None = None

    @property
    def launch_verbs(self) -> tuple[tuple[int, int], ...]:
        """Spans of the English launch verbs in the text, found once.

        Those that end by title_end are exactly what a search of the title alone finds:
        no launch verb reaches over the line break, and none looks past it.
        """
        if self._launch_verbs is None:
            self._launch_verbs = tuple(m.span() for m in lexicon.LAUNCH_VERB_EN.finditer(self.text))
        return self._launch_verbs

    def title_launch_verbs(self) -> list[tuple[int, int]]:
        t_end = self.title_end
        if self._launch_verbs is None:
            # Only the headline is needed (an item with no weapon named): read just that.
            return [m.span() for m in lexicon.LAUNCH_VERB_EN.finditer(self.text, 0, t_end)]
        return [v for v in self._launch_verbs if v[1] <= t_end]

    @property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        if self._sentences is None:
            spans: list[tuple[int, int]] = []
            begin = 0
            for m in lexicon.SENTENCE_END.finditer(self.text):
                if m.end() > begin:
                    spans.append((begin, m.end()))
                    begin = m.end()
            spans.append((begin, len(self.text)))
            # The title/summary join is a "\n", so it is always a boundary.
            self._sentences = tuple(spans)
            self._sentence_starts = tuple(s for s, _ in spans)
        return self._sentences

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the raw `title + "\\n" + summary` of a span of the prepared text."""
        if self.raw_starts is None or self.raw_ends is None:
            return start, end
        if start >= end:
            pos = self.raw_starts[start] if start < len(self.raw_starts) else (self.raw_ends[-1] if self.raw_ends else 0)
            return pos, pos
        return self.raw_starts[start], self.raw_ends[end - 1]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        sentences = self.sentences
        i = bisect_right(self._sentence_starts, pos) - 1
        return sentences[max(i, 0)]

    def in_title(self, pos: int) -> bool:
        return pos < self.title_end


def _clean(raw: str) -> tuple[str, tuple[int, ...] | None, tuple[int, ...] | None]:
    """Unescape entities and drop tags, keeping where each character came from."""
    if "&" not in raw and "<" not in raw:
        return _fold(raw), None, None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _MARKUP.finditer(raw):
        out.append(raw[pos:m.start()])
        starts.extend(range(pos, m.start()))
        ends.extend(range(pos + 1, m.start() + 1))
        token = m.group()
        # A tag becomes a space so that words on either side stay apart.
        rep = " " if token[0] == "<" else html.unescape(token)
        out.append(rep)
        starts.extend([m.start()] * len(rep))
        ends.extend([m.end()] * len(rep))
        pos = m.end()
    out.append(raw[pos:])
    starts.extend(range(pos, len(raw)))
    ends.extend(range(pos + 1, len(raw) + 1))
    return _fold("".join(out)), tuple(starts), tuple(ends)


def prepare(title: str, summary: str) -> Prepared:
    """Clean title and summary into one text, remembering where the title ends.

    Each is cleaned on its own, so markup can never swallow the line between them.
    """
    t_text, t_starts, t_ends = _clean(title)
    s_text, s_starts, s_ends = _clean(summary)
    text = f"{t_text}\n{s_text}"
    if t_starts is None and s_starts is None:
        return Prepared(text, len(t_text), None, None)
    n = len(title)
    t_starts = t_starts if t_starts is not None else tuple(range(n))
    t_ends = t_ends if t_ends is not None else tuple(range(1, n + 1))
    s_starts = s_starts if s_starts is not None else tuple(range(len(summary)))
    s_ends = s_ends if s_ends is not None else tuple(range(1, len(summary) + 1))
    starts = t_starts + (n,) + tuple(x + n + 1 for x in s_starts)
    ends = t_ends + (n + 1,) + tuple(x + n + 1 for x in s_ends)
    return Prepared(text, len(t_text), starts, ends)


def detect_language(text: str, hint: str | None) -> str:
    """Language from the script; the hint only decides among languages of one script.

    Hangul means Korean and kana Japanese whatever the hint says; Han characters without
    kana or Hangul are read as Japanese unless the hint says Chinese. Latin text is
    English unless the hint names another language.
    """
    hint_base = (hint or "").split("-")[0].split("_")[0].lower() or None
    if text.isascii() or not _NON_LATIN.search(text):
        return "en" if hint_base in (None, "ko", "ja", "zh", "ru", "ar", "he", "th") else hint_base
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        return "zh" if hint_base == "zh" else "ja"
    for pattern, code in _OTHER_SCRIPTS:
        if pattern.search(text):
            return code
    return "en" if hint_base in (None, "ko", "ja", "zh", "ru", "ar", "he", "th") else hint_base


class Cue(NamedTuple):
    """One event cue: a launch, test or impact bound to a weapon.

    A named tuple rather than a frozen dataclass: several are built for every item, and a
    tuple is built several times faster.
    """

    kind: str  # "launch" | "test" | "impact" | "bare"
    start: int
    end: int
    in_title: bool
    modal: bool = False
    negated: bool = False
    subordinate: bool = False
    weapon: tuple[int, int] | None = None
    verb: tuple[int, int] | None = None

    @property
    def asserted(self) -> bool:
        return not (self.modal or self.negated)


_ADJ_MODAL_BEFORE = compile_fast(
    r"\b(?:possible|possibly|potential|imminent|expected|planned|upcoming|anticipated|future|next|prepar\w+"
    r"|alert over|warns? of|threat of|plans? for|bans? on|lifts? (?:the )?ban|permission|allow(?:s|ed|ing)?"
    r"|authori[sz]\w+|approv\w+|green light|restrictions? on|signs? of)\b(?:\s+[\w'.-]+){0,4}\s+$",
    re.IGNORECASE,
)
_SATELLITE = compile_fast(r"satellite|carrier rocket|space rocket|SLV|위성|발사체|衛星|Chollima|Malligyong|Simorgh|Safir|Unha|Kwangmyongsong|Qaem", re.IGNORECASE)
_MILITARY_SPACE_ACTORS = frozenset({"PRK", "IRN"})
# "catches fire", "under fire", "opened fire", "ceasefire": no missile leaves.
_FIRE_IDIOM_BEFORE = compile_fast(r"(?:\b(?:catch(?:es|ing)?|caught|on|under|open(?:s|ed)?|set)\s+|cease-?)$", re.IGNORECASE)
# "missile defence ... hit", "missile programme ... strikes": the weapon is not the subject.
_NOT_AN_IMPACT_BETWEEN = compile_fast(
    r"\b(?:defen[cs]e|launchers?|programs?|programmes?|capabilit\w+|storage|sites?|bases?|factor\w*|threat"
    r"|engines?|motors?|commanders?|chiefs?|heads?|units?|officials?|experts?|scientists?|engineers?|makers?"
    r"|factor(?:y|ies)|production|industry|arsenals?|stockpiles?|sirens?|alerts?|warnings?|debris|wreckage"
    r"|fragments?|parts|boosters?)\b", re.IGNORECASE)
# "missile engine", "missile factory": the weapon word names something else.
_WEAPON_AS_MODIFIER = compile_fast(
    r"[- ](?:engines?|motors?|launchers?|factor(?:y|ies)|production|programm?es?|parts|debris|wreckage|components?"
    r"|technology|bases?|sites?|silos?|storage|defen[cs]es?|shields?|interceptors?|makers?|industry|maker"
    r"|images?|imagery|photos?|pictures|data|dish(?:es)?|tv|television|phones?|internet|navigation|operators?)\b",
    re.IGNORECASE)
# "launched an attack/probe/bill ...": the headline's launch verb has another object.
_NON_LAUNCH_OBJECT = compile_fast(
    r"(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+){0,2}(?:attack|strike|war|bid|probe|bill|ground|operation|campaign"
    r"|offensive|raid)", re.IGNORECASE)
# "launched at around 03:50", "launched from Sohae": a launch with its object left out.
_BARE_LAUNCH_AFTER = compile_fast(r"(?:at|around|from|on|early|late|in)\b|\(|$", re.IGNORECASE)
_COORDINATED = compile_fast(r"\s*(?:,\s*)?(?:and|or|&)\s+(?:[\w-]+\s+){0,2}$")
# Impact words that belong to another weapon: "drone strike", "air strike".
_OTHER_STRIKE_BEFORE = compile_fast(r"\b(?:drone|air|aerial|ground|cyber|knife|terror)[- ]?$", re.IGNORECASE)
_DRILL_OF = compile_fast(r"(?:drills?|exercises?)\s+(?:of|with|involving)\s+(?:the\s+|an?\s+|its\s+|new\s+|[\w-]+\s+){0,3}$",
                         re.IGNORECASE)
_LAST_WORD = re.compile(r"[- ]")  # "test launch", "test-fire": the noun is the last word
_NOUN_EVENT = frozenset({"launch", "launches", "test", "tests", "attack", "attacks", "strike", "strikes", "barrage",
                         "salvo", "assault", "fire", "firing"})
# "fires CEO after missile delays": a verb and a weapon in different clauses. "as" starts
# a clause ("launch rescue as rocket float burns") but not in "described as a new ICBM".
_CLAUSE_BREAK = compile_fast(
    r"\b(?:after|amid|because|while|when|although|but|following)\b|[;:]"
    r"|(?<!described )(?<!known )(?<!such )(?<!called )\bas\b(?!\s+(?:a|an|the|what|part|many|much|well|its|their)\b)",
    re.IGNORECASE)
# A test of an engine, motor or warhead on the ground is not a launch.
_ENGINE_NEAR = compile_fast(r"\b(?:engines?|motors?|static|ground jet|nuclear test|underwater)\b", re.IGNORECASE)
# "launches attack", "launched strikes": an attack with no weapon named in the headline.
# "missile successfully flight-tested": words that may stand between a weapon and its test.
_TEST_GAP = re.compile(r"[\s-]*(?:(?:was|were|is|are|been|has|have|successfully|flight|first|again)[\s-]+)*", re.IGNORECASE)
# Memorials and obituaries look back wherever they stand; "fired on the anniversary of"
# times a new launch.
_ALWAYS_LOOKS_BACK = compile_fast(r"remember|memorial|funeral|laid to rest|obituar|in memoriam|dies at|died aged|(?:19|20)\d\d ",
                                  re.IGNORECASE)
_ATTACK_AFTER = compile_fast(r"\s+(?:an?\s+|its\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:attacks?|strikes?|barrages?|assault)\b", re.IGNORECASE)


def _en_cues(p: Prepared, weapons: list[tuple[int, int]]) -> list[Cue]:
    """English event cues: launch verb + weapon, weapon test, weapon impact, salvo, bare launch."""
    text = p.text
    low = lowered(text)  # for str.find prechecks; None (no precheck) when lower-casing moves offsets
    cues: list[Cue] = []
    if not weapons:
        return [c for c in _bare_en(p)]
    for v_start, v_end in p.launch_verbs:
        if _FIRE_IDIOM_BEFORE.search(text, max(0, v_start - 12), v_start):
            continue
        s0, s1 = p.sentence_of(v_start)
        lo, hi = max(s0, v_start - 80), min(s1, v_end + 80)
        near = [w for w in weapons if w[0] >= lo and w[1] <= hi]
        if not near:
            continue
        after = text[v_end:hi]
        w = min(near, key=lambda w: abs(w[0] - v_start))
        gap = (v_end, w[0]) if w[0] > v_end else (w[1], v_start)
        if _CLAUSE_BREAK.search(text, *gap):
            continue  # "fires CEO after missile delays": verb and weapon in different clauses
        if w[0] > v_end:
            # Searched up to the weapon's end, so "rounds (of rockets)" can see what follows it.
            obj = lexicon.NONWEAPON_OBJECT_EN.search(text, gap[0], w[1])
            obj = obj if obj is not None and obj.start() < w[0] else None
            # "fire drone and missile": another object coordinated with the weapon is fine,
            # and so is a drill of the weapon ("firing drill of multiple rocket launchers").
            if obj and not _COORDINATED.match(text, obj.end(), w[0]) and not (
                    _DRILL_OF.match(text, obj.start(), w[0])):
                continue
        elif lexicon.NONWEAPON_OBJECT_EN.match(text, v_end + len(after) - len(after.lstrip())):
            continue
        cues.append(_en_cue("launch", p, v_start, v_end, w, s0))
    for m in lexicon.TEST_VERB_EN.finditer(text):
        s0, s1 = p.sentence_of(m.start())
        # "ICBM test" or "tested a new solid-fuel ICBM": the weapon is right there.
        w = next((w for w in weapons if s0 <= w[0] and w[1] <= m.start() and m.start() - w[1] <= 30
                  and _TEST_GAP.fullmatch(text, w[1], m.start())), None)
        if w is None:
            w = next((w for w in weapons if m.end() <= w[0] <= m.end() + 45 and w[1] <= s1
                      and not lexicon.NONWEAPON_OBJECT_EN.search(text, m.end(), w[0])), None)
        if w is None or _ENGINE_NEAR.search(text, max(s0, m.start() - 40), min(s1, m.end() + 40)):
            continue
        cues.append(_en_cue("test", p, m.start(), m.end(), w, s0))
    for w in weapons:
        s0, s1 = p.sentence_of(w[0])
        # Weapon as subject of an impact: "Missile hits hospital", "rockets strike south".
        m = lexicon.IMPACT_EN.search(text, w[1], min(s1, w[1] + 40))
        if m:
            gap = text[w[1]:m.start()]
            # "rocket fire" is an impact, "rocket festival float catches fire" is not.
            if (m.group().lower() in ("fire", "firing") and gap.strip()) or len(gap.split()) > 3:
                m = None
        if m and not _NOT_AN_IMPACT_BETWEEN.search(text, w[1], m.start()) and not (
                _OTHER_STRIKE_BEFORE.search(text, w[1], m.start())):
            cues.append(_en_cue("impact", p, m.start(), m.end(), w, s0))
            continue
        # Weapon as instrument: "pounds Ukraine with missiles", "strikes targets with Tomahawks".
        # (str.find first, on the lower-cased text: both patterns need a word that is rarely there.)
        lo = max(s0, w[0] - 80)
        aw = lexicon.ATTACK_WITH_BEFORE.search(text, lo, w[0]) if low is None or low.find("with", lo, w[0]) >= 0 else None
        if aw:
            cues.append(_en_cue("impact", p, aw.start(), aw.start() + len(aw.group("verb")), w, s0))
            continue
        # Weapon as object of a salvo: "barrage of missiles", "salvo of 18 rockets".
        lo = max(s0, w[0] - 40)
        if low is not None and low.find(" of", lo, w[0]) < 0:
            continue
        before = text[lo:w[0]]
        sm = None
        for sm in lexicon.SALVO_EN.finditer(before):
            pass
        if sm is not None:
            start = lo + sm.start()
            cues.append(_en_cue("impact", p, start, start + len(sm.group()), w, s0))
    cues.extend(_bare_en(p))
    return cues


def _bare_en(p: Prepared) -> list[Cue]:
    """A launch verb in the headline with no weapon and no other object ("launched at 03:50")."""
    text = p.text
    out = []
    for v_start, v_end in p.title_launch_verbs():
        # The 40 characters after the verb, leading spaces skipped, read in place: the
        # lexicons run on the whole text, whose lower-cased form is already at hand.
        hi = v_end + 40
        window = text[v_end:hi]
        k = v_end + len(window) - len(window.lstrip())
        if not _BARE_LAUNCH_AFTER.match(text, k, hi):
            continue
        if lexicon.NONWEAPON_OBJECT_EN.search(text, k, min(k + 30, hi)) or _NON_LAUNCH_OBJECT.match(text, k, hi):
            continue
        s0, _ = p.sentence_of(v_start)
        out.append(_en_cue("bare", p, v_start, v_end, None, s0))
    return out


def _en_cue(kind: str, p: Prepared, vs: int, ve: int, w: tuple[int, int] | None, s0: int) -> Cue:
    """A cue with its framing: modal or future, negated, or the cause in a subordinate clause."""
    text = p.text
    first = min(vs, w[0]) if w else vs
    lo = max(s0, vs - 60)
    modal = bool(lexicon.MODAL_BEFORE_EN.search(text, lo, vs)) and not lexicon.ATTEMPT_BEFORE_EN.search(text, lo, vs)
    lo_w = max(s0, first - 60)
    if not modal:
        adjective = bool(_ADJ_MODAL_BEFORE.search(text, lo_w, first))
        # When the cue opens with its verb, the window before it was read just above.
        modal = adjective or (first != vs or lo_w != lo) and bool(lexicon.MODAL_BEFORE_EN.search(text, lo_w, first)) and not (
            lexicon.ATTEMPT_BEFORE_EN.search(text, lo_w, first))
        if modal and w is not None and w[0] < vs:
            # "could reach" before a weapon says nothing about the verb after it, unless
            # the weapon is the verb's own noun phrase ("possible ballistic-missile launch").
            modal = vs - w[1] <= 2 or adjective
    if not modal:
        # "Iran will pay for missile attacks", "North Korea may conduct ICBM test soon":
        # a modal a few words before the event, in the same clause.
        lo_c = max(s0, first - 45)
        comma = text.rfind(",", lo_c, first)
        modal = bool(lexicon.MODAL_NEAR_BEFORE_EN.search(text, comma + 1 if comma >= 0 else lo_c, first)) and not (
            lexicon.ATTEMPT_BEFORE_EN.search(text, lo_c, first))
    if not modal and _LAST_WORD.split(text[vs:ve].lower())[-1] in _NOUN_EVENT:
        # A noun event with its future after it: "launch ... expected within days".
        end_w = max(ve, w[1]) if w else ve
        modal = bool(lexicon.MODAL_AFTER_EN.match(text, end_w, min(len(text), end_w + 40)))
    if modal and lexicon.POSSIBLE_PAST_BEFORE_EN.search(text, max(s0, vs - 30), vs) and (
            not text[vs:ve].lower().startswith(("launch ", "fire ", "test "))
            and text[vs:ve].lower() not in ("launch", "fire", "test")):
        modal = False  # "may have launched": a flash of a launch that happened
    if not modal:
        # "Missile test? No, it was a meteor": a question reports nothing.
        s_end = p.sentence_of(vs)[1]
        modal = text[s0:s_end].rstrip().endswith("?")
    negated = bool(lexicon.NEGATION_BEFORE_EN.search(text, max(s0, first - 25), first))
    if not negated and w is not None and w[1] <= vs:
        # "missile cannot be intercepted": the negation stands between weapon and verb.
        negated = bool(lexicon.NEGATION_BEFORE_EN.search(text, w[1], vs))
    subordinate = bool(lexicon.SUBORDINATE_BEFORE_EN.search(text, max(s0, first - 50), first))
    start, end = (min(vs, w[0]), max(ve, w[1])) if w else (vs, ve)
    return Cue(kind, start, end, p.in_title(start), modal, negated, subordinate, w, (vs, ve))


def _cjk_cues(p: Prepared, lang: str, weapons: list[tuple[int, int]]) -> list[Cue]:
    """Korean and Japanese event cues: a launch or impact verb near a weapon, or a weapon
    with only a direction ("日本海に向け弾道ミサイル"); modal and subordinate framing
    follows the verb in these languages."""
    text = p.text
    verb_re = lexicon.LAUNCH_VERB_KO if lang == "ko" else lexicon.LAUNCH_VERB_JA
    modal_re = lexicon.MODAL_AFTER_KO if lang == "ko" else lexicon.MODAL_AFTER_JA
    sub_re = lexicon.SUBORDINATE_AFTER_KO if lang == "ko" else lexicon.SUBORDINATE_AFTER_JA
    near_modal_re = lexicon.MODAL_NEAR_KO if lang == "ko" else lexicon.MODAL_NEAR_JA
    cues: list[Cue] = []
    if not weapons:
        return cues
    for m in verb_re.finditer(text):
        s0, s1 = p.sentence_of(m.start())
        near = [w for w in weapons if max(s0, m.start() - 40) <= w[0] and w[1] <= min(s1, m.end() + 15)]
        if not near:
            continue
        w = min(near, key=lambda w: abs(w[1] - m.start()))
        tail = text[m.end():m.end() + 14]
        modal = bool(modal_re.search(tail)) or bool(
            near_modal_re.search(text, max(s0, m.start() - 6), min(s1, m.end() + 15)))
        subordinate = bool(sub_re.search(tail))
        start, end = min(m.start(), w[0]), max(m.end(), w[1])
        kind = "launch" if m.group() in ("발사", "発射", "打ち上げ", "쏘아 올", "쏘아올", "쐈", "쏜", "쏘았", "試射", "撃っ", "撃ち") else "impact"
        cues.append(Cue(kind, start, end, p.in_title(start), modal, False, subordinate, w, (m.start(), m.end())))
    toward_re = lexicon.TOWARD_KO if lang == "ko" else lexicon.TOWARD_JA
    for w in weapons:
        s0, _ = p.sentence_of(w[0])
        m = toward_re.search(text, max(s0, w[0] - 8), w[0])
        if m:
            start = m.start()
            cues.append(Cue("impact", start, w[1], p.in_title(start), False, False, False, w, (m.start(), m.end())))
    return cues


@dataclass
class Features:
    """The cues of one item, named, with the evidence behind each."""

    values: dict[str, float] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    def set(self, name: str, value: float, span: tuple[int, int] | None) -> None:
        self.values[name] = value
        if span is not None:
            self.spans[name] = span


# Hand-set weights: the sign and rough size of what each cue means for "a launch happened".
WEIGHTS: dict[str, float] = {
    "bias": -4.0,
    "title_event": 6.0,
    "summary_event": 3.0,
    "summary_event_confirms": 1.0,
    "title_weapon": 1.5,
    "title_bare_launch": 2.0,
    "title_attack": 2.0,
    "title_modal_only": -1.0,
    "title_negated_only": -2.0,
    "flight_details": 1.5,
    "agency": 1.0,
    "reaction_main": -5.5,
    "reaction_secondary": -1.5,
    "subordinate": -3.0,
    "civil_space": -6.0,
    "space_without_state_actor": -4.0,
    "defence_main": -3.0,
    "defence_secondary": -0.5,
    "non_missile_main": -3.5,
    "non_missile_secondary": -1.0,
    "retrospective": -4.0,
    "retrospective_context": -1.0,
    "aggregate": -3.0,
    "bulk_count": -4.5,
    "sport": -5.0,
    "explainer": -2.5,
    "digest": -4.0,
}
# Platt scaling of the raw score, fitted on the labelled dev set by
# `bench/classify_eval.py --fit` with a strong prior towards the identity map: the cues
# were written while reading that set, so its own fit (about 1.6, 0.9) is optimistic.
PLATT_A = 1.15
PLATT_B = 0.05


@dataclass(frozen=True)
class Detection:
    """What the detector decided and why."""

    is_launch: bool
    confidence: float
    evidence: tuple[Evidence, ...]
    retrospective: bool
    primary: Cue | None
    cues: tuple[Cue, ...]
    raw_score: float = 0.0  # the rules' score before calibration
    cue_values: tuple[tuple[str, float], ...] = ()  # (cue name, value) of every cue present


def _first(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> tuple[int, int] | None:
    m = pattern.search(text, lo, hi)
    return (m.start(), m.end()) if m else None


_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "‘": "’"}


def _quote_start(text: str, pos: int) -> int | None:
    """Where the quotation around pos opens (on its line), or None when pos is not quoted."""
    line_start = text.rfind("\n", 0, pos) + 1
    closer = None
    opened = None
    for i in range(line_start, pos):
        ch = text[i]
        if closer is None and ch in _QUOTES:
            closer, opened = _QUOTES[ch], i
        elif closer is not None and ch == closer:
            closer = opened = None
    return opened


def _agency_statement(text: str, pos: int) -> bool:
    """Whether pos is inside a quote from a reporting agency: 합참 "추가 발사 대비"."""
    opened = _quote_start(text, pos)
    return opened is not None and bool(lexicon.AGENCY_CUE.search(text, max(0, opened - 8), opened))


def features(p: Prepared, lang: str) -> tuple[Features, list[Cue]]:
    """Named cue values of an item (before weighting), and its event cues."""
    text = p.text
    t_end = p.title_end
    f = Features()
    cjk = lang in ("ko", "ja")
    # English acronyms and names also appear in Korean and Japanese text.
    en_weapons = [(m.start(), m.end()) for m in lexicon.WEAPON_EN.finditer(text)
                  if not _WEAPON_AS_MODIFIER.match(text, m.end())]
    if cjk:
        weapon_re = lexicon.WEAPON_KO if lang == "ko" else lexicon.WEAPON_JA
        weapons = sorted(en_weapons + [(m.start(), m.end()) for m in weapon_re.finditer(text)])
        if not weapons:
            return f, []  # no weapon, no launch: every other cue could only lower the score
        cues = _cjk_cues(p, lang, weapons) + [c for c in _en_cues(p, en_weapons) if c.kind != "bare"]
    else:
        if not en_weapons and not p.title_launch_verbs():
            return f, []
        cues = _en_cues(p, en_weapons)
    if not cjk and lexicon.HEADLINE_FUTURE.search(text, 0, t_end):
        # Headline future ("Britain to test-fire missile"): nothing in the headline happened yet.
        cues = [c._replace(modal=True) if c.in_title else c for c in cues]
    title_cues = [c for c in cues if c.in_title and c.kind != "bare"]
    summary_cues = [c for c in cues if not c.in_title and c.kind != "bare"]
    t_asserted = [c for c in title_cues if c.asserted]
    # "... a day after North Korea launched a missile": a launch given as the cause of the
    # summary's news does not confirm that the item reports it.
    s_asserted = [c for c in summary_cues if c.asserted and not c.subordinate]
    if t_asserted:
        f.set("title_event", 1, (t_asserted[0].start, t_asserted[0].end))
    elif title_cues:
        c = title_cues[0]
        f.set("title_modal_only" if c.modal else "title_negated_only", 1, (c.start, c.end))
    if s_asserted:
        name = "summary_event_confirms" if t_asserted else "summary_event"
        f.set(name, 1, (s_asserted[0].start, s_asserted[0].end))
    bare = [c for c in cues if c.kind == "bare" and c.asserted]
    if not t_asserted and lang not in ("ko", "ja"):
        for v_start, v_end in p.title_launch_verbs():
            a = _ATTACK_AFTER.match(text, v_end, t_end)
            if a and not lexicon.NONWEAPON_OBJECT_EN.search(text, v_end, a.end()):
                f.set("title_attack", 1, (v_start, a.end()))
                break
    if bare and not t_asserted:
        f.set("title_bare_launch", 1, (bare[0].start, bare[0].end))
    if not t_asserted:
        weapon_re = lexicon.WEAPON_EN if lang not in ("ko", "ja") else (
            lexicon.WEAPON_KO if lang == "ko" else lexicon.WEAPON_JA)
        span = _first(weapon_re, text, 0, t_end)
        # "told not to comment on ballistic missile": a weapon named under negation is no
        # sign, nor is one that only qualifies another noun ("satellite TV").
        if (span and not title_cues and not lexicon.NEGATION_BEFORE_EN.search(text, max(0, span[0] - 25), span[0])
                and not _WEAPON_AS_MODIFIER.match(text, span[1])):
            f.set("title_weapon", 1, span)
    if not (t_asserted or s_asserted or bare or "title_attack" in f.values):
        # No event at all: the score is already below the line and every cue left could
        # only lower it further, so they are not looked for.
        return f, cues

    span = _first(lexicon.FLIGHT_DETAIL, text, 0, len(text))
    if span and (t_asserted or s_asserted or bare):
        f.set("flight_details", 1, span)
    span = _first(lexicon.AGENCY_CUE, text, 0, len(text))
    if span and (t_asserted or s_asserted or bare):
        f.set("agency", 1, span)

    # Main-event rule: a reaction in the headline before the launch is the headline's event.
    reaction_re = lexicon.REACTION_KO if lang == "ko" else lexicon.REACTION_JA if lang == "ja" else lexicon.REACTION_EN
    reaction = reaction_re.search(text, 0, t_end)
    if reaction is None and lang in ("ko", "ja"):
        reaction = lexicon.REACTION_EN.search(text, 0, t_end)
    if reaction:
        first_event = t_asserted[0] if t_asserted else None
        span = (reaction.start(), reaction.end())
        # Korean and Japanese put the main verb last: a reaction word anywhere in the
        # headline is its main event, unless the headline itself gives flight facts.
        cjk_main = cjk and not lexicon.FLIGHT_DETAIL.search(text, 0, t_end) and not _agency_statement(text, reaction.start())
        # "missile tests violate UN resolutions": a noun event whose own verb is a reaction.
        noun_subject = (first_event is not None and first_event.verb is not None
                        and text[first_event.verb[0]:first_event.verb[1]].lower() in _NOUN_EVENT
                        and 0 <= reaction.start() - first_event.end <= 25)
        if (first_event is None or reaction.start() < first_event.start or first_event.subordinate or cjk_main
                or noun_subject):
            f.set("reaction_main", 1, span)
        else:
            f.set("reaction_secondary", 1, span)
    if t_asserted and t_asserted[0].subordinate:
        f.set("subordinate", 1, (t_asserted[0].start, t_asserted[0].end))

    span = _first(lexicon.CIVIL_SPACE, text, 0, len(text))
    if span:
        f.set("civil_space", 1, span)
    event_cues = t_asserted or s_asserted
    if event_cues and all(c.weapon and _SATELLITE.search(text, c.weapon[0], c.weapon[1]) for c in event_cues):
        actors = {canonical for _, _, canonical in gazetteer.ACTOR_TABLE.all(text)}
        if not actors & _MILITARY_SPACE_ACTORS and not re.search(r"military|spy|reconnaissance|정찰|군사|偵察|軍事", text, re.IGNORECASE):
            f.set("space_without_state_actor", 1, event_cues[0].weapon)

    span = _first(lexicon.DEFENCE, text, 0, t_end)
    if span:
        f.set("defence_secondary" if t_asserted else "defence_main", 1, span)
    span = _first(lexicon.NON_MISSILE, text, 0, t_end)
    if span:
        f.set("non_missile_secondary" if t_asserted else "non_missile_main", 1, span)
    elif not t_asserted and not s_asserted:
        span = _first(lexicon.NON_MISSILE, text, t_end, len(text))
        if span:
            f.set("non_missile_secondary", 1, span)
    span = _first(lexicon.RETROSPECTIVE, text, 0, t_end)
    if span is None:
        m = lexicon.OBITUARY_START.match(text, 0, t_end)
        span = (m.start(), m.end()) if m else None
    if span:
        # "fired ... on the anniversary of X" times a new launch; "years ago, X fired" looks back.
        after_event = bool(t_asserted) and span[0] > t_asserted[0].end and not _ALWAYS_LOOKS_BACK.match(text, span[0])
        f.set("retrospective_context" if after_event else "retrospective", 1, span)
    for name, pattern in _HEADLINE_FRAMES:
        span = _first(pattern, text, 0, t_end)
        if span:
            f.set(name, 1, span)
    m = lexicon.EXPLAINER_START.match(text, 0, t_end)
    span = (m.start(), m.end()) if m else _first(lexicon.EXPLAINER, text, 0, t_end)
    if span:
        f.set("explainer", 1, span)
    return f, cues


# Headline framings that each make one feature when found: (feature, pattern).
_HEADLINE_FRAMES = (("digest", lexicon.DIGEST), ("aggregate", lexicon.AGGREGATE),
                    ("bulk_count", lexicon.BULK_COUNT), ("sport", lexicon.SPORT))


def score(f: Features) -> float:
    """Raw score: bias plus the weights of the cues present."""
    return WEIGHTS["bias"] + sum(WEIGHTS[name] * value for name, value in f.values.items())


def detect(p: Prepared, lang: str) -> Detection:
    """Decide whether the prepared item reports a launch; evidence covers every cue used."""
    f, cues = features(p, lang)
    raw = score(f)
    z = PLATT_A * raw + PLATT_B
    confidence = 1.0 / (1.0 + math.exp(-z)) if z > -40 else 0.0
    is_launch = confidence >= 0.5
    evidence = []
    for name, value in f.values.items():
        s, e = f.spans.get(name, (None, None))
        if s is None:
            evidence.append(Evidence(cue=name, text="", weight=WEIGHTS[name] * value))
            continue
        rs, re_ = p.raw_span(s, e)
        evidence.append(Evidence(cue=name, text=p.text[s:e], start=rs, end=re_, weight=WEIGHTS[name] * value))
    asserted = [c for c in cues if c.asserted and c.kind != "bare"]
    title_first = [c for c in asserted if c.in_title]
    primary = (title_first or asserted or [c for c in cues if c.asserted] or cues or [None])[0]
    looks_back = any(n in f.values for n in ("reaction_main", "subordinate", "retrospective"))
    retrospective = (not is_launch) and bool(asserted) and looks_back
    return Detection(is_launch, round(confidence, 4), tuple(evidence), retrospective, primary, tuple(cues),
                     raw_score=raw, cue_values=tuple(f.values.items()))
