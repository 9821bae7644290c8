"""The whole configuration of launchwatch: the plumbing's sections and every stage's.

Assembled here, at the top, so that `services.runtime` knows no stage. `load_settings`
reads one TOML file with `LAUNCHWATCH_<SECTION>__<KEY>` overrides (see
`services.runtime.settings.load_config`).
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel, SecretStr, model_validator

from services.classify.settings import ClassifySettings
from services.events.settings import EventsSettings
from services.ingest.settings import FeedSettings, IngestSettings, PageSettings, WebSubSettings
from services.notify.settings import NotifySettings, SmtpSettings, SubscriptionSettings
from services.runtime.addresses import AddressPolicy
from services.runtime.postgres import SCHEMES as POSTGRES_SCHEMES, url_passwords
from services.runtime.settings import RuntimeSettings, load_config
from services.web.settings import WebSettings


class Settings(RuntimeSettings):
    ingest: IngestSettings = IngestSettings()
    feeds: list[FeedSettings] = []
    pages: list[PageSettings] = []
    websub: WebSubSettings = WebSubSettings()
    classify: ClassifySettings = ClassifySettings()
    events: EventsSettings = EventsSettings()
    notify: NotifySettings = NotifySettings()
    smtp: SmtpSettings = SmtpSettings()
    subscriptions: list[SubscriptionSettings] = []
    web: WebSettings = WebSettings()

    @model_validator(mode="after")
    def _unique(self) -> "Settings":
        """Subscription names key the ledger and delivery ids; source URLs key the ingest state
        and source names the metrics: two entries sharing one would mix their state."""
        _no_duplicates("subscriptions", "name", [s.name for s in self.subscriptions])
        sources = [("feeds", f) for f in self.feeds] + [("pages", p) for p in self.pages]
        _no_duplicates_across(sources, "url")
        _no_duplicates_across(sources, "name")
        return self

    @model_validator(mode="after")
    def _own_ports(self) -> "Settings":
        """WebSub's callback server and the HTTP server cannot share a port: said now, not
        found out by the second one to bind once ingest has started."""
        if self.websub.public_url is None:
            return self
        (web_host, web_port), (hub_host, hub_port) = (
            listen.rsplit(":", 1) for listen in (self.http.listen, self.websub.listen))
        web_host, hub_host = ({"localhost": "127.0.0.1"}.get(h.lower(), h) for h in (web_host, hub_host))
        wildcard = {"0.0.0.0", "::", "[::]", ""}
        if web_port == hub_port != "0" and (web_host == hub_host or {web_host, hub_host} & wildcard):
            raise ValueError(f"websub.listen ({self.websub.listen}) and http.listen ({self.http.listen}) take the "
                             "same port: give each a port of its own")
        return self

    @model_validator(mode="after")
    def _ledger_outlasts_freshness(self) -> "Settings":
        """A revision read again after its event's deliveries were forgotten must be too old
        to alert, or it would be sent a second time."""
        retention_s = self.notify.ledger_retention_days * 86400
        for index, sub in enumerate(self.subscriptions):
            if sub.freshness_window_s >= retention_s:
                raise ValueError(f"subscriptions.{index}.freshness_window_s ({sub.freshness_window_s:g} s) is not "
                                 f"shorter than notify.ledger_retention_days ({self.notify.ledger_retention_days:g})")
        return self

    @model_validator(mode="after")
    def _reachable(self) -> "Settings":
        """A subscription whose URL names an address the delivery guard refuses would have
        every alert dead-lettered, found out at the first launch, weeks later: said now.
        (A host name is checked when it is resolved, at each delivery.)"""
        policy = self.notify.address_policy()
        for index, sub in enumerate(self.subscriptions):
            host = urlsplit(sub.url.get_secret_value()).hostname if sub.url is not None else None
            refused = _refused_literal(host, policy)
            if refused:  # the host only: the URL itself may be a secret
                raise ValueError(f"subscriptions.{index}.url: {host} is {refused[0]}, so every delivery would be "
                                 f"refused: {refused[1]}")
        if any(sub.channel == "email" for sub in self.subscriptions):
            refused = _refused_literal(self.smtp.host, self.notify.smtp_policy())
            if refused:
                raise ValueError(f"smtp.host: {self.smtp.host} is {refused[0]}, so every e-mail would be refused: "
                                 f"{refused[1]}")
        return self


def _refused_literal(host: str | None, policy: AddressPolicy) -> tuple[str, str] | None:
    """Why `policy` refuses `host` when it is an IP address (or `localhost`), and what to
    set to allow it; else None."""
    if not host:
        return None
    try:
        address = ipaddress.ip_address("127.0.0.1" if host.lower() == "localhost" else host.strip("[]"))
    except ValueError:
        return None  # a name: resolved, and checked, at each delivery
    reason = policy.refusal(address)
    return None if reason is None else (f"not a public address ({reason})", policy.hint_for(address))


def _no_duplicates(table: str, key: str, values: Iterable[str]) -> None:
    first: dict[str, int] = {}
    for index, value in enumerate(values):
        if value in first:
            raise ValueError(f"{table}.{index}.{key}: {value!r} repeats {table}.{first[value]}.{key}; "
                             f"each {key} must be unique")
        first[value] = index


def _no_duplicates_across(entries: list[tuple[str, BaseModel]], key: str) -> None:
    first: dict[str, str] = {}
    counters: dict[str, int] = {}
    for table, entry in entries:
        index = counters.get(table, 0)
        counters[table] = index + 1
        value, where = getattr(entry, key), f"{table}.{index}.{key}"
        if value in first:
            raise ValueError(f"{where}: {value!r} repeats {first[value]}; each source {key} must be unique")
        first[value] = where


def load_settings(path: str | Path | None = None, environ: Mapping[str, str] | None = None, *,
                  only: Collection[str] | None = None) -> Settings:
    """The configuration in `path` (or all defaults) with the environment's overrides.

    With `only`, the other sections keep their defaults, unread (see `load_config`).
    Raises `ConfigError` naming the file, key or variable that is wrong.
    """
    return load_config(Settings, path, environ, only=only)


def subscription_names(path: str | Path | None) -> list[str]:
    """The names of the subscriptions the config file at `path` lists, read without their
    secrets (for `dlq list`, which sends nothing); [] without a file or subscriptions. The
    file is one `load_settings` has read already."""
    if path is None:
        return []
    raw = tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
    return [str(entry["name"]) for entry in raw.get("subscriptions", []) if isinstance(entry, dict) and "name" in entry]


def secret_values(settings: BaseModel) -> list[str]:
    """Every secret the settings hold (every `SecretStr` field, in any section), so logging
    can redact them wherever they appear. Of a PostgreSQL URL only its passwords are
    secret: its user, host and database tell an operator which database is meant. Secrets
    shorter than 6 characters are left out: redacting them would mangle ordinary words. So
    is a database password that is the URL's own user or database name or a word of the
    topic prefix (`postgresql://launchwatch:launchwatch@.../launchwatch`): every line naming
    a topic would be mangled, and the mangling would tell the password."""
    found: list[str] = []
    bus = getattr(settings, "bus", None)
    prefix_words = set(re.split(r"[^\w-]+", getattr(bus, "topic_prefix", "") or ""))

    def walk(value: object) -> None:
        if isinstance(value, SecretStr):
            text = value.get_secret_value()
            if text.startswith(POSTGRES_SCHEMES):
                parts = urlsplit(text)
                named = {unquote(parts.username or ""), unquote(parts.path.lstrip("/"))} | prefix_words
                found.extend(password for password in url_passwords(text) if password not in named)
            else:
                found.append(text)
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(settings)
    return [s for s in found if len(s) >= 6]
