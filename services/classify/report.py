"""What a classify worker process runs: an item record's value in, its encoded report out.

Pure, and light to import (schemas, the classifier, the clusterer's pure rules; no bus,
HTTP or database client): the workers' fork server imports this module and the
classifier, nothing else of the service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from schemas import FeedItem, LaunchReport
from services.events.state import reaches_clusterer
from services.runtime.codec import decode_value

# The 52,000 labelled items have titles of at most 400 characters and summaries of at most
# 873: these caps never cut a real item short, and bound what a hostile one costs.
MAX_TITLE_CHARS = 1_000
MAX_SUMMARY_CHARS = 4_000


def report_for(item: FeedItem, now: datetime, source_tz: str | None = None,
               launch_model: Any = None) -> LaunchReport:
    """Classify one item into its LaunchReport (pure). Relative times ("this morning") are
    read in `source_tz`, else the item's own source zone, else by the text's language.
    Only the first `MAX_TITLE_CHARS` of the title and `MAX_SUMMARY_CHARS` of the summary
    are read. `launch_model` (a `model.LaunchModel`; default: the shipped one) lets a
    measurement use a model that never saw the items."""
    from services.classify.classifier import classify  # compiled in the workers only (see preload)

    result = classify(item.title[:MAX_TITLE_CHARS], item.summary[:MAX_SUMMARY_CHARS], lang=item.lang,
                      published_at=item.published_at or item.first_seen_at,
                      source_tz=source_tz or item.source_tz, launch_model=launch_model)
    return LaunchReport(
        item_id=item.item_id,
        revision=item.revision,
        feed=item.feed,
        url=item.url,
        title=item.title,
        lang=result.lang,
        published_at=item.published_at,
        first_seen_at=item.first_seen_at,
        source_kind=item.source_kind,
        is_launch=result.is_launch,
        confidence=result.confidence,
        fields=result.fields,
        evidence=list(result.evidence),
        language_supported=result.language_supported,
        retrospective=result.retrospective,
        classified_at=now,
    )


@dataclass(frozen=True)
class Classified:
    """What the worker sends back for one item: its report, encoded, and what the stage
    needs to route and log it without decoding it again."""

    item_id: str
    payload: bytes  # the LaunchReport's JSON
    is_launch: bool
    reaches_clusterer: bool
    launch_log: dict[str, Any] | None  # the `launch_detected` line's fields, for launches


def classify_value(value: bytes | None, now: datetime, min_confidence: float,
                   classify_item: Callable[[FeedItem, datetime], LaunchReport] = report_for) -> Classified:
    """In a worker: an item record's value → its report (see `report_for`). Raises
    `InvalidMessage` for a value that is no FeedItem."""
    item = decode_value(FeedItem, value)
    report = classify_item(item, now)
    launch_log = None
    if report.is_launch:
        launch_log = {"item_id": item.item_id, "feed": item.feed, "confidence": report.confidence,
                      "actor": report.fields.actor, "kind": report.fields.kind, "title": report.title,
                      "retrospective": report.retrospective}
    return Classified(item.item_id, report.to_bytes(), report.is_launch,
                      reaches_clusterer(report, min_confidence), launch_log)
