"""What hostile inputs cost, and how long a healthy feed waits beside a hostile one.

    python bench/hostile_inputs.py

Prints, each measured in a fresh process (peak RSS is that process's high-water mark, less
what it held before the call; time is wall time of the call):

- `parse_feed` on a 10 MB ill-formed, deeply nested XML feed, and on one that stays under
  the tag bound (text between the tags) so that the depth scan refuses it;
- `parse_page` on a 10 MB nested HTML page;
- one Japanese item with a 100 KB summary (`弾道ミサイルを発射` repeated) through the
  classify stage's handler (worker process, 2 s limit): time to its report;
- the ingest stage polling a hostile feed and a healthy one on two loopback sites: how
  much longer the healthy feed's 31 new items took than its own fetch, beside a document
  that is slow to parse (ill-formed, 50,000 tags in one description: about 5 s of
  feedparser), with the default `parse_timeout_s` and with 1 s, and beside the 10 MB
  nested feed.
"""

from __future__ import annotations

import asyncio
import io
import multiprocessing
import resource
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MB = 1024 * 1024
NOW = datetime(2026, 11, 25, tzinfo=timezone.utc)
HEALTHY_DELAY_S = 0.3


def nested_xml(size: int, unit: bytes = b"<a>") -> bytes:
    head = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>'
            b"<item><title>t</title><description>")
    return head + unit * ((size - len(head)) // len(unit))


def nested_html(size: int) -> bytes:
    head = b"<html><body><ul class='news'><li><a href='/x'>x</a></li></ul>"
    return head + b"<div>" * ((size - len(head)) // 5)


def slow_to_parse() -> bytes:
    return (b"<?xml version='1.0'?><rss version='2.0'><channel><title>A & B</title><item><title>t</title>"
            b"<link>http://x/1</link><description>" + b"<a/>" * 50_000 + b"</description></item></channel></rss>")


def rss(items: list[tuple[str, str]]) -> bytes:
    body = "".join(f"<item><guid isPermaLink='false'>{g}</guid><title>{t}</title><link>/n/{g}</link>"
                   f"<description>About {t}.</description></item>" for g, t in items)
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>w</title>{body}</channel></rss>".encode()


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _document(kind: str, queue) -> None:
    from services.ingest.pages import parse_page
    from services.ingest.parser import parse_feed

    body = {"xml": lambda: nested_xml(10 * MB), "xml-text": lambda: nested_xml(10 * MB, b"<a>" + b"x" * 58),
            "html": lambda: nested_html(10 * MB)}[kind]()
    before = _peak_rss_mb()
    started = time.perf_counter()
    try:
        if kind == "html":
            parse_page(body, url="http://x/", selector="ul.news a")
            outcome = "parsed"
        else:
            parse_feed(body, url="http://x/feed.xml")
            outcome = "parsed"
    except Exception as exc:  # the outcome being measured
        outcome = f"{type(exc).__name__}: {exc}"
    queue.put((time.perf_counter() - started, _peak_rss_mb() - before, outcome))


def measure_document(kind: str) -> tuple[float, float, str]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_document, args=(kind, queue))
    process.start()
    result = queue.get(timeout=600)
    process.join()
    return result


async def classify_japanese() -> tuple[float, bool]:
    from schemas import FeedItem, LaunchReport
    from services.classify.worker import CLASSIFY_WORKERS, WORKER_MODULES, ClassifyHandler
    from services.runtime.bus import Record
    from services.runtime.cpu_pool import CpuPool
    from services.runtime.memory_bus import MemoryBus

    bus = MemoryBus()
    pool = CpuPool(CLASSIFY_WORKERS, preload=WORKER_MODULES)
    handler = ClassifyHandler(bus.producer(), reports_topic="reports", launch_reports_topic="launch-reports",
                              min_confidence=0.5, clock=lambda: NOW, pool=pool)
    warm = FeedItem(item_id="warm", feed="w", feed_url="http://w/", title="warm", first_seen_at=NOW)
    await handler(Record("items", 0, 0, b"warm", warm.to_bytes()))
    item = FeedItem(item_id="ja", feed="NHK", feed_url="http://nhk/", title="北朝鮮が弾道ミサイル発射", lang="ja",
                    summary="弾道ミサイルを発射" * 3800, published_at=NOW, first_seen_at=NOW)  # 100 KB of UTF-8
    try:
        started = time.perf_counter()
        await handler(Record("items", 0, 1, b"ja", item.to_bytes()))
        spent = time.perf_counter() - started
    finally:
        pool.close()
    report = LaunchReport.from_bytes(bus.records("reports")[-1].value)
    return spent, report.is_launch


async def healthy_delay(hostile_body: bytes, parse_timeout_s: float) -> tuple[float, str | None, float, int]:
    import aiohttp
    from aiohttp import web

    from services.config import Settings
    from services.ingest.worker import build_stage
    from services.runtime.lifecycle import StageContext
    from services.runtime.memory_bus import MemoryBus

    docs = {"/hostile.xml": rss([("h0", "first")]), "/wire.xml": rss([("w0", "first")])}
    delay = {"/wire.xml": 0.0}

    async def handle(request: web.Request) -> web.Response:
        await asyncio.sleep(delay.get(request.path, 0.0))
        return web.Response(body=docs[request.path], content_type="application/rss+xml")

    runners, ports = [], []
    for _ in range(2):
        app = web.Application()
        app.router.add_get("/{tail:.*}", handle)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        runners.append(runner)
        ports.append(runner.addresses[0][1])
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.model_validate({
            "state": {"path": f"{tmp}/state.db"},
            "ingest": {"allow_private_networks": True, "per_host_spacing_s": 0, "parse_timeout_s": parse_timeout_s},
            "feeds": [{"url": f"http://localhost:{ports[0]}/hostile.xml", "name": "hostile"},
                      {"url": f"http://127.0.0.1:{ports[1]}/wire.xml", "name": "healthy"}],
        })
        async with aiohttp.ClientSession() as http:
            ctx = StageContext(settings, MemoryBus(), http, clock=lambda: datetime.now(timezone.utc))
            stage = await build_stage(ctx)
            try:
                await stage.poll_all()  # workers up
                docs["/hostile.xml"] = hostile_body
                docs["/wire.xml"] = rss([(f"w{i}", f"story {i}") for i in range(30, -1, -1)])
                delay["/wire.xml"] = HEALTHY_DELAY_S
                bad, good = await stage.poll_all()
            finally:
                stage.close()
                ctx.close()
    for runner in runners:
        await runner.cleanup()
    return good.duration_s - HEALTHY_DELAY_S, bad.error, bad.duration_s, good.new_items


def main() -> None:
    from services.runtime.logs import configure_logging

    configure_logging(fmt="json", stream=io.StringIO())  # keep the figures readable
    print(f"python {sys.version.split()[0]}, {multiprocessing.cpu_count()} cores")
    for kind, label in (("xml", "10 MB ill-formed nested XML feed"),
                        ("xml-text", "10 MB nested XML feed, text between tags (depth scan)"),
                        ("html", "10 MB nested HTML page")):
        spent, rss_mb, outcome = measure_document(kind)
        print(f"{label}: {spent:.2f} s, peak RSS +{rss_mb:.0f} MB -> {outcome}")
    spent, is_launch = asyncio.run(classify_japanese())
    print(f"Japanese item, 100 KB summary, through the classify handler: {spent:.2f} s to its report "
          f"(is_launch={is_launch})")
    for label, body, timeout_s in (("slow to parse", slow_to_parse(), 10.0),
                                   ("slow to parse", slow_to_parse(), 1.0),
                                   ("10 MB nested XML", nested_xml(10 * MB), 10.0)):
        extra_s, error, hostile_s, new = asyncio.run(healthy_delay(body, timeout_s))
        print(f"healthy feed beside a hostile one ({label}, parse_timeout_s = {timeout_s:g}): {new} new items, "
              f"{extra_s:.2f} s beyond its fetch; hostile feed: {error or 'parsed'} after {hostile_s:.2f} s")


if __name__ == "__main__":
    main()
