"""Start-up on Kafka: from `launchwatch serve <stage>` starting to the first alert it makes possible.

    .venv/bin/python -m bench --only kafka_startup [--quick]

On tansu (loopback), a launch report is waiting on `launchwatch.items` when three
processes start at the same moment: `launchwatch serve classify`, `serve events` and
`serve notify` (default `[bus]` group timings, `fetch_max_wait_ms = 25`, six partitions),
with one webhook subscription to a receiver in this process. Measured from the spawn:
when each process's `/readyz` first answers 200 (bus connected, partitions assigned,
state restored) and when the alert arrives. A third way is measured beside them: one
`launchwatch run` process on the same Kafka bus, every stage in it (its ingest polls no
feed), each stage's consumer assigned its partitions. Each round uses new topics and
groups; the median of the rounds is reported.
"""

from __future__ import annotations

import asyncio
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bench.report import Context, Section, Table
from bench.tansu import broker, free_port
from schemas import FeedItem
from services.runtime.bus import TOPICS
from services.runtime.kafka_bus import KafkaBus

STAGES = ("classify", "events", "notify")
TARGET_S = 3.0
LAUNCHWATCH = str(Path(sys.executable).with_name("launchwatch"))


# The two ways a stage's consumer can get its partitions: as a member of its consumer group
# (the default: many instances share the work), or by assigning itself every partition
# (`[bus] assign_partitions`: one instance per stage, no group join to wait for).
MODES = {"group": (), "assigned": ("classify", "cluster", "notify")}
# One `launchwatch run` process with every stage, its consumers assigned (one instance).
RUN_MODE = "run"
RUN_STAGE = "run"
RUN_ASSIGNED = ("classify", "cluster", "notify", "web")


def compile_bytecode() -> bool:
    """Write the bytecode of launchwatch's own modules (`__pycache__` beside the sources, as
    any run of Python does unless told not to) and say whether it all compiled.

    An installed launchwatch has it (pip and the Docker image write it); a checkout run
    under `PYTHONDONTWRITEBYTECODE` never gets it, and each process then compiled every
    module from its source, about 0.1 s of CPU per process, which the measurement is not
    about."""
    root = Path(__file__).resolve().parents[1]
    return all(compileall.compile_dir(str(root / package), quiet=2) for package in ("services", "schemas"))


def config(path: Path, bootstrap: str, prefix: str, receiver: str, state: Path,
           assign_partitions: tuple[str, ...] = ()) -> None:
    stages = ", ".join(f'"{s}"' for s in assign_partitions)
    path.write_text(f"""
[bus]
kind = "kafka"
bootstrap_servers = "{bootstrap}"
topic_prefix = "{prefix}"
fetch_max_wait_ms = 25
assign_partitions = [{stages}]

[state]
path = "{state}"

[ingest]
use_default_catalogue = false

[notify]
allowed_networks = ["127.0.0.1/32"]

[[subscriptions]]
name = "startup-hook"
channel = "webhook"
url = "{receiver}"
""")


async def publish_launch(bootstrap: str, prefix: str) -> None:
    bus = KafkaBus(bootstrap, topic_prefix=prefix)
    await bus.start()
    try:
        await bus.ensure_topics([f"{prefix}{t}" for t in TOPICS], 6)
        now = datetime.now(timezone.utc)
        item = FeedItem(item_id="startup-1", feed="Loopback Wire", feed_url="https://wire.example/rss",
                        url="https://wire.example/launch/startup", lang="en", published_at=now, first_seen_at=now,
                        title="North Korea fires ballistic missile into East Sea, JCS says",
                        summary="North Korea fired a short-range ballistic missile toward the East Sea, "
                                "South Korea's Joint Chiefs of Staff said.")
        await bus.producer().send(f"{prefix}items", item.to_bytes(), key=item.item_id.encode())
    finally:
        await bus.close()


def tree_cpu_s(pids: list[int]) -> float | None:
    """CPU seconds (user + system, children waited for included) used so far by the
    processes `pids` and every process below them, from /proc; None where there is none."""
    tick = os.sysconf("SC_CLK_TCK")
    table: dict[int, tuple[int, float]] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return None
    for name in names:
        if name.isdigit():
            try:
                fields = Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone meanwhile
            table[int(name)] = (int(fields[1]), sum(int(f) for f in fields[11:15]) / tick)
    total, seen, todo = 0.0, set(), list(pids)
    while todo:
        pid = todo.pop()
        if pid in seen or pid not in table:
            continue
        seen.add(pid)
        total += table[pid][1]
        todo.extend(child for child, (parent, _) in table.items() if parent == pid)
    return round(total, 2)


async def one_round(bootstrap: str, n: int, timeout_s: float, mode: str = "group") -> dict[str, Any]:
    alerted = asyncio.Event()
    arrival: list[float] = []

    async def receive(request: web.Request) -> web.Response:
        await request.read()
        arrival.append(time.perf_counter())
        alerted.set()
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/hook", receive)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    receiver = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    prefix = f"startup{os.getpid()}x{mode}{n}x{time.monotonic_ns()}."
    await publish_launch(bootstrap, prefix)
    processes: list[subprocess.Popen] = []
    ready: dict[str, float] = {}
    stages = (RUN_STAGE,) if mode == RUN_MODE else STAGES
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        ports = {stage: free_port() for stage in stages}
        try:
            started = time.perf_counter()
            for stage in stages:
                cfg = Path(tmp) / f"{stage}.toml"
                config(cfg, bootstrap, prefix, receiver, Path(tmp) / f"{stage}.db", RUN_ASSIGNED if mode == RUN_MODE else MODES[mode])
                env = dict(os.environ, LAUNCHWATCH_HTTP__LISTEN=f"127.0.0.1:{ports[stage]}")
                argv = [LAUNCHWATCH, "run"] if stage == RUN_STAGE else [LAUNCHWATCH, "serve", stage]
                processes.append(subprocess.Popen([*argv, "--config", str(cfg)], env=env,
                                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            deadline = started + timeout_s
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=1)) as http:
                while time.perf_counter() < deadline and (len(ready) < len(stages) or not alerted.is_set()):
                    for stage in stages:
                        if stage in ready:
                            continue
                        try:
                            async with http.get(f"http://127.0.0.1:{ports[stage]}/readyz") as resp:
                                if resp.status == 200:
                                    ready[stage] = time.perf_counter() - started
                        except (aiohttp.ClientError, TimeoutError):
                            pass
                    for stage, process in zip(stages, processes):
                        if process.poll() is not None:
                            raise RuntimeError(f"launchwatch {stage} exited with {process.returncode}")
                    await asyncio.sleep(0.02)
            # The stages, the classify workers' fork server and worker, the resource tracker.
            cpu_s = tree_cpu_s([p.pid for p in processes])
        finally:
            for process in processes:
                if process.poll() is None:
                    process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            await runner.cleanup()
    return {"ready_s": {s: round(t, 2) for s, t in ready.items()},
            "first_alert_s": round(arrival[0] - started, 2) if arrival else None, "cpu_s": cpu_s}


async def rounds(count: int, timeout_s: float,
                 modes: tuple[str, ...] = (*MODES, RUN_MODE)) -> dict[str, list[dict[str, Any]]]:
    """Per mode, `count` rounds; the modes take turns round by round, so that both see the
    same load on a shared machine."""
    results: dict[str, list[dict[str, Any]]] = {mode: [] for mode in modes}
    compile_bytecode()
    with broker() as bootstrap:
        for n in range(count):
            for mode in modes:
                results[mode].append(await one_round(bootstrap, n, timeout_s, mode))
    return results


def median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(statistics.median(known), 2) if known else None


def section(ctx: Context) -> Section:
    count = 1 if ctx.quick else 5
    results = asyncio.run(rounds(count, timeout_s=60.0))
    rows = []
    firsts: dict[str, float | None] = {}
    for mode, found in results.items():
        first = firsts[mode] = median([r["first_alert_s"] for r in found])
        stages = (RUN_STAGE,) * len(STAGES) if mode == RUN_MODE else STAGES
        rows.append([mode, len(found), *[median([r["ready_s"].get(s) for r in found]) for s in stages], first,
                     median([r["cpu_s"] for r in found]), TARGET_S,
                     "yes" if first is not None and first < TARGET_S else "no"])
    table = Table(
        "From spawn to ready and to the first alert (s, median of rounds)",
        ["partitions", "rounds", *[f"{s} ready" for s in STAGES], "first alert", "CPU s", "target", "met"], rows,
        note="Three processes started together, a launch report already waiting on the items topic. CPU s: what "
             "every process of the three stages (and their children) used from spawn to the last of these. group: each "
             "stage's consumer joins its consumer group (the default); assigned: `[bus] assign_partitions = "
             '["classify", "cluster", "notify"]`, one instance per stage; run: one `launchwatch run` process on '
             "the same Kafka bus with every stage (its ready time in each stage's column), its consumers assigned.")
    return Section(key="kafka_startup", title="Start-up on Kafka", command=".venv/bin/python -m bench --only kafka_startup",
                   intro=__doc__.split("\n\n", 2)[2].strip(), tables=[table],
                   raw={"rounds": results, "first_alert_median_s": firsts, "target_s": TARGET_S})
