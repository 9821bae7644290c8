"""Polish: what its rule table reads (launches, the frames of the policy that are not
launches, inflected forms, the facts), how Polish text is told, and how the model reads
it (English glosses of its words, evidence a reader can find)."""

from __future__ import annotations

import pytest

from services.classify import classifier, detector, extractor, model
from services.classify.detector import prepare
from services.classify.features import index, text_features
from services.classify.languages import SUPPORTED_LANGUAGES, detect_language, pl


def test_an_inflected_polish_word_takes_the_gloss_of_its_longest_stem():
    assert pl.gloss("rakietą") == pl.gloss("pociskami") == "missile"
    assert pl.gloss("wystrzeliła") == "fired"
    assert pl.gloss("manewrująca") == "cruise" and pl.gloss("manewry") == "drill"
    assert pl.gloss("pogoda") is None


def test_a_polish_item_is_read_with_english_glosses_and_english_is_not():
    names = text_features("Korea Północna wystrzeliła dwa pociski", "Pociski spadły do morza.", "pl")
    assert {"t:fired", "t:missile", "t:north", "s:fell", "g:title_weapon_event", "g:summary_weapon_event"} <= set(names)
    english = text_features("North Korea fires two missiles", "They fell into the sea.", "en")
    assert not [n for n in english if n.startswith("g:")] and "t:fired" not in english


def test_a_learned_fact_is_shown_by_a_word_of_the_text_when_a_gloss_weighs_more():
    prepared = prepare("Rosja wystrzeliła rakiety", "")
    names = text_features(prepared.text[:prepared.title_end], "", "pl")
    weights = {index("t:russia"): (0.0, 3.0), index("t:rosja"): (0.0, 1.0)}  # the gloss weighs more
    head = model.Head.from_weights(("none", "RUS"), weights, (0.0, 0.0))
    evidence = classifier._strongest_word(head, "RUS", prepared, names)
    assert evidence is not None and evidence.text == "Rosja" and (evidence.start, evidence.end) == (0, 5)


# --- the Polish rule table (languages/pl.py, reader_pl.py) ------------------------------
#
# What the rules read, whatever the learned model later makes of it: the rules' verdict
# (detector.detect), their cues, and the facts the extractor takes from them.


def _rules(title: str, summary: str = ""):
    return detector.detect(prepare(title, summary), "pl")


def _cues(title: str, summary: str = "") -> set[str]:
    return {name for name, _ in _rules(title, summary).cue_values}


def _facts(title: str, summary: str = ""):
    prepared = prepare(title, summary)
    detection = detector.detect(prepared, "pl")
    fields, _ = extractor.extract(prepared, "pl", detection.primary, None, None)
    return fields


@pytest.mark.parametrize("title", [
    "Korea Północna wystrzeliła rakietę balistyczną",
    "Korea Płn. wystrzeliła dwie rakiety w stronę Morza Japońskiego",
    "Rosja ostrzelała Charków rakietami",
    "Rakiety spadły na przedmieścia Kijowa",
    "W nocy wystrzelono dwa pociski manewrujące",
    "Iran przetestował nowy pocisk balistyczny",
    "Obrona przeciwlotnicza zestrzeliła 20 rosyjskich pocisków",
    "Rosyjski pocisk uderzył w blok mieszkalny",
    "Atak rakietowy na Odessę, są ranni",
    "Korea Północna próbowała wystrzelić satelitę szpiegowskiego",
    "Rosja znów atakuje Lwów rakietami",
])
def test_a_polish_launch_report_is_a_launch_to_the_rules(title):
    detection = _rules(title)
    assert detection.is_launch, (title, detection.cue_values)
    assert "title_event" in _cues(title)


@pytest.mark.parametrize(("title", "cue"), [
    ("Korea Północna wystrzeli rakietę w przyszłym tygodniu", "title_modal_only"),  # perfective future
    ("Korea Północna planuje wystrzelić satelitę szpiegowskiego", "title_modal_only"),  # infinitive of a plan
    ("Możliwy test rakiety międzykontynentalnej", "title_modal_only"),
    ("Korea Północna może wkrótce przeprowadzić test rakiety", "title_modal_only"),
    ("Korea Północna przeprowadzi próbę rakiety", "title_modal_only"),  # a perfective future carries the noun
    ("Pjongjang: kolejne starty rakiet będą odpowiedzią na manewry", "title_modal_only"),  # what it will be
    ("Pjongjang zgłosił okno na start satelity", "title_modal_only"),  # a window given for it
    ("Korea Północna nie wystrzeliła rakiety mimo zapowiedzi", "title_negated_only"),
    ("Rada Bezpieczeństwa ONZ potępia wystrzelenie rakiety przez Koreę Północną", "reaction_main"),
    ("Japonia zwołuje posiedzenie rządu po wystrzeleniu rakiety", "reaction_main"),
    ("Korea Północna wystrzeliła rakietę. Japonia zwołuje posiedzenie rządu", "reaction_main"),  # topic, then news
    ("Kiedy kolejny atak rakietowy? Eksperci odpowiadają", "title_modal_only"),  # a question reports nothing
    ("Dlaczego Korea Północna wystrzeliwuje rakiety. Wyjaśniamy", "explainer"),
    ("Wojna w Ukrainie. Podsumowanie dnia: rakiety spadły na Kijów", "digest"),
    ("Polska rakieta z satelitą naukowym wystartowała z kosmodromu", "civil_space"),
    ("Rosja ostrzelała Chersoń, zginęli cywile. Drony atakowały Odessę", None),  # no missile or rocket named
    ("Rosja ostrzelała Chersoń pociskami artyleryjskimi", None),  # shells are not missiles
    ("Pociski Storm Shadow trafiły do Ukrainy", None),  # delivered, not fired
    ("Do Polski trafiły kolejne wyrzutnie rakiet", None),  # delivered launchers
    ("Niemcy przekażą Ukrainie kolejne rakiety do systemów Patriot", None),  # supply
    ("Rosja zwiększa produkcję rakiet i pocisków", None),  # production
    ("Korea Północna pokazała nową rakietę na defiladzie w Pjongjangu", None),  # display
    ("Wojsko rozpoczęło ćwiczenia obrony przeciwrakietowej", None),  # drills of missile defence
    ("Iga Świątek wciąż pierwszą rakietą świata", None),  # a racket, not a rocket
    ("Pierwsza rakieta świata zaatakowała siatkę w finale turnieju", "sport"),
    ("Od początku wojny Rosja wystrzeliła tysiące rakiet", "bulk_count"),
    ("Do Ukrainy trafiły pierwsze pociski kal. 155 mm", None),  # artillery shells by their calibre
])
def test_a_polish_item_in_a_frame_of_the_policy_is_not_a_launch_to_the_rules(title, cue):
    detection = _rules(title)
    assert not detection.is_launch, (title, detection.cue_values)
    if cue is not None:
        assert cue in _cues(title), (title, detection.cue_values)


@pytest.mark.parametrize(("word", "form"), [
    ("wystrzelić", "infinitive"), ("wystrzeliła", "past"), ("wystrzeliły", "past"), ("wystrzelono", "past"),
    ("wystrzelona", "participle"), ("wystrzeli", "future"), ("wystrzelą", "future"), ("wystrzeliwuje", "present"),
    ("wystrzelenie", "noun"), ("wystrzeleniu", "noun"), ("ostrzelać", "infinitive"), ("ostrzelali", "past"),
    ("ostrzeliwuje", "present"), ("ostrzał", "noun"), ("ostrzałem", "noun"), ("zaatakować", "infinitive"),
    ("zaatakowała", "past"), ("zaatakuje", "future"), ("zaatakowano", "past"), ("atakuje", "present"),
    ("ataku", "noun"), ("uderzyć", "infinitive"), ("uderzyła", "past"), ("uderzy", "future"), ("uderzają", "present"),
    ("uderzenie", "noun"), ("zestrzelić", "infinitive"), ("zestrzelili", "past"), ("zestrzelone", "participle"),
    ("zestrzeli", "future"), ("spadły", "past"), ("spadnie", "future"), ("spadają", "present"),
    ("przechwycono", "past"), ("próbnie", "noun"), ("testują", "present"),
])
def test_a_polish_event_word_is_read_by_its_form(word, form):
    found = pl.form_of(word)
    assert found is not None and found[2] == form, (word, found)


@pytest.mark.parametrize("word", ["spadek", "strzelanina", "próbowała", "zabiera", "startup", "testament"])
def test_a_word_that_only_starts_like_an_event_word_is_none(word):
    assert pl.form_of(word) is None


@pytest.mark.parametrize("weapon", ["rakieta", "rakiety", "rakietę", "rakietą", "rakietami", "pocisk", "pociski",
                                    "pociskami", "pocisków"])
def test_every_case_of_a_weapon_binds_to_the_verb(weapon):
    assert "title_event" in _cues(f"Rosja wystrzeliła {weapon}"), weapon
    assert "title_event" in _cues(f"{weapon.capitalize()} wystrzelono wczoraj"), weapon


@pytest.mark.parametrize(("title", "summary", "actor"), [
    ("Korea Północna wystrzeliła rakietę balistyczną", "", "PRK"),
    ("Rosyjskie rakiety spadły na Kijów", "", "RUS"),  # the weapon's owner
    ("Rakiety spadły na Kijów", "", None),  # Kyiv is the target, not the launcher
    ("Według Japonii Korea Płn. wystrzeliła dwa pociski", "", "PRK"),  # Japan reports
    ("Ukraina: Rosja zaatakowała Odessę rakietami", "", "RUS"),  # Ukraine reports
    ("Potężny wybuch. Wystrzelenie rakiety przez Iran", "", "IRN"),  # the passive agent
    # Lebanon is the place fired from and Israel the target; the place names the group
    # that fires from it, whichever comes first ("wystrzelone z Libanu", "z Libanu wystrzelono").
    ("Syreny w Galilei", "Z Libanu wystrzelono rakiety na północ Izraela.", "Hezbollah"),
])
def test_the_launcher_of_a_polish_report(title, summary, actor):
    assert _facts(title, summary).actor == actor


def test_count_kind_distance_and_direction_of_a_polish_report():
    fields = _facts("Korea Północna wystrzeliła dwa pociski balistyczne krótkiego zasięgu",
                    "Pociski przeleciały około 400 km i spadły do Morza Japońskiego, podało japońskie ministerstwo "
                    "obrony.")
    assert (fields.actor, fields.count, fields.kind, fields.distance_km, fields.direction, fields.source_agency) == (
        "PRK", 2, "srbm", 400.0, "Sea of Japan", "Japan MoD")
    assert _facts("Korea Północna wystrzeliła rakietę międzykontynentalną").kind == "icbm"
    assert _facts("Korea Północna wystrzeliła rakietę międzykontynentalną").count == 1
    assert _facts("Rosja wystrzeliła rakiety manewrujące").count is None  # "rakiety": one or many
    assert _facts("Rosja wystrzeliła pięć rakiet manewrujących").kind == "cruise"
    assert _facts("Rosja wystrzeliła kilkanaście rakiet", "W tym 3 rakiety manewrujące.").count is None


@pytest.mark.parametrize("title, kind", [
    # "rakiety" are missiles and rockets alike: an armed group's are rockets ...
    ("Hamas wystrzelił salwę rakiet na Aszkelon", "artillery_rocket"),
    ("Islamski Dżihad wystrzelił rakiety w stronę Sderotu", "artillery_rocket"),
    # ... a state's, or the Houthis', say no kind by themselves.
    ("Rosja wystrzeliła rakiety na Kijów", None),
    ("Huti wystrzelili rakietę w stronę Ejlatu", None),
    # A class named wins.
    ("Hezbollah wystrzelił rakietę przeciwpancerną i rakiety balistyczne", "ballistic"),
])
def test_an_armed_groups_rakiety_are_rockets(title, kind):
    assert _facts(title).kind == kind


@pytest.mark.parametrize(("text", "hint", "lang"), [
    ("Rosyjskie rakiety spadły na Kijów", None, "pl"),
    ("Korea Północna wystrzeliła rakietę", "en-US", "pl"),  # the words outweigh a wrong hint
    ("Atak na Kijów", "pl-PL", "pl"),  # no Polish letter: the hint decides
    ("Protest in Łódź over the plans of the city", None, "en"),  # a Polish name in English news
    ("North Korea fires missile", None, "en"),
    # Without a letter only Polish writes, its endings and words tell ("Kijów", "rakietami").
    ("Rosja zaatakowała Kijów rakietami", None, "pl"),
    ("Korea Północna: Przeprowadzono kolejny test rakiety balistycznej", None, "pl"),
    ("Rakiety z Korei Polnocnej spadly do Morza Japonskiego w poblizu wysp", None, "pl"),
    # ... but English words that are Polish ones too ("we", "do") and an "I" are English.
    ("What We Know So Far: Do Sanctions Work", None, "en"),
    ("Ten Things I Wish I Knew When I Started", None, "en"),
    ("Gómez wins the vote in Bogotá", None, "en"),  # an "ó" alone is no Polish
    ("Russian missile hits Przemyśl", None, "en"),
    # A feed that declares English is read as such when its text is plain ASCII.
    ("Rakiety balistyczne z Korei Polnocnej spadly do morza", "en-US", "en"),
])
def test_polish_is_told_by_its_letters_and_words(text, hint, lang):
    assert detect_language(text, hint) == lang


def test_polish_is_a_supported_language_read_by_its_own_table():
    assert "pl" in SUPPORTED_LANGUAGES
    result = classifier.classify("Korea Północna wystrzeliła rakietę balistyczną", "")
    assert (result.lang, result.language_supported) == ("pl", True)


@pytest.mark.parametrize(("title", "launch"), [
    # What ought to be done is no report; the same weapons over a land, told as news, are.
    ("Sikorski: Polska powinna mieć prawo zestrzeliwać rosyjskie rakiety nad Ukrainą", False),
    ("Rosyjskie rakiety nad Ukrainą. Polska poderwała myśliwce", True),
    # A batch handed over is a supply; "przekazała" that reports still reports.
    ("Reuters: Korea Północna przekazała Rosji kolejną partię pocisków balistycznych", False),
    ("Korea Północna wystrzeliła pocisk balistyczny, przekazała agencja Yonhap", True),
    # A rocket fired from a balcony is a firework.
    ("Odpalił rakietę z balkonu, zapalił się dach sąsiedniego bloku. Policja szuka sprawcy", False),
    ("Rosja wystrzeliła rakiety z Krymu", True),
    # A trend told after the headline's own launch says how it fits the war.
    ("Rakiety spadły pod Hajfą. Hezbollah uderza coraz głębiej w Izrael", True),
    ("Hezbollah coraz częściej atakuje rakietami", False),
    # A missile that flew to its target.
    ("Huti: nasz pocisk hipersoniczny doleciał do Izraela w 11,5 minuty", True),
    ("Rosja: pociski mogą dolecieć do Londynu w kilka minut", False),
    # Lessons drawn from an attack, and a market's move after it.
    ("Wnioski z ataku rakietowego na Kijów", False),
    ("Ropa drożeje o 5 proc. po irańskim ataku rakietowym na Izrael", False),
])
def test_polish_frames_of_a_launch_and_of_its_near_misses(title, launch):
    assert classifier.classify(title, "", lang="pl").is_launch is launch


@pytest.mark.parametrize(("title", "actor", "kind", "count", "direction", "site"), [
    ("SBU: w szpital dziecięcy w Kijowie uderzył rosyjski Ch-101", "RUS", "cruise", None, "Kyiv", None),
    ("W Kijowie spadła rakieta", None, None, 1, "Kyiv", None),  # where it fell, not who fired
    ("Rakiety z Gradów spadły na Nikopol", None, "artillery_rocket", None, "Nikopol", None),
    ("Rakiety z Jemenu spadły w Ejlacie", None, None, None, "Eilat", "Jemenu"),
    ("Nad Kijowem zestrzelono sześć Kindżałów", "RUS", "hypersonic", 6, "Kyiv", None),
    ("Rosja wystrzeliła 3 Iskandery na Charków", "RUS", "srbm", 3, "Kharkiv", None),
    ("Putin potwierdza: w Dniepr uderzył nowy pocisk Oriesznik", "RUS", "irbm", 1, "Dnipro", None),
    ("Rakiety spadły pod Hajfą", None, None, None, "Haifa", None),
])
def test_polish_facts_told_by_case_and_order(title, actor, kind, count, direction, site):
    fields = classifier.classify(title, "", lang="pl").fields
    assert (fields.actor, fields.kind, fields.count, fields.direction, fields.launch_site) == (
        actor, kind, count, direction, site)


@pytest.mark.parametrize(("title", "launch"), [
    # An air-defence command that speaks of the attack reports it; a president who speaks of
    # one reacts.
    ("Kindżały nad Kijowem. Obrona powietrzna mówi o wyjątkowo gęstym ataku", True),
    ("Rakiety nad Kijowem. Prezydent mówi o zbrodni", False),
])
def test_a_command_that_speaks_of_the_attack_reports_it(title, launch):
    assert classifier.classify(title, "", lang="pl").is_launch is launch


@pytest.mark.parametrize(("title", "summary", "actor", "kind", "count", "direction"), [
    ("Syreny w Tel Awiwie. Ze Strefy Gazy wystrzelono rakiety", "", None, "artillery_rocket", None, "Tel Aviv"),
    ("W nocy Rosja zaatakowała Kijów sześcioma Kinżałami", "", "RUS", "hypersonic", 6, "Kyiv"),
    ("KCNA: Kim Dzong Un nadzorował ostrzał z 600-milimetrowych wyrzutni rakietowych", "", "PRK",
     "artillery_rocket", None, None),
    # A date's day is no count, in Polish text as in English.
    ("Eksperci ONZ: Rosja uderzyła w Charków północnokoreańskim pociskiem",
     "Szczątki zebrane po ataku z 2 stycznia pochodzą z pocisku Hwasong-11.", "RUS", None, 1, "Kharkiv"),
    # The summary's fighters are the headline's attacker.
    ("Hezbollah uderzył w Metulę", "Bojownicy wystrzelili w środę pociski przeciwpancerne na miasteczko.",
     "Hezbollah", None, None, "Metulę"),
])
def test_polish_facts_of_sirens_salvos_and_attackers(title, summary, actor, kind, count, direction):
    fields = classifier.classify(title, summary, lang="pl").fields
    assert (fields.actor, fields.kind, fields.count, fields.direction) == (actor, kind, count, direction)


def test_rockets_that_smash_a_column_bloggers_who_write_of_a_strike_and_a_systems_owner():
    # A weapon that smashed what it hit was fired, and what it smashed is no launcher's;
    # a police raid that smashed a gang is no strike.
    fields = classifier.classify("HIMARS-y rozbiły rosyjski skład amunicji pod Chersoniem", "", lang="pl")
    assert fields.is_launch and fields.fields.actor is None
    assert not classifier.classify("Policja rozbiła gang przemytników broni", "", lang="pl").is_launch
    # Bloggers of a state who write of a strike on it report it; they did not launch it.
    fields = _facts("Storm Shadow nad Kurskiem. Rosyjscy blogerzy piszą o trafieniu sztabu")
    assert (fields.actor, fields.source_agency) == (None, "Rosyjscy blogerzy")
    # A state's adjective on a system by its name owns the missiles the other side downed;
    # on missiles delivered, it is a supplier's, and no launch.
    assert _facts("Moskwa: zestrzeliliśmy pięć ukraińskich ATACMS").actor == "UKR"
    assert not classifier.classify("Dostawy amerykańskich ATACMS dla Ukrainy", "", lang="pl").is_launch
