"""The shipped default catalogue of launch-report sources (`catalogue.toml`, package data)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from services.runtime.errors import ConfigError

KINDS = ("agency", "wire", "news", "aggregator")


@dataclass(frozen=True)
class CatalogueEntry:
    url: str
    name: str
    kind: str
    country: str
    lang: str
    timezone: str
    interval_s: float = 60.0
    verified: str = "likely"  # yes | likely: whether the address was known to serve the feed


def load_catalogue(path: str | Path | None = None) -> list[CatalogueEntry]:
    """The entries of `path`, or of the shipped catalogue when `path` is None.

    Raises `ConfigError` naming the entry and the key that is missing or wrong.
    """
    if path is None:
        text = resources.files("services.ingest").joinpath("catalogue.toml").read_text(encoding="utf-8")
        where = "catalogue.toml"
    else:
        text = Path(path).read_text(encoding="utf-8")
        where = str(path)
    raw = tomllib.loads(text)
    entries = []
    for index, item in enumerate(raw.get("sources", [])):
        label = f"{where}: sources[{index}] ({item.get('name', '?')})"
        missing = [k for k in ("url", "name", "kind", "country", "lang", "timezone") if not item.get(k)]
        if missing:
            raise ConfigError(f"{label}: missing {', '.join(missing)}")
        unknown = set(item) - set(CatalogueEntry.__dataclass_fields__)
        if unknown:
            raise ConfigError(f"{label}: unknown key {sorted(unknown)[0]}")
        if item["kind"] not in KINDS:
            raise ConfigError(f"{label}: kind must be one of {', '.join(KINDS)}")
        if not item["url"].startswith(("http://", "https://")):
            raise ConfigError(f"{label}: url must be http:// or https://")
        entries.append(CatalogueEntry(**item))
    return entries
