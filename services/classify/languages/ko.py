"""Korean: the words of the Korean table, read by the verb-final reader.

Korean has no word boundaries to lean on (compounds are written together), and the main
verb ends the clause, so a launch verb's framing (modal, subordinate) follows it.
"""

from __future__ import annotations

import re

from schemas.actors import STATES
from schemas.places import FACILITY_NAMES
from services.classify.fastpattern import compile_fast
from services.classify.languages.quantities import QUANT
from services.classify.languages.table import LanguageTable, SharedWords

_FACILITY = "|".join(name for name in FACILITY_NAMES if re.fullmatch(r"[가-힣]+", name))
# Up to two words of a place before its last, none of time, none a subject ("북한이") or
# told with "also" ("지난달에도").
_PLACE_WORDS = (r"(?:(?!(?:오전|오후|새벽|아침|저녁|밤|낮|이날|오늘|어제|전날|금일|당일|지난|지난달|지난해|지난주|북한|북)\s)[가-힣]+"
                r"(?<![이가은는을를께경쯤])(?<!에도)\s){0,2}")
# A launch verb (or a firing: "대응 사격") after the place in its sentence, not one it "had
# made before" ("발사한 바 있다", "쏜 지 한 달 만의").
# A headline may drop the verb and give the weapon and its count: "신포 인근서 순항미사일 여러 발".
_LAUNCH_AFTER = (r"[^.。\n]{0,60}?(?:발사|쏘|쐈|쏜|포착|사격(?!장)"
                 r"|(?:미사일|로켓|방사포)\s?(?:\d{1,3}|한|두|세|네|여러|수)\s?(?:여\s?)?발(?!사))"
                 r"(?![가-힣\s]{0,6}?\s[바지]\s)")
# The states by their Korean names: "예멘에서 ... 발사" (the launcher's own state is dropped
# as a site, extractor._launch_site).
_STATE_NAMES = "|".join(sorted({name for state in STATES for name in state.names.get("ko", ())
                                if re.fullmatch(r"[가-힣]{2,}", name)}, key=len, reverse=True))

_I = re.IGNORECASE
# An editorial's or an analysis's label: "[사설]", "[뉴스 분석]", "사설:".
_GENRE_LABEL = r"\[(?:칼럼|사설|시론|기고|해설|분석|뉴스\s?분석|오피니언|알기\s?쉬운\s?뉴스|팩트\s?체크|Q&A)\]|(?:사설|칼럼)\s?[:：]"

SHARED = SharedWords(
    civil_space=(r"블루\s?오리진|뉴\s?글렌|로켓랩|누리호|나로호|KSLV|한국형 발사체|차세대\s?발사체|항공우주연구원|항우연|우주항공청|스페이스X|다누리|아리랑\s?\d*호|천리안"
                 r"|이노스페이스|한빛-?(?:TLV|나노)|민간\s?(?:로켓|발사체)|과학\s?로켓|관측\s?로켓"
                 r"|로켓랩|일렉트론|인공위성연구소|초소형\s?(?:군집\s?)?위성|큐브\s?위성|스타십|팰컨"
                 # China's civil rockets and station ("창정-5B"; not "톈궁", also Taiwan's Sky Bow missile).
                 r"|창정|창청|선저우|우주정거장"),
    defence=r"사드|요격\s?미사일|미사일\s?방어|패트리엇|아이언\s?돔|방공망",
    non_missile=r"폭죽|불꽃|풍선|오물|드론|무인기|전투기|폭격기|전폭기|포사격|해안포|포탄|경고사격|엔진\s?시험|엔진시험|연소시험|핵실험|수중\s?드론",
    retrospective=(r"주년|\d+\s?주기|년 전|(?:전쟁|개전|침공)\s?\d{1,3}\s?년(?!\s?만|간|째|\s?연속)|의 기억"
                   # Restored or rebuilt: long after ("미사일 공격으로 파손된 미술관, 복구 마치고 재개관").
                   r"|복구(?:를)?\s?(?:마치|마쳐|마친|끝내|끝낸|완료)|재건(?:된|을 마친|을 끝낸)"),
    look_back_label=r"오늘의 역사|\[(?:연표|일지|연대기|타임라인|그때\s?오늘|이날의\s?역사)\]",
    obituary=r"별세|타계|영면|부고|향년\s?\d{1,3}",
    superlative=r"최다|최대|최장|최고|최악|역대\s?최|가장",  # after a period: it compares one launch ("올해 들어 최대 규모")
    # The supply, sale or making of weapons: no launch told ("미사일 지원", "수출").
    supply=r"지원|공급|수출|판매|제공|이전|생산|양산|배치|도입|구매|조달|반입|반출|보내|보낸|보냈|넘겨|넘긴",
    # ... and a range or reach claimed, a capability (the policy's near miss): "사거리 2000㎞",
    # "美 본토 타격권", "이스라엘 전역 사정권".
    anticipation=r"경계|대비|우려|위협|사정권|타격권|사거리\s?(?:\d|연장|늘|확대)|(?:비행|도달|타격|요격|격추)\s?가능",
    work_title=(r"(?:[을를]\s?)?그린\s?(?:영화|드라마|작품|소설|웹툰|연극|뮤지컬|회차|장면|그림|책)|(?:넷플릭스|디즈니\+?|티빙|웨이브|쿠팡플레이|감독|영화|드라마|애니메이션|애니|게임|소설|웹툰|만화|뮤지컬|연극|노래|신곡|곡|예능|다큐멘터리)\s?"
                r"(?:<[^>]{1,30}>|《[^》]{1,30}》|〈[^〉]{1,30}〉|'[^']{1,30}'|\"[^\"]{1,30}\"|‘[^’]{1,30}’|“[^”]{1,30}”)"),
    # After a class: what the launch answers ("北 IRBM 도발 대응 에이태큼스 발사").
    other_event_after=r"(?:발사|도발)\s?(?:에\s?)?(?:대응|맞대응|대항|보복)|에\s?(?:대응|맞대응|대항)",
    sport=r"안무|챌린지|조회수|숏폼|서브\s?에이스|강서브|\d+연승|\d+연패|위닝\s?시리즈|호투|강속구|직구|첫\s?승|\d+이닝|\d+승째|세이브|음원\s?차트|데뷔|걸그룹|보이그룹|보컬|컴백|\d+\s?-\s?\d+\s?(?:역전승|승리|완승|완패|역전패|무승부)|역전승|\d+호\s?골|골망|슈팅|득점|홈런|(?<![가-힣])리그|(?:축구|야구|농구|배구)(?!장|\s?경기장)|세리머니|결승타|결승골|안타|투수|타자",
    # Opinion, analysis and explainers: "[사설] ...", "'고각 발사'란?", "北이 ... 쏘는 이유".
    genre_label=_GENRE_LABEL,
    explainer_start=_GENRE_LABEL + r"|\[(?:팩트\s?체크|Q&A|그래픽|인터뷰|기자수첩|인물|프로필|가상\s?시나리오|시뮬레이션|신간|서평|책)\]",
    digest=r"한눈에 보는|숫자로 보는|일지|연표|연대기|타임라인",
    explainer=r"란\?|(?<![가-힣])왜\s|[가-힣]까\??\s*$|무엇인가|뭐길래|(?:하는|쏘는|쏜|까닭|는)\s?이유|이유는\??\s*$|의미는\?|(?:은|는)\s?누구\??\s*$",
    # A period a total is told over ("올해 들어 30여 발"); see `TABLE.total_count`.
    aggregate=(r"올해\s?(?:들어|에만)?|지난해|작년|연초부터|(?:개전|전쟁\s?(?:발발\s?)?|침공|집권)\s?(?:이후|후|이래)|집권\s?\d+\s?년|지금까지|현재까지|누적"
               r"|(?:지난|최근)\s?\d+\s?(?:년|개월|달|주|일)\s?(?:간|동안)?|\d+\s?(?:년|개월|일)\s?(?:간|동안)"
               r"|지난\s?(?:달|주)|이번\s?달|상반기|하반기|연간|(?:전쟁|개전|침공|교전)\s?\d+\s?(?:일|주|개월|년)"
               # A year or a month as a whole: "2022년 한 해", "한 해 동안", "9월 한 달간".
               r"|(?:(?:19|20)?\d\d\s?년\s?)?한\s?해(?:\s?동안)?|(?:19|20)\d\d\s?년\s?(?:동안|내내|에만)"
               r"|(?<!\d)\d{1,2}\s?월\s?(?:한\s?달(?:\s?(?:간|동안))?|에만|내내)"),
    # A count of occasions is a total whatever the period ("공격 100차례 넘어"; not "제10회").
    # ... and a month with no day, which dates a total only with its count ("9월에 미사일 200여발").
    total_period=r"(?<!제)\d{2,}\s?(?:차례|회)(?!째|차)|(?<![\d.])\d{1,2}\s?월(?:에|\s?중)(?!\s?\d)",
    flight_detail=r"비행거리|고도|낙하|탄착|비행했|날아갔|배타적경제수역|EEZ|포착",
    # Not "방위성", Japan's defence ministry, nor the military's "미상 발사체" (an
    # unidentified projectile: a missile not yet named).
    satellite=r"(?<!방)위성|(?<!미상 )(?<!불상 )(?<!미상)(?<!불상)발사체",
    military_space=r"정찰|군사",
    vague_count=r"여러\s?발|수\s?발|수십\s?발|수백\s?발|수천\s?발|십수\s?발",
    magnitude_count=r"수십\s?발|수백\s?발|수천\s?발|십수\s?발",
    altitude=r"고도",
    missile_noun=r"미사일",
    restored=r"복구|재건",
    harmed=r"파손|파괴|부서진|피해|피격",
    generic_sea=r"해상으로",
    count_period=r"누적|지금까지|이후\s?총",
    other_time_before=r"공습\s?경보|경보|사이렌|성명|브리핑|게시|공지",
    heading=r"(?:북동|동북|북서|서북|남동|동남|남서|서남|북|남|동|서)(?:쪽?\s?방향으로|쪽으로)",
    credit_after=r"\s?(?:에 따르면|에 의하면)",
    sayer_after=r"\s?(?:이|가|은|는)?\s?(?:성명|발표)",  # a headline's "혁명수비대 성명", "국방부 발표"
    # "이스라엘군은 ... 로켓 10여발이 발사됐으며 ...고 밝혔다": the subject of a sentence that
    # tells a passive launch (no launch of its own before it) is its reporter or its target.
    reporter_after=(
        r"\s*(?:합참|국방부|군\s?당국|정부|측)"
        r"|(?:\s?(?:군|정부|당국|측))?(?:은|는|이|가)\s(?:(?!발사[했한하]|쏘|쏜|쐈)[^.。]){0,50}?"
        r"(?:발사됐|발사되|발사된|날아와|날아왔|날아든)"
        # '이스라엘군 "레바논서 로켓 30여발 날아와"': the same, told as a quote.
        r"|(?:\s?(?:군|정부|당국|측))?\s?[\"“'‘][^\"”'’]{0,40}?(?:발사됐|발사되|발사된|날아와|날아왔|날아든)"
    ),
    kinds=(
        ("icbm", r"대륙간"), ("slbm", r"잠수함발사탄도"), ("irbm", r"(?<!준)중거리|중장거리"), ("mrbm", r"준중거리"),
        # ... and types whose name implies their class, as in English.
        ("srbm", r"현무|단거리|근거리|이스칸데르(?!-?K)|에이태큼스|스커드|화성-?11"), ("hypersonic", r"극초음속|킨잘|[지치]르콘"),
        ("cruise", r"순항|토마호크|칼리브르|스톰\s?섀도|넵튠|플라밍고|타우루스|하푼|브라모스"),
        ("satellite_launch", r"정찰위성|(?<!방)위성|우주발사체"), ("artillery_rocket", r"방사포"), ("ballistic", r"탄도"),
        ("rocket", r"로켓"), ("unknown", r"미상 발사체|미상의 발사체"),
    ),
    seas=(
        ("East Sea", r"동해"), ("Yellow Sea", r"서해"), ("Pacific", r"태평양"), ("Atlantic", r"대서양"),
        ("Mediterranean", r"지중해"), ("Red Sea", r"홍해"), ("Black Sea", r"흑해"), ("Persian Gulf", r"페르시아만"),
        ("East China Sea", r"동중국해"), ("South China Sea", r"남중국해"), ("Arabian Sea", r"아라비아해"),
        ("Bay of Bengal", r"벵골만"), ("Sea of Okhotsk", r"오호츠크해"),
        ("Taiwan Strait", r"대만해협"), ("Gulf of Aden", r"아덴만"),
        ("outside Japan's EEZ", r"(?:EEZ|배타적\s?경제수역)\s?(?:\(EEZ\)\s?)?(?:밖|바깥|외)"),
        ("inside Japan's EEZ", r"(?:EEZ|배타적\s?경제수역)\s?(?:\(EEZ\)\s?)?(?:안|내)(?:에|으로|쪽)?(?![가-힣])"),
    ),
    actor_forms=(
        # Headlines abbreviate with one Han character: 北 (the North), 美 (the US), 中 (China).
        ("PRK", r"北(?=[,\s·…'\"]|이|은|의|가|도|,|미사일|ミサイル)|(?<![가-힣])북(?=[,·]|이\s|은\s|의\s|\s(?:미사일|탄도|우주발사체|발사체|정찰위성|위성|방사포|순항|극초음속|ICBM|SRBM|IRBM|SLBM))"),
        # "우리 군" (our forces) is the South's; so is a headline that opens with "the navy"
        # or "the JCS" and a comma.
        # (한미, "South Korea and the US", is led by the first.)
        ("KOR", r"우리 군|^(?:해군|공군|육군|해병대|합참|군|軍|한미일|한미)(?=,)"),
        ("RUS", r"(?<![가-힣])러(?=[,\s·]|군|가|는|의|\s?미사일)"),
        ("USA", r"(?<![가-힣])美(?=[,\s·]|군|국)"),
        ("CHN", r"(?<![가-힣\u4e00-\u9fff])中(?=[,\s·])"),
    ),
)

TABLE = LanguageTable(
    code="ko",
    verb_final=True,
    default_zone="Asia/Seoul",
    weapons=compile_fast(
        r"미사일|탄도탄|ICBM|SLBM|IRBM|SRBM|방사포|(?<!물)(?<!모형)(?<!모형 )(?<!페트병 )로켓(?!\s?엔진)|발사체|정찰위성|군사위성|(?<!방)위성|극초음속"
        r"|화성-?\d+|북극성-?\d*|KN-?\d+|불화살|이스칸데르|칼리브르|킨잘|브라모스|현무|요격미사일|함대공미사일|유도탄|유도무기|넵튠"
        r"|스커드|대포동|토마호크|스톰\s?섀도|에이태큼스|하이마스|ATACMS"
        # Other states' missiles by name: India's, Pakistan's, Iran's, Russia's, the US's, China's.
        r"|아그니|프리트비|샤힌|가우리|바부르|세즈질|샤하브|호람샤흐르|사르마트|야르스|오레(?:시|쉬)니크|미니트맨|둥펑|DF-?\d+",
        _I,
    ),
    not_fired_after=compile_fast(r"\s?(?:미사일)?\s?(?:부대)?\s?(?:기지|거점|공장|시설|진지|창고|업체|관련주|예산|발사대|발사관|총국|기술|폭죽|불꽃)"
                                 r"|(?:이)?(?:냐|라니)"),
    # ... a meeting, and what a quote says must be done ("악순환 끊어야\"").
    reaction=compile_fast(r"(?:어|아|해|여)야(?=\s?[\"”'’]|$)|회의|침묵|전문가|전시회|개막|출시|런칭|론칭|정보위|워게임|예산(?:안)?|(?:합동|대응|대피|재난|민방위)\s?훈련|대비|대응(?!\s?사격|\s?발사)|규탄|비난|제재|항의|반발|비판|안보리|유감|우려|성명|담화|논평|호소|결의|맞불|반격할|반응"
                          # A speaker's words on a launch: "발사 관련 "대화의 문은 열려 있다"", "고립 자초".
                          r"|관련\s?[\"“'‘]|자초"
                          # A ministry that never reports a launch, speaking first: "통일부 "北 ... 행태"".
                          r"|^(?:통일부|외교부|대통령실|청와대)\s?[\"“'‘]"
                          r"|(?:긴급\s?)?소집|국가안전보장회의|NSC"
                          r"|자제(?:\s?촉구|해야|를|\s?요구)|원론적|허용|승인(?!\s?(?:하에|아래))|소송|판결|법원|재판|해명|반박|입장\s?(?:표명|발표|재확인)|통화|회담(?!\s?(?:직전|직후|앞두고|앞둔|을\s?앞|중|당일|날))"),
    consequence=compile_fast(r"코스피|코스닥|증시|주가|환율|금리|국채|채권|금융시장|유가|국회|국방위|현안질의|청문회|(?:주민|시민)(?!들?\s?(?:등\s?)?(?:부상|사망|숨|다쳐|다친|희생|\d|(?:[가-힣]{1,4}\s?)?(?:대피|방공호)))(?:들)?|불만|불안감|분통"
                             r"|축하|연회|표창|결항|운항\s?중단|운행\s?중단|휴교"
                             r"|(?:방산|해운|항공|조선|정유|여행|관련|테마)주|상한가|하한가|어민|어선|조업\s?중단|귀항|순매수|순매도|관광객|여객선|시가행진|열병식|분석\s?결과"),
    shared=SHARED,
    # "오발": fired by mistake (not "오발령", a false alarm).
    launch_verbs=compile_fast(r"발사(?![대장관형]|탄도|\s?능력|\s?차량|\s?기지)|오발(?!령|송)|쏘아\s?올|쏘아|쏴(?!도)|쏘(?=자\s)|쐈|쏜|쏘았|공습(?!\s?경보)|공격|타격(?!권|\s?능력|\s?범위)|피격|직격|강타|명중|날아(?!오는|가는|들\s?수)|격추|격침|낙하(?!\s?(?:해역|예상|구역))|낙탄|기습(?!\s?(?:시위|농성))|떨어|시험사격|사격|도발|비행\s?시험|시험\s?비행|추락|파편|잔해|(?<=[일켓탄])\s?세례|날렸|날린"
                              # "미사일 맞은 선박": what a weapon hit, right after it.
                              r"|(?:(?<=미사일)|(?<=미사일 )|(?<=로켓)|(?<=로켓 )|(?<=탄)|(?<=탄 ))맞(?=은|아|고|았)"
                              r"|비행(?:했|한|\s?후)|(?:(?<=km)|(?<=km )|(?<=㎞)|(?<=㎞ ))비행(?!\s?(?:가능|능력|할\s?수|거리))|탄착"
                              # A satellite told by where it went: "정찰위성 궤도 진입 성공" ("satellite reaches orbit").
                              r"|궤도(?:에)?\s?(?:진입|안착|투입)(?!\s?(?:가능|능력|계획|예정|목표))"),
    launch_words=frozenset({"발사", "오발", "쏘아 올", "쏘아올", "쏘아", "쏴", "쏘", "쐈", "쏜", "쏘았", "도발",
                            "궤도 진입", "궤도진입", "궤도에 진입", "궤도 안착", "궤도안착", "궤도에 안착", "궤도 투입",
                            "궤도투입", "궤도에 투입"}),
    # ... a launch braced for ("낙하 등에 대비한 점검", "잔해 낙하 대비"), put off or called off
    # ("시험발사 연기"), likely ("발사할 듯"), willed ("타격하겠다"), or its zone ("발사 구역 설정").
    modal_after=compile_fast(
        # ... or vowed, as a quoted plan ("'정찰위성 3기 추가 발사' 공언").
        r"^['’\"”]?(?:할|하는|를|을|의|가|이|또|\s)*\s?(?:가능(?!\s?사거리)|유예|모라토리엄|준비|임박|징후|예고|계획|예정|우려|움직임|동향|앞두고|채비|전망|시사|위협|통보"
        r"|공언|천명|다짐"
        # ... or to go on: "정찰위성 발사 계속할 것".
        r"|계속\s?(?:할|하겠|해\s?나갈|될)"
        r"|연기|취소|보류|듯|구역)|^(?:\s?낙하)?(?:\s?등)?(?:에|을|를)?\s?대비|^(?:하)?겠"
        # One of a class of emergencies: "탄도미사일 발사 등 긴급 상황을 알리는".
        r"|^\s?등\s?(?:긴급|비상|유사시|위기|재난)"
        # A weapon told by what its launcher does, in the present before it ("북한이 발사하는
        # 탄도미사일 정보를 실시간 공유"): any such launch.
        r"|^(?:하는|되는)\s?(?=[^\s,.]{0,6}?(?:미사일|로켓|발사체))"
        # Until it lands, or to stop it: "낙하까지 5분", "발사 막는".
        r"|^까지|^\s?(?:을|를)?\s?(?:막|저지|차단)|^(?:와|아|어)?도(?=[\s\"'”’…])"
        # ... or the words of an alert: "'탄도미사일 공격' 경보는 오발송".
        r"|^['’\"”]?\s?(?:경보|경계경보|공습경보|알림\s?문자|재난\s?문자)"
    ),
    # "감행할 수 있다" (could), "발사를 가정한 훈련" (a drill that supposes a launch).
    # ... or a condition or a promise: "발사하면", "날아오면", "공격 시", "쏘아올릴 것".
    # ... "서두를 듯" (likely), as "할 듯".
    modal_near=compile_fast(r"\s듯(?=[\s\"'”’…,.]|$)|징후|임박|예고|통보|계획|예정|준비|항행\s?경보|조만간|움직임|채비|가능성|정황|조짐|[할을설될올갈쏠칠일날릴줄볼낼쓸걸]\s?수\s?(?:있|도)|가정|상정|경우|때마다|탑재\s?가능|탑재할"
                            r"|(?:하|오|되|쏘)면(?![가-힣])|한다면|(?:공격|발사|도발)\s?(?:시|땐)(?![가-힣])|[릴할일쓸쏠될]\s?것(?:이|으로|\s?\")"),
    # "北, 수일 내 탄도미사일 발사", "내달 초 정찰위성 발사": a time to come before the verb.
    ahead=compile_fast(r"(?<![가-힣])(?:수일|며칠|몇\s?주|다음\s?주|내주|다음\s?달|내달|연내|올해\s?안|내일|모레)(?:\s?(?:내|안|중|초|말))?에?(?=\s)"),
    # ... and a concession: "미사일 쏴도 그때뿐".
    condition=compile_fast(r"(?:하|되|오|쏘|이|지|친)면(?![가-힣])|다면(?![가-힣])|(?:쏴|해|돼|와)도(?=[\s\"'”’…]|$)"),
    # "이준석, 北 미사일 발사에 \"...\"": a quote about the launch is the headline's event.
    # ... or a work's theme: "미사일 발사를 소재로 한 영화", "발사를 그린".
    subordinate_after=compile_fast(r"^[^\s]{0,2}(?:와 관련|에 대해|에 대응|에 반발|를 규탄|을 규탄|관련|에\s*[\"“'‘]"
                                   r"|[를을] 소재로|[를을] 그린|[를을] 다룬"
                                   # ... a message's words: "\"미사일 발사\" 훈련 문구".
                                   r"|[\"”'’]?\s?(?:훈련\s?)?(?:문구|문자\s?메시지|안내\s?방송))"),
    # "발사 소식에 코스피 하락", "발사로 경보": the launch as the cause of the headline's news
    # (not "발사에 성공", a launch that succeeded; a strike's "공습에 1명 사망" is its aftermath).
    # So is a launch the clause "but" or "while" leads to other news ("北 미사일 쐈는데 코스피는 '꿋꿋'").
    cause_after=compile_fast(r"^(?:\s?소식|\s?보도|\s?여파)?(?:에도|에|으로|로)\s(?!성공|실패|나서|앞서)"
                             r"|^(?:했|됐)?(?:다는데[\s…]|는데\s|지만\s)(?!실패)|^(?:하)?자\s"
                             # ... or what is taken issue with: "발사 문제 삼는 건".
                             r"|^\s?(?:를|을)?\s?문제\s?삼"
                             # ... or news of it watched: "발사 뉴스 지켜보는 시민들".
                             r"|^\s?(?:관련\s?)?(?:뉴스|소식|보도|속보)\s?(?:를|을)?\s?(?:보|지켜|시청)"),
    time_after=compile_fast(r"^\s?(?:(?:닷새|사흘|나흘|이틀|하루|엿새|열흘|일주일|보름|한\s?달|\d+일)\s?만(?!에\s?(?:또|다시|재차))"
                            r"|날(?=\s)|당일|다음\s?날|이튿날|이후\s?(?:첫|처음)|부터(?=\s))"),
    # "동해상으로 탄도미사일", "동해상 미상 탄도미사일": a sea or a heading before the weapon,
    # with up to three words of its class between, tells its flight with no verb; so does
    # "again" ("사흘 만에 또 탄도미사일").
    toward=compile_fast(r"(?:[동서남]해상(?:으로)?|[동서남]해로|해상으로|쪽으로|향해|방향으로|(?<![가-힣])또|또다시|재차)(?:\s?[가-힣]{1,4}){0,3}?\s?$"),
    # "키이우에 극초음속 미사일", "이스라엘 남부를 향해 로켓": where the launch went, a place before
    # its dative or heading with the weapon or the launch after it in the phrase (not a time:
    # "새벽에", "나흘 만에"; not a sea, which the seas' table reads).
    target_place=compile_fast(
        r"(?<![가-힣])(?P<place>(?!새벽|오전|오후|아침|저녁|밤|낮|주말|지난|이날|올해|오늘|어제|최근|동시|처음|연속|이번|당시)"
        # A compass heading is no place ("북동쪽 방향으로": `heading` reads it).
        r"(?!(?:북동|동북|북서|서북|남동|동남|남서|서남|북|남|동|서)(?:쪽|\s?방향))"
        # A common noun alone says no place ("인근에", "군사시설에", "표적을 향해").
        r"(?!(?:지역|인근|일대|주변|부근|영토|본토|영공|상공|표적|목표|해역|구역|도심|단지|기지|병원|\w{0,3}시설)(?:에|을|를|쪽|\s?방향))"
        # (Nor what a launch answers: "IRBM 도발에", "위협에", "훈련에".)
        r"[가-힣]{2,6}?(?<![만간때해상양다])(?<!도발)(?<!위협)(?<!훈련)(?<!연습)(?:\s(?:남부|북부|동부|서부|중부|전역|일대|각지))?)"
        # (Not "에 대한", "에 따르면", "에 의해", "에 대응": what the dative is not a target of;
        # nor "에게", to whom: "기자들에게".)
        r"(?:에(?!서|게|\s?대한|\s?대해|\s?따르|\s?의해|\s?대응|\s?맞서|\s?관한)|(?:을|를)?\s?(?:향해|겨냥해|겨냥한)|쪽으로|\s?방향으로)"
        r"\s?(?=(?:[^\s,.…'\"‘’“”]+\s?){0,4}?(?:미사일|로켓|탄도|순항|방사포|발사))"
        # The waters around a place: "대만 주변 해역으로 ... 발사".
        r"|(?<![가-힣])(?P<place_waters>[가-힣]{2,6}\s?(?:주변|인근|근해)\s?(?:해역|수역|해상))(?:으로|에)\s?"
        r"(?=(?:[^\s,.…'\"‘’“”]+\s?){0,6}?(?:미사일|로켓|탄도|순항|방사포|발사))"),
    saying_end=compile_fast(r"(?:밝혔|발표했|주장했|전했|말했|설명했|확인했|보도했|공개했|올렸)(?:다|습니다)\s?$"),
    topic_speaker=compile_fast(
        r"\s*(?:\([^()]{0,40}\)\s*)?(?P<s>[^\s,.()\"“”'‘’…]{1,20}(?:\s[^\s,.()\"“”'‘’…]{1,20}){0,3}?"
        r"(?:\([^()]{1,20}\))?)(?:은|는)\s"),
    speaker_clause=compile_fast(
        r"(?:^|(?<=[\s(]))(?P<s>[^\s,.()\"“”'‘’…]{1,20}(?:\s[^\s,.()\"“”'‘’…]{1,20}){0,3}?)에\s?(?:따르면|의하면)"
        r"|(?:다고|라고)\s(?P<q>[^\s,.()\"“”'‘’…]{1,20}(?:\s[^\s,.()\"“”'‘’…]{1,20}){0,4}?)(?:이|가)\s"
        r"(?:[^\s,.]{1,12}\s)?(?:밝혔|말했|전했|주장했)"),
    # "남부에 로켓 20발", "상선에 대함탄도미사일 2발": a target before a weapon that ends the
    # headline's phrase (the weapon's class in one word or two).
    # ... or where it was fired from or at, with its count after it ("순안서 ICBM 1발…",
    # "텔아비브로 로켓 3발").
    target_before=compile_fast(r"(?:[가-힣]{2}에\s?(?:[가-힣]{1,5}발\s?)?|(?P<origin>[가-힣]{2}(?:서|로))\s?)"
                               r"(?:(?:극초음속|탄도|순항|신형|장거리|단거리|중거리|대함|대공)\s?){0,2}$"),
    # ... or that it failed ("北 정찰위성도 실패...": a failed launch is a launch).
    # (Where it was fired from may stand between: "6발, 황해도서 동해로".)
    heading_after=compile_fast(r"(?:,?\s?[가-힣]{1,8}(?:에서|서))?\s?(?:또다시|또|재차)?\s?(?:[동서남]해상?(?:으로|로|에)|태평양으로)(?=\s?(?:$|…|,|·))"
                               r"|(?:도|가|이)?(?:\s?또|\s?재차)?\s?(?:발사\s?)?실패(?=\s?(?:$|…|\.{2,}|,|·))"),
    # A headline's attack with no weapon, and its aftermath, which the policy counts as its
    # report ("후티 거점 타격", "희생자 12명"), when the summary names the missiles.
    # A blackout or a fire is what a strike left, as its dead are ("하르키우 대규모 정전").
    headline_attack=compile_fast(r"타격|공격|공습(?!\s?경보)|피격|직격|폭격|맹폭|강타|사망|숨져|숨진|희생|참사|부상|파손|정전|단전|화재|폭발"),
    # ... or its land, waters or sky: "러 본토", "일본 EEZ", "대만 주변 해역".
    # "북한의 탄도미사일 도발에 대응해": what is answered is no launcher of the answer.
    # '후티 "美 항모 트루먼에 ..."': a ship or base of the name, named, is what is hit.
    # ("러시아 해군 사령부가 미사일 공격을 받았다": the subject of an attack received.)
    target_after=compile_fast(r"[^,.。이가]{0,12}?(?:이|가)\s?[^,.。]{0,10}?(?:공격|공습|폭격|타격)을\s?받"
                              r"|(?:의\s?[^,.。]{0,15}?)?에\s?(?:대응|맞대응|대한\s?대응|맞서|보복)"
                              # ("이스라엘 군기지 11곳에": how many of them too.)
                              r"|\s?(?:항모|항공모함|구축함|순양함|상륙함|호위함|초계함|잠수함|함정|군함|함대|기함|(?:군사?)?기지)\s?[가-힣A-Za-z0-9.\s]{0,12}?에(?!서)"
                              r"|\s?(?:상륙함|순양함|호위함|초계함|기함|함대)\s?(?:을|를|\s?(?:격침|타격|공격))"
                              # "이스라엘 벤구리온 공항에", "인도 공군기지 타격": a place of the state's, struck.
                              r"|\s[가-힣]{1,6}\s?(?:공항|공군기지|해군기지|기지|비행장|항구|항|시설|발전소|정유소)\s?(?:에(?!서)|을|를|\s?(?:타격|공격|공습))"
                              r"|(?:\s?[가-힣]{0,3}?)(?:에(?!서)|에게|를|을|으로|쪽|겨냥|향해|향한)|\s?(?:수도|전역)"
                              r"|(?:의)?\s?(?:본토|영토|영해|영공|상공|앞바다|근해|인근|주변|EEZ|배타적\s?경제수역|[북남동서]{1,2}부|중부)"),
    # (Not the subject of a clause that holds a place or supplied a weapon: "이스라엘이 점령한
    # 골란고원", "영국이 지원한 순항미사일".)
    subject_after=compile_fast(r"(?:\s?(?:군|반군|군부|정부|당국|측|무장정파|혁명수비대|대통령))?(?:이|가|은|는)(?=[\s,]|$)"
                               r"(?!\s?(?:점령|장악|통제|지배|병합|관할|주둔|지원|공급|제공|제작|개발|생산)(?:한|하는|하고\s?있는|중인))"),
    # (One character of a Latin name or a figure at a time: no two ways to read a run.)
    owner_between=compile_fast(r"(?:의)?(?:[A-Za-z0-9\s-]|[가-힣]{1,3}급|신형|극초음속|탄도|순항|단거리|중거리|장거리"
                               r"|대륙간|준중거리|미상|초대형)*$"),
    instrument_after=compile_fast(r"(?:으로|로)(?![가-힣])"),
    maker_after=compile_fast(r"(?:제|산)(?![가-힣])"),
    coordinated_between=compile_fast(r"(?:과|와|및|·|,)\s?$"),
    # "러시아가 쏜 北 미사일": the weapon's maker, after the clause that names who fired it.
    qualifier_before=compile_fast(r"(?:이|가)\s?(?:쏜|쏘아\s?올린|발사한)\s?$"),
    qualifier_after=compile_fast(r"(?:이|가)\s?(?:[가-힣]{1,4}\s)?(?:강제\s?)?(?:병합|합병|점령|강점|실효\s?지배)(?:한|된|하고\s?있는|중인)\s"),
    # '헤즈볼라 "우리가 쐈다"', "하마스가 배후를 자처": the side that claims the attack.
    claimant_after=compile_fast(r"(?:\s?(?:측|군|반군))?(?:이|가|은|는)?\s?(?:[\"“'‘]\s?우리가\s?(?:쐈|쏘았|발사했)"
                                r"|(?:공격의?\s?)?배후(?:를|임을)?\s?자처|(?:공격|발사)(?:을|를)?\s?(?:했다고\s?)?(?:인정|주장))"),
    owner_after=compile_fast(r"\s?(?:선적|국적|소유)|\s?(?:기업|회사|해운사|선사)(?:가|이|의)|\s?(?:유조선|화물선|상선|선박|컨테이너선)"),
    # "100여 발": over a hundred, counted as its number.
    # (Not those shot down: "24발 격추".)
    counts=compile_fast(r"(?P<n>\d{1,4}|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s?(?:여\s?)?(?:발|기)(?!사|표|견|생|전|언|동|지|간|술|업|자|념|록|준|관|장)"
                        r"(?!\s?(?:을|를|이|가)?\s?(?:격추|요격))"),
    number_words={"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10},
    distances=(
        compile_fast(rf"(?:비행\s?거리)(?:는|가)?\s*(?:약)?\s*{QUANT}", _I),
        compile_fast(rf"(?:약)?\s*{QUANT}\s*(?:를|을)?\s*(?:가량|정도|이상)?[^。\n]{{0,22}}?(?:비행|날아)", _I),
        # ... or to the target it hit: "365㎞ 계선의 섬 목표를 명중", "약 40㎞ 떨어진 표적에 명중".
        compile_fast(rf"(?:약)?\s*{QUANT}\s*(?:계선|떨어진|밖)(?:의)?[^.。\n]{{0,10}}?(?:목표|표적)(?:을|를|에)?\s?(?:명중|타격)", _I),
    ),
    apogees=(compile_fast(rf"(?:정점\s?)?고도(?:는|가)?\s*(?:약\s*)?{QUANT}", _I),),
    # Where it was fired from: a place and its area word before "에서" (or before a launch
    # seen there: "함흥 일대 발사를 포착"; a launcher placed there: "원산 인근 해안 지역에
    # 배치한 이동식발사대로"; a province, "수미주에서"), a launch verb after it in the sentence ("평양 순안 일대에서
    # 동해상으로 ... 발사"), not a launch it "had made before" ("발사한 바 있다"); words of
    # time and subjects (a word ending in a subject particle, "지난달에도") are not part of
    # the place.
    launch_sites=(re.compile(
        rf"(?<![가-힣\d])(?P<site>{_PLACE_WORDS}"
        r"[가-힣]*?\s?(?:일대|일원|부근|인근|지역|해상|해역|수역|기지|비행장|공항|근처|동해안|서해안|내륙|발사장|지구|주"
        r"|앞바다|섬|[북남동서중]부|우주센터|잠수함|함정|구축함|군함|시험장|사격장|폭격기|전투기))"
        # ("일대서", "가자지구서": headlines contract "에서" to "서" after an area word.)
        rf"(?:에서|(?<=[대원근역해지상구장])서|에\s(?:배치한|배치된|있던|위치한)|(?=\s발사))(?={_LAUNCH_AFTER})"),
        # A facility (`schemas.places.Site.facility`) needs no area word: "평안북도 동창리에서".
        re.compile(
            rf"(?<![가-힣])(?P<site>(?:[가-힣]{{2}}[남북]도\s)?(?:{_FACILITY})[가-힣]{{0,2}}?)에서(?={_LAUNCH_AFTER})"),
        # The launch point named: "발사 지점은 함경남도 신포 인근 해상으로", "발사 원점은 ... 일대로",
        # "발사 장소는 ...였으며", "발사된 곳은 ...다", "처음 포착된 곳은 ...로", "황주군 일대를 발사 지점으로".
        # (Not one "not yet disclosed": "발사 지점은 아직 공개되지 않았다".)
        re.compile(r"(?:발사\s?(?:지점|장소|원점)|(?:발사|포착)된\s곳)(?:은|는|이|가)\s"
                   r"(?P<site>(?:(?!않|없|아직|미상|불명)[^,.。\n]){2,30}?)"
                   r"(?:으로|로|인(?!근)|이며|이다|이었|였|다[.。\s])"),
        re.compile(rf"(?<![가-힣\d])(?P<site>{_PLACE_WORDS}[가-힣]+)(?:을|를)\s발사\s?지점으로"),
        # ... and as what is known of it: "발사 장소를 ... 일대로 파악", "발사 지점을 ... 일대로 추정";
        # where the launch took place: "발사는 ... 우주기지에서 이뤄졌으며".
        re.compile(r"발사\s?(?:지점|장소|원점)(?:을|를)\s(?P<site>[^,.。\n]{2,30}?)(?:으로|로)\s(?:파악|추정|보고|분석|판단)"),
        re.compile(r"발사(?:는|가)\s(?P<site>[^,.。\n]{2,30}?)에서\s(?:이뤄졌|이루어졌|진행됐|실시됐)"),
        # Where the launchers are: "가자지구 내 무장세력이", "가자지구의 팔레스타인 무장정파 하마스가".
        re.compile(rf"(?<![가-힣])(?P<site>[가-힣]{{2,6}}(?:지구|지역|일대))(?:의|\s내)?\s(?:[가-힣]+\s){{0,2}}?"
                   rf"(?:무장정파|무장세력|무장단체|반군|민병대)(?={_LAUNCH_AFTER})"),
        # A state, or a land armed groups fire from: "예멘에서 이스라엘을 겨냥해 ... 발사".
        re.compile(rf"(?<![가-힣])(?P<site>{_STATE_NAMES}|예멘|레바논)에서(?={_LAUNCH_AFTER})"),),
    # (Not a name's number: "미니트맨3 시험발사".)
    clock_time=compile_fast(r"(?P<pre>오전|오후|새벽|아침|저녁|밤|낮)?\s*(?<![가-힣A-Za-z-])(?P<h>\d{1,2})\s*시(?!간|즌|장|청|리|점|기|각|험|작|설|스|민|도|행)"
                            r"\s*(?:(?P<m>\d{1,2})\s*분|(?P<half>반))?"),
    date=compile_fast(
        r"(?:(?P<year>(?:19|20)\d\d)\s*년\s*)?(?:(?P<mon>1[0-2]|0?[1-9])\s*월\s*)?(?P<day>[0-3]?\d)\s*일(?!\s?만|간|째|동안)"
        r"|(?P<rel>오늘|이날|어제|금일|전날)"
    ),
    part_hours={"새벽": 4, "아침": 8, "오전": 9, "낮": 12, "정오": 12, "오후": 15, "저녁": 19, "밤": 22},
    pm_words=frozenset({"오후", "저녁", "밤"}),
    am_words=frozenset({"오전", "새벽"}),
    day_before_words=frozenset({"어제", "전날"}),
    before_stated_words=frozenset({"전날"}),
    past_day_before=compile_fast(r"지난\s?$"),
    # (... or a saying verb right after it: "3일 보도했다", "25일 밝혔다", "11일 엑스(X)를 통해 밝혔다")
    statement_after=compile_fast(r"\s?(?:\S+(?:\s\S+)?(?:을|를)\s통해\s)?"
                                 r"(?:성명|발표문|보도자료|브리핑|기자회견|국회|보도했|밝혔|발표했|전했)"),
    # "이스라엘군은 9일 ...했다고 밝혔다": the topic's statement's day (not a day with its part
    # or clock, "27일 밤", nor the place's own, "1일(현지시간)": the launch's).
    subset_count=compile_fast(r"(?P<total>\d{1,3})\s?발[^.。]{0,60}?(?:이\s?중|그\s?중|가운데)\s?(?P<part>\d{1,3})\s?발"),
    topic_before=compile_fast(r"\S(?:은|는)\s$"),
    said_after_topic=compile_fast(
        r"(?!\s?(?:\(현지시간\)|새벽|아침|오전|낮|정오|오후|저녁|밤|\d))"
        r"[^.。]*?고\s(?:(?!\S*(?:이|가)\s)\S+\s){0,3}?(?:밝혔|발표했|전했|주장했|말했|보도했|공개했)"),
    # "발사 5주년", "발사 1년 전", "발사로부터 10년": a look-back on that launch (not "5년
    # 만에 발사", a launch after a pause).
    looks_back_after=compile_fast(
        r"(?:\s?성공)?['’\"”]?(?:\s?(?:이후|후|로부터|으로부터|한\s?지|간\s?지|온\s?지))?\s?(?:\d{1,3}|[일이삼사오육칠팔구십]+)\s?(?:주년|년\s?전|년이\s?지|년(?=\s?[…·,.]|$))"
        # ... or its chronicle ("도발 연대기", "발사 일지").
        r"|\s?(?:연대기|일지|연표|타임라인)"),
    motive_before=compile_fast(r"(?:훈련|연습|제재)(?:에|을|를)?\s?$"),
    # "발사설 사실 아냐", "발사 보도는 오보", "발사하지 않았다": the launch denied.
    denied_after=compile_fast(
        r"[\"'”’]?\s?(?:(?:했|됐|한)다는\s?(?:일부\s?)?)?(?:설|보도|속보|주장|소문|정보|얘기|영상|사진|경보)?(?:은|는|이|가|도|,)?\s?"
        r"(?:사실\s?(?:이\s?)?(?:아니|아냐|무근|없)|사실과\s?(?:달라|다르)|오보|오인|오판|허위|거짓|가짜|부인|일축|없었|없다|없어|없음"
        r"|날조|조작|낭설|근거\s?없|오작동|오경보|철회|취소)"
        r"|(?:하지|한\s?적|된\s?적)\s?(?:않|없)|\s?(?:식별|확인)(?:되지|되지는|하지)\s?않|(?:가|이)?\s?(?:아니|아냐|아닌)"),
    # Totals over a period: "30여 발", "20차례" (not "12번째", one of a series).
    total_count=compile_fast(
        r"(?:\d{2,}|\d+\s?만(?:\s?\d+\s?천)?|\d+\s?천|수십|수백|수천|수만)\s?(?:여\s?)?(?:발|차례|회)(?![가-힣])|집계"),
    single_occasion=compile_fast(r"오늘|이날|새벽|오전|오후|밤사이|지난밤|하룻밤|하루(?:\s?동안|\s?만에)?|동시에|한꺼번에|일제히"),
    # Launches told as a trend right after their noun: "북한 탄도미사일 발사 급감",
    # "발사 횟수 크게 늘어" (not "발사 줄이어", launches one after another).
    trend_after=compile_fast(
        r"\s?(?:횟수|건수|빈도)?\s?(?:가|이|는|도)?\s?(?:크게\s?|대폭\s?|절반\s?가까이\s?|절반으로\s?)?"
        r"(?:급감|급증|감소|증가|반감|반토막|줄어|줄었|늘어|늘었|뚝)"),
    trend_nouns=frozenset({"발사"}),
    # (Not a record's rank: "연간 기준 역대 두 번째", a total second only to another year's.)
    late_report=compile_fast(r"뒤늦게|뒤늦은|늑장"),
    one_of_series=compile_fast(r"(?<!역대 )(?<!역대)(?<!사상 )(?:\d+\s?(?:번째|차례째|차\s)|(?:[첫두세네]|다섯|여섯|일곱|여덟|아홉|열)\s?번째)|처음|(?<![가-힣])또(?:\s|다시)|재차|다시|연이어|잇따라"
                              # "올해 첫 ICBM 도발": the first of the year is one launch of them.
                              r"|(?<![가-힣])첫\s?(?=[가-힣A-Za-z])"),
)
