"""Real stand-ins on loopback for the outside world: a feed site, Slack, a webhook receiver,
an SMTP server, and `launchwatch` itself run as a separate process."""

from __future__ import annotations

import asyncio
import email
import hashlib
import hmac
import json
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from aiohttp import web
from aiosmtpd.controller import Controller

from tests.loopback import free_port, serve


@dataclass
class Received:
    at: float
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


class LoopbackSite:
    """One aiohttp server on 127.0.0.1 serving a feed, a Slack webhook and a generic webhook.

    `slack_script` lists the statuses Slack answers in turn (then 200 forever), with a
    Retry-After of `slack_retry_after_s` on 429s.
    """

    def __init__(self, feed_xml: str, *, webhook_secret: str | None = None) -> None:
        self.feed_xml = feed_xml
        self.webhook_secret = webhook_secret
        self.slack_script: list[int] = []
        self.slack_retry_after_s = 1
        self.slack_posts: list[Received] = []
        self.slack_accepted: list[Received] = []
        self.webhook_posts: list[Received] = []
        self.webhook_signature_errors: list[str] = []
        self.feed_requests = 0
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> "LoopbackSite":
        app = web.Application()
        app.router.add_get("/feed.xml", self._feed)
        app.router.add_post("/slack", self._slack)
        app.router.add_post("/webhook", self._webhook)
        self._runner, self.port = await serve(app)
        return self

    async def close(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    async def _feed(self, request: web.Request) -> web.Response:
        self.feed_requests += 1
        etag = '"' + hashlib.sha1(self.feed_xml.encode()).hexdigest() + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=self.feed_xml.encode(), content_type="application/rss+xml",
                            headers={"ETag": etag})

    async def _slack(self, request: web.Request) -> web.Response:
        received = Received(time.monotonic(), dict(request.headers), await request.read())
        self.slack_posts.append(received)
        if self.slack_script:
            status = self.slack_script.pop(0)
            if status == 429:
                return web.Response(status=429, text="rate_limited",
                                    headers={"Retry-After": str(self.slack_retry_after_s)})
            if status != 200:
                return web.Response(status=status, text="error")
        self.slack_accepted.append(received)
        return web.Response(text="ok")

    async def _webhook(self, request: web.Request) -> web.Response:
        body = await request.read()
        received = Received(time.monotonic(), dict(request.headers), body)
        if self.webhook_secret is not None:
            problem = verify_signature(self.webhook_secret, request.headers, body)
            if problem:
                self.webhook_signature_errors.append(problem)
                return web.Response(status=401, text=problem)
        self.webhook_posts.append(received)
        return web.Response(status=204)


def verify_signature(secret: str, headers, body: bytes, now_s: float | None = None, tolerance_s: int = 300) -> str | None:
    """What a receiver does with a launchwatch webhook: None when genuine, else the reason."""
    timestamp = headers.get("X-Launchwatch-Timestamp")
    signature = headers.get("X-Launchwatch-Signature", "")
    if not timestamp or not headers.get("X-Launchwatch-Delivery"):
        return "missing headers"
    if abs((now_s or time.time()) - int(timestamp)) > tolerance_s:
        return "stale timestamp"
    expected = "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        return "bad signature"
    return None


class MailSink:
    """A real SMTP server (aiosmtpd) on a free loopback port that keeps what it receives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.port = free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def __enter__(self) -> "MailSink":
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()


@dataclass
class LaunchwatchProcess:
    """`launchwatch <args>` as a child process, its JSON log lines written to a file (and
    its stderr too, unless `stderr_path` names a file of its own)."""

    args: list[str]
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)
    process: asyncio.subprocess.Process | None = None
    stderr_path: Path | None = None

    async def start(self) -> "LaunchwatchProcess":
        env = {**os.environ, **self.env}
        self._log = open(self.log_path, "ab")
        stderr = open(self.stderr_path, "ab") if self.stderr_path else asyncio.subprocess.STDOUT
        try:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "services.cli", *self.args, "--log-format", "json",
                stdout=self._log, stderr=stderr, env=env,
            )
        finally:
            if self.stderr_path:
                stderr.close()  # the child has its own copy
        return self

    async def stop(self, timeout_s: float = 20.0) -> int:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.wait_for(self.process.wait(), timeout_s)
        except TimeoutError:
            self.process.kill()
            code = await self.process.wait()
        self._log.close()
        return code

    async def kill(self) -> int:
        """SIGKILL: the process dies mid-work, closing nothing."""
        assert self.process is not None
        self.process.kill()
        code = await self.process.wait()
        self._log.close()
        return code

    def lines(self) -> list[dict]:
        out = []
        for raw in self.log_path.read_text(encoding="utf-8", errors="replace").splitlines():
            if raw.startswith("{"):
                out.append(json.loads(raw))
        return out

    def events(self, name: str) -> list[dict]:
        return [line for line in self.lines() if line.get("event") == name]


async def wait_for(condition: Callable[[], bool], timeout_s: float, what: str, check_alive=()) -> None:
    """Wait until `condition()` holds; fail naming `what` (and any child that died)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        for proc in check_alive:
            if proc.process is not None and proc.process.returncode is not None:
                raise AssertionError(f"{proc.args} exited with {proc.process.returncode} while waiting for {what}; "
                                     f"log tail:\n{proc.log_path.read_text(errors='replace')[-3000:]}")
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out after {timeout_s}s waiting for {what}")


def shared_state_config(tmp_path: Path, bootstrap_servers: str, topic_prefix: str, state_url: str,
                        **bus: object) -> Path:
    """A config file for `serve` on the broker and a PostgreSQL `[state] url`, listening on a
    port of its own; `bus` adds `[bus]` keys (numbers only)."""
    extra = "".join(f"{key} = {value}\n" for key, value in bus.items())
    config = tmp_path / "lw.toml"
    config.write_text(f'[bus]\nkind = "kafka"\nbootstrap_servers = "{bootstrap_servers}"\n'
                      f'topic_prefix = "{topic_prefix}"\n{extra}\n[state]\nurl = "{state_url}"\n\n'
                      '[http]\nlisten = "127.0.0.1:0"\n', encoding="utf-8")
    return config
