"""Totals, look-backs, denials and civil rockets in Korean, Japanese and Polish.

The same policy frames as in English (test_detector_framing.py), read by each language's
own words (`LanguageTable.total_count`, `looks_back_after`, `denied_after`, the civil-space
words). Each has its near miss beside it: a launch report of the same shape.
"""

from __future__ import annotations

import pytest

from services.classify import classifier, detector


def _cues(title: str, lang: str) -> set[str]:
    p = detector.prepare(title, "")
    return {name for name, _ in detector.detect(p, detector.detect_language(p.text, lang)).cue_values}


@pytest.mark.parametrize("lang, title, is_launch", [
    # A count of many missiles or launches over a period is a statistic ...
    ("ko", "북한, 올해 들어 탄도미사일 30여 발 발사…역대 최다", False),
    ("ko", "북한 올해 미사일 발사 20차례…작년 넘어서", False),
    ("ja", "北朝鮮、今年の弾道ミサイル発射は30発超　過去最多", False),
    ("ja", "北朝鮮、昨年は70発以上のミサイルを発射", False),
    ("pl", "Korea Północna wystrzeliła w tym roku ponad 30 pocisków balistycznych", False),
    ("pl", "Od początku wojny Rosja wystrzeliła na Ukrainę ponad 7 tys. rakiet", False),
    ("pl", "W 2022 roku Korea Północna wystrzeliła rekordową liczbę rakiet", False),
    ("ko", "북한, 지난 5년간 미사일 100여발 발사", False),
    ("ja", "北朝鮮、過去5年で弾道ミサイル100発超を発射", False),
    ("pl", "W ciągu ostatniego roku Rosja wystrzeliła na Ukrainę 4 tys. rakiet", False),
    ("pl", "Od stycznia Korea Północna wystrzeliła kilkadziesiąt rakiet", False),
    # ... not one launch of a series, nor one occasion of many missiles.
    ("ko", "북한, 올해 들어 12번째 탄도미사일 발사", True),
    ("ko", "북, 평양서 동해상으로 SRBM 발사…올해 들어 세 번째", True),
    ("ko", "북, 동해상으로 탄도미사일 2발 발사…올해 들어 처음", True),
    ("ja", "北朝鮮が弾道ミサイル2発を発射　今年に入り10回目", True),
    ("ja", "北朝鮮が弾道ミサイル発射、今年初めて", True),
    ("pl", "Korea Północna wystrzeliła kolejną rakietę. To już 10. test w tym roku", True),
    ("pl", "Rosja wystrzeliła w nocy ponad 100 rakiet na Ukrainę", True),
    ("pl", "Rok od inwazji, Rosja wystrzeliła na Ukrainę 60 rakiet", True),
    ("ko", "북한, 동해상으로 미사일 발사…지난해 이후 처음", True),
    ("ja", "北朝鮮がミサイル発射　過去5年で最多ペース", True),
])
def test_a_total_is_no_report_in_every_language(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


def test_a_memorial_after_the_event_looks_back_on_it():
    assert "retrospective" in _cues("Rok po ataku rakietowym na dworzec. Miasto oddaje hołd ofiarom", "pl")


def test_a_total_is_the_policy_frame_not_a_soft_cue():
    assert "aggregate_total" in _cues("北朝鮮、今年の弾道ミサイル発射は30発超", "ja")
    assert "aggregate" not in _cues("北朝鮮が弾道ミサイル発射　今年に入り10回目", "ja")


@pytest.mark.parametrize("lang, title, is_launch", [
    # A look-back on a launch: the years follow the launch verb, or open the headline.
    ("ko", "북한 화성-15형 발사 5주년…노동신문 \"위대한 승리\"", False),
    ("ja", "北朝鮮のICBM発射から1年", False),
    ("pl", "Rok temu rosyjska rakieta spadła w Przewodowie. Rocznica tragedii", False),
    ("pl", "Dziesięć lat od pierwszego udanego startu rakiety Korei Północnej", False),
    ("ko", "북 대포동 발사 25년…달라진 미사일 위협", False),
    ("ko", "다누리 발사 1주년…달 궤도 순항", False),
    # A launch after a pause is news.
    ("ko", "북한, 5년 만에 ICBM 발사", True),
    ("ja", "北朝鮮、5年ぶりにICBM発射", True),
    ("ja", "北朝鮮がミサイル発射　2023年以降で初", True),
    ("ko", "북한, 탄도미사일 발사 25분 만에 공개", True),
    ("pl", "Pięć lat po ostatnim teście Korea Północna znów wystrzeliła ICBM", True),
])
def test_a_look_back_on_a_launch_is_no_report(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    ("ko", "합참 \"북한 미사일 발사설 사실 아냐\"", False),
    ("ko", "軍 \"北 미사일 발사 보도는 오보\"", False),
    ("ko", "북한 미사일 발사 없었다…합참 \"특이 동향 없어\"", False),
    ("ja", "防衛省「北朝鮮がミサイルを発射したとの情報は誤り」", False),
    ("ja", "ミサイル発射の報道を政府が否定", False),
    ("ja", "北朝鮮、弾道ミサイル発射せず　軍事パレードのみ", False),
    ("pl", "Sztab Generalny: doniesienia o rakiecie nad Polską są nieprawdziwe", False),
    ("ko", "합참 \"北 탄도미사일 발사 아닌 것으로 판단\"", False),
    ("ko", "\"北 미사일 발사\" 가짜뉴스 확산…軍 \"사실무근\"", False),
    ("ko", "북한 미사일 발사 오인…새떼로 확인", False),
    ("ja", "「ミサイル発射」はデマ　SNSで拡散", False),
    ("ja", "防衛省、北朝鮮ミサイル発射情報を訂正", False),
    ("pl", "Rosja zaprzecza, że wystrzeliła rakietę na Odessę", False),
    ("ko", "북한, 탄도미사일 발사…합참 \"사실 확인 중\"", True),
    ("pl", "Rosja wystrzeliła rakiety na Kijów. Ukraina zaprzecza stratom", True),
    # What follows the launch is no denial of it: damage, a reaction, a report of it.
    ("ko", "북한 미사일 발사…\"피해 없어\"", True),
    ("ko", "합참 \"북한, 동해상으로 미사일 발사\"", True),
    ("ja", "北朝鮮がミサイルを発射したとの情報　防衛省", True),
    ("ja", "北朝鮮が弾道ミサイル発射、日本政府は「断じて容認できない」", True),
    ("pl", "Sztab Generalny: rosyjska rakieta wleciała nad Polskę", True),
])
def test_a_denied_launch_is_no_report(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    ("ko", "이노스페이스 시험발사체 '한빛-TLV' 발사", False),
    ("ja", "インターステラ、ロケット「MOMO」打ち上げ成功", False),
    ("ja", "スペースワン「カイロス」2号機打ち上げ", False),
    ("pl", "Polska rakieta suborbitalna ILR-33 Bursztyn poleciała na wysokość 100 km", False),
    ("ko", "아리랑 6호 위성 발사 성공", False),
    ("ja", "情報収集衛星を載せたH2Aロケット打ち上げ成功", False),
    ("ko", "북한, 군사정찰위성 발사…\"궤도 진입\" 주장", True),
    ("ko", "북한, 동해상으로 단거리 탄도미사일 2발 발사", True),
    ("ja", "北朝鮮、弾道ミサイル2発を発射　日本海に落下か", True),
    # South Korea's civil rocket as Japanese outlets name it.
    ("ja", "韓国の国産ロケット「ヌリ号」、2回目で打ち上げ成功", False),
    # A civil launch named beside a missile's, as another event, does not unmake it; a
    # missile-tracking satellite on a civil rocket is still civil space.
    ("en", "North Korea fires ballistic missile a day after SpaceX launch", True),
    ("ko", "北 탄도미사일 발사…누리호 발사 다음날", True),
    ("ja", "北朝鮮が弾道ミサイル発射　ヌリ号打ち上げの翌日", True),
    ("en", "NASA launches missile-tracking satellites on SpaceX rocket", False),
    ("en", "Space Force launches missile-warning satellite on SpaceX Falcon 9", False),
])
def test_a_civil_rocket_named_in_its_language_is_civil_space(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


def test_a_thousands_abbreviation_ends_no_sentence():
    p = detector.prepare("Rosja wystrzeliła ponad 7 tys. rakiet", "")
    assert p.sentence_of(0) == (0, len(p.text))


def test_short_polish_headline_without_a_hint_is_polish():
    assert detector.detect_language("Rosyjska rakieta nad Polską", None) == "pl"


@pytest.mark.parametrize("lang, title, is_launch", [
    # A reaction after the launch that answers something else tells the launch's motive.
    ("ko", "북한, 올해 들어 다섯 번째 탄도미사일 발사…한미연합훈련 반발", True),
    ("ja", "北朝鮮、今年3回目の弾道ミサイル発射　米韓演習に反発か", True),
    # A reaction to the launch is the headline's main event.
    ("ko", "中 외교부 \"관련국 자제해야\"…이란 미사일 공격에 신중 반응", False),
])
def test_a_reaction_that_answers_drills_is_the_launch_motive(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    # Periods and counts in each language's own forms.
    ("ko", "김정은 집권 13년간 미사일 발사 250여 발", False),
    ("ko", "가자전쟁 1년간 이스라엘로 날아든 로켓 누적 1만9천 발", False),
    ("ja", "金正恩体制下のミサイル発射、計250発超", False),
    ("ja", "ロシアが侵攻開始以降に発射したミサイル1万発超　ウクライナ空軍", False),
    ("pl", "Rekordowy rok. W 2022 r. Korea Płn. wystrzeliła ponad 60 pocisków balistycznych", False),
    ("pl", "Izraelska armia: od 7 października na Izrael wystrzelono ponad 15 tys. rakiet", False),
    ("ja", "【きょうは何の日】北朝鮮が「ノドン」を日本海へ", False),
])
def test_totals_and_look_backs_in_their_own_forms(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    # A headline whose launch is to come or denied, with no summary that tells one, is no
    # report, whatever weight the model gives its words ...
    ("Wywiad ostrzega: Rosja szykuje zmasowany atak rakietowy na Ukrainę", False),
    ("Dowództwo Operacyjne: żadna rosyjska rakieta nie wleciała w polską przestrzeń powietrzną", False),
    # ... but a headline that asks hedges a report.
    ("Rosyjska rakieta w polskiej przestrzeni powietrznej? Jest komentarz szefa Sztabu", None),
])
def test_a_launch_to_come_or_denied_is_ruled_out(title, is_launch):
    p = detector.prepare(title, "")
    d = detector.detect(p, "pl")
    ruled = classifier.ruled_out(p, "pl", d)
    assert ruled is (is_launch is False)


@pytest.mark.parametrize("title, summary, main", [
    # The agency that reports the launch commenting on it gives its official statement ...
    ("Rakieta nad Polską? Jest komentarz Sztabu Generalnego",
     "Rosyjska rakieta wleciała w polską przestrzeń powietrzną, potwierdził Sztab Generalny.", False),
    # ... a president's comment is a reaction, the headline's main event.
    ("Rakieta nad Polską? Jest komentarz prezydenta",
     "Prezydent zwołał naradę. Rosyjska rakieta wleciała w polską przestrzeń powietrzną.", True),
])
def test_a_polish_agencys_comment_on_a_launch_is_no_reaction(title, summary, main):
    cues = {name for name, _ in detector.detect(detector.prepare(title, summary), "pl").cue_values}
    assert ("reaction_main" in cues) is main


@pytest.mark.parametrize("lang, title, is_launch", [
    ("ja", "政府「北朝鮮のミサイル発射の事実ない」　SNS上の情報を否定", False),
    ("ja", "Jアラートを誤って配信　消防庁「ミサイル発射は確認されず」", False),
    ("ja", "防衛省「飛翔体はミサイルではなく気球」　上空の物体巡り", False),
    ("ja", "中国、南シナ海に航行警報　ミサイル発射訓練の可能性", False),
    # A warning to shipping after a flash is no notice of a launch to come.
    ("ja", "【速報】弾道ミサイル発射　海上保安庁が航行警報", True),
    ("ja", "Jアラートの試験放送　ミサイル発射などの実際の情報ではない", False),
    ("ko", "[연예] '미사일 발사' 안무 챌린지 인기", False),
    ("ko", "김여정 \"정찰위성 발사 계속할 것\"", False),
    ("ja", "ハマスがテルアビブへロケット弾　市内に空襲警報", True),
    ("ja", "北朝鮮が飛翔体を発射　防衛省", True),
    ("pl", "Studenci z Wrocławia wystrzelili rakietę. Nowy rekord wysokości", False),
])
def test_denials_warnings_and_student_rockets(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("title, summary, is_launch", [
    # A Polish headline whose news is a summons, a delivery or the markets, or a judgement
    # of the attack it names ...
    ("MSZ wezwał ambasadora Rosji w sprawie rakiety", "", False),
    ("Korea Północna dostarczyła Rosji tysiące pocisków", "", False),
    ("Giełda w Warszawie traci po doniesieniach o rakietach nad Ukrainą", "", False),
    ("Kanclerz: rosyjski ostrzał rakietowy Charkowa to zbrodnia wojenna", "", False),
    # ... and its near misses: a launch told, and a missile's violation of airspace (an event).
    ("Rosja wystrzeliła rakiety na Charków, giełda w Moskwie rośnie", "", True),
    ("Naruszenie przestrzeni powietrznej. Sztab: to była rosyjska rakieta", "", True),
    # A weapon denied, an explainer, a prayer, a stockpile, a simile, fireworks.
    ("Sztab Generalny: to nie była rakieta, lecz balon", "", False),
    ("MON: żaden pocisk nie naruszył polskiej przestrzeni powietrznej", "", False),
    ("Czym jest Kinżał? Tłumaczymy, jak działa rosyjski pocisk", "", False),
    ("Prezydent modli się za ofiary ataku rakietowego na Odessę", "", False),
    ("HUR: Rosja gromadzi pociski przed zimą", "", False),
    ("Ukraina chce produkować pociski Flamingo", "", False),
    ("Kurs akcji wystrzelił jak rakieta po wynikach spółki", "", False),
    ("Miasto zakazuje odpalania petard i rakiet w sylwestra", "", False),
    # A correction of the outlet's own report, a total since a year or over a span.
    ("Sprostowanie: nie było ataku rakietowego na Chersoń",
     "Wczoraj błędnie podaliśmy, że miasto zostało ostrzelane rakietami.", False),
    ("Od 2017 r. Iran przeprowadził ponad 40 prób rakietowych", "", False),
    ("Hamas wystrzelił 5 tys. rakiet w dwa miesiące wojny", "", False),
    # Their near misses: a launch told, the motive of a launch, a threat that is a launch's.
    ("Rosja wystrzeliła rakiety na Odessę", "", True),
    ("Korea Północna wystrzeliła pociski. To odpowiedź na manewry", "", True),
    ("Rakieta spadła na Chersoń. Nie było ostrzeżenia", "", True),
    # An attack in which no missile was seen, before or after the words that say so.
    ("Nocny atak dronów na Czernihów", "Rakiet w tym ataku nie odnotowano.", False),
    ("Atak rakietowy na Czernihów", "W ataku użyto 12 rakiet.", True),
    ("Eksplozje w Iziumie", "Siły powietrzne nie odnotowały tej nocy startów rakiet nad obwodem.", False),
    ("Eksplozje w Iziumie", "Siły powietrzne odnotowały tej nocy starty rakiet nad obwodem.", True),
])
def test_polish_headlines_whose_news_is_something_else(title, summary, is_launch):
    assert classifier.classify(title, summary, lang="pl").is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    # A calibre is no Kalibr; a shell of a calibre is no missile.
    ("Pocisk kalibru 152 mm spadł na plac zabaw", False),
    ("Niewybuch dużego kalibru znaleziony na polu", False),
    ("Rosja wystrzeliła Kalibry na Odessę", True),
    # The locative of "ostrzał" and "nalot" ("po ostrzale", "w nalocie"), and a missile that damaged.
    ("Charków po ostrzale rakietowym. Trwa usuwanie szkód", True),
    ("Rosyjskie pociski manewrujące uszkodziły elektrownię", True),
])
def test_polish_calibres_and_declined_attacks(title, is_launch):
    assert classifier.classify(title, lang="pl").is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    # Polish spans that make a total with a count; a week dates one attack.
    ("OSW: w ciągu miesiąca Rosja wystrzeliła ponad 300 pocisków na Ukrainę", False),
    ("W 30 dni Hamas wystrzelił 9000 rakiet na Izrael", False),
    ("W zeszłym tygodniu Rosja wystrzeliła 40 rakiet na Kijów", True),
    # A leader's visit after the attack is the headline's news; an ammunition depot's blast is no launch.
    ("Prezydent odwiedził Odessę po ataku rakietowym", False),
    ("Wybuch w magazynie amunicji rakietowej pod Moskwą", False),
    ("Rosyjska rakieta spadła na magazyn pod Lwowem", True),
])
def test_polish_totals_visits_and_depots(title, is_launch):
    assert classifier.classify(title, lang="pl").is_launch is is_launch


def test_a_threat_of_an_answer_is_the_headlines_news():
    assert classifier.classify("Kreml: uderzenie ATACMS na Kursk nie pozostanie bez odpowiedzi", lang="pl").is_launch is False
    assert classifier.classify("Moscow: Storm Shadow strike on Crimea will not go unanswered").is_launch is False
