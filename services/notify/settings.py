"""Configuration of the notify stage: `[notify]`, `[smtp]`, `[[subscriptions]]`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr, model_validator

from services.runtime.config_model import Section


class NotifySettings(Section):
    max_attempts: int = Field(6, ge=1, description="Delivery attempts before dead-lettering.")
    backoff_base_s: float = Field(1.0, gt=0)
    backoff_max_s: float = Field(300.0, gt=0)
    timeout_s: float = Field(15.0, gt=0)
    concurrency: int = Field(16, ge=1, description="Deliveries in flight at once.")


class SmtpSettings(Section):
    host: str = "127.0.0.1"
    port: int = 25
    sender: str = "launchwatch@localhost"
    username: str | None = None
    password: SecretStr | None = None
    starttls: bool = False
    use_tls: bool = Field(False, description="Implicit TLS (usually port 465).")
    timeout_s: float = Field(20.0, gt=0)


class SubscriptionSettings(Section):
    name: str
    channel: Literal["slack", "webhook", "email", "console"]
    url: SecretStr | None = None
    to: list[str] = []
    secret: SecretStr | None = None
    min_confidence: float = Field(0.6, ge=0, le=1)

    @model_validator(mode="after")
    def _channel_needs(self) -> "SubscriptionSettings":
        if self.channel in ("slack", "webhook") and self.url is None:
            raise ValueError(f"channel {self.channel!r} needs a url")
        if self.channel == "email" and not self.to:
            raise ValueError("channel 'email' needs a non-empty 'to' list")
        return self
