"""What a language's rule table holds, and the event cue its readers return."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from services.classify.fastpattern import FastPattern


# A reader examines at most this many candidates of each sort (launch verbs, test words,
# weapons) per text, in text order. A report names a handful; only a list or a hostile
# text names more, and its first candidates decide as well as all of them would. The
# regular expressions still read the whole text, in linear time; the bound keeps the
# Python work per text bounded too.
MAX_CANDIDATES = 200


class Cue(NamedTuple):
    """One event cue: a launch, test or impact bound to a weapon.

    A named tuple rather than a frozen dataclass: several are built for every item, and a
    tuple is built several times faster.
    """

    kind: str  # "launch" | "test" | "impact" | "bare"
    start: int
    end: int
    in_title: bool
    modal: bool = False
    negated: bool = False
    subordinate: bool = False
    weapon: tuple[int, int] | None = None
    verb: tuple[int, int] | None = None

    @property
    def asserted(self) -> bool:
        return not (self.modal or self.negated)


@dataclass(frozen=True)
class SharedWords:
    """A language's words for what every item is read for, whatever its language (names
    and quotes cross languages). Regular-expression source; the registry joins each field
    over all tables into one pattern, in registry order. Empty: the language has none."""

    # What the item is about, besides a launch.
    civil_space: str = ""  # civil and commercial space: launches we do not report
    defence: str = ""  # missile defence deals, deployments, exercises
    # After a defence's name, the defence at work on an attack ("interceptors meet Iranian
    # missiles", "Żelazna Kopuła w akcji"): with the attack told, no deal, deployment or exercise.
    interception: str = ""
    # In a headline that tells no launch of any tense: what it braces for ("Israel on high
    # alert as Iran threatens missile retaliation"), the policy's preparation or prediction.
    anticipation: str = ""
    non_missile: str = ""  # launched or fired, but not a missile or rocket
    retrospective: str = ""  # anniversaries, obituaries, looking back
    flight_detail: str = ""  # facts only a report of a real flight gives
    agency_words: str = ""  # generic words for a reporting agency ("defence ministry")
    satellite: str = ""  # the weapon is a satellite or its carrier
    military_space: str = ""  # a satellite launch that is military
    # Headline framings, each one feature (see detector.py).
    digest: str = ""
    aggregate: str = ""
    total_period: str = ""  # a period that makes a total with a count, and no frame alone
    bulk_count: str = ""
    sport: str = ""
    # A work's title in its brackets after the work's noun ("映画『ミサイル』", "영화 <미사일>"):
    # a weapon named in it is no weapon.
    work_title: str = ""
    explainer: str = ""
    explainer_start: str = ""  # matched at the start of the headline
    # A label at the headline's start that makes the piece an opinion or an analysis
    # ("Opinion:", "Analiza:", "【解説】", "[사설]"): a feature, never a report of a launch.
    genre_label: str = ""
    obituary_start: str = ""  # matched at the start of the headline
    # A death told by its notice or by the age of the dead ("dies at 78", "별세…향년 78세",
    # "死去、78歳"): the headline's news is a life, the launch in it one its subject lived
    # through; the policy's obituary, a look-back whatever the words around it.
    obituary: str = ""
    always_looks_back: str = ""  # matched where a retrospective word starts
    # A label that makes the whole headline a look-back ("On this day in 2012:", ": a
    # retrospective", "きょうは何の日"): whatever launch it tells is the policy's retrospective.
    look_back_label: str = ""
    # A headline whose news is the supply, sale or making of weapons ("ships artillery
    # rockets to Russia", "ramps up Iskander output"): with no launch told, none to report.
    supply: str = ""
    # A headline whose news is a weapon shown: a parade, an exhibition, an unveiling ("shows
    # off new ICBMs at parade", "pokazał na defiladzie nową rakietę"): with no launch told,
    # none to report.
    display: str = ""
    # A headline whose news is the test of an engine or a motor on the ground ("conducts
    # engine test of new ballistic missile", "przetestowała silnik nowej rakiety"): with no
    # launch told, none to report.
    engine: str = ""
    superlative: str = ""  # before an aggregate's period: it compares, it does not total
    # Extraction.
    vague_count: str = ""  # "several", "수 발": a count without a number
    # ... of them, a magnitude ("dozens", "数千発"): a number of that size in the summary
    # still counts ("dozens of rockets" + "about 35 rockets were fired").
    magnitude_count: str = ""
    # "barrage", "salwa": an attack's size without a number; no count of one weapon, but a
    # number in the summary still counts ("... barrage" + "Russia launched 81 missiles")
    volley_words: str = ""
    altitude: str = ""  # "高度": the number after it is an apogee, not a distance
    # A missile by its general noun: a headline that says it makes a summary's bare
    # "rockets" a loose word for the same missiles, not an artillery rocket.
    missile_noun: str = ""
    # A restoration look-back ("reopens after repairs", "修復終え") of a place the headline's
    # attack harmed ("damaged in missile strike", "hit by missile", "攻撃で損傷の"): the news
    # is the restoration, long after the strike. `restored` starts the look-back's words,
    # `harmed` is the harm near the attack.
    restored: str = ""
    harmed: str = ""
    # A summary that is a photo's caption ("... (AP Photo/...)", "FILE - ..."): it tells
    # the picture, often of an older launch, not the news; the facts are the headline's.
    photo_caption: str = ""
    # Before a missile class in its clause: the clause tells another, earlier event ("days
    # after North Korea fired an ICBM", "po teście"), so the class is not this launch's ...
    other_event_before: str = ""
    # ... and after it: "fired an ICBM earlier this year", "wcześniej".
    other_event_after: str = ""
    generic_sea: str = ""  # "into the sea": no sea named
    # A compass heading told as one ("in a northeastern direction", "북동쪽 방향으로"): the
    # direction where no sea or place is named (`extractor.compass_point` reads which).
    heading: str = ""
    # In a count's clause: the count is a total over a period, not this launch's ("more than
    # 3,000 missiles since February 2022", "ponad 400 pocisków od początku konfliktu").
    count_period: str = ""
    # In a count's clause: the weapons fell on, hit or were downed over one place ("Na stolicę
    # spadły trzy rakiety", "two missiles struck the capital") ...
    place_tally: str = ""
    # Right before a sea: the missile was stopped over it ("intercepted over the Red Sea",
    # "zestrzelona nad Morzem Czarnym"), which says where it went only when no target does.
    stopped_over: str = ""
    # ... of an attack the text tells over a whole country or many places ("across Ukraine",
    # "w całym kraju", "cities"): that place's tally, not the launch's count.
    wide_attack: str = ""
    # Right after a count's weapons: the number counts other arms with them ("150 missiles
    # and drones", "ponad 100 rakiet i dronów"), so it is not the missiles' own count.
    count_with_others: str = ""
    # In the words `count_with_others` matched: the other arms are bombs ("and glide
    # bombs"), not drones, which are the others where this does not match.
    count_with_bombs: str = ""
    # Right after a count's weapons, before the class the text names: the count is of several
    # classes, that one among them ("52 missiles, including hypersonic Kinzhals", "52 pociski,
    # w tym hipersoniczne Kinżały"), not 52 of that class.
    count_of_classes: str = ""
    # Before a clock time in its sentence: the time is another thing's (sirens, an alert, a
    # post or a statement: "sirens sounded in central Israel at 3:40 a.m.", "投稿は午前8時3分").
    other_time_before: str = ""
    # After a sea's name: the name is part of another's ("Black Sea port", "Black Sea Fleet"),
    # no destination.
    sea_as_name_after: str = ""
    # Before a sea's name: where the missile came from ("launched from ships in the Black Sea").
    sea_origin_before: str = ""
    # ... or after it, in a language that puts "from" last ("地中海上の艦艇から", "白海の潜航海域から").
    sea_origin_after: str = ""
    # After a state's name: it says what happened ("South Korea says", "Ukrainian officials
    # said"): the state is the source when the text names no agency.
    sayer_after: str = ""
    sayer_before: str = ""  # before a state's name: the same ("..., say S Korea, Japan")
    # Before a date: it dates a statement, not the launch ("officials said Friday",
    # "poinformowała w poniedziałek").
    statement_before: str = ""
    reporter_after: str = ""  # after an actor's name: it reports, it does not launch
    # Right before the launch verb: a common noun for the armed men who fired ("militants
    # firing rockets"); a state named elsewhere in the sentence is not their name.
    unnamed_launcher: str = ""
    # Right before a name: the passive agent of a launch ("fired by", "wystrzelony przez
    # stronę"); whose the weapon was is not who fired it, where the text says who did.
    launched_by: str = ""
    # A word for what is left of a weapon ("debris", "szczątki"): its owner after it fired it.
    debris: str = ""
    credit_before: str = ""  # before an agency's name: the text credits it ("according to")
    credit_after: str = ""  # after an agency's name: the text credits it ("によると")
    # A speaker: a person or body the text makes the source ("..., Zelenskyy says", "jak
    # podał szef ..."), as the text spells it; read where the gazetteer names no agency.
    speaker_verb: str = ""  # a saying verb its speaker comes before ("officials said")
    speaker_verb_first: str = ""  # a saying verb, with its context, its speaker comes after (", says")
    speaker_credit: str = ""  # before the speaker: the text credits it ("according to", "według")
    speaker_skip: str = ""  # adverbials between a verb and the speaker after it ("w czwartek rano")
    speaker_end: str = ""  # a word that ends a speaker read forward ("w komunikacie", "on Friday")
    speaker_clause_start: str = ""  # a word that opens a clause: a speaker read backward starts after it
    speaker_titles: str = ""  # a title that makes a headline's opening "Name:" a person ("Gen.")
    not_speaker: str = ""  # a pronoun, a vague source or a headline framing, as a speaker's first or last word
    kinds: tuple[tuple[str, str], ...] = ()  # (kind, words), kinds in extractor order
    seas: tuple[tuple[str, str], ...] = ()  # (canonical sea, words)
    # Short forms that name an actor only in context (北 before a particle), per actor code.
    actor_forms: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class LanguageTable:
    """The rules of one language.

    A text is read with its language's table and with the English one: English acronyms,
    weapon names and agencies appear in every language. `verb_final` languages (Korean,
    Japanese) are read by the verb-final reader with the fields marked for it; English has
    a reader of its own (reader_en.py), whose grammar words are in en.py; Polish, an
    `inflected` language of free word order, has one too (reader_pl.py), whose verb forms
    and framing words are in pl.py.
    """

    code: str
    verb_final: bool
    weapons: FastPattern  # weapon nouns, classes and named systems
    reaction: FastPattern  # a reaction (condemnation, meeting) as the headline's main event
    shared: SharedWords
    default_zone: str | None = None  # zone of local times when nothing else says
    inflected: bool = False  # read by reader_pl.py: free word order, verbs inflected for aspect and tense
    unspaced: bool = False  # no space between the words of a phrase (Japanese): a space ends one

    # Right after a weapon, what makes it no weapon fired: a noun it qualifies, a place or
    # a trade ("ミサイル部隊拠点", "미사일 기지"), or a cry about it ("또 미사일이냐").
    not_fired_after: FastPattern | None = None
    # Read by the verb-final reader.
    launch_verbs: FastPattern | None = None  # launch and impact verbs
    launch_words: frozenset[str] = frozenset()  # the matches of launch_verbs that are launches
    modal_after: FastPattern | None = None  # right after the verb: not yet happened
    modal_near: FastPattern | None = None  # around the verb: not yet happened
    # A condition ("쏘면", "현실화하면", "落ちれば"): before the verb in its clause, or ending
    # the headline, it makes what the headline tells a hypothesis.
    condition: FastPattern | None = None
    # A time to come ("数日内に", "내달 초"): before the verb in its clause, what the clause
    # tells has not happened yet.
    ahead: FastPattern | None = None
    subordinate_after: FastPattern | None = None  # right after the verb: the cause of other news
    # Right after the verb, a launch or a strike as the time of other news ("발사 닷새 만",
    # "落下から一夜"): the headline's news is that other news.
    time_after: FastPattern | None = None
    toward: FastPattern | None = None  # before a weapon with no verb: "日本海に向け"
    # In a headline, before a weapon that ends its phrase (alone or with its count): the
    # target of a strike told with no verb ("北部にロケット弾約50発", "상선에 미사일").
    target_before: FastPattern | None = None
    # In a headline, right after a weapon (and its count): where it went, or that it
    # failed, with no verb ("北 미사일 또 동해로…", "弾道ミサイル2発、日本海へ", "정찰위성도 실패").
    heading_after: FastPattern | None = None
    # In a headline with no weapon: an attack, strike or hit on a place ("후티 거점 동시 타격",
    # "黒海艦隊司令部を攻撃"), which counts as the headline's event when its summary tells a
    # missile or rocket event of its own (as `reader_en.headline_attack` in English).
    headline_attack: FastPattern | None = None
    # Right after a launch verb: the text looks back on that launch ("발사 5주년", "発射から
    # 1年"), or denies it ("발사설은 사실무근", "発射したとの情報は誤り").
    looks_back_after: FastPattern | None = None
    denied_after: FastPattern | None = None
    # Right before a weapon: it is denied ("not a missile", "nie był rakietą", "żadnej rakiety").
    negation_before: FastPattern | None = None
    # Right after the headline's launch: a judgement of it, which is the headline's news (the
    # main-event rule): "strikes on Russian soil mean NATO is involved", "atak to akt terroru".
    judged_after: FastPattern | None = None
    # At a headline's start, a speaker and what their words follow or concern, before a
    # colon: "Duda po ataku rakietowym na Kijów: ...", "Zelensky after missile strike: ...".
    speaker_after: FastPattern | None = None
    # Right after a headline's event told by a plural noun (`trend_nouns`), what tells a
    # trend over time: "missile attacks on shipping dwindle", "ataki rakietowe ... słabną".
    trend_after: FastPattern | None = None
    trend_nouns: frozenset[str] = frozenset()
    # Anywhere in a headline, words that tell a change in what or how much is fired: "Russia
    # shifts to ballistic missiles", "coraz mniej pocisków", "Słabnie ostrzał rakietowy".
    shift: FastPattern | None = None
    # In a headline, a rate of the weapons: "90% of rockets", "one in four Russian missiles".
    rate: FastPattern | None = None
    # In a headline, a count of the weapons or attacks that passes a mark (group `verb` is
    # the passing): "Russia's missile tally passes 10,000", "liczba rakiet przekroczyła 8 tys.".
    milestone: FastPattern | None = None
    # Right before a reaction after the launch: what else it answers ("훈련 반발", "演習に反発").
    motive_before: FastPattern | None = None
    # Right after a headline's launch verb (not a strike's): the launch is the cause of its
    # news ("발사 소식에 코스피 하락", "発射情報で新幹線見合わせ"), read as a subordinate clause.
    cause_after: FastPattern | None = None
    # Other news a launch causes (markets, parliament, the public's mood, halted trains): the
    # headline's main event when it comes before the headline's launch, when that launch is
    # only its cause ("발사 소식에 코스피 하락", "発射で新幹線見合わせ"), or when the headline
    # tells none; after a launch told in its own right it is one more fact of the day.
    consequence: FastPattern | None = None
    target_after: FastPattern | None = None  # after an actor's name: it is the target
    # Verb-final roles. After a name, its subject particle (with a force or a government
    # between: "북한이", "후티 반군은", "北朝鮮は"): of the launchers before the launch verb, the
    # last so marked is its subject, not a place or a reporter named nearer to the verb.
    subject_after: FastPattern | None = None
    # Between a name and the launch's weapon, its possessive and the weapon's class words
    # ("北朝鮮のICBM級", "북한의 단거리"): the name owns the weapon.
    owner_between: FastPattern | None = None
    # Right after the weapon: it is the means ("美 에이태큼스로 공격", "北朝鮮のミサイルで"), so
    # the name on it supplied it and need not have fired it.
    instrument_after: FastPattern | None = None
    # Right after a name: the weapon was made there, not fired by it ("北朝鮮製", "북한제").
    maker_after: FastPattern | None = None
    # Between two names: they are coordinated subjects, the first leads ("미국과 영국은").
    coordinated_between: FastPattern | None = None
    # Right after a name: a ship or a firm of that state ("英国籍の貨物船", "영국 선적 화물선"),
    # attacked, not attacking.
    owner_after: FastPattern | None = None

    # Totals (the policy's aggregate statistics), read with the `aggregate` period words:
    # a count of many weapons or launches told with a period is a total, unless the text
    # tells one occasion or one launch of a series. Without `total_count`, none is read.
    total_count: FastPattern | None = None  # "100 missiles", "30여 발", "30発超", "ponad 30 rakiet"
    single_occasion: FastPattern | None = None  # "overnight", "on Sunday", "w nocy", "이날"
    one_of_series: FastPattern | None = None  # "its sixth", "12번째", "12回目", "kolejny"
    late_report: FastPattern | None = None  # "뒤늦게 공개", "後になって発表": one launch told late
    perfect_before: FastPattern | None = None  # before a count: the perfect that totals it ("has fired")
    since: FastPattern | None = None  # in a period: a time since something ("since", "od")

    # Roles of a name, read by the extractor for languages that are not verb-final (besides
    # the English ones, which every Latin-script text is read with).
    target_before: FastPattern | None = None  # right before a name: it is the target ("na")
    site_before: FastPattern | None = None  # right before a name: the place fired from ("z")
    reporter_before: FastPattern | None = None  # right before a name: it reports ("według")
    agent_before: FastPattern | None = None  # right before a name: the passive agent ("przez")
    owner_before: FastPattern | None = None  # right before a name in the genitive: a weapon it owns ("rakiety Hamasu")
    # After a name: it is the subject of a passive verb of attacking ("ostrzelany"), so the target.
    passive_target_after: FastPattern | None = None
    self_report_after: FastPattern | None = None  # after a name: it reports its own launch
    defender_after: FastPattern | None = None  # after a name: it shot down or intercepted ("zestrzeliła")
    instrument_before: FastPattern | None = None  # right before a name: it supplied the weapon used ("za pomocą")
    qualifier_before: FastPattern | None = None  # right before a name: it qualifies a place ("okupowany przez")
    # After a name: the clause that makes it the occupier of the place that follows
    # ("ロシアが一方的に併合したクリミア", "러시아가 강제 병합한 크림반도"): it qualifies the place.
    qualifier_after: FastPattern | None = None
    attack_noun_after: FastPattern | None = None  # after a name: an attack or weapon noun it owns ("rosyjski atak")
    # After a name: a weapon in the nominative that the name qualifies ("trafiła rosyjska
    # rakieta"): the sentence's subject, whatever verb comes before it.
    subject_weapon_after: FastPattern | None = None
    # The one word for missiles and rockets alike ("rakiety"): an armed group's (not a
    # state's) is an artillery rocket, as the bare English "rockets" is read.
    group_rocket: FastPattern | None = None
    # A name in an oblique case ("Ukrainy", "rosyjskich", "Rosjan"): not the subject, so not
    # the launcher, unless it is the attack's agent (`agent_case_before` and `_after`).
    oblique_name: FastPattern | None = None
    agent_case_before: FastPattern | None = None  # right before an oblique name: an attack noun ("atak")
    agent_case_after: FastPattern | None = None  # right after it: a target follows ("na"), so it is the agent
    # Right before an oblique name: a state's armed forces in the nominative, whose name it
    # is ("Siły Zbrojne Ukrainy wystrzeliły"): the name is the agent.
    armed_body_before: FastPattern | None = None
    # After a name: it claimed the attack ("przyznał się do ataku"); right before one: it
    # is blamed for it ("oskarżył o atak"). Read where the launch names no launcher (the
    # English ones, en.CLAIMANT_AFTER and en.BLAMED_BEFORE, with every Latin-script text).
    claimant_after: FastPattern | None = None
    blamed_before: FastPattern | None = None
    singular_weapons: FastPattern | None = None  # a weapon noun that names one weapon

    # Extraction.
    counts: FastPattern | None = None  # a number of weapons; the number in group "n"
    number_words: Mapping[str, int] = field(default_factory=dict)
    distances: tuple[FastPattern, ...] = ()  # distance flown: groups as extractor._quantity_km reads
    apogees: tuple[FastPattern, ...] = ()
    # Where a launch was made from ("fired from the Sunan area", "일대에서 발사"): the place in
    # group "site", or in group "home_site" where it names a site only in the launcher's own
    # state (see extractor._launch_site); the first pattern that finds one wins.
    launch_sites: tuple[re.Pattern[str], ...] = ()
    # Where a strike landed, named after a verb or noun of striking or falling and its
    # preposition ("atak na Kijów", "spadła na Odessę"); the place in group "place".
    target_place: FastPattern | None = None
    # A verb-final language's reporter: a summary sentence that ends with a saying verb
    # (`saying_end`, matched against the sentence's end) has its speaker as the topic that
    # opens it (`topic_speaker`, group "s"): "중국 국방부는 ... 발사했다고 발표했다",
    # "政府は ... 落下したと発表した".
    saying_end: FastPattern | None = None
    topic_speaker: FastPattern | None = None
    # ... and, anywhere in a summary sentence, a speaker its words make one (group "s"):
    # credited ("이란 국영매체에 따르면", "シリア国営通信によると") or named after what it said
    # ("... 숨졌다고 하르키우 시장이 텔레그램에서 밝혔다").
    speaker_clause: FastPattern | None = None
    # The English name of a place of the news the language inflects ("Kijowie" → "Kyiv"), or
    # None: a direction is given by the name a duty officer and the other languages use.
    place_name: Callable[[str], str | None] | None = None

    # Time words of the verb-final reader (timeparse.py): clock times with groups pre, h,
    # m, half; dates with groups year, mon, day, rel, and where a language names them,
    # monname (a month's name, read by `months`), wd (a weekday, read by `weekdays`) and
    # wpart (a part of that day, a key of `part_hours`).
    clock_time: FastPattern | None = None
    date: FastPattern | None = None
    months: Mapping[str, int] = field(default_factory=dict)  # a month name's stem -> 1..12
    weekdays: Mapping[str, int] = field(default_factory=dict)  # a weekday's stem -> 0 (Monday)..6
    part_hours: Mapping[str, int] = field(default_factory=dict)  # part of day -> representative hour
    pm_words: frozenset[str] = frozenset()  # before an hour: afternoon or evening
    am_words: frozenset[str] = frozenset()  # before an hour: 12 is midnight
    day_before_words: frozenset[str] = frozenset()  # relative dates meaning the day before
    # ... of them, those meaning the day before the day the text says something was said
    # ("전날", "前日", "dzień wcześniej"), not before the publication's
    before_stated_words: frozenset[str] = frozenset()
    # ... and those meaning that same day ("同日": "防衛省は4日、中国軍が同日午後...を発射")
    same_day_words: frozenset[str] = frozenset()
    # Before a date: it is a past day named as such ("지난 5일"), the launch's rather than the
    # statement's day the text names beside it ("합참은 8일 ... 북한이 지난 5일 ... 발사").
    past_day_before: FastPattern | None = None
    # After a date: it is the day of a statement ("25일 성명을 내고"), not the launch's.
    statement_after: FastPattern | None = None
    # A total launched and the part of it the headline counts: "3발을 발사했으며, 이 중 1발은 NLL
    # 이남에", "計9発を発射し、このうち5発が...EEZ内に落下" (groups `total` and `part`).
    subset_count: FastPattern | None = None
    # Before a date, the topic or subject of its sentence ("フーシ派は19日、", "이스라엘군은 9일");
    # with `said_after_topic` matching from the date on (what follows is a quote closed by a
    # saying verb with no other subject before it: "...を発射したと声明で発表した", "...요격했다고
    # 밝혔다"), the date is the statement's: the subject said it that day. ("北朝鮮は14日午前、
    # ...を発射したと防衛省が発表した" keeps the launch's: another subject says it.)
    topic_before: FastPattern | None = None
    said_after_topic: FastPattern | None = None
    relative_parts: Mapping[str, str] = field(default_factory=dict)  # "今朝" -> "morning"
