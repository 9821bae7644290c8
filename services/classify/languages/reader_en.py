"""Event cues of English text: who did what to which weapon, in subject-verb-object order.

A launch verb bound to a weapon in its clause ("fired two ballistic missiles"), a weapon
and its test ("ICBM test", "tested a new ICBM"), a weapon and an impact ("missile hits
hospital", "pounds Kyiv with missiles", "barrage of rockets"), or a headline launch with
its object left out ("launched at 03:50"). Each is framed by what stands before it:
modal or future ("could launch"), negation, or a subordinate clause ("after ... fired").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import islice
import re

from services.classify.fastpattern import lowered
from services.classify.languages import en
from services.classify.languages.table import MAX_CANDIDATES, Cue
from services.classify.text import Prepared, spans_within


def launch_verbs(p: Prepared) -> tuple[tuple[int, int], ...]:
    """Spans of the English launch verbs in the text (the first MAX_CANDIDATES), found
    once per text.

    Those that end by title_end are exactly what a search of the title alone finds:
    no launch verb reaches over the line break, and none looks past it.
    """
    found = p.memo.get("en_launch_verbs")
    if found is None:
        found = p.memo["en_launch_verbs"] = tuple(
            m.span() for m in islice(en.LAUNCH_VERBS.finditer(p.text), MAX_CANDIDATES))
    return found  # type: ignore[return-value]


def fire_idiom(text: str, v_start: int, v_end: int) -> bool:
    """Whether the launch verb at this span launches nothing: "catches fire", "opened fire",
    "ceasefire", "official fired over memo", a name that opens a sentence ("Fire Point
    says ...": news tells no orders) or stands in a summary's running text ("Manufacturer
    Fire Point says": only a headline capitalises its verbs)."""
    return bool(en.FIRE_IDIOM_BEFORE.search(text, max(0, v_start - 12), v_start)) or bool(
        en.NAME_OPENING_SENTENCE.match(text, v_start) and (v_start == 0 or text[v_start - 1] == "\n"
                                                           or text.endswith((". ", "! ", "? "), 0, v_start)
                                                           or "\n" in text[:v_start])) or (
        text[v_start:v_end].lower() == "fired" and bool(en.DISMISSED_BEFORE.search(text, max(0, v_start - 40), v_start)))


def title_launch_verbs(p: Prepared) -> list[tuple[int, int]]:
    """Spans of the English launch verbs in the headline."""
    t_end = p.title_end
    found = p.memo.get("en_launch_verbs")
    if found is None:
        # Only the headline is needed (an item with no weapon named): read just that.
        return [m.span() for m in en.LAUNCH_VERBS.finditer(p.text, 0, t_end)]
    return [v for v in found if v[1] <= t_end]  # type: ignore[attr-defined]


def cues(p: Prepared, weapons: list[tuple[int, int]]) -> list[Cue]:
    """English event cues: launch verb + weapon, weapon test, weapon impact, salvo, bare launch.

    `weapons` are the spans of one search, so they are sorted and do not overlap: the
    weapons near a verb are found by bisection, and the work is linear in the text.
    """
    text = p.text
    low = lowered(text)  # for str.find prechecks; None (no precheck) when lower-casing moves offsets
    cues: list[Cue] = []
    if not weapons:
        return [c for c in bare(p)]
    starts = [w[0] for w in weapons]
    ends = [w[1] for w in weapons]
    for v_start, v_end in launch_verbs(p):
        if fire_idiom(text, v_start, v_end):
            continue
        s0, s1 = p.sentence_of(v_start)
        lo, hi = max(s0, v_start - 80), min(s1, v_end + 80)
        near = spans_within(weapons, starts, lo, hi)
        if not near:
            continue
        after = text[v_end:hi]
        w = min(near, key=lambda w: abs(w[0] - v_start))
        gap = (v_end, w[0]) if w[0] > v_end else (w[1], v_start)
        if en.CLAUSE_BREAK.search(text, *gap):
            continue  # "fires CEO after missile delays": verb and weapon in different clauses
        if w[0] > v_end:
            # Searched up to the weapon's end, so "rounds (of rockets)" can see what follows it.
            obj = en.NONWEAPON_OBJECT.search(text, gap[0], w[1])
            obj = obj if obj is not None and obj.start() < w[0] else None
            # "fire drone and missile": another object coordinated with the weapon is fine,
            # and so is a drill of the weapon ("firing drill of multiple rocket launchers").
            if obj and not en.COORDINATED.match(text, obj.end(), w[0]) and not (
                    en.DRILL_OF.match(text, obj.start(), w[0])):
                continue
        elif en.NONWEAPON_OBJECT.match(text, v_end + len(after) - len(after.lstrip())):
            continue
        cues.append(_cue("launch", p, v_start, v_end, w, s0))
    for m in islice(en.TEST_VERBS.finditer(text), MAX_CANDIDATES):
        s0, s1 = p.sentence_of(m.start())
        # "ICBM test" or "tested a new solid-fuel ICBM": the weapon is right there.
        ending_before = weapons[bisect_left(ends, m.start() - 30):bisect_right(ends, m.start())]
        w = next((w for w in ending_before if s0 <= w[0] and en.TEST_GAP.fullmatch(text, w[1], m.start())), None)
        if w is None:
            starting_after = weapons[bisect_left(starts, m.end()):bisect_right(starts, m.end() + 45)]
            w = next((w for w in starting_after if w[1] <= s1
                      and not en.NONWEAPON_OBJECT.search(text, m.end(), w[0])), None)
        if w is None or en.ENGINE_NEAR.search(text, max(s0, m.start() - 40), min(s1, m.end() + 40)):
            continue
        cues.append(_cue("test", p, m.start(), m.end(), w, s0))
    for w in weapons[:MAX_CANDIDATES]:
        s0, s1 = p.sentence_of(w[0])
        failed = en.FAILED_FLIGHT.match(text, w[1], s1)
        if failed and not text[w[0]:w[1]].lower().endswith(("satellite", "satellites")):
            cues.append(_cue("launch", p, failed.start(1), failed.end(1), w, s0))
            continue
        # Weapon as subject of an impact: "Missile hits hospital", "rockets strike south".
        m = en.IMPACT.search(text, w[1], min(s1, w[1] + 40))
        if m:
            gap = text[w[1]:m.start()]
            # "rocket fire" is an impact, "rocket festival float catches fire" is not.
            # (A phrase on what it carried or where it came from may stand between:
            # "a missile carrying a cluster warhead exploded above the square".)
            if (m.group().lower() in ("fire", "firing") and gap.strip()) or (
                    len(gap.split()) > 3 and not (len(gap.split()) <= 7 and en.WEAPON_PHRASE.match(gap))):
                m = None
        if m and not en.NOT_AN_IMPACT_BETWEEN.search(text, w[1], m.start()) and not (
                en.CLAUSE_BREAK.search(text, w[1], m.start())) and not (
                en.OTHER_STRIKE_BEFORE.search(text, w[1], m.start())):
            cues.append(_cue("impact", p, m.start(), m.end(), w, s0))
            continue
        # A headline's weapon and the named place it flew at, with no verb: "Missiles on Kyiv".
        at = (en.VERBLESS_TARGET.match(text, w[1], p.title_end)
              if w[1] <= p.title_end and en.WEAPON_OPENS.fullmatch(text, s0, w[0]) else None)
        if at is not None:
            cues.append(_cue("impact", p, w[1] + 1, w[1] + len(at.group().split()[0]) + 1, w, s0))
            continue
        night = (en.NIGHT_AFTER.match(text, w[1], p.title_end)
                 if w[1] <= p.title_end and en.COUNTED_BEFORE.search(text, max(s0, w[0] - 20), w[0]) else None)
        if night is not None:
            cues.append(_cue("impact", p, w[1] + 1, night.end(), w, s0))
            continue
        # Weapon as instrument ("pounds Ukraine with missiles", "strikes targets with Tomahawks")
        # or agent ("killed by a rocket").
        # (str.find first, on the lower-cased text: each pattern needs a word that is rarely there.)
        lo = max(s0, w[0] - 130)
        aw = ((en.ATTACK_WITH_BEFORE.search(text, lo, w[0]) or en.RESPOND_WITH_BEFORE.search(text, lo, w[0]))
              if low is None or low.find("with", lo, w[0]) >= 0 else None)
        if aw is None and (low is None or low.find("using", lo, w[0]) >= 0):
            aw = en.ATTACK_USING_BEFORE.search(text, max(s0, w[0] - 200), w[0])
        if aw:
            cues.append(_cue("impact", p, aw.start(), aw.start() + len(aw.group("verb")), w, s0))
            continue
        lo = max(s0, w[0] - 80)
        hb = en.HARMED_BY_BEFORE.search(text, lo, w[0]) if low is None or low.find(" by ", lo, w[0]) >= 0 else None
        if hb:
            cues.append(_cue("impact", p, hb.start(), hb.start() + len(hb.group("verb")), w, s0))
            continue
        # Weapon as object of a salvo or of what is left of it: "barrage of missiles",
        # "salvo of 18 rockets", "debris believed to be from North Korea's failed satellite".
        lo = max(s0, w[0] - 60)
        if low is not None and low.find(" of", lo, w[0]) < 0 and low.find(" from", lo, w[0]) < 0:
            continue
        before = text[lo:w[0]]
        sm = None
        for sm in en.SALVO.finditer(before):
            pass
        if sm is not None and not (_REMAINS.match(sm.group()) and _ON_DISPLAY.search(text, s0, s1)):
            start = lo + sm.start()
            cues.append(_cue("impact", p, start, start + len(sm.group()), w, s0))
    cues.extend(bare(p))
    return cues


def bare(p: Prepared) -> list[Cue]:
    """A launch verb in the headline with no weapon and no other object ("launched at 03:50")."""
    text = p.text
    out = []
    for v_start, v_end in title_launch_verbs(p)[:MAX_CANDIDATES]:
        if fire_idiom(text, v_start, v_end):
            continue  # "gunman opened fire": no missile leaves
        # The 40 characters after the verb, leading spaces skipped, read in place: the
        # lexicons run on the whole text, whose lower-cased form is already at hand.
        hi = v_end + 40
        window = text[v_end:hi]
        k = v_end + len(window) - len(window.lstrip())
        if not en.BARE_LAUNCH_AFTER.match(text, k, hi):
            continue
        if en.NONWEAPON_OBJECT.search(text, k, min(k + 30, hi)) or en.NON_LAUNCH_OBJECT.match(text, k, hi):
            continue
        s0, _ = p.sentence_of(v_start)
        out.append(_cue("bare", p, v_start, v_end, None, s0))
    return out


def _cue(kind: str, p: Prepared, vs: int, ve: int, w: tuple[int, int] | None, s0: int) -> Cue:
    """A cue with its framing: modal or future, negated, or the cause in a subordinate clause."""
    text = p.text
    first = min(vs, w[0]) if w else vs
    lo = max(s0, vs - 60)
    modal = bool(en.MODAL_BEFORE.search(text, lo, vs)) and not en.ATTEMPT_BEFORE.search(text, lo, vs)
    lo_w = max(s0, first - 60)
    if not modal:
        adjective = bool(en.ADJ_MODAL_BEFORE.search(text, lo_w, first))
        # When the cue opens with its verb, the window before it was read just above.
        modal = adjective or (first != vs or lo_w != lo) and bool(en.MODAL_BEFORE.search(text, lo_w, first)) and not (
            en.ATTEMPT_BEFORE.search(text, lo_w, first))
        if modal and w is not None and w[0] < vs:
            # "could reach" before a weapon says nothing about the verb after it, unless
            # the weapon is the verb's own noun phrase ("possible ballistic-missile launch").
            modal = vs - w[1] <= 2 or adjective
        if not modal and w is not None and w[1] < vs:
            # ... and the verb's own words say it: "a new missile, in a step toward a test launch".
            modal = bool(en.ADJ_MODAL_BEFORE.search(text, max(s0, vs - 60), vs))
    if not modal:
        # "Iran will pay for missile attacks", "North Korea may conduct ICBM test soon":
        # a modal a few words before the event, in the same clause.
        lo_c = max(s0, first - 45)
        comma = text.rfind(",", lo_c, first)
        modal = bool(en.MODAL_NEAR_BEFORE.search(text, comma + 1 if comma >= 0 else lo_c, first)) and not (
            en.ATTEMPT_BEFORE.search(text, lo_c, first))
    if not modal and en.LAST_WORD.split(text[vs:ve].lower())[-1] in en.NOUN_EVENTS:
        # A noun event with its future after it: "launch ... expected within days".
        end_w = max(ve, w[1]) if w else ve
        # A headline's noun ends with the headline: "ICBM test" / "The missile could ..." is
        # the summary's sentence, which tells what the missile could do, not that the test
        # is to come (the detector reads a headline's tense from its summary on its own).
        hi = min(len(text), end_w + 40, p.title_end if end_w <= p.title_end else len(text))
        modal = bool(en.MODAL_AFTER.match(text, end_w, hi))
    if modal and en.POSSIBLE_PAST_BEFORE.search(text, max(s0, vs - 30), vs) and (
            not text[vs:ve].lower().startswith(("launch ", "fire ", "test "))
            and text[vs:ve].lower() not in ("launch", "fire", "test")
            and not en.MODAL_ADVERB_BEFORE.search(text, max(s0, vs - 30), vs)):
        modal = False  # "may have launched": a flash of a launch that happened
    if (modal and w is not None and w[1] <= vs and en.PAST_VERB.fullmatch(text, vs, ve)
            and en.HEDGED_WEAPON_BEFORE.search(text, max(s0, w[0] - 40), w[0])
            and not en.MODAL_BEFORE.search(text, max(s0, w[1]), vs)):
        modal = False  # "Possible ballistic missile launched by ...": what flew is hedged, not that it flew
    if modal and w is not None and w[1] <= vs and text[vs:ve].lower() == "launch":
        hedge = en.HEDGED_WEAPON_BEFORE.search(text, max(s0, w[0] - 40), w[0])
        if (hedge and en.HEDGED_LAUNCH_AFTER.match(text, ve, p.sentence_of(vs)[1])
                and not en.LOOKS_AHEAD_TO_BEFORE.search(text, max(s0, hedge.start() - 20), hedge.start())):
            modal = False  # "Possible missile launch from North Korea, Japan says": the same flash
    if not modal and en.LAST_WORD.split(text[vs:ve].lower())[-1] in en.NOUN_EVENTS:
        # A noun event found to be none, however hedged ("... launch from North Korea proved
        # to be a false detection").
        end_w = max(ve, w[1]) if w else ve
        modal = bool(en.FOUND_NONE_AFTER.match(text, end_w, min(p.sentence_of(end_w)[1], end_w + 70)))
    if not modal:
        # "Missile test? No, it was a meteor": a question reports nothing; one that asks why
        # or how a launch happened takes it as told ("Why did China fire an ICBM now?").
        modal = p.is_question(s0) and not (_ASKS_OF_A_FACT.match(text, s0)
                                           or _ASKS_WHAT_WENT_WRONG.search(text, s0, p.sentence_of(s0)[1]))
    negated = bool(en.NEGATION_BEFORE.search(text, max(s0, first - 25), first))
    if not negated and w is not None and w[1] <= vs:
        # "missile cannot be intercepted": the negation stands between weapon and verb.
        negated = bool(en.NEGATION_BEFORE.search(text, w[1], vs))
    cause = en.SUBORDINATE_BEFORE.search(text, max(s0, first - 50), first)
    # The nearest one: "starts over after a rocket destroyed their home" is after, not over.
    while cause is not None and (nearer := en.SUBORDINATE_BEFORE.search(text, cause.start() + 1, first)):
        cause = nearer
    # "... after a missile hit the car park": a strike's aftermath is its report (policy),
    # while "after North Korea fired a missile" gives the launch as the cause of other news.
    subordinate = cause is not None and not (
        kind == "impact" and cause.group().lower().startswith(_AFTERMATH)
        and en.LAST_WORD.split(text[vs:ve].lower())[-1] not in _LAUNCH_NOUNS) and not (
        # "Images show destroyed aircraft at the base after Ukraine fired eight missiles at it",
        # "J-Alert warning issued after North Korea launched a missile", "classes were canceled
        # after Hezbollah fired 60 rockets": the harm, the alarm or what stopped, told before
        # "after", is the launch's aftermath.
        cause.group().lower().startswith(_AFTERMATH) and _HARM.search(text, max(s0, cause.start() - 120), cause.start()))
    start, end = (min(vs, w[0]), max(ve, w[1])) if w else (vs, ve)
    return Cue(kind, start, end, p.in_title(start), modal, negated, subordinate, w, (vs, ve))




_AFTERMATH = ("after", "following")
# ("Did Tehran just put a satellite in orbit?": a fresh event, asked of.)
_ASKS_OF_A_FACT = re.compile(r"\s*(?:(?:why|how|where) did|did\s+(?:[\w'’-]+\s+){1,3}?just)\b", re.IGNORECASE)
# ... or after a dash or colon that ends the telling: "... ended in a fireball: what went wrong?"
_ASKS_WHAT_WENT_WRONG = re.compile(r"[—–:-]\s*(?:what went wrong|(?:why|how|where) did\b)", re.IGNORECASE)
# What is left of a weapon, shown: "museum puts fragments of every type of Russian missile on display".
_REMAINS = re.compile(r"debris|wreckage|fragments|remnants|shrapnel", re.IGNORECASE)
_ON_DISPLAY = re.compile(r"\b(?:museums?|exhibitions?|exhibits?|on display|displays?|displayed|showcases?)\b", re.IGNORECASE)
_HARM = re.compile(rf"\b(?:{en.HARM_WORDS}|wrecked|gutted|burned-out|craters?|wreckage|J-Alert|air[- ]raid|alert"
                   # ... and what stopped: "classes were canceled"; and who was sent to safety:
                   # "fishing boats were ordered back to port", "residents evacuated".
                   r"|halted|suspended|canceled|cancelled|closed|shut|grounded|diverted|rerouted|evacuated"
                   r"|took shelter|sheltered|(?:back|return|returned|head|go)\s+to\s+(?:port|shore|shelters?))\b", re.IGNORECASE)
# Impact words that name the launch itself ("after the missile launch"): still its cause.
_LAUNCH_NOUNS = frozenset({"launch", "launches", "test", "tests", "fire", "firing"})


def headline_attack(p: Prepared) -> tuple[int, int] | None:
    """The span of the first attack, strike or explosion the headline tells as having
    happened (None in a headline that gives its attack as retaliation), with or without a weapon ("Russia pounds Kharkiv", "Massive overnight
    assault on Kyiv"), or None: a modal, future or negation before it ("could strike",
    "vows to pound", "no attack") or a future after a noun ("attack expected") tell none."""
    text = p.text
    t_end = p.title_end
    if en.RETALIATION.search(text, 0, t_end):
        return None  # the attack answers another, which the summary's weapons may be
    for m in islice(en.HEADLINE_ATTACK.finditer(text, 0, t_end), MAX_CANDIDATES):
        vs, ve = m.span()
        s0, _ = p.sentence_of(vs)
        lo = max(s0, vs - 60)
        if ((en.MODAL_BEFORE.search(text, lo, vs) or en.ADJ_MODAL_BEFORE.search(text, lo, vs)
             or en.MODAL_NEAR_BEFORE.search(text, max(s0, vs - 45), vs)) and not en.ATTEMPT_BEFORE.search(text, lo, vs)):
            continue
        if (en.NEGATION_BEFORE.search(text, max(s0, vs - 25), vs) or en.MODAL_AFTER.match(text, ve, min(t_end, ve + 40))
                or en.TOPIC_BEFORE.search(text, max(s0, vs - 40), vs)):
            continue
        if p.is_question(s0):
            continue
        return vs, ve
    return None
