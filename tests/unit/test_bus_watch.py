"""The bus watch holds sends while no broker answers, and never leaves them held."""

from __future__ import annotations

import asyncio

import pytest

from services.runtime.http import Readiness
from services.runtime.lifecycle import watch_bus


class Bus:
    def __init__(self) -> None:
        self.told: list[bool] = []

    async def reachable(self, timeout_s: float) -> bool:
        return False

    def answering(self, ok: bool) -> None:
        self.told.append(ok)


@pytest.mark.parametrize("ending", ["stop", "fault"])
async def test_a_watch_that_ends_while_no_broker_answers_holds_no_send(ending):
    """Ended while sends were held (a stop, or a fault in its probe), the watch left every
    later send waiting 40 s and then failing, for the rest of the process."""
    bus, stop = Bus(), asyncio.Event()
    if ending == "fault":
        async def broken(timeout_s: float) -> bool:
            if bus.told:
                raise RuntimeError("probe broke")
            return False
        bus.reachable = broken  # type: ignore[method-assign]
    watcher = asyncio.create_task(watch_bus(bus, Readiness(), stop, every_s=0.01))
    while not bus.told:
        await asyncio.sleep(0.01)
    assert bus.told[0] is False  # held while no broker answers
    stop.set()
    if ending == "fault":
        with pytest.raises(RuntimeError):
            await watcher
    else:
        await watcher
    assert bus.told[-1] is True
