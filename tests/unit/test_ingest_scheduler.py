"""Next-check times: clamped, adapted to the source, honouring the publisher's hints."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from services.ingest.scheduler import (
    DueQueue,
    HostGate,
    SchedulePolicy,
    failure_delay_s,
    next_interval_s,
    publishing_gap_s,
)

POLICY = SchedulePolicy(min_interval_s=30, max_interval_s=3600, jitter_ratio=0)
T0 = datetime(2026, 11, 25, tzinfo=timezone.utc)


def test_interval_is_clamped_between_minimum_and_maximum():
    assert next_interval_s(POLICY, 5) == 30
    assert next_interval_s(POLICY, 60) == 60
    assert next_interval_s(POLICY, 86400) == 3600


def test_ttl_and_max_age_stretch_the_interval_but_not_past_the_maximum():
    assert next_interval_s(POLICY, 60, ttl_s=15 * 60) == 900
    assert next_interval_s(POLICY, 60, max_age_s=300) == 300
    assert next_interval_s(POLICY, 60, ttl_s=24 * 3600) == 3600
    assert next_interval_s(POLICY, 600, max_age_s=10) == 600  # a short max-age never speeds polling up


def test_quiet_sources_are_polled_less_often_busy_ones_at_their_interval():
    quiet = [T0 - timedelta(hours=6 * i) for i in range(10)]  # one item every 6 hours
    busy = [T0 - timedelta(minutes=2 * i) for i in range(10)]
    assert publishing_gap_s(quiet) == 6 * 3600
    assert next_interval_s(POLICY, 60, gap_s=publishing_gap_s(quiet)) == 240  # at most 4x the interval
    assert next_interval_s(POLICY, 600, gap_s=3600) == 900  # a quarter of the gap
    assert next_interval_s(POLICY, 60, gap_s=publishing_gap_s(busy)) == 60
    assert publishing_gap_s([T0, None, T0]) is None  # too few dates to judge
    off = SchedulePolicy(min_interval_s=30, max_interval_s=3600, jitter_ratio=0, adaptive=False)
    assert next_interval_s(off, 60, gap_s=6 * 3600) == 60


def test_jitter_spreads_earlier_within_the_ratio_never_later():
    policy = SchedulePolicy(min_interval_s=30, max_interval_s=3600, jitter_ratio=0.1)
    rng = random.Random(7)
    values = [next_interval_s(policy, 100, rng=rng) for _ in range(200)]
    assert min(values) >= 90 and max(values) <= 100  # a change never waits past interval_s
    assert max(values) - min(values) > 5  # really spread
    at_floor = [next_interval_s(policy, 30, rng=rng) for _ in range(20)]
    assert min(at_floor) == 30  # never more often than min_interval_s


def test_failures_back_off_exponentially_to_the_maximum_and_keep_trying():
    delays = [failure_delay_s(POLICY, 60, n) for n in range(1, 10)]
    assert delays[:4] == [60, 120, 240, 480]
    assert delays[-1] == 3600  # capped, never "give up"


def test_retry_after_wins_when_longer():
    assert failure_delay_s(POLICY, 60, 1, retry_after_s=600) == 600
    assert failure_delay_s(POLICY, 60, 3, retry_after_s=5) == 240
    assert failure_delay_s(POLICY, 60, 1, retry_after_s=10**9) == 86400  # a day at most


def test_due_queue_orders_and_reschedules():
    queue = DueQueue()
    queue.schedule("a", 10)
    queue.schedule("b", 5)
    queue.schedule("a", 3)  # moved earlier: the old entry is ignored
    assert queue.next_at() == 3
    assert queue.pop_due(5) == ["a", "b"]
    assert queue.pop_due(100) == []
    assert queue.next_at() is None
    queue.schedule("c", 1)
    queue.schedule("c", 50)
    assert queue.pop_due(10) == [] and queue.next_at() == 50


def test_host_gate_limits_in_flight_and_spaces_starts():
    gate = HostGate(limit=2, spacing_s=1.0)
    assert gate.wait_s("a.example", 0) == 0
    gate.start("a.example", 0)
    assert gate.wait_s("a.example", 0.4) == 0.6  # spacing
    assert gate.wait_s("b.example", 0.4) == 0  # another host is not held up
    gate.start("a.example", 1.0)
    assert gate.wait_s("a.example", 5) > 0  # two in flight: full
    gate.finish("a.example")
    assert gate.wait_s("a.example", 5) == 0
