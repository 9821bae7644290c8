"""A connection that sends nothing, or half a request, is closed after `IDLE_CONNECTION_S`:
aiohttp's default held it an hour, and enough of them left the process no descriptor to
accept with or to poll feeds with."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from aiohttp import web

from services.runtime import http


@asynccontextmanager
async def listening(method: str, path: str, handler) -> AsyncIterator[tuple[str, int]]:  # noqa: ANN001
    """`handler` served at `path` by a `Listener` on a free port: its host and port."""
    app = web.Application()
    app.router.add_route(method, path, handler)
    listener = http.Listener(app, "127.0.0.1:0")
    host, _, port = (await listener.start()).rpartition(":")
    try:
        yield host, int(port)
    finally:
        await listener.close()


async def exchange(address: tuple[str, int], sent: bytes) -> bytes:
    """What the server answers to `sent` until it closes the connection."""
    reader, writer = await asyncio.open_connection(*address)
    try:
        writer.write(sent)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), timeout=5)
    finally:
        writer.close()


@pytest.mark.parametrize("sent", [b"", b"GET / HTTP/1.1\r\n"], ids=["nothing", "half-a-request"])
async def test_an_idle_connection_is_closed_and_the_listener_still_answers(monkeypatch, sent):
    monkeypatch.setattr(http, "IDLE_CONNECTION_S", 0.5)

    async def healthz(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    async with listening("GET", "/healthz", healthz) as address:
        assert await exchange(address, sent) == b""  # closed by the server
        answer = await exchange(address, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 200")


@pytest.mark.parametrize("sent", [b"", b"a=1&"], ids=["headers-only", "part-of-the-body"])
async def test_a_body_that_stops_coming_is_answered_408_and_its_connection_closed(monkeypatch, sent):
    """A client that sent headers and part of a form, then nothing, held its descriptor and
    its handler for ever: 20,000 of them took every descriptor the process had."""
    monkeypatch.setattr(http, "BODY_READ_S", 0.3)
    read: list[bytes] = []

    async def form(request: web.Request) -> web.Response:
        read.append(await request.read())
        return web.Response(text="read")

    async with listening("POST", "/form", form) as address:
        answer = await exchange(address, b"POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                         b"application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n" + sent)
        assert answer.startswith(b"HTTP/1.1 408")  # and closed: read to the end
        assert b"did not arrive within 0.3 s" in answer
        assert read == []
        # A whole body, however slow its handler, is read as before.
        answer = await exchange(address, b"POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                                         b"Connection: close\r\n\r\nabc")
        assert answer.startswith(b"HTTP/1.1 200")
        assert read == [b"abc"]
