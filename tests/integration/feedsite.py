"""A feed site on loopback for the ingest tests: documents, scripted answers, redirects, delays."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web

from tests.loopback import serve


@dataclass
class Doc:
    body: bytes
    content_type: str = "application/rss+xml; charset=utf-8"
    extra_headers: dict[str, str] = field(default_factory=dict)


class FeedSite:
    """Serves `docs[path]`; `script[path]` lists responses to give first (status codes, or
    callables returning a `web.Response`), then the document."""

    def __init__(self) -> None:
        self.docs: dict[str, Doc] = {}
        self.script: dict[str, list] = {}
        self.redirects: dict[str, tuple[int, str]] = {}
        self.delay_s: dict[str, float] = {}
        self.handlers: dict[str, Callable] = {}  # path -> custom aiohttp handler
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.statuses: list[tuple[str, int]] = []
        self._runner: web.AppRunner | None = None
        self.port = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    async def start(self) -> "FeedSite":
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner, self.port = await serve(app, shutdown_timeout=0.1)  # tests leave slow handlers behind
        return self

    async def close(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path_qs
        self.requests.append((path, dict(request.headers)))
        response = await self._respond(request, path)
        self.statuses.append((path, response.status))
        return response

    async def _respond(self, request: web.Request, path: str) -> web.StreamResponse:
        if path in self.delay_s:
            await asyncio.sleep(self.delay_s[path])
        if path in self.handlers:
            return await self.handlers[path](request)
        queue = self.script.get(path)
        if queue:
            step = queue.pop(0)
            if callable(step):
                return step()
            return web.Response(status=step, text=f"status {step}")
        if path in self.redirects:
            status, target = self.redirects[path]
            return web.Response(status=status, headers={"Location": target})
        doc = self.docs.get(path)
        if doc is None:
            return web.Response(status=404, text="no such feed")
        etag = '"' + hashlib.sha1(doc.body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=doc.body, headers={"ETag": etag, "Content-Type": doc.content_type,
                                                    **doc.extra_headers})


def rss(items: list[tuple[str, str]], *, title: str = "Loopback Wire", ttl_min: int | None = None) -> bytes:
    """An RSS 2.0 document with (guid, title) items, newest first."""
    ttl = f"<ttl>{ttl_min}</ttl>" if ttl_min else ""
    body = "".join(
        f"<item><guid isPermaLink='false'>{guid}</guid><title>{text}</title>"
        f"<link>/news/{guid}</link><description>About {text}.</description></item>"
        for guid, text in items
    )
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{title}</title>"
            f"{ttl}{body}</channel></rss>").encode()
