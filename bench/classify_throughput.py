"""Items per second of classify() (rules and model together) on one core.

    .venv/bin/python bench/classify_throughput.py [FILE|DAY] [--repeat N] [--rounds R]

Classifies every item of FILE (JSON Lines of title/summary/lang; default
$LAUNCHWATCH_SHARED_DATA/launch_dev.jsonl, where every item is about missiles, so every
item reaches the model) or of a real day (`2023-03-09`: $LAUNCHWATCH_SHARED_DATA/days/DAY.jsonl.gz,
the mix a deployment sees, where about one item in nine reaches the model), N times per
round (default 20) with a fixed publication time, so field extraction and
time resolution run as in production; prints items/s for each of R rounds (default 5)
and the best and median, then the process's peak resident set (the memory target is for
this: the classifier with its rules and model, having read the items), with the peak
before the model was loaded beside it. One process, one thread: the number is per core. Rates are
computed from CPU time (time.process_time), so other work on a shared machine does not
count against them; wall-clock rates are printed beside them.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.classify import model  # noqa: E402
from services.classify.classifier import classify  # noqa: E402

PUBLISHED_AT = datetime(2024, 6, 26, 2, 0, tzinfo=timezone.utc)


def _option(argv: list[str], name: str, default: int) -> int:
    if name in argv:
        return int(argv[argv.index(name) + 1])
    return default


def load_inputs(path: Path) -> list[tuple[str, str, str | None]]:
    """(title, summary, lang) of every item of a JSON Lines file (gzip when it ends in .gz)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        items = [json.loads(line) for line in fh if line.strip()]
    return [(r["title"], r.get("summary") or "", r.get("lang") or r.get("language")) for r in items]


def rates(inputs: list[tuple[str, str, str | None]], repeat: int, rounds: int,
          report=lambda line: None) -> list[tuple[float, float]]:
    """Classify `inputs` `repeat` times per round, after one warm-up pass; per round
    (items/s by CPU time, items/s by wall clock). `report(line)` is told each round."""
    for title, summary, lang in inputs:  # warm up: lazy zone loading, regex caches
        classify(title, summary, lang=lang, published_at=PUBLISHED_AT)
    out = []
    for _ in range(rounds):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        for _ in range(repeat):
            for title, summary, lang in inputs:
                classify(title, summary, lang=lang, published_at=PUBLISHED_AT)
        cpu, wall = time.process_time() - start_cpu, time.perf_counter() - start_wall
        n = len(inputs) * repeat
        out.append((n / cpu, n / wall))
        report(f"round: {n / cpu:,.0f} items/s (CPU time)   {n / wall:,.0f} items/s (wall clock)")
    return out


def peak_rss_mb() -> float:
    """The peak resident set of this process so far, in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    repeat = _option(argv, "--repeat", 20)
    rounds = _option(argv, "--rounds", 5)
    positional = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or not argv[i - 1].startswith("--"))]
    default = Path(os.environ.get("LAUNCHWATCH_SHARED_DATA", "../shared/data")) / "launch_dev.jsonl"
    path = Path(positional[0]) if positional else default
    if positional and not path.exists():
        path = default.parent / "days" / f"{positional[0]}.jsonl.gz"
    inputs = load_inputs(path)
    before_model_mb = peak_rss_mb()
    started = time.perf_counter()
    model.shipped()
    print(f"model loaded in {1000 * (time.perf_counter() - started):.0f} ms ({model.MODEL_PATH.stat().st_size:,} bytes)")
    measured = [cpu for cpu, _ in rates(inputs, repeat, rounds, report=print)]
    print(f"items: {len(inputs)} x {repeat} per round, {rounds} rounds")
    print(f"best {max(measured):,.0f} items/s   median {statistics.median(measured):,.0f} items/s (CPU time, one core)")
    print(f"peak resident set {peak_rss_mb():.0f} MB ({before_model_mb:.0f} MB before the model was loaded)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
