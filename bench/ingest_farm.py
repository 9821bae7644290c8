"""Ingest against a local feed farm: cold and warm passes, CPU, peak memory, change latency.

    python bench/ingest_farm.py [--feeds 1000 10000] [--concurrency 100] [--latency-feeds 1000]
                                [--interval-s 1] [--changes 20] [--compare-feeds 1000]

A farm process on 127.0.0.1 serves N RSS feeds of 50 realistic items each (HTML in the
descriptions, RFC 822 dates, ~22 KB per document), honouring ETag. For every N a fresh
ingest process (the real `IngestStage`: fetcher, private-address gate off, parser, SQLite
state, JSON logs at info level written to /dev/null) runs:

- cold pass: every feed polled once, every item new (50 x N items published);
- warm pass: every feed polled again, all answered 304;
  each with wall time, CPU seconds of the ingest process and its peak RSS.

Latency: the real run loop polls `--latency-feeds` feeds with interval_s = min_interval_s
= `--interval-s`; after a warm-up the farm changes one feed at a time (a new item on top)
at a known time, and the time until that item is sent to the bus is recorded.

With `--compare-feeds N`, newsboat (`newsboat -x reload`, Debian package) and rss2email
(`r2e run --no-send`, Debian package) poll the same first N farm feeds, cold then warm.

The bus is a counting producer (payloads dropped) so that bus memory does not hide ingest's.
Both processes share the machine's cores; the farm's CPU is not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ITEMS = 50
BASE = datetime(2026, 11, 24, tzinfo=timezone.utc)
WORDS = ("officials said the launch was detected early on Tuesday and that the projectile flew "
         "east before falling into the sea outside the exclusive economic zone according to the joint "
         "chiefs of staff who added that analysis of the flight data was under way").split()


# --- the farm ------------------------------------------------------------------------------

def feed_xml(n: int, version: int) -> bytes:
    rng = random.Random(n)
    items = []
    for i in range(version, version + ITEMS):  # version v drops the oldest v items, adds v new ones
        k = ITEMS + version - 1 - (i - version)  # newest first
        words = " ".join(rng.choice(WORDS) for _ in range(45))
        guid = f"{n}-{k}" if k < ITEMS else f"{n}-new-{k - ITEMS + 1}"
        when = format_datetime(BASE + timedelta(minutes=17 * k))
        items.append(
            f"<item><title>Feed {n} report {k}: {' '.join(words.split()[:9]).capitalize()}</title>"
            f"<link>https://news{n % 97}.example.org/articles/{n}/{k}.html</link>"
            f"<guid isPermaLink=\"false\">{guid}</guid><pubDate>{when}</pubDate>"
            f"<description>&lt;p&gt;{words} &amp;amp; more.&lt;/p&gt;</description></item>"
        )
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Farm feed {n}</title>'
            f"<link>https://news.example.org/</link><language>en</language>{''.join(items)}</channel></rss>").encode()


def serve_farm() -> None:
    from aiohttp import web

    versions: dict[int, int] = {}

    async def feed(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        version = versions.get(n, 0)
        etag = f'"{n}-{version}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=feed_xml(n, version), headers={"ETag": etag,
                                                                 "Content-Type": "application/rss+xml"})

    async def change(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        versions[n] = versions.get(n, 0) + 1
        return web.json_response({"version": versions[n]})

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/feed/{n}.xml", feed)
        app.router.add_post("/change/{n}", change)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, backlog=4096)
        await site.start()
        print(site._server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Event().wait()

    asyncio.run(main())


# --- the ingest side ---------------------------------------------------------------------

class CountingProducer:
    def __init__(self) -> None:
        self.sent = 0
        self.sent_at: dict[bytes, float] = {}
        self.watch: set[bytes] = set()

    async def send(self, topic, value, *, key=None, headers=()):
        self.sent += 1
        if key in self.watch:
            self.sent_at[key] = time.time()


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def make_stage(port: int, feeds: int, concurrency: int, state_path: str, interval_s: float):
    from services.ingest.settings import IngestSettings
    from services.ingest.sources import Source
    from services.ingest.state import IngestState
    from services.ingest.worker import IngestStage
    from services.runtime.db import connect

    settings = IngestSettings(allow_private_networks=True, concurrency=concurrency, per_host_concurrency=concurrency,
                              per_host_spacing_s=0, timeout_s=60, min_interval_s=interval_s,
                              max_interval_s=max(interval_s, 3600), adaptive_schedule=False, jitter_ratio=0.1)
    sources = [Source(url=f"http://127.0.0.1:{port}/feed/{n}.xml", name=f"farm-{n}", interval_s=interval_s)
               for n in range(feeds)]
    producer = CountingProducer()
    return IngestStage(sources=sources, http=None, producer=producer, items_topic="launchwatch.items",
                       state=IngestState(connect(state_path)), settings=settings,
                       clock=lambda: datetime.now(timezone.utc)), producer


async def passes(port: int, feeds: int, concurrency: int) -> dict:
    import aiohttp

    with tempfile.TemporaryDirectory() as tmp:
        stage, producer = make_stage(port, feeds, concurrency, f"{tmp}/state.db", 60)
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as http:
            stage._http = http
            result = {"feeds": feeds, "concurrency": concurrency}
            for name in ("cold", "warm"):
                cpu0, t0 = cpu_s(), time.perf_counter()
                outcomes = await stage.poll_all()
                result[name] = {
                    "wall_s": round(time.perf_counter() - t0, 2),
                    "cpu_s": round(cpu_s() - cpu0, 2),
                    "statuses": {str(s): sum(1 for o in outcomes if (o.status or o.error) == s)
                                 for s in {o.status or o.error for o in outcomes}},
                    "items_published": producer.sent,
                    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                }
                producer.sent = 0
            stage.close()
    result["feeds_per_s_warm"] = round(feeds / result["warm"]["wall_s"])
    result["items_per_s_cold"] = round(result["cold"]["items_published"] / result["cold"]["wall_s"])
    return result


async def latency(port: int, feeds: int, concurrency: int, interval_s: float, changes: int) -> dict:
    import aiohttp

    from services.ingest.identity import item_id_for

    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        stage, producer = make_stage(port, feeds, concurrency, f"{tmp}/state.db", interval_s)
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as http:
            stage._http = http
            await stage.poll_all()  # the backlog is not what is measured
            stop = asyncio.Event()
            runner = asyncio.create_task(stage.run(stop))
            await asyncio.sleep(2 * interval_s)
            lags = []
            versions: dict[int, int] = {}
            cpu0, t0 = cpu_s(), time.perf_counter()
            for _ in range(changes):
                n = rng.randrange(feeds)
                versions[n] = versions.get(n, 0) + 1
                url = f"http://127.0.0.1:{port}/feed/{n}.xml"
                key = item_id_for(url, f"{n}-new-{versions[n]}", None, None).encode()
                producer.watch.add(key)
                await asyncio.sleep(rng.uniform(0, interval_s))
                changed_at = time.time()
                async with http.post(f"http://127.0.0.1:{port}/change/{n}") as resp:
                    await resp.read()
                deadline = time.time() + 10 * interval_s + 5
                while key not in producer.sent_at and time.time() < deadline:
                    await asyncio.sleep(0.005)
                lags.append(producer.sent_at.get(key, float("inf")) - changed_at)
            busy_s = time.perf_counter() - t0
            loop_cpu = cpu_s() - cpu0
            stop.set()
            await runner
    lags.sort()
    return {"feeds": feeds, "interval_s": interval_s, "changes": changes,
            "lag_p50_s": round(statistics.median(lags), 3),
            "lag_p95_s": round(lags[int(0.95 * (len(lags) - 1))], 3), "lag_max_s": round(lags[-1], 3),
            "polls_per_s": round(feeds / interval_s), "cpu_share_of_one_core": round(loop_cpu / busy_s, 2)}


def run_tool(argv: list[str], env: dict[str, str]) -> dict:
    """Run one command to completion; its wall time, CPU seconds and peak RSS."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return {"wall_s": round(time.perf_counter() - started, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "exit": os.waitstatus_to_exitcode(status)}


def compare_tools(port: int, feeds: int, threads: int) -> list[dict]:
    """newsboat (`-x reload`, `reload-threads`) and rss2email (`run --no-send`) over the same
    feeds, cold then warm, when they are installed."""
    import shutil

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "HOME": tmp, "XDG_CONFIG_HOME": tmp, "XDG_DATA_HOME": tmp}
        urls = [f"http://127.0.0.1:{port}/feed/{n}.xml" for n in range(feeds)]
        if shutil.which("newsboat"):
            Path(tmp, "urls").write_text("\n".join(urls) + "\n")
            Path(tmp, "config").write_text(f"reload-threads {threads}\n")
            argv = ["newsboat", "-u", f"{tmp}/urls", "-c", f"{tmp}/cache.db", "-C", f"{tmp}/config", "-x", "reload"]
            results.append({"tool": f"newsboat -x reload (reload-threads {threads})", "feeds": feeds,
                            "cold": run_tool(argv, env), "warm": run_tool(argv, env)})
        if shutil.which("r2e"):
            lines = ["[DEFAULT]", "to = bench@example.org", "from = r2e@example.org"]
            for n, url in enumerate(urls):
                lines += [f"[feed.f{n}]", f"url = {url}"]
            Path(tmp, "r2e.cfg").write_text("\n".join(lines) + "\n")
            argv = ["r2e", "-c", f"{tmp}/r2e.cfg", "-d", f"{tmp}/r2e.json", "run", "--no-send"]
            results.append({"tool": "rss2email run --no-send (sequential)", "feeds": feeds,
                            "cold": run_tool(argv, env), "warm": run_tool(argv, env)})
    return results


def child(args) -> None:
    from services.runtime.logs import configure_logging

    configure_logging(fmt="json", level="info", stream=open(os.devnull, "w"))
    if args.child == "passes":
        out = asyncio.run(passes(args.port, args.n, args.concurrency))
    else:
        out = asyncio.run(latency(args.port, args.n, args.concurrency, args.interval_s, args.changes))
    print(json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--latency-feeds", type=int, default=1000)
    parser.add_argument("--interval-s", type=float, default=1.0)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--compare-feeds", type=int, default=0,
                        help="also run newsboat and rss2email over this many farm feeds (0: skip)")
    parser.add_argument("--serve-farm", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=("passes", "latency"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_farm:
        return serve_farm()
    if args.child:
        return child(args)
    farm = subprocess.Popen([sys.executable, __file__, "--serve-farm"], stdout=subprocess.PIPE, text=True)
    try:
        port = int(farm.stdout.readline())
        runs = [("passes", n) for n in args.feeds]
        if args.latency_feeds:
            runs.append(("latency", args.latency_feeds))
        for kind, n in runs:
            # A fresh farm state per run would need a restart; the passes only read version 0
            # of feeds the latency run has not touched, as the latency run comes last.
            out = subprocess.run([sys.executable, __file__, "--child", kind, "--port", str(port), "--n", str(n),
                                  "--concurrency", str(args.concurrency), "--interval-s", str(args.interval_s),
                                  "--changes", str(args.changes)], capture_output=True, text=True, check=False)
            if out.returncode != 0:
                print(out.stderr[-3000:], file=sys.stderr)
                raise SystemExit(f"{kind} run over {n} feeds failed")
            print(out.stdout.strip(), flush=True)
        if args.compare_feeds:
            for result in compare_tools(port, args.compare_feeds, args.concurrency):
                print(json.dumps(result), flush=True)
    finally:
        farm.terminate()
        farm.wait(5)


if __name__ == "__main__":
    main()
