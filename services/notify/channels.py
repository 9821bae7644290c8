"""Sending one rendered alert over one channel, with failures named by what to do next.

Each sender does exactly one attempt and raises `RetryableError` (timeouts, connection
errors, DNS failures, 5xx, 429, SMTP 4xx; with the server's Retry-After when it gave one) or
`PermanentError` (other 4xx, Slack errors such as `channel_not_found`, SMTP 5xx, and
`BlockedAddress` for a destination the address guard refuses). Retrying is the caller's
job. Every connection goes to an address the guard checked (`services.runtime.addresses`).
Error messages never contain a URL, token or secret.
"""

from __future__ import annotations

import asyncio
import os
import json
import ssl
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any, Protocol, TextIO

import aiohttp

from schemas import LaunchEvent
from services.notify.alert import Alert, Digest
from services.notify.render_console import render_console, render_console_digest
from services.notify.render_email import render_email, render_email_digest
from services.notify.render_slack import render_slack, render_slack_digest, render_slack_parent
from services.notify.render_webhook import render_webhook, webhook_headers
from services.notify.settings import SmtpSettings, SubscriptionSettings
from services.runtime.addresses import AddressPolicy, connect_checked, guarded_target
from services.runtime.errors import PermanentError, RetryableError
from services.runtime.logs import get_logger, release_stdout
from services.runtime.retry import retry_after_s

if TYPE_CHECKING:
    import aiosmtplib


def _event_png(event: LaunchEvent) -> bytes | None:
    # The map painter (numpy, Pillow: a fifth of a second of CPU to import) is loaded by the
    # first email, in its thread, not by every notify process at start-up.
    from services.web.mapdraw import event_png  # pure: the event and the shipped basemap in, PNG out

    return event_png(event)


Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[None]]

# Slack Web API errors worth another try; every other `ok: false` is permanent.
SLACK_RETRYABLE_ERRORS = {"ratelimited", "internal_error", "fatal_error", "service_unavailable",
                          "request_timeout", "team_added_to_org"}


class Channel(Protocol):
    async def send(self, alert: Alert, sub: SubscriptionSettings) -> str | None:
        """Deliver `alert` once; return the channel's handle of the message (or None)."""

    async def send_digest(self, digest: Digest, sub: SubscriptionSettings) -> str | None:
        """Deliver one digest message once (not for webhooks, which are always instant)."""


def error_for_status(status: int, what: str, retry_after_s: float | None = None) -> Exception:
    """The error an HTTP status stands for: 408/425/429/5xx retryable, other 4xx permanent."""
    if status in (408, 425, 429) or status >= 500:
        return RetryableError(f"{what} answered HTTP {status}", retry_after_s=retry_after_s)
    return PermanentError(f"{what} answered HTTP {status}")


class DestinationPacer:
    """One queue per destination: messages to one destination leave at most one per `interval_s`.

    Holding a destination's turn while its message is sent keeps them in order; other
    destinations are not held up.
    """

    def __init__(self, interval_s: float, *, monotonic: Callable[[], float] = time.monotonic,
                 sleep: Sleep = asyncio.sleep) -> None:
        self._interval_s = interval_s
        self._monotonic = monotonic
        self._sleep = sleep
        self._locks: dict[str, asyncio.Lock] = {}
        self._last: dict[str, float] = {}

    @asynccontextmanager
    async def turn(self, destination: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(destination, asyncio.Lock())
        async with lock:
            if destination in self._last and self._interval_s > 0:
                wait_s = self._last[destination] + self._interval_s - self._monotonic()
                if wait_s > 0:
                    await self._sleep(wait_s)
            try:
                yield
            finally:
                self._last[destination] = self._monotonic()


# A receiver's answer is read this far at most: Slack's chat.postMessage echoes the message
# (kilobytes); a receiver that streams an endless body must not fill the memory.
MAX_ANSWER_BYTES = 256 * 1024


async def _answer(resp: aiohttp.ClientResponse) -> str:
    """The answer's first `MAX_ANSWER_BYTES` as text; the rest is not read (the connection
    is then closed rather than reused)."""
    chunks, size = [], 0
    async for chunk in resp.content.iter_chunked(64 * 1024):
        chunks.append(chunk)
        size += len(chunk)
        if size >= MAX_ANSWER_BYTES:
            resp.close()
            break
    body = b"".join(chunks)[:MAX_ANSWER_BYTES]
    try:
        return body.decode(resp.charset or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know
        return body.decode("utf-8", errors="replace")


async def _post(http: aiohttp.ClientSession, url: str, *, what: str, timeout_s: float, clock: Clock,
                addresses: AddressPolicy, data: bytes | None = None, json_body: Any = None,
                headers: dict[str, str] | None = None) -> tuple[int, str, float | None]:
    """One POST to a checked address of `url`'s host: (status, answer text, Retry-After
    seconds); the answer is read to `MAX_ANSWER_BYTES` at most.

    Network trouble becomes RetryableError; a host the `addresses` policy refuses raises
    `BlockedAddress` (permanent) before anything is sent.
    """
    try:
        target = await guarded_target(url, addresses)
    except PermanentError as exc:
        raise type(exc)(f"{what}: {exc}") from None
    except RetryableError as exc:  # DNS
        raise RetryableError(f"{what}: {exc}") from None
    try:
        async with http.post(target.url, data=data, json=json_body, headers={**(headers or {}), **target.headers},
                             allow_redirects=False, timeout=aiohttp.ClientTimeout(total=timeout_s),
                             **target.tls) as resp:
            return resp.status, await _answer(resp), retry_after_s(resp.headers.get("Retry-After"), clock())
    except asyncio.TimeoutError:
        raise RetryableError(f"{what} did not answer within {timeout_s:g} s") from None
    except aiohttp.InvalidURL:
        raise PermanentError(f"{what}: the configured url is not a valid URL") from None
    except aiohttp.ClientError as exc:
        raise RetryableError(f"{what}: {trouble(exc)}") from None


def trouble(exc: aiohttp.ClientError) -> str:
    """What went wrong on the wire, for an error message: the host and port and the system's
    reason, or what was wrong with the answer. aiohttp's own message may carry the URL,
    which can be a secret (a Slack webhook's path), so it is never used whole."""
    name = type(exc).__name__
    if isinstance(exc, aiohttp.ClientConnectorError):
        error = exc.os_error
        return f"cannot connect to {exc.host}:{exc.port}: {os.strerror(error.errno) if error.errno else error.strerror or name}"
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "the receiver closed the connection without a whole answer"
    if isinstance(exc, aiohttp.ClientPayloadError):
        return "the answer's body broke off"
    if isinstance(exc, aiohttp.ClientResponseError):  # what aiohttp could not read as HTTP
        return f"an answer that is not valid HTTP: {' '.join(exc.message.split())[:200]}"
    return f"connection failed ({name})" if isinstance(exc, aiohttp.ClientConnectionError) else \
        f"HTTP client error ({name})"


def _refused_image(message: dict[str, Any], exc: PermanentError) -> bool:
    """Whether Slack refused `message` for its blocks while it carries an image block (Slack
    answers `invalid_blocks` when it cannot download an image)."""
    return "invalid_blocks" in str(exc) and any(b.get("type") == "image" for b in message.get("blocks", []))


class SlackWebhookChannel:
    """Slack incoming webhooks: the full message, or a compact one for an update."""

    def __init__(self, http: aiohttp.ClientSession, pacer: DestinationPacer, *, timeout_s: float,
                 clock: Clock, addresses: AddressPolicy, public_url: str | None = None) -> None:
        self._http, self._pacer, self._timeout_s, self._clock = http, pacer, timeout_s, clock
        self._addresses = addresses
        self._public_url = public_url  # `[web] public_url`: where Slack fetches the map image

    async def send(self, alert: Alert, sub: SubscriptionSettings) -> str | None:
        message = render_slack(alert, public_url=self._public_url)
        try:
            return await self._post_message(message, sub)
        except PermanentError as exc:
            if not _refused_image(message, exc):
                raise
        # Slack could not fetch the map (not public, or not yet stored by the web stage):
        # the alert matters more than its picture.
        return await self._post_message(render_slack(alert), sub)

    async def send_digest(self, digest: Digest, sub: SubscriptionSettings) -> str | None:
        return await self._post_message(render_slack_digest(digest, public_url=self._public_url), sub)

    async def _post_message(self, message: dict[str, Any], sub: SubscriptionSettings) -> None:
        assert sub.url is not None
        url = sub.url.get_secret_value()
        async with self._pacer.turn(url):
            status, body, retry_after = await _post(self._http, url, what="slack webhook", json_body=message,
                                                    timeout_s=self._timeout_s, clock=self._clock,
                                                    addresses=self._addresses)
        if 200 <= status < 300:
            return None
        raise error_for_status(status, f"slack webhook ({body[:60].strip() or 'no body'})", retry_after)


class SlackApiChannel:
    """Slack Web API with a bot token: chat.postMessage, updates in the first alert's thread,
    and chat.update of the first alert when a source corrects or retracts the event."""

    def __init__(self, http: aiohttp.ClientSession, pacer: DestinationPacer, *, api_url: str, timeout_s: float,
                 clock: Clock, addresses: AddressPolicy, public_url: str | None = None) -> None:
        self._http, self._pacer, self._timeout_s, self._clock = http, pacer, timeout_s, clock
        self._api_url = api_url.rstrip("/")
        self._addresses = addresses
        self._public_url = public_url  # `[web] public_url`: where Slack fetches the map image

    async def _call(self, method: str, token: str, payload: dict[str, Any], destination: str) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json; charset=utf-8"}
        async with self._pacer.turn(destination):
            status, body, retry_after = await _post(self._http, f"{self._api_url}/{method}", what=f"slack {method}",
                                                    json_body=payload, headers=headers,
                                                    timeout_s=self._timeout_s, clock=self._clock,
                                                    addresses=self._addresses)
        if not 200 <= status < 300:
            raise error_for_status(status, f"slack {method}", retry_after)
        try:
            answer = json.loads(body)
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            raise RetryableError(f"slack {method} answered with a body that is not a JSON object")
        if not answer.get("ok"):
            error = str(answer.get("error", "unknown_error"))[:80]
            if error in SLACK_RETRYABLE_ERRORS:
                raise RetryableError(f"slack {method} error {error}", retry_after_s=retry_after)
            raise PermanentError(f"slack {method} error {error}")
        return answer

    async def send(self, alert: Alert, sub: SubscriptionSettings) -> str | None:
        assert sub.token is not None and sub.slack_channel
        token = sub.token.get_secret_value()
        destination = f"api:{sub.slack_channel}"
        message = render_slack(alert, public_url=self._public_url)
        payload: dict[str, Any] = {"channel": sub.slack_channel, **message}
        if alert.kind == "update" and alert.thread_ref:
            payload["thread_ts"] = alert.thread_ref
            # A walk-back is news for the whole channel, not only for the thread's readers.
            payload["reply_broadcast"] = alert.event.status in ("corrected", "retracted") or "correction" in alert.changed
        try:
            answer = await self._call("chat.postMessage", token, payload, destination)
        except PermanentError as exc:
            if not _refused_image(message, exc):
                raise
            # As for webhooks: without the map rather than not at all.
            payload.update(render_slack(alert))
            answer = await self._call("chat.postMessage", token, payload, destination)
        if alert.kind == "update" and alert.thread_ref:
            # The channel's message keeps the event's current facts and status, so a reader
            # of the channel is not left with "(reported)" while the thread says confirmed.
            # A walk-back's rewrite must land (its delivery retries until it does); any other
            # is a courtesy that a deleted or too old parent does not fail.
            walk_back = alert.event.status in ("corrected", "retracted") or "correction" in alert.changed
            try:
                await self._rewrite_parent(alert, sub, token, destination)
            except (PermanentError, RetryableError) as exc:
                if walk_back:
                    raise
                get_logger().warning("slack_parent_not_updated", subscription=sub.name,
                                     event_id=alert.event.event_id, error=str(exc))
        return str(answer.get("ts")) if answer.get("ts") else None

    async def _rewrite_parent(self, alert: Alert, sub: SubscriptionSettings, token: str, destination: str) -> None:
        rewrite = render_slack_parent(alert, public_url=self._public_url)
        parent = {"channel": sub.slack_channel, "ts": alert.thread_ref, **rewrite}
        try:
            await self._call("chat.update", token, parent, destination)
        except PermanentError as exc:
            if not _refused_image(rewrite, exc):
                raise
            await self._call("chat.update", token, {**parent, **render_slack_parent(alert)}, destination)

    async def send_digest(self, digest: Digest, sub: SubscriptionSettings) -> str | None:
        assert sub.token is not None and sub.slack_channel
        payload = {"channel": sub.slack_channel, **render_slack_digest(digest, public_url=self._public_url)}
        answer = await self._call("chat.postMessage", sub.token.get_secret_value(), payload, f"api:{sub.slack_channel}")
        return str(answer.get("ts")) if answer.get("ts") else None


class WebhookChannel:
    """Generic webhooks: the signed JSON POST of the contract; any 2xx is success."""

    def __init__(self, http: aiohttp.ClientSession, *, timeout_s: float, clock: Clock,
                 addresses: AddressPolicy) -> None:
        self._http, self._timeout_s, self._clock = http, timeout_s, clock
        self._addresses = addresses

    async def send(self, alert: Alert, sub: SubscriptionSettings) -> str | None:
        assert sub.url is not None
        body = render_webhook(alert)
        secret = sub.secret.get_secret_value() if sub.secret else None
        headers = webhook_headers(alert.delivery_id, body, timestamp=int(self._clock().timestamp()), secret=secret)
        status, _, retry_after = await _post(self._http, sub.url.get_secret_value(), what="webhook", data=body,
                                             headers=headers, timeout_s=self._timeout_s, clock=self._clock,
                                             addresses=self._addresses)
        if 200 <= status < 300:
            return None
        raise error_for_status(status, "webhook", retry_after)


def smtp_error(exc: BaseException, timeout_s: float, server: str = "") -> RetryableError | PermanentError:
    """The error an SMTP failure stands for: 4xx replies and network trouble retryable, 5xx
    permanent; a connection that failed names the server (`host:port`)."""
    import aiosmtplib

    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        codes = ", ".join(str(r.code) for r in exc.recipients)
        if any(400 <= r.code < 500 for r in exc.recipients):
            return RetryableError(f"smtp: recipients deferred ({codes})")
        return PermanentError(f"smtp: recipients refused ({codes})")
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        error = RetryableError if 400 <= exc.code < 500 else PermanentError
        return error(f"smtp: server answered {exc.code} {exc.message[:80]}")
    if isinstance(exc, (aiosmtplib.SMTPTimeoutError, asyncio.TimeoutError)):
        return RetryableError(f"smtp: no answer within {timeout_s:g} s")
    if isinstance(exc, ssl.SSLError):
        return PermanentError(f"smtp: TLS failed ({exc.reason or type(exc).__name__})")
    if isinstance(exc, (aiosmtplib.SMTPConnectError, aiosmtplib.SMTPServerDisconnected, OSError)):
        to = f" to {server}" if server else ""
        return RetryableError(f"smtp: connection{to} failed ({type(exc).__name__})")
    return PermanentError(f"smtp: {type(exc).__name__}: {str(exc)[:120]}")


class EmailChannel:
    """E-mail over SMTP through the process's one client: connected (TLS, login) on first
    use, reused for the next messages one at a time, and reconnected after any failure.

    The connection goes to a checked address of `[smtp] host` (the name is kept for
    STARTTLS/TLS certificate checks); a host the `addresses` policy refuses raises
    `BlockedAddress`.
    """

    serial = True
    """One message at a time through the one connection: the deliverer gives its attempts no
    `[notify] concurrency` slot, which they would hold only to wait for the connection."""

    def __init__(self, smtp: SmtpSettings, addresses: AddressPolicy, public_url: str | None = None) -> None:
        self._smtp = smtp
        self._addresses = addresses
        self._public_url = public_url  # `[web] public_url`: messages link to the event's page
        # Read here, so that a missing or bad `[smtp] ca_file` stops start-up.
        self._tls_context = None
        if smtp.starttls or smtp.use_tls:
            self._tls_context = ssl.create_default_context(cafile=smtp.ca_file)
        # Made for the first message: every notify process builds this channel, most send no
        # e-mail, and aiosmtplib is then never imported.
        self._client: aiosmtplib.SMTP | None = None
        self._lock = asyncio.Lock()

    def _smtp_client(self) -> aiosmtplib.SMTP:
        if self._client is None:
            import aiosmtplib

            smtp = self._smtp
            self._client = aiosmtplib.SMTP(
                hostname=smtp.host,
                port=smtp.port,
                username=smtp.username,
                password=smtp.password.get_secret_value() if smtp.password else None,
                use_tls=smtp.use_tls,
                start_tls=smtp.starttls,
                tls_context=self._tls_context,
                timeout=smtp.timeout_s,
            )
        return self._client

    async def close(self) -> None:
        async with self._lock:
            await self._drop()

    async def _drop(self) -> None:
        if self._client is not None and self._client.is_connected:
            from aiosmtplib import SMTPException

            try:
                await self._client.quit()
            except (SMTPException, OSError, asyncio.TimeoutError):
                self._client.close()

    async def send(self, alert: Alert, sub: SubscriptionSettings) -> str | None:
        # Painting the map takes tens of milliseconds of CPU: off the loop.
        map_png = await asyncio.to_thread(_event_png, alert.event)
        return await self._send_message(render_email(alert, sender=self._smtp.sender, to=sub.to, map_png=map_png,
                                                     public_url=self._public_url))

    async def send_digest(self, digest: Digest, sub: SubscriptionSettings) -> str | None:
        return await self._send_message(render_email_digest(digest, sender=self._smtp.sender, to=sub.to,
                                                            public_url=self._public_url))

    async def _send_message(self, message: EmailMessage) -> str:
        smtp = self._smtp
        async with self._lock:
            client = self._smtp_client()
            from aiosmtplib import SMTPException

            try:
                if not client.is_connected:
                    await self._connect(client)
                await client.send_message(message)
            except (SMTPException, OSError, asyncio.TimeoutError) as exc:
                # Whatever state the session is in, the next message starts a fresh one.
                client.close()
                raise smtp_error(exc, smtp.timeout_s, f"{smtp.host}:{smtp.port}") from None
            except BaseException:
                client.close()
                raise
        return str(message["Message-ID"])

    async def _connect(self, client: aiosmtplib.SMTP) -> None:
        smtp = self._smtp
        try:
            sock = await connect_checked(smtp.host, smtp.port, self._addresses, timeout_s=smtp.timeout_s)
        except (PermanentError, RetryableError) as exc:  # blocked address, DNS
            raise type(exc)(f"smtp: {exc}") from None
        try:
            # A connected socket: aiosmtplib then takes no port, and keeps `hostname` for TLS.
            await client.connect(sock=sock, port=None)
        except BaseException:
            sock.close()
            raise


class ConsoleChannel:
    """Prints the alert as a readable block when stdout is a terminal (or `always`).

    Off a terminal stdout carries JSON logs, so the alert shows as its `alert_delivered`
    line (which then also carries the summary) and nothing else is written there; with
    `always` the block goes to stderr instead, so stdout stays one JSON object per line.
    A reader that went away (a closed pipe) ends the printing, not the delivery.
    """

    def __init__(self, mode: str = "auto", stream: TextIO | None = None, fallback: TextIO | None = None) -> None:
        stream = stream or sys.stdout
        terminal = stream.isatty()
        self.prints = mode == "always" or (mode == "auto" and terminal)
        self._stream = stream if terminal or mode != "always" else (fallback or sys.stderr)

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except BrokenPipeError:
            if self._stream is sys.stdout:
                release_stdout()
            self.prints = False

    async def send(self, alert: Alert, sub: SubscriptionSettings) -> str | None:
        if self.prints:
            self._write(render_console(alert))
        return None

    async def send_digest(self, digest: Digest, sub: SubscriptionSettings) -> str | None:
        if self.prints:
            self._write(render_console_digest(digest))
        return None
