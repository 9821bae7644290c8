"""The one gazetteer of launching actors and reporting agencies, for every stage.

An actor's code is what `LaunchFields.actor` carries: the ISO 3166-1 alpha-3 code of a
state, or a group's common English name. An agency's code is what
`LaunchFields.source_agency` carries. Each has its names as written in running text, per
language ("en", "ko", "ja", "zh"); the classifier builds its patterns from the names of
the languages it has rule tables for, the events stage and the evaluation read the
derived lookups at the end of this module.

A name here always means its actor or agency, in any sentence. Short forms that do only
in some contexts (Korean 北 before a particle, "the North" not before "Atlantic", 日本 not
before 海) are reading rules of the classifier's language tables, not names.

Adding an actor or an agency is one entry below (a group in `GROUPS`, a state in
`STATES`, with its name in `labels.ACTOR_NAMES` and its area in `web/geo.py`). Names are
matched as whole words, a space in a name also matching a hyphen ("North-Korean"); an
English name also matches with a possessive "'s".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import product
from typing import Literal

__all__ = [
    "ACTORS", "ACTOR_ALIASES", "AGENCIES", "Actor", "Agency", "GROUPS", "OFFICIAL_CUES", "REGION_ZONES", "STATES",
    "STATE_CODES", "STATE_MEDIA", "actor_named_in",
]

Names = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Actor:
    """A state or armed group that launches missiles or rockets."""

    code: str
    names: Names
    sites: tuple[str, ...] = ()  # launch facilities that belong to it, in English
    capitals: tuple[str, ...] = ()  # those of its English names that are also a city ("Kyiv")


AgencyRole = Literal["observer", "state_media", "operator", "press"]


@dataclass(frozen=True)
class Agency:
    """Who reports a launch.

    `role`: "observer", an observing government's agency whose word confirms a launch;
    "state_media", the launching side's own voice (its media, its forces' statements),
    whose word is a claim; "operator", a launching service announcing its own test;
    "press", an outlet that relays. `actor` is the state or group the agency belongs to.
    """

    code: str
    names: Names
    role: AgencyRole
    actor: str | None = None
    # Its reports of a launch are its own side's launches (KCNA reports North Korea's):
    # when a text names no launcher, the agency names it.
    implies_actor: bool = False
    # The text describes it ("South Korea's military", "state media") rather than naming
    # it: an agency named outright is the better source.
    generic: bool = False
    zone: str | None = None  # IANA zone of the clock times it writes
    # Further lower-case forms seen in feed and source names ("presstv", "rodong").
    feed_names: tuple[str, ...] = field(default=())


def _each(*parts: tuple[str, ...]) -> tuple[str, ...]:
    """Every combination of the parts, joined by spaces: ("Japan", "Japan's") x ("MOD",)."""
    return tuple(" ".join(p) for p in product(*parts))


_DEFENCE_MINISTRY = ("Defense Ministry", "Defence Ministry", "Ministry of Defense", "Ministry of Defence")

# Polish names are inflected: each case form is a name. An adjective of a state
# ("rosyjski", "rosyjskie rakiety") names it as well, in every case and gender, written in
# lower case within a sentence and capitalised when it opens one.
_PL_ADJECTIVE_ENDINGS = ("i", "a", "ie", "iego", "iej", "iemu", "im", "ich", "imi", "ą")


def _pl_adjective(*stems: str) -> tuple[str, ...]:
    """Every form of Polish adjectives in -ski/-cki given by stem ("rosyjsk", "irack"):
    the case endings, the masculine personal plural ("rosyjscy", "iraccy"), lower case and
    capitalised."""
    forms = [stem + ending for stem in stems for ending in _PL_ADJECTIVE_ENDINGS]
    forms += [stem[:-1] + "cy" for stem in stems]
    return tuple(forms) + tuple(form[0].upper() + form[1:] for form in forms)


def _pl_cases(*names: str) -> tuple[str, ...]:
    """Polish case forms, as written ("Rosja", "Rosji", "Rosję", "Rosją")."""
    return names

# Armed groups. A group's code is its common English name, which may be an acronym ("PKK").
GROUPS: tuple[Actor, ...] = (
    Actor("Houthis", {
        "en": ("Houthi", "Houthis", "Huthi", "Huthis", "Ansar Allah", "Yemen rebels", "Yemen's rebels",
               "Yemeni rebels", "Yemeni armed forces", "Yemeni Armed Forces", "Yemen's armed forces"),
        "ko": ("후티",), "ja": ("フーシ",), "zh": ("胡塞",),
        "pl": ("Huti", "rebelianci Huti", "rebeliantów Huti", "jemeńscy rebelianci", "jemeńskich rebeliantów",
               "Jemeńscy rebelianci", "Ansar Allah", "Hutisi", "Hutisów", "Hutich", "Hutim", "Hutimi")}),
    Actor("Islamic Resistance in Iraq", {
        "en": ("Islamic Resistance in Iraq", "Iraqi militia", "Iraqi militias", "Iraqi armed group", "Iraqi armed groups",
               "Iraqi armed faction", "Iraqi armed factions", "Iraqi faction", "Iraqi factions",
               "Kataib Hezbollah",
               "Kata'ib Hezbollah", "Harakat al-Nujaba", "Nujaba", "Kataib Sayyid al-Shuhada"),
        "pl": _pl_cases("Islamski Opór w Iraku", "Islamskiego Oporu w Iraku", "Islamskiemu Oporowi w Iraku",
                        "Islamskim Oporem w Iraku", "irackie milicje", "irackich milicji", "Irackie milicje")}),
    Actor("Hamas", {
        "en": ("Hamas", "Qassam Brigades", "al-Qassam Brigades", "Izz al-Qassam Brigades",
               "Izz ad-Din al-Qassam Brigades", "Izz el-Din al-Qassam Brigades", "Izz al-Din al-Qassam Brigades"),
        "ko": ("하마스",), "ja": ("ハマス",), "zh": ("哈马斯",),
        "pl": _pl_cases("Hamas", "Hamasu", "Hamasowi", "Hamasem", "Brygady al-Kassam", "Brygad al-Kassam",
                        "Brygadom al-Kassam", "Brygadami al-Kassam", "Brygady Izz ad-Din al-Kassam")}),
    Actor("Hezbollah", {
        "en": ("Hezbollah", "Hizbollah"), "ko": ("헤즈볼라",), "ja": ("ヒズボラ",), "zh": ("真主党",),
        "pl": _pl_cases("Hezbollah", "Hezbollahu", "Hezbollahowi", "Hezbollahem")}),
    Actor("Palestinian Islamic Jihad", {
        "en": ("Islamic Jihad", "Al-Quds Brigades", "al-Quds Brigades", "Saraya al-Quds"),
        "ko": ("이슬라믹 지하드", "이슬라믹지하드", "팔레스타인 이슬라믹 지하드"), "ja": ("イスラム聖戦", "イスラミック・ジハード"),
        "pl": _pl_cases("Islamski Dżihad", "Islamskiego Dżihadu", "Islamskiemu Dżihadowi", "Islamskim Dżihadem",
                        "Brygady Al-Kuds", "Brygady al-Kuds", "Brygad Al-Kuds", "Brygad al-Kuds")}),
    Actor("Hayat Tahrir al-Sham", {
        "en": ("Hayat Tahrir al-Sham", "Tahrir al-Sham", "HTS", "Syria's HTS", "Syrian HTS"),
        "ko": ("하야트 타흐리르 알샴",), "ja": ("シャーム解放機構", "ハヤト・タハリール・アル・シャーム"),
        "pl": ("Hajat Tahrir asz-Szam", "Hayat Tahrir al-Sham", "HTS")}),
    Actor("Libyan National Army", {
        "en": ("Libyan National Army", "LNA", "Khalifa Haftar", "Haftar"),
        "ko": ("리비아국민군", "리비아 국민군", "하프타르"), "ja": ("リビア国民軍", "ハフタル"),
        "pl": _pl_cases("Libijska Armia Narodowa", "Libijskiej Armii Narodowej", "Libijską Armię Narodową",
                        "Libijską Armią Narodową", "LNA", "Haftar", "Haftara", "Haftarowi", "Haftarem")}),
    Actor("Rapid Support Forces", {
        "en": ("Rapid Support Forces", "RSF", "Sudan's RSF", "Sudan's Rapid Support Forces", "Sudanese RSF", "Hemedti"),
        "ko": ("신속지원군",), "ja": ("即応支援部隊",),
        "pl": _pl_cases("Siły Szybkiego Wsparcia", "Sił Szybkiego Wsparcia", "Siłom Szybkiego Wsparcia",
                        "Siłami Szybkiego Wsparcia")}),
    Actor("al-Shabaab", {
        "en": ("al-Shabaab", "Al-Shabaab", "al-Shabab", "Al-Shabab", "al Shabaab", "Al Shabaab", "Shabaab",
               "Somalia's al-Shabaab", "Somali al-Shabaab"),
        "ko": ("알샤바브",), "ja": ("アル・シャバブ", "アルシャバブ", "アル・シャバーブ", "シャバーブ"),
        "pl": ("asz-Szabab", "Asz-Szabab", "al-Shabaab", "Al-Shabaab", "al-Szabab")}),
    Actor("Islamic State", {
        "en": ("Islamic State", "ISIS", "ISIL", "Daesh", "ISWAP", "ISIS-K"), "ko": ("이슬람국가",), "ja": ("イスラム国",),
        "pl": _pl_cases("Państwo Islamskie", "Państwa Islamskiego", "Państwu Islamskiemu", "Państwem Islamskim",
                        "ISIS", "Daesz")}),
    Actor("Pakistani Taliban", {
        "en": ("Pakistani Taliban", "Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan", "TTP"),
        "pl": ("pakistańscy talibowie", "pakistańskich talibów", "TTP")}),
    Actor("Polisario Front", {
        "en": ("Polisario Front", "Polisario"), "ko": ("폴리사리오",), "ja": ("ポリサリオ",),
        "pl": ("Front Polisario", "Frontu Polisario", "Frontem Polisario", "Polisario")}),
    Actor("PKK", {
        "en": ("PKK", "Kurdistan Workers' Party", "Kurdistan Workers Party"), "ko": ("쿠르드노동자당",),
        "ja": ("クルド労働者党",), "pl": ("PKK", "Partia Pracujących Kurdystanu", "Partii Pracujących Kurdystanu")}),
    Actor("TPLF", {
        "en": ("TPLF", "Tigray People's Liberation Front", "Tigrayan forces", "Tigray forces", "Tigrayan rebels"),
        "ko": ("티그라이인민해방전선",), "ja": ("ティグレ人民解放戦線",),
        "pl": ("TPLF", "Ludowy Front Wyzwolenia Tigraju", "Ludowego Frontu Wyzwolenia Tigraju", "siły Tigraju",
               "sił Tigraju")}),
    Actor("Boko Haram", {"en": ("Boko Haram",), "ko": ("보코하람",), "ja": ("ボコ・ハラム",), "pl": ("Boko Haram",)}),
    Actor("JNIM", {"en": ("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin", "Jamaat Nusrat al-Islam wal-Muslimin"),
                   "pl": ("JNIM",)}),
    Actor("M23", {"en": ("M23", "March 23 Movement"), "ko": ("M23",), "ja": ("M23",), "pl": ("M23",)}),
    Actor("Arakan Army", {"en": ("Arakan Army",), "ko": ("아라칸군",), "ja": ("アラカン軍",),
                          "pl": ("Armia Arakanu", "Armii Arakanu")}),
    Actor("MNDAA", {"en": ("MNDAA", "Myanmar National Democratic Alliance Army"), "ko": ("MNDAA",), "ja": ("MNDAA",),
                    "pl": ("MNDAA",)}),
    Actor("Baloch Liberation Army", {"en": ("Baloch Liberation Army", "BLA"),
                                     "pl": ("Armia Wyzwolenia Beludżystanu", "BLA")}),
    Actor("YPG", {"en": ("YPG", "People's Protection Units"), "ko": ("YPG",), "ja": ("YPG",), "pl": ("YPG",)}),
    Actor("PFLP", {"en": ("PFLP", "Popular Front for the Liberation of Palestine", "Abu Ali Mustafa Brigades")}),
    Actor("Al-Aqsa Martyrs' Brigades", {"en": ("Al-Aqsa Martyrs' Brigades", "al-Aqsa Martyrs' Brigades",
                                               "Al-Aqsa Martyrs Brigades", "al-Aqsa Martyrs Brigades")}),
    Actor("FARC dissidents", {"en": ("FARC dissidents", "dissident FARC", "Dissident FARC", "FARC"),
                              "pl": ("dysydenci FARC", "dysydentów FARC", "FARC")}),
    Actor("ELN", {"en": ("ELN", "National Liberation Army of Colombia"), "pl": ("ELN",)}),
    Actor("Kachin Independence Army", {"en": ("Kachin Independence Army",), "ja": ("カチン独立軍",),
                                       "ko": ("카친독립군",)}),
    Actor("People's Defence Force", {"en": ("People's Defence Force", "People's Defense Force", "People's Defence Forces",
                                            "People's Defense Forces"),
                                     "ja": ("国民防衛隊",), "ko": ("시민방위군", "국민방위군")}),
)

# States, by their ISO 3166-1 alpha-3 codes.
STATES: tuple[Actor, ...] = (
    Actor("PRK", {
        "en": ("North Korea", "North Korean", "North Koreans", "N. Korea", "N. Korean", "N.Korea", "N.Korean",
               "N Korea", "N Korean", "NKorea", "NKorean", "DPRK", "Pyongyang", "Kim Jong Un", "Kim JongUn",
               "Korean People's Army", "KPA"),
        "ko": ("북한", "조선민주주의인민공화국", "김정은"), "ja": ("北朝鮮", "金正恩"), "zh": ("朝鲜", "北韩", "北韓"),
        "pl": _pl_cases("Korea Północna", "Korei Północnej", "Koreę Północną", "Koreą Północną", "Korea Płn.",
                        "Korei Płn.", "Koreę Płn.", "Koreą Płn.", "KRLD", "Pjongjang", "Pjongjangu", "Pjongjangiem",
                        "Kim Dzong Un", "Kim Dzong Una", "Kim Dzong Unem", "Kim Dzong Unowi")
        + _pl_adjective("północnokoreańsk")},
        sites=("Sohae", "Tongchang-ri", "Tongchangri"),
        capitals=("Pyongyang",)),
    Actor("KOR", {
        "en": ("South Korea", "South Korean", "South Koreans", "S. Korea", "S. Korean", "S.Korea", "S.Korean",
               "S Korea", "S Korean", "SKorea", "SKorean", "ROK", "Seoul"),
        "ko": ("한국",), "ja": ("韓国",), "zh": ("韩国", "南韩", "南韓"),
        "pl": _pl_cases("Korea Południowa", "Korei Południowej", "Koreę Południową", "Koreą Południową",
                        "Korea Płd.", "Korei Płd.", "Koreę Płd.", "Koreą Płd.", "Seul", "Seulu", "Seulem")
        + _pl_adjective("południowokoreańsk")},
        capitals=("Seoul",)),
    Actor("JPN", {
        "en": ("Japan", "Japanese", "Tokyo", "Self-Defense Force", "Self-Defense Forces", "Self-Defence Force",
               "Self-Defence Forces", "GSDF", "MSDF", "ASDF"),
        "ko": ("일본", "자위대", "육상자위대", "해상자위대", "항공자위대"), "ja": ("自衛隊", "陸上自衛隊", "海上自衛隊", "航空自衛隊", "海自", "陸自", "空自"),
        "pl": _pl_cases("Japonia", "Japonii", "Japonię", "Japonią", "Tokio", "Japończycy", "Japończyków")
        + _pl_adjective("japońsk")},
        capitals=("Tokyo",)),
    Actor("RUS", {
        "en": ("Russia", "Russian", "Russians", "Moscow", "Kremlin", "Putin", "Vladimir Putin"),
        "ko": ("러시아", "푸틴"), "ja": ("ロシア", "プーチン"), "zh": ("俄罗斯", "俄羅斯"),
        "pl": _pl_cases("Rosja", "Rosji", "Rosję", "Rosją", "Rosjanie", "Rosjan", "Rosjanom", "Rosjanami", "Putin",
                        "Putina", "Putinem", "Putinowi", "Moskwa",
                        "Moskwy", "Moskwie", "Moskwę", "Moskwą", "Kreml", "Kremla", "Kremlem", "Kremlowi", "Kremlu")
        + _pl_adjective("rosyjsk")},
        sites=("Plesetsk", "Kapustin Yar"),
        capitals=("Moscow",)),
    Actor("UKR", {
        "en": ("Ukraine", "Ukrainian", "Ukrainians", "Kyiv", "Kiev"),
        "ko": ("우크라이나", "우크라"), "ja": ("ウクライナ",), "zh": ("乌克兰", "烏克蘭"),
        "pl": _pl_cases("Ukraina", "Ukrainy", "Ukrainie", "Ukrainę", "Ukrainą", "Ukraińcy", "Ukraińców",
                        "Ukraińcom", "Ukraińcami", "Kijów", "Kijowa", "Kijowie", "Kijowem", "Kijowowi")
        + _pl_adjective("ukraińsk")},
        capitals=("Kyiv", "Kiev")),
    Actor("IRN", {
        "en": ("Iran", "Iranian", "Iranians", "Tehran", "IRGC", "Revolutionary Guard", "Revolutionary Guards"),
        "ko": ("이란",), "ja": ("イラン",), "zh": ("伊朗",),
        "pl": _pl_cases("Iran", "Iranu", "Iranowi", "Iranem", "Iranie", "Teheran", "Teheranu", "Teheranem",
                        "Teheranie", "Irańczycy", "Strażnicy Rewolucji", "Strażników Rewolucji",
                        "Korpus Strażników Rewolucji", "Korpusu Strażników Rewolucji", "Gwardia Rewolucyjna",
                        "Gwardii Rewolucyjnej", "Gwardię Rewolucyjną", "Gwardią Rewolucyjną")
        + _pl_adjective("irańsk")},
        sites=("Semnan", "Shahroud"),
        capitals=("Tehran",)),
    Actor("ISR", {
        "en": ("Israel", "Israeli", "Israelis", "IDF", "Israel Defense Forces", "Israel Defence Forces"),
        "ko": ("이스라엘",), "ja": ("イスラエル",), "zh": ("以色列",),
        "pl": _pl_cases("Izrael", "Izraela", "Izraelowi", "Izraelem", "Izraelu", "Izraelczycy", "Izraelczyków",
                        "Siły Obronne Izraela", "Sił Obronnych Izraela")
        + _pl_adjective("izraelsk")},
        sites=("Palmachim",)),
    Actor("USA", {
        "en": ("United States", "U.S.", "U.S. Air Force", "U.S. Navy", "U.S. Army", "US", "America", "American",
               "Americans", "Pentagon", "USAF", "Missile Defense Agency", "CENTCOM"),
        "ko": ("미국",), "ja": ("米国", "米軍", "アメリカ"), "zh": ("美国", "美國"),
        "pl": _pl_cases("USA", "Stany Zjednoczone", "Stanów Zjednoczonych", "Stanom Zjednoczonym",
                        "Stanami Zjednoczonymi", "Stanach Zjednoczonych", "Amerykanie", "Amerykanów", "Amerykanom",
                        "Amerykanami", "Waszyngton", "Waszyngtonu", "Waszyngtonowi", "Waszyngtonem",
                        "Pentagonu")
        + _pl_adjective("amerykańsk")},
        sites=("Vandenberg",)),
    Actor("CHN", {
        "en": ("China", "Chinese", "PLA", "People's Liberation Army", "Beijing", "Eastern Theater Command",
               "Eastern Theatre Command"),
        "ko": ("중국", "인민해방군", "동부전구"), "ja": ("中国", "人民解放軍", "東部戦区"), "zh": ("中国", "中國"),
        "pl": _pl_cases("Chiny", "Chin", "Chinom", "Chinami", "Chinach", "Chińczycy", "Chińczyków", "Pekin",
                        "Pekinu", "Pekinowi", "Pekinem", "Pekinie")
        + _pl_adjective("chińsk")},
        capitals=("Beijing",)),
    Actor("PAK", {
        "en": ("Pakistan", "Pakistani", "Islamabad"), "ko": ("파키스탄",), "ja": ("パキスタン",), "zh": ("巴基斯坦",),
        "pl": _pl_cases("Pakistanu", "Pakistanowi", "Pakistanem", "Pakistanie") + _pl_adjective("pakistańsk")},
        capitals=("Islamabad",)),
    # Before India: "인도네시아" begins with "인도".
    Actor("IDN", {"en": ("Indonesia", "Indonesian"), "ko": ("인도네시아",), "ja": ("インドネシア",),
        "pl": _pl_cases("Indonezja", "Indonezji", "Indonezję", "Indonezją") + _pl_adjective("indonezyjsk")}),
    Actor("IND", {
        "en": ("India", "Indian", "DRDO", "New Delhi"), "ko": ("인도",), "ja": ("インド",), "zh": ("印度",),
        "pl": _pl_cases("Indie", "Indii", "Indiom", "Indiami", "Indiach", "Nowe Delhi") + _pl_adjective("indyjsk")},
        sites=("Wheeler Island", "Abdul Kalam Island", "Chandipur"),
        capitals=("New Delhi",)),
    Actor("FRA", {"en": ("France", "French"), "ko": ("프랑스",), "ja": ("フランス",), "zh": ("法国", "法國"),
        "pl": _pl_cases("Francja", "Francji", "Francję", "Francją", "Francuzi", "Francuzów")
        + _pl_adjective("francusk")}),
    Actor("GBR", {
        "en": ("Britain", "British", "United Kingdom", "UK", "Royal Navy"), "ko": ("영국",), "ja": ("英国",),
        "zh": ("英国", "英國"),
        "pl": _pl_cases("Wielka Brytania", "Wielkiej Brytanii", "Wielką Brytanię", "Wielką Brytanią", "Brytyjczycy",
                        "Brytyjczyków") + _pl_adjective("brytyjsk")}),
    Actor("IRQ", {"en": ("Iraq", "Iraqi"), "ko": ("이라크",), "ja": ("イラク",), "zh": ("伊拉克",),
        "pl": _pl_cases("Irak", "Iraku", "Irakowi", "Irakiem") + _pl_adjective("irack")}),
    Actor("SYR", {"en": ("Syria", "Syrian"), "ko": ("시리아",), "ja": ("シリア",), "zh": ("叙利亚", "敘利亞"),
        "pl": _pl_cases("Syria", "Syrii", "Syrię", "Syrią") + _pl_adjective("syryjsk")}),
    Actor("TUR", {
        "en": ("Turkey", "Türkiye", "Turkiye", "Turkish"), "ko": ("튀르키예", "터키"), "ja": ("トルコ",),
        "zh": ("土耳其",),
        "pl": _pl_cases("Turcja", "Turcji", "Turcję", "Turcją") + _pl_adjective("tureck")}),
    Actor("AZE", {"en": ("Azerbaijan", "Azerbaijani", "Azeri"), "ko": ("아제르바이잔",), "ja": ("アゼルバイジャン",),
        "zh": ("阿塞拜疆",),
        "pl": _pl_cases("Azerbejdżan", "Azerbejdżanu", "Azerbejdżanowi", "Azerbejdżanem", "Azerbejdżanie")
        + _pl_adjective("azerbejdżańsk")}),
    Actor("ARM", {"en": ("Armenia", "Armenian"), "ko": ("아르메니아",), "ja": ("アルメニア",), "zh": ("亚美尼亚",),
        "pl": _pl_cases("Armenia", "Armenii", "Armenię", "Armenią") + _pl_adjective("armeńsk")}),
    Actor("TWN", {"en": ("Taiwan", "Taiwanese"), "ko": ("대만",), "ja": ("台湾",), "zh": ("台湾", "台灣"),
        "pl": _pl_cases("Tajwan", "Tajwanu", "Tajwanowi", "Tajwanem", "Tajwanie") + _pl_adjective("tajwańsk")}),
    Actor("BLR", {"en": ("Belarus", "Belarusian", "Belarussian"), "ko": ("벨라루스",), "ja": ("ベラルーシ",),
        "zh": ("白俄罗斯",),
        "pl": _pl_cases("Białoruś", "Białorusi", "Białorusią") + _pl_adjective("białorusk")}),
    Actor("LBY", {"en": ("Libya", "Libyan"), "ko": ("리비아",), "ja": ("リビア",), "zh": ("利比亚",),
        "pl": _pl_cases("Libia", "Libii", "Libię", "Libią") + _pl_adjective("libijsk")}),
    # Not the Korean 수단 ("means"): a common word.
    Actor("SDN", {"en": ("Sudan", "Sudanese"), "ja": ("スーダン",), "zh": ("苏丹",),
        "pl": _pl_cases("Sudan", "Sudanu", "Sudanowi", "Sudanem", "Sudanie") + _pl_adjective("sudańsk")}),
    Actor("ETH", {"en": ("Ethiopia", "Ethiopian"), "ko": ("에티오피아",), "ja": ("エチオピア",), "zh": ("埃塞俄比亚",),
        "pl": _pl_cases("Etiopia", "Etiopii", "Etiopię", "Etiopią") + _pl_adjective("etiopsk")}),
    Actor("ERI", {"en": ("Eritrea", "Eritrean"), "ko": ("에리트레아",), "ja": ("エリトリア",), "zh": ("厄立特里亚",),
        "pl": _pl_cases("Erytrea", "Erytrei", "Erytreę", "Erytreą") + _pl_adjective("erytrejsk")}),
    Actor("SOM", {"en": ("Somalia", "Somali"), "ko": ("소말리아",), "ja": ("ソマリア",), "zh": ("索马里",),
        "pl": _pl_cases("Somalia", "Somalii", "Somalię", "Somalią") + _pl_adjective("somalijsk")}),
    Actor("AFG", {"en": ("Afghanistan", "Afghan", "Taliban"), "ko": ("아프가니스탄", "아프간", "탈레반"),
        "ja": ("アフガニスタン", "アフガン", "タリバン"), "zh": ("阿富汗",),
        "pl": _pl_cases("Afganistan", "Afganistanu", "Afganistanowi", "Afganistanem", "Afganistanie", "talibowie",
                        "talibów", "talibami", "Talibowie") + _pl_adjective("afgańsk")}),
    Actor("EGY", {"en": ("Egypt", "Egyptian"), "ko": ("이집트",), "ja": ("エジプト",), "zh": ("埃及",),
        "pl": _pl_cases("Egipt", "Egiptu", "Egiptowi", "Egiptem", "Egipcie") + _pl_adjective("egipsk")}),
    Actor("ARE", {"en": ("United Arab Emirates", "UAE", "Emirati"), "ko": ("아랍에미리트",), "ja": ("アラブ首長国連邦",),
        "zh": ("阿联酋",),
        "pl": _pl_cases("Zjednoczone Emiraty Arabskie", "Zjednoczonych Emiratów Arabskich", "ZEA")}),
    Actor("MAR", {"en": ("Morocco", "Moroccan"), "ko": ("모로코",), "ja": ("モロッコ",), "zh": ("摩洛哥",),
        "pl": _pl_cases("Maroko") + _pl_adjective("marokańsk")}),
    Actor("SWE", {"en": ("Sweden", "Swedish"), "ko": ("스웨덴",), "ja": ("スウェーデン",),
        "pl": _pl_cases("Szwecja", "Szwecji", "Szwecję", "Szwecją") + _pl_adjective("szwedzk")}),
    Actor("NOR", {"en": ("Norway", "Norwegian"), "ko": ("노르웨이",), "ja": ("ノルウェー",),
        "pl": _pl_cases("Norwegia", "Norwegii", "Norwegię", "Norwegią") + _pl_adjective("norwesk")}),
    Actor("FIN", {"en": ("Finland", "Finnish"), "ko": ("핀란드",), "ja": ("フィンランド",),
        "pl": _pl_cases("Finlandia", "Finlandii", "Finlandię", "Finlandią") + _pl_adjective("fińsk")}),
    Actor("EST", {"en": ("Estonia", "Estonian"), "ko": ("에스토니아",), "ja": ("エストニア",),
        "pl": _pl_cases("Estonia", "Estonii", "Estonię", "Estonią") + _pl_adjective("estońsk")}),
    Actor("LTU", {"en": ("Lithuania", "Lithuanian"), "ko": ("리투아니아",), "ja": ("リトアニア",),
        "pl": _pl_cases("Litwa", "Litwy", "Litwę", "Litwą", "Litwie") + _pl_adjective("litewsk")}),
    Actor("LVA", {"en": ("Latvia", "Latvian"), "ko": ("라트비아",), "ja": ("ラトビア",),
        "pl": _pl_cases("Łotwa", "Łotwy", "Łotwę", "Łotwą", "Łotwie") + _pl_adjective("łotewsk")}),
    Actor("GRC", {"en": ("Greece", "Greek"), "ko": ("그리스",), "ja": ("ギリシャ",),
        "pl": _pl_cases("Grecja", "Grecji", "Grecję", "Grecją") + _pl_adjective("greck")}),
    Actor("DEU", {"en": ("Germany", "German"), "ko": ("독일",), "ja": ("ドイツ",),
        "pl": _pl_cases("Niemcy", "Niemiec", "Niemcom", "Niemcami") + _pl_adjective("niemieck")}),
    Actor("AUS", {"en": ("Australia", "Australian"), "ko": ("호주",), "ja": ("オーストラリア", "豪州"),
        "pl": _pl_cases("Australia", "Australii", "Australię", "Australią") + _pl_adjective("australijsk")}),
    Actor("BRA", {"en": ("Brazil", "Brazilian"), "ko": ("브라질",), "ja": ("ブラジル",),
        "pl": _pl_cases("Brazylia", "Brazylii", "Brazylię", "Brazylią") + _pl_adjective("brazylijsk")}),
    Actor("VEN", {"en": ("Venezuela", "Venezuelan"), "ko": ("베네수엘라",), "ja": ("ベネズエラ",),
        "pl": _pl_cases("Wenezuela", "Wenezueli", "Wenezuelę", "Wenezuelą") + _pl_adjective("wenezuelsk")}),
    Actor("PHL", {"en": ("Philippines", "Philippine", "Filipino"), "ko": ("필리핀",), "ja": ("フィリピン",),
        "pl": _pl_cases("Filipiny", "Filipin", "Filipinom", "Filipinami") + _pl_adjective("filipińsk")}),
    Actor("BGD", {"en": ("Bangladesh", "Bangladeshi"), "ko": ("방글라데시",), "ja": ("バングラデシュ",),
        "pl": _pl_cases("Bangladesz", "Bangladeszu", "Bangladeszem")}),
    Actor("DZA", {"en": ("Algeria", "Algerian"), "ko": ("알제리",), "ja": ("アルジェリア",),
        "pl": _pl_cases("Algieria", "Algierii", "Algierię", "Algierią") + _pl_adjective("algiersk")}),
    Actor("KHM", {"en": ("Cambodia", "Cambodian"), "ko": ("캄보디아",), "ja": ("カンボジア",),
        "pl": _pl_cases("Kambodża", "Kambodży", "Kambodżę", "Kambodżą") + _pl_adjective("kambodżańsk")}),
    # Not the Japanese タイ: a common run of katakana.
    Actor("THA", {"en": ("Thailand", "Thai"), "ko": ("태국",),
        "pl": _pl_cases("Tajlandia", "Tajlandii", "Tajlandię", "Tajlandią") + _pl_adjective("tajsk")}),
    Actor("MMR", {"en": ("Myanmar", "Burma", "Burmese"), "ko": ("미얀마",), "ja": ("ミャンマー",),
        "pl": _pl_cases("Mjanma", "Mjanmy", "Birma", "Birmy", "Birmę") + _pl_adjective("birmańsk")}),
    Actor("COD", {"en": ("Democratic Republic of the Congo", "DR Congo", "DRC", "Congolese"),
        "ko": ("콩고민주공화국",), "ja": ("コンゴ民主共和国",),
        "pl": _pl_cases("Demokratyczna Republika Konga", "Demokratycznej Republiki Konga", "DRK")
        + _pl_adjective("kongijsk")}),
    Actor("NGA", {"en": ("Nigeria", "Nigerian"), "ko": ("나이지리아",), "ja": ("ナイジェリア",),
        "pl": _pl_cases("Nigeria", "Nigerii", "Nigerię", "Nigerią") + _pl_adjective("nigeryjsk")}),
    # Not the Korean 말리 and Japanese マリ: common runs of letters.
    Actor("MLI", {"en": ("Mali", "Malian"), "pl": _pl_cases("Mali") + _pl_adjective("malijsk")}),
    Actor("TJK", {"en": ("Tajikistan", "Tajik"), "ko": ("타지키스탄",), "ja": ("タジキスタン",),
        "pl": _pl_cases("Tadżykistan", "Tadżykistanu", "Tadżykistanem", "Tadżykistanie") + _pl_adjective("tadżyck")}),
    Actor("KGZ", {"en": ("Kyrgyzstan", "Kyrgyz"), "ko": ("키르기스스탄",), "ja": ("キルギス",),
        "pl": _pl_cases("Kirgistan", "Kirgistanu", "Kirgistanem", "Kirgistanie") + _pl_adjective("kirgisk")}),
    Actor("VNM", {"en": ("Vietnam", "Vietnamese", "Viet Nam"), "ko": ("베트남",), "ja": ("ベトナム",),
        "pl": _pl_cases("Wietnam", "Wietnamu", "Wietnamem", "Wietnamie") + _pl_adjective("wietnamsk")}),
    Actor("ITA", {"en": ("Italy", "Italian"), "ko": ("이탈리아",), "ja": ("イタリア",),
        "pl": _pl_cases("Włochy", "Włoch", "Włochom", "Włochami") + _pl_adjective("włosk")}),
    Actor("ESP", {"en": ("Spain", "Spanish"), "ko": ("스페인",), "ja": ("スペイン",),
        "pl": _pl_cases("Hiszpania", "Hiszpanii", "Hiszpanię", "Hiszpanią") + _pl_adjective("hiszpańsk")}),
    Actor("NLD", {"en": ("Netherlands", "Dutch"), "ko": ("네덜란드",), "ja": ("オランダ",),
        "pl": _pl_cases("Holandia", "Holandii", "Holandię", "Holandią") + _pl_adjective("holendersk")}),
    Actor("CAN", {"en": ("Canada", "Canadian"), "ko": ("캐나다",), "ja": ("カナダ",),
        "pl": _pl_cases("Kanada", "Kanady", "Kanadę", "Kanadą", "Kanadzie") + _pl_adjective("kanadyjsk")}),
    Actor("ROU", {"en": ("Romania", "Romanian"), "ko": ("루마니아",), "ja": ("ルーマニア",),
        "pl": _pl_cases("Rumunia", "Rumunii", "Rumunię", "Rumunią") + _pl_adjective("rumuńsk")}),
    Actor("KAZ", {"en": ("Kazakhstan", "Kazakh"), "ko": ("카자흐스탄",), "ja": ("カザフスタン",),
        "pl": _pl_cases("Kazachstan", "Kazachstanu", "Kazachstanem", "Kazachstanie") + _pl_adjective("kazachsk")}),
    Actor("UZB", {"en": ("Uzbekistan", "Uzbek"), "ko": ("우즈베키스탄",), "ja": ("ウズベキスタン",),
        "pl": _pl_cases("Uzbekistan", "Uzbekistanu", "Uzbekistanem", "Uzbekistanie") + _pl_adjective("uzbeck")}),
    Actor("COL", {"en": ("Colombia", "Colombian"), "ko": ("콜롬비아",), "ja": ("コロンビア",),
        "pl": _pl_cases("Kolumbia", "Kolumbii", "Kolumbię", "Kolumbią") + _pl_adjective("kolumbijsk")}),
    Actor("KEN", {"en": ("Kenya", "Kenyan"), "ko": ("케냐",), "ja": ("ケニア",),
        "pl": _pl_cases("Kenia", "Kenii", "Kenię", "Kenią") + _pl_adjective("kenijsk")}),
    Actor("UGA", {"en": ("Uganda", "Ugandan"), "ko": ("우간다",), "ja": ("ウガンダ",),
        "pl": _pl_cases("Uganda", "Ugandy", "Ugandę", "Ugandą", "Ugandzie") + _pl_adjective("ugandyjsk")}),
    Actor("RWA", {"en": ("Rwanda", "Rwandan"), "ko": ("르완다",), "ja": ("ルワンダ",),
        "pl": _pl_cases("Rwanda", "Rwandy", "Rwandę", "Rwandą", "Rwandzie") + _pl_adjective("rwandyjsk")}),
    Actor("ZAF", {"en": ("South Africa", "South African"), "ko": ("남아공", "남아프리카공화국"), "ja": ("南アフリカ", "南ア"),
        "pl": _pl_cases("Republika Południowej Afryki", "Republiki Południowej Afryki", "RPA")
        + _pl_adjective("południowoafrykańsk")}),
    Actor("TUN", {"en": ("Tunisia", "Tunisian"), "ko": ("튀니지",), "ja": ("チュニジア",),
        "pl": _pl_cases("Tunezja", "Tunezji", "Tunezję", "Tunezją") + _pl_adjective("tunezyjsk")}),
    Actor("LKA", {"en": ("Sri Lanka", "Sri Lankan"), "ko": ("스리랑카",), "ja": ("スリランカ",),
        "pl": _pl_cases("Sri Lanka", "Sri Lanki", "Sri Lankę", "Sri Lanką") + _pl_adjective("lankijsk")}),
    Actor("MOZ", {"en": ("Mozambique", "Mozambican"), "ko": ("모잠비크",), "ja": ("モザンビーク",),
        "pl": _pl_cases("Mozambik", "Mozambiku", "Mozambikiem") + _pl_adjective("mozambijsk")}),
    Actor("BFA", {"en": ("Burkina Faso", "Burkinabe"), "ko": ("부르키나파소",), "ja": ("ブルキナファソ",),
        "pl": _pl_cases("Burkina Faso")}),
    Actor("SAU", {"en": ("Saudi", "Saudi Arabia"), "ko": ("사우디",), "ja": ("サウジ",), "zh": ("沙特",),
        "pl": _pl_cases("Arabia Saudyjska", "Arabii Saudyjskiej", "Arabię Saudyjską", "Arabią Saudyjską")
        + _pl_adjective("saudyjsk")}),
)

# Order matters only where two names start at the same place: groups come first, so
# "Iraqi militias" is the group's name and not Iraq's.
ACTORS: tuple[Actor, ...] = GROUPS + STATES
STATE_CODES: frozenset[str] = frozenset(actor.code for actor in STATES)
"""The codes of the actors that are states (a group's code may be capitals too: "PKK")."""

# The clock a launch's report gives its times in when it names no zone: the launching
# region's (reports of Korean launches give Seoul or Tokyo time, of the war in Ukraine
# Kyiv time, of rockets from Gaza or Lebanon Israel's).
REGION_ZONES: dict[str, str] = {
    "PRK": "Asia/Seoul", "KOR": "Asia/Seoul", "JPN": "Asia/Tokyo", "RUS": "Europe/Kyiv", "UKR": "Europe/Kyiv",
    "ISR": "Asia/Jerusalem", "Hamas": "Asia/Jerusalem", "Hezbollah": "Asia/Jerusalem",
    "Palestinian Islamic Jihad": "Asia/Jerusalem", "Houthis": "Asia/Aden", "IRN": "Asia/Tehran",
    "CHN": "Asia/Shanghai", "TWN": "Asia/Taipei", "IND": "Asia/Kolkata", "PAK": "Asia/Karachi",
}

AGENCIES: tuple[Agency, ...] = (
    Agency("JCS", {
        "en": ("Joint Chiefs of Staff", "ROK Joint Chiefs of Staff", "JCS", "ROK JCS"),
        "ko": ("합참", "합동참모본부"), "ja": ("韓国軍合同参謀本部", "韓国合同参謀本部", "合同参謀本部"),
        "pl": ("Kolegium Połączonych Szefów Sztabów", "Połączone Kolegium Szefów Sztabów",
               "Połączonego Kolegium Szefów Sztabów", "Połączonych Szefów Sztabów")},
        role="observer", actor="KOR", zone="Asia/Seoul", feed_names=("joint chiefs",)),
    Agency("Japan MoD", {
        "en": _each(("Japan", "Japan's", "Japanese"), _DEFENCE_MINISTRY + ("MOD",)),
        "ja": ("防衛省", "防衛相", "防衛大臣"), "ko": ("일본 방위성", "日 방위성", "日방위성"),
        "pl": ("japońskie ministerstwo obrony", "japońskiego ministerstwa obrony", "ministerstwo obrony Japonii",
               "ministerstwa obrony Japonii", "resort obrony Japonii", "resortu obrony Japonii", "japoński resort obrony",
               "japońskiego resortu obrony")},
        role="observer", actor="JPN", zone="Asia/Tokyo"),
    Agency("KCNA", {
        "en": ("KCNA", "Korean Central News Agency"), "ko": ("조선중앙통신",), "ja": ("朝鮮中央通信",),
        "zh": ("朝中社",)},
        role="state_media", actor="PRK", implies_actor=True, zone="Asia/Pyongyang",
        feed_names=("korean central news",)),
    Agency("Rodong Sinmun", {
        "en": ("Rodong Sinmun", "Rodong Shinmun"), "ko": ("노동신문",), "ja": ("労働新聞",)},
        role="state_media", actor="PRK", implies_actor=True, zone="Asia/Pyongyang", feed_names=("rodong",)),
    Agency("KCTV", {
        "en": ("KCTV", "Korean Central Television"), "ko": ("조선중앙TV", "조선중앙텔레비전")},
        role="state_media", actor="PRK", implies_actor=True, zone="Asia/Pyongyang"),
    Agency("Uriminzokkiri", {"en": ("Uriminzokkiri",), "ko": ("우리민족끼리",)},
           role="state_media", actor="PRK", implies_actor=True),
    Agency("Missile Administration", {"en": ("Missile Administration",), "ko": ("미사일총국",), "ja": ("ミサイル総局",)},
           role="state_media", actor="PRK", implies_actor=True, zone="Asia/Pyongyang"),
    Agency("US INDOPACOM", {
        "en": ("INDOPACOM", "Indo-Pacific Command"), "ko": ("인도태평양사령부",), "ja": ("インド太平洋軍",)},
        role="observer", actor="USA"),
    Agency("Japan Coast Guard", {
        "en": ("Japan Coast Guard", "Japan's Coast Guard", "Japanese Coast Guard", "Tokyo's Coast Guard"),
        "ja": ("海上保安庁",)},
        role="observer", actor="JPN", zone="Asia/Tokyo"),
    Agency("Japan government", {
        "en": ("Chief Cabinet Secretary",), "ja": ("官房長官", "日本政府", "政府関係者", "Jアラート")},
        role="observer", actor="JPN", zone="Asia/Tokyo"),
    Agency("IDF", {
        "en": ("IDF", "Israel Defense Forces", "Israel Defence Forces", "Israeli army", "Israeli military"),
        "ja": ("イスラエル軍",),
        "pl": ("armia izraelska", "armii izraelskiej", "izraelska armia", "izraelskiej armii", "Siły Obronne Izraela",
               "Sił Obronnych Izraela")},
        role="observer", actor="ISR"),
    Agency("Yonhap", {"en": ("Yonhap",), "ko": ("연합뉴스",), "ja": ("聯合ニュース",)},
           role="press", actor="KOR", zone="Asia/Seoul"),
    Agency("Kyodo", {"en": ("Kyodo",), "ja": ("共同通信",)}, role="press", actor="JPN"),
    Agency("ROK military", {
        "en": ("South Korea's military", "South Korean military", "Seoul's military", "South Korean officials"),
        # ("군 당국", "the military authorities": the South's, as Korean reports write them)
        "ko": ("우리 군", "군 당국"), "ja": ("韓国軍",),
        "pl": ("armia Korei Południowej", "armii Korei Południowej", "wojsko Korei Południowej",
               "wojska Korei Południowej", "południowokoreańska armia", "południowokoreańskiej armii",
               "południowokoreańskie wojsko", "południowokoreańskiego wojska")},
        role="observer", actor="KOR", zone="Asia/Seoul", generic=True),
    Agency("Russia MoD", {"en": _each(("Russia's", "Russian"), _DEFENCE_MINISTRY),
                          "pl": ("rosyjskie ministerstwo obrony", "rosyjskiego ministerstwa obrony",
                                 "ministerstwo obrony Rosji", "ministerstwa obrony Rosji", "resort obrony Rosji"),
                          "ko": ("러시아 국방부", "러 국방부"), "ja": ("ロシア国防省",)},
           role="state_media", actor="RUS", feed_names=("russian mod",)),
    Agency("Ukraine Air Force", {
        "en": _each(("Ukraine's", "Ukrainian"), ("Air Force", "air defense", "air defence")),
        "pl": ("Siły Powietrzne Ukrainy", "Sił Powietrznych Ukrainy", "ukraińskie siły powietrzne",
               "ukraińskich sił powietrznych", "dowództwo Sił Powietrznych", "ukraińska obrona powietrzna"),
        "ko": ("우크라이나 공군", "우크라 공군"), "ja": ("ウクライナ空軍",)},
        role="observer", actor="UKR"),
    Agency("Ukraine General Staff", {
        "en": _each(("Ukraine's", "Ukrainian"), ("General Staff",)) + ("General Staff of the Armed Forces of Ukraine",
                                                                        "General Staff of Ukraine's Armed Forces"),
        "pl": ("Sztab Generalny Sił Zbrojnych Ukrainy", "Sztabu Generalnego Sił Zbrojnych Ukrainy",
               "ukraiński Sztab Generalny", "ukraińskiego Sztabu Generalnego", "Sztab Generalny Ukrainy",
               "Sztabu Generalnego Ukrainy"),
        "ko": ("우크라이나군 총참모부", "우크라이나 총참모부"), "ja": ("ウクライナ軍参謀本部",)},
        role="state_media", actor="UKR"),
    Agency("ISPR", {
        "en": ("Inter-Services Public Relations", "ISPR"), "pl": ("ISPR",), "ko": ("ISPR",), "ja": ("ISPR", "軍統合広報局")},
        role="operator", actor="PAK"),
    # India's defence research agency announces its missile tests (Agni, Prithvi, BrahMos).
    Agency("DRDO", {
        "en": ("Defence Research and Development Organisation", "Defense Research and Development Organization",
               "DRDO"), "pl": ("DRDO",), "ko": ("인도 국방연구개발기구", "DRDO"), "ja": ("インド国防研究開発機構", "DRDO")},
        role="operator", actor="IND"),
    Agency("US Air Force", {
        "en": ("U.S. Air Force", "US Air Force", "USAF", "Space Wing", "Air Force Global Strike Command"),
        "ko": ("지구권타격사령부", "미 공군", "미국 공군"), "ja": ("米空軍", "地球規模攻撃軍団")},
        role="operator", actor="USA", implies_actor=True),
    Agency("CENTCOM", {
        "en": ("CENTCOM", "U.S. Central Command", "US Central Command", "United States Central Command"),
        "ko": ("미 중부사령부", "미국 중부사령부", "美 중부사령부"), "ja": ("米中央軍",),
        "pl": ("Dowództwo Centralne USA", "Dowództwa Centralnego USA", "amerykańskie Dowództwo Centralne",
               "amerykańskiego Dowództwa Centralnego")},
           role="observer", actor="USA"),
    # The Royal Navy's shipping watch: it reports attacks on ships (the Red Sea, the Gulf of Aden).
    Agency("UKMTO", {"en": ("UKMTO", "UK Maritime Trade Operations", "United Kingdom Maritime Trade Operations",
                            "British Maritime Trade Operations"),
                     "ko": ("영국 해사무역기구", "영국해사무역기구"), "ja": ("英海事貿易機関", "英国海事貿易機関")},
           role="observer", actor="GBR"),
    Agency("Taiwan MND", {
        "en": _each(("Taiwan's", "Taiwanese"), _DEFENCE_MINISTRY) + ("Taiwan's Ministry of National Defense",),
        "ko": ("대만 국방부",), "ja": ("台湾国防部",), "zh": ("台湾国防部", "國防部"),
        "pl": ("tajwańskie ministerstwo obrony", "tajwańskiego ministerstwa obrony", "ministerstwo obrony Tajwanu",
               "ministerstwa obrony Tajwanu", "ministerstwo obrony w Tajpej", "ministerstwa obrony w Tajpej")},
           role="observer", actor="TWN"),
    Agency("SBU", {"en": ("SBU", "Security Service of Ukraine"),
                   "pl": ("Służba Bezpieczeństwa Ukrainy", "Służby Bezpieczeństwa Ukrainy", "Ukraińska Służba Bezpieczeństwa",
                          "Ukraińskiej Służby Bezpieczeństwa", "SBU")},
           role="observer", actor="UKR"),
    Agency("SANA", {"en": ("SANA", "Syrian Arab News Agency")}, role="state_media", actor="SYR"),
    Agency("Pentagon", {"en": ("Pentagon",), "ko": ("미 국방부", "미국 국방부"), "ja": ("米国防総省", "国防総省")},
           role="observer", actor="USA"),
    # South Korea's defence research agency: it announces its own test flights.
    Agency("ADD", {"en": ("Agency for Defense Development",), "ko": ("국방과학연구소",), "ja": ("国防科学研究所",)},
           role="operator", actor="KOR", implies_actor=True),
    Agency("IRNA", {"en": ("IRNA", "Islamic Republic News Agency")},
           role="state_media", actor="IRN", implies_actor=True),
    Agency("Tasnim", {"en": ("Tasnim",)}, role="state_media", actor="IRN", implies_actor=True),
    Agency("Fars", {"en": ("Fars News Agency", "Fars news")}, role="state_media", actor="IRN", feed_names=("fars",)),
    Agency("Sepah News", {"en": ("Sepah News",)}, role="state_media", actor="IRN",
           # The Revolutionary Guards' own outlet; feeds carry their statements as "IRGC".
           feed_names=("sepah", "irgc")),
    Agency("Press TV", {"en": ("Press TV", "PressTV")}, role="state_media", actor="IRN"),
    # The Revolutionary Guards' own statements ("..., IRGC says"): Iran's forces speaking,
    # a claim. Their names also name Iran as the launcher (`ACTORS`).
    Agency("IRGC", {"en": ("IRGC", "Islamic Revolutionary Guard Corps", "Revolutionary Guard Corps",
                           "Revolutionary Guards", "Revolutionary Guard"),
                    "ko": ("혁명수비대",), "ja": ("革命防衛隊",),
                    "pl": ("Korpus Strażników Rewolucji", "Korpusu Strażników Rewolucji", "Strażnicy Rewolucji",
                           "Strażników Rewolucji")},
           role="state_media", actor="IRN"),
    Agency("TASS", {"en": ("TASS",)}, role="state_media", actor="RUS"),
    Agency("RIA Novosti", {"en": ("RIA Novosti",)}, role="state_media", actor="RUS"),
    Agency("Zvezda", {"en": ("Zvezda TV",)}, role="state_media", actor="RUS", feed_names=("zvezda",)),
    Agency("Xinhua", {"en": ("Xinhua",), "zh": ("新华社", "新華社")}, role="state_media", actor="CHN"),
    Agency("CCTV", {"en": ("China Central Television",), "zh": ("中央电视台",)}, role="state_media", actor="CHN",
           feed_names=("cctv",)),
    Agency("PLA Daily", {"en": ("PLA Daily", "People's Liberation Army Daily"), "zh": ("解放军报",)},
           role="state_media", actor="CHN", feed_names=("people's liberation army",)),
    Agency("Global Times", {"en": ("Global Times",)}, role="state_media", actor="CHN"),
    Agency("Saba", {"en": ("Saba News Agency", "Saba news agency")}, role="state_media", actor="Houthis",
           feed_names=("saba",)),
    Agency("Al-Masirah", {"en": ("Al-Masirah", "Al Masirah", "Almasirah")}, role="state_media", actor="Houthis"),
    Agency("Houthi military", {"en": ("Yahya Saree", "Yahya Sarea", "Houthi military spokesman")},
           role="state_media", actor="Houthis", implies_actor=True, feed_names=("saree",)),
    Agency("state media", {"en": ("state media", "state TV", "state television", "state news agency"),
                           "pl": ("media państwowe", "państwowe media", "mediów państwowych", "państwowych mediów",
                                  "państwowa agencja", "państwowej agencji", "państwowa telewizja",
                                  "państwowej telewizji")},
           role="state_media", generic=True),
)

# Words that mark a government body in an agency's or a feed's name: its word is an
# observing government's (the agencies above with role "observer" are named as well).
_GOVERNMENT_WORDS = (
    "mod", "ministry of defen", "defense ministry", "defence ministry", "government", "cabinet", "nsc",
    "coast guard", "国防部", "국방부", "政府",
)


def _lower_forms(agency: Agency) -> set[str]:
    return {agency.code.lower(), *(n.lower() for names in agency.names.values() for n in names),
            *agency.feed_names}


OFFICIAL_CUES: tuple[str, ...] = tuple(sorted(
    set(_GOVERNMENT_WORDS).union(*(_lower_forms(a) for a in AGENCIES if a.role == "observer"))))
"""Lower-case words of an observing government's agency, to look for in agency and feed names."""

STATE_MEDIA: dict[str, tuple[str, ...]] = {
    actor.code: tuple(sorted(set().union(*(_lower_forms(a) for a in AGENCIES
                                          if a.role == "state_media" and a.actor == actor.code))))
    for actor in ACTORS
    if any(a.role == "state_media" and a.actor == actor.code for a in AGENCIES)
}
"""Per actor, lower-case words of its own voice (state media, its forces' statements)."""


def _aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for actor in ACTORS:
        for name in (actor.code, *(n for names in actor.names.values() for n in names)):
            key = name.lower()
            if aliases.setdefault(key, actor.code) != actor.code:
                raise ValueError(f"actor name {name!r} belongs to both {aliases[key]} and {actor.code}")
    return aliases


ACTOR_ALIASES: dict[str, str] = _aliases()
"""Every actor name and code, lower-cased, to the actor's code."""


def _name_pattern(name: str) -> str:
    escaped = re.escape(name).replace(r"\ ", "[- ]")
    head = r"\b" if name[0].isalnum() else ""
    tail = r"\b" if name[-1].isalnum() else ""
    return head + escaped + tail


_ANY_ACTOR = re.compile(
    "|".join(f"(?P<a{i}>{'|'.join(_name_pattern(n) for n in sorted(ACTOR_ALIASES, key=len, reverse=True) if ACTOR_ALIASES[n] == a.code)})"
             for i, a in enumerate(ACTORS)),
    re.IGNORECASE,
)


def actor_named_in(text: str | None) -> str | None:
    """The code of the actor whose name (in any language, any case) comes first in a free
    text such as a label ("United States (U.S. Air Force)" -> "USA"), else None."""
    if not text:
        return None
    m = _ANY_ACTOR.search(text)
    return ACTORS[int(m.lastgroup[1:])].code if m is not None and m.lastgroup else None
