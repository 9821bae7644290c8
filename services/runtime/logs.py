"""Structured logging: one JSON object per line off a terminal, readable console on one.

Every line has `timestamp` (ISO 8601 UTC), `level`, `service` and `event`. Context such as
`service`, `item_id` or `subscription` is bound with contextvars, so each stage's task
logs with its own service name. Known secret values are replaced wherever they appear.

When stdout's reader goes away (`launchwatch run | tee log` and Ctrl-C kills `tee`
first), the remaining lines — `stopped` among them — go to stderr instead of ending the
process with a BrokenPipeError.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Collection, Iterable
from typing import Any, TextIO

import structlog

REDACTED = "[redacted]"
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


class SecretRedactor:
    """A structlog processor that replaces every known secret in every string value."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self.secrets: tuple[str, ...] = tuple(sorted(set(secrets), key=len, reverse=True))

    def __call__(self, logger: Any, method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
        if not self.secrets:
            return event_dict
        return {key: self._scrub(value) for key, value in event_dict.items()}

    def _scrub(self, value: Any) -> Any:
        if isinstance(value, str):
            for secret in self.secrets:
                if secret in value:
                    value = value.replace(secret, REDACTED)
            return value
        if isinstance(value, dict):
            return {k: self._scrub(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self._scrub(v) for v in value]
        return value


def release_stdout(stream: TextIO | None = None) -> None:
    """Point the file descriptor of `stream` (stdout) at /dev/null once its reader has gone
    (a closed pipe).

    Later writes to it, and the interpreter's flush at exit, then succeed silently instead
    of raising BrokenPipeError.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, (stream or sys.stdout).fileno())
    finally:
        os.close(devnull)


class LineWriter:
    """A structlog logger writing one line per call to `stream`, and to stderr from the
    moment `stream` (stdout) turns out to be a closed pipe."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._lock = threading.Lock()  # parse threads and the loop may log at once

    def msg(self, message: str) -> None:
        with self._lock:
            try:
                self.stream.write(message + "\n")
                self.stream.flush()
            except OSError as exc:  # a closed pipe, a full disk (`> /dev/full`), a device error
                if self.stream is sys.stderr:
                    return  # nowhere left to write; the process goes on
                where = "stdout" if self.stream is sys.stdout else "its stream"
                if self.stream is sys.stdout:
                    release_stdout()
                self.stream = sys.stderr
                try:
                    if not isinstance(exc, BrokenPipeError):
                        self.stream.write(f"launchwatch: cannot write the log to {where} ({exc.strerror or exc}): "
                                          "logging to stderr\n")
                    self.stream.write(message + "\n")
                    self.stream.flush()
                except OSError:  # the same pipe (`2>&1 | head`): the process goes on, unheard
                    release_stdout(sys.stderr)

    log = debug = info = warn = warning = msg
    fatal = failure = err = error = critical = exception = msg


def _quiet(events: Collection[str], level: int):  # type: ignore[no-untyped-def]
    """A processor logging `events` at debug level: dropped unless debug is on."""

    def processor(logger: Any, method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
        if event_dict.get("event") in events:
            if level > logging.DEBUG:
                raise structlog.DropEvent
            event_dict["level"] = "debug"
        return event_dict

    return processor


def _default_service(logger: Any, method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    event_dict.setdefault("service", "run")
    return event_dict


def configure_logging(
    *, fmt: str = "auto", level: str = "info", secrets: Iterable[str] = (), stream: TextIO | None = None,
    quiet_events: Collection[str] = (),
) -> None:
    """Set up structlog for the process. `fmt` is `json`, `console` or `auto` (by isatty).

    Lines whose event is in `quiet_events` are logged at debug level (so dropped unless
    `level` is debug): routine lines a short session, such as the demo, does not need.
    """
    # (Started with stdout closed, `launchwatch run >&-`: the log goes to stderr.)
    stream = stream or sys.stdout or sys.stderr
    if fmt == "auto":
        fmt = "console" if stream.isatty() else "json"
    renderer: Any
    if fmt == "json":
        renderer = structlog.processors.JSONRenderer(ensure_ascii=False)
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=stream.isatty())
    processors: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        *([_quiet(frozenset(quiet_events), _LEVELS[level])] if quiet_events else []),
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _default_service,
        structlog.processors.format_exc_info if fmt == "json" else structlog.dev.set_exc_info,
        SecretRedactor(secrets),
        renderer,
    ]
    structlog.configure(
        processors=processors,
        wrapper_class=structlog.make_filtering_bound_logger(_LEVELS[level]),
        logger_factory=_factory(LineWriter(stream)),
        cache_logger_on_first_use=False,
    )
    # Libraries (aiokafka, aiohttp) log through the standard library: keep their
    # warnings, one line each, on stderr so stdout stays pure JSON for operators; a line a
    # library repeats (aiokafka's every failed reconnect, dozens a second while a broker is
    # down) at most once a `RepeatFilter.window_s`.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(OneLineFormatter("%(levelname)s %(name)s: %(message)s"))
        if not any(isinstance(f, RepeatFilter) for f in handler.filters):
            handler.addFilter(RepeatFilter())


class OneLineFormatter(logging.Formatter):
    """A client's bad request as one line: aiohttp logs each one (an over-long request line,
    a header it cannot parse) as "Error handling request" with a traceback of its own
    parser, nine lines of nothing to mend here. The exception is named after the message
    instead, and line breaks become spaces. Any other exception keeps its traceback: a fault
    of ours or of a library, to be mended."""

    def format(self, record: logging.LogRecord) -> str:
        from aiohttp.http_exceptions import HttpProcessingError

        if not (record.exc_info and isinstance(record.exc_info[1], HttpProcessingError)):
            return super().format(record)
        exc_info, stack_info = record.exc_info, record.stack_info
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        try:
            line = super().format(record)
        finally:
            record.exc_info, record.stack_info = exc_info, stack_info
        if exc_info and exc_info[1] is not None:
            line += f" ({type(exc_info[1]).__name__}: {exc_info[1]})"
        return " ".join(line.split())


class RepeatFilter(logging.Filter):
    """Lets a library's line through at most once per `window_s` for each logger and
    message template; the next one let through says how many were held back since the
    last one let through."""

    def __init__(self, window_s: float = 30.0, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.window_s = window_s
        self._clock = clock
        self._last: dict[tuple[str, str], float] = {}
        self._held: dict[tuple[str, str], int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg))
        now = self._clock()
        last = self._last.get(key)
        if last is not None and now - last < self.window_s:
            self._held[key] = self._held.get(key, 0) + 1
            return False
        if len(self._last) > 1000:  # templates are few; a flood of distinct ones is not kept
            self._last.clear()
            self._held.clear()
        self._last[key] = now
        held = self._held.pop(key, 0)
        if held:
            record.msg = f"{record.msg} (and {held} more like this since the last one shown)"
        return True


def _factory(writer: LineWriter):  # type: ignore[no-untyped-def]
    # One writer for every logger, so the switch to stderr holds for all of them.
    return lambda *args: writer


def bind_service(service: str, stage: str | None = None) -> None:
    """Name the service (and the stage, where one service has several) for every line
    logged from the current task onwards."""
    if stage is None:
        structlog.contextvars.bind_contextvars(service=service)
    else:
        structlog.contextvars.bind_contextvars(service=service, stage=stage)


def get_logger() -> structlog.stdlib.BoundLogger:
    return structlog.get_logger()
