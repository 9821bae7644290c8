"""How an event is put into words, shared by every channel's renderer (pure).

The words here are plain text, unescaped: each renderer escapes them for its channel
(Slack mrkdwn, HTML, e-mail headers), because most of them come from feeds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas import LaunchEvent

ACTOR_NAMES = {
    "PRK": "North Korea",
    "KOR": "South Korea",
    "RUS": "Russia",
    "UKR": "Ukraine",
    "IRN": "Iran",
    "CHN": "China",
    "PAK": "Pakistan",
    "IND": "India",
    "ISR": "Israel",
    "USA": "United States",
    "JPN": "Japan",
    "TWN": "Taiwan",
    "SYR": "Syria",
    "YEM": "Yemen",
    "FRA": "France",
    "GBR": "United Kingdom",
}

# (singular, plural) of what was launched.
KIND_NOUNS = {
    "ballistic": ("ballistic missile", "ballistic missiles"),
    "cruise": ("cruise missile", "cruise missiles"),
    "hypersonic": ("hypersonic missile", "hypersonic missiles"),
    "slbm": ("submarine-launched ballistic missile", "submarine-launched ballistic missiles"),
    "icbm": ("ICBM", "ICBMs"),
    "irbm": ("intermediate-range ballistic missile", "intermediate-range ballistic missiles"),
    "mrbm": ("medium-range ballistic missile", "medium-range ballistic missiles"),
    "srbm": ("short-range ballistic missile", "short-range ballistic missiles"),
    "satellite_launch": ("satellite launch", "satellite launches"),
    "artillery_rocket": ("artillery rocket", "artillery rockets"),
    "unknown": ("missile", "missiles"),
}

FACT_LABELS = {
    "status": "status",
    "actor": "actor",
    "kind": "kind",
    "count": "count",
    "distance_km": "distance",
    "apogee_km": "apogee",
    "direction": "direction",
    "launched_at": "launch time",
    "correction": "correction",
}

_SPACE = re.compile(r"\s+")
_NUMBER_WORDS = {1: "a", 2: "2", 3: "3"}


def one_line(text: str | None, max_chars: int = 300) -> str:
    """Collapse whitespace (newlines included) and cut to `max_chars` with an ellipsis."""
    text = _SPACE.sub(" ", text or "").strip()
    if len(text) > max_chars:
        text = text[: max_chars - 1].rstrip() + "…"
    return text


def actor_name(actor: str | None) -> str:
    if not actor:
        return "Unknown actor"
    return ACTOR_NAMES.get(actor.upper(), actor)


def what_launched(event: LaunchEvent) -> str:
    """`2 ballistic missiles`, `a cruise missile`, `missile launch` when nothing is known."""
    if event.kind is None and event.count is None:
        return "missile launch"
    singular, plural = KIND_NOUNS.get(event.kind or "unknown", KIND_NOUNS["unknown"])
    if event.count is None:
        return singular if event.kind == "satellite_launch" else f"{singular} launch"
    if event.count == 1:
        article = "an" if singular[0].lower() in "aeiou" or singular.startswith("ICBM") else "a"
        return f"{article} {singular}"
    return f"{event.count} {plural}"


def summary_line(event: LaunchEvent) -> str:
    """The one line a person scans: `North Korea: 2 ballistic missiles toward East Sea (reported)`."""
    line = f"{actor_name(event.actor)}: {what_launched(event)}"
    if event.direction:
        line += f" toward {one_line(event.direction, 60)}"
    return f"{line} ({event.status})"


def fmt_km(value: float) -> str:
    return f"{value:,.0f} km" if value >= 10 else f"{value:g} km"


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


def facts(event: LaunchEvent) -> list[Fact]:
    """The known facts of an event, in reading order, as plain text."""
    out = [Fact("Status", event.status)]
    if event.kind:
        out.append(Fact("Kind", KIND_NOUNS.get(event.kind, (event.kind,))[0]))
    if event.count is not None:
        out.append(Fact("Count", str(event.count)))
    if event.distance_km is not None:
        out.append(Fact("Distance", fmt_km(event.distance_km)))
    if event.apogee_km is not None:
        out.append(Fact("Apogee", fmt_km(event.apogee_km)))
    if event.direction:
        out.append(Fact("Direction", one_line(event.direction, 80)))
    if event.launched_at is not None:
        out.append(Fact("Launched", event.launched_at.strftime("%Y-%m-%d %H:%M UTC")))
    if event.source_agency:
        out.append(Fact("Reported by", one_line(event.source_agency, 80)))
    out.append(Fact("Sources", str(event.source_count)))
    out.append(Fact("Confidence", f"{event.confidence:.0%}"))
    return out


def changed_labels(changed: list[str]) -> str:
    """`count, apogee` from fact names, for an update's title."""
    return ", ".join(FACT_LABELS.get(name, name) for name in changed)


def safe_link(url: str | None) -> str | None:
    """The URL when it is http(s), else None: no `javascript:` or other schemes reach a message."""
    if not url:
        return None
    url = url.strip()
    if not re.match(r"^https?://[^\s]+$", url, re.IGNORECASE):
        return None
    return url


def fact_text(name: str, value: object) -> str | None:
    """One fact's value as a person reads it (`1,200 km`, `ICBM`), or None when unknown."""
    if value is None or value == "":
        return None
    if name in ("distance_km", "apogee_km") and isinstance(value, (int, float)):
        return fmt_km(float(value))
    if name == "kind":
        return KIND_NOUNS.get(str(value), (str(value),))[0]
    if name == "launched_at" and hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M UTC")  # type: ignore[union-attr]
    if name == "actor":
        return actor_name(str(value))
    return one_line(str(value), 80)
