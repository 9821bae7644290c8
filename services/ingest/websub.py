"""WebSub subscriber: push from a feed's hub, with polling kept as the safety net.

A feed that names a hub (`<link rel="hub">`) gets a subscription: ingest asks the hub to
send new content to `<public_url>/websub/<callback id>` with a secret of its own; the hub
verifies the intent with a GET carrying a challenge, which is echoed only for topics ingest
asked for. Pushed content must carry a valid `X-Hub-Signature` (HMAC of the body with the
secret); anything else is acknowledged and dropped, as the WebSub recommendation asks, so
a forger learns nothing.

Leases are renewed relative to the lease the hub granted (see `leases`), never more often
than once a minute, with backoff when the hub refuses or cannot be reached. A subscription
keeps one secret across its renewals, so a push signed before, during or after a renewal
is accepted; only a new hub gets a new secret. Subscriptions are stored in the ingest state
(`ingest_websub`), so a restart keeps the lease, the secret and the renewal schedule.

While a subscription is active the source is still polled, at `[websub] poll_interval_s`,
so a silent or broken hub costs at most one such interval.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import math
import random
import secrets
from collections.abc import Awaitable, Callable, Collection
from dataclasses import replace
from datetime import datetime

import aiohttp
from aiohttp import web

from services.ingest.errors import (
    BodyTooLarge,
    ClientHttpError,
    ConnectError,
    FetchTimeout,
    PublishFailed,
    RateLimited,
    ServerHttpError,
    error_code,
)
from services.ingest.fetcher import INGEST_ADDRESSES, read_limited
from services.ingest.leases import LeasePolicy
from services.ingest.state import IngestState, WebSubRecord
from services.runtime.addresses import ALLOW_ALL, guarded_target
from services.runtime.errors import PermanentError, RetryableError
from services.runtime.logs import get_logger
from services.runtime.retry import retry_after_s

SIGNATURE_METHODS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha384": hashlib.sha384,
                     "sha512": hashlib.sha512}

OnContent = Callable[[str, bytes, str | None], Awaitable[int]]


def new_callback_id() -> str:
    """The callback path segment of a new subscription: random, so that no one who reads
    the feed can name it and verify (or deny) a subscription in the hub's place."""
    return secrets.token_hex(12)


def derived_callback_id(source_key: str, topic: str) -> str:
    """The callback path segment that subscriptions were once given, derived from the
    public feed: such a subscription is forgotten on start-up and asked for anew."""
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
    # As bytes: a header of other letters than hex digits is a wrong signature, not an error.
    return hmac.compare_digest(expected.encode(), signature.strip().lower().encode("utf-8", "replace"))


class WebSubscriber:
    """Subscriptions of this process (mirrored in the ingest state), the callback handlers,
    and the renewal schedule."""

    def __init__(self, *, public_url: str, http: aiohttp.ClientSession, clock: Callable[[], datetime],
                 on_content: OnContent, state: IngestState, lease_s: int = 86400, timeout_s: float = 20.0,
                 max_body_bytes: int = 10 * 1024 * 1024, allow_private_networks: bool = False,
                 policy: LeasePolicy | None = None, rng: random.Random | None = None) -> None:
        self.public_url = public_url.rstrip("/")
        self._http = http
        self._clock = clock
        self._on_content = on_content
        self._state = state
        self.lease_s = lease_s
        self._timeout_s = timeout_s
        self._max_body_bytes = max_body_bytes
        self._allow_private = allow_private_networks
        self.policy = policy or LeasePolicy()
        self._reading = asyncio.Semaphore(PUSHES_READ_AT_ONCE)
        self._reading_for: set[str] = set()  # callback ids of the pushes being read
        self._rng = rng or random.Random()
        self._subs: dict[str, WebSubRecord] = {}
        self._in_flight: set[str] = set()

    def _now(self) -> float:
        return self._clock().timestamp()

    @property
    def subscriptions(self) -> dict[str, WebSubRecord]:
        """The subscriptions by callback id (a copy)."""
        return dict(self._subs)

    def _save(self, sub: WebSubRecord) -> WebSubRecord:
        # Memory and disk change together, so a restart resumes exactly where this left off.
        self._state.save_websub(sub)
        self._subs[sub.callback_id] = sub
        return sub

    def _forget(self, callback_ids: Collection[str]) -> None:
        if not callback_ids:
            return
        self._state.delete_websub(list(callback_ids))
        for cid in callback_ids:
            self._subs.pop(cid, None)

    def restore(self, source_keys: Collection[str]) -> None:
        """Load the stored subscriptions of these sources; forget those of sources no longer
        configured (their callback then answers 410, which tells the hub to stop).

        Requests that fell due while the process was down are spread over the next minutes
        (`LeasePolicy.restored_attempt_at`); the others keep their schedule.
        """
        now = self._now()
        stale: list[str] = []
        for sub in self._state.websub_subscriptions():
            if sub.source_key not in source_keys or sub.callback_id == derived_callback_id(sub.source_key, sub.topic):
                stale.append(sub.callback_id)
                continue
            at = self.policy.restored_attempt_at(sub.next_attempt_at, sub.lease_expires_at, now, self._rng)
            self._subs[sub.callback_id] = sub if at == sub.next_attempt_at else self._save(
                replace(sub, next_attempt_at=at))
        self._forget(stale)
        if self._subs or stale:
            active = sum(1 for s in self._subs.values() if self._live(s, now))
            first = min((s.next_attempt_at for s in self._subs.values()), default=None)
            get_logger().info("websub_restored", subscriptions=len(self._subs), active=active, forgotten=len(stale),
                              next_request_in_s=None if first is None else round(first - now, 1))

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/websub/{cid}", self._verify), web.post("/websub/{cid}", self._receive)]

    @staticmethod
    def _live(sub: WebSubRecord, now: float) -> bool:
        return sub.state == "active" and (sub.lease_expires_at or 0) > now

    def is_active(self, source_key: str) -> bool:
        """True while a verified, unexpired subscription pushes this source's content."""
        now = self._now()
        return any(s.source_key == source_key and self._live(s, now) for s in self._subs.values())

    def wants(self, source_key: str, hub: str, topic: str) -> bool:
        """True when this source has no subscription to this hub and topic yet: the poll that
        found them subscribes. Known subscriptions are renewed and retried on their own
        schedule (`renew_due`), not at each poll."""
        sub = self._find(source_key, topic)
        return sub is None or sub.hub != hub

    def _find(self, source_key: str, topic: str) -> WebSubRecord | None:
        return next((s for s in self._subs.values() if s.source_key == source_key and s.topic == topic), None)

    def forget_source(self, source_key: str) -> None:
        """Drop the subscriptions of a source whose document no longer names a hub."""
        stale = [cid for cid, s in self._subs.items() if s.source_key == source_key]
        if stale:
            self._forget(stale)
            get_logger().info("websub_forgotten", feed_url=source_key, subscriptions=len(stale))

    def due_for_renewal(self) -> list[WebSubRecord]:
        """Subscriptions whose next request (renewal or retry) is due and not under way."""
        now = self._now()
        return [s for s in self._subs.values() if s.next_attempt_at <= now and s.callback_id not in self._in_flight]

    async def subscribe(self, source_key: str, hub: str, topic: str) -> WebSubRecord:
        """Ask `hub` to push `topic` here. The subscription is active once the hub verifies it.

        A subscription already known under this hub keeps its secret; a new one (or one moved
        to another hub) gets a fresh secret, and the source's subscriptions to other topics
        are forgotten. Never raises for a failing hub: see `_request`.
        """
        sub = self._find(source_key, topic)
        if sub is None or sub.hub != hub:
            self._forget([c for c, s in self._subs.items() if s.source_key == source_key])
            sub = WebSubRecord(new_callback_id(), source_key, topic, hub, secrets.token_hex(20))
        return await self._request(sub)

    async def renew_due(self) -> int:
        """Send a request for every subscription due (renewals and retries, one at a time);
        returns how many were sent. Failures are logged and backed off, never raised."""
        sent = 0
        for sub in self.due_for_renewal():
            if sub.callback_id in self._subs:  # not forgotten meanwhile
                await self._request(self._subs[sub.callback_id])
                sent += 1
        return sent

    async def _request(self, sub: WebSubRecord) -> WebSubRecord:
        """Send one subscription request and schedule what follows.

        The request is stored as awaiting verification before it is sent (a hub may verify
        before it answers), with the next attempt set as if it failed; a verification moves
        that to the renewal time. A refusal (`ClientHttpError`, `ServerHttpError`,
        `RateLimited`), an unreachable hub (`ConnectError`, `FetchTimeout`, `DnsError`) or a
        blocked address is logged as `websub_subscribe_failed` and retried after a backoff.
        """
        now = self._now()
        cid = sub.callback_id
        renewal = sub.state == "active"
        attempts = sub.attempts + 1
        sub = self._save(replace(
            sub, state="active" if renewal else "pending", requested_at=now, awaiting_verification=True,
            attempts=attempts, next_attempt_at=now + self.policy.retry_delay_s(attempts, self._rng),
        ))
        log = get_logger().bind(callback_id=cid, hub=sub.hub, topic=sub.topic)
        self._in_flight.add(cid)
        try:
            await self._send(sub)
        except (RetryableError, PermanentError) as exc:
            current = self._subs.get(cid)
            if (current is None or current.hub != sub.hub or current.requested_at != now
                    or not current.awaiting_verification):
                return current or sub  # forgotten or replaced meanwhile, or verified even so
            delay = self.policy.retry_delay_s(attempts, self._rng, getattr(exc, "retry_after_s", None))
            code = error_code(exc)
            sub = self._save(replace(current, next_attempt_at=now + delay, last_error=f"{code}: {exc}"))
            log.warning("websub_subscribe_failed", error=code, message=str(exc), renewal=renewal,
                        attempts=attempts, retry_in_s=round(delay, 1))
            return sub
        finally:
            self._in_flight.discard(cid)
        log.info("websub_subscribe_requested", renewal=renewal, attempts=attempts)
        return self._subs.get(cid, sub)

    async def _send(self, sub: WebSubRecord) -> None:
        target = await guarded_target(sub.hub, ALLOW_ALL if self._allow_private else INGEST_ADDRESSES)
        form = {"hub.mode": "subscribe", "hub.topic": sub.topic,
                "hub.callback": f"{self.public_url}/websub/{sub.callback_id}",
                "hub.secret": sub.secret, "hub.lease_seconds": str(self.lease_s)}
        try:
            async with self._http.post(target.url, data=form, headers=target.headers, allow_redirects=False,
                                       timeout=aiohttp.ClientTimeout(total=self._timeout_s), **target.tls) as resp:
                # The answer goes to the logs: a hub quoting the request must not leak the secret.
                text = (await resp.content.read(2000)).decode(errors="replace").replace(sub.secret, "[secret]")
                wait_s = retry_after_s(resp.headers.get("Retry-After"), self._clock())
                if resp.status == 429:
                    raise RateLimited("hub answered HTTP 429", retry_after_s=wait_s)
                if resp.status >= 500:
                    raise ServerHttpError(f"hub answered HTTP {resp.status}", status=resp.status, retry_after_s=wait_s)
                if resp.status >= 300:
                    raise ClientHttpError(f"hub refused the subscription: HTTP {resp.status} {text[:200]}",
                                          status=resp.status)
        except TimeoutError:
            raise FetchTimeout(f"hub did not answer within {self._timeout_s:g} s") from None
        except aiohttp.ClientError as exc:
            raise ConnectError(f"hub unreachable: {exc.__class__.__name__}: {exc}") from None

    async def _verify(self, request: web.Request) -> web.Response:
        cid = request.match_info["cid"]
        sub = self._subs.get(cid)
        mode = request.query.get("hub.mode")
        topic = request.query.get("hub.topic")
        log = get_logger().bind(callback_id=cid, topic=topic)
        if sub is None or topic != sub.topic:
            log.warning("websub_verify_refused", mode=mode, reason="unknown subscription")
            return web.Response(status=404, text="unknown subscription")
        now = self._now()
        if mode == "denied":
            # A denial may come at any time (a hub may revoke); ask again after the longest backoff.
            retry_at = now + self.policy.retry.max_s
            self._save(replace(sub, state="denied", awaiting_verification=False, next_attempt_at=retry_at,
                               last_error=f"denied: {request.query.get('hub.reason', '')}"[:300]))
            log.warning("websub_denied", hub=sub.hub, reason=request.query.get("hub.reason"),
                        retry_in_s=round(retry_at - now, 1))
            return web.Response(text="ok")
        if mode != "subscribe":  # ingest never asks to unsubscribe: refuse forged unsubscriptions
            log.warning("websub_verify_refused", mode=mode, reason="not requested")
            return web.Response(status=404, text="not requested")
        challenge = request.query.get("hub.challenge", "")
        if not sub.awaiting_verification:
            if self._live(sub, now):
                # The hub verifies again what it verified before (e.g. it missed our answer):
                # confirm, but let only an answer to a request of ours move the lease.
                log.info("websub_reverified", hub=sub.hub)
                return web.Response(text=challenge)
            log.warning("websub_verify_refused", mode=mode, reason="not requested")
            return web.Response(status=404, text="not requested")
        lease_s = _lease_seconds(request.query.get("hub.lease_seconds"), self.lease_s)
        renew_in_s = self.policy.renewal_delay_s(lease_s, self._rng)
        self._save(replace(sub, state="active", awaiting_verification=False, verified_at=now, lease_s=lease_s,
                           lease_expires_at=now + lease_s, next_attempt_at=now + renew_in_s, attempts=0,
                           last_error=None))
        log.info("websub_subscribed", hub=sub.hub, lease_s=lease_s, renew_in_s=round(renew_in_s, 1))
        return web.Response(text=challenge)

    async def _receive(self, request: web.Request) -> web.Response:
        cid = request.match_info["cid"]
        sub = self._subs.get(cid)
        if sub is None:
            return web.Response(status=410, text="no such subscription")  # tells the hub to stop
        log = get_logger().bind(callback_id=cid, topic=sub.topic)
        if self._reading.locked() or cid in self._reading_for:
            # A push is held whole until its signature is checked: that many at once, however
            # many come (a flood of forged 10 MB pushes), one per subscription so that a slow
            # hub holds no other's, each for `BODY_READ_S` at most; the hub retries the others.
            log.warning("websub_push_deferred", reason="busy", retry_after_s=PUSH_RETRY_AFTER_S)
            return web.Response(status=503, text="busy reading other pushes",
                                headers={"Retry-After": str(PUSH_RETRY_AFTER_S)})
        try:
            self._reading_for.add(cid)
            async with self._reading:
                body = await read_limited(request, self._max_body_bytes)
        except BodyTooLarge:
            log.warning("websub_push_dropped", reason="too_large")
            return web.Response(status=413, text="too large")
        except web.RequestPayloadError:
            log.warning("websub_push_dropped", reason="bad_body")  # its compression is broken, or it was cut
            return web.Response(status=400, text="the body cannot be read")
        finally:
            self._reading_for.discard(cid)
        if not verify_signature(sub.secret, body, request.headers.get("X-Hub-Signature")):
            log.warning("websub_push_dropped", reason="bad_signature")
            return web.Response(status=202, text="accepted")
        try:
            new_items = await self._on_content(sub.source_key, body, request.headers.get("Content-Type"))
        except PushBusy:
            # The hub retries a push it was not given a 2xx for; polling stays the net.
            log.warning("websub_push_deferred", bytes=len(body), retry_after_s=PUSH_RETRY_AFTER_S)
            return web.Response(status=503, text="busy with this topic's earlier pushes",
                                headers={"Retry-After": str(PUSH_RETRY_AFTER_S)})
        except PublishFailed as exc:
            # The bus did not take the items: the hub retries the push, the poll is the net.
            log.warning("publish_failed", error=type(exc.cause).__name__, message=str(exc.cause),
                        retry_after_s=PUSH_RETRY_AFTER_S)
            return web.Response(status=503, text="cannot pass the items on now",
                                headers={"Retry-After": str(PUSH_RETRY_AFTER_S)})
        log.info("websub_push_received", bytes=len(body), new_items=new_items)
        return web.Response(status=202, text="accepted")


PUSHES_READ_AT_ONCE = 4
"""Pushes whose bodies are read at once, before their signatures can be checked."""

PUSH_RETRY_AFTER_S = 60
"""Retry-After of a push refused while the topic's earlier ones are still being read."""


class PushBusy(Exception):
    """A topic's push came while one of its pushes is being read and another waits: one
    source takes one parse worker at most, and what waits for it is bounded."""


MAX_LEASE_S = 30 * 86400
"""The longest lease a verification is taken to grant (more than asked): a subscription is
renewed at least this often, whatever the hub says."""


def _lease_seconds(value: str | None, asked_s: float) -> float:
    """The lease a verification grants, at most `MAX_LEASE_S` (or the lease asked, if
    longer); the lease asked when it is missing or not a positive number."""
    try:
        lease_s = float(value) if value is not None else float(asked_s)
    except ValueError:
        return float(asked_s)
    if not math.isfinite(lease_s) or lease_s <= 0:
        return float(asked_s)
    return min(lease_s, max(float(asked_s), MAX_LEASE_S))
