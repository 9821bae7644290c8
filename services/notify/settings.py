"""Configuration of the notify stage: `[notify]`, `[smtp]`, `[[subscriptions]]`."""

from __future__ import annotations

import dataclasses
import os
import re
import ssl
from typing import Literal

from pydantic import Field, SecretStr, StrictBool, field_validator, model_validator

from schemas.models import Kind
from services.runtime.addresses import AddressPolicy, parse_networks
from services.runtime.config_model import HttpUrl, LanguageTag, Name, Port, Section, SingleLine, http_url

# A mail relay on this host: `[smtp] host`'s default.
LOOPBACK = parse_networks(["127.0.0.0/8", "::1/128"])

# How long a subscription's finished deliveries of an event are kept (the ledger's default too).
LEDGER_RETENTION_DAYS = 90.0


class NotifySettings(Section):
    max_attempts: int = Field(
        10, ge=1, description="Delivery attempts before dead-lettering: with the default backoff, about 8.5 "
        "minutes of waits (1 + 2 + ... + 256 s), so a receiver's short outage loses nothing.")
    backoff_base_s: float = Field(1.0, gt=0, description="First retry wait; doubles per failure.")
    backoff_max_s: float = Field(300.0, gt=0, description="Longest retry wait; a longer Retry-After dead-letters.")
    backoff_jitter: float = Field(0.2, ge=0, lt=1, description="Spread of each backoff delay, +-fraction.")
    timeout_s: float = Field(15.0, gt=0, description="Time limit of one delivery attempt.")
    concurrency: int = Field(16, ge=1, description="Deliveries in flight at once.")
    slack_interval_s: float = Field(
        1.0, ge=0, description="Least time between two messages to one Slack destination."
    )
    slack_api_url: HttpUrl = Field("https://slack.com/api", description="Base URL of the Slack Web API.")
    console_output: Literal["auto", "always", "never"] = Field(
        "auto", description="Print console alerts as a readable block: auto = only when stdout is a terminal; "
        "always = off a terminal too, on stderr, so stdout keeps one JSON object per line."
    )
    allowed_networks: list[str] = Field(
        [], description='Non-public networks deliveries may reach (webhooks, Slack, SMTP), in CIDR form, '
                        'e.g. ["10.20.0.0/16", "127.0.0.1/32"]; public addresses are always allowed.'
    )
    allow_private_networks: StrictBool = Field(
        False, description="Let deliveries reach every address (loopback, private, link-local, metadata): "
                           "prefer allowed_networks."
    )

    @field_validator("allowed_networks")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        parse_networks(value)  # raises ValueError naming the value that is not a network
        return value

    def address_policy(self) -> AddressPolicy:
        """The address guard of every delivery: public addresses, plus the allowed networks."""
        return AddressPolicy(
            allow_private=self.allow_private_networks,
            allowed_networks=parse_networks(self.allowed_networks),
            hint='add "{network}" (or its network) to [notify] allowed_networks to allow it',
        )

    def smtp_policy(self) -> AddressPolicy:
        """The guard of `[smtp] host`: as every delivery's, and a relay on this host too
        (loopback, the default `127.0.0.1`): the operator's own mail relay, named in the
        file, never an address a feed or an alert could steer to."""
        policy = self.address_policy()
        return dataclasses.replace(policy, allowed_networks=(*policy.allowed_networks, *LOOPBACK))

    label: SingleLine = Field(
        "", max_length=80,
        description="Text in brackets before the first line of every alert, update and digest, in every channel, "
        "and `label` in webhook bodies: what tells a reader these are not live alerts (\"staging\"). `demo --config` "
        "with subscriptions sets it to \"DEMO: a recorded launch, not live\" unless one is set (the plain demo's "
        "terminal needs none).")
    ledger_retention_days: float = Field(
        LEDGER_RETENTION_DAYS, gt=0,
        description="A subscription's finished deliveries of an event (delivered or skipped; not dead ones, nor "
        "any still owed) are forgotten once the newest is this old; longer than every subscription's "
        "freshness_window_s, so that a revision read again then is skipped as too old, not sent.")

    @model_validator(mode="after")
    def _backoff_in_order(self) -> "NotifySettings":
        if self.backoff_base_s > self.backoff_max_s:
            raise ValueError(f"notify.backoff_base_s ({self.backoff_base_s:g}) is above "
                             f"notify.backoff_max_s ({self.backoff_max_s:g})")
        return self


class SmtpSettings(Section):
    host: SingleLine = Field("127.0.0.1", min_length=1, description="SMTP server.")
    port: Port = Field(25, description="SMTP port (587 with starttls, 465 with use_tls).")
    sender: SingleLine = Field("launchwatch@localhost", description="From address of alert emails.")
    username: SingleLine | None = Field(None, description="SMTP login; with password.")
    password: SecretStr | None = Field(None, description='SMTP password, e.g. "env:SMTP_PASSWORD".')
    starttls: StrictBool = Field(False, description="Upgrade the connection with STARTTLS.")
    use_tls: StrictBool = Field(False, description="Implicit TLS (usually port 465).")
    ca_file: str | None = Field(None, description="CA bundle (PEM) to verify the server with, instead of the system's; "
                                               "only with starttls or use_tls, read at start-up.")
    timeout_s: float = Field(20.0, gt=0, description="Time limit of one SMTP exchange.")

    @model_validator(mode="after")
    def _one_tls_mode(self) -> "SmtpSettings":
        if "@" not in self.sender:
            raise ValueError(f"smtp.sender: {self.sender!r} is not an e-mail address")
        if self.starttls and self.use_tls:
            raise ValueError("starttls and use_tls exclude each other: choose one")
        if self.ca_file is not None:
            _check_ca_file(self.ca_file, self.starttls or self.use_tls)
        return self


def _check_ca_file(path: str, tls: bool) -> None:
    """A `[smtp] ca_file` that is used and can be read as a CA bundle (read again when the
    channel is made: a mistake shows at start-up, as one line, not at the first e-mail)."""
    if not tls:
        raise ValueError(f"smtp.ca_file: {path} is set but neither starttls nor use_tls is on: it would not be used")
    if not os.access(path, os.R_OK) or os.path.isdir(path):
        problem = ("no such file" if not os.path.exists(path) else "a directory" if os.path.isdir(path)
                   else "not readable")
        raise ValueError(f"smtp.ca_file: {path}: {problem}")
    try:
        ssl.create_default_context(cafile=path)
    except (OSError, ValueError) as exc:  # ssl.SSLError is an OSError
        raise ValueError(f"smtp.ca_file: {path}: not a CA bundle in PEM ({exc})") from None


# The keys each channel reads to reach its receiver.
CHANNEL_KEYS = {"slack": ("url", "token", "slack_channel"), "webhook": ("url", "secret"), "email": ("to",),
                "console": ()}


class SubscriptionSettings(Section):
    name: Name = Field(description="Unique name; in logs, webhook bodies and the ledger.")
    channel: Literal["slack", "webhook", "email", "console"] = Field(description="Where alerts go.")
    url: SecretStr | None = Field(None, description='Slack incoming webhook or webhook URL, e.g. "env:SLACK_WEBHOOK_URL".')
    to: list[str] = Field([], description="Email recipients.")
    secret: SecretStr | None = Field(None, description="Webhook HMAC-SHA256 signing secret.")
    min_confidence: float = Field(0.6, ge=0, le=1, description="Least event confidence that alerts.")
    # Slack Web API instead of an incoming webhook: threads follow-ups under the alert.
    token: SecretStr | None = Field(None, description="Slack bot token (xoxb-...), used with slack_channel.")
    slack_channel: SingleLine | None = Field(None, description="Slack channel id for the bot token, e.g. C0123456.")
    # Filters: an empty list lets everything through.
    actors: list[str] = Field([], description="Only these actors: ISO 3166-1 alpha-3 codes, groups' names, or any "
                                               "name of a known state (\"North Korea\" is PRK); empty: all.")
    kinds: list[Kind] = Field([], description="Only these kinds; empty: all.")
    min_status: Literal["reported", "claimed", "confirmed"] = Field(
        "reported", description="Least status that alerts: reported < claimed < confirmed."
    )
    languages: list[LanguageTag] = Field([], description="Only events reported in these source languages, as language "
                                                  "tags (en, ko, ja, pl); empty: all.")
    freshness_window_s: float = Field(
        6 * 3600.0, gt=0, description="No first alert for events first reported longer ago than this."
    )
    follow_ups: Literal["all", "corrections", "none"] = Field(
        "all", description="Updates after the first alert: every meaningful change, corrections only, or none."
    )
    mode: Literal["instant", "digest"] = Field(
        "instant", description="instant: one message per alert; digest: one message listing them, per interval."
    )
    digest_interval_s: float = Field(
        900.0, gt=0, description="In digest mode, how long the first queued alert waits for others."
    )

    @field_validator("actors")
    @classmethod
    def _actor_codes(cls, actors: list[str]) -> list[str]:
        """An actor by any name the gazetteer knows ("North Korea" -> PRK), or an ISO 3166-1
        alpha-3 code; another word would never match an event, so it is an error. (The
        gazetteer is read only where a subscription names actors: a stage's start-up does
        not pay for it otherwise.)"""
        if not actors:
            return actors
        from schemas.actors import ACTOR_ALIASES

        codes = []
        for actor in actors:
            code = ACTOR_ALIASES.get(actor.strip().lower())
            if code is None and not re.fullmatch(r"[A-Z]{3}", actor.strip()):
                raise ValueError(f"{actor!r} is neither an ISO 3166-1 alpha-3 code nor a known state or group "
                                 "(e.g. PRK, RUS, IRN, Houthis)")
            codes.append(code or actor.strip())
        return codes

    @model_validator(mode="after")
    def _channel_needs(self) -> "SubscriptionSettings":
        """Each channel's required keys, and none of another channel's (a `to` under a
        webhook is a mistake, not a second way to be told); a Slack token, when given, wins
        over a url."""
        reads = CHANNEL_KEYS[self.channel]
        stray = [key for key in ("url", "secret", "token", "slack_channel", "to")
                 if key not in reads and getattr(self, key) not in (None, [])]
        if stray:
            raise ValueError(f"subscription {self.name!r}: channel {self.channel!r} does not read "
                             f"{', '.join(stray)} (it reads {', '.join(reads) or 'no address'})")
        if self.url is not None:
            try:
                http_url(self.url.get_secret_value())
            except ValueError as exc:  # its message never echoes the value: usually a secret
                raise ValueError(f"subscription {self.name!r}: url {exc}") from None
        for address in self.to:
            if "@" not in address or any(c in address for c in "\r\n,"):
                raise ValueError(f"subscription {self.name!r}: {address!r} in 'to' is not an e-mail address")
        if self.channel == "slack":
            if self.token is not None and not self.slack_channel:
                raise ValueError("a slack subscription with a token needs slack_channel")
            if self.url is None and self.token is None:
                raise ValueError("channel 'slack' needs a url (incoming webhook) or a token and slack_channel")
        if self.mode == "digest" and self.channel == "webhook":
            raise ValueError(f"subscription {self.name!r}: webhooks are instant; mode 'digest' is for slack, "
                             "email and console")
        if self.channel == "webhook" and self.url is None:
            raise ValueError("channel 'webhook' needs a url")
        if self.channel == "email" and not self.to:
            raise ValueError("channel 'email' needs a non-empty 'to' list")
        return self
