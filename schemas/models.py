"""Messages that travel on launchwatch topics.

One frozen model per topic payload. Every model carries `schema_version`; readers ignore
fields they do not know, so producers may add fields without breaking consumers. Broker
metadata (topic, partition, offset) travels beside a message, never inside it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_SAFE_INT = 2**53 - 1
"""The largest integer every JSON reader (JavaScript's too) keeps exact; SQLite and
PostgreSQL store it. A larger one (`"revision": 10**400`) is an invalid message."""
SafeInt = Annotated[int, Field(ge=-MAX_SAFE_INT, le=MAX_SAFE_INT)]

Kind = Literal[
    "ballistic",
    "cruise",
    "hypersonic",
    "slbm",
    "icbm",
    "irbm",
    "mrbm",
    "srbm",
    "satellite_launch",
    "artillery_rocket",
    "unknown",
]

BALLISTIC_KINDS = frozenset({"ballistic", "srbm", "mrbm", "irbm", "icbm", "slbm", "hypersonic"})
"""The ballistic family: "ballistic" is its generic member, the others name a class."""


def kind_family(kind: str | None) -> str | None:
    """`ballistic` for every kind of the ballistic family, None for none or `unknown`, else the kind."""
    if kind is None or kind == "unknown":
        return None
    return "ballistic" if kind in BALLISTIC_KINDS else kind


SALVO_FAMILIES = frozenset({"ballistic", "cruise"})
"""The families one salvo mixes (hypersonic is of the ballistic family)."""

MASS_STRIKE_COUNT = 20
"""Missiles in one attack from which it is a mass strike: its reports' places may be many,
and its weapons of several classes."""

EventStatus = Literal["reported", "confirmed", "claimed", "corrected", "retracted"]


class Message(BaseModel):
    """Base of every topic payload: frozen, tolerant of unknown fields."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    def to_bytes(self) -> bytes:
        return self.model_dump_json().encode()

    @classmethod
    def from_bytes(cls, raw: bytes):
        """Decode and validate; raises pydantic.ValidationError on a bad payload."""
        return cls.model_validate_json(raw)


class FeedItem(Message):
    """One entry of a source, as plain text. Topic `launchwatch.items`, key `item_id`."""

    schema_version: Literal[1] = 1
    item_id: str = Field(description="Stable id: the same entry always gets the same id.")
    revision: SafeInt = Field(1, ge=1, description="Grows when the entry's text changes.")
    feed: str = Field(description="Name of the source.")
    feed_url: str
    url: str | None = Field(None, description="Link to the article, absolute.")
    title: str
    summary: str = ""
    lang: str | None = Field(None, description="BCP 47 language of the text, when known.")
    published_at: datetime | None = Field(
        None, description="Publication time from the source (UTC), or null when it gave none."
    )
    first_seen_at: datetime = Field(description="When ingest first saw the entry (UTC).")
    source_kind: str | None = Field(None, description="agency | wire | news | aggregator")
    source_country: str | None = None
    source_tz: str | None = Field(
        None, description="IANA zone of the source, for its relative times ('this morning')."
    )


class Evidence(BaseModel):
    """A cue behind a decision or a field: which words, where, and what they count for."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    cue: str = Field(description="Name of the rule or lexicon entry that fired.")
    text: str = Field(description="The words of the item that matched.")
    start: SafeInt | None = Field(None, description="Offset in `title + '\\n' + summary`.")
    end: SafeInt | None = None
    field: str | None = Field(None, description="Field this supports; null for detection.")
    weight: float = 0.0


class LaunchFields(BaseModel):
    """Facts of one report; the field set of the `launchwatch classify` contract."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    actor: str | None = None
    kind: Kind | None = None
    count: SafeInt | None = None
    distance_km: float | None = None
    apogee_km: float | None = None
    direction: str | None = None
    launch_site: str | None = Field(None, description="Where the launch was made from, as the text words it "
                                                     "(\"the Sunan area of Pyongyang\", \"its east coast\").")
    source_agency: str | None = None
    launched_at: datetime | None = None
    launched_on: date | None = Field(
        None, description="The launch's local date where the text states a day but no clock time "
                          "(launched_at then holds an estimate within that day).")


class LaunchReport(Message):
    """Classification of one item. Topic `launchwatch.reports`, key `item_id`."""

    schema_version: Literal[1] = 1
    item_id: str
    revision: SafeInt = 1
    feed: str
    url: str | None = None
    title: str
    lang: str | None = None
    published_at: datetime | None = None
    first_seen_at: datetime | None = None
    source_kind: str | None = None
    is_launch: bool
    confidence: float = Field(ge=0.0, le=1.0)
    fields: LaunchFields = LaunchFields()
    evidence: list[Evidence] = []
    language_supported: bool = True
    retrospective: bool = Field(
        False, description="The item only mentions a past launch; it starts no event."
    )
    classified_at: datetime


class EventSource(BaseModel):
    """One report that contributed to an event."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    item_id: str
    feed: str
    url: str | None = None
    title: str
    source_kind: str | None = None
    source_agency: str | None = None
    published_at: datetime | None = None
    lang: str | None = Field(None, description="Language of the report (BCP 47).")
    fields: LaunchFields = LaunchFields()
    count_of_classes: bool = Field(
        False, description="The report's count is of several classes of missile, its kind one of them (\"52 "
        "missiles, including hypersonic Kinzhals\"), not that many of its kind.")


class LaunchEvent(Message):
    """Full state of one launch event at one revision. Topic `launchwatch.events`, key `event_id`.

    Every revision carries the whole current state, so a compacted topic keeps what a
    consumer needs: the latest revision of every event.
    """

    schema_version: Literal[1] = 1
    event_id: str
    revision: SafeInt = Field(ge=1)
    status: EventStatus = "reported"
    actor: str | None = None
    kind: Kind | None = None
    count: SafeInt | None = None
    count_includes: Literal["drones", "bombs", "other arms"] | None = Field(
        None, description="What else `count` counts where the reports tell no count of the missiles alone: "
                          "'drones' for \"over 150 missiles and drones\", 'bombs'; null when it counts missiles "
                          "(or rockets) only. A change of it is a change of 'count'.")
    distance_km: float | None = None
    apogee_km: float | None = None
    direction: str | None = None
    launch_site: str | None = Field(None, description="Where the launch was made from, as the top source words it.")
    source_agency: str | None = None
    launched_at: datetime | None = None
    launched_on: date | None = Field(
        None, description="The launch's local date where the reports behind launched_at state a day but no "
                          "clock time: launched_at is then an estimate within that day, not a time to the minute.")
    confidence: float = Field(ge=0.0, le=1.0)
    headline: str = Field(description="Title of the most authoritative English report of an outlet's own, else "
                                      "of the most authoritative report (at most 300 characters).")
    first_reported_at: datetime = Field(
        description="Publication time of the earliest report (its first-seen time where it has no date or a "
                    "date too far ahead); may move back when an earlier report arrives late, and forward when "
                    "a launch time stated to the minute shows the earliest report's stamp to be hours early "
                    "(then the earliest report published after the launch).")
    updated_at: datetime = Field(description="When the events stage made this revision (UTC).")
    sources: list[EventSource] = []
    source_count: SafeInt = Field(1, description="Independent sources that reported it.")
    sources_omitted: SafeInt = Field(
        0, ge=0, description="Reports of the event not listed in `sources` (an event lists a bounded set)."
    )
    changes: list[str] = Field(
        [], description="What changed in this revision: ['new'] for revision 1, else any of 'status', 'actor', "
                        "'kind', 'count', 'distance_km', 'apogee_km', 'direction', 'launch_site', 'launched_at', "
                        "'stale', and "
                        "'sources' when the reports behind it changed (sources, source_count, sources_omitted, "
                        "headline, source_agency, confidence, first_reported_at, a direction's wording)."
    )
    stale: bool = Field(False, description="First reported too long ago to alert anyone.")
    confirmed: bool = Field(
        False, description="Confirmed by an observing government's agency or at least three independent outlets "
                           "telling it in their own right (not relaying the launcher's state media), "
                           "whatever the status: a corrected or retracted event can have been confirmed too (status "
                           "'confirmed' says it of an event nothing walked back).")


class DeadLetter(Message):
    """What a stage could not handle, and why. Topic `launchwatch.dlq`."""

    schema_version: Literal[1] = 1
    stage: str = Field(description="ingest | classify | events | notify")
    reason: str
    error: str = Field(description="Error class: InvalidMessage, PermanentError, RetriesExhausted.")
    topic: str | None = None
    partition: SafeInt | None = None
    offset: SafeInt | None = None
    key: str | None = None
    value: str = Field(description="The original payload, as text (UTF-8, replacement on error); its first "
                                   "64 KiB when it was longer (`value_bytes` and `value_sha256` name the whole).")
    value_bytes: SafeInt | None = Field(None, description="The original payload's size, where `value` holds only its start.")
    value_sha256: str | None = Field(None, description="The original payload's SHA-256, where `value` holds only "
                                                       "its start.")
    subscription: str | None = None
    event_id: str | None = None
    failed_at: datetime


TOPIC_MODELS: dict[str, type[Message]] = {
    "items": FeedItem,
    "reports": LaunchReport,
    "launch-reports": LaunchReport,
    "events": LaunchEvent,
    "dlq": DeadLetter,
}
