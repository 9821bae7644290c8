"""A notify stage whose state fails stops with that one error, not a group of them, so the
command says it in one line."""

from __future__ import annotations

import asyncio

import pytest

from services.notify.worker import NotifyStage
from services.runtime.errors import StateError


class FailingRunner:
    async def run(self, stop: asyncio.Event) -> None:
        raise StateError("state database error while handling events offset 7: disk I/O error")


async def test_a_state_error_of_the_consumer_ends_the_stage_as_itself():
    stage = NotifyStage(FailingRunner(), channels={}, deliverer=None, subscriptions=[], digest_check_s=1.0)
    with pytest.raises(StateError, match="offset 7"):
        await asyncio.wait_for(stage.run(asyncio.Event()), 5)
