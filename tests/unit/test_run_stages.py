"""What a process says of its start: `started` only once every stage has its state."""

from __future__ import annotations

import asyncio

import pytest
from structlog.testing import capture_logs

from services.runtime.errors import StateInUse
from services.runtime.lifecycle import StageContext, run_stages
from services.runtime.memory_bus import MemoryBus
from services.runtime.settings import RuntimeSettings


class Idle:
    async def run(self, stop: asyncio.Event) -> None:
        await stop.wait()


async def test_a_stage_refused_its_state_never_started(tmp_path):
    async def build(name: str, ctx: StageContext) -> Idle:
        raise StateInUse(f"state file {tmp_path / 'a.db'} is in use by process 4242", path="a.db", pid=4242)

    settings = RuntimeSettings.model_validate({"state": {"path": str(tmp_path / "a.db")}, "http": {"listen": "127.0.0.1:0"}})
    with capture_logs() as logs, pytest.raises(StateInUse):
        await run_stages(settings, ["notify"], build, user_agent="t", http_timeout_s=5, bus=MemoryBus("t."))
    events = [line["event"] for line in logs]
    assert "started" not in events and events[-2:] == ["stage_failed", "stopped"]
    # Not a clean stop: said so, with the stage that failed.
    assert (logs[-1]["log_level"], logs[-1]["failed"]) == ("error", ["notify"])


async def test_started_follows_the_stages_state(tmp_path):
    stop = asyncio.Event()
    building = asyncio.Event()
    restored = asyncio.Event()

    async def build(name: str, ctx: StageContext) -> Idle:
        building.set()
        await restored.wait()  # the stage still reads its state
        return Idle()

    settings = RuntimeSettings.model_validate({"state": {"path": str(tmp_path / "a.db")}, "http": {"listen": "127.0.0.1:0"}})
    with capture_logs() as logs:
        running = asyncio.create_task(run_stages(settings, ["notify"], build, user_agent="t", http_timeout_s=5,
                                                 bus=MemoryBus("t."), stop=stop))
        await asyncio.wait_for(building.wait(), 30)
        for _ in range(20):
            await asyncio.sleep(0)
        assert "started" not in [line["event"] for line in logs]
        restored.set()
        for _ in range(20):
            await asyncio.sleep(0)
        assert [line["event"] for line in logs].count("started") == 1
        stop.set()
        await running


class Stubborn:
    """A stage that takes its time to finish (a delivery to a receiver that hangs)."""

    async def run(self, stop: asyncio.Event) -> None:
        await stop.wait()
        await asyncio.sleep(3600)


async def test_a_slow_stop_is_said_and_a_second_signal_ends_it_at_once(tmp_path):
    import os
    import signal
    import time

    async def build(name: str, ctx: StageContext) -> Stubborn:
        return Stubborn()

    settings = RuntimeSettings.model_validate({"state": {"path": str(tmp_path / "a.db")},
                                              "http": {"listen": "127.0.0.1:0"}, "run": {"shutdown_grace_s": 60}})
    with capture_logs() as logs:
        running = asyncio.create_task(run_stages(settings, ["notify"], build, user_agent="t", http_timeout_s=5,
                                                 bus=MemoryBus("t.")))
        async def said(event: str) -> None:
            while event not in [line["event"] for line in logs]:
                await asyncio.sleep(0.01)

        await asyncio.wait_for(said("started"), 10)
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C
        await asyncio.wait_for(said("stopping"), 5)
        asked = time.monotonic()
        os.kill(os.getpid(), signal.SIGINT)  # again: no waiting out the 60 s
        await asyncio.wait_for(running, 10)
    assert time.monotonic() - asked < 5
    (stopping,) = [line for line in logs if line["event"] == "stopping"]
    assert stopping["waiting"] == ["notify"] and stopping["grace_s"] == 60
    assert logs[-1]["event"] == "stopped" and logs[-1]["cancelled"] == 1
