"""Cue lexicons for launch detection, in English, Korean and Japanese.

Every lexicon is a compiled regular expression built once at import. The detector
combines them; nothing here decides anything on its own. Patterns run on text that has
already been unescaped and folded (full-width ASCII to ASCII, curly quotes to straight),
so they only need to cover one spelling of each character.
"""

from __future__ import annotations

import re

from services.classify.fastpattern import compile_fast

_I = re.IGNORECASE

# --- weapons -------------------------------------------------------------------------

# Named systems. A name alone is a weapon mention; extractor.py decides what class a name
# implies. "Rodong" is a missile except when it is the party daily.
NAMED_SYSTEMS_EN = (
    r"Hwasong(?:pho)?[- ]?\d+\w*|Hwasal[- ]?\w*|Pulhwasal[- ]?[\w-]*|Padasuri[- ]?\d*|KN-?\d{2}"
    r"|Pukguksong[- ]?\d*|Musudan|(?:Rodong|Nodong)(?![- ](?:Sinmun|Shinmun))|Taepodong[- ]?\d*"
    r"|Scuds?|Chollima[- ]?\d*|Unha[- ]?\d*|Kwangmyongsong|Malligyong[- ]?\d*"
    r"|Shahab[- ]?\d*|Sejjil|Ghadr|Qadr|Qader|Emad|Kheibar(?: Shekan)?|Khorramshahr|Fattah[- ]?\d*"
    r"|Fateh[- ]?\d*|Zolfaghar|Dezful|Simorgh|Safir|Qaem[- ]?\d*|Soumar|Hoveyzeh|Paveh|Burkan[- ]?\d*"
    r"|Zulfiqar|Qassam|Kassam|Katyushas?|Grad rockets?|Iskanders?|Kinzhals?|Kalibrs?|Klub|Zircon|Tsirkon"
    r"|Kh-\d+\w*|Oreshnik|Sarmat|Yars|Bulava|Topol[- ]?M?|Avangard|RS-\d+\w*|Minuteman(?: ?III| ?3)?"
    r"|Trident(?: ?II| ?2| ?D5)?|Tomahawks?|ATACMS|Storm Shadows?|SCALP|Agni[- ]?\w*|Prithvi[- ]?\w*"
    r"|BrahMos|Nirbhay|Shaheen[- ]?\w*|Ghauri|Ghaznavi|Babur|Ababeel|Hatf[- ]?\w*|Dong ?Feng[- ]?\d*"
    r"|DF-\d+\w*|JL-\d+\w*|YJ-\d+\w*|Jericho(?: ?\d)?|M51|Hyunmoo[- ]?\d*|Astra missile|Abdali|Ra'ad|Taimur|Fatah[- ]?\w*|Tayfun|Bora|Hsiung Feng[- ]?\w*|Sky Bow|PrSM"
    r"|HIMARS|GMLRS|Tornado-[SG]|Smerch|Uragan|BM-(?:21|27|30)|Fadi[- ]?\d|Falaq[- ]?\d|Toufan|Palestine[- ]?2|Quds[- ]\d"
    r"|Burevestnik|Tochka(?:-U)?|Onyx|Oniks|Neptune(?= (?:cruise |anti-ship )?missiles?)|K-[45](?= (?:SLBM|missile|ballistic))"
    r"|Nasr|Ghaznavi|Tien Kung[- ]?\w*|Akash(?:-NG)?|Arrow[- ]?[234]|David's Sling|SM-[236]|interceptors?(?: missiles?)?"
)

WEAPON_EN = compile_fast(
    r"\b(?:(?:ballistic|cruise|hypersonic)[- ]missiles?"
    r"|missiles?"
    r"|(?:ICBM|IRBM|MRBM|SRBM|SLBM|CRBM|SLCM|IRMB|SLV)s?"
    r"|rockets?(?![- ](?:force|forces|engines?|motors?|scientists?|launchers?|man|league|lab|shaped|like|style|powered|science|ship))"
    r"|projectiles?|MLRS|multiple[- ]launch rocket systems?|multiple[- ]rocket (?:launchers?|launch systems?)|MIRV"
    r"|(?:carrier|space) rockets?|satellite[- ]launch(?:ing)? vehicles?|satellite[- ]carrying rockets?"
    r"|(?:military |spy |reconnaissance )*satellites?"
    rf"|{NAMED_SYSTEMS_EN})\b",
    _I,
)

# Korean and Japanese have no word boundaries to lean on; compounds are written together.
WEAPON_KO = compile_fast(
    r"미사일|탄도탄|ICBM|SLBM|IRBM|SRBM|방사포|로켓(?!\s?엔진)|발사체|정찰위성|군사위성|위성|극초음속"
    r"|화성-?\d+|북극성-?\d*|KN-?\d+|불화살|이스칸데르|칼리브르|킨잘|현무|요격미사일|함대공미사일",
    _I,
)
WEAPON_JA = compile_fast(
    r"ミサイル|弾道|巡航|ICBM|SLBM|IRBM|SRBM|ロケット(?!エンジン)|人工衛星|偵察衛星|衛星|飛翔体|飛しょう体"
    r"|火星-?\d+|多連装|極超音速|誘導弾|SM-?[236]|迎撃ミサイル",
    _I,
)

# --- launch and impact verbs ----------------------------------------------------------

# "launch" as part of a facility or system name is not an act of launching.
_NOT_LAUNCH_AFTER = (
    r"(?![- ](?:infrastructure|sites?|pads?|facilit\w+|windows?|ceremon\w+|events?|preparations?"
    r"|platforms?|complex|cent(?:er|re)s?|grounds?|vehicles?|rocket system|tubes?|systems?|control))"
)
LAUNCH_VERB_EN = compile_fast(
    r"(?<!multiple )(?<!multiple-)"
    r"\b(?:test[- ]?)?(?:fir(?:e|es|ed|ing)|launch(?:es|ed|ing)?" + _NOT_LAUNCH_AFTER + r"|shot|shoots?"
    r"|lob(?:s|bed|bing)?|hurl(?:s|ed|ing)?|unleash(?:es|ed|ing)?|blast(?:s|ed)? off|lift(?:s|ed)? off"
    r"|test[- ](?:fire|launch)\w*|intercept(?:s|ed|ing)?|downed|downs|down(?= \d))\b",
    _I,
)
# "tested"/"test" counts only when a weapon is its object ("tested a new ICBM", "ICBM test").
TEST_VERB_EN = compile_fast(
    r"\b(?:test(?:s|ed|ing)?|trial)\b(?![- ](?:notices?|notams?|windows?|sites?|ranges?|bans?|moratori\w+|zones?|areas?"
    r"|stands?|facilit\w+|plans?|schedules?))", _I)
# Verbs and nouns that only make sense once something was fired ("missile hits hospital").
IMPACT_EN = compile_fast(
    r"\b(?:hit(?:s|ting)?|strike[sd]?|struck|slam(?:s|med)?|kill(?:s|ed)?|land(?:s|ed)|fell|falls"
    r"|splash(?:es|ed)?(?: down)?|crash(?:es|ed)|explod(?:es|ed)|intercept(?:s|ed)|shot down|fl(?:ew|ies|own)"
    r"|rain(?:s|ed)?|pound(?:s|ed)?|pummel\w*|batter(?:s|ed)?|hammer(?:s|ed)?|rock(?:s|ed)"
    r"|barrages?|salvos?|volleys?|attacks?|assaults?|fire|firing|launch(?:es)?" + _NOT_LAUNCH_AFTER +
    r"|tests?(?![- ](?:sites?|stands?|facilit\w+|ranges?|grounds?|notices?|notams?|windows?|bans?|moratori\w+|zones?|areas?))"
    r"|bombardment|impacted|damag(?:es|ed)|wound(?:s|ed)|injur(?:es|ed)"
    r"|used (?:in (?:combat|battle|an? (?:attack|strike))|against|to (?:strike|hit|attack|target))"
    r"|destroy(?:s|ed)|targeted|targets?(?= (?:\w+'s|the|an?|us|u\.s\.|israeli|american|russian|ukrainian) ))\b",
    _I,
)
# A weapon noun after one of these is the object of the salvo ("barrage of missiles").
SALVO_EN = compile_fast(r"\b(?:barrages?|salvos?|volleys?|waves?|hail) of\b", _I)

LAUNCH_VERB_KO = compile_fast(r"발사(?![대장관])|쏘아\s?올|쐈|쏜|쏘았|공습|공격|타격|날아|격추|낙하|떨어|시험사격|사격|도발"
                              r"|비행(?:했|한|\s?후)|탄착")
LAUNCH_VERB_JA = compile_fast(r"発射(?!台|場|施設|機|装置)|打ち上げ|撃っ|撃ち|落下|飛翔|飛しょう|通過|着弾|攻撃|空爆|試射|迎撃試験")

# --- what keeps a cue from being a report of a launch -----------------------------------

# Modal or future framing just before the verb: the launch has not happened.
MODAL_BEFORE_EN = compile_fast(
    r"\b(?:could|may|might|would|will|shall|can|to|plans?|planning|prepar(?:es|ed|ing)|ready|readies"
    r"|readying|poised|set|about|expected|likely|possible|possibly|potential|imminent|threat(?:en|ens|ened)?"
    r"|vows?|vowed|pledg(?:es|ed)|warns?|warned|warning|capable|able|intends?|intended|aims?|seeks?|signs?"
    r"|if|whether|preparations?|upcoming|planned|future|would-be|anticipated|feared|fears?)"
    r"(?:\s+(?:of|for|to|a|an|the|its|new|another|more|further|again|soon|be))*\s+$",
    _I,
)
# A modal a few words before the event: "Iran will pay for missile attacks".
MODAL_NEAR_BEFORE_EN = compile_fast(
    r"\b(?:will|would|could|may|might|must|should|can|shall|(?<!\bup )(?<!\bclose )(?<!\bnext )(?<!\bdue )"
    r"(?<!according )(?<!\bprior )(?<!\bclose )to)\b(?:\s+[\w'-]+){0,4}\s*$",
    _I,
)
# "pounds Ukraine with missiles": an attack verb whose instrument is the weapon.
ATTACK_WITH_BEFORE = compile_fast(
    r"\b(?P<verb>shoot(?:s|ing)? down|shot down|downs|downed|intercept(?:s|ed|ing)?|pound(?:s|ed|ing)?|pummel\w*|bombard\w*|batter(?:s|ed|ing)?|blitz\w*|target(?:s|ed|ing)?|hit(?:s|ting)?"
    r"|strike[sd]?|striking|struck|attack(?:s|ed|ing)?|rock(?:s|ed)|shell(?:s|ed)|slam(?:s|med)?|hammer(?:s|ed)?"
    r"|rain(?:s|ed)?)\b[^.;:]{0,50}?\bwith\s+(?:[\w'-]+\s+){0,5}$",
    _I,
)
# "may have launched", "possibly fired", "apparently fires": an uncertain report of a launch
# that happened — the "possible ballistic missile" flash that agencies issue first — is a
# launch report, unlike "could launch" or "possible launch", which look ahead.
POSSIBLE_PAST_BEFORE_EN = compile_fast(
    r"\b(?:(?:may|might|could|must|would)(?:\s+not)?\s+have|possibly|probably|apparently|reportedly|likely"
    r"|appears?\s+to\s+have|appeared\s+to\s+have|seems?\s+to\s+have|believed\s+to\s+have)\s+$",
    _I,
)
# "tried to launch", "attempt to fire": a failed launch is still a launch.
# "used ATACMS to hit targets": a purpose, not a future.
ATTEMPT_BEFORE_EN = compile_fast(
    r"\b(?:attempt(?:s|ed|ing)?|tr(?:y|ies|ied)|fail(?:s|ed)?)\s+(?:again\s+)?to\s+$"
    r"|(?<!\bbe )\b(?:used|employed)\s+(?:[\w'.-]+\s+){0,5}to\s+$", _I)
NEGATION_BEFORE_EN = compile_fast(
    r"\b(?:not|no|never|cannot|can't|won't|couldn't|didn't|did not|hasn't|has not|haven't|denies|denied|deny|without|refrain\w*)\b"
    r"[^.;]{0,20}$",
    _I,
)
# The object of "launched"/"fired" is something other than a weapon.
NONWEAPON_OBJECT_EN = compile_fast(
    r"\b(?:balloons?|drones?|UAVs?|unmanned|probes?|investigations?|inquir(?:y|ies)|campaigns?|bills?"
    r"|apps?|products?|platforms?|services?|offensives?|operations?|exercises?|drills?|initiatives?"
    r"|plans?|programm?es?|warning shots?|shells?|artillery rounds?(?! of (?:[\w-]+ ){0,2}rockets?)"
    r"|rounds(?! of (?:[\w-]+ ){0,2}(?:rockets?|missiles?))|mortars?|flares?|fireworks"
    r"|tear gas|bullets?|gunfire|shots|CEO|chief|coach|manager|staff|employees?|workers?|officials?|executives?"
    r"|director|head|minister|general|commander|engines?|motors?)\b",
    _I,
)
# Korean and Japanese modal words near the verb ("近くミサイル発射か　衛星画像で兆候").
MODAL_NEAR_KO = compile_fast(r"징후|임박|예고|통보|계획|예정|준비|조만간|움직임|채비|가능성|정황|조짐")
MODAL_NEAR_JA = compile_fast(r"兆候|予告|通報|計画|予定|準備|構え|近く|近日|恐れ|発射へ|打ち上げへ")
MODAL_AFTER_KO = compile_fast(
    r"^(?:할|하는|를|을|의|가|이|\s)*\s?(?:가능성|준비|임박|징후|예고|계획|예정|우려|움직임|동향|앞두고|채비|전망|시사|위협|통보)"
)
MODAL_AFTER_JA = compile_fast(
    r"^(?:する|の|を|が|\s)*(?:可能性|予定|計画|準備|兆候|通報|予告|構え|恐れ|懸念|方針|へ(?:$|\s|、|…))"
)

# Reaction to a launch as the main event (main-event rule).
REACTION_EN = compile_fast(
    r"\b(?:condemn\w*|denounc\w*|slams?|slammed|sanction\w*|resolutions?|violat\w*|breach\w*|spark(?:s|ed)|prompt(?:s|ed)"
    r"|draws? (?:condemnation|criticism|protests?)|Security Council|UNSC"
    r"|urg(?:es|ed|ing)|calls? (?:on|for)|celebrat\w*|vows?|rebuk\w*|criticiz\w*|criticis\w*|deplor\w*"
    r"|blames?|blamed|accus\w*|suspends?|lodg\w+ (?:a )?protests?|(?<!in )(?<!apparent )protests? (?:to|against) "
    r"|react\w*|talks|negotiat\w*|lawmakers?|parliament|senate|congress"
    r"|imposes?|expels?|summons?|vote[sd]?|votes|emergency meeting|meets|meeting|statement on)\b",
    _I,
)
REACTION_KO = compile_fast(r"대비|대응(?!\s?사격|\s?발사)|규탄|비난|제재|항의|반발|비판|안보리|유감|성명|결의|맞불|반격할")
REACTION_JA = compile_fast(r"会議|協議|開催|抗議|非難|制裁|安保理|決議|遺憾|反発|批判")
# A launch mentioned as the cause of something else ("after", "over", "in response to").
SUBORDINATE_BEFORE_EN = compile_fast(
    # "over 100 rockets" is a number, not a cause.
    r"\b(?:after|over(?!\s+\d)|following|in response to|amid|despite|ahead of)\b"
    r"(?:\s+[\w'’-]+){0,6}\s*$",
    _I,
)
# "이준석, 北 미사일 발사에 \"...\"": a quote about the launch is the headline's event.
SUBORDINATE_AFTER_KO = compile_fast(r"^[^\s]{0,2}(?:와 관련|에 대해|에 대응|에 반발|를 규탄|을 규탄|관련|에\s*[\"“'‘])")
SUBORDINATE_AFTER_JA = compile_fast(r"^(?:を受け|に対し|に抗議|に関し|に「)")

# After a noun event: "launch of spy satellite expected within days", "sirens test to be held".
MODAL_AFTER_EN = compile_fast(
    r"\s*(?:[\w'-]+\s+){0,3}?(?:is\s+|are\s+|was\s+)?['\"]?(?:expected|likely|imminent|planned|scheduled|possible|feared"
    r"|looms|looming|to be|will be|set for|slated|will|(?:would|could|may|might|must|should)(?!\s+have)"
    r"|postponed|delayed|scrubbed|called off|cancell?ed|put off|pushed back|rescheduled)\b",
    _I,
)
# Korean and Japanese: a weapon with only a direction, the verb left out ("日本海に向け弾道ミサイル").
TOWARD_KO = compile_fast(r"(?:해상으로|쪽으로|향해|방향으로)\s?$")
TOWARD_JA = compile_fast(r"(?:に向け|へ向け|に向けて|方向に|方面に)\s?$")
# Civil and commercial space: launches we do not report.
CIVIL_SPACE = compile_fast(
    r"\b(?:NASA|SpaceX|Space X|Falcon ?9|Falcon Heavy|Starship|Blue Origin|New Shepard|New Glenn"
    r"|Rocket Lab|ISRO|PSLV|GSLV|Chandrayaan|Gaganyaan|JAXA|H-?IIA|H-?IIB|Arianespace|Ariane ?\d?"
    r"|Roscosmos|Soyuz|Long March|Peregrine|Artemis|Ares I|space shuttle|Atlantis|astronauts?"
    r"|International Space Station|ISS|lunar|moon lander|Moon mission|Crew-?\d|Starliner|Vulcan"
    r"|Atlas V|Delta IV|Antares|Cygnus|Virgin Orbit|Virgin Galactic|Firefly|Relativity Space"
    r"|communications satellite|weather satellite|commercial satellite|satellite delivery"
    r"|(?:space|rocket|launch) (?:startup|company|firm)s?|startup's rocket|private rocket|commercial rocket"
    r"|Space One|Kairos|Electron rocket|Vega-?C?|Epsilon|Kuaizhou|Zhuque-?\d*|LandSpace|Galactic Energy|iSpace"
    r"|Gilmour|Isar Aerospace|Orbex|Skyrora|Innospace|Hanbit|Perigee Aerospace|sounding rocket|Shenzhou|Tiangong|Chang'e)\b"
    r"|누리호|나로호|KSLV|한국형 발사체|항공우주연구원|항우연|우주항공청|스페이스X"
    r"|宇宙航空研究開発機構|\bH3\b|H3ロケット|H2A|イプシロン|種子島|内之浦|スペースX",
    _I,
)
# Missile defence deals, deployments and exercises.
DEFENCE = compile_fast(
    r"\b(?:THAAD|Terminal High Altitude|Patriots?|Iron Dome|David's Sling|Arrow[- ]?\d|Aegis|SM-\d"
    r"|Golden Dome|missile[- ]defen[cs]e|air[- ]defen[cs]e systems?|interceptors?|anti-missile"
    r"|missile shield)\b|사드|요격\s?미사일|미사일\s?방어|패트리엇|아이언\s?돔|방공망|迎撃|ミサイル防衛|PAC-?3|イージス",
    _I,
)
# Things that are launched or fired but are not missiles or rockets.
NON_MISSILE = compile_fast(
    r"\b(?:balloons?|drones?|UAVs?|unmanned aerial|Shahed|artillery (?:shells?|rounds?|shots?|fire|firing)"
    r"|(?<!launcher )(?<!rocket )(?:shells|rounds)\b(?! of (?:[\w-]+ ){0,2}(?:rockets?|missiles?))|howitzers?|mortars?|tank fire|warning shots?"
    r"|(?:rocket |missile )?engine tests?|(?:solid[- ]fuel )?(?:engine|motor) test|static (?:fire|firing)"
    r"|ground jet test|nuclear test|underwater (?:nuclear )?(?:attack )?drone|Haeil[- ]?\w*|air ?strikes?"
    r"|warplanes?|fighter jets?|bombers?|GPS jamming|loudspeakers?|gunfire|shooting)\b"
    r"|풍선|오물|드론|무인기|포사격|해안포|포탄|경고사격|엔진\s?시험|엔진시험|연소시험|핵실험|수중\s?드론"
    r"|風船|ドローン|無人機|砲撃|砲弾|警告射撃|エンジン燃焼試験|燃焼試験|核実験",
    _I,
)
# The item looks back: anniversaries, obituaries, aggregate counts.
RETROSPECTIVE = compile_fast(
    r"\b(?:anniversary|years? ago|decades? ago|remember\w*|obituar\w*|in memoriam|dies at \d+|died aged"
    r"|since (?:the (?:war|start|beginning)|October 7)|so far this year|to date|in \d+ days"
    r"|a year since|marks? \d+ years|history of|memorial|funeral|laid to rest"
    r"|(?:19|20)\d\d (?:rocket|missile) (?:attacks?|strikes?|fire))\b"
    r"|주년|년 전|周年|年前",
    _I,
)
# Obituary headlines: "Hannah Ben Artzy, 68: Retired teacher ...". Matched at the start only.
OBITUARY_START = compile_fast(r"[A-Z][\w'’. -]{2,60}, \d{1,3}: ")
# Digests and look-backs: whatever launches they list, they report none.
DIGEST = compile_fast(
    r"\b(?:timeline|chronology|a look back|year in review|in pictures|in numbers|by the numbers"
    r"|list of key events|week in review|what happened|recap|a history)\b",
    _I,
)
# Totals over a period: statistics, not a report of one launch.
AGGREGATE = compile_fast(
    r"\b(?:since (?:the (?:war|start|beginning|outbreak)|October 7)|(?<!know )so far|to date|in total|this year"
    r"|in (?:the )?(?:past|last) \d+ (?:days|weeks|months|years)|in \d+ days|a total of)\b",
    _I,
)
# Thousands of missiles or rockets: no single salvo is that large, so the number is a total.
BULK_COUNT = compile_fast(r"\b\d{1,3}(?:,\d{3})+\+?\s+(?:[\w-]+\s+){0,2}(?:missiles|rockets)\b", _I)
# Sport: "fires rocket into top corner".
SPORT = compile_fast(
    r"\b(?:goals?|scores?|scored|top corner|free[- ]kick|penalty|striker|midfielder|goalkeeper|league|FA Cup"
    r"|World Cup|Premier League|innings|wickets?|touchdown|quarterback|home run|matchday|tournament"
    r"|Olympics?|semi-finals?|final whistle|derby)\b",
    _I,
)
# "Britain to test-fire missile", "North Korea set to launch satellite": headline future.
HEADLINE_FUTURE = compile_fast(
    r"^(?:[A-Z][\w'.-]*,?\s+){1,5}(?:is\s+|are\s+)?(?:to|set to|plans? to|prepares? to|ready to|poised to|readies to)"
    r"\s+(?:test|fire|launch|conduct|hold|stage|carry|resume)"
)
# Explainers, opinion and questions: rarely the first report of a launch.
EXPLAINER = compile_fast(r"\?\s*$|\b(?:explained|analysis|opinion)\b", _I)
# Matched at the start of the headline only.
EXPLAINER_START = compile_fast(
    r"(?:what|why|how|who|will|could|can|is|are|has|have|does|do|should|opinion|analysis"
    r"|commentary|explainer|editorial)\b|(?:analysts?|experts?|view|comment|perspective|podcast|video|watch|live)\s*:",
    _I,
)

# --- facts that only a report of a real launch gives ------------------------------------

FLIGHT_DETAIL = compile_fast(
    r"\b(?:flew|flown|travel+ed|travel+ing|flying|flight (?:distance|time)|apogee|altitude|lofted"
    r"|landed|splash(?:ed)? down|splashed|fell into|fell in|crashed into|impacted|EEZ"
    r"|exclusive economic zone|trajectory|top speed|Mach \d+|detected the launch|were launched|was launched"
    r"|intercepted|shot down)\b"
    r"|비행거리|고도|낙하|탄착|비행했|날아갔|배타적경제수역|EEZ|포착"
    r"|落下|飛翔|飛しょう|最高高度|高度|EEZ|排他的経済水域|通過|Jアラート",
    _I,
)
# Reporting agencies that publish launch detections: a strong sign of a real event.
AGENCY_CUE = compile_fast(
    r"\b(?:Joint Chiefs of Staff|JCS|ROK JCS|KCNA|Korean Central News Agency|Rodong Sinmun"
    r"|Japan(?:ese)?(?:'s)? (?:Defen[cs]e Ministry|Ministry of Defen[cs]e|MOD)|defen[cs]e ministry"
    r"|INDOPACOM|Indo-Pacific Command|Coast Guard|IDF|Israel Defense Forces|Israeli (?:army|military)"
    r"|state media|state TV|South Korea's military|South Korean military)\b"
    r"|합참|합동참모본부|조선중앙통신|防衛省|防衛相|防衛大臣|海上保安庁|官房長官|朝鮮中央通信",
    _I,
)

# --- segmentation ------------------------------------------------------------------------

# A sentence ends at . ! ? 。 followed by space, except after an initial ("U.S.", "N. Korea")
# or a clock suffix ("7 a.m."); an ellipsis or a line break also ends one.
# Written to open with the character it consumes, so the engine skips the letters between
# candidates in C: the same matches as
# (?<!\b[A-Z])(?<![ap]\.m)(?<!\bNo)(?<!\bSt)(?<!\bvs)[.!?](?=\s)|[。！？]|\n|…|\s[|;]\s|\s-\s
SENTENCE_END = compile_fast(
    r"[.!?。！？\n…\s](?:(?<=[.!?])(?<!\b[A-Z].)(?<![ap]\.m.)(?<!\bNo.)(?<!\bSt.)(?<!\bvs.)(?=\s)|(?<=[。！？\n…])"
    r"|(?<=\s)[|;]\s|(?<=\s)-\s)")
