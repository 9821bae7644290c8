"""The `launchwatch` command.

    launchwatch run [--config FILE]                      all stages in one process
    launchwatch serve ingest|classify|events|notify|web [--config FILE]
    launchwatch classify [--input FILE|-] [--output FILE|-]
    launchwatch feeds check [--config FILE]
    launchwatch dlq list|replay [--subscription NAME] [--event ID] [--config FILE]
    launchwatch demo [--speed N] [--config FILE]

Every command takes `--log-format json|console`. Exit status: 0 on a clean stop, 2 on a
usage or configuration error or a state file that is not launchwatch's or is damaged, 1 on a
failure (a state file another process holds is one; for `classify`: when
any input line could not be classified; the other lines are still written). An error is one
line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import math
import os
import signal
import sqlite3
import stat
import sys
from collections.abc import Sequence
from importlib.metadata import version
from typing import IO, TYPE_CHECKING, Any, NoReturn

from services.runtime.errors import ConfigError, LaunchwatchError, StateCorrupt
from services.runtime.postgres import PostgresError

if TYPE_CHECKING:
    from services.config import Settings

# The rest of launchwatch is imported by the functions that need it: a worker process's
# fork server imports this module (the program's main module) before the modules its
# workers need, and must not pay for the whole service (a second of CPU) on the way to the
# first classification.

# What the ingest stage's parse workers import (`services.ingest.worker`'s DocumentParser):
# `launchwatch run` has its fork server import it once, beside the classifier, instead of
# each parse worker importing it on its own while the first items are classified.
INGEST_WORKER_MODULES = ("services.ingest.documents",)

# What `launchwatch feeds check` reads of the configuration: the sources, nothing else (so
# it runs without the subscriptions' secrets).
FEEDS_CHECK_SECTIONS = ("ingest", "feeds", "pages", "log")
# What `launchwatch dlq list` reads: the bus and the state, not the subscriptions (it lists
# without their secrets; `dlq replay` sends, so it reads them all).
DLQ_LIST_SECTIONS = ("bus", "state", "log")
# What a stage that sends nothing leaves unread when served alone: the subscriptions and the
# mail server, whose secrets only notify and the web's replay use.
SENDING_SECTIONS = ("subscriptions", "smtp")
SILENT_STAGES = ("ingest", "classify", "events")


class UsageError(LaunchwatchError):
    """A command-line argument that cannot be used (exit status 2)."""


# Faster than this, the recorded morning would be over before the pipeline has started
# (a few seconds), and the demo would stop having shown nothing.
MAX_DEMO_SPEED = 1000.0


def _demo_speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a finite number above 0, got {text}")
    if value > MAX_DEMO_SPEED:
        raise argparse.ArgumentTypeError(f"at most {MAX_DEMO_SPEED:g}, got {text}: faster, the morning would be "
                                         "over before the pipeline has started")
    return value


class _OneLineParser(argparse.ArgumentParser):
    """A usage error is one line, as every error of the command is: what is wrong, then the
    command's usage on the same line (argparse prints the usage first, over several)."""

    def error(self, message: str) -> NoReturn:
        usage = " ".join(self.format_usage().split()).removeprefix("usage: ")
        self.exit(2, f"{self.prog}: error: {message} (usage: {usage})\n")


def _one_line(exc: BaseException) -> str:
    """An error as one line: a server's own message may run over several ("server closed the
    connection unexpectedly\n\tThis probably means ...")."""
    return " ".join(str(exc).split())


def _parser() -> argparse.ArgumentParser:
    from services.stages import STAGES

    config = argparse.ArgumentParser(add_help=False)
    config.add_argument("--config", metavar="FILE", help="TOML configuration file (default: built-in defaults)")
    log_format = argparse.ArgumentParser(add_help=False)
    log_format.add_argument(
        "--log-format", choices=("json", "console"), default=None,
        help="force JSON lines or console logs (default: console on a terminal, JSON otherwise)",
    )
    common = [config, log_format]
    parser = _OneLineParser(prog="launchwatch", description="Real-time alerts for missile and rocket launch reports.")
    parser.add_argument("--version", action="version", version=f"launchwatch {version('launchwatch')}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("run", parents=common, help="run every stage (ingest, classify, events, notify, web) in one process")
    serve = sub.add_parser("serve", parents=common, help="run one stage, for separate processes",
                           description="Run one stage in this process. The stages pass their messages "
                                       'through Kafka ([bus] kind = "kafka"); `launchwatch run` runs them all in one.')
    serve.add_argument("stage", choices=STAGES, help=(
        "ingest: poll the sources; classify: judge each item; events: group reports into launch events; "
        "notify: deliver alerts; web: the web page of launch events"))

    classify = sub.add_parser(
        "classify", parents=[log_format], help="classify JSON Lines offline",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Classify news items offline, one JSON object a line, each answered in input order.",
        epilog='input line:  {"id": "1", "title": "...", "summary": "...", "lang": "en",\n'
               '              "published_at": "2024-06-26T02:00:00Z"}   (summary, lang, published_at optional;\n'
               '             null is the same as absent; blank lines are skipped)\n'
               'output line: {"id": "1", "is_launch": true, "confidence": 0.99,\n'
               '              "fields": {"actor": "PRK", "kind": "icbm", "count": 1, ...}}\n'
               '             fields: actor, kind, count, distance_km, apogee_km, direction, source_agency,\n'
               '             launched_at, launch_site; null where the text does not say\n'
               'A bad line gives one error line on stderr and the run goes on; the exit status is then 1.')
    classify.add_argument("--input", default="-", metavar="FILE|-", help="input JSON Lines (default: stdin)")
    classify.add_argument("--output", default="-", metavar="FILE|-", help="output JSON Lines (default: stdout)")

    feeds = sub.add_parser("feeds", parents=common, help="work with the configured sources")
    feeds.add_argument("action", choices=("check",), metavar="{check}", help="check: fetch each source once and print a table of what each gave")

    dlq = sub.add_parser("dlq", parents=common, help="show or resend dead-lettered deliveries",
                         description="Deliveries that failed every retry are dead letters, kept with why.")
    dlq.add_argument("action", choices=("list", "replay"), metavar="{list,replay}", help=(
        "list: print each dead letter and its state; replay: resend those still dead, each once, "
        "as its event now stands (exit 1 if any fails again)"))
    dlq.add_argument("--subscription", metavar="NAME", help="only this subscription's dead letters")
    dlq.add_argument("--event", metavar="ID", help="only this event's dead letters")

    demo = sub.add_parser("demo", parents=common, help="replay a recorded launch morning through the pipeline")
    demo.add_argument("--speed", type=_demo_speed, default=60.0,
                      help=f"how many times faster than real time, above 0, at most {MAX_DEMO_SPEED:g} (default 60)")
    for command_parser in sub.choices.values():
        command_parser.set_defaults(command_parser=command_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; every error ends as one line on stderr and an exit status:
    2 for usage and configuration, 1 for a failure; Ctrl-C or SIGTERM before the command
    handles them: 0 for `run`, `serve` and `demo`, else 130 or 143 (`services.entry`)."""
    parser = _parser()
    given = list(sys.argv[1:] if argv is None else argv)
    option = given[0].split("=")[0] if given else ""
    if option in ("--config", "--log-format"):
        # Before the command, argparse would read the option's value as the command.
        parser.error(f"{option} goes after the command: launchwatch COMMAND {option} ...")
    args, extra = parser.parse_known_args(given)
    if extra:
        # Told by the command's own parser, with its usage, not the top level's.
        args.command_parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return _command(args)
    except (ConfigError, UsageError, StateCorrupt) as exc:
        print(f"launchwatch: {_one_line(exc)}", file=sys.stderr)
        return 2
    except LaunchwatchError as exc:
        print(f"launchwatch: {_one_line(exc)}", file=sys.stderr)
        return 1
    except PostgresError as exc:
        # (A statement of a one-off command on the shared state: a stage's is a StateError.)
        print(f"launchwatch: the state database failed: {_one_line(exc)}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:
        # A file whose tables have launchwatch's names but not its columns (another program's,
        # or hand-made) is a state file to mend (2); a full disk or a file made read-only
        # while running is a failure (1): what the database said, in one line.
        unusable = str(exc).startswith(("no such column", "no such table", "file is not a database"))
        print(f"launchwatch: the state file cannot be used: {_one_line(exc)}"
              + (" (is [state] path a launchwatch state file?)" if unusable else ""), file=sys.stderr)
        return 2 if unusable else 1
    except BrokenPipeError:
        # The reader of stdout stopped early (`feeds check | head -2`): nothing more to say.
        from services.runtime.logs import release_stdout

        release_stdout()
        return 1
    except KeyboardInterrupt:
        from services.entry import interrupted_status

        return interrupted_status(given)


def _command(args: argparse.Namespace) -> int:
    if args.command == "run" or (args.command == "serve" and args.stage == "classify"):
        # Before anything else: the workers' fork server compiles the classifier's lexicons
        # while this process imports the rest and connects, not after.
        from services.classify.workers import start_early

        start_early(*(INGEST_WORKER_MODULES if args.command == "run" else ()))
    from services.runtime.logs import bind_service

    if args.command == "classify":
        from services.runtime.logs import configure_logging

        configure_logging(fmt=args.log_format or "auto", stream=sys.stderr)
        bind_service("classify")
        return _classify(args.input, args.output)
    settings = _start_up(args)
    from services.stages import run

    if args.command == "run":
        from services.stages import STAGES

        asyncio.run(run(settings, STAGES, service="run"))
    elif args.command == "serve":
        from services.stages import SERVICE_OF

        bind_service(SERVICE_OF[args.stage], stage=args.stage)  # the process's own lines too
        if args.stage == "web" and not settings.web.enabled:
            raise ConfigError("[web] enabled = false: serve web would serve no page; set it to true, or serve "
                              "another stage")
        if settings.bus.kind == "memory":
            from services.runtime.logs import get_logger

            reach = ("it shows what its state file holds, and no event another process publishes"
                     if args.stage == "web" else "its messages reach no other process")
            get_logger().warning("serve_memory_bus", stage=args.stage, message=(
                f"serve {args.stage} on the in-memory bus: {reach}; "
                'for separate processes set [bus] kind = "kafka", or run every stage in one: launchwatch run'))
        asyncio.run(run(settings, [args.stage], service=SERVICE_OF[args.stage]))
    elif args.command == "feeds":
        bind_service("ingest")  # its lines are ingest's work (polls), as `service` names them
        return asyncio.run(_feeds_check(settings))
    elif args.command == "dlq":
        bind_service("notify")  # a replay's `alert_delivered` lines are deliveries like notify's
        return asyncio.run(_dlq(settings, args.action, args.subscription, args.event, args.config))
    elif args.command == "demo":
        from services.demo.runner import run_demo

        return asyncio.run(run_demo(settings, speed=args.speed))
    return 0


def _start_up(args: argparse.Namespace) -> "Settings":
    """The settings, read and checked, with logging configured and, for `run` and `serve`,
    the modules of the stages to run imported. Raises `ConfigError` naming what is wrong."""
    from services.stages import STAGES, import_stages

    # Importing launchwatch makes hundreds of thousands of objects that live as long as the
    # process, and the cyclic collector scanned them again and again on the way (a tenth of
    # start-up's CPU): it is off until the stages' modules are imported and the settings
    # read, and on again before anything runs. Turned on with all of them in its youngest
    # generation, it then walked them all three times before the first record (a
    # young-generation collection, a middle one, the stage's full one: 0.3 s of CPU per
    # process); collected once here and frozen, they are walked once.
    gc.disable()
    try:
        from services.config import Settings, load_settings, secret_values
        from services.runtime.logs import configure_logging

        only = {"feeds": FEEDS_CHECK_SECTIONS}.get(args.command)
        if args.command == "dlq" and args.action == "list":
            only = DLQ_LIST_SECTIONS
        elif args.command == "serve" and args.stage in (*SILENT_STAGES, "web"):
            only = tuple(name for name in Settings.model_fields if name not in SENDING_SECTIONS)
        settings = load_settings(args.config, only=only)
        if args.command == "serve" and args.stage == "web" and settings.web.admin_token is not None:
            # Replaying from the deliveries page sends: it needs the subscriptions' secrets.
            settings = load_settings(args.config)
        quiet: tuple[str, ...] = ()
        if args.command == "demo":
            from services.demo.runner import ROUTINE_EVENTS

            quiet = ROUTINE_EVENTS
        configure_logging(
            fmt=args.log_format or settings.log.format,
            level=settings.log.level,
            secrets=secret_values(settings),
            quiet_events=quiet,
            # `feeds check` and `dlq` print their answer on stdout: their log lines go apart.
            stream=sys.stderr if args.command in ("feeds", "dlq") else None,
        )
        if args.command in ("run", "serve"):
            from services.runtime import lifecycle  # noqa: F401 - what every stage runs on

            import_stages(STAGES if args.command == "run" else [args.stage])
        gc.collect()
        gc.freeze()
        return settings
    finally:
        gc.enable()


class _Output:
    """The command's answer written to `stream`: a write that fails (a full disk, a device
    error) is one line naming where (`name`), exit status 1. A closed pipe stays a
    BrokenPipeError: its reader stopped early, nothing more to say."""

    def __init__(self, stream: IO[Any] | None, name: str, hint: str = "", *, each_line: bool = False) -> None:
        if stream is None:
            raise UsageError(f"{name} is closed{hint}")
        self._stream, self._name = stream, name
        self._each_line = each_line  # flushed at every line: items come as they are written
        self.lines = 0  # written so far

    def _do(self, method: str, *args: Any) -> Any:
        try:
            return getattr(self._stream, method)(*args)
        except BrokenPipeError:
            raise
        except OSError as exc:
            if self._stream is sys.stdout:
                from services.runtime.logs import release_stdout

                release_stdout()  # what it still buffers goes nowhere at exit, not to a traceback
            raise LaunchwatchError(f"cannot write {self._name}: {exc.strerror or exc}") from None

    def write(self, text: str) -> Any:
        written = self._do("write", text)
        if self._each_line:
            self._do("flush")
        self.lines += text.count("\n")
        return written

    def print(self, text: str) -> None:
        self._do("write", text + "\n")
        self._do("flush")

    def close(self) -> None:
        self._do("close")


def _open(path: str, mode: str, flag: str) -> IO[Any]:
    if not path.strip():
        raise UsageError(f"{flag}: the name given is empty: name a file, or - for "
                         f"{'stdin' if mode.startswith('r') else 'stdout'}")
    try:
        return open(path, mode, encoding=None if "b" in mode else "utf-8")
    except IsADirectoryError:
        raise UsageError(f"{flag} {path} is a directory: name a file") from None
    except OSError as exc:
        verb = "read" if mode.startswith("r") else "write"
        raise UsageError(f"cannot {verb} {flag} {path}: {exc.strerror}") from None


def _is_file(source: IO[Any]) -> bool:
    """Whether `source` is a regular file (read at full speed), not a pipe or a terminal
    (whose items come one by one, each answer wanted as it is made)."""
    try:
        return stat.S_ISREG(os.fstat(source.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        return False


def _same_file(source: IO[Any], path: str) -> bool:
    """Whether `path` is the file `source` reads (by name, link or a shell's `< file`)."""
    try:
        read, written = os.fstat(source.fileno()), os.stat(path)
    except (OSError, ValueError, AttributeError):
        return False  # no such file yet, or an input that is no file
    return (read.st_dev, read.st_ino) == (written.st_dev, written.st_ino) and stat.S_ISREG(read.st_mode)


def _classify(input_path: str, output_path: str) -> int:
    from services.classify.offline import bounded_lines, classify_jsonl
    from services.runtime.logs import release_stdout

    # Bytes: each line is decoded on its own, so one line of bad UTF-8 is one error line.
    stdin = getattr(sys.stdin, "buffer", sys.stdin)
    if input_path == "-" and stdin is None:
        raise UsageError("stdin is closed: give --input FILE")
    source = stdin if input_path == "-" else _open(input_path, "rb", "--input")
    try:
        if output_path != "-" and _same_file(source, output_path):
            # Opened for writing, it would be emptied before a line of it was read.
            raise UsageError(f"--output {output_path} is the file read as input: name another file")
        sink = _Output(sys.stdout, "stdout", ": give --output FILE") if output_path == "-" else \
            _Output(_open(output_path, "w", "--output"), f"--output {output_path}", each_line=not _is_file(source))
    except UsageError:
        if source is not stdin:
            source.close()
        raise
    try:
        _, failed = classify_jsonl(bounded_lines(source), sink, sys.stderr)  # type: ignore[arg-type]
        if output_path != "-":
            sink.close()  # (its last lines are written here)
    except BrokenPipeError:
        release_stdout()  # the reader stopped early (`| head`): nothing more to say
        return 1
    except KeyboardInterrupt:
        if output_path != "-":
            # A file cut short must not pass for the whole answer.
            sink.close()
            held = f"the first {sink.lines:,} answers only" if sink.lines else "no answer yet"
            print(f"launchwatch: classify stopped: --output {output_path} holds {held}", file=sys.stderr)
        raise
    finally:
        if source is not stdin:
            source.close()
    return 1 if failed else 0


async def _feeds_check(settings: "Settings") -> int:
    import aiohttp

    from services.ingest.check import feeds_check, format_table

    # Ctrl-C and SIGTERM stop the check at once, also where the process started with SIGINT
    # ignored (`launchwatch feeds check &` in a script), which asyncio would leave so.
    loop, task, received = asyncio.get_running_loop(), asyncio.current_task(), []
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, lambda signum=signum: (received.append(signum), task.cancel()))
    try:
        async with aiohttp.ClientSession(headers={"User-Agent": settings.ingest.user_agent}) as http:
            rows = await feeds_check(settings, http)
    except asyncio.CancelledError:
        if not received:
            raise
        from services.entry import FEEDS_CHECK_STOPPED

        print(FEEDS_CHECK_STOPPED.format(signal=signal.Signals(received[0]).name), file=sys.stderr)
        return 128 + received[0]
    if not rows:  # an empty table and exit 0 read as "every source is fine"
        print("launchwatch: feeds check: no source to check: [ingest] use_default_catalogue = false and no "
              "[[feeds]] or [[pages]] in the configuration", file=sys.stderr)
        return 2
    _Output(sys.stdout, "stdout").print(format_table(rows))
    return 0 if all(row.get("ok", True) for row in rows) else 1


async def _dlq(settings: "Settings", action: str, subscription: str | None, event_id: str | None,
               config: str | None) -> int:
    from services.config import subscription_names
    from services.notify import dlq
    from services.notify.worker import effective_subscriptions

    # `dlq list` reads the subscriptions' names alone, not their secrets (it sends nothing).
    names = (subscription_names(config) if action == "list" else []) or [
        s.name for s in effective_subscriptions(settings)]
    out: Any = _Output(sys.stdout, "stdout")
    if action == "list":
        # A subscription taken out of the configuration may still have dead letters to show.
        return await dlq.list_command(settings, out, subscription=subscription, event_id=event_id, configured=names)
    if subscription is not None and subscription not in names:
        # Nothing can be resent to a subscription the configuration does not have.
        raise UsageError(f"--subscription {subscription!r}: no such subscription in the configuration "
                         f"(configured: {', '.join(names)})")
    return await dlq.replay_command(settings, out, subscription=subscription, event_id=event_id)


if __name__ == "__main__":
    from services.entry import main as entry

    sys.exit(entry())
