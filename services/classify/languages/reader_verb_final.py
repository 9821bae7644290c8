"""Event cues of a verb-final language (Korean, Japanese), read with its table.

The main verb ends the clause, so a launch verb is bound to a weapon just before it (or
shortly after, in headlines), and what frames it, modal or subordinate, follows it. A
weapon with only a direction and no verb ("日本海に向け弾道ミサイル") is an impact cue.
"""

from __future__ import annotations

import re
from itertools import islice

from services.classify.languages import ANY
from services.classify.languages.table import MAX_CANDIDATES, Cue, LanguageTable
from services.classify.text import Prepared, spans_within


# How far after its weapon a launch verb is still bound to it with another verb between.
_FAR = 15


def cues(p: Prepared, table: LanguageTable, weapons: list[tuple[int, int]]) -> list[Cue]:
    """The cues of the text: each launch or impact verb near a weapon of its sentence,
    and each weapon after a direction. `weapons` are sorted spans."""
    text = p.text
    if not weapons or table.launch_verbs is None:
        return []
    assert table.modal_after is not None and table.modal_near is not None and table.subordinate_after is not None
    starts = [w[0] for w in weapons]
    out: list[Cue] = []
    for m in islice(table.launch_verbs.finditer(text), MAX_CANDIDATES):
        s0, s1 = p.sentence_of(m.start())
        near = spans_within(weapons, starts, max(s0, m.start() - 40), min(s1, m.end() + 15))
        if not near:
            continue
        w = min(near, key=lambda w: abs(w[1] - m.start()))
        if m.start() - w[1] > _FAR and table.launch_verbs.search(text, w[1], m.start()):
            # "ミサイルが発射されたとの想定で…映画「発射まで10分」": a weapon's own verb
            # stands between them; a verb further on is another's (here a film's title).
            continue
        tail = text[m.end():m.end() + 14]
        # A launch listed with other acts ("ICBM 발사나 7차 핵실험 등 도발에 나설 수 있다") is
        # framed by the words after the list.
        reach = _LISTED_REACH if _LISTED_WITH.match(tail) else 15
        modal = bool(table.modal_after.search(tail)) or bool(
            _modal_near(table, text, max(s0, m.start() - 6), m.end() + reach, s1)) or (
            _conditional(p, table, s0, m.start()))
        kind = "launch" if m.group() in table.launch_words else "impact"
        # "발사 소식에 코스피 하락": in a headline, a launch (not a strike) as its news's cause.
        # A strike as the cause only of news the table names a consequence ("공습에 국제유가
        # 급등"); "공습에 1명 사망" is its aftermath.
        caused = table.cause_after is not None and m.start() < p.title_end and bool(table.cause_after.search(tail))
        subordinate = bool(table.subordinate_after.search(tail)) or _dates_news(table, tail) or (caused and (
            kind == "launch" or (table.consequence is not None
                                 and table.consequence.search(text, m.end(), min(p.title_end, m.end() + 12)) is not None)))
        negated = bool(table.denied_after and table.denied_after.match(text, m.end(), min(s1, m.end() + 24)))
        start, end = min(m.start(), w[0]), max(m.end(), w[1])
        out.append(Cue(kind, start, end, p.in_title(start), modal, negated, subordinate, w, (m.start(), m.end())))
    if table.toward is not None:
        # A weapon whose own verb was read above is framed by it ("발사 준비": preparing).
        bound = {cue.weapon for cue in out}
        for w in weapons[:MAX_CANDIDATES]:
            if w in bound:
                continue
            s0, s1 = p.sentence_of(w[0])
            t = (table.toward.search(text, max(s0, w[0] - 16), w[0]) or _target_before(p, table, w)
                 or _heading_after(p, table, w))
            if t and not _modal_near(table, text, w[1], w[1] + 15, s1):
                start = t.start()
                end = max(w[1], t.end())  # a heading after the weapon ends the cue
                out.append(Cue("impact", start, end, p.in_title(start), False, False, False, w, (t.start(), t.end())))
    return out


def _dates_news(table: LanguageTable, tail: str) -> bool:
    """Whether the words right after a verb make its event the time of other news."""
    return table.time_after is not None and table.time_after.search(tail) is not None


# What may follow a weapon that ends its phrase: its count, then a break or the headline's end
# (a space too in Japanese, which writes none between the words of a phrase).
_PHRASE_END = re.compile(r"…|、|・|·|,|$")
_PHRASE_END_UNSPACED = re.compile(r"\s|…|、|・|·|,|$")
_NAME_AFTER = re.compile(r"[「『][^」』]{1,20}[」』]")
# Nouns listed after a weapon ("요격미사일·장비", "ミサイル・弾薬").
_LISTED_AFTER = re.compile(r"(?:[·・][^\s·・…,、]{1,8})+")


def _modal_near(table: LanguageTable, text: str, lo: int, hi: int, s1: int) -> bool:
    """Whether a modal word starts in text[lo:hi] (within the sentence ending at s1), read
    with the words after it: "予定" is a plan, "予定海域" the area a launch was aimed at."""
    m = table.modal_near.search(text, lo, s1)
    return m is not None and m.start() < min(hi, s1)


# A launch noun joined to the next act by "or", "and" ("발사나 핵실험", "発射や核実験"), and
# how far the words that frame the list are read.
_LISTED_WITH = re.compile(r"(?:이?나|와|과|및|또는|혹은)\s|や|か、|および")
_LISTED_REACH = 40

# What ends a condition's reach in a headline: an ellipsis or a comma.
_CONDITION_BREAK = re.compile(r"…|\.{2,}|,|、")


def _conditional(p: Prepared, table: LanguageTable, s0: int, at: int) -> bool:
    """Whether the verb at `at` is the consequence of a condition or lies ahead: a condition
    or a time to come before it in its clause ("北 ICBM 정상각도로 쏘면 알래스카 앞바다 낙하",
    "数日内に弾道ミサイル発射か"), or a condition that ends the headline the verb is in
    ("괌 앞바다 30㎞ 낙하\"…시나리오 현실화하면")."""
    if table.condition is None:
        return False
    text = p.text
    lo = max(s0, at - 30)
    for pattern in (table.condition, table.ahead):
        for c in pattern.finditer(text, lo, at) if pattern is not None else ():
            if not _CONDITION_BREAK.search(text, c.end(), at):
                return True
    if at < p.title_end:
        end = len(text[:p.title_end].rstrip(" ?？\"'”’」"))
        ends = [c.end() for c in table.condition.finditer(text, max(0, end - 8), end)]
        return bool(ends) and ends[-1] == end
    return False


def _heading_after(p: Prepared, table: LanguageTable, w: tuple[int, int]) -> re.Match[str] | None:
    """In the headline, where a weapon went or that it failed, right after it and its
    count, ending the phrase ("北 미사일 또 동해로…", "弾道ミサイル2発、日本海へ", "정찰위성도
    실패..."), or None."""
    if table.heading_after is None or w[1] > p.title_end:
        return None
    text, at = p.text, w[1]
    count = table.counts.match(text, at + (text[at:at + 1] == " "), p.title_end) if table.counts is not None else None
    return table.heading_after.match(text, count.end() if count else at, p.title_end)


def _target_before(p: Prepared, table: LanguageTable, w: tuple[int, int]) -> re.Match[str] | None:
    """In the headline, a target before a weapon that ends its phrase ("商船にミサイル 英当局",
    "北部にロケット弾約50発"), or where it was fired from or at with its count ("순안서 ICBM 1발"),
    not one a noun follows ("ミサイル供与", "미사일 지원")."""
    if table.target_before is None or w[1] > p.title_end:
        return None
    text = p.text
    at = w[1]
    spaces = len(text[at:p.title_end]) - len(text[at:p.title_end].lstrip(" "))
    count = table.counts.match(text, at + spaces, p.title_end) if table.counts is not None else None
    count = count or ANY.vague_count.match(text, at + spaces, p.title_end)  # "로켓 수십발"
    if count is not None:
        at = count.end()
    name = _NAME_AFTER.match(text, at, p.title_end)
    if name is not None:
        at = name.end()  # "極超音速ミサイル「キンジャール」": the weapon's name in brackets
    phrase_end = _PHRASE_END_UNSPACED if table.unspaced else _PHRASE_END
    if at < p.title_end and not phrase_end.match(text, at, p.title_end):
        return None
    listed = _LISTED_AFTER.match(text, at, p.title_end)
    if listed is not None:
        at = listed.end()  # "요격미사일·장비 추가 반입": the list the weapon opens, then its verb
    if ANY.supply.search(text, at, min(p.title_end, at + 8)):
        return None  # "ウクライナにミサイル 追加支援": what is given, not fired
    found = table.target_before.search(text, max(0, w[0] - 12), w[0])
    if found is not None and count is None and found.groupdict().get("origin"):
        return None  # where a weapon is or goes, with no count of rounds: not a launch told
    return found


def headline_attack(p: Prepared, table: LanguageTable) -> tuple[int, int] | None:
    """The span of the first attack the headline tells as having happened ("후티 거점 동시
    타격", "司令部を攻撃", "3夜連続の攻撃"), or None: not one to come or denied ("공격 가능성",
    "攻撃を警告"), not one of a thing that is no missile ("드론 공격", "無人機攻撃"), not in
    a question."""
    if table.headline_attack is None:
        return None
    text, t_end = p.text, p.title_end
    for m in islice(table.headline_attack.finditer(text, 0, t_end), MAX_CANDIDATES):
        s0, s1 = p.sentence_of(m.start())
        tail = text[m.end():m.end() + 14]
        if (table.modal_after.search(tail) or _modal_near(table, text, max(s0, m.start() - 6), m.end() + 15, s1)
                or (table.denied_after and table.denied_after.match(text, m.end(), min(s1, m.end() + 24)))
                or ANY.non_missile.search(text, max(s0, m.start() - 8), m.start()) or p.is_question(s0)):
            continue
        return m.start(), m.end()
    return None
