"""Names of actors, reporting agencies and sea areas, with their canonical forms.

Actors map to ISO 3166-1 alpha-3 codes, or to a group's common English name. Each table
is compiled at import into a `Table`, whose matches carry the canonical value.
"""

from __future__ import annotations

import re
from services.classify.fastpattern import Table, compile_fast
from services.classify.languages import ANY

# (canonical, pattern). Order matters only for overlapping names: longer names first.
ACTORS: tuple[tuple[str, str], ...] = (
    ("PRK", r"\bNorth[- ]Korea(?:n|ns|'s)?\b|\bN\.? ?Korea(?:n|'s)?\b|\bDPRK\b|\bPyongyang(?:'s)?\b"
            r"|\bthe North(?:'s)?\b(?! (?:Atlantic|Sea|Pacific|Pole))"
            r"|^North(?= (?:fires|launches|test-fires|test-launches|lobs|shoots|conducts|says it))|\bKim Jong[- ]?Un\b|\bKorean People's Army\b|\bKPA\b"
            r"|北朝鮮|북한|北(?=[,\s·…'\"]|이|은|의|가|도|,|미사일|ミサイル)|(?<![가-힣])북(?=[,·]|이\s|은\s|의\s|\s미사일)|조선민주주의인민공화국|朝鮮(?!半島)"),
    ("KOR", r"\bSouth[- ]Korea(?:n|ns|'s)?\b|\bS\.? ?Korea(?:n|'s)?\b|\bROK\b|\bSeoul(?:'s)?\b|한국|韓国|우리 군"
            # A Korean headline that opens with "the navy" or "the JCS" and a comma speaks of the South's own forces.
            r"|^(?:해군|공군|육군|해병대|합참|군)(?=,)"),
    ("JPN", r"\bJapan(?:ese|'s)?\b|\bTokyo(?:'s)?\b|\bSelf-Defen[cs]e Forces?\b|\b[GMA]SDF\b|일본|日本(?!海)"
            r"|(?:陸上|海上|航空)?自衛隊|海自|陸自|空自"),
    ("RUS", r"\bRussia(?:n|ns|'s)?\b|\bMoscow(?:'s)?\b|\bKremlin\b|러시아|(?<![가-힣])러(?=[,\s·]|군|가|는|의|\s?미사일)|ロシア|露"),
    ("UKR", r"\bUkrain(?:e|ian|ians|e's)\b|\bKyiv(?:'s)?\b|\bKiev\b|우크라이나|우크라|ウクライナ"),
    ("IRN", r"\bIran(?:ian|ians|'s)?\b|\bTehran(?:'s)?\b|\bIRGC\b|\bRevolutionary Guards?\b|이란|イラン"),
    ("ISR", r"\bIsrael(?:i|is|'s)?\b|\bIDF\b|\bIsrael Defen[cs]e Forces\b|이스라엘|イスラエル"),
    ("USA", r"\bUnited States\b|\bU\.S\.(?: Air Force| Navy| Army)?|\bUS\b|\bAmerican?s?\b|\bPentagon\b|\bUSAF\b"
            r"|\bMissile Defense Agency\b|\bUSS(?= [A-Z])|\bCENTCOM\b"
            r"|미국|(?<![가-힣])美(?=[,\s·]|군|국)|米国|米軍|アメリカ"),
    ("CHN", r"\bChina(?:'s)?\b|\bChinese\b|\bPLA\b|\bPeople's Liberation Army\b|\bBeijing(?:'s)?\b|중국|中国|(?<![가-힣\u4e00-\u9fff])中(?=[,\s·])"),
    ("PAK", r"\bPakistan(?:i|'s)?\b|\bIslamabad\b|파키스탄|パキスタン"),
    ("IND", r"\bIndia(?:n|'s)?\b|\bDRDO\b|\bNew Delhi\b|\bINS(?= [A-Z])|인도|インド"),
    ("FRA", r"\bFrance(?:'s)?\b|\bFrench\b|프랑스|フランス"),
    ("GBR", r"\bBritain(?:'s)?\b|\bBritish\b|\bUnited Kingdom\b|\bUK\b|\bRoyal Navy\b|\bHMS(?= [A-Z])|영국|英国"),
    ("IRQ", r"\bIraq(?:i|'s)?\b(?! militias?)|이라크|イラク"),
    ("SYR", r"\bSyria(?:n|'s)?\b|시리아|シリア"),
    ("TUR", r"\bTurkey(?:'s)?\b|\bT(?:ü|u)rkiye(?:'s)?\b|\bTurkish\b|튀르키예|터키|トルコ"),
    ("TWN", r"\bTaiwan(?:ese|'s)?\b|대만|台湾"),
    ("SAU", r"\bSaudi(?: Arabia)?(?:'s)?\b|사우디|サウジ"),
    ("Houthis", r"\bHouthis?\b|\bHuthis?\b|\bAnsar Allah\b|\bYemen(?:'s|i)? rebels\b|후티|フーシ"),
    ("Islamic Resistance in Iraq", r"\bIslamic Resistance in Iraq\b|\bIraqi militias?\b|\bKata'?ib Hez?bollah\b"),
    ("Hamas", r"\bHamas\b|\b(?:Izz (?:ad-Din |el-Din |al-Din )?al-)?Qassam Brigades\b|하마스|ハマス"),
    ("Hezbollah", r"\bHezbollah\b|\bHizbollah\b|헤즈볼라|ヒズボラ"),
    ("Palestinian Islamic Jihad", r"\bIslamic Jihad\b|\b[Aa]l-Quds Brigades\b|\bSaraya al-Quds\b"),
)

# Launch sites that belong to one state: "from Vandenberg" names the launcher, "from
# Syria" (a country or region) only the place.
FACILITIES = (
    r"\bVandenberg\b|\bPlesetsk\b|\bKapustin Yar\b|\bSohae\b|\bTongchang-?ri\b|\bSemnan\b|\bShahroud\b"
    r"|\bPalmachim\b|\bWheeler Island\b|\bAbdul Kalam Island\b|\bChandipur\b"
)
FACILITY_RE = compile_fast(FACILITIES)
FACILITY_ACTORS = (("USA", r"\bVandenberg\b"), ("RUS", r"\bPlesetsk\b|\bKapustin Yar\b"),
                   ("PRK", r"\bSohae\b|\bTongchang-?ri\b"), ("IRN", r"\bSemnan\b|\bShahroud\b"),
                   ("ISR", r"\bPalmachim\b"), ("IND", r"\bWheeler Island\b|\bAbdul Kalam Island\b|\bChandipur\b"))

# Where a launch came from, when that names who fired it: missiles "fired from Yemen" are
# the Houthis', rockets "launched from Lebanon" Hezbollah's (a report naming another group
# keeps that group). "From Gaza" names no one: several groups fire from there.
ORIGIN_ACTORS = compile_fast(
    r"\b(?:fired|launched|shot|lobbed|fires|launches)\s+(?:[\w-]+\s+){0,3}?from\s+(?:the\s+)?"
    r"(?:(?P<yemen>Yemen)|(?P<lebanon>(?:southern\s+)?Lebanon)|(?P<iran>Iran))\b",
    re.IGNORECASE,
)
ORIGIN_GROUPS = {"yemen": "Houthis", "lebanon": "Hezbollah", "iran": "IRN"}

# Weapon types fielded by one side only: when the text names no launcher, the type does
# ("Kremlin says Sarmat test successful", "BrahMos test-fired from INS Imphal").
WEAPON_OWNERS: tuple[tuple[str, str], ...] = (
    ("PRK", r"\bHwasong|\bHwasal|\bPulhwasal|\bPukguksong|\bKN-?\d\d\b|\bChollima|\bMalligyong|\bHaeil|화성-?\d+|북극성|火星"),
    ("RUS", r"\b(?:Sarmat|Yars|Bulava|Topol|Avangard|Iskander|Kinzhal|Kalibr|Zircon|Tsirkon|Oreshnik|Burevestnik|Tornado-S"
            r"|Kh-\d+\w*|Onyx|Oniks)"),
    ("USA", r"\b(?:Minuteman|PrSM|SM-6|ARRW|Dark Eagle|LRHW|B-52|B-1B)\b"),
    ("IND", r"\b(?:Agni|Prithvi|BrahMos|Nirbhay|Akash|K-[45](?= ))"),
    ("PAK", r"\b(?:Shaheen|Ghauri|Ghaznavi|Babur|Ababeel|Fatah|Hatf|Abdali|Ra'ad|Taimur|Nasr)\b"),
    ("IRN", r"\b(?:Shahab|Sejjil|Emad|Kheibar|Khorramshahr|Fattah|Fateh|Zolfaghar|Dezful|Simorgh|Qaem|Ghadr|Soumar|Hoveyzeh|Paveh)"),
    ("CHN", r"\b(?:DF-\d+|Dong ?Feng|JL-\d+|YJ-\d+)"),
    ("ISR", r"\b(?:Jericho|Arrow[- ]?[234]|David's Sling)"),
    ("KOR", r"\bHyunmoo|현무"),
    ("FRA", r"\bM51\b"),
    ("TWN", r"\b(?:Tien Kung|Hsiung Feng|Sky Bow)"),
    ("UKR", r"\b(?:Neptune|Flamingo)(?= (?:cruise |anti-ship )?missiles?)"),
)

# State media and agencies whose own report implies who launched.
AGENCY_IMPLIES_ACTOR = {"KCNA": "PRK", "Rodong Sinmun": "PRK", "IRNA": "IRN", "Tasnim": "IRN"}

# (canonical, pattern): who reported the launch.
AGENCIES: tuple[tuple[str, str], ...] = (
    ("JCS", r"\b(?:ROK )?Joint Chiefs of Staff\b|\b(?:ROK )?JCS\b|\bJSC\b|합참|합동참모본부"),
    ("Japan MoD", r"\bJapan(?:ese)?(?:'s)? (?:Defen[cs]e Ministry|Ministry of Defen[cs]e|MOD|defen[cs]e ministry)\b"
                  r"|\bJapanese defen[cs]e ministry\b|\bJapan's Defen[cs]e Ministry\b|防衛省|防衛相|防衛大臣|일본 방위성"),
    ("KCNA", r"\bKCNA\b|\bKorean Central News Agency\b|조선중앙통신|朝鮮中央通信"),
    ("Rodong Sinmun", r"\bRodong Sh?inmun\b|노동신문|労働新聞"),
    ("US INDOPACOM", r"\bINDOPACOM\b|\bIndo-Pacific Command\b|인도태평양사령부|インド太平洋軍"),
    ("Japan Coast Guard", r"\b(?:Japan(?:ese)?(?:'s)? |Tokyo's )Coast Guard\b|海上保安庁"),
    ("Japan government", r"\bChief Cabinet Secretary\b|官房長官|日本政府|政府関係者|Jアラート"),
    ("IDF", r"\bIDF\b|\bIsrael Defen[cs]e Forces\b|\bIsraeli (?:army|military)\b"),
    ("Yonhap", r"\bYonhap\b|연합뉴스|聯合ニュース"),
    ("Kyodo", r"\bKyodo\b|共同通信"),
    ("ROK military", r"\bSouth Korea(?:'s|n) military\b|\bSeoul's military\b|\bSouth Korean officials\b|우리 군"),
    ("Russia MoD", r"\bRussia(?:'s|n) (?:Defen[cs]e Ministry|Ministry of Defen[cs]e)\b"),
    ("Ukraine Air Force", r"\bUkrain(?:e's|ian) (?:Air Force|air force|air defen[cs]e)\b"),
    ("US Air Force", r"\bU\.?S\.? Air Force\b|\bUSAF\b|\bSpace Wing\b|\bAir Force Global Strike Command\b"),
    ("Pentagon", r"\bPentagon\b"),
    ("IRNA", r"\bIRNA\b"),
    ("Tasnim", r"\bTasnim\b"),
    ("state media", r"\bstate (?:media|TV|television|news agency)\b"),
)

# Targets named after a preposition: "at Israel", "on Kyiv", "toward Japan".
TARGET_PLACES = (
    r"(?:northern |southern |central |western |eastern )?Israel|Tel Aviv|Jerusalem|Haifa|Eilat|Ashkelon|Sderot"
    r"|Golan(?: Heights)?|Galilee|Kyiv|Kiev|Kharkiv|Lviv|Odesa|Odessa|Dnipro|Zaporizhzhia|(?:western |eastern )?Ukraine"
    r"|Saudi Arabia|Riyadh|Jeddah|Abha|Japan|Hokkaido|Okinawa|Guam|Hawaii|South Korea|Seoul"
    r"|(?:northern |southern )?Syria|Damascus|Homs|Lebanon|Beirut|Gaza|Yemen|Sanaa|Iraq|Erbil|Baghdad|Iran|Tehran"
)
TARGET_EN = compile_fast(
    rf"\b(?:at|on|toward|towards|into|against|over|targets?|targeted|targeting|struck|hit|hits)\s+(?:the\s+)?(?:(?:Israeli|Ukrainian)\s+)?"
    rf"(?:capital(?: of)?\s+|city of\s+)?(?P<place>{TARGET_PLACES})\b",
    re.IGNORECASE,
)
# Case matters for actors: "US" is a country, "us" is not.
# Asked mostly about the sentence of a launch verb: its words are looked for there.
ACTOR_TABLE = Table(ACTORS + FACILITY_ACTORS, flags=0, gate_parts=True)
AGENCY_TABLE = Table(AGENCIES)
# Where the missile went. A sea area beats a place.
SEA_TABLE = Table(ANY.seas)
WEAPON_OWNER_TABLE = Table(WEAPON_OWNERS, flags=0)
