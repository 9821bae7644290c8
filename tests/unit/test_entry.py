"""The entry point's first moments: a signal taken before the command handles signals itself."""

from __future__ import annotations

import os
import signal
import sys

import pytest

import services.cli
from services import entry


@pytest.fixture(autouse=True)
def _own_handlers(monkeypatch):
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    monkeypatch.setattr(entry, "_received", [])
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def _importing_a_model_when(sig: int):
    def command() -> int:
        # As pydantic-core does with what a validator or serializer raises while a model's
        # schema is built at import: the KeyboardInterrupt comes out as an error of its own.
        try:
            os.kill(os.getpid(), sig)
        except KeyboardInterrupt as exc:
            raise RuntimeError("Error building `nullable` serializer") from exc
        return 0
    return command


@pytest.mark.parametrize("argv, sig, status", [
    (["run"], signal.SIGINT, 0),
    (["serve", "classify"], signal.SIGTERM, 0),
    (["feeds", "check"], signal.SIGINT, 130),
    (["classify"], signal.SIGTERM, 143),
])
def test_a_signal_wrapped_by_a_library_mid_import_is_still_a_stop(monkeypatch, argv, sig, status):
    monkeypatch.setattr(services.cli, "main", _importing_a_model_when(sig))
    monkeypatch.setattr(sys, "argv", ["launchwatch", *argv])
    assert entry.main() == status


def test_an_error_with_no_signal_behind_it_is_not_hidden(monkeypatch):
    def command() -> int:
        raise RuntimeError("a real fault")
    monkeypatch.setattr(services.cli, "main", command)
    monkeypatch.setattr(sys, "argv", ["launchwatch", "run"])
    with pytest.raises(RuntimeError, match="a real fault"):
        entry.main()


@pytest.mark.parametrize("argv, sig, status", [(["run"], signal.SIGHUP, 0), (["classify"], signal.SIGHUP, 129)])
def test_a_hangup_is_a_stop_as_sigterm_is(monkeypatch, argv, sig, status):
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    monkeypatch.setattr(services.cli, "main", _importing_a_model_when(sig))
    monkeypatch.setattr(sys, "argv", ["launchwatch", *argv])
    assert entry.main() == status


def test_a_process_started_under_nohup_keeps_ignoring_hangups(monkeypatch):
    """`nohup launchwatch run &` must outlive its terminal: a hang-up it was started ignoring
    stays ignored, by the entry point and by the stages' signal handlers."""
    from services.runtime.lifecycle import _stop_signals

    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    monkeypatch.setattr(services.cli, "main", lambda: 0)
    monkeypatch.setattr(sys, "argv", ["launchwatch", "run"])
    assert entry.main() == 0
    assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    assert signal.SIGHUP not in _stop_signals()
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    assert signal.SIGHUP in _stop_signals()
