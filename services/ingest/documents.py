"""A fetched document → its entries, by the source's kind: the one function ingest runs in
its parse workers (`services.ingest.worker.DocumentParser`).

Kept apart from the worker so that a parse worker imports the parsers and nothing of the
network side; it takes and returns plain values, which cross the process boundary cheaply.
"""

from __future__ import annotations

import time
from typing import Any

from services.ingest.pages import parse_page
from services.ingest.parser import ParsedFeed, parse_feed


def parse_body(body: bytes, url: str, content_type: str | None, selector: str | None, timezone: str | None,
               max_entries: int) -> ParsedFeed:
    """A page's links when `selector` is set (a `[[pages]]` source), else the feed's entries.

    Raises what `parse_page` and `parse_feed` raise: `NotAFeed`, `UnsafeDocument`,
    `FeedTooComplex`, `SelectorError`.
    """
    if selector is not None:
        return parse_page(body, url=url, selector=selector or "a", content_type=content_type,
                          max_entries=max_entries)
    return parse_feed(body, url=url, content_type=content_type, max_entries=max_entries, default_tz=timezone)


def parse_body_timed(*args: Any) -> tuple[ParsedFeed, float]:
    """`parse_body` and the seconds it took, measured where it ran (a worker's wait for its
    turn not counted); a document refused says how long it took too (`parse_s` on the error)."""
    started = time.perf_counter()
    try:
        parsed = parse_body(*args)
    except Exception as exc:
        exc.parse_s = time.perf_counter() - started  # type: ignore[attr-defined]
        raise
    return parsed, time.perf_counter() - started
