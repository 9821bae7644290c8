"""The process's one HTTP listener (`[http] listen`): `/healthz`, `/readyz`, `/metrics`.

Every `run` and `serve` process starts it before it reaches for the bus, so an
orchestrator sees the process alive (`/healthz` 200) but not ready (`/readyz` 503) while
the broker is unreachable. Readiness is a set of named conditions the plumbing and the
stages report into (`Readiness.set`): the bus connected, each consumer's partitions
assigned, each stage's state restored, the sources scheduled. `/readyz` answers 200 when
every condition reported so far holds, else 503 with a JSON body naming those that do not.

Stages add their own routes or sub-applications to `app` before the listener starts (see
`services.runtime.lifecycle.run_stages`, the `prepare` hook); after that the application
is frozen, as aiohttp requires.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from services.runtime import metrics
from services.runtime.errors import LaunchwatchError
from services.runtime.logs import get_logger


class ListenFailed(LaunchwatchError):
    """The listener could not bind its address (in use, not ours); the message names the key."""


class Readiness:
    """Named conditions that must all hold for the process to be ready.

    A condition is registered the first time it is set (usually to False, at the start of
    the work that makes it true), so `/readyz` never says ready before the work has begun.
    """

    def __init__(self) -> None:
        self._conditions: dict[str, bool] = {}
        self._checks: dict[str, Callable[[], bool]] = {}
        self._roles: dict[str, str] = {}

    def set(self, name: str, ok: bool) -> None:
        self._conditions[name] = ok

    def check(self, name: str, probe: Callable[[], bool]) -> None:
        """A condition evaluated at each request (e.g. a consumer's assignment); it replaces
        a value `set` under the same name before the probe existed."""
        self._conditions.pop(name, None)
        self._checks[name] = probe

    def forget(self, name: str) -> None:
        self._conditions.pop(name, None)
        self._checks.pop(name, None)

    def role(self, name: str, text: str) -> None:
        """Say what this instance does now for `name` (e.g. `events`: `standby`); shown in
        the `/readyz` body as `roles`, whatever the status. It decides nothing."""
        self._roles[name] = text

    def roles(self) -> dict[str, str]:
        return dict(sorted(self._roles.items()))

    def not_ready(self) -> list[str]:
        """The names of the conditions that do not hold now, sorted."""
        failing = [name for name, ok in self._conditions.items() if not ok]
        failing += [name for name, probe in self._checks.items() if not probe()]
        return sorted(failing)

    def ready(self) -> bool:
        return bool(self._conditions or self._checks) and not self.not_ready()


_current: contextvars.ContextVar[Readiness | None] = contextvars.ContextVar("launchwatch_readiness", default=None)


def bind_readiness(readiness: Readiness) -> None:
    """Make `readiness` the one `report_ready` writes to in this context (each stage task
    inherits it from the process)."""
    _current.set(readiness)


def report_ready(name: str, ok: bool) -> None:
    """Set a readiness condition of this process; nothing happens outside a process
    started by `run_stages` (unit tests building a stage by hand)."""
    readiness = _current.get()
    if readiness is not None:
        readiness.set(name, ok)


def report_role(name: str, text: str) -> None:
    """Set a role of this process (see `Readiness.role`); nothing happens outside a process
    started by `run_stages`."""
    readiness = _current.get()
    if readiness is not None:
        readiness.role(name, text)


def current_readiness() -> Readiness | None:
    return _current.get()


def make_app(readiness: Readiness) -> web.Application:
    """The process's application with its three probes; add stage routes before starting it."""

    async def healthz(request: web.Request) -> web.Response:
        return web.json_response({"status": "alive"})

    async def readyz(request: web.Request) -> web.Response:
        failing = readiness.not_ready()
        roles = readiness.roles()
        extra = {"roles": roles} if roles else {}
        if failing or not readiness.ready():
            return web.json_response({"status": "not_ready", "not_ready": failing or ["starting"], **extra},
                                     status=503)
        return web.json_response({"status": "ready", **extra})

    async def metrics_endpoint(request: web.Request) -> web.Response:
        body, content_type = metrics.render()
        # aiohttp wants the charset apart from the media type.
        media, _, params = content_type.partition(";")
        charset = params.split("charset=")[-1].strip() if "charset=" in params else "utf-8"
        response = web.Response(body=body, headers={"X-Content-Type-Options": "nosniff"})
        response.content_type = media.strip()
        response.charset = charset
        return response

    metrics.READY.set_function(lambda: 1.0 if readiness.ready() else 0.0)
    app = web.Application()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics_endpoint)
    return app


IDLE_CONNECTION_S = 30.0
"""How long a connection may wait between requests, or for the rest of one it began (aiohttp's
keep-alive timeout, which also runs from the connection's start): aiohttp's default is an
hour, so a client that opens connections and sends nothing held a descriptor each, until
the process had none left to accept with or to poll feeds with."""


BODY_READ_S = IDLE_CONNECTION_S
"""How long a request's body may take to arrive, from the end of its headers: a client that
sends headers and part of a body (a form, a WebSub push) and then nothing would otherwise
hold its descriptor, and whatever its handler holds while it reads, for ever."""


class BodyTimeout(Exception):
    """A request's body did not arrive within `BODY_READ_S`."""


@web.middleware
async def _body_deadline(request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                         ) -> web.StreamResponse:
    """Answers 408 and closes the connection when the body has not wholly arrived
    `BODY_READ_S` after the handler began: whatever reads it then gets `BodyTimeout`."""
    if not request.body_exists:
        return await handler(request)

    def expire() -> None:
        if not request.content.is_eof():
            request.content.set_exception(BodyTimeout(f"the request body did not arrive within {BODY_READ_S:g} s"))

    timer = asyncio.get_running_loop().call_later(BODY_READ_S, expire)
    try:
        return await handler(request)
    except BodyTimeout as exc:
        get_logger().warning("request_body_timeout", method=request.method, path=request.path, timeout_s=BODY_READ_S)
        response = web.Response(status=408, text=f"{exc}\n")
        response.force_close()
        return response
    finally:
        timer.cancel()


def app_runner(app: web.Application, **kwargs: Any) -> web.AppRunner:
    """The runner of every listener of the service: no access log, idle connections closed,
    bodies read within `BODY_READ_S`."""
    if _body_deadline not in app.middlewares:
        app.middlewares.append(_body_deadline)
    return web.AppRunner(app, access_log=None, keepalive_timeout=IDLE_CONNECTION_S, **kwargs)


class Listener:
    """Serves an application on `host:port` (port 0: an ephemeral port, see `address`)."""

    def __init__(self, app: web.Application, listen: str, origin: str = "[http] listen", **runner: Any) -> None:
        self._app = app
        self._listen = listen
        self._origin = origin
        self._runner_options = runner  # for `app_runner` (a `shutdown_timeout`)
        self._runner: web.AppRunner | None = None
        self.address = listen

    async def start(self) -> str:
        """Bind and serve; returns the bound address `host:port`.

        Raises `ListenFailed` naming the setting (`origin`) when the address cannot be bound."""
        host, _, port = self._listen.rpartition(":")
        host = host.strip("[]")
        self._runner = app_runner(self._app, **self._runner_options)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, int(port))
        try:
            await site.start()
        except OSError as exc:
            await self._runner.cleanup()
            self._runner = None
            raise ListenFailed(f"cannot listen on {self._listen} ({self._origin}): {exc.strerror or exc}") from None
        addresses = self._runner.addresses
        if addresses:
            port_bound = addresses[0][1]
            self.address = f"{host}:{port_bound}" if ":" not in host else f"[{host}]:{port_bound}"
        return self.address

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
