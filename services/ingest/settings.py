"""Configuration of the ingest stage: `[ingest]`, `[[feeds]]`."""

from __future__ import annotations

from pydantic import Field, field_validator

from services.runtime.config_model import Section


class IngestSettings(Section):
    allow_private_networks: bool = Field(
        False, description="Let sources resolve to loopback, private, link-local addresses."
    )
    user_agent: str = "launchwatch/0.1 (+https://github.com/launchwatch/launchwatch)"
    timeout_s: float = Field(20.0, gt=0)
    max_body_bytes: int = Field(10 * 1024 * 1024, gt=0)
    min_interval_s: float = Field(30.0, gt=0, description="No source is polled more often.")
    max_interval_s: float = Field(3600.0, gt=0, description="No source waits longer.")
    concurrency: int = Field(50, ge=1, description="Fetches in flight at once.")
    per_host_concurrency: int = Field(2, ge=1)
    use_default_catalogue: bool = Field(
        True, description="Poll the shipped catalogue when no [[feeds]] are configured."
    )


class FeedSettings(Section):
    url: str
    name: str
    interval_s: float = Field(60.0, gt=0)
    lang: str | None = None
    kind: str | None = Field(None, description="agency | wire | news | aggregator")
    country: str | None = None
    timezone: str | None = Field(None, description="IANA zone of the source, for relative times.")

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value
