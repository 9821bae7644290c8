"""A recorded launch morning, written for the demo: one North Korean launch as the world's
feeds tell it, hour by hour, in English, Korean and Japanese, among ordinary news.

Times are offsets from the launch in seconds. Texts are templates: `{time_en}` ("7:12
a.m."), `{time2_en}`, `{time_ko}` ("오전 7시 12분께"), `{time_ja}` ("午前7時12分ごろ"),
`{time2_ja}`, `{day_en}` ("Thursday"), `{day_ko}` ("5일"), `{day_ja}` ("5日") are filled from
the moment the demo puts the launch at, in Seoul time, so the words agree with the feeds'
publication dates.

The story: an unidentified ballistic missile (JCS, minutes after); two missiles (JCS, a
quarter of an hour on); Japan's ministry gives distance and apogee; JCS calls them
short-range; allies comment (a statement, protests, a call: reactions, not reports); the
next morning KCNA claims a new-type tactical missile. `launch` marks the 23 items that
report the launch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class DemoFeed:
    """One source of the demo, as a `[[feeds]]` entry would describe it."""

    slug: str
    name: str
    kind: str  # agency | wire | news | aggregator
    lang: str
    country: str
    timezone: str


@dataclass(frozen=True)
class DemoItem:
    """One entry of a demo feed; `launch` says whether it reports the launch."""

    offset_s: float
    feed: str  # DemoFeed.slug
    title: str
    summary: str
    launch: bool


FEEDS = (
    DemoFeed("yonhap-en", "Yonhap (EN)", "wire", "en", "KR", "Asia/Seoul"),
    DemoFeed("yonhap-ko", "Yonhap (KO)", "wire", "ko", "KR", "Asia/Seoul"),
    DemoFeed("joongang-ko", "JoongAng Ilbo", "news", "ko", "KR", "Asia/Seoul"),
    DemoFeed("korea-herald", "Korea Herald", "news", "en", "KR", "Asia/Seoul"),
    DemoFeed("japan-mod", "Japan MoD", "agency", "ja", "JP", "Asia/Tokyo"),
    DemoFeed("nhk-ja", "NHK", "news", "ja", "JP", "Asia/Tokyo"),
    DemoFeed("nhk-world", "NHK World", "news", "en", "JP", "Asia/Tokyo"),
    DemoFeed("kyodo", "Kyodo News", "wire", "en", "JP", "Asia/Tokyo"),
    DemoFeed("japan-times", "Japan Times", "news", "en", "JP", "Asia/Tokyo"),
    DemoFeed("reuters", "Reuters World", "wire", "en", "GB", "Europe/London"),
    DemoFeed("ap", "AP Asia-Pacific", "wire", "en", "US", "America/New_York"),
    DemoFeed("indopacom", "US INDOPACOM", "agency", "en", "US", "Pacific/Honolulu"),
    DemoFeed("kcna", "KCNA Watch", "agency", "en", "KP", "Asia/Pyongyang"),
)

M = 60.0
H = 3600.0

ITEMS = (
    # --- before the launch: an ordinary morning -----------------------------------------
    DemoItem(-50 * M, "reuters", "Oil steadies as traders weigh OPEC+ output plans",
             "Oil prices were little changed in Asian trade as investors looked to a meeting of "
             "OPEC+ producers later in the week.", False),
    DemoItem(-42 * M, "korea-herald", "Seoul subway fares to rise by 150 won next month",
             "The city government said the increase was needed to cover rising operating costs.", False),
    DemoItem(-35 * M, "nhk-ja", "東京都心で今季初の真冬日か 気象庁",
             "気象庁によりますと、強い寒気の影響で関東地方は厳しい冷え込みとなる見込みです。", False),
    DemoItem(-30 * M, "japan-times", "Toyota unveils hydrogen pickup prototype ahead of Tokyo show",
             "The carmaker said it would launch a test fleet next year.", False),
    DemoItem(-24 * M, "yonhap-ko", "코스피, 외국인 매수에 상승 출발",
             "코스피가 외국인 투자자들의 매수세에 힘입어 상승 출발했다.", False),
    DemoItem(-15 * M, "ap", "Australian Open: top seed advances after five-set thriller",
             "The world No. 1 needed more than four hours to get past the qualifier.", False),
    DemoItem(-8 * M, "kyodo", "Japan's H3 rocket launch postponed due to weather",
             "The Japan Aerospace Exploration Agency said the launch of the H3 rocket carrying a "
             "navigation satellite would be delayed by at least a day.", False),
    # --- the launch: first flashes ------------------------------------------------------
    DemoItem(3 * M, "yonhap-ko", '[속보] 합참 "북한, 동해상으로 미상 탄도미사일 발사"',
             "합동참모본부는 북한이 {day_ko} {time_ko} 동해상으로 미상의 탄도미사일을 발사했다고 밝혔다.", True),
    DemoItem(4 * M, "yonhap-en", "(URGENT) N. Korea fires unidentified ballistic missile toward East Sea: JCS",
             "North Korea fired an unidentified ballistic missile toward the East Sea on {day_en}, "
             "South Korea's Joint Chiefs of Staff (JCS) said.", True),
    DemoItem(6 * M, "nhk-ja", "北朝鮮 弾道ミサイルの可能性があるもの発射 防衛省",
             "防衛省によりますと、北朝鮮から弾道ミサイルの可能性があるものが発射されました。", True),
    DemoItem(7 * M, "japan-mod", "北朝鮮のミサイル発射について",
             "本日{time_ja}、北朝鮮から弾道ミサイルの可能性があるものが東方向に発射されました。"
             "詳細については現在分析中です。", True),
    DemoItem(8 * M, "nhk-world", "North Korea fires possible ballistic missile: Japan's Defense Ministry",
             "Japan's Defense Ministry says North Korea has launched what could be a ballistic missile. "
             "The ministry is urging ships to stay away from any falling objects.", True),
    DemoItem(9 * M, "kyodo", "N. Korea fires possible ballistic missile, Japan says",
             "North Korea fired what appeared to be a ballistic missile toward the Sea of Japan on "
             "{day_en}, the Japanese Defense Ministry said.", True),
    DemoItem(10 * M, "reuters", "North Korea fires ballistic missile, South Korea says",
             "North Korea fired a ballistic missile toward the sea off its east coast on {day_en}, "
             "South Korea's military said, without giving further details.", True),
    DemoItem(11 * M, "ap", "North Korea fires a ballistic missile into the sea, Seoul says",
             "North Korea launched a ballistic missile into the sea off its eastern coast, South "
             "Korea's military said, the latest in a series of weapons tests.", True),
    # --- details firm up: two missiles, short-range ---------------------------------------
    DemoItem(14 * M, "yonhap-en", "(2nd LD) N. Korea fires 2 short-range ballistic missiles into East Sea: JCS",
             "North Korea fired two short-range ballistic missiles from the Sunan area of Pyongyang "
             "at around {time_en} and {time2_en}, the JCS said, adding that South Korea and the "
             "United States are analysing the details.", True),
    DemoItem(15 * M, "yonhap-ko", "北, 동해상으로 단거리탄도미사일 2발 발사…합참 \"정밀 분석 중\"",
             "합동참모본부는 북한이 {time_ko} 평양 순안 일대에서 동해상으로 단거리탄도미사일 2발을 "
             "발사했다고 밝혔다.", True),
    DemoItem(18 * M, "nhk-ja", "北朝鮮 弾道ミサイル2発を発射 いずれもEEZ外に落下か",
             "防衛省によりますと、北朝鮮は{time_ja}と{time2_ja}、弾道ミサイル合わせて2発を発射しました。"
             "いずれも日本の排他的経済水域の外側に落下したとみられます。", True),
    DemoItem(20 * M, "japan-mod", "北朝鮮のミサイル発射について（第2報）",
             "本日{time_ja}及び{time2_ja}、北朝鮮西岸付近から弾道ミサイル計2発が東方向に発射されました。"
             "飛翔距離は約350km、最高高度は約50kmで、いずれも朝鮮半島東側の我が国の排他的経済水域"
             "（EEZ）外に落下したと推定されます。", True),
    DemoItem(22 * M, "korea-herald", "N. Korea fires two short-range ballistic missiles into East Sea",
             "North Korea fired two short-range ballistic missiles into the East Sea on {day_en}, "
             "the Joint Chiefs of Staff said.", True),
    DemoItem(24 * M, "japan-times", "North Korea fires two ballistic missiles; both fell outside Japan's EEZ",
             "Both missiles flew about 350 kilometers and reached an altitude of about 50 km before "
             "falling outside Japan's exclusive economic zone, the Defense Ministry said.", True),
    DemoItem(26 * M, "kyodo", "N. Korea missiles flew about 350 km, reached altitude of 50 km: Japan",
             "The two ballistic missiles North Korea fired on {day_en} flew about 350 kilometers at a "
             "maximum altitude of about 50 km, Japan's Defense Ministry said.", True),
    DemoItem(30 * M, "reuters", "North Korea fires two short-range ballistic missiles, Seoul and Tokyo say",
             "North Korea fired two short-range ballistic missiles that flew about 350 km before "
             "landing in the sea, South Korean and Japanese officials said.", True),
    DemoItem(35 * M, "yonhap-en", "(3rd LD) N. Korean missiles flew about 350 km: JCS",
             "The two short-range ballistic missiles North Korea fired on {day_en} flew about 350 "
             "kilometers at an apogee of about 50 km, the JCS said.", True),
    DemoItem(38 * M, "joongang-ko", "북한, 단거리탄도미사일 2발 발사…약 350㎞ 비행",
             "합참에 따르면 북한이 이날 발사한 단거리탄도미사일 2발은 약 350㎞를 비행했다.", True),
    DemoItem(55 * M, "ap", "North Korea fires 2 short-range ballistic missiles in latest test",
             "North Korea fired two short-range ballistic missiles into the sea, South Korea and Japan "
             "said, extending a run of weapons tests this year.", True),
    # --- reactions and the rest of the day ------------------------------------------------
    # The command's statement reacts to the launches: it names no missile, count or time of its own.
    DemoItem(45 * M, "indopacom", "U.S. INDOPACOM statement on DPRK ballistic missile launches",
             "We are aware of the DPRK's ballistic missile launches and are consulting closely with our "
             "Republic of Korea and Japanese allies and partners. The launches highlight the "
             "destabilizing impact of the DPRK's illicit weapons programs.", False),
    DemoItem(62 * M, "nhk-world", "Japan lodges protest with North Korea through diplomatic channels",
             "The Japanese government says it has lodged a strong protest over the launches through its "
             "embassy in Beijing.", False),
    DemoItem(70 * M, "korea-herald", "Samsung to launch foldable phone lineup in July",
             "Samsung Electronics will launch its new foldable smartphones at an event in New York.", False),
    DemoItem(80 * M, "reuters", "South Korea, US, Japan security advisers hold call on North Korea",
             "The three countries' national security advisers condemned the launches and agreed to "
             "strengthen cooperation.", False),
    DemoItem(95 * M, "japan-times", "Yen slips past 150 per dollar as rate gap persists",
             "The yen weakened against the dollar in Tokyo trading.", False),
    DemoItem(110 * M, "yonhap-ko", "정부, 북한 탄도미사일 발사 규탄…\"유엔 결의 위반\"",
             "정부는 국가안보실 주재 긴급회의를 열고 북한의 탄도미사일 발사를 강력히 규탄했다.", False),
    DemoItem(2 * H, "ap", "Storm brings heavy snow to northern Japan, disrupting flights",
             "Dozens of flights were canceled at New Chitose Airport.", False),
    DemoItem(3 * H, "kyodo", "Nikkei ends higher on exporter gains",
             "Tokyo stocks closed higher as a weaker yen lifted exporters.", False),
    DemoItem(5 * H, "korea-herald", "K-pop group announces world tour dates",
             "The tour will start in Seoul in April and visit 20 cities.", False),
    # --- the next morning: the launching state's claim ------------------------------------
    DemoItem(22 * H, "kcna", "DPRK Missile Administration conducts test-fire of new-type tactical ballistic missiles",
             "The Missile Administration of the DPRK conducted a test-fire of new-type tactical ballistic "
             "missiles on {day_en}, KCNA said. The missiles flew 350 km and hit the target island, "
             "it said.", True),
    DemoItem(22 * H + 20 * M, "yonhap-en", "N. Korea says it tested new-type tactical ballistic missiles",
             "North Korea said it test-fired new-type tactical ballistic missiles on {day_en}, the "
             "Korean Central News Agency (KCNA) reported.", True),
    DemoItem(22 * H + 30 * M, "nhk-ja", "北朝鮮 新型戦術弾道ミサイルの試射と発表",
             "北朝鮮の朝鮮中央通信は、新型の戦術弾道ミサイルの試験発射を行ったと伝えました。", True),
    DemoItem(22 * H + 40 * M, "kyodo", "N. Korea says it test-fired new tactical ballistic missiles",
             "North Korea's state media said the test was carried out under the Missile Administration.",
             True),
    DemoItem(23 * H, "reuters", "Asian shares mixed ahead of U.S. inflation data",
             "Stocks in Asia were mixed as investors awaited U.S. consumer price figures.", False),
)

SECOND_MISSILE_S = 19 * M
"""The second missile flew this long after the first."""


def words(launch_at: datetime) -> dict[str, str]:
    """The template values for a launch at `launch_at` (aware), in Seoul and Tokyo time."""
    seoul = launch_at.astimezone(ZoneInfo("Asia/Seoul"))
    second = seoul + timedelta(seconds=SECOND_MISSILE_S)

    def en(t: datetime) -> str:
        return f"{t.hour % 12 or 12}:{t.minute:02d} {'a.m.' if t.hour < 12 else 'p.m.'}"

    def ko(t: datetime) -> str:
        return f"{'오전' if t.hour < 12 else '오후'} {t.hour % 12 or 12}시 {t.minute}분께"

    def ja(t: datetime) -> str:
        return f"{'午前' if t.hour < 12 else '午後'}{t.hour % 12 or 12}時{t.minute}分ごろ"

    return {
        "time_en": en(seoul), "time2_en": en(second), "time_ko": ko(seoul), "time_ja": ja(seoul),
        "time2_ja": ja(second), "day_en": seoul.strftime("%A"), "day_ko": f"{seoul.day}일",
        "day_ja": f"{seoul.day}日",
    }
