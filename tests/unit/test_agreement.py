"""Values of one fact that tell the same thing, as events, notify and the web page read them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from schemas.agreement import coast_of, named_state, place_within, same_fact

T = datetime(2024, 5, 30, 21, 14, tzinfo=timezone.utc)


def test_figures_rounded_apart_are_one_figure_and_a_different_figure_is_not() -> None:
    assert same_fact("distance_km", 600.0, 610.0) and same_fact("apogee_km", 50.0, 54.0)
    assert not same_fact("distance_km", 350.0, 600.0) and not same_fact("apogee_km", 50.0, 60.0)


def test_a_heading_in_other_words_is_the_same_heading() -> None:
    assert same_fact("direction", "East Sea", "Sea of Japan") and same_fact("direction", "동해상", "East Sea")
    assert not same_fact("direction", "East Sea", "Yellow Sea")
    assert same_fact("direction", "Kyiv", "kyiv") and not same_fact("direction", "Kyiv", "Lviv")
    assert coast_of("서해상") == "west" and coast_of("Kyiv") is None


def test_a_generic_ballistic_missile_beside_its_class_is_the_same_kind_and_another_class_is_not() -> None:
    assert same_fact("kind", "ballistic", "srbm") and same_fact("kind", "icbm", "ballistic")
    assert not same_fact("kind", "srbm", "icbm") and not same_fact("kind", "cruise", "ballistic")
    assert not same_fact("kind", "ballistic", "satellite_launch")


def test_times_within_five_minutes_are_one_time() -> None:
    assert same_fact("launched_at", T, T + timedelta(minutes=4))
    assert not same_fact("launched_at", T, T + timedelta(minutes=6))


def test_a_value_is_never_the_same_as_no_value_and_counts_must_match() -> None:
    assert not same_fact("count", 2, None) and same_fact("count", None, None)
    assert not same_fact("count", 2, 3) and same_fact("actor", "PRK", "PRK")
    assert same_fact("source_agency", "JCS", "jcs") and not same_fact("source_agency", "JCS", "Japan MoD")


def test_a_sea_not_named_agrees_with_a_named_one_and_not_with_a_place():
    from schemas.agreement import direction_generalises, directions_same

    assert directions_same("sea", "Yellow Sea") and directions_same("Sea of Japan", "the sea")
    assert direction_generalises("sea", "East Sea") and not direction_generalises("East Sea", "sea")
    assert not directions_same("sea", "Kharkiv")


def test_wordings_a_duty_officer_read_as_dissent_tell_the_same_fact():
    """Seen under "Said otherwise" on a North Korean launch's page and a real day's Odesa
    strike, though each agreed with the event."""
    assert same_fact("direction", "outside Japan's EEZ", "East Sea")  # where it fell: the same side
    assert same_fact("direction", "日本のEEZ外", "Sea of Japan")
    assert not same_fact("direction", "outside Japan's EEZ", "Yellow Sea")
    assert same_fact("direction", "Odessa", "Odesa") and not same_fact("direction", "Kharkiv", "Kherson")
    assert same_fact("launch_site", "北朝鮮西岸付近", "the Sunan area of Pyongyang")  # Sunan is on the west coast
    assert not same_fact("launch_site", "北朝鮮東岸付近", "the Sunan area of Pyongyang")
    assert same_fact("launch_site", "the east coast", "the Wonsan area")


def test_a_city_is_within_the_state_named_and_not_within_another_city_or_state() -> None:
    assert place_within("Kyiv", "Ukraine") and place_within("Tel Aviv", "Israel")
    assert place_within("northern Israel", "Israel") and place_within("the Odesa", "Ukraine")
    assert not place_within("Kharkiv", "Kyiv")  # two cities of one state are two targets
    assert not place_within("Ukraine", "Kyiv") and not place_within("Israel", "Israel")
    assert not place_within("Kyiv", "Israel") and not place_within("Sevastopol", "Ukraine")  # (disputed: none)
    assert not place_within(None, "Ukraine") and not place_within("Kyiv", None)
    assert named_state("Ukraine") == "UKR" and named_state("Kyiv") is None


def test_every_state_of_the_target_places_is_known_by_its_name():
    from schemas.labels import ACTOR_NAMES
    from schemas.places import TARGET_PLACES_BY_STATE

    for state in filter(None, TARGET_PLACES_BY_STATE):
        assert named_state(ACTOR_NAMES.get(state, "?")) == state, state
    assert place_within("Beirut", "Lebanon") and place_within("Kwajalein Atoll", "Marshall Islands")
