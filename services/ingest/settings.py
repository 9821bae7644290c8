"""Configuration of the ingest stage: `[ingest]`, `[[feeds]]`, `[[pages]]`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool, field_validator, model_validator

from services.runtime.config_model import (CountryCode, HttpUrl, LanguageTag, Name, Section, SingleLine, TimeZone,
                                           host_port)


class IngestSettings(Section):
    allow_private_networks: StrictBool = Field(
        False, description="Let sources resolve to loopback, private, link-local addresses."
    )
    user_agent: SingleLine = Field(
        "launchwatch/0.1 (+https://github.com/launchwatch/launchwatch)",
        description="User-Agent header of every fetch; name a contact so publishers can reach you.",
    )
    timeout_s: float = Field(20.0, gt=0, description="Longest one fetch may take, redirects and body included.")
    max_body_bytes: int = Field(
        10 * 1024 * 1024, gt=0, description="Largest document accepted (after decompression); checked while reading."
    )
    min_interval_s: float = Field(30.0, gt=0, description="No source is polled more often.")
    max_interval_s: float = Field(
        3600.0, gt=0, description="No source waits longer, but where its server asks with Retry-After (up to a day).")
    concurrency: int = Field(50, ge=1, description="Fetches in flight at once.")
    per_host_concurrency: int = Field(2, ge=1, description="Fetches in flight at once to one host name.")
    use_default_catalogue: StrictBool = Field(
        True, description="Poll the shipped catalogue when no [[feeds]] or [[pages]] are configured."
    )
    per_host_spacing_s: float = Field(0.5, ge=0, description="Least time between two request starts to one host.")
    jitter_ratio: float = Field(
        0.1, ge=0, le=0.5, description="Next checks come up to this fraction early (never late), so sources spread out."
    )
    adaptive_schedule: StrictBool = Field(True, description="Poll rarely-publishing sources less often.")
    adaptive_max_factor: float = Field(
        4.0, ge=1, description="Adaptive scheduling waits at most this many times a source's interval_s."
    )
    unhealthy_after_errors: int = Field(3, ge=1, description="Consecutive failures that mark a source unhealthy.")
    max_redirects: int = Field(5, ge=0, description="Redirects followed per fetch; each hop is address-checked.")
    max_entries_per_feed: int = Field(500, ge=1, description="Entries read from one document, in document order.")
    max_items_per_source_hour: int = Field(
        600, ge=1,
        description="Items (new entries and new revisions) one source may publish in an hour, refilled evenly: a "
        "poll or push past it publishes the newest it may and leaves the rest for a later poll (source_throttled). "
        "One source listing hundreds of new entries at every poll would otherwise delay every other source's news.",
    )
    parse_threads: int = Field(
        1, ge=1, description="Unused since documents are parsed in worker processes (parse_workers); still accepted."
    )
    parse_workers: int = Field(
        2, ge=1, description="Worker processes parsing documents, one document each at a time, off the event loop."
    )
    parse_timeout_s: float = Field(
        10.0, gt=0,
        description="Longest one document may take to parse; then its worker is killed, the document refused "
        "(parse_timeout) and its source marked unhealthy.",
    )
    item_retention_days: float = Field(
        30.0, gt=0, description="Items their source has not listed for this long are forgotten."
    )
    lease_s: float = Field(
        15.0, ge=1,
        description="With a shared state ([state] url): how long an instance's claim on a source lasts unrenewed "
        "(renewed every third of it). A stopped instance's sources are taken over at once, a dead one's within "
        "about this long.",
    )
    metrics_listen: str | None = Field(
        None, description="Deprecated and ignored: /metrics is served on [http] listen. Accepted so old "
        "configs still start; a config_deprecated line says so."
    )

    @field_validator("metrics_listen")
    @classmethod
    def _metrics_listen(cls, value: str | None) -> str | None:
        return value if value is None else host_port(value, "127.0.0.1:9464")

    @model_validator(mode="after")
    def _intervals_in_order(self) -> "IngestSettings":
        if self.min_interval_s > self.max_interval_s:
            raise ValueError(f"ingest.min_interval_s ({self.min_interval_s:g}) is above "
                             f"ingest.max_interval_s ({self.max_interval_s:g})")
        return self


class WebSubSettings(Section):
    """`[websub]`: push subscriptions to the hubs feeds name; off while `public_url` is unset."""

    public_url: HttpUrl | None = Field(
        None, description="Base URL at which hubs reach this process, e.g. https://ingest.example.org."
    )
    listen: str = Field("0.0.0.0:8089", description="host:port the callback server listens on.")
    lease_s: int = Field(86400, ge=60, description="Lease asked of hubs; renewed before it ends.")
    poll_interval_s: float = Field(
        900.0, gt=0, description="Polling interval of a source while its hub pushes (the safety net)."
    )

    @field_validator("listen")
    @classmethod
    def _listen(cls, value: str) -> str:
        return host_port(value, "0.0.0.0:8089")


class SourceSettings(Section):
    """What `[[feeds]]` and `[[pages]]` entries share."""

    url: HttpUrl = Field(description="The source's http(s) URL; also its identity.")
    name: Name = Field(description="Name of the source, as items and logs show it.")
    lang: LanguageTag | None = Field(None, description="BCP 47 language of the source; wins over what it says itself.")
    kind: Literal["agency", "wire", "news", "aggregator"] | None = Field(
        None, description="agency | wire | news | aggregator")
    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 country of the publisher.")
    timezone: TimeZone | None = Field(None, description="IANA zone of the source, for dates without a zone.")


class FeedSettings(SourceSettings):
    """`[[feeds]]`: an RSS, Atom, RDF or JSON Feed document."""

    interval_s: float = Field(60.0, gt=0, description="Time between checks, clamped by [ingest] min/max_interval_s.")


class PageSettings(SourceSettings):
    """`[[pages]]`: an HTML page whose links, picked by a CSS selector, become items."""

    selector: str = Field(
        description="CSS selector of the item links: tag, .class, #id, [attr], [attr=value], descendant, child (>)."
    )
    interval_s: float = Field(300.0, gt=0, description="Time between checks, clamped by [ingest] min/max_interval_s.")

    @field_validator("selector")
    @classmethod
    def _supported_selector(cls, value: str) -> str:
        from services.ingest.pages import parse_selector

        parse_selector(value)  # raises SelectorError (a ValueError) naming the bad part
        return value
