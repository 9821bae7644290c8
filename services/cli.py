"""The `launchwatch` command.

    launchwatch run [--config FILE]                      all stages in one process
    launchwatch serve ingest|classify|events|notify [--config FILE]
    launchwatch classify [--input FILE|-] [--output FILE|-]
    launchwatch feeds check [--config FILE]
    launchwatch dlq list|replay [--subscription NAME] [--event ID] [--config FILE]
    launchwatch demo [--speed N]

Exit status: 0 on a clean stop, 2 on a configuration error or an unusable state file, 1 on
a failure (for `classify`: when any input line could not be classified; the other lines are
still written).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from services.runtime.errors import ConfigError, StateCorrupt, StateError
from services.config import Settings, load_settings, secret_values
from services.runtime.logs import configure_logging
from services.stages import STAGES, run


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="FILE", help="TOML configuration file (default: built-in defaults)")
    common.add_argument(
        "--log-format", choices=("json", "console"), default=None,
        help="force JSON lines or console logs (default: console on a terminal, JSON otherwise)",
    )
    parser = argparse.ArgumentParser(prog="launchwatch", description="Real-time alerts for missile and rocket launch reports.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("run", parents=[common], help="run every stage (ingest, classify, events, notify) in one process")
    serve = sub.add_parser("serve", parents=[common], help="run one stage, for separate processes")
    serve.add_argument("stage", choices=STAGES)

    classify = sub.add_parser("classify", help="classify JSON Lines offline")
    classify.add_argument("--input", default="-", metavar="FILE|-", help="input JSON Lines (default: stdin)")
    classify.add_argument("--output", default="-", metavar="FILE|-", help="output JSON Lines (default: stdout)")

    feeds = sub.add_parser("feeds", help="work with the configured sources")
    feeds.add_argument("action", choices=("check",))
    feeds.add_argument("--config", metavar="FILE")

    dlq = sub.add_parser("dlq", parents=[common], help="show or resend dead-lettered deliveries")
    dlq.add_argument("action", choices=("list", "replay"))
    dlq.add_argument("--subscription", metavar="NAME", help="replay only this subscription's deliveries")
    dlq.add_argument("--event", metavar="ID", help="replay only this event's deliveries")

    demo = sub.add_parser("demo", parents=[common], help="replay a recorded launch morning through the pipeline")
    demo.add_argument("--speed", type=float, default=60.0, help="how many times faster than real time (default 60)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "classify":
            return _classify(args.input, args.output)
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(f"launchwatch: {exc}", file=sys.stderr)
        return 2
    configure_logging(
        fmt=getattr(args, "log_format", None) or settings.log.format,
        level=settings.log.level,
        secrets=secret_values(settings),
    )
    try:
        if args.command == "run":
            asyncio.run(run(settings, STAGES, service="run"))
        elif args.command == "serve":
            asyncio.run(run(settings, [args.stage], service=args.stage))
        elif args.command == "feeds":
            return asyncio.run(_feeds_check(settings))
        elif args.command == "dlq":
            return asyncio.run(_dlq(settings, args.action, args.subscription, args.event))
        elif args.command == "demo":
            from services.demo.runner import run_demo

            return asyncio.run(run_demo(settings, speed=args.speed))
    except KeyboardInterrupt:
        return 130
    except StateError as exc:
        print(f"launchwatch: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, StateCorrupt) else 1
    return 0


def _classify(input_path: str, output_path: str) -> int:
    from services.classify.offline import classify_jsonl

    # Bytes: each line is decoded on its own, so one line of bad UTF-8 is one error line.
    source = sys.stdin.buffer if input_path == "-" else open(input_path, "rb")
    sink = sys.stdout if output_path == "-" else open(output_path, "w", encoding="utf-8")
    try:
        _, failed = classify_jsonl(source, sink, sys.stderr)
    finally:
        if source is not sys.stdin.buffer:
            source.close()
        if sink is not sys.stdout:
            sink.close()
    return 1 if failed else 0


async def _feeds_check(settings: Settings) -> int:
    import aiohttp

    from services.ingest.check import feeds_check, format_table

    async with aiohttp.ClientSession(headers={"User-Agent": settings.ingest.user_agent}) as http:
        rows = await feeds_check(settings, http)
    print(format_table(rows))
    return 0 if all(row.get("ok", True) for row in rows) else 1


async def _dlq(settings: Settings, action: str, subscription: str | None, event_id: str | None) -> int:
    from services.notify import dlq

    if action == "list":
        return await dlq.list_command(settings)
    return await dlq.replay_command(settings, subscription=subscription, event_id=event_id)


if __name__ == "__main__":
    sys.exit(main())
