"""A library's line repeated in a flood (aiokafka's failed reconnects) reaches stderr once a window."""

from __future__ import annotations

import logging

from services.runtime.logs import RepeatFilter


def _record(msg: str, *args: object, name: str = "aiokafka.conn") -> logging.LogRecord:
    return logging.LogRecord(name, logging.ERROR, __file__, 1, msg, args, None)


def test_a_repeated_library_line_passes_once_a_window_and_then_says_how_many_were_held():
    now = [0.0]
    repeats = RepeatFilter(window_s=30, clock=lambda: now[0])
    passed = [repeats.filter(_record("Unable connect to node with id %s: %s", 1, "refused")) for _ in range(40)]
    assert passed.count(True) == 1
    assert repeats.filter(_record("Heartbeat failed for group %s", "g"))  # another line is its own
    now[0] = 31.0
    record = _record("Unable connect to node with id %s: %s", 1, "refused")
    assert repeats.filter(record)
    assert record.getMessage() == "Unable connect to node with id 1: refused (and 39 more like this since the last one shown)"
