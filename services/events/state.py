"""The pure core of launch events: which event a report belongs to, and what the event says.

Everything here is a function of values: no clock, no database. The same reports in the
same order give the same events, revision for revision. docs/events.md tells the rules to
operators; in short:

- Opening and holding. A launch report that fits no open event opens one. An event none
  of whose reports names the actor is held: kept, but not published, so nothing alerts on
  it, until a report that names the actor joins it (then its revision 1 goes out). A
  retraction, a retrospective mention and a report that is not a launch report open
  nothing.
- Compatibility. A report can join an open event when the actors match, the kinds are of
  one family (`ballistic` is compatible with every ballistic class and with early reports
  of satellite launches and large rockets; cruise and ballistic are one salvo when
  either side states `SALVO_COUNT` missiles or more; a guessed kind, `Source.kind_weak`,
  fits any), the areas do not contradict (east coast vs
  west coast), and the launch times fit: two stated launch times within the tolerance of
  the coarser one (`minute_tolerance_s` for "7:12 a.m.", `hour_tolerance_s` for "about 7
  a.m.", `day_tolerance_s` for "on Thursday"), however late the report; a report with no
  stated time (or only a day that fits no event) published no earlier than the launch
  (less `publish_skew_s`) and within `timeless_join_s` of the event's latest report, or,
  naming the event's actor and its class when that is one of `LATE_KINDS` (ICBM, IRBM,
  SLBM, hypersonic, satellite launch), within `inactive_close_s` of the launch, or naming
  the event's actor and no class of its own (none, or a guessed one), within
  `echo_join_s` of the launch. Events
  close after `inactive_close_s` without a report (measured on report times, so a replay
  closes them alike).
- Reports that name no actor join a published event only when exactly one fits and a
  fact they state ties them to it (`corroborates`: a launch time, the side of the
  peninsula, the same specific class), and a held event only when such a fact ties
  them too; a report that names the actor joins a held event
  only when such a fact ties them and it came within `hour_tolerance_s` of the held
  event's first report. A launch never joins an event that was about something else.
- Guessed actors (`Source.actor_weak`: the first country a title names, the model's
  actor). A guess never keeps a report out of an event its stated launch time (to the
  minute or hour) ties it to, never outranks a named actor, echo-joins only when the
  report states a fact of the launch; a report whose actor is a guess and that states no
  other fact of the launch opens a held event.
- Authority: the launching state's or an observing government's agency (source_kind
  `agency`, or a `source_agency` we know: JCS, Japan MoD, KCNA, INDOPACOM, ...) 3, wire 2,
  news 1, aggregator or unknown 0. Each fact takes the value of the source with the
  highest (authority, publication time, item_id); `kind` a named class over a guessed
  one, then the most specific class, then authority, then the class most sources name; `count` a correction's, else more than one
  over one (a flash's "a missile"), then the largest of the top authority; `launched_at`
  the most precise time, then the earliest stated by the top authority, never a clock time
  after a second outlet had reported it (`usable_time`); `direction` (free
  text) the earliest Latin-script wording of the top authority.
- Status: `retracted` when a retraction (see `walk_back`) comes from a source at least as
  authoritative as any that reported the launch; else `corrected` when a correction is
  among the sources, a correction being a report that says it corrects and restates a
  fact otherwise than the event held it (`settle_walk_back`); else `confirmed` with an
  observing government's agency (an `agency` feed other than the launching state's media,
  or a known `source_agency`) or at least `CONFIRMING_OUTLETS` independent outlets (feeds
  of one outlet count once) that tell it in their own right, not by relaying the
  launcher's own word (three outlets quoting IRNA are the claim three times); else
  `claimed` when the launching state's own media is a
  source; else `reported`. `confirmed` (the field) says whether the agency or the outlets
  are there whatever the status, so a corrected event does not hide that it was confirmed.
- Confidence: each outlet's best report confidence, combined as independent evidence
  (1 - product of (1 - c)).
- Bounds: titles, feed names, directions and agencies are cut (`MAX_TITLE_CHARS`,
  `MAX_TEXT_CHARS`); an event keeps at most `MAX_SOURCES` sources, the first
  `FIRST_SOURCES` and then those worth most (the ones its facts and headline come from,
  walk-backs, those giving more of its values, the most authoritative); the rest are
  counted (`sources_omitted`) and keep
  their weight in status, `source_count` and confidence (`Omitted`).
- Identity: an event's id comes from the item that opened it, so replaying the same
  reports in the same order gives the same ids and revisions.
- Revisions: every report that joins a published event gives a revision of the whole
  event; `changes` names the facts that changed (and "status"), or "sources" alone when
  only provenance changed (sources, source_count, sources_omitted, headline,
  source_agency, confidence, a direction's wording).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from datetime import datetime, timedelta, timezone
from typing import Any, Literal

import ahocorasick

from schemas import EventSource, LaunchEvent, LaunchFields, LaunchReport
from schemas.agreement import (coast_of, direction_generalises, directions_same, km_same, named_state, same_fact,
                               times_same)
from schemas.models import MASS_STRIKE_COUNT, SALVO_FAMILIES, kind_family
# From the one gazetteer: observing governments' agencies (their word confirms an event),
# the launching state's own media per actor (their word makes an event `claimed`), and
# every actor name to its code.
from schemas.actors import ACTOR_ALIASES as _ACTOR_ALIASES
from schemas.actors import AGENCIES as _AGENCIES
from schemas.actors import OFFICIAL_CUES as _OFFICIAL_CUES
from schemas.actors import STATE_MEDIA as _STATE_MEDIA
from services.events.window import Window

WalkBack = Literal["correction", "retraction"]
Precision = Literal["minute", "hour", "day"]

CONFIRMING_OUTLETS = 3
"""Independent outlets that confirm an event without an observing government agency."""

FACTS = ("actor", "kind", "count", "distance_km", "apogee_km", "direction", "launch_site", "launched_at")
"""Facts resolved from sources, in the order `changes` names them."""

AGENCY, WIRE, NEWS, OTHER = 3, 2, 1, 0
_KIND_AUTHORITY = {"agency": AGENCY, "wire": WIRE, "news": NEWS, "aggregator": OTHER}

_SPECIFICITY = {"ballistic": 1}  # every other stated kind is a specific class: 2

# Retraction first: "retracts its correction" is a retraction.
_RETRACTION = re.compile(
    r"\bretract(?:s|ed|ing|ion)?\b|was not a (?:ballistic )?missile|were not (?:ballistic )?missiles|not a missile launch"
    r"|no (?:missile|launch) (?:was|were) (?:fired|launched|detected)|did not (?:fire|launch)"
    r"|false alarm|withdraws? (?:its |the )?(?:report|alert|statement)|오보|발사하지 않|미사일이 아닌"
    r"|誤報|発射されていない|ミサイルではな|取り消",
    re.IGNORECASE,
)
_CORRECTION = re.compile(
    r"\bcorrect(?:s|ed|ion)\b|\brevis(?:es|ed)\b|\bnot one but\b|정정|訂正|修正",
    re.IGNORECASE,
)


MAX_TITLE_CHARS = 300
"""A report's title (the event's headline) is cut to this many characters."""
MAX_TEXT_CHARS = 200
"""Feed names, directions and agencies are cut to this many characters."""
MAX_URL_CHARS = 2048
"""A longer link is not kept (a cut link leads nowhere)."""
FIRST_SOURCES = 10
"""An event keeps its first reports, in arrival order..."""
MAX_SOURCES = 20
"""...and, up to this many in all, the reports worth most (see `_worth`); the rest are counted."""
MAX_OUTLETS = 64
"""Outlets remembered per event for `source_count` and confidence; more are counted only."""


def walk_back(title: str) -> WalkBack | None:
    """Whether a report's title walks an earlier report back, and how far.

    A retraction says there was no launch ("was not a missile", "retracts", "false alarm",
    오보, 誤報); a correction restates facts ("corrects", "revised", 정정, 訂正). Cues are read
    in the title only: that is where outlets flag a walk-back, and a summary that quotes an
    earlier correction is not one; and in its first `MAX_TITLE_CHARS` characters, which is
    all of any headline (and all an event keeps of it).
    """
    title = title[:MAX_TITLE_CHARS]
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


def _alias_finder(ascii_names: bool) -> ahocorasick.Automaton:
    """An automaton of the actors' common names of three letters or more (shorter ones,
    "us", are words too often to count), ASCII ones or the others."""
    automaton = ahocorasick.Automaton()
    for alias, actor in _ACTOR_ALIASES.items():
        if len(alias) >= 3 and alias.isascii() == ascii_names:
            automaton.add_word(alias, (len(alias), actor))
    automaton.make_automaton()
    return automaton


_ASCII_ALIASES = _alias_finder(ascii_names=True)
_OTHER_ALIASES = _alias_finder(ascii_names=False)


def actors_named(text: str) -> set[str]:
    """The actors a text names by a common name ("North Korea", "N. Korea", "북한", "Iran"),
    as `normalise_actor` spells them: a Latin name as a whole word of the lowercased text,
    another script's wherever it stands. One pass of each automaton, however many names."""
    lowered = text.lower()
    found = set()
    for end, (length, actor) in _ASCII_ALIASES.iter(lowered):
        start = end - length + 1
        if not (start > 0 and "a" <= lowered[start - 1] <= "z") and not (
                end + 1 < len(lowered) and "a" <= lowered[end + 1] <= "z"):
            found.add(actor)
    found.update(actor for _end, (_length, actor) in _OTHER_ALIASES.iter(text))
    return found


def is_state_media(actor: str | None, agency: str | None, feed: str) -> bool:
    """Whether the source is the launching state's own media (KCNA for PRK, ...), or an
    agency the report calls "state media" of a launcher that has some (`STATE_MEDIA`) and
    names no other state: "Syrian state media", or "state media" telling of Israel's strike
    on Syria, is the target's media, not the launcher's claim."""
    cues = _STATE_MEDIA.get(actor or "", ())
    text = f"{agency or ''} {feed}".lower()
    if any(cue in text for cue in cues):
        return True
    if not cues or "state media" not in (agency or "").lower():
        return False
    named = actors_named(agency or "")
    return not named or actor in named


def is_official(agency: str | None) -> bool:
    """Whether `source_agency` names an observing government's agency (JCS, Japan MoD, ...)."""
    if not agency:
        return False
    return _OFFICIAL.search(agency.lower()) is not None


# One pattern for every cue, compiled once: the clusterer asks this of every report.
_OFFICIAL = re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(cue) for cue in _OFFICIAL_CUES) + r")(?![a-z])")


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


def clip(text: str | None, max_chars: int) -> str | None:
    """`text` cut to `max_chars` characters, the cut marked with an ellipsis."""
    if text is None or len(text) <= max_chars:
        return text
    return text[: max_chars - 1].rstrip() + "…"


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
    # The kind is a guess, not a class the text names: the bare word "rocket(s)", which
    # outlets use for any missile, or the learned model's kind. It fills a gap but never
    # keeps a report out of an event (see `_kinds_fit`) nor outranks a named class.
    kind_weak: bool = False
    # The actor is a guess, not the launching state the text names by its role: the first
    # country the title names, or the learned model's actor. It never keeps a report out of
    # an event its stated launch time ties it to (see `candidates`), never ties a time-less
    # report to a launch hours old (see `_timeless_fit`), nor outranks a named actor; a
    # report whose actor is a guess and that states no fact of the launch alerts nobody on
    # its own (see `attributed`).
    actor_weak: bool = False
    # What else the count counts, where it is of more than the missiles: "drones" ("150
    # missiles and drones"), "bombs"; None for a count of the missiles alone, which outranks
    # it whatever its size (see `_fact_key`).
    count_with: str | None = None
    # The count is of several classes of missile, the kind one of them ("52 missiles,
    # including hypersonic Kinzhals"): not that many of the kind (`EventSource.count_of_classes`).
    count_of_classes: bool = False
    # The report's own headline tells the launch (a cue of the rules in the title), so it can
    # head the event: a live blog's "Day 567" or a digest's title cannot.
    headline_tells: bool = True

    def same_article(self, other: Source) -> bool:
        """Whether `other` is this report again: the same item (an edit), or the same
        article under another item (an outlet's story in two of its feeds, or a feed read
        once with other ids), told by its link."""
        return self.item_id == other.item_id or (self.url is not None and self.url == other.url)

    @property
    def states_a_fact(self) -> bool:
        """Whether the report states a fact of the launch besides its actor: a class it
        names (not a guessed one), a count, a time, a direction, a distance or an apogee."""
        f = self.fields
        return ((f.kind is not None and not self.kind_weak)
                or any(v is not None for v in (f.count, f.launched_at, f.direction, f.distance_km, f.apogee_km)))

    @property
    def attributed(self) -> bool:
        """Whether the report may publish an event: it names the actor by its role, or it
        guesses the actor and states a fact of the launch besides. A report that only
        guesses the actor (a city mayor's words after a strike, read as the city's country's
        launch because the title names it first) is held like one that names no actor."""
        return self.fields.actor is not None and (not self.actor_weak or self.states_a_fact)

    def to_event_source(self) -> EventSource:
        return EventSource(item_id=self.item_id, feed=self.feed, url=self.url, title=self.title,
                           source_kind=self.source_kind, source_agency=self.source_agency,
                           published_at=self.published_at, lang=self.lang, fields=self.fields,
                           count_of_classes=self.count_of_classes)

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
            "lang": self.lang, "kind_weak": self.kind_weak, "actor_weak": self.actor_weak,
            "count_with": self.count_with, "headline_tells": self.headline_tells,
            "count_of_classes": self.count_of_classes,
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
            lang=data.get("lang"), kind_weak=data.get("kind_weak", False),
            actor_weak=data.get("actor_weak", False),
            count_with=data.get("count_with", "other arms" if data.get("count_weak") else None),
            headline_tells=data.get("headline_tells", True),
            count_of_classes=data.get("count_of_classes", False),
        )


# Cues of the rules that a report's headline itself tells a launch or an attack.
HEADLINE_CUES = frozenset({"title_event", "title_attack", "title_bare_launch"})


def source_from_report(report: LaunchReport, seq: int, publish_skew_s: float = Window.publish_skew_s) -> Source:
    """What an event keeps of a report: the actor's spelling normalised, text fields cut to
    their bounds (`MAX_TITLE_CHARS`, `MAX_TEXT_CHARS`, `MAX_URL_CHARS`), and the moment it
    was reported: its publication time, or when it was first seen where it has none or
    where it is stamped more than `publish_skew_s` after that (a source's wrong clock: an
    event first reported "in 2099" would head every list and never grow stale)."""
    f = report.fields
    actor = normalise_actor(clip(f.actor, MAX_TEXT_CHARS))
    agency = clip(f.source_agency, MAX_TEXT_CHARS)
    fields = f.model_copy(update={
        "actor": actor,
        "kind": None if f.kind == "unknown" else f.kind,
        "launched_at": _utc(f.launched_at),
        "direction": clip(f.direction, MAX_TEXT_CHARS),
        "launch_site": clip(f.launch_site, MAX_TEXT_CHARS),
        "source_agency": agency,
    })
    feed = clip(report.feed, MAX_TEXT_CHARS) or ""
    state_media = is_state_media(actor, agency, feed)
    walked_back = walk_back(report.title)
    # "KCNA; ROK JCS": one report can carry both the claim and the observation. A retraction
    # the classifier read no fields from is an agency's when its headline names one ("N. Korea
    # did not fire missiles, JCS says, calling earlier report a false alarm").
    official = (is_official(agency) or (report.source_kind == "agency" and not state_media)
                or (walked_back == "retraction" and not agency and is_official(report.title)))
    authority = _KIND_AUTHORITY.get(report.source_kind or "", OTHER)
    if state_media or official:
        authority = AGENCY
    seen = _utc(report.first_seen_at or report.classified_at)
    assert seen is not None  # classified_at is required
    reported_at = _utc(report.published_at) or seen
    if reported_at > seen + timedelta(seconds=publish_skew_s):
        reported_at = seen
    url = report.url if report.url is None or len(report.url) <= MAX_URL_CHARS else None
    time_evidence = [e for e in report.evidence if e.field == "launched_at"]
    kind_cues = {e.cue for e in report.evidence if e.field == "kind"}
    actor_cues = {e.cue for e in report.evidence if e.field == "actor"}
    count_cues = {e.cue for e in report.evidence if e.field == "count"}
    return Source(
        item_id=report.item_id, item_revision=report.revision, feed=feed,
        outlet=outlet_of(feed), url=url, title=clip(report.title, MAX_TITLE_CHARS) or "",
        source_kind=clip(report.source_kind, MAX_TEXT_CHARS), source_agency=agency,
        published_at=_utc(report.published_at), reported_at=reported_at, fields=fields,
        confidence=report.confidence, authority=authority, state_media=state_media,
        official=official, walk_back=walked_back, seq=seq, lang=clip(report.lang, 35),
        time_precision=time_precision(fields.launched_at, [e.text for e in time_evidence],
                                      [e.cue for e in time_evidence]),
        kind_weak=fields.kind is not None and bool(kind_cues) and kind_cues <= WEAK_KIND_CUES,
        actor_weak=actor is not None and bool(actor_cues) and actor_cues <= WEAK_ACTOR_CUES,
        count_with=next((COUNT_WITH_CUES[c] for c in sorted(count_cues) if c in COUNT_WITH_CUES), None)
        if fields.count is not None else None,
        count_of_classes=fields.count is not None and "count:of_classes" in count_cues,
        headline_tells=any(e.cue in HEADLINE_CUES for e in report.evidence),
    )


WEAK_KIND_CUES = frozenset({"kind:rocket", "model_kind"})
"""Evidence cues of a kind that is a guess (see `Source.kind_weak`)."""
WEAK_ACTOR_CUES = frozenset({"actor:first_named", "model_actor"})
"""Evidence cues of an actor that is a guess (see `Source.actor_weak`): the first country a
title names may be the target, the model's actor a likelihood."""
COUNT_WITH_CUES = {"count:with_drones": "drones", "count:with_bombs": "bombs"}
"""Evidence cues of a count of more than the missiles, and what else they count (see
`Source.count_with`)."""


@dataclass(frozen=True)
class Omitted:
    """What an event still knows of the reports it no longer keeps: how many, and what they
    count for in status, `source_count` and confidence."""

    count: int = 0
    outlets: tuple[tuple[str, float], ...] = ()  # (outlet, best confidence), at most MAX_OUTLETS
    outlets_beyond: int = 0  # outlets past MAX_OUTLETS, counted only
    # The outlets a report here told the launch of in its own right, not relaying the
    # launcher's own word (its state media), kept ones too: `resolve`'s witnesses.
    witnesses: tuple[str, ...] = ()  # at most MAX_OUTLETS
    witnesses_beyond: int = 0  # witnessing reports past them, counted only (each outlet maybe more than once)
    official: bool = False
    state_media: bool = False
    first_reported_at: datetime | None = None
    last_reported_at: datetime | None = None

    def to_json(self) -> dict:
        return {"count": self.count, "outlets": [list(pair) for pair in self.outlets],
                "outlets_beyond": self.outlets_beyond, "witnesses": list(self.witnesses),
                "witnesses_beyond": self.witnesses_beyond, "official": self.official,
                "state_media": self.state_media,
                "first_reported_at": self.first_reported_at.isoformat() if self.first_reported_at else None,
                "last_reported_at": self.last_reported_at.isoformat() if self.last_reported_at else None}

    @classmethod
    def from_json(cls, data: dict | None) -> "Omitted":
        if not data:
            return cls()
        stamp = lambda v: datetime.fromisoformat(v) if v else None  # noqa: E731
        return cls(count=data["count"], outlets=tuple((o, c) for o, c in data["outlets"]),
                   outlets_beyond=data["outlets_beyond"], official=data["official"],
                   # (a summary stored before relays were told apart: every outlet a witness)
                   witnesses=tuple(data.get("witnesses", (o for o, _ in data["outlets"]))),
                   witnesses_beyond=data.get("witnesses_beyond", data["outlets_beyond"]),
                   state_media=data["state_media"], first_reported_at=stamp(data["first_reported_at"]),
                   last_reported_at=stamp(data["last_reported_at"]))

    def adding(self, source: Source, kept_outlets: set[str]) -> "Omitted":
        """This summary with `source` folded in. `kept_outlets` are the outlets of the kept
        sources, which count already and take no room here."""
        outlets = dict(self.outlets)
        beyond = self.outlets_beyond
        if source.outlet in outlets:
            outlets[source.outlet] = max(outlets[source.outlet], source.confidence)
        elif source.outlet not in kept_outlets:
            if len(outlets) + len(kept_outlets) < MAX_OUTLETS:
                outlets[source.outlet] = source.confidence
            else:
                beyond += 1
        witnesses, witnesses_beyond = self.witnesses, self.witnesses_beyond
        if not source.state_media and source.outlet not in witnesses:
            if len(witnesses) < MAX_OUTLETS:
                witnesses = tuple(sorted((*witnesses, source.outlet)))
            else:
                witnesses_beyond += 1
        first = min(filter(None, (self.first_reported_at, source.reported_at)))
        last = max(filter(None, (self.last_reported_at, source.reported_at)))
        return Omitted(count=self.count + 1, outlets=tuple(sorted(outlets.items())), outlets_beyond=beyond,
                       witnesses=witnesses, witnesses_beyond=witnesses_beyond,
                       official=self.official or source.official,
                       state_media=self.state_media or source.state_media,
                       first_reported_at=first, last_reported_at=last)


@dataclass(frozen=True)
class EventState:
    """An event as the clusterer holds it: the reports it keeps, a summary of the rest, and
    its current resolution.

    `revision` counts the revisions published; 0 while the event is held (no report has
    named the actor yet), when `published` is the draft nobody was sent.
    """

    event_id: str
    revision: int
    sources: tuple[Source, ...]
    published: LaunchEvent
    omitted: Omitted = Omitted()

    @property
    def held(self) -> bool:
        return self.revision == 0

    # Computed once per state (it is frozen): the clusterer asks them of every open event
    # for every report.
    @cached_property
    def first_reported_at(self) -> datetime:
        return min(filter(None, (self.omitted.first_reported_at, *(s.reported_at for s in self.sources))))

    @cached_property
    def last_reported_at(self) -> datetime:
        return max(filter(None, (self.omitted.last_reported_at, *(s.reported_at for s in self.sources))))

    @cached_property
    def item_ids(self) -> frozenset[str]:
        """The items of the kept reports."""
        return frozenset(s.item_id for s in self.sources)

    @cached_property
    def actor_guessed(self) -> bool:
        """Whether the event's actor rests on guesses only (`Source.actor_weak`)."""
        actor = self.published.actor
        return all(s.actor_weak for s in self.sources if s.fields.actor == actor)

    @cached_property
    def stated_moments(self) -> tuple[datetime, ...]:
        """The launch times the event's kept reports state (the times `fit` may match)."""
        return tuple(s.fields.launched_at for s in self.sources if s.fields.launched_at is not None)

    @property
    def next_seq(self) -> int:
        return max(s.seq for s in self.sources) + 1

    def to_json(self) -> dict:
        return {"event_id": self.event_id, "revision": self.revision,
                "sources": [s.to_json() for s in self.sources], "omitted": self.omitted.to_json()}


def event_id_for(first_item_id: str) -> str:
    """An event's id, from the item that opened it: replaying the same reports in the same
    order opens the same events with the same ids."""
    return "evt_" + hashlib.sha256(first_item_id.encode()).hexdigest()[:20]


# --- compatibility -------------------------------------------------------------------


def kinds_compatible(a: str | None, b: str | None) -> bool:
    """One launch can be told as both kinds: same family; a ballistic missile that its
    launching state calls a satellite launch (observers report the rocket, the state its
    payload); a `ballistic` or `srbm` that turns out a large (600 mm) artillery rocket."""
    fa, fb = kind_family(a), kind_family(b)
    if fa is None or fb is None or fa == fb:
        return True
    if {fa, fb} == {"ballistic", "satellite_launch"}:
        return True
    return {fa, fb} == {"ballistic", "artillery_rocket"} and bool({a, b} & {"ballistic", "srbm"})


SALVO_COUNT = 3
"""Missiles in one attack from which reports naming different missile classes are one salvo."""


def _kinds_fit(state: EventState, source: Source) -> bool:
    """Whether the report's kind can be the event's: compatible classes (`kinds_compatible`),
    or either side's kind only a guess (a bare "rockets" in a report of a missile barrage,
    the model's kind), which never splits one launch into two events."""
    kind = state.published.kind
    if source.kind_weak or kind is None:
        return True
    if all(s.kind_weak for s in state.sources if s.fields.kind == kind):
        return True
    if kinds_compatible(kind, source.fields.kind):
        return True
    # A salvo mixes classes (cruise missiles with Kinzhals and ballistic ones, each report
    # naming the one it saw): several missiles on either side make the classes one attack.
    salvo = max(state.published.count or 0, source.fields.count or 0) >= SALVO_COUNT
    return salvo and {kind_family(kind), kind_family(source.fields.kind)} <= SALVO_FAMILIES


_CLOCK_WORDS = re.compile(r"\d\s*(?::|a\.?m|p\.?m|時|시|h\b|hrs|GMT|UTC|KST|JST)|noon|midnight|正午|정오", re.I)


def time_precision(launched_at: datetime | None, evidence_texts: list[str],
                   evidence_cues: list[str] | None = None) -> Precision:
    """How precise a stated launch time is: "minute" ("7:12 a.m."), "hour" ("about 7
    a.m."), or "day" ("on Thursday", which extraction places at a representative hour, or
    at the publication moment when the day named is the publication day).

    Evidence that names only a date (cue `launched_at:date`, no `launched_at:time`) is a
    day whatever its minutes. Otherwise minutes other than :00 and :30 were stated; then
    the words behind the time tell (evidence naming a clock time), and without words, a
    day.
    """
    if launched_at is None:
        return "day"
    if evidence_cues and all(cue == "launched_at:date" for cue in evidence_cues):
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
    return state.published.launched_at or state.first_reported_at


def _stated_times(state: EventState, window: Window) -> list[Source]:
    """The event's sources whose launch times are the most precise it knows (so a
    "Wednesday" does not chain an afternoon launch onto a morning one)."""
    first, twice = state.first_reported_at, second_outlet_at(state.sources)
    stated = [s for s in state.sources if usable_time(s, first, window, twice)]
    if not stated:
        return []
    finest = min(_RANK[s.time_precision] for s in stated)
    return [s for s in stated if _RANK[s.time_precision] == finest]


# Ballistic classes by range: outlets mistake a class for its neighbour (an IRBM told as an
# ICBM), seldom for one two classes away.
_RANGE_CLASS = {"srbm": 0, "mrbm": 1, "irbm": 2, "icbm": 3}


def _another_launch_elsewhere(state: EventState, source: Source, window: Window) -> bool:
    """Whether the report tells another launch of the event's actor: a range class two or
    more away from the event's (both named, not guessed), toward another place, at no
    stated time that ties them (an ICBM test into the Kamchatka range, then short-range
    missiles at Kharkiv). A salvo mixing classes strikes one place (`directions_same`)."""
    event = state.published
    ranks = _RANGE_CLASS.get(event.kind), _RANGE_CLASS.get(source.fields.kind)
    if None in ranks or abs(ranks[0] - ranks[1]) < 2 or source.kind_weak:
        return False
    if all(s.kind_weak for s in state.sources if s.fields.kind == event.kind):
        return False
    target, event_target = source.fields.direction, event.direction
    return (target is not None and event_target is not None and not directions_same(target, event_target)
            and not time_ties(state, source, window))


def fit(state: EventState, source: Source, window: Window) -> float | None:
    """How well a report fits an open event (smaller is better), None when it cannot join.

    Actor is not checked here: the caller decides what an unknown actor may join.
    """
    event = state.published
    if not _kinds_fit(state, source) or _another_launch_elsewhere(state, source, window):
        return None
    coasts = {coast_of(event.direction), coast_of(source.fields.direction)} - {None}
    if len(coasts) > 1:
        return None
    stated = _stated_times(state, window) if source.fields.launched_at is not None else []
    if stated:
        # A stated time tells which launch however late the report (the next-day claim).
        gaps = [g for t in stated if (g := _times_fit(t, source, window)) is not None]
        if gaps:
            return min(gaps)
        if source.time_precision != "day":
            return None
        # A day alone is weak (a source's zone can put "Thursday" a week back): judge the
        # report as one that states no time.
    return _timeless_fit(state, source, window)


def usable_time(source: Source, first_reported_at: datetime, window: Window,
                reported_twice_at: datetime | None = None) -> bool:
    """Whether a source's stated launch time can be the time of an event first reported at
    `first_reported_at`: not a day far before the first report (a source's zone putting
    "early Thursday" a week back), nor a clock time more than `publish_skew_s` after a
    second outlet had reported it (`reported_twice_at`, see `second_outlet_at`: a later
    report's "the missile entered Polish airspace at 7:12" is not the time of a strike
    reported by many outlets an hour before; one feed stamping its items hours early moves
    no bound)."""
    moment = source.fields.launched_at
    if moment is None:
        return False
    if source.time_precision == "day":
        return moment >= first_reported_at - timedelta(seconds=window.day_tolerance_s)
    return reported_twice_at is None or moment <= reported_twice_at + timedelta(seconds=window.publish_skew_s)


def second_outlet_at(sources: Iterable[Source]) -> datetime | None:
    """When a second outlet had reported the launch, or None while one outlet alone has."""
    earliest: dict[str, datetime] = {}
    for s in sources:
        earliest[s.outlet] = min(earliest.get(s.outlet, s.reported_at), s.reported_at)
    return sorted(earliest.values())[1] if len(earliest) > 1 else None


# Classes an actor launches seldom (days or weeks apart) and that stay news for a day or
# more: a report of the same actor and class that states no time is a late report of the
# open launch, not a new one. Short-range launches come on consecutive days: a report of
# one a day later may be the next launch, and it opens its own event.
LATE_KINDS = frozenset({"icbm", "irbm", "slbm", "hypersonic", "satellite_launch"})


def _timeless_fit(state: EventState, source: Source, window: Window) -> float | None:
    """A report without a usable launch time, published no earlier than the launch (less
    `publish_skew_s`), joins a launch that is recent news (within `timeless_join_s` of the
    event's latest report), or a launch of the actor and the class it names, when that is
    a class in `LATE_KINDS` and the launch is less than `inactive_close_s` old (the ICBM's
    follow-up the next day). The most recent such launch fits best."""
    start = launch_estimate(state) - timedelta(seconds=window.publish_skew_s)
    recent = source.reported_at - state.last_reported_at <= timedelta(seconds=window.timeless_join_s)
    same_actor = source.fields.actor is not None and source.fields.actor == state.published.actor
    late = (same_actor and source.fields.kind in LATE_KINDS and source.fields.kind == state.published.kind
            and source.reported_at - start <= timedelta(seconds=window.inactive_close_s))
    # A report naming the actor and no class of its own (a bare "missile", or a class the
    # model guessed) within `echo_join_s` of a launch tells that launch again (an outlet's
    # evening story): the next launch's first reports name a class ("ballistic") or a time.
    # A report that only guesses the actor (`Source.actor_weak`: the first country its title
    # names may be the target) and states nothing else is not tied to a launch hours old by
    # the guess: it is held (`Source.attributed`). One that guesses it and states a fact (a
    # place, a count) would alert as a launch of its own: it is the launch told again.
    echo = (same_actor and source.attributed and (source.fields.kind is None or source.kind_weak)
            and source.reported_at - start <= timedelta(seconds=window.echo_join_s))
    if not recent and not late and not echo and not _same_day_same_target(state, source, window):
        return None
    moment = source.reported_at
    if source.fields.launched_at is not None and source.time_precision != "day":
        moment = source.fields.launched_at
    if moment < start:
        # An event that states no launch time knows only that the launch came before its
        # first report: a launch time stated up to its tolerance before that (a Polish
        # bulletin's "at 2:40" under an English flash of 3:06) is that launch.
        if state.published.launched_at is not None or moment == source.reported_at or (
                start - moment).total_seconds() > _tolerance_s(source.time_precision, window):
            return None
    return 2 * window.day_tolerance_s + abs((moment - start).total_seconds())


def _same_day_same_target(state: EventState, source: Source, window: Window) -> bool:
    """A report that dates the launch by its day alone ("on Tuesday"), of the event's actor
    and toward the target the event names, tells that day's launch again, however late in
    the day it comes (officials' evening account of a morning's interception): a second
    launch of the day is told with its hour, which keeps it apart (`fit`)."""
    moment, target = source.fields.launched_at, source.fields.direction
    return (source.time_precision == "day" and moment is not None and target is not None
            and source.fields.actor is not None and source.fields.actor == state.published.actor
            and target.casefold() == (state.published.direction or "").casefold()
            and abs((moment - launch_estimate(state)).total_seconds()) <= window.day_tolerance_s)


# Classes specific enough that a report naming one, and no actor, tells which launch it is.
_TELLING_KINDS = {"srbm", "mrbm", "irbm", "icbm", "slbm", "hypersonic"}


def time_ties(state: EventState, source: Source, window: Window) -> bool:
    """Whether the report states a launch time to the minute or hour that fits one the
    event's reports state to the minute or hour."""
    if source.fields.launched_at is None or source.time_precision == "day":
        return False
    return any(_times_fit(t, source, window) is not None for t in _stated_times(state, window)
               if t.time_precision != "day")


def target_ties(state: EventState, source: Source, window: Window) -> bool:
    """Whether the report names the place the event's launch went to (in other words too:
    `directions_same`) within `timeless_join_s` of the event's latest report: the same
    strike, told again, whatever launcher either side merely guessed."""
    target, event_target = source.fields.direction, state.published.direction
    return (target is not None and event_target is not None and directions_same(target, event_target)
            and abs((source.reported_at - state.last_reported_at).total_seconds()) <= window.timeless_join_s)


def corroborates(state: EventState, source: Source, window: Window) -> bool:
    """Whether a report that names no actor states a fact that ties it to this launch: a
    launch time (to the minute or hour) that fits the event's, a direction on the event's
    side of the peninsula, or the same specific missile class (SRBM, ICBM, ...).

    A time-less, kind-less report ("police fire at suspect") ties to nothing, however
    close in time.
    """
    event = state.published
    if time_ties(state, source, window):
        return True
    coast = coast_of(source.fields.direction)
    if coast is not None and coast == coast_of(event.direction):
        return True
    return source.fields.kind in _TELLING_KINDS and source.fields.kind == event.kind


def candidates(states: list[EventState], source: Source, window: Window) -> list[EventState]:
    """The events among `states` the report could join, best fit first (ties: the event
    opened last). Same actor, or unknown on either side."""
    actor = source.fields.actor
    # What `fit` needs of an event, checked first at a fraction of its cost: the report is
    # recent news for it, or it may be a late report of it, or it states a time near one
    # the event's reports state (`_times_fit` allows at most the day tolerance). Most open
    # events are none of these, and `fit` is then skipped; the result is the same.
    recent_from = source.reported_at - timedelta(seconds=window.timeless_join_s)
    maybe_late = actor is not None and (source.fields.kind in LATE_KINDS or source.fields.kind is None
                                        or source.kind_weak or (source.time_precision == "day"
                                                                and source.fields.direction is not None))
    moment = source.fields.launched_at
    reach = timedelta(seconds=max(window.minute_tolerance_s, window.hour_tolerance_s, window.day_tolerance_s))
    scored = []
    for order, state in enumerate(states):
        if actor is not None and state.published.actor not in (None, actor) and not (
                (source.actor_weak or state.actor_guessed)
                and (time_ties(state, source, window) or target_ties(state, source, window))):
            # Another actor's launch; unless either actor is only a guess and the launch
            # time the report states ties it to this launch (a first flash whose title names
            # the target first, read as the target's launch, an hour before the rest), or
            # the place it went to does (a live page whose background names the invader,
            # beside the reports of who struck the city it tells of).
            continue
        if not maybe_late and state.last_reported_at < recent_from and (
                moment is None or not any(abs(t - moment) <= reach for t in state.stated_moments)):
            continue
        score = fit(state, source, window)
        if score is not None:
            scored.append((score, -order, state))
    return [state for _, _, state in sorted(scored, key=lambda t: (t[0], t[1]))]


# --- walk-backs ----------------------------------------------------------------------

def restates_differently(fields: LaunchFields, event: LaunchEvent) -> list[str]:
    """The facts a report states otherwise than the event holds them: a count, a kind of
    another family or another specific class (not a generic "ballistic" made specific), a
    distance or apogee beyond rounding (5 km or 5 %), a launch time more than 5 minutes off.
    A fact the event did not know is news, not a correction."""
    differ = []
    if fields.count is not None and event.count is not None and fields.count != event.count:
        differ.append("count")
    if fields.kind is not None and event.kind is not None and fields.kind != event.kind:
        refinement = "ballistic" in (fields.kind, event.kind) and kinds_compatible(fields.kind, event.kind)
        if not refinement:
            differ.append("kind")
    for name in ("distance_km", "apogee_km"):
        now, before = getattr(fields, name), getattr(event, name)
        if now is not None and before is not None and not km_same(now, before):
            differ.append(name)
    if fields.launched_at is not None and event.launched_at is not None and not times_same(
            fields.launched_at, event.launched_at):
        differ.append("launched_at")
    return differ


def settle_walk_back(source: Source, event: LaunchEvent | None) -> Source:
    """A report whose title says it corrects counts as a correction only when it restates a
    fact otherwise than `event` holds it (see `restates_differently`); else it is a plain
    source ("revised" in a headline corrects nothing by itself)."""
    if source.walk_back != "correction":
        return source
    if event is not None and restates_differently(source.fields, event):
        return source
    return replace(source, walk_back=None)


# --- resolution ----------------------------------------------------------------------


def _recency(s: Source) -> tuple:
    return (s.reported_at, s.item_id)


def _retraction_accepted(s: Source, sources: tuple[Source, ...]) -> bool:
    """A retraction counts when it comes from a source at least as authoritative as any
    that reported the launch: a wire withdrawing its story does not undo what JCS said."""
    top = max((o.authority for o in sources if o.walk_back != "retraction"), default=OTHER)
    return s.authority >= top


def _fact_key(name: str, stating: list[Source]):
    """How the sources `stating` fact `name` are ranked: the maximum gives the fact."""
    if name == "kind":
        # "ballistic" does not contradict "srbm": the more specific class wins, then
        # authority, so an agency's first generic flash does not undo a known class; then
        # the class most sources name, so one outlet's stray "ICBM" among SRBM reports
        # does not flip the class back and forth.
        votes = Counter(s.fields.kind for s in stating)
        # A named class outranks a guessed one (`Source.kind_weak`).
        return lambda s: (not s.kind_weak, _SPECIFICITY.get(s.fields.kind, 2), s.authority, votes[s.fields.kind],
                          _recency(s))
    if name == "launched_at":
        # Agencies state it to the minute and differ by one: keep the first stated, so
        # the time does not flip with each agency's bulletin.
        return lambda s: (-_RANK[s.time_precision], s.authority, -s.reported_at.timestamp(), s.item_id)
    if name == "actor":
        # A named actor outranks a guessed one (`Source.actor_weak`), then authority.
        return lambda s: (not s.actor_weak, s.authority, _recency(s))
    if name == "count":
        # Counts grow as a salvo is tallied ("a missile", then "40 missiles"); a later,
        # smaller number from a less complete report must not shrink it. Only a
        # correction may lower it. A count of one is mostly "a missile" in a first flash:
        # it yields to any report of more, whatever its authority. A count of the missiles
        # with the drones ("150 missiles and drones") yields to one of the missiles alone.
        return lambda s: (s.walk_back == "correction", s.fields.count > 1, s.count_with is None, s.authority,
                          _recency(s) if s.walk_back == "correction" else (s.fields.count,), _recency(s))
    if name == "direction":
        # Free text told in many languages: keep the first wording of the top authority
        # (Latin script first, for the renderers) instead of flipping with each outlet; a
        # named sea before "the sea" a flash said, whoever said which.
        named = {s.item_id for s in stating if not any(
            direction_generalises(s.fields.direction, o.fields.direction) for o in stating)}
        return lambda s: (s.item_id in named, s.authority, s.fields.direction.isascii(), -s.reported_at.timestamp(),
                          s.item_id)
    if name == "launch_site":
        # Free text too: the first wording of the top authority, Latin script first.
        return lambda s: (s.authority, s.fields.launch_site.isascii(), -s.reported_at.timestamp(), s.item_id)
    # A distance or apogee a correction states outranks the others, whenever they came: a
    # later report repeating the old figure is mostly a copy of one written before it.
    return lambda s: (s.walk_back == "correction", s.authority, _recency(s))


def _deciding(sources: tuple[Source, ...], first_reported_at: datetime,
              window: Window) -> tuple[dict[str, Source | None], Source, Source]:
    """The source each fact is taken from (None: no source states it), the lead source
    (whose agency says who reports the event), and the one whose title is the headline."""
    telling = [s for s in sources if s.walk_back != "retraction"] or list(sources)
    reported_twice_at = second_outlet_at(sources)
    chosen: dict[str, Source | None] = {}
    for name in FACTS:
        stating = [s for s in telling if getattr(s.fields, name) is not None]
        if name == "launched_at":
            stating = [s for s in stating if usable_time(s, first_reported_at, window, reported_twice_at)]
        if name == "direction" and chosen["actor"] is not None:
            # A launcher does not fire at its own land: a place there is a report's that
            # joined by a guessed actor ("missile falling on busy Kyiv highway" beside
            # Ukraine's strike on Russia), while another report tells where it went.
            actor = chosen["actor"].fields.actor
            stating = [s for s in stating if actors_named(s.fields.direction) != {actor}] or stating
        chosen[name] = max(stating, key=_fact_key(name, stating)) if stating else None
    # A correction heads the event it corrects: its headline says what was corrected.
    # An observing government's report leads before the launcher's own media of the same
    # standing: "Reported by JCS", not KCNA's word for its own launch.
    lead = max(telling, key=lambda s: (s.headline_tells, s.walk_back == "correction", s.authority, s.official,
                                       s.lang == "en", _recency(s)))
    # The headline is read by people reading English (the alerts' language): an English
    # report of an outlet's own (news or more, not the launcher's media) heads the event
    # before one in another language of higher standing (a Polish report crediting the JCS).
    headline = max(telling, key=lambda s: (s.headline_tells, s.walk_back == "correction",
                                           s.lang == "en" and s.authority >= NEWS and not s.state_media,
                                           s.authority, s.official, _recency(s)))
    return chosen, lead, headline


def resolve(event_id: str, revision: int, sources: tuple[Source, ...], now: datetime,
            window: Window, previous: LaunchEvent | None, omitted: Omitted = Omitted()) -> LaunchEvent:
    """The whole event its kept sources and the summary of the omitted ones describe, as
    revision `revision`. `changes` compares with `previous` (["new"] when there is none)."""
    first_reported_at = min(filter(None, (omitted.first_reported_at, *(s.reported_at for s in sources))))
    chosen, lead, headline = _deciding(sources, first_reported_at, window)
    facts = {name: getattr(source.fields, name) if source else None for name, source in chosen.items()}
    facts["count_includes"] = chosen["count"].count_with if chosen["count"] else None
    if (facts["count"] or 0) >= MASS_STRIKE_COUNT:
        facts["direction"] = _mass_strike_direction(sources, facts["direction"], facts["actor"])
    timed = chosen["launched_at"]
    facts["launched_on"] = timed.fields.launched_on if timed is not None else None
    first_reported_at = _reported_after_launch(first_reported_at, timed, sources, omitted, window)
    # Independent outlets: one outlet's best confidence each, combined as independent evidence.
    best: dict[str, float] = dict(omitted.outlets)
    for s in sources:
        best[s.outlet] = max(best.get(s.outlet, 0.0), s.confidence)
    # Outlets that tell the launch in their own right: one relaying the launcher's own word
    # (its state media, its forces' statement) tells the claim again, and witnesses nothing.
    witnesses = {s.outlet for s in sources if not s.state_media} | set(omitted.witnesses)
    confirmed = bool(omitted.official or any(s.official for s in sources)
                     or len(witnesses) + omitted.witnesses_beyond >= CONFIRMING_OUTLETS)
    if any(s.walk_back == "retraction" and _retraction_accepted(s, sources) for s in sources):
        status = "retracted"
    elif any(s.walk_back == "correction" for s in sources):
        status = "corrected"
    elif confirmed:
        status = "confirmed"
    elif omitted.state_media or any(s.state_media for s in sources):
        status = "claimed"
    else:
        status = "reported"
    doubt = 1.0
    for value in best.values():
        doubt *= 1.0 - value
    event = LaunchEvent(
        event_id=event_id,
        revision=revision,
        status=status,
        **facts,
        source_agency=_agency(lead, sources, facts["actor"]),
        confidence=round(min(1.0, 1.0 - doubt), 4),
        headline=headline.title,
        first_reported_at=first_reported_at,
        updated_at=now,
        sources=[s.to_event_source() for s in sorted(sources, key=lambda s: s.seq)],
        source_count=len(best) + omitted.outlets_beyond,
        sources_omitted=omitted.count,
        changes=[],
        stale=(now - first_reported_at).total_seconds() > window.stale_after_s,
        confirmed=confirmed,
    )
    return event.model_copy(update={"changes": changes_between(previous, event)})


def _reported_after_launch(first_reported_at: datetime, timed: Source | None, sources: tuple[Source, ...],
                           omitted: Omitted, window: Window) -> datetime:
    """When the launch was first reported: no report is of a launch that had not happened.
    Where the event's launch time is stated to the minute, a report stamped more than
    `publish_skew_s` before it is one feed's clock (stamping its items hours early, a zone
    misdeclared: 06:33 for a launch at 09:20) and the first report is the earliest other one;
    where no report is later than that, the earliest report stands (the stated time may be
    the wrong one)."""
    if timed is None or timed.time_precision != "minute" or timed.fields.launched_at is None:
        return first_reported_at
    earliest = timed.fields.launched_at - timedelta(seconds=window.publish_skew_s)
    # (Of the reports no longer kept, the first and the last are known.)
    later = [at for at in (omitted.first_reported_at, omitted.last_reported_at, *(s.reported_at for s in sources))
             if at and at >= earliest]
    return min(later, default=first_reported_at)


def _mass_strike_direction(sources: tuple[Source, ...], direction: str | None, actor: str | None) -> str | None:
    """Where a mass strike went: where its reports name three or more places that are not
    one ("Kyiv", "Kharkiv", "Odesa"), the state a report names as its target ("Ukraine"),
    the one most name, rather than the one city a report led with; else `direction`."""
    said = [s.fields.direction for s in sources if s.fields.direction and s.walk_back != "retraction"]
    distinct: list[str] = []
    for place in said:
        if not any(same_fact("direction", place, other) for other in distinct):
            distinct.append(place)
    if len(distinct) < 3:
        return direction
    # A launching state named by its name ("Ukraine"), not the launcher itself.
    states = Counter(place for place in said
                     if (code := named_state(place)) is not None and code == normalise_actor(place) != actor)
    return states.most_common(1)[0][0] if states else direction


def _agency(lead: Source, sources: tuple[Source, ...], actor: str | None) -> str | None:
    """Who reports the event: the agency the lead source credits; where it credits none, the
    lead itself when it is an agency's own feed ("Japan MoD"), else the agency credited by
    the most authoritative source that credits one, so that "Reported by" does not vanish
    when an agency's own bulletin takes the lead. An agency described rather than named
    ("South Korea's military", "state media") gives way to one of its side that another
    source names ("JCS"; for the launcher's "state media", its own: "KCNA"), so "Reported
    by" does not swing between them as the lead changes."""
    crediting = [s for s in sources if s.source_agency and s.walk_back != "retraction"]
    if lead.source_agency:
        return _named_for(lead.source_agency, crediting, actor)
    if lead.source_kind == "agency" and lead.official:
        return lead.feed
    if not crediting:
        return None
    return _named_for(_most_authoritative(crediting).source_agency, crediting, actor)


def _named_for(agency: str | None, crediting: list[Source], actor: str | None) -> str | None:
    """`agency`, or where it is one described rather than named, the agency of its role and
    side (the launcher's, for a side it leaves open) the most authoritative other source names."""
    if agency not in _GENERIC_AGENCIES:
        return agency
    role, side = _GENERIC_AGENCIES[agency]
    named = [s for s in crediting if _NAMED_AGENCIES.get(s.source_agency or "") == (role, side or actor)]
    return _most_authoritative(named).source_agency if named else agency


def _most_authoritative(sources: list[Source]) -> Source:
    return max(sources, key=lambda s: (s.authority, _recency(s)))


# Agencies by code: (role, the side they belong to), those described and those named.
_GENERIC_AGENCIES = {a.code: (a.role, a.actor) for a in _AGENCIES if a.generic}
_NAMED_AGENCIES = {a.code: (a.role, a.actor) for a in _AGENCIES if not a.generic}


def changes_between(previous: LaunchEvent | None, current: LaunchEvent) -> list[str]:
    """What a revision changed: fact names, "status" and "stale", or "sources" alone when
    only the provenance did (sources, their count, headline, source_agency, confidence,
    first_reported_at, or the wording of an unchanged direction)."""
    if previous is None:
        return ["new"]
    changed = [name for name in ("status", *FACTS, "stale") if _fact_of(previous, name) != _fact_of(current, name)
               and (name != "direction" or not same_fact("direction", previous.direction, current.direction))]
    provenance = ("sources", "source_count", "sources_omitted", "headline", "source_agency", "confidence",
                  "direction", "first_reported_at")
    if any(getattr(previous, name) != getattr(current, name) for name in provenance):
        changed.append("sources")
    return changed


def _fact_of(event: LaunchEvent, name: str) -> object:
    """Fact `name` of an event as a change is judged: a count with what else it counts."""
    return (event.count, event.count_includes) if name == "count" else getattr(event, name)


def _worth(s: Source, deciding: set[str], held: dict[str, Any]) -> tuple:
    """How much a source beyond the first ones is worth keeping: the sources facts and the
    headline come from, then walk-backs, then the more of the event's values a source gives
    (so the page still credits each outlet with the values it gave: an outlet's report of
    two missiles kept over another report's "a missile"), then authority, then the latest."""
    gives = sum(1 for name, value in held.items()
                if (said := getattr(s.fields, name)) is not None and same_fact(name, said, value))
    return (s.item_id in deciding, s.walk_back is not None, gives, s.authority, s.official or s.state_media, s.seq)


def bound_sources(sources: tuple[Source, ...], omitted: Omitted,
                  window: Window) -> tuple[tuple[Source, ...], Omitted]:
    """At most `MAX_SOURCES` sources: the first `FIRST_SOURCES` by arrival, then the ones
    worth most (`_worth`); the others are folded into the `Omitted` summary, which keeps
    their weight in status, `source_count` and confidence."""
    if len(sources) <= MAX_SOURCES:
        return sources, omitted
    ordered = sorted(sources, key=lambda s: s.seq)
    first, rest = ordered[:FIRST_SOURCES], ordered[FIRST_SOURCES:]
    first_reported_at = min(filter(None, (omitted.first_reported_at, *(s.reported_at for s in sources))))
    chosen, lead, headline = _deciding(sources, first_reported_at, window)
    deciding = {s.item_id for s in chosen.values() if s is not None} | {lead.item_id, headline.item_id}
    held = {name: getattr(source.fields, name) for name, source in chosen.items()
            if source is not None and name in LaunchFields.model_fields}
    rest.sort(key=lambda s: _worth(s, deciding, held), reverse=True)
    keep, drop = rest[: MAX_SOURCES - FIRST_SOURCES], rest[MAX_SOURCES - FIRST_SOURCES:]
    kept = tuple(sorted([*first, *keep], key=lambda s: s.seq))
    kept_outlets = {s.outlet for s in kept}
    for source in drop:
        omitted = omitted.adding(source, kept_outlets)
    return kept, omitted


def _publishable(event: LaunchEvent, sources: tuple[Source, ...]) -> bool:
    """Whether an event may be published: it has an actor, and one of its reports
    attributes the launch (`Source.attributed`), not only guesses the actor."""
    return event.actor is not None and any(s.attributed for s in sources)


def open_event(source: Source, now: datetime, window: Window) -> EventState:
    """A new event from its first report: revision 1 with changes ["new"] when the report
    attributes the launch (`Source.attributed`), else a held event (revision 0) that
    publishes nothing until a report that does joins it."""
    event_id = event_id_for(source.item_id)
    source = replace(settle_walk_back(source, None), seq=0)
    event = resolve(event_id, 1, (source,), now, window, None)
    return EventState(event_id, 1 if _publishable(event, (source,)) else 0, (source,), event)


def join(state: EventState, source: Source, now: datetime, window: Window) -> EventState:
    """The event with one more report (or a report's newer text).

    A published event gets a new revision. A held one stays held (revision 0) until the
    resolved actor is known and a report attributes the launch (`_publishable`); then it
    is published as revision 1, changes ["new"]. A
    source whose item is already in the event replaces it (an outlet that edited its
    story, or carried the same article in another of its feeds: `Source.same_article`),
    keeping its place in the list. Sources are bounded (`bound_sources`).
    """
    kept = [s for s in state.sources if not s.same_article(source)]
    replaced = next((s for s in state.sources if s.same_article(source)), None)
    # An edit or a copy of a correction still corrects, though the event now holds its value.
    settled = source if replaced is not None and replaced.walk_back == source.walk_back == "correction" \
        else settle_walk_back(source, state.published)
    source = replace(settled, seq=replaced.seq if replaced else state.next_seq)
    sources, omitted = bound_sources(tuple(sorted([*kept, source], key=lambda s: s.seq)), state.omitted, window)
    if state.held:
        event = resolve(state.event_id, 1, sources, now, window, None, omitted)
        return EventState(state.event_id, 1 if _publishable(event, sources) else 0, sources, event, omitted)
    event = resolve(state.event_id, state.revision + 1, sources, now, window, state.published, omitted)
    return EventState(state.event_id, state.revision + 1, sources, event, omitted)


@dataclass(frozen=True)
class Decision:
    """What a report does: join `state`, open a new event, or nothing, and why."""

    action: Literal["join", "open", "ignore"]
    state: EventState | None = None
    reason: str = ""


def decide(states: list[EventState], source: Source, *, is_launch: bool, retrospective: bool,
           horizon: datetime | None, window: Window) -> Decision:
    """Where a report goes among the open events `states` (oldest first).

    - A retrospective report neither opens nor joins an event: it tells of a launch over.
    - A report that is not a launch report only joins, as a retraction that names the
      actor of a published event ("Japan says object from North Korea was not a missile";
      not "Journal retracts study").
    - A report naming an actor joins the best-fitting published event of that actor;
      else a held event (no actor yet) that it fits, that is corroborated by a fact it
      states (`corroborates`), and that was first reported within `hour_tolerance_s`:
      the unattributed flash before the attributed ones. A launch never joins a held
      event about something else (the feature story about a class of weapon).
    - A report naming no actor joins the one published event it fits and corroborates
      (several: it joins none, joining either could merge two launches), else the
      best-fitting held event it corroborates, else opens a held event.
    - A retraction opens nothing, and a report older than `horizon` (the oldest moment an
      open event can still be fed) neither: its launch's event, if any, is closed.
    """
    if retrospective:
        return Decision("ignore", reason="retrospective")
    published: list[EventState] = []
    held: list[EventState] = []
    for state in states:
        if any(s.same_article(source) for s in state.sources):
            return Decision("join", state, reason="edited")
        (held if state.revision == 0 else published).append(state)
    actor = source.fields.actor
    if not is_launch:
        named = actors_named(source.title) | ({actor} if actor else set())
        if source.walk_back != "retraction" or not named:
            return Decision("ignore", reason="not_a_launch_report")
        fitting = [s for s in candidates(published, source, window) if s.published.actor in named]
        if fitting:
            return Decision("join", fitting[0], reason="retraction")
        return Decision("ignore", reason="walk_back_without_event")
    if actor is not None:
        fitting = candidates(published, source, window)
        if fitting:
            return Decision("join", fitting[0], reason="compatible")
        limit = timedelta(seconds=window.hour_tolerance_s)
        adoptable = [s for s in candidates(held, source, window)
                     if corroborates(s, source, window) and source.reported_at - s.first_reported_at <= limit]
        if adoptable:
            return Decision("join", adoptable[0], reason="names_the_actor")
    else:
        fitting = [s for s in candidates(published, source, window) if corroborates(s, source, window)]
        if len(fitting) > 1:
            # Joining either could merge two launches; opening a third would alert twice.
            return Decision("ignore", reason="actor_unknown_and_ambiguous")
        if fitting:
            return Decision("join", fitting[0], reason="corroborated")
        fitting = [s for s in candidates(held, source, window) if corroborates(s, source, window)]
        if fitting:
            return Decision("join", fitting[0], reason="held")
    if source.walk_back == "retraction":
        return Decision("ignore", reason="walk_back_without_event")
    if horizon is not None and source.reported_at < horizon:
        return Decision("ignore", reason="older_than_open_events")
    return Decision("open", reason="no_compatible_event")


def reaches_clusterer(report: LaunchReport, min_confidence: float) -> bool:
    """Which reports the classify stage hands to `Clusterer.add`: launch reports at or above
    `[classify] min_confidence`, and reports whose title retracts a launch and names an
    actor ("Japan says object from North Korea was not a missile": a retraction may not
    read as a launch report itself). Other walk-back wording in a report that is not a
    launch report ("GDP revised", "journal retracts study") counts for nothing."""
    if report.is_launch:
        return report.confidence >= min_confidence
    return walk_back(report.title) == "retraction" and bool(report.fields.actor or actors_named(report.title))
