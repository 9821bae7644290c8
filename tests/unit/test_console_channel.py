"""The console channel: a readable block on a terminal, and stdout left to the JSON logs
everywhere else."""

from __future__ import annotations

import io
from datetime import datetime, timezone

from schemas import LaunchEvent
from services.notify.alert import Alert
from services.notify.channels import ConsoleChannel
from services.notify.settings import SubscriptionSettings

T0 = datetime(2026, 11, 25, 1, 12, tzinfo=timezone.utc)
ALERT = Alert("dlv_1", "console", "alert", LaunchEvent(
    event_id="evt-1", revision=1, actor="PRK", kind="ballistic", count=2, direction="East Sea", confidence=0.9,
    headline="North Korea fires two ballistic missiles", first_reported_at=T0, updated_at=T0))
SUB = SubscriptionSettings(name="console", channel="console")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


async def test_always_off_a_terminal_prints_the_block_on_stderr_not_stdout():
    stdout, stderr = io.StringIO(), io.StringIO()
    await ConsoleChannel("always", stdout, fallback=stderr).send(ALERT, SUB)
    assert stdout.getvalue() == ""
    assert stderr.getvalue().splitlines()[1].startswith("ALERT: North Korea: 2 ballistic missiles")


async def test_on_a_terminal_the_block_goes_to_stdout():
    stdout, stderr = Terminal(), io.StringIO()
    for mode in ("auto", "always"):
        await ConsoleChannel(mode, stdout, fallback=stderr).send(ALERT, SUB)
    assert stdout.getvalue().count("ALERT: North Korea") == 2 and stderr.getvalue() == ""


async def test_a_reader_gone_away_ends_the_printing_not_the_delivery():
    channel = ConsoleChannel("always", ClosedPipe(), fallback=ClosedPipe())
    assert await channel.send(ALERT, SUB) is None
    assert channel.prints is False
