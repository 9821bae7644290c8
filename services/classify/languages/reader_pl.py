"""Event cues of Polish text, read with the Polish table (pl.py).

Polish orders a clause's words freely and marks their roles by inflection, so an event
word (a verb or noun of launching, testing or striking) is bound to the nearest weapon
of its clause on either side: "Korea Północna wystrzeliła rakietę", "rakiety spadły na
Kijów", "w Kijów uderzyły rakiety", "atak rakietowy na Odessę". What frames the event is
read first from the word's own form (pl.form_of): a perfective verb's present form is a
future ("wystrzeli") and an infinitive an intention ("planuje wystrzelić"), while past
forms, participles and imperfective presents report what happened; then from the words
before it: modal ("może", "planowany"), negation ("nie wystrzeliła"), an attempt
("próbowała wystrzelić", a failed launch is a launch), or a subordinate clause ("po
wystrzeleniu", "w odpowiedzi na wystrzelenie"; not for a strike, whose aftermath the
policy counts as its report); a noun event also from the words after it ("start ...
zaplanowano"). A weapon and where it flew, with no verb ("rakieta nad Polską"), is an
impact cue.
"""

from __future__ import annotations

import re
from itertools import islice

from services.classify.languages import en, pl
from services.classify.languages.table import MAX_CANDIDATES, Cue
from services.classify.text import Prepared, spans_within

# How far from the event word a weapon of its clause may stand, in characters: Polish
# words are long, and the object often follows a place ("wystrzeliła w kierunku Morza
# Japońskiego dwa pociski").
_BEFORE = 60
_AFTER = 90
_FRAME_BEFORE = 50


def cues(p: Prepared, weapons: list[tuple[int, int]]) -> list[Cue]:
    """The cues of the text: each event word bound to the nearest weapon of its clause.
    `weapons` are sorted spans."""
    text = p.text
    # (The headline's last word is no word of the summary's first weapon: "... w magazyn" + "Pocisk ...".)
    weapons = [w for w in weapons if (not pl.NOT_A_WEAPON_BEFORE.search(
                   text, lo := max(0, w[0] - 80, p.title_end + 1 if w[0] > p.title_end else 0), w[0])
               or pl.FROM_LAUNCHER_BEFORE.search(text, lo, w[0]))
               and not pl.NOT_A_WEAPON_AFTER.match(text, w[1], w[1] + 40)]
    if weapons and pl.ARTILLERY.search(text) and all(pl.BARE_SHELL.match(text, *w) for w in weapons) and not (
            pl.MISSILE_QUALIFIER.search(text)):
        # "Ostrzał artyleryjski Chersonia. Pociski spadły na targowisko": in an item about
        # artillery that calls none of them missiles, "pociski" are its shells.
        return []
    if not weapons:
        return []
    starts = [w[0] for w in weapons]
    out: list[Cue] = []
    for m in islice(pl.EVENT_WORDS.finditer(text), MAX_CANDIDATES):
        vs, ve = m.span()
        # Weapons near the word are looked for first: most event words of a text stand
        # far from any weapon, and its form and sentence are then never worked out.
        near = spans_within(weapons, starts, vs - _BEFORE, ve + _AFTER)
        if not near:
            continue
        found = pl.form_of(text[vs:ve].lower())
        if found is None:
            continue
        stem, kind, form = found
        blocked = pl.NOT_AN_EVENT_AFTER.get(stem)
        if blocked is not None and blocked.match(text, ve, ve + 30):
            continue
        blocked = pl.NOT_AN_EVENT_BEFORE.get(stem)
        if blocked is not None and blocked.search(text, max(0, vs - 40), vs):
            continue
        s0, s1 = p.sentence_of(vs)
        near = [w for w in near if s0 <= w[0] and w[1] <= s1
                and (w[1] <= vs or w[0] >= ve)]  # "rakietowy" inside the event word's span is no other word
        near = [w for w in near if not pl.CLAUSE_BREAK.search(text, *((ve, w[0]) if w[0] >= ve else (w[1], vs)))
                or (w[1] <= vs and (pl.CLOSED_RELATIVE.match(text, w[1], vs) or (
                    # (Deep in a sentence too when the relative clause dates its event to the
                    # news's day: "fragmenty pocisku, który w nocy przeleciał nad krajem".)
                    pl.OPEN_RELATIVE.match(text, w[1], vs) and (pl.RELATIVE_HEAD.match(text, s0, w[0])
                                                                or pl.SINGLE_OCCASION.search(text, w[1], vs)))))]
        if form == "noun":
            near = [w for w in near if w[0] >= ve or not pl.PHRASE_BEFORE_NOUN.search(text, w[1], vs)]
        # A weapon after a relative clause's verb is that verb's: "ataku, w którym Rosja
        # wystrzeliła 90 pocisków" tells its launch by the verb, with its subject; "trafione
        # zostały bombowce, z których Rosja wystrzeliwuje rakiety" hit no missiles.
        near = [w for w in near if w[0] < ve or not _event_word_between(text, ve, w[0])]
        if not near:
            continue
        w = min(near, key=lambda w: w[0] - ve if w[0] >= ve else vs - w[1])
        out.append(_cue(kind, form, p, vs, ve, w, s0))
    festive = pl.FESTIVE.search(text) is not None
    for w in weapons[:MAX_CANDIDATES]:
        if festive:
            break  # "Rakiety nad Rynkiem. Kraków przywitał Nowy Rok": fireworks
        # "Rosyjska rakieta nad Polską": a weapon and where it flew, the verb left out.
        over = pl.OVER_AFTER.match(text, w[1], w[1] + 40)
        s0, _ = p.sentence_of(w[0])
        if over is None and w[1] <= p.title_end and pl.WEAPON_OPENS.fullmatch(text, s0, w[0]):
            over = pl.ONTO_AFTER.match(text, w[1], p.title_end)  # "PILNE: Rakiety na Kijów"
        if over is None and w[1] <= p.title_end:
            over = pl.OVER_LEAD.match(text, s0, w[0])  # "Nad Galileą kilkadziesiąt rakiet"
        if over is None and w[1] <= p.title_end and en.COUNTED_BEFORE.search(text, max(s0, w[0] - 20), w[0]):
            over = pl.NIGHT_AFTER.match(text, w[1], p.title_end)  # "43 rakiety w jedną noc"
        if over is not None:
            cue = _cue("impact", "noun", p, over.end() - 1, over.end() - 1, w, s0)
            # With no verb of its own, the weapon takes the frame of its clause's verbs.
            c0 = s0
            for c0m in pl.VERBLESS_CLAUSE_START.finditer(text, s0, w[0]):
                c0 = c0m.end()
            framed = pl.VERBLESS_FRAME.search(text, c0, w[0])
            if framed is None:
                # "rakiety nad Polską będziemy zestrzeliwać": the clause's verb after it.
                s1 = p.sentence_of(w[0])[1]
                c1 = pl.VERBLESS_CLAUSE_START.search(text, over.end(), s1)
                framed = pl.VERBLESS_FRAME.search(text, over.end() - 1, c1.start() if c1 else s1)
            if framed is not None:
                word = framed.group().lower()
                negation = word in ("nie", "bez", "ani", "nigdy")
                cue = cue._replace(negated=cue.negated or negation, modal=cue.modal or not negation)
            if _denied(p, w[0], over.end(), s0):
                cue = cue._replace(negated=True)
            out.append(cue)
    return out


def _event_word_between(text: str, lo: int, hi: int) -> bool:
    """Whether a verb of an event stands in text[lo:hi], in a relative clause opened there
    ("ataku, w którym Rosja wystrzeliła")."""
    for m in pl.EVENT_WORDS.finditer(text, lo, hi):
        found = pl.form_of(m.group().lower())
        if found is not None and found[2] != "noun" and _RELATIVE.search(text, lo, m.start()):
            return True
    return False


_RELATIVE = re.compile(r"\bktór\w+\b", re.IGNORECASE)


def _denied(p: Prepared, start: int, end: int, s0: int) -> bool:
    """Whether the sentence denies the event told from `start` to `end` ("doniesienia o
    rakiecie ... są nieprawdziwe", "MON dementuje informacje o wystrzeleniu rakiety")."""
    text = p.text
    s1 = p.sentence_of(start)[1]
    return bool(pl.DENIED_AFTER.match(text, end, s1)) or bool(
        pl.DENIED_BEFORE.search(text, max(s0, start - 60), start))


def _cue(kind: str, form: str, p: Prepared, vs: int, ve: int, w: tuple[int, int], s0: int) -> Cue:
    """A cue with its framing: modal or future, negated, or the cause in a subordinate clause."""
    text = p.text
    first = min(vs, w[0])
    lo = max(s0, vs - _FRAME_BEFORE)
    attempt = bool(pl.ATTEMPT_BEFORE.search(text, lo, vs))
    # "miała uderzyć": an infinitive after the past of "mieć" is a reported past.
    reported = form == "infinitive" and bool(pl.REPORTED_BEFORE.search(text, lo, vs))
    modal = form in ("future", "infinitive") and not attempt and not reported
    if not modal and not attempt:
        modal = bool(pl.MODAL_BEFORE.search(text, lo, vs)) or (
            first < vs and bool(pl.MODAL_BEFORE.search(text, max(s0, first - _FRAME_BEFORE), first)))
    if not modal and form == "noun":
        end = max(ve, w[1])
        modal = (w[1] < vs and bool(pl.CAPABLE_BETWEEN.search(text, w[1], vs))) or bool(
            pl.MODAL_AFTER.match(text, end, min(len(text), end + 40))) or (
            vs == first and bool(pl.UPCOMING_BEFORE.search(text, lo, vs)))
    if not modal and not attempt:
        # "może się okaże, że rakietę wystrzeliła ...": the clause of "że" is under the modal.
        modal = bool(pl.MODAL_THAT_BEFORE.search(text, s0, first))
    if not modal:
        modal = p.is_question(s0) or bool(pl.QUOTED_TOPIC_BEFORE.search(text, max(s0, first - 30), first))
    if not modal and form == "present":
        modal = bool(pl.HABITUAL_RELATIVE_BEFORE.search(text, max(s0, vs - 40), vs))
    negated = not attempt and (bool(pl.NEGATION_BEFORE.search(text, max(s0, first - 40), first))
                               or (first < vs and bool(pl.NEGATION_BEFORE.search(text, max(s0, vs - 40), vs))))
    negated = negated or _denied(p, first, max(ve, w[1]), s0)
    # "po wystrzeleniu rakiety" makes a launch the cause of other news; "pożar po ataku
    # rakietowym" tells the aftermath of a strike, which the policy counts as its report.
    # "w odpowiedzi na atak rakietowy" gives even a strike as the cause of other news.
    cause = pl.RESPONSE_BEFORE if kind == "impact" else pl.SUBORDINATE_BEFORE
    subordinate = bool(cause.search(text, max(s0, first - _FRAME_BEFORE), first)) and not (
        kind != "impact" and pl.ALARM_CAUSE_BEFORE.search(text, max(s0, first - 80), first))
    start, end = min(vs, w[0]), max(ve, w[1])
    return Cue(kind, start, end, p.in_title(start), modal, negated, subordinate, w, (vs, ve))


def headline_attack(p: Prepared) -> tuple[int, int] | None:
    """The span of the first attack, strike or explosion the headline tells as having
    happened (None in a headline that gives its attack as retaliation), with or without a weapon ("Zmasowany atak na Kijów", "Rosja ostrzelała
    Charków"), or None: a future or infinitive form, a modal or negation before it, or
    a noun's future after it ("atak ... jest spodziewany") tell none."""
    text = p.text
    t_end = p.title_end
    if pl.RETALIATION.search(text, 0, t_end):
        return None  # the attack answers another, which the summary's weapons may be
    for m in islice(pl.EVENT_WORDS.finditer(text, 0, t_end), MAX_CANDIDATES):
        vs, ve = m.span()
        found = pl.form_of(text[vs:ve].lower())
        if found is None or found[0] not in pl.HEADLINE_ATTACK_STEMS or found[2] in ("future", "infinitive"):
            continue
        s0, _ = p.sentence_of(vs)
        lo = max(s0, vs - _FRAME_BEFORE)
        if (pl.MODAL_BEFORE.search(text, lo, vs) or pl.NEGATION_BEFORE.search(text, max(s0, vs - 30), vs)
                or pl.TOPIC_BEFORE.search(text, lo, vs)):
            continue
        if found[2] == "noun" and pl.MODAL_AFTER.match(text, ve, min(t_end, ve + 40)):
            continue
        if p.is_question(s0):
            continue
        return vs, ve
    return None
