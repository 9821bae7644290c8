"""The registry of per-language rule tables, and the language of a text.

Each supported language is one module here (en.py, ko.py, ja.py, pl.py) holding one
`LanguageTable`; `TABLES` lists them. Adding a language is writing its module and adding
it to `_REGISTERED`: its weapons, verbs and framing are read for text in that language,
and its `SharedWords` join the patterns every item is read with (`ANY`). Actor and
agency names live in the one gazetteer, schemas/actors.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from services.classify.fastpattern import FastPattern, compile_fast
from services.classify.languages import en, ja, ko, pl
from services.classify.languages.table import Cue, LanguageTable, SharedWords

__all__ = ["ANY", "Cue", "ENGLISH", "LanguageTable", "SUPPORTED_LANGUAGES", "SharedWords", "TABLES",
           "detect_language", "table_for"]

_REGISTERED = (en.TABLE, ko.TABLE, ja.TABLE, pl.TABLE)

TABLES: dict[str, LanguageTable] = {table.code: table for table in _REGISTERED}
SUPPORTED_LANGUAGES = frozenset(TABLES)
ENGLISH = en.TABLE

# Codes the script detection below gives to text in a script no table reads.
_UNREAD_SCRIPTS = frozenset({"zh", "ru", "ar", "he", "th"})


def table_for(lang: str) -> LanguageTable | None:
    """The table a text of this language is read with: its own; the English table for
    Latin-script text in a language without one (English words are read in every
    item); None for text in a script no table reads."""
    table = TABLES.get(lang)
    if table is not None:
        return table
    return None if lang in _UNREAD_SCRIPTS else ENGLISH


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


# Han characters that only Japanese writes (shinjitai forms, the iteration mark), and
# ones that only Chinese writes (simplified or traditional forms Japanese does not use).
# A headline can be all kanji ("北朝鮮弾道弾発射"): these decide where kana is absent.
_JAPANESE_ONLY_HAN = re.compile(
    "[々発弾対戦駅売読続県営歳辺変権観気広拡圧済検験険団転伝図乗縄専総騒蔵帯遅鉄闘徳悩脳廃拝髪抜払仏歩訳薬様"
    "頼覧両緑齢労軽経剤雑児処隠桜穏関歓駆撃黒実収従奨焼証譲単庁聴徴択沢銭繊豊満黙竜霊暦歴録亜悪囲栄円塩縁応"
    "価絵壊懐覚楽帰亀戯犠拠挙郷圏顕厳鉱賛糸歯壌嬢醸巣捜増臓稲晩浜舗揺謡猟塁涙]")
_CHINESE_ONLY_HAN = re.compile(
    "[发弹导军对战这们说时为实现关韩鲜报联边进过测试飞东该击员产从两个长门问间开头华马鸟龙"
    "發彈對戰這們說會來與實關國個擊兩灣臺體號稱據從將]")


def _han_language(text: str, hint: str | None) -> str:
    """Japanese or Chinese for Han text without kana: the characters only one of them
    writes decide; where they do not, the hint, else Chinese."""
    japanese = len(_JAPANESE_ONLY_HAN.findall(text))
    chinese = len(_CHINESE_ONLY_HAN.findall(text))
    if japanese != chinese:
        return "ja" if japanese > chinese else "zh"
    return "ja" if hint == "ja" else "zh"


# Letters only Polish writes among the languages of the news (Lithuanian shares ą and ę,
# Czech and Slovak none of them), and Polish words that are short, frequent and no
# English word.
_POLISH_LETTERS = re.compile(r"[ąćęłńśźżĄĆĘŁŃŚŹŻ]")
# "ó" is Polish too ("Kijów", "Północna"), but Spanish names write it as well ("Gómez"): it
# adds to the other evidence and never opens the reading alone.
_POLISH_O = re.compile(r"[óÓ]")
# Endings of Polish inflection no English word has ("rakietami", "rosyjskich", "Kijów",
# "balistycznej", "rosyjskiego", "Polaków"): a headline written without a Polish letter
# ("Korea Północna: ... test rakiety balistycznej") is told by its words.
_POLISH_ENDINGS = re.compile(r"\w{3,}(?:ów|ami|ych|ymi|ego|iej|owie|ców)$")
_POLISH_WORDS = frozenset({
    "się", "nie", "że", "jest", "są", "oraz", "przez", "dla", "jak", "już", "tylko", "który", "która", "które",
    "po", "od", "za", "ze", "we", "czy", "ale", "też", "jego", "jej", "ich", "był", "była", "było", "będzie",
    "może", "można", "roku", "lat", "w", "z", "i", "na", "do", "nad", "pod", "przy", "ponad", "także", "jako"})
_ENGLISH_WORDS = frozenset({
    "the", "of", "and", "to", "in", "is", "for", "on", "with", "as", "by", "at", "from", "that", "this", "are",
    "was", "has", "have", "it", "its", "says", "said"})
_LATIN_HINTS_READ_AS_ENGLISH = (None, "ko", "ja", "zh", "ru", "ar", "he", "th")
_HINTS_POLISH_OVERRULES = frozenset((*_LATIN_HINTS_READ_AS_ENGLISH, "en"))
_SAMPLE_CHARS = 300
_PUNCTUATION = ".,;:!?\"'()[]«»„”-–—"
# Evidence of Polish without one of its own letters: three words or endings, since "we",
# "do" and "to" are English words too.
_POLISH_WITHOUT_LETTERS = 3


def _reads_polish(sample: str) -> bool:
    """Whether Latin text reads as Polish: its Polish letters, short Polish words and
    Polish endings are at least two (three without a letter only Polish writes) and more
    than twice its English words ("the", "of"); a Polish name in English news ("Łódź")
    keeps it English."""
    letters = len(_POLISH_LETTERS.findall(sample))
    raw = [w.strip(_PUNCTUATION) for w in sample.split()]
    # (The English "I" is no Polish "i".)
    polish = letters + len(_POLISH_O.findall(sample)) + sum(
        (w.lower() in _POLISH_WORDS and w != "I") + bool(_POLISH_ENDINGS.match(w.lower())) for w in raw)
    if polish < (2 if letters else _POLISH_WITHOUT_LETTERS):
        return False
    return polish > 2 * sum(w.lower() in _ENGLISH_WORDS for w in raw)


def _latin_language(text: str, hint_base: str | None) -> str:
    """The language of Latin-script text: Polish when its letters and words say so, else
    the hint's language when it names one other than English, else English."""
    if hint_base == "pl":
        return "pl"
    # The headline and the summary's opening tell: the rest is not read. Text a feed
    # declares English is examined only when it holds a letter beyond ASCII.
    if hint_base in _HINTS_POLISH_OVERRULES and (hint_base is None or not text.isascii()):
        if _reads_polish(text[:_SAMPLE_CHARS]):
            return "pl"
    return "en" if hint_base in _LATIN_HINTS_READ_AS_ENGLISH else hint_base


def detect_language(text: str, hint: str | None) -> str:
    """Language from the script and, in Latin script, the words; the hint decides only
    where they do not.

    Hangul means Korean and kana Japanese whatever the hint says. Han characters without
    kana or Hangul are Japanese when they include characters only Japanese writes (発,
    弾, 々), Chinese when they include characters only Chinese writes (发, 弹, 發), and
    otherwise Chinese unless the hint says Japanese. Latin text is Polish when the hint
    says so, or when (the hint naming no other Latin-script language; with an English hint,
    only text beyond ASCII) its first 300 characters read as Polish (`_reads_polish`): its
    Polish letters (ą, ę, ł, ś, ż, ..., and ó beside them), short Polish words ("się",
    "nie", "na") and Polish endings ("rakietami", "balistycznej") are at least two, three
    without a letter only Polish writes, and more than twice its English words ("the",
    "of"): a Polish name in English news ("Łódź") keeps it English.
    Other Latin text is English unless the hint names another language.
    """
    hint_base = (hint or "").split("-")[0].split("_")[0].lower() or None
    if text.isascii() or not _NON_LATIN.search(text):
        return _latin_language(text, hint_base)
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        return _han_language(text, hint_base)
    for pattern, code in _OTHER_SCRIPTS:
        if pattern.search(text):
            return code
    return _latin_language(text, hint_base)


@dataclass(frozen=True)
class _Shared:
    """Each `SharedWords` field of every table joined into one compiled pattern."""

    civil_space: FastPattern
    defence: FastPattern
    interception: FastPattern
    anticipation: FastPattern
    non_missile: FastPattern
    retrospective: FastPattern
    flight_detail: FastPattern
    agency_words: FastPattern
    satellite: FastPattern
    military_space: FastPattern
    digest: FastPattern
    aggregate: FastPattern
    total_period: FastPattern
    look_back_label: FastPattern
    bulk_count: FastPattern
    sport: FastPattern
    work_title: FastPattern
    explainer: FastPattern
    explainer_start: FastPattern
    genre_label: FastPattern
    obituary_start: FastPattern
    obituary: FastPattern
    always_looks_back: FastPattern
    supply: FastPattern
    display: FastPattern
    engine: FastPattern
    superlative: FastPattern
    vague_count: FastPattern
    magnitude_count: FastPattern
    volley_words: FastPattern
    altitude: FastPattern
    missile_noun: FastPattern
    restored: FastPattern
    harmed: FastPattern
    photo_caption: FastPattern
    other_event_before: FastPattern
    other_event_after: FastPattern
    generic_sea: FastPattern
    heading: FastPattern
    count_period: FastPattern
    place_tally: FastPattern
    stopped_over: FastPattern
    wide_attack: FastPattern
    count_with_others: FastPattern
    count_with_bombs: FastPattern
    count_of_classes: FastPattern
    other_time_before: FastPattern
    sea_as_name_after: FastPattern
    sea_origin_before: FastPattern
    sea_origin_after: FastPattern
    sayer_after: FastPattern
    sayer_before: FastPattern
    statement_before: FastPattern
    reporter_after: FastPattern
    unnamed_launcher: FastPattern
    launched_by: FastPattern
    debris: FastPattern
    credit_before: FastPattern
    credit_after: FastPattern
    speaker_verb: FastPattern
    speaker_verb_first: FastPattern
    speaker_credit: FastPattern
    speaker_skip: FastPattern
    speaker_end: FastPattern
    speaker_clause_start: FastPattern
    speaker_titles: FastPattern
    not_speaker: FastPattern
    kinds: tuple[tuple[str, str], ...]  # (kind, source): the extractor compiles its kind table
    seas: tuple[tuple[str, str], ...]
    actor_forms: dict[str, str]


# Case matters for an obituary's "Name, 68:"; every other shared pattern ignores it.
_CASE_SENSITIVE = frozenset({"obituary_start"})
_NEVER = r"(?!)"


def _joined(entries: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """(key, source) pairs of all tables merged per key, keys in order of first appearance."""
    merged: dict[str, list[str]] = {}
    for key, source in entries:
        merged.setdefault(key, []).append(source)
    return tuple((key, "|".join(parts)) for key, parts in merged.items())


def _compile_shared(tables: tuple[LanguageTable, ...]) -> _Shared:
    values: dict[str, object] = {}
    for f in fields(SharedWords):
        if f.name in ("kinds", "seas", "actor_forms"):
            values[f.name] = _joined([entry for t in tables for entry in getattr(t.shared, f.name)])
            continue
        source = "|".join(part for t in tables if (part := getattr(t.shared, f.name)))
        flags = 0 if f.name in _CASE_SENSITIVE else re.IGNORECASE
        values[f.name] = compile_fast(source or _NEVER, flags)
    values["actor_forms"] = dict(values["actor_forms"])  # type: ignore[arg-type]
    return _Shared(**values)  # type: ignore[arg-type]


ANY = _compile_shared(_REGISTERED)
"""The patterns every item is read with, whatever its language: each joins the words of
all tables."""
