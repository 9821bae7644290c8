"""The one gazetteer (schemas/actors.py): every stage reads actors and agencies from it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from schemas.actors import ACTOR_ALIASES, ACTORS, AGENCIES, OFFICIAL_CUES, STATE_MEDIA, actor_named_in
from services.classify import gazetteer
from services.classify.classifier import classify
from services.classify.languages import TABLES
from services.events import state

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.classify_eval import normalise_actor  # noqa: E402

ACTOR_NAMES = [(a.code, lang, name) for a in ACTORS for lang, names in a.names.items() if lang in TABLES
               for name in names]
AGENCY_NAMES = [(a.code, lang, name) for a in AGENCIES for lang, names in a.names.items() if lang in TABLES
                for name in names]


@pytest.mark.parametrize(("code", "lang", "name"), ACTOR_NAMES, ids=[f"{c}:{n}" for c, _, n in ACTOR_NAMES])
def test_the_classifier_reads_every_actor_name_of_its_languages(code, lang, name):
    text = {"en": f"Reports say {name} fired", "ko": f"{name}이 발사", "ja": f"{name}が発射",
            "pl": f"Podano, że {name} wystrzeliła"}[lang]
    found = gazetteer.ACTOR_TABLE.all(text)
    assert [c for _, _, c in found] == [code], found


@pytest.mark.parametrize(("code", "lang", "name"), AGENCY_NAMES, ids=[f"{c}:{n}" for c, _, n in AGENCY_NAMES])
def test_the_classifier_reads_every_agency_name_of_its_languages(code, lang, name):
    found = gazetteer.AGENCY_TABLE.first(f"according to {name}, it flew")
    assert found is not None and found[2] == code


def test_an_actor_added_to_the_gazetteer_is_found_by_events_and_the_evaluation():
    assert ACTOR_ALIASES["north korea"] == ACTOR_ALIASES["北朝鮮"] == ACTOR_ALIASES["朝鲜"] == "PRK"
    assert state.normalise_actor("Houthis") == "Houthis"
    assert state.normalise_actor("South Korea") == "KOR"
    assert normalise_actor("United States (U.S. Air Force)") == "USA"
    assert normalise_actor("Houthi rebels (Yemen)") == "Houthis"
    assert normalise_actor("Islamic Resistance in Iraq") == "Islamic Resistance in Iraq"
    assert normalise_actor("Army of Islam") == "Army of Islam"  # no such actor: the label itself
    assert actor_named_in("a label naming no one") is None


def test_events_still_know_every_agency_and_state_media_word_they_knew():
    official = {"jcs", "joint chiefs", "합동참모본부", "합참", "mod", "ministry of defen", "defense ministry",
                "defence ministry", "防衛省", "防衛相", "防衛大臣", "官房長官", "政府", "国防部", "국방부",
                "indopacom", "pentagon", "coast guard", "海上保安庁", "idf", "israeli military",
                "israel defense forces", "イスラエル軍", "government", "cabinet", "nsc", "south korea's military",
                "seoul's military"}
    assert official <= set(OFFICIAL_CUES)
    media = {"PRK": {"kcna", "korean central news", "rodong", "노동신문", "조선중앙통신", "朝鮮中央通信", "kctv",
                     "조선중앙tv", "uriminzokkiri", "missile administration"},
             "IRN": {"irna", "tasnim", "fars", "sepah", "irgc", "press tv", "presstv"},
             "RUS": {"tass", "ria novosti", "russian mod", "russian defence ministry", "russian defense ministry",
                     "zvezda"},
             "CHN": {"xinhua", "cctv", "pla daily", "people's liberation army", "global times"},
             "Houthis": {"saba", "al-masirah", "almasirah", "saree"}}
    for actor, words in media.items():
        assert words <= set(STATE_MEDIA[actor]), actor
    assert state.is_official("JCS") and state.is_official("ROK military")
    assert state.is_state_media("PRK", "KCNA", "") and not state.is_state_media("KOR", "JCS", "")


def test_a_state_agency_names_the_launcher_when_the_text_does_not():
    result = classify("Missile Administration test-fires new strategic cruise missile", "")
    assert result.is_launch
    assert result.fields.actor == "PRK"
    assert result.fields.source_agency == "Missile Administration"
