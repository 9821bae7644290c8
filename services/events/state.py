"""The pure core of launch events: which event a report belongs to, and what the event says.

Everything here is a function of values: no clock, no database. The same reports in the
same order give the same events, revision for revision.

Rules (the README's "Launch events" section repeats them for operators):

- Compatibility. A report can join an open event when the actors match (an unknown actor
  on either side is no conflict, but a report of unknown actor only joins when exactly one
  open event fits), the kinds are of one family (`ballistic` is compatible with every
  ballistic class and with early reports of satellite launches and large rockets), the
  areas do not contradict (east coast vs west coast), and the launch times fit: two stated
  launch times within the tolerance of the coarser one (`minute_tolerance_s` for "7:12
  a.m.", `hour_tolerance_s` for "about 7 a.m.", `day_tolerance_s` for "on Thursday"),
  however late the report; a report with no stated time (or only a day that fits no
  event), published no earlier than the launch (less `publish_skew_s`) and within
  `timeless_join_s` of the event's latest report. Events close after `inactive_close_s`
  without a report (measured on report times, so a replay closes them alike).
- Authority: the launching state's or an observing government's agency (source_kind
  `agency`, or a `source_agency` we know: JCS, Japan MoD, KCNA, INDOPACOM, ...) 3, wire 2,
  news 1, aggregator or unknown 0. Each fact takes the value of the source with the
  highest (authority, publication time, item_id); `kind` the most specific class, then
  authority; `count` a correction's, else more than one over one (a flash's "a missile"),
  then the largest of the top authority; `launched_at` the most precise time, then the earliest stated by the top
  authority; `direction` (free text) the earliest Latin-script wording of the top
  authority.
- Status: `retracted` when a retraction (see `walk_back`) comes from a source at least as
  authoritative as any that reported the launch; else `corrected` when a correction is
  among the sources; else `confirmed` with an observing government's agency (an `agency`
  feed other than the launching state's media, or a known `source_agency`) or at least
  `CONFIRMING_OUTLETS` independent outlets (feeds of one outlet count once); else
  `claimed` when the launching state's own media is a source; else `reported`.
- Confidence: each outlet's best report confidence, combined as independent evidence
  (1 - product of (1 - c)).
- Identity: an event's id comes from the item that opened it, so replaying the same
  reports in the same order gives the same ids and revisions.
- Revisions: every report that joins an event gives a revision of the whole event;
  `changes` names the facts that changed (and "status"), or "sources" alone when only
  provenance changed (sources, source_count, headline, source_agency, confidence, a
  direction's wording). A retrospective report neither opens nor joins an event.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Literal

from schemas import EventSource, LaunchEvent, LaunchFields, LaunchReport
# From the one gazetteer: observing governments' agencies (their word confirms an event),
# the launching state's own media per actor (their word makes an event `claimed`), and
# every actor name to its code.
from schemas.actors import ACTOR_ALIASES as _ACTOR_ALIASES
from schemas.actors import OFFICIAL_CUES as _OFFICIAL_CUES
from schemas.actors import STATE_MEDIA as _STATE_MEDIA

WalkBack = Literal["correction", "retraction"]
Precision = Literal["minute", "hour", "day"]

CONFIRMING_OUTLETS = 3
"""Independent outlets that confirm an event without an observing government agency."""

FACTS = ("actor", "kind", "count", "distance_km", "apogee_km", "direction", "launched_at")
"""Facts resolved from sources, in the order `changes` names them."""

AGENCY, WIRE, NEWS, OTHER = 3, 2, 1, 0
_KIND_AUTHORITY = {"agency": AGENCY, "wire": WIRE, "news": NEWS, "aggregator": OTHER}

_BALLISTIC = {"ballistic", "srbm", "mrbm", "irbm", "icbm", "slbm", "hypersonic"}
_SPECIFICITY = {"ballistic": 1}  # every other stated kind is a specific class: 2

# Retraction first: "retracts its correction" is a retraction.
_RETRACTION = re.compile(
    r"retract|was not a (?:ballistic )?missile|were not (?:ballistic )?missiles|not a missile launch"
    r"|no (?:missile|launch) (?:was|were) (?:fired|launched|detected)|did not (?:fire|launch)"
    r"|false alarm|withdraws? (?:its |the )?(?:report|alert|statement)|오보|발사하지 않|미사일이 아닌"
    r"|誤報|発射されていない|ミサイルではな|取り消",
    re.IGNORECASE,
)
_CORRECTION = re.compile(
    r"\bcorrect(?:s|ed|ion)\b|\brevis(?:es|ed)\b|\bnot one but\b|정정|訂正|修正",
    re.IGNORECASE,
)

_EAST = re.compile(r"east sea|sea of japan|동해|日本海|east coast|pacific|太平洋|northeast|eastward|east", re.I)
_WEST = re.compile(r"yellow sea|west sea|서해|黄海|west coast|westward|west", re.I)


def walk_back(title: str) -> WalkBack | None:
    """Whether a report's title walks an earlier report back, and how far.

    A retraction says there was no launch ("was not a missile", "retracts", "false alarm",
    오보, 誤報); a correction restates facts ("corrects", "revised", 정정, 訂正). Cues are read
    in the title only: that is where outlets flag a walk-back, and a summary that quotes an
    earlier correction is not one.
    """
    if _RETRACTION.search(title):
        return "retraction"
    if _CORRECTION.search(title):
        return "correction"
    return None


def normalise_actor(actor: str | None) -> str | None:
    """ISO 3166-1 alpha-3 or the group's name, whatever spelling the report used."""
    if actor is None or not actor.strip():
        return None
    return _ACTOR_ALIASES.get(actor.strip().lower(), actor.strip())


def is_state_media(actor: str | None, agency: str | None, feed: str) -> bool:
    """Whether the source is the launching state's own media (KCNA for PRK, ...), or an
    agency the report calls "state media"."""
    cues = _STATE_MEDIA.get(actor or "", ())
    text = f"{agency or ''} {feed}".lower()
    return any(cue in text for cue in cues) or "state media" in (agency or "").lower()


def is_official(agency: str | None) -> bool:
    """Whether `source_agency` names an observing government's agency (JCS, Japan MoD, ...)."""
    if not agency:
        return False
    text = agency.lower()
    return any(re.search(rf"(?<![a-z]){re.escape(cue)}(?![a-z])", text) for cue in _OFFICIAL_CUES)


def outlet_of(feed: str) -> str:
    """The outlet behind a feed name, so one outlet's several feeds count once.

    "Yonhap (KO)", "Yonhap - North Korea" and "yonhap" are one outlet: the name up to the
    first " (", " - ", " | " or ":".
    """
    name = re.split(r" \(| - | \| |:", feed, maxsplit=1)[0]
    return name.strip().lower()


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


@dataclass(frozen=True)
class Source:
    """One report as the event remembers it: its facts and what they are worth."""

    item_id: str
    item_revision: int
    feed: str
    outlet: str
    url: str | None
    title: str
    source_kind: str | None
    source_agency: str | None
    published_at: datetime | None
    reported_at: datetime  # published_at, else first_seen_at, else classified_at
    fields: LaunchFields
    confidence: float
    authority: int
    state_media: bool
    official: bool
    walk_back: WalkBack | None
    seq: int  # arrival order within the event
    time_precision: Precision = "day"
    lang: str | None = None

    def to_event_source(self) -> EventSource:
        return EventSource(item_id=self.item_id, feed=self.feed, url=self.url, title=self.title,
                           source_kind=self.source_kind, source_agency=self.source_agency,
                           published_at=self.published_at, lang=self.lang, fields=self.fields)

    def to_json(self) -> dict:
        return {
            "item_id": self.item_id, "item_revision": self.item_revision, "feed": self.feed,
            "outlet": self.outlet, "url": self.url, "title": self.title,
            "source_kind": self.source_kind, "source_agency": self.source_agency,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "reported_at": self.reported_at.isoformat(),
            "fields": self.fields.model_dump(mode="json"), "confidence": self.confidence,
            "authority": self.authority, "state_media": self.state_media, "official": self.official,
            "walk_back": self.walk_back, "seq": self.seq, "time_precision": self.time_precision,
            "lang": self.lang,
        }

    @classmethod
    def from_json(cls, data: dict) -> "Source":
        return cls(
            item_id=data["item_id"], item_revision=data["item_revision"], feed=data["feed"],
            outlet=data["outlet"], url=data["url"], title=data["title"],
            source_kind=data["source_kind"], source_agency=data["source_agency"],
            published_at=datetime.fromisoformat(data["published_at"]) if data["published_at"] else None,
            reported_at=datetime.fromisoformat(data["reported_at"]),
            fields=LaunchFields.model_validate(data["fields"]), confidence=data["confidence"],
            authority=data["authority"], state_media=data["state_media"], official=data["official"],
            walk_back=data["walk_back"], seq=data["seq"], time_precision=data["time_precision"],
            lang=data.get("lang"),
        )


def source_from_report(report: LaunchReport, seq: int) -> Source:
    """What an event keeps of a report; the report's actor spelling is normalised."""
    f = report.fields
    actor = normalise_actor(f.actor)
    fields = f.model_copy(update={
        "actor": actor,
        "kind": None if f.kind == "unknown" else f.kind,
        "launched_at": _utc(f.launched_at),
    })
    state_media = is_state_media(actor, f.source_agency, report.feed)
    # "KCNA; ROK JCS": one report can carry both the claim and the observation.
    official = is_official(f.source_agency) or (report.source_kind == "agency" and not state_media)
    authority = _KIND_AUTHORITY.get(report.source_kind or "", OTHER)
    if state_media or official:
        authority = AGENCY
    reported_at = _utc(report.published_at or report.first_seen_at or report.classified_at)
    assert reported_at is not None  # classified_at is required
    return Source(
        item_id=report.item_id, item_revision=report.revision, feed=report.feed,
        outlet=outlet_of(report.feed), url=report.url, title=report.title,
        source_kind=report.source_kind, source_agency=f.source_agency,
        published_at=_utc(report.published_at), reported_at=reported_at, fields=fields,
        confidence=report.confidence, authority=authority, state_media=state_media,
        official=official, walk_back=walk_back(report.title), seq=seq, lang=report.lang,
        time_precision=time_precision(fields.launched_at,
                                      [e.text for e in report.evidence if e.field == "launched_at"]),
    )


@dataclass(frozen=True)
class Window:
    """The time rules of clustering, in seconds."""

    minute_tolerance_s: float = 90 * 60
    hour_tolerance_s: float = 3 * 3600
    day_tolerance_s: float = 13 * 3600
    publish_skew_s: float = 15 * 60
    timeless_join_s: float = 6 * 3600
    inactive_close_s: float = 36 * 3600
    stale_after_s: float = 6 * 3600


@dataclass(frozen=True)
class EventState:
    """An event as the clusterer holds it: its sources and the revision last published."""

    event_id: str
    revision: int
    sources: tuple[Source, ...]
    published: LaunchEvent

    @property
    def last_reported_at(self) -> datetime:
        return max(s.reported_at for s in self.sources)

    @property
    def next_seq(self) -> int:
        return max(s.seq for s in self.sources) + 1

    def to_json(self) -> dict:
        return {"event_id": self.event_id, "revision": self.revision,
                "sources": [s.to_json() for s in self.sources]}


def event_id_for(first_item_id: str) -> str:
    """An event's id, from the item that opened it: replaying the same reports in the same
    order opens the same events with the same ids."""
    return "evt_" + hashlib.sha256(first_item_id.encode()).hexdigest()[:20]


# --- compatibility -------------------------------------------------------------------


def _kind_family(kind: str | None) -> str | None:
    if kind is None or kind == "unknown":
        return None
    if kind in _BALLISTIC:
        return "ballistic"
    return kind


def kinds_compatible(a: str | None, b: str | None) -> bool:
    """One launch can be told as both kinds: same family; a ballistic missile that its
    launching state calls a satellite launch (observers report the rocket, the state its
    payload); a `ballistic` or `srbm` that turns out a large (600 mm) artillery rocket."""
    fa, fb = _kind_family(a), _kind_family(b)
    if fa is None or fb is None or fa == fb:
        return True
    if {fa, fb} == {"ballistic", "satellite_launch"}:
        return True
    return {fa, fb} == {"ballistic", "artillery_rocket"} and bool({a, b} & {"ballistic", "srbm"})


def coast_of(direction: str | None) -> str | None:
    """`east` or `west` when the direction names one side of the peninsula, else None."""
    if not direction:
        return None
    east, west = bool(_EAST.search(direction)), bool(_WEST.search(direction))
    if east == west:
        return None
    return "east" if east else "west"


_CLOCK_WORDS = re.compile(r"\d\s*(?::|a\.?m|p\.?m|時|시|h\b|hrs|GMT|UTC|KST|JST)|noon|midnight|正午|정오", re.I)


def time_precision(launched_at: datetime | None, evidence_texts: list[str]) -> Precision:
    """How precise a stated launch time is: "minute" ("7:12 a.m."), "hour" ("about 7
    a.m."), or "day" ("on Thursday", which extraction places at a representative hour).

    Minutes other than :00 and :30 were stated; otherwise the words behind the time tell
    (evidence of the `launched_at` field naming a clock time), and without words, a day.
    """
    if launched_at is None:
        return "day"
    if launched_at.minute not in (0, 30) or launched_at.second:
        return "minute"
    if any(_CLOCK_WORDS.search(text) for text in evidence_texts):
        return "hour"
    return "day"


_RANK = {"minute": 0, "hour": 1, "day": 2}


def _tolerance_s(precision: Precision, window: "Window") -> float:
    return {"minute": window.minute_tolerance_s, "hour": window.hour_tolerance_s,
            "day": window.day_tolerance_s}[precision]


def _times_fit(a: Source, b: Source, window: "Window") -> float | None:
    """How far apart two stated launch times are in seconds (matches on coarser times rank
    after finer ones), None when they cannot be one launch."""
    assert a.fields.launched_at is not None and b.fields.launched_at is not None
    gap = abs((a.fields.launched_at - b.fields.launched_at).total_seconds())
    coarser = max(a.time_precision, b.time_precision, key=_RANK.__getitem__)
    if gap > _tolerance_s(coarser, window):
        return None
    return _RANK[coarser] * window.day_tolerance_s + gap


def launch_estimate(state: EventState) -> datetime:
    """When the launch happened, as far as the event knows: the resolved launch time, else
    the earliest report."""
    return state.published.launched_at or min(s.reported_at for s in state.sources)


def fit(state: EventState, source: Source, window: Window) -> float | None:
    """How well a report fits an open event (smaller is better), None when it cannot join.

    Actor is not checked here: the caller decides what an unknown actor may join.
    """
    event = state.published
    if not kinds_compatible(event.kind, source.fields.kind):
        return None
    coasts = {coast_of(event.direction), coast_of(source.fields.direction)} - {None}
    if len(coasts) > 1:
        return None
    first = min(s.reported_at for s in state.sources)
    stated = [s for s in state.sources if usable_time(s, first, window)]
    if stated:
        # Only the most precise times known, so a "Wednesday" does not chain an afternoon
        # launch onto a morning one.
        finest = min(_RANK[s.time_precision] for s in stated)
        stated = [s for s in stated if _RANK[s.time_precision] == finest]
    if source.fields.launched_at is not None and stated:
        # A stated time tells which launch however late the report (the next-day claim).
        gaps = [g for t in stated if (g := _times_fit(t, source, window)) is not None]
        if gaps:
            return min(gaps)
        if source.time_precision != "day":
            return None
        # A day alone is weak (a source's zone can put "Thursday" a week back): judge the
        # report as one that states no time.
    return _timeless_fit(state, source, window)


def usable_time(source: Source, first_reported_at: datetime, window: Window) -> bool:
    """Whether a source's stated launch time can be the time of an event first reported at
    `first_reported_at`: not a day far before the first report (a source's zone putting
    "early Thursday" a week back)."""
    moment = source.fields.launched_at
    if moment is None:
        return False
    return source.time_precision != "day" or moment >= first_reported_at - timedelta(seconds=window.day_tolerance_s)


def _timeless_fit(state: EventState, source: Source, window: Window) -> float | None:
    """A report without a usable launch time joins a launch that is recent news: published
    no earlier than the launch (less `publish_skew_s`), within `timeless_join_s` of the
    event's latest report. The most recent such launch fits best."""
    if source.reported_at - state.last_reported_at > timedelta(seconds=window.timeless_join_s):
        return None
    start = launch_estimate(state) - timedelta(seconds=window.publish_skew_s)
    moment = source.reported_at
    if source.fields.launched_at is not None and source.time_precision != "day":
        moment = source.fields.launched_at
    if moment < start:
        return None
    return 2 * window.day_tolerance_s + (moment - start).total_seconds()


def candidates(states: list[EventState], source: Source, window: Window) -> list[EventState]:
    """The open events a report could join, best fit first (ties: the event opened last).

    Same actor, or unknown on either side.
    """
    actor = source.fields.actor
    scored = []
    for order, state in enumerate(states):
        if actor is not None and state.published.actor not in (None, actor):
            continue
        score = fit(state, source, window)
        if score is not None:
            scored.append((score, -order, state))
    return [state for _, _, state in sorted(scored, key=lambda t: (t[0], t[1]))]


# --- resolution ----------------------------------------------------------------------


def _recency(s: Source) -> tuple:
    return (s.reported_at, s.item_id)


def _retraction_accepted(s: Source, sources: tuple[Source, ...]) -> bool:
    """A retraction counts when it comes from a source at least as authoritative as any
    that reported the launch: a wire withdrawing its story does not undo what JCS said."""
    top = max((o.authority for o in sources if o.walk_back != "retraction"), default=OTHER)
    return s.authority >= top


def resolve(event_id: str, revision: int, sources: tuple[Source, ...], now: datetime,
            window: Window, previous: LaunchEvent | None) -> LaunchEvent:
    """The whole event its sources describe, as revision `revision`.

    `changes` compares with `previous` (["new"] when there is none).
    """
    facts: dict[str, object] = {}
    telling = [s for s in sources if s.walk_back != "retraction"] or list(sources)
    first_reported_at = min(s.reported_at for s in sources)
    for name in FACTS:
        stating = [s for s in telling if getattr(s.fields, name) is not None]
        if name == "launched_at":
            stating = [s for s in stating if usable_time(s, first_reported_at, window)]
        if not stating:
            facts[name] = None
            continue
        if name == "kind":
            # "ballistic" does not contradict "srbm": the more specific class wins, then
            # authority, so an agency's first generic flash does not undo a known class.
            key = lambda s: (_SPECIFICITY.get(s.fields.kind, 2), s.authority, _recency(s))  # noqa: E731
        elif name == "launched_at":
            # Agencies state it to the minute and differ by one: keep the first stated, so
            # the time does not flip with each agency's bulletin.
            key = lambda s: (-_RANK[s.time_precision],  # noqa: E731
                             s.authority, -s.reported_at.timestamp(), s.item_id)
        elif name == "count":
            # Counts grow as a salvo is tallied ("a missile", then "40 missiles"); a later,
            # smaller number from a less complete report must not shrink it. Only a
            # correction may lower it.
            # A count of one is mostly "a missile" in a first flash: it yields to any report
            # of more, whatever its authority.
            key = lambda s: (s.walk_back == "correction", s.fields.count > 1, s.authority,  # noqa: E731
                             _recency(s) if s.walk_back == "correction" else (s.fields.count,), _recency(s))
        elif name == "direction":
            # Free text told in many languages: keep the first wording of the top authority
            # (Latin script first, for the renderers) instead of flipping with each outlet.
            key = lambda s: (s.authority, s.fields.direction.isascii(),  # noqa: E731
                             -s.reported_at.timestamp(), s.item_id)
        else:
            key = lambda s: (s.authority, _recency(s))  # noqa: E731
        facts[name] = getattr(max(stating, key=key).fields, name)
    lead = max(telling, key=lambda s: (s.authority, _recency(s)))
    if any(s.walk_back == "retraction" and _retraction_accepted(s, sources) for s in sources):
        status = "retracted"
    elif any(s.walk_back == "correction" for s in sources):
        status = "corrected"
    elif any(s.official for s in sources) or len({s.outlet for s in sources}) >= CONFIRMING_OUTLETS:
        status = "confirmed"
    elif any(s.state_media for s in sources):
        status = "claimed"
    else:
        status = "reported"
    # Independent outlets: one outlet's best confidence each, combined as independent evidence.
    best: dict[str, float] = {}
    for s in sources:
        best[s.outlet] = max(best.get(s.outlet, 0.0), s.confidence)
    doubt = 1.0
    for value in best.values():
        doubt *= 1.0 - value
    event = LaunchEvent(
        event_id=event_id,
        revision=revision,
        status=status,
        **facts,
        source_agency=lead.source_agency,
        confidence=round(min(1.0, 1.0 - doubt), 4),
        headline=lead.title,
        first_reported_at=first_reported_at,
        updated_at=now,
        sources=[s.to_event_source() for s in sorted(sources, key=lambda s: s.seq)],
        source_count=len(best),
        changes=[],
        stale=(now - first_reported_at).total_seconds() > window.stale_after_s,
    )
    return event.model_copy(update={"changes": changes_between(previous, event)})


def changes_between(previous: LaunchEvent | None, current: LaunchEvent) -> list[str]:
    """What a revision changed: fact names and "status", or "sources" alone when only the
    provenance did (sources, their count, headline, source_agency, confidence, or the
    wording of an unchanged direction)."""
    if previous is None:
        return ["new"]
    changed = [name for name in ("status", *FACTS) if getattr(previous, name) != getattr(current, name)
               and (name != "direction" or _direction_moved(previous.direction, current.direction))]
    provenance = ("sources", "source_count", "headline", "source_agency", "confidence", "direction")
    if any(getattr(previous, name) != getattr(current, name) for name in provenance):
        changed.append("sources")
    return changed


def _direction_moved(before: str | None, after: str | None) -> bool:
    """A direction changed in meaning, not only in wording ("동해상" -> "East Sea")."""
    if before is None or after is None:
        return before != after
    coasts = (coast_of(before), coast_of(after))
    return coasts[0] != coasts[1] or (coasts == (None, None) and before != after)


def open_event(source: Source, now: datetime, window: Window) -> EventState:
    """A new event from its first report: revision 1, changes ["new"]."""
    event_id = event_id_for(source.item_id)
    source = replace(source, seq=0)
    event = resolve(event_id, 1, (source,), now, window, None)
    return EventState(event_id, 1, (source,), event)


def join(state: EventState, source: Source, now: datetime, window: Window) -> EventState:
    """The event with one more report (or a report's newer text); always a new revision.

    A source whose item is already in the event replaces it (an outlet that edited its
    story), keeping its place in the list.
    """
    kept = [s for s in state.sources if s.item_id != source.item_id]
    replaced = next((s for s in state.sources if s.item_id == source.item_id), None)
    source = replace(source, seq=replaced.seq if replaced else state.next_seq)
    sources = tuple(sorted([*kept, source], key=lambda s: s.seq))
    event = resolve(state.event_id, state.revision + 1, sources, now, window, state.published)
    return EventState(state.event_id, state.revision + 1, sources, event)


@dataclass(frozen=True)
class Decision:
    """What a report does: join `state`, open a new event, or nothing, and why."""

    action: Literal["join", "open", "ignore"]
    state: EventState | None = None
    reason: str = ""


def decide(states: list[EventState], source: Source, *, is_launch: bool, retrospective: bool,
           horizon: datetime | None, window: Window) -> Decision:
    """Where a report goes among the open events `states` (oldest first).

    A retrospective report neither opens nor joins an event: it tells of a launch already
    over. A report of unknown actor that fits several open events joins none. A walk-back that is not itself a launch report, and any retraction, only joins an
    event; they open none. A report older than `horizon` (the oldest moment an open event
    can still be fed) opens nothing either: its launch's event, if any, is closed.
    """
    if retrospective:
        return Decision("ignore", reason="retrospective")
    for state in states:
        if any(s.item_id == source.item_id for s in state.sources):
            return Decision("join", state, reason="edited")
    fitting = candidates(states, source, window)
    if source.fields.actor is None and len(fitting) > 1:
        # Joining either could merge two launches; opening a third would alert twice.
        return Decision("ignore", reason="actor_unknown_and_ambiguous")
    if fitting:
        return Decision("join", fitting[0], reason="compatible")
    if not is_launch or source.walk_back == "retraction":
        return Decision("ignore", reason="walk_back_without_event")
    if horizon is not None and source.reported_at < horizon:
        return Decision("ignore", reason="older_than_open_events")
    return Decision("open", reason="no_compatible_event")
