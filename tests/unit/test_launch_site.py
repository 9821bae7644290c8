"""Where a launch was made from (`launch_site`): read from the text, kept by the event,
told in alerts; each reading beside a near miss."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from schemas import LaunchFields, LaunchReport
from services.classify.classifier import classify
from services.events.clusterer import Clusterer
from services.notify import wording
from services.notify.settings import SubscriptionSettings
from services.notify.subscriptions import Memory, decide, snapshot

T0 = datetime(2026, 3, 9, 22, 0, tzinfo=timezone.utc)


def _site(title: str, summary: str, lang: str) -> str | None:
    """The launch site read from an item that must be read as a launch."""
    result = classify(title, summary, lang=lang)
    assert result.is_launch
    return result.fields.launch_site


@pytest.mark.parametrize(("title", "summary", "lang", "site"), [
    ("North Korea fires ballistic missile from Sunan area, JCS says",
     "The missile flew about 600 km before falling into the East Sea.", "en", "Sunan area"),
    ("North Korea fires two missiles toward the East Sea",
     "The missiles were launched at about 7:10 a.m. from the Jangyon area in South Hwanghae Province.", "en",
     "the Jangyon area in South Hwanghae Province"),
    ("N. Korea launches cruise missiles", "They were fired from the eastern city of Hamhung.", "en",
     "the eastern city of Hamhung"),
    ("Rockets fired out of southern Lebanon at northern Israel", "", "en", "southern Lebanon"),
    # A capital that names its state in headlines is a place still.
    ("North Korea fires missile from near Pyongyang", "", "en", "Pyongyang"),
    ("Russia fires Kalibr missiles from ships in the Black Sea", "", "en", "ships in the Black Sea"),
    ("Pjongjang wystrzelił pocisk balistyczny z rejonu Hamhung", "", "pl", "rejonu Hamhung"),
    ("Korea Północna wystrzeliła rakiety ze wschodniego wybrzeża", "", "pl", "wschodniego wybrzeża"),
    ("북한, 동해상으로 탄도미사일 발사", "합참은 북한이 오전 7시께 평안북도 동창리 일대에서 탄도미사일 1발을 발사했다고 밝혔다.", "ko",
     "평안북도 동창리 일대"),
    ("北朝鮮が弾道ミサイル発射", "防衛省によると、北朝鮮は東部の元山付近から日本海に向けて弾道ミサイルを発射した。", "ja", "東部の元山付近"),
])
def test_the_place_a_launch_was_made_from_is_read_as_written(title, summary, lang, site):
    assert _site(title, summary, lang) == site


@pytest.mark.parametrize(("title", "summary", "lang", "site"), [
    # A launch facility needs no "from": launches are made there, and little else happens there.
    ("North Korea fires two MRBMs toward the East Sea",
     "The missiles were detected between 11:13 a.m. and 12:05 p.m. at Tongchang-ri, North Phyongan Province.", "en",
     "Tongchang-ri, North Phyongan Province"),
    ("N. Korea fires SRBMs", "The missiles were fired toward the East Sea off the coast of the eastern city of Wonsan.",
     "en", "the coast of the eastern city of Wonsan"),
    ("North Korea fires ballistic missile", "The launch took place near Hamhung, the JCS said.", "en", "Hamhung"),
    ("North Korea launches rocket", "It lifted off at the Sohae Satellite Launching Station at 10:42 p.m.", "en",
     "the Sohae Satellite Launching Station"),
    # "From" an area "in or around" a town, or "south of" a place.
    ("N. Korea fires missile", "The missile was launched from an area in or around Sukchon, South Pyongan Province.",
     "en", "an area in or around Sukchon, South Pyongan Province"),
    ("North Korea fires missiles", "They were launched at around 1:50 p.m. from south of the capital in Hwangju County.",
     "en", "south of the capital in Hwangju County"),
    ("Korea Północna wystrzeliła pocisk", "Pocisk balistyczny wystrzelono w rejonie Sunan, podała agencja Yonhap.", "pl",
     "w rejonie Sunan"),
    ("북한, 탄도미사일 발사", "합참은 북한이 오늘 오전 평안북도 동창리에서 탄도미사일 1발을 발사했다고 밝혔다.", "ko", "평안북도 동창리"),
    ("北朝鮮が弾道ミサイル発射", "防衛省によると、北朝鮮は東倉里付近で弾道ミサイル1発を発射した。", "ja", "東倉里付近"),
])
def test_a_launch_facility_is_the_site_without_from(title, summary, lang, site):
    assert _site(title, summary, lang) == site


@pytest.mark.parametrize(("title", "summary", "lang", "site"), [
    # Where the launchers were when they fired.
    ("Russia fires cruise missiles at Ukraine", "Tu-95 bombers over the Caspian Sea launched about 20 missiles.", "en",
     "the Caspian Sea"),
    ("Hezbollah fires rockets", "Hezbollah fighters in southern Lebanon fired dozens of rockets at northern Israel.",
     "en", "southern Lebanon"),
    ("Rockets fired at Israel", "Rocket launches were detected in the northern Gaza Strip, the army said.", "en",
     "the northern Gaza Strip"),
    # A named area of the launcher's own state, or of none the gazetteer knows.
    ("North Korea fires ICBM", "North Korea launched the missile in the Pyongyang area early on Friday.", "en",
     "the Pyongyang area"),
    ("North Korea fires missile", "After being launched from an inland area near Kusong, it flew 600 km.", "en",
     "an inland area near Kusong"),
    ("Rebelianci zaatakowali statek", "Huti w Jemenie wystrzelili dwa pociski w kierunku statku.", "pl", "Jemenie"),
    ("Rosja ostrzelała Charków", "Rosjanie wystrzelili rakiety z obwodu briańskiego.", "pl", "obwodu briańskiego"),
    ("Iskandery uderzyły w Sumy", "Pociski odpalone w obwodzie kurskim trafiły w centrum miasta.", "pl",
     "obwodzie kurskim"),
    ("북한, 탄도미사일 발사", "합참은 북한의 발사 지점은 평안남도 숙천 인근으로 파악됐다며 미사일 1발을 쐈다고 밝혔다.", "ko",
     "평안남도 숙천 인근"),
    ("북한, 탄도미사일 발사", "합참은 평안북도 구성 일대 발사를 포착했다고 밝혔다.", "ko", "평안북도 구성 일대"),
    ("イスラエルがミサイル試験", "国防省は、中部の空軍基地で弾道ミサイルの発射試験を行ったと発表した。", "ja", "中部の空軍基地"),
    ("北朝鮮が弾道ミサイル発射", "韓国軍によると、北朝鮮は弾道ミサイルを発射した。発射地点は黄州付近とみられる。", "ja", "黄州付近"),
])
def test_a_site_told_by_where_the_launchers_were_or_as_the_launch_point(title, summary, lang, site):
    assert _site(title, summary, lang) == site


@pytest.mark.parametrize(("title", "summary", "lang", "site"), [
    ("North Korea tests solid-fuel ICBM", "The launch took place near Pyongyang's Sunan International Airport.", "en",
     "Pyongyang's Sunan International Airport"),
    ("Pakistan test-fires ballistic missile", "The launch took place at the Sonmiani test range in Balochistan province.",
     "en", "the Sonmiani test range in Balochistan province"),
    ("Rockets fired at southern Israel", "Terrorists in the Gaza Strip fired a barrage of rockets, the army said.", "en",
     "the Gaza Strip"),
    ("Russia strikes Odesa", "Russian troops in occupied Crimea fired two ballistic missiles at the city.", "en",
     "occupied Crimea"),
    ("Iran fires missiles at targets in Syria", "The missiles were launched in Khuzestan province, state media said.",
     "en", "Khuzestan province"),
    ("북한, 방사포 발사", "합참은 발사 원점은 황해남도 강령군 일대로 파악된다고 밝혔다. 방사포 10여 발을 발사했다.", "ko",
     "황해남도 강령군 일대"),
    ("우크라, 미사일 발사", "러시아 국방부는 우크라이나군이 북동부 하르키우주에서 미사일 6발을 발사했다고 밝혔다.", "ko",
     "북동부 하르키우주"),
    ("中国がICBM試射", "中国国防省は、ロケット軍が南部・海南島付近でICBM1発を太平洋に向けて試射したと発表した。", "ja",
     "南部・海南島付近"),
    ("Rosyjskie bombowce odpaliły pociski", "Bombowce odpaliły pociski manewrujące z rejonu obwodu murmańskiego.", "pl",
     "rejonu obwodu murmańskiego"),
    ("Chiny wystrzeliły pociski", "Chińska armia wystrzeliła z prowincji Fujian kilka pocisków balistycznych.", "pl",
     "prowincji Fujian"),
    ("Indie przetestowały pocisk", "Test przeprowadzono na poligonie w Chandipur; pocisk przeleciał 850 km.", "pl",
     "na poligonie w Chandipur"),
])
def test_a_site_told_where_the_launch_took_place_or_where_its_troops_were(title, summary, lang, site):
    assert _site(title, summary, lang) == site


@pytest.mark.parametrize(("title", "summary", "lang", "site"), [
    ("러시아, ICBM 시험발사", "러시아 국방부는 ICBM을 시험 발사했다. 발사 장소는 북부 플레세츠크 우주기지였으며, 탄두는 목표에 떨어졌다.",
     "ko", "북부 플레세츠크 우주기지"),
    ("이란, 위성 발사", "이란이 위성을 쏘아 올렸다. 로켓이 발사된 곳은 셈난주의 우주기지다.", "ko", "셈난주의 우주기지"),
    ("무장세력, 로켓 발사", "가자지구 내 무장세력이 오늘 이스라엘을 향해 로켓 2발을 쐈다고 이스라엘군이 밝혔다.", "ko", "가자지구"),
    ("北, SLBM 발사", "합참은 북한이 함경남도 신포 앞바다에서 SLBM 1발을 발사했다고 밝혔다.", "ko", "함경남도 신포 앞바다"),
    ("러시아, 미사일 발사", "러시아군이 벨라루스에서 우크라이나를 향해 미사일을 발사했다.", "ko", "벨라루스"),
    # Platforms and ranges: "destroyers in the Red Sea fired", "전략폭격기에서", "시험장에서"; a
    # desert and an occupied land in Polish.
    ("US warships fire Tomahawks at Houthi targets", "U.S. Navy destroyers in the Red Sea fired more than a dozen "
     "Tomahawk cruise missiles at Houthi radar sites.", "en", "the Red Sea"),
    ("러시아, 키이우에 순항미사일", "우크라이나 공군은 러시아가 전략폭격기에서 Kh-101 순항미사일 30여 발을 발사했다고 밝혔다.", "ko",
     "전략폭격기"),
    ("인도, 아그니-프라임 시험발사", "인도 국방연구개발기구는 동부 오디샤주 압둘 칼람 섬 시험장에서 아그니-프라임 1발을 시험발사했다.", "ko",
     "압둘 칼람 섬 시험장"),
    ("Iran wyniósł satelitę", "Korpus Strażników Rewolucji wystrzelił w środę z pustyni Szahrud rakietę nośną.", "pl",
     "pustyni Szahrud"),
    ("Rakiety spadły na port w Odessie", "Rosyjskie wojska wystrzeliły z okupowanego Krymu dwa pociski balistyczne.", "pl",
     "okupowanego Krymu"),
    # ... and a land armed groups fire from, no state that launches.
    ("후티 반군, 탄도미사일 발사", "예멘의 후티 반군이 예멘에서 이스라엘을 향해 탄도미사일 1발을 발사했다.", "ko", "예멘"),
    ("ハマスがロケット弾発射", "イスラエル軍によると、ロケット弾はガザ南部ラファで発射された。", "ja", "ガザ南部ラファ"),
    ("北朝鮮がSLBM発射", "北朝鮮は東部の新浦沖の海中で潜水艦発射弾道ミサイル1発を発射した。", "ja", "東部の新浦沖の海中"),
    ("Rosja odpaliła rakietę Jars", "Wojska przeprowadziły w piątek na kosmodromie Plesieck próbne odpalenie rakiety.", "pl",
     "na kosmodromie Plesieck"),
    ("Iran wystrzelił satelitę", "Rakieta nośna wystartowała z bazy w Szahrudzie w prowincji Semnan.", "pl",
     "bazy w Szahrudzie"),
    ("Korea Północna wystrzeliła pociski", "Korea Północna wystrzeliła dwa pociski z miejscowości Sunczon.", "pl",
     "miejscowości Sunczon"),
])
def test_a_site_told_as_the_place_of_the_launch_in_korean_japanese_and_polish(title, summary, lang, site):
    assert _site(title, summary, lang) == site


@pytest.mark.parametrize(("title", "summary", "lang", "site"), [
    ("North Korea fires suspected ICBM", "It fired the missile from near its capital Pyongyang on Monday.", "en",
     "its capital Pyongyang"),
    ("India test-fires Agni-5", "India test-fired the missile at Dr APJ Abdul Kalam Island off the coast of Odisha.",
     "en", "Dr APJ Abdul Kalam Island"),
    ("Pakistan test-fires Ghauri", "Pakistan test-fired the missile from a test range in Balochistan province.", "en",
     "a test range in Balochistan province"),
    ("北, 순항미사일 발사", "합참은 북한이 순항미사일을 쐈다고 밝혔다. 군 당국은 발사 지점을 평안남도 남포 일대로 보고 있다.", "ko",
     "평안남도 남포 일대"),
    ("러시아, ICBM 시험발사", "러시아 국방부는 ICBM 시험발사를 진행했다. 발사는 북부 플레세츠크 우주기지에서 이뤄졌다.", "ko",
     "북부 플레세츠크 우주기지"),
    ("北, SLBM 발사", "북한이 신포 앞바다의 잠수함에서 동해상으로 SLBM 1발을 쐈다.", "ko", "신포 앞바다의 잠수함"),
    ("Korea Płn. wystrzeliła rakietę", "Korea Północna wystrzeliła rakietę z satelitą z rejonu Tongczang-ri.", "pl",
     "rejonu Tongczang-ri"),
    ("Korea Północna wystrzeliła ICBM", "Pocisk wystrzelono o godz. 7.11 czasu lokalnego z okolic Phenianu.", "pl",
     "okolic Phenianu"),
    ("Korea Płn. wystrzeliła pocisk", "Korea Północna wystrzeliła pocisk z okrętu podwodnego u wybrzeży Sinpo.", "pl",
     "okrętu podwodnego u wybrzeży Sinpo"),
    ("Rakieta z satelitą spadła do morza", "Rakieta wystartowała w ośrodku kosmicznym Sohae, ale eksplodowała.", "pl",
     "w ośrodku kosmicznym Sohae"),
    ("Korea Północna wystrzeliła rakiety", "Do wystrzelenia doszło w okolicach Sariwon, podała armia.", "pl",
     "w okolicach Sariwon"),
    ("Korea Płn. wystrzeliła pocisk", "Pocisk przeleciał 1000 km. Miejscem startu był rejon Sunan w Phenianie.", "pl",
     "rejon Sunan w Phenianie"),
    ("Rosyjskie bombowce odpaliły pociski", "Bombowce Tu-95MS, operujące nad Morzem Kaspijskim, odpaliły pociski.", "pl",
     "nad Morzem Kaspijskim"),
])
def test_a_site_in_the_fifth_rounds_shapes(title, summary, lang, site):
    assert _site(title, summary, lang) == site


@pytest.mark.parametrize(("title", "summary", "lang"), [
    # Another launch's site; another state's area, a target; the North that stands for its state.
    ("North Korea fires ballistic missile", "It came two days after it launched an ICBM from the Sunan area.", "en"),
    ("Russia fires missiles at Ukraine", "Russia launched missiles in the Kharkiv region overnight.", "en"),
    ("北, 순항미사일 발사", "북한은 지난달에도 평양 인근 지역에서 전략순항미사일을 발사한 바 있다.", "ko"),
    ("北朝鮮が弾道ミサイル発射", "北海道では住民に避難を呼びかけた。北朝鮮は弾道ミサイルを発射した。", "ja"),
    ("Pjongjang wystrzelił pocisk", "Po raz pierwszy rakieta z Północy spadła tak blisko wybrzeża.", "pl"),
    # "z" far from the weapon word is "of" or "among", not "from".
    ("HIMARS uderzył w Rosjan", "Pociskami trafieni zostali niedawno zmobilizowani żołnierze z Czuwaskiego Batalionu.",
     "pl"),
    ("Rosja wystrzeliła pociski", "Rosja przeprowadziła rozmowy z Chinami, a potem wystrzeliła rakiety.", "pl"),
    # Not a trajectory, nor the launch itself ("shortly after launch").
    ("北朝鮮が弾道ミサイル発射", "防衛省は、通常より高い角度で打ち上げるロフテッド軌道で発射した可能性があるとみている。", "ja"),
    ("北朝鮮が衛星打ち上げ", "ロケットは発射から間もなく爆発し、打ち上げは失敗したとみられる。", "ja"),
    ("北, 탄도미사일 발사", "북한은 지난달에도 평안남도 숙천 일대에서 단거리탄도미사일을 쏜 바 있다.", "ko"),
    ("北, 탄도미사일 발사", "지난달 평안북도 동창리에서 위성을 쏘아 올린 지 한 달 만이다.", "ko"),
    ("北, 탄도미사일 발사", "북한이 탄도미사일 2발을 쐈다. 이번 미사일의 발사 지점은 아직 공개되지 않았습니다.", "ko"),
    ("US test-launches Minuteman III", "Its reentry vehicle travelled 6,750 km to a test range at Kwajalein Atoll.", "en"),
    ("Korea Północna wystrzeliła satelitę", "Reżim w Pjongjangu wystrzelił rakietę nośną z satelitą.", "pl"),
    ("Ukraina ostrzelała Biełgorod", "Ukraina ostrzelała Biełgorod rakietami z wyrzutni Vampire.", "pl"),
])
def test_no_site_from_another_launch_a_target_area_or_a_state_named_as_a_region(title, summary, lang):
    assert _site(title, summary, lang) is None


@pytest.mark.parametrize(("title", "summary", "lang"), [
    # A capital, a land at war or a sea "in" or "at" a launch's sentence is a target or a sayer.
    ("North Korea fires ballistic missile", "Officials in Pyongyang said the launch was a routine test.", "en"),
    ("Israel fires missiles at targets in Gaza", "", "en"),
    ("Russia fires missiles at ships in the Black Sea", "", "en"),
    ("Rosja wystrzeliła rakiety", "Eksplozje słychać było w rejonie Kijowa.", "pl"),
    ("북한, 탄도미사일 발사", "합참은 평양에서 열린 회의 뒤 북한이 탄도미사일 1발을 발사했다고 밝혔다.", "ko"),
])
def test_a_place_that_is_no_facility_needs_from(title, summary, lang):
    assert _site(title, summary, lang) is None


@pytest.mark.parametrize(("title", "summary", "lang"), [
    # "From" of another sense: who said it, a time, where weapons came from, a distance.
    ("North Korea fires ballistic missile", "A statement from the Joint Chiefs of Staff said it flew 600 km.", "en"),
    ("North Korea fires ballistic missiles", "The launches went on from Monday into Tuesday.", "en"),
    ("Russia fires Iranian-made missiles at Kyiv", "The missiles, supplied from Iran, hit power plants.", "en"),
    ("Houthis fire missile at ship", "The vessel was 50 miles from Aden when it was hit.", "en"),
    # Only where it went, or the launcher's own state.
    ("North Korea fires missile into waters off its east coast", "", "en"),
    ("北朝鮮から弾道ミサイル発射", "日本のEEZ外に落下したとみられる。", "ja"),
    ("Rosja wystrzeliła rakiety na Kijów", "Mieszkańcy z okolic schronili się w metrze.", "pl"),
])
def test_no_launch_site_where_the_text_says_none(title, summary, lang):
    # (see also test_no_site_from_a_time_or_a_message below)
    assert _site(title, summary, lang) is None


def _report(item_id: str, feed: str, source_kind: str, site: str | None, minutes: float) -> LaunchReport:
    published = T0 + timedelta(minutes=minutes)
    return LaunchReport(
        item_id=item_id, feed=feed, url=f"https://example.org/{item_id}", title="North Korea fires ballistic missile",
        lang="en", published_at=published, first_seen_at=published, source_kind=source_kind, is_launch=True,
        confidence=0.95, classified_at=published,
        fields=LaunchFields(actor="PRK", kind="srbm", count=1, direction="East Sea", launch_site=site,
                            launched_at=T0, source_agency="JCS" if source_kind == "agency" else None))


def test_the_event_keeps_the_top_authoritys_site_and_a_site_alone_sends_no_update():
    clock = {"now": T0}
    clusterer = Clusterer(sqlite3.connect(":memory:", isolation_level=None), lambda: clock["now"])
    first = clusterer.add(_report("news-1", "Daily", "news", None, 5))[-1]
    later = clusterer.add(_report("agency-1", "JCS", "agency", "the Sunan area in Pyongyang", 9))[-1]
    last = clusterer.add(_report("news-2", "Other Daily", "news", "Pyongyang", 12))[-1]
    assert first.launch_site is None
    assert later.event_id == first.event_id and "launch_site" in later.changes
    assert last.launch_site == "the Sunan area in Pyongyang"

    # A subscriber alerted before the site was known hears of it with the next real news.
    sub = SubscriptionSettings(name="duty", channel="console")
    sent = Memory(alerted=True, sent_facts=snapshot(first), max_revision=first.revision)
    site_only = later.model_copy(update={"status": first.status})
    assert decide(sub, site_only, sent, T0).action == "skip"
    assert wording.summary_line(last) == (
        "North Korea: a short-range ballistic missile from the Sunan area in Pyongyang toward East Sea (confirmed)")
    assert ("Launched from", "the Sunan area in Pyongyang") in [(f.label, f.value) for f in wording.facts(last)]


@pytest.mark.parametrize(("title", "summary", "lang", "direction"), [
    # The launch site is where it came from, not where it went.
    ("Rockets fired from Gaza into southern Israel", "", "en", "Southern Israel"),
    # A heading where no sea or place is named; a named sea still wins over it.
    ("North Korea fires missiles", "The missiles flew in a north-eastern direction for about 400 km.", "en",
     "northeast"),
    ("North Korea fires missiles", "They flew northeast into the East Sea.", "en", "East Sea"),
    ("북한, 탄도미사일 발사", "합참은 북한이 북동쪽 방향으로 탄도미사일을 발사했다고 밝혔다.", "ko", "northeast"),
    ("北朝鮮が弾道ミサイル発射", "防衛省によると、北朝鮮は北東方向に向けて発射した。", "ja", "northeast"),
    ("北朝鮮が弾道ミサイル発射", "防衛省は、日本の排他的経済水域(EEZ)外に落下したと推定している。", "ja", "outside Japan's EEZ"),
    # Headings told as "-ward", "toward the east", or after a distance.
    ("North Korea launches rocket", "It launched a space rocket carrying a satellite southward late on Tuesday.", "en",
     "south"),
    ("North Korea fires missile", "It was launched from the west coast toward the east, Japan said.", "en", "east"),
    ("North Korea fires missile", "The missile flew about 250 km northeast, the military said.", "en", "northeast"),
    ("北, 탄도미사일 발사", "합참은 미사일이 동북쪽으로 약 250㎞를 비행했다고 밝혔다.", "ko", "northeast"),
    ("北朝鮮が弾道ミサイル発射", "ミサイルは東北東の方向へ約550キロ飛行したという。", "ja", "northeast"),
    # Where a test's warhead came down; a strait and a gulf.
    ("Russia test-launches Yars ICBM", "The dummy warhead hit a target at the Kura range, the ministry said.", "en",
     "the Kura range"),
    ("US test-launches Minuteman III", "Its re-entry vehicle travelled about 6,700 km to the Kwajalein Atoll.", "en",
     "the Kwajalein Atoll"),
    ("Pakistan fires missiles", "Pakistan said it had launched Fatah missiles at several Indian military installations.",
     "en", "Indian military installations"),
    ("China fires long-range rockets into the Taiwan Strait", "", "en", "Taiwan Strait"),
    ("Houthis launch two missiles into the Gulf of Aden", "", "en", "Gulf of Aden"),
    ("후티 반군, 탄도미사일 발사", "후티 반군이 예멘에서 이스라엘을 겨냥해 탄도미사일 1발을 발사했다.", "ko", "이스라엘"),
    ("北, 탄도미사일 발사", "북한이 오늘 오전 탄도미사일 1발을 동북 방향으로 발사했다.", "ko", "northeast"),
    ("파키스탄, 미사일 발사", "파키스탄군은 미사일이 아라비아해에 떨어졌다고 발표했다.", "ko", "Arabian Sea"),
    # Polish headings and places a launch went toward.
    ("Korea Północna wystrzeliła pociski", "Pociski przeleciały ok. 300 km na północny wschód.", "pl", "northeast"),
    ("Korea Północna wystrzeliła pocisk", "Pocisk przeleciał ok. 1000 km w kierunku północno-wschodnim.", "pl",
     "northeast"),
    ("Hamas wystrzelił rakiety", "Hamas wystrzelił ze Strefy Gazy salwę rakiet M90 w kierunku Tel Awiwu.", "pl",
     "Tel Awiwu"),
    ("Rosja wystrzeliła rakiety", "W nocy Rosja wystrzeliła w kierunku zachodniej Ukrainy ponad 40 pocisków.", "pl",
     "zachodniej Ukrainy"),
    ("Bojownicy ostrzelali Izrael", "Bojownicy w Strefie Gazy wystrzelili kilkadziesiąt rakiet na południe Izraela.", "pl",
     "południe Izraela"),
    ("Chiny wystrzeliły pociski", "Pociski spadły do morza na wschód od wyspy.", "pl", "sea"),
    ("Rosja odpaliła rakietę Jars", "Głowica ćwiczebna trafiła w cel na poligonie Kura na Kamczatce.", "pl",
     "poligonie Kura na Kamczatce"),
    ("Rosja ostrzelała Ukrainę", "Wojsko wystrzeliło nad ranem pociski manewrujące na obwód lwowski.", "pl",
     "obwód lwowski"),
    ("Rosja odpaliła Kalibry", "Okręty wystrzeliły sześć pocisków w kierunku obwodu odeskiego.", "pl", "obwodu odeskiego"),
    # Not the reporters a statement was made to.
    ("北 탄도미사일 발사", "합참은 미사일이 북동쪽 방향으로 약 600㎞를 날아갔다고 기자들에게 밝혔다.", "ko", "northeast"),
])
def test_the_direction_is_where_it_went(title, summary, lang, direction):
    result = classify(title, summary, lang=lang)
    assert result.is_launch
    assert result.fields.direction == direction
    if direction == "northeast":
        assert wording.headed(direction) == "heading northeast"


def test_what_a_missile_could_reach_is_no_direction():
    result = classify("Pakistan tests Shaheen missile", "The nuclear-capable missile is able to reach targets in India.",
                      lang="en")
    assert result.is_launch
    assert result.fields.direction is None


def test_two_wordings_of_one_site_are_one_fact_on_the_page_and_two_sites_are_two():
    from schemas.agreement import same_fact

    assert same_fact("launch_site", "the Sunan area in Pyongyang", "Pyongyang")
    assert same_fact("launch_site", "the Sunan area", "Sunan area")
    assert not same_fact("launch_site", "the Sunan area", "the Wonsan area")


@pytest.mark.parametrize(("site", "said"), [
    ("the Sunan area in Pyongyang", "from the Sunan area in Pyongyang"),
    ("평양 순안 일대", "from Sunan, Pyongyang (평양 순안 일대)"),
    ("ze wschodniego wybrzeża", "from the east coast (ze wschodniego wybrzeża)"),
    ("rejonu Hamhung", "from Hamhung (rejonu Hamhung)"),
    ("内陸部", "from inland (内陸部)"),
    ("某地点", "from 某地点"),  # neither known nor a coast: as written
])
def test_an_alert_names_a_site_written_in_another_language_in_english_first(site, said):
    assert wording.launched_from(site) == said


@pytest.mark.parametrize(("title", "summary", "lang"), [
    # A time is no place a launch came from, nor is a message it was announced in.
    ("ロシア軍、キーウに極超音速ミサイル", "ウクライナ空軍は、ロシア軍が前日夜から同日未明にかけて、極超音速ミサイル6発をキーウに向けて発射したと発表した。",
     "ja"),
    ("北朝鮮が黄海に巡航ミサイル", "北朝鮮が午前7時ごろ、黄海に向けて巡航ミサイル数発を発射した。合同参謀本部は報道陣へのメッセージで発射を明らかにした。",
     "ja"),
    ("북한, 순항미사일 발사", "조선중앙통신은 북한이 전날 순항미사일 2기를 발사했다고 보도했다.", "ko"),
])
def test_no_site_from_a_time_or_a_message(title, summary, lang):
    assert _site(title, summary, lang) is None
