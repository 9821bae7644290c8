"""The whole configuration of launchwatch: the plumbing's sections and every stage's.

Assembled here, at the top, so that `services.runtime` knows no stage. `load_settings`
reads one TOML file with `LAUNCHWATCH_<SECTION>__<KEY>` overrides (see
`services.runtime.settings.load_config`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from services.classify.settings import ClassifySettings
from services.events.settings import EventsSettings
from services.ingest.settings import FeedSettings, IngestSettings, PageSettings, WebSubSettings
from services.notify.settings import NotifySettings, SmtpSettings, SubscriptionSettings
from services.runtime.settings import RuntimeSettings, load_config


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


def load_settings(path: str | Path | None = None, environ: Mapping[str, str] | None = None, *,
                  only: Collection[str] | None = None) -> Settings:
    """The configuration in `path` (or all defaults) with the environment's overrides.

    With `only`, the other sections keep their defaults, unread (see `load_config`).
    Raises `ConfigError` naming the file, key or variable that is wrong.
    """
    return load_config(Settings, path, environ, only=only)


def secret_values(settings: Settings) -> list[str]:
    """Every secret the settings hold, so logging can redact them wherever they appear."""
    found: list[str] = []
    for sub in settings.subscriptions:
        for secret in (sub.url, sub.secret, sub.token):
            if secret is not None:
                found.append(secret.get_secret_value())
    if settings.smtp.password is not None:
        found.append(settings.smtp.password.get_secret_value())
    return [s for s in found if len(s) >= 6]
