"""An events instance taking over: what `/readyz` names while it reloads and while the group
has not yet assigned it its partitions, and the line that says it is active."""

from __future__ import annotations

import asyncio
import json
import sqlite3

from services.config import Settings
from services.events.clusterer import Clusterer
from services.events.worker import ActiveStandby, build_stage
from services.runtime.http import Readiness, bind_readiness
from services.runtime.lifecycle import StageContext
from services.runtime.memory_bus import MemoryBus
from tests.web_samples import T0


class SlowJoinBus(MemoryBus):
    """A bus whose consumers join their group only when `joined` is set, as a Kafka group
    member waits for the broker's assignment."""

    def __init__(self) -> None:
        super().__init__("t-takeover.", default_partitions=1)
        self.joining = asyncio.Event()
        self.joined = asyncio.Event()

    async def consumer(self, topics, group):  # type: ignore[no-untyped-def]
        self.joining.set()
        await self.joined.wait()
        return await super().consumer(topics, group)


async def test_taking_over_names_the_group_assignment_it_waits_for_then_is_ready(tmp_path, capsys) -> None:
    settings = Settings.model_validate({"state": {"path": str(tmp_path / "state.db")}})
    bus = SlowJoinBus()
    await bus.start()
    readiness = Readiness()
    bind_readiness(readiness)
    ctx = StageContext(settings, bus, None, clock=lambda: T0, readiness=readiness)  # type: ignore[arg-type]
    db = sqlite3.connect(tmp_path / "events.db", isolation_level=None)
    stage = ActiveStandby(ctx, Clusterer(db, lambda: T0), lock_name="events", poll_s=0.05,
                          try_acquire=lambda: True, alive=lambda: True)
    stop = asyncio.Event()
    running = asyncio.create_task(stage.run(stop))
    try:
        await asyncio.wait_for(bus.joining.wait(), 5)
        # Reloaded: what is left to wait for is the group, and /readyz says so.
        assert readiness.not_ready() == [f"{ctx.group('cluster')}:partitions_assigned"]
        bus.joined.set()
        for _ in range(100):
            if readiness.ready():
                break
            await asyncio.sleep(0.02)
        assert readiness.ready() and readiness.roles() == {"events": "active"}
        # The first active instance says so too, as every one that takes over does.
        assert "events_active" in capsys.readouterr().out
    finally:
        stop.set()
        await asyncio.wait_for(running, 5)
        db.close()
        await bus.close()


def test_a_probe_replaces_a_value_set_under_its_name() -> None:
    readiness = Readiness()
    readiness.set("group:partitions_assigned", False)
    assert readiness.not_ready() == ["group:partitions_assigned"]
    readiness.check("group:partitions_assigned", lambda: True)
    readiness.set("stage:state_restored", True)
    assert readiness.ready()


async def test_a_second_events_process_on_one_sqlite_file_stands_by_then_continues_the_same_events(tmp_path) -> None:
    """Two `serve events` on one SQLite file: the second clusters only once the first is
    gone, from the file as the first left it, so a launch's next report updates its event
    instead of opening a second one (and alerting twice)."""
    from tests.unit.test_clusterer import report

    settings = Settings.model_validate({"state": {"path": str(tmp_path / "state.db"), "poll_s": 0.05}})
    bus = MemoryBus("t-two-events.", default_partitions=1)
    await bus.start()
    clock = lambda: T0  # noqa: E731
    first_ctx = StageContext(settings, bus, None, clock=clock)  # type: ignore[arg-type]
    second_ctx = StageContext(settings, bus, None, clock=clock)  # type: ignore[arg-type]
    events_seen = await bus.consumer([first_ctx.topic("events")], "t-reader")
    produce = bus.producer()

    async def events_until(count: int) -> list[dict]:
        got: list[dict] = []
        for _ in range(250):
            got += [json.loads(r.value) for r in await events_seen.poll(0.02, 100)]
            if len(got) >= count:
                return got
        raise AssertionError(f"{len(got)} event revisions, wanted {count}")

    first, second = await build_stage(first_ctx), await build_stage(second_ctx)
    stop_first, stop_second = asyncio.Event(), asyncio.Event()
    running_first = asyncio.create_task(first.run(stop_first))
    await asyncio.sleep(0.1)
    running_second = asyncio.create_task(second.run(stop_second))
    try:
        flash = report("yna-1", "Yonhap", "N. Korea fires ballistic missile: JCS", minutes=1, kind_of_source="wire",
                       agency="JCS", direction="East Sea")
        await produce.send(first_ctx.topic("launch-reports"), flash.to_bytes(), key=b"k")
        [opened] = await events_until(1)
        stop_first.set()
        await asyncio.wait_for(running_first, 5)
        first_ctx.close()  # the process ends: its lock goes with it
        follow = report("yna-2", "Yonhap", "N. Korea fires 2 SRBMs that flew 350 km: JCS", minutes=20,
                        kind_of_source="wire", agency="JCS", kind="srbm", count=2, distance_km=350,
                        direction="East Sea")
        await produce.send(first_ctx.topic("launch-reports"), follow.to_bytes(), key=b"k")
        [update] = await events_until(1)
        assert update["event_id"] == opened["event_id"] and update["revision"] == 2
    finally:
        stop_first.set()
        stop_second.set()
        await asyncio.gather(running_first, running_second, return_exceptions=True)
        first_ctx.close()
        second_ctx.close()
        await bus.close()


async def test_a_second_notify_process_on_one_sqlite_file_is_refused_naming_the_fix(tmp_path) -> None:
    from services.notify.worker import build_stage as build_notify
    from services.runtime.errors import StateInUse

    settings = Settings.model_validate({"state": {"path": str(tmp_path / "state.db")}})
    bus = MemoryBus("t-two-notify.", default_partitions=1)
    await bus.start()
    first, second = (StageContext(settings, bus, None, clock=lambda: T0) for _ in range(2))  # type: ignore[arg-type]
    try:
        await build_notify(first, channels={})
        try:
            await build_notify(second, channels={})
        except StateInUse as refused:
            assert "one notify process per SQLite state file" in str(refused) and "[state] url" in str(refused)
        else:
            raise AssertionError("a second notify process on the file was let in")
        first.close()  # the first process is gone: a new one may start
        await build_notify(second, channels={})
    finally:
        first.close()
        second.close()
        await bus.close()


async def test_a_second_ingest_process_on_one_sqlite_file_is_refused_naming_the_fix(tmp_path) -> None:
    """Two `serve ingest` on one SQLite file published every item twice."""
    from services.ingest.worker import build_stage as build_ingest
    from services.runtime.errors import StateInUse

    settings = Settings.model_validate({"state": {"path": str(tmp_path / "state.db")},
                                        "ingest": {"use_default_catalogue": False}})
    bus = MemoryBus("t-two-ingest.", default_partitions=1)
    await bus.start()
    first, second = (StageContext(settings, bus, None, clock=lambda: T0) for _ in range(2))  # type: ignore[arg-type]
    try:
        await build_ingest(first)
        try:
            await build_ingest(second)
        except StateInUse as refused:
            assert "one ingest process per SQLite state file" in str(refused) and "[state] url" in str(refused)
        else:
            raise AssertionError("a second ingest process on the file was let in")
        first.close()  # the first process is gone: a new one may start
        await build_ingest(second)
    finally:
        first.close()
        second.close()
        await bus.close()
