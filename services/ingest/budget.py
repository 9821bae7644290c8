"""How many items each source may put on the items topic.

Every item a source publishes (a new entry, or a new revision of one) is classified, in
the order the topic holds them. A source that lists hundreds of new entries at every poll,
or that a hub pushes again and again, would fill that queue ahead of every other source's
news: a launch reported elsewhere would wait behind it. So each source has a budget of
`[ingest] max_items_per_source_hour` items that refills evenly over the hour; a poll or push
past it publishes the newest entries it may and leaves the others unpublished and unmarked,
so a later poll (once the budget has refilled) takes those still listed: that poll fetches
the document whole, without the validators that would have it answered 304.

Real sources stay far inside it: the busiest feed of 18 real days of news listed 310 new
entries in a whole day.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class _Bucket:
    items: float
    at_s: float


class ItemBudget:
    """Per-source allowance of `per_hour` items, full at first, refilling continuously.

    Pure: the caller passes the time (seconds), so tests need no sleeping.
    """

    def __init__(self, per_hour: int) -> None:
        self._per_hour = float(per_hour)
        self._buckets: dict[str, _Bucket] = {}

    def available(self, source: str, now_s: float) -> int:
        """Whole items `source` may publish now."""
        return int(self._refilled(source, now_s).items)

    def spend(self, source: str, items: int, now_s: float) -> None:
        bucket = self._refilled(source, now_s)
        bucket.items = max(0.0, bucket.items - items)

    def _refilled(self, source: str, now_s: float) -> _Bucket:
        bucket = self._buckets.get(source)
        if bucket is None:
            bucket = self._buckets[source] = _Bucket(self._per_hour, now_s)
        elapsed = max(0.0, now_s - bucket.at_s)
        bucket.items = min(self._per_hour, bucket.items + elapsed * self._per_hour / 3600.0)
        bucket.at_s = max(bucket.at_s, now_s)
        return bucket
