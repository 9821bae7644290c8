"""Where a launch item waits in the classify step: the pipeline of `e2e_latency` with the classify
stage's batches and the event loop's stalls noted.

    .venv/bin/python bench/tail_trace.py [--rate 1000] [--launches 100] [--runs 1]

Runs `bench.e2e_latency.measure` on the in-memory bus (`--kafka`: on tansu), launches every
50 ms as in the quick plan, and prints one JSON line per run: the load average at its
start, processing and per-step p50 / p99 (ms), and for the classify step its parts per
launch item (p50 / p95 / p99 ms):

- `queued`: acknowledged on `items` → the classify stage's batch that holds it began;
- `in_batch`: that batch began → all its reports were sent (the worker calls and the sends);
- `to_report`: that batch began → the launch item's own report was sent;
- `map`: each worker call alone (`CpuPool.map`);
- the batches: how many records (p50 / p95 / max) and how long (`batch_ms`), all of them
  and those holding a launch (`launch_batch_records`); `gap_ms`: from the end of one batch
  to the beginning of the next (its commit and poll);
- `loop_stalls`: the event loop's lateness waking a 1 ms timer, p99 and the count over 10
  and 20 ms.

`--chunks 100,8` runs the classify stage with its first hand-over of a batch at 100 records
(a batch whole, as before the chunks) and at 8, in turn; `--handler-cost` measures the
classify handler alone (no pipeline): the CPU of the stage's process per 100 items.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _pct(values: list[float], q: float) -> float | None:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))], 2) if ordered else None


def _three(values: list[float]) -> list[float | None]:
    return [_pct(values, 50), _pct(values, 95), _pct(values, 99)]


async def _watch_loop(stalls: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        begun = time.perf_counter()
        await asyncio.sleep(0.001)
        stalls.append((time.perf_counter() - begun - 0.001) * 1000)


async def _measure(args: argparse.Namespace, stalls: list[float]) -> dict[str, Any]:
    from bench import e2e_latency

    stop = asyncio.Event()
    watcher = asyncio.create_task(_watch_loop(stalls, stop))
    try:
        return await e2e_latency.measure(args.bootstrap, args.rate, args.launches, 10, 20.0, 15.0)
    finally:
        stop.set()
        await watcher


def _time_callbacks(slow: dict[str, list[float]]) -> None:
    """Note every event-loop callback that runs 2 ms or longer, by what it runs."""
    handle_run = asyncio.events.Handle._run

    def timed_run(self: Any) -> None:
        begun = time.perf_counter()
        handle_run(self)
        took = (time.perf_counter() - begun) * 1000
        if took >= 2.0:
            callback = self._callback
            task = getattr(callback, "__self__", None)
            if isinstance(task, asyncio.Task):
                coro = task.get_coro()
                frame = getattr(coro, "cr_frame", None)
                name = getattr(coro, "__qualname__", repr(coro))
                name += f"@{frame.f_lineno}" if frame is not None else ""
            else:
                name = getattr(callback, "__qualname__", repr(callback))
            slow.setdefault(name, []).append(took)

    asyncio.events.Handle._run = timed_run  # type: ignore[method-assign]


def _slowest(slow: dict[str, list[float]]) -> list[list[Any]]:
    """The ten kinds of callback with the most time in slow runs: name, count, total, longest (ms)."""
    rows = [[name, len(v), round(sum(v), 1), round(max(v), 1)] for name, v in slow.items()]
    return sorted(rows, key=lambda row: -row[2])[:10]


async def _handler_cost(chunks: list[int], runs: int) -> None:
    from datetime import datetime, timezone

    from bench import pipeline
    from services.classify.worker import WORKER_MODULES, ClassifyHandler
    from services.runtime.bus import Record
    from services.runtime.cpu_pool import CpuPool
    from services.runtime.memory_bus import MemoryBus

    now = datetime.now(timezone.utc)
    pool = CpuPool(1, preload=WORKER_MODULES)
    await pool.start()
    bus = MemoryBus(default_partitions=1)
    records = [Record("items", 0, n, None, pipeline.background_item(n, now).to_bytes(), (), 0) for n in range(2000)]
    try:
        for _ in range(runs):
            for chunk in chunks:
                handler = ClassifyHandler(bus.producer(), reports_topic="reports", launch_reports_topic="lr",
                                          min_confidence=0.5, clock=lambda: now, pool=pool, first_chunk_records=chunk)
                for size in (10, 40, 100):
                    cpu, wall = time.process_time(), time.perf_counter()
                    for start in range(0, len(records), size):
                        await handler.many(records[start:start + size])
                    per = 100 / len(records) * 1000
                    print(json.dumps({"first_chunk": chunk, "batch": size, "load": round(os.getloadavg()[0], 2),
                                      "cpu_ms_per_100": round((time.process_time() - cpu) * per, 2),
                                      "wall_ms_per_100": round((time.perf_counter() - wall) * per, 1)}), flush=True)
    finally:
        pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=1000.0, help="background items/s (default 1000)")
    parser.add_argument("--launches", type=int, default=100, help="launches per run (default 100)")
    parser.add_argument("--runs", type=int, default=1, help="runs, one after the other (default 1)")
    parser.add_argument("--chunks", default="",
                        help="comma-separated sizes of the classify stage's first hand-over of a batch, one run each "
                             "in turn (e.g. 100,8: a batch whole, then 8, 16, 32, ...); default: the stage's own")
    parser.add_argument("--kafka", action="store_true", help="on Kafka (tansu on loopback) instead of in memory")
    parser.add_argument("--handler-cost", action="store_true",
                        help="instead of the pipeline: the classify handler alone on 2,000 background items, in "
                             "batches of 10, 40 and 100, for each --chunks size; the stage's process CPU (its event "
                             "loop and pebble's threads) and wall time per 100 items")
    parser.add_argument("--callbacks", action="store_true",
                        help="also time every callback of the event loop and list the longest kinds")
    args = parser.parse_args()

    from bench import pipeline
    from services.classify.worker import ClassifyHandler
    from services.runtime.cpu_pool import CpuPool
    from services.runtime.logs import configure_logging

    configure_logging(fmt="json", level="info", stream=open(os.devnull, "w"))
    if args.handler_cost:
        asyncio.run(_handler_cost([int(c) for c in args.chunks.split(",") if c] or [8], args.runs))
        return
    batches: list[dict[str, Any]] = []
    maps: list[float] = []
    original_many = ClassifyHandler.many
    original_map = CpuPool.map

    async def traced_many(self: Any, records: Any) -> Any:
        begun = time.perf_counter()
        launches = [int(m.group(1)) for r in records if (m := pipeline.LAUNCH_LINK.search(r.value or b""))]
        try:
            return await original_many(self, records)
        finally:
            batches.append({"begun": begun, "ended": time.perf_counter(), "records": len(records),
                            "launches": launches})

    async def traced_map(self: Any, *a: Any, **k: Any) -> Any:
        begun = time.perf_counter()
        try:
            return await original_map(self, *a, **k)
        finally:
            maps.append((time.perf_counter() - begun) * 1000)

    ClassifyHandler.many = traced_many  # type: ignore[method-assign]
    CpuPool.map = traced_map  # type: ignore[method-assign]
    original_measure = pipeline.Pipeline.__aenter__
    marks_seen: dict[str, Any] = {}

    async def keep_bus(self: Any) -> Any:
        running = await original_measure(self)
        marks_seen["timing"] = self.bus.timing
        return running

    pipeline.Pipeline.__aenter__ = keep_bus  # type: ignore[method-assign]
    slow: dict[str, list[float]] = {}
    if args.callbacks:
        _time_callbacks(slow)
    import services.classify.worker as classify_worker

    chunks = [int(c) for c in args.chunks.split(",") if c] or [classify_worker.CLASSIFY_FIRST_CHUNK_RECORDS]
    original_init = ClassifyHandler.__init__
    chunk_now = [chunks[0]]

    def init_with_chunk(self: Any, *a: Any, **k: Any) -> None:
        k["first_chunk_records"] = chunk_now[0]
        original_init(self, *a, **k)

    ClassifyHandler.__init__ = init_with_chunk  # type: ignore[method-assign]
    from contextlib import nullcontext

    from bench.tansu import broker

    with broker() if args.kafka else nullcontext(None) as bootstrap:
        args.bootstrap = bootstrap
        _runs(args, chunks, chunk_now, batches, maps, slow, marks_seen)


def _runs(args: argparse.Namespace, chunks: list[int], chunk_now: list[int], batches: list[dict[str, Any]],
          maps: list[float], slow: dict[str, list[float]], marks_seen: dict[str, Any]) -> None:
    for run_index in range(args.runs * len(chunks)):
        chunk_now[0] = chunks[run_index % len(chunks)]
        batches.clear()
        maps.clear()
        stalls: list[float] = []
        slow.clear()
        load = os.getloadavg()[0]
        cpu = time.process_time()
        run = asyncio.run(_measure(args, stalls))
        items = marks_seen["timing"].marks["items"]
        queued: list[float] = []
        in_batch: list[float] = []
        launch_records: list[float] = []
        to_report: list[float] = []
        reported = marks_seen["timing"].marks["launch_reports"]
        for batch in batches:
            for n in batch["launches"]:
                if n >= 10 and n in items:
                    queued.append((batch["begun"] - items[n]) * 1000)
                    in_batch.append((batch["ended"] - batch["begun"]) * 1000)
                    launch_records.append(batch["records"])
                    if n in reported:
                        to_report.append((reported[n] - batch["begun"]) * 1000)
        sizes = [float(b["records"]) for b in batches]
        print(json.dumps({
            "chunk": chunk_now[0], "bus": "kafka" if args.kafka else "memory", "rate": args.rate,
            "load": round(load, 2), "cpu_s": round(time.process_time() - cpu, 1),
            "alerted": f"{run['alerted']}/{run['launches']}",
            "processing_ms": [run["processing"]["p50_ms"], run["processing"]["p99_ms"]],
            "steps_ms": {k: [v["p50_ms"], v["p99_ms"]] for k, v in run["steps"].items() if k != "waiting for poll"},
            "classify": {"queued": _three(queued), "in_batch": _three(in_batch), "to_report": _three(to_report),
                         "map": _three(maps)},
            "batches": {"count": len(batches), "records": [_pct(sizes, 50), _pct(sizes, 95), max(sizes, default=0)],
                        "batch_ms": _three([(b["ended"] - b["begun"]) * 1000 for b in batches]),
                        "gap_ms": _three([(b["begun"] - a["ended"]) * 1000 for a, b in zip(batches, batches[1:])]),
                        "launch_batch_records": [_pct(launch_records, 50), _pct(launch_records, 95),
                                                 max(launch_records, default=0)]},
            "slow_callbacks": _slowest(slow),
            "loop_stalls": {"p99_ms": _pct(stalls, 99), "over_10ms": sum(s > 10 for s in stalls),
                            "over_20ms": sum(s > 20 for s in stalls)},
        }), flush=True)


if __name__ == "__main__":
    main()
