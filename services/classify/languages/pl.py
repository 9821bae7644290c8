"""Polish as the learned model reads it: English glosses of the words that matter to a launch.

Polish has no rule table (no reader binds its verbs to its weapons); the model reads its
words. Most of what the model knows comes from English news, three times as many
launches, so each Polish word below also enters the model as its English gloss
("rakietą" also as "missile", "wystrzeliła" also as "fired"): what English taught the
model about "missile" or "fired" then speaks for the Polish word too.

`GLOSSES` maps a stem (lower case, a word's beginning) to its gloss; a word takes the
gloss of its longest stem. Stems are Polish vocabulary of the labelling policy's frames
(weapons, launching and striking, impact and aftermath, reactions, plans, defence,
things that are not missiles) and the Polish names of states and places of the news,
written from the language, not from any labelled item. `CATEGORY` names the glosses that
make a weapon or an event, for the headline's "weapon and event together" feature.
"""

from __future__ import annotations

from types import MappingProxyType

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
    "przechwyt": "intercepted", "test": "test", "przetestow": "tested", "prób": "test", "próbn": "test",
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
