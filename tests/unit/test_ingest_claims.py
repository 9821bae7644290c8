"""Sharing sources between ingest instances through claims in the shared state, on an
injected clock: no source is ever held by two instances, work evens out, a dead instance's
sources are taken over once its claims expire and not before."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest
from prometheus_client import CollectorRegistry

from services.ingest.claims import Claim, SourceClaims, SourceOwnership, plan
from services.ingest.metrics import IngestMetrics
from services.ingest.settings import IngestSettings
from services.ingest.sources import Source
from services.ingest.state import IngestState, SourceState
from services.ingest.worker import IngestStage
from services.runtime.memory_bus import MemoryBus

SOURCES = [f"https://feeds.example/{n}.xml" for n in range(7)]
LEASE_S = 15.0


def test_a_lone_instance_claims_every_free_source():
    decided = plan(SOURCES, {}, me="a", live_members=1, now=100.0)
    assert sorted(decided.claim) == SOURCES and decided.release == ()


def test_an_instance_above_its_share_releases_idle_sources_only():
    claims = {s: Claim(s, "a", 200.0) for s in SOURCES}
    busy = set(SOURCES[:5])
    decided = plan(SOURCES, claims, me="a", live_members=2, now=100.0, busy=busy)
    # share = ceil(7 / 2) = 4: three to give away, none of them being polled
    assert len(decided.release) == 2 and not set(decided.release) & busy
    decided = plan(SOURCES, claims, me="a", live_members=2, now=100.0)
    assert len(decided.release) == 3 and decided.claim == ()


def test_claims_of_others_are_left_alone_until_they_expire():
    claims = {s: Claim(s, "b", 150.0) for s in SOURCES}
    assert plan(SOURCES, claims, me="a", live_members=1, now=149.9).claim == ()
    assert sorted(plan(SOURCES, claims, me="a", live_members=1, now=150.0).claim) == SOURCES


class Instance:
    def __init__(self, conn: sqlite3.Connection, name: str) -> None:
        self.ownership = SourceOwnership(SourceClaims(conn, owner=name, lease_s=LEASE_S), SOURCES)

    def tick(self, now: float) -> set[str]:
        self.ownership.tick(now)
        return self.ownership.held


def assert_nobody_shares(*instances: Instance, now: float) -> None:
    pollable = [{s for s in SOURCES if i.ownership.may_poll(s, now)} for i in instances]
    for n, mine in enumerate(pollable):
        for theirs in pollable[n + 1:]:
            assert not mine & theirs


@pytest.fixture(params=["sqlite", "postgresql"])
def conns(request):
    """Two connections to one state: the instances' own sessions."""
    if request.param == "sqlite":
        path = request.getfixturevalue("tmp_path") / "state.db"
        made = [sqlite3.connect(path, isolation_level=None) for _ in range(2)]
    else:
        from services.runtime.postgres import connect_postgres

        url = request.getfixturevalue("pg_url")
        made = [connect_postgres(url) for _ in range(2)]
    yield made
    for conn in made:
        conn.close()


def test_a_second_instance_gets_half_and_a_dead_ones_sources_move_after_its_lease(conns):
    a = Instance(conns[0], "a")
    now = 1000.0
    assert a.tick(now) == set(SOURCES)
    b = Instance(conns[1], "b")
    # b joins: it finds nothing free, a gives up what is beyond its share, b takes it.
    assert b.tick(now) == set()
    for step in range(1, 4):
        now += LEASE_S / 3
        a.tick(now)
        b.tick(now)
        assert_nobody_shares(a, b, now=now)
    assert len(a.ownership.held) == 4 and len(b.ownership.held) == 3
    assert a.ownership.held | b.ownership.held == set(SOURCES)

    # a dies (stops renewing): until its claims expire b leaves them alone.
    died_at = now
    b_before = set(b.ownership.held)
    while now + LEASE_S / 3 < died_at + LEASE_S:
        now += LEASE_S / 3
        assert b.tick(now) == b_before
    now = died_at + LEASE_S + 0.01
    assert b.tick(now) == set(SOURCES)
    assert all(b.ownership.may_poll(s, now) for s in SOURCES)


def test_a_claim_too_close_to_its_end_is_not_polled_and_a_clean_stop_hands_over_at_once(conns):
    a, b = Instance(conns[0], "a"), Instance(conns[1], "b")
    now = 50.0
    a.tick(now)
    assert a.ownership.may_poll(SOURCES[0], now + LEASE_S * 2 / 3)
    assert not a.ownership.may_poll(SOURCES[0], now + LEASE_S * 2 / 3 + 0.01)  # its renewal round is late
    a.ownership.leave()
    assert b.tick(now + 0.01) == set(SOURCES)


def test_two_instances_claiming_the_same_free_source_get_it_once(conns):
    a = SourceClaims(conns[0], owner="a", lease_s=LEASE_S)
    b = SourceClaims(conns[1], owner="b", lease_s=LEASE_S)
    assert a.take(SOURCES[0], 10.0) is True
    assert b.take(SOURCES[0], 10.0) is False
    assert a.take(SOURCES[0], 11.0) is True  # renewing its own
    assert b.renew([SOURCES[0]], 12.0) == set()
    assert b.take(SOURCES[0], 11.0 + LEASE_S) is True  # expired: b may take it
    assert a.renew([SOURCES[0]], 11.0 + LEASE_S) == set()  # and a knows it lost it


def test_each_instance_reports_the_health_of_the_sources_it_polls_alone(tmp_path):
    """Two instances sharing seven sources: a sum of `launchwatch_source_healthy` over them
    counts each source once (each of them reporting all seven, the shared alert rule
    `sum(...) == 0` could never fire while one held a stale 1 for another's source)."""
    clock = [datetime(2026, 1, 1, tzinfo=timezone.utc)]
    path = tmp_path / "state.db"
    stages, registries = [], []
    for name in ("a", "b"):
        conn = sqlite3.connect(path, isolation_level=None)
        registries.append(CollectorRegistry())
        stages.append(IngestStage(
            sources=[Source(url=url, name=f"feed {n}") for n, url in enumerate(SOURCES)], http=None,
            producer=MemoryBus().producer(), items_topic="items", state=IngestState(conn), settings=IngestSettings(),
            clock=lambda: clock[0], metrics=IngestMetrics(registries[-1]),
            ownership=SourceOwnership(SourceClaims(conn, owner=name, lease_s=LEASE_S), SOURCES)))

    # A source failing for a while, as the state it moves with says.
    stages[0]._state.save_source(SourceState(source_key=SOURCES[6], url=SOURCES[6], error_count=9))

    def reported() -> list[dict[str, float]]:
        return [{sample.labels["feed"]: sample.value for metric in registry.collect()
                 if metric.name == "launchwatch_source_healthy" for sample in metric.samples}
                for registry in registries]

    for _ in range(4):
        for stage in stages:
            stage._share_sources()
        clock[0] += timedelta(seconds=LEASE_S / 3)
    a, b = reported()
    assert a and b and not a.keys() & b.keys() and a.keys() | b.keys() == {f"feed {n}" for n in range(len(SOURCES))}
    assert {**a, **b}["feed 6"] == 0 and sum({**a, **b}.values()) == len(SOURCES) - 1
    # A poll of a source whose claim moved on before it ended reports no health here.
    theirs = next(s for s in stages[1]._sources.values() if s.name in b)
    stages[0].metrics.polled(theirs.name, 200, 0.1, health=stages[0]._reports_health(theirs))
    assert theirs.name not in reported()[0]
