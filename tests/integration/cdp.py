"""Headless Chromium driven over the Chrome DevTools protocol (its websocket), for page tests.

Chromium is started with a new empty profile and `--remote-debugging-port=0`; the port it
chose is read from the `DevToolsActivePort` file it writes. Only loopback is used.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1")


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    """One Chromium process; `close()` stops it (by its own pid)."""

    def __init__(self, profile: Path) -> None:
        self.profile = profile
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0

    async def start(self, timeout_s: float = 20.0) -> "Browser":
        executable = chromium_path()
        assert executable, "chromium is not installed"
        self.profile.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen([executable, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}",
                                         "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout_s
        while not marker.exists() or not marker.read_text().strip():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("chromium did not open its DevTools port")
            await asyncio.sleep(0.05)
        self.port = int(marker.read_text().splitlines()[0])
        return self

    async def new_page(self, http: aiohttp.ClientSession) -> "Page":
        async with http.put(f"http://127.0.0.1:{self.port}/json/new?about:blank") as response:
            target = await response.json()
        page = Page(await http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=64 * 2**20))
        page.start()
        for domain in ("Page", "Runtime", "Log"):
            await page.send(f"{domain}.enable")
        return page

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Page:
    """One tab: commands with replies, and the console errors it reported."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._events: list[tuple[str, dict[str, Any]]] = []
        self._reader: asyncio.Task[None] | None = None
        self.errors: list[str] = []

    def start(self) -> None:
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            data = json.loads(message.data)
            if "id" in data:
                future = self._waiting.pop(data["id"], None)
                if future is not None and not future.done():
                    future.set_result(data)
                continue
            method, params = data.get("method", ""), data.get("params", {})
            self._events.append((method, params))
            if method == "Runtime.exceptionThrown":
                self.errors.append(json.dumps(params["exceptionDetails"])[:500])
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                self.errors.append(json.dumps(params.get("args"))[:500])
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                self.errors.append(params["entry"].get("text", "")[:500])

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        message_id = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[message_id] = future
        await self.ws.send_json({"id": message_id, "method": method, "params": params})
        reply = await asyncio.wait_for(future, 15)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def goto(self, url: str) -> None:
        seen = len(self._events)
        await self.send("Page.navigate", url=url)
        deadline = time.monotonic() + 15
        while not any(m == "Page.loadEventFired" for m, _ in self._events[seen:]):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not load")
            await asyncio.sleep(0.02)

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def wait_for(self, expression: str, timeout_s: float) -> float:
        """Seconds until `expression` is truthy; raises TimeoutError after `timeout_s`."""
        start = time.monotonic()
        while not await self.evaluate(expression):
            if time.monotonic() - start > timeout_s:
                raise TimeoutError(f"{expression} still false after {timeout_s} s")
            await asyncio.sleep(0.02)
        return time.monotonic() - start

    async def screenshot(self, path: Path) -> None:
        result = await self.send("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(result["data"]))

    async def close(self) -> None:
        await self.ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)
