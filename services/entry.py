"""The `launchwatch` command's entry point: the signals first, then everything else.

Ctrl-C, SIGTERM or SIGHUP (a closed terminal; not under `nohup`, which ignores it) may
come at any moment, even while the command's modules are still being imported (a tenth of
a second): a long-running command (`run`, `serve`, `demo`) stopped before it has started
anything has nothing to finish, and stops cleanly (exit 0), without a traceback; a one-off
command (`feeds check`, `dlq`, `classify`) that is interrupted exits 128 + the signal's
number (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP). Once a command runs, it
handles the signals itself (see `services.runtime.lifecycle.run_stages`).
"""

from __future__ import annotations

import signal
import sys
from types import FrameType

LONG_RUNNING = frozenset({"run", "serve", "demo"})
_received: list[int] = []


def _interrupt(signum: int, frame: FrameType | None) -> None:
    _received.append(signum)
    raise KeyboardInterrupt


FEEDS_CHECK_STOPPED = "launchwatch: feeds check stopped by {signal}: no table"
"""The line `feeds check` ends with when a signal stops it, however early."""

STOPPED = {
    ("feeds", "check"): FEEDS_CHECK_STOPPED,
    ("dlq", "list"): "launchwatch: dlq list stopped by {signal}: no list",
    ("dlq", "replay"): "launchwatch: dlq replay stopped by {signal}: `launchwatch dlq list` shows the letters "
                       "still dead (a letter being resent may have reached its receiver, under its delivery id)",
}
"""The line a one-off command ends with when a signal stops it (`classify` says its own)."""


def interrupted_status(argv: list[str]) -> int:
    """The exit status of a command stopped by Ctrl-C, SIGTERM or SIGHUP before it took the signals
    over: 0 for a long-running one (a clean stop), else 128 + the signal; `feeds check`
    and `dlq` say so in one line (`STOPPED`)."""
    if argv[:1] and argv[0] in LONG_RUNNING:
        return 0
    signum = _received[-1] if _received else signal.SIGINT
    line = STOPPED.get(tuple(argv[:2]))
    if line is not None:
        print(line.format(signal=signal.Signals(signum).name), file=sys.stderr)
    return 128 + signum


def main() -> int:
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    if signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN:  # (under `nohup` it stays ignored)
        signal.signal(signal.SIGHUP, _interrupt)  # a closed terminal: as SIGTERM
    try:
        from services.cli import main as command

        return command()
    except KeyboardInterrupt:
        return interrupted_status(sys.argv[1:])
    except Exception:
        # A library that runs Python code of its own while a module is imported may wrap the
        # KeyboardInterrupt in an error of its own (pydantic-core: `SchemaError`): a signal
        # taken here came first, and the error is its consequence.
        if _received:
            return interrupted_status(sys.argv[1:])
        raise


if __name__ == "__main__":
    sys.exit(main())
