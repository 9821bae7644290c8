"""A process that is not ready says so where operators look: the `launchwatch_ready` gauge
the shipped alert reads, and a `not_ready` log line each minute naming what it waits for
(a consumer group that never admitted a notify instance left it unready for minutes,
with no line and no alert)."""

from __future__ import annotations

import asyncio

import pytest
from structlog.testing import capture_logs

from services.runtime.http import Readiness, make_app
from services.runtime.lifecycle import say_while_not_ready
from services.runtime.metrics import REGISTRY


def ready_gauge() -> float | None:
    return REGISTRY.get_sample_value("launchwatch_ready")


def test_the_ready_gauge_follows_what_readyz_answers():
    readiness = Readiness()
    make_app(readiness)
    assert ready_gauge() == 0.0  # nothing reported yet: starting
    readiness.set("bus_connected", True)
    readiness.check("consumer_started", lambda: joined)
    joined = False
    assert ready_gauge() == 0.0
    joined = True
    assert ready_gauge() == 1.0


async def test_a_process_not_ready_says_each_minute_what_it_waits_for():
    readiness = Readiness()
    readiness.set("bus_connected", True)
    readiness.set("consumer_started", False)
    minutes: list[float] = []
    two_said = asyncio.Event()

    async def minute(seconds: float) -> None:
        minutes.append(seconds)
        if len(minutes) == 4:
            readiness.set("consumer_started", True)  # the group admits it
        if len(minutes) == 6:
            two_said.set()
            await asyncio.Event().wait()
        await asyncio.sleep(0)

    with capture_logs() as logs:
        task = asyncio.create_task(say_while_not_ready(readiness, 60.0, sleep=minute))
        await two_said.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    said = [line for line in logs if line["event"] == "not_ready"]
    assert [(line["not_ready"], line["for_s"]) for line in said] == [
        (["consumer_started"], 60), (["consumer_started"], 120), (["consumer_started"], 180)]
    assert all(line["log_level"] == "warning" for line in said) and minutes == [60.0] * 6
