"""The time rules of clustering (`[events]`), apart from the clustering itself: the settings
read their defaults here without importing the clusterer's state functions (the gazetteer
and their patterns), which processes of the other stages do not need."""

from __future__ import annotations

from dataclasses import dataclass

# How long the events stage's state keeps a closed event (`[events] retention_days`).
RETENTION_DAYS = 30.0


@dataclass(frozen=True)
class Window:
    """The time rules of clustering, in seconds."""

    minute_tolerance_s: float = 90 * 60
    hour_tolerance_s: float = 3 * 3600
    day_tolerance_s: float = 13 * 3600
    publish_skew_s: float = 15 * 60
    timeless_join_s: float = 6 * 3600
    echo_join_s: float = 20 * 3600
    inactive_close_s: float = 36 * 3600
    stale_after_s: float = 6 * 3600
