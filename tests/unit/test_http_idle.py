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


@pytest.mark.parametrize("sent", [b"", b"a=1&"], ids=["headers-only", "part-of-the-body"])
async def test_a_body_that_stops_coming_is_answered_408_and_its_connection_closed(monkeypatch, sent):
    """A client that sent headers and part of a form, then nothing, held its descriptor and
    its handler for ever: 20,000 of them took every descriptor the process had."""
    monkeypatch.setattr(http, "BODY_READ_S", 0.3)
    read: list[bytes] = []

    async def form(request: web.Request) -> web.Response:
        read.append(await request.read())
        return web.Response(text="read")

    app = web.Application()
    app.router.add_post("/form", form)
    listener = http.Listener(app, "127.0.0.1:0")
    host, _, port = (await listener.start()).rpartition(":")
    try:
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(b"POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     b"Content-Length: 100\r\n\r\n" + sent)
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(), timeout=5)  # read to the end: the server closed it
        assert answer.startswith(b"HTTP/1.1 408")
        assert b"did not arrive within 0.3 s" in answer
        assert read == []
        writer.close()
        # A whole body, however slow its handler, is read as before.
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(b"POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc")
        assert (await asyncio.wait_for(reader.read(), timeout=5)).startswith(b"HTTP/1.1 200")
        assert read == [b"abc"]
        writer.close()
    finally:
        await listener.close()
