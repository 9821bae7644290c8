"""Throughput and cost: the highest sustained items/s, CPU and memory per stage, classify per core.

    .venv/bin/python -m bench --only throughput [--quick]

- Ramp: the classify, events and notify stages in this process on the in-memory bus (as
  `launchwatch run` has them, the bus journalled in the state file); items are published
  onto `launchwatch.items` at a rising rate, each step for a fixed time; 1 item in 100 is
  a launch report (a separate launch each, see `bench.pipeline`) that goes on to an alert
  at a webhook receiver. Latency is item published → its report published. A step is
  sustained when every item of it was classified within 1 s of the step's end and the
  p99 latency is under 1 s; the ramp stops at the first step that is not.
- Cost per stage: `launchwatch serve classify`, `serve events` and `serve notify` as
  three processes on Kafka (tansu on loopback), a fixed rate of items; CPU seconds (the
  process and its worker processes) and resident memory of each, per 1,000 items.
- Classify per core: `classify()` alone over a real day's items (or the dev set), CPU time
  (`bench/classify_throughput.py`).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from aiohttp import web

from bench import pipeline, procstat
from bench.kafka_startup import LAUNCHWATCH, config
from bench.plots import lines
from bench.report import Context, Section, Table
from bench.tansu import broker, free_port
from services.runtime.bus import TOPICS
from services.runtime.kafka_bus import KafkaBus
from services.runtime.logs import configure_logging

LAUNCH_EVERY = 100
SUSTAINED_P99_S = 1.0
COST_STAGES = ("classify", "events", "notify")


def plan(quick: bool) -> dict[str, Any]:
    if quick:
        return {"rates": [100, 400], "step_s": 4.0, "cost_items": 400, "cost_rate": 200, "repeat": 1, "rounds": 2}
    return {"rates": [100, 200, 400, 800, 1200, 1600, 2400, 3200], "step_s": 15.0, "cost_items": 5000,
            "cost_rate": 250, "repeat": 5, "rounds": 5}


async def ramp(rates: list[int], step_s: float) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = []
    launches_total = sum(int(r * step_s) // LAUNCH_EVERY + 1 for r in rates) + 1
    first = pipeline.first_launch_date(launches_total)
    site = await pipeline.Site(first).start()
    try:
        with pipeline.new_state_dir() as tmp:
            settings = pipeline.settings_for(Path(tmp), site, kafka=None, prefix="launchwatch.")
            async with pipeline.Pipeline(settings, stages=("classify", "events", "notify"),
                                         track_reports=True) as running:
                producer = running.bus._inner.producer()
                topic = "launchwatch.items"
                # The classify workers start with the stage: one launch through first, not measured.
                warm = pipeline.launch_item(0, first)
                await producer.send(topic, warm.to_bytes(), key=warm.item_id.encode())
                await site.wait_alerts([0], time.perf_counter() + 120)
                if 0 not in site.alerted:
                    raise RuntimeError("the warm-up launch got no alert within 120 s")
                n_bg, n_launch = 0, 1
                pid = os.getpid()
                for rate in rates:
                    sent: dict[bytes, float] = {}
                    launches: list[int] = []
                    cpu0, wall0 = procstat.cpu_s(pid), time.perf_counter()
                    total = int(rate * step_s)
                    i = 0
                    while i < total:
                        # The items due by now, sent together (as many producers would): one
                        # publisher awaiting each send in turn would be the bottleneck.
                        due = min(total, int((time.perf_counter() - wall0) * rate) + 1)
                        batch = []
                        for i in range(i, due):
                            if i % LAUNCH_EVERY == 0:
                                item = pipeline.launch_item(n_launch, first)
                                launches.append(n_launch)
                                n_launch += 1
                            else:
                                item = pipeline.background_item(n_bg, pipeline.datetime.now(pipeline.timezone.utc))
                                n_bg += 1
                            batch.append(item)
                        i = due
                        await asyncio.gather(*(producer.send(topic, item.to_bytes(), key=item.item_id.encode())
                                               for item in batch))
                        acknowledged = time.perf_counter()
                        for item in batch:
                            sent[item.item_id.encode()] = acknowledged
                        delay = wall0 + i / rate - time.perf_counter()
                        if delay > 0:
                            await asyncio.sleep(delay)
                    publish_s = time.perf_counter() - wall0
                    end = time.perf_counter() + SUSTAINED_P99_S
                    reported = running.bus.timing.reported
                    while time.perf_counter() < end and any(k not in reported for k in sent):
                        await asyncio.sleep(0.02)
                    on_time = all(k in reported for k in sent)
                    drain_end = time.perf_counter() + 30
                    while time.perf_counter() < drain_end and any(k not in reported for k in sent):
                        await asyncio.sleep(0.05)  # let a backlog drain, so the figures are complete
                    latencies = [reported[k] - t for k, t in sent.items() if k in reported]
                    await site.wait_alerts(launches, time.perf_counter() + 10)
                    cpu = procstat.cpu_s(pid) - cpu0
                    q = pipeline.quantiles_ms(latencies)
                    sustained = on_time and (q["p99_ms"] or 1e9) < SUSTAINED_P99_S * 1000 \
                        and publish_s < step_s * 1.1
                    steps.append({"rate": rate, "items": total, "published_per_s": round(total / publish_s, 1),
                                  "classified": len(latencies), "latency": q, "sustained": sustained,
                                  "alerts": sum(1 for n in launches if n in site.alerted), "launches": len(launches),
                                  "cpu_s": round(cpu, 2), "cpu_s_per_1000": round(1000 * cpu / total, 3),
                                  "rss_mib": procstat.rss_mib(pid)})
                    if not sustained:
                        break
    finally:
        await site.close()
    return steps


async def cost(items: int, rate: float) -> dict[str, Any]:
    """CPU seconds and RSS of each `serve` process for `items` items at `rate`."""
    alerts: list[float] = []

    async def receive(request: web.Request) -> web.Response:
        await request.read()
        alerts.append(time.perf_counter())
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/hook", receive)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    receiver = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    launches = items // LAUNCH_EVERY
    first = pipeline.first_launch_date(launches + 1)
    processes: dict[str, subprocess.Popen] = {}
    try:
        with broker() as bootstrap, tempfile.TemporaryDirectory(prefix="bench-cost-") as tmp:
            prefix = f"cost{time.monotonic_ns()}."
            bus = KafkaBus(bootstrap, topic_prefix=prefix, fetch_max_wait_ms=25)
            await bus.start()
            try:
                await bus.ensure_topics([f"{prefix}{t}" for t in TOPICS], 6)
                for stage in COST_STAGES:
                    cfg = Path(tmp) / f"{stage}.toml"
                    config(cfg, bootstrap, prefix, receiver, Path(tmp) / f"{stage}.db")
                    with cfg.open("a") as fh:  # the launches are old: let them alert (see bench.pipeline)
                        fh.write(f"freshness_window_s = {pipeline.TEN_YEARS_S}\n\n[events]\n"
                                 f"stale_after_s = {pipeline.TEN_YEARS_S}\ninactive_close_s = 2592000.0\n")
                    env = dict(os.environ, LAUNCHWATCH_HTTP__LISTEN=f"127.0.0.1:{free_port()}",
                               LAUNCHWATCH_NOTIFY__LEDGER_RETENTION_DAYS=str(pipeline.REPLAY_LEDGER_DAYS))
                    processes[stage] = subprocess.Popen([LAUNCHWATCH, "serve", stage, "--config", str(cfg)], env=env,
                                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                # Started, joined and idle: the baseline is taken once a first launch got through.
                warm = pipeline.launch_item(launches, first)
                await bus.producer().send(f"{prefix}items", warm.to_bytes(), key=warm.item_id.encode())
                deadline = time.perf_counter() + 120
                while not alerts and time.perf_counter() < deadline:
                    await asyncio.sleep(0.1)
                if not alerts:
                    raise RuntimeError("the stages did not deliver a first alert within 120 s")
                before = {s: procstat.cpu_s(p.pid) for s, p in processes.items()}
                began = time.perf_counter()
                sent_launch = 0
                for i in range(items):
                    delay = began + i / rate - time.perf_counter()
                    if delay > 0:
                        await asyncio.sleep(delay)
                    if i % LAUNCH_EVERY == 0 and sent_launch < launches:
                        item = pipeline.launch_item(sent_launch, first)
                        sent_launch += 1
                    else:
                        item = pipeline.background_item(i, pipeline.datetime.now(pipeline.timezone.utc))
                    await bus.producer().send(f"{prefix}items", item.to_bytes(), key=item.item_id.encode())
                deadline = time.perf_counter() + 60
                while len(alerts) < 1 + sent_launch and time.perf_counter() < deadline:
                    await asyncio.sleep(0.1)
                await asyncio.sleep(1.0)  # the last background items behind the last launch
                elapsed = time.perf_counter() - began
                after = {s: procstat.cpu_s(p.pid) for s, p in processes.items()}
                rss = {s: procstat.rss_mib(p.pid) for s, p in processes.items()}
            finally:
                await bus.close()
                for process in processes.values():
                    process.terminate()
                for process in processes.values():
                    try:
                        process.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        process.kill()
    finally:
        await runner.cleanup()
    return {"items": items, "rate": rate, "seconds": round(elapsed, 1), "alerts": len(alerts) - 1,
            "launches": sent_launch,
            "stages": {s: {"cpu_s": round(after[s] - before[s], 2),
                           "cpu_s_per_1000": round(1000 * (after[s] - before[s]) / items, 3),
                           "rss_mib": rss[s]} for s in COST_STAGES}}


def classify_per_core(ctx: Context, repeat: int, rounds: int) -> dict[str, Any]:
    from bench import classify_throughput

    path = None
    if ctx.shared_data is not None:
        days = sorted((ctx.shared_data / "days").glob("*.jsonl.gz"))
        path = days[0] if days else None
    if path is not None:
        inputs, source = classify_throughput.load_inputs(path), f"the real day {path.name}"
    else:
        now = pipeline.datetime.now(pipeline.timezone.utc)
        items = [pipeline.background_item(i, now) for i in range(990)] + \
                [pipeline.launch_item(i, now) for i in range(10)]
        inputs, source = [(i.title, i.summary, i.lang) for i in items], "the bench's synthetic items (1 in 100 a launch)"
    measured = classify_throughput.rates(inputs, repeat, rounds)
    cpu = sorted(r for r, _ in measured)
    return {"source": source, "items": len(inputs), "repeat": repeat, "rounds": rounds,
            "best_per_s": round(cpu[-1]), "median_per_s": round(cpu[len(cpu) // 2])}


def section(ctx: Context) -> Section:
    configure_logging(fmt="json", level="info", stream=open(os.devnull, "w"))
    p = plan(ctx.quick)
    steps = asyncio.run(ramp(p["rates"], p["step_s"]))
    notes: list[str] = []
    try:
        costs = asyncio.run(cost(p["cost_items"], p["cost_rate"]))
    except RuntimeError as exc:
        costs = None
        notes.append(f"Cost per stage not measured: {exc}")
    per_core = classify_per_core(ctx, p["repeat"], p["rounds"])
    best = max((s["rate"] for s in steps if s["sustained"]), default=None)
    tables = [Table(
        f"Ramp: classify + events + notify in one process, in-memory bus ({p['step_s']:g} s per step)",
        ["items/s asked", "published/s", "classified", "p50 ms", "p99 ms", "sustained", "alerts",
         "CPU s per 1,000 items", "RSS MiB"],
        [[s["rate"], s["published_per_s"], f"{s['classified']}/{s['items']}", s["latency"]["p50_ms"],
          s["latency"]["p99_ms"], "yes" if s["sustained"] else "no", f"{s['alerts']}/{s['launches']}",
          s["cpu_s_per_1000"], s["rss_mib"]] for s in steps],
        note=f"Highest sustained rate: {best if best is not None else 'none'} items/s (every item classified "
             f"within {SUSTAINED_P99_S:g} s of its step's end, p99 item → report under {SUSTAINED_P99_S:g} s). "
             "CPU counts this process and its classify worker, including the bench's own publishing.")]
    if costs is not None:
        tables.append(Table(
            f"Cost per stage: three `launchwatch serve` processes on Kafka (tansu), {costs['items']:,} items at "
            f"{costs['rate']:g}/s",
            ["stage", "CPU s", "CPU s per 1,000 items", "RSS MiB (with workers)"],
            [[s, v["cpu_s"], v["cpu_s_per_1000"], v["rss_mib"]] for s, v in costs["stages"].items()],
            note=f"{costs['alerts']}/{costs['launches']} launch alerts delivered; CPU includes each process's idle "
                 "polling over the run and the classify worker process."))
    tables.append(Table("Classify per core (`classify()` alone, CPU time)",
                        ["items", "source", "best items/s", "median items/s"],
                        [[f"{per_core['items']:,} x {per_core['repeat']}", per_core["source"],
                          per_core["best_per_s"], per_core["median_per_s"]]]))
    figure = lines(ctx.out / "throughput_ramp.png",
                   {"p99 item → report": ([s["rate"] for s in steps], [s["latency"]["p99_ms"] or 0 for s in steps]),
                    "p50": ([s["rate"] for s in steps], [s["latency"]["p50_ms"] or 0 for s in steps])},
                   title="Ramp: latency against offered rate", xlabel="items/s", ylabel="ms",
                   target=SUSTAINED_P99_S * 1000, target_label="1 s", logy=True)
    return Section(key="throughput", title="Throughput and cost", command=".venv/bin/python -m bench --only throughput",
                   intro=__doc__.split("\n\n", 2)[2].strip(), tables=tables, figures=[figure], notes=notes,
                   raw={"plan": p, "ramp": steps, "highest_sustained_per_s": best, "cost": costs,
                        "classify_per_core": per_core})
