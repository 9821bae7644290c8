"""Ingest against a local feed farm: cold and warm passes, CPU, peak memory, change latency.

    python bench/ingest_farm.py [--feeds 1000 10000] [--concurrency 100] [--latency-feeds 1000]
                                [--interval-s 1] [--changes 20] [--compare-feeds 1000] [--limit-s 600]

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
A pass still running after `--limit-s` seconds is stopped and reported unfinished.

`section(ctx)` is the benchmark report's section (`python -m bench --only ingest_farm`):
launchwatch, newsboat and rss2email over the same farm in one run, at 1,000 and 10,000
feeds (quick: 50), with the ratios launchwatch / tool and a plot.

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
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import Context, Section, Table  # noqa: E402

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


async def passes(port: int, feeds: int, concurrency: int, limit_s: float = 3600.0) -> dict:
    """A cold then a warm pass of a fresh ingest stage over the first `feeds` farm feeds, each
    given `limit_s` seconds (a pass that takes longer is stopped and marked unfinished)."""
    import aiohttp

    with tempfile.TemporaryDirectory() as tmp:
        stage, producer = make_stage(port, feeds, concurrency, f"{tmp}/state.db", 60)
        result = {"feeds": feeds, "concurrency": concurrency,
                  "loaded_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as http:
            stage._http = http
            for name in ("cold", "warm"):
                cpu0, t0 = cpu_s(), time.perf_counter()
                try:
                    outcomes = await asyncio.wait_for(stage.poll_all(), limit_s)
                except asyncio.TimeoutError:
                    result[name] = {"finished": False, "wall_s": round(time.perf_counter() - t0, 2),
                                    "cpu_s": round(cpu_s() - cpu0, 2), "items_published": producer.sent,
                                    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
                    break
                result[name] = {
                    "finished": True,
                    "wall_s": round(time.perf_counter() - t0, 2),
                    "cpu_s": round(cpu_s() - cpu0, 2),
                    "statuses": {str(s): sum(1 for o in outcomes if (o.status or o.error) == s)
                                 for s in {o.status or o.error for o in outcomes}},
                    "items_published": producer.sent,
                    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                }
                producer.sent = 0
            stage.close()
    if result.get("warm", {}).get("finished"):
        result["feeds_per_s_warm"] = round(feeds / max(result["warm"]["wall_s"], 0.01))
    if result["cold"]["finished"]:
        result["items_per_s_cold"] = round(result["cold"]["items_published"] / max(result["cold"]["wall_s"], 0.01))
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


# --- the other feed readers, over the same farm ------------------------------------------


@dataclass(frozen=True)
class Tool:
    """A feed reader polled over the same farm feeds: how to configure and call it in a
    folder of its own, and how many items it has stored there (to see that it did the work)."""

    name: str
    program: str  # looked up on PATH
    package: str  # the Debian package that installs it
    how: str  # what is run, for the report
    prepare: Callable[[Path, list[str], int], list[str]]  # (folder, urls, threads) -> argv
    stored_items: Callable[[Path], int | None]


def _newsboat_argv(folder: Path, urls: list[str], threads: int) -> list[str]:
    (folder / "urls").write_text("\n".join(urls) + "\n")
    (folder / "config").write_text(f"reload-threads {threads}\n")
    return ["newsboat", "-u", str(folder / "urls"), "-c", str(folder / "cache.db"), "-C", str(folder / "config"),
            "-x", "reload"]


def _newsboat_items(folder: Path) -> int | None:
    path = folder / "cache.db"
    if not path.exists():
        return None
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT COUNT(*) FROM rss_item").fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        db.close()


def _r2e_argv(folder: Path, urls: list[str], threads: int) -> list[str]:
    lines = ["[DEFAULT]", "to = bench@example.org", "from = r2e@example.org"]
    for n, url in enumerate(urls):
        lines += [f"[feed.f{n}]", f"url = {url}"]
    (folder / "r2e.cfg").write_text("\n".join(lines) + "\n")
    return ["r2e", "-c", str(folder / "r2e.cfg"), "-d", str(folder / "r2e.json"), "run", "--no-send"]


def _r2e_items(folder: Path) -> int | None:
    try:
        data = json.loads((folder / "r2e.json").read_text())
    except (OSError, ValueError):
        return None
    return sum(len(feed.get("seen") or {}) for feed in data.get("feeds", []))


TOOLS = (
    Tool("newsboat", "newsboat", "newsboat", "newsboat -x reload, reload-threads = concurrency",
         _newsboat_argv, _newsboat_items),
    Tool("rss2email", "r2e", "rss2email", "r2e run --no-send (one feed after the other)", _r2e_argv, _r2e_items),
)


def run_tool(argv: list[str], env: dict[str, str], limit_s: float = 3600.0) -> dict:
    """Run one command for at most `limit_s` seconds; its wall time, CPU seconds, peak RSS,
    exit code and whether it finished (a command still running at the limit is killed; its
    figures are then those until the kill). Raises OSError when the program cannot start."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finished = True
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - started >= limit_s:
            finished = False
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.01)
    wall_s = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return {"finished": finished, "wall_s": round(wall_s, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "exit": proc.returncode}


def compare_tools(port: int, feeds: int, threads: int, limit_s: float = 3600.0,
                  tools: Sequence[Tool] = TOOLS) -> list[dict]:
    """Each tool over the first `feeds` farm feeds, cold then warm, each pass limited to
    `limit_s` seconds; a tool not installed gets a `skipped` reason instead of passes, a
    warm pass after an unfinished cold one is not run. `items` is what the pass took in
    (items stored after it, less those stored before)."""
    results = []
    urls = [f"http://127.0.0.1:{port}/feed/{n}.xml" for n in range(feeds)]
    for tool in tools:
        result: dict = {"tool": tool.name, "how": tool.how, "feeds": feeds}
        results.append(result)
        if shutil.which(tool.program) is None:
            result["skipped"] = f"{tool.program} is not installed (Debian package {tool.package})"
            continue
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            # rss2email holds one lock per user in $XDG_RUNTIME_DIR (else /tmp/rss2email-<uid>):
            # with the user's own, a run of it elsewhere on the machine would hold this one.
            env = {**os.environ, "HOME": tmp, "XDG_CONFIG_HOME": tmp, "XDG_DATA_HOME": tmp, "XDG_RUNTIME_DIR": tmp}
            argv = tool.prepare(folder, urls, threads)
            stored = 0
            for name in ("cold", "warm"):
                if name == "warm" and not result["cold"]["finished"]:
                    result["warm"] = {"skipped": "the cold pass did not finish"}
                    break
                result[name] = run_tool(argv, env, limit_s)
                now_stored = tool.stored_items(folder)
                result[name]["items"] = None if now_stored is None else now_stored - stored
                stored = now_stored or 0
    return results


def launchwatch_passes(port: int, feeds: int, concurrency: int, limit_s: float) -> dict:
    """`passes` in a fresh process (so that its memory is the stage's alone)."""
    out = subprocess.run([sys.executable, __file__, "--child", "passes", "--port", str(port), "--n", str(feeds),
                          "--concurrency", str(concurrency), "--limit-s", str(limit_s)],
                         capture_output=True, text=True, check=False, timeout=2 * limit_s + 120)
    if out.returncode != 0:
        raise RuntimeError(f"the ingest passes over {feeds} feeds failed: {out.stderr[-3000:]}")
    return json.loads(out.stdout)


class Farm:
    """The farm process on a free loopback port, for a `with` block."""

    def __enter__(self) -> int:
        self._proc = subprocess.Popen([sys.executable, __file__, "--serve-farm"], stdout=subprocess.PIPE, text=True)
        line = self._proc.stdout.readline()
        if not line.strip():
            self._proc.kill()
            raise RuntimeError("the feed farm did not start")
        return int(line)

    def __exit__(self, *exc) -> None:
        self._proc.terminate()
        self._proc.wait(5)


# --- the report section -------------------------------------------------------------------

FULL_SIZES = (1000, 10000)
QUICK_SIZES = (50,)
FULL_LIMIT_S = 600.0
QUICK_LIMIT_S = 20.0


def measure(sizes: Sequence[int], *, concurrency: int = 100, limit_s: float = FULL_LIMIT_S,
            tools: Sequence[Tool] = TOOLS) -> list[dict]:
    """For each size, in one farm: launchwatch's passes, then each tool's. One dict per size:
    {"feeds", "launchwatch": passes(...), "tools": compare_tools(...)}."""
    measured = []
    with Farm() as port:
        for feeds in sizes:
            measured.append({"feeds": feeds,
                             "launchwatch": launchwatch_passes(port, feeds, concurrency, limit_s),
                             "tools": compare_tools(port, feeds, concurrency, limit_s, tools)})
    return measured


def pass_rows(measured: list[dict], limit_s: float) -> list[dict]:
    """Every (size, program, pass) as one flat record: figures (None when not measured) and
    a note saying why a figure is missing or partial."""
    rows = []
    for size in measured:
        feeds = size["feeds"]
        lw = size["launchwatch"]
        programs = [("launchwatch", {"cold": lw.get("cold"), "warm": lw.get("warm")}, None)]
        programs += [(t["tool"], t, t.get("skipped")) for t in size["tools"]]
        for program, passes_, skipped in programs:
            for name in ("cold", "warm"):
                p = passes_.get(name) or {}
                note = skipped or p.get("skipped") or ""
                if not note and not p:
                    note = "not run: the cold pass did not finish"
                elif not note and not p.get("finished", True):
                    note = f"did not finish in {limit_s:g} s"
                elif not note and p.get("exit"):
                    note = f"exit status {p['exit']}"
                done = bool(p) and p.get("finished", True) and not p.get("exit")
                rows.append({"feeds": feeds, "program": program, "pass": name, "finished": done, "note": note,
                             "wall_s": p.get("wall_s"), "cpu_s": p.get("cpu_s"), "peak_rss_mb": p.get("peak_rss_mb"),
                             "items": p.get("items", p.get("items_published"))})
    return rows


def ratio_rows(rows: list[dict]) -> list[list]:
    """launchwatch / tool for wall time, CPU seconds and peak RSS, per size and pass. Against
    a tool that did not finish, an upper bound ("< x": the tool's figures until it was
    stopped); "-" when either side has no figure."""
    lw = {(r["feeds"], r["pass"]): r for r in rows if r["program"] == "launchwatch"}
    out = []
    for r in rows:
        if r["program"] == "launchwatch":
            continue
        mine = lw[(r["feeds"], r["pass"])]
        cells = []
        for key in ("wall_s", "cpu_s", "peak_rss_mb"):
            if not mine["finished"] or r[key] is None or not r[key]:
                cells.append("-")
            elif r["finished"]:
                cells.append(round(mine[key] / r[key], 3))
            elif r["note"].startswith("did not finish"):
                cells.append(f"< {mine[key] / r[key]:.3g}")
            else:
                cells.append("-")
        out.append([r["feeds"], r["pass"], r["program"], *cells, r["note"]])
    return out


def plot(rows: list[dict], path: Path, limit_s: float) -> Path:
    """Wall time, CPU seconds and peak RSS per size and pass, one bar per program; a pass
    that did not finish is drawn hatched, up to the limit."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    groups = sorted({(r["feeds"], r["pass"]) for r in rows}, key=lambda g: (g[0], g[1] != "cold"))
    programs = list(dict.fromkeys(r["program"] for r in rows))
    by = {(r["feeds"], r["pass"], r["program"]): r for r in rows}
    fig, axes = plt.subplots(1, 3, figsize=(13, 4.2))
    width = 0.8 / len(programs)
    for ax, key, label in zip(axes, ("wall_s", "cpu_s", "peak_rss_mb"),
                              ("wall time (s)", "CPU time (s)", "peak RSS (MB)")):
        for i, program in enumerate(programs):
            xs, heights, hatches = [], [], []
            for g, (feeds, name) in enumerate(groups):
                r = by.get((feeds, name, program))
                if r is None or r[key] is None:
                    continue
                xs.append(g + (i - (len(programs) - 1) / 2) * width)
                heights.append(max(r[key], 0.01))
                hatches.append("" if r["finished"] else "//")
            bars = ax.bar(xs, heights, width, label=program, color=f"C{i}")
            for bar, hatch in zip(bars, hatches):
                bar.set_hatch(hatch)
        ax.set_xticks(range(len(groups)), [f"{feeds:,}\n{name}" for feeds, name in groups])
        ax.set_ylabel(label)
        if key != "peak_rss_mb":
            ax.set_yscale("log")
        if key == "wall_s":
            ax.axhline(limit_s, color="grey", lw=0.8, ls=":")
        ax.grid(axis="y", alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.suptitle(f"Feeds polled over the same loopback farm (hatched: stopped at the {limit_s:g} s limit)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def farm_section(out: Path, sizes: Sequence[int], *, limit_s: float, concurrency: int = 100,
                 tools: Sequence[Tool] = TOOLS, command: str = "") -> Section:
    """Measure launchwatch and the tools at `sizes` feeds and make the report's section."""
    measured = measure(sizes, concurrency=concurrency, limit_s=limit_s, tools=tools)
    rows = pass_rows(measured, limit_s)
    passes_table = Table(
        f"Cold and warm passes over the same farm (concurrency {concurrency}, each pass limited to {limit_s:g} s)",
        ["feeds", "program", "pass", "wall s", "CPU s", "peak RSS MB", "items taken in", "note"],
        [[r["feeds"], r["program"], r["pass"], *("-" if r[k] is None else r[k]
                                                  for k in ("wall_s", "cpu_s", "peak_rss_mb", "items")), r["note"]]
         for r in rows],
        note=f"Every feed lists {ITEMS} items, so a cold pass takes in {ITEMS} x feeds items and a warm pass none. "
             "launchwatch's CPU and memory are its ingest process's (after start-up), the tools' their whole "
             "process's. A stopped pass shows what it had stored when stopped: rss2email writes its data file "
             "only at the end of a run, newsboat its cache as it goes.")
    ratios = Table("launchwatch / tool (below 1: launchwatch takes less)",
                   ["feeds", "pass", "tool", "wall time", "CPU time", "peak RSS", "note"], ratio_rows(rows))
    memory_rows = []
    for size in measured:
        lw = size["launchwatch"]
        memory_rows.append([size["feeds"], lw["loaded_rss_mb"], *((lw.get(p) or {}).get("peak_rss_mb", "-")
                                                                   for p in ("cold", "warm"))])
    biggest = max(sizes)
    memory = Table(f"launchwatch's memory for {biggest:,} sources" if len(sizes) == 1 else
                   f"launchwatch's memory, {', '.join(f'{n:,}' for n in sizes)} sources",
                   ["sources", "RSS with the sources loaded, MB", "peak RSS after the cold pass, MB",
                    "peak RSS after the warm pass, MB"], memory_rows)
    if len(measured) > 1:
        small, large = measured[0]["launchwatch"], measured[-1]["launchwatch"]
        extra = (large["warm"]["peak_rss_mb"] - small["warm"]["peak_rss_mb"]) if (
            large.get("warm") and small.get("warm")) else None
        if extra is not None:
            memory.note = (f"From {measured[0]['feeds']:,} to {measured[-1]['feeds']:,} sources the peak grows "
                           f"{extra:.0f} MB: {extra * 1024 / (measured[-1]['feeds'] - measured[0]['feeds']):.1f} KB "
                           "per source (its state row, schedule entry, validators and the parse of its last document).")
    figure = plot(rows, out / "ingest_farm.png", limit_s)
    notes = [r["note"] + f" ({r['program']}, {r['feeds']:,} feeds, {r['pass']})" for r in rows
             if r["note"] and r["pass"] == "cold"]
    return Section(
        key="ingest_farm", title="Ingest against newsboat and rss2email over a local feed farm",
        command=command,
        intro=(f"A farm on 127.0.0.1 serves N RSS feeds of {ITEMS} items (~22 KB each, ETag honoured). In one run, "
               "over the same farm: launchwatch's ingest stage (a fresh process: fetcher, parser, SQLite state), "
               "newsboat (`newsboat -x reload`) and rss2email (`r2e run --no-send`), each polling every feed once "
               "(cold: every item new) and again (warm: every feed answers 304 where the client sends its "
               "validators)."),
        tables=[passes_table, ratios, memory], figures=[figure], notes=notes,
        raw={"sizes": list(sizes), "limit_s": limit_s, "concurrency": concurrency, "measured": measured})


def section(ctx: Context) -> Section:
    """The report's section: sizes 1,000 and 10,000 (quick: 50), a 600 s limit per pass
    (quick: 20 s)."""
    sizes, limit_s = (QUICK_SIZES, QUICK_LIMIT_S) if ctx.quick else (FULL_SIZES, FULL_LIMIT_S)
    return farm_section(ctx.out, sizes, limit_s=limit_s,
                        command=".venv/bin/python -m bench --only ingest_farm" + (" --quick" if ctx.quick else ""))


# --- command line ----------------------------------------------------------------------------


def child(args) -> None:
    from services.runtime.logs import configure_logging

    configure_logging(fmt="json", level="info", stream=open(os.devnull, "w"))
    if args.child == "passes":
        out = asyncio.run(passes(args.port, args.n, args.concurrency, args.limit_s))
    else:
        out = asyncio.run(latency(args.port, args.n, args.concurrency, args.interval_s, args.changes))
    print(json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, nargs="*", default=[1000, 10000],
                        help="launchwatch's passes over this many farm feeds (none: skip them)")
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--latency-feeds", type=int, default=1000)
    parser.add_argument("--interval-s", type=float, default=1.0)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--compare-feeds", type=int, default=0,
                        help="also run newsboat and rss2email over this many farm feeds (0: skip)")
    parser.add_argument("--tools", nargs="+", choices=[t.name for t in TOOLS], default=[t.name for t in TOOLS],
                        help="which tools --compare-feeds runs (default: all)")
    parser.add_argument("--limit-s", type=float, default=FULL_LIMIT_S,
                        help="stop a pass that takes longer than this (default 600)")
    parser.add_argument("--serve-farm", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=("passes", "latency"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_farm:
        return serve_farm()
    if args.child:
        return child(args)
    with Farm() as port:
        runs = [("passes", n) for n in args.feeds]
        if args.latency_feeds:
            runs.append(("latency", args.latency_feeds))
        for kind, n in runs:
            # A fresh farm state per run would need a restart; the passes only read version 0
            # of feeds the latency run has not touched, as the latency run comes last.
            out = subprocess.run([sys.executable, __file__, "--child", kind, "--port", str(port), "--n", str(n),
                                  "--concurrency", str(args.concurrency), "--interval-s", str(args.interval_s),
                                  "--changes", str(args.changes), "--limit-s", str(args.limit_s)],
                                 capture_output=True, text=True, check=False)
            if out.returncode != 0:
                print(out.stderr[-3000:], file=sys.stderr)
                raise SystemExit(f"{kind} run over {n} feeds failed")
            print(out.stdout.strip(), flush=True)
        if args.compare_feeds:
            tools = tuple(t for t in TOOLS if t.name in args.tools)
            for result in compare_tools(port, args.compare_feeds, args.concurrency, args.limit_s, tools):
                print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
