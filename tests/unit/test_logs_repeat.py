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


def _logged(exc: BaseException) -> logging.LogRecord:
    import sys

    try:
        raise exc
    except BaseException:
        return logging.LogRecord("aiohttp.server", logging.ERROR, __file__, 1, "Error handling request from %s",
                                 ("127.0.0.1",), sys.exc_info())


def test_a_clients_bad_request_is_one_line_and_a_fault_keeps_its_traceback():
    """aiohttp logs a client's over-long request line as an error with its traceback: nine
    lines on stderr for each bad request. It is one line, naming the exception; an error in
    a handler keeps its traceback, which says where to mend it."""
    from aiohttp.http_exceptions import LineTooLong

    from services.runtime.logs import OneLineFormatter

    formatter = OneLineFormatter("%(levelname)s %(name)s: %(message)s")
    record = _logged(LineTooLong("Status line", "8190", "9000"))
    assert formatter.format(record) == ("ERROR aiohttp.server: Error handling request from 127.0.0.1 (LineTooLong: "
                                        "400, message: Got more than 8190 bytes when reading: 'Status line'.)")
    assert record.exc_info is not None  # left as it was for any other handler
    fault = formatter.format(_logged(KeyError("event_id")))
    assert fault.startswith("ERROR aiohttp.server: Error handling request from 127.0.0.1\nTraceback")
    assert fault.endswith("KeyError: 'event_id'")
