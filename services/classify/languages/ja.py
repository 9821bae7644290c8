"""Japanese: the words of the Japanese table, read by the verb-final reader.

Japanese has no spaces between words and puts the main verb last, so a launch verb's
framing (modal, subordinate) follows it.
"""

from __future__ import annotations

import re

from schemas.places import FACILITY_NAMES
from services.classify.fastpattern import compile_fast
from services.classify.languages.quantities import QUANT
from services.classify.languages.table import LanguageTable, SharedWords

_FACILITY = "|".join(name for name in FACILITY_NAMES if re.fullmatch(r"[\u4e00-\u9fff]+", name))
# A launch verb after a site in its sentence: launched, put up, test-fired.
_LAUNCH_AFTER = r"[^。\n]{0,40}?(?:発射|打ち上げ|試射)"

_I = re.IGNORECASE
# An editorial's or an analysis's label: "【社説】", "＜社説＞", "社説：".
_GENRE_LABEL = r"[【＜<〈](?:社説|主張|解説|コラム|論説|分析|視点|時論)[】＞>〉]|(?:社説|主張|コラム)\s?[:：]|[（(](?:声|投稿|社説)[）)]"

SHARED = SharedWords(
    civil_space=(r"宇宙航空研究開発機構|\bH3\b|H3ロケット|H2A|H-?IIA|イプシロン|種子島|内之浦|スペースX"
                 # South Korea's civil rockets and their space centre, as Japanese outlets name them.
                 r"|ヌリ号|ナロ号|羅老宇宙センター|ナロ宇宙センター|韓国航空宇宙研究院"
                 r"|インターステラ|スペースワン|カイロス|串本|スペースポート紀伊|大樹町|民間ロケット|観測ロケット|気象ロケット|宇宙ベンチャー"
                 r"|情報収集衛星|準天頂衛星|みちびき|だいち|ひまわり|はやぶさ"
                 # China's civil rockets and station ("長征5号B", "天宮").
                 r"|長征|天宮|神舟|宇宙ステーション"),
    defence=r"迎撃(?:ミサイル|システム|態勢|体制|能力)|ミサイル防衛|PAC-?3|イージス|THAAD|サード|パトリオット|アイアンドーム|SM-?3",
    non_missile=r"滑空爆弾|誘導爆弾|風船|ドローン|無人機|戦闘機|爆撃機|砲撃|砲弾|警告射撃|エンジン燃焼試験|燃焼試験|核実験",
    # "発射から25年", "侵攻3年", "あの日から": a look-back (not "5年ぶり", "3年間", "2年連続").
    retrospective=(r"周年|年前|(?:きょう|今日)は何の日|(?:から|より)\s?\d{1,3}\s?年(?!ぶり|間|連続|目)"
                   r"|(?:侵攻|開戦|戦争|発射)\s?\d{1,3}\s?年(?!ぶり|間|連続|目)|(?:侵攻|開戦)\s?\d{2,4}\s?日(?!ぶり|間|連続|目)|の記憶|あの日"
                   # Restored or rebuilt: long after ("ミサイル着弾で損傷の大聖堂、修復終え再開").
                   r"|修復(?:を)?終え|再建(?:され|した|を終え)"),
    look_back_label=r"(?:きょう|今日)は何の日|【あの日から】|【(?:年表|振り返り|時系列|一覧)】",
    always_looks_back=r"修復|再建",
    obituary=r"死去|逝去|訃報|永眠",
    superlative=r"最多|最大|最長|最高|最悪|過去最|最も",  # after a period: it compares one launch ("過去5年で最多")
    # The supply, sale or making of weapons: no launch told ("ミサイル供与", "追加支援").
    supply=r"支援|供与|供給|輸出|売却|提供|移転|生産|量産|配備|導入|購入|調達|搬入|搬出",
    # ... and a range claimed, a capability: "射程2000キロ", "米本土を射程圏に".
    anticipation=r"警戒|備え|懸念|恐れ|威嚇|対処(?:の|する)?(?:共同)?訓練|射程|(?:飛行|到達|攻撃|迎撃|撃墜)可能",
    # After a class: what the launch answers ("北朝鮮のICBM発射に対抗し").
    other_event_after=r"(?:に|への)(?:対抗|対応|報復)",
    sport=r"優勝|全国大会|決勝弾|決勝点|先制弾|打球|\d+号(?:ソロ|2ラン|3ラン|満塁)|ゴール|シュート|本塁打|ホームラン|リーグ|サッカー(?!場)|野球(?!場)|得点",
    work_title=r"「[^」]{1,30}」(?:展|特別展|企画展)|(?:NHK)?スペシャル「[^」]{1,30}」|を描(?:く|いた)(?:舞台|映画|ドラマ|作品|小説|漫画|アニメ|演劇)|(?:監督|映画|ドラマ|アニメ|ゲーム|小説|漫画|マンガ|舞台|作品|番組|楽曲|新曲|曲|絵本|写真集)\s?(?:「[^」]{1,30}」|『[^』]{1,30}』)",
    # Opinion, analysis and explainers: "【社説】...", "「キンジャール」とはどんな兵器か".
    genre_label=_GENRE_LABEL,
    explainer_start=_GENRE_LABEL + r"|【(?:図解|Q&A|インタビュー|深層|識者)】",
    digest=r"データで見る|数字で見る|年表|まとめ|振り返る|一覧|(?<![\u4e00-\u9fff])主な",
    explainer=r"とは(?:どんな|何|なに|\s|　|？|\?|$)|のか(?=[\s　]|$)|の意味(?=[\s　]|$)|なぜ|狙いは|理由は|理由$|解説|読み解く|早わかり|どうする|守り方|備え方|何が違う|違いは|図解",
    # A period a total is told over ("今年の発射は30発超"); see `TABLE.total_count`.
    aggregate=(r"(?:今年|ことし)(?:に入って|に入り|は|の|だけで)?|昨年|去年|年初から|年明け以降|(?:侵攻|開戦|侵攻開始|政権発足)(?:以降|以来|から|後)|これまでに|累計|通算"
               r"|(?:過去|この|ここ)\s?\d+\s?(?:年|か月|カ月|ヶ月)(?:間)?(?:で|に)?|(?:体制|政権)下"
               r"|\d{4}\s?年(?:\s?\d{1,2}\s?月)?(?:以降|以来)|(?:戦闘|戦争|侵攻|衝突)(?:開始)?から\s?\d+\s?(?:年|か月|カ月)"
               r"|\d+\s?(?:年|か月|カ月|ヶ月|日)間|(?<!\d)\d{1,2}\s?(?:年|か月|カ月|ヶ月|週間)で|先月(?!上旬|中旬|下旬|末|初め)|上半期|下半期|年間"
               r"|(?:戦闘|戦争|侵攻|衝突|開戦)(?:開始)?(?:から)?\s?\d+\s?(?:日|年|か月|カ月)(?!ぶり|目)"
               # A year or a month as a whole: "22年は", "2022年の1年間", "9月の1カ月間".
               r"|(?<!\d)(?:19|20)?\d\d\s?年(?:は|の1年間|の一年間|中に?|だけで)"
               r"|(?<![\d年/])\d{1,2}\s?月(?:の(?:1|一)\s?(?:か月|カ月|ヶ月)間?|中に?|だけで)"),
    # A count of occasions is a total whatever the period ("攻撃100回超"; not "20回目").
    # ... and a month with no day, which dates a total only with its count ("9月にミサイル約230発").
    total_period=r"\d{2,}\s?回(?!目)|(?<![\d年/])\d{1,2}\s?月(?:に|の|は)(?!\d|入)",
    flight_detail=r"落下|飛翔|飛しょう|最高高度|高度|EEZ|排他的経済水域|通過|Jアラート",
    satellite=r"衛星",
    military_space=r"偵察|軍事",
    vague_count=r"数発|数十発|数百発|数千発|十数発|複数",
    magnitude_count=r"数十発|数百発|数千発|十数発",
    altitude=r"高度",
    missile_noun=r"ミサイル",
    restored=r"修復|再建",
    harmed=r"損傷|損壊|破壊|被弾|被害",
    generic_sea=r"海上(?!保安|自衛|幕僚)",  # (not the Coast Guard's or the navy's name: 海上保安庁, 海上自衛隊)
    count_period=r"累計|これまでに|以来",
    # ... and an authority's topic right before the clock ("海上保安庁は18日午前10時20分、...と
    # 発表した": the announcement's time; not "北朝鮮は18日午前9時59分ごろ", the launcher's).
    sea_origin_after=r"(?:(?:上|海域)?の[^、。\s]{0,8})?から(?!約|およそ|\d)",
    other_time_before=r"空襲警報|警報|サイレン|Jアラート|投稿|会見|発表|航行警報"
                      r"|(?:省|庁|本部|司令部|官邸|通信)は\s*(?:\d{1,2}\s*月\s*)?(?:\d{1,2}\s*日\s*)?$",
    # "朝鮮中央通信は14日、...": the day an authority or an agency said it.
    statement_before=r"(?:省|庁|本部|司令部|官邸|通信|報道官|長官|メディア|新聞|テレビ|放送|部門)は\s*$",
    heading=r"(?:北東|北西|南東|南西|北|南|東|西)(?:の)?方向(?:に|へ)",
    credit_after=r"(?:によると|によれば|によりますと)",  # (the last, NHK's polite form)
    sayer_after=r"(?:が|は)?(?:声明|発表)",  # a headline's "革命防衛隊が声明", "韓国軍発表"
    # "国防省は14日、...と発表": a name dated by its statement reports (not "北朝鮮は14日午前、
    # ...を発射した。", the launcher dated by its launch).
    # "イスラエル軍は、ガザからロケット弾2発が発射され、...と発表した": the subject of a sentence
    # that tells a passive launch (no launch of its own before it) is its reporter or target.
    reporter_after=(
        r"\s*(?:当局|政府|防衛省|は\d+日(?![^。]{0,55}?(?:発射|打ち上げ)し(?:た)?(?:。|$)))"
        # "韓国軍合同参謀本部によりますと": the name of a source credited.
        r"|[^、。\s「」]{0,12}?(?:によると|によれば|によりますと)"
        r"|(?:軍|政府|当局|側)?(?:は|が)、?(?:(?!発射し|打ち上げ(?!られ)|撃っ|撃ち込ん)[^。]){0,50}?"
        r"(?:発射され|打ち上げられ|撃ち込まれ|飛来し)"
        # "韓国軍、北朝鮮による弾道ミサイル発射を確認": the subject that confirms or detects a
        # launch, told as a noun, is its reporter.
        r"|(?:軍|政府|当局|側)?(?:は|が|、)、?[^。]{0,40}?(?:(?:発射|打ち上げ)(?:実験)?(?:の兆候)?"
        r"|(?:ミサイル|ロケット弾|砲弾)[^。を]{0,8}?)を(?:確認|探知|把握|捕捉|観測)"
    ),
    kinds=(
        ("icbm", r"大陸間"), ("slbm", r"潜水艦発射弾道"), ("irbm", r"(?<!準)中距離|中長距離"), ("mrbm", r"準中距離"),
        # ... and types whose name implies their class, as in English.
        ("srbm", r"短距離|イスカンデル|スカッド|火星11"), ("hypersonic", r"極超音速|キンジャー?ル|[ジツ]ィ?ルコン"),
        ("cruise", r"巡航|トマホーク|カリブル|ストームシャドー|ネプチューン|フラミンゴ|ブラモス"), ("satellite_launch", r"衛星(?![」』]?と称する)"),
        # ("「衛星」と称する弾道ミサイル": what the launcher calls it; the missile is the kind.)
        ("artillery_rocket", r"多連装|放射砲|ハイマース|カチューシャ"), ("ballistic", r"弾道"), ("rocket", r"ロケット"), ("unknown", r"飛翔体|飛しょう体"),
    ),
    seas=(
        ("Sea of Japan", r"日本海"), ("Yellow Sea", r"黄海(?![南北]?道)"), ("Pacific", r"(?<!インド)太平洋(?!軍)"), ("Atlantic", r"大西洋"),
        ("Mediterranean", r"地中海"), ("Red Sea", r"紅海"), ("Black Sea", r"黒海"), ("Persian Gulf", r"ペルシャ湾"),
        ("Bay of Bengal", r"ベンガル湾"), ("White Sea", r"白海"), ("Sea of Okhotsk", r"オホーツク海"),
        ("East China Sea", r"東シナ海"), ("South China Sea", r"南シナ海"), ("Arabian Sea", r"アラビア海"),
        ("Taiwan Strait", r"台湾海峡"), ("Gulf of Aden", r"アデン湾"),
        ("outside Japan's EEZ", r"EEZ[)）]?(?:=排他的経済水域)?(?:の)?外|排他的経済水域[(（]?(?:EEZ)?[)）]?(?:の)?外"),
        ("inside Japan's EEZ", r"EEZ[)）]?(?:=排他的経済水域)?(?:の)?内|排他的経済水域[(（]?(?:EEZ)?[)）]?(?:の)?内"),
    ),
    actor_forms=(
        ("PRK", r"朝鮮(?!半島)"),  # the peninsula is not the state
        ("JPN", r"日本(?!海)"),  # the sea is not the state
        ("RUS", r"露"),
        # "米空軍、", "米英軍、", "米韓": the US by its one-character name (not "南米", "北米").
        ("USA", r"(?<![南北中欧])米(?=[、\s]|空軍|海軍|陸軍|宇宙軍|海兵隊|政府|当局|英|韓|日|比)"),
        # "英海軍、", "英原潜の" (not "英紙", a paper; not "米英", the US's ally named second).
        ("GBR", r"(?<![米])英(?=[、\s]|軍|空軍|海軍|陸軍|国防省|政府|当局|原潜)"),
    ),
)

TABLE = LanguageTable(
    qualifier_after=compile_fast(r"が(?:[^、。が]{0,8}?)(?:併合|占領|実効支配|支配)(?:した|する|している|下の|下にある)"),
    code="ja",
    verb_final=True,
    unspaced=True,
    default_zone="Asia/Tokyo",
    weapons=compile_fast(
        r"ミサイル|弾道|巡航|ICBM|SLBM|IRBM|SRBM|ロケット弾|(?<!モデル)(?<!ペットボトル)(?<!水)(?<!気象)(?<!観測)ロケット(?!エンジン|鉛筆|スタート|ダッシュ|団)|人工衛星|偵察衛星|衛星|飛翔体|飛しょう体|発射体"
        r"|火星-?\d+|多連装|放射砲|ロケット砲|極超音速|誘導弾|誘導兵器|ネプチューン|SM-?[236]|迎撃ミサイル"
        r"|スカッド|ノドン|テポドン|トマホーク|キンジャール|イスカンデル|カリブル|ストームシャドー|ハイマース|ブラモス|ATACMS"
        # Other states' missiles by name: India's, Pakistan's, Iran's, Russia's, the US's, China's.
        r"|アグニ|プリトビ|シャヒーン|ガウリ|バブール|ファッターフ|セジール|シャハブ|ホラムシャフル|サルマト|ヤルス|オレシュ?ニク|ミニットマン|東風-?\d+|DF-?\d+",
        _I,
    ),
    not_fired_after=compile_fast(r"(?:[・･]?ミサイル)?(?:「[^」]{1,12}」)?(?:部隊)?の?(?:基地|拠点|工場|施設|陣地|倉庫|貯蔵|保管|格納|製造|メーカー|関連株|関連企業|予算"
                                    r"|司令官|指揮官|幹部|発射台|発射機|発射(?:拠点|施設|陣地|装置|基地))"),
    # (Allies' drills in answer to a launch: "北朝鮮ミサイル発射受け共同空中訓練", as "합동 훈련".)
    reaction=compile_fast(r"会議|協議|開催|抗議|非難|制裁|安保理|決議|遺憾|反発|批判|容認|自制|談話|訴え|脅かす|反応|要望|懸念"
                          # (Not the drill a launch came during or answered: "共同訓練の最中に", "訓練に反発".)
                          r"|(?:共同|合同)(?:空中|海上|防空|対処)?(?:訓練|演習)(?!の最中|中|期間|に(?:反発|対抗|合わせ))"
                          # A court's news: "男に猶予判決　福岡地裁".
                          r"|明言|新作|配信開始|回想|述懐|机上演習|合意|論戦|質疑|答弁|予算委|外交防衛委|安全保障委|要請|要求|会合|証言|講演|報告書|専門家パネル|戸惑い|困惑|不安の声|憤り|心配|シンポ|学会|研究会|講習会|説明会|誤(?:って|放送|配信|送信|発信)|判決|地裁|高裁|最高裁|訴訟|提訴|賠償|起訴|書類送検|逮捕|謝罪"
                          r"|会談(?!直前|直後|を前に|前|中|当日)"),
    consequence=compile_fast(r"冷静|日経平均|株価|株式市場|円相場|円安|円高|円買い|値下がり|原油|先物|国会(?!で(?:明らかに|報告|説明))|住民|祝賀|表彰"
                             r"|見合わせ|運休|欠航|回避|迂回|休校|旅行者|観光客|旅行会社|小幅(?:高|安)|続落|続伸|反落|(?:韓国|米国|日本|中国|アジア)株|(?:海運|防衛|関連|空運|石油|旅行|防衛関連)株|株高|株安|ストップ高|ストップ安"),
    shared=SHARED,
    launch_verbs=compile_fast(r"発射(?!台|場|施設|機|装置|体|弾道|能力|車両|車|筒|管|基地|拠点|型)|打ち上げ|試験射撃|(?<!警告)射撃(?!場|手|能力|管制|統制|を(?:警告|予告))|撃っ|撃ち|落下(?!の?(?:海域|地点|場所|予想))|(?:(?<=ミサイル[がは])|(?<=弾[がは]))落ち(?=た)|飛翔(?!体)|飛しょう(?!体)|通過|着弾|直撃|命中|攻撃(?!能力|型|用|力)|(?<!滑)空爆|試射|飛行試験|迎撃試験|迎撃(?=し(?:た|て)|され|に成功|[、。…」』\s]|$)|墜落|破片|残骸|撃墜|撃沈|飛行(?=し)|(?:(?<=キロ)|(?<=km))飛行(?!可能|能力)"),
    launch_words=frozenset({"発射", "打ち上げ", "試験射撃", "射撃", "試射", "飛行試験", "撃っ", "撃ち"}),
    modal_after=compile_fast(
        # ... or what is braced for: "ミサイル攻撃に警戒強める".
        # Until it lands, or to stop it: "着弾までの18分", "発射を阻止".
        r"^まで(?:の|に|\s?\d|あと)|^を?(?:阻止|阻む|防ぐ|防い)|^を?繰り返(?:す|してきた|している)"
        # ... a habit, an ongoing run, a launch called off: "撃ち続ける", "発射が続いている", "発射見送り".
        r"|^続け(?:る|て)|^が?(?:続いて|相次いで)(?:いる|おり)|^(?:を|の)?(?:見送|取りやめ|取り止め|中止)"
        r"|^(?:の)?応酬(?:の)?(?:懸念|恐れ|警戒)"
        # ... what is watched for: "発射の警戒データ"; a weapon told by what its launcher does,
        # in the nonpast before it ("北朝鮮が発射する弾道ミサイルの探知データ"): any such launch.
        r"|^の(?:警戒|探知|追跡)(?:データ|情報|態勢|システム)"
        r"|^(?:する|される)(?=[^\s、。]{0,6}?(?:ミサイル|ロケット|弾))"
        r"|^(?:訓練|演習|実験|試験)?(?:や[^\s、。]{1,8}?)?(?:する|の|を|が|\s)*(?:可能性|可能な|可能に|可能か|でき(?!な|ず)|危険|実施する(?=と|予定|方針|計画|見通し)|予定|計画|準備|兆候|通報|予告|構え|恐れ|懸念|方針|場合|リスク|脅威|へ(?:$|\s|、|…)"
        r"|(?:など|等)?(?:の[^\s、。]{1,4})?[にを](?:警戒|備え)"
        # One of a class of emergencies: "弾道ミサイル発射や大規模災害の発生時に使う".
        r"|(?:や|など|等)[^\s。]{0,12}?(?:時に|際に|緊急時|災害時|有事)|(?:など|等)の(?:緊急)?(?:情報|警報|知らせ)"
        # A condition: "発射したら", "落ちたら", "発射すれば".
        r"|(?:し|され)?たら|(?:すれ|されれ)ば|(?:した|された)場合|(?:する|した)?なら(?=[、\s　]|$)"
        # What is to be done, in the nonpast that ends a quote ("打ち上げる」", "攻撃する」").
        r"|(?:す)?る(?=[」』]|と(?:の|警告|表明|述べ|強調|主張|威嚇))"
        # What to do when one is fired: "発射時の避難", "落下時の身の守り方", "発射時の運転見合わせ手順".
        r"|時の?[^\s、。]{0,8}?(?:対応|手順|避難|行動|身の守り|警報|Jアラート|Ｊアラート)"
        # A term explained, its quote closed by "とは" ("「EEZ外に落下」とは", what the words mean).
        r"|^[^」\s、。]{0,6}」とは)"
    ),
    # "近くミサイル発射か　衛星画像で兆候" (soon; not "空港近くに着弾", near a place).
    # ... a time to come or a plan ("発射試験を来月実施へ", "試験を行うと発表"), a likelihood
    # of an act to come ("攻撃に踏み切る可能性が高い"; not "弾道ミサイルである可能性", a
    # launch's hedged kind).
    modal_near=compile_fast(r"兆候|予告|通報|計画(?!の一環|内|通り|どおり)|予定(?!の?(?:海域|区域|地点|軌道)|通り|どおり)|準備|構え|(?<![\u4e00-\u9fff\u30a0-\u30ff])近く(?!の)|近日|恐れ|示唆|想定|通告|通知|試験放送|(?:数日|数週間|数か月|数カ月)(?:以)?内(?:に)?|近い(?:か|との|と)|たび(?:に|ごと)?|傾向|発射へ|打ち上げへ|搭載可能|搭載でき"
                            r"|(?:来月|来週|来年)(?:中旬|上旬|下旬|初め|末)?(?:に|にも)?(?:実施|行う|予定|発射|打ち上げ)|実施へ|行う(?:と|方針)"
                            r"|(?<!であ)る可能性|う可能性"),
    # "数日内に弾道ミサイル発射か", "来月にも衛星打ち上げ": a time to come before the verb.
    ahead=compile_fast(r"(?:数日|数週間|数か月|数カ月|数ヶ月|近日)(?:以)?(?:内|中)に|(?:来月|来週|来年|年内)(?:中旬|上旬|下旬|初め|末|中)?(?:に|にも)"
                       # "今週中にも打ち上げか": as early as.
                       r"|(?:今週|今月|週内|月内|今年)(?:中)?にも|(?<![\u4e00-\u9fff])(?:あす|あした|明日|あさって)"),
    condition=compile_fast(r"(?:れ|け|せ|て)ば(?=[、\s　]|$)|たら(?=[、\s　]|$)|なら(?=[、\s　]|$)"),
    # ... or a work's theme: "ミサイル発射を題材にした映画", "発射を描く".
    subordinate_after=compile_fast(r"^(?:を受け|受け|に対し|に抗議|に関し|について|に「|を巡り|巡り|をめぐり|めぐり|に伴い|に伴う"
                                   r"|を題材|を描(?:く|い)|をモチーフ|(?:した|された)?(?:こと)?を受け|への(?:報復|対抗|反撃)|に対する(?:報復|対抗|反撃)"
                                   # ... or of a feeling: "ミサイル落下に漁業者から不安の声".
                                   r"|に(?=[^\s、。]{0,8}?(?:から|が)?(?:不安|懸念|戸惑|困惑|憤|怒り|動揺|衝撃)))"),
    # "発射情報で新幹線見合わせ": the launch as the cause of the headline's news (a strike's
    # "空爆で3人死亡" is its aftermath).
    # ... or what honours it: "発射成功の記念切手".
    cause_after=compile_fast(r"^(?:の)?(?:情報|報道|ニュース)?で(?![\d、。\s])|^(?:成功)?の?記念(?!日)"),
    time_after=compile_fast(r"^(?:後|以降|以来)、?初|^から(?:一夜|一日|一週間|\d+日|\d+週間)"),
    motive_before=compile_fast(r"(?:演習|訓練|制裁)(?:に|を)?\s?$"),
    # "日本海に向け弾道ミサイル": a weapon with only a direction, the verb left out; or
    # with "again" ("2日連続で弾道ミサイル").
    # (Not "へ" before a space, which ends a clause of its own: "1番艦の起工へ　迎撃ミサイル".)
    toward=compile_fast(r"(?:(?:に向け|へ向け|に向けて|方向に|方面に|連続で|再び|またも)\s?|[^\s、。]へ)$"),
    # "キーウにミサイル攻撃", "ウクライナ全土にミサイル数十発": where the launch went, a place
    # before its dative or heading with the weapon after it in the phrase (not a time: "未明に";
    # not a sea, which the seas' table reads).
    target_place=compile_fast(
        r"(?P<place>(?<![ァ-ヴー])[ァ-ヴー]{2,10}(?:全土|各地|南部|北部|東部|西部|中部|周辺)?"
        # (Nor a date's day: "2日未明に".)
        r"|(?<![一-龥\d０-９])(?!午前|午後|未明|深夜|早朝|今月|先月|同日|当日|前日|昨年|今年|過去|初め|同時)"
        # A common noun alone says no place ("方面に", "方向へ", "中心部に", "首都に", "施設に").
        r"(?!(?:対象|方面|方向|敷地内|中心部|首都|目標|\w{0,2}水域|周辺|施設|港湾施設|全土|各地|地域|付近|近郊|領内|領土|上空|本土)"
        r"(?:に|へ))[一-龥]{2,4}(?<![海洋沖湾])(?<!方向)(?:全土|各地|南部|北部|東部|西部|中部)?)"
        # (Not "による", "に対する", "について": by whom, against what, about what; "など",
        # "and others", may follow the place: "首都キーウなどに向けて".)
        r"(?:など)?(?:に向けて|に向け|へ向け|へ|に(?!よる|よって|より|対する|対し|ついて|関する|おける|Jアラート|避難))"
        r"(?=[^、。\s「」『』]{0,25}(?:ミサイル|ロケット|弾))"
        # ... or with the launch verb after it, the weapon told before: "6発をロシア西部ブリャンスク州の
        # 軍事施設に向けて発射"; or what was attacked with the weapon: "ドニプロの軍需工場を
        # 新型ミサイル「オレシニク」で攻撃".
        r"|(?P<place_fired>(?:[ァ-ヴー]{2,10}の|[一-龥ァ-ヴー]{2,12}の)?(?<![ァ-ヴー])"
        r"(?!(?:対象|方面|中心部|首都|目標|\w{0,2}水域|周辺|全土|各地|地域|付近|近郊|領内|領土|上空|本土)(?:に|へ|を))"
        r"[一-龥ァ-ヴー]{2,12}(?<![海洋沖湾域])(?<!方向)(?<!方面))"
        r"(?:(?:に向けて|に向け|へ向けて|へ向け)(?=[^、。\s]{0,4}(?:発射|撃ち込|打ち込|飛ば))"
        r"|を(?=[^、。]{0,30}?で(?:攻撃|空爆|爆撃))|に(?=到達|着弾))"),
    saying_end=compile_fast(r"(?:発表|明らかに|公表|主張|確認|説明|投稿|発信)(?:した|している|しました)$|(?:述べ|伝え|報じ)た$"),
    speaker_clause=compile_fast(r"(?:^|(?<=[、。\s]))(?P<s>[^、。\s「」]{2,25}?)(?:によると|によれば|によりますと)"),
    topic_speaker=compile_fast(r"\s*(?:【[^】]{1,20}】\s*)?(?P<s>[^、。\s「」()（）]{2,30}?(?:[(（][^()（）]{1,20}[)）])?)は(?!じめ)"),
    # "北部にロケット弾約30発": a target before a weapon that ends the headline's phrase.
    # ... with the launcher's name between ("キーウにロシアの極超音速ミサイル").
    # (Not a parade or a ceremony a weapon is shown at: "軍事パレードに新型ICBM".)
    # ... or where it came from, with its count ("ガザから数十発のロケット弾").
    target_before=compile_fast(r"(?:(?<!パレ)(?!式典に|展示会?に|会場に)[^\s、。「」]{2}に(?:[^\s、。「」の]{1,6}の)?"
                               r"|[^\s、。「」]{2}から(?:約|およそ)?(?:\d+|[数十百千]+)発の?)"
                               r"(?:極超音速|弾道|巡航|新型|長距離|短距離|中距離|対艦){0,2}$"),
    heading_after=compile_fast(r"[、\s]?(?:また|再び|またも)?(?:日本海|太平洋|東シナ海|黄海)(?:へ|に)(?=$|…|、|\s)"),
    # A headline's attack with no weapon, and its aftermath, which the policy counts as its
    # report ("司令部を攻撃", "死者45人に"), when the summary names the missiles.
    headline_attack=compile_fast(r"攻撃|空襲|着弾|直撃|猛攻|被弾|死者|死亡|負傷|損壊|被害|行方不明|停電|断水|火災|爆発"),
    # ... or its waters or sky: "日本のEEZ内に", "台湾の周辺海域".
    # (Not "による", "によって": by whom.)
    # "北朝鮮の弾道ミサイル発射への対抗措置として": what is answered is no launcher of the answer.
    # ("ロシア黒海艦隊の司令部がミサイル攻撃を受けた": the subject of an attack received.)
    target_after=compile_fast(r"[^\s、。,が]{0,12}?が[^\s、。,]{0,8}?(?:攻撃|空爆|爆撃|砲撃)を受け"
                              r"|(?:の[^\s、。,]{0,15}?)?(?:への|に)(?:対抗|対応|報復)"
                              r"|[^\s、。,]{0,3}?(?:に(?!よ)|へ|を)|(?:上空|本土|領|方面)"
                              # "露軍弾薬庫を攻撃": a compound whose head is what was struck.
                              r"|(?:空|海|陸)?軍[^\s、。,「」]{1,5}?を(?=攻撃|空爆|爆撃|破壊)|(?=攻撃|空爆|爆撃)"
                              r"|の?(?:EEZ|排他的経済水域|領海|領空|上空|沖|近海|周辺|本土|領土|首都|[北南東西]{1,2}部|中部|各地|全土|全域)"
                              # "日本関係の貨物船に": a ship of the state's, which was hit.
                              r"|(?:関係|企業|船籍|籍|系|所有|運航)の?[^\s、。,]{0,8}?(?:船|タンカー|船舶)"),
    # ... or the agent: "ヒズボラによる攻撃" (not "防衛省によると", a source; not the agent of
    # what is answered, "インドによる攻撃への報復"). Not the subject
    # of a clause that supplied a weapon or holds a place ("英国が供与した巡航ミサイル").
    subject_after=compile_fast(r"(?:軍|政府|当局|側|国防省|国防総省|反政府勢力|武装組織|武装勢力|大統領|派)?(?:が|は|によ(?:る(?!と|[^、。\s]{0,6}?への)|って))"
                               r"(?![^、。\s]{0,4}?(?:供与|提供|供給|開発|製造|生産|占領|支配|管理)(?:した|する|して|し、))"),
    # "北朝鮮の", "フーシ派の", "北朝鮮による" before the weapon: its owner.
    owner_between=compile_fast(r"(?:派|軍|武装勢力)?(?:の|による)?(?:[A-Za-z0-9\s-]|級|型|新型|極超音速|弾道|巡航|短距離|中距離|長距離|大陸間|準中距離)*$"),
    # "ウクライナ空軍「全て撃墜」", "韓国軍が迎撃": it shot the launch down (not "迎撃ミサイル", an
    # interceptor it fired).
    defender_after=compile_fast(r"(?:軍|空軍|防空部隊|当局)(?:は|が)?、?「?[^。「」]{0,10}?(?:撃墜|迎撃)(?!ミサイル|弾|システム|体制)"),
    instrument_after=compile_fast(r"で(?!は)"),
    maker_after=compile_fast(r"製|産(?=の?(?:ミサイル|弾道|巡航|兵器|ロケット))"),
    coordinated_between=compile_fast(r"(?:と|・|、)$"),
    # "ヒズボラが犯行声明", "ハマスが攻撃を認めた": the side that claims the attack.
    claimant_after=compile_fast(r"(?:派|軍|武装組織|武装勢力)?(?:が|は)?、?(?:犯行声明|(?:攻撃|発射|関与)を(?:認め|主張))"),
    # "リベリア船籍", and "ミャンマー民主派", "シリア反政府勢力": a state's opposition is not the state.
    # ... and a ship's or its operator's country ("英国企業が運航するタンカー", "英タンカー").
    owner_after=compile_fast(r"船?籍|の?(?:民主派|反政府|反体制|抵抗勢力|少数民族武装)"
                             r"|国?(?:企業|会社|海運|船会社|船主)(?:が|の)|国?の?(?:タンカー|貨物船|商船|船舶|コンテナ船)"),
    # (基 counts rockets and missiles, not satellites: "人工衛星3基")
    counts=compile_fast(r"(?:少なくとも|約)?\s*(?<!衛星)(?P<n>\d{1,4})\s*(?:発(?!目|射|表|生|言|売|見|電|足|進|展|明|動)"
                        r"|基(?!地|準|本|金|盤|礎|幹|調|づ))"),
    distances=(
        compile_fast(rf"(?:飛翔距離|飛行距離)(?:は)?\s*(?:約|およそ)?\s*{QUANT}", _I),
        compile_fast(rf"(?:約|およそ)?\s*{QUANT}\s*(?:程度|ほど|余り|以上)?[^。\n]{{0,22}}?(?:飛翔|飛しょう|飛行)", _I),
        # ... or to the target it hit: "約40キロ離れた海上の標的船に命中".
        # ("1000キロ離れた日本海の水域に着弾", "800キロ先の日本海上の目標水域を正確に打撃")
        compile_fast(rf"(?:約|およそ)?\s*{QUANT}\s*(?:離れた|先の)[^。、\n]{{0,12}}?(?:標的|目標|水域|海域)[^。、\n]{{0,6}}?"
                     rf"(?:に命中|に着弾|を(?:正確に)?打撃)", _I),
    ),
    apogees=(compile_fast(rf"(?:最高)?高度(?:は|が)?\s*(?:いずれも|それぞれ|ともに)?\s*(?:約|およそ)?\s*{QUANT}", _I),),
    # Where it was fired from: a run of kanji and katakana (with "の" between two, a reading
    # in brackets and "付近" after) before "から", a launch verb after it in the sentence
    # ("北朝鮮西岸の黄州（ファンジュ）付近から ... 発射"; not the launch itself, "発射から間もなく").
    # (Not a time: "前日夜から同日未明にかけて", "13日夜から14日未明にかけ".)
    launch_sites=(re.compile(
        r"(?<![前同当昨今本\d０-９])(?!前日|同日|当日|昨日|今日|本日|未明|深夜|午前|午後|今朝|昨夜|夜)"
        r"(?P<site>[\u4e00-\u9fff\u30a0-\u30ffー々]{2,12}(?:の[\u4e00-\u9fff\u30a0-\u30ffー々]{2,10})?"
        r"(?:[（(][\u30a0-\u30ffー]{1,12}[）)])?(?:付近|周辺|近郊|一帯)?)(?<!発射)(?<!打ち上げ)から"
        rf"(?={_LAUNCH_AFTER})"),
        # With "で" too, a facility (`schemas.places.Site.facility`: "東倉里付近で", "新浦沖で")
        # or a place whose last word says it is a base, a range or a province ("パルマヒム空軍
        # 基地で", "慈江道で"; not Japan's own 北海道 nor a trajectory, 軌道), or its vicinity
        # ("ホデイダ周辺で") ... 発射.
        re.compile(
            rf"(?P<site>(?:[\u4e00-\u9fff]{{2,6}}の)?(?:{_FACILITY})(?:[（(][\u30a0-\u30ffー]{{1,12}}[）)])?"
            rf"(?:付近|周辺|近郊|一帯|沖)?(?:の海中|の海上)?)(?:から|で)(?={_LAUNCH_AFTER})"),
        re.compile(
            r"(?P<site>(?:[\u4e00-\u9fff]{2,6}[の・])?[\u4e00-\u9fff\u30a0-\u30ffー]{1,12}"
            rf"(?:(?:基地|発射場|射場|射撃場|試験場|演習場|(?<!北海)(?<!軌)道|郡)(?:付近|周辺|一帯)?|付近|周辺|一帯))で(?={_LAUNCH_AFTER})"),
        # A place right before "で発射": "ロケット弾はガザ南部ラファで発射され" (a name written
        # in katakana among it, as foreign places are; not a trajectory, "ロフテッド軌道で").
        re.compile(r"(?P<site>(?=[\u4e00-\u9fff\u30a0-\u30ffー・]*[\u30a1-\u30fa])[\u4e00-\u9fff\u30a0-\u30ffー・]{2,14}"
                   r"(?<!軌道))で(?=(?:発射|打ち上げ|試射)(?!を))"),  # (not "メッセージで発射を明らかに")
        # The launch point named: "発射地点は平安南道粛川付近とみられる".
        re.compile(r"発射地点は(?P<site>[^、。\n]{2,30}?)(?:とみられ|と推定|と分析|と発表|とされ|だ|で|。)"),),
    clock_time=compile_fast(r"(?P<pre>午前|午後|未明|早朝|朝|夜|夕方|深夜)?\s*(?P<h>\d{1,2})\s*時(?!間|点|期|代|計|刻)\s*(?:(?P<m>\d{1,2})\s*分|(?P<half>半))?"),
    date=compile_fast(
        r"(?:(?P<year>(?:19|20)\d\d)\s*年\s*)?(?:(?P<mon>1[0-2]|0?[1-9])\s*月\s*)?(?P<day>[0-3]?\d)\s*日(?!本|間|目|ぶり)"
        r"|(?P<rel>本日|今日|きょう|昨日|きのう|今朝|けさ|昨夜|前日|同日)"
    ),
    part_hours={"未明": 4, "早朝": 6, "朝": 8, "午前": 9, "昼": 12, "正午": 12, "午後": 15, "夕方": 18, "夜": 21, "深夜": 23},
    pm_words=frozenset({"午後", "夜", "夕方", "深夜"}),
    am_words=frozenset({"午前", "未明"}),
    day_before_words=frozenset({"昨日", "きのう", "昨夜", "前日"}),
    before_stated_words=frozenset({"前日"}),
    same_day_words=frozenset({"同日"}),
    # "フーシ派は19日、...を発射したと声明で発表した": the subject's statement's day.
    subset_count=compile_fast(r"(?P<total>\d{1,3})\s*発[^。]{0,60}?(?:このうち|そのうち|うち)\s*(?P<part>\d{1,3})\s*発"),
    topic_before=compile_fast(r"は\s*$"),
    # (Not a day with its part or clock, "6日未明", nor the place's own, "21日（現地時間）".)
    said_after_topic=compile_fast(
        r"(?!\s*(?:（現地時間）|\(現地時間\)|未明|早朝|朝|午前|昼|正午|午後|夕方|夜|深夜|\d))"
        r"[^。]*?と(?:[^、。がは]{0,15}?)?(?:発表|明らかに|述べ|主張|伝え|報じ|表明|公表)"),
    relative_parts={"今朝": "morning", "けさ": "morning", "昨夜": "night"},
    # "発射から1年", "発射5周年": a look-back on that launch (not "5年ぶりに発射").
    looks_back_after=compile_fast(
        r"(?:実験|試験)?(?:して|されて)?(?:から|より)\s?(?:\d{1,3}|[一二三四五六七八九十]+)\s?年|\s?(?:\d{1,3}|[一二三四五六七八九十]+)\s?周年"
        # ... or its chronicle ("ミサイル発射　年表", "発射の歩み").
        r"|[\s　]?(?:年表|の歩み)"),
    # "発射したとの情報は誤り", "発射の報道を政府が否定", "発射していない": the launch denied.
    denied_after=compile_fast(
        # ("ミサイル発射などの実際の情報ではない": a test's broadcast, no real launch.)
        r"[」』\u201d\u2019\x22]?(?:した|された|する)?(?:など|等)?(?:との|という|とする|の|と)?(?:一部)?(?:実際の)?"
        r"(?:情報|報道|速報|発表|主張|話|うわさ|噂|事実)?(?:は|を|も|、)?"
        r"(?:[^\s、。「」]{1,5}(?:が|「)|\s?「)?(?:(?:物|弾)?では(?:な|あり)|誤(?:り|って|った|報|情報|放送|配信|送信|作動|認|探知|検知)|事実無根|虚偽|デマ|フェイク|捏造|ねつ造|偽|否定|訂正|撤回|取り消"
        r"|事実ではな|確認されていな|確認されず|確認されなかった|事実確認できず|事実(?:は)?(?:ない|なし))"
        r"|(?:は|を|も)?(?:して|されて)(?:い)?(?:ない|ません)|(?:せず|しなかった|されなかった)|(?:は|も)?なし(?![にで])|(?:は|も)(?:なかった|ありません)"),
    # Totals over a period: "30発超", "70発以上", "20回" (not "12回目", one of a series).
    # ... or its record: "ことしの発射 過去最多に".
    total_count=compile_fast(r"(?:\d{2,}|\d+\s?万|数十|数百|数千|数万)\s?(?:発|回)(?!目)|集計|過去最多(?:に|を更新|更新)"),
    single_occasion=compile_fast(r"未明|けさ|今朝|本日|きょう|今日|一度に|一斉に|同時に|一晩|1日で|一日で"),
    # Launches told as a trend right after their noun: "弾道ミサイル発射、今年は急減",
    # "発射回数が倍増".
    trend_after=compile_fast(
        r"[、,]?\s?(?:(?:今年|ことし|昨年|去年)(?:は|の)?)?(?:回数|件数|頻度)?(?:は|が|も)?\s?(?:大幅に|大きく|半分に)?"
        r"(?:急減|激減|減少|半減|急増|増加|倍増|減っ|減り|増え)"),
    trend_nouns=frozenset({"発射"}),
    late_report=compile_fast(r"後になって|遅れて(?:公表|発表|公開)|事後に"),
    one_of_series=compile_fast(r"\d+\s?(?:回目|度目|発目)|(?<=年)初の?|[一二三四五六七八九十]+(?:回目|度目)|初めて|再び|またも|相次ぎ|連続"),
)
