"""Does an item report a launch that happened? Cues, weights, calibrated score.

The decision is a logistic combination of a few cues found with the language tables
(languages/) and the gazetteer:
- an event cue: a launch verb bound to a weapon noun in one sentence ("fired two
  ballistic missiles", "북한, 탄도미사일 발사", "弾道ミサイルを発射"), a weapon followed by an
  impact ("missile hits", "rockets strike"), or a weapon test ("ICBM test");
- where it is: the headline carries the main event, the summary only supports it;
- what cancels it: modal or future framing ("could launch", "발사 준비", "発射の可能性"),
  negation, a reaction that is the headline's main event (condemnations, sanctions),
  the launch as the cause in a subordinate clause ("after ... launch"), a headline test
  or launch whose summary gives it only as to come, a summary that lists other stories,
  civil space (a satellite launched by a state other than North Korea or Iran), missile
  defence, things that are not missiles (balloons, drones, shells, engine and
  nuclear tests), retrospectives and explainers;
- what confirms it: flight details (distance, apogee, landing area) and a reporting
  agency (JCS, Japan's defence ministry, KCNA).

Weights were set by hand on the meaning of each cue, then the score is mapped to a
probability by a two-parameter logistic (Platt) fit, so confidence is calibrated.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import islice

from schemas.models import Evidence
from services.classify import gazetteer
from services.classify.languages import ANY, ENGLISH, SUPPORTED_LANGUAGES, detect_language, en, reader_en, \
    reader_pl, reader_verb_final, table_for
from services.classify.languages.table import MAX_CANDIDATES, Cue, LanguageTable
from services.classify.text import SENTENCE_END, Prepared, prepare

__all__ = ["Cue", "Detection", "Features", "Prepared", "SUPPORTED_LANGUAGES", "WEIGHTS", "detect", "detect_language",
           "features", "names_weapon", "prepare", "score"]

_MILITARY_SPACE_ACTORS = frozenset({"PRK", "IRN"})


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
    "title_harm": 1.5,
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
    "summary_list": -3.0,
    "defence_main": -3.0,
    "defence_secondary": -0.5,
    "non_missile_main": -3.5,
    "non_missile_secondary": -1.0,
    "retrospective": -4.0,
    "retrospective_context": -1.0,
    "retrospective_launch": -3.0,
    "aggregate": -3.0,
    "aggregate_total": -3.0,
    "frame_no_event": -1.0,
    "bulk_count": -4.5,
    "sport": -5.0,
    "sport_metaphor": -5.0,
    "explainer": -2.5,
    "genre_label": -4.0,
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


_INTERCEPTORS = re.compile(r"intercept|요격|迎撃|przechwyt", re.IGNORECASE)


def _first(pattern, text: str, lo: int, hi: int) -> tuple[int, int] | None:
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
    return opened is not None and bool(gazetteer.AGENCY_CUE.search(text, max(0, opened - 8), opened))


def _agency_comments(text: str, reaction: re.Match[str], end: int) -> bool:
    """Whether the speaker named right after a reaction word is a reporting agency ("Jest
    komentarz szefa Sztabu Generalnego"): its word on the headline's launch is the official
    statement that tells it, not a reaction to it."""
    return gazetteer.AGENCY_CUE.search(text, reaction.end(), min(end, reaction.end() + 30)) is not None


def _motive(text: str, table: LanguageTable, pos: int, first_event: Cue | None) -> bool:
    """Whether a reaction after the headline's launch answers something else, so tells the
    launch's motive ("탄도미사일 발사…한미연합훈련 반발", "発射　米韓演習に反発か"), in a
    verb-final language where a reaction anywhere is otherwise the main event."""
    return (first_event is not None and table.motive_before is not None and pos > first_event.end
            and bool(table.motive_before.search(text, max(first_event.end, pos - 12), pos)))


# Between the clauses of a Korean or Japanese headline: an ellipsis (or its dots), an
# ideographic space, a slash (not a comma, which joins a topic to its news: "北, 미사일
# 발사"); in Japanese, which writes no space between words, a space too.
_VERB_FINAL_CLAUSE_BREAK = re.compile(r"…|···|‥|\.{2,}|　|\s/\s|\s{2}")
# A defence named at work right after its name ("Red alert in Sderot; Iron Dome activated"),
# over a summary that tells the launch it met.
_DEFENCE_AT_WORK = re.compile(r"\s+(?:(?:is|was|were|are|has\s+been)\s+)?(?:activated|in action|at work|engaged"
                              r"|springs?\s+into\s+action|kicks?\s+in)\b", re.IGNORECASE)
# Between an event noun and the weapon it is of: "test of a new missile", "Test rakiety".
_NOUN_TO_WEAPON = re.compile(r"\s*(?:of\s+(?:the\s+|an?\s+)?)?(?:[\w'’-]+\s+)?", re.IGNORECASE)
# What may end a launch's clause after its verb or weapon: its count, and the close of the
# quote the launch was told in ('北 "극초음속미사일 시험발사"…').
_COUNT_TAIL = re.compile(r"[\s\d발기여発基以上이상을를を]*[\"”’'」』]?")
# ... and its outcome in quotes with who says so, before a break: "人工衛星打ち上げ「成功」と
# 国営メディア　米は非難", "위성 발사 '성공' 주장…美 규탄".
_OUTCOME_TAIL = re.compile(r"\s?[「『“\"‘'][^」』”\"’'\s]{1,6}[」』”\"’']\s?(?:と[^\s　…、]{1,12}|주장|발표|보도)?\s?")


# A launch that dates other news: "..., days after missile launch", "weeks after North Korea's ICBM test";
# and what a launch leaves, which is its own news ("debris found weeks after test").
_TIME_AFTER = re.compile(r"\b(?:days?|weeks?|hours?|months?|a day|a week|a month)\s+(?:after|since)\s+"
                         r"(?:(?:an?|the|its|their|[\w.]+['’]s)\s+)?(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_AFTERMATH = re.compile(r"\b(?:debris|wreckage|fragments?|remnants|shrapnel|tolls?|casualties|dead|killed|wounded"
                        r"|injured|damage[sd]?)\b", re.IGNORECASE)
# The start of a clause told beside the main one: "..., as Trump vows".
_BESIDE_CLAUSE = re.compile(r"\b(?:as|while|amid)\s+(?:[\w.'’-]+\s+){0,4}$", re.IGNORECASE)
# An answer that a launch can be: "北 도발 대응 에이태큼스 발사", "北朝鮮に対抗　ATACMS発射".
_ANSWER = re.compile(r"(?:맞)?대응|보복|반격|맞불|対抗|報復|反撃|対応")


def _answered_by_launch(reaction: re.Match[str], t_asserted: list[Cue]) -> bool:
    """Whether a verb-final headline's reaction word is the motive of a launch it tells
    after it ("한미, 北 IRBM 도발 대응 에이태큼스 4발 동해상 발사"): the answer is the
    launch, the headline's news."""
    return _ANSWER.fullmatch(reaction.group()) is not None and any(
        c.start > reaction.start() and not c.modal and not c.subordinate for c in t_asserted)


def _launch_clause_first(text: str, table: LanguageTable, first_event: Cue | None, reaction: re.Match[str]) -> bool:
    """Whether a verb-final headline tells its launch in a clause of its own, ended by a
    break, before the reaction's ("北 미사일 또 동해로…어민들 '불안'", "北朝鮮が弾道ミサイル
    岸田首相「誠に遺憾」"): the launch is the first news, as in English ("North Korea fires
    missile; Japan protests"). Not a launch that dates the news ("발사 1주일…주민들 불안").
    A Japanese headline may open with its topic, so the caller asks the summary's lede to
    tell the launch too ("北朝鮮ミサイル発射　政府、厳重抗議" over a lede of the protest is
    the protest)."""
    if (first_event is None or first_event.subordinate or first_event.modal or not first_event.in_title
            or reaction.start() <= first_event.end):
        return False
    tail = _OUTCOME_TAIL.match(text, first_event.end, reaction.start()) or _COUNT_TAIL.match(
        text, first_event.end, reaction.start())
    at = tail.end() if tail else first_event.end
    if _VERB_FINAL_CLAUSE_BREAK.match(text, at):
        return True
    # Japanese runs a headline's words together: a space after the launch's clause breaks it.
    return table.unspaced and text[at - 1:at] == " " and at < reaction.start()


# What may close a headline after its launch clause.
_HEADLINE_CLOSE = re.compile(r"[\s!?.！？」』\"”’']*$")


def _launch_clause_last(p: Prepared, table: LanguageTable, first_event: Cue | None, reaction: re.Match[str]) -> bool:
    """Whether a verb-final headline opens with a reaction in a clause of its own, ended by
    a break, and closes with the launch in the last clause ("주민들 '또 미사일이냐'…北,
    동해상으로 탄도미사일 발사"): the quote sets the scene, the launch is the news. The
    caller asks the summary's lede to tell the launch too."""
    if (first_event is None or first_event.subordinate or first_event.modal or not first_event.in_title
            or reaction.end() > first_event.start):
        return False
    text, t_end = p.text, p.title_end
    if not (_VERB_FINAL_CLAUSE_BREAK.search(text, reaction.end(), first_event.start)
            or (table.unspaced and " " in text[reaction.end():first_event.start])):
        return False  # (Japanese writes no space inside a phrase: one breaks the clause.)
    tail = _COUNT_TAIL.match(text, first_event.end, t_end)
    return bool(_HEADLINE_CLOSE.match(text[:t_end], tail.end() if tail else first_event.end))


def _causes_news(text: str, table: LanguageTable, cue: Cue) -> bool:
    """Whether a verb-final cue is the cause or the time of other news, by the table's
    `cause_after` or `time_after` read right after its verb ("쏘자", "발사 닷새 만")."""
    if not cue.subordinate or cue.verb is None:
        return False
    tail = text[cue.verb[1]:cue.verb[1] + 14]
    return any(pattern is not None and pattern.search(tail) is not None
               for pattern in (table.cause_after, table.time_after))


def _within(at: int, spans: list[tuple[int, int]]) -> bool:
    """Whether offset `at` lies in one of `spans` (a work's title: "映画『ミサイル』")."""
    return any(s <= at < e for s, e in spans)


def features(p: Prepared, lang: str) -> tuple[Features, list[Cue]]:
    """Named cue values of an item (before weighting), and its event cues.

    A text in a language no table reads has neither.
    """
    text = p.text
    t_end = p.title_end
    f = Features()
    table = table_for(lang)
    if table is None:
        return f, []
    verb_final = table.verb_final
    english = not verb_final and not table.inflected  # read by the English reader alone
    # English acronyms and names also appear in Korean and Japanese text (the Polish
    # table's weapons hold them).
    en_weapons = [] if table.inflected else [
        (m.start(), m.end()) for m in islice(en.WEAPONS.finditer(text), MAX_CANDIDATES)
        if not en.WEAPON_AS_MODIFIER.match(text, m.end())
        and not en.NOT_A_WEAPON_BEFORE.search(text, max(0, m.start() - 20), m.start())
        and not (text[m.start()] in "Rr" and en.FIREWORKS.search(text, p.sentence_of(m.start())[0], m.start()))]
    own_found = [] if english else list(islice(table.weapons.finditer(text), MAX_CANDIDATES))
    # A weapon in a work's title ("映画『ミサイル』") is none; looked for only beside a weapon.
    works = [m.span() for m in islice(ANY.work_title.finditer(text), MAX_CANDIDATES)] if en_weapons or own_found else []
    if works:
        en_weapons = [w for w in en_weapons if not _within(w[0], works)]
    if english:
        if not en_weapons and not reader_en.title_launch_verbs(p):
            return f, []
        cues = reader_en.cues(p, en_weapons)
    else:
        not_fired = table.not_fired_after
        own = [(m.start(), m.end()) for m in own_found
               if not _within(m.start(), works) and not (not_fired and not_fired.match(text, m.end()))]
        weapons = sorted(en_weapons + own)
        if not weapons:
            return f, []  # no weapon, no launch: every other cue could only lower the score
        if verb_final:
            cues = reader_verb_final.cues(p, table, weapons) + [
                c for c in reader_en.cues(p, en_weapons) if c.kind != "bare"]
        else:
            cues = reader_pl.cues(p, weapons)
    if english and en.HEADLINE_FUTURE.search(text, 0, t_end):
        # Headline future ("Britain to test-fire missile"): nothing in the headline happened yet.
        cues = [c._replace(modal=True) if c.in_title else c for c in cues]
    title_cues = [c for c in cues if c.in_title and c.kind != "bare"]
    summary_cues = [c for c in cues if not c.in_title and c.kind != "bare"]
    if not verb_final and _future_told_by_summary(text, title_cues, summary_cues):
        # "Pentagon announces ICBM test" / "US plans another test launch ...": a headline
        # noun has no tense, and the summary gives it only as to come.
        title_cues = [c._replace(modal=True) for c in title_cues]
    t_asserted = [c for c in title_cues if c.asserted]
    # "... a day after North Korea launched a missile": a launch given as the cause of the
    # summary's news does not confirm that the item reports it.
    # Nor does a total over a period ("Hezbollah has fired more than 8,000 rockets at
    # northern Israel since October 8"), the policy's aggregate statistics.
    s_asserted, s_totals = [], []
    for c in summary_cues:
        if c.asserted and not c.subordinate:
            # (Read within a headline's length of the launch: a sentence may be a megabyte.)
            s0, s1 = p.sentence_of(c.start)
            near = (max(s0, c.start - _TOTAL_REACH), min(s1, c.end + _TOTAL_REACH))
            total = _total_period(p, table, (ANY.aggregate, ANY.total_period), near) or _summary_trend(p, table, c)
            (s_totals if total else s_asserted).append(c)
            if s_asserted:
                # Only the first launch that is no total counts from here on: the rest need
                # not be read (a summary of a hundred launch sentences took 30 ms).
                break
    if s_totals and not s_asserted and not t_asserted:
        # The summary's only launch is such a total: the item is statistics.
        f.set("aggregate", 1, (s_totals[0].start, s_totals[0].end))
        f.set("aggregate_total", 1, (s_totals[0].start, s_totals[0].end))
    if t_asserted:
        f.set("title_event", 1, (t_asserted[0].start, t_asserted[0].end))
    elif title_cues:
        c = title_cues[0]
        f.set("title_modal_only" if c.modal else "title_negated_only", 1, (c.start, c.end))
    if s_asserted:
        name = "summary_event_confirms" if t_asserted else "summary_event"
        f.set(name, 1, (s_asserted[0].start, s_asserted[0].end))
        if not t_asserted:
            # "• Ukraine says it shot down 4 missiles • ...": a summary made of other
            # stories' headlines does not tell this headline's event.
            bullets = _SUMMARY_BULLETS.findall(text, t_end)
            if len(bullets) >= 2:
                f.set("summary_list", 1, (s_asserted[0].start, s_asserted[0].end))
    if s_asserted and not t_asserted and (harm := _TITLE_HARM.search(text, 0, t_end)):
        # "Building in Ramat Gan collapses, 2 killed || ... when an Iranian ballistic missile
        # hit": a headline that tells the harm over a summary that tells the launch.
        f.set("title_harm", 1, harm.span())
    bare = [c for c in cues if c.kind == "bare" and c.asserted]
    # "Russia launches massive air attack": the policy counts an attack as a launch only
    # when a missile or rocket is named in the headline or the summary.
    if not t_asserted and english and (en_weapons or en.WEAPONS.search(text)):
        unasserted = [(c.start, c.end) for c in title_cues if not c.asserted]
        for v_start, v_end in reader_en.title_launch_verbs(p):
            if reader_en.fire_idiom(text, v_start, v_end):
                continue  # "opened fire in suspected terror attack"
            if _within(v_start, unasserted):
                continue  # "Russia could launch another missile strike": to come, as its cue says
            a = en.ATTACK_AFTER.match(text, v_end, t_end)
            if a and not en.NONWEAPON_OBJECT.search(text, v_end, a.end()):
                f.set("title_attack", 1, (v_start, a.end()))
                break
        if "title_attack" not in f.values and (record := en.WEAPONS_IN_RECORD_OCCASION.search(text, 0, t_end)):
            f.set("title_attack", 1, record.span())
    if not t_asserted and "title_attack" not in f.values:
        # "Russia pounds Kharkiv": an attack told by the headline with no weapon, whose
        # summary names the missiles or rockets in an event of its own (not as what the
        # headline's attack answers: "struck ... in response to rocket fire").
        if s_asserted:
            span = (reader_verb_final.headline_attack(p, table) if verb_final
                    else reader_pl.headline_attack(p) if table.inflected else reader_en.headline_attack(p))
            if span is not None:
                f.set("title_attack", 1, span)
    if bare and not t_asserted:
        f.set("title_bare_launch", 1, (bare[0].start, bare[0].end))
    if not t_asserted:
        span = _first(table.weapons, text, 0, t_end)
        # "told not to comment on ballistic missile": a weapon named under negation is no
        # sign, nor is one that only qualifies another noun ("satellite TV").
        if (span and not title_cues and not _negated(text, table, span[0])
                and not en.WEAPON_AS_MODIFIER.match(text, span[1])):
            f.set("title_weapon", 1, span)
    work = next((w for w in works if w[1] <= t_end), None) if not t_asserted else None
    if work:
        # "映画「ミサイル」来年2月公開": a headline about a film, a game, a book, whatever
        # launch its summary retells.
        f.set("frame_no_event", 1, work)
    if not (t_asserted or s_asserted or bare or "title_attack" in f.values):
        # No event at all: the score is already below the line and every cue left could
        # only lower it further, so they are not looked for; but a headline with no launch
        # of any tense whose news is something else is the policy's verdict (`frame_no_event`).
        span = None if title_cues else _frame_without_event(p, table)
        if span:
            f.set("frame_no_event", 1, span)
        return f, cues

    span = _first(ANY.flight_detail, text, 0, len(text))
    if span and (t_asserted or s_asserted or bare):
        f.set("flight_details", 1, span)
    span = _first(gazetteer.AGENCY_CUE, text, 0, len(text))
    if span and (t_asserted or s_asserted or bare):
        f.set("agency", 1, span)

    # "Analysis: What Pyongyang's latest launch says || North Korea on Thursday fired ...":
    # a feature's headline (an analysis, an explainer, a question, a digest) over a lede that
    # tells one launch of the news's day reports that launch.
    reported = bool(s_asserted) and _lede_dates_launch(p, table, s_asserted[0])
    # Main-event rule: a reaction in the headline before the launch is the headline's event.
    first_event = t_asserted[0] if t_asserted else None
    event_at = first_event.start if first_event else f.spans.get("title_attack", (None,))[0]
    reaction = _reaction(text, table, t_end, first_event, event_at)
    if reaction is None and table is not ENGLISH:
        reaction = _reaction(text, ENGLISH, t_end, first_event, event_at)
    if reaction is not None and _STATEMENT.match(reaction.group()) and _lede_tells_launch(p, table, s_asserted):
        # "Statement on Attack on U.S. Forces at Al-Asad Air Base || At approximately 6:30
        # p.m., militants fired ... missiles at ...": an official statement that tells the
        # launch in its first sentence, and reacts to nothing there, reports it.
        reaction = None
    if reaction is None and table.consequence is not None:
        caused = table.consequence.search(text, 0, t_end)
        if caused and (first_event is None or first_event.subordinate or caused.start() < first_event.start):
            reaction = caused  # "北 미사일 발사 소식에 코스피 하락": the launch is the cause of the news
    if reaction is not None and first_event is None and reported and _LIVE_PAGE.search(text, 0, t_end):
        # A live page's headline lists stories ("Middle East crisis live: Blinken lands for
        # talks"): a reaction word there is another story's, beside a lede that tells one
        # launch of the day and a headline that tells none.
        reaction = None
    judged = first_event is not None and table.judged_after is not None and (
        table.judged_after.match(text, first_event.end, min(t_end, first_event.end + 60)))
    spoken = None if judged else _words_after(p, table, t_asserted, event_at)
    if judged:
        f.set("reaction_main", 1, judged.span())  # "Kremlin: ATACMS strikes ... mean NATO is involved"
    elif spoken:
        f.set("reaction_main", 1, spoken)  # "Duda po ataku rakietowym na Kijów: Polska nie zostawi ..."
    elif reaction:
        span = (reaction.start(), reaction.end())
        # Korean and Japanese put the main verb last: a reaction word anywhere in the
        # headline is its main event, unless the headline itself gives flight facts.
        verb_final_main = (verb_final and not ANY.flight_detail.search(text, 0, t_end)
                           and not _agency_statement(text, reaction.start())
                           and not _motive(text, table, reaction.start(), first_event)
                           and not (_launch_clause_first(text, table, first_event, reaction)
                                    and _lede_tells_launch(p, table, s_asserted)))
        answered = verb_final and (_answered_by_launch(reaction, t_asserted) or (
            _launch_clause_last(p, table, first_event, reaction) and _lede_tells_launch(p, table, s_asserted)))
        # "missile tests violate UN resolutions": a noun event whose own verb is a reaction.
        noun_subject = (first_event is not None and first_event.verb is not None
                        and text[first_event.verb[0]:first_event.verb[1]].lower() in en.NOUN_EVENTS
                        # the weapon before its noun or right after it ("missile strikes", "test
                        # of a missile", "Test rakiety"), not the object of a verb ("India strikes
                        # Pakistan with missiles, Islamabad vows response")
                        and (first_event.weapon is None or first_event.weapon[1] <= first_event.verb[0]
                             or _NOUN_TO_WEAPON.fullmatch(text, first_event.verb[1], first_event.weapon[0]) is not None)
                        and 0 <= reaction.start() - first_event.end <= 25
                        # (Not a reaction in a clause beside the launch: "Gaza militants fire
                        # rockets at Israel as cease-fire talks stall".)
                        and not _BESIDE_CLAUSE.search(text, first_event.end, reaction.start()))
        # Polish headlines open with their topic and close with their news ("Rakieta nad
        # Polską. Sojusznicy komentują"): a reaction in a later sentence of the headline,
        # one that reports no launch of its own, is the headline's main event.
        later_sentence_main = False
        if table.inflected and first_event is not None and not _LIVE_LABEL.match(text):
            r0, r1 = p.sentence_of(reaction.start())
            later_sentence_main = r0 > first_event.start and not any(r0 <= c.start < r1 for c in t_asserted)
        # ... unless the one who comments is the agency that reports the launch ("Jest
        # komentarz Sztabu Generalnego"): its word is the official statement that tells it.
        agency_comments = table.inflected and _agency_comments(text, reaction, t_end)
        # "US strikes on Yemen kill 31, as Trump vows ...": a reaction in a clause of "as",
        # "while" or "amid" after the headline's attack is beside it, not its news.
        attack = f.spans.get("title_attack")
        beside_attack = (first_event is None and attack is not None and not verb_final and attack[1] <= reaction.start()
                         and _BESIDE_CLAUSE.search(text, max(attack[1], reaction.start() - 40), reaction.start()))
        if answered or beside_attack or agency_comments:
            f.set("reaction_secondary", 1, span)
        elif (first_event is None or reaction.start() < first_event.start or first_event.subordinate or verb_final_main
                or noun_subject or later_sentence_main):
            f.set("reaction_main", 1, span)
        else:
            f.set("reaction_secondary", 1, span)
    if t_asserted and t_asserted[0].subordinate:
        f.set("subordinate", 1, (t_asserted[0].start, t_asserted[0].end))
        if "reaction_main" not in f.values and (
                all(_causes_news(text, table, c) for c in t_asserted) if verb_final
                else english and all(_TIME_AFTER.search(text, max(0, c.start - 40), c.start) for c in t_asserted)
                and not _AFTERMATH.search(text, 0, t_end)):
            # "北 미사일 쏘자 방산株 들썩", "ICBM 발사 닷새 만", "S Korea fires warning shots at
            # soldiers who crossed border, days after missile launch": every launch the
            # headline tells is the cause or the time of its news, which is another event
            # (unless that news is what the launch left: "debris found weeks after test").
            f.set("reaction_main", 1, (t_asserted[0].start, t_asserted[0].end))

    span = _first(ANY.civil_space, text, 0, len(text))
    if span and not _missile_beside_civil(text, t_asserted, span):
        f.set("civil_space", 1, span)
    event_cues = t_asserted or s_asserted
    # The weapon and the word after it: Polish puts the adjective second ("rakieta nośna").
    if event_cues and all(c.weapon and ANY.satellite.search(text, c.weapon[0], _next_word_end(text, c.weapon[1]))
                          for c in event_cues):
        readings = [_military_space_launch(p, c) for c in event_cues]
        if not any(readings):
            # A state other than North Korea or Iran launching its satellite is civil space
            # under the policy; a launch whose launcher no state names is only doubtful.
            named_civil = False in readings and "civil_space" not in f.values
            f.set("civil_space" if named_civil else "space_without_state_actor", 1, event_cues[0].weapon)

    span = _first(ANY.defence, text, 0, t_end)
    if span:
        # The defence as the subject at work, after its name: not "strikes to destroy air defences".
        at_work = bool(s_asserted) and (ANY.interception.search(text, span[1], t_end) is not None
                                        or _DEFENCE_AT_WORK.match(text, span[1], t_end) is not None)
        f.set("defence_secondary" if t_asserted or at_work else "defence_main", 1, span)
    span = _first(ANY.non_missile, text, 0, t_end)
    if span:
        # "150 missiles and drones": a weapon named with it shares the headline's event.
        main = not t_asserted and not _joined_to_weapon(text, span, table, t_end)
        if main and s_asserted and _AIR_STRIKE.fullmatch(text, *span):
            # "Five killed in airstrikes" over "Russia launched a missile attack ...": a
            # strike from the air names no weapon, and the summary names its missiles.
            main = False
            if "title_attack" not in f.values:
                f.set("title_attack", 1, span)
        f.set("non_missile_main" if main else "non_missile_secondary", 1, span)
    elif not t_asserted and not s_asserted:
        span = _first(ANY.non_missile, text, t_end, len(text))
        if span:
            f.set("non_missile_secondary", 1, span)
    span = _first(ANY.retrospective, text, 0, t_end)
    if span is None:
        m = ANY.obituary_start.match(text, 0, t_end)
        span = (m.start(), m.end()) if m else None
    looked_back = _looked_back_on(text, table, t_asserted) if verb_final else None
    label = ANY.look_back_label.search(text, 0, t_end)
    obituary = ANY.obituary.search(text, 0, t_end)
    if obituary is not None and _KILLED.search(text, t_end, p.sentence_of(t_end + 1)[1] if t_end < len(text) else t_end):
        obituary = None  # "Nie żyje czteroletnia Lisa || Dziewczynka zginęła w Winnicy, w którą ...": killed, not dead of age
    if obituary is None and not t_asserted:
        # "Zmarł generał, który kierował programem rakietowym || ... zmarł w wieku 84 lat":
        # a headline that tells no launch, over a summary that tells a death of old age.
        obituary = ANY.obituary.search(text, t_end, len(text))
    if (label and t_asserted) or (obituary and (t_asserted or s_asserted)):
        # "On this day in 2012: North Korea launches ...", "로켓 공격 때 이웃 구한 의사 별세",
        # "元市長が死去 74歳" over a summary of the rockets of his years.
        label = label or obituary
        looked_back = (label.start(), label.end())
    if span is None and not looked_back and not t_asserted and s_asserted and (
            "title_attack" not in f.values or _ATTACK_AFTER_WHICH.search(text, max(0, f.spans["title_attack"][0] - 12),
                                                                    f.spans["title_attack"][0])):
        # "Opera reopens || ... a year after its windows were blown out by a missile strike",
        # "Book fair moves underground || ... after a missile strike destroyed it in May 2024":
        # a headline with no launch over a summary whose launch is dated in the past.
        s0, s1 = p.sentence_of(s_asserted[0].start)
        span = _dated_in_past(text, s0, s1)
    if looked_back:
        # "화성-15형 발사 5주년", "ICBM発射から1年": the look-back follows the launch it is of.
        f.set("retrospective", 1, looked_back)
        f.set("retrospective_launch", 1, looked_back)
    elif span:
        # "fired ... on the anniversary of X" times a new launch; "years ago, X fired" looks back.
        after_event = bool(t_asserted) and span[0] > t_asserted[0].end and not ANY.always_looks_back.match(text, span[0])
        after_event = after_event or _sets_the_scene(text, table, span, t_asserted) or _marked_with(text, span, t_asserted)
        restored = _restored_after_harm(text, span, t_asserted)
        after_event = after_event and not restored
        f.set("retrospective_context" if after_event else "retrospective", 1, span)
        if restored or (not verb_final and not after_event and _looks_back_at(text, span, t_asserted)):
            f.set("retrospective_launch", 1, span)
    for name, pattern in _HEADLINE_FRAMES:
        if reported and name == "digest":
            continue
        span = _first(pattern, text, 0, t_end)
        if span and name == "aggregate" and (
                ANY.superlative.search(text, p.sentence_of(span[0])[0], span[0])
                or (verb_final and _compares_after(text, table, span[1], t_end))):
            # "the biggest attack this year", "過去5年で最多ペース": one event compared with
            # the others, not a total (the superlative follows the period in Korean and Japanese).
            continue
        total = span is not None and name == "aggregate" and _tells_total(text, table, span, t_end)
        if span and name == "aggregate" and _sets_the_scene(text, table, span, t_asserted) and not total:
            continue  # "A year since the war began, Russia fires 60 missiles": the time of this launch
        series = table.one_of_series
        if span and name == "aggregate" and verb_final and not total and table.late_report and (
                table.late_report.search(text, 0, t_end)):
            continue  # "北, 지난달 순항미사일 시험 뒤늦게 공개": the period dates one launch told late
        if span and name == "aggregate" and verb_final and series and series.search(text, 0, t_end) and not total:
            # "SRBM 발사…올해 들어 세 번째": in a verb-final headline, the period dates one
            # launch of a series (English keeps the frame: the model has learned it there).
            continue
        if span and name == "bulk_count" and table.single_occasion and table.single_occasion.search(text, 0, t_end):
            continue  # "3,000 rockets fired on Saturday": one occasion's salvo, however large
        if name == "aggregate" and not total:
            # "fired 4,000 rockets during 11-day conflict, IDF tally shows": a period that
            # makes a total only with its count.
            period = _total_period(p, table, (ANY.total_period,))
            if period:
                span, total = period, True
        if span:
            f.set(name, 1, span)
            if total:
                f.set("aggregate_total", 1, span)
            if name == "sport" and verb_final and t_asserted and not gazetteer.ACTOR_TABLE.all(text, 0, t_end):
                # "大谷、ミサイル発射！打球速度188キロ": a launch in a headline of sport that
                # names no state or group is the game's metaphor.
                f.set("sport_metaphor", 1, span)
    span = _trend(p, table, t_asserted) or _rate(p, table) or _milestone(p, table)
    if span:
        # "Houthi missile attacks dwindle", "Israel intercepts 90% of rockets", "Russia's
        # missile tally passes 10,000": statistics
        f.set("aggregate", 1, span)
        f.set("aggregate_total", 1, span)
    m = ANY.explainer_start.match(text, 0, t_end)
    span = (m.start(), m.end()) if m else _first(ANY.explainer, text, 0, t_end)
    if span and english and text[span[0]] == "?" and p.sentence_of(span[0])[0] > 0:
        # "Plant lost power for the sixth time. Is disaster imminent?": the headline's news
        # is told by its first sentence; the question after it asks what follows.
        span = None
    if span and not reported:
        f.set("explainer", 1, span)
    m = ANY.genre_label.match(text, 0, t_end)
    if m and not reported:
        f.set("genre_label", 1, m.span())  # "Opinion: The Houthis' missile campaign is a test ..."
    return f, cues


# A strike from the air, by aircraft or by missiles: the summary tells which.
_AIR_STRIKE = re.compile(r"air ?strikes?", re.IGNORECASE)

# Headlines of live pages list several stories, one to a part: "Putin meets Kim; missile
# attack on Sevastopol". A reaction in one part is not the main event of another.
_HEADLINE_PARTS = re.compile(r";|\s\|\s")

# Between a weapon and a word for another weapon named with it: "missiles and drones",
# "drones, missiles", "rakiet i dronów".
_JOINED = re.compile(r"\s*(?:,|&|\band\b|\bor\b|\bi\b|\boraz\b|\blub\b)\s*(?:(?:and|i|oraz)\s+)?(?:[\w'-]+\s+){0,2}?",
                     re.IGNORECASE)


# A statement is a reaction unless the reporting agency makes it; so is its word of
# success ("IRNA mówi o sukcesie").
_STATEMENT = re.compile(r"statement|oświadcz|mówi o (?:sukces|udan|powodzeni)", re.IGNORECASE)
# A live page's label: its headline's sentences are its stories ("NA ŻYWO | Atak rakietowy
# na Zaporoże. Rozmowy w Stambule").
_LIVE_LABEL = re.compile(r"\s*(?:relacja\s+)?na\s+żywo\s*[|:]", re.IGNORECASE)
_LIVE_PAGE = re.compile(r"\blive\s*(?:[:|]|updates?\b|blog\b)|[–—-]\s*live\s*$|\bna\s+żywo\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s")


def _sentence_start(text: str, pos: int) -> int:
    """Where the headline sentence holding `pos` starts (after the last ". " before it)."""
    last = None
    for last in _SENTENCE_END.finditer(text, 0, pos):
        pass
    return last.end() if last else 0


_LEDE_CHARS = 300


def _lede_tells_launch(p: Prepared, table, s_asserted: list[Cue]) -> bool:
    """Whether the summary's lede (its first 300 characters) asserts a launch with no
    reaction word before the end of that launch's sentence ("We are aware of the launches
    and are consulting closely with our allies" reacts), but an answer that a launch
    after it in the sentence is."""
    if not s_asserted or s_asserted[0].start - p.title_end > _LEDE_CHARS:
        return False
    end = p.sentence_of(s_asserted[0].start)[1]
    if en.REACTION.search(p.text, p.title_end, end):
        return False
    # (An answer that the launch is, told before it: "북한의 발사에 대응해 ... 2발을 발사해".)
    return not any(not (_ANSWER.fullmatch(m.group()) and any(m.start() < c.start < end and not c.subordinate
                                                              for c in s_asserted))
                   for m in table.reaction.finditer(p.text, p.title_end, end))


def _reaction(text: str, table, t_end: int, first_event: Cue | None, event_at: int | None) -> re.Match | None:
    """The first reaction word of the headline that can be its main event, or None.

    Not one: after the event, a statement by a reporting agency named before it in its
    sentence ("Missile over Poland. General Staff issues a statement"; "Agency statement
    on missile launches" stays a reaction), a reaction word inside the event's own words ("missile
    violated Poland's airspace"), an impact verb right after a weapon ("missile barrage
    slams targets": the weapon is its subject), or a word in another part of a headline
    that lists several stories (`_HEADLINE_PARTS`) than the event's.
    """
    for m in table.reaction.finditer(text, 0, t_end):
        r0 = m.start()
        if (first_event is not None and r0 > first_event.end and _STATEMENT.match(text, r0)
                and gazetteer.AGENCY_CUE.search(text, _sentence_start(text, r0), r0)):
            continue  # "Missile over X. General Staff issues statement": the agency's statement reports it
        if first_event is not None:
            if first_event.start <= r0 < first_event.end:
                continue
            impact = en.IMPACT.match(text, r0, m.end()) if 0 <= r0 - first_event.end <= 1 else None
            if impact is not None and impact.end() == m.end():
                continue
            if r0 > first_event.end and _TIME_ANCHOR.search(text, first_event.end, r0):
                continue  # "missile attack ahead of peace talks": the talks date the attack
        if event_at is not None:
            lo, hi = (r0, event_at) if r0 < event_at else (event_at, r0)
            if _HEADLINE_PARTS.search(text, lo, hi):
                continue
        return m
    return None


# A year in a summary's sentence (not a dateline's: "SEOUL, Nov 23, 2023 (Reuters) -") ...
# (Not a quantity: "2000 km", "1900 rakiet".)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b(?!\s*[(\[])(?!\s*(?:km|kilomet\w*|mi\b|miles?|mil\b|m\b|kg|t\b|tons?|tonnes?|ton\b"
                   r"|%|proc|rakiet|pocisk|missiles?|rockets?|dron|drones?|osób|people))")
# ... nor a name's number ("Metalist 1925", "Euro 2024"): a capitalised word right before
# it that is no month.
_NAME_BEFORE_YEAR = re.compile(r"\b(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))[A-Z][a-z]+\s$")
# ... nor a day's full date ("on Friday, Jan. 3, 2025": the day of the news).
_WEEKDAY_DATE_BEFORE = re.compile(r"day,?\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+)?$")


# ... or a month with no day ("in October", "w listopadowym ataku"), or attacks told as a
# habit or a span ("repeatedly", "wielokrotnie ostrzeliwany", "przez ponad rok ostrzeliwał").
_MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
_BACKGROUND_TIME = re.compile(
    rf"\b(?:in (?:{_MONTHS_EN})(?!\s+\d)|(?:{_MONTHS_EN})'s|repeatedly|regularly|for (?:months|years|weeks|decades)"
    r"|(?:almost |nearly )?(?:daily|nightly|every (?:day|night))|routinely|constantly|frequently|in the past"
    r"|w przeszłości|niejednokrotnie"
    r"|earlier this year|last (?:year|month|spring|summer|autumn|fall|winter)|last week's"
    r"|ubiegłotygodniow\w*|zeszłotygodniow\w*|zimą|latem|wiosną|jesienią|od początku"
    r"|w (?:styczniu|lutym|marcu|kwietniu|maju|czerwcu|lipcu|sierpniu|wrześniu|październiku|listopadzie|grudniu)"
    r"|(?:styczniow|lutow|marcow|kwietniow|majow|czerwcow|lipcow|sierpniow|wrześniow|październikow|listopadow"
    r"|grudniow)\w+|wielokrotnie|regularn\w+|od miesięcy|przez (?:ponad )?(?:rok|\d+ (?:lat|miesięcy)))\b")


# "for the first time since the start of the war": a record, not a look-back.
_FIRST_TIME_BEFORE = re.compile(r"(?:first(?: time)?|po raz pierwszy|pierwszy raz)\s+(?:\w+\s+)?$", re.IGNORECASE)


# A sentence is read for its date to this many characters: a real one is far shorter, and a
# run of text with no stop in it (a hostile megabyte) costs no more than one.
_SENTENCE_DATE_CHARS = 2_000


def _dated_in_past(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The span of the first words between lo and hi (at most `_SENTENCE_DATE_CHARS` of
    them) that date their sentence in the past (a look-back, a year, a month with no day, a
    habit), or None."""
    hi = min(hi, lo + _SENTENCE_DATE_CHARS)
    for pattern in (ANY.retrospective, _YEAR, _BACKGROUND_TIME):
        for m in pattern.finditer(text, lo, hi):
            if _FIRST_TIME_BEFORE.search(text, max(lo, m.start() - 30), m.start()):
                continue
            if pattern is _YEAR and (_WEEKDAY_DATE_BEFORE.search(text, max(lo, m.start() - 25), m.start())
                                     or _NAME_BEFORE_YEAR.search(text, max(lo, m.start() - 20), m.start())):
                continue
            return m.span()
    return None


def _lede_dates_launch(p: Prepared, table: LanguageTable, cue: Cue) -> bool:
    """Whether the sentence of the summary's launch `cue`, or the headline, dates it to one
    occasion of the news ("on Thursday", "overnight", "w nocy", "we wtorek wieczorem",
    "Najważniejsze informacje z nocy"), and the sentence does not date it in the past."""
    if table.single_occasion is None:
        return False
    s0, s1 = p.sentence_of(cue.start)
    dated = table.single_occasion.search(p.text, s0, s1) or table.single_occasion.search(p.text, 0, p.title_end)
    return bool(dated) and _dated_in_past(p.text, s0, s1) is None


# Before a headline's attack told as what came before its news ("Uciekła z Charkowa po
# ataku", "Fled Kharkiv after the attack"): the summary may date that attack in the past.
_ATTACK_AFTER_WHICH = re.compile(r"\b(?:po|after|following)\s+(?:the\s+)?$", re.IGNORECASE)


# A death by violence in the summary's first sentence: no obituary.
_KILLED = re.compile(r"\b(?:zgin\w*|zabit\w*|killed)\b", re.IGNORECASE)


# Harm in a headline, as done: the dead, the wounded, the damage, the sheltering (past forms,
# participles and nouns; not "mają zniszczyć", what an attack is meant to do).
_TITLE_HARM = re.compile(
    rf"\b(?:{en.HARM_WORDS}|deaths?|death toll|collapsed?|collapses|blaze"
    r"|zginęł\w*|zginął|zabit\w*|ofiar\w*|rann[iy]\w*|uszkodzon\w*|uszkodził\w*|uszkodzeni\w*|zniszczon\w*"
    r"|zniszczył\w*|zniszczeni\w*|gruz\w*|pożar\w*|prądu|schron\w*|syren\w*|ewakuac\w*|ewakuowan\w*)\b",
    re.IGNORECASE)


# A later event that only dates the launch before it: "... ahead of peace talks",
# "... przed rozmowami w Stambule".
_TIME_ANCHOR = re.compile(r"\b(?:ahead of|before|on the eve of|przed|w przeddzień)\s+(?:[\w'’-]+\s+){0,3}$",
                          re.IGNORECASE)


# What a strike left, told after a colon: its aftermath, not a speaker's words.
_DAMAGE = re.compile(r"\b(?:power|blackouts?|outages?|damage\w*|destr\w+|fires?|rubble|evacuat\w*|prąd\w*|zniszcz\w*"
                     r"|pożar\w*|uszkodz\w*|ewakuac\w*|gruz\w*)\b", re.IGNORECASE)


def _words_after(p: Prepared, table: LanguageTable, t_asserted: list[Cue], event_at: int | None) -> tuple[int, int] | None:
    """The speaker of a headline that opens with a speaker and the launch their words follow
    or concern, then gives the words after a colon ("Zelensky after missile strike on Kyiv:
    'We need more Patriots'"): the main-event rule's leader's statement. None when the words
    tell an event or a harm of their own ("... : 30 of 40 missiles downed", "...: 10 dead").
    `event_at`: where the headline's first event (or its attack with no weapon) starts."""
    if table.speaker_after is None or event_at is None:
        return None
    text, t_end = p.text, p.title_end
    m = table.speaker_after.match(text, 0, t_end)
    if m is None or event_at < m.end():
        return None
    colon = text.find(":", m.end(), t_end)
    if colon < 0 or any(c.start > colon for c in t_asserted) or _HARM_BEFORE.search(text, colon, t_end) or (
            _DAMAGE.search(text, colon, t_end)):
        return None
    return m.span()


def _joined_to_weapon(text: str, span: tuple[int, int], table, t_end: int) -> bool:
    """Whether the headline names a weapon joined to the word at `span` ("missiles and drones")."""
    lo, hi = max(0, span[0] - 40), min(t_end, span[1] + 40)
    patterns = (table.weapons,) if table.inflected or table is ENGLISH else (table.weapons, en.WEAPONS)
    for pattern in patterns:
        for m in pattern.finditer(text, lo, hi):
            gap = (m.end(), span[0]) if m.end() <= span[0] else (span[1], m.start())
            if gap[0] <= gap[1] and _JOINED.fullmatch(text, *gap):
                return True
    return False


# Where the clause of a launch ends: "South Korea launches a satellite, North Korea ...".
_CLAUSE_END = re.compile(r"[,;:]|\s(?:as|while|whereas|but|and|after|before|amid|ahead of)\s", re.IGNORECASE)

# A summary that lists other stories: "• Ukraine says ... • Ukraine orders ...".
_SUMMARY_BULLETS = re.compile(r"[•▪●■]|(?:^|\n)\s*[-*]\s")


def _future_told_by_summary(text: str, title_cues: list[Cue], summary_cues: list[Cue]) -> bool:
    """Whether the headline's events are all tenseless nouns ("ICBM test", "rocket launch")
    and the summary tells of a launch only as to come ("plans another test launch"). A
    capability ("the missile could strike ...") is no launch to come."""
    if not title_cues or not summary_cues or any(c.asserted for c in summary_cues):
        return False
    if not any(c.modal and c.kind in ("launch", "test") for c in summary_cues):
        return False  # the summary only denies, or tells what the weapon could do
    for c in title_cues:
        if c.verb is None or en.LAST_WORD.split(text[c.verb[0]:c.verb[1]].lower())[-1] not in _SCHEDULED_NOUNS:
            return False
    return True


# The noun events that are announced before they happen ("ICBM test", "satellite
# launch"); an attack, strike or barrage named by a noun has happened.
_SCHEDULED_NOUNS = frozenset({"test", "launch"})


_NEXT_WORD = re.compile(r"\s*\S+")


def _next_word_end(text: str, end: int) -> int:
    """Where the word after `end` ends: a Polish adjective follows its noun ("rakieta nośna",
    "satelity szpiegowskiego")."""
    m = _NEXT_WORD.match(text, end)
    return m.end() if m else end


def _military_space_launch(p: Prepared, cue: Cue) -> bool | None:
    """Whether a satellite launch is military or by a sanctioned state program (policy):
    True when the satellite is called military ("spy satellite") or the launch's clause
    (from its sentence's start to the next comma, "as", "while" or the like: "satellite
    launched by North Korea") names North Korea or Iran; False when that clause names
    only other states; where it names no state, True when the item mentions North Korea,
    Iran or a military satellite anywhere (passive reports name the launcher elsewhere),
    else None."""
    text = p.text
    s0, s1 = p.sentence_of(cue.start)
    w0, w1 = cue.weapon  # type: ignore[misc]
    if ANY.military_space.search(text, max(s0, w0 - 30), _next_word_end(text, w1)):
        return True
    clause_break = _CLAUSE_END.search(text, cue.end, s1)
    clause_end = clause_break.start() if clause_break else s1
    states = {canonical for _, _, canonical in gazetteer.ACTOR_TABLE.all(text, s0, clause_end)}
    if states:
        return bool(states & _MILITARY_SPACE_ACTORS)
    actors = {canonical for _, _, canonical in gazetteer.ACTOR_TABLE.all(text)}
    return True if actors & _MILITARY_SPACE_ACTORS or ANY.military_space.search(text) else None


_CLAUSE_PUNCT = re.compile(r"[,;:.!?—–]|\s-\s")
_CLAUSE_PUNCT_NOT_DOT = re.compile(r"[,;:!?—–]|\s-\s")


def _clause_break(text: str, lo: int, hi: int) -> bool:
    """Whether a clause ends between lo and hi: punctuation, or a full stop that ends a
    sentence (not the one of an abbreviation: "W 2022 r. Korea Płn. wystrzeliła")."""
    return bool(_CLAUSE_PUNCT_NOT_DOT.search(text, lo, hi) or SENTENCE_END.search(text, lo, hi))


# At most one word: between a look-back's words and the weapon of the attack they hold.
_WORD_OR_NONE = re.compile(r"\s*(?:[\w-]+\s+)?")


def _looks_back_at(text: str, span: tuple[int, int], t_asserted: list[Cue]) -> bool:
    """Whether the headline's launch is the one a look-back is of: it follows the
    look-back's words in their clause ("Five years since North Korea's first ICBM test"),
    not in a clause of its own ("A year since the invasion, Russia fires 80 missiles"), or
    they date it, right after it ("po ataku rakietowym z 2023 roku"), or the look-back's
    words hold it, its weapon right after them ("Rok po irańskim ataku rakietowym"; not
    "Rok po ataku Rosja znów wystrzeliła rakiety")."""
    if not t_asserted:
        return False
    cue = t_asserted[0]
    return ((span[1] <= cue.start and not _CLAUSE_PUNCT.search(text, span[1], cue.start))
            or 0 <= span[0] - cue.end <= 1
            or (span[0] <= cue.start < span[1] and cue.weapon is not None
                and _WORD_OR_NONE.fullmatch(text, span[1], cue.weapon[0]) is not None))


def _restored_after_harm(text: str, span: tuple[int, int], t_asserted: list[Cue]) -> bool:
    """Whether a look-back is the restoration of a place the headline's attack harmed, told
    after it ("Museum damaged in missile strike reopens after repairs", "ミサイル攻撃で損傷の
    美術館、修復終え公開再開"): the news is the restoration, long after the strike. Not a new
    attack on a restored place ("Russian missile strikes museum that reopened after repairs":
    no harm is told with the attack)."""
    if not t_asserted or span[0] < t_asserted[0].end or not ANY.restored.match(text, span[0]):
        return False
    cue = t_asserted[0]
    return ANY.harmed.search(text, max(0, cue.start - 20), min(span[0], cue.end + 15)) is not None


def _missile_beside_civil(text: str, t_asserted: list[Cue], span: tuple[int, int]) -> bool:
    """Whether the headline's launch is of a missile and a civil rocket is named beside it,
    outside that launch ("North Korea fires ballistic missile a day after SpaceX launch",
    "北 탄도미사일 발사…누리호 발사 다음날"): the civil launch is another event."""
    if not t_asserted or t_asserted[0].weapon is None:
        return False
    cue = t_asserted[0]
    ws, we = cue.weapon
    return (bool(ANY.missile_noun.search(text, ws, we)) and span[0] >= cue.end
            and _OTHER_EVENT_BREAK.search(text, cue.end, span[0] + 1) is not None)


# Between a headline's launch and a name after it: the name is of another event ("a day
# after", "…", a semicolon, or the space after a Japanese word that parts a headline's
# phrases; the full-width space is a plain one once the text is prepared).
_OTHER_EVENT_BREAK = re.compile(r"\b(?:after|before|following|ahead of|amid|as|while)\b|…|;|\s-\s|\s–\s"
                                 r"|(?<=[\u3040-\u30ff\u3400-\u9fff])\s(?=\S)")


# How far from a summary's launch its sentence is read for a total over a period.
_TOTAL_REACH = 300
# "Hamas marks October 7 anniversary with rocket salvo": a day marked by a new launch.
_MARKS_BEFORE = re.compile(r"\bmark(?:s|ed|ing)\s+(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE)
_WITH_AFTER = re.compile(r"\s+with\s+", re.IGNORECASE)


def _marked_with(text: str, span: tuple[int, int], t_asserted: list[Cue]) -> bool:
    """Whether the headline's launch is what a look-back is marked with, right after it
    ("Hamas marks October 7 anniversary with rocket salvo toward Tel Aviv"): a launch now."""
    if not t_asserted or t_asserted[0].start < span[1]:
        return False
    with_ = _WITH_AFTER.match(text, span[1], t_asserted[0].start + 1)
    return (with_ is not None and len(text[with_.end():t_asserted[0].start].split()) <= 2
            and _MARKS_BEFORE.search(text, max(0, span[0] - 40), span[0]) is not None)


def _sets_the_scene(text: str, table: LanguageTable, span: tuple[int, int], t_asserted: list[Cue]) -> bool:
    """Whether a time since something, in a clause of its own before the headline's launch,
    sets the scene of a launch told now ("A year since the invasion, Russia fires 80
    missiles") rather than looking back on one."""
    if not t_asserted or span[1] > t_asserted[0].start or table.since is None or not table.since.search(text, *span):
        return False
    cue = t_asserted[0]
    perfect = table.perfect_before
    return bool(_CLAUSE_PUNCT.search(text, span[1], cue.start)) and not (perfect and perfect.search(
        text, max(0, cue.start - 60), (cue.verb or (cue.end, cue.end))[1] + 1))


_FULL_STOP = re.compile(r"[。！？!?]|\.\s")
# A headline's label ends at a colon, or in Korean and Japanese at an ellipsis ("가자전쟁 100일…").
_LABEL_END = re.compile(r"\s*(?::|…)")
_SOURCE_SHOWS = re.compile(r"\b(?:shows?|suggests?|finds)$", re.IGNORECASE)


def _compares_after(text: str, table: LanguageTable, at: int, t_end: int) -> bool:
    """Whether a superlative right after a period (at `at`) compares one event with the
    others ("올해 들어 최대 규모", "過去5年で最多ペース"); not when it is the record of a
    count that follows it ("22年は過去最多の59発": the total is the news)."""
    m = ANY.superlative.match(text, at + (text[at:at + 1] == " "), t_end)
    return m is not None and not (
        table.total_count is not None and table.total_count.search(text, m.end(), min(t_end, m.end() + 6)))


def _tells_total(text: str, table: LanguageTable, period: tuple[int, int], t_end: int, start: int = 0) -> bool:
    """Whether a headline (or the sentence from `start` to `t_end`) with a period in it
    tells a total (the table's `total_count`), the period in the count's clause or the
    count in the perfect ("Since the invasion, Russia has fired 7,400 missiles"; not "A
    year since the war began, Russia fires 60 missiles"), and neither one occasion nor one
    launch of a series."""
    if table.total_count is None:
        return False
    count = table.total_count.search(text, start, t_end)
    if count is None or any(frame is not None and frame.search(text, start, t_end)
                            for frame in (table.single_occasion, table.one_of_series)):
        return False
    if (count.start() > period[1] and _LABEL_END.match(text, period[1], t_end)) or _SOURCE_SHOWS.search(
            text, period[0], period[1]):
        # "Weekly tally: Russia used ... 50 missiles", "..., database shows": a label or the
        # statistic's source spans its headline.
        return True
    # The words between them (a number's own comma, "3,000", is no clause break).
    lo, hi = (count.end(), period[0]) if count.start() < period[0] else (period[1], count.start())
    if table.verb_final:
        # A Korean or Japanese headline runs its parts together with commas and ellipses
        # ("전쟁 6개월, 가자서 날아온 로켓 1만3천여발"): only a full stop ends its clause.
        return not _FULL_STOP.search(text, lo, hi)
    return not _clause_break(text, lo, hi) or bool(
        table.perfect_before and table.perfect_before.search(text, start, count.start()))


# "Naruszenie polskiej przestrzeni powietrznej", "violated Poland's airspace": what a weapon
# in flight does, not a reaction to it.
_AIRSPACE_AFTER = re.compile(r"\s+(?:[\w'’-]+\s+){0,2}(?:air\s?space|przestrze)", re.IGNORECASE)


def _negated(text: str, table: LanguageTable, at: int) -> bool:
    """Whether the word at `at` stands under a negation of the text's language or English."""
    return any(t.negation_before is not None and t.negation_before.search(text, max(0, at - 25), at)
               for t in (table, ENGLISH))


# Before a headline's event: what it counts is the harm one attack did ("Death toll from
# missile strikes rises to 30"), so a rise is no trend of the attacks.
_HARM_BEFORE = re.compile(r"\b(?:toll|dead|deaths?|killed|casualt\w*|injur\w*|wounded|victims|ofiar\w*|zabit\w*|rann\w*|zginęł\w*)\b",
                          re.IGNORECASE)


def _summary_trend(p: Prepared, table: LanguageTable, cue: Cue) -> bool:
    """Whether a summary's launch is a plural noun event that a trend or an effect follows
    in its sentence ("Drone and missile attacks are enabling Ukraine to ...", "Rocket fire
    has dwindled"): what a campaign does, no launch of the day."""
    if table.trend_after is None or cue.verb is None or p.text[cue.verb[0]:cue.verb[1]].lower() not in table.trend_nouns:
        return False
    if cue.verb[1] < cue.end:
        return False  # the weapon after its noun ("attacks with missiles"): read to its end
    return table.trend_after.match(p.text, cue.end, p.sentence_of(cue.start)[1]) is not None


def _trend(p: Prepared, table: LanguageTable, t_asserted: list[Cue]) -> tuple[int, int] | None:
    """The trend the headline tells: by the table's `shift` words anywhere ("Russia shifts to
    ballistic missiles"), or of its first event when a plural noun tells it and it is the
    headline's subject ("Rocket fire from Gaza has slowed to a trickle"); None when there is
    none or it is one occasion's ("Missile attacks surge overnight")."""
    text, t_end = p.text, p.title_end
    m = table.shift.search(text, 0, t_end) if table.shift is not None else None
    # (A shift told in a later sentence after the headline's own launch says how that launch
    # fits the war: "Rakiety spadły pod Hajfą. Hezbollah uderza coraz głębiej w Izrael".)
    told_before = m is not None and any(not c.subordinate and c.end <= p.sentence_of(m.start())[0]
                                        for c in t_asserted)
    if m and not told_before and not _HARM_BEFORE.search(text, 0, m.end()) and not (
            table.single_occasion and table.single_occasion.search(text, 0, t_end)):
        return m.span()
    if table.trend_after is None or not t_asserted or t_asserted[0].verb is None:
        return None
    cue = t_asserted[0]
    if text[cue.verb[0]:cue.verb[1]].lower() not in table.trend_nouns or cue.end > t_end:
        return None
    if _HARM_BEFORE.search(text, 0, cue.start) or (table.single_occasion and table.single_occasion.search(text, 0, t_end)):
        return None
    m = table.trend_after.match(text, cue.end, t_end)
    return m.span() if m else None


def _rate(p: Prepared, table: LanguageTable) -> tuple[int, int] | None:
    """A rate of the weapons in the headline ("one in four Russian missiles reaches its
    target"), or None; not one occasion's ("downs 80% of missiles overnight"), told in the
    headline or in the lede's first sentence ("Israel says 99% of Iran's missiles were
    intercepted" over "Iran fired 300 drones and missiles overnight")."""
    m = table.rate.search(p.text, 0, p.title_end) if table.rate is not None else None
    if m is None:
        return None
    occasion = table.single_occasion
    if occasion and (occasion.search(p.text, 0, p.title_end) or (
            p.title_end < len(p.text) and occasion.search(p.text, p.title_end, p.sentence_of(p.title_end + 1)[1]))):
        return None
    return m.span()


# Before a count that passes a mark: one occasion it is of ("Iran's barrage of missiles
# tops 180"), not a total.
_PERIOD_AFTER_FIRST = re.compile(r"\s+(?:half|quarter|(?:(?:two|three|four|six) )?(?:years?|months|weeks|days))\b",
                                 re.IGNORECASE)
_ONE_OCCASION_NOUN = re.compile(r"\b(?:barrage|salvo|volley|wave|attack|strike|assault|bombardment|raid"
                                r"|ataku|salw[aęy]|uderzeni[aue]|nalotu?)\b", re.IGNORECASE)


def _milestone(p: Prepared, table: LanguageTable) -> tuple[int, int] | None:
    """A count of the headline's weapons or attacks that passes a mark ("Houthi attacks on
    shipping top 100") or of the targets struck by now ("have attacked more than 100
    ships"), or None; not a count of one attack's harm ("death toll from missile strikes
    passes 50"), nor of one occasion's or one attack's weapons."""
    text, t_end = p.text, p.title_end
    m = table.milestone.search(text, 0, t_end) if table.milestone is not None else None
    if m is None:
        return None
    verb = m.start("verb") if m.start("verb") >= 0 else m.start()  # (a tally of targets has no verb group)
    if _HARM_BEFORE.search(text, 0, verb) or _ONE_OCCASION_NOUN.search(text, 0, verb):
        return None
    if table.single_occasion and table.single_occasion.search(text, 0, t_end):
        return None
    if any(not _PERIOD_AFTER_FIRST.match(text, s.end()) for s in ANY.superlative.finditer(text, 0, t_end)):
        return None  # "Rockets top 100 in largest attack yet" (not "in first half of 2025")
    return m.span()


def _frame_without_event(p: Prepared, table: LanguageTable) -> tuple[int, int] | None:
    """In a headline that tells no launch (nor does its summary), what its news is instead,
    if the policy names it: an explainer ("What is ...?"), a weapon denied ("was not a
    missile"), a reaction ("Poland summons Russian envoy over missile"), the supply, sale
    or making of weapons ("North Korea shipped artillery rockets to Russia"), or a total
    ("Monthly tally: 190 missiles in March"). Such an item is no launch report, whatever
    its words suggest to the model."""
    text, t_end = p.text, p.title_end
    m = (ANY.explainer_start.match(text, 0, t_end) or ANY.sport.search(text, 0, t_end)
         or ANY.explainer.search(text, 0, t_end))
    if m:
        # "Czym jest Oriesznik?", "What is a hypersonic missile?", "Rakieta z 30 metrów ... bramkarz",
        # "弾道ミサイルとは"
        return m.span()
    for w in table.weapons.finditer(text, 0, t_end):
        if _negated(text, table, w.start()):
            return w.span()  # "obiekt nie był rakietą", "żadnej rakiety nie było"
    for pattern in (table.reaction, table.consequence, ENGLISH.reaction, ANY.supply, ANY.display, ANY.engine,
                    ANY.anticipation, en.PRODUCT_LAUNCH):
        if pattern is None:
            continue
        for m in pattern.finditer(text, 0, t_end):
            if not _AIRSPACE_AFTER.match(text, m.end(), t_end):
                return m.start(), m.end()
    return (_total_period(p, table, (ANY.aggregate, ANY.total_period)) or _rate(p, table) or _milestone(p, table)
            or _trend(p, table, []))


def _total_period(p: Prepared, table: LanguageTable, patterns: tuple,
                  sentence: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """The first period of the headline (or of `sentence`), by `patterns`, that tells a
    total with its count (`_tells_total`) and follows no superlative ("the biggest attack
    this year"), or None."""
    text = p.text
    start, t_end = sentence or (0, p.title_end)
    for pattern in patterns:
        for m in pattern.finditer(text, start, t_end):
            if _tells_total(text, table, m.span(), t_end, start) and not ANY.superlative.search(
                    text, p.sentence_of(m.start())[0], m.start()):
                return m.span()
    return None


def _looked_back_on(text: str, table: LanguageTable, t_asserted: list[Cue]) -> tuple[int, int] | None:
    """In a verb-final language, the look-back right after the headline's launch verb that
    makes the launch its subject ("발사 5주년", "発射から1年"), or None."""
    if not t_asserted or table.looks_back_after is None:
        return None
    cue = t_asserted[0]
    at = (cue.verb or (cue.end, cue.end))[1]
    m = table.looks_back_after.match(text, at, min(len(text), at + 16))
    return (m.start(), m.end()) if m else None


# Headline framings that each make one feature when found: (feature, pattern).
_HEADLINE_FRAMES = (("digest", ANY.digest), ("aggregate", ANY.aggregate),
                    ("bulk_count", ANY.bulk_count), ("sport", ANY.sport))


def names_weapon(p: Prepared, lang: str) -> bool:
    """Whether the item names a missile, rocket, satellite or named weapon system anywhere
    (in its language's table or in English, whose acronyms and names every language's news
    writes). The policy counts no strike or attack that names neither missile nor rocket."""
    table = table_for(lang)
    if table is None:
        return False
    text = p.text
    return bool(en.WEAPONS.search(text) or (table is not ENGLISH and table.weapons.search(text)))


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
    # "Iranian missile salvo hits air base; US destroyers fire interceptors": the defence
    # answers the launch the headline tells; that launch is its primary.
    attacks = [c for c in title_first if not (c.weapon and _INTERCEPTORS.search(p.text, *c.weapon))]
    answer = f.spans.get("reaction_secondary")
    if answer and _ANSWER.fullmatch(p.text, *answer):
        # "北 IRBM 도발 대응 에이태큼스 4발 발사": the launch that answers is the news.
        attacks = [c for c in attacks if c.start > answer[0]] or attacks
    primary = (attacks or title_first or asserted or [c for c in cues if c.asserted] or cues or [None])[0]
    looks_back = any(n in f.values for n in ("reaction_main", "subordinate", "retrospective"))
    retrospective = (not is_launch) and bool(asserted) and looks_back
    return Detection(is_launch, round(confidence, 4), tuple(evidence), retrospective, primary, tuple(cues),
                     raw_score=raw, cue_values=tuple(f.values.items()))
