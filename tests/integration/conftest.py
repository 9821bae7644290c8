"""Fixtures shared by the integration tests: loopback servers and one HTTP session."""

from __future__ import annotations

import aiohttp
import pytest
from aiosmtpd.controller import Controller

from tests.integration.feedsite import FeedSite
from tests.integration.receivers import Mailbox, Receiver
from tests.loopback import free_port


@pytest.fixture
async def http():
    """The process's one HTTP session, as a stage gets it (requests give up after 5 s)."""
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
        yield session


@pytest.fixture
async def site():
    """A feed site on loopback; tests fill in its documents and scripts."""
    s = await FeedSite().start()
    yield s
    await s.close()


@pytest.fixture
async def receivers():
    """Slack and webhook receivers, one more answering 500 forever, and a mailbox on a real
    SMTP server: `(slack, hook, broken, mailbox, smtp_port)`."""
    slack, hook, broken = Receiver(), Receiver(), Receiver(always=500)
    for r in (slack, hook, broken):
        await r.start()
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield slack, hook, broken, mailbox, port
    controller.stop()
    for r in (slack, hook, broken):
        await r.close()
