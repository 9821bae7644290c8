"""The rules' reading of strikes in a war: barrages, their aftermath, and what is not one.

The policy counts a salvo in a war when missiles or rockets are named in the headline or
the summary, and the aftermath of a strike as its report; a strike with no missile or
rocket named, drones, shells, a feature about a weapon and a reaction are not launches.
Each rule has a pair: the report it reads, and a near-miss of the same shape that must
stay what it is.
"""

from __future__ import annotations

import pytest

from services.classify import classifier, detector


def _detect(title: str, summary: str = "", lang: str = "en") -> detector.Detection:
    p = detector.prepare(title, summary)
    return detector.detect(p, detector.detect_language(p.text, lang))


def _cues(title: str, summary: str = "", lang: str = "en") -> set[str]:
    return {name for name, _ in _detect(title, summary, lang).cue_values}


# --- an attack in the headline, its missiles in the summary ------------------------------

@pytest.mark.parametrize("title, summary, is_launch", [
    ("Russia pounds Kharkiv for a third night", "Cruise missiles struck two power stations, the governor said.", True),
    ("Moscow bombards southern cities", "Ballistic missiles hit Zaporizhzhia and Mykolaiv before dawn.", True),
    ("Heavy overnight assault on the capital", "Air defences said they downed 12 of 20 Russian missiles.", True),
    ("Explosions rock Dnipro", "Russian rockets slammed into an industrial district, officials said.", True),
    # No missile or rocket named: "strikes" alone are not a launch under the policy.
    ("Russian strikes kill six in Kherson region", "", False),
    ("Russia pounds Kharkiv for a third night", "Drones hit two power stations, the governor said.", False),
    ("Russia pounds Kharkiv for a third night", "Artillery shells hit two power stations, the governor said.", False),
    # The attack has not happened, or is the topic rather than the news.
    ("Russia could pound Kharkiv again, governor warns", "Cruise missiles struck two power stations last month.", False),
    ("How Ukraine learned the tactics of massed attacks", "Russia fired 40 cruise missiles at Kyiv in one night.", False),
])
def test_an_attack_told_by_the_headline_counts_where_the_summary_names_its_missiles(title, summary, is_launch):
    assert _detect(title, summary).is_launch is is_launch


@pytest.mark.parametrize("title, summary", [
    ("Israel strikes positions in southern Lebanon",
     "The army said its jets hit the positions in response to rocket fire on the north."),
    ("US strikes depot in eastern Syria in retaliation", "Rocket attacks on a US base had gone on for a week."),
])
def test_an_attack_that_answers_rocket_fire_is_not_told_by_that_fire(title, summary):
    assert "title_attack" not in _cues(title, summary)


@pytest.mark.parametrize("summary, event", [
    ("Missiles hit two power plants overnight, the grid operator said.", True),
    ("The shipment comes in the wake of the largest missile barrage of the war.", False),
])
def test_a_barrage_given_as_the_occasion_of_other_news_does_not_report_it(summary, event):
    assert ("summary_event" in _cues("Britain ships 200 air defence missiles to Kyiv", summary)) is event


# --- a reaction word that is no reaction --------------------------------------------------

@pytest.mark.parametrize("title, is_launch", [
    ("Russian missile barrage slams power plants across Ukraine", True),
    ("Seoul slams Pyongyang over latest missile barrage", False),
])
def test_a_weapon_that_slams_into_targets_is_an_impact_not_a_reaction(title, is_launch):
    assert _detect(title).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    ("Cruise missile violated Moldovan airspace before hitting Ukraine, Chisinau says", True),
    ("Missile tests violate UN resolutions, envoys say", False),
])
def test_a_missile_that_violates_airspace_is_in_flight_not_in_breach_of_a_resolution(title, is_launch):
    assert _detect(title).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    # A live page's headline lists its stories: a meeting in one part is not the main event of another.
    ("War live: EU leaders condemn Moscow; missile strike on Odesa port", True),
    ("EU leaders condemn Moscow after missile strike on Odesa port", False),
])
def test_a_reaction_in_another_story_of_a_live_headline_is_not_its_main_event(title, is_launch):
    assert _detect(title).is_launch is is_launch


# --- aftermath, airspace, targets, instruments ------------------------------------------

@pytest.mark.parametrize("title, is_launch", [
    ("'We slept in the corridor', says teacher after missile hit school in Sumy", True),
    ("Tokyo lodges protest after North Korean missile launch", False),
])
def test_the_aftermath_of_a_strike_is_its_report_and_a_launch_as_cause_is_not(title, is_launch):
    assert _detect(title).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    ("Romania says Russian missile crossed its airspace for three minutes", True),
    ("Romania says Russian drone crossed its airspace for three minutes", False),
])
def test_a_missile_crossing_a_state_s_airspace_was_fired(title, is_launch):
    assert _detect(title).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    ("Russian missiles target energy grid across Ukraine", True),
    ("Israeli jets hit missile targets near Damascus", False),
])
def test_missiles_that_target_are_a_strike_and_missile_targets_are_not(title, is_launch):
    assert _detect(title).is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    ("Russia hits Kyiv with drones, missiles before dawn", True),
    ("Russia hits Kyiv with drones before dawn", False),
])
def test_a_missile_in_a_list_of_instruments_is_the_strike_s_weapon(title, is_launch):
    assert _detect(title).is_launch is is_launch


@pytest.mark.parametrize("summary, event", [
    ("A house was damaged during overnight missile and drone strikes on the port.", True),
    ("A house was damaged during overnight drone strikes on the port; a missile factory stood idle.", False),
])
def test_a_missile_named_with_drones_shares_their_strike(summary, event):
    assert ("summary_event" in _cues("Odesa counts the damage", summary)) is event


@pytest.mark.parametrize("title, main", [
    ("Drones and missiles over Kyiv overnight", False),
    ("Drones over Kyiv overnight", True),
])
def test_a_drone_named_with_a_missile_does_not_make_the_headline_about_drones(title, main):
    assert ("non_missile_main" in _cues(title, "Russian missiles hit two districts of the city.")) is main


@pytest.mark.parametrize("title, aggregate", [
    ("Largest missile barrage this year hits Kyiv", False),
    ("Russia has fired 900 missiles at Kyiv this year", True),
])
def test_a_superlative_compares_one_strike_and_is_not_a_total(title, aggregate):
    assert ("aggregate" in _cues(title)) is aggregate


def test_a_space_launch_vehicle_of_a_sanctioned_state_is_a_launch():
    assert _detect("North Korea launches what it calls a space launch vehicle, Seoul says").is_launch
    assert not _detect("Japan launches a new space launch vehicle from Tanegashima").is_launch


# --- Polish -------------------------------------------------------------------------------

@pytest.mark.parametrize("title, summary, is_launch", [
    ("Zmasowany atak na Charków. Są ranni", "W nocy na miasto spadły rosyjskie rakiety.", True),
    ("Rosja ostrzelała Krzywy Róg", "Pociski manewrujące trafiły w zakład energetyczny.", True),
    ("Eksplozje w Odessie", "Port został trafiony dwiema rakietami balistycznymi.", True),
    # Drones, not missiles; an attack to come; a feature about the methods of attack.
    ("Zmasowany atak na Charków. Są ranni", "W nocy na miasto spadły rosyjskie drony.", False),
    ("Rosja zaatakuje Charków, ostrzega wywiad", "Rakiety spadły na miasto w ubiegłym tygodniu.", False),
    ("Eksperci opisują nowe metody ataków", "Rosja wystrzeliwuje rakiety nocą, nisko nad rzekami.", False),
])
def test_a_polish_attack_in_the_headline_counts_where_the_summary_names_its_rockets(title, summary, is_launch):
    assert _detect(title, summary, "pl").is_launch is is_launch


def test_a_polish_strike_that_answers_rocket_fire_is_not_told_by_that_fire():
    cues = _cues("Izrael uderzył w cele na południu Libanu",
                 "Armia podała, że uderzyła w cele w odpowiedzi na atak rakietowy na Galileę.", "pl")
    assert not cues & {"title_attack", "summary_event"}


@pytest.mark.parametrize("title, cue", [
    ("W rafinerię miała uderzyć ukraińska rakieta", "title_event"),  # reported past
    ("W rafinerię ma uderzyć ukraińska rakieta", "title_modal_only"),  # is to strike
])
def test_the_past_of_miec_with_an_infinitive_reports_what_happened(title, cue):
    assert cue in _cues(title, "", "pl")


@pytest.mark.parametrize("title, is_launch", [
    ("Rosjanie bombardowali Chersoń rakietami", True),
    ("Rosjanie zrzucili bomby na Chersoń", False),
])
def test_a_polish_bombardment_with_rockets_is_a_strike_and_bombs_are_not(title, is_launch):
    assert _detect(title, "", "pl").is_launch is is_launch


@pytest.mark.parametrize("summary, event", [
    ("Niemcy przekażą pociski przeciwlotnicze po zmasowanym ataku na miasta.", False),
    ("Niemcy przekażą pomoc po zmasowanym ataku rakietowym na miasta.", True),
])
def test_a_polish_noun_after_a_preposition_takes_no_weapon_from_before_it(summary, event):
    assert ("summary_event" in _cues("Pomoc dla Ukrainy", summary, "pl")) is event


@pytest.mark.parametrize("title, aggregate", [
    ("Najcięższy atak rakietowy w tym roku", False),
    ("W tym roku Rosja wystrzeliła 500 rakiet", True),
])
def test_a_polish_superlative_compares_one_strike_and_is_not_a_total(title, aggregate):
    assert ("aggregate" in _cues(title, "", "pl")) is aggregate


@pytest.mark.parametrize("title, is_launch", [
    ("Rosyjski pocisk nad Lubelszczyzną. Sztab Generalny wydał oświadczenie", True),  # the reporting agency
    ("Rosyjski pocisk nad Lubelszczyzną. Prezydent wydał oświadczenie", False),  # a reaction
    ("Sztab Generalny: oświadczenie w sprawie rosyjskiego pocisku nad Lubelszczyzną", False),  # the statement is the news
])
def test_a_statement_by_the_reporting_agency_is_the_report_not_a_reaction(title, is_launch):
    assert _detect(title, "", "pl").is_launch is is_launch


def test_an_agency_statement_on_launches_is_still_a_reaction():
    assert not _detect("Indo-Pacific Command issues statement on North Korea's latest missile launches").is_launch


@pytest.mark.parametrize("summary, is_launch", [
    # A statement whose lede tells the attack, as a command's press release does, reports it.
    ("At about 9 p.m. on Sunday, militants fired three rockets at the base. No injuries were reported.", True),
    # One whose lede reacts to it is a reaction.
    ("The United States strongly condemns the rocket attack on the base.", False),
    # One whose lede tells no launch, too, or consults allies about it.
    ("We are aware of reports and are assessing the situation.", False),
    ("We are aware of the rocket attack on the base and are consulting closely with our partners.", False),
])
def test_a_statement_whose_lede_tells_the_attack_reports_it(summary, is_launch):
    title = "Statement on Rocket Attack on Coalition Forces at Erbil Air Base"
    assert classifier.classify(title, summary).is_launch is is_launch


# --- framing that a verbless or subordinate Polish weapon takes from its clause ------------

@pytest.mark.parametrize("title, is_launch", [
    ("Rosyjska rakieta nad terytorium Polski", True),
    ("Dowództwo: rosyjska rakieta nad terytorium Polski", True),
    # The weapon has no verb of its own: the clause's negation and modal verb frame it.
    ("Dowódca: wciąż możemy przeoczyć kolejne rosyjskie rakiety nad Polską", False),
    ("Radar nie wykrył wczoraj żadnej z rosyjskich rakiet nad Polską", False),
])
def test_a_polish_verbless_weapon_takes_the_frame_of_its_clause(title, is_launch):
    assert _detect(title, lang="pl").is_launch is is_launch


@pytest.mark.parametrize("title, is_launch", [
    ("Ministerstwo potwierdza, że Rosja wystrzeliła rakietę w kierunku Odessy", True),
    # The clause of "że" stands under a modal: nothing is reported to have happened.
    ("Może się okazać, że rakietę wystrzeliła Rosja", False),
    ("Niewykluczone, że rakietę wystrzeliła Rosja", False),
])
def test_a_polish_clause_of_ze_under_a_modal_reports_no_launch(title, is_launch):
    assert _detect(title, lang="pl").is_launch is is_launch


@pytest.mark.parametrize("summary, event", [
    ("W Kijów trafiły rakiety i pociski, zginęły trzy osoby.", True),
    # Weapons with a price are goods of a supply, not weapons fired.
    ("Na Ukrainę miały trafić rakiety i pociski o wartości 40 mln euro.", False),
])
def test_polish_weapons_with_a_price_are_goods(summary, event):
    assert ("summary_event" in _cues("Decyzja rządu w sprawie pomocy", summary, "pl")) is event


# --- an air strike in the headline --------------------------------------------------------

@pytest.mark.parametrize("summary, is_launch", [
    ("Russia launched a massive missile attack across the country, striking the capital.", True),
    # No missile or rocket named: a strike from the air is no launch under the policy.
    ("The strikes hit a residential block in the capital, officials said.", False),
    ("Drones hit a residential block in the capital, officials said.", False),
])
def test_an_air_strike_in_the_headline_counts_where_the_summary_names_its_missiles(summary, is_launch):
    detection = _detect("Six killed in overnight airstrikes across the country", summary)
    assert detection.is_launch is is_launch


# --- criticism is no explosion -------------------------------------------------------------

@pytest.mark.parametrize("title, reaction", [
    ("Senator blasts critics for mocking the agency after its rocket exploded", True),
    ("Commentator blasts rivals for downplaying the missile strike on the port", True),
    ("Missile blasts hit the port of Odesa for a second night", False),
])
def test_blasting_someone_for_something_is_a_reaction(title, reaction):
    assert ("reaction_main" in _cues(title)) is reaction


@pytest.mark.parametrize("summary, event", [
    ("Rano ogłoszono alarm w związku z wystrzeleniem przez rosyjskie bombowce pocisków manewrujących.", True),
    ("W całym kraju zawyły syreny po wystrzeleniu przez Rosję rakiet balistycznych.", True),
    # A launch as the cause of other news than an alarm stays the cause, not the report.
    ("Minister wyjechał do Brukseli w związku z wystrzeleniem przez Rosję pocisków manewrujących.", False),
    ("Tokio złożyło protest po wystrzeleniu rakiety przez Koreę Północną.", False),
])
def test_a_polish_alarm_raised_because_of_a_launch_reports_the_launch(summary, event):
    assert ("summary_event" in _cues("Noc pełna niepokoju w wielu miastach", summary, "pl")) is event


@pytest.mark.parametrize("title, explainer", [
    # The news is the first sentence; the question after it asks what follows.
    ("Power station lost power for the third time. Is a disaster coming?", False),
    # A headline that is a question is an explainer, as before.
    ("Is a disaster coming at the power station hit by missiles?", True),
    ("Why did missiles hit the power station again?", True),
])
def test_a_question_after_the_headlines_news_is_no_explainer(title, explainer):
    # (A summary that dates no launch: one dated to the news's day makes any headline a report.)
    summary = "The station was among the buildings damaged by a barrage of missiles."
    assert ("explainer" in _cues(title, summary)) is explainer


# --- the fortieth sets: English and Polish near misses and launches ----------------------

def _verdict(title: str, summary: str = "", lang: str = "en") -> bool:
    return classifier.classify(title, summary, lang=lang).is_launch


@pytest.mark.parametrize("title, summary, lang, is_launch", [
    # "-launched" and "-fire" as the second half of an adjective name a class, not an event.
    ("US approves sale of extended-range missiles for Ukraine",
     "The State Department approved the potential sale of 3,000 air-launched missiles and related equipment.", "en", False),
    ("Russia fires air-launched cruise missiles at Kyiv", "", "en", True),
    ("North Korea test-fired two cruise missiles", "", "en", True),
    # A corrected count negates only its first number.
    ("Seoul corrects data: North Korea fired not one but two missiles", "", "en", True),
    ("It was not a missile but a drone, army says", "", "en", False),
    ("Seul koryguje dane. Korea Płn. wystrzeliła nie jeden, a dwa pociski", "", "pl", True),
    ("Korea Płn. wystrzeliła nie jedną, lecz trzy rakiety", "", "pl", True),
    ("Korea Płn. nie wystrzeliła rakiety", "", "pl", False),
    # A weapon shown at a parade or an unveiling, no launch told.
    ("North Korea shows off new ICBMs at night-time military parade",
     "North Korea displayed its largest array of intercontinental ballistic missiles yet at a parade in Pyongyang.",
     "en", False),
    ("Iran unveils new hypersonic missile", "", "en", False),
    ("Iran pokazał na defiladzie nową rakietę balistyczną", "", "pl", False),
    ("Iran test-fires missile it unveiled last week", "", "en", True),
    # A shot in sport by its length in yards.
    ("Late 30-yard missile sinks the leaders", "He fired a 30-yard missile into the top corner in the 78th minute.",
     "en", False),
    ("Missile sinks patrol boat off the coast", "A missile fired from the shore struck the boat at dawn.", "en", True),
    # An arsenal and its production are no launch.
    ("Group's rocket arsenal depleted, capable only of sporadic fire", "", "en", False),
    ("Arms maker launches serial production of new cruise missile", "", "en", False),
    ("Navy launches new cruise missile from destroyer", "", "en", True),
    # A future in Polish: "będziemy zestrzeliwać" (we will shoot down).
    ("Szef MON: rakiety nad Polską będziemy zestrzeliwać bez wahania", "", "pl", False),
    ("Rosyjska rakieta nad Polską. Wojsko potwierdza", "", "pl", True),
    # A rocket launcher by its name fired.
    ("Homar-K po raz pierwszy strzelał na poligonie", "", "pl", True),
    ("MON kupi kolejne wyrzutnie Homar-K", "", "pl", False),
])
def test_english_and_polish_near_misses_and_launches(title, summary, lang, is_launch):
    assert _verdict(title, summary, lang) is is_launch


@pytest.mark.parametrize("summary, event", [
    # A sentence opening "Fire" before a capitalised word names a firm; news gives no orders.
    ("Fire Arrow Dynamics says its plant can now build up to seven cruise missiles a day.", False),
    ("Troops fire two cruise missiles a day at enemy positions, the company says.", True),
])
def test_a_sentence_opening_with_a_name_of_fire_tells_no_launch(summary, event):
    assert ("summary_event" in _cues("Defence firm to double capacity", summary)) is event


def test_a_title_case_headline_still_fires():
    assert _verdict("North Korea Fire Missiles Into Sea") is True


@pytest.mark.parametrize("title, summary, lang, is_launch", [
    # A rehearsal or practice of a strike is a drill; a firing during a drill is a launch.
    ("Russian forces rehearse nuclear missile strikes in drills", "", "en", False),
    ("Russia fires Iskander missiles during drills", "", "en", True),
    ("Manewry. Rosjanie ćwiczą użycie Iskanderów z głowicami jądrowymi", "", "pl", False),
    ("Podczas ćwiczeń wystrzelono rakiety z Homarów-K", "", "pl", True),
    # The risk of attacks is none told.
    ("Shipping lines keep avoiding Red Sea",
     "The carrier cited the risk of missile and drone attacks on merchant ships.", "en", False),
    ("Tanker hit in Red Sea", "The ship was struck by a Houthi missile, raising the risk of further attacks.", "en", True),
])
def test_drills_and_risks_are_no_launch_and_a_firing_in_a_drill_is(title, summary, lang, is_launch):
    assert _verdict(title, summary, lang) is is_launch


@pytest.mark.parametrize("title, summary, is_launch", [
    # A weapon's engine tested is no launch; the weapon tested is.
    ("Ukraina przeprowadziła próbę silnika nowego pocisku balistycznego",
     "Producent poinformował o udanym teście stanowiskowym silnika na paliwo stałe.", False),
    ("Ukraina przeprowadziła próbę nowego pocisku balistycznego", "", True),
    # A count corrected with "a nie" keeps its first number.
    ("Siły Powietrzne korygują dane. W ataku na Kijów użyto sześciu, a nie ośmiu Kindżałów", "", True),
    # What a named anti-tank missile destroys, what missiles sink.
    ("Zobacz nagranie. Javelin niszczy rosyjski czołg pod Pokrowskiem", "", True),
    ("Ukraińskie Neptuny zatopiły rosyjski okręt", "", True),
    ("Rosja niszczy ukraińską energetykę dronami", "", False),
    # An agency's word of success reports the launch; another's comment is the news.
    ("Iran wystrzelił satelitę wojskowego. IRNA mówi o sukcesie", "", True),
    ("Iran wystrzelił satelitę. Rzecznik USA mówi o prowokacji", "", False),
    # A live page's sentences are its stories.
    ("NA ŻYWO | Atak rakietowy na Zaporoże. Rozmowy w Stambule. Orban blokuje pakiet", "", True),
    ("Atak rakietowy na Zaporoże. Rozmowy w Stambule", "", False),
    # A named person's death, not a victim of the strike.
    ("Nie żyje płk Serhij Kowal. Przeżył atak rakietowy na Jaworów", "Weteran zmarł w wieku 58 lat po długiej chorobie.", False),
    ("Nie żyje Anna Nowak. Zginęła w ataku rakietowym na Lwów", "", True),
    ("Nie żyje 12 osób po ataku rakietowym na Lwów", "", True),
    # A shot in sport by its distance, a deal's weapon, a handover to come.
    ("Napastnik odpalił rakietę z 25 metrów. Gospodarze wygrywają", "", False),
    ("Rakieta spadła 25 metrów od domu", "", True),
    ("Akcje zbrojeniowej spółki wystrzeliły po kontrakcie na pociski", "", False),
    # What was fired "z wyrzutni" (from the launcher) is a weapon; launchers bought or
    # delivered are not.
    ("Chersoń ostrzelany z wyrzutni Grad. Nie żyje 64-letnia kobieta", "", True),
    ("Eksplozje w Charkowie, są ranni", "Rosjanie ostrzelali dzielnicę z wyrzutni rakietowych Smiercz.", True),
    ("Polska kupi wyrzutnie HIMARS", "", False),
    ("Do Polski trafiły wyrzutnie HIMARS", "", False),
    # An engine "dla" (for) a rocket is what was tested.
    ("Korea Płn. przetestowała silnik na paliwo stałe dla nowej rakiety", "", False),
    # A decision about shooting down is no shooting down.
    ("Prezydent: decyzja o zestrzeleniu rakiety nad Polską należy do wojska", "", False),
    # A relative clause closed before the verb leaves the weapon its subject.
    ("Rakieta, która spadła w Przewodowie, przeleciała ok. 50 km – wynika z ustaleń prokuratury", "", True),
    # Missiles that flew in ("nadleciały") were fired.
    ("Pociski nadleciały z Iranu. Armia Izraela: większość przechwycono", "", True),
    # A jet that took off carrying missiles fired none.
    ("Alarm lotniczy w całej Ukrainie. W powietrzu MiG-31K",
     "Siły Powietrzne ostrzegają przed możliwym użyciem pocisków – wystartował myśliwiec przenoszący rakiety.", False),
    ("Rakieta wystartowała z kosmodromu Sohae", "", True),
    # Fireworks, rackets and snowshoes are no rockets.
    ("Rakieta sylwestrowa trafiła w balkon. Pożar mieszkania w Łodzi", "", False),
    # In an item about artillery that calls none of them missiles, "pociski" are shells.
    ("Ostrzał artyleryjski Chersonia. Pociski spadły na targowisko",
     "Rosyjska artyleria ostrzelała centrum miasta; pociski trafiły w targowisko.", False),
    ("Rosja ostrzelała Charków z artylerii. Pociski balistyczne spadły na centrum", "", True),
    ("Pociski spadły na Charków", "", True),
    # "dosięgną" is a future, a threat; "dosięgły" a past.
    ("Iran grozi: nasze rakiety dosięgną każdej bazy USA w regionie", "", False),
    ("Rakiety dosięgły Kijowa", "", True),
    # A batch of missiles handed over is supply.
    ("Przekazano Ukrainie kolejną partię pocisków do systemów Patriot", "", False),
    # "Część pocisków" is some of them, not their parts.
    ("Hezbollah ostrzelał Galileę", "Część pocisków przechwyciła Żelazna Kopuła, pozostałe spadły na otwarte tereny.", True),
])
def test_polish_near_misses_and_launches_of_the_fortieth_sets(title, summary, is_launch):
    assert _verdict(title, summary, "pl") is is_launch


def test_a_polish_handover_to_come_is_supply():
    assert "frame_no_event" in _cues("Niemcy przekażą Ukrainie kolejne pociski do systemu IRIS-T", "", "pl")


@pytest.mark.parametrize("title, lang, is_launch", [
    # The "engine tests never alert": a headline whose news is an engine's test.
    ("North Korea conducts engine test of new ballistic missile", "en", False),
    ("Korea Północna przetestowała silnik nowej rakiety", "pl", False),
    ("Ukraina przeprowadziła próbę silnika nowego pocisku balistycznego", "pl", False),
    # A launch whose missile has a new engine is a launch.
    ("North Korea fires missile with new solid-fuel engine", "en", True),
    ("Korea Północna wystrzeliła rakietę z nowym silnikiem", "pl", True),
])
def test_a_headline_about_an_engine_test_is_none(title, lang, is_launch):
    assert _verdict(title, "", lang) is is_launch


@pytest.mark.parametrize("title, summary, is_launch", [
    # A launching station is a place; a launch from it is a launch.
    ("Satellite images show North Korea readying Sohae site for possible launch",
     "New imagery of the Sohae Satellite Launching Station shows fresh construction at the pad, analysts say.", False),
    ("North Korea launches satellite from Sohae", "The rocket lifted off from the Sohae Satellite Launching Station.", True),
    # A permission to use weapons: their use is still to come.
    ("Your Friday Briefing: Biden lets Ukraine use U.S. missiles inside Russia", "", False),
    ("Ukraine fires US missiles into Russia after Biden lets it use them", "", True),
    # ... or to strike with them; to let loose a barrage is to fire it.
    ("White House lets Kyiv strike targets in Russia with long-range missiles", "", False),
    ("Russia lets loose barrage of cruise missiles on Kyiv", "", True),
    # An ambassador recalled over a strike is the news.
    ("Pakistan recalls ambassador from Tehran after Iranian missile strike", "", False),
    # A missile that fell off its transporter was never fired; one that fell on a village was.
    ("Patriot missile falls from transporter during drill, army says; no injuries", "", False),
    ("Missile falls on village in Kharkiv region", "", True),
    # An interceptor drone is a drone.
    ("Defence firm launches new interceptor drone to counter Shaheds", "", False),
    ("Israel fires interceptor missiles at rockets from Gaza", "", True),
])
def test_stations_permissions_recalls_accidents_and_interceptor_drones(title, summary, is_launch):
    assert _verdict(title, summary) is is_launch


@pytest.mark.parametrize("title, summary, lang, is_launch", [
    # Satellite imagery of a launch's damage is no satellite launch: the strike is the news.
    ("Imagery shows craters at air base days after missile barrage",
     "Commercial satellite imagery taken on Monday shows three craters where ballistic missiles hit the base.", "en", True),
    ("Startup launches commercial satellite on rideshare mission", "", "en", False),
    # A test that "meets all mission objectives" met no one; leaders who meet react.
    ("Agni Prime trial successful, meets all mission objectives",
     "The missile was test-fired from APJ Abdul Kalam Island on Friday.", "en", True),
    ("Leaders meet after missile launch", "", "en", False),
    # A rocket launcher's rounds are rockets; artillery rounds are shells.
    ("North Korea fires six rounds from 240mm multiple rocket launchers", "", "en", True),
    ("Russia fires 300 rounds of artillery at Kherson", "", "en", False),
    # A weapon by its programme name.
    ("Army completes flight test of Dark Eagle hypersonic weapon", "", "en", True),
    ("Army unveils Dark Eagle battery at base", "", "en", False),
    # A ceremony for what a crew did is the news; a decorated veteran killed by a missile is not.
    ("Destroyer crew honoured for missile intercepts in Red Sea", "", "en", False),
    ("Decorated veteran killed as Russian missile hits Odesa", "", "en", True),
    # Fireworks mistaken for rocket fire: nothing was fired.
    ("Wedding fireworks mistaken for rocket fire spark panic", "", "en", False),
    ("Rocket fire from Gaza hits Sderot", "", "en", True),
    ("Kijów zakazuje fajerwerków. Mieszkańcy mylą je z wybuchami rakiet", "", "pl", False),
    # Polish drills ("trenują"), depots and what a ship is armed with, a threat in the first
    # person, any attack to come, an order to shoot down if...
    ("Okręty NATO trenują obronę przed atakiem rakietowym", "", "pl", False),
    ("Lotnictwo zbombardowało składy rakiet w dolinie", "", "pl", False),
    ("Kreml grozi: odpowiemy na ataki rakietami dalekiego zasięgu", "", "pl", False),
    ("Pakistan ostrzega Indie: każdy atak rakietowy spotka się z odpowiedzią", "", "pl", False),
    ("Każdy z pocisków trafił w cel. Rosja zaatakowała Kijów", "", "pl", True),
    ("Japonia wydała rozkaz zestrzelenia rakiety, jeśli zagrozi terytorium", "", "pl", False),
    # A shoot-down reported is the launch of what was shot down; a statement about it is not.
    ("Rosja mówi o zestrzeleniu trzech ukraińskich rakiet nad Krymem", "", "pl", True),
    ("Prezydent mówi o ataku rakietowym na Kijów", "", "pl", False),
    # Launchers by name in Polish cases; a rocket that broke up in flight.
    ("Rosjanie ostrzelali Nikopol z Gradów", "", "pl", True),
    ("Ukraina ostrzelała Biełgorod z wyrzutni Vampire", "", "pl", True),
    ("Północnokoreańska rakieta z satelitą rozpadła się po dwóch minutach lotu", "", "pl", True),
    ("Rosyjskie MON: Jars trafił w cel na Kamczatce", "", "pl", True),
    # Damage assessed after a strike is its aftermath; an expert's assessment of a test is a reaction.
    ("Konserwatorzy oceniają zniszczenia kamienicy trafionej Kalibrem", "", "pl", True),
    # Years after a tragedy: an anniversary.
    ("Trzy lata po tragedii w Przewodowie. Mieszkańcy czekają na inwestycje",
     "W listopadzie 2022 r. na suszarnię zboża spadła rakieta.", "pl", False),
    # An initial's dot is no sentence's end.
    ("Houthis Say They Targeted U.S. Carrier With Cruise Missiles and Drones", "", "en", True),
    # A call to take cover as a missile flies over is the launch's news; a call for restraint is a reaction.
    ("J-Alert urges residents to take cover as North Korean missile passes over Japan", "", "en", True),
    ("UN urges restraint after North Korean missile launch", "", "en", False),
    # A fake claim, simulated launches and an engine's ground test fired nothing.
    ("Man charged for posting fake claim of missile attack on airport", "", "en", False),
    ("Missile attack on airport, officials say", "", "en", True),
    ("Warships practise Kalibr strikes in Baltic drills",
     "Ships carried out electronic launches of Kalibr cruise missiles against simulated targets.", "en", False),
    ("North Korea conducts ground test of solid-fuel engine for IRBM",
     "Kim Jong Un watched the test at the Sohae satellite launching ground, state media said.", "en", False),
    ("North Korea launches satellite from Sohae satellite launching ground", "", "en", True),
    # Polish: where the rockets flew, opening the headline's second sentence; none there.
    ("Hezbollah ostrzelał północ Izraela. Nad Galileą kilkadziesiąt rakiet", "", "pl", True),
    ("Nad Polską nie było rakiet", "", "pl", False),
    # A call to shelter after the launch; a trial of the accused; an obituary.
    ("Wystrzelono pocisk międzykontynentalny. Japonia wzywa mieszkańców Hokkaido do schronienia się", "", "pl", True),
    ("Ruszył proces oskarżonych o atak rakietowy na bazę", "", "pl", False),
    ("Zmarł Mosze Lewi, burmistrz miasta w czasach ostrzałów rakietowych",
     "Lewi zmarł w wieku 91 lat. W 1981 r. został ranny, gdy katiusza trafiła w ratusz.", "pl", False),
    # A tank's "pocisk" is a shell; rockets stored in a depot were not fired; an engine for a missile.
    ("Izraelski czołg ostrzelał posterunek ONZ",
     "Pocisk wystrzelony z czołgu trafił w wieżę obserwacyjną.", "pl", False),
    ("Lotnictwo zniszczyło w nocy magazyny",
     "Według armii zniszczono magazyny, w których przechowywano rakiety dalekiego zasięgu.", "pl", False),
    ("Korea Płn. przetestowała silnik na paliwo stałe dla nowego pocisku",
     "Przeprowadzono naziemny test silnika na paliwo stałe przeznaczonego dla pocisków średniego zasięgu.", "pl", False),
    # A relative clause on the weapon that opens its sentence tells the launch; deep in a
    # sentence it recalls one as background.
    ("Seul: pocisk z 14 marca to nowa wersja KN-23",
     "Pocisk balistyczny, który Korea Północna odpaliła w ubiegłym tygodniu, przeleciał ok. 600 km.", "pl", True),
    ("Tydzień po ataku. Nowe ustalenia ws. rakiety, która trafiła w magazyn",
     "Pocisk manewrujący, który w ubiegły wtorek uderzył w magazyn, został wystrzelony z bombowca.", "pl", True),
    ("Rosja żąda dowodów",
     "Dyplomata powiedział, że Warszawa odmówiła przedstawienia dowodów na pochodzenie rakiety, która wleciała "
     "w jej przestrzeń.", "pl", False),
    ("Pociski, które Iran może wystrzelić, mają zasięg 2000 km", "", "pl", False),
    # A contrast clause: the rocket killed the children, the strike denied is another.
    ("IDF: children killed by misfired Islamic Jihad rocket, not Israeli strike", "", "en", True),
    # An old campaign and a death mourned; an alert for what may come; a missile aimed at a
    # city, destroyed in mid-air.
    ("Group mourns veteran commander who oversaw 2006 rocket campaign", "", "en", False),
    ("Army on alert for rocket fire by militias from southern Syria", "", "en", False),
    ("Missile aimed at Khamis Mushait destroyed in mid-air, coalition says", "", "en", True),
    # A missile that "scores a bull's eye" is a test-fire, no game.
    ("Navy destroyer scores 'bull's eye' with BrahMos",
     "The navy said its destroyer had successfully test-fired the BrahMos cruise missile.", "en", True),
    # Institutions launched, warning data shared, a call for launches to come, a right claimed.
    ("S. Korea launches Strategic Command to counter N. Korean missile threats", "", "en", False),
    ("Allies launch real-time sharing of missile warning data", "", "en", False),
    ("Kim inspects launching station, orders more spy satellites",
     "Kim called for the launch of several more reconnaissance satellites this year.", "en", False),
    ("N. Korea says satellite launches are its sovereign right", "", "en", False),
    # A failed launch blamed on an engine is still a launch.
    ("N. Korea admits reconnaissance satellite launch failed, blames new engine", "", "en", True),
    # Polish: a death of old age in the summary; a truce; tallies over days in words; a
    # start moved; a civil rocket; the army's count of the dead is the strike's report.
    ("Zmarł generał, który kierował programem rakietowym",
     "Generał zmarł w wieku 84 lat. Pod jego nadzorem przeprowadzono pierwszy test pocisku.", "pl", False),
    ("Islamski Dżihad i Izrael uzgodniły rozejm",
     "W ciągu trzech dni walk ze Strefy Gazy wystrzelono ponad tysiąc rakiet.", "pl", False),
    ("Korea Płn. przesunęła start satelity", "", "pl", False),
    ("Koreańska rakieta Nuri wyniosła na orbitę 13 satelitów", "", "pl", False),
    ("Pakistan: indyjskie pociski spadły w sześciu miejscach. Armia mówi o 26 zabitych cywilach", "", "pl", True),
    ("Turcja testuje silnik rakietowy na paliwo stałe dla przyszłego pocisku balistycznego", "", "pl", False),
    ("KCNA: pociski manewrujące krążyły nad morzem przez dwie godziny", "", "pl", True),
    # A corrected count is no denial; a drill named by its attack is a drill, a firing in one a launch.
    ("IDF revises figure: 35 rockets, not 50, fired from Lebanon on Saturday", "", "en", True),
    ("Home Front Command to sound nationwide sirens in missile-attack drill", "", "en", False),
    ("Marines fire K239 rockets in first live-fire drill on border islands", "", "en", True),
    # A missile that triggers sirens flew; a trend and a day's hundreds of attacks are tallies.
    ("Houthi missile triggers sirens in Dead Sea area, falls in Jordan", "", "en", True),
    ("Russia fires fewer cruise missiles as stockpile shrinks", "", "en", False),
    ("Russian forces shelled the region 512 times over past day, using artillery, MLRS, drones", "", "en", False),
    # Commercial launchers, missile carriers on duty, a victim who survived, a commemoration.
    ("Rocket with Ukrainian-built engine lifts off from New Zealand",
     "A commercial launch vehicle placed two Earth-observation satellites into orbit.", "en", False),
    ("Russia keeps two Kalibr carriers in Black Sea with up to 12 missiles", "", "en", False),
    ("Medic who survived 2023 missile attack on Kramatorsk killed at front", "", "en", False),
    ("Town commemorates victims of missile strike one year on", "", "en", False),
    ("Russia claims downing of three Neptune missiles over Bryansk", "", "en", True),
    # Polish: parts for missiles and a laser against rockets fire none; a crossing of the
    # border is a flight, a plan exceeded is not; a school rebuilt; an airline's suspension.
    ("Przechwycono transport części do pocisków dla Huti", "", "pl", False),
    ("Izrael kończy testy lasera przeciw dronom i rakietom", "", "pl", False),
    ("IDF: około 35 pocisków przekroczyło granicę z Libanu w ciągu godziny", "", "pl", True),
    ("Produkcja pocisków przekroczyła plan", "", "pl", False),
    ("Czerwony Krzyż odbudował szkołę zniszczoną przez rakietę", "", "pl", False),
    ("LOT zawiesza loty do Tel Awiwu do końca miesiąca",
     "Przewoźnik tłumaczy decyzję sytuacją bezpieczeństwa po ostatnim ostrzale rakietowym.", "pl", False),
    ("Atak rakietowy na Sewastopol. Okupacyjne władze mówią o uszkodzonym okręcie", "", "pl", True),
    # A ceremony at a memorial; a ship that carries missiles launched from a slipway.
    ("Seafarers killed in Red Sea missile attack honoured at Day of the Seafarer rites", "", "en", False),
    ("Shipyard launches first F-110 missile frigate for the navy", "", "en", False),
    ("Missile boat fires at Ukrainian port", "", "en", True),
    # Polish: interview or intelligence; a rocket motor's test for future rockets; a
    # launch judged "unacceptable"; a scheduled test carried out.
    ("Wywiad w Seulu: północnokoreański pocisk rozpadł się nad Pjongjangiem chwilę po starcie", "", "pl", True),
    ("Korea Płn. przeprowadziła naziemny test silnika rakietowego na paliwo stałe",
     "Według KCNA próba ma posłużyć budowie nowej generacji rakiet międzykontynentalnych.", "pl", False),
    ("Premier Japonii: wystrzelenie pocisku przez Koreę Płn. to „absolutnie niedopuszczalne”", "", "pl", False),
    ("Rosyjski sztab: Buriewiestnik leciał ponad 12 godzin", "", "pl", True),
    ("Izrael przeprowadził test pocisku balistycznego", "", "pl", True),
    ("Korea Płn. może przeprowadzić zaplanowany test rakiety", "", "pl", False),
    # A year after an attack is its anniversary; a week after, a follow-up (above).
    ("Rok po irańskim ataku rakietowym. Mieszkańcy wciąż czekają na schrony", "", "pl", False),
])
def test_english_and_polish_shapes_of_the_forty_first_sets(title, summary, lang, is_launch):
    assert _verdict(title, summary, lang) is is_launch


@pytest.mark.parametrize("title, summary, lang, is_launch", [
    # A maker's or supplier's adjective is no supply story.
    ("Ukraine says it hit Saky airfield with U.S.-supplied long-range missiles", "", "en", True),
    ("U.S. supplied long-range missiles to Ukraine last month", "", "en", False),
    # An interceptor jet is an aircraft; an interceptor missile is a missile.
    ("MiG-31K takeoff triggers nationwide air raid alert",
     "The alert was called off after the interceptor jet landed.", "en", False),
    # A leader's displeasure after an attack is a reaction; the attack alone is the news.
    ("Trump says he is 'not happy' with Putin after Russian missile attack on Kyiv", "", "en", False),
    ("Russian missile attack on Kyiv kills 12", "", "en", True),
    # Talks that only date the attack are no reaction; talks after it are.
    ("Russia pummels Ukraine with missile attack ahead of peace talks", "", "en", True),
    ("Peace talks stall after missile attack on Kyiv", "", "en", False),
    # A ceasefire agreed is the news; one broken by rockets is not.
    ("India and Pakistan agree ceasefire after four days of missile and drone strikes", "", "en", False),
    ("Ceasefire shattered as rockets fired from Gaza", "", "en", True),
    # A launch put off has not happened; a delayed launch that failed has.
    ("Iran postpones Simorgh satellite launch due to technical issues", "", "en", False),
    ("North Korea calls off planned missile test", "", "en", False),
    ("Delayed launch of North Korean satellite fails", "", "en", True),
    # Oil's move after an attack is the markets' news.
    ("Oil jumps most since 2022 after Iran's missile attack on Israel", "", "en", False),
    ("Russian missiles hit oil refinery in Odesa", "", "en", True),
    # A company's name in a summary's running text fires nothing; a headline's verb does.
    ("Ukraine unveils new cruise missile with claimed 3,000-km range",
     "Manufacturer Fire Point says the missile carries a one-ton warhead.", "en", False),
    ("Houthis Fire Ballistic Missile at Tanker in Red Sea", "", "en", True),
    # A commander replaced after a strike: the replacement is the news.
    ("Zelensky replaces air force commander after F-16 crash",
     "The jet crashed while repelling a Russian missile and drone attack, killing its pilot.", "en", False),
    # A headline with no launch over a summary whose launch is dated in the past looks back;
    # a day's full date or a dateline dates the news itself.
    ("Kyiv opera reopens as audiences carry shelter maps",
     "Performances resumed a year after its windows were blown out by a Russian missile strike.", "en", False),
    ("Book fair moves to a metro station",
     "Organisers moved the readings after a Russian missile strike destroyed the printing house in May 2024.",
     "en", False),
    ("Residents sweep glass in Kyiv",
     "Russia fired 40 missiles at Kyiv overnight on Friday, Jan. 3, 2025, the air force said.", "en", True),
    ("Sirens across Japan's north",
     "TOKYO, Nov 23, 2023 (Reuters) - North Korea fired a ballistic missile on Thursday, the coast guard said.",
     "en", True),
    # Polish: a flight to come, a weapon's kind, a test "o teście", drills, truces.
    ("Siostra Kima grozi: „Rakiety polecą nad Pacyfik”", "", "pl", False),
    ("Rakiety lecą nad Polską", "", "pl", True),
    ("Seul zamawia pociski przechwytujące SM-3 dla niszczycieli", "", "pl", False),
    ("Pociski przechwytujące zestrzeliły rakiety nad Kijowem", "", "pl", True),
    ("Korea Płn. poinformowała o teście nowej rakiety", "", "pl", True),
    ("Rozmowy o teście rakiety w ONZ", "", "pl", False),
    ("Zapad-2025. Przy granicy z Polską ćwiczono użycie Iskanderów", "", "pl", False),
    ("Trump ogłasza zawieszenie broni między Izraelem a Iranem",
     "To efekt negocjacji po 12 dniach wymiany ciosów, w tym irańskich ostrzałów rakietowych.", "pl", False),
    # An airspace violated is the flight; a resolution violated is a judgement.
    ("Rosyjska rakieta manewrująca nad Polską. Dowództwo Operacyjne potwierdza naruszenie przestrzeni powietrznej",
     "", "pl", True),
    ("Próba rakietowa KRLD. Seul: to naruszenie rezolucji ONZ", "", "pl", False),
    ("Sikorski w ONZ: rosyjskie rakiety nad Polską to świadoma prowokacja", "", "pl", False),
    # A dismissal, a sentence or an export figure after attacks is the news; a fire after one is its aftermath.
    ("Dowódca zwolniony po ataku na poligon",
     "Dowódcę brygady odwołano po tym, jak rosyjska rakieta uderzyła w zbiórkę żołnierzy.", "pl", False),
    ("Dożywocie dla rosyjskiego dowódcy za atak na centrum handlowe", "", "pl", False),
    ("Zboże płynie z Odessy mimo ataków na porty",
     "Eksport wzrósł o 12 proc. mimo regularnych rosyjskich ataków rakietowych na porty.", "pl", False),
    ("Pożar po ataku rakietowym na Odessę", "", "pl", True),
    # Rockets fired from launchers named after "z": the launcher's word is not what was fired.
    ("Grad spadł na Marganiec. Uszkodzone domy",
     "Rosjanie ostrzelali w nocy miasto z wieloprowadnicowych wyrzutni rakietowych Grad.", "pl", True),
    ("Polska kupi wyrzutnie rakietowe", "", "pl", False),
    ("Festiwal jazzowy w Charkowie odbędzie się w metrze",
     "Koncerty przeniesiono po tym, jak w zeszłym miesiącu rosyjska rakieta uszkodziła gmach filharmonii.",
     "pl", False),
    # ... a month with no day, a habit or a span dates it in the past too; a record "for the
    # first time since" does not.
    ("Rial hits record low in Tehran",
     "The currency has lost ground since Iran's missile attacks on Israel in June.", "en", False),
    ("Dnipro athlete dedicates her gold to the dead",
     "Her home city has been repeatedly struck by Russian missiles, and her club lost its hall.", "en", False),
    ("Haifa residents return to shelters",
     "Hezbollah fired around 90 rockets at northern Israel on Sunday, some reaching Haifa for the first time "
     "since the start of the war, the Israeli military said.", "en", True),
    ("Opera w Odessie wraca na scenę",
     "Teatr, którego okolice ucierpiały w listopadowym ataku rakietowym, wznawia spektakle.", "pl", False),
    ("Bejrut liczy na turystów",
     "Po rozejmie z Hezbollahem, który przez ponad rok ostrzeliwał rakietami północ Izraela, rośnie liczba rezerwacji.",
     "pl", False),
    # A harm or an alarm told before "after" is the launch's aftermath; a market's move is not.
    ("Photos show aftermath of strike on Crimea air base",
     "Satellite images show destroyed aircraft at the base after Ukraine fired eight ATACMS missiles at it.",
     "en", True),
    ("Trains briefly halted in Hokkaido",
     "Japan issued a J-Alert warning after North Korea launched a ballistic missile.", "en", True),
    ("Seoul shares fall", "Stocks fell after North Korea fired a missile.", "en", False),
    # A dedication of a win, in a sport's story, is the news.
    ("Tennis player dedicates win to victims of Kyiv missile attack", "", "en", False),
    # A child killed is a strike's victim, not an obituary; a death of age is one.
    ("Nie żyje czteroletnia Lisa. Jej matka jest w ciężkim stanie",
     "Dziewczynka zginęła w Winnicy, w którą w czwartek rosyjski okręt wystrzelił trzy pociski Kalibr.", "pl", True),
    ("Nie żyje Jan Kowalski, konstruktor rakiet", "Zmarł w wieku 84 lat.", "pl", False),
    # A fighter's take-off and a start put off are no launch.
    ("Alarm lotniczy w całej Ukrainie",
     "Alarm ogłoszono w związku ze startem rosyjskiego myśliwca MiG-31K, nosiciela pocisków Kindżał.", "pl", False),
    ("Start polskiego satelity znów przesunięty", "", "pl", False),
    ("Rakietowy start poznańskiego startupu. Zebrał 20 mln zł", "", "pl", False),
    ("Kim Dzong Un: jesteśmy gotowi wystrzelić kolejnego satelitę",
     "Przywódca polecił przygotowanie startu kolejnych satelitów rozpoznawczych.", "pl", False),
    # A headline that tells the harm over a summary that tells the launch reports it; one
    # that tells a survivor's death, a vigil's or a year's number in a name does not decide.
    ("Building in Ramat Gan collapses, 2 killed",
     "Two people were killed when an Iranian ballistic missile hit a residential building early Saturday.",
     "en", True),
    ("Zmarł ratownik, który przeżył atak rakietowy na Kramatorsk", "", "pl", False),
    ("Fans stranded in Kharkiv",
     "The match between Metalist 1925 and Polissya was suspended after Russian missiles struck the city, "
     "the league said.", "en", True),
    # What stopped, told before "after", is the launch's aftermath; so is a month's day
    # before it, which ends no sentence.
    ("Schools shut across the north",
     "Classes were canceled on Monday after Hezbollah fired some 60 rockets at the Galilee overnight.", "en", True),
    ("Emergency power cuts across Ukraine",
     "Ukrenergo introduced power outages on Nov. 17 after Russia launched 120 missiles at energy sites.", "en", True),
    # A past habit or last week's attacks are background; so is one told in a season.
    ("Travel advice raised to 'do not travel'",
     "The advice follows last week's Iranian missile attack on Israel.", "en", False),
    ("Ukraińcy wysyłają do domu więcej pieniędzy",
     "Ekonomiści łączą to z zimą, gdy rosyjskie ataki rakietowe zostawiały miasta bez prądu.", "pl", False),
    ("Koszykarz z Izraela: codziennie dzwonię do rodziny",
     "Przyznaje, że od początku irańskich ataków rakietowych trudno mu się skupić.", "pl", False),
    # Who did it, in a relative clause, and a prison term: the sentence is the news.
    ("Man who guided missile strike on pizzeria jailed for 15 years", "", "en", False),
])
def test_english_and_polish_shapes_of_the_forty_second_sets(title, summary, lang, is_launch):
    assert _verdict(title, summary, lang) is is_launch


@pytest.mark.parametrize("title, summary, lang, is_launch", [
    # A feature's headline (an analysis, an explainer, a question, a digest) over a lede that
    # tells one launch of the news's day reports that launch ...
    ("Analysis: What the latest launch says about Pyongyang's ICBM plans",
     "North Korea on Friday fired a solid-fuel ICBM that flew about 1,000 km, Seoul's military said.", "en", True),
    ("Explainer: Why the Houthis keep aiming at Eilat",
     "Yemen's Houthis launched a ballistic missile at Eilat on Monday, the Israeli military said.", "en", True),
    ("Night of sirens: what happened over Tel Aviv",
     "Iran fired dozens of ballistic missiles at Israel on Tuesday evening, the army said.", "en", True),
    ("Did Tehran just put a military satellite in orbit?",
     "Iran's Revolutionary Guards said on Sunday a Qased rocket fired from Shahroud had placed a satellite in orbit.",
     "en", True),
    # ... not one whose lede tells launches of no one day.
    ("Explainer: Why the Houthis keep aiming at Eilat",
     "Yemen's Houthis have launched dozens of missiles at the resort since the war began.", "en", False),
    ("Analysis: What North Korea's missile tests say about its plans",
     "North Korea has tested more missiles this year than in any year before.", "en", False),
    # A fire or explosions told before "after" are the launch's aftermath.
    ("Refinery ablaze after overnight strike", "A refinery in Russia's Rostov region was on fire on Friday after "
     "Ukraine fired six cruise missiles at it overnight, officials said.", "en", True),
    ("City shaken before dawn", "Residents reported loud explosions before dawn on Sunday after US warships fired "
     "cruise missiles at rebel sites, an official said.", "en", True),
    ("Plant ablaze after drone strike", "A plant was on fire on Friday after Ukrainian drones hit it overnight.",
     "en", False),
    # Missiles counted as destroyed in flight were fired; depots and launchers destroyed were not.
    ("Governor gives the all-clear", "Air defences destroyed six Ukrainian missiles over Sevastopol on Saturday "
     "night, the governor said.", "en", True),
    ("Army destroyed two missile depots", "", "en", False),
    # An air-defence missile fired at a city.
    ("Two S-300s slam into apartment block, five dead", "", "en", True),
    ("Turkey takes delivery of S-400 batteries", "", "en", False),
    # Polish: stockpiling, a delivery on a day, a launch window, an engine's test and an
    # attack not made are no launch ...
    ("Rosja gromadzi pociski na kolejny zmasowany atak", "", "pl", False),
    ("Nowe wyrzutnie w dywizji", "Wyrzutnie rakietowe Homar-K trafiły w czwartek do żołnierzy dywizji.", "pl", False),
    ("Korea Płn. uprzedziła Japonię: start satelity między 22 maja a 1 czerwca", "", "pl", False),
    ("Japonia: Korea Płn. zgłosiła okno startowe", "Pjongjang powiadomił straż przybrzeżną, że zamierza wystrzelić "
     "satelitę, a szczątki rakiety mogą spaść na Morze Żółte.", "pl", False),
    ("KCNA: udany test silnika", "Korea Północna przeprowadziła naziemny test silnika na paliwo stałe o dużej mocy, "
     "przeznaczonego dla nowych pocisków – podała KCNA.", "pl", False),
    ("Rosja od tygodni nie atakuje", "Rosja od kilku tygodni nie przeprowadziła zmasowanego ataku rakietowego na Kijów.",
     "pl", False),
    # ... a satellite carried to orbit by a sanctioned state's rocket, whatever it observes, is one.
    ("Teheran ogłasza sukces w kosmosie", "Irańska rakieta nośna wyniosła w sobotę na orbitę dwa satelity – "
     "podała agencja IRNA.", "pl", True),
    ("Gwardia ogłasza sukces", "Strażnicy Rewolucji poinformowali o wystrzeleniu rakiety nośnej, która umieściła na "
     "orbicie satelitę obserwacyjnego.", "pl", True),
    ("Cena startu", "Cena startu rakiety nośnej wyniosła 60 mln dolarów.", "pl", False),
    ("SpaceX wyniosła satelity", "Rakieta Falcon 9 wyniosła na orbitę 20 satelitów Starlink.", "pl", False),
    ("Amerykanie odpalili Minutemana III", "", "pl", True),
    # A relative clause that dates its flight to the news's day tells it, however deep in
    # its sentence; one dated to a month recalls it.
    ("Szczątki na polu", "Policja zabezpieczyła pod wsią na północy kraju fragmenty rosyjskiego pocisku, który w nocy "
     "przeleciał nad krajem.", "pl", True),
    ("Dowody w sprawie rakiety", "Prokuratura zebrała dowody na pochodzenie rakiety, która wleciała w listopadzie "
     "nad Polskę.", "pl", False),
    # A live page's headline lists stories: its reaction word is another story's ...
    ("War live: minister lands in Riyadh for talks on truce",
     "Hamas's armed wing said it had fired a barrage of rockets at Tel Aviv on Sunday. The army said eight rockets "
     "crossed from Rafah, several of them intercepted.", "en", True),
    # ... but not over a lede of no one day, nor on a page that is no live page.
    ("War live: minister lands in Riyadh for talks on truce",
     "Hamas has fired thousands of rockets at Israel since October.", "en", False),
    ("UN Security Council meets over Gaza", "Hamas fired a barrage of rockets at Tel Aviv on Sunday.", "en", False),
    # What is left of a missile, shown in a museum, is no report; fallen, it is.
    ("Museum puts fragments of Russian missiles on display", "", "en", False),
    ("Debris of Russian missile falls on Kyiv street", "", "en", True),
    ("Kijów pokazuje szczątki rosyjskich pocisków", "", "pl", False),
    ("Szczątki rakiety spadły na dom pod Kijowem", "", "pl", True),
    # A quantity is no year: "2000 km".
    ("Nowa broń Huti? Pocisk doleciał aż do Ejlatu", "Pocisk balistyczny wystrzelony w niedzielę z Jemenu pokonał "
     "ponad 2000 km i został przechwycony.", "pl", True),
    # Grads that hit; a question that asks why a launch happened takes it as told.
    ("Grads hit Belgorod city centre", "", "en", True),
    ("Grad students protest tuition hikes", "", "en", False),
    ("Why did China fire an ICBM into the Pacific now?", "China launched an intercontinental ballistic missile "
     "into the Pacific on Wednesday, the ministry said.", "en", True),
    ("Will North Korea fire an ICBM this week?", "", "en", False),
    ("Did North Korea fire a missile?", "", "en", False),
    # Sirens told well before "after" (the same clause), and in Polish "po tym, jak".
    ("Sirens sound in the north", "Warning sirens sounded in Safed, Rosh Pina and surrounding communities on Monday "
     "afternoon after about 15 rockets were fired from Lebanon, the military said.", "en", True),
    ("Syreny w Tel Awiwie", "W centralnym Izraelu zawyły w nocy syreny po tym, jak z Jemenu wystrzelono pocisk "
     "balistyczny – przekazała armia.", "pl", True),
    # A missile that came down somewhere flew; prices that came down did not.
    ("The week in Asia: floods, a by-election and a splashdown", "On Thursday a North Korean ballistic missile came "
     "down inside Japan's exclusive economic zone, the Defence Ministry said.", "en", True),
    ("Missile prices came down in 2023", "", "en", False),
    # Interceptors at work in a headline over a lede that tells the launch.
    ("Interceptors light up skies over central Israel", "Flashes were seen over Tel Aviv as air defences engaged a "
     "ballistic missile launched from Yemen, the military said. Shrapnel fell in Ramat Gan.", "en", True),
    # North Korea's "super-large" rounds are rockets; a tank's are shells.
    ("'Super-large' rounds splash down off Hamhung", "North Korea fired six 600 mm super-large multiple rocket "
     "launcher rounds into the East Sea on Monday morning, the Joint Chiefs of Staff said.", "en", True),
    ("Tank rounds hit village", "", "en", False),
    # A satellite placed in orbit, carried by a rocket; not one put off, nor a civil one.
    ("Pjongjang ogłasza sukces", "Korea Północna twierdzi, że umieściła na orbicie wojskowego satelitę, wyniesionego "
     "we wtorek wieczorem rakietą Chollima-1 – podała agencja KCNA.", "pl", True),
    ("Rakieta wyniesie satelitę", "Rakieta nośna wyniesie na orbitę satelitę w przyszłym tygodniu.", "pl", False),
    ("SpaceX umieściła na orbicie satelity", "Rakieta Falcon 9 umieściła na orbicie 20 satelitów Starlink.", "pl",
     False),
    # A digest whose headline dates its night.
    ("Poranny przegląd wojenny. Najważniejsze informacje z nocy", "Zaporoże: rosyjskie wojska uderzyły w miasto "
     "pięcioma rakietami S-300, przekazał szef administracji obwodowej.", "pl", True),
    # A Polish launch verb with a long way to its weapon.
    ("Noc nad Dnieprem", "W czwartek o świcie Rosja wystrzeliła z obwodu astrachańskiego w kierunku Dniepra "
     "międzykontynentalny pocisk balistyczny.", "pl", True),
    # A state's body that speaks of its strike or launch reports it; a president reacts.
    ("Odwet. Wojsko mówi o „precyzyjnych uderzeniach”", "Izraelskie myśliwce wystrzeliły w nocy pociski balistyczne "
     "typu powietrze-ziemia w irańskie zakłady.", "pl", True),
    ("Pierwszy taki test od lat. Pekin mówi o „rutynowym” starcie", "Chińska armia wystrzeliła w środę rano nad "
     "Pacyfik międzykontynentalny pocisk balistyczny – poinformowało ministerstwo obrony.", "pl", True),
    ("Prezydent mówi o ataku rakietowym na Kijów", "", "pl", False),
    ("Iran wystrzelił satelitę. Moskwa mówi o prowokacji", "", "pl", False),
    # What a weapon "can now" do is a capability; a denial reaches its claim six words on.
    ("Upgraded Neptune reaches further", "The upgraded cruise missile can now hit targets up to 1,000 km away, the "
     "minister said.", "en", False),
    ("Seul: nie wykryliśmy żadnego startu", "Kolegium Szefów Sztabów zaprzeczyło w środę doniesieniom, jakoby Korea "
     "Północna wystrzeliła pocisk balistyczny.", "pl", False),
    # Fireworks over a square; notice of tests to come; what ministers say should be done.
    ("Rakiety nad Rynkiem Głównym. Kraków przywitał Nowy Rok", "", "pl", False),
    ("Rakiety nad Kijowem. Syreny w całym kraju", "", "pl", True),
    # Where the rockets came from may take two words before where they flew.
    ("Rakiety ze Strefy Gazy nad Aszkelonem. Hamas przyznaje się do ostrzału", "", "pl", True),
    ("Indie i Pakistan przedłużają umowę o powiadamianiu o testach rakietowych", "", "pl", False),
    ("Szef MSZ: powinniśmy rozważyć zestrzeliwanie rosyjskich rakiet nad Ukrainą", "", "pl", False),
    # Students who sheltered are no student rocket; students who launched one are.
    ("Polscy studenci ze Lwowa: „Noc spędziliśmy w piwnicy”", "W nocy na Lwów spadły co najmniej trzy rosyjskie "
     "rakiety – podał mer miasta.", "pl", True),
    ("Studenci z Politechniki wystrzelili rakietę na 10 km", "", "pl", False),
    # A strike that sparks a fire; lawmakers briefed; an interceptor that missed.
    ("State media: 'Israeli aggression' sparks fire at warehouse", "Israel fired a salvo of missiles at a warehouse "
     "near Damascus on Tuesday, most of which air defences shot down, state media said.", "en", True),
    ("Seoul lawmakers told North quietly tested cruise missile last month", "", "en", True),
    ("Lawmakers condemn North Korean missile test", "", "en", False),
    ("16 hurt as interceptor misses missile over Jaffa", "A ballistic missile fired from Yemen struck near Jaffa on "
     "Saturday after an interceptor missed it, the army said.", "en", True),
])
def test_english_and_polish_shapes_of_the_forty_third_sets(title, summary, lang, is_launch):
    assert _verdict(title, summary, lang) is is_launch


@pytest.mark.parametrize("title, summary, lang, is_launch", [
    # A target before a weapon whose class is told in two words ("anti-ship ballistic").
    ("후티, 홍해서 유조선에 대함순항미사일 3발", "", "ko", True),
    ("紅海で商船に対艦弾道ミサイル2発　米中央軍", "", "ja", True),
    # Years after an attack the headline names look back at it; a new launch years after
    # one is news.
    ("Dwa lata po rosyjskim ataku rakietowym na Dniepr. Blok wciąż stoi pusty", "", "pl", False),
    ("Pół roku po ataku rakietowym na szpital. Oddział wraca do pracy", "", "pl", False),
    ("Rok po ataku Rosja znów wystrzeliła rakiety na Dniepr", "", "pl", True),
    ("Dwa lata po ataku Rosja znów wystrzeliła rakiety na Dniepr", "", "pl", True),
    # An engine tested, however long its description before the missiles it is for.
    ("Iran przeprowadził test silnika rakietowego na paliwo stałe o dużym ciągu, przeznaczonego dla pocisków "
     "balistycznych", "", "pl", False),
    # A surface-to-air missile that brings down a warplane was fired; a missile's time aloft
    # is its flight; a test "scheduled" is to come; support for the side attacked reacts.
    ("S-300 missile brings down Ukrainian Su-25 near Bakhmut, Russia says", "", "en", True),
    ("Pentagon: the North Korean ICBM remained aloft for 68 minutes", "", "en", True),
    ("Air Force schedules Minuteman III test launch for Tuesday night", "", "en", False),
    ("Germany 'fully supportive' of Kyiv after Russian missile barrage, chancellor says", "", "en", False),
    # A weapon in action, ending its phrase; a barrage of missiles in Korean; rockets
    # counted from where they came, in Japanese.
    ("ATACMS-y w akcji. Ukraina uderzyła w lotnisko na Krymie", "", "pl", True),
    ("Wyrzutnie w akcji charytatywnej dla szpitala", "", "pl", False),
    ("후티 미사일 세례에 홍해 상선 2척 피격", "", "ko", True),
    ("レバノンから十数発のロケット弾　イスラエル北部", "", "ja", True),
    # Korean: where rounds were fired from or at, with their count; a heading after the
    # place they came from; a missile that hits hard. Transliterations of a missile's name.
    ("北, 동창리서 SRBM 2발…서해상 낙하", "", "ko", True),
    ("하마스, 아슈켈론으로 로켓 20발", "", "ko", True),
    ("평양서 신형 미사일 공개…열병식 준비", "", "ko", False),
    ("北 방사포 4발, 강원도서 동해로", "", "ko", True),
    ("러 이스칸데르, 하르키우 변전소 강타", "", "ko", True),
    ("ロシア軍、オレシュニクでウクライナ東部を攻撃", "", "ja", True),
    # Polish: a sanctioned state's satellite in orbit was launched; a civil one is civil
    # space; rockets beside firecrackers are fireworks.
    ("KCNA: satelita rozpoznawczy na orbicie", "", "pl", True),
    ("Satelita Sentinel na orbicie. Europa ma nowe oko", "", "pl", False),
    ("Gmina zakazuje odpalania rakiet i petard w parku", "", "pl", False),
    # English: a satellite carried to orbit after lifting off was launched; a claim
    # rejected is denied.
    ("Did North Korea's new rocket work this time?", "KCNA said a Chollima-1 rocket carried the Malligyong-1 "
     "satellite to a low orbit after lifting off from Sohae on Tuesday night.", "en", True),
    ("India rejects Pakistani claims it fired missiles at Lahore", "", "en", False),
    # Korean: residents who shelter are the attack's aftermath, not a reaction; a missile
    # flown, colloquially; BrahMos by name in Korean and Japanese; a quick guide explains.
    ("하이파에 공습경보…주민들 방공호로", "헤즈볼라가 레바논에서 로켓 20여발을 발사했다고 이스라엘군이 밝혔다.", "ko", True),
    ("北, 동해로 미사일 또 날렸다", "", "ko", True),
    ("인도군, 브라모스로 파키스탄 레이더 기지 타격", "", "ko", True),
    ("インド軍、ブラモスでパキスタンの空軍基地を攻撃", "", "ja", True),
    ("＜早わかり＞北朝鮮の弾道ミサイル、種類と射程", "北朝鮮が保有する主な弾道ミサイルの射程をまとめた。", "ja", False),
    # A range or a reach claimed, with no launch told, is a capability (the policy's near
    # miss); a launch that names its range is a launch.
    ("北 \"신형 순항미사일 사거리 1500㎞…일본 전역 사정권\"", "", "ko", False),
    ("北 극초음속미사일, 괌 타격 가능", "", "ko", False),
    ("中国の新型ICBM、米本土全域を射程に", "", "ja", False),
    ("北朝鮮、射程1500キロの巡航ミサイル2発を発射", "", "ja", True),
])
def test_shapes_read_when_the_model_was_retrained(title, summary, lang, is_launch):
    assert _verdict(title, summary, lang) is is_launch


@pytest.mark.parametrize("title, summary, lang, is_launch", [
    # A share of one occasion's weapons, the occasion told in the lede, is no statistic; a
    # share over a war is.
    ("Israel says 95% of Iranian missiles were intercepted", "Iran launched about 180 ballistic missiles at Israel on "
     "Tuesday night, the army said.", "en", True),
    ("Israel intercepts 90% of rockets, study finds", "The system downed most of the rockets fired during the "
     "11-day war.", "en", False),
    # A verb whose object is a place, weapons after it: the reaction after a comma is the
    # next clause's; an event noun of the weapon keeps its reaction ("tests ... violate").
    ("Pakistan strikes Indian posts with missiles, New Delhi vows retaliation", "", "en", True),
    ("Missile tests violate UN resolutions, Washington says", "", "en", False),
    ("Test rakiety naruszył rezolucję ONZ, twierdzi Waszyngton", "", "pl", False),
    # The feast that fires rockets makes them fireworks; rockets fired on a feast are not.
    ("New Year's Eve rockets blamed for house fire in Leeds", "", "en", False),
    ("Rockets fired at Sderot on New Year's Eve, army says", "", "en", True),
    # Weapons counted in one record occasion; what they were in analysis is not told fired.
    ("Missiles from Russia top 120 in largest barrage of the winter", "", "en", True),
    ("Analysts: rockets were decisive in biggest attack of war", "", "en", False),
    # Polish: what a weapon is able to do with one strike; a shot in sport by its distance.
    ("Kreml straszy: Sarmat jest zdolny zniszczyć Paryż jednym uderzeniem", "", "pl", False),
    ("Rakieta Iskander jednym uderzeniem zniszczyła most w Odessie", "", "pl", True),
    ("Pocisk Zielińskiego z 30 metrów daje Napoli zwycięstwo", "", "pl", False),
    ("Pocisk z Rosji spadł 30 metrów od domu", "", "pl", True),
    # Korean: a launch told in a quote, then the launcher's boast; a government's answer.
    ('北 "신형 중거리 탄도미사일 시험발사"…김정은 "적들 대응 불가"', "북한은 어제 신형 중거리 탄도미사일을 시험발사했다고 "
     "조선중앙통신이 보도했다.", "ko", True),
    ('北 미사일 발사에…정부 "단호히 대응"', "", "ko", False),
    # Korean: launches vowed in a quote are a plan; a launch told late is dated by its
    # period, which makes no total without a count.
    ("北, '올해 위성 추가 발사' 천명", "", "ko", False),
    ("北, 정찰위성 추가 발사…궤도 진입 주장", "", "ko", True),
    ("北, 지난주 순항미사일 시험 뒤늦게 공개", "조선중앙통신은 지난주 서해상에서 전략순항미사일 발사훈련을 했다고 보도했다.", "ko", True),
    ("러, 지난달 미사일 200여 발 발사…우크라 공군 집계", "", "ko", False),
    # Korean and Japanese: whether a missile can be intercepted is a capability; a
    # meteorological rocket is civil.
    ("中国の極超音速ミサイル、撃墜可能か", "", "ja", False),
    ("北 신형 ICBM, 요격 가능한가", "", "ko", False),
    ("気象ロケット、最後の打ち上げ", "", "ja", False),
])
def test_shapes_of_the_forty_fifth_sets(title, summary, lang, is_launch):
    assert _verdict(title, summary, lang) is is_launch


@pytest.mark.parametrize("title, summary, lang, is_launch", [
    # Polish: an event only alleged right before it is none; a weapon alleged shot down
    # that fell is a launch.
    ("Alarm przez pomyłkę. Przeprosiny dla mieszkańców", "SMS o rzekomym wystrzeleniu rakiety rozesłano omyłkowo "
     "podczas testu systemu.", "pl", False),
    ("Rzekomo zestrzelony pocisk spadł na dom pod Kijowem", "", "pl", True),
    # A court that hears witnesses of an attack; witnesses as a label are a source.
    ("Haga: świadkowie o ataku rakietowym na Czernihów", "", "pl", False),
    ("Świadkowie: rakieta spadła na blok w Dnieprze", "", "pl", True),
    # Weapons counted by whoever speaks of them are reported; a reprisal spoken of is a reaction.
    ("Sewastopol w dymie. Gubernator mówi o trzech rakietach", "Ukraińskie pociski trafiły w nocy w port, podał "
     "gubernator.", "pl", True),
    ("Zełenski mówi o odwecie za ostrzał Charkowa", "", "pl", False),
    # A drill's scenario; a weapon without its warhead still flew.
    ("Syreny w całym Krakowie. Ćwiczenia obrony cywilnej", "Scenariusz zakłada atak rakietowy na miasto; mieszkańcy "
     "mają zejść do schronów.", "pl", False),
    ("Las pod Zamościem. Prokuratura: to szczątki Ch-101", "Pocisk bez głowicy bojowej spadł w lesie 29 grudnia, "
     "przekazał prokurator.", "pl", True),
    # English: a satellite carried into orbit with others named between.
    ("Tehran TV: two satellites in orbit", "Iran's Qaem-100 rocket carried the Chamran satellite and a smaller "
     "research payload into orbit, state media reported.", "en", True),
    ("Iron Dome activated in drill near Haifa", "", "en", False),
])
def test_shapes_of_the_forty_fifth_oblique_sets(title, summary, lang, is_launch):
    assert _verdict(title, summary, lang) is is_launch


@pytest.mark.parametrize("title, summary, lang, is_launch", [
    # A drill that simulates a barrage fires none; a barrage the drill met is fired.
    ("Joint drills simulate Chinese missile strike on Kinmen", "", "en", False),
    ("Chinese missiles land near Kinmen during Taiwanese drills", "", "en", True),
    # A verb-final headline: the launch's outcome in quotes, with who says so, ends its
    # clause before the reaction; a launch whose outcome is what is reacted to does not.
    ("イラン、軍事衛星打ち上げ「成功」と発表　欧州は懸念", "イラン革命防衛隊は、軍事衛星を打ち上げ軌道に投入したと発表した。",
     "ja", True),
    ("イランの衛星打ち上げ「成功」に欧州が懸念", "欧州各国はイランの衛星打ち上げに懸念を表明した。", "ja", False),
    ("北, 신형 ICBM 발사 '성공' 주장…日 '강력 항의'", "북한은 신형 ICBM을 발사했다고 조선중앙통신이 보도했다.", "ko", True),
    ("북한 ICBM 발사 '성공' 주장에 日 '강력 항의'", "일본 정부는 북한의 ICBM 발사에 항의했다.", "ko", False),
    # Weapons listed with other goods brought in are a supply, not a strike at the place.
    ("오산 기지에 패트리엇 미사일·레이더 추가 반입", "", "ko", False),
    ("基地に迎撃ミサイル搬入", "", "ja", False),
    ("하르키우에 미사일·드론…2명 사망", "", "ko", True),
    # English: boats sent back to port, flights diverted after a launch are its aftermath;
    # markets after it are a reaction.
    ("Ferries ordered back to port", "The coast guard told ferries to return to port after North Korea fired a ballistic "
     "missile into the sea on Sunday.", "en", True),
    ("Asian stocks slip", "Asian stocks slipped on Sunday after North Korea fired a ballistic missile into the sea.",
     "en", False),
    # Polish: what is to be ("mają być", "ma się odbyć") is a plan; what took place is not.
    ("Rosja zapowiada manewry. Mają być starty rakiet balistycznych", "", "pl", False),
    ("Ma się odbyć kolejny test rakiety Sarmat", "", "pl", False),
    ("Odbył się kolejny test rakiety Sarmat", "", "pl", True),
    # English: an event called off or moved, its noun the verb's object; one that failed
    # after a delay was launched.
    ("Navy scrubs planned Trident test launch", "The Royal Navy has postponed a scheduled test launch of an unarmed "
     "Trident missile, officials said.", "en", False),
    ("Delayed launch of Iranian satellite ends in failure", "", "en", True),
    # What a strike did to its target ("obliterate", "flatten"); a brand's cuts are no strike.
    ("Ukrainian ATACMS missiles obliterate Russian airfield in Luhansk", "", "en", True),
    ("Rocket Mortgage wipes out closing fees", "", "en", False),
    # A question that asks what went wrong with a launch takes it as told.
    ("Iran's satellite launch ended in failure - what went wrong?", "", "en", True),
    ("Will Iran launch a satellite this year?", "", "en", False),
    # A student-built rocket is civil.
    ("University students' rocket reaches space", "The student-built two-stage rocket climbed past 100 km.", "en", False),
    # A drill held after a launch answers it; a launch made during a drill is one.
    ("Allies stage missile defence exercise after North Korean ICBM launch", "", "en", False),
    ("North Korea fires two missiles during artillery drill", "", "en", True),
    # A video game's weapons are the game's.
    ("Battlefield 6 update adds cruise missile strike to Conquest mode", "", "en", False),
    ("Warzone players furious as new killstreak brings back the ballistic missile", "", "en", False),
    ("Classic arcade shooter Missile Command launches on Switch", "", "en", False),
    ("Game review: Rocket Strike launches on PlayStation 5", "", "en", False),
    ("Ukraine fires missiles at Russian air base as Kyiv switches tactics", "", "en", True),
    # Strikes told as a habit, or over years, are no one launch; what they did that night is.
    ("Classes go on underground in Zaporizhzhia", "In a city struck almost daily by Russian missiles, pupils now "
     "study in converted basements.", "en", False),
    ("Classes cancelled in Zaporizhzhia", "Schools closed on Tuesday after Russian missiles struck the city overnight.",
     "en", True),
    ("Ashkelon families seek more shelters after two decades of rocket fire", "", "en", False),
    # What sites were used for is not an event.
    ("Coalition jets hit Houthi depots", "The sites were used by the militia to launch missiles toward the kingdom, "
     "the coalition said.", "en", False),
    # A topic, a colon and why: an analysis.
    ("Asia's interceptor gap: why Taipei can't stop what Beijing can fire", "", "en", False),
    ("Drones and 3,000 rockets: how Hezbollah carried out its largest barrage", "", "en", True),
    ("Radar w praktyce: jak śledzi się starty rakiet", "", "pl", False),
    # Launchers moved or deployed; a launch from them is one.
    ("Russia moves Iskander launchers closer to the Finnish border", "", "en", False),
    ("Ukraina przerzuca wyrzutnie HIMARS na południe", "", "pl", False),
    ("Ukraina ostrzelała rosyjski skład amunicji z wyrzutni HIMARS", "", "pl", True),
    # Polish: a rocket of a price bracket is a product; a day that an attack dates is no launch.
    ("Xiaomi odpala rakietę w niskiej półce cenowej", "Nowy smartfon ma ekran 120 Hz i baterię 5000 mAh.", "pl", False),
    ("Rekordowa sprzedaż gazet", "W dniu rosyjskiego ataku rakietowego na Kijów nakład wzrósł o 30 proc.", "pl", False),
    # Rockets after fireworks in their sentence are fireworks; rockets fired beside them are not.
    ("Fireworks show goes wrong as rockets veer into spectators in Valencia", "", "en", False),
    ("Islamic Jihad fires rockets at Sderot as Israelis set off fireworks", "", "en", True),
    ("New indie roguelike lets you fire a thousand missiles at once", "", "en", False),
    # What a strike forces is its aftermath; what a state imposes on another is a reaction.
    ("Kyiv imposes emergency blackouts after Russian missile barrage on power plants", "", "en", True),
    ("EU imposes sanctions after Iranian missile attack on Israel", "", "en", False),
    ("Footage shows Ukrainian Neptune missiles slamming into Russian landing ship", "", "en", True),
    # Polish: the space agency of a state whose satellite launches count is not civil.
    ("Iran wyniósł satelitę na orbitę rakietą Safir", "Irańska Agencja Kosmiczna podała, że satelita trafił na "
     "orbitę.", "pl", True),
    ("Europejska Agencja Kosmiczna wyniosła satelitę na orbitę", "", "pl", False),
    # An attack the headline's news came after, which the summary dates years back.
    ("Wyjechał z Zaporoża po ataku. Dziś prowadzi piekarnię w Lublinie", "Dwa lata temu rosyjska rakieta zniszczyła "
     "jego dom.", "pl", False),
    ("Pożar w Zaporożu po ataku", "W nocy rosyjska rakieta zniszczyła blok mieszkalny.", "pl", True),
    # A flight as a witness hears it; what launches leave in the air, studied, is science.
    ("Video shows Russian missile roaring over Odesa seafront before blast", "", "en", True),
    ("Rocket emissions may harm ozone layer, study finds", "", "en", False),
    # A verdict passed on a test; a threat of a response; money asked for tests; a poll.
    ("Islamabad terms Indian missile test 'grave provocation'", "", "en", False),
    ("Khamenei threatens 'devastating' missile strikes if Israel attacks", "", "en", False),
    ("Army seeks $900 million for hypersonic missile tests", "", "en", False),
    ("Poll: most Britons back shooting down Iranian missiles", "", "en", False),
    # Protesters who block a city after a strike react to it; protesters a rocket hit do not.
    ("Protesters block highway in Tel Aviv after Hezbollah rocket kills two", "", "en", False),
    ("Rocket hits protest camp in Khartoum, killing three", "", "en", True),
    ("Arma Reforger update lets players fire cruise missiles from frigates", "", "en", False),
    # Polish: an attack in quotes as the topic of a headline, a report or a mail is a title;
    # a report on a real attack tells it.
    ("Redakcja przeprasza za nagłówek o „ataku rakietowym na Rzeszów”", "", "pl", False),
    ("Hakerzy rozsyłają „raport o ataku rakietowym”. To pułapka", "", "pl", False),
    ("Prokuratura: raport o ataku rakietowym na Przewodów gotowy", "", "pl", True),
    # Korean and Japanese: a launch in a headline of sport that names no state is the game's.
    ("佐藤、ミサイル発射！打球速度180キロで15号2ラン", "", "ja", False),
    ("北朝鮮、弾道ミサイル発射　プロ野球中継を一時中断", "北朝鮮が弾道ミサイル1発を発射し、NHKは野球中継を中断して速報を伝えた。", "ja", True),
    # A satellite placed in orbit was launched; one to be placed was not.
    ("North Korea says it placed spy satellite in orbit", "", "en", True),
    ("Iran hopes to place three satellites in orbit this year", "", "en", False),
    ("Korea Północna wyniósł satelitę na orbitę", "", "pl", True),
    ("Koszt programu wyniósł 2 mld dolarów", "", "pl", False),
    # An attack verb whose instrument is the weapon, however far; critics who blast are not.
    ("Israel blasts Hezbollah depot near Tyre with guided missiles", "", "en", True),
    ("Lawmakers blast Pentagon over missile defence overruns", "", "en", False),
    # Polish: a game's headline; a start as fast as a rocket.
    ("Symulator wyrzutni rakiet trafił na Steama. Gracze zachwyceni", "", "pl", False),
    ("„Rakietowy” start nowego serialu. 2 mln widzów", "", "pl", False),
    ("Udany start rakiety z satelitą wojskowym Korei Północnej", "", "pl", True),
])
def test_shapes_of_the_forty_sixth_sets(title, summary, lang, is_launch):
    assert _verdict(title, summary, lang) is is_launch


def test_a_defence_at_work_over_a_summary_that_tells_the_launch_is_not_the_news():
    # "Iron Dome activated" in the headline meets the rockets the summary tells; a defence
    # named with no work of its own (a deal, a deployment) is the headline's news.
    lede = "Some 15 rockets were fired from Lebanon toward northern Israel on Monday, the army said."
    at_work = _cues("Red alert in Kiryat Shmona; Iron Dome activated", lede)
    assert "defence_secondary" in at_work and "defence_main" not in at_work
    assert "defence_main" in _cues("Red alert in Kiryat Shmona; Iron Dome deal signed", lede)


@pytest.mark.parametrize("title, summary, lang, is_launch", [
    # A rocket that sets off sirens flew; a city left without power was hit; a week without
    # attacks had none.
    ("Rocket from northern Gaza sets off sirens in Sderot, falls in open area", "", "en", True),
    ("Fireworks set off car alarms in Sderot", "", "en", False),
    ("Kyiv's left bank without power after missile attack", "", "en", True),
    ("Kyiv goes a week without missile attacks", "", "en", False),
    ("Charków bez prądu po ataku rakietowym", "", "pl", True),
    ("Tydzień bez ataków rakietowych na Kijów", "", "pl", False),
    # A number of weapons and the one night they came in; a rate, or a night to come, is not.
    ("Zełenski: 43 rakiety w jedną noc. Energetyka znów na celowniku", "", "pl", True),
    ("Zelensky: 43 missiles in one night, energy targeted again", "", "en", True),
    ("Nie było 43 rakiet tej nocy", "", "pl", False),
    # ... or the hour they came in, after the sentence that tells the attack; a month's is a total.
    ("Hamas zaatakował Aszkelon. 30 rakiet w ciągu kilku minut", "", "pl", True),
    ("Ponad 3 tys. rakiet w ciągu miesiąca. Statystyki ataków Hezbollahu", "", "pl", False),
    ("Ukraine could face 100 missiles overnight", "", "en", False),
    # A digest whose summary tells only a total over a period is statistics; a launch of
    # the day beside the total is news.
    ("Israel at war: today's key updates", "Hezbollah and its allies have fired more than 8,000 rockets and missiles "
     "at northern Israel since October 8, according to a tally released by the Israeli military.", "en", False),
    ("Morning briefing", "Russia has fired more than 7,000 missiles since the start of the war. On Monday it fired "
     "40 missiles at Kyiv, the air force said.", "en", True),
    # A day marked by a new salvo; a day marked by remembering one.
    ("Hamas marks October 7 anniversary with rocket salvo toward Tel Aviv", "", "en", True),
    ("Israel marks anniversary with memorial to victims of rocket attack", "", "en", False),
    # Missiles rained on a place were fired; rain that delays a launch is weather.
    ("US submarine rained two dozen Tomahawk cruise missiles on Isfahan, Pentagon says", "", "en", True),
    ("Heavy rains delay rocket launch in Florida", "", "en", False),
    # Systems named in the plural, and an anti-tank missile by its name.
    ("French-supplied SCALPs fired by Ukrainian jets destroy Russian HQ in Zaporizhzhia region", "", "en", True),
    ("Sirens in Ashkelon as Qassams are fired from northern Gaza; no injuries reported", "", "en", True),
    ("Kornet strike on IDF position near Metula wounds two soldiers; Hezbollah claims responsibility", "", "en", True),
    ("Army shows off Kornet launchers at parade", "", "en", False),
    # A launch found to be none, however it was first hedged; a flash that stands.
    ("Japan says North Korean missile alert was sent in error", "The Defense Ministry said a radar track first "
     "assessed as a possible ballistic missile launch from North Korea proved to be a false detection.", "en", False),
    ("Possible missile launch from North Korea, Japan says", "", "en", True),
    # A plural's present, where it came down; a price that falls.
    ("Two rockets from southern Syria fall in open areas of Golan Heights, IDF says", "", "en", True),
    ("Burkan rockets crash near Safed base hours after Nabatieh drone strike", "", "en", True),
    ("Missile maker shares fall in early trading", "", "en", False),
    # A named system's training flight or night trial is its test; a flight of jets is none.
    ("Pakistan carries out training flight of Fatah-II rocket system, ISPR says", "", "en", True),
    ("Agni-Prime maiden night trial successful, DRDO says", "", "en", True),
    ("Air force resumes training flights of fighter jets after crash", "", "en", False),
    # A barrage made ready has not been fired.
    ("Militia readying heavy rocket salvo against US bases, officials say", "", "en", False),
    ("Militia fires heavy rocket salvo against US bases, officials say", "", "en", True),
    # Flights suspended during an attack are its consequence; talks suspended, a reaction.
    ("Airport suspends flights during Ukrainian missile attack on Kursk", "", "en", True),
    ("Japan suspends talks after North Korean missile launch", "", "en", False),
    # A missile that crossed near a town flew; a warning or notice of a firing is to come.
    ("Romania scrambles jets after Russian missile crosses near Galati", "", "en", True),
    ("Pakistan issues missile launch warning for Arabian Sea", "", "en", False),
    ("Houthis fire missile despite US warning", "", "en", True),
    # A count corrected by a number word is still a launch's.
    ("JCS: North Korea fired seven, not five, cruise missiles", "", "en", True),
    # A product named after the weapon, and a stage's static fire, are no launch.
    ("Startup launches 'Rocket X2' electric bike", "", "en", False),
    ("Missiles hit bikes shop in Kharkiv", "", "en", True),
    ("Contractor completes static fire of new ICBM second stage", "", "en", False),
    ("Iran fires new ballistic missile in test", "", "en", True),
    # Talks beside a launch, in a clause of "as", are not its news; a protest before it is.
    ("Militants fire rockets at Sderot as truce talks falter", "", "en", True),
    ("Missile tests violate UN resolutions, Seoul says", "", "en", False),
    ("Japan protests as North Korea fires missile", "", "en", False),
    ("Hamas fires rockets as protests grow in Gaza", "", "en", True),
    # What air defence took out was fired; a commander or a loan taken out was not.
    ("Iron Dome takes out rocket over Ashdod", "", "en", True),
    ("Israel took out Hamas rocket commander in Gaza strike", "", "en", False),
    # The weapon word's commonest misspelling names it, in a report as in a budget line.
    ("Russian missles hit power plant in Kharkiv region", "", "en", True),
    ("Missle defense funding bill passes Senate", "", "en", False),
    # A launch that only dates the headline's other news; one that left what was found.
    ("S Korea fires warning shots at intruding boat, days after North Korean missile launch", "", "en", False),
    ("Japan coast guard finds debris on beach weeks after missile test", "", "en", True),
    ("North Korea fires ballistic missile, days after its last launch", "", "en", True),
    # What a missile sank it hit; shares that sank were hit by nothing.
    ("Navy's BrahMos sinks old frigate in Bay of Bengal drill", "", "en", True),
    ("Missile maker's shares sank after earnings miss", "", "en", False),
    # "a day after" dates a launch, no rate; a comparison, a quoted threat and a launch's
    # possibility tell none.
    ("Farmers back in fields a day after two rockets fell near Sderot", "", "en", True),
    ('Tehran warns of "devastating" missile response to any attack', "", "en", False),
    ("Unlike missile attacks, shelling of Kherson comes without warning", "", "en", False),
    ("North Korea moves launchers, raising ICBM launch possibility", "", "en", False),
    ("North Korea fires ICBM, raising tensions", "", "en", True),
    # A satellite put into an orbit with its height; one planned.
    ("Iran puts military satellite into 500 km orbit", "", "en", True),
    ("Iran plans to put satellite into 500 km orbit next year", "", "en", False),
    # A launch listed with other acts the military says may come.
    ('합참 "北, 美 대선 전후 ICBM 발사 가능성"', "합동참모본부는 북한이 미국 대선을 앞두고 대륙간탄도미사일(ICBM) "
     "발사나 7차 핵실험 등 고강도 도발에 나설 수 있다고 평가했다.", "ko", False),
    ("北, ICBM 발사…합참 \"동해상으로\"", "북한이 오늘 오전 대륙간탄도미사일(ICBM) 발사와 함께 단거리 미사일도 쐈다고 "
     "합참이 밝혔다.", "ko", True),
])
def test_war_reports_told_obliquely_and_summaries_that_only_count(title, summary, lang, is_launch):
    assert _verdict(title, summary, lang) is is_launch
