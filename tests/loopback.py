"""Real servers on 127.0.0.1 for tests: an aiohttp app on a free port, a free port."""

from __future__ import annotations

import socket

from aiohttp import web


async def serve(app: web.Application, **runner_options) -> tuple[web.AppRunner, int]:
    """Start `app` on a free loopback port; `runner.cleanup()` stops it."""
    runner = web.AppRunner(app, **runner_options)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner, runner.addresses[0][1]


def free_port() -> int:
    """A port nothing listens on now (for servers that insist on choosing their own)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
