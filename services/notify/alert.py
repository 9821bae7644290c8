"""What one delivery carries: an event revision, for one subscription, as an alert or update."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

from schemas import LaunchEvent

AlertKind = Literal["alert", "update"]


def delivery_id_for(subscription: str, event_id: str, revision: int) -> str:
    """The delivery's id: the same (subscription, event, revision) always gives the same id,
    so a retry, a restart or a replay sends it with the id receivers already know."""
    digest = hashlib.sha256(f"{subscription}\x1f{event_id}\x1f{revision}".encode()).hexdigest()
    return f"dlv_{digest[:32]}"


@dataclass(frozen=True)
class Alert:
    """The input of every renderer.

    `changed` names the meaningful facts that differ from what this subscription was last
    told (empty for a first alert); `previous` holds those facts' earlier values as text.
    `thread_ref` is the channel's handle of the first alert (Slack `ts`, e-mail Message-ID)
    when an update can thread under it. `label` (`[notify] label`) heads its first line.
    `closes`: in a digest, every queued delivery of the event the item tells as its latest
    revision (its own `delivery_id` among them).
    """

    delivery_id: str
    subscription: str
    kind: AlertKind
    event: LaunchEvent
    changed: tuple[str, ...] = ()
    previous: dict[str, str | None] = field(default_factory=dict)
    thread_ref: str | None = None
    label: str = ""
    closes: tuple[str, ...] = ()


def digest_id_for(subscription: str, delivery_ids: list[str]) -> str:
    """A digest's id: fixed by what it holds, so a digest resent after a crash keeps it."""
    digest = hashlib.sha256("\x1f".join([subscription, *sorted(delivery_ids)]).encode()).hexdigest()
    return f"dgs_{digest[:32]}"


@dataclass(frozen=True)
class Digest:
    """Several alerts and updates for one subscription, sent as one message.

    Each item is the latest queued revision of one event; its kind is `alert` when the
    subscription had not been told about the event before this digest.
    """

    digest_id: str
    subscription: str
    items: tuple[Alert, ...]
