"""Real archived days of news through the classifier, the clusterer and a subscription's
decisions, in process: what the duty officer would have been sent (`bench/realday.py`
runs the same days through `launchwatch run`)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bench.realday import judge, load_day, load_labels, replay_in_process


def day_outcome(shared_data, day):
    items = load_day(shared_data, day)
    posts, events = replay_in_process(items)
    return judge(day, len(items), posts, events, load_labels()), posts


@pytest.mark.parametrize("day", ["2023-02-18", "2023-03-14", "2023-07-24"])
def test_the_days_north_korean_launch_is_one_event_alerted_once_with_few_updates(shared_data, day):
    outcome, posts = day_outcome(shared_data, day)
    (launch,) = [launch for launch in outcome.launches if launch.listed.actor == "PRK"]
    assert (len(launch.events), launch.alerts) == (1, 1), [(p.kind, p.event.headline) for p in posts]
    assert launch.updates <= 3
    # Alerted with its first reports (items are handled a minute after publication here).
    assert launch.alerted_at - launch.first_report_at <= timedelta(minutes=15)


def test_a_day_without_a_listed_launch_sends_no_false_alert(shared_data):
    """2023-09-20 lists no launch; the strikes of the war that day that the labels call
    launches may alert, but nothing whose every source is labelled not a launch."""
    outcome, posts = day_outcome(shared_data, "2023-09-20")
    assert outcome.false_alerts == 0, [(p.kind, p.event.headline) for p, _ in outcome.other]
    assert all(verdict == "launch" for _, verdict in outcome.other), outcome.other


def test_a_barrage_told_with_different_missile_classes_is_one_event(shared_data):
    """2023-03-09: Russia's mass strike, told as "rockets" by some outlets and as
    hypersonic Kinzhals by others, is one event alerted once."""
    outcome, posts = day_outcome(shared_data, "2023-03-09")
    (launch,) = [launch for launch in outcome.launches if launch.listed.actor == "RUS"]
    assert (len(launch.events), launch.alerts) == (1, 1), [(p.kind, p.event.headline) for p in posts]


def test_the_largest_air_attack_is_one_event_whose_updates_count_the_missiles(shared_data):
    """2023-12-29: Russia's largest air attack, told through the day as 110, "over 150
    missiles and drones", then 122 missiles, is one event alerted once with at most three
    updates; no update tells the tally that counted the drones as missiles."""
    outcome, posts = day_outcome(shared_data, "2023-12-29")
    (launch,) = [launch for launch in outcome.launches if launch.listed.actor == "RUS"]
    assert (len(launch.events), launch.alerts) == (1, 1), [(p.kind, p.event.headline) for p in posts]
    assert launch.updates <= 3
    counts = [p.event.count for p in posts if p.event.actor == "RUS" and p.event.count]
    assert counts and max(counts) < 150, counts


def test_held_out_days_needs_the_in_process_replay(shared_data, capsys):
    from bench.realday import main

    with pytest.raises(SystemExit) as exit_info:
        main(["2023-03-09", "--held-out-days"])
    assert exit_info.value.code == 2
    assert "--held-out-days needs --in-process" in capsys.readouterr().err
