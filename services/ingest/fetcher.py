"""One HTTP fetch of a source: conditional GET, redirects checked hop by hop, a deadline and
a body limit enforced while streaming, every failure mapped to a named error.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp import web

from services.ingest.errors import (
    BodyTooLarge,
    ClientHttpError,
    ConnectError,
    DnsError,
    FetchTimeout,
    RateLimited,
    ServerHttpError,
    TlsError,
    TooManyRedirects,
)
from services.runtime.addresses import AddressPolicy, pinned, resolve_checked
from services.runtime.retry import retry_after_s

ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
          "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1")
PERMANENT_REDIRECTS = (301, 308)
REDIRECTS = (301, 302, 303, 307, 308)
CHUNK_BYTES = 64 * 1024
HostCheck = Callable[[str, int], Awaitable[list[str]]]
# Sources may reach public addresses only, unless `[ingest] allow_private_networks` says otherwise.
INGEST_ADDRESSES = AddressPolicy(hint="set [ingest] allow_private_networks = true to allow it")


async def check_host(host: str, port: int) -> list[str]:
    """The addresses of `host` when ingest may reach every one (see `services.runtime.addresses`).

    Raises `BlockedAddress` or `DnsError`.
    """
    return await resolve_checked(host, port, INGEST_ADDRESSES)


@dataclass(frozen=True)
class FetchResult:
    """A 200 with its body, or a 304 (body empty)."""

    status: int
    url: str  # the URL that answered, after redirects
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    permanent_url: str | None  # set when every redirect hop was permanent: store it
    max_age_s: float | None  # Cache-Control max-age
    duration_s: float
    hub_url: str | None = None  # WebSub hub named in a `Link: <...>; rel="hub"` header
    self_url: str | None = None  # and the topic, `rel="self"`

    @property
    def not_modified(self) -> bool:
        return self.status == 304


async def fetch(
    http: aiohttp.ClientSession,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout_s: float = 20.0,
    max_body_bytes: int = 10 * 1024 * 1024,
    allow_private_networks: bool = False,
    max_redirects: int = 5,
    now: datetime | None = None,
    host_check: HostCheck = check_host,
) -> FetchResult:
    """GET `url` with the stored validators and return the answer.

    Redirects are followed here, at most `max_redirects`, and every hop's host is checked
    with `host_check` against private addresses (unless allowed). `timeout_s` bounds the
    whole fetch.

    Raises (all from `services.ingest.errors`): `DnsError`, `TlsError`, `ConnectError`,
    `FetchTimeout`, `RateLimited` (429), `ServerHttpError` (5xx), `ClientHttpError` (other
    4xx), `TooManyRedirects`, `BlockedAddress`, `BodyTooLarge`.
    """
    started = time.perf_counter()
    try:
        async with asyncio.timeout(timeout_s):
            return await _fetch(http, url, etag, last_modified, max_body_bytes,
                                None if allow_private_networks else host_check, max_redirects, started, now)
    except TimeoutError:
        raise FetchTimeout(f"timed out after {timeout_s:g} s") from None
    except aiohttp.ClientConnectorDNSError as exc:
        raise DnsError(f"DNS lookup failed: {exc.os_error or exc}") from None
    except (aiohttp.ClientConnectorCertificateError, aiohttp.ClientSSLError) as exc:
        raise TlsError(f"TLS failed: {exc}") from None
    except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError) as exc:
        raise ConnectError(f"connection failed: {exc.__class__.__name__}: {exc}") from None
    except aiohttp.ClientResponseError as exc:  # malformed response headers and the like
        raise ConnectError(f"bad HTTP response: {exc.message}") from None


async def _fetch(http, url, etag, last_modified, max_body_bytes, host_check, max_redirects, started, now):
    headers = {"Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    all_permanent = True
    for _hop in range(max_redirects + 1):
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ClientHttpError(f"not an http(s) URL: {current}", status=0)
        target, hop_headers, extra = current, headers, {}
        if host_check is not None:
            # Aimed at the address that was checked, not at the name: resolving it again
            # when connecting would let a changed DNS answer (rebinding) reach a private host.
            pin = pinned(current, await host_check(parts.hostname,
                                                   parts.port or (443 if parts.scheme == "https" else 80)))
            target, hop_headers, extra = pin.url, {**headers, **pin.headers}, pin.tls
        async with http.get(target, headers=hop_headers, allow_redirects=False, **extra) as resp:
            if resp.status in REDIRECTS and "Location" in resp.headers:
                all_permanent = all_permanent and resp.status in PERMANENT_REDIRECTS
                current = urljoin(current, resp.headers["Location"])
                continue
            _raise_for_status(resp, now)
            body = b""
            if resp.status != 304:
                body = await read_limited(resp, max_body_bytes)
            return FetchResult(
                status=resp.status,
                url=current,
                body=body,
                content_type=resp.headers.get("Content-Type"),
                etag=resp.headers.get("ETag"),
                last_modified=resp.headers.get("Last-Modified"),
                permanent_url=current if (current != url and all_permanent) else None,
                max_age_s=cache_max_age_s(resp.headers),
                duration_s=time.perf_counter() - started,
                hub_url=_link(resp, "hub", current),
                self_url=_link(resp, "self", current),
            )
    raise TooManyRedirects(f"more than {max_redirects} redirects")


def _link(resp: aiohttp.ClientResponse, rel: str, base: str) -> str | None:
    try:
        link = resp.links.get(rel)
    except ValueError:  # a malformed Link header is no reason to fail the fetch
        return None
    if not link or not link.get("url"):
        return None
    return urljoin(base, str(link["url"]))


def _raise_for_status(resp: aiohttp.ClientResponse, now: datetime | None) -> None:
    status = resp.status
    if status == 304 or 200 <= status < 300:
        return
    retry_after = retry_after_s(resp.headers.get("Retry-After"), now)
    if status == 429:
        raise RateLimited(f"HTTP 429 Too Many Requests (retry after {retry_after or '?'} s)",
                          retry_after_s=retry_after)
    if status >= 500:
        raise ServerHttpError(f"HTTP {status} {resp.reason or ''}".strip(), status=status, retry_after_s=retry_after)
    raise ClientHttpError(f"HTTP {status} {resp.reason or ''}".strip(), status=status)


async def read_limited(resp: aiohttp.ClientResponse | web.Request, max_body_bytes: int) -> bytes:
    """The whole body of a response (or of a request pushed to us), read to its end however
    many pieces it comes in; raises `BodyTooLarge` past `max_body_bytes`."""
    declared = resp.content_length
    if declared is not None and declared > max_body_bytes and "Content-Encoding" not in resp.headers:
        raise BodyTooLarge(f"body of {declared} bytes is over the limit of {max_body_bytes}")
    chunks: list[bytes] = []
    size = 0
    # Counted after decompression, so a small gzip bomb is stopped too.
    async for chunk in resp.content.iter_chunked(CHUNK_BYTES):
        size += len(chunk)
        if size > max_body_bytes:
            raise BodyTooLarge(f"body is over the limit of {max_body_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def cache_max_age_s(headers: Mapping[str, str]) -> float | None:
    """`Cache-Control: max-age=N` (or s-maxage) in seconds, or None."""
    value = headers.get("Cache-Control")
    if not value:
        return None
    for directive in value.split(","):
        key, _, arg = directive.strip().partition("=")
        if key.lower() in ("max-age", "s-maxage") and arg.strip().strip('"').isdigit():
            return float(arg.strip().strip('"'))
    return None
