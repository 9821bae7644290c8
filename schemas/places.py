"""Launch sites by name: where a stated `launch_site` is, and what it is called in English.

Reports word a site as they write (`LaunchFields.launch_site`: "the Sunan area in
Pyongyang", "평양 순안 일대", "北朝鮮西岸", "ze wschodniego wybrzeża"). The map needs a
position for it (`services.web.geo`), and alerts and pages, written in English, an English
name where the site is written in another language (`schemas.labels.launched_from`).
Positions are approximate public ones; the map says so.

The places strikes are aimed at are listed by the state they lie in, for the classifier to
read a target by and for pages to tell a city from the state a report names instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Site:
    """A launch site: its English name, the lower-case names it is written with (English,
    Polish, Korean, Japanese), and a circle around its position. A `facility` is a place
    launches are made from and little else (a launch base, a spaceport, a North Korean town
    of its launch grounds), so a launch's sentence that names it "at", "in" or "near" names
    where the launch was made (`services.classify` reads it so); a capital, a land at war or
    a sea is a target or a sayer as often, and is a site only after "from"."""

    name: str
    names: tuple[str, ...]
    lon: float
    lat: float
    radius_km: float
    facility: bool = True
    coast: str | None = None  # the coast of its land a report may name instead ("the west coast")


# The first whose name a stated site holds is the site, so a site comes before the city it
# lies in ("the Sunan area in Pyongyang" is Sunan).
KNOWN_SITES: tuple[Site, ...] = (
    Site("Sunan, Pyongyang", ("sunan", "순안", "順安", "pyongyang international airport"), 125.67, 39.22, 15,
         coast="the west coast"),
    Site("Sohae (Tongchang-ri)", ("tongchang", "tongczang", "sohae", "동창리", "東倉里"), 124.71, 39.66, 15,
         coast="the west coast"),
    Site("Sinpo", ("sinpo", "신포", "新浦"), 128.18, 40.03, 20, coast="the east coast"),
    Site("Wonsan", ("wonsan", "원산", "元山"), 127.44, 39.15, 25, coast="the east coast"),
    Site("Hamhung", ("hamhung", "함흥", "咸興"), 127.54, 39.92, 25, coast="the east coast"),
    Site("Nampo", ("nampo", "nampho", "남포", "南浦"), 125.41, 38.74, 20, coast="the west coast"),
    Site("Kanggye", ("kanggye", "ganggye", "강계", "江界"), 126.60, 40.97, 25),
    Site("Kusong", ("kusong", "亀城"), 125.25, 39.98, 20, coast="the west coast"),
    Site("Sukchon", ("sukchon", "숙천", "粛川"), 125.63, 39.41, 20, coast="the west coast"),
    Site("Pyongsong", ("pyongsong", "平城"), 125.87, 39.25, 20, coast="the west coast"),
    Site("Kaechon", ("kaechon", "价川"), 125.89, 39.70, 20, coast="the west coast"),
    Site("Hwangju", ("hwangju", "황주", "黄州"), 125.75, 38.67, 20, coast="the west coast"),
    Site("Jangyon", ("jangyon", "장연", "長淵"), 125.12, 38.23, 20, coast="the west coast"),
    Site("Kimchaek", ("kimchaek", "김책", "金策"), 129.20, 40.67, 20, coast="the east coast"),
    Site("Pyongyang", ("pyongyang", "pjongjang", "평양", "平壌"), 125.75, 39.03, 30, facility=False,
         coast="the west coast"),
    Site("Plesetsk", ("plesetsk", "plesieck"), 40.58, 62.93, 40),
    Site("Kapustin Yar", ("kapustin",), 45.77, 48.57, 40),
    Site("Vostochny", ("vostochny", "wostoczny"), 128.33, 51.88, 30),
    Site("Baikonur", ("baikonur", "bajkonur"), 63.31, 45.96, 40),
    Site("Vandenberg", ("vandenberg",), -120.57, 34.74, 20),
    Site("Cape Canaveral", ("cape canaveral",), -80.60, 28.39, 20),
    Site("Wallops Island", ("wallops",), -75.47, 37.94, 20),
    Site("Kwajalein", ("kwajalein", "reagan test site"), 167.73, 8.72, 40, facility=False),  # a target range
    Site("Jiuquan", ("jiuquan",), 100.29, 40.96, 40),
    Site("Taiyuan", ("taiyuan",), 111.61, 38.85, 40),
    Site("Xichang", ("xichang",), 102.03, 28.25, 40),
    Site("Wenchang", ("wenchang",), 110.95, 19.61, 40),
    Site("Semnan", ("semnan",), 53.92, 35.23, 40),
    Site("Shahroud", ("shahroud",), 55.33, 36.20, 40),
    Site("Sriharikota", ("sriharikota",), 80.23, 13.72, 20),
    Site("Abdul Kalam Island", ("abdul kalam island", "wheeler island"), 87.08, 20.76, 15),
    Site("Chandipur", ("chandipur",), 87.02, 21.45, 15),
    Site("Palmachim", ("palmachim",), 34.68, 31.88, 15),
    Site("Tanegashima", ("tanegashima", "種子島"), 130.97, 30.40, 20),
    Site("Uchinoura", ("uchinoura", "内之浦"), 131.08, 31.25, 20),
    Site("Gaza", ("gaza", "gazy", "가자", "ガザ"), 34.40, 31.45, 30, facility=False),
    Site("Hodeidah", ("hodeidah", "hudaydah"), 42.95, 14.80, 40, facility=False),
    Site("the Black Sea", ("black sea", "morza czarnego", "흑해", "黒海"), 34.0, 43.5, 300, facility=False),
    Site("the Caspian Sea", ("caspian", "kaspijsk", "카스피", "カスピ"), 50.5, 42.0, 300, facility=False),
)

# The names of the facilities (see `Site`), longest first, so that a pattern built of them
# takes a whole name ("pyongyang international airport" before "pyongyang"). (Korean names
# that are common words too, 구성 "make-up" or 개천 "stream", are left out.)
FACILITY_NAMES: tuple[str, ...] = tuple(sorted({name for site in KNOWN_SITES if site.facility for name in site.names},
                                               key=lambda name: (-len(name), name)))

# Sites that are no one place: a coast or the inland, in the languages read.
_REGIONS = (
    ("the east coast", ("wschodniego wybrzeża", "wschodnie wybrzeże", "동해안", "東海岸", "東岸")),
    ("the west coast", ("zachodniego wybrzeża", "zachodnie wybrzeże", "서해안", "西海岸", "西岸")),
    ("inland", ("내륙", "内陸")),
)
# A site written in another language than English: another script, or a Polish area word.
_NOT_ENGLISH = re.compile(r"[^\x00-\x7f]|\b(?:rejonu|rejonie|okolic|okolicach|terytorium|obszaru|regionu|wybrzeża"
                          r"|bazy|poligonu|poligonie|kosmodromu)\b",
                          re.IGNORECASE)


def known_site(site: str | None) -> Site | None:
    """The known site a stated launch site names, or None."""
    if not site:
        return None
    said = site.casefold()
    return next((known for known in KNOWN_SITES if any(name in said for name in known.names)), None)


def english_site(site: str) -> str | None:
    """The English name of a site written in another language ("평양 순안 일대" → "Sunan,
    Pyongyang", "ze wschodniego wybrzeża" → "the east coast"); None for a site written in
    English or one neither known nor a coast."""
    if not _NOT_ENGLISH.search(site):
        return None
    said = site.casefold()
    known = known_site(site)
    if known is not None:
        return known.name
    return next((name for name, words in _REGIONS if any(word in said for word in words)), None)


def same_place(a: str, b: str) -> bool:
    """Whether two stated sites name one place in any language ("평양 순안 일대" and "the
    Sunan area"), or one names a coast the other's known site is on ("北朝鮮西岸付近", near
    the west coast, and "the Sunan area of Pyongyang")."""
    first, second = place_named(a), place_named(b)
    if first is None or second is None:
        return False
    return first == second or any(
        site.coast in (first, second) and site.name in (first, second) for site in KNOWN_SITES)


def place_named(site: str) -> str | None:
    """The one place a stated site names, in any language ("평양 순안 일대" and "the Sunan
    area" → "Sunan, Pyongyang"; "동해안" and "the east coast" → "the east coast"), or None."""
    known = known_site(site)
    if known is not None:
        return known.name
    english = english_site(site)
    if english is not None:
        return english
    said = site.casefold()
    return next((name for name, _ in _REGIONS if name.removeprefix("the ") in said), None)


# Places a strike or a flight is aimed at, by the state they lie in ("" where the text's
# own sides dispute it: occupied Crimea). A launcher's own places are no target of its
# launch from home ("Iran launched a missile ... action against Tehran").
TARGET_PLACES_BY_STATE: dict[str, tuple[str, ...]] = {
    "ISR": (r"(?:northern |southern |central |western |eastern )?Israel", "Tel Aviv", "Jerusalem", "Haifa", "Eilat",
            "Ashkelon", "Ashdod", "Sderot", "Beersheba", "Netivot", "Kiryat Shmona", "Metula", "Nahariya", "Safed",
            "Jaffa", "Holon", "Bat Yam", "Ramat Gan", "Petah Tikva", "Rishon LeZion", "Rehovot", "Herzliya",
            "Ben Gurion (?:Airport|airport|International Airport)",
            r"Golan(?: Heights)?", r"(?:Upper |Lower |Western )?Galilee"),
    "UKR": ("Kyiv", "Kiev", "Kharkiv", "Lviv", "Odesa", "Odessa", "Dnipro", "Zaporizhzhia", "Kherson", "Mykolaiv",
            "Kupiansk", "Sloviansk", "Kramatorsk", "Zhytomyr", "Vinnytsia", "Uman", "Sumy", "Chernihiv", "Poltava",
            "Khmelnytskyi", "Ternopil", "Rivne", "Lutsk", "Ivano-Frankivsk", "Kropyvnytskyi", "Kryvyi Rih",
            r"(?:western |eastern )?Ukraine"),
    "": ("Crimea", "Sevastopol", "Donetsk", "Luhansk", "Mariupol"),
    "PSE": ("Gaza",),
    "RUS": ("Belgorod", "Kursk", "Bryansk", "Moscow"),
    "SAU": ("Saudi Arabia", "Riyadh", "Jeddah", "Abha"),
    "JPN": ("Japan", "Hokkaido", "Okinawa"),
    "USA": ("Guam", "Hawaii"),
    # Where the US test range's reentry vehicles come down.
    "MHL": (r"Kwajalein(?: Atoll)?", "Marshall Islands"),
    "KOR": ("South Korea", "Seoul"),
    "SYR": (r"(?:northern |southern )?Syria", "Damascus", "Homs"),
    "LBN": ("Lebanon", "Beirut"),
    "YEM": ("Yemen", "Sanaa"),
    "IRQ": ("Iraq", "Erbil", "Baghdad"),
    "IRN": ("Iran", "Tehran", "Isfahan", "Natanz", "Tabriz", "Shiraz", "Kermanshah", "Bandar Abbas"),
    "PAK": ("Pakistan", "Balochistan"),
    "IND": ("India",),
}


def state_of_place(place: str | None) -> str | None:
    """The state a stated target place lies in ("Kyiv", "Kharkiv" → "UKR"; "northern Israel"
    → "ISR"), by `TARGET_PLACES_BY_STATE`; None for a place not listed or disputed."""
    if not place:
        return None
    return next((state for state, pattern in _PLACE_PATTERNS if pattern.fullmatch(place.strip())), None)


_PLACE_PATTERNS = tuple((state, re.compile(rf"(?:the\s+)?(?:{'|'.join(places)})", re.IGNORECASE))
                        for state, places in TARGET_PLACES_BY_STATE.items() if state)
