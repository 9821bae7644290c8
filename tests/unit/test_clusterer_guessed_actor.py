"""An actor that is only a guess (the first country a title names, or the model's actor):
what it may join, what it may open, as a duty officer would notice it on launchwatch.events."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from schemas import Evidence, LaunchReport
from services.events.clusterer import Clusterer
from tests.unit.test_clusterer import T0, FakeClock, feed_all, report


@pytest.fixture
def clusterer() -> Clusterer:
    return Clusterer(sqlite3.connect(":memory:", isolation_level=None), FakeClock(T0))


def _actor_by(r: LaunchReport, cue: str) -> LaunchReport:
    """The report with its actor read from `cue`: `actor:first_named` and `model_actor` are
    guesses, `actor:subject` names the launching state by its role."""
    return r.model_copy(update={"evidence": [*r.evidence, Evidence(cue=cue, text=r.fields.actor, field="actor")]})


def _guessed(r: LaunchReport, cue: str = "actor:first_named") -> LaunchReport:
    return _actor_by(r, cue)


def _named(r: LaunchReport) -> LaunchReport:
    return _actor_by(r, "actor:subject")


@pytest.mark.parametrize("cue", ["actor:first_named", "model_actor"])
def test_a_flash_whose_actor_is_a_guess_joins_the_launch_its_stated_time_ties_it_to(clusterer, cue):
    # The first flash of a barrage names the target first and is read as the target's launch;
    # it states the time of the first missiles. An hour later reports name the attacker and a
    # time of the same night: one attack, one alert.
    flash = _guessed(report("flash", "Daily A", "Sirens over Kyiv as missiles approach", minutes=0,
                            actor="UKR", kind=None, launched_at=T0 - timedelta(minutes=50),
                            time_words="at 2:40"), cue)
    live = _guessed(report("live", "Daily B", "Blasts heard in Ukrainian cities overnight", minutes=30,
                           actor="RUS", kind=None, launched_at=T0 + timedelta(minutes=10),
                           time_words="about 3 a.m."), cue)
    named = _named(report("wire", "Wire B", "Russia launches missiles at Ukrainian cities", minutes=70, actor="RUS",
                          kind=None))
    events = feed_all(clusterer, [flash, live, named])
    assert len({e.event_id for e in events}) == 1
    assert events[0].revision == 1 and events[-1].actor == "RUS"


def test_a_guessed_actor_at_another_hour_or_two_named_actors_at_one_hour_stay_two_launches(clusterer):
    flash = _guessed(report("flash", "Daily A", "Sirens over Kyiv as missiles approach", minutes=0,
                            actor="UKR", kind=None, launched_at=T0 - timedelta(minutes=50),
                            time_words="at 2:40"))
    # The same guess, but a launch time five hours later: another launch.
    later = _guessed(report("later", "Daily B", "Blasts reported near Odesa", minutes=330, actor="RUS",
                            kind=None, launched_at=T0 + timedelta(hours=5), time_words="at 8:10"))
    assert len({e.event_id for e in feed_all(clusterer, [flash, later])}) == 2
    # Two launching states each named by its role, at the same hour: two launches.
    fresh = Clusterer(sqlite3.connect(":memory:", isolation_level=None), FakeClock(T0))
    prk = _named(report("jcs", "Yonhap", "N. Korea fires ballistic missile: JCS", minutes=5, kind="ballistic",
                        launched_at=T0, time_words="at 7:10"))
    rus = _named(report("ap", "Wire B", "Russia fires ballistic missile at Kharkiv", minutes=20, actor="RUS",
                        kind="ballistic", launched_at=T0 + timedelta(minutes=5), time_words="at 7:15"))
    assert len({e.event_id for e in feed_all(fresh, [prk, rus])}) == 2


def test_a_report_that_only_guesses_the_actor_and_states_no_fact_alerts_nobody(clusterer):
    # A city mayor's words after a strike, read as the city's country's launch because the
    # title names it first: no class, no count, no time, no direction. Nothing is published.
    mayor = _guessed(report("mayor", "Radio A", "City mayor: life goes on", minutes=0, actor="UKR", kind=None,
                            confidence=0.73))
    assert clusterer.add(mayor) == []
    assert clusterer.open_events == []
    # The same report with a fact of the launch (a class it names) does alert...
    (stated,) = clusterer.add(_guessed(report("nbc", "Daily C", "Missile from Yemen intercepted",
                                              minutes=60, actor="Houthis", kind="mrbm")))
    assert (stated.revision, stated.changes, stated.actor) == (1, ["new"], "Houthis")
    # ...and so does one naming the launching state by its role, with no fact.
    (named,) = clusterer.add(_named(report("wapo", "Daily D", "Russia fires at Ukraine overnight",
                                           minutes=120, actor="RUS", kind=None)))
    assert named.revision == 1 and named.actor == "RUS"


def test_an_evening_story_that_only_guesses_the_actor_does_not_join_the_morning_launch(clusterer):
    (false_alarm,) = clusterer.add(_named(report("bb", "Daily E", "Ukraine fires missiles at a naval base",
                                                 minutes=0, actor="UKR", kind=None)))
    # Nine hours later a story whose actor is only the first country it names, stating
    # nothing else: not that story told again (and, with nothing stated, no alert of its own).
    mayor = _guessed(report("mayor", "Radio A", "City mayor: life goes on", minutes=9 * 60, actor="UKR",
                            kind=None))
    assert clusterer.add(mayor) == []
    assert [s.item_id for s in clusterer.open_events[0].sources] == ["bb"]
    # The same story naming the actor by its role is the morning's launch told again (echo).
    echo = _named(report("evening", "Daily F", "Ukraine fires missiles, fleet says", minutes=10 * 60, actor="UKR",
                         kind=None))
    assert [e.event_id for e in clusterer.add(echo)] == [false_alarm.event_id]


@pytest.mark.parametrize("cue", ["actor:first_named", "model_actor"])
def test_a_later_story_that_guesses_the_actor_and_states_a_place_is_the_launch_told_again(clusterer, cue):
    # Morning: the group's own claim, naming it by its role. Seven hours later a story of
    # "fighters firing anti-tank missiles" in the same place: its launcher is a common noun,
    # the model guesses the group, and the place is a fact. The duty officer gets one alert.
    (morning,) = clusterer.add(_named(report("live", "Daily F", "Group says it fired missiles at troops",
                                             minutes=0, actor="Hamas", kind=None)))
    later = _guessed(report("battles", "Daily G", "Army engages fighters firing anti-tank missiles", minutes=7 * 60,
                            actor="Hamas", kind=None, direction="Gaza"), cue)
    (joined,) = clusterer.add(later)
    assert (joined.event_id, joined.revision) == (morning.event_id, 2)
    assert [e.event_id for e in clusterer.open_events] == [morning.event_id]
    # The same story guessing another actor is not this launch: an event (and an alert) of its own.
    other = _guessed(report("other", "Daily H", "Army engages fighters firing anti-tank missiles", minutes=7 * 60 + 5,
                            actor="Hezbollah", kind=None, direction="Lebanon border"), cue)
    (own,) = clusterer.add(other)
    assert own.event_id != morning.event_id and own.revision == 1
    # And a guess a day later than the echo window is another launch too.
    late = _guessed(report("late", "Daily G", "Army engages fighters firing anti-tank missiles", minutes=21 * 60,
                           actor="Hamas", kind=None, direction="Gaza"), cue)
    (new,) = clusterer.add(late)
    assert new.event_id not in (morning.event_id, own.event_id)


def test_a_named_actor_outranks_a_guessed_one_and_the_guess_survives_a_restart():
    db = sqlite3.connect(":memory:", isolation_level=None)
    first = Clusterer(db, FakeClock(T0))
    (flash,) = first.add(_guessed(report("flash", "Wire A", "Sirens over Kyiv as missiles approach", minutes=0,
                                         actor="UKR", kind=None, kind_of_source="wire",
                                         launched_at=T0 - timedelta(minutes=50), time_words="at 2:40")))
    assert flash.actor == "UKR"
    # After a restart the event's actor is still known to be a guess: a report naming the
    # attacker by its role, with a time of the same hour, joins it and its actor wins over
    # the wire's guess.
    again = Clusterer(db, FakeClock(T0 + timedelta(minutes=5)))
    (event,) = again.add(_named(report("news", "Daily B", "Russia launches missiles at Ukraine", minutes=20,
                                       actor="RUS", kind=None, launched_at=T0 - timedelta(minutes=40),
                                       time_words="at 2:50")))
    assert (event.event_id, event.actor, event.changes[0]) == (flash.event_id, "RUS", "actor")


def test_a_place_in_the_launchers_own_land_does_not_become_where_its_launch_went(clusterer):
    # Ukraine's strike on a plant in Russia, then an evening video of a missile falling on a
    # Kyiv highway whose launcher the model guesses as Ukraine: the event keeps the plant.
    (strike,) = clusterer.add(_named(report("plant", "Portal A", "Ukraine strikes chemical plant in Russia",
                                            minutes=0, actor="UKR", kind="cruise", direction="chemical plant in Russia")))
    video = _guessed(report("video", "Wire B", "Dashcam captures missile falling on busy Kyiv highway",
                            minutes=60, kind_of_source="wire", actor="UKR", kind=None, count=1,
                            direction="busy Kyiv highway"), "model_actor")
    (event,) = clusterer.add(video)
    assert event.event_id == strike.event_id
    assert event.direction == "chemical plant in Russia"
    # ... while a place in another's land stays the event's when it is all there is.
    (alone,) = clusterer.add(_named(report("kyiv", "Portal C", "Russia fires missiles at Kyiv", minutes=600,
                                           actor="RUS", kind="cruise", direction="Kyiv")))
    assert alone.direction == "Kyiv"


def test_a_guessed_launcher_joins_the_named_ones_strike_on_the_same_place_and_yields_to_it(clusterer):
    # A live page's summary tells a missile attack on a city and names another state in its
    # background line, first: its launcher is a guess. Half an hour later a wire names who
    # struck that city (its name spelled another way). One strike, one event, the named side.
    live = _guessed(report("live", "Daily A", "War in Ukraine, day 567", minutes=0, actor="UKR", kind=None,
                           direction="Odessa"))
    wire = _named(report("wire", "Wire B", "Russia strikes Odesa port with missiles", minutes=35,
                         actor="RUS", kind=None, direction="Odesa"))
    events = feed_all(clusterer, [live, wire])
    assert len({e.event_id for e in events}) == 1
    assert (events[0].actor, events[-1].actor) == ("UKR", "RUS")


@pytest.mark.parametrize(("target", "minutes", "named_first"), [
    ("Kyiv", 35, False),        # another place
    ("Sevastopol", 8 * 60, False),  # the same place, hours after the event's last report
    ("Sevastopol", 35, True),   # both launchers named: two sides' strikes
])
def test_a_launch_of_another_actor_stays_apart_unless_one_is_a_guess_at_the_same_place_that_night(
        clusterer, target, minutes, named_first):
    first = report("first", "Daily A", "Missiles hit Sevastopol", minutes=0, actor="RUS", kind=None,
                   direction="Sevastopol")
    first = _named(first) if named_first else _guessed(first)
    other = _named(report("other", "Wire B", f"Ukraine strikes {target} with missiles", minutes=minutes,
                          actor="UKR", kind=None, direction=target))
    assert len({e.event_id for e in feed_all(clusterer, [first, other])}) == 2
