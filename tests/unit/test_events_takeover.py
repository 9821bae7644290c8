"""An events instance taking over: what `/readyz` names while it reloads and while the group
has not yet assigned it its partitions, and the line that says it is active."""

from __future__ import annotations

import asyncio
import sqlite3

from services.config import Settings
from services.events.clusterer import Clusterer
from services.events.worker import ActiveStandby
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
    stage = ActiveStandby(ctx, db, Clusterer(db, lambda: T0), lock_name="events", poll_s=0.05)
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
