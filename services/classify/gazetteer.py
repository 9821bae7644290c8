"""The classifier's reading of the one gazetteer (schemas/actors.py), plus its own rules.

Actor and agency patterns are built from the gazetteer's names in the languages that
have a rule table, with each table's context forms of actors (北 before a particle, "the
North"). A name matches as a whole word, a space in it also matching a hyphen, an
English name also with a possessive "'s"; of two names starting at one place the longer
wins. Each table is compiled at import into a `Table`, whose matches carry the code.
Which places, weapon types and origins imply an actor are rules of the classifier, here.
"""

from __future__ import annotations

import os
import re

from schemas.actors import ACTORS, AGENCIES, STATES, Agency
from schemas.places import TARGET_PLACES_BY_STATE
from services.classify.fastpattern import Table, compile_fast
from services.classify.languages import ANY, TABLES


# Languages written with spaces between words: a name is matched as a whole word.
_SPACED = frozenset({"en", "pl"})


def name_pattern(name: str, lang: str) -> str:
    """The pattern of one name as written in running text."""
    if lang not in _SPACED:
        # No word boundaries to lean on in Korean and Japanese; a strait named after a
        # state is a place ("대만해협", "台湾海峡").
        return re.escape(name) + r"(?!\s?(?:해협|海峡))"
    escaped = re.escape(name).replace(r"\ ", "[- ]")
    head = r"\b" if name[0].isalnum() else ""
    tail = r"\b" if name[-1].isalnum() else ""
    return head + escaped + (r"(?:'s)?" if lang == "en" else "") + tail


def _escaped(name: str) -> str:
    return re.escape(name).replace(r"\ ", "[- ]")


_STEM_MIN = 4


def _by_stem(names: list[str]) -> str:
    """An alternation of inflected names, the case forms of a word sharing its stem
    ("Rosj(?:anami|anie|a|i|ę|ą)"): the same matches as the names one by one, with one
    gate word per stem instead of one per form, so a text is tested for a few stems."""
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(name[:_STEM_MIN], []).append(name)
    parts = []
    for group in groups.values():
        stem = os.path.commonprefix(group)
        endings = sorted({name[len(stem):] for name in group}, key=lambda e: (-len(e), e))
        parts.append(_escaped(stem) + "(?:" + "|".join(_escaped(e) for e in endings) + ")")
    return "|".join(parts)


def names_pattern(names: dict[str, tuple[str, ...]], extra: str | None = None) -> str:
    """One alternation of the names in the languages with a table, longest first, then
    the context forms in `extra`.

    English and Polish names that begin and end with a letter or digit share one pair of
    word boundaries per language, so that the engine meets their first letters in one
    factored group.
    """
    written = sorted({(name, lang) for lang, ns in names.items() if lang in TABLES for name in ns},
                     key=lambda nl: (-len(nl[0]), nl))

    def whole_word(name: str, lang: str) -> bool:
        return lang in _SPACED and name[0].isalnum() and name[-1].isalnum()

    parts = []
    english = [_escaped(name) for name, lang in written if lang == "en" and whole_word(name, lang)]
    if english:
        parts.append(rf"\b(?:{'|'.join(english)})(?:'s)?\b")
    polish = [name for name, lang in written if lang == "pl" and whole_word(name, lang)]
    if polish:
        parts.append(rf"\b(?:{_by_stem(polish)})\b")
    parts += [name_pattern(name, lang) for name, lang in written if not whole_word(name, lang)]
    return "|".join(parts + ([extra] if extra else []))


# (code, pattern): who launched. Order matters only for names starting at one place.
ACTORS_READ: tuple[tuple[str, str], ...] = tuple(
    (actor.code, names_pattern(actor.names, ANY.actor_forms.get(actor.code))) for actor in ACTORS)

# Launch sites that belong to one state: "from Vandenberg" names the launcher, "from
# Syria" (a country or region) only the place.
FACILITY_ACTORS = tuple((actor.code, names_pattern({"en": actor.sites})) for actor in ACTORS if actor.sites)
FACILITY_RE = compile_fast("|".join(pattern for _, pattern in FACILITY_ACTORS))
# A capital before an attack noun in the singular is where the attack was ("the Kyiv
# attack", "Moscow blast"); "Kyiv strikes", "Moscow's attack" may be the state's own.
CAPITAL_ATTACKED = compile_fast(
    r"(?:" + "|".join(_escaped(name) for actor in ACTORS for name in actor.capitals) + r")"
    r"\s+(?:(?:missile|rocket|drone|air)\s+)?(?:attack|strike|blast|explosion|bombing|raid|shelling)\b(?!-)")

# Where a launch came from, when that names who fired it: missiles "fired from Yemen" are
# the Houthis', rockets "launched from Lebanon" Hezbollah's (a report naming another group
# keeps that group). "From Gaza" names no one: several groups fire from there.
ORIGIN_ACTORS = compile_fast(
    r"\b(?:fired|launched|shot|lobbed|fires|launches)\s+(?:[\w-]+\s+){0,3}?from\s+(?:(?:near|around|outside)\s+)?(?:the\s+)?"
    r"(?:(?P<yemen>Yemen|(?:Iran(?:ian)?-backed\s+)?Houthi[- ](?:controlled|held)\s+(?:areas?|territory)|Houthi\s+areas?)"
    r"|(?P<lebanon>(?:southern\s+)?Lebanon)|(?P<iran>Iran)|(?P<prk>North\s+Korea|N\.\s?Korea|Pyongyang))\b",
    re.IGNORECASE,
)
ORIGIN_GROUPS = {"yemen": "Houthis", "lebanon": "Hezbollah", "iran": "IRN", "prk": "PRK"}
# The same in Polish, by a verb of firing ("Izrael ostrzelany z Jemenu", "rakiety
# wystrzelone z Libanu"); a weapon merely "from" a place ("missile from Yemen") names no
# one. Read only where the text names no launcher at all.
_ORIGIN_PLACES_PL = (r"(?:z|ze)\s+(?:terytorium\s+)?(?:(?P<yemen>Jemenu)|(?P<lebanon>(?:południowego\s+)?Libanu)"
                     r"|(?P<iran>Iranu)|(?P<prk>Korei\s+Północnej))\b")
ORIGIN_ACTORS_PL = compile_fast(
    r"\b(?:ostrzela\w*|ostrzeliw\w*|wystrzel\w*|odpal\w*)\s+(?:[\w-]+\s+){0,3}?" + _ORIGIN_PLACES_PL, re.IGNORECASE)
# ... and with the place first ("z Iranu wystrzelono około 100 rakiet").
ORIGIN_FIRST_ACTORS_PL = compile_fast(
    r"\b" + _ORIGIN_PLACES_PL + r"\s+(?:[\w-]+\s+){0,2}?(?:ostrzela\w*|ostrzeliw\w*|wystrzel\w*|odpal\w*)",
    re.IGNORECASE)
# ... and in Korean and Japanese, the place with its "from" before a verb of firing or
# flying, the weapon between them at most ("레바논서 날아온 로켓", "예멘에서 발사된 미사일",
# "イエメンから発射された", "레바논서 대전차미사일 날아와").
ORIGIN_ACTORS_CJK = compile_fast(
    r"(?:(?P<yemen>예멘|イエメン)|(?P<lebanon>(?:남부\s?)?레바논(?:\s?남부)?|レバノン(?:南部)?)|(?P<iran>이란|イラン)"
    r"|(?P<prk>북한|北朝鮮))(?:에서|서|으로부터|로부터|から)\s?"
    r"(?:[가-힣ァ-ヶー]{0,8}?(?:미사일|로켓|ミサイル|ロケット弾?)\s?(?:\d+\s?(?:발|発)\s?)?(?:이|가|が)?\s?)?"
    r"(?:발사(?:된|한|해|돼|됐)|쏜|쏘아|날아(?:온|든|와|왔)|発射|飛来)")

# Weapon types fielded by one side only: when the text names no launcher, the type does
# ("Kremlin says Sarmat test successful", "BrahMos test-fired from INS Imphal").
WEAPON_OWNERS: tuple[tuple[str, str], ...] = (
    ("PRK", r"\bHwasong|\bHwasal|\bPulhwasal|\bPukguksong|\bKN-?\d\d\b|\bChollima|\bMalligyong|\bHaeil|화성-?\d+|북극성|火星"),
    ("RUS", r"\b(?:Sarmat|Yars|Bulava|Topol|Avangard|Iskander|Kinzhal|Kalibr|Zircon|Tsirkon|Oreshnik|Burevestnik|Tornado-S"
            r"|Kh-\d+\w*|Onyx|Oniks"
            # Polish, Korean and Japanese spellings.
            r"|Kinżał\w*|Kindżał\w*|Buriewiestnik\w*|Burewiestnik\w*|Jars(?:a|em|y|ów)?\b|Cyrkon\w*|Or[iz]?esznik\w*|Buław\w*)|킨잘|이스칸데르|칼리브르|[지치]르콘|오레시니?크|사르마트|불라바"
            r"|キンジャー?ル|イスカンデル|カリブル|[ジツ]ィ?ルコン|オレシ[ュ]?ニク|サルマト|ブラバ"),
    ("USA", r"\b(?:Minuteman|PrSM|SM-6|ARRW|Dark Eagle|LRHW|B-52|B-1B|Typhon)\b|타이폰|タイフォン"),
    ("IND", r"\b(?:Agni|Prithvi|BrahMos|Nirbhay|Akash|K-[45](?= ))"),
    ("PAK", r"\b(?:Shaheen|Ghauri|Ghaznavi|Babur|Ababeel|Fatah|Hatf|Abdali|Ra'ad|Taimur|Nasr)\b"),
    ("IRN", r"\b(?:Shahab|Sejjil|Emad|Kheibar|Khorramshahr|Fattah|Fateh|Zolfaghar|Dezful|Simorgh|Qaem|Ghadr|Soumar|Hoveyzeh|Paveh)"),
    ("CHN", r"\b(?:DF-\d+|Dong ?Feng|JL-\d+|YJ-\d+)"),
    ("ISR", r"\b(?:Jericho|Arrow[- ]?[234]|David's Sling)"),
    ("KOR", r"\bHyunmoo|현무|玄武|\bCheongung|천궁|천무|\bKTSSM\b|\bL-SAM\b|도산안창호함|\bF-15K\b|\bKF-16\b|\bKF-21\b"),
    ("JPN", r"12式地対艦|12식 지대함|\bType[- ]12 (?:surface-to-ship|anti-ship)"),
    ("FRA", r"\bM51\b"),
    ("TWN", r"\b(?:Tien Kung|Hsiung Feng|Sky Bow)"),
    ("TUR", r"\b(?:SİPER|SIPER|Siper|Hisar-[AO]\+?)(?![\w-])"),
    ("UKR", r"\b(?:Neptunes?|Flamingos?)(?= (?:cruise |anti-ship )?(?:missiles?|strikes?|struck|hits?))|(?:(?<=pocisk )|(?<=pociski )|(?<=pocisku )|(?<=pocisków )|(?<=pociskami )"
            r"|(?<=manewrujące )|(?<=manewrujących )|(?<=przeciwokrętowe )|(?<=przeciwokrętowych ))„?Neptun\b"
            r"|\bNeptun(?=\s+(?:trafi|uderzy|zniszczy|zatopi|razi)\w*)|\bNeptun(?:y|ami|ów)\b|\bVilkha\b|\bWilch(?:a|y|ą|ę)\b"),
)

# Agencies a text describes rather than names: one it names is the better source.
GENERIC_AGENCIES = frozenset(a.code for a in AGENCIES if a.generic)

# State media and agencies whose own report implies who launched.
AGENCY_IMPLIES_ACTOR = {a.code: a.actor for a in AGENCIES if a.implies_actor and a.actor}

# (code, pattern): who reported the launch.
AGENCIES_READ: tuple[tuple[str, str], ...] = tuple((a.code, names_pattern(a.names)) for a in AGENCIES)

# Agencies whose word is a detection or a claim (not the press that relays it): naming
# one is a sign of a real event.
_DETECTING_ROLES = frozenset({"observer", "state_media", "operator"})


def _detecting(agency: Agency) -> bool:
    return agency.role in _DETECTING_ROLES


def _all_names(agencies: list[Agency]) -> dict[str, tuple[str, ...]]:
    merged: dict[str, tuple[str, ...]] = {}
    for agency in agencies:
        for lang, names in agency.names.items():
            merged[lang] = merged.get(lang, ()) + names
    return merged


# One alternation of all their names: the cue needs no agency's code, and the engine
# meets each first letter once.
# Polish names, inflected and many, are left to the Polish agency words ("ministerstwo
# obrony", "sztab"): the cue only asks whether an agency is named, and stays gated.
AGENCY_CUE = compile_fast(
    names_pattern({lang: names for lang, names in _all_names([a for a in AGENCIES if _detecting(a)]).items()
                   if lang != "pl"}) + "|" + ANY.agency_words.pattern,
    re.IGNORECASE,
)

TARGET_PLACES = "|".join(place for places in TARGET_PLACES_BY_STATE.values() for place in places)
# Each place as a gazetteer entry of its state, for a place inside the words a strike hit
# ("strikes Ukraine's Odesa port", "attack on a museum in Kupiansk").
TARGET_PLACE_TABLE = Table(tuple((state, rf"\b(?:{place})\b") for state, places in TARGET_PLACES_BY_STATE.items()
                                 for place in places))
# Targets named after a preposition: "at Israel", "on Kyiv", "toward Japan".
TARGET_EN = compile_fast(
    rf"\b(?:at|on|toward|towards|into|over|targets?|targeted|targeting|struck|hit|hits"
    # "the reentry vehicle traveled 4,200 miles to the Kwajalein Atoll".
    rf"|(?:travell?ed|flew|headed)\s+(?:(?:about|some|roughly)\s+)?(?:[\d,]+\s+(?:miles|kilomet(?:er|re)s|km)\s+)?to"
    rf"|(?:strikes?|attacks?|explosions?|blasts?)\s+(?:(?:(?:were|was|have been|had been)\s+)?(?:reported|heard)\s+)?(?:in|near)"
    rf"|(?:struck|hit|hits)\s+(?:[\w-]+\s+){{1,4}}?in)\s+"
    rf"(?:the\s+)?(?:(?:Israeli|Ukrainian)\s+)?"
    # (a kind of place before it: "the capital", "the southern city of", "the central
    # Ukrainian city of", "the border town of")
    rf"(?:capital(?: of)?\s+|(?:(?:northern|southern|eastern|western|central|coastal|border|port|frontline"
    rf"|Ukrainian|Israeli|Russian|Syrian|Yemeni|Iranian)\s+){{0,2}}(?:city|cities|town|towns) of\s+)?(?P<place>{TARGET_PLACES})\b"
    # A place opening the headline before a colon, where the news happened: "Ternopil: Russian
    # cruise missiles hit residential blocks".
    rf"|^(?P<place_label>{TARGET_PLACES}):\s"
    # Where Israel's rocket sirens sounded, which they do only where rockets are headed: "sets
    # off sirens in Sderot" (not the nationwide warnings of South Korea and Japan).
    rf"|\bsirens?\s+(?:(?:sounded|sounds?|sounding|wailed|wail(?:s|ing)?|blared|blares?|blaring|went off|go off|were heard"
    rf"|rang out|ring out)\s+)?(?:across|in)\s+"
    rf"(?:the\s+)?(?P<place_sirens>{'|'.join(TARGET_PLACES_BY_STATE['ISR'])})\b"
    # The place as the subject of the attack it suffers: "Kyiv comes under missile attack",
    # "Odesa suffers a night of strikes".
    rf"|\b(?P<place_under>{TARGET_PLACES})\s+(?:(?:comes?|came|is|was)\s+under\s+(?:[\w-]+\s+){{0,2}}?attack"
    rf"|suffers|suffered|endures|endured)\b"
    # The place named on the strike itself: "Lviv missile strike", "Sevastopol shipyard missile attack".
    rf"|\b(?P<place_before>{TARGET_PLACES})(?:'s)?\s+(?:(?:port|shipyard|airfield|air base|naval base|power plant)\s+)?"
    rf"(?:missile|rocket|drone|air)\s+(?:and drone\s+)?(?:strikes?|attacks?)\b",
    re.IGNORECASE,
)
# Each actor's common English name ("KOR" → "South Korea"), for a state named as a source.
ACTOR_NAMES = {actor.code: actor.names["en"][0] for actor in ACTORS if actor.names.get("en")}
# Each state's names in English, lower-cased ("south korea", "s. korea"): a headline's
# "South Korea: ..." is its sayer, where a Polish "Ukraina: ..." is its topic.
ENGLISH_STATE_NAMES = frozenset(name.lower() for actor in STATES for name in actor.names.get("en", ()))
# The first four letters of each state's name in English and Polish, accents kept
# ("ukra", "pols", "pola"): a place that begins so is the state itself, not a city in it.
_STATE_STEMS = frozenset(names[0][:4].lower() for actor in STATES for lang, names in actor.names.items()
                         if lang in ("en", "pl") and names)


def names_a_state(place: str) -> bool:
    """Whether `place` ("Ukraine", "Ukrainę", "Polską", "western Ukraine") names a whole
    state rather than a place in one ("Kyiv", "Kijów", "polska przestrzeń powietrzna")."""
    words = place.split()
    return len(words) <= 2 and words[-1][:4].lower() in _STATE_STEMS


# Case matters for actors: "US" is a country, "us" is not.
# Asked mostly about the sentence of a launch verb: its words are looked for there.
ACTOR_TABLE = Table(ACTORS_READ + FACILITY_ACTORS, flags=0, gate_parts=True)
AGENCY_TABLE = Table(AGENCIES_READ)
# Where the missile went. A sea area beats a place.
SEA_TABLE = Table(ANY.seas)
WEAPON_OWNER_TABLE = Table(WEAPON_OWNERS, flags=0)
