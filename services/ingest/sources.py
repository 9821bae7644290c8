"""A source to watch, whether configured in `[[feeds]]`/`[[pages]]` or from the catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Source:
    """One feed or page. `url` as configured is also its key in the state tables."""

    url: str
    name: str
    interval_s: float = 60.0
    lang: str | None = None
    kind: str | None = None  # agency | wire | news | aggregator
    country: str | None = None
    timezone: str | None = None
    selector: str | None = None  # set for [[pages]] sources: CSS selector of the item links

    @property
    def is_page(self) -> bool:
        return self.selector is not None

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()


def sources_from_settings(settings) -> list[Source]:
    """The sources to watch: `[[feeds]]` and `[[pages]]`, or the default catalogue when
    neither is configured and `[ingest] use_default_catalogue` is true.

    Duplicated URLs are watched once (the first entry wins).
    """
    from services.ingest.catalogue import load_catalogue

    found: list[Source] = [
        Source(url=f.url, name=f.name, interval_s=f.interval_s, lang=f.lang, kind=f.kind,
               country=f.country, timezone=f.timezone)
        for f in settings.feeds
    ]
    for page in settings.pages:
        found.append(Source(url=page.url, name=page.name, interval_s=page.interval_s, lang=page.lang,
                            kind=page.kind, country=page.country, timezone=page.timezone,
                            selector=page.selector))
    if not found and settings.ingest.use_default_catalogue:
        found = [Source(url=e.url, name=e.name, interval_s=e.interval_s, lang=e.lang, kind=e.kind,
                        country=e.country, timezone=e.timezone) for e in load_catalogue()]
    unique: dict[str, Source] = {}
    for source in found:
        unique.setdefault(source.url, source)
    return list(unique.values())
