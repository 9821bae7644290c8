"""Polish: the rule table and its verb forms, and the English glosses the learned model reads.

The rules. Polish orders its words freely and marks who did what by inflection, so the
Polish reader (reader_pl.py) binds an event word to a weapon anywhere in its clause
("Korea Północna wystrzeliła rakietę", "rakiety spadły na Kijów", "atak rakietowy na
Odessę") and reads the event's framing from the word's own form: a perfective verb's
present form is a future ("wystrzeli": will fire) and an infinitive an intention
("planuje wystrzelić"), while past forms ("wystrzeliła", "wystrzelono"), passive
participles ("wystrzelona") and imperfective present forms ("ostrzeliwuje") report what
happened. `EVENT_STEMS` holds each verb and noun of launching, testing and striking by its
stem, with its kind and aspect; `form_of()` reads a word's form from what follows the
stem. The framing words (modal, negation, attempt, subordinate clause, clause breaks) and
the frames of the labelling policy that make an item something else (reactions, plans,
supply and production, displays, drills, civil space, explainers, digests, things that
are not missiles) are below, written from the language and the policy, not from the
wording of any labelled item.

The glosses. Most of what the model knows comes from English news, three times as many
launches, so each Polish word in `GLOSSES` also enters the model as its English gloss
("rakietą" also as "missile", "wystrzeliła" also as "fired"): what English taught the
model about "missile" or "fired" then speaks for the Polish word too. `GLOSSES` maps a
stem (lower case, a word's beginning) to its gloss; a word takes the gloss of its longest
stem. `WEAPON_GLOSSES` and `EVENT_GLOSSES` name the glosses that make a weapon or an
event, for the "weapon and event together" feature.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from schemas.places import FACILITY_NAMES
from services.classify.fastpattern import compile_fast
from services.classify.languages import en
from services.classify.languages.quantities import QUANT, QUANT_ALT
from services.classify.languages.table import LanguageTable, SharedWords

_I = re.IGNORECASE

GLOSSES = MappingProxyType({
    # Weapons and what carries them.
    "rakiet": "missile", "pocisk": "missile", "balistyczn": "ballistic", "manewrując": "cruise",
    "skrzydlat": "cruise", "hiperdźwiękow": "hypersonic", "hipersoniczn": "hypersonic",
    "międzykontynentaln": "intercontinental", "krótkiego": "short", "średniego": "medium", "zasięg": "range",
    "wyrzutni": "launcher", "salw": "salvo", "głowic": "warhead", "kinżał": "kinzhal", "kindżał": "kinzhal",
    "satelit": "satellite", "kosmiczn": "space", "kosmos": "space",
    # Launching, striking, and what a strike does.
    "wystrzel": "fired", "strzel": "fired", "odpal": "launched", "wypuści": "launched", "ostrzał": "barrage",
    "ostrzel": "barrage", "atak": "attack", "zaatak": "attacked", "uderz": "strike", "nalot": "raid",
    "bombard": "bombardment", "trafi": "hit", "trafieni": "hit", "spadł": "fell", "spadl": "fell",
    "wlecia": "flew", "przelecia": "flew", "lecia": "flew", "eksploz": "explosion", "wybuch": "explosion",
    "zniszcz": "destroyed", "zestrzel": "intercepted", "strąc": "intercepted", "przechwyc": "intercepted",
    "przechwyt": "intercepted", "test": "test", "teści": "test", "przetestow": "tested", "prób": "test", "próbn": "test",
    "zabit": "killed", "zabic": "killed", "zgin": "killed", "ofiar": "victims", "rann": "injured",
    "poszkodowan": "injured", "gruz": "rubble", "pożar": "fire", "alarm": "alert",
    # Reactions, plans and threats: news about a launch, not of one.
    "potępi": "condemns", "sankcj": "sanctions", "rezolucj": "resolution", "bezpieczeństw": "security",
    "oświadcz": "statement", "reakcj": "reaction", "może": "could", "mogł": "could", "możliw": "possible",
    "plan": "plans", "przygotow": "prepares", "groz": "threatens", "groź": "threat", "ostrzeg": "warns",
    "zapowi": "announces", "rocznic": "anniversary", "ćwiczeni": "drill", "manewr": "drill",
    # Defence, buying and things that are not missiles.
    "obron": "defence", "przeciwlotnicz": "defence", "przeciwrakietow": "defence", "patriot": "patriot",
    "zakup": "purchase", "kupi": "buy", "kontrakt": "contract", "dostaw": "deliveries", "dostarcz": "deliver",
    "wysła": "send", "wysył": "send", "wyśl": "send", "przekażą": "send", "przekaże": "send", "pomoc": "aid",
    "amunic": "ammunition", "produkc": "production", "wyprodukow": "produced", "arsenał": "arsenal",
    "zaprezentow": "unveiled", "prezentuj": "unveiled", "parad": "parade", "komercyjn": "commercial",
    "naukow": "scientific", "astronaut": "astronaut", "misj": "mission", "księżyc": "moon",
    "strzelanin": "shooting", "strzelec": "shooter", "napastnik": "gunman", "policj": "police", "dron": "drone",
    "bezzałogow": "drone", "szahed": "shahed", "balon": "balloon", "artyler": "artillery",
    "moździerz": "mortar", "czołg": "tank", "samolot": "aircraft", "myśliw": "fighter",
    # States, armies and places of the news.
    "rosj": "russia", "rosyjsk": "russian", "ukrain": "ukraine", "ukraińsk": "ukrainian", "korea": "korea",
    "korei": "korea", "koreą": "korea", "koreańsk": "korean", "północn": "north", "południow": "south",
    "irańsk": "iranian", "izrael": "israel", "hezboll": "hezbollah", "huti": "houthi", "jemen": "yemen",
    "chiny": "china", "chin": "china", "chińsk": "chinese", "japoni": "japan", "japońsk": "japanese",
    "syri": "syria", "amerykań": "american", "wojn": "war", "wojsk": "military",
    "armi": "army", "morz": "sea", "kijów": "kyiv", "kijow": "kyiv", "charków": "kharkiv",
    "charkow": "kharkiv", "odes": "odesa", "lwów": "lviv", "lwow": "lviv", "dniepr": "dnipro",
    "zaporo": "zaporizhzhia", "krym": "crimea", "sewastopol": "sevastopol", "biełgorod": "belgorod",
    "moskw": "moscow", "pjongjang": "pyongyang", "seul": "seoul", "tokio": "tokyo",
    "elektrown": "plant", "infrastruktur": "infrastructure", "energetyczn": "energy",
})

_STEM_LENGTHS = tuple(sorted({len(stem) for stem in GLOSSES}, reverse=True))

WEAPON_GLOSSES = frozenset({"missile", "ballistic", "cruise", "hypersonic", "intercontinental", "salvo", "kinzhal"})
EVENT_GLOSSES = frozenset({"fired", "launched", "barrage", "attack", "attacked", "strike", "raid", "bombardment",
                           "hit", "fell", "flew", "explosion", "destroyed", "test", "tested"})


def gloss(word: str) -> str | None:
    """The English gloss of a lower-cased Polish word (by its longest stem), or None."""
    for length in _STEM_LENGTHS:
        if length <= len(word):
            found = GLOSSES.get(word[:length])
            if found is not None:
                return found
    return None


# The glosses that are places of the news, each the English name a direction is given by.
_PLACES = frozenset({"kyiv", "kharkiv", "odesa", "lviv", "dnipro", "zaporizhzhia", "crimea", "sevastopol",
                     "belgorod", "moscow", "pyongyang", "seoul", "tokyo"})


# The states a strike of the news is aimed at, by the stem of their Polish case forms
# ("Ukrainę", "Ukrainie"; "Polskę", "Polsce", "nad Polską"), with their English names.
_STATES = {"ukrain": "Ukraine", "polsk": "Poland", "polsc": "Poland", "rosj": "Russia", "izrael": "Israel",
           "białoru": "Belarus", "mołdaw": "Moldova", "rumuni": "Romania", "japoni": "Japan", "tajwan": "Taiwan",
           "jemen": "Yemen", "syri": "Syria", "liban": "Lebanon", "iranu": "Iran", "irak": "Iraq"}


# More places of the news, by the stem of their Polish case forms ("w Chersoniu", "na
# Mikołajów", "nad Tarnopolem"), for directions only: unlike the glosses, they are no
# feature of the model. A stem that begins a common word or a name is left out ("Sumy",
# "Równe", "Winnica", "Mikołaj" without its ending).
_MORE_PLACES = {
    "chersoń": "Kherson", "chersoni": "Kherson", "cherson": "Kherson", "mikołajow": "Mykolaiv",
    "mikołajów": "Mykolaiv", "czernihow": "Chernihiv", "czernihów": "Chernihiv", "połtaw": "Poltava",
    "tarnopol": "Ternopil", "łuck": "Lutsk", "humani": "Uman", "humań": "Uman", "bachmu": "Bakhmut",
    "kramatorsk": "Kramatorsk", "słowiańsk": "Sloviansk", "donieck": "Donetsk", "ługańsk": "Luhansk",
    "mariupol": "Mariupol", "kercz": "Kerch", "iwano-frankiwsk": "Ivano-Frankivsk", "żytomierz": "Zhytomyr",
    "czerkas": "Cherkasy", "krzemieńczu": "Kremenchuk", "krzemieńczug": "Kremenchuk", "jerozolim": "Jerusalem",
    "hajf": "Haifa", "aszkelon": "Ashkelon", "aszdod": "Ashdod", "sderot": "Sderot", "ejla": "Eilat",
    "netiwot": "Netivot", "naharij": "Nahariya", "holon": "Holon",
    "tel awiw": "Tel Aviv", "tel-awiw": "Tel Aviv", "beer szew": "Beersheba", "kirjat szmon": "Kiryat Shmona",
    "teheran": "Tehran", "bagdad": "Baghdad",
    "damaszk": "Damascus", "bejrut": "Beirut", "kursk": "Kursk", "briańsk": "Bryansk",
}
_MORE_PLACE_LENGTHS = tuple(sorted({len(stem) for stem in _MORE_PLACES}, reverse=True))


def place_name(word: str) -> str | None:
    """The English name of a place or a state of the news in any case form ("Kijowie",
    "Odessę", "Ukrainę", "Chersoniu" → "Kyiv", "Odesa", "Ukraine", "Kherson"), or None."""
    lower = word.lower()
    meaning = gloss(lower)
    if meaning in _PLACES:
        return meaning.title()
    state = next((name for stem, name in _STATES.items() if lower.startswith(stem)), None)
    if state is not None:
        return state
    return next((_MORE_PLACES[lower[:n]] for n in _MORE_PLACE_LENGTHS
                 if n <= len(lower) and lower[:n] in _MORE_PLACES), None)


# --- weapons ---------------------------------------------------------------------------

# Case forms of the nouns, and the adjective "rakietowy" ("atak rakietowy", "ostrzał
# rakietowy"). "antyrakietowy" (missile defence) has no word boundary before "rakiet".
# A "pocisk" of artillery, mortar, tank or rifle, or of a calibre, is a shell or a bullet.
# (Not a firework, a racket or a snowshoe: "rakieta sylwestrowa", "rakiety tenisowe",
# "rakiety śnieżne".)
_ROCKET_NOUN = (r"(?:rakiet(?:a|y|ę|ą|om|ami|ach)?|rakiecie)"
                r"(?!\s+(?:sylwestrow|noworoczn|tenisow|śnieżn|pirotechniczn)\w*)"
                # (nor one fired from a balcony or a window: "Odpalił rakietę z balkonu".)
                r"(?!\s+(?:[\wąćęłńóśźż]+\s+)?ze?\s+(?:balkon|okn|dach|podwórk)\w*)")
_MISSILE_NOUN = r"pocisk(?:i|u|iem|ów|om|ami|ach)?"
NAMED_SYSTEMS = (
    # "Kalibr", not a calibre ("pocisk kalibru 155 mm", "w kalibrze 152 mm").
    r"Kinżał\w*|Kindżał\w*|Cyrkon\w*|Ch-(?!4[67]\b|5[34]\b)\d+\w*|Iskander\w*|(?!kalibru\b)Kalibr\w*\b(?!\s*\d)"
    r"|Toczk\w*|Sarmat\w*|Buław\w*|Jars(?:a|em|y|ów)?|Buriewiestnik\w*"
    r"|Tomahawk\w*|Minutem\w*|Trident\w*|Neptun(?:a|y|ów|ami|em)?|Onyks\w*|Oriesznik\w*|Burewiestnik\w*|Awangard\w*"
    r"|Katiusz\w*|Kassam\w*|Hwasong\w*|S-[345]00"
    # Rocket launchers by name: "Homar-K", "z Homarów-K", "z wyrzutni Grad".
    r"|Homar\w*-[AK]|(?<=wyrzutni )Grad\w*|(?<=wyrzutnie )Grad\w*|(?<=wyrzutni )(?:Vampire|Wampir)\w*|(?<=z )Grad(?:ów|a)\b|Gradami\b"
    # The anti-tank missile ("oszczep" is the sport's javelin in Polish).
    r"|Javelin\w*"
)
_NOT_A_SHOT_AFTER = r"(?!\s+(?:[\w-]+\s+)?z\s+(?:\d+|kilku|kilkunastu|\w+dziestu)\s*(?:metrów|m)\b)"
# English names and acronyms of weapons are written in Polish text too ("HIMARS", "ICBM",
# "Storm Shadow"): the Polish pattern holds them, so a Polish text is searched once.
WEAPONS = compile_fast(
    # (Not a shot in sport by its distance: "odpalił rakietę z 25 metrów", "pocisk Kowalskiego z 20 m".)
    rf"\b(?:(?:{_ROCKET_NOUN}){_NOT_A_SHOT_AFTER}"
    rf"|(?:ICBM|IRBM|MRBM|SRBM|SLBM|CRBM)s?|{en.NAMED_SYSTEMS}"
    rf"|{_MISSILE_NOUN}{_NOT_A_SHOT_AFTER}(?!\s+(?:artyleryjsk|moździerzow|czołgow|karabinow|(?:[\w-]+\s+)?kal(?:ib|\.)|o kalib|\d))"
    r"|rakietow(?:y|a|e|ego|ej|emu|ym|ych|ymi|ą)"
    r"|satelit(?:a|y|ę|ą|ów|om|ami|ach|cie)"
    rf"|{NAMED_SYSTEMS})\b",
    _I,
)

# A weapon noun that names one weapon (for a count of one in the headline).
# ("rakiety" after a test or a launch of one is its genitive: "test rakiety Hwasong-19".)
SINGULAR_WEAPONS = compile_fast(r"rakiet[aęą]|rakiecie|pocisk(?:u|iem)?|satelit[aęą]"
                                r"|(?<=\btest )rakiety|(?<=\btestu )rakiety|(?<=\bstart )rakiety|(?<=\bstartu )rakiety", _I)


# --- launching, testing, striking: the stems and their forms ----------------------------

# stem -> (kind of cue, aspect). A perfective verb's present form is a future; an
# imperfective one's is a present. "noun": only the stem's noun (and past) forms count.
# "adjective": every form is a noun event ("próbny start", "próbnie").
EVENT_STEMS = MappingProxyType({
    # Launching.
    "wystrzel": ("launch", "perfective"), "wystrzeliw": ("launch", "imperfective"),
    "odpal": ("launch", "perfective"), "wypuści": ("launch", "perfective"), "wypuszcz": ("launch", "imperfective"),
    "strzel": ("launch", "perfective"), "wystartowa": ("launch", "perfective"), "wystartuj": ("launch", "perfective"),
    "start": ("launch", "noun"), "startuj": ("launch", "imperfective"),
    "wynios": ("launch", "perfective"),  # "wyniosła na orbitę" (only to orbit: NOT_AN_EVENT_AFTER)
    "wyniós": ("launch", "perfective"),  # "Iran wyniósł satelity na orbitę"
    "wynies": ("launch", "perfective"),  # "wyniesionego we wtorek rakietą Chollima-1"
    "umieści": ("launch", "perfective"),  # "umieściła na orbicie satelitę"
    # Testing.
    "przetestowa": ("test", "perfective"), "przetestuj": ("test", "perfective"),
    "wypróbowa": ("test", "perfective"), "wypróbuj": ("test", "perfective"),
    "testowa": ("test", "imperfective"), "testuj": ("test", "imperfective"),
    "test": ("test", "noun"), "teści": ("test", "noun"), "prób": ("test", "noun"), "próbn": ("test", "adjective"),  # "o teście": st→ści
    # Striking, hitting, falling, flying, and being shot down: what only a fired weapon does.
    "ostrzel": ("impact", "perfective"), "ostrzeliw": ("impact", "imperfective"), "ostrzał": ("impact", "noun"),
    "ostrzal": ("impact", "noun"), "naloc": ("impact", "noun"),  # "po ostrzale", "w nalocie": ł→l, t→c
    "uszkodz": ("impact", "perfective"),
    "zaatakowa": ("impact", "perfective"), "zaatakuj": ("impact", "perfective"),
    "atakowa": ("impact", "imperfective"), "atakuj": ("impact", "imperfective"), "atak": ("impact", "noun"),
    "uderz": ("impact", "perfective"), "traf": ("impact", "perfective"), "spad": ("impact", "perfective"),
    "zestrzel": ("impact", "perfective"), "zestrzeliw": ("impact", "imperfective"),
    "strąc": ("impact", "perfective"), "przechwyc": ("impact", "perfective"),
    "przechwytuj": ("impact", "imperfective"), "przechwytywa": ("impact", "imperfective"),
    "uży": ("impact", "perfective"), "używ": ("impact", "imperfective"),
    "wybuch": ("impact", "noun"), "eksplodowa": ("impact", "perfective"), "eksploduj": ("impact", "imperfective"),
    "eksplozj": ("impact", "noun"), "nalot": ("impact", "noun"), "salw": ("impact", "noun"),
    "rozpad": ("impact", "perfective"),  # "rakieta z satelitą rozpadła się po dwóch minutach lotu"
    "zniszcz": ("impact", "perfective"), "niszcz": ("impact", "imperfective"), "zabi": ("impact", "perfective"),
    "rozbi": ("impact", "perfective"), "rozbija": ("impact", "imperfective"),  # "HIMARS-y rozbiły kolumnę"
    "zatopi": ("impact", "perfective"), "zatapia": ("impact", "imperfective"), "zabija": ("impact", "imperfective"),
    "przeleci": ("impact", "perfective"), "przelatuj": ("impact", "imperfective"),
    "nadleci": ("impact", "perfective"), "nadlatuj": ("impact", "imperfective"),
    "doleci": ("impact", "perfective"), "dolatuj": ("impact", "imperfective"),  # "pocisk doleciał do Izraela"
    "wleci": ("impact", "perfective"), "wlatuj": ("impact", "imperfective"),
    "poleci": ("impact", "perfective"), "leci": ("impact", "imperfective"),
    "krąży": ("impact", "imperfective"),  # "pociski manewrujące krążyły nad morzem"
    "wtargn": ("impact", "perfective"),  # a weapon that entered a state's airspace
    "przekrocz": ("impact", "perfective"),  # ... or crossed its border (see NOT_AN_EVENT_AFTER)
    "dosięg": ("impact", "perfective"), "dosięga": ("impact", "imperfective"),  # reached what it hit
    "szczątk": ("impact", "noun"), "odłamk": ("impact", "noun"),  # what is left of one that flew
    "narusz": ("impact", "perfective"), "naruszał": ("impact", "imperfective"),  # ... or violated it
    "bombardowa": ("impact", "imperfective"), "bombarduj": ("impact", "imperfective"),
    "zbombardowa": ("impact", "perfective"), "zbombarduj": ("impact", "perfective"),
})
# The stems that tell an attack or strike in a headline with no weapon of its own ("Zmasowany
# atak na Kijów", "Rosja ostrzelała Charków", "Eksplozje we Lwowie"): the policy counts it as
# a launch report only where the summary names the missiles or rockets (detector.py).
HEADLINE_ATTACK_STEMS = frozenset({
    "ostrzel", "ostrzeliw", "ostrzał", "ostrzal", "naloc", "zaatakowa", "zaatakuj", "atakowa", "atakuj", "atak", "uderz", "nalot",
    "salw", "wybuch", "eksplozj", "eksplodowa", "bombardowa", "bombarduj", "zbombardowa", "zbombarduj"})
EVENT_WORDS = compile_fast(
    r"\b(?:" + "|".join(sorted(EVENT_STEMS, key=len, reverse=True)) + r")[a-ząćęłńóśźż]*", _I)
_STEM_LENGTHS = tuple(sorted({len(stem) for stem in EVENT_STEMS}, reverse=True))

# What follows the stem, in the order they are tried.
_PAST = re.compile(r"\w{0,3}?ł(?:a|o|y|em|am|eś|aś|yśmy|iśmy)?|\w{0,3}?li(?:śmy|ście)?")  # wystrzeliła, uderzyli
_IMPERSONAL = re.compile(r"\w{0,4}?(?:no|to)")  # wystrzelono, zaatakowano, użyto
_VERBAL_NOUN = re.compile(r"\w{0,4}?(?:ni|ci)(?:e|a|u|em|ach|ami|om)|\w{0,4}?ń")  # wystrzelenie, uderzeń, użycie
_PASSIVE_PARTICIPLE = re.compile(r"\w{0,4}?(?:n|t)(?:y|a|e|ych|ym|ymi|ą|ej|ego|i)")  # wystrzelona, trafiony, użyte
_ACTIVE_PARTICIPLE = re.compile(r"\w{0,4}?ąc(?:y|a|e|ych|ym|ymi|ą|ej|ego)?")  # spadające
_INFINITIVE = re.compile(r"\w{0,4}?[ćc]")  # wystrzelić, zaatakować
_NON_PAST = re.compile(r"|i|y|ą|ę|e|ie|je|ją|uje|ują|ujemy|isz|ysz|imy|ymy|nie|ną|esz|emy|a|ają|amy")  # wystrzeli, zaatakuje
_IMPERFECTIVE_PRESENT = re.compile(r"i?(?:a|ają|amy)")  # odpala, trafiają: the -ać partner of a perfective stem
_NOUN_PAST = re.compile(r"ł(?:a|o|y)?")  # "wybuchła"; "próbowała" (tried) is no form of "próba"
_NOUN = re.compile(r"|a|y|ę|ą|ie|u|em|iem|i|ów|om|ami|ach|owi|e")  # atak, ataku, ostrzałem, salwą

# Whole words whose form the stem alone misreads: "spadnie" is a future, not a noun.
_FORM_OF_WORD = MappingProxyType({"spadnie": "future", "spadną": "future", "spadniemy": "future",
                                  "dosięgnie": "future", "dosięgną": "future", "dosięgniemy": "future"})

# After the event word: it is no launch ("trafiły do Ukrainy": delivered).
# Only an airspace is violated by a weapon's flight ("naruszenie rezolucji" is not one).
_NOT_AN_AIRSPACE = compile_fast(r"(?!\s+(?:[\w-]+\s+){0,2}przestrze\w*\s+powietrzn)", _I)
_AIRCRAFT = r"myśliw|samolot|bombowc|bombowiec|MiG|Tu-|Su-|śmigłow|dron"
_AIRCRAFT_AFTER = compile_fast(rf"\s+(?:[\w-]+\s+)?(?:{_AIRCRAFT})", _I)
# ... and a start of what flies nowhere: "Rakietowy start poznańskiego startupu", "start sezonu".
_NO_FLIGHT_START = compile_fast(rf"\s+(?:[\w-]+\s+)?(?:{_AIRCRAFT}"
                                r"|startup|sezon|karier|firm|spółk|kampani|sprzedaż|projekt|roku\b|szkoł|zajęć|rozgryw|ligi)", _I)
NOT_AN_EVENT_AFTER = MappingProxyType({
    # (Only a border, a line or an airspace crossed: not "produkcja przekroczyła plan".)
    "przekrocz": compile_fast(r"(?!\s+(?:[\w-]+\s+){0,2}?(?:granic|lini|przestrze))", _I),
    "traf": compile_fast(r"\s+(?:we?\s+[\w-]+\s+)?(?:do|na rynek|w ręce|na front)\b", _I),
    # An aircraft took off, carrying what it may fire: "wystartował myśliwiec przenoszący rakiety",
    # "alarm w związku ze startem rosyjskiego myśliwca MiG-31K".
    "wystartowa": _AIRCRAFT_AFTER, "start": _NO_FLIGHT_START,
    "uży": compile_fast(r"\s+(?:do\s+)?(?:obrony|ochrony)\b", _I),
    "narusz": _NOT_AN_AIRSPACE, "naruszał": _NOT_AN_AIRSPACE,
    # Only what was carried to orbit: "rakieta nośna wyniosła na orbitę trzy satelity" (not a cost).
    "wynios": compile_fast(r"(?!\s+(?:[\w-]+\s+){0,3}na orbit)", _I),
    "wyniós": compile_fast(r"(?!\s+(?:[\w-]+\s+){0,3}na orbit)", _I),
    "wynies": compile_fast(r"(?!\s+(?:[\w-]+\s+){0,3}(?:na orbit|rakiet))", _I),
    "umieści": compile_fast(r"(?!\s+(?:[\w-]+\s+){0,3}na orbici)", _I),
})
# Before it, ending where it starts: the same ("do Polski trafiły").
NOT_AN_EVENT_BEFORE = MappingProxyType({
    "traf": compile_fast(r"\b(?:do|na front)\s+(?:[\w-]+\s+){0,2}$", _I),
    # What is left of a weapon, shown: "Kijów pokazuje szczątki rosyjskich pocisków".
    "szczątk": compile_fast(r"\b(?:pokazuj\w*|pokazał\w*|prezentuj\w*|zaprezentował\w*|eksponuj\w*|muze\w*|wystaw\w*|ekspozycj\w*)"
                            r"\s+(?:[\w-]+\s+){0,2}$", _I),
    # A kind of weapon, not what it did: "pociski przechwytujące SM-3" (interceptor missiles).
    "przechwytuj": compile_fast(r"\b(?:pocisk|rakiet|system|zestaw|bateri)\w*\s+$", _I),
    # A start as fast as a rocket: "Rakietowy start Xiaomi", "„Rakietowy” start nowego show"
    # (a rocket's own is "start rakiety").
    "start": compile_fast(r"\brakietow\w*[”\"]?\s+$", _I),
})
# Right before a weapon: the weapon names what another noun is for or made of, and is
# not itself fired ("wyrzutnie HIMARS", "dostawy rakiet", "produkcja pocisków").
NOT_A_WEAPON_BEFORE = compile_fast(
    # (Not "z wyrzutni Grad", from the launcher: what it fired.)
    r"\b(?:(?<!\bz )(?<!\bużył )(?<!\bużyła )(?<!\bużyli )(?<!\bużyło )wyrzutni\w*|zestaw\w*|system\w*|bateri\w*|produkcj\w*|dostaw\w*|fabryk\w*|zakup\w*|kontrakt\w*"
    # (Not "część pocisków", some of them.) A batch: "kolejną partię pocisków".
    # ... what parts are for: "transport części do pocisków", "laser przeciw dronom i rakietom".
    r"|(?:części|komponent\w*|element\w*|podzespoł\w*)\s+do|przeciw(?:ko)?(?:\s+[\w-]+\s+(?:i|oraz))?"
    r"|zamówieni\w*|element\w*|części\w*|parti[aięą]|magazyn\w*|gromadz\w*|skład(?:y|ów|ach|zie)?|arsenał\w*|jednost\w*|uzbrojon\w*\s+w|zapas\w*|transport\w*|przekazani\w*|sprzedaż\w*|amunicj\w*"
    # ... or is the object of a deal: "kontrakt na pociski Piorun", "umowa na rakiety".
    r"|(?:kontra(?:kt|kc)\w*|zamówieni\w*|umow\w*|przetarg\w*)\s+na"
    # "wystrzeliły jak rakieta" (a simile), "petard i rakiet" (fireworks).
    r"|jak|petard\w*\s+(?:i|oraz|lub)"
    # "silnik na paliwo stałe do nowej rakiety": the engine is what was tested.
    r"|silnik\w*(?:,?\s+[\w-]+){0,8},?\s+(?:do|dla)(?:\s+[\w-]+)?|silnik\w*"
    # What was stored, or is to be built: "przechowywano rakiety", "budowie nowej generacji rakiet".
    r"|przechowywa\w*|składowan\w*|magazynowan\w*|budow\w*(?:\s+[\w-]+){0,3}"
    # "próba silnika nowego pocisku": the engine of the weapon.
    r"|silnik\w*(?:\s+[\w-]+)?"
    # Who a person is: "zabił dowódcę odpowiedzialnego za ostrzał rakietowy" (not "Rosja
    # odpowiedzialna za atak rakietowy", which says who fired).
    r"|(?:dowódc|szef|przywódc|członk|bojownik|oficer|komendant|lider|terroryst|organizator)\w*"
    r"(?:\s+[\w-]+){0,2}?\s+(?:odpowiedzialn\w*|stojąc\w*)\s+za(?:\s+[\w-]+){0,2})\s+$",
    _I,
)


# Words that start with a stem but are no form of its verb or noun.
_NOT_EVENT_WORDS = ("strzelanin", "strzelnic", "strzelc", "strzelb", "spadochron", "trafn", "trafik", "użytk",
                    "startow", "testament", "atakując")


def stem_of(word: str) -> str | None:
    """The longest stem of `EVENT_STEMS` a lower-cased word starts with, or None."""
    if word.startswith(_NOT_EVENT_WORDS):
        return None
    for length in _STEM_LENGTHS:
        if length <= len(word) and word[:length] in EVENT_STEMS:
            return word[:length]
    return None


def form_of(word: str) -> tuple[str, str, str] | None:
    """(stem, kind, form) of a lower-cased event word, or None when it is no form of one.

    `form`: "past", "present" and "participle" report an event; "future" and
    "infinitive" look ahead; "noun" is an event named by a noun ("atak", "wystrzelenie"),
    framed by the words around it.
    """
    stem = stem_of(word)
    if stem is None:
        return None
    kind, aspect = EVENT_STEMS[stem]
    rest = word[len(stem):]
    form = _FORM_OF_WORD.get(word)
    if form is None:
        if aspect in ("noun", "adjective"):
            form = ("past" if _NOUN_PAST.fullmatch(rest) else
                    "noun" if aspect == "adjective" or _NOUN.fullmatch(rest) else None)
        elif _PAST.fullmatch(rest):
            form = "past"
        elif _IMPERSONAL.fullmatch(rest):
            form = "past"
        elif _VERBAL_NOUN.fullmatch(rest):
            form = "noun"
        elif _PASSIVE_PARTICIPLE.fullmatch(rest) or _ACTIVE_PARTICIPLE.fullmatch(rest):
            form = "participle"
        elif _INFINITIVE.fullmatch(rest):
            form = "infinitive"
        elif aspect == "perfective" and _IMPERFECTIVE_PRESENT.fullmatch(rest):
            form = "present"
        elif _NON_PAST.fullmatch(rest):
            form = "future" if aspect == "perfective" else "present"
    return None if form is None else (stem, kind, form)


# --- framing -----------------------------------------------------------------------------

# Before the event, in its clause: it has not happened ("może wystrzelić", "planowany
# start", "zagrożenie atakiem").
MODAL_BEFORE = compile_fast(
    r"\b(?:może|mogą|mogę|możesz|możemy|możecie|mogł\w*|mogli\w*|mógł\w*|można|planuj\w*|planowa\w*|zamierza\w*|przygotowuj\w*|przygotowywa\w*|przygotowani\w*"
    # ("przeprowadziło zaplanowany test startowy": what kind of test it was, not that it is to come.)
    r"|zaplanowa(?!n(?:y|ą|ego|ym)\s+(?:test|start|prób))\w*"
    r"|przygotowa\w*|szykuj\w*|gromadz\w*|powinn\w*|powinien|rozważ\w*|gotow\w*|chce"
    # Notice given of what is to come: "umowa o powiadamianiu o testach rakietowych".
    r"|powiadamia\w* o|uprzedza\w* o|chcą|chciał\w*|grozi|grożą|groził\w*|zagrozi\w*|zapowiada\w*"
    r"|zapowiedzia\w*|będzie|będą|zostanie|zostaną|wkrótce|niebawem|możliw\w*|potencjaln\w*|spodziewan\w*"
    r"|ewentualn\w*|obaw\w*|zagrożeni\w*|groźb\w*|ryzyk\w*|zamiar\w*|plan|plany|planach|planem|jeśli|jeżeli"
    r"|gdyby|czy|aby|żeby|by|zgodzi\w*|zgod\w* na|zezwol\w*|zezwal\w*|pozwol\w*|pozwal\w*|zdoln\w*|zdolnoś\w*|w stanie|potrafi\w*|ostrzega\w* przed|ostrzeg\w* przed"
    r"|ostrzeżeni\w* przed|przygotowani\w*|szykowan\w*|kolejn\w* możliw\w*|decyzj\w* o"
    # A threat in the first person: "Kreml grozi: odpowiemy na ataki rakietami".
    r"|odpowiemy|uderzymy|zaatakujemy|zniszczymy"
    # A perfective verb's future carrying the event noun: "przeprowadzi próbę rakiety".
    r"|przeprowadzi|przeprowadzą|wykona|wykonają|dokona|dokonają"
    # What is to be: "Mają być próbne starty pocisków", "ma się odbyć test".
    r"|ma(?:ją)?\s+(?:być|się\s+odbyć|nastąpić)"
    # A start moved or called off: "Korea Płn. przesunęła start satelity".
    r"|przesun\w*|przełoż\w*|odłoż\w*|odwoła\w*"
    # A window given for it: "zgłosił Japonii okno na start satelity".
    r"|okn[oa] na"
    # Any attack, an order to shoot down: "każdy atak rakietowy spotka się z odpowiedzią",
    # "rozkaz zestrzelenia rakiety, jeśli zagrozi".
    r"|każd\w*(?!\s+z\b)|rozkaz\w*"
    # Drills: "ewakuacja na wypadek ataku rakietowego", "w razie ataku", "symulowany atak",
    # "ćwiczą użycie Iskanderów" (not "podczas ćwiczeń wystrzelono": a live firing).
    # A drill's scenario: "scenariusz zakłada atak rakietowy z Północy".
    r"|scenariusz\w*|zakład(?:a|ają|ał\w*)"
    # (Not a training launch, which flew: "udany szkoleniowy start pocisku".)
    r"|na wypadek|w razie|w przypadku|symul\w*|ćwicz(?:ą|y|ył\w*|yli|ono)|przećwicz\w*|trenuj\w*|trenowa\w*"
    r"|szkoleni(?!ow)\w*)\b:?"
    # ... with a time to come between: "może w najbliższych dniach przeprowadzić próbę".
    r"(?:\s+w\s+(?:najbliższ\w*|ciągu)(?:\s+[\w-]+){1,2}?)?"
    r"(?:\s+(?:[\w-]+|m\.in\.)){0,3}\s+$",
    _I,
)
# Before a verb's present in a relative clause of where it is done from or with: what is
# done there habitually, no event ("bombowce, z których Rosja wystrzeliwuje rakiety").
HABITUAL_RELATIVE_BEFORE = compile_fast(
    r"\b(?:z|spod|znad|przy użyciu|za pomocą)\s+(?:których|którego|której|jakich)\b(?:\s+[\w-]+){0,3}\s+$", _I)
# Right before an event in quotes, a text whose topic it is: "przeprasza za nagłówek o „ataku
# rakietowym na Polskę”", "APT28 wysyła „raport o ataku rakietowym”" (a title, not a report).
QUOTED_TOPIC_BEFORE = compile_fast(
    r"\b(?:nagłów\w*|raport\w*|artykuł\w*|tekst\w*|doniesie\w*|plotk\w*|fałszyw\w*|fake\s*news\w*|dezinformacj\w*"
    r"|publikacj\w*|wiadomoś\w*|SMS\w*|e-?mail\w*)\s+o\s*[„\"“]\s*$"
    r"|[„\"“]\s*(?:raport|komunikat|informacja|wiadomość|dokument)\s+o\s+$", _I)
# Between a weapon and the noun of its event, what it could do, not what it did: "Sarmat
# jest w stanie zniszczyć Wielką Brytanię jednym uderzeniem".
CAPABLE_BETWEEN = compile_fast(r"\b(?:w stanie|zdoln\w*|potrafi\w*|może|mogą|mógłby|mogłaby|mogłoby|mogłyby)\b", _I)
# After a noun event: "start ... zaplanowano na", "test przełożono".
MODAL_AFTER = compile_fast(
    r"\s*(?:[\w-]+\s+){0,3}?(?:jest |są |był |była )?(?:spodziewan\w*|planowan\w*|zaplanowan\w*|zaplanowano"
    r"|przełożon\w*|przełożono|przesunięt\w*|przesunięto|odwołan\w*|odwołano|wstrzyman\w*|wstrzymano|opóźnion\w*|ma się odbyć"
    r"|mają się odbyć|może nastąpić|mogą nastąpić|nastąpi|odbędzie"
    # What it will be: "kolejne starty rakiet będą odpowiedzią".
    r"|będzie|będą"
    # What may happen to it: "szczątki rakiety mogą spaść na Morze Żółte".
    r"|(?:może|mogą|mogłyby|mogłaby|mogłoby|mógłby)\s+(?:spaść|spadać|uderzyć|trafić|dolecieć|przelecieć|wlecieć)"
    # A window announced: "start satelity między 27 maja a 4 czerwca".
    r"|między \d{1,2}\.? \w+ a \d{1,2}\.? \w+)\b",
    _I,
)
# Before an event told by its noun: "zbliżającego się startu", "nadchodzący test" (an
# approaching missile, "zbliżające się rakiety", is in flight: read before the noun only).
UPCOMING_BEFORE = compile_fast(r"\b(?:zbliżając\w*|nadchodząc\w*)(?:\s+się)?\s+$", _I)
# "próbowała wystrzelić", "nie udało się wystrzelić": a failed launch is still a launch.
# "miała uderzyć rakieta": the past of "mieć" with an infinitive tells what reportedly
# happened; its present ("ma uderzyć", "is to strike") still looks ahead.
REPORTED_BEFORE = compile_fast(r"\bmia(?:ł|ła|ło|ły|li)\s+(?:[\w-]+\s+){0,2}$", _I)
ATTEMPT_BEFORE = compile_fast(
    r"\b(?:próbował\w*|próbuj\w*|usiłował\w*|usiłuj\w*|nie udał\w* się|nie powiodł\w* się|nieudan\w*)"
    r"\s+(?:[\w-]+\s+){0,2}$",
    _I,
)
NEGATION_BEFORE = compile_fast(
    # One that noted none: "obrona nie odnotowała w tym rejonie startów rakiet".
    r"\bnie\s+(?:odnotowa|zarejestrowa|stwierdzi|wykry)\w*(?:\s+[\w-]+){0,4}\s+$"
    # (A weapon without its warhead still flew: "pocisk bez głowicy bojowej spadł"; a city
    # left without power was hit: "Charków bez prądu po ataku rakietowym".)
    r"|\b(?:(?<!, a )nie(?!\s+tylko\b)(?!\s+[\w-]+,?\s+(?:a|lecz|ale)\s)|bez(?!\s+(?:głowic|ładunk|uzbrojeni|prąd|zasilani|światł|wod|ogrzewani|energi|dach)\w*)|ani|nigdy|żaden|żadn\w*"
    # "Ludzie mylą je z wybuchami rakiet", "pomylono fajerwerki z ostrzałem": something else.
    r"|myl\w*|pomyl\w*|wzięt\w* za|wzięli za)\s+(?:[\w-]+\s+){0,2}$", _I)
# A launch denied: "doniesienia o rakiecie nad Polską są nieprawdziwe", "informacje o
# ataku rakietowym to fake news" (after it, in its sentence); "MON dementuje doniesienia o
# wystrzeleniu rakiety", "fałszywe informacje o rakiecie" (before it, in its clause).
DENIED_AFTER = compile_fast(
    r"[^.!?;:]{0,60}?\s(?:(?:są|jest|był|była|było|były|okazał\w* się)\s+(?:całkowicie\s+|kompletnie\s+)?"
    r"(?:nieprawdziw\w*|fałszyw\w*|nieprawdą|bezpodstawn\w*|plotk\w*|pomyłk\w*|błędn\w*|fake\s?news\w*)"
    r"|to\s+(?:nieprawda|fake\s?news|plotka|dezinformacja|pomyłka)"
    # None was seen: "Rakiet w tym ataku nie odnotowano".
    r"|nie\s+(?:odnotowano|stwierdzono|zarejestrowano|wykryto|użyto))\b", _I)
DENIED_BEFORE = compile_fast(
    # An event only alleged, right before it: "komunikat o rzekomym wystrzeleniu pocisku".
    r"\brzekom\w*\s+$"
    r"|\b(?:dementu\w*|zdementowa\w*|zaprzecz\w*|nieprawdziw\w*|fałszyw\w*|fake\s?news\w*|dezinformacj\w*"
    # "Prostujemy: ... błędnie podaliśmy, że miasto zostało ostrzelane rakietami".
    r"|błędn\w*|prostuj\w*|sprostowa\w*)"
    r"(?:[,:]?\s+[„\"]?[\w-]+){0,6}[,:]?\s+[„\"]?$", _I)
# A weapon and where it flew with no verb of its own ("rakiet nad terytorium Polski") takes
# its frame from the verbs of its clause, wherever they stand before it: "Nie możemy
# monitorować rakiet nad Polską" reports no missile over Poland.
# ... or "Polska powinna mieć prawo zestrzeliwać rosyjskie rakiety nad Ukrainą": what ought to be.
# ("Rakiety nad Odessą, nie żyje pięć osób": "nie żyje" is the harm, a death, no negation.)
VERBLESS_FRAME = compile_fast(
    r"\b(?:nie(?!\s+tylko\b)(?!\s+żyj)|bez|ani|nigdy|może|mogą|mogę|możesz|możemy|możecie|mogł\w*|mogli\w*|mógł\w*|można"
    r"|czy|jeśli|jeżeli|gdyby|będzie\w*|będ[ąę]|zostanie|zostaną|powinn\w*|powinien|trzeba|należy|mieć prawo)\b", _I)
# Where the clause of a verbless weapon starts: a colon (after who says it), a semicolon,
# a dash or a comma before a conjunction.
VERBLESS_CLAUSE_START = compile_fast(r"[:;]|\s[–—-]\s|,\s*(?=(?:któr\w*|gdy|kiedy|bo|ale|lecz|a|że|iż)\b)", _I)
# A modal or possibility word before a clause of "że" puts the whole clause under it:
# "może się okaże, że rakietę wystrzeliła ..." reports no launch; "twierdzi, że" does.
MODAL_THAT_BEFORE = compile_fast(
    r"\b(?:może|mogą|mogł\w*|mogli\w*|mógł\w*|możemy|można|możliw\w*|niewykluczon\w*|obaw\w*|jeśli|jeżeli"
    r"|gdyby)\b(?:\s+[\w-]+){0,3},?\s+(?:że|iż)\s", _I)
# The event as the cause of other news: "po wystrzeleniu", "w odpowiedzi na atak".
SUBORDINATE_BEFORE = compile_fast(
    r"\b(?:po(?!\s+(?:raz|południu|północy|godzinie|godz\.|\d))|po tym,? jak|w odpowiedzi na|w reakcji na"
    r"|w związku z|wobec|mimo|pomimo|na wieść o|przed(?!\s+(?:południem|północą|godziną|\d)))\b"
    r"(?:\s+[\w.-]+){0,5}\s*$",
    _I,
)
# An air-raid alarm raised because of a launch ("alarm w związku z wystrzeleniem
# pocisków"): alarms follow launches that happened, so the launch is reported, not merely
# the cause of other news.
ALARM_CAUSE_BEFORE = compile_fast(
    r"\b(?:alarm\w*|syren\w*|ostrzeżeni\w*)(?:\s+[\w-]+){0,3}\s+(?:w związku z|po tym,? (?:jak|gdy)|po|z powodu|wskutek)"
    r"(?:\s+[\w.-]+){0,5}\s*$", _I)
# A strike given as what another act answers ("uderzył w odpowiedzi na atak rakietowy"):
# the cause of the news even for a strike, whose aftermath ("pożar po ataku") is its report.
RESPONSE_BEFORE = compile_fast(
    # ... or despite it: "eksport wzrósł mimo rosyjskich ataków rakietowych" (the attacks are background).
    r"\b(?:(?:w\s+)?odpowied(?:ź|zi|zią) na|w reakcji na|odwet\w* za|w rewanżu za|mimo|pomimo"
    # ... or the day it dates: "W dniu irańskiego ataku rakietowego kanał miał rekord widzów".
    r"|w dniu|w dzień)(?:\s+[\w.-]+){0,5}\s*$", _I)
# A headline attack given as an answer ("uderzył w odwecie"): the rockets its summary
# names are what it answers, not its own weapons.
RETALIATION = compile_fast(r"\b(?:odwet\w*|w odpowiedzi|odpowiedź|odpowiada\w*|w reakcji|zemst\w*|rewanż\w*)\b", _I)
# Before a headline's attack noun: the attack is a topic of the news, not its event
# ("metody ataków", "ryzyko uderzenia").
TOPIC_BEFORE = compile_fast(
    r"\b(?:metod\w*|taktyk\w*|sposob\w*|sposób|rodzaj\w*|ryzyk\w*|zagrożeni\w*|histori\w*|skutecznoś\w*"
    r"|stosowa\w*|zastosowa\w*|obron\w*|mimo|pomimo)\s+(?:[\w-]+\s+)?$", _I)
# Before a noun event, after a weapon: the noun opens a phrase of its own ("pocisków
# przeciwlotniczych po zmasowanym ataku"), so the weapon before it is not its weapon.
PHRASE_BEFORE_NOUN = compile_fast(
    r"\b(?:po|przed|podczas|wskutek|w wyniku|w trakcie|w czasie|mimo|pomimo|dla)\s+(?:[\w-]+\s+){0,2}$", _I)
# Before a weapon, where a launcher it was fired from stands: "z wieloprowadnicowych wyrzutni
# rakietowych" (the launcher's own word is what NOT_A_WEAPON_BEFORE sets aside).
FROM_LAUNCHER_BEFORE = compile_fast(r"\bze?\s+(?:[\w-]+\s+){1,2}wyrzutni\w*\s+$", _I)
# After a weapon: a price makes it goods, not a weapon fired ("pociski i rakiety o
# wartości 40 mln euro"); firecrackers beside it make it a firework ("odpalania rakiet i
# petard").
NOT_A_WEAPON_AFTER = compile_fast(r"\s+(?:[\w-]+\s+){0,3}?o (?:łącznej )?wartości\b"
                                  # A "rocket" of a price bracket is a product: "rakieta w średniej półce".
                                  r"|\s+(?:w|na|z)\s+(?:[\w-]+\s+)?półce\b|\s+(?:w|na|z)\s+(?:[\w-]+\s+)?półki\s+cenowej\b"
                                  r"|,?\s+(?:i|oraz|lub|albo)\s+(?:petard|fajerwerk|sztuczn\w* ogni|rac\b|racy)", _I)
# Right after a weapon with no verb of its own: where it flew ("rakieta nad Polską").
# A breaking headline's weapon right after its label in capitals ("PILNE:", with an
# adjective), and the named place it flew at, ending the phrase: "PILNE: Rakiety na Kijów".
# Without the label "na" as often tells where weapons go ("Pociski na Białoruś", a
# deployment; "Niemcy wyślą rakiety na Ukrainę", a supply).
WEAPON_OPENS = re.compile(r"\s*[A-ZĄĆĘŁŃÓŚŹŻ]{3,}[A-ZĄĆĘŁŃÓŚŹŻ ]*:\s*(?:[\w-]+\s+)?")
ONTO_AFTER = compile_fast(r"\s+(?:[\w-]+\s+)?[Nn]a\s+[A-ZŁŚŻŹĆ]\w*(?:\s+[A-ZŁŚŻŹĆ]\w*)?\s*(?=$|[,.;:!?]|\s[–—-]\s)")
# "Rakiety z Gazy nad Tel Awiwem", "ze Strefy Gazy": where it came from may stand between. A weapon "in
# action", ending its phrase, was used ("HIMARS-y w akcji."; not "w akcji charytatywnej");
# a satellite "na orbicie" was launched (whose launch counts, the space rules decide).
# (Not a flight to come: "Rakiety polecą nad Pacyfik".)
OVER_AFTER = compile_fast(r"(?:-\w{1,3})?\s+(?:(?!(?:po|prze|nad|w)lec(?:ą|i)\s|spadn(?:ą|ie)\s|uderz[ąy]\s)[\w-]+\s+)?"
                          r"(?:ze?\s+[\w-]+\s+(?:[\w-]+\s+)?)?(?:(?:nad|w przestrzeni|w polskiej przestrzeni)\s|w akcji(?=\s*(?:$|[.,;:!?]|[–—-]\s))|na orbicie\b)", _I)
# ... or the one night a number of them came in: "Zełenski: 43 rakiety w jedną noc".
# ... or within an hour or a few ("Ponad 100 rakiet w ciągu godziny"), one attack's span.
NIGHT_AFTER = compile_fast(r"\s+(?:w\s+(?:jedną\s+noc|ciągu\s+(?:jednej\s+)?nocy|nocy)|(?:tej|minionej|ostatniej|jednej)\s+nocy"
                           r"|nocą|w\s+(?:ciągu\s+)?(?:(?:jednej|pół)\s+)?godziny|w\s+ciągu\s+(?:kilku|kilkunastu|\d{1,2})\s+(?:godzin|minut)"
                           r"|w\s+(?:kilka|kilkanaście|\d{1,2})\s+minut)(?=\s*(?:$|[.,;:!?|]|\s[–—-]\s))", _I)
# Fireworks, not weapons: "Rakiety nad Rynkiem Głównym. Kraków przywitał Nowy Rok".
FESTIVE = compile_fast(r"\b(?:sylwest\w*|now\w* rok\w*|noworoczn\w*|fajerwerk\w*|sztuczn\w* ogni\w*|petard\w*)", _I)
# ... or where it flew first, opening the headline's sentence: "Nad Galileą kilkadziesiąt rakiet".
# (A plain pattern: the place's capital letter is read case-sensitively.)
OVER_LEAD = re.compile(r"\s*(?P<over>[Nn]ad)\s+[A-ZĆŁŚŹŻ][\w-]*(?:\s+[\w-]+)?\s+(?:[\w-]+\s+)?$")

# Between an event word and a weapon: they belong to different clauses. What answers
# another event ("uderzyła w odpowiedzi na atak rakietowy") has that event's weapon.
CLAUSE_BREAK = compile_fast(
    # (", a 7" after "nie 5" corrects a count: "wystrzeliła nie 5, a 7 rakiet", "nie jeden, a dwa".)
    r"[;:]|,\s*(?:któr\w*|gdy|kiedy|bo|ponieważ|jednak|choć|chociaż|aby|żeby|by|(?:a|ale|lecz)(?!\s+(?:\d|dw|trz|czter|pięć|sześć|siedem|osiem|dziewięć|dziesięć|kilk|nie\s))"
    r"|zaś|natomiast|że|iż"
    r"|gdzie|po czym)\b|\s(?:ponieważ|gdy|kiedy|chociaż|ale|lecz|podczas gdy)\s(?!\s*(?:\d|dw|trz|czter|pięć|kilk))|\s[–—-]\s"
    r"|\b(?:w\s+)?odpowied(?:ź|zi|zią) na\b|\bw reakcji na\b|\bodwet\w* za\b|\bw rewanżu za\b",
    _I,
)

# Artillery, and "pocisk" alone: an item about the one makes the other its shells, unless
# something calls them missiles.
ARTILLERY = compile_fast(r"\b(?:artyler\w*|haubic\w*|moździerz\w*|czołg\w*)", _I)  # a tank's are shells too
BARE_SHELL = compile_fast(rf"(?:{_MISSILE_NOUN})$", _I)
MISSILE_QUALIFIER = compile_fast(
    r"\b(?:balistyczn|manewrując|przeciwlotnicz|przeciwpancern|przeciwokrętow|hipersoniczn|skrzydlat|kierowan"
    r"|ziemia-powietrze|powietrze-)\w*", _I)

# A relative clause closed before the verb ("Rakieta, która spadła w Przewodowie,
# przeleciała 50 km"): the weapon is still the verb's subject.
_RELATIVE = r"\s*,\s*któr\w*[^,;:.!?–]*"
CLOSED_RELATIVE = compile_fast(rf"{_RELATIVE},\s*$", _I)
# A relative clause on the weapon whose own verb tells the event ("Pocisk, który Korea
# Północna odpaliła w ubiegłym tygodniu, ...").
OPEN_RELATIVE = compile_fast(rf"(?:\s+[\w-]+){{0,3}}{_RELATIVE}$", _I)
# ... when the weapon opens its sentence or its "że" clause: deep in a sentence ("dowody na
# pochodzenie rakiety, która wleciała") the relative clause recalls an event as background.
RELATIVE_HEAD = compile_fast(r"\s*(?:[\w-]+\s+){0,4}$|.*\b(?:że|iż)\s+(?:[\w-]+\s+){0,2}$", _I)

# A state's body that speaks of a strike or a launch reports it ("Wojsko mówi o „precyzyjnych
# uderzeniach”", "Pekin mówi o „rutynowym” starcie"; a president who speaks of one reacts).
_BODY_SPEAKS = ("(?:(?<=Kijów mówi o)|(?<=Pekin mówi o)|(?<=Moskwa mówi o)|(?<=Wojsko mówi o)|(?<=Armia mówi o)"
                "|(?<=MON mówi o)|(?<=Teheran mówi o)|(?<=Pjongjang mówi o)|(?<=Pentagon mówi o)"
                "|(?<=[Oo]brona powietrzna mówi o)|(?<=Siły Powietrzne mówią o)|(?<=Dowództwo mówi o)|(?<=Sztab mówi o))")
# Weapons counted, whoever speaks of them, are reported ("Gubernator Odessy mówi o dwóch
# Neptunach", "mówi o 40 rakietach"; not "mówi o odwecie").
_WEAPONS_COUNTED = (r"\s+(?:\d+|dw(?:óch|u|ie)|trzech|czterech|pięciu|kilku|kilkunastu|kilkudziesięciu|\w+dziestu|\w+stu)"
                    rf"\s+(?:[\w-]+\s+)?(?:{_ROCKET_NOUN}|{_MISSILE_NOUN}|[A-ZŁŚŻŹ][\w-]+)")
# A reaction as the headline's main event (main-event rule).
REACTION = compile_fast(
    r"\b(?:potępi\w*|potępieni\w*|sankcj\w*|rezolucj\w*|Rad\w* Bezpieczeństwa|RB ONZ|posiedzeni\w*|spotkani\w*"
    r"|szczyt\w*|rozmow\w*|rozmawia\w*|protest\w*|oburzeni\w*|krytyk\w*|skrytykowa\w*|reaguj\w*|reakcj\w*"
    # Explanations demanded: "zażądamy od Rosji wyjaśnień w sprawie rakiety".
    r"|(?:za)?żąda\w*(?=\s+(?:[\w-]+\s+){0,3}?wyjaśnie\w*)"
    r"|zareagowa\w*|odpowiedź(?!\s+na\b)|apel\w*|(?:wzyw\w*|wezwa\w*)(?!\s+(?:[\w-]+\s+){0,3}?(?:do\s+)?(?:schron|ukryci|ewakuac))|oskarża\w*|oskarży\w*|komentuj\w*|skomentowa\w*"
    # (Not an airspace violated: "potwierdza naruszenie przestrzeni powietrznej" tells the flight.)
    r"|komentarz\w*|narusz\w*\b(?!\s+(?:[\w-]+\s+)?przestrze\w*\s+powietrzn)|oświadczeni\w*|zwołuj\w*|zwoła\w*|zaniepokojeni\w*|głosowa\w*|deklaracj\w*"
    rf"|podkreśla\w*|destabiliz\w*|niedopuszczaln\w*|nie do przyjęcia|odpowie|odpowiedzą|ripost\w*|mówi\w* o(?!\s+(?:\d+\s+)?(?:zestrzeleni|zniszczeni|trafieni|zabit|ofiar|rann|zginięci|strat|uszkodz)\w*)(?!{_BODY_SPEAKS}\s+(?:[^\s\w]?[\w-]+[^\s\w]?\s+){{0,2}}?[^\s\w]?(?:start|starci|uderzen|atak|test|teści|pocisk|rakiet|ostrzal|ostrzał|obiekt)\w*)(?!{_WEAPONS_COUNTED})|ocenia\w*(?!\s+(?:straty|zniszczeni\w*|szkody|skutki))|ocenił\w*|solidaryz\w*"
    # A court that hears of it: "Haga: świadkowie o ataku na dworzec w Kramatorsku".
    r"|świadk(?:owie|ów|ami)(?!\s*:)|zezna\w*|trybunał\w*|rozpraw\w*"
    # A commander dismissed after it: "Dowódca zwolniony po ataku na poligon".
    r"|zdymisjonowa\w*|dymisj\w*|zwolnion\w*"
    # A leader's visit, call or prayer after the attack.
    r"|odwiedzi\w*|odwiedza\w*|zadzwoni\w*|modl\w*|GPW"
    # A denial of the launch ("Kreml zaprzecza, że ..."; not "Ukraina zaprzecza stratom").
    r"|zaprzecz\w*(?=,?\s+(?:jakoby|że|by|doniesieni\w*|informacj\w*|raport\w*))"
    # A message from one leader to another: "Trump do Putina: „Władimirze, STOP!”".
    r"|(?-i:[A-ZŁŚŻŹĆ])[\w-]+ do (?-i:[A-ZŁŚŻŹĆ])[\w-]+(?=\s*:)"
    # A warning after the attack ("Biden ostrzega Iran po ataku"; not "Japonia ostrzega statki").
    r"|ostrzega\w*(?=\s+(?:[\w-]+\s+){0,2}po\b)"
    # A truce agreed: "Islamski Dżihad i Izrael uzgodniły rozejm" (not "Zawieszenie broni
    # naruszone? Rakieta spadła ...").
    r"|(?:uzgodni|uzgadnia|zawar|zawiera|ogłosi|ogłasza|przyję|przyjmuj|podpisa|podpisuj)\w*\s+(?:[\w-]+\s+)?(?:rozejm|zawieszeni\w* broni)"
    # An airline's suspension: "LOT zawiesza loty do Tel Awiwu".
    r"|zawiesz(?:a|ają|ył\w*)|zawiesi\w*"
    # A trial of the accused: "Ruszył proces oskarżonych o atak rakietowy".
    r"|oskarżon\w*|proces\w*(?=\s+(?:[\w-]+\s+){0,2}?(?:oskarżon|sprawc|zamachowc))"
    # A court's verdict or a suit: "Sąd w Hadze: wyrok w sprawie zestrzelenia MH17".
    r"|odszkodowa\w*|sąd(?:u|em|zie|y|ów|owi)?|wyrok\w*|dożywoci\w*|skaza\w*|uniewinni\w*|trybunał\w*|pozew|pozwu|pozwie|pozwa(?:ł|ła|li|ć)\w*"
    # Markets: "Złoty traci po doniesieniach o rakietach".
    r"|złot(?:y|ego|ówka|ówki)|giełd\w*|notowa\w*|kurs\w* (?:walut|złot|ropy|akcji)\w*|cen\w* ropy|WIG(?:20)?"
    # Lessons drawn from it: "MON: lekcja z ataku na Izrael", "wnioski z ostrzału".
    r"|lekcj[aeiąę]?\s+z|wnios(?:ki|ków)\s+z"
    # ... and oil: "Ropa drożeje po ataku rakietowym", "Brent zyskuje".
    r"|Brent\w*|rop[ay] (?:naftow\w* )?(?:droż|tanie|zdroż|potani|rośnie|rosła|spada|spadł|skocz|zyskuj|zyskał|tra[cf])\w*"
    # A fact-check and a pledge to rebuild: "nagranie ... to manipulacja", "na odbudowę szpitala".
    r"|manipulacj\w*|dezinformacj\w*|fake\w*|fałszyw\w*|(?:na|o) odbudow\w*)\b",
    _I,
)


# A trend told of a headline's plural noun event, later in its clause: "Ataki rakietowe Huti
# na statki słabną", "Ostrzał rakietowy z Libanu nasila się".
TREND_NOUNS = frozenset({"ataki", "ataków", "ostrzał", "ostrzały", "uderzenia", "uderzeń", "salwy", "testy", "starty"})
RATE = compile_fast(
    r"\b(?:\d+(?:,\d+)?\s?(?:%|proc\.|procent\w*)|co (?:drug|trzeci|czwart|piąt|dziesiąt)\w*"
    # A share in words: "połowa rosyjskich pocisków", "dwie trzecie rakiet".
    r"|połow[aęy]|(?:jedn[aą]|dwie) trzeci\w*|ćwierć|trzy czwarte"
    # "Skuteczność zestrzeleń rosyjskich rakiet": a rate of their interception.
    r"|skutecznoś\w+)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:rakiet\w*|pocisk\w*)\b", _I)
# A change in what is fired: "coraz więcej Iskanderów", "salwy coraz mniejsze", "rzadziej
# atakuje rakietami", "Słabnie ostrzał rakietowy", "sięga po rakiety balistyczne".
SHIFT = compile_fast(
    r"\b(?:coraz\s+(?:więcej|mniej|częściej|rzadziej|\w+(?:sze|szy|sza|szą|szych|si|ej))|(?:częściej|rzadziej)\s+(?:[\w-]+\s+)?"
    r"(?:atakuj\w*|sięga\w*|używa\w*|strzela\w*|wystrzeliwuj\w*|odpala\w*)"
    r"|(?:atakuj\w*|sięga\w*|używa\w*|strzela\w*|wystrzeliwuj\w*|odpala\w*)\s+(?:częściej|rzadziej)|(?:przerzuca|przestawia)\s+się\s+na"
    r"|(?:zwalnia|przyspiesza|spowalnia)\w*\s+tempo"
    # "Liczba ataków rakietowych na statki spadła" (not a toll's: the detector checks the harm).
    r"|liczb[aęy]\s+(?:[\w-]+\s+){0,4}?(?:wzrosła|zmalała|spadła|podwoiła się|potroiła się))\b"
    r"|^(?:[A-ZŁŚŻŹ]\w*:\s*)?(?:słabnie|słabną|nasila się|nasilają się|maleje|maleją|wygasa|wygasają)\b", _I)
# A count of the weapons or attacks that passes a mark: "Liczba rakiet ... przekroczyła 8 tys.".
MILESTONE = compile_fast(
    r"\b(?:liczb[aęy]|bilans|rakiet(?:y)?|pocisk(?:i|ów)|ataki|ataków|odpaleń|startów)\b(?:\s+[\w.,-]+){0,8}?\s+"
    r"(?P<verb>przekroczy\w*|przekracza\w*|przebił\w*|sięg(?:a|ają|nęł\w*)|osiągnęł\w*|zbliża\w* się do|wynosi|wynoszą"
    r"|wyniosł\w*|przewyższ\w*)\s+"
    r"(?:(?:już|ok\.|około|ponad|blisko|prawie|niemal|aż)\s+)*"
    r"(?:\d{1,3}(?:[\u00a0 .]\d{3})+|\d{2,}|\d+(?:,\d+)?\s?(?:tys\.|tysi\w*|mln)|\w+ tysi\w*)"
    r"(?!\s*(?:km|kilometr|metr|m\b|kg|ton|proc|%))", _I)
TREND_AFTER = compile_fast(
    r"(?:\s+[\w-]+){0,9}?\s+(?:słabn\w*|słabnie|osłab\w*|nasila\w*|rośnie|rosną|wzrasta\w*|maleje|maleją|zmniejsza\w*"
    r"|zwiększa\w*|wygasa\w*|ustaj\w*|ustał\w*)\b", _I)


# At a headline's start, a speaker and the attack their words follow or concern, before a
# colon: "Duda po ataku rakietowym na Kijów: ..." (not witnesses: "Mieszkańcy po ataku: ..."
# tell the aftermath).
SPEAKER_AFTER = compile_fast(r"(?!(?:Mieszka\w*|Świadk\w*|Ocala\w*|Ludzie)\b)"
                             # (not "po raz pierwszy", "for the first time": "Ukraina po raz pierwszy
                             # uderzyła ... . Moskwa: ...")
                             r"(?:[A-ZŁŚŻŹĆ][\w.'’-]*\s+){1,4}?(?:po(?!\s+(?:raz|południu|północy)\b)|o|w sprawie)\s+"
                             r"(?=[^:]{3,100}:\s)")
# After the headline's attack, a judgement of it: "atak rakietowy na Kijów to akt terroru",
# "ostrzał jest zbrodnią wojenną", "uderzenie oznacza eskalację".
JUDGED_AFTER = compile_fast(
    # (An abbreviation's dot within the clause, "przez Koreę Płn. to ...", not a sentence's
    # end after a longer word.)
    r"[\s:\"„”«»]*(?:[\w-]+(?:(?<!\w\w\w\w\w)\.)?[\s:\"„”«»]+){0,5}?(?:oznacza\w*|(?:to|jest|są|był|była|było|były)\s+(?:[\w-]+\s+)?(?:akt\w*|zbrodni\w*|terror\w*|eskalacj\w*|prowokacj\w*|sygnał\w*|ostrzeżeni\w*|barbarzyństw\w*"
    r"|zemst\w*|wypowiedzeni\w* wojny|naruszeni\w*)"
    # "wystrzelenie pocisku przez Koreę Płn. to „absolutnie niedopuszczalne”".
    r"|(?:to|jest)\s+[\"„”«»]?(?:absolutnie\s+|całkowicie\s+)?(?:niedopuszczaln\w*|nie do przyjęcia|skandaliczn\w*)"
    r"|nie pozostanie bez (?:odpowiedzi|kary))\b", _I)


# --- extraction --------------------------------------------------------------------------

NUMBER_WORDS = MappingProxyType({
    "jeden": 1, "jedna": 1, "jedną": 1, "jedno": 1, "jednego": 1, "jednej": 1, "dwa": 2, "dwie": 2, "dwóch": 2,
    "dwoma": 2, "dwiema": 2, "trzy": 3, "trzech": 3, "trzema": 3, "cztery": 4, "czterech": 4, "czterema": 4,
    "pięć": 5, "pięciu": 5, "pięcioma": 5, "sześć": 6, "sześciu": 6, "sześcioma": 6, "siedem": 7, "siedmiu": 7,
    "siedmioma": 7, "osiem": 8, "ośmiu": 8, "ośmioma": 8, "dziewięć": 9, "dziewięciu": 9, "dziewięcioma": 9,
    "dziesięć": 10, "dziesięciu": 10, "dziesięcioma": 10, "dwanaście": 12, "dwunastu": 12, "dwunastoma": 12,
    "piętnaście": 15, "piętnastu": 15, "piętnastoma": 15, "dwadzieścia": 20, "dwudziestu": 20, "dwudziestoma": 20,
})
# Weapons that fell, struck or were downed (a place's tally: `place_tally`), and what after
# "w" or "na" is a time or a whole state, no place of one.
_IMPACT = (r"(?:spadł\w*|spada(?:ją|ły)|uderzył\w*|trafił\w*|eksplodowa\w*|wybuchł\w*|zestrzelon\w*|strącon\w*"
           r"|przechwycon\w*)\b")
_NOT_TIME_OR_STATE = (r"(?!(?:nocy|ciągu|sumie|czasie|tym|wyniku|tej|ten|Ukrain\w*|Izrael\w*|Polsk\w*|Rosj\w*"
                      r"|poniedział\w*|wtor\w*|środ\w*|czwart\w*|piąt\w*|sobot\w*|niedziel\w*)\b)")
COUNT = compile_fast(
    # (Not a clock's hour: "o godz. 6", "ok. 6 rano dwa pociski".)
    r"(?<![\w,.:-])(?<!godz\. )(?:(?:co najmniej|przynajmniej|ponad|przeszło|blisko|niemal|prawie|około|ok\.|aż|nawet|łącznie)\s+)?"
    r"(?P<n>\d{1,4}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?!\s?-?(?:km|kg|mm|cm|m|t|%|proc|kilometr\w*|mil\w*|lat\w*|dni|godzin\w*|minut\w*|sekund\w*|osób|osoby"
    r"|ludzi|tys|mln|rano|wieczorem|w nocy|nad ranem|po południu|czasu"
    # (Nor a date's day: "3 lutego test pocisków", "z 14 na 15 marca wystrzeliły pociski".)
    r"|styczni\w*|lut\w*|marc\w*|kwietni\w*|maj\w*|czerwc\w*|lipc\w*|sierpni\w*|wrze\w*|październik\w*|listopad\w*|grudni\w*"
    r"|na\s+\d)\b)\s+"
    r"(?:(?!(?:na|w|z|do|od|po|przez|i|oraz|lub|nad|pod|ze|we)\b)[\w-]+\s+){0,3}?"
    # (or missiles by their name: "sześć Kindżałów", "dwa Iskandery", "20 Tomahawków")
    rf"(?:{_ROCKET_NOUN}|{_MISSILE_NOUN}|ICBM|SRBM|(?:Kinżał|Kindżał|Kalibr|Iskander|Toczk|Cyrkon|Onyks|Neptun|Tomahawk"
    rf"|ATACMS|Storm Shadow|Ch-\d+)\w*)\b",
    _I,
)
# Verbs of saying and reporting.
_SAYING = (
    r"twierdzi\w*|podaj\w*|podał\w*|podali|poinformowa\w*|informuj\w*|informowa\w*|przekaza\w*|przekazuj\w*"
    r"|potwierdzi\w*|potwierdza\w*|oświadczy\w*|mówił\w*|mówi|mówią|powiedzia\w*|powiadomi\w*|ogłosi\w*"
    r"|ogłasza\w*|zapewnia\w*|donosi|donoszą|zakomunikowa\w*|ustalił\w*|ustalili|pisze|piszą|napisa\w*"
    # Who studies the flight or estimates it reports it: "Seul analizuje dane", "armia szacuje".
    r"|analizuj\w*|przeanalizowa\w*|szacuj\w*|oszacowa\w*"
    # Who admits an attack on its side reports it ("władze Krymu przyznały, że doszło do ataku";
    # not "przyznali się do ataku", a claim).
    r"|przyzna(?:ł|ła|ło|li|ły|je|ją)\b(?!\s+się)"
    # Who corrects the figures reports them: "Japonia koryguje dane: pociski przeleciały 800 km".
    r"|koryguj\w*|skorygowa\w*"
)
# After a name: it says, reports, warns, detects or accuses (the name is a reporter, or the source).
SAYING_VERBS = (
    rf"\s*(?:{_SAYING}|alarmuj\w*|ostrzega\w*|ostrzegł\w*|wykry\w*|zgłasza\w*|zgłosi\w*|oskarża\w*|melduj\w*"
    r"|zameldowa\w*)\b"
)
# Verbs that credit their subject as the speaker, writing ones too.
SPEAKER_VERBS = rf"\b(?:{_SAYING}|napisa\w*|pisze|relacjonuj\w*|ustali\w*)\b"
# Dates: "w sobotę", "we wtorek rano", "w nocy z wtorku na środę" (the first day's night),
# "29 grudnia", "29 grudnia 2023", "wczoraj". A weekday in any case form, by its stem.
WEEKDAYS = MappingProxyType({"poniedział": 0, "wtor": 1, "środ": 2, "czwart": 3, "piąt": 4, "sobot": 5,
                             "soboc": 5, "niedziel": 6})
MONTHS = MappingProxyType({"styczni": 1, "lut": 2, "marc": 3, "kwietni": 4, "maj": 5, "czerwc": 6, "lipc": 7,
                           "sierpni": 8, "wrześni": 9, "październik": 10, "listopad": 11, "grudni": 12})
PART_HOURS = MappingProxyType({"nad ranem": 5, "wcześnie rano": 5, "rano": 8, "przed południem": 10,
                               "po południu": 15, "wieczorem": 19, "w nocy": 22, "nocą": 22})
# Each weekday's case forms, not its stem alone: "w piątkę" is "as five", no Friday.
_WEEKDAY = (r"(?:poniedział(?:ek|ku)|wtor(?:ek|ku)|środ(?:a|ę|y|zie)|czwart(?:ek|ku)|piąt(?:ek|ku)|sobot(?:a|ę|y)"
            r"|sobocie|niedziel(?:a|ę|i))\b")
_PART = "|".join(sorted(PART_HOURS, key=len, reverse=True))
DATE = compile_fast(
    rf"\b(?P<wpart>w\s+nocy)\s+(?:z|ze)\s+(?P<wd>{_WEEKDAY})\s+na\s+{_WEEKDAY}"
    # "w nocy z 14 na 15 marca": the first day's night.
    r"|\b(?P<npart>w\s+nocy)\s+(?:z|ze)\s+(?P<nday>[0-3]?\d)\s+na\s+[0-3]?\d\s+(?P<nmon>(?:styczni|lut|marc|kwietni|maj|czerwc"
    r"|lipc|sierpni|wrześni|październik|listopad|grudni)\w*)"
    rf"|\b(?:w|we)\s+(?:(?:ubiegł|zeszł|ostatni)\w*\s+)?(?P<wd2>{_WEEKDAY})(?:\s+(?P<wpart2>{_PART}))?"
    r"|\b(?P<day>[0-3]?\d)\s+(?P<monname>(?:styczni|lut|marc|kwietni|maj|czerwc|lipc|sierpni|wrześni|październik"
    r"|listopad|grudni)\w*)(?:\s+(?P<year>(?:19|20)\d\d))?"
    r"|\b(?P<rel>dzisiaj|dziś|wczoraj|dzień wcześniej|minionej nocy|ostatniej nocy|tej nocy|w nocy|nad ranem)\b",
    _I,
)
_APPROX = r"(?:około|ok\.|ponad|blisko|prawie|niemal|mniej więcej|przeszło)?"
DISTANCE = compile_fast(
    # (not a reach, "przenosić głowicę na odległość 2 tys. km": what it can carry, how far)
    r"\b(?:przeleci\w*|przelatuj\w*|przeleceni\w*|pokona\w*|przebył\w*|przebyt\w*|lecia\w*|dystans\w*|(?<!na )odległoś\w*)"
    rf"\s+(?:[\w-]+\s+){{0,3}}?{_APPROX}\s*{QUANT}",
    _I,
)
# "po 360 km wpadły do morza", "po około 600 km lotu": the distance after which it came down.
DISTANCE_BEFORE_FALL = compile_fast(
    rf"\bpo\s+{_APPROX}\s*{QUANT}"
    r"(?=\s+(?:lotu\b|(?:[\w-]+\s+)?(?:wpadł|spadł|runęł|wylądował|rozbił)\w*))",
    _I,
)
# ("wzniósł się na 7687 km": how high it rose.)
APOGEE = compile_fast(
    rf"\b(?:wysokoś\w*|pułap\w*|apogeum|wzni(?:ósł|osł\w*|eśli)\s+się\s+na)\s+(?:[\w-]+\s+){{0,2}}?{_APPROX}\s*{QUANT_ALT}",
    _I,
)
# Where it was fired from: after a launch verb or a weapon and "z"/"ze" in its clause, an
# area word and the name it governs ("z rejonu Pjongjangu", "z terytorium Jemenu", "z
# poligonu w prowincji Beludżystan"), an oblast ("z obwodu biełgorodzkiego"), a coast
# ("ze wschodniego wybrzeża") or a capitalised name ("z Jemenu", "ze Strefy Gazy"; not "z
# Północy", the North that stands for its state). (`re`: the names' capitals are read
# case-sensitively.)
_UPPER = r"(?-i:[A-ZŁŚŻŹĆ][\wąćęłńóśźż-]*)"
_SP = r"[ \t]+"
_LAUNCH_WORD = r"\b(?:wystrzel\w*|odpal\w*|rakiet\w*|pocisk\w*|ostrzel\w*|salw\w*)\b"
_OBLAST = r"(?-i:[a-ząćęłńóśźż]+(?:sk|ck|dzk))"  # the oblast's adjective, before its ending
_AREA_OF = (r"(?:rejonu|okolic|terytorium|obszaru|regionu|prowincji|pokładu|akwenu|wód|bazy|poligonu|portu|kosmodromu"
            r"|miejscowości|miasta|wyspy|ośrodka|okrętu|pustyni)")
# Between the launch word and "z": no "z" that starts a site (an area word or a name; "z
# satelitą", "with a satellite", may stand between), no end of a clause (a clock's "godz.
# 7.11" or "7:11" is none; a parenthesis counts as one step: "(w środę o 23:11 czasu
# polskiego)").
_GAP_TO_Z = rf"(?:(?!\bze?\s+(?:{_AREA_OF}|(?-i:[A-ZŁŚŻŹĆ])))(?:\([^()\n]{{0,60}}\)|\d[.:]\d|godz\.|ok\.|[^.,;:!?\n]))"
LAUNCH_SITE = re.compile(
    # (also after "przeprowadził ... z bazy", a test told before its launch word)
    # ("znad", from over a place, after a verb of firing only: a missile's noun before it
    # tells its path, "rakieta wleciała znad Białorusi")
    rf"(?:{_LAUNCH_WORD}{_GAP_TO_Z}{{0,45}}?\bze?|\b(?:przeprowadzi|wystrzel|odpal)\w*{_GAP_TO_Z}{{0,70}}?\b(?:ze?|znad))[ \t]+(?P<site>"
    rf"(?:{_AREA_OF}"
    rf"|(?:(?:wschodniego|zachodniego|północnego|południowego){_SP})?wybrzeża)"
    # ... with what it is before its name: "okrętu podwodnego u wybrzeży Sinpo", "pokładu
    # niszczyciela INS Imphal", "rejonu stolicy Jemenu, Sany".
    rf"(?:{_SP}obwodu{_SP}{_OBLAST}iego|(?:{_SP}(?-i:[a-ząćęłńóśźż]+)){{0,2}}?"
    rf"(?:{_SP}(?:w{_SP}(?:prowincji|obwodzie|rejonie)|u{_SP}wybrzeży|w|na))?"
    rf"(?:{_SP}{_UPPER}){{1,2}}(?:,{_SP}{_UPPER}(?=,))?)"
    rf"|obwodu{_SP}{_OBLAST}iego"
    rf"|(?:(?:swojego|swego|jej|jego){_SP})?(?:wschodniego|zachodniego|północnego|południowego){_SP}wybrzeża"
    # ... or around the capital: "z okolic stolicy".
    rf"|(?:rejonu|okolic){_SP}stolicy(?:{_SP}{_UPPER})?)",
    _I,
)
# A bare name closer to the launch word ("z Jemenu", "ze Strefy Gazy"): "z" of a longer
# stretch is more often "of" or "among" ("trafieni zostali zmobilizowani z ... Batalionu").
LAUNCH_SITE_NAMED = re.compile(
    rf"{_LAUNCH_WORD}(?:(?!\bze?\s)[^.,;:!?\n]){{0,30}}?\bze?[ \t]+"
    # (an occupied land too: "z okupowanego Krymu")
    # (not a launcher's name: "Rakiety z Gradów spadły na Nikopol")
    rf"(?P<site>(?:okupowan\w+{_SP})?(?!(?-i:Półn|Połud|Wschod|Zachod|Grad(?:ów|a)?\b|Homar|Himars|HIMARS|Toczk|Uragan|Smiercz)){_UPPER}(?:{_SP}{_UPPER})?)",
    _I,
)
# A facility (`schemas.places.Site.facility`) "in the area of", "near" or "off" ("w rejonie
# Sunan", "w pobliżu portu Nampo", "u wybrzeży Wonsanu"), or an oblast a launch was made in
# ("odpaliły w obwodzie mikołajowskim", "odpalone w obwodzie kurskim").
_FACILITY = "|".join(re.escape(name) for name in FACILITY_NAMES if name.isascii())
LAUNCH_SITE_AT = re.compile(
    # (or the event's verb after its noun: "Start rakiety z satelitą nastąpił ... z kosmodromu Sohae")
    r"\b(?:wystrzel\w*|odpal\w*|rakiet\w*|pocisk\w*|salw\w*|start\w*|test\w*|przeprowadzi\w*|nastąpi\w*|doszło)\b"
    r"(?:(?!\bze?\s)[^.;:!?\n]){0,40}?"
    rf"\b(?P<site>(?:w{_SP}rejonie|w{_SP}okolicach|w{_SP}pobliżu|u{_SP}wybrzeży|na{_SP}poligonie|z{_SP}kosmodromu"
    rf"|na{_SP}kosmodromie|w{_SP}bazie)"
    rf"{_SP}(?:(?:portu|miasta|bazy|lotniska|wyspy|w){_SP})?(?:(?:{_FACILITY})[\wąćęłńóśźż-]*))",
    _I,
)
LAUNCH_SITE_OBLAST = re.compile(
    rf"\b(?:wystrzel|odpal)\w*(?:{_SP}[\wąćęłńóśźż]+){{0,2}}?{_SP}w{_SP}(?P<site>obwodzie{_SP}{_OBLAST}im)\b", _I)
# Where a launch or a start was made, in the locative: "wystartowała w ośrodku kosmicznym
# Sohae", "odpalono je ..., w powiecie Hwangju", "pocisk odpalono na wyspie Abdula Kalama",
# "Start nastąpił na kosmodromie Szahrud", "Do wystrzelenia doszło w okolicach Sariwon",
# "Miejscem startu był rejon Sunan w Phenianie".
LAUNCH_SITE_IN = re.compile(
    r"\b(?:wystartowa\w*|odpalon\w*|odpalono|wystrzelon\w*|wystrzelono|start\w*|wystrzeleni\w*|odpaleni\w*)\b"
    r"(?:\s+(?:nastąpił\w*|odbył\w*\s+się|doszło))?[^.;:!?\n]{0,40}?\b"
    rf"(?P<site>(?:w|na){_SP}(?:ośrodku|kosmodromie|poligonie|wyspie|bazie|powiecie|okolicach|rejonie)"
    rf"(?:{_SP}(?-i:[a-ząćęłńóśźż]+(?:ym|ej|im)))?(?:{_SP}w{_SP}prowincji)?(?:{_SP}{_UPPER}){{1,2}})",
    _I,
)
LAUNCH_SITE_START = re.compile(
    rf"\bMiejscem{_SP}startu{_SP}(?:był|była|było){_SP}(?P<site>[^.;:!?\n]{{3,60}}?)(?=[.;:!?\n]|$)", _I)
# Bombers or ships over a sea when they fire: "bombowce Tu-95MS, operujące nad Morzem
# Kaspijskim, odpaliły".
LAUNCH_SITE_PLATFORM = re.compile(
    r"\b(?:bombowc\w*|okręt\w*|samolot\w*|wyrzutni\w*)\b[^.;:!?\n]{0,40}?\b"
    rf"(?P<site>(?:nad|na){_SP}{_UPPER}(?:{_SP}{_UPPER})?)[^.;:!?\n]{{0,30}}?\b(?:odpali|wystrzeli)\w*", _I)
# ... and fired from them: "odpalonymi z bombowców strategicznych nad Morzem Kaspijskim".
LAUNCH_SITE_FROM_PLATFORM = re.compile(
    rf"\b(?:odpal|wystrzel)\w*{_SP}ze?{_SP}(?P<site>(?:bombowc|okręt|samolot|niszczyciel)\w*"
    rf"(?:{_SP}(?-i:[a-ząćęłńóśźż]+))?{_SP}(?:nad|na){_SP}{_UPPER}(?:{_SP}{_UPPER})?)", _I)
# Where it was fired from, right before the launch word: "Z terytorium Libanu wystrzelono",
# "Tuż po północy ze Strefy Gazy wystrzelono".
LAUNCH_SITE_FRONT = re.compile(
    rf"(?:^|(?<=\s))(?-i:[Zz]e?){_SP}(?P<site>(?:{_AREA_OF}{_SP})?{_UPPER}(?:{_SP}{_UPPER})?)"
    rf"(?:{_SP}[\wąćęłńóśźż]+)?{_SP}(?:wystrzel|odpal)\w*", _I)
# Where the launchers are when they fire: "Huti w Jemenie wystrzelili", "Islamski Dżihad w
# Strefie Gazy wystrzelił".
LAUNCH_SITE_SUBJECT = re.compile(
    # (not the seat of a government: "Reżim w Pjongjangu wystrzelił")
    rf"(?<!eżim )(?<!ładze )(?<!ząd )(?-i:\bw){_SP}(?P<site>{_UPPER}(?:{_SP}{_UPPER})?){_SP}"
    rf"(?:[\wąćęłńóśźż]+{_SP}){{0,2}}?(?:wystrzel|odpal)\w*", _I)

# Roles of a name: the target ("na Kijów", "w kierunku Japonii", "zaatakowała Ukrainę"),
# where it was fired from ("z Rosji"), who reports ("według Japonii"), the passive agent
# ("przez Koreę Północną"), and a launcher announcing its own launch.
# What a strike hit, where no place is named: "spadł na osiedle mieszkalne", "trafiła w
# cywilny statek", "uderzyły w wioskę", with at most one word describing it on each side
# and the place it is in. As in English, infrastructure says no place.
_STRUCK_THING = (
    r"(?i:(?:[\wąćęłńóśźż]+(?:ny|na|ne|ną|ski|ska|skie|ską|owy|owa|owe|ową|lny|lna|lne|lną)\s+)?"
    r"(?:osiedl|wiosk|wieś|wsi\b|stat(?:ek|ku|ki)|port\w*\b|muzeum|budyn|blok|elektrowni|stoczni"
    r"|lotnisk|termina|dzielnic|szpital|most\b|mostu|magazyn|rafineri|energetyk|infrastruktur"
    r"|centrum|obiekt|koszar|zakład|fabryk|jednostk|okolic"
    # Ships: "trafił w masowiec", "w tankowiec", "krążownik Moskwa".
    r"|masowc|masowiec|tankowc|tankowiec|kontenerowc|kontenerowiec|frachtowc|frachtowiec|okręt|krążownik|niszczyciel"
    r"|fregat|korwet)[\wąćęłńóśźż]*"
    r"(?:\s+[\wąćęłńóśźż]+"
    r"(?:ny|na|ne|ną|nej|nego|ski|ska|skie|ską|owy|owa|owe|ową|owej|lny|lna|lne|lną))?)"
    # ... and the place it is in: "centrum Sum", "muzeum w Kupiańsku", "obiekt wojskowy w
    # obwodzie briańskim".
    r"(?:\s+[A-ZĄĆĘŁŃÓŚŹŻ][\wąćęłńóśźż-]+){0,2}"
    rf"(?:\s+(?i:we?)\s+(?!(?i:{_WEEKDAY}))(?:[A-ZĄĆĘŁŃÓŚŹŻ][\wąćęłńóśźż-]+|(?i:obwodzie)\s+(?-i:[a-ząćęłńóśźż]+(?:sk|ck|dzk))im))?"
)
_PROPER_NAME = r"[A-ZĄĆĘŁŃÓŚŹŻ][\wąćęłńóśźż-]+"
# The target of a strike, a fall, an explosion or an entry: a proper name (capitalised),
# an airspace or a thing hit after the event word's preposition, within three words
# ("atak rakietowy na Kijów", "rakieta wtargnęła w polską przestrzeń powietrzną", "spadł
# na Odessę", "eksplozje m.in. w Kijowie", "spadł na osiedle mieszkalne").
# A verb of attacking in the active voice, whose object is what was attacked ("zaatakowała",
# "ostrzelali"; not the participle, "zaatakowany").
_ATTACKED = r"\b(?i:zaatakowa(?!n)\w*|ostrzela(?!n)\w*)"
# A weapon in the instrumental with its adjective: "rakietami", "pociskami balistycznymi".
_ARMED_WITH = r"(?i:[\wąćęłńóśźż-]+ami)(?:\s+(?i:[\wąćęłńóśźż-]+(?:ymi|imi)))?"
TARGET_PLACE = compile_fast(
    r"(?i:\b(?:atak\w*|ostrza\w*|ostrzel\w*|ostrzeliw\w*|uderz\w*|spad\w*|trafi\w*|wleci\w*|wlatu\w*|doleci\w*|dolatu\w*|wtargn\w*"
    r"|naruszen\w*|nalot\w*|wystrzel\w*|odpal\w*|eksplozj\w*|wybuch\w*))"
    # (where it was fired from may stand between: "wystrzelił rakiety ze Strefy Gazy na Tel Awiw")
    rf"(?:\s+(?:[\w-]+|m\.in\.)){{0,4}}?(?:\s+(?i:ze?)\s+{_PROPER_NAME}(?:\s+{_PROPER_NAME})?)?"
    # (or near it: "spadł przy lotnisku Ben Guriona", "spadły pod Hajfą")
    rf"\s+(?i:na|nad|w kierunku|w stronę|do|we?|przy|obok|koło|w pobliżu|pod)\s+"
    # (not a feast nor a day: "atak Rosji w Boże Narodzenie", "w Niedzielę Palmową")
    rf"(?!Boże\s+Narodzenie|Wielkanoc|Wigili|Sylwest|Nowy\s+Rok|Święt|(?i:{_WEEKDAY}))"
    r"(?P<place>(?i:\w+\s+przestrze\w+(?:\s+powietrzn\w+)?|przestrze\w+\s+powietrzn\w+\s+\w+)"
    rf"|{_PROPER_NAME}(?:\s+{_PROPER_NAME})?|{_STRUCK_THING})"
    # The place before the verb of entering or falling ("nad Polskę wleciała rakieta"), or
    # after a missile with no verb ("rakieta nad Polską").
    # ... or shot down there: "Nad Kijowem zestrzelono sześć Kindżałów".
    rf"|\b(?:(?i:nad|do)\s+(?P<place_front>{_PROPER_NAME})\s+(?i:wleci\w*|wtargn\w*|zestrzel\w*|strąc\w*|przechwyc\w*)"
    # ... or hit there: "w Dniepr uderzył nowy pocisk", "W Kijowie spadła rakieta".
    # (the weapon right after: not "W Polsce spadły ceny paliw")
    rf"|(?i:we?|na)\s+(?P<place_hit_front>{_PROPER_NAME})\s+(?i:uderzy\w*|uderzał\w*|spad\w*|trafi\w*)"
    rf"(?=(?:\s+[\wąćęłńóśźż-]+){{0,3}}?\s+(?:(?i:rakiet|pocisk)\w*|{NAMED_SYSTEMS}))"
    rf"|(?i:na)\s+(?P<place_fell>{_PROPER_NAME})\s+(?i:spad\w*))"
    # ("Osiem rakiet z Rafah nad Tel Awiwem": where they came from may stand between.)
    rf"|\b(?:(?i:rakiet\w*|pocisk\w*)|{NAMED_SYSTEMS})(?:\s+(?i:ze?)\s+{_PROPER_NAME}(?:\s+{_PROPER_NAME})?)?"
    rf"\s+(?i:nad)\s+(?P<place_over>{_PROPER_NAME}(?:\s+{_PROPER_NAME})?|{_STRUCK_THING})"
    # What the weapons were fired at, right after them: "sześć pocisków ATACMS w obiekt wojskowy".
    rf"|\b(?i:pocisk|rakiet)\w*(?:\s+[\w-]+){{0,2}}?\s+(?i:na|w)\s+(?P<place_weapon>{_STRUCK_THING})"
    # Toward a place, wherever it stands in a launch's item: "w kierunku Tel Awiwu", "w stronę
    # centralnego Izraela", "w kierunku zachodniej Ukrainy", "na południe Izraela"; the target hit on a range:
    # "trafiła w cel na poligonie Kura na Kamczatce".
    rf"|\b(?i:w kierunku|w stronę)\s+(?P<place_toward>(?:(?-i:[a-ząćęłńóśźż]+(?:ej|ego))\s+)?{_PROPER_NAME}"
    rf"(?:\s+{_PROPER_NAME})?|(?i:obwodu)\s+{_OBLAST}iego)"
    # ... or an oblast: "pociski manewrujące na obwód lwowski", "w kierunku obwodu odeskiego".
    rf"|\b(?:(?i:wystrzel|odpal|ostrzel|uderz|trafi|spad)\w*)(?:\s+[\wąćęłńóśźż-]+){{0,4}}?\s+(?i:na|w)\s+(?P<place_oblast>(?i:obwód)\s+{_OBLAST}i)\b"
    rf"|\b(?i:na)\s+(?P<place_part>(?i:północ|południe|wschód|zachód|północy|południu|wschodzie|zachodzie)\s+{_PROPER_NAME})"
    # The waters around a place: "na wody wokół Tajwanu".
    rf"|\b(?i:na|w)\s+(?P<place_waters>(?i:wody|wodach|akwen\w*)\s+(?i:wokół|u wybrzeży|w pobliżu|koło)\s+{_PROPER_NAME})"
    # Where sirens sounded, which in Israel is where rockets are headed: "Syreny w Aszkelonie i
    # Sderot" (the extractor keeps Israel's places only, as in English).
    rf"|\b(?i:syren\w*)(?:\s+(?i:alarmow|przeciwlotnicz|rakietow)\w*)?(?:\s+(?i:zawył|wył|wyją|rozbrzmiał|słychać|włączon)\w*)?"
    rf"\s+(?i:we?)\s+(?P<place_sirens>{_PROPER_NAME}(?:\s+{_PROPER_NAME})?)"
    # A place under fire: "Zaporoże pod ostrzałem".
    rf"|\b(?P<place_fire>{_PROPER_NAME})\s+(?i:pod\s+(?:ostrzałem|atakiem|ogniem|obstrzałem))"
    # A place attacked that ends the clause: "Ukraina zaatakowała Krym."
    # (Not the weapon, in its instrumental case: "zaatakowali Kindżałami.")
    rf"|{_ATTACKED}\s+(?![\wąćęłńóśźż-]+ami\b)(?P<place_hit>{_PROPER_NAME})(?=\s*(?:[.,;:!?]|$))"
    # The place attacked in the genitive after the attack's noun: "ostrzał rakietowy Charkowa",
    # "nocny atak Kijowa". (A state or a group there owns the attack, "atak rakietowy Rosji",
    # "ostrzał Hamasu": the extractor keeps only a place of the gazetteer's that is no state.)
    rf"|\b(?i:ostrzał\w*|ostrzeliwani\w*|atak\w*|nalot\w*|uderzeni\w*)"
    rf"(?:\s+(?i:rakietow|pociskow|powietrzn|dronow|zmasowan|nocn)\w*){{0,2}}\s+(?P<place_of>{_PROPER_NAME})"
    # A thing or an oblast attacked: "Hezbollah ostrzelał okolice Hajfy", "Huti zaatakowali
    # tankowiec", "ostrzelała obwód odeski pociskami Kalibr".
    rf"|{_ATTACKED}\s+(?P<place_struck>(?i:obwód)\s+{_OBLAST}i\b|{_STRUCK_THING})"
    # A thing or a place hit, as the subject of its passive: "Krążownik Moskwa trafiony",
    # "Kijów ostrzelany".
    rf"|(?:^|(?<=[.:!?]\s))(?P<place_passive>{_STRUCK_THING}|{_PROPER_NAME})\s+(?i:został\w*\s+)?"
    r"(?i:trafion|ostrzelan|zaatakowan|uszkodzon|zniszczon|zatopion)\w*"
    # The place attacked, with the weapon after it: "zaatakowała Kijów pociskami balistycznymi".
    rf"|{_ATTACKED}\s+(?P<place_attacked>{_PROPER_NAME})\s+(?:[\wąćęłńóśźż]+\s+)?(?:(?i:pocisk|rakiet)\w*|{NAMED_SYSTEMS})"
    # ... or with the weapon, in the instrumental, before it: "zaatakowała rakietami Kijów",
    # "ostrzelali w nocy rakietami i dronami Lwów", "pociskami balistycznymi Odessę",
    # "ostrzelał rakietami południe Izraela".
    rf"|{_ATTACKED}(?:\s+(?i:w nocy|nocą|ponownie|znów|znowu|dziś|rano))?"
    rf"\s+{_ARMED_WITH}(?:\s+(?i:i|oraz)\s+{_ARMED_WITH})?\s+(?P<place_armed>(?:(?i:północ|południe|wschód|zachód)\s+)?{_PROPER_NAME}(?:\s+{_PROPER_NAME})?)"
    rf"|\b(?i:trafi\w*|uderzy\w*)\s+(?i:w)\s+(?i:cel)\s+(?i:na|w)\s+"
    rf"(?P<place_range>(?i:poligonie\s+)?{_PROPER_NAME}(?:\s+(?i:na|w)\s+{_PROPER_NAME})?)"
    # The place as the subject of the attack it suffered: "Sewastopol był celem ataku".
    rf"|\b(?P<place_under>{_PROPER_NAME})\s+(?i:był|była|było|były|jest|są|został\w*|stał\w* się)\s+"
    r"(?i:celem\s+(?:\w+\s+)?(?:atak|ostrza|ostrzel|uderz|nalot)\w*)"
    # The place of what followed an attack: "pożar w okupowanym Sewastopolu po ataku".
    rf"|\b(?i:we?)\s+(?:[\wąćęłńóśźż]+\s+)?(?P<place_after>{_PROPER_NAME})\s+(?i:po)\s+"
    r"(?i:atak|ostrza|ostrzel|uderz|nalot)\w*"
)
TARGET_BEFORE = compile_fast(
    r"\b(?:na|w|we|nad|do|przeciw|przeciwko|ku|w kierunku|w stronę|w rejonie|w pobliżu|koło|pod|u wybrzeży"
    r"|zaatakowa(?!n)\w*|zaatakuj\w*|atakuj\w*|atakowa(?!n)\w*|ostrzela(?!n)\w*|ostrzeliw(?!an)\w*|uderzy\w* w"
    # A passive participle is followed by its agent or instrument, not its object:
    # "trafiony ukraińskimi rakietami".
    r"|uderza\w* w|trafi(?!on|en)\w*"
    # What a weapon destroys or damages: "Javelin niszczy rosyjski czołg".
    r"|niszcz(?!on)\w*|zniszczy(?!on)\w*|zniszczył\w*|uszkodzi(?!on)\w*|uszkodził\w*|zatopi(?!on)\w*|zatopił\w*|dosięg\w*"
    r"|rozbi(?!t)\w*"
    r"|wymierzon\w* w|skierowan\w* (?:na|w|przeciw)\w*)\s+"
    r"(?:(?:północ|połud|wsch[oó]d|zach[oó]d|środk|centr|teren|terytori|obszar|rejon|miast|okolic)\w*\s+){0,2}$",
    _I,
)
SITE_BEFORE = compile_fast(r"\b(?:z|ze|z terytorium|z terenu|znad)\s+$", _I)
# A state's adjective in the nominative before a weapon in the nominative ("trafiła
# rosyjska rakieta", "spadły rosyjskie pociski"): the subject, after the verb.
SUBJECT_WEAPON_AFTER = compile_fast(
    r"(?<=[aieł])\s+(?:\w+\s+)?(?:rakiet[ay]|pociski?|drony?|dron|bomb[ay]|Iskander\w*|Kindżał\w*|Kalibr\w*|Ch-\d+\w*)\b", _I)
REPORTER_BEFORE = compile_fast(
    r"\b(?:według|wg|jak podaj\w*|jak poda\w*|jak informuj\w*|jak poinformowa\w*|jak przekaza\w*|jak twierdz\w*"
    r"|jak potwierdzi\w*|cytowan\w* przez"
    r"|powołując się na|źródł\w* w)\s+(?:(?:źródeł|władz\w*|rząd\w*|ministerstw\w*|resort\w*|armi\w*|wojsk\w*"
    r"|medi\w*|agencj\w*|służb\w*|wywiad\w*|dowództw\w*|sztab\w*|sił\w*\s+(?:zbrojn|powietrzn|morsk)\w*)\s+)?$"
    # "..., – przekazały Siły Powietrzne Ukrainy": a saying verb after a dash or comma,
    # and the body that says, named after it.
    rf"|[–,-]\s*(?:{_SAYING})\s+(?:[\w-]+\s+){{0,2}}$",
    _I,
)
# ("wystrzelonych przez stronę ukraińską": the side, forces or army of a state.)
AGENT_BEFORE = compile_fast(r"\bprzez\s+(?:(?:stronę|siły|wojska|armię|żołnierzy)\s+)?$", _I)
# A weapon noun (not its adjective: "ostrzał rakietowy Kijowa" names the target) before a
# name in the genitive: "Rakiety Hamasu spadły", "Pociski Korei Płn. przeleciały",
# "Satelita Pjongjangu nie dotarł na orbitę".
OWNER_BEFORE = compile_fast(r"\b(?:rakiet[aęyą]?|rakietami|pocisk(?:i|u|ów|ami)?|satelit(?:a|y|ę|ą|ów|ami)?)\s+$", _I)
# "Izrael ostrzelany z Jemenu", "rosyjska stocznia trafiona rakietami", "rosyjski okręt
# został trafiony", "Izrael pod ostrzałem": a name, or a state's adjective on the thing
# hit, that is the subject of a passive participle of attacking is the target. The words
# between name no weapon ("rosyjska rakieta trafiła ..." keeps its launcher), no launch,
# no attack of the name's own and no other clause ("Rosja atakuje, gdy Kijów ostrzelany").
_NOT_THE_HIT = (r"(?!(?:(?:rakiet|pocisk|dron|wystrzel|odpal|atak|zaatak|ostrza|ostrzel|ostrzeliw|uderz|nalot|salw"
                r"|trafi|bombard|zbombard)\w*|gdy|kiedy|po|podczas|a|i|ale|oraz|zaś)\b)")
PASSIVE_TARGET_AFTER = compile_fast(
    rf"(?:\s+{_NOT_THE_HIT}[\w-]+){{0,3}}?\s+"
    r"(?:(?:został|została|zostało|zostały|zostali|zostanie|jest|są|był|była|było|były|byli)\s+)?"
    r"(?:(?:znów|znowu|ponownie|ponowie|w nocy|nocą|dziś|także|też)\s+)?"
    r"(?:ostrzelan|ostrzeliwan|zaatakowan|atakowan|trafion|trafien|zbombardowan|bombardowan|uszkodzon|zniszczon"
    r"|ugodzon|porażon)(?:y|a|e|i|ego|ej|ą)\b"
    rf"|(?:\s+{_NOT_THE_HIT}[\w-]+){{0,3}}?\s+(?:znalazł\w*\s+się\s+|jest\s+|są\s+|był\w*\s+)?pod\s+"
    r"(?:[\w-]+\s+)?(?:ostrzałem|atakiem|obstrzałem|bombardowaniem)\b",
    _I)
# "Ukraina zestrzeliła 20 rakiet", "obrona powietrzna Ukrainy przechwyciła": the defender.
# (Not one that shot down an aircraft: "Ukraińcy zestrzelili rosyjskie Su-34" fired a missile at
# no missile.)
DEFENDER_AFTER = compile_fast(
    r"\s+(?:[\w-]+:?\s+){0,4}?(?:zestrzeli\w*|zestrzeliwa\w*|strąci\w*|przechwyci\w*|przechwytuj\w*|odpar\w*"
    r"|odpiera\w*)\b(?!\s+(?:[\w-]+\s+){0,2}(?:Su-\d+|MiG-\d+|samolot\w*|bombow\w*|myśliw\w*|śmigłow\w*|helikopter\w*))"
    # "Ukraińska obrona powietrzna", "zestrzelonej przez ukraińską obronę nad obwodem lwowskim".
    r"|\s+obron\w*(?:\s+(?:powietrzn|przeciwlotnicz|przeciwrakietow)\w*)?\b",
    _I)
# "za pomocą brytyjskich pocisków", "przy użyciu amerykańskich rakiet": the supplier of
# the weapon someone else used.
# "Siły Zbrojne Ukrainy wykorzystały amerykańskie pociski": the name on what a subject used
# made it (not "użyto rosyjskich rakiet", whose user is unnamed).
INSTRUMENT_BEFORE = compile_fast(
    r"\b(?:za pomocą|przy użyciu|z użyciem|używając|wykorzystując|użył[aoy]?|użyli|wykorzystał[aoy]?|wykorzystali)\s+$", _I)
# "okupowany przez Rosjan Sewastopol": the agent of the participle, not of the attack.
QUALIFIER_BEFORE = compile_fast(
    r"\b(?:okupowan\w*|anektowan\w*|kontrolowan\w*|zajęt\w*|wspieran\w*|popieran\w*|finansowan\w*"
    r"|uzbrojon\w*|dostarczon\w*|wyprodukowan\w*)\s+przez\s+$",
    _I)
# A name and the attack or weapon it owns: "rosyjski atak", "Ukraiński ostrzał", "rosyjskie rakiety".
# (A system by its name too: "zestrzeliliśmy pięć ukraińskich ATACMS" were Ukraine's.)
_ATTACK_NOUNS = (r"(?:atak\w*|ostrza\w*|ostrzel\w*|uderzeni\w*|nalot\w*|rakiet\w*|pocisk\w*|salw\w*|bombardowa\w*"
                 rf"|{NAMED_SYSTEMS}|ATACMS|HIMARS\w*|GMLRS|Storm Shadow\w*|SCALP\w*)")
ATTACK_NOUN_AFTER = compile_fast(rf"\s+(?:[\w-]+\s+){{0,1}}?{_ATTACK_NOUNS}\b", _I)
# The last word of a name in an oblique case: genitive, dative, accusative, instrumental
# or locative ("Ukrainy", "Rosji", "Rosję", "Rosjan", "Korei Południowej", "rosyjskich",
# "Iranu"). Nominative forms ("Ukraina", "Rosjanie", "Ukraińcy", "rosyjski") do not match.
OBLIQUE_NAME = compile_fast(
    r"(?:ich|imi|ej|ego|emu|ym|im|ów|ę|ą|om|ami|ach|owi|em|ji|ei|ii|jan"
    # (Not the states whose name is a plural in "-y": "Chiny wystrzeliły", "Włochy", "Filipiny".)
    r"|[^c\W]y(?<!Chiny)(?<!Włochy)(?<!Filipiny)|[bdfghklłmnprstwzż]u"
    # A city's genitive: "ostrzał rakietowy Kijowa".
    r"|owa)$", _I)
# The attack's agent in the genitive: "atak Rosji na Ukrainę" (the noun before, a target
# after), where "ostrzał Ukrainy" alone names what was shelled.
AGENT_CASE_BEFORE = compile_fast(rf"\b{_ATTACK_NOUNS}\s+$", _I)
AGENT_CASE_AFTER = compile_fast(r"\s+(?:na|w|we)\s", _I)
ARMED_BODY_BEFORE = compile_fast(
    r"\b(?:(?:siły|sił|siłom|siłami)\s+(?:zbrojn|powietrzn|morsk|obronn)\w*|armia|wojsko|wojska|lotnictwo|flota|marynarka\s+wojenna"
    # A group's armed wing: "Zbrojne ramię Hamasu ostrzelało Tel Awiw".
    r"|(?:zbrojne\s+)?(?:ramię|skrzydło)|bojownicy|milicj[ae]"
    # Whose provocation or test: "Kolejna prowokacja Pjongjangu", "Nieudana próba Pjongjangu".
    r"|prowokacj\w*|prób[aęy]|test(?:u|em)?)\s+$", _I)
CLAIMANT_AFTER = compile_fast(
    r"(?:,[^,.;]{1,60},)?\s+(?:[\w-]+\s+){0,3}?(?:przyzna\w*\s+się\s+do|wzię\w*\s+(?:na\s+siebie\s+)?odpowiedzialność"
    r"|wziął\s+(?:na\s+siebie\s+)?odpowiedzialność|bierze\s+(?:na\s+siebie\s+)?odpowiedzialność|przypisał\w*\s+sobie)", _I)
BLAMED_BEFORE = compile_fast(r"\b(?:oskarż\w*|obwini\w*)\s+(?:o\s+(?:atak|ostrzał)\w*\s+)?(?:[\w-]+\s+){0,2}?$"
                             # ... or claims it, named after the verb: "Do ataku przyznali się Huti".
                             r"|\bprzyzna\w*\s+się\s+(?:do\s+[\w-]+\s+)?$", _I)
# Bodies that speak for a state: "Brytyjska agencja UKMTO podała", "Ukraińskie siły powietrzne podały".
SPEAKING_BODIES = (
    r"(?:władze|urzędnicy|służby|służba(?:\s+\w+)?|wojsko|armia|siły\s+\w+|agencja(?:\s+[\w-]+)?|MON|MSZ|ministerstwo(?:\s+\w+)?"
    r"|resort(?:\s+\w+)?|dowództwo(?:\s+\w+)?|sztab(?:\s+\w+)?|marynarka(?:\s+\w+)?|dyplomacja|wywiad"
    # Who writes of it: "Rosyjskie media podają", "rosyjscy blogerzy piszą".
    r"|media|bloger\w*|dziennikarze|kanały(?:\s+\w+)?)\b"
)
# A state (or a body of it) that says it fired: "ogłosiła, że wystrzeliła", "wywiad potwierdził
# przeprowadzenie ataków".
SELF_REPORT_AFTER = compile_fast(
    rf"\s*(?:(?:{SPEAKING_BODIES}\s*)?"
    r"(?:ogłosi\w*|ogłasza\w*|poinformowa\w*|informuj\w*|potwierdzi\w*|potwierdza\w*|twierdzi\w*|poda\w*"
    # (Not "podaje, że pocisk wystrzelił Hezbollah": a weapon that is the verb's subject.)
    r"|przekaza\w*|oświadczy\w*|chwali\w* się),?\s*(?:(?:że|iż)\s+(?:(?!pocisk|rakiet)[\w-]+\s+){0,3}?"
    r"(?:wystrzeli\w*|odpali\w*|przetestowa\w*|przeprowadzi\w*|zaatakowa\w*|uderzy\w*|ostrzela\w*"
    # "Ukraina twierdzi, że użyła własnych pocisków" (not "trafiły", "zniszczyły": a weapon
    # is their subject as often as the state: "podała, że statek trafiły dwa pociski").
    r"|uży(?:ł|ła|ło|li|ły))"
    r"|(?:przeprowadzeni\w*|wystrzeleni\w*|odpaleni\w*))\b"
    # "Pjongjang przyznaje: ...", "Chiny ujawniają: ...": a state that admits or reveals.
    r"|\s+(?:przyznaje|przyznają|przyznał\w*|ujawnia|ujawniają|ujawnił\w*)(?:\s+[\w-]+){0,2}?\s*:"
    # "Hamas: wystrzeliliśmy rakiety": a name that speaks of its own firing.
    # ("Huti potwierdzają: to my zaatakowaliśmy": a saying verb before the colon.)
    rf"|(?:\s*{SPEAKING_BODIES})?(?:\s+(?:{_SAYING}|przyzna\w*))?:\s*[\"„“']?(?:[\w-]+\s+){{0,2}}?(?:wystrzeliliśmy|odpaliliśmy|zaatakowaliśmy|uderzyliśmy|ostrzelaliśmy"
    r"|użyliśmy|trafiliśmy"
    r"|nasz\w*\s+(?:rakiet\w*|pocisk\w*))\b)",
    _I,
)


# --- words read in every item ----------------------------------------------------------

# (Not a count of people: "kilkadziesiąt osób rannych", "dziesiątki rannych".)
_NOT_OF_PEOPLE_AFTER = r"(?!\s+(?:osób|ludzi|rannych|zabitych|ofiar|cywilów|mieszkańców))"

SHARED = SharedWords(
    civil_space=(
        r"\b(?:astronau\w*|kosmonau\w*|Electron(?:em|ie|a|u)?|Rocket Lab\w*|misj\w* kosmiczn\w*|stacj\w* kosmiczn\w*|(?<!irańska )(?<!irańskiej )(?<!irańskiego )(?<!północnokoreańska )(?<!północnokoreańskiej )agencj\w* kosmiczn\w*"
        r"|(?:europejsk|amerykańsk|chińsk|indyjsk|japońsk)\w* agencj\w* kosmiczn\w*|POLSA|lądownik\w*"
        r"|Księżyc\w*|teleskop\w*|sond\w* kosmiczn\w*|statk\w* kosmiczn\w*|statek kosmiczn\w*|lot\w* kosmiczn\w*"
        r"|turyst\w* kosmiczn\w*|satelit\w* (?:komunikacyjn|telekomunikacyjn|meteorologiczn|naukow"
        r"|komercyjn|internetow|studenck|nawigacyjn)\w*|rakiet\w* (?:komercyjn|naukow|sondując|wielokrotnego użytku|studenck|amatorsk|badawcz)\w*"
        r"|suborbitaln\w*|ILR-33|rakiet\w* H-?3|Łukasiewicz\w*|studenck\w*|studenc\w*(?=\s+(?:[\w-]+\s+){0,4}?(?:wystrzel|odpal|rakiet))"
        r"|(?:prywatn|komercyjn)\w* (?:firm\w* )?(?:kosmiczn|rakiet)\w*|Bajkonur\w*|Nuri\b|kosmodrom\w* Naro)\b"
    ),
    # ("nie wykluczamy kolejnych incydentów": what may come, not what came.)
    anticipation=r"\b(?:grozi\w*|groźb\w*|nie (?:można )?wyklucz\w*|ostrzega\w* przed|ostrzeg\w* przed|ostrzega\w*(?=\s+[\w-]+\s*:)|w (?:stanie )?(?:podwyższonej )?gotowości|obaw\w*|szykuj\w* się)\b",
    interception=r"\b(?:przechwyc\w*|przechwyt\w*|zestrzel\w*|strąc\w*|w akcji|odpar\w*)\b",
    defence=(
        r"\b(?:obron\w* przeciwrakietow\w*|obron\w* przeciwlotnicz\w*|tarcz\w* antyrakietow\w*|antyrakiet\w*"
        r"|przeciwrakiet\w*|(?:system\w*|bateri\w*|zestaw\w*) (?:Patriot|Wisła|Narew|Pilica|obrony)\w*"
        r"|ćwiczeni\w* (?:obrony|przeciwlotnicz|przeciwrakietow)\w*"
        r"|Żelazn\w* Kopuł\w*|Patriot\w*)\b"
    ),
    # Written so that the branches share their words ("strzel" for "strzelanina" and
    # "strzelec", "artyler" for "artyleria" and "pocisk artyleryjski"): the pattern joined
    # with the other tables' keeps a literal gate of at most 64 words (fastpattern.py).
    non_missile=(
        r"\b(?:dron\w*|bezzałogow\w*|Szahed\w*|balon\w*|artyler(?!\w*\s+rakietow)\w*|haubic\w*|moździerz\w*"
        r"|czołg\w*|strzał\w* ostrzegawcz\w*|silnik\w*|(?:prób|test)\w* jądrow\w*|bomb(?!ard)\w*|myśliwc\w*"
        r"|strzel(?:anin|c)\w*|napastnik\w*|karabin\w*)\b"
    ),
    retrospective=(
        r"\b(?:rocznic\w*|lat temu|lata temu|rok temu|roku temu|wspomnieni\w*|pogrzeb\w*|upamiętni\w*"
        r"|w (?:zeszłym|ubiegłym) (?:miesiącu|roku)|(?:zeszłego|ubiegłego) roku"
        # Who survived it: "Zmarł ratownik, który przeżył atak rakietowy".
        r"|któr(?:y|a|zy) przeży(?:ł|ła|li)"
        # "Dziesięć lat od pierwszego startu": years since a launch (a launch "po raz pierwszy
        # od 5 lat" comes after a pause, and its years are not after "lat ... od").
        r"|(?:\d+|dwa|trzy|cztery|pięć|sześć|siedem|osiem|dziewięć|dziesięć|\w+naście|dwadzieścia|trzydzieści|pół)"
        r"\s+(?:lat|lata|roku)\s+od|rok od|hołd\w*"
        # "Trzy lata po tragedii w Przewodowie" (not "Pięć lat po ostatnim teście ... wystrzeliła").
        r"|(?:\d+|dwa|trzy|cztery|pięć|sześć|siedem|osiem|dziewięć|dziesięć|\w+naście|dwadzieścia|trzydzieści)"
        r"\s+(?:lat|lata)\s+po\s+(?:tragedii|katastrofie|zamachu)"
        # "Rok po ataku rakietowym na Winnicę", "Dwa lata po ataku": a year or more after (a
        # week after is a follow-up).
        r"|(?<![\w-])(?:rok|pół roku|(?:\d+|dwa|trzy|cztery|pięć|sześć|siedem|osiem|dziewięć|dziesięć) lat[a]?) po"
        r" (?:[\w-]+ )?(?:ataku|uderzeniu|ostrzale|tragedii)"
        # "po ataku rakietowym z 2023 roku": an attack dated by its year alone is a past one.
        r"|z (?:19|20)\d\d (?:roku|r\.)"
        # "atak sprzed dwóch lat", a monument unveiled: long after. (Not "rok po": "Pięć lat
        # po ostatnim teście Korea Północna znów wystrzeliła ICBM" sets the scene of a launch.)
        r"|sprzed (?:roku|\w+ lat|\d+ lat)"
        r"|pomnik\w*|tablic\w* pamiątkow\w*"
        # Rebuilt: long after ("Odbudowano blok zniszczony przez rakietę").
        r"|odbudowan\w*|odbudowano|odbudowali|odbudował\w*|(?<=po )(?:remoncie|odbudowie|renowacji))\b"
    ),
    flight_detail=(
        r"\b(?:przeleci\w*|pułap\w*|wysokoś\w*|apogeum|trajektori\w*|stref\w* ekonomiczn\w*|spadł\w* do morza"
        r"|spadł\w* w morze|zestrzelon\w*|przechwycon\w*|został\w* wystrzelon\w*|wystrzelono)\b"
    ),
    # Three words, so that the agency cue (these and the agencies' names) keeps its gate.
    agency_words=r"\b(?:(?:ministerstw|resort)\w* obrony|sztab\w*|sił\w* powietrzn\w*)\b",
    satellite=r"satelit|rakiet\w* nośn",
    military_space=r"wojskow|szpiegowsk|rozpoznawcz|zwiadowcz",
    # Live reports, digests and galleries: whatever launches they list, they report none.
    digest=(
        # (Not a live page: "Relacja na żywo: rakiety spadły na Charków" tells its news.)
        r"\b(?:najważniejsze (?:informacje|wydarzenia)|podsumowani\w*"
        r"|kalendarium|przegląd\w*|raport dnia|wydarzenia dnia|w zdjęciach|na zdjęciach|galeri\w*|co wiemy"
        r"|\d+\.? dzień wojny|dzień \d+\.?(?= wojny| inwazji))\b"
    ),
    aggregate=(
        r"\b(?:od początku (?:wojny|inwazji|roku|agresji|kampanii|operacji|konfliktu|ofensywy)|od 24 lutego|w tym roku|dotychczas|do tej pory|łącznie"
        r"|w sumie|w ciągu (?:ostatnich )?(?:\d+|dwóch|trzech|czterech|pięciu|kilku|kilkunastu) (?:dni|tygodni|miesięcy|lat)|w ciągu (?:roku|miesiąca)|statystyk\w*"
        # "W 2022 roku ... rekordową liczbę rakiet", "w ubiegłym roku ponad 70 pocisków".
        r"|(?:w|od) (?:19|20)\d\d(?:\s+r(?:oku|\.))?|w (?:zeszłym|ubiegłym|minionym|poprzednim) roku"
        r"|w ciągu (?:ostatniego|minionego|całego|ubiegłego) (?:roku|miesiąca|tygodnia)|przez (?:cały|ostatni|miniony) rok"
        r"|od (?:\d{1,2} )?(?:stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia)"
        r"|we? (?:styczniu|lutym|marcu|kwietniu|maju|czerwcu|lipcu|sierpniu|wrześniu|październiku|listopadzie|grudniu)"
        # A month's balance sheet, a survey of figures: "Miesięczny bilans", "zestawienie" (not
        # one attack's toll: "Bilans ataku na Kijów").
        r"|(?:miesięczn|roczn|tygodniow)\w* bilans\w*|bilans\w* (?:miesiąca|roku|tygodnia)|zestawieni\w*"
        r"|bilans\w* (?:[\w-]+ )?(?:lat|miesięcy|tygodni|dni) (?:wojny|inwazji|konfliktu)"
        # A trend: "coraz częściej używa rakiet", "zwalnia tempo testów".
        r"|coraz (?:częściej|rzadziej|więcej|mniej)|(?:zwalnia\w*|przyspiesza\w*|spowalnia\w*) tempo"
        r"|rocznie|miesięcznie|tygodniowo|dziennie|co roku|średnio|przeciętnie"
        r"|co (?:dwa|trzy|cztery|pięć|\d+|kilka) dni)\b"
    ),
    # Periods that make a total only with a count ("w ciągu miesiąca ... ponad 200 pocisków").
    total_period=(
        r"\b(?:w tym miesiącu|w (?:zeszłym|ubiegłym|minionym) miesiącu"
        r"|w ciągu (?:[\w-]+ )?(?:miesiąca|miesięcy|tygodnia|tygodni|roku|lat|kwartału|półrocza|dni)"
        # "zimą", "minionej zimy", "w pierwszym półroczu".
        r"|zimą|latem|jesienią|wiosną|(?:tej|ubiegłej|minionej|zeszłej|ostatniej) (?:zimy|jesieni|wiosny)|(?:tego|ubiegłego|minionego|zeszłego) lata"
        r"|w (?:pierwszym|drugim) półroczu"
        r"|w (?:[\w-]+ )?(?:dni|tygodnie|tygodni|miesiące|miesięcy|lata|lat)|w pół roku"
        # A week's tally: "w tym tygodniu Rosja użyła ... 40 rakiet" (not "w zeszłym tygodniu",
        # which dates one attack, as "last week" does in English).
        r"|w (?:tym|mijającym|minionym|ostatnim) tygodniu"
        # "podczas 12-dniowej wojny": a war of days.
        r"|(?:podczas|w czasie|w trakcie) (?:\d+|[\w]+)-?(?:dniow|tygodniow|miesięczn)\w* (?:wojny|konfliktu|walk))\b"
    ),
    bulk_count=r"\b(?:\d{1,3}(?:[  .]\d{3})+\+?|\d+(?:[,.]\d+)?\s?tys\.|tysiące|tysięcy|tysiącami)\s+(?:[\w-]+\s+){0,2}(?:rakiet|pocisków)\b",
    sport=(
        r"\b(?:rakiet\w* (?:świata|tenisow\w*|numer|nr)|teni\w*|WTA|ATP|Wimbledon\w*|Roland Garros|mecz\w*"
        r"|gol(?:a|e|i|em|ami)?|bramk\w*|lig[aię]|piłkar\w*|Ekstraklas\w*|mistrzostw\w*|olimpi\w*|turniej\w*"
        r"|finał\w*|półfinał\w*|skoczk\w*|reprezentacj\w*|trener\w*|w okienko|w \d{1,3}\. minucie)\b"
    ),
    supply=(
        r"\b(?:kosztuj\w*|kosztował\w*|dostaw\w*|dostarcz\w*|sprzeda\w*|zakup\w*|kupi\w*|zamówi\w*|kontrakt\w*|pakiet\w*|produkc\w*"
        r"|produkuj\w*|(?:wy)?produkowa\w*|fabryk\w*|zapas\w*|eksport\w*|gromadz\w*|zgromadzi\w*"
        # A handover to come ("przekażą Ukrainie"; not "przekazał", which also reports).
        r"|przekaż(?:e|ą|emy)|przekazać|przekazani\w*|przekazano"
        # ... or a batch handed over: "przekazała Rosji kolejną partię pocisków".
        r"|przekazał\w*(?=(?:\s+[\wąćęłńóśźż-]+){0,3}\s+parti[aęi]\b)"
        # Launchers moved or deployed: "przesuwa wyrzutnie bliżej frontu", "rozmieszcza Iskandery".
        r"|przesuwa\w*|przerzuca\w*|przerzuci\w*|rozmieszcza\w*|rozmieści\w*|rozlokow\w*)\b"
    ),
    engine=r"\bsilnik\w*",
    display=(r"\b(?:defilad\w*|parad(?:a|y|zie|ę|ą)|pokaza(?:ł|ła|li|ły|no)|pokazuj\w*|zaprezentowa\w*|prezentuj\w*"
             r"|odsłoni\w*|targ(?:i|ach|ów) zbrojeniow\w*|wystaw(?:a|ie|y|ę|ą)|ekspozycj\w*)\b"),
    # "Seul: Północ wystrzeliła kilka pocisków": the North, as Seoul calls it.
    actor_forms=(("PRK", r"\bPółnoc(?=\s+(?:wystrzeli|odpali|przeprowadzi|przetestowa)\w*)"),),
    # A headline about a video game, whose weapons are the game's: all of it.
    work_title=(r"^[^\n]*\b(?:symulator\w*|Steam\w*|Sniper Elite|Call of Duty|Battlefield \d|Helldivers|War Thunder"
                r"|World of Tanks|Arma \d|Arma Reforger|gr(?:a|y|ze|ę|ą|ach)\s+(?:komputerow|wideo)\w*"
                # ... a screen thriller, and a summary that tells its plot ("Nowy thriller Netflixa
                # o przechwyceniu pocisku || Film opowiada o ...").
                r"|Netflix\w*|HBO|Disney\+|thriller\w*)\b[^\n]*"
                r"|\n(?:Film|Serial|Thriller)\s+(?:opowiada|przedstawia|pokazuje historię)\b[^\n]*"),
    # ("Wywiad w Seulu:" is intelligence; an interview is "wywiad z ..." or "Wywiad:".)
    # (A topic, a colon and how or why: "OSINT w praktyce: jak geolokalizuje się nagrania startów".)
    explainer=r"\b(?:wyjaśniamy|analiza|komentarz|opinia|felieton|wywiad(?=\s*(?::|ze?\s))|tłumaczymy|czym jest|co to jest|jak działa)\b"
              r"|:\s*(?:dlaczego|czemu)\s|:\s*jak\s+(?!(?:[\w-]+\s+){0,2}?\w+(?:ł|ło|ła|li|ły)\b)",
    explainer_start=(
        r"(?:(?:wideo|zobacz)\s*:\s*)?(?:dlaczego|jak|czy|co|kto|czym|ile|gdzie|kiedy|analiza|komentarz|opinia|wywiad(?=\s*(?::|ze?\s))|felieton)\b"
        r"|(?:ekspert|ekspertka|analityk|analityczka|generał|gen\.)\w*\s*:"
    ),
    genre_label=r"(?:komentarz|analiza|opinia|felieton|publicystyka)\s*[:|]\s*",
    look_back_label=r"\bw liczbach\b|\boś czasu\b|\bpodsumowanie roku\b",
    # Polish forms its superlatives with "naj-": "najbardziej zmasowany atak w tym roku".
    superlative=r"\bnaj\w+",
    obituary=(r"\b(?:nekrolog\w*|zmarł\w* w wieku|odszedł\w* w wieku|w wieku \d{1,3} lat zmarł\w*)"
              # "Nie żyje płk Serhij Kowal", a person by name (not "Nie żyje 12 osób", nor one
              # the headline says was killed: "zginął", "zginęła").
              r"|^(?:Nie żyje|Zmarł|Zmarła) (?:[a-ząćęłńóśźż]{2,5}\.?\s+)?[A-ZŁŚŻŹĆ][\w'-]+ [A-ZŁŚŻŹĆ][\w'-]+(?![^\n]*\bzgin)"),
    # A memorial after the event looks back on it ("Miasto oddaje hołd ofiarom").
    always_looks_back=r"hołd|pogrzeb|upamiętni|wspomnieni|z (?:19|20)\d\d (?:roku|r\.)|sprzed|pomnik|tablic",
    vague_count=(
        r"\b(?:kilka|kilkanaście|kilkadziesiąt|kilkaset|kilku|kilkunastu|kilkudziesięciu|kilkuset|wiele|wielu"
        r"|dziesiątki|dziesiątek|setki|setek|liczn\w*)\b" + _NOT_OF_PEOPLE_AFTER
    ),
    magnitude_count=(r"\b(?:kilkadziesiąt|kilkaset|kilkudziesięciu|kilkuset|dziesiątki|dziesiątek|setki|setek"
                     r"|tysiące|tysięcy)\b" + _NOT_OF_PEOPLE_AFTER),
    volley_words=r"\b(?:seri[aięą]|salw\w*|fal[aięą]|zmasowan\w*)\b",
    altitude=r"wysokoś|pułap|apogeum",
    restored=r"odbudow|remon|renowac",
    harmed=r"\b(?:zniszczon|uszkodzon|trafion|zrujnowan)\w*",
    photo_caption=r"(?<=\n)\s*(?:Na zdjęciu|Zdjęcie ilustracyjne)\b|\b(?:Fot\.|Foto:)[^.\n]{0,60}$",
    # "dwa dni po teście międzykontynentalnego pocisku", "po tym, jak wystrzeliła ...",
    # "od czasu", "w odpowiedzi na": the class is another launch's. Not "po raz pierwszy"
    # ("for the first time"), "po południu" (a time of day), a distance ("po 400 km") or
    # "wcześniej niż" ("earlier than planned").
    other_event_before=(
        r"\bpo tym,? (?:jak|gdy)\b|\bpo\b(?! (?:raz\b|południu\b|północy\b|\d))|\bod czasu\b|\bw odpowiedzi na\b"
        r"|\bwcześniej\b(?! niż)|\bw (?:zeszłym|ubiegłym|poprzednim) (?:tygodniu|miesiącu|roku)\b"
    ),
    other_event_after=r"\bwcześniej\b(?! niż)|\bw (?:zeszłym|ubiegłym|poprzednim) (?:tygodniu|miesiącu|roku)\b",
    place_tally=(
        rf"\b(?:na|nad|w|we)\s+{_NOT_TIME_OR_STATE}(?:\w+\s+){{1,2}}?{_IMPACT}"
        rf"|{_IMPACT}\s+(?:\w+\s+){{0,3}}?(?:na|nad|w|we)\s+{_NOT_TIME_OR_STATE}\w"
    ),
    stopped_over=r"\b(?:zestrzel|strąc|przechwyc|zniszcz)\w*\s+(?:[\w-]+\s+){0,3}?nad\s+$",
    wide_attack=(r"\bw całym kraju\b|\bcał(?:ej|ą|a) Ukrain\w*|\bw (?:wielu|kilku|różnych) (?:miastach|regionach|obwodach)"
                 r"|\bmiast(?:ach|om)?\b|\bna miasta\b|\bobwodach\b|\bseri[aięą] (?:\w+\s+)?atak"),
    count_with_others=(r",?\s+(?:i|oraz|lub|a także)\s+(?:(?!\d)\w+\s+){0,2}?(?:dron\w*|bezzałogow\w*|s[zh]ahed\w*"
                       r"|bomb\w*)|,\s+(?:dron\w*|s[zh]ahed\w*)"),
    count_with_bombs=r"\bbomb",
    count_of_classes=r",?\s+(?:w tym|wśród nich|m\.\s?in\.|między innymi)\s",
    count_period=(
        r"\bod (?:początku|czasu|(?:stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września"
        r"|października|listopada|grudnia)|\d{4})\b|\bdotychczas\b|\bjak dotąd\b"
    ),
    # (and a statement issued or told at its time: "w komunikacie wydanym o godz. 9:30",
    # "poinformowało o godz. 3:40, że")
    other_time_before=(r"\b(?:syren\w*|alarm\w*|J-Alert|komunika\w*|ogłoszon\w*|wpis\w*|konferencj\w*|briefing\w*"
                       r"|wydan\w*|opublikowan\w*|poinformowa\w*|podał\w*|przekazał\w*)"),
    # A compass heading: "na północny wschód", "w kierunku północno-wschodnim" (not a part of
    # a land, "na południe Izraela", nor an offset, "na wschód od wyspy").
    heading=(
        r"\b(?:na|ku)\s+(?:(?:północny|południowy)\s+(?:wschód|zachód)|północ|południe|wschód|zachód)\b"
        r"(?!\s+(?:od\b|(?-i:[A-ZĄĆĘŁŃÓŚŹŻ])))"
        r"|\bw\s+kierunku\s+(?:(?:północno|południowo)-(?:wschodnim|zachodnim)|północnym|południowym|wschodnim"
        r"|zachodnim)\b"
    ),
    generic_sea=(r"\b(?:do morza|w morze|w morzu|do wód|na morze|w wodach|w kierunku morza|w stronę morza"
                 r"|(?:w kierunku|w stronę) (?:swoich |swych )?"
                 r"(?:(?:wschodnich|zachodnich|północnych|południowych) )?wód)\b"),
    sea_origin_before=r"\b(?:z|ze|znad)\s+(?:[\w-]+\s+){0,2}$",
    credit_before=(
        r"\b(?:według|wg|jak podaj\w*|jak poda\w*|jak informuj\w*|jak poinformowa\w*|powołując się na"
        r"|cytowan\w* przez)\s+(?:[\w.-]+\s+){0,3}$"
    ),
    # "Szef sztabu poinformował", "- przekazał w czwartek rano państwowy koncern X", "jak podał
    # mer", "według dowódcy": Polish puts its speaker before or after the verb.
    speaker_verb=SPEAKER_VERBS,
    speaker_verb_first=SPEAKER_VERBS + r"\s+",
    speaker_credit=(
        r"\b(?:według|wg|jak podaj\w*|jak poda\w*|jak informuj\w*|jak poinformowa\w*|jak przekaza\w*"
        r"|powołując się na|cytowan\w* przez)\s+(?:(?:informacji|danych|ustaleń|doniesień)\s+)?"
        # ... and whose findings it follows from: "wynika z nieoficjalnych ustaleń Polsat News".
        r"|\bwynika\s+z\s+(?:nieoficjalnych\s+|najnowszych\s+|wstępnych\s+)?(?:ustaleń|informacji|doniesień)\s+"
    ),
    speaker_skip=(
        r"(?:(?:w|we|na|o|z|ze|po|do|od|przez|przed|podczas|dla|przy|u)\s+(?:[^\W\d_]+(?:ym|ej|ych|im|ich|ego)\s+)?[\w-]+"
        r"(?:\s+[^\W\d_]+(?:ym|ej|ych|im|ich|ego))?|rano|wieczorem|dziś|dzisiaj|wczoraj|nieoficjalnie|oficjalnie"
        # (Before a comma too: "Putin potwierdził w czwartek wieczorem, że ..." names no one after.)
        r"|również|także|też|jednak|natomiast|później|wcześniej|ponadto|zaś|z kolei)(?:\s+|\s*(?=[,;:]))"
    ),
    speaker_end=r"(?:ws\.|(?:w|we|na|o|z|ze|po|do|od|przez|przed|podczas|dla|przy|że|któr\w+|i|oraz|a)\b)",
    speaker_clause_start=r"(?:że|a|ale|gdy|kiedy|co|któr\w+|bo|ponieważ|jak)\b",
    speaker_titles=(
        r"(?:gen\.|generał\w*|prezydent\w*|premier\w*|wicepremier\w*|szef\w*|mer|mera|gubernator\w*|rzecznik\w*"
        r"|minister\w*|dowódc\w*|płk\.|pułkownik\w*|adm\.|admirał\w*)"
    ),
    not_speaker=(
        r"(?:on|ona|ono|oni|one|my|to|te|ten|tę|ta|tak|informacj\w*|dane|medi\w*|pilne|wideo|relacja|raport"
        r"|nieoficjalnie|oficjalnie|aktualizacja|wojna|alarm|się|jest|są|był\w*|został\w*|może|mogą|będzie|nie"
        r"|atak\w*|ostrzał\w*|eksplozj\w*|wybuch\w*)"
    ),
    # "ukraińskie władze podały", "Rosyjskie MON: zestrzelono 10 rakiet" (a body's label speaks).
    # ... and one that calls people to shelter warns of the launch: "Japonia wzywa mieszkańców do schronienia".
    # ... with one word between, whose body it is ("Rosyjskie władze Krymu przyznały").
    # (Its acronym in brackets may follow: "Ukraińska Służba Bezpieczeństwa (SBU) ustaliła".)
    # ("Dowództwo Centralne USA (CENTCOM) podało": a name, its abbreviation, then the verb.)
    reporter_after=r"(?:\s*\([^()]{1,12}\))?" + SAYING_VERBS + rf"|\s*{SPEAKING_BODIES}(?:\s+[\w-]+)?(?:\s*\([^()]{{1,12}}\))?"
    r"(?:\s+(?:wcześniej|już|także|też|również|natomiast|później))?"
    + SAYING_VERBS + rf"|\s*{SPEAKING_BODIES}\s*:"
    + r"|\s+(?:wzyw\w*|wezwa\w*|apel\w*)\s+(?:[\w-]+\s+){0,3}?do\s+(?:schron|ukryci|ewakuac)",
    launched_by=r"\b(?:wystrzelon|odpalon|wypuszczon)\w*\s+(?:[\w-]+\s+){0,3}?przez\s+(?:(?:stronę|siły|wojska)\s+)?$",
    debris=r"szczątk|odłamk|fragment",
    unnamed_launcher=(
        r"\b(?:bojownic\w*|terroryści|rebelianci|separatyści|ekstremiści|dżihadyści|milicjanci|napastnicy)"
        r"\s+(?:(?:którzy|które)\s+)?$"
    ),
    sayer_after=SAYING_VERBS,  # "Ukraina podała", "Kijów twierdzi"
    # A past saying verb, singular or plural ("podał", "podała", "podali").
    statement_before=(
        r"\b(?:poda|poinformowa|potwierdzi|przekaza|oświadczy|ogłosi|powiedzia|powiedzie|mówi|informowa|zapewni"
        r"|zakomunikowa)[łl]\w*\s+$"
    ),
    kinds=(
        ("icbm", r"międzykontynentaln\w*"),
        ("slbm", r"z okrętu podwodnego|z okrętów podwodnych"),
        ("irbm", r"pośredniego zasięgu|Oriesznik\w*|Oreshnik\w*"),
        ("mrbm", r"(?<!po)średniego zasięgu"),
        ("srbm", r"krótkiego zasięgu|bliskiego zasięgu"),
        ("hypersonic", r"hiperdźwiękow\w*|hipersoniczn\w*|Kinżał\w*|Kindżał\w*|Cyrkon\w*|\bCh-47M2"),
        ("cruise", r"manewrując\w*|skrzydlat\w*|(?!kalibru\b)Kalibr\w*\b(?!\s*\d)|\bCh-(?!4[67]\b|5[34]\b|47M2)\d+"
                   r"|Tomahawk\w*|Neptun(?:a|y|ów|ami|em)?\b"),
        ("satellite_launch", r"satelit(?:a|y|ę|ą|ów|om|ami|ach|cie)\b|rakiet\w* nośn\w*"),
        # (Rockets fired from Gaza or Lebanon: "Pięć rakiet wystrzelonych ze Strefy Gazy".)
        ("artillery_rocket", r"wieloprowadnicow\w*|artyleri\w* rakietow\w*|Katiusz\w*|Kassam\w*|(?<=z )Grad(?:ów|a)\b|Gradami\b"
                             r"|(?<=wyrzutni )Grad\w*|HIMARS\w*|Himars\w*|Homar\w*-[AK]|Uragan\w*|Smiercz\w*"
                             r"|rakiet\w*(?:\s+[\wąćęłńóśźż-]+){0,3}?\s+(?:ze Strefy Gazy|z Gazy|z (?:południowego )?Libanu)"
                             r"|(?:[Zz]e Strefy Gazy|[Zz] Gazy|[Zz] (?:południowego )?Libanu)(?:\s+[\wąćęłńóśźż-]+){0,2}?\s+rakiet\w*"
                             r"|wyrzut\w* rakietow\w*|\b\d{3}\s?-?(?:mm|milimetrow\w*)\b"),
        ("ballistic", r"balistyczn\w*"),
    ),
    seas=(
        ("East Sea", r"\bMorz\w* Wschodni\w*"),
        ("Sea of Japan", r"\bMorz\w* Japońsk\w*"),
        ("Yellow Sea", r"\bMorz\w* Żółt\w*"),
        ("Pacific", r"\bPacyfik\w*|\bOcean\w* Spokojn\w*"),
        ("Atlantic", r"\bAtlantyk\w*|\bOcean\w* Atlantyck\w*"),
        ("Mediterranean", r"\bMorz\w* Śródziemn\w*"),
        ("Red Sea", r"\bMorz\w* Czerwon\w*"),
        ("Black Sea", r"\bMorz\w* Czarn\w*"),
        ("Persian Gulf", r"\bZatok\w* Persk\w*"),
        ("Arabian Sea", r"\bMorz\w* Arabsk\w*"),
        ("White Sea", r"\bMorz\w* Biał\w*"),
        ("Barents Sea", r"\bMorz\w* Barentsa"),
        ("Sea of Okhotsk", r"\bMorz\w* Ochock\w*"),
        ("East China Sea", r"\bMorz\w* Wschodniochińsk\w*"),
        ("South China Sea", r"\bMorz\w* Południowochińsk\w*"),
        ("Bay of Bengal", r"\bZatok\w* Bengalsk\w*"),
        ("Taiwan Strait", r"\bCieśnin\w* Tajwańsk\w*"),
        ("Gulf of Aden", r"\bZatok\w* Adeńsk\w*"),
        # (with Japan's adjective too: "poza japońską strefą ekonomiczną")
        ("outside Japan's EEZ", r"\bpoza (?:(?:wyłączną|wyłącznej|japońską|japońskiej) ){0,2}stref\w* ekonomiczn\w*"),
        ("inside Japan's EEZ", r"\bw (?:(?:wyłącznej|japońskiej) ){0,2}strefie ekonomicznej"),
    ),
)

# A total (see `LanguageTable.total_count`): "ponad 30 pocisków", "7 tys. rakiet",
# "rekordową liczbę rakiet" over a period, unless one occasion ("w nocy", "w sobotę", "w
# jednym ataku") or one launch of a series ("12. test", "kolejny", "po raz piąty") is told.
TOTAL_COUNT = compile_fast(
    r"\b(?:\d{2,}|\d{1,3}(?:[\u00a0 .]\d{3})+|\d+\s?tys\.?|setki|setek|tysiące|tysięcy|dziesiątki|dziesiątek"
    r"|kilkadziesiąt|kilkudziesięciu|kilkaset|kilkuset|kilka tysięcy|\d{2,}\s?(?:proc\.|procent\w*|%)"
    r"|rekordow\w* liczb\w*|mniej|więcej|najwięcej)\+?\s+(?:[\w-]+\s+){0,2}(?:rakiet\w*|pocisk\w*|startów|wystrzeleń|odpaleń|testów)\b"
    # Their trend: "liczba ataków rakietowych ... wzrosła dwukrotnie".
    r"|\bliczb\w*\s+(?:[\w-]+\s+){0,2}(?:ataków|rakiet|pocisków|odpaleń|startów)(?:\s+[\w-]+){0,6}?\s+"
    r"(?:wzrosł\w*|zmalał\w*|spadł\w*|podwoił\w*|potroił\w*)\b", _I)
SINGLE_OCCASION = compile_fast(
    r"\b(?:w nocy|nocą|tej nocy|minionej nocy|ostatniej nocy|z nocy|dziś|dzisiaj|wczoraj|rano|nad ranem|wieczorem"
    r"|we? (?:poniedziałek|wtorek|środę|czwartek|piątek|sobotę|niedzielę)"
    r"|w (?:jednym|jednej|pojedynczym|zmasowanym|nocnym|porannym|jednodniowym) (?:ataku|uderzeniu|nalocie|ostrzale|salwie|fali)"
    r"|jednocześnie|naraz|za jednym razem|w ciągu (?:jednej )?(?:nocy|doby|godziny))\b", _I)
ONE_OF_SERIES = compile_fast(
    r"(?:\b\d+\.(?!\d)|\b(?:kolejn\w*|ponownie|znów|znowu|po raz"
    r"|(?:pierwsz|drug|trzec|czwart|piąt|szóst|siódm|ósm|dziewiąt|dziesiąt)(?:y|a|e|ego|ej|ą|ym|i))\b)", _I)


TABLE = LanguageTable(
    code="pl",
    verb_final=False,
    inflected=True,
    default_zone="Europe/Warsaw",
    weapons=WEAPONS,
    reaction=REACTION,
    shared=SHARED,
    launch_verbs=EVENT_WORDS,
    modal_after=MODAL_AFTER,
    counts=COUNT,
    number_words=NUMBER_WORDS,
    distances=(DISTANCE, DISTANCE_BEFORE_FALL),
    apogees=(APOGEE,),
    launch_sites=(LAUNCH_SITE, LAUNCH_SITE_NAMED, LAUNCH_SITE_SUBJECT, LAUNCH_SITE_PLATFORM, LAUNCH_SITE_FROM_PLATFORM,
                  LAUNCH_SITE_FRONT, LAUNCH_SITE_OBLAST, LAUNCH_SITE_IN, LAUNCH_SITE_START, LAUNCH_SITE_AT),
    target_before=TARGET_BEFORE,
    target_place=TARGET_PLACE,
    place_name=place_name,
    site_before=SITE_BEFORE,
    reporter_before=REPORTER_BEFORE,
    agent_before=AGENT_BEFORE,
    owner_before=OWNER_BEFORE,
    passive_target_after=PASSIVE_TARGET_AFTER,
    self_report_after=SELF_REPORT_AFTER,
    defender_after=DEFENDER_AFTER,
    coordinated_between=compile_fast(r"\s*(?:,|i|oraz|a także)\s*$"),  # "USA i Wielka Brytania wystrzeliły"
    instrument_before=INSTRUMENT_BEFORE,
    qualifier_before=QUALIFIER_BEFORE,
    subject_weapon_after=SUBJECT_WEAPON_AFTER,
    # "o godz. 7.15", "około godziny 22": an hour on the 24-hour clock (no half); "ok. 6 rano",
    # "o 11 wieczorem": an hour with its part of day after it.
    clock_time=compile_fast(r"\bgodz(?:\.|iny|inie|ina)?\s*(?P<h>[01]?\d|2[0-3])(?:[.:](?P<m>[0-5]\d))?\b"
                            r"(?:\s+(?P<pre>rano|wieczorem|po południu|w nocy|nad ranem))?(?P<half>(?!x)x)?"
                            r"|\b(?:o|ok\.|około)\s+(?P<h2>[01]?\d|2[0-3])(?:(?:[.:](?P<m2>[0-5]\d))?"
                            r"\s+(?P<pre2>rano|wieczorem|po południu|w nocy|nad ranem)\b"
                            # ... or with its minutes, "o 7.10", "ok. 9.30" (not an amount: "o 2.50 zł")
                            r"|[.:](?P<m3>[0-5]\d)\b(?!\s*(?:%|zł|proc|pkt|punkt)))", _I),
    group_rocket=compile_fast(r"\brakiet\w*|\brakietow\w*", _I),
    attack_noun_after=ATTACK_NOUN_AFTER,
    oblique_name=OBLIQUE_NAME,
    agent_case_before=AGENT_CASE_BEFORE,
    agent_case_after=AGENT_CASE_AFTER,
    armed_body_before=ARMED_BODY_BEFORE,
    claimant_after=CLAIMANT_AFTER,
    blamed_before=BLAMED_BEFORE,
    singular_weapons=SINGULAR_WEAPONS,
    date=DATE,
    months=MONTHS,
    weekdays=WEEKDAYS,
    part_hours=PART_HOURS,
    day_before_words=frozenset({"wczoraj", "dzień wcześniej"}),
    before_stated_words=frozenset({"dzień wcześniej"}),
    total_count=TOTAL_COUNT,
    single_occasion=SINGLE_OCCASION,
    one_of_series=ONE_OF_SERIES,
    since=compile_fast(r"\bod\b", _I),
    judged_after=JUDGED_AFTER,
    speaker_after=SPEAKER_AFTER,
    trend_after=TREND_AFTER,
    trend_nouns=TREND_NOUNS,
    rate=RATE,
    milestone=MILESTONE,
    shift=SHIFT,
    negation_before=NEGATION_BEFORE,
    # A night's attack is reported the next morning: its early hours, as "overnight".
    relative_parts=MappingProxyType({"minionej nocy": "nad ranem", "ostatniej nocy": "nad ranem",
                                     "tej nocy": "nad ranem", "w nocy": "nad ranem", "nad ranem": "nad ranem"}),
)
