"""Items as governments and armed forces publish them: plain titles ("Results of ...",
"Statement on ..."), official prose, their own spellings. Each launch case has a near
miss beside it."""

from __future__ import annotations

import pytest

from services.classify import classifier


@pytest.mark.parametrize("title, summary, lang, is_launch", [
    # An air force's morning tally: the attack's means listed after a colon.
    ("Results of repelling the night attack on 14 March",
     "Between 02:00 and 07:30 the enemy attacked Ukraine with 61 means of air attack: 25 missiles and 36 "
     "drones. Air defence destroyed 19 missiles.", "en", True),
    ("Results of the month: air defence statistics for February",
     "In February the enemy used drones on most nights; the full figures are in the attached table.", "en", False),
    # A general staff's strike told by its instrument, far from the verb.
    ("General Staff: Defence Forces struck a command post in Crimea",
     "On 5 May the Defence Forces carried out a successful strike on a command post of the occupiers near "
     "Dzhankoi in temporarily occupied Crimea using Neptune missiles, the General Staff reports.", "en", True),
    ("General Staff: Defence Forces struck a command post in Crimea",
     "On 5 May the Defence Forces carried out a successful strike on a command post near Dzhankoi using "
     "drones, the General Staff reports.", "en", False),
    # The IDF's wording of rocket fire: rockets "identified crossing" from a place.
    ("Sirens sounded in Kiryat Shmona",
     "Following the sirens at 14:05, three projectiles were identified crossing from Lebanon; two rockets "
     "were intercepted.", "en", True),
    ("Sirens sounded in Kiryat Shmona",
     "Following the sirens at 14:05, a suspicious aircraft was identified crossing from Lebanon.", "en", False),
    # A guard's statement: targets struck "tonight with" missiles, well after the verb.
    ("IRGC statement No. 2 on the operation against the aggressor",
     "The Aerospace Force targeted the bases of the aggressor in the occupied territories tonight with "
     "dozens of ballistic missiles.", "en", True),
    # A secretary's or minister's statement is a reaction, as "statement on" is.
    ("Statement by the Foreign Secretary on North Korea's ballistic missile launch",
     "The UK condemns the launch, which violates Security Council resolutions.", "en", False),
    # The North's own spelling of "missile".
    ("미싸일총국, 신형 전술탄도미싸일 시험사격 진행",
     "미싸일총국은 3일 신형 전술탄도미싸일 시험사격을 진행하였다고 조선중앙통신이 보도하였다.", "ko", True),
    ("미싸일총국, 신형 전술탄도미싸일 생산 확대",
     "미싸일총국은 올해 전술탄도미싸일 생산을 늘리기로 하였다고 조선중앙통신이 보도하였다.", "ko", False),
])
def test_what_official_sources_publish(title, summary, lang, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("title, summary, lang, field, value", [
    ("朝鮮中央通信、新型中長距離弾道ミサイルの試射を報道", "", "ja", "kind", "irbm"),
    ("북한, 신형 중장거리 탄도미사일 시험발사", "", "ko", "kind", "irbm"),
    # South Korea's defence research agency announces its own tests.
    ("국방과학연구소, 신형 지대지 탄도미사일 시험발사 성공", "", "ko", "actor", "KOR"),
    # A place fired from names its group, before the verb as after it.
    ("Izrael: z Iranu wystrzelono kilkadziesiąt rakiet balistycznych", "", "pl", "actor", "IRN"),
    # Agencies as Korean and Japanese outlets name them.
    ("北朝鮮、巡航ミサイル2発を黄海に向け発射　韓国軍合同参謀本部発表", "", "ja", "source_agency", "JCS"),
    ('러시아, 키이우에 극초음속 미사일 6발 발사…우크라 공군 "모두 격추"', "", "ko", "source_agency",
     "Ukraine Air Force"),
    ('우크라, 크림반도에 순항미사일…러 국방부 "2발 격추"', "", "ko", "source_agency", "Russia MoD"),
    ("米軍、シリアに巡航ミサイル59発　米国防総省", "", "ja", "source_agency", "Pentagon"),
    # US Central Command, in every language.
    ("フーシ派、紅海で商船に対艦ミサイル数発　米中央軍", "", "ja", "source_agency", "CENTCOM"),
    ("후티 반군, 아덴만서 상선에 대함탄도미사일 2발…미 중부사령부", "", "ko", "source_agency", "CENTCOM"),
    ("Houthis fire anti-ship missile at tanker, CENTCOM says", "", "en", "source_agency", "CENTCOM"),
    ("Huti wystrzelili pocisk w stronę tankowca, podało Dowództwo Centralne USA", "", "pl", "source_agency",
     "CENTCOM"),
    # A launch named after "on" is the name's ("Statement on DPRK ... Launch").
    ("Pacific Command Statement on DPRK Ballistic Missile Launch",
     "At 7:10 a.m. today the DPRK launched a ballistic missile into the Sea of Japan.", "en", "actor", "PRK"),
])
def test_facts_of_official_sources(title, summary, lang, field, value):
    result = classifier.classify(title, summary, lang=lang)
    assert result.is_launch
    assert getattr(result.fields, field) == value
