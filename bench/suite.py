"""The benchmark suite: every section of `python -m bench`, in order, and the runner.

    .venv/bin/python -m bench [--quick] [--out bench-report] [--only NAME ...]

Each registered module exposes `section(ctx) -> Section` (see `bench.report`). Modules are
imported when their turn comes, so one that cannot be imported, or that has no `section`
yet, is reported as not measured and the others still run. A section that raises is
reported as failed, with the reason, and the run exits 1 after writing the report.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import Context, Section, machine, write  # noqa: E402

# In the order the report shows them: the pipeline's latency, start-up, throughput and its
# profile first, then the benchmarks of single parts.
SECTIONS: tuple[str, ...] = (
    "bench.e2e_latency",
    "bench.kafka_startup",
    "bench.throughput",
    "bench.profile",
    "bench.handoff",
    "bench.cluster_open_events",
    "bench.ingest_farm",
    "bench.realday",
    "bench.web_render",
)

SectionFunction = Callable[[Context], Section]


def short_name(module: str) -> str:
    """`bench.e2e_latency` → `e2e_latency`: the name `--only` takes."""
    return module.rpartition(".")[2]


def load(module: str) -> SectionFunction | str:
    """The module's `section` function, or the reason it cannot run (a string)."""
    try:
        mod = importlib.import_module(module)
    except Exception as exc:  # a broken module is reported, the rest of the suite still runs
        return f"`{module}` cannot be imported: {type(exc).__name__}: {exc}"
    function = getattr(mod, "section", None)
    if not callable(function):
        return f"`{module}` has no section(ctx) yet"
    return function


def run_one(module: str, ctx: Context) -> tuple[Section, bool]:
    """Run one registered module's section; (its Section, whether it failed)."""
    name = short_name(module)
    command = f".venv/bin/python -m bench --only {name}"
    function = load(module)
    if isinstance(function, str):
        return Section(key=name, title=name, command=command, skipped=function), False
    started = time.perf_counter()
    try:
        result = function(ctx)
    except (Exception, SystemExit) as exc:  # one failing section must not cost the report of the others
        print(traceback.format_exc(), file=sys.stderr)
        return Section(key=name, title=name, command=command,
                       skipped=f"failed: {type(exc).__name__}: {exc}"), True
    result.raw.setdefault("took_s", round(time.perf_counter() - started, 1))
    return result, False


def run(modules: Sequence[str], ctx: Context, argv: Sequence[str] = ()) -> tuple[Path, bool]:
    """Run `modules` in order and write the report into `ctx.out`; (report path, any failed)."""
    info = machine()
    info["argv"] = list(argv)
    info["started"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    started = time.perf_counter()
    ctx.out.mkdir(parents=True, exist_ok=True)
    sections: list[Section] = []
    failed = False
    for module in modules:
        print(f"bench: {short_name(module)} ...", file=sys.stderr, flush=True)
        section_started = time.perf_counter()
        section, section_failed = run_one(module, ctx)
        failed |= section_failed
        sections.append(section)
        state = f"not measured ({section.skipped})" if section.skipped else "done"
        print(f"bench: {short_name(module)} {state} in {time.perf_counter() - section_started:.0f} s",
              file=sys.stderr, flush=True)
        info["took_s"] = time.perf_counter() - started
        write(sections, info, ctx.out)  # after every section: an interrupted run keeps what it measured
    return ctx.out / "report.md", failed


def parse_args(argv: Sequence[str], modules: Sequence[str]) -> argparse.Namespace:
    names = [short_name(m) for m in modules]
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Run the benchmark suite and write its report.")
    parser.add_argument("--quick", action="store_true",
                        help="fewer items per measurement: a smoke run of every section (minutes, for CI)")
    parser.add_argument("--out", type=Path, default=Path("bench-report"),
                        help="folder for report.md, figures.json and the plots (default: bench-report)")
    parser.add_argument("--only", nargs="+", metavar="NAME", choices=names,
                        help=f"run only these sections: {', '.join(names)}")
    return parser.parse_args(list(argv))


def main(argv: Sequence[str] | None = None, modules: Sequence[str] = SECTIONS) -> int:
    """Exit 0 when every section ran or was skipped, 1 when one failed, 2 on a usage error."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv, modules)
    chosen = [m for m in modules if not args.only or short_name(m) in args.only]
    shared = os.environ.get("LAUNCHWATCH_SHARED_DATA")
    ctx = Context(out=args.out.resolve(), quick=args.quick,
                  shared_data=Path(shared) if shared and Path(shared).is_dir() else None)
    report, failed = run(chosen, ctx, argv)
    print(f"bench: report written to {report}", file=sys.stderr)
    return 1 if failed else 0
