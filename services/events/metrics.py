"""What the events stage counts, on the process registry (served at `/metrics`)."""

from __future__ import annotations

from prometheus_client import Counter

from services.runtime.metrics import REGISTRY

REVISIONS = Counter("launchwatch_event_revisions_total",
                    "Launch event revisions published; kind=new for an event's first, update after.",
                    ["kind"], registry=REGISTRY)


def revision_published(revision: int) -> None:
    REVISIONS.labels("new" if revision == 1 else "update").inc()
