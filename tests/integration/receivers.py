"""Receivers on loopback for the notify tests: an HTTP endpoint that records and answers
from a script, and a mailbox for a real aiosmtpd server."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default as default_policy

from aiohttp import web

from tests.loopback import serve


class Receiver:
    """An HTTP endpoint that records requests and answers from a script (then 200 forever)."""

    def __init__(self, script: list[tuple[int, dict[str, str]]] | None = None, always: int | None = None) -> None:
        self.script = list(script or [])
        self.error_text = "no"  # the body of a non-200 answer
        self.always = always
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.accepted: list[tuple[dict[str, str], bytes]] = []
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        headers = dict(request.headers)
        self.requests.append((headers, body))
        if self.script:
            status, extra = self.script.pop(0)
        else:
            status, extra = (self.always or 200), {}
        if 200 <= status < 300:
            self.accepted.append((headers, body))
        return web.Response(status=status, text="ok" if status == 200 else self.error_text, headers=extra)

    async def start(self) -> "Receiver":
        app = web.Application()
        app.router.add_post("/{tail:.*}", self._handle)
        self._runner, port = await serve(app)
        self.url = f"http://127.0.0.1:{port}/hook/T000/B000/secretpath"
        return self

    async def close(self) -> None:
        if self._runner:
            await self._runner.cleanup()


class Mailbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=default_policy)))
        return "250 OK"
