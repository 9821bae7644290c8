"""The rules' reading of items that name a launch without reporting one.

Each misreading has a pair: the item the labelling policy calls something else, and a
launch report of the same shape, which must still read as a launch.
"""

from __future__ import annotations

import pytest

from services.classify import classifier, detector


def _detect(title: str, summary: str = "", lang: str = "en") -> detector.Detection:
    p = detector.prepare(title, summary)
    return detector.detect(p, detector.detect_language(p.text, lang))


def _cues(d: detector.Detection) -> set[str]:
    return {name for name, _ in d.cue_values}


@pytest.mark.parametrize("title, summary, is_launch", [
    # The satellite's launcher is the subject of its clause, not any state the item names.
    ("India launches its first satellite of the year, while North Korea prepares a spy satellite", "", False),
    ("Japan launches a new satellite as Iran readies its own", "", False),
    ("North Korea launches spy satellite as South Korea prepares its own", "", True),
    ("Satellite launched from Sohae, North Korea's state media says", "", True),
    ("US detects satellite launch by North Korea", "", True),
])
def test_a_satellite_launch_is_military_by_its_own_launcher(title, summary, is_launch):
    assert _detect(title, summary).is_launch is is_launch


@pytest.mark.parametrize("summary, is_launch", [
    ("Next week the US plans a test launch of an unarmed ICBM from California.", False),
    ("Officials said the Air Force plans to test-fire an unarmed ICBM on Wednesday.", False),
    ("The US test-launched an unarmed ICBM from California on Tuesday.", True),
])
def test_a_test_in_the_headline_takes_its_tense_from_the_summary(summary, is_launch):
    assert _detect("Air Force announces Minuteman III test", summary).is_launch is is_launch


def test_a_test_whose_summary_tells_what_the_missile_could_do_is_still_a_report():
    assert _detect("North Korea conducts ICBM test",
                   "The missile could strike anywhere in the US mainland, analysts said.").is_launch


def test_a_launch_noun_that_has_happened_is_not_made_future_by_a_summary_that_looks_ahead():
    d = _detect("Massive Russian missile attack on Kyiv",
                "Ukraine's air force said it could intercept more missiles if the allies send launchers.")
    assert "title_event" in _cues(d)


@pytest.mark.parametrize("title, summary, attack_read", [
    # The policy counts an attack as a launch only where a missile or rocket is named.
    ("Russia launches overnight attack on Kyiv, officials say", "", False),
    ("Hackers launch wave of attacks on bank websites", "Customers could not log in for hours.", False),
    ("Russia launches overnight attack on Kyiv, officials say",
     "Explosions shook the capital as air defences engaged incoming cruise missiles.", True),
])
def test_an_attack_counts_only_where_a_missile_or_rocket_is_named(title, summary, attack_read):
    assert ("title_attack" in _cues(_detect(title, summary))) is attack_read


def test_an_attack_with_its_missiles_in_the_summary_is_a_launch():
    assert _detect("Russia launches overnight attack on Kyiv",
                   "Russia fired 30 cruise missiles at the capital overnight, the air force said.").is_launch


@pytest.mark.parametrize("title", [
    "Gunman opened fire at a shopping mall in attack, police say",
    "Guards opened fire on the crowd at 03:50",
])
def test_opening_fire_is_not_a_launch(title):
    d = _detect(title)
    assert not d.is_launch and not _cues(d) & {"title_attack", "title_bare_launch"}


def test_a_headline_launch_with_its_object_left_out_is_still_read():
    assert "title_bare_launch" in _cues(_detect("North Korea fires at 06:40, Japan says"))


@pytest.mark.parametrize("title, is_launch", [
    ("Snowstorms and a rocket launch: pictures of the day", False),
    ("A rocket launch and a royal visit: photos of the week", False),
    ("Sirens and a rocket launch: Hamas fires rockets at Ashkelon", True),
])
def test_a_photo_gallery_reports_no_launch(title, is_launch):
    assert _detect(title).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    ("Missile launches in Asia double over past decade, study finds", False),
    ("Ballistic missile tests rose over the last decade, survey shows", False),
    ("North Korea fires ballistic missile over Japan for first time in decades", True),
])
def test_statistics_over_a_decade_report_no_launch(title, is_launch):
    assert _detect(title).is_launch is is_launch


@pytest.mark.parametrize("title, summary, is_launch", [
    # A summary that lists other stories does not tell what the headline reports.
    ("Defence minister orders more shell production",
     "• Russia fires missiles at Odesa port; two were shot down • Kyiv orders evacuations from two towns", False),
    ("Missiles hit Odesa port overnight",
     "• Russia fires missiles at Odesa port; two were shot down • Kyiv orders evacuations from two towns", True),
])
def test_a_summary_that_lists_other_stories_does_not_make_the_item_a_launch(title, summary, is_launch):
    assert _detect(title, summary).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    ("University research rocket launched from northern range lands in a field", False),
    ("New rockets launched from Texas are reshaping spaceflight", False),
    ("Rocket launched from Gaza lands in a field near Sderot", True),
])
def test_research_rockets_and_spaceflight_are_civil_space(title, is_launch):
    assert _detect(title).is_launch is is_launch


@pytest.mark.parametrize("summary, is_launch", [
    ("Iran on Monday unveiled a new ballistic missile that can reportedly strike targets 2,000 km away.", False),
    ("Iran on Monday unveiled a new ballistic missile that could eventually hit targets 2,000 km away.", False),
    ("On Monday a new Iranian ballistic missile reportedly struck targets 2,000 km away.", True),
])
def test_a_capability_with_an_adverb_is_not_an_event(summary, is_launch):
    assert _detect("Iran shows off its new ballistic missile", summary).is_launch is is_launch


@pytest.mark.parametrize("title, summary, is_launch", [
    ("Military space plane blasts off on a mission expected to last years", "", True),
    ("Secretive spaceplane launches on a powerful rocket", "", True),
    # A spaceplane is a satellite: civil unless military, secret or of a sanctioned state.
    ("Commercial spaceplane launches on its first cargo mission", "", False),
    ("Virgin Galactic spaceplane flies tourists to the edge of space", "", False),
])
def test_a_spaceplane_is_a_satellite_launch_under_the_satellite_rules(title, summary, is_launch):
    p = detector.prepare(title, summary)
    assert detector.detect(p, "en").is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    # The hedge is on what flew (the first flash of Japan's government), not on whether it did.
    ("Suspected ballistic missile launched from North Korea, Japan's defence ministry says", True),
    ("Defence ministry: possible ballistic missile fired by North Korea toward the sea", True),
    # A hedged launch told with where it came from or who saw it is the same flash ...
    ("Possible missile launch from North Korea, Japan coast guard says", True),
    ("Possible North Korean missile launch detected, Japan says", True),
    # ... but a possible launch is otherwise one still to come, and so is a weapon "to be launched".
    ("Possible ballistic missile launch this week, Japan's defence ministry warns", False),
    ("Suspected missile to be launched from the west coast, Seoul warns", False),
    ("Japan on alert for possible missile launch from North Korea", False),
    ("South Korea warns of possible missile launch from the North", False),
])
def test_a_possible_missile_that_was_launched_is_a_report(title, is_launch):
    assert _detect(title).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    # Rockets that are no weapon, by the word before them.
    ("Fishing boat fires distress rockets as it takes on water", False),
    ("Vineyards fire anti-hail rockets into the clouds before harvest", False),
    ("Club members launch model rocket at county fair", False),
    ("Energy firm launches missile-themed advertising campaign", False),
    # A team of that name, told by its sport.
    ("Rockets fire their head coach as NBA season slides", False),
    ("Militants fire rockets at border town as army returns fire", True),
])
def test_rockets_that_are_no_weapon_report_no_launch(title, is_launch):
    assert _detect(title).is_launch is is_launch


@pytest.mark.parametrize("title, frame", [
    ("Iran fired a record 40 missiles during the year, report finds", "aggregate"),
    ("Houthis have launched more than 150 missiles since the spring", "aggregate"),
    ("North Korea launched missiles on 30 days last year", "aggregate"),
    ("On this day: Pakistan test-fired its first cruise missile", "retrospective"),
    ("One year since the missile barrage on the capital, survivors speak", "retrospective"),
])
def test_a_total_or_an_anniversary_is_read_as_such(title, frame):
    assert frame in _cues(_detect(title))


@pytest.mark.parametrize("title, is_launch", [
    # A total over a period is a statistic, whatever weight the model gives its words.
    ("Russia has launched 9,000 missiles at Ukraine since the invasion", False),
    ("Houthis fire a record number of missiles in 2024, monitor says", False),
    ("Pyongyang has fired more than 60 missiles over the past year", False),
    ("Since the war began, Russia has fired 8,000 missiles at Ukraine", False),
    # A number's own comma is no clause break between the count and its period.
    ("Russia fired 3,000 missiles at Ukraine in 2023, Zelenskyy says", False),
    # ... not one occasion of many missiles, nor one launch of a series.
    ("Militants fire 3,000 rockets at southern towns on Sunday", True),
    ("Militants fire 1,500 rockets at border towns in surprise assault", True),
    ("North Korea fires a cruise missile, its sixth launch this year", True),
    ("Russia fires 70 missiles in biggest attack so far this year", True),
    # A look-back whose own words hold the launch is none; one in a clause of its own is.
    ("Ten years since Iran's first satellite launch, scientists look ahead", False),
    ("Twenty years since the missile test that shook the region", False),
    ("A year since the war began, Russia fires 60 missiles at Kyiv", True),
    ("Iran fires missile on anniversary of its revolution", True),
])
def test_a_total_or_a_look_back_is_no_report_whatever_the_model_reads(title, is_launch):
    assert classifier.classify(title).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    # A weapon that failed in flight was launched.
    ("Iranian missile fails minutes after liftoff, analysts say", True),
    ("North Korea's new rocket failed shortly after launch", True),
    ("Test missile fails again, ministry admits", True),
    # A failure that is no flight: talks, a purpose, a satellite already in orbit.
    ("Missile talks failed, diplomats say", False),
    ("New missile fails to win export orders", False),
    ("Spy satellite fails, state media says", False),
])
def test_a_weapon_that_failed_in_flight_was_launched(title, is_launch):
    assert classifier.classify(title).is_launch is is_launch


@pytest.mark.parametrize("title", [
    "North Korea fires its first ballistic missile since last year",
    "Iran fires missiles at Israel, its first barrage since the spring",
])
def test_a_first_launch_since_a_time_is_no_total(title):
    d = _detect(title)
    assert d.is_launch and "aggregate" not in _cues(d)


@pytest.mark.parametrize("title, is_launch", [
    ("Ministry: reports of a missile launch from the north are untrue", False),
    ("Rocket launch alert was a false alarm, city says", False),
    ("Claims of a missile strike on the port are baseless, navy says", False),
    ("Missile launch from the north was real, ministry says", True),
    ("Missile launch was successful, state media says", True),
])
def test_a_launch_denied_after_its_noun_reports_none(title, is_launch):
    assert _detect(title).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    # A satellite launch told by where it went, or failed to go: a launch all the same.
    ("Iran's carrier rocket fails to place research satellite in orbit", True),
    ("North Korean reconnaissance satellite reaches orbit, state media says", True),
    ("North Korea puts a second spy satellite into orbit", True),
    # A company's is civil space; a satellite that may reach orbit has not flown.
    ("Launch startup's rocket fails to reach orbit on its first flight", False),
    ("North Korea's next satellite could reach orbit this year, analysts say", False),
])
def test_a_satellite_launch_told_by_its_orbit_is_read(title, is_launch):
    assert _detect(title).is_launch is is_launch


def test_a_civil_space_agency_puts_satellites_into_orbit_is_civil_space():
    assert not _detect("South Korea's Nuri rocket puts eight small satellites into orbit").is_launch


@pytest.mark.parametrize("title, is_launch", [
    # A launcher named by its calibre fires rockets of a class: a drill that fires them is a launch.
    ("Leader watches firing drill of 600mm multiple rocket launchers", True),
    ("Super-large rocket launchers fire at island target in drill, state media says", True),
    # Shown or built, they fire nothing.
    ("Army shows off 240mm rocket launchers at parade", False),
    ("Factory steps up output of 600mm rocket launchers", False),
])
def test_a_launcher_named_by_its_calibre_is_a_weapon(title, is_launch):
    assert _detect(title).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    # A weapon that reached a height or a speed flew.
    ("Defence ministry: the missile reached an altitude of 70 km and flew 400 km", True),
    ("Rocket reached a top speed of Mach 8, military says", True),
    # One that can reach it, or a programme that reached a milestone, did not.
    ("New rocket can reach an altitude of 300 km, designers claim", False),
    ("Missile programme reached a new height of spending", False),
])
def test_a_weapon_that_reached_a_height_flew(title, is_launch):
    assert classifier.classify(title).is_launch is is_launch


@pytest.mark.parametrize("title, summary, is_launch", [
    # A count told with a span of time, a share of them, or their trend is a statistic.
    ("Gaza militants fired 4,000 rockets during 11-day conflict, IDF tally shows", "", False),
    ("Hezbollah has fired 8,000 rockets at Israel since October, IDF says", "", False),
    ("Israel intercepted 90% of rockets fired during three-day flare-up, army says", "", False),
    ("Russian missile use fell sharply in June, Ukrainian air force data shows", "", False),
    ("Pakistan carried out seven missile tests this year, think-tank says", "", False),
    ("Russia launched 450 missiles and drones at Ukraine in single week, Kyiv says", "", False),
    # A span that dates another event, or one attack, makes no total.
    ("Russia fires 30 missiles at Ukraine in June attack", "", True),
    ("Russia fired 40 missiles at Kyiv last week, Ukraine says", "", True),
    ("Militants fire rockets from Gaza into southern Israel",
     "The group said it answered the killing of three of its members by Israel last month.", True),
])
def test_a_count_over_a_span_or_its_trend_is_a_total(title, summary, is_launch):
    assert classifier.classify(title, summary).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    # A headline labelled as a look-back, or one looking back years on.
    ("On this day in 2012: North Korea launches its first satellite into orbit", False),
    ("The day a North Korean missile flew over Hokkaido: a retrospective", False),
    ("A year after Iran's missile barrage, Israel's air defences face new strain", False),
    ("Ten years on, survivors recall rocket fire during 2014 Gaza war", False),
    ("Vintage photos: Britain's V-2 rocket attacks in World War Two", False),
    ("Iran fires missile on anniversary of its revolution", True),
    # Markets and concern as the headline's event; a denial of claims; sport; a notice to airmen.
    ("Asian markets shrug off North Korea missile launch", False),
    ("UN chief 'deeply concerned' by rocket fire from Lebanon", False),
    ("Russian missile hits market in Kostiantynivka, killing 16", True),
    ("Kremlin rejects claims it launched missile at Kyiv during Lula visit", False),
    ("'The Rocket' O'Sullivan fires century to reach snooker final", False),
    ("Houston Rockets fire back with 30-point win over Lakers", False),
    ("India issues NOTAM for missile test over Bay of Bengal", False),
    ("India test-fires Agni missile over Bay of Bengal", True),
])
def test_look_backs_reactions_denials_and_notices(title, is_launch):
    assert classifier.classify(title).is_launch is is_launch


def test_a_ground_test_of_an_engine_is_no_launch():
    title = "North Korea tests high-thrust solid-fuel engine for new missile"
    summary = "KCNA said the ground test was conducted at the Sohae satellite launching ground."
    assert classifier.classify(title, summary).is_launch is False


@pytest.mark.parametrize("title, summary, is_launch", [
    # A headline that tells no launch, nor its summary, whose news is a reaction, a supply
    # or making of weapons, or a total: the policy's verdict, whatever the words weigh.
    ("Japan lodges protest with Beijing over missile", "", False),
    ("Iran ships ballistic missiles to Russia, US officials say", "", False),
    ("Moscow triples Iskander output as factories run around the clock", "", False),
    ("Weekly tally: Russia used 40 missiles and 300 drones against Ukraine in May", "", False),
    # ... not where the item tells one.
    ("Iran ships ballistic missiles to Russia as Moscow fires missiles at Kyiv", "", True),
    ("North Korean-made missiles strike Kharkiv, Ukraine says", "Kyiv says Pyongyang supplied them to Moscow.", True),
    # Tallies: attacks counted since a year, a label or a source that spans the headline,
    # records and lows, a course of a war, a summary over launches past.
    ("Militias claimed 90 rocket and drone attacks on US bases since 2023", "", False),
    ("Monthly count: Russia used 3,000 glide bombs and 70 missiles", "", False),
    ("More than 150 missile tests under Kim, think-tank database shows", "", False),
    ("North Korea's missile launches hit record in 2023", "", False),
    ("Israel intercepted 9,000 rockets over the course of the war", "", False),
    ("Gaza rocket fire by the numbers", "", False),
    ("Russia fired 40 missiles at Kyiv overnight, data shows", "", True),
    # What lies ahead, a day set; a scheduled test that flew; the nearest "after".
    ("Kyiv expects massive Russian missile attack before winter", "", False),
    ("Air Force sets Minuteman III test launch for Thursday night", "", False),
    ("Air Force launches Minuteman III from Vandenberg in scheduled test", "", True),
    ("Family starts over after Hezbollah rocket destroyed their home", "", True),
    ("Residents return to homes damaged in Iranian missile strike", "", True),
    ("LIVE: Missiles streak over Tel Aviv as Iran strikes Israel", "", True),
])
def test_a_headline_whose_news_is_something_else(title, summary, is_launch):
    assert classifier.classify(title, summary).is_launch is is_launch


def test_the_verdict_without_an_event_is_a_cue_of_the_policy():
    assert "frame_no_event" in _cues(_detect("Seoul summons Russian envoy over missile"))
    assert "frame_no_event" not in _cues(_detect("Seoul summons Russian envoy as missile strikes Kyiv"))
    # A headline that asks hedges a launch: no verdict (the model weighs it).
    assert "frame_no_event" not in _cues(_detect("Russian missile over Poland? Seoul comments"))


@pytest.mark.parametrize("title, is_launch", [
    # A judgement of the headline's attack is its news ...
    ("Kremlin: Storm Shadow strikes on Crimea mean London is a party to the war", False),
    ("Experts: North Korea's ICBM test was a message to Washington", False),
    ("Seoul 'deeply disappointed' by North Korea's missile launch", False),
    ("Reports of Houthi missile launch at US destroyer are inaccurate, Pentagon says", False),
    # ... but what the launch was, or a launch told plainly, is a report.
    ("North Korea's missile launch at dawn was a test of a new engine, officials say", True),
    ("Houthi missile launched at US destroyer in Red Sea, Pentagon says", True),
])
def test_judgements_disappointment_and_denied_reports(title, is_launch):
    assert classifier.classify(title).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    # A person before "fired" was dismissed; a weapon that qualifies another noun is none.
    ("Defence official fired over missile leak", False),
    ("Army general fired after botched missile procurement", False),
    ("Ministry fires missile expert over leaked memo", False),
    ("Navy fired missile at drone boat, officials say", True),
    # A figure of speech in a clause of its own; what a state calls its weapon is its weapon.
    ("Chipmaker launches processor it calls 'a rocket for AI'", False),
    ("North Korea launches what it calls a new solid-fuel ICBM", True),
])
def test_dismissals_modifiers_and_figures(title, is_launch):
    assert classifier.classify(title).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    # Headlines drop the article: the periods of a total still read.
    ("Hezbollah has fired over 8,000 rockets at Israel since war began", False),
    ("Militants fired more than 9,000 rockets in first four months of war", False),
    ("North Korea fires its first missile in four months", True),
    # A strike's aftermath: the weapon as the agent of a harm, its impact, a clause of its own.
    ("Three killed by Hezbollah rocket in northern Israel", True),
    ("Families return to wrecked flats days after Iranian missile impact", True),
    ("Economic impact on the region of Iran's missile programme", False),
])
def test_periods_without_article_and_aftermath(title, is_launch):
    assert classifier.classify(title).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    # A purpose or what lies ahead is still to come.
    ("Russia readies Yars ICBM for test, analysts say", False),
    ("Moscow hoarding cruise missiles for winter strike on grid, Kyiv warns", False),
    ("Seoul raises alert ahead of N. Korean satellite launch", False),
    ("Pakistan closes airspace, hinting at missile test", False),
    ("Russia fires cruise missiles at grid for third night", True),
    # Denial, mourning and a protest at an embassy are the headline's news; a product is "rocket-fast".
    ("Moscow denies targeting civilians after Odesa missile strike", False),
    ("City declares day of mourning after Russian missile strike", True),
    ("Crowds protest outside Iranian embassy after missile barrage on Tel Aviv", False),
    ("Chipmaker launches 'rocket-fast' laptop", False),
    ("Shares took off like a rocket after the launch of the new phone", False),
    ("Hezbollah rocket attack kills three in northern Israel", True),
])
def test_purposes_lookaheads_and_reactions(title, is_launch):
    assert classifier.classify(title).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # What a drill simulates or plans for has not happened.
    ("en", "Japan holds evacuation drill in case of missile attack", "", False),
    ("en", "Sirens wail as Tokyo stages exercise simulating a ballistic missile strike", "", False),
    ("en", "Japan orders evacuations after North Korean missile attack", "", True),
    ("pl", "Japonia ćwiczy ewakuację na wypadek ataku rakietowego", "", False),
    ("pl", "W Japonii ewakuacja po ataku rakietowym Korei Północnej", "", True),
    # Allies' drills after a launch answer it, whatever they were held with; a launch in a
    # drill is one.
    ("en", "S. Korea, US stage naval drill with aircraft carrier after N. Korea's IRBM launch", "", False),
    ("en", "North Korea fires missiles during drill with artillery after US warning", "", True),
    # A test the Polish "może" (may) puts in the coming days is still to come.
    ("pl", "Wywiad: Korea Północna może w najbliższych tygodniach przeprowadzić próbę rakietową", "", False),
    ("pl", "Korea Północna w najbliższych dniach po ostrzeżeniu wystrzeliła rakietę", "", True),
    # Missiles amassed ahead of strikes are still to come; "for the first time" is an occasion.
    ("en", "Russia amassing missiles ahead of winter strikes on power grid, Kyiv warns", "", False),
    ("en", "Ukraine used US-supplied ATACMS for first time, hitting Russian airfields", "", True),
    ("en", "Ukraine used ATACMS for strikes on Russian airfields, Kyiv says", "", True),
    # A hunger striker is no footballer.
    ("en", "Islamic Jihad fires rockets at Israel after death of hunger striker",
     "Sirens sounded in Sderot; 22 rockets were launched from Gaza, the military said.", True),
    ("en", "Striker fires rocket into top corner to seal derby win", "", False),
    # A missile that "scores a bull's eye" hits its target; a player who scores does not launch.
    ("en", "INS Kolkata scores bull's eye with BrahMos in test firing",
     "The destroyer fired a BrahMos cruise missile at a decommissioned ship in the Arabian Sea.", True),
    ("en", "Winger scores twice as rocket-fuelled comeback sinks rivals", "", False),
    # Reaching orbit is no civil launcher: the launching state says whose launch it is.
    ("pl", "Iran wystrzelił trzy satelity jednocześnie", "Państwowa telewizja podała, że satelity trafiły na orbitę.", True),
    ("pl", "Japonia wystrzeliła satelitę meteorologicznego", "Satelita trafił na orbitę.", False),
    # ... and so is a spaceport; a carrier rocket is named by its adjective after it.
    ("pl", "Korea Północna wystrzeliła rakietę nośną z kosmodromu Sohae", "", True),
    ("pl", "Chiny wystrzeliły rakietę nośną z kosmodromu Jiuquan", "", False),
    # What is left of a weapon that flew is its aftermath; only an airspace is violated by its flight.
    ("en", "Debris of Russian cruise missile found in forest near Bydgoszcz, prosecutors say", "", True),
    ("en", "Debris of hailstorm found in forest near Bydgoszcz", "", False),
    ("pl", "Szczątki rakiety w Przewodowie. Śledczy zabezpieczają miejsce eksplozji", "", True),
    ("pl", "PILNE: Rosyjska rakieta naruszyła polską przestrzeń powietrzną", "", True),
    ("pl", "MON: żaden pocisk nie naruszył polskiej przestrzeni powietrznej", "", False),
    ("pl", "Test rakiety naruszył rezolucję ONZ, twierdzi Waszyngton", "", False),
])
def test_drills_stockpiles_first_uses_orbits_and_debris(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    # A trend or a rate over a period is a statistic; one strike told with its numbers is not.
    ("en", "Hezbollah rocket fire on northern Israel reaches highest level since war began", False),
    ("en", "Gaza rocket fire at lowest level in 15 years, army says", False),
    ("en", "Rocket launches from Gaza dwindle to a handful a month", False),
    ("en", "Russian missile salvos shrink to an average of 12 per attack", False),
    ("en", "North Korea's missile launches this year already exceed any previous year", False),
    ("en", "Russia launched 900 glide bombs, 300 drones and 30 missiles this week, Zelenskiy says", False),
    ("en", "Russia fires 40 missiles at Kyiv overnight, the most since March", True),
    ("en", "Russia fired 40 missiles at Kyiv last week, officials say", True),
    ("pl", "Rosja wystrzeliła w maju mniej rakiet niż w kwietniu", False),
    ("pl", "Analitycy: Rosja wystrzeliwuje średnio 30 rakiet tygodniowo", False),
    ("pl", "Liczba ataków rakietowych na Izrael wzrosła w lipcu dwukrotnie", False),
    ("pl", "Rosja wystrzeliła w nocy 30 rakiet na Kijów", True),
    # A leader's plea or verdict, a meeting: the headline's news.
    ("en", "Pope decries Russian missile attack on Sumy", False),
    ("en", "Zelenskiy pleads for more Patriots after Russian missile strike on Kyiv", False),
    ("en", "NATO ambassadors meet after missile lands in Poland", False),
    ("en", "Minister calls Russian missile strike on hospital 'a war crime'", False),
    ("en", "Russian missile strike on Kyiv hospital kills two", True),
    # Permission is no launch.
    ("pl", "USA zgodziły się, by Ukraina używała pocisków ATACMS na terytorium Rosji", False),
    ("pl", "Ukraina użyła pocisków ATACMS na terytorium Rosji", True),
])
def test_trends_rates_pleas_decisions_and_permissions(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


def test_an_engine_for_a_rocket_is_what_was_tested():
    assert "title_event" not in _cues(_detect("Korea Północna przetestowała silnik na paliwo stałe do nowej rakiety",
                                              lang="pl"))
    assert "title_event" in _cues(_detect("Korea Północna przetestowała nową rakietę na paliwo stałe", lang="pl"))


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # Defences at work on an attack the summary tells; a defence deal stays no launch.
    ("en", "Video shows Patriot interceptors meet Russian missiles over Kyiv",
     "Russia fired 20 ballistic missiles at the capital overnight, the air force said.", True),
    ("en", "WATCH: Interceptors meet Hezbollah rockets over Haifa",
     "Hezbollah fired dozens of rockets at northern Israel on Sunday.", True),
    ("en", "Poland signs deal for more Patriot interceptors", "The contract covers 48 launchers.", False),
    ("pl", "Żelazna Kopuła w akcji nad Hajfą", "Hezbollah wystrzelił w niedzielę kilkadziesiąt rakiet na północ Izraela.", True),
    ("pl", "Izrael kupi kolejne baterie Żelaznej Kopuły", "Kontrakt obejmuje 10 wyrzutni.", False),
    # Envoys meet after a missile; courts and suits are the headline's news, a court hit is not.
    ("en", "NATO envoys meet after rocket lands in Poland", "", False),
    ("en", "Families sue Russia over missile strike on Kramatorsk station", "", False),
    ("en", "Missile strikes court building in Kherson", "", True),
    ("pl", "Sąd skazał dwóch mężczyzn za zestrzelenie samolotu rosyjskim pociskiem", "", False),
    ("pl", "Rosyjska rakieta trafiła w budynek sądu w Chersoniu", "", True),
    # Years after an attack look back, and a year alone dates a past one; hours after do not.
    ("en", "Town rebuilds school eight years after rocket attack", "", False),
    ("en", "Rocket attack hits town eight hours after ceasefire", "", True),
    ("pl", "Zmarła ranna w ataku rakietowym z 2022 roku nauczycielka", "", False),
    ("pl", "Zmarła ranna w nocnym ataku rakietowym na Odessę", "", True),
    # A video or a live page tells its news; a question after its label still asks.
    ("en", "Video: Rockets light up night sky over Haifa", "Hezbollah fired 40 rockets at the city on Sunday, the army said.", True),
    ("en", "Video: How a hypersonic missile flies", "", False),
    ("pl", "Wideo: jak działa rakieta hipersoniczna", "", False),
    ("pl", "Wojna w Ukrainie. Relacja na żywo: rosyjskie rakiety spadły na Odessę", "", True),
    ("pl", "Wideo: nocne niebo nad Hajfą", "Hezbollah wystrzelił w niedzielę 40 rakiet na miasto.", True),
    # Where a weapon came from, between it and where it flew; a supplier's weapon did not fly.
    ("pl", "Rakiety z Jemenu nad Ejlatem. Syreny w mieście", "", True),
    ("pl", "Rakiety z Niemiec dla Ukrainy", "", False),
    # "nie 8, a 11" corrects a count; "nie" before the verb negates it.
    ("pl", "Sztab: Rosja wystrzeliła nie 8, a 11 rakiet", "", True),
    ("pl", "Sztab: Rosja nie wystrzeliła rakiet", "", False),
    # An upcoming launch is still to come; an approaching missile flies.
    ("pl", "Nadchodzący test rakiety balistycznej Korei Północnej", "Według wywiadu Pjongjang szykuje start.", False),
    ("pl", "Zbliżający się start rakiety z satelitą", "Korea Północna poinformowała Japonię o planie.", False),
    ("pl", "Zbliżające się rakiety zestrzelone nad Kijowem", "Obrona przeciwlotnicza zestrzeliła w nocy 20 rosyjskich rakiet.", True),
    # A goal from 25 metres is no rocket.
    ("pl", "Rakieta z 25 metrów! Bramkarz bez szans, Lech wygrywa", "", False),
    ("pl", "Rakieta spadła na boisko w Charkowie", "", True),
])
def test_interceptions_courts_years_after_live_pages_and_corrections(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    # A headline's weapon and the named place it flew at, with no verb; a plan or a display is none.
    ("en", "Rockets on Ashkelon", True),
    ("en", "BREAKING: Iranian missiles over Haifa", True),
    ("en", "Japan plans long-range missiles on Kyushu", False),
    ("en", "Missile on display at Pyongyang parade", False),
    ("pl", "PILNE: Rakiety na Odessę", True),
    ("pl", "Pociski na Białoruś. Łukaszenka potwierdza", False),
    ("pl", "Minister: pociski na Białoruś", False),
    # Leaders who discuss a launch are the headline's news.
    ("en", "Leaders discuss North Korean missile launch in phone call", False),
    ("en", "North Korea fires missile as leaders discuss security", True),
    # A commercial launcher's postponed start is civil space.
    ("pl", "Start rakiety Electron z satelitą radarowym przełożony", False),
    ("pl", "Start rakiety z satelitą szpiegowskim Korei Północnej nieudany", True),
    ("en", "North Korea fires cruise missiles in test of electronic warfare systems", True),
])
def test_verbless_headlines_discussions_and_commercial_launchers(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, cue, present", [
    # A headline with no launch of any tense that braces for one: the policy's prediction.
    ("en", "Gulf states on high alert as Houthis threaten missile reprisals", "frame_no_event", True),
    ("pl", "Korea Południowa w gotowości. Pjongjang grozi rakietami", "frame_no_event", True),
    ("ja", "韓国軍、北朝鮮のミサイル挑発に備え", "frame_no_event", True),
    ("en", "Gulf states on high alert as Houthi missiles hit Eilat", "frame_no_event", False),
    # Thousands told in "tys." are a bulk count; a night's salvo is not.
    ("pl", "Rosja wystrzeliła już ponad 8 tys. rakiet na Ukrainę", "bulk_count", True),
    ("pl", "Rosja wystrzeliła w nocy 80 rakiet na Ukrainę", "bulk_count", False),
])
def test_anticipation_frames_and_thousands(lang, title, cue, present):
    assert (cue in _cues(_detect(title, lang=lang))) is present


@pytest.mark.parametrize("lang, title, is_launch", [
    # Wreckage "thought to be from" a launcher tells it flew; a balloon's does not.
    ("en", "Navy recovers wreckage thought to be from North Korea's failed satellite rocket", True),
    ("en", "Debris believed to be from a weather balloon found in Seoul", False),
    # A war's first year is a period of a total; a new year's first week dates a salvo.
    ("en", "Russia fired 9,000 missiles at Ukraine in first year of war, air force says", False),
    ("en", "Russia fires 90 missiles at Ukraine in first week of new year", True),
    ("en", "Government to pay compensation to families hit by rocket attack", False),
    ("en", "Rocket attack hits families in Sderot", True),
    # An attack of three years ago, a monument, compensation: long after the launch.
    ("pl", "Msza w katedrze zniszczonej w ataku rakietowym sprzed trzech lat", False),
    ("pl", "Katedra w Odessie zniszczona w nocnym ataku rakietowym", True),
    ("pl", "Pomnik ofiar ataku rakietowego na Kramatorsk odsłonięty", False),
    ("pl", "Atak rakietowy na Kramatorsk. Zginęło 50 osób", True),
    ("pl", "Rząd wypłaci odszkodowania za domy zniszczone przez rakiety", False),
    ("pl", "Rakiety zniszczyły domy w Charkowie", True),
])
def test_wreckage_first_years_and_what_comes_long_after(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    # A period from an abbreviated date, a month's balance sheet, a war of days: totals.
    ("en", "Since Feb. 1, Houthis have fired 40 missiles at ships, CENTCOM says", False),
    ("en", "Houthis fire 4 missiles at ships, CENTCOM says", True),
    ("pl", "Miesięczny bilans: we wrześniu Rosja wystrzeliła 250 rakiet", False),
    ("pl", "Bilans ataku na Charków: 12 zabitych. Rosja użyła 20 rakiet", True),
    ("pl", "Iran podczas 12-dniowej wojny wystrzelił na Izrael ok. 500 rakiet", False),
    ("pl", "Iran wystrzelił w nocy na Izrael ok. 180 rakiet", True),
    # Missiles listed after drones share the launch; "shipping" is traffic at sea, not a supply.
    ("en", "Houthis launch 12 drones, two anti-ship missiles and a cruise missile at Red Sea shipping", True),
    ("en", "Iran launches 8 drones at Israel", False),
    # A tally of one day's attack; a tally since a war began.
    ("en", "Air force updates tally: 40 of 45 missiles downed in Tuesday's attack", True),
    ("en", "Air force tally: 4,000 missiles downed since the war began", False),
])
def test_periods_balance_sheets_lists_and_one_days_tally(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("title, trend", [
    ("Rosja coraz częściej używa rakiet balistycznych", True),
    ("Korea Północna zwalnia tempo testów rakietowych", True),
    ("Rosja użyła w nocy rakiet balistycznych", False),
])
def test_a_polish_trend_is_a_period_of_its_own(title, trend):
    assert ("aggregate" in _cues(_detect(title, lang="pl"))) is trend


@pytest.mark.parametrize("lang, title, is_launch", [
    # Attacks told by a plural noun that dwindle, slow or grow: a trend, the policy's statistics.
    ("en", "Hezbollah rocket attacks on northern Israel dwindle", False),
    ("en", "Rocket fire from Gaza has slowed, army says", False),
    ("en", "Russian missile strikes on Odesa grow more frequent", False),
    ("pl", "Ataki rakietowe Hezbollahu na Hajfę słabną", False),
    # ... not the harm of attacks, nor attacks on one occasion, nor a launch told by its verb.
    ("en", "Death toll from Russian missile strikes on Odesa rises to 12", True),
    ("en", "Missile attacks on Kyiv intensify overnight", True),
    ("en", "Hamas fires 150 rockets as fighting intensifies", True),
    ("pl", "Ataki rakietowe na Hajfę. Są ranni", True),
    # A rate of the weapons is statistics too, but for one occasion's.
    ("en", "About one in five Russian missiles hits its target, data show", False),
    ("pl", "Ukraina strąca 70 proc. rosyjskich rakiet manewrujących", False),
    ("en", "Ukraine downs 90% of Russian missiles in overnight attack", True),
])
def test_a_trend_of_attacks_is_statistics(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    # A count of the weapons or attacks that passes a mark is a total, with or without a period.
    ("en", "Iran's rocket tally against Israeli cities passes 5,000", False),
    ("en", "Rockets launched from Lebanon since March exceed 9,000, army figures show", False),
    ("en", "Hezbollah's missile count crosses 400 for the year", False),
    ("en", "Rocket launches from Gaza since the truce ended total 300", False),
    ("pl", "Liczba pocisków wystrzelonych przez Huti na statki przekroczyła 300", False),
    # ... and so is a count of the targets struck by now.
    ("en", "Yemen's rebels have attacked more than 100 ships with missiles. Insurers count the cost", False),
    # ... not the harm of an attack, one occasion's salvo, a distance, nor a record salvo.
    ("en", "Death toll from missile strikes on Zaporizhzhia passes 30", True),
    ("en", "Hezbollah's barrage of rockets tops 150, army says", True),
    ("en", "Iranian missiles reach 1,500 km in test, state TV says", True),
    ("en", "Rockets from Gaza top 500 in biggest barrage this year", True),
    ("pl", "Rosja wystrzeliła 40 rakiet na Odessę. Liczba rannych przekroczyła 50", True),
    ("en", "Russia has hit more than 30 energy facilities with missiles overnight", True),
    ("en", "Houthi missiles have hit two ships in the Red Sea", True),
    # A share in words or a count per weapon is a rate; not one occasion's.
    ("en", "Two-thirds of Russian cruise missiles are shot down, analysts say", False),
    ("en", "Israel fires three interceptors for every Iranian missile, study says", False),
    ("pl", "Połowa irańskich rakiet nie doleciała do celu, wynika z raportu", False),
    ("en", "Ukraine downs half of Russian missiles in overnight attack", True),
    ("en", "Average Houthi missile salvo shrinks to four, CENTCOM says", False),
    ("en", "Interception rate of Hezbollah rockets rises to 90%", False),
    ("pl", "Skuteczność obrony przed rosyjskimi rakietami wzrosła", False),
    ("en", "Russian missiles hit an average Kyiv apartment block", True),
    # A change in what or how much is fired is a trend.
    ("en", "Moscow shifts to ballistic missiles as Ukraine's interceptors run short", False),
    ("en", "Hezbollah relies increasingly on anti-tank missiles, IDF says", False),
    ("en", "Russia now fires more Kalibrs than Kh-101s, analysts say", False),
    ("pl", "Coraz mniej rakiet z Jemenu. Huti oszczędzają arsenał", False),
    ("pl", "Słabną ataki rakietowe na północ Izraela", False),
    ("pl", "Rosja rzadziej atakuje rakietami balistycznymi, częściej dronami", False),
    ("pl", "Iran przyspiesza tempo testów rakietowych", False),
    ("en", "Russia shifts fire to Lviv, launching 20 missiles overnight", True),
    ("pl", "Rosja wystrzeliła coraz bardziej zaawansowane rakiety na Kijów w nocy", True),
    # Periods of seasons, half-years and campaigns; harm totalled over years.
    ("en", "Russia fired 120 Iskander missiles at Kharkiv over the winter, governor says", False),
    ("en", "Houthis launched 90 missiles at ships in first half of 2024, study says", False),
    ("en", "Missile strikes killed 2,000 civilians in the first three years, monitors say", False),
    ("pl", "Huti od początku operacji wystrzelili ponad 200 pocisków na statki", False),
    ("pl", "Zimą Rosja wystrzeliła na Ukrainę 500 rakiet", False),
    ("en", "Missile strikes killed 20 civilians in Odesa, officials say", True),
])
def test_milestones_shares_shifts_and_seasons_are_statistics(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    # A weapon that lands, tears into, arcs over or comes in: it flew.
    ("en", "Two rockets land near a kibbutz in the Galilee", True),
    ("en", "Cruise missile tears into an oil depot near Bryansk", True),
    ("en", "Ballistic missiles arc over Iraq on their way to Israel", True),
    ("en", "Sirens wail as rockets come in low over Sderot", True),
    ("pl", "Rakieta dosięgła portu w Noworosyjsku", True),
    ("ja", "ミサイルが落ちた港町で捜索続く", True),
    # ... not a land-attack weapon on show, a team landing a deal, nor what may reach.
    ("en", "Navy orders land-attack cruise missiles for its new frigates", False),
    ("en", "Houston Rockets land a new shoe sponsor", False),
    ("pl", "Rakiety mogą dosięgnąć Berlina, ostrzega ekspert", False),
    ("ja", "支持率が落ちた内閣、ミサイル防衛で議論", False),
])
def test_weapons_that_land_or_reach_flew(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    # An answer whose instrument is the weapon is a launch ...
    ("Hezbollah responds with anti-tank missiles on border posts", True),
    ("Iran retaliates with ballistic missiles, state TV says", True),
    # ... not one still to come, nor an answer of words about a weapon.
    ("Iran will retaliate with missiles, commander warns", False),
    ("Moscow answers with threats over missile deliveries", False),
])
def test_an_answer_with_missiles_fires_them(title, is_launch):
    assert classifier.classify(title).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    # A speaker, the strike their words follow or concern, then the words: a leader's statement.
    ("en", "Scholz after missile strike on Kharkiv: 'Europe must do more'", False),
    ("pl", "Morawiecki po ataku rakietowym na Lwów: Zachód nie może milczeć", False),
    ("pl", "Minister o rosyjskiej rakiecie nad Polską: Procedury zadziałały", False),
    # ... not words that tell the harm, the damage or a launch, nor witnesses' words.
    ("en", "Governor after missile strike on Dnipro: 12 dead, 30 wounded", True),
    ("pl", "Zełenski po ataku rakietowym na Odessę: zniszczony port i magazyny zboża", True),
    ("en", "Air force after overnight barrage: 25 of 30 missiles shot down", True),
    ("pl", "Mieszkańcy po ataku rakietowym na Sumy: Szyby wyleciały w całej okolicy", True),
    # A leader's visit or pledge whose occasion is the strike ...
    ("en", "Sunak visits Kyiv neighbourhood hit by Russian missiles", False),
    ("en", "Scholz pledges more air defence after Russian missile barrage", False),
    # ... not a visit beside the strike's aftermath, nor a strike after a visit.
    ("en", "Zelensky visits Sumy as death toll from missile strike rises to 20", True),
    ("en", "Russian missiles hit Odesa hours after Greek PM's visit", True),
    ("en", "Iran fires missiles at Israel as Blinken visits Riyadh", True),
    ("en", "Seoul protests after North Korean missiles land near its waters", False),
    # The strike their words follow may be an attack whose missiles the summary names.
    ("pl", "Hołownia po nocnym ataku na Lwów: Europa musi działać", False),
    ("pl", "Wojewoda po nocnym ataku rakietowym na Lwów: trzy osoby zabite", True),
])
def test_a_speakers_words_and_a_leaders_visit_are_the_news(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    # A genre label makes the piece an opinion or an analysis, whatever launch it discusses ...
    ("en", "Opinion: Iran's missile barrage was a message, not a war", False),
    ("en", "ANALYSIS-Russia's hypersonic strikes expose gaps in Ukraine's defences", False),
    ("pl", "Analiza: Rosyjskie rakiety testują cierpliwość NATO", False),
    # ... not an analysis of debris that tells what was fired, nor a report taken back.
    ("en", "Analysis of debris shows Russia fired a North Korean missile at Kharkiv", True),
    ("en", "Military retracts report of missile launch, citing radar error", False),
    ("en", "Coast guard says the missile appears to have fallen into the sea", True),
    ("en", "UPDATE: Earlier report of Hezbollah rocket fire withdrawn", False),
    ("en", "Army withdraws its earlier report of a missile launch", False),
    ("en", "Ukraine withdraws from Avdiivka as Russian missiles pound the town", True),
    # What is rebuilt is long after the strike; a strike on something rebuilt is not.
    ("en", "Maternity ward hit by Russian missile rebuilt, reopens", False),
    ("pl", "Odbudowano szpital zniszczony przez rosyjską rakietę", False),
    ("en", "Russian missile hits rebuilt bridge near Kherson", True),
    # A place a strike harmed, reopened after repairs: the restoration is the news, in every
    # language; a new strike on a place restored is a launch.
    ("en", "Museum damaged in missile strike reopens after repairs", False),
    ("en", "Kharkiv theatre hit by Russian missile reopens after restoration", False),
    ("ko", "미사일 공격으로 파손된 미술관, 복구 마치고 재개관", False),
    ("pl", "Muzeum zniszczone przez rosyjską rakietę ponownie otwarte po remoncie", False),
    ("en", "Russian missile strikes museum days after it reopened following repairs", True),
    ("pl", "Rosyjska rakieta trafiła w muzeum, które otwarto po remoncie", True),
    # A flight over a place; the cause of a clause does not reach across "as".
    ("en", "North Korean missile passes over Hokkaido, Japan says", True),
    ("en", "Missile defence bill passes over Democrats' objections", False),
    ("en", "Sirens heard over Haifa as Hezbollah rockets target the port", True),
])
def test_genre_labels_retractions_and_fallen_missiles(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    # Councils convened, leaders briefed or warning another state, markets, a quoted judgement
    # without its verb, denials: the news about a launch.
    ("en", "UN Security Council envoys convene after Houthi missile strike on tanker", False),
    ("en", "Sunak briefed on Iranian missile attack on Israel, speaks to Netanyahu", False),
    ("en", "Austin warns Tehran of 'serious consequences' over ballistic missile attack", False),
    ("en", "Kospi slips on North Korean missile launch", False),
    ("en", "Modi: Pakistan's missile strikes an 'act of aggression'", False),
    ("en", "Seoul: no evidence North Korea launched a missile on Friday", False),
    ("pl", "Kreml zaprzecza, że użył rakiet balistycznych w ataku na Sumy", False),
    ("pl", "Stoltenberg ostrzega Rosję po ataku rakietowym na Kijów", False),
    ("pl", "GPW traci po ataku rakietowym na Kijów", False),
    # ... not a warning to ships after a launch told, a warning of what is in flight, nor a
    # flight told after sirens.
    ("pl", "Korea Północna wystrzeliła rakietę. Japonia ostrzega statki", True),
    ("pl", "Mieszkańcy Okinawy wezwani do schronów. Korea Północna wystrzeliła rakietę", True),
    ("pl", "Litwa wzywa do zwołania Rady Bezpieczeństwa po ataku rakietowym na Kijów", False),
    ("en", "Ukraine warns Russia fired ballistic missiles at Kyiv overnight", True),
    ("en", "Sirens sound as rockets fly over Haifa", True),
    ("en", "Missiles that fly over Japan would trigger J-Alert", False),
])
def test_councils_briefings_warnings_markets_and_denials(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("lang, title, is_launch", [
    # More words of a trend, periods in words, and a price.
    ("en", "Hezbollah rocket attacks on Galilee ebb after ceasefire talks", False),
    ("en", "Rebels step up rocket attacks on Saudi airports", False),
    ("en", "Gaza rocket fire near zero as Hamas runs low", False),
    ("en", "Iran's missile testing goes quiet ahead of nuclear talks", False),
    ("en", "Ukrainian drone and missile strikes inside Russia grow more frequent", False),
    ("en", "Houthis fired 300 missiles in first month of Red Sea campaign", False),
    ("en", "Russia launched 900 missiles in six months of winter strikes", False),
    ("en", "Hamas fired 400 rockets during August, army says", False),
    ("en", "Each Storm Shadow costs about $2.5 million, ministry says", False),
    ("pl", "Liczba ataków rakietowych Hezbollahu spadła", False),
    ("pl", "Rosja atakuje rzadziej, ale coraz większymi salwami rakiet", False),
    # ... not one occasion's stepped-up attack, nor a toll that rose, nor a first day.
    ("en", "Russia steps up missile strikes, hitting ten cities overnight", True),
    ("pl", "Liczba ofiar ataku rakietowego na Kijów wzrosła do 20", True),
    ("en", "North Korea fires a missile on the first day of allied drills", True),
])
def test_trend_words_periods_in_words_and_prices(lang, title, is_launch):
    assert classifier.classify(title, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("title, summary, is_launch", [
    # A weapon told by its system, and what it did: it flew.
    ("Grad volley slams into a bus stop in Donetsk", "", True),
    ("Neptune strikes Russian patrol ship off Crimea", "", True),
    ("ATACMS wipe out an air defence battery near Luhansk", "", True),
    ("HIMARS rockets destroy an ammunition depot in Nova Kakhovka", "", True),
    ("Kalibr salvo knocks out a substation in Odesa", "", True),
    ("Iskander rips through a shopping centre in Kremenchuk", "", True),
    # A headline's attack whose summary counts the missiles that hit.
    ("Power out across Odesa after overnight attack", "Officials said the city's grid was hit by at least 12 missiles.", True),
    # ... not graduate students, the planet, a ship named for what it destroys, nor a threat.
    ("Grad students rally over housing costs", "", False),
    ("Probe sends back new images of Neptune", "", False),
    ("Missile destroyer docks in Haifa", "", False),
    ("Iran could destroy Tel Aviv with missiles, commander says", "", False),
])
def test_systems_by_name_and_what_they_destroyed(title, summary, is_launch):
    assert classifier.classify(title, summary).is_launch is is_launch


@pytest.mark.parametrize("lang, title, summary, is_launch", [
    # Markets, insurers, firms' accounts, damage claims and inquiries counted after a launch:
    # the headline's news is theirs.
    ("en", "Taiwan shares end lower after Chinese missile drills near the island", "", False),
    ("en", "Crude oil prices climb as Houthi missiles hit a tanker", "", False),
    ("en", "Shipping insurers raise war-risk premiums", "Premiums rose after a week of missile attacks on ships.", False),
    ("en", "Haifa port revenue falls by half after months of rocket fire", "", False),
    ("en", "Army opens investigation after rocket hits a base", "", False),
    ("pl", "Fakenews: film z „rakietą nad Przemyślem” pochodzi sprzed lat", "", False),
    ("pl", "Niemcy przekażą 5 mln euro na odbudowę szkoły w Charkowie",
     "Budynek zniszczył rosyjski atak rakietowy w maju.", False),
    # ... not the launch told first, whose aftermath the markets follow, nor a strike on a bourse.
    ("en", "Houthis fire missiles at a tanker in the Red Sea; crude oil prices climb", "", True),
    ("en", "Missile strikes a stock exchange building in Kharkiv", "", True),
    ("pl", "Rosyjskie rakiety uderzyły w szkołę w Charkowie", "", True),
])
def test_markets_insurers_claims_and_inquiries_after_a_strike(lang, title, summary, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("title, summary, is_launch", [
    # A summary's missile told with a phrase between it and its verb, a time before "by" or a
    # hedge after it, or in flight at a place, under a headline of the blast it caused.
    ("Blast shatters shop windows along the main street",
     "A ballistic missile carrying a cluster warhead burst over the street at noon, police said; "
     "a second missile fitted with a heavier warhead exploded near the station.", True),
    ("Office block partly collapses after blast",
     "The block was hit shortly after midnight by what the governor said was a Russian cruise missile.", True),
    ("Loud explosions heard across the capital",
     "Minutes earlier the air force said two ballistic missiles were heading toward the city from the north.", True),
    # ... not a rocket that blasts off, a weapon carried to a parade, nor a missile that may head somewhere.
    ("Rocket blasts off from Cape Canaveral carrying a weather satellite", "", False),
    ("Parade trucks carrying new missiles roll through the capital", "", False),
    ("Explosions at a quarry as workers blast rock", "Officials said a missile could be heading for the coast if war broke out.", False),
])
def test_a_summary_missile_told_at_a_distance_from_its_verb(title, summary, is_launch):
    assert classifier.classify(title, summary).is_launch is is_launch


@pytest.mark.parametrize("title, summary, is_launch", [
    # A step on the way to a launch is none: an engine test "in a step toward a test launch".
    ("N. Korea says it tested solid-fuel engines for new IRBM",
     "North Korea said it conducted ground tests of solid-fuel engines for a new intermediate-range ballistic "
     "missile, in what appears to be a step toward a test launch.", False),
    ("North Korea fires new IRBM", "North Korea fired a new intermediate-range ballistic missile on Monday, "
     "its first test launch this year.", True),
])
def test_a_step_toward_a_launch_is_none(title, summary, is_launch):
    assert _detect(title, summary).is_launch is is_launch


@pytest.mark.parametrize("summary, is_launch", [
    # A training launch flew ("szkoleniowy start"); a training course is no launch.
    ("Pakistan przeprowadził w sobotę udany szkoleniowy start pocisku Abdali.", True),
    ("Żołnierze przeszli szkolenie z obsługi wyrzutni; test pocisku zaplanowano na jesień.", False),
])
def test_a_polish_training_launch_flew(summary, is_launch):
    assert _detect("Pakistan: test pocisku Abdali", summary, "pl").is_launch is is_launch


def test_for_the_first_time_is_no_speaker_after_an_event():
    # "Ukraina po raz pierwszy uderzyła ... . Moskwa: ...": "po raz pierwszy" is no "after".
    d = _detect("Ukraina po raz pierwszy uderzyła w Rosję pociskami ATACMS. Moskwa: pięć zestrzelonych", "", "pl")
    assert "reaction_main" not in _cues(d)
    assert "reaction_main" in _cues(_detect("Duda po ataku rakietowym na Kijów: Polska nie zostawi Ukrainy", "", "pl"))


@pytest.mark.parametrize("title, lang, ruled", [
    # A weapon judged, or what may come, with no launch told, is the policy's verdict ...
    ("Russian hypersonic missiles prove vulnerable to Patriot", "en", True),
    ("Iran's ballistic missiles far less accurate than Tehran claims, Israeli officials say", "en", True),
    ("Wojsko nie wyklucza kolejnych incydentów z rakietami przy granicy", "pl", True),
    ("Kremlin: use of ATACMS against Russia would mean a new phase of the war", "en", True),
    # ... not where the headline tells a launch.
    ("Russia fires hypersonic missiles that prove vulnerable to Patriot", "en", False),
    ("Rosja wystrzeliła rakiety na Lwów. Wojsko nie wyklucza kolejnych ataków", "pl", False),
])
def test_a_weapon_judged_or_what_may_come_is_no_report(title, lang, ruled):
    p = detector.prepare(title, "")
    assert classifier.ruled_out(p, lang, detector.detect(p, lang)) is ruled


@pytest.mark.parametrize("title, summary, lang, is_launch", [
    # A total over a period told with "most of" is still a total ...
    ("Houthi missiles miss their targets",
     "Most of the dozens of missiles fired at ships since January have fallen into the sea, officials say.",
     "en", False),
    # ... and one occasion's missiles are no total.
    ("Houthis fire missiles at ship in Red Sea",
     "Most of the missiles fired on Tuesday fell into the sea, officials say.", "en", True),
    # Weapons kept for strikes to come, and a commander described by the attacks he led,
    # tell no launch ...
    ("Russia amassing missiles for strikes on energy grid, Kyiv says",
     "Moscow is saving up Kh-101 missiles to mount attacks on power plants.", "en", False),
    ("Israel kills Hamas commander responsible for rocket attacks on Ashkelon", "", "en", False),
    ("Israeli strike kills Hezbollah official who directed rocket fire at Galilee", "", "en", False),
    ("Izrael zabił dowódcę Hamasu odpowiedzialnego za ataki rakietowe na Aszkelon", "", "pl", False),
    ("Rosja odpowiedzialna za atak rakietowy na Kijów", "", "pl", True),
    # ... a strike that destroyed its target with missiles does.
    ("Ukraine destroys Russian radar in Crimea with missiles, officials say",
     "Officials said US-supplied ATACMS missiles were used in the overnight strike near Yevpatoria.", "en", True),
    ("Russia fires dozens of missiles it had held back for weeks", "", "en", True),
    ("Hamas commander says rocket attacks on Ashkelon will continue; 20 rockets fired on Sunday", "", "en", True),
    # Missiles told by what they were used for struck ...
    ("Iran strikes militant bases near Pakistan border",
     "Iranian state media said missiles and drones were used to destroy two bases of the group.", "en", True),
    # ... a civil payload's rocket, weapons received, a commander
    # described by the fire he led, and bombers from which missiles are fired tell none.
    ("Taiwan alert as Chinese rocket carrying satellite flies overhead",
     "The defence ministry said the rocket carried a meteorological satellite and posed no threat.", "en", False),
    ("Russia received North Korean ballistic missiles, Seoul says", "", "en", False),
    ("Israeli strike kills senior Hamas commander in Rafah",
     "The army said aircraft struck the house of the commander, whom it described as responsible for rocket fire "
     "on Ashkelon.", "en", False),
    ("Drony zaatakowały lotnisko w Engelsie",
     "Trafione zostały bombowce, z których Rosja wystrzeliwuje rakiety manewrujące na Ukrainę.", "pl", False),
    # ... nor does a summary that tells what a campaign of strikes does.
    ("Russia moves warships from Sevastopol", "Missile strikes are forcing the fleet out of Crimea, analysts say.",
     "en", False),
    ("US strikes militia sites in Iraq", "Rocket attacks on US bases have continued for months, the Pentagon said.",
     "en", False),
    # Near misses: each of them told as it happened.
    ("Russia moves warships from Sevastopol",
     "Ukrainian missile strikes hit two landing ships on Tuesday, forcing the fleet out of Crimea.", "en", True),
    ("Ukraine hits Russian ship in Crimea", "Missile attacks on the port continued overnight, officials said.",
     "en", True),
    ("Ukraine's use of ATACMS on Crimea kills four, Russia says", "", "en", True),
    ("Taiwan alert as Chinese rocket carrying satellite flies overhead",
     "The defence ministry said the rocket carried a military reconnaissance satellite.", "en", True),
    ("Ukraine receives first ATACMS missiles and fires them at Russian airfields", "", "en", True),
    ("Rosja ostrzeliwuje Charków rakietami", "", "pl", True),
    # The first launch of the year is one launch; a satellite told by reaching orbit was launched.
    ("[속보] 北, 동해상으로 ICBM 1발 발사…올해 첫 ICBM 도발", "", "ko", True),
    ("北, 정찰위성 궤도 진입 성공 주장", "", "ko", True),
    # Allies' drills in answer to a launch, curbs on strikes, explanations demanded, an attack
    # being prepared, and one leader's message to another are the news, not a launch.
    ("北朝鮮ミサイル発射受け日米が共同訓練", "", "ja", False),
    ("Kremlin warns of response if US lifts curbs on long-range missile strikes", "", "en", False),
    ("MSZ żąda od Moskwy wyjaśnień po locie rakiety nad Polską", "", "pl", False),
    ("Izrael uderzył w wyrzutnie Hezbollahu",
     "Armia podała, że ugrupowanie przygotowywało atak rakietowy na Hajfę.", "pl", False),
    ("Biden do Putina: przestań ostrzeliwać miasta", "Rosja wystrzeliła w nocy 40 rakiet na Kijów.", "pl", False),
    # Near misses.
    ("北, 올해 미사일 40여 발 발사", "", "ko", False),
    ("누리호 실용위성 궤도 진입 성공", "", "ko", False),
    ("北朝鮮が弾道ミサイル発射　日米共同訓練の最中に", "", "ja", True),
    ("Ukraine fires ATACMS at Kursk after US lifts curbs on long-range strikes", "", "en", True),
    ("Rosyjska rakieta nad Polską. Wojsko żąda, by ludzie zachowali spokój", "", "pl", True),
    ("Izrael uderzył w wyrzutnie Hezbollahu", "Wcześniej Hezbollah wystrzelił 50 rakiet na Hajfę.", "pl", True),
    ("Rosja wystrzeliła 40 rakiet na Kijów. Zełenski do sojuszników: potrzebujemy Patriotów", "", "pl", True),
    # A missile that fell where it should not, a surprise attack with rockets: launches.
    ("현무-2 미사일 1발 공군기지 내 낙탄…인근 주민 불안", "", "ko", True),
    ("무장정파, 국경 마을에 로켓 수백 발 기습", "", "ko", True),
    ("Iranian missile leaves cargo ship ablaze off Oman", "", "en", True),
    # A death after rockets told without a verb; a hypersonic weapon is a missile; a launch's plan
    # is no launch.
    ("Rakiety nad Chersoniem, nie żyją trzy osoby", "", "pl", True),
    ("Army's hypersonic weapon test succeeds after two failures", "", "en", True),
    ("Pyongyang notifies coast guard of satellite launch plan", "", "en", False),
    # An explanation rejected and a probe demanded after a stray missile are the reaction.
    ("Islamabad rejects New Delhi's explanation, demands joint inquiry into stray missile",
     "Pakistan said the projectile that crashed on its territory had endangered civilian flights.", "en", False),
    # Near misses: a shell that fell, a surprise protest, a demand after the launch's news.
    ("사격장 포탄 민가 낙탄…인근 주민 불안", "", "ko", False),
    ("시민단체, 미사일 기지 앞 기습 시위", "", "ko", False),
    ("Russia's missile campaign left millions without power last winter", "", "en", False),
    ("Rakiety nad Polską? Wojsko: nie było naruszenia", "", "pl", False),
    ("Pentagon asks for more money for hypersonic weapons", "", "en", False),
    ("North Korea fires missile, plans more launches", "", "en", True),
    ("Indian missile lands in Pakistan; Islamabad demands answers", "", "en", True),
])
def test_launches_told_obliquely_and_the_news_beside_them(title, summary, lang, is_launch):
    assert classifier.classify(title, summary, lang=lang).is_launch is is_launch


@pytest.mark.parametrize("title, summary, ruled_out", [
    # An attack the headline gives only as possible is no attack told, and its summary
    # tells none: the policy's verdict, whatever the model reads.
    ("Russia may launch a massive missile strike on Kyiv soon, Ukraine warns",
     "Intelligence says Moscow has stockpiled Kh-101 and Kalibr cruise missiles for it.", True),
    ("Iran could launch a missile attack on Israel within hours, US officials warn",
     "Satellite images show Iran moving Fateh-110 missiles to western bases.", True),
    # The same shape, told as done.
    ("Russia launches a massive missile strike on Kyiv, Ukraine says",
     "Moscow fired Kh-101 and Kalibr cruise missiles overnight.", False),
])
def test_an_attack_under_a_modal_in_the_headline_is_not_told(title, summary, ruled_out):
    p = detector.prepare(title, summary)
    assert classifier.ruled_out(p, "en", detector.detect(p, "en")) is ruled_out
    if ruled_out:
        assert not classifier.classify(title, summary, "en").is_launch


@pytest.mark.parametrize("title, is_launch", [
    # A year on the attack it names, with a name between: an old campaign remembered.
    ("Museum show recalls the 1991 Scud attacks on Tel Aviv", False),
    ("Veterans look back on the 2006 Hezbollah rocket campaign", False),
    # A launch of now, with a year that is a designation or a count.
    ("Iran fires Kheibar missile in drill marking new weapons", True),
    ("North Korea fires 2 ballistic missiles into the sea, Seoul says", True),
])
def test_an_attack_dated_to_a_past_year_looks_back(title, is_launch):
    assert classifier.classify(title, "", "en").is_launch is is_launch


@pytest.mark.parametrize("title, summary, is_launch", [
    # An air-launched missile named by its designation alone.
    ("B-1B bomber test-fires AGM-158 over the Gulf of Mexico", "The Air Force said the missile hit its target.", True),
    ("Air Force launches hypersonic ARRW from B-52 in Pacific test", "", True),
    ("Pentagon signs $2bn order for AGM-158 JASSM missiles", "Deliveries start in 2027.", False),
])
def test_a_missile_named_by_its_designation_is_a_weapon(title, summary, is_launch):
    assert classifier.classify(title, summary, "en").is_launch is is_launch
