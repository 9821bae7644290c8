"""Polish as the model reads it: English glosses of its words, and evidence a reader can find."""

from __future__ import annotations

from services.classify import classifier, model
from services.classify.detector import prepare
from services.classify.features import index, text_features
from services.classify.languages import pl


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
