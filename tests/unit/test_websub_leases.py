"""WebSub lease rules as pure functions, and what a restart does with stored subscriptions."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from structlog.testing import capture_logs

from services.ingest.leases import LeasePolicy
from services.ingest.state import IngestState, WebSubRecord
from services.ingest.websub import WebSubscriber, _lease_seconds
from services.runtime.db import connect

T0 = datetime(2026, 11, 25, tzinfo=timezone.utc)
NOW = T0.timestamp()


def test_renewal_follows_the_granted_lease_with_a_floor():
    policy, rng = LeasePolicy(), random.Random(1)
    for granted_s, low, high in [(86400, 69120, 77760), (3600, 2880, 3240), (600, 480, 540)]:
        delays = [policy.renewal_delay_s(granted_s, rng) for _ in range(200)]
        assert low <= min(delays) and max(delays) <= high
        assert max(delays) - min(delays) > (high - low) / 2  # spread, so subscriptions drift apart
    assert policy.renewal_delay_s(60, rng) == 60
    assert policy.renewal_delay_s(5, rng) == 60  # a hub granting seconds is still asked once a minute


def test_retries_back_off_to_a_cap_and_honour_retry_after():
    policy, rng = LeasePolicy(), random.Random(1)
    delays = [policy.retry_delay_s(n, rng) for n in range(1, 12)]
    assert all(60 <= d <= 3600 for d in delays)
    assert delays[1] > delays[0] * 1.3 and delays[3] > delays[1] * 2.5  # doubling, ±20 %
    assert min(delays[-4:]) >= 2880  # at the cap
    assert policy.retry_delay_s(1, rng, retry_after_s=7200) == 7200
    assert policy.retry_delay_s(1, rng, retry_after_s=10 * 86400) == 86400
    assert policy.retry_delay_s(1, rng, retry_after_s=1) >= 60


def test_restored_attempt_keeps_its_time_or_is_spread_without_losing_the_lease():
    policy, rng = LeasePolicy(), random.Random(1)
    assert policy.restored_attempt_at(NOW + 500, NOW + 900, NOW, rng) == NOW + 500
    spread = [policy.restored_attempt_at(NOW - 10, NOW + 40, NOW, rng) for _ in range(100)]
    assert all(NOW <= t <= NOW + 20 for t in spread)  # within half of what is left of the lease
    lapsed = [policy.restored_attempt_at(NOW - 10, NOW - 5, NOW, rng) for _ in range(100)]
    assert all(NOW <= t <= NOW + 300 for t in lapsed) and max(lapsed) > NOW + 200


def test_granted_lease_is_read_defensively():
    assert _lease_seconds("3600", 86400) == 3600
    assert _lease_seconds(None, 86400) == 86400
    for bad in ("soon", "-5", "0", "nan", "inf"):
        assert _lease_seconds(bad, 86400) == 86400


def record(n: int, *, next_attempt_at: float, lease_expires_at: float | None, source: str | None = None):
    return WebSubRecord(f"cid{n:03d}", source or f"https://feeds.example/{n}.xml", f"https://feeds.example/{n}.xml",
                        "https://hub.example/", f"secret-{n}", state="active", requested_at=NOW - 3000,
                        verified_at=NOW - 3000, lease_s=3600, lease_expires_at=lease_expires_at,
                        next_attempt_at=next_attempt_at)


def subscriber(state: IngestState, clock=lambda: T0) -> WebSubscriber:
    async def on_content(source_key, body, content_type):
        return 0

    return WebSubscriber(public_url="https://ingest.example", http=None, clock=clock, on_content=on_content,
                         state=state, rng=random.Random(3))


def test_store_round_trip():
    state = IngestState(connect(":memory:"))
    rec = record(1, next_attempt_at=NOW + 10, lease_expires_at=NOW + 600)
    state.save_websub(rec)
    state.save_websub(WebSubRecord("cid002", "s", "t", "h", "k", awaiting_verification=True))
    assert state.websub_subscriptions() == [rec, WebSubRecord("cid002", "s", "t", "h", "k", awaiting_verification=True)]
    assert "secret-1" not in repr(rec)
    state.delete_websub(["cid002"])
    assert state.websub_subscriptions() == [rec]


def test_restart_keeps_schedules_spreads_overdue_ones_and_forgets_unconfigured_sources():
    state = IngestState(connect(":memory:"))
    for n in range(100):  # the process was down past their renewal, 200 s before the leases end
        state.save_websub(record(n, next_attempt_at=NOW - 300, lease_expires_at=NOW + 200))
    state.save_websub(record(100, next_attempt_at=NOW + 5000, lease_expires_at=NOW + 9000))
    state.save_websub(record(101, next_attempt_at=NOW - 300, lease_expires_at=NOW + 200, source="https://gone/"))
    sources = {f"https://feeds.example/{n}.xml" for n in range(101)}
    with capture_logs() as logs:
        sub = subscriber(state)
        sub.restore(sources)
    (restored,) = [l for l in logs if l["event"] == "websub_restored"]
    assert (restored["subscriptions"], restored["active"], restored["forgotten"]) == (101, 101, 1)
    assert 0 <= restored["next_request_in_s"] <= 100
    stored = {r.callback_id: r for r in state.websub_subscriptions()}
    assert "cid101" not in stored and stored == sub.subscriptions
    assert stored["cid100"].next_attempt_at == NOW + 5000  # not due: untouched
    overdue = sorted(r.next_attempt_at - NOW for cid, r in stored.items() if cid != "cid100")
    assert 0 <= overdue[0] and overdue[-1] <= 100  # all before half of the 200 s left
    per_second = [sum(1 for t in overdue if s <= t < s + 1) for s in range(100)]
    assert max(per_second) <= 5, per_second  # never the whole lot at once
    assert all(sub.is_active(f"https://feeds.example/{n}.xml") for n in range(101))
    # Restoring again (another restart at the same instant) moves nothing.
    again = subscriber(state)
    again.restore(sources)
    assert again.subscriptions == stored


def test_restore_after_a_lapse_spreads_over_the_restart_window():
    state = IngestState(connect(":memory:"))
    for n in range(50):
        state.save_websub(record(n, next_attempt_at=NOW - 86400, lease_expires_at=NOW - 80000))
    now = [T0]
    sub = subscriber(state, lambda: now[0])
    sub.restore({f"https://feeds.example/{n}.xml" for n in range(50)})
    times = [r.next_attempt_at - NOW for r in sub.subscriptions.values()]
    assert all(0 <= t <= 300 for t in times) and max(times) - min(times) > 200
    assert not any(sub.is_active(f"https://feeds.example/{n}.xml") for n in range(50))
    assert len(sub.due_for_renewal()) < 5
    now[0] = T0 + timedelta(seconds=150)
    assert 10 < len(sub.due_for_renewal()) < 40
    now[0] = T0 + timedelta(seconds=300)
    assert len(sub.due_for_renewal()) == 50
