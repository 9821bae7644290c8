"""Events that stay clean: what opens, joins or walks back a launch event, as a duty officer
would notice it on launchwatch.events."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from services.events.clusterer import Clusterer, reaches_clusterer
from schemas import Evidence
from services.events.state import actors_named, walk_back
from tests.unit.test_clusterer import T0, FakeClock, feed_all, latest, morning, report


@pytest.fixture
def clusterer() -> Clusterer:
    return Clusterer(sqlite3.connect(":memory:", isolation_level=None), FakeClock(T0))


def test_a_feature_story_with_no_actor_alerts_nobody_and_a_later_launch_is_its_own_event(clusterer):
    feature = report("feature", "Defense Monthly", "Why hypersonic missiles are so hard to stop", minutes=0,
                     actor=None, kind="hypersonic", confidence=0.7)
    assert clusterer.add(feature) == []
    assert clusterer.open_events == []
    launch = clusterer.add(report("jcs", "Yonhap", "N. Korea fires ballistic missile into East Sea: JCS",
                                  minutes=6 * 60, kind_of_source="wire", agency="JCS", kind="icbm"))
    assert [(e.revision, e.changes) for e in launch] == [(1, ["new"])]
    assert [s.item_id for s in launch[0].sources] == ["jcs"]


def test_an_unattributed_flash_is_held_until_a_report_names_the_actor(clusterer):
    flash = report("nhk", "NHK", "Missile fired toward Sea of Japan, coast guard says", minutes=1, actor=None,
                   direction="Sea of Japan")
    assert clusterer.add(flash) == []
    (event,) = clusterer.add(report("yna", "Yonhap", "N. Korea fires ballistic missile into East Sea: JCS",
                                    minutes=4, kind_of_source="wire", agency="JCS", direction="East Sea"))
    assert (event.revision, event.changes, event.actor) == (1, ["new"], "PRK")
    assert [s.item_id for s in event.sources] == ["nhk", "yna"]
    assert event.first_reported_at == T0 + timedelta(minutes=1)  # the alert's clock starts at the flash


def test_a_report_with_no_actor_and_no_fact_of_the_launch_does_not_join_it(clusterer):
    (icbm,) = clusterer.add(report("jcs", "Yonhap", "N. Korea fires ICBM: JCS", minutes=2, kind="icbm",
                                   kind_of_source="wire", agency="JCS"))
    crime = report("crime", "Local News", "Man fired at officers before arrest, police say", minutes=40,
                   actor=None, kind=None, confidence=0.51)
    assert clusterer.add(crime) == []
    assert [s.item_id for s in clusterer.open_events[0].sources] == ["jcs"]
    # One that names the class does join: it is about this launch.
    joined = clusterer.add(report("jp", "NHK", "ICBM fell inside Japan's EEZ", minutes=50, actor=None, kind="icbm"))
    assert [e.event_id for e in joined] == [icbm.event_id]


def test_a_correction_headline_that_restates_the_known_facts_is_a_plain_source(clusterer):
    feed_all(clusterer, morning()[:5])  # two ballistic missiles, JCS
    (event,) = clusterer.add(report("lead", "Yonhap (EN)", "(LEAD) N. Korea fires 2 ballistic missiles: JCS (revised)",
                                    minutes=60, kind_of_source="wire", agency="JCS", count=2))
    assert event.status == "confirmed" and event.changes == ["sources"]


def test_walk_back_words_outside_launch_reports_change_no_event(clusterer):
    (event,) = clusterer.add(morning()[1])
    for item_id, title in [("stats", "Statistics office revises growth figures lower"),
                           ("paper", "Publisher retracts paper on battery chemistry"),
                           ("claims", "Broadcaster urged to retract claims about vote count")]:
        unrelated = report(item_id, "Reuters", title, minutes=30, actor=None, kind=None, is_launch=False,
                           confidence=0.1)
        assert not reaches_clusterer(unrelated, 0.5)
        assert clusterer.add(unrelated) == []
    assert clusterer.open_events == [event]


def test_a_retraction_that_names_the_actor_walks_the_event_back_even_with_no_fields(clusterer):
    clusterer.add(report("nhk-1", "NHK", "North Korea may have fired ballistic missile: Japan government",
                         minutes=2, agency="Japan government"))
    retraction = report("mod", "Japan MoD", "Japan says object detected near North Korea was not a missile",
                        minutes=30, actor=None, kind=None, is_launch=False, confidence=0.01,
                        kind_of_source="agency")
    assert reaches_clusterer(retraction, 0.5)
    (walked,) = clusterer.add(retraction)
    assert walked.status == "retracted"


def test_a_retraction_an_agency_makes_in_the_headline_outweighs_its_report(clusterer):
    clusterer.add(report("nkn-1", "NK News", "N. Korea fires cruise missiles over Yellow Sea: JCS", minutes=2,
                         kind="cruise", agency="JCS", direction="Yellow Sea"))
    # The same outlet tells the agency's walk-back; the classifier reads no fields from it.
    retraction = report("nkn-2", "NK News", "N. Korea did not fire cruise missiles over Yellow Sea, JCS says, "
                        "calling earlier report a false alarm", minutes=40, actor=None, kind=None,
                        is_launch=False, confidence=0.17)
    (walked,) = clusterer.add(retraction)
    assert walked.status == "retracted"
    # An outlet's own walk-back does not undo what the agency said.
    clusterer.add(report("kh-1", "Korea Herald", "N. Korea fires missile over East Sea: JCS", minutes=60 * 5,
                         kind="cruise", agency="JCS", direction="East Sea"))
    (kept,) = clusterer.add(report("kh-2", "Korea Herald", "Korea Herald retracts report of North Korean missile",
                                   minutes=60 * 5 + 10, actor=None, kind=None, is_launch=False, confidence=0.1))
    assert kept.status != "retracted"


def test_a_late_report_of_an_icbm_joins_its_launch_and_a_next_day_generic_launch_is_new(clusterer):
    (icbm,) = clusterer.add(report("jcs", "Yonhap", "N. Korea fires ICBM: JCS", minutes=2, kind="icbm",
                                   kind_of_source="wire", agency="JCS", launched_at=T0))
    late = clusterer.add(report("late", "Guardian", "What North Korea's ICBM launch means", minutes=22 * 60,
                                kind="icbm"))
    assert [(e.event_id, e.revision) for e in late] == [(icbm.event_id, 2)]
    # More than `timeless_join_s` after the last report, a report of a ballistic missile that
    # names no class and no time may be the next launch: it opens its own event.
    (other,) = clusterer.add(report("next", "Yonhap", "N. Korea fires ballistic missile", minutes=29 * 60,
                                    kind="ballistic", kind_of_source="wire"))
    assert other.event_id != icbm.event_id and other.revision == 1


def test_a_weekday_resolved_to_the_publication_minute_is_a_day_not_a_time(clusterer):
    # "fired two missiles Tuesday" in two reports 110 minutes apart: extraction places
    # Tuesday at each report's publication moment; it is one launch.
    stream = [report(f"r{n}", feed, "North Korea fires two short-range ballistic missiles", minutes=minutes,
                     kind="srbm", launched_at=T0 + timedelta(minutes=minutes), time_words="Tuesday",
                     time_cue="launched_at:date")
              for n, (feed, minutes) in enumerate([("Guardian", 29), ("AP", 139)])]
    assert len(latest(feed_all(clusterer, stream))) == 1


def test_one_outlet_naming_another_class_does_not_flip_the_kind(clusterer):
    stream = [report(f"s{n}", feed, "North Korea fires short-range ballistic missile", minutes=n * 10 + 1,
                     kind="srbm") for n, feed in enumerate(["AP", "Guardian", "BBC"])]
    stream.append(report("stray", "CNN", "North Korea fires missile, Seoul says", minutes=45, kind="icbm"))
    events = feed_all(clusterer, stream)
    assert {e.kind for e in events} == {"srbm"}


@pytest.mark.parametrize(("title", "expected"), [
    ("Folding camper with retractable awning reviewed", None),
    ("Yonhap retracts report of North Korean launch", "retraction"),
])
def test_walk_back_reads_whole_words(title, expected):
    assert walk_back(title) == expected


def test_actors_named_in_a_title():
    assert actors_named("Japan says object detected near North Korea was not a missile") == {"JPN", "PRK"}
    assert actors_named("Publisher retracts paper on battery chemistry") == set()
    assert actors_named("Tell us more about it") == set()
    # Whole words only, in any case; names in other scripts wherever they stand.
    assert actors_named("Piranhas sold in Koreatown") == set()
    assert actors_named("Strikes on Kyiv, says UKRAINE") == {"UKR"}
    assert actors_named("北朝鮮が弾道ミサイルを発射") == {"PRK"}
    assert actors_named("South Korea and North Korea") == {"KOR", "PRK"}


def _guessed_kind(r, cue: str = "kind:rocket"):
    """The report with its kind read from a guess: the bare word "rockets", or the model."""
    return r.model_copy(update={"evidence": [*r.evidence, Evidence(cue=cue, text="rockets", field="kind")]})


@pytest.mark.parametrize("cue", ["kind:rocket", "model_kind"])
def test_a_barrage_called_rockets_by_one_outlet_and_hypersonic_by_another_is_one_event(clusterer, cue):
    first = _guessed_kind(report("guardian", "Guardian", "Russia fires barrage of rockets at Ukrainian cities",
                                 minutes=0, actor="RUS", kind="artillery_rocket"), cue)
    later = report("wapo", "Washington Post", "Russia fires hypersonic missiles in strike on Ukraine", minutes=300,
                   actor="RUS", kind="hypersonic")
    events = feed_all(clusterer, [first, later])
    assert len({e.event_id for e in events}) == 1
    assert events[-1].kind == "hypersonic"  # the named class outranks the guess


def test_named_classes_of_different_families_stay_apart_when_not_a_salvo(clusterer):
    rockets = report("ap", "AP", "Militants fire Grad rockets at border town", minutes=0, actor="RUS",
                     kind="artillery_rocket")
    cruise = report("bbc", "BBC", "Russia fires a Kalibr cruise missile at Odesa", minutes=60, actor="RUS",
                    kind="cruise", count=1)
    events = feed_all(clusterer, [rockets, cruise])
    assert len({e.event_id for e in events}) == 2


def test_a_salvo_of_cruise_and_ballistic_missiles_is_one_event(clusterer):
    kinzhal = report("ft", "FT", "Russia fires six Kinzhal missiles at Kyiv", minutes=0, actor="RUS",
                     kind="hypersonic", count=6)
    cruise = report("hill", "The Hill", "Kyiv air defence downs 18 incoming cruise missiles", minutes=240,
                    actor="RUS", kind="cruise", count=18)
    single = report("ap", "AP", "Russia fires a cruise missile at Odesa", minutes=250, actor="RUS",
                    kind="cruise", count=1)
    events = feed_all(clusterer, [kinzhal, cruise])
    assert len({e.event_id for e in events}) == 1
    # A lone cruise missile beside a ballistic launch is not made part of it.
    fresh = Clusterer(sqlite3.connect(":memory:", isolation_level=None), FakeClock(T0))
    lone = feed_all(fresh, [report("jcs", "Yonhap", "N. Korea fires ballistic missile", minutes=0, kind="srbm",
                                   count=1), single.model_copy(update={"fields": single.fields.model_copy(
                                       update={"actor": "PRK"})})])
    assert len({e.event_id for e in lone}) == 2


def test_a_launch_time_stated_before_a_timeless_first_report_is_that_launch(clusterer):
    # The flash says only that missiles were fired; a bulletin published later gives the
    # time, before the flash: the same launch. A time hours earlier is another launch.
    flash = report("flash", "Washington Post", "Russia fires missiles at Ukrainian cities", minutes=60,
                   actor="RUS", kind=None)
    bulletin = report("bulletin", "Bankier", "Russian missile attack, air alert across Ukraine", minutes=90,
                      actor="RUS", kind=None, launched_at=T0 + timedelta(minutes=34), time_words="at 2:34")
    earlier = report("earlier", "AP", "Russia fired missiles at Kharkiv", minutes=95, actor="RUS", kind=None,
                     launched_at=T0 - timedelta(hours=3), time_words="at 19:10")
    events = feed_all(clusterer, [flash, bulletin, earlier])
    by_item = {s.item_id: e.event_id for e in events for s in e.sources}
    assert by_item["bulletin"] == by_item["flash"]
    assert by_item["earlier"] != by_item["flash"]


@pytest.mark.parametrize(("kind", "evidence_cue"), [(None, None), ("cruise", "model_kind")])
def test_an_evening_story_naming_no_class_is_the_morning_launch_and_a_named_class_next_day_is_new(
        clusterer, kind, evidence_cue):
    (launch,) = clusterer.add(report("jcs", "Yonhap", "N. Korea fires ballistic missile: JCS", minutes=2,
                                     kind="srbm", kind_of_source="wire", agency="JCS", launched_at=T0))
    clusterer.add(report("ap", "AP", "North Korea fires short-range missile", minutes=60, kind="srbm"))
    # Eighteen hours later an outlet tells the day's launch again with no class of its own (or
    # only the model's guess at one) and no time: the morning's launch, not a second alert.
    evening = report("evening", "Epoch", "North Korea launches missile amid drills", minutes=18 * 60, kind=kind)
    if evidence_cue:
        evening = evening.model_copy(update={"evidence": [Evidence(cue=evidence_cue, text="drill", field="kind")]})
    assert [(e.event_id, e.changes != ["new"]) for e in clusterer.add(evening)] == [(launch.event_id, True)]
    # The next morning's first flash names a class: the next launch, its own alert.
    (other,) = clusterer.add(report("next", "Yonhap", "N. Korea fires ballistic missile", minutes=26 * 60,
                                    kind="ballistic", kind_of_source="wire"))
    assert other.event_id != launch.event_id and other.revision == 1


def test_a_correction_holds_against_a_later_copy_of_the_old_figure_and_its_own_copy(clusterer):
    clusterer.add(report("y1", "Yonhap", "N. Korea fires 2 missiles that flew 350 km: JCS", minutes=5,
                         kind_of_source="wire", agency="JCS", count=2, distance_km=350))
    (corrected,) = clusterer.add(report("y2", "Yonhap", "(Corrects distance) N. Korea's missiles flew 400 km, "
                                        "not 350 km: JCS", minutes=40, kind_of_source="wire", agency="JCS",
                                        distance_km=400, kind=None))
    assert (corrected.status, corrected.distance_km) == ("corrected", 400)
    # The correction heads the event: an update quotes what was corrected, and who says so.
    assert corrected.headline.startswith("(Corrects distance)") and corrected.source_agency == "JCS"
    # A later report of another outlet repeats the first figure.
    late = clusterer.add(report("ap-1", "AP", "North Korea's missiles flew 350 km, Seoul says", minutes=55,
                                kind_of_source="wire", agency="JCS", count=2, distance_km=350))
    assert all((e.status, e.distance_km) == ("corrected", 400) for e in late)
    assert [(e.status, e.distance_km) for e in clusterer.open_events] == [("corrected", 400)]
    assert clusterer.open_events[0].headline.startswith("(Corrects distance)")
    # The correction again under another id (a feed that re-keyed its items): still corrected.
    copy = report("y2-again", "Yonhap", "(Corrects distance) N. Korea's missiles flew 400 km, not 350 km: JCS",
                  minutes=41, kind_of_source="wire", agency="JCS", distance_km=400, kind=None)
    copy = copy.model_copy(update={"url": corrected.sources[-1].url})
    assert all((e.status, e.distance_km) == ("corrected", 400) for e in clusterer.add(copy))
    assert [(e.status, e.distance_km) for e in clusterer.open_events] == [("corrected", 400)]


def test_an_icbm_test_and_short_range_missiles_at_another_place_minutes_later_are_two_launches(clusterer):
    test = report("yars", "Wire A", "Russia test-launches Yars ICBM from Plesetsk", minutes=0, actor="RUS",
                  kind="icbm", direction="the Kura range in Kamchatka")
    strike = report("kharkiv", "Wire B", "Russia fires Iskander missiles at Kharkiv", minutes=10, actor="RUS",
                    kind="srbm", count=4, direction="Kharkiv")
    events = latest(feed_all(clusterer, [test, strike]))
    assert sorted((e.kind, e.direction) for e in events.values()) == [
        ("icbm", "the Kura range in Kamchatka"), ("srbm", "Kharkiv")]


@pytest.mark.parametrize(("kinds", "places"), [
    (("icbm", "srbm"), ("Dnipro", "Dnipro")),  # one attack on one city, its classes told apart
    (("icbm", "irbm"), ("the Kura range", "Kamchatka")),  # neighbouring classes: one launch told two ways
])
def test_classes_apart_at_one_place_or_neighbouring_classes_stay_one_launch(clusterer, kinds, places):
    first = report("a", "Wire A", "Russia fires missile", minutes=0, actor="RUS", kind=kinds[0], direction=places[0])
    second = report("b", "Wire B", "Russia fires missiles", minutes=10, actor="RUS", kind=kinds[1], count=4,
                    direction=places[1])
    assert len(latest(feed_all(clusterer, [first, second]))) == 1
