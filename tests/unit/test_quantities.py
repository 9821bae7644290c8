"""Numbers and units as the texts write them, and what they come to."""

from __future__ import annotations

import pytest

from services.classify.languages.quantities import number_value, unit_km
from tests.unit.test_extractor_fact_rules import _facts


@pytest.mark.parametrize(("written", "value"), [
    ("1,500", 1500), ("1 500", 1500), ("1천100", 1100), ("1천", 1000), ("1만2천", 12000), ("1만", 10000),
    ("7千", 7000), ("1万2千", 12000), ("1,5 tys.", 1500), ("6 tys.", 6000), ("5768,5", 5768.5), ("2.5", 2.5),
    ("seven hundred and fifty", 750), ("two thousand", 2000), ("forty", 40), ("forty-two", 42),
    ("three hundred", 300),
])
def test_a_number_as_written(written, value):
    assert number_value(written) == value


def test_heights_in_metres_and_feet():
    assert unit_km(50_000, "metres") == 50
    assert round(unit_km(330_000, "feet")) == 101
    assert round(unit_km(620, "miles")) == 998


@pytest.mark.parametrize(("title", "summary", "lang", "distance", "apogee"), [
    ("North Korea fires ICBM", "The missile rose to roughly two thousand kilometres and travelled about seven hundred "
     "and fifty kilometres.", "en", 750, 2000),
    ("North Korea fires two missiles", "They flew about 400 km and peaked at an altitude of some 50,000 metres.", "en",
     400, 50),
    ("Ukraine's Long Neptune hits oil terminal", "The missile struck the terminal after a flight of about 700 km.", "en",
     700, None),
    ("Korea Północna wystrzeliła ICBM", "Pocisk przeleciał ok. 1 tys. km na pułapie ok. 6 tys. km.", "pl", 1000, 6000),
    # (kilometres from ten on are whole)
    ("KCNA: Hwasong-15", "Pocisk osiągnął maksymalną wysokość 5768,5 km i pokonał 989 km.", "pl", 989, 5768),
    ("Ukraina użyła rakiety Flamingo", "Pocisk po pokonaniu ponad 1,2 tys. km trafił w zakład.", "pl", 1200, None),
    ("中, ICBM 시험발사", "미사일이 약 1만2천㎞를 비행한 것으로 추정된다.", "ko", 12000, None),
    ("北朝鮮ICBM", "最高高度は7千キロを超え、飛翔距離は約1千キロだった。", "ja", 1000, 7000),
    ("北朝鮮の弾道ミサイル", "約350キロ飛行した。最高高度はいずれも約80キロとされる。", "ja", 350, 80),
])
def test_distances_and_heights_written_in_words_thousands_and_metres(title, summary, lang, distance, apogee):
    fields = _facts(title, summary, lang)
    assert (fields.distance_km, fields.apogee_km) == (distance, apogee)


def test_a_reach_is_no_distance_flown():
    fields = _facts("Iran przetestował pocisk Chorramszahr-4", "Pocisk jest zdolny przenosić głowicę na odległość 2 tys. km.",
                    "pl")
    assert fields.distance_km is None
