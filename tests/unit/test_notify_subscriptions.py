"""Which revisions a subscriber hears about: filters, freshness, and meaningful follow-ups."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from schemas import LaunchEvent
from services.notify.settings import SubscriptionSettings
from services.notify.subscriptions import Memory, decide, meaningful_changes, snapshot

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=timezone.utc)


def sub(**overrides) -> SubscriptionSettings:
    values = dict(name="s", channel="console", min_confidence=0.5)
    values.update(overrides)
    return SubscriptionSettings(**values)


def event(revision: int = 1, **overrides) -> LaunchEvent:
    values = dict(event_id="e1", revision=revision, status="reported", actor="PRK", kind="ballistic", count=1,
                  distance_km=600.0, confidence=0.8, headline="h", first_reported_at=NOW - timedelta(minutes=5),
                  updated_at=NOW)
    values.update(overrides)
    return LaunchEvent(**values)


def sent(e: LaunchEvent, revision: int | None = None) -> Memory:
    return Memory(alerted=True, sent_facts=snapshot(e), max_revision=revision or e.revision)


@pytest.mark.parametrize(
    ("settings", "overrides", "reason"),
    [
        ({"min_confidence": 0.9}, {}, "below_min_confidence"),
        ({"min_status": "confirmed"}, {}, "below_min_status"),
        ({"actors": ["IRN", "Houthis"]}, {}, "actor_not_subscribed"),
        ({"kinds": ["cruise"]}, {}, "kind_not_subscribed"),
        ({}, {"first_reported_at": NOW - timedelta(hours=7)}, "too_old"),
        ({"freshness_window_s": 60}, {}, "too_old"),
        ({}, {"stale": True}, "stale"),
        ({}, {"status": "retracted"}, "retracted"),
        # Another actor's event is skipped as such, whatever its status and confidence.
        ({"actors": ["IRN"], "min_status": "confirmed", "min_confidence": 0.99}, {}, "actor_not_subscribed"),
    ],
)
def test_first_alert_filters_say_why_nothing_was_sent(settings, overrides, reason):
    decision = decide(sub(**settings), event(**overrides), None, NOW)
    assert decision.action == "skip" and decision.reason == reason and decision.detail


def test_matching_filters_alert():
    s = sub(actors=["prk"], kinds=["ballistic", "icbm"], min_status="reported", min_confidence=0.8)
    assert decide(s, event(), None, NOW).action == "alert"
    assert decide(sub(min_status="confirmed"), event(status="confirmed"), None, NOW).action == "alert"


def test_an_event_that_reaches_the_threshold_later_gets_its_first_alert_then():
    s = sub(min_status="confirmed")
    first = decide(s, event(1), None, NOW)
    assert first.action == "skip"
    later = decide(s, event(2, status="confirmed"), Memory(alerted=False, max_revision=1), NOW)
    assert later.action == "alert"


def test_another_outlet_repeating_known_facts_sends_nothing():
    e1 = event(1)
    again = event(2, source_count=5, changes=["source_count"], distance_km=610.0, headline="other words")
    assert decide(sub(), again, sent(e1), NOW).reason == "no_meaningful_change"


@pytest.mark.parametrize(
    ("overrides", "changed"),
    [
        ({"status": "confirmed"}, ["status"]),
        ({"count": 2}, ["count"]),
        ({"kind": "icbm"}, ["kind"]),
        ({"distance_km": 1000.0}, ["distance_km"]),
        ({"apogee_km": 6000.0}, ["apogee_km"]),
        ({"status": "retracted"}, ["status"]),
        ({"changes": ["correction"], "count": 1}, ["correction"]),
        # The launcher a first report only guessed, overruled by the reports that name it.
        ({"actor": "RUS"}, ["actor"]),
    ],
)
def test_a_meaningful_change_is_an_update_naming_it(overrides, changed):
    decision = decide(sub(), event(2, **overrides), sent(event(1)), NOW)
    assert decision.action == "update" and list(decision.changed) == changed


def test_an_update_for_another_launcher_names_the_one_alerted_before():
    decision = decide(sub(), event(2, actor="UKR"), sent(event(1, actor="RUS")), NOW)
    assert decision.changed == ("actor",) and decision.previous == {"actor": "Russia"}


def test_status_going_down_is_not_news():
    assert meaningful_changes(snapshot(event(status="confirmed")), event(2, status="reported")) == []


def test_update_carries_the_previous_value_as_text():
    decision = decide(sub(), event(2, distance_km=1000.0), sent(event(1)), NOW)
    assert decision.previous == {"distance_km": "600 km"}


def test_follow_ups_can_be_quieted():
    memory = sent(event(1))
    assert decide(sub(follow_ups="none"), event(2, count=3), memory, NOW).reason == "follow_ups_off"
    assert decide(sub(follow_ups="corrections"), event(2, count=3), memory, NOW).reason == "follow_ups_off"
    assert decide(sub(follow_ups="corrections"), event(2, status="retracted"), memory, NOW).action == "update"


def test_follow_ups_are_not_held_back_by_freshness_or_confidence():
    late = event(2, count=3, confidence=0.3, first_reported_at=NOW - timedelta(days=2))
    assert decide(sub(), late, sent(event(1)), NOW).action == "update"


def test_a_replayed_older_revision_is_not_news():
    decision = decide(sub(), event(2, count=5), sent(event(3, count=2), revision=3), NOW)
    assert decision.reason == "superseded"


def test_languages_match_any_source_and_unknown_languages_do_not_withhold():
    from schemas import EventSource

    def with_langs(*langs):
        return event(sources=[EventSource(item_id=f"i{n}", feed="f", title="t", lang=lang) for n, lang in enumerate(langs)])

    s = sub(languages=["en", "ja"])
    assert decide(s, with_langs("ko", "en-GB"), None, NOW).action == "alert"
    assert decide(s, with_langs("ko"), None, NOW).reason == "language_not_subscribed"
    assert decide(s, with_langs(None), None, NOW).action == "alert"


def test_a_first_known_count_of_one_is_not_news():
    first = event(count=None)
    assert decide(sub(), event(revision=2, count=None).model_copy(update={"count": 1}), sent(first), NOW).action == "skip"
    assert decide(sub(), event(revision=2, count=3), sent(first), NOW).action == "update"


def test_a_growing_tally_is_news_again_only_when_it_has_grown_by_a_quarter():
    told = sent(event(1, count=100))
    assert decide(sub(), event(2, count=110), told, NOW).reason == "no_meaningful_change"
    assert decide(sub(), event(3, count=122), told, NOW).reason == "no_meaningful_change"
    assert list(decide(sub(), event(4, count=150), told, NOW).changed) == ["count"]
    assert list(decide(sub(), event(2, count=3), sent(event(1, count=2)), NOW).changed) == ["count"]
    # A smaller count is a correction of the tally, told whatever its size.
    assert list(decide(sub(), event(2, count=95), told, NOW).changed) == ["count"]


def test_a_class_made_generic_again_is_not_news():
    told = sent(event(1, kind="hypersonic"))
    assert decide(sub(), event(2, kind="ballistic"), told, NOW).reason == "no_meaningful_change"
    assert list(decide(sub(), event(2, kind="cruise"), told, NOW).changed) == ["kind"]
