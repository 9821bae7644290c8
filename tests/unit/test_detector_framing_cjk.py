"""Korean and Japanese headlines whose news is something else than the launch they name.

Reactions and the other news a launch causes (`LanguageTable.consequence`, `cause_after`),
totals over the periods these languages write, denials, explainers, warnings, sport, and
headlines that leave the verb out. Each has its near miss beside it: a launch report of
the same shape.
"""

from __future__ import annotations

import pytest

from services.classify import classifier, detector

_JCS = "합참은 북한이 오전 동해상으로 단거리 탄도미사일 1발을 발사했다고 밝혔다."
_MOD = "防衛省によると、北朝鮮は午前7時ごろ弾道ミサイル1発を発射し、日本海に落下した。"


def _cues(title: str, summary: str, lang: str) -> set[str]:
    p = detector.prepare(title, summary)
    return {name for name, _ in detector.detect(p, detector.detect_language(p.text, lang)).cue_values}


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # The news a launch causes, told before it, with the launch as its cause, or alone ...
    ("ko", "北 미사일 발사 소식에 증시 출렁…주가 2% 급락", "", False),
    ("ko", "국회 국방위, 北 탄도미사일 발사 긴급 현안 보고", _JCS, False),
    ("ko", "접경지 주민들 \"또 미사일이라니\"…불안감 커져", _JCS, False),
    ("ja", "ミサイル発射の報道で株価下落 東証", "", False),
    ("ja", "北朝鮮ミサイル発射情報で在来線が一時運休", _MOD, False),
    ("ja", "Jアラートに住民困惑 「どこに逃げれば」", _MOD, False),
    # ... is one more fact of the day after a launch told in its own right.
    ("ko", "북한, 동해상으로 탄도미사일 발사…접경지 주민들 불안", _JCS, True),
    ("ko", "북한, 탄도미사일 발사…환율 급등", _JCS, True),
    ("ja", "北朝鮮が弾道ミサイル発射 住民に不安広がる", _MOD, True),
    ("ja", "北朝鮮ミサイル発射 東北新幹線が一時運転見合わせ", _MOD, True),
    # A strike's aftermath is its report, whatever particle joins them.
    ("ko", "러 미사일 공습에 3명 사망…아파트 붕괴", "러시아군이 밤사이 미사일로 키이우를 공격했다.", True),
])
def test_news_a_launch_causes(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    # Totals over a month, a half-year, the days of a war, since a year, or counted in occasions ...
    ("ko", "러, 지난달 미사일 200여 발 발사…우크라 공군 집계", False),
    ("ko", "전쟁 200일…\"이스라엘로 로켓 9천여 발 날아와\"", False),
    ("ko", "후티 반군, 상선에 미사일 공격 50차례 넘어", False),
    ("ja", "北朝鮮、2023年以降に弾道ミサイル80発を発射", False),
    ("ja", "フーシ派の船舶へのミサイル攻撃、150回超に", False),
    # ... not one launch that follows another.
    ("ko", "북, 지난달 이어 또 탄도미사일 발사", True),
    ("ja", "北朝鮮、先月に続き弾道ミサイル発射", True),
    # Fabrications, doctored pictures, false alarms and denials ...
    ("ko", "러 국방부 \"민간시설 미사일 공격설은 날조\"", False),
    ("ko", "\"北 미사일 발사\" 영상은 조작…군 \"근거 없어\"", False),
    ("ja", "露国防省「市場へのミサイル攻撃はしていない」", False),
    ("ja", "「弾道ミサイル落下」はフェイク 加工画像がSNSで拡散", False),
    ("ja", "防災無線で「ミサイル発射」と誤って放送 市が謝罪", False),
    # ... not a launch announced, nor one of a projectile.
    ("ja", "北朝鮮が弾道ミサイル発射と防衛省が発表", True),
    ("ja", "北朝鮮が発射体を日本海に向け発射", True),
    # Could, hinted, supposed: a launch not yet ...
    ("ko", "\"러, 성탄절 전후 대규모 미사일 공격 감행할 수 있어\"", False),
    ("ja", "金与正氏、太平洋へのミサイル発射増加を示唆", False),
    ("ja", "弾道ミサイル発射を想定し住民避難訓練 秋田", False),
    ("ko", "탄도미사일 발사 가정한 민방위 훈련 실시", False),
    # ... but a failed launch whose debris may have fallen is a launch.
    ("ja", "北朝鮮がミサイル発射 失敗の可能性も", True),
    # "Again" before a weapon tells its flight with no verb ...
    ("ko", "北, 이틀 만에 또 탄도미사일", True),
    ("ja", "北朝鮮、3日連続で弾道ミサイル", True),
    # ... but not one being readied.
    ("ko", "北, 또 미사일 발사 준비 정황", False),
    # A target before a weapon that ends its phrase tells a strike with no verb ...
    ("ja", "ヒズボラ、イスラエル北部にロケット弾約30発", True),
    ("ja", "フーシ派、紅海で貨物船にミサイル 乗員は無事", True),
    ("ko", "하마스, 이스라엘 남부에 로켓 20발", True),
    # ... or a count in tens, hundreds or thousands without a number.
    ("ja", "ロシア軍、ウクライナ全土にミサイル数十発　キーウで爆発", True),
    ("ko", "하마스, 이스라엘에 로켓 수천발", True),
    # ... or "over a hundred" ("100여 발"), with drones beside it ("·").
    ("ko", "러, 우크라 전역에 미사일 100여 발·드론 90여 대", True),
    # ... not a weapon given, nor one a noun follows.
    ("ja", "米、ウクライナにミサイル 追加支援", False),
    ("ko", "美, 우크라에 미사일 지원 확대", False),
    ("ko", "하마스, 이스라엘 남부에 로켓 20발 발사 준비", False),
    # Talks between leaders, oil and the yen after a launch are the headline's news.
    ("ja", "日韓首脳が電話会談 北朝鮮の弾道ミサイル発射受け", False),
    ("ja", "円相場が上昇 北朝鮮ミサイルで逃避買い", False),
    ("ja", "原油先物が急騰 イランのミサイル攻撃受け", False),
    # A flash's error, a false alarm, a withdrawn announcement.
    ("ko", "日 방송사, '북 미사일 발사' 속보 오보 사과", False),
    ("ko", "\"로켓 발사 경보는 오작동\"…주민들 한때 대피", False),
    ("ja", "「ミサイル発射」誤放送 防災無線の設定ミス", False),
    # Totals run on past a comma or an ellipsis in a Korean or Japanese headline.
    ("ko", "전쟁 9개월, 레바논서 날아온 로켓 8천여발", False),
    ("ko", "북, 올해 미사일 발사 역대 최다…60발 넘어", False),
    # A look-back labelled so.
    ("ja", "【あの日から】北朝鮮ミサイルが上空通過 漁業者の記憶", False),
    # A sea with "로" before the weapon tells its flight with no verb.
    ("ko", "북, 동해로 단거리 탄도미사일 3발", True),
])
def test_headlines_in_korean_and_japanese(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, framed", [
    # Opinion, analysis and explainers are features, whatever launch they discuss.
    ("ko", "[해설] 北 극초음속 미사일 발사, 무엇이 달라졌나", True),
    ("ko", "[분석] 北이 미사일을 또 쏜 이유", True),
    ("ja", "【解説】北朝鮮のICBM発射 狙いは", True),
    ("ja", "北朝鮮はなぜミサイルを発射し続けるのか", True),
    ("ko", "[속보] 북한, 동해상으로 탄도미사일 발사", False),
    ("ja", "【速報】北朝鮮が弾道ミサイル発射", False),
])
def test_explainers_and_opinion_are_framed(lang, title, framed):
    assert ("explainer" in _cues(title, "", lang)) is framed


def test_an_explainer_that_names_no_launch_is_no_report():
    assert classifier.classify("[해설] 극초음속 미사일이란?", lang="ko").is_launch is False
    assert "frame_no_event" in _cues("【解説】極超音速ミサイルとは", "", "ja")


def test_a_goal_is_no_rocket():
    assert "sport" in _cues("'로켓 슈팅' 발사한 김민재, 시즌 2호골", "", "ko")
    assert "sport" in _cues("大谷、ロケット弾のような打球を発射 今季30号本塁打", "", "ja")
    assert "sport" not in _cues("북한, 동해상으로 탄도미사일 발사", "", "ko")


@pytest.mark.parametrize("lang, title, compared", [
    # A superlative after the period compares one launch with the others: no total.
    ("ko", "북한, 탄도미사일 발사…최근 5년간 최다 규모", True),
    ("ja", "北朝鮮がミサイル発射 過去5年で最多ペース", True),
    ("ko", "북한, 최근 5년간 탄도미사일 100여 발 발사", False),
])
def test_a_superlative_after_a_period_compares(lang, title, compared):
    assert ("aggregate" not in _cues(title, "", lang)) is compared


_KYIV = "러시아군이 새벽 순항미사일 10여 발로 키이우를 공격했다고 우크라이나 공군이 밝혔다."
_DNIPRO = "ロシア軍の巡航ミサイルがドニプロの集合住宅を直撃したと地元当局が発表した。"


@pytest.mark.parametrize("lang, title, summary, attack", [
    # A headline's attack or its aftermath, with no weapon, told as the summary's missile strike ...
    ("ko", "러, 키이우 에너지 시설 동시 타격", _KYIV, True),
    ("ko", "키이우 아파트 참사…희생자 9명으로 늘어", _KYIV, True),
    ("ja", "ドニプロ集合住宅、死者30人に", _DNIPRO, True),
    ("ja", "ウクライナ、黒海艦隊の拠点を攻撃", "ウクライナ軍は巡航ミサイルでセバストポリの拠点を攻撃したと発表した。", True),
    # ... not one to come, nor a drone's.
    ("ko", "러, 키이우 에너지 시설 공격 가능성", _KYIV, False),
    ("ja", "ドニプロの集合住宅、無人機攻撃で被害", _DNIPRO, False),
])
def test_a_headline_attack_or_its_aftermath_with_the_summarys_missiles(lang, title, summary, attack):
    assert ("title_attack" in _cues(title, summary, lang)) is attack


def test_the_aftermath_of_a_direct_hit_is_its_report():
    assert classifier.classify("ドニプロ集合住宅、死者30人に", _DNIPRO, lang="ja").is_launch is True
    assert classifier.classify("ドニプロ集合住宅、死者30人に", "", lang="ja").is_launch is False


@pytest.mark.parametrize("lang, title, cue", [
    ("ja", "スカッド攻撃から30年 テルアビブの記憶", "retrospective"),
    ("ja", "ロシアの侵攻3年 キーウ市民が語るミサイル攻撃の夜", "retrospective"),
    ("ko", "전쟁 2년, 미사일 공습의 기억", "retrospective"),
    ("ja", "データで見る北朝鮮のミサイル発射", "digest"),
    ("ko", "한눈에 보는 북한 미사일 발사", "digest"),
])
def test_look_backs_and_digests_in_their_own_words(lang, title, cue):
    assert cue in _cues(title, "", lang)
    assert cue not in _cues("北朝鮮が弾道ミサイル発射 5年ぶり", "", "ja")


def test_named_weapons_in_katakana_and_hangul():
    assert "title_weapon" in _cues("スカッドの射程", "", "ja")
    assert "title_weapon" in _cues("토마호크 추가 도입 검토", "", "ko")


def test_an_editorial_with_a_colon_is_framed():
    assert "explainer" in _cues("社説：ミサイル発射の常態化を許すな", "", "ja")


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # Denied in the quote's own words; a flash sent in error.
    ("ko", '군 당국 "北 미사일 발사 사실 없어"', "", False),
    ("ko", '군 당국 "北 탄도미사일 발사 식별되지 않아"', "", False),
    ("ko", '군 당국 "北 탄도미사일 1발 발사"', "", True),
    ("ja", "「ミサイル発射」の誤った速報を配信　放送局がおわび", "", False),
    ("ja", "防衛省「発射は確認されていない」　ネットの“発射”情報を否定", "", False),
    # The launch as what the markets shrugged off ("despite"), not one told in its own right.
    ("ko", "北 미사일 발사에도 증시 상승 마감", "", False),
    ("ko", "北 미사일 발사…금리 상승", "", True),
    # Before a summit is a time, not a reaction.
    ("ko", "北, 정상회담 직전 탄도미사일 기습 발사", "", True),
    ("ko", "한일 정상회담, 北 탄도미사일 발사 규탄", "", False),
    ("ja", "北朝鮮、首脳会談直前に弾道ミサイル発射", "", True),
    # Totals since a war began, over years in power; a chronicle; the days of an invasion.
    ("ko", '이스라엘군 "개전 후 로켓 1만2천발 날아와"', "", False),
    ("ko", "집권 10년…탄도미사일 150발 넘게 쐈다", "", False),
    ("ko", "北 핵·미사일 도발 연대기", "", False),
    ("ja", "ロシア軍のミサイル　侵攻開始から8000発超", "", False),
    ("ja", "侵攻500日　ミサイル攻撃の跡をたどる", "", False),
    # Explainers: why, what to do.
    ("ko", "극초음속 미사일은 왜 요격이 어려울까", "", False),
    ("ja", "Jアラートが鳴ったらどうする？　ミサイル落下時の行動", "", False),
    # A water rocket, a cubesat on a commercial rocket.
    ("ko", "과학관 '물로켓 발사대회' 열려", "", False),
    ("ko", "대학 연구소 초소형 위성, 로켓랩 일렉트론에 실려 발사", "", False),
    # Hit by a missile: its aftermath; intercepting is a flight, interceptors are defence.
    ("ko", '우크라 "아파트 미사일 피격 사망자 30명으로 늘어"', "", True),
    ("ja", "ロシア軍　キーウに極超音速ミサイル「キンジャール」　ウクライナは「迎撃」と発表", "", True),
    ("ja", "米国　イスラエルにTHAAD配備へ", "弾道ミサイル攻撃に備えるため部隊を派遣する。", False),
    # "Submarine-launched" names a missile; a place named for a sport is no sport.
    ("ja", "北朝鮮　新型潜水艦を公開「戦術核ミサイル搭載可能」", "", False),
    ("ja", "北朝鮮、潜水艦発射弾道ミサイルを発射", "", True),
    ("ja", "ゴラン高原のサッカー場にロケット弾　死者12人に", "", True),
])
def test_korean_and_japanese_denials_totals_explainers_and_names(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


def test_submarine_launched_names_a_missile_not_its_launch():
    assert "title_event" not in _cues("北朝鮮、新型潜水艦に潜水艦発射弾道ミサイル", "", "ja")
    assert "title_event" not in _cues("북한 신형 잠수함, 잠수함발사탄도미사일 탑재", "", "ko")
    assert "title_event" in _cues("北朝鮮、潜水艦発射弾道ミサイルを発射", "", "ja")


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # A direct hit; a blackout a strike left, told by the summary (not one from snow).
    ("ko", "키이우 아파트, 러시아 미사일 직격…12명 사망", "", True),
    ("ko", "오데사 일대 정전 사태", "러시아군이 새벽에 쏜 순항미사일이 변전소를 타격했다고 당국이 밝혔다.", True),
    ("ko", "오데사 일대 정전 사태", "폭설로 송전선이 끊겼다고 당국이 밝혔다.", False),
    ("ja", "オデーサで大規模停電", "ロシア軍が夜間に発射した巡航ミサイルが変電所を直撃したと当局が発表した。", True),
    ("ja", "オデーサで大規模停電", "大雪で送電線が切れたと当局が発表した。", False),
    # "북" before its launch vehicle names the launcher: no civil space.
    ("ko", "군, 북 우주발사체 잔해 인양 성공", "", True),
    ("ko", "항우연, 누리호 잔해 인양", "", False),
    # A target, then a weapon with its class or its launcher's name, ending the phrase.
    ("ko", "홍해 상선에 대함미사일…선원 대피", "", True),
    ("ko", "우크라이나에 대공미사일 추가 지원", "", False),
    ("ja", "ハルキウにロシアの弾道ミサイル　3人死亡", "", True),
    ("ja", "ウクライナに米国の巡航ミサイル 追加供与", "", False),
    # ... or with a count in words ("수십발").
    ("ko", "텔아비브에 로켓 수십발", "", True),
    ("ko", "우크라이나에 로켓 수십발 지원", "", False),
    # A launch braced for has not happened.
    ("ja", "北朝鮮のミサイル発射に警戒強める　防衛省", "", False),
    ("ja", "北朝鮮がミサイル発射　防衛省が警戒", "", True),
])
def test_direct_hits_blackouts_launch_vehicles_and_targets(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    # Other states' missiles by name; shown at a parade, not fired.
    ("ko", "파키스탄, 샤힌-3 시험발사 성공", True),
    ("ko", "파키스탄, 샤힌-3 개발 계획 발표", False),
    ("ja", "インド、「アグニ4」の発射試験に成功", True),
    ("ja", "インド、「アグニ4」を軍事パレードで公開", False),
    # Residents hurt by a missile's fragments are its aftermath; residents' unease is news of its own.
    ("ko", "러시아 미사일 파편에 폴란드 주민 부상", True),
    ("ko", "北 미사일 발사에 주민들 불안", False),
    # Where the weapon came from, between the target and the weapon; a supplier's missiles.
    ("ko", "텔아비브에 예멘발 미사일…요격 성공", True),
    ("ko", "우크라이나에 미국발 미사일 추가 지원", False),
    # A ballpark is a place; a celebration after a winning hit is sport.
    ("ko", "하마스 로켓, 야구장 인근에 떨어져…3명 부상", True),
    ("ko", "'로켓 발사' 세리머니…결승타 친 타자 화제", False),
    # A plea and a ministry's statement are the headline's news.
    ("ko", "젤렌스키, 러 미사일 공습 뒤 방공망 지원 호소", False),
    ("ko", "러시아, 키이우에 미사일 공습…3명 사망", True),
    ("ja", "米国のICBM発射実験は「二重基準」　北朝鮮外務省が談話", False),
    ("ja", "北朝鮮がICBM発射と発表", True),
    # A launch vehicle that crashed flew; a jet that crashed is no missile. A flight test.
    ("ja", "北朝鮮の偵察衛星ロケット、黄海に墜落", True),
    ("ja", "訓練中の戦闘機が海に墜落", False),
    ("ko", "인도, 신형 미사일 비행시험 실시", True),
    ("ko", "인도, 신형 미사일 비행시험 계획", False),
    # Shot down: the missiles flew. A year as the topic of a count is a total.
    ("ja", "ウクライナ空軍、ロシアの巡航ミサイル30発のうち25発を撃墜", True),
    ("ja", "北朝鮮のミサイル発射、2023年は30発超", False),
    ("ja", "北朝鮮がミサイル発射、30発超", True),
    # The first anniversary of a death.
    ("ko", "드니프로 미사일 참사 1주기…희생자 추모식", False),
    ("ko", "드니프로 아파트 미사일 피격…40명 사망", True),
])
def test_named_missiles_fragments_origins_pleas_and_crashes(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    # A guided missile is a weapon; a live-fire drill fires it, a budget line does not.
    ("ko", "공군, 서해서 지대공 유도탄 실사격", True),
    ("ko", "국방부, 유도탄 생산 예산 증액", False),
    # What a missile hit, right after it; a "tailored" defence is no hit.
    ("ko", "로켓 맞은 어선 침몰…선원 구조", True),
    ("ko", "미사일 맞춤형 방어 체계 구축", False),
    # Missiles intercepted one after another flew; a readiness to intercept is no flight.
    ("ja", "弾道ミサイル、テルアビブ上空で相次ぎ迎撃", True),
    ("ja", "北朝鮮ミサイル、迎撃可能か", False),
])
def test_guided_missiles_hits_and_interceptions(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    # A speaker's words on a launch are the news; a distance flown is a flight, not a range.
    ("ko", "외교부, 北 미사일 발사 관련 \"대화 제의는 유효\"", False),
    ("ko", "국방부 \"北 도발, 고립 자초할 것\"", False),
    ("ko", "합참 \"北 미사일 약 800km 비행\"", True),
    ("ko", "北 신형 미사일, 최대 2000km 비행 가능", False),
])
def test_words_on_a_launch_and_distances_flown(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    # An editorial or an analysis is no report, whatever launch it discusses.
    ("ja", "【社説】北朝鮮のICBM発射　対話の道を閉ざすな", False),
    ("ko", "[사설] 北 탄도미사일 발사, 도발의 끝은 고립뿐", False),
    ("ja", "北朝鮮がICBM発射　防衛省", True),
    # A flash called wrong in a quote after a space.
    ("ja", "ミサイル発射の速報 「誤りでした」と放送局", False),
    # Procedures for when one is fired are a drill; a restored building is long after.
    ("ja", "JR東日本　ミサイル発射時の列車停止手順を確認", False),
    ("ja", "ミサイル攻撃で損傷の美術館、修復終え公開再開", False),
    ("ja", "ロシアのミサイル、再建中の橋に着弾", True),
    # An editorial in angle brackets; a ministry denying a part of the reports.
    ("ja", "＜社説＞イランのミサイル攻撃　報復の連鎖を止めよ", False),
    ("ja", "防衛省、「ミサイル発射」の一部報道を否定", False),
    # A ministry that never reports a launch, speaking first; a flight told by "飛行した".
    ("ko", "외교부 \"北 탄도미사일 발사, 국제사회 고립 심화시킬 것\"", False),
    ("ko", "합참 \"北, 동해상으로 탄도미사일 발사\"", True),
    ("ja", "北朝鮮の弾道ミサイル、約600キロ飛行した　防衛省", True),
    ("ja", "北朝鮮ミサイル「約700キロ飛行」　防衛省", True),
    ("ja", "北朝鮮の新型ミサイル、1500キロ飛行可能", False),
    # A drill to respond to missiles; markets' reaction to a launch.
    ("ja", "日韓、弾道ミサイル対処の共同訓練", False),
    ("ja", "北朝鮮ミサイル発射、市場の反応は限定的", False),
])
def test_editorials_are_no_report(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # Sector shares, fishermen, parades and debris analysed: the news a launch causes.
    ("ko", "방산주 줄줄이 상한가…北 도발 여파", "", False),
    ("ko", "동해안 어민들 조업 중단…\"미사일 또 날아올까\"", _JCS, False),
    ("ko", "열병식에 신형 ICBM 등장", "", False),
    ("ja", "防衛関連株が軒並み上昇 ミサイル発射受け", "", False),
    # A launch as a condition or a promise, and a launch denied, report none.
    ("ko", "\"北 미사일 발사하면 즉시 대피\"…행안부 새 지침", "", False),
    ("ko", "이란 \"공격 시 미사일로 대응\"", "", False),
    ("ko", "김여정 \"위성 또 쏘아올릴 것\"", "", False),
    ("ko", "군 \"오늘 北 미사일 발사 없어\"", "", False),
    # A court and a permission after a launch are their own news.
    ("ko", "'北 미사일 경보' 소송…법원 \"국가 배상 책임 없어\"", "", False),
    ("ko", "美, 우크라에 장거리 미사일 사용 허용", "", False),
    # ... not the launch itself, its aftermath at sea, or one told first.
    ("ko", "북한, 동해상으로 탄도미사일 발사…어민들 긴급 귀항", _JCS, True),
    ("ko", "北 탄도미사일 1발 발사", _JCS, True),
])
def test_news_after_a_launch_in_korean_and_japanese(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # A launch told in a clause of its own, then a reaction, with a lede that tells the
    # launch: the launch is the first news, as in English ...
    ("ja", "北朝鮮が弾道ミサイル発射　首相「断じて容認できない」", _MOD, True),
    ("ko", "북한, 탄도미사일 발사…日 \"강력 항의\"", _JCS, True),
    # ... with no verb, the weapon and where it went ("또 동해로", "日本海へ") ...
    ("ko", "北 미사일 또 동해로…접경지 어민들 '불안'", _JCS, True),
    ("ja", "北朝鮮ミサイル2発、日本海へ　官房長官「遺憾」", _MOD, True),
    # ... or fired by mistake ("오발"; not "오발령", a false alarm).
    ("ko", "인도 \"미사일 1발 파키스탄에 오발\"", "인도 국방부는 기술적 결함으로 미사일 1발이 발사돼 파키스탄에 떨어졌다고 밝혔다.", True),
    ("ko", "서울시 경계경보 '오발령' 소동", "", False),
    # ... or failed ("위성 또 실패"), before the council it called.
    ("ko", "北 군사정찰위성 또 실패...정부 긴급 NSC 소집", "북한이 오늘 새벽 군사정찰위성을 발사했지만 실패했다.", True),
    # A Japanese headline may open with its topic: over a lede of the protest, the protest.
    ("ja", "北朝鮮ミサイル発射　政府、大使館ルートで厳重抗議",
     "官房長官は会見で、北朝鮮による弾道ミサイル発射について、大使館ルートを通じて厳重に抗議したと明らかにした。", False),
    # A reaction in the launch's own clause is the news.
    ("ko", "정부, 北 미사일 발사 규탄…\"안보리 결의 위반\"", _JCS, False),
])
def test_a_launch_clause_before_a_reaction(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # A year or a month as a whole, with its count: a total ...
    ("ko", "北, 2021년 한 해 탄도미사일 40발 넘게 쐈다…집권 이후 최다", "", False),
    ("ko", "러시아, 3월 한 달간 미사일 150여발 발사", "", False),
    ("ja", "北朝鮮の弾道ミサイル、21年は過去最多の40発超　防衛省集計", "", False),
    ("ja", "ロシア、3月にミサイル約150発　ウクライナ空軍", "", False),
    # ... not one launch compared with the others, one of a series, or one dated by its month.
    ("ko", "북한, 올해 들어 최대 규모 미사일 발사…단거리 10발", _JCS, True),
    ("ja", "北朝鮮、日本海に弾道ミサイル2発　今年最多の発射回数に", _MOD, True),
    ("ja", "北朝鮮が今年初の弾道ミサイル発射　日本海に落下", _MOD, True),
    ("ja", "北朝鮮、3月に発射のミサイルは新型ICBM　韓国軍分析", "韓国軍は、北朝鮮が3月16日に発射したミサイルが新型ICBMだったと分析した。", True),
    ("ko", "러, 키이우에 미사일 30발…3월에만 세 번째 대규모 공습", "러시아가 오늘 새벽 미사일 30발을 발사했다.", True),
])
def test_totals_over_a_year_or_a_month(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # A launch to come on a date, a likelihood of one, a launch as a condition ...
    ("ja", "海自護衛艦、迎撃ミサイル発射試験を来月実施へ", "", False),
    ("ja", "北朝鮮、偵察衛星を来月にも打ち上げ　日本に通報", "", False),
    ("ja", "イラン、報復「数日内」か　米当局者", "イランが数日以内にミサイルによる攻撃に踏み切る可能性が高いと米当局者が述べた。", False),
    ("ko", "\"신형 ICBM 정상각도 발사 땐 1만3천㎞\"…美 본토 사정권", "", False),
    # ... not a launch beside a plan of another thing, or a launch whose kind is hedged.
    ("ja", "北朝鮮が弾道ミサイル発射、来月の米韓演習控え", _MOD, True),
    ("ja", "北朝鮮発射のミサイル、弾道ミサイルである可能性が高い　防衛省", _MOD, True),
    ("ja", "北朝鮮、弾道ミサイルの可能性があるもの発射　防衛省", _MOD, True),
])
def test_launches_to_come_and_conditions(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # An obituary: the launch in it is one its subject lived through.
    ("en", "Paramedic who treated the wounded of a 2014 rocket attack on Sderot dies at 81",
     "He ran the town's ambulance station when Hamas rockets fell, the council said.", False),
    ("en", "Obituary: the colonel who ordered the 1996 missile test", "", False),
    ("ko", "'연평도 포격·로켓 공격' 때 주민 구한 소방관 별세…향년 80세", "", False),
    ("ja", "ロケット攻撃で住民救った医師が死去、81歳", "", False),
    ("pl", "Ratownik z Sderot, który pomagał rannym po ataku rakietowym, zmarł w wieku 81 lat", "", False),
    # Not a death of the strike itself, told as its aftermath.
    ("en", "Soldier wounded in Russian missile strike on Dnipro dies in hospital",
     "The soldier was hurt when Russia fired missiles at Dnipro on Friday.", True),
])
def test_obituaries_look_back(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # A launch braced for, put off, used as a future or a habit: none happened ...
    ("ko", "日, 전국 J얼럿 시험 송신…미사일 경보 방송 점검", "북한 탄도미사일 낙하 등에 대비한 정기 점검이다.", False),
    ("ko", "美 공군, ICBM 시험발사 연기", "미 공군은 이번 주 예정됐던 대륙간탄도미사일 시험발사를 연기한다고 밝혔다.", False),
    ("ko", "美 \"北, 러시아에 탄도미사일 제공\"", "북한이 러시아에 탄도미사일을 넘겼으며 러시아가 이를 공격에 쓸 것으로 보인다.", False),
    ("ko", "[인물] 北 미사일 개발 이끈 총국장은 누구", "미사일 시험발사 참관 때마다 곁을 지키는 총국장은 탄도미사일 개발을 주도해 왔다.", False),
    # ... nor is a launch that a "but" leads to other news, or a security council convened.
    ("ko", "北 미사일 쐈는데 코스피는 '꿋꿋'…1% 상승 마감", _JCS, False),
    ("ko", "대통령실, NSC 긴급 소집…\"北 ICBM 발사는 중대한 도발\"", _JCS, False),
    # A chronicle of launches looks back on them.
    ("ko", "北 핵·미사일 도발 연대기", "", False),
    ("ja", "北朝鮮ミサイル発射　年表", "", False),
    # Near misses: a launch that failed, a launch near a place ("近くに": near, not soon).
    ("ko", "北 미사일 쐈지만 실패…공중 폭발", _JCS, True),
    ("ja", "フーシ派、イスラエルに弾道ミサイル　空港近くに着弾", "イスラエル軍は迎撃に失敗したと発表した。", True),
    ("ja", "北朝鮮、近くミサイル発射か　衛星画像で兆候", "", False),
])
def test_launches_braced_for_put_off_or_leading_to_other_news(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # A chronicle by its label, a condition, a habit, a year since, a month's total ...
    ("ja", "【年表】北朝鮮の主な弾道ミサイル発射", "北朝鮮は弾道ミサイルの発射を繰り返している。主な事例をまとめた。", False),
    ("ko", "[연표] 北 주요 탄도미사일 발사", "", False),
    ("ja", "もし大阪にミサイルが落ちたら　専門家に聞く", "北朝鮮が弾道ミサイルを発射した場合、到達まで10分程度とされる。", False),
    ("ja", "Jアラート全国一斉試験、あす午前11時", "弾道ミサイル発射などに備えた試験で、防災無線から試験放送が流れる。", False),
    ("ja", "「ミサイルが落ちる海で漁はできない」　漁連が国に要望", "", False),
    ("ja", "ICBMがEEZに落下してから1年　漁業者、消えぬ不安", "", False),
    ("ja", "ロシアの4月の攻撃、ミサイル約180発　ウクライナ空軍集計", "", False),
    # ... a film whose title names a launch, after a weapon told with its own verb.
    ("ja", "映画「発射まで10分」来月公開", "北朝鮮から弾道ミサイルが発射されたとの想定で、住民たちの一夜を描いた映画「発射まで10分」が公開される。", False),
    # Near misses: a weapon by the North's own name; a launch into the planned area; a
    # launch and its impact in one sentence.
    ("ja", "北朝鮮、前日の発射は「新型戦術誘導兵器」と発表", "朝鮮中央通信は、国防科学院が16日に新型戦術誘導兵器の試験射撃を行ったと報じた。", True),
    ("ja", "中国、太平洋に向けICBM発射　「予定海域に落下」と国防省", "中国国防省は、ICBM1発を太平洋の公海に向けて発射し、予定の海域に落下したと発表した。", True),
    ("ja", "北朝鮮、弾道ミサイル発射", "防衛省によると、北朝鮮は午前7時ごろ弾道ミサイル1発を発射し、約20分後に日本海のEEZ外に落下した。", True),
])
def test_chronicles_conditions_habits_and_films(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # A hypothesis: a condition before the verb, or one that ends the headline ...
    ("ko", "\"北 ICBM 정상각도로 쏘면 하와이 앞바다 낙하\"…연구원 분석", "", False),
    ("ko", "\"北 화성-12형 4발, 괌 앞바다 낙하\"…위협 현실화하면", "", False),
    # ... a launch likely, willed, its zone, a denial of a report, debris braced for.
    ("ko", "국정원 \"北, 연내 ICBM 발사할 듯\"", "", False),
    ("ko", "후티 \"美 항모 타격할 것\"", "후티 대변인은 미국 항모가 들어오면 \"탄도미사일로 즉각 타격하겠다\"고 경고했다.", False),
    ("ko", "中, 대만 동부 해역 항행경보…\"로켓 발사 구역 5곳 설정\"", "", False),
    ("ko", "합참 \"北 미사일 발사 사실 없다\"",
     "합참은 \"북한이 탄도미사일을 발사했다는 일부 보도는 사실이 아니다\"라고 밝혔다.", False),
    ("ko", "日, 오키나와에 PAC-3 전개…\"北 위성 잔해 낙하 대비\"", "", False),
    # ... a goal, a civil rocket of China's, jets that strike.
    ("ko", "손흥민, 왼발 '중거리 미사일' 발사…토트넘 3-2 역전승", "", False),
    ("ko", "中 창정-5B 로켓 잔해, 주말 대기권 재진입", "", False),
    ("ja", "中国の長征5号B、残骸が大気圏に再突入へ", "", False),
    # Near misses: a launch answering another, a launch and its retort, a condition
    # another speaks of after the launch.
    ("ko", "한미, 北 IRBM 도발 대응 에이태큼스 4발 동해상 발사", "합참은 에이태큼스 4발을 발사했다고 밝혔다.", True),
    ("ko", "한미, 北 ICBM에 맞대응…에이태큼스 4발 동해상으로 사격", "합참은 에이태큼스 4발을 발사했다고 밝혔다.", True),
    # ... the answer closing the headline, and told in the lede before the launch it is.
    ("ko", "軍, 탄도미사일 2발 동해로 대응 사격…北 도발 맞대응",
     "합참은 북한의 미사일 발사에 대응해 오후 동해상으로 지대지 탄도미사일 2발을 발사했다고 밝혔다.", True),
    ("ko", "북한, 동해상으로 탄도미사일 발사…합참 \"추가 발사 시 강력 대응\"", _JCS, True),
    ("ko", "정부, 北 미사일 발사에 대응 방안 논의", "", False),
])
def test_hypotheses_threats_answers_and_goals(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # Japanese: a list by its label, a war's day count with its total, a test broadcast,
    # a launch near ("近いか"), notified, coordinated with a likelihood, willed in a quote,
    # a fallen object denied, a launch that did not happen, an obituary over the summary's
    # rockets, a parade.
    ("ja", "【一覧】日本上空を通過した北朝鮮のミサイル　これまでの7回", "", False),
    ("ja", "戦闘開始200日、ガザから発射のロケット弾は1万5000発　軍まとめ", "", False),
    ("ja", "「北朝鮮からミサイル発射」全国一斉の試験放送　あす午前11時", "", False),
    ("ja", "北朝鮮・東倉里で新たな動き　「衛星」打ち上げ近いか", "", False),
    ("ja", "ロシア、ICBM発射演習を米国に事前通告", "", False),
    ("ja", "北朝鮮、年内にICBM発射や核実験の可能性　韓国情報機関", "", False),
    ("ja", "金正恩氏「今年、偵察衛星3基を打ち上げる」", "", False),
    ("ja", "フーシ派「米空母をミサイルで攻撃する」", "報道官は、米空母を弾道ミサイルで攻撃すると警告した。", False),
    ("ja", "海岸に金属片　防衛省「ミサイルの落下物ではない」", "", False),
    ("ja", "韓国軍「北朝鮮の発射」は誤探知", "韓国軍は、レーダーが鳥の群れを捕捉したもので、実際には発射はなかったと訂正した。", False),
    ("ja", "「ロケット弾の町」を率いた元市長が死去　80歳", "在任中、ガザから発射されたロケット弾の着弾が相次いだ。", False),
    ("ja", "北朝鮮、軍事パレードに新型ICBM　移動式発射台が初登場", "", False),
    # Near misses: a launch into the planned area, a system by its name, a test-fire.
    ("ja", "中国、太平洋にICBM1発を発射　国防省が公表　模擬弾頭は予定海域に落下", "", True),
    ("ja", "ウクライナ、クリミアの防空システムを「ネプチューン」で破壊", "ウクライナ国防省は、巡航ミサイル「ネプチューン」2発で攻撃したと発表した。", True),
    ("ja", "金正恩氏、240ミリ放射砲の試験射撃を視察", "朝鮮中央通信は、240ミリ放射砲の試験射撃が行われたと報じた。", True),
])
def test_japanese_lists_plans_denials_and_displays(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # Japanese local and business news that names launches in passing: an alert test braced
    # for an emergency, a court or an arrest, a launch within weeks, a monthly tally, a risk,
    # a notice that a launch will come, a denial of the fact.
    ("ja", "Jアラート、あす全国一斉試験", "弾道ミサイル発射などの緊急時に備えた点検で、防災行政無線で試験放送が流れる。", False),
    ("ja", "「ミサイルが落ちる」SNSに虚偽投稿、男に猶予判決　地裁", "北朝鮮の弾道ミサイル発射に乗じて虚偽の投稿をしたとして、地裁は判決を言い渡した。", False),
    ("ja", "「北朝鮮ミサイルが着弾」と虚偽投稿　男を逮捕", "北朝鮮が弾道ミサイルを発射した4月、虚偽の内容を投稿したとして男を逮捕した。", False),
    ("ja", "発射台改修が加速　「数週間内に衛星打ち上げも」", "", False),
    ("ja", "ウクライナ空軍「6月はミサイル約150発」　月別の攻撃数を集計", "", False),
    ("ja", "海運大手、紅海ルート回避を継続", "フーシ派による商船へのミサイル攻撃のリスクが続いているとして、運航見合わせを続ける。", False),
    ("ja", "北朝鮮が衛星打ち上げを通告", "北朝鮮から、22日から来月1日までの間に人工衛星を打ち上げるとの通報があった。", False),
    ("ja", "防衛省、「発射の可能性」を訂正", "防衛省は、精査の結果、発射の事実は確認されなかったと訂正した。", False),
    # Near misses: a launch its state calls part of a plan; launches "one after another" today.
    ("ja", "中国、ICBMを太平洋の公海に試射　国防省「年度訓練計画の一環」", "", True),
    ("ja", "北朝鮮、弾道ミサイル2発を相次いで発射　日本海に落下", _MOD, True),
])
def test_japanese_local_and_business_news_that_names_launches(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # A time to come before the verb, in its clause: not yet happened.
    ("ja", "北朝鮮、数日内に弾道ミサイル発射か　米政府高官", "", False),
    ("ja", "今週中にも打ち上げか　北朝鮮の偵察衛星", "", False),
    ("ko", "北, 내달 초 정찰위성 발사…\"막바지 점검\"", "", False),
    # An explainer with nothing else, and a headline about a work: a film, a drama, an exhibition.
    ("ja", "極超音速ミサイルとは", "", False),
    ("ja", "映画『ミサイル』来春公開　日本海に落ちた1発めぐる攻防",
     "日本海に向けて発射された弾道ミサイルを題材にしたサスペンス映画が来春公開される。", False),
    ("ko", "드라마 '발사명령' 첫 방송…미사일 발사 막는 요원들", "북한의 미사일 발사를 소재로 한 드라마가 방송된다.", False),
    ("ja", "「日本のロケット」展　相模原で開幕", "小型ロケットの水平発射実験から70年を記念する展示が始まった。", False),
    # A weapon that only qualifies another noun: a depot, a unit's commander, a launcher.
    ("ja", "イスラエル軍、レバノン南部を空爆　ヒズボラのミサイル貯蔵施設", "", False),
    ("ja", "ヒズボラのロケット部隊司令官を殺害　イスラエル軍が空爆", "", False),
    ("ko", "이스라엘 전투기, 헤즈볼라 로켓 발사대 30곳 공습", "", False),
    # What can be launched is no launch; a glide bomb is no missile.
    ("ja", "米軍、トマホーク発射可能な中距離システムを九州に展開", "", False),
    ("ja", "陸自、長射程ミサイルの発射機を駐屯地に搬入", "", False),
    ("ja", "ハルキウに誘導滑空爆弾、4人死亡", "", False),
    # One of a class of emergencies, a countdown to an impact, a launch stopped.
    ("ja", "Jアラート全国一斉試験、来週", "弾道ミサイル発射や大規模災害の発生時に使う警報システムを試験する。", False),
    ("ko", "日 J얼럿 전국 시험 송신", "일본 소방청은 탄도미사일 발사 등 긴급 상황을 알리는 시스템을 점검했다.", False),
    ("ko", "[가상 시나리오] 北 미사일 수도권 낙하까지 5분", "", False),
    # A reader's letter, an apology for a message sent in error, a suit, markets, feelings, the Diet.
    ("ja", "（声）早朝のミサイル警報　家族で避難先を決めた", "スマートフォンに「ミサイル発射」の文字が出た。", False),
    ("ja", "「ミサイル発射。屋内へ」　町が訓練用文面を誤配信し謝罪", "", False),
    ("ja", "駅へのミサイル攻撃、遺族がロシアを提訴", "ミサイル攻撃で多数が死亡した事件で、遺族が賠償を求めて提訴した。", False),
    ("ja", "韓国株、ミサイル報道でも小幅高", "北朝鮮の弾道ミサイル発射の報道にもかかわらず株価は上昇した。", False),
    ("ja", "ミサイル落下に漁業者から不安の声", "北朝鮮の弾道ミサイルがEEZ内に落下したことを受け、漁協に不安の声が寄せられた。", False),
    ("ja", "反撃能力めぐり論戦　衆院予算委", "長射程ミサイルによる反撃能力の行使要件をただした。", False),
    # A year's total ranked against other years.
    ("ko", "北, 올해만 탄도미사일 30여발…역대 두 번째", "", False),
    # Near misses: a launch from a base, a launch after a quote or a protest in its own clause,
    # a launch of this month's series, a launch disclosed in parliament, live fire, hits,
    # flight tests.
    ("ja", "北朝鮮、ミサイル基地から弾道ミサイル発射", _MOD, True),
    ("ko", "北, 미사일 기지서 탄도미사일 2발 발사", _JCS, True),
    ("ko", "주민들 \"또 미사일이냐\"…北, 동해상으로 탄도미사일 발사", _JCS, True),
    ("ja", "官房長官「断じて容認できない」　北朝鮮が弾道ミサイル発射", _MOD, True),
    ("ko", "北, 탄도미사일 발사…올해 들어 세 번째", _JCS, True),
    ("ja", "北朝鮮が弾道ミサイル発射　今月3回目", _MOD, True),
    ("ja", "先月下旬にも巡航ミサイル　北朝鮮、韓国国防省が国会で明らかに",
     "韓国国防省は、北朝鮮が先月下旬に巡航ミサイル2発を試射していたと報告した。", True),
    ("ja", "中国軍、東シナ海で長距離ロケット砲の実弾射撃", "", True),
    ("ja", "ウクライナ「ネプチューン2発命中」　露艦が沈没", "", True),
    ("ja", "インド、中距離弾道ミサイル「アグニ5」の飛行試験に成功", "", True),
    # ... and their near misses: a protest in the headline over a lede of the protest, warning shots.
    ("ko", "日 정부 '강력 항의'…北 탄도미사일 발사", "일본 정부는 북한의 탄도미사일 발사에 대해 강력히 항의했다.", False),
    ("ja", "政府、厳重抗議　北朝鮮ミサイル発射", "政府は北朝鮮のミサイル発射に厳重に抗議した。", False),
    ("ja", "韓国軍、黄海で警告射撃", "", False),
])
def test_times_to_come_works_depots_emergencies_and_feelings(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # A stage play, a Diet committee, a year's record, fishermen's fears, a meeting called
    # after a launch, requests and demands, a tally over a year, launch tubes, sounding and
    # model rockets, a stamp, the night after, an exam, a stationery's name; Korean news
    # dated by a launch ("발사 날", "닷새 만"), caused by it ("쏘자", "쐈다는데"), its news
    # watched, an air-raid alert, a concession, a splashdown area, meetings, parties' words,
    # a pitcher, a bureau, technology, a streamed film.
    ("ja", "Ｊアラートの朝を描く舞台、下北沢で初演", "北朝鮮のミサイル発射でＪアラートが鳴った朝の家族を描いた舞台が初演を迎えた。", False),
    ("ja", "参院外交防衛委　変則軌道ミサイル迎撃できるか", "北朝鮮が発射を繰り返す変則軌道のミサイルへの対処が議論になった。", False),
    ("ja", "北朝鮮　ことしの弾道ミサイル発射　過去最多に", "", False),
    ("ja", "「怖い」　EEZ落下に漁業者不安", "北朝鮮の弾道ミサイルがEEZ内に落下したことを受け、漁業者から不安の声が上がった。", False),
    ("ja", "北朝鮮、党総会を招集　ICBM発射後初", "", False),
    ("ja", "全漁連、漁船の安全確保を要請　北朝鮮ミサイル相次ぎ", "", False),
    ("ja", "ヒズボラの発射、1年で1万発超　イスラエル軍集計", "", False),
    ("ja", "与党部会、反撃能力の整備を要求　北ミサイルで緊急会合", "", False),
    ("ja", "衛星写真に新型潜水艦　SLBM発射管か", "", False),
    ("ja", "気象ロケット観測、半世紀で幕", "1970年から1000機以上のロケットを打ち上げてきた。", False),
    ("ja", "「火星17」発射成功の記念切手を発行　北朝鮮", "", False),
    ("ja", "ミサイル落下から一夜　漁協、出漁見合わせ", "", False),
    ("ja", "共通テストにJアラート　ミサイル発射時の警報が題材", "", False),
    ("ja", "「ロケット鉛筆」が復刻", "", False),
    ("ja", "モデルロケット全国大会　高校生が優勝", "自作のロケットを打ち上げて到達高度を競った。", False),
    ("ko", "北 미사일 발사 날 모의평가…교육부 \"정상 진행\"", "", False),
    ("ko", "한미 공군 연합훈련 시작…北 ICBM 발사 닷새 만", "", False),
    ("ko", "北 미사일 쏘자 방산株 들썩", "", False),
    ("ko", "北 또 ICBM 쐈다는데…주민들 \"놀랍지도 않아\"", "", False),
    ("ko", "[포토] 北 미사일 발사 뉴스 지켜보는 시민들", "", False),
    ("ko", "北 미사일에 공습경보…\"어디로 피하나\" 주민들 혼란", "", False),
    ("ko", "\"미사일 쏴도 그때뿐\"…외국인 사흘째 순매수", "", False),
    ("ko", "해경, 北 미사일 낙하 해역 인근 어선 안전 확인", "", False),
    ("ko", "국방장관, 긴급 작전지휘관회의…\"도발 땐 응징\"", "북한의 탄도미사일 발사 직후 회의를 열었다.", False),
    ("ko", "야당 \"北 미사일 불러…악순환 끊어야\"", "", False),
    ("ko", "여당 \"北 ICBM 도발에 야당은 또 침묵\"", "", False),
    ("ko", "문동주, 시속 160㎞ '미사일' 연속 발사…위닝시리즈", "", False),
    ("ko", "김정은, 미사일총국 생산기지 현지지도", "", False),
    ("ko", "\"러, 北에 정찰위성 기술 넘겼을 수도\"", "", False),
    ("ko", "넷플릭스 '하우스 오브 다이너마이트', ICBM 공포 그린 18분", "", False),
    # Launches told as a trend: fewer, more, halved.
    ("ko", "北 순항미사일 발사 크게 줄어…\"러시아 수출 때문\"", "", False),
    ("ja", "中国軍のミサイル発射、昨年は半減", "", False),
    # A term explained: what the words of a launch's report mean.
    ("ja", "弾道ミサイル「日本海に落下」とは　よく聞く言葉を解説", "", False),
    # Near misses: a test that failed, a strike's toll, a launch again after days, a launch
    # and where it went, a launch and its flight time.
    ("ja", "英原潜のSLBM試射、失敗か", "英紙は、試射でミサイルが発射直後に近くの海に落下したと報じた。", True),
    ("ko", "러 순항미사일에 키이우 어린이병원 무너져…최소 31명 사망", "러시아가 키이우에 순항미사일 등 40여발을 쏘아 병원이 무너졌다.", True),
    ("ko", "北, 닷새 만에 또 탄도미사일 발사", _JCS, True),
    ("ko", "北, 탄도미사일 쏴…동해상으로", _JCS, True),
    ("ja", "北朝鮮、弾道ミサイル発射　発射後約10分で日本海に落下", _MOD, True),
    ("ko", "北 순항미사일 발사 줄이어…이달만 세 번째", _JCS, True),
    ("ja", "北朝鮮ミサイル、日本海に落下　防衛省", "", True),
])
def test_news_dated_or_caused_by_a_launch_and_things_named_like_rockets(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # A leader's vow over a summary about an attack, an alert test tomorrow, a war's total,
    # a drill notified, jets striking a missile factory in answer to an attack, airlines
    # that avoid a region after one, a warship with interceptors, oil after a strike.
    ("ja", "ネタニヤフ首相「イランは過ちを犯した」　報復を明言", "イスラエルの首相は、イランによる弾道ミサイル攻撃について「代償を払うことになる」と述べた。", False),
    ("ja", "Jアラート　全国一斉の情報伝達試験　あす実施", "消防庁は、弾道ミサイルの発射などの情報を伝えるJアラートの試験を実施すると発表した。", False),
    ("ja", "露のミサイル　開戦後1万発超", "", False),
    ("ja", "韓国軍、あす島しょ部で海上射撃訓練　北朝鮮に事前通知", "海兵隊は、多連装ロケット砲などを動員した海上射撃訓練を実施すると発表した。", False),
    ("ja", "イスラエル、イランのミサイル製造拠点を攻撃　戦闘機100機投入", "イスラエル軍は、イランのミサイル製造施設を戦闘機で攻撃したと発表した。イランによる先のミサイル攻撃への報復としている。", False),
    ("ja", "欧州の航空各社、中東上空を回避　イランのミサイル攻撃受け", "", False),
    ("ja", "護衛艦の1番艦、起工へ　迎撃ミサイルを搭載", "", False),
    ("ko", "이란 미사일 공습에 국제유가 5% 급등", "", False),
    # Near misses: a heading with no verb, a strike's toll.
    ("ja", "北朝鮮が日本海へ弾道ミサイル", "", True),
    ("ko", "러 미사일 공습에 키이우 1명 사망", "", True),
])
def test_vows_drills_answers_and_markets_after_strikes(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # Where a launch once fell, a run of launches, one called off, a message broadcast in
    # error, a lull explained, a habit asked about, lasers tested at a symposium, a class for
    # fishermen; experts' likelihoods, a product's launch, a pitcher, tourists, a briefing to
    # parliament's intelligence committee, a new book, a threat that could be carried out,
    # a singer's high notes, an exhibition of paintings.
    ("ja", "イカ釣り船が出港　過去にミサイル落下の海域「安全確保を」", "", False),
    ("ja", "北のミサイル騒ぎでも訪韓旅行者は最多ペース　旅行会社「キャンセルなし」", "北朝鮮によるミサイル発射が続いているにもかかわらず、旅行者は増えている。", False),
    ("ja", "中国の台湾周辺演習、ミサイル発射見送りの背景", "", False),
    ("ja", "「ミサイル発射」の防災無線、誤って放送　市が謝罪", "", False),
    ("ja", "北朝鮮がミサイルを撃たない時期の意味", "", False),
    ("ja", "北朝鮮はなぜミサイルを撃ち続けるのか　元外交官が新著", "", False),
    ("ja", "レーザーでロケット弾を迎撃　防衛装備庁の技術シンポ", "", False),
    ("ja", "漁業者「ミサイルより燃油高が心配」　出漁前に安全講習会", "", False),
    ("ko", "전문가들 \"北, 정찰위성 재발사 서두를 듯\"", "", False),
    ("ko", "\"K-라면 미사일 쏘아 올린다\"…식품업체, 美에 신제품 런칭", "", False),
    ("ko", "'한화 로켓' 투수, 160㎞ 직구 '발사'…시즌 첫 승", "", False),
    ("ko", "울릉 관광객 감소가 '미사일 공포' 탓?", "", False),
    ("ko", "국정원 \"北 지난해 쏜 ICBM, 재진입 기술 미확보\"…정보위 보고", "", False),
    ("ko", "[신간] '로켓맨의 나라'…미사일 외교 10년", "", False),
    ("ko", "北, ICBM 카드 만지작?…\"정상각도 발사로 몸값 올릴 것\"", "북한이 ICBM을 정상각도로 발사하는 등 고강도 도발에 나설 수 있다는 분석이 나왔다.", False),
    ("ko", "'고음 미사일' 또 쐈다…걸그룹 보컬, 음원차트 1위", "", False),
    ("ko", "\"북한에서 본 미사일 발사\"…탈북민 화가 그림 전시회 개막", "", False),
    # Near misses: a defence agency's rocket, launches with where they fell.
    ("ko", "제주 앞바다서 솟구친 '고체추진 우주발사체'…국방과학연구소 시험비행 성공", "국방부는 국방과학연구소가 고체추진 우주발사체 시험비행에 성공했다고 밝혔다.", True),
    ("ko", "北, 탄도미사일 발사…日 EEZ 밖 낙하", "", True),
    ("ja", "北朝鮮が弾道ミサイル発射　EEZ外に落下", "", True),
])
def test_places_runs_lulls_symposiums_and_metaphors(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # Headlines that name a launch verb and report none: a hypothesis after the verb, goal
    # and home-run celebrations, an exchange feared, spectators of a civil rocket, a
    # tendency asked about, a new film, a recollection, every launch's effect, a table to
    # compare, a capability, an attack within days and the alert for it, launch sites bombed;
    # a graphic of the steps from a launch, a war game, a budget, what is taken issue with,
    # fireworks, an anniversary stamp, live fire tomorrow, a volleyball serve, an explainer's
    # label, a message's words, a day in history, shelters built to withstand, years since.
    ("ja", "台湾有事で中国がミサイル攻撃なら　基地の被害は", "", False),
    ("ja", "久保、決勝弾に「ロケット発射」ポーズ", "", False),
    ("ja", "大谷、ミサイル発射！打球速度188キロで30号ソロ", "", False),
    ("ja", "ミサイル攻撃の応酬懸念で原油急騰", "", False),
    ("ja", "ロケット打ち上げの見物客で満室に　串本の民宿", "", False),
    ("ja", "ロシアのミサイル攻撃、なぜ未明に集中するのか", "ロシア軍のミサイル攻撃は、夜間から未明に集中する傾向がある。", False),
    ("ja", "核ミサイル発射から着弾まで18分…　監督の新作が配信開始", "", False),
    ("ja", "スカッドが降った夜　湾岸戦争取材の元特派員が回想", "", False),
    ("ja", "ミサイル発射のたび出漁見合わせ　イカ釣り漁", "", False),
    ("ja", "世界の極超音速ミサイル　飛行速度と射程を一覧で比較", "", False),
    ("ja", "敵基地攻撃能力の長射程ミサイル、駐屯地に初配備へ", "", False),
    ("ja", "イランの報復攻撃「数日以内」か　弾道ミサイル発射を警戒", "", False),
    ("ja", "イスラエル軍、レバノン南部を空爆　ヒズボラのロケット弾発射拠点を攻撃", "", False),
    ("ko", "[그래픽] 北 탄도미사일 발사부터 합참 문자까지", "", False),
    ("ko", "\"中, 대만 침공 첫날 미사일 1천발 발사\"…美 싱크탱크 워게임 결과", "", False),
    ("ko", "내년 국방예산안…'北 미사일 발사 원점 타격' 킬체인에 7조", "", False),
    ("ko", "김여정 \"우리 미사일 발사 문제 삼는 건 강도적 논리\"", "", False),
    ("ko", "해변서 '로켓 폭죽' 3만발 쏘아 올린다…불꽃축제", "", False),
    ("ko", "北, '화성-17형 ICBM 발사 성공' 2주년 기념우표 발행", "", False),
    ("ko", "軍, 내일 서북도서서 다연장로켓 해상사격", "", False),
    ("ko", "'미사일 서브' 쏜 레오, 서브에이스 7개…3연승", "", False),
    ("ko", "[알기쉬운 뉴스] ICBM '고각 발사'와 '정상각도 발사', 뭐가 다를까", "", False),
    ("ko", "日 J얼럿 시험…\"미사일 발사\" 훈련 문구에 주민 화들짝", "", False),
    ("ko", "[그때 오늘] 1991년 이라크 스커드 미사일, 텔아비브에 떨어지다", "", False),
    ("ko", "\"포탄·미사일 날아와도 버틴다\"…주민대피시설 새단장", "", False),
    ("ko", "대포동 1호 미사일 日 열도 넘어 날아간 지 25년", "", False),
    # Near misses: launches and where they fell, as their reports tell them.
    ("ko", "北, 탄도미사일 발사…日 \"EEZ 밖 낙하\"", "", True),
    ("ko", "北, 동해상으로 미사일 쏴…합참 \"비행거리 800㎞\"", "", True),
    ("ja", "北朝鮮が弾道ミサイル発射　防衛相「EEZ外に落下」", "", True),
])
def test_launch_verbs_in_headlines_that_report_none(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # An agreement on launch-warning data, a submarine able to launch, the words of an alert
    # sent in error, a civil rocket put off again, a moratorium discussed, a strike range.
    ("ja", "日米韓首脳、北朝鮮ミサイル発射の警戒データ共有で合意", "", False),
    # A weapon told by what its launcher does, in the nonpast: any such launch, none that happened.
    ("ja", "日米韓、探知データの共有を開始", "3カ国は北朝鮮が発射する弾道ミサイルの探知データを即時に共有する。", False),
    ("ko", "한미일, 미사일 정보 실시간 공유 개시", "3국은 북한이 발사하는 탄도미사일 정보를 실시간으로 공유한다.", False),
    ("ja", "北朝鮮が発射した弾道ミサイル、日本海に落下", "", True),
    ("ko", "北, '미사일 발사 가능' 전술핵잠수함 진수", "", False),
    ("ko", "하와이 '탄도미사일 공격' 경보는 오발송…주민 공포", "", False),
    ("ko", "블루오리진 '뉴 글렌' 로켓 발사 또 연기", "", False),
    ("ko", "북미 협상서 '미사일 발사 유예' 논의", "", False),
    ("ko", "\"北 화성-18형, 美 본토 전역 타격권\"…국방부 보고", "", False),
    # Near misses: a launch that failed after a "but", a launch and the readiness after it.
    ("ko", "北 군사정찰위성 쐈지만…\"1단 비행 중 공중 폭발\"", "북한이 군사정찰위성을 탑재한 발사체를 발사했으나 공중에서 폭발했다고 합참이 밝혔다.", True),
    ("ko", "北, 동해상으로 미사일 발사…군 \"추가 발사 대비\"", "합참은 북한이 오전 동해상으로 단거리 탄도미사일 1발을 발사했다고 밝혔다.", True),
])
def test_agreements_abilities_alerts_and_moratoriums(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch
