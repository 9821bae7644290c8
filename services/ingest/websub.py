"""WebSub subscriber: push from a feed's hub, with polling kept as the safety net.

A feed that names a hub (`<link rel="hub">`) gets a subscription: ingest asks the hub to
send new content to `<public_url>/websub/<callback id>` with a fresh secret; the hub
verifies the intent with a GET carrying a challenge, which is echoed only for topics ingest
asked for. Pushed content must carry a valid `X-Hub-Signature` (HMAC of the body with the
secret); anything else is acknowledged and dropped, as the WebSub recommendation asks, so
a forger learns nothing. Leases are renewed before they run out. While a subscription is
active the source is still polled, at `[websub] poll_interval_s`, so a silent or broken
hub costs at most one such interval.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

import aiohttp
from aiohttp import web

from services.ingest.fetcher import INGEST_ADDRESSES
from services.runtime.addresses import ALLOW_ALL, guarded_target
from services.ingest.errors import ClientHttpError, ConnectError, FetchTimeout, ServerHttpError
from services.runtime.logs import get_logger

SIGNATURE_METHODS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha384": hashlib.sha384,
                     "sha512": hashlib.sha512}

OnContent = Callable[[str, bytes, str | None], Awaitable[int]]


def callback_id(source_key: str, topic: str) -> str:
    """The callback path segment of a subscription: stable per source and topic."""
    return hashlib.sha256(f"{source_key}\n{topic}".encode()).hexdigest()[:24]


def verify_signature(secret: str, body: bytes, header: str | None) -> bool:
    """True when `header` (`method=hex`) is the HMAC of `body` with `secret`.

    Accepts the WebSub methods sha1, sha256, sha384 and sha512; anything else is False.
    """
    if not header or "=" not in header:
        return False
    method, _, signature = header.partition("=")
    digest = SIGNATURE_METHODS.get(method.strip().lower())
    if digest is None:
        return False
    expected = hmac.new(secret.encode(), body, digest).hexdigest()
    return hmac.compare_digest(expected, signature.strip().lower())


@dataclass
class Subscription:
    source_key: str
    topic: str
    hub: str
    secret: str
    requested_at: float
    state: str = "pending"  # pending | active | denied
    lease_expires_at: float | None = None
    last_push_at: float | None = None
    renewing: bool = False


class WebSubscriber:
    """Subscriptions of this process, the callback handlers, and lease renewal."""

    def __init__(self, *, public_url: str, http: aiohttp.ClientSession, clock: Callable[[], datetime],
                 on_content: OnContent, lease_s: int = 86400, timeout_s: float = 20.0,
                 max_body_bytes: int = 10 * 1024 * 1024, allow_private_networks: bool = False) -> None:
        self.public_url = public_url.rstrip("/")
        self._http = http
        self._clock = clock
        self._on_content = on_content
        self.lease_s = lease_s
        self._timeout_s = timeout_s
        self._max_body_bytes = max_body_bytes
        self._allow_private = allow_private_networks
        self.subscriptions: dict[str, Subscription] = {}

    def _now(self) -> float:
        return self._clock().timestamp()

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/websub/{cid}", self._verify), web.post("/websub/{cid}", self._receive)]

    def is_active(self, source_key: str) -> bool:
        """True while a verified, unexpired subscription pushes this source's content."""
        now = self._now()
        return any(s.source_key == source_key and s.state == "active" and (s.lease_expires_at or 0) > now
                   for s in self.subscriptions.values())

    def wants(self, source_key: str, hub: str, topic: str) -> bool:
        """True when the source has no live (or pending) subscription to this hub and topic."""
        sub = self.subscriptions.get(callback_id(source_key, topic))
        if sub is None or sub.hub != hub:
            return True
        if sub.state == "denied":
            return False
        if sub.state == "pending":
            return self._now() - sub.requested_at > self._timeout_s * 3  # the hub never verified
        return (sub.lease_expires_at or 0) <= self._now()  # lapsed: ask again

    def due_for_renewal(self) -> list[Subscription]:
        """Active subscriptions whose lease ends within a tenth of its length (at most an hour)."""
        now = self._now()
        margin = min(3600.0, self.lease_s / 10)
        return [s for s in self.subscriptions.values()
                if s.state == "active" and not s.renewing and s.lease_expires_at is not None
                and s.lease_expires_at - now < margin]

    async def subscribe(self, source_key: str, hub: str, topic: str) -> Subscription:
        """Ask `hub` to push `topic` here. The subscription is active once the hub verifies it.

        Raises `BlockedAddress` for a hub on a private address (unless allowed), and
        `ClientHttpError`, `ServerHttpError`, `ConnectError` or `FetchTimeout` when the hub
        refuses or cannot be reached.
        """
        cid = callback_id(source_key, topic)
        sub = Subscription(source_key, topic, hub, secrets.token_hex(20), self._now())
        previous = self.subscriptions.get(cid)
        if previous is not None and previous.state == "active":
            sub.state, sub.lease_expires_at = previous.state, previous.lease_expires_at  # keep pushing meanwhile
        self.subscriptions[cid] = sub
        target = await guarded_target(hub, ALLOW_ALL if self._allow_private else INGEST_ADDRESSES)
        form = {"hub.mode": "subscribe", "hub.topic": topic, "hub.callback": f"{self.public_url}/websub/{cid}",
                "hub.secret": sub.secret, "hub.lease_seconds": str(self.lease_s)}
        try:
            async with self._http.post(target.url, data=form, headers=target.headers, allow_redirects=False,
                                       timeout=aiohttp.ClientTimeout(total=self._timeout_s), **target.tls) as resp:
                text = (await resp.content.read(2000)).decode(errors="replace")
                if resp.status >= 500 or resp.status == 429:
                    raise ServerHttpError(f"hub answered HTTP {resp.status}", status=resp.status)
                if resp.status >= 300:
                    raise ClientHttpError(f"hub refused the subscription: HTTP {resp.status} {text[:200]}",
                                          status=resp.status)
        except TimeoutError:
            raise FetchTimeout(f"hub did not answer within {self._timeout_s:g} s") from None
        except aiohttp.ClientError as exc:
            raise ConnectError(f"hub unreachable: {exc.__class__.__name__}: {exc}") from None
        get_logger().info("websub_subscribe_requested", hub=hub, topic=topic, callback_id=cid)
        return sub

    async def renew_due(self) -> None:
        """Renew every subscription due for it; failures are logged and retried next time."""
        for sub in self.due_for_renewal():
            sub.renewing = True
            try:
                await self.subscribe(sub.source_key, sub.hub, sub.topic)
            except Exception as exc:  # noqa: BLE001 - logged by name; renewal is retried next round
                get_logger().warning("websub_renew_failed", hub=sub.hub, topic=sub.topic,
                                     error=getattr(exc, "code", type(exc).__name__), message=str(exc))
            finally:
                sub.renewing = False

    async def _verify(self, request: web.Request) -> web.Response:
        cid = request.match_info["cid"]
        sub = self.subscriptions.get(cid)
        mode = request.query.get("hub.mode")
        topic = request.query.get("hub.topic")
        log = get_logger().bind(callback_id=cid, topic=topic)
        if sub is None or topic != sub.topic:
            log.warning("websub_verify_refused", mode=mode, reason="unknown subscription")
            return web.Response(status=404, text="unknown subscription")
        if mode == "denied":
            sub.state = "denied"
            log.warning("websub_denied", hub=sub.hub, reason=request.query.get("hub.reason"))
            return web.Response(text="ok")
        if mode != "subscribe":  # ingest never asks to unsubscribe: refuse forged unsubscriptions
            log.warning("websub_verify_refused", mode=mode, reason="not requested")
            return web.Response(status=404, text="not requested")
        try:
            lease_s = float(request.query.get("hub.lease_seconds", self.lease_s))
        except ValueError:
            lease_s = float(self.lease_s)
        sub.state = "active"
        sub.lease_expires_at = self._now() + lease_s
        log.info("websub_subscribed", hub=sub.hub, lease_s=lease_s)
        return web.Response(text=request.query.get("hub.challenge", ""))

    async def _receive(self, request: web.Request) -> web.Response:
        cid = request.match_info["cid"]
        sub = self.subscriptions.get(cid)
        if sub is None:
            return web.Response(status=410, text="no such subscription")  # tells the hub to stop
        body = await request.content.read(self._max_body_bytes + 1)
        log = get_logger().bind(callback_id=cid, topic=sub.topic)
        if len(body) > self._max_body_bytes:
            log.warning("websub_push_dropped", reason="too_large")
            return web.Response(status=413, text="too large")
        if not verify_signature(sub.secret, body, request.headers.get("X-Hub-Signature")):
            log.warning("websub_push_dropped", reason="bad_signature")
            return web.Response(status=202, text="accepted")
        sub.last_push_at = self._now()
        new_items = await self._on_content(sub.source_key, body, request.headers.get("Content-Type"))
        log.info("websub_push_received", bytes=len(body), new_items=new_items)
        return web.Response(status=202, text="accepted")
