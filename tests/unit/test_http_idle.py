"""A connection that sends nothing, or half a request, is closed after `IDLE_CONNECTION_S`:
aiohttp's default held it an hour, and enough of them left the process no descriptor to
accept with or to poll feeds with."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from services.runtime import http


@pytest.mark.parametrize("sent", [b"", b"GET / HTTP/1.1\r\n"], ids=["nothing", "half-a-request"])
async def test_an_idle_connection_is_closed_and_the_listener_still_answers(monkeypatch, sent):
    monkeypatch.setattr(http, "IDLE_CONNECTION_S", 0.5)
    async def healthz(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    listener = http.Listener(app, "127.0.0.1:0")
    host, _, port = (await listener.start()).rpartition(":")
    try:
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(sent)
        await writer.drain()
        assert await asyncio.wait_for(reader.read(), timeout=5) == b""  # closed by the server
        writer.close()
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert (await asyncio.wait_for(reader.read(), timeout=5)).startswith(b"HTTP/1.1 200")
        writer.close()
    finally:
        await listener.close()
