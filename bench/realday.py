"""A real day of news through `launchwatch run`: the alerts a duty officer would have had.

    LAUNCHWATCH_SHARED_DATA=/path/to/shared/data python bench/realday.py DAY [--speed 1000 --interval 0.5]
    LAUNCHWATCH_SHARED_DATA=/path/to/shared/data python bench/realday.py --all

DAY is one of the archived days in `$LAUNCHWATCH_SHARED_DATA/days/` (e.g. 2023-02-18). The
bench serves the day's items from local feeds on 127.0.0.1 (one RSS feed per source URL),
each item appearing in its feed at its real publication time, compressed `--speed` times
(1000: a day in 86 s). It runs `launchwatch run` as a subprocess in a temporary directory,
configured with those feeds (`allow_private_networks = true`), polled every `--interval`
seconds (0.5: one poll per 500 s of the day), and one webhook subscription to a local
receiver, and collects what the receiver is sent. Then it prints the day:

- per launch the day is known for (the table in the days' README, kept in `LISTED`): how
  many of the day's items the labels give as its launcher's launch (`named by`; with
  none, no report of the day says who fired it, and an alert, which needs its launcher,
  cannot come), the events its reports were grouped into, the alerts and updates sent, and the time from
  its first report to the alert: on the day's clock up to the report that completed the
  alerted revision (`alert came with`, 0 when the first report alerted), plus the time
  measured from serving that report to the receiver getting the alert; the wait for the
  next poll, which the compressed clock would magnify (interval x speed), is left out;
- every other alert, judged with the labels in `labels/days.jsonl` (by link): false when
  every source it names is labelled not_launch, a launch when one is labelled launch,
  unjudged otherwise.

`--all` runs the 18 days one after another and ends with the summary table: days with no
false alert, listed launches alerted exactly once (one event, one alert), updates per
launch. `--in-process` runs the classifier, the clusterer and the subscription's decisions
in this process instead (no HTTP, no subprocess, items in publication order): seconds per
day, what `tests/integration/test_events_realday.py` does.

`--held-out-days` (with `--in-process`; needs the `train` or `test` extra) classifies each
day with a model that never saw it: the 18 days fall in three day groups as in the
classifier's frozen split (services/classify/training/dataset.py), and a day is read by
the model's heads trained again without any labelled item of its group (every outlet,
plus the dev set and the policy cases), with the shipped model's calibration and
operating thresholds. What stays tuned with these days in view: the rules and the
thresholds (chosen on the development cells, which hold items of every day), and the
clustering and follow-up rules.

Items are referred to by link only; their texts stay in the shared data.

Two settings differ from a deployment's, because the day is replayed years later:
`[events] stale_after_s` and the subscription's `freshness_window_s` are ten years (the
rules themselves read the items' real publication times, so the day's time rules hold).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import Context, Section, Table  # noqa: E402
from schemas import FeedItem, LaunchEvent  # noqa: E402
from services.ingest.identity import item_id_for  # noqa: E402
from services.ingest.text import html_to_text  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
LABELS = REPO / "labels" / "days.jsonl"
TEN_YEARS_S = 10 * 365 * 86400.0
FEED_WINDOW = 50  # entries a feed lists, newest first, like most real feeds


@dataclass(frozen=True)
class Listed:
    """A launch the days' README lists for a day: what a duty officer should get once.
    `actor` is the launching actor as the labels spell it."""

    name: str
    actor: str


LISTED: dict[str, tuple[Listed, ...]] = {
    "2023-02-18": (Listed("North Korea ICBM (Hwasong-15)", "PRK"),),
    "2023-02-20": (Listed("North Korea SRBMs (600 mm)", "PRK"),),
    "2023-03-09": (Listed("North Korea CRBMs", "PRK"), Listed("Russia mass strike (Kinzhal)", "RUS")),
    "2023-03-14": (Listed("North Korea SRBMs", "PRK"), Listed("Russia strikes (Kramatorsk)", "RUS")),
    "2023-03-19": (Listed("North Korea SRBM", "PRK"),),
    "2023-03-27": (Listed("North Korea SRBMs", "PRK"), Listed("Russia strike on Sloviansk", "RUS")),
    "2023-04-25": (Listed("Russia strike on Kupiansk", "RUS"),),
    "2023-05-16": (Listed("Russia attack on Kyiv (Kinzhal)", "RUS"),),
    "2023-05-25": (Listed("Iran Khorramshahr-4 test", "IRN"),),
    "2023-05-31": (Listed("North Korea Chollima-1 (failed)", "PRK"),),
    "2023-07-19": (Listed("North Korea SRBMs", "PRK"), Listed("Russia strikes on Odesa", "RUS")),
    "2023-07-24": (Listed("North Korea SRBMs", "PRK"),),
    "2023-08-30": (Listed("North Korea SRBMs", "PRK"),),
    "2023-09-13": (Listed("North Korea SRBMs", "PRK"), Listed("Ukraine strike on Sevastopol", "UKR")),
    "2023-09-20": (),
    "2023-10-31": (Listed("Houthi missiles at Israel", "Houthis"), Listed("Rockets from Gaza", "Hamas")),
    "2023-11-08": (Listed("Russian missile hits a ship (Odesa)", "RUS"), Listed("Rockets from Gaza", "Hamas")),
    "2023-12-29": (Listed("Russia's largest air attack", "RUS"),),
}


# --- the day's items -----------------------------------------------------------------


@dataclass(frozen=True)
class DayItem:
    """One archived entry: the feed it came from and what a feed reader saw."""

    source: str
    title: str
    summary: str
    link: str
    published: datetime
    language: str | None


def shared_data() -> Path:
    """`$LAUNCHWATCH_SHARED_DATA`; exits with status 2 and a one-line message when unset."""
    value = os.environ.get("LAUNCHWATCH_SHARED_DATA")
    if not value or not (Path(value) / "days").is_dir():
        print(f"realday: set LAUNCHWATCH_SHARED_DATA to the shared data folder (with days/), got {value!r}",
              file=sys.stderr)
        sys.exit(2)
    return Path(value)


def days_available(root: Path) -> list[str]:
    return sorted(p.name.removesuffix(".jsonl.gz") for p in (root / "days").glob("*.jsonl.gz"))


def load_day(root: Path, day: str) -> list[DayItem]:
    """The day's entries in publication order. Raises FileNotFoundError for an unknown day."""
    path = root / "days" / f"{day}.jsonl.gz"
    items = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            published = datetime.fromisoformat(row["published"]).astimezone(timezone.utc)
            items.append(DayItem(row["source"], row["title"] or "", row["summary"] or "", row["link"],
                                 published, row.get("language")))
    items.sort(key=lambda i: (i.published, i.link))
    return items


def load_labels(path: Path = LABELS) -> dict[str, dict]:
    """The labelled items of the days, by link."""
    with path.open(encoding="utf-8") as lines:
        return {row["link"]: row for row in map(json.loads, lines)}


def feed_name(url: str) -> str:
    """A feed's name: its outlet's domain, then the path ("bbci.co.uk (/news/rss.xml)"), so
    that one outlet's several feeds count as one outlet."""
    parts = urlsplit(url)
    labels = parts.hostname.split(".") if parts.hostname else ["unknown"]
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in ("co", "com", "org", "net", "gov") else 2
    domain = ".".join(labels[-keep:])
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return f"{domain} ({path or '/'})"


def feed_items(items: Iterable[DayItem], seen_after_s: float = 60.0) -> list[FeedItem]:
    """The entries as ingest would publish them (ids from the feed URL and link, text as
    the feed parser gives it), first seen `seen_after_s` after publication."""
    return [FeedItem(item_id=item_id_for(i.source, i.link, i.link, i.title), feed=feed_name(i.source),
                     feed_url=i.source, url=i.link, title=html_to_text(i.title), summary=html_to_text(i.summary),
                     lang=i.language, published_at=i.published,
                     first_seen_at=i.published + timedelta(seconds=seen_after_s), source_kind="news")
            for i in items]


# --- what the duty officer got, judged ------------------------------------------------


@dataclass(frozen=True)
class Post:
    """An alert or update the subscriber got, at a moment of the day (and, through
    `launchwatch run`, the monotonic clock reading when the receiver got it)."""

    kind: str  # alert | update
    event: LaunchEvent
    at: datetime
    received_s: float | None = None


@dataclass
class LaunchOutcome:
    listed: Listed
    # The day's items labelled a launch by this launcher: 0 when no report in the day's
    # feeds names who fired it, which no alert can then tell.
    named_reports: int = 0
    events: list[str] = field(default_factory=list)
    alerts: int = 0
    updates: int = 0
    first_report_at: datetime | None = None
    alerted_at: datetime | None = None
    alert_report_at: datetime | None = None  # newest report in the alerted revision
    # Through `launchwatch run` (monotonic seconds from the feed site and the receiver): the
    # report of the alerted revision that was served last, i.e. the one that completed it,
    # and the time from serving it to the receiver getting the alert.
    trigger_url: str | None = None
    trigger_published_at: datetime | None = None
    trigger_to_alert_s: float | None = None
    first_served_to_alert_s: float | None = None  # from the first report served, replay clock

    @property
    def alerted_once(self) -> bool:
        return self.alerts == 1 and len(self.events) == 1

    @property
    def first_report_to_alert_s(self) -> float | None:
        """Seconds from the first report appearing in its feed to the alert, on the day's
        clock, without the wait for the next poll: the day-time from the first report to
        the report that completed the alerted revision, plus the measured time from serving
        that report to the alert. In process (no serving), the day-time from the first
        report to the moment the alert was decided. None when not alerted."""
        if self.first_report_at is None or self.alerted_at is None:
            return None
        if self.trigger_published_at is not None and self.trigger_to_alert_s is not None:
            waited_s = max(0.0, (self.trigger_published_at - self.first_report_at).total_seconds())
            return waited_s + self.trigger_to_alert_s
        return (self.alerted_at - self.first_report_at).total_seconds()


@dataclass
class DayOutcome:
    day: str
    items: int
    launches: list[LaunchOutcome]
    other: list[tuple[Post, str]]  # alerts of no listed launch, with their verdict
    events_published: int
    wall_s: float = 0.0

    @property
    def false_alerts(self) -> int:
        return sum(1 for _, verdict in self.other if verdict == "false")

    @property
    def unjudged_alerts(self) -> int:
        return sum(1 for _, verdict in self.other if verdict == "unjudged")


def verdict(event: LaunchEvent, labels: dict[str, dict]) -> str:
    """"launch" when a source is labelled launch, "false" when every source is labelled
    not_launch, else "unjudged"."""
    found = [labels[s.url]["label"] for s in event.sources if s.url in labels]
    if "launch" in found:
        return "launch"
    if found and len(found) == len(event.sources):
        return "false"
    return "unjudged"


def true_actor(event: LaunchEvent, labels: dict[str, dict]) -> str | None:
    """The actor the labels give the event's launch reports (most of them), else the
    event's own; None when no source is labelled a launch."""
    actors = [(labels[s.url].get("fields") or {}).get("actor") for s in event.sources
              if s.url in labels and labels[s.url]["label"] == "launch"]
    if not actors:
        return None
    counted = Counter(a for a in actors if a)
    return counted.most_common(1)[0][0] if counted else event.actor


def judge(day: str, items: int, posts: list[Post], events: dict[str, LaunchEvent],
          labels: dict[str, dict], served_s: dict[str, float] | None = None) -> DayOutcome:
    """Match the day's published events to its listed launches and judge every alert.

    `events` holds the last published revision of every event (the sources of all its
    revisions decide which launch it was); `posts` what the subscriber got, in order;
    `served_s`, when the day went through a feed site, the monotonic time each item (by
    link) was first served, which gives each alerted launch its serving-to-alert times.
    """
    named = Counter((label.get("fields") or {}).get("actor") for label in labels.values()
                    if label.get("day") == day and label["label"] == "launch")
    launches = {listed.actor: LaunchOutcome(listed, named[listed.actor]) for listed in LISTED.get(day, ())}
    launch_of: dict[str, LaunchOutcome] = {}
    for event_id, event in events.items():
        outcome = launches.get(true_actor(event, labels) or "")
        if outcome is None:
            continue
        launch_of[event_id] = outcome
        outcome.events.append(event_id)
        # The earliest report as the day served it: an event's `first_reported_at` passes
        # over a report stamped hours before a stated launch time, which was served then.
        served_first = min([event.first_reported_at, *(s.published_at for s in event.sources if s.published_at)])
        if outcome.first_report_at is None or served_first < outcome.first_report_at:
            outcome.first_report_at = served_first
    other: list[tuple[Post, str]] = []
    for post in posts:
        outcome = launch_of.get(post.event.event_id)
        judged = verdict(post.event, labels)
        if outcome is None or (post.kind == "alert" and judged == "false"):
            if post.kind == "alert":
                other.append((post, judged))
            continue
        if post.kind == "alert":
            outcome.alerts += 1
            if outcome.alerted_at is None:
                outcome.alerted_at = post.at
                outcome.alert_report_at = max(s.published_at for s in post.event.sources if s.published_at)
                if served_s and post.received_s is not None:
                    _time_alert(outcome, post, served_s, events, launch_of)
        else:
            outcome.updates += 1
    return DayOutcome(day, items, list(launches.values()), other, len(events))


def _time_alert(outcome: LaunchOutcome, post: Post, served_s: dict[str, float], events: dict[str, LaunchEvent],
                launch_of: dict[str, LaunchOutcome]) -> None:
    """Set the launch's serving-to-alert times from its first alert `post`."""
    sources = [s for s in post.event.sources if s.url in served_s]
    if not sources:
        return
    trigger = max(sources, key=lambda s: served_s[s.url])
    outcome.trigger_url = trigger.url
    outcome.trigger_published_at = trigger.published_at
    outcome.trigger_to_alert_s = post.received_s - served_s[trigger.url]
    launch_urls = [s.url for event_id, event in events.items() if launch_of.get(event_id) is outcome
                   for s in event.sources if s.url in served_s]
    if launch_urls:
        outcome.first_served_to_alert_s = post.received_s - min(served_s[url] for url in launch_urls)


def _minutes(later: datetime | None, earlier: datetime | None) -> str:
    if later is None or earlier is None:
        return "-"
    return f"{(later - earlier).total_seconds() / 60:.0f} min"


def _seconds_as_minutes(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds / 60:.0f} min"


def print_day(outcome: DayOutcome) -> None:
    print(f"\n== {outcome.day}: {outcome.items} items, {outcome.events_published} events published"
          + (f", {outcome.wall_s:.0f} s" if outcome.wall_s else "") + " ==")
    if outcome.launches:
        print(f"{'listed launch':<38} {'named by':>8} {'events':>6} {'alerts':>6} {'updates':>7}"
              f" {'first report -> alert':>21} {'alert came with':>15}")
    for launch in outcome.launches:
        print(f"{launch.listed.name:<38} {launch.named_reports:>8} {len(launch.events):>6} {launch.alerts:>6} {launch.updates:>7} "
              f"{_seconds_as_minutes(launch.first_report_to_alert_s):>21} "
              f"{_minutes(launch.alert_report_at, launch.first_report_at):>15}")
    if not outcome.launches:
        print("no launch listed for this day")
    for post, judged in outcome.other:
        e = post.event
        print(f"other alert at {post.at:%H:%M}: {judged:<8} actor={e.actor} kind={e.kind} status={e.status} "
              f"sources={len(e.sources) + e.sources_omitted} first={e.sources[0].url if e.sources else '-'}")


def print_summary(outcomes: list[DayOutcome]) -> None:
    launches = [launch for o in outcomes for launch in o.launches]
    clean = [o for o in outcomes if o.false_alerts == 0]
    once = [launch for launch in launches if launch.alerted_once]
    delays = [launch.first_report_to_alert_s / 60 for launch in launches
              if launch.first_report_to_alert_s is not None]
    print("\n| day | listed launches | alerted once | split (events) | missed | of them named by no report | updates"
          " | false alerts | unjudged | other launch alerts |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for o in outcomes:
        split = sum(1 for launch in o.launches if len(launch.events) > 1)
        missed = sum(1 for launch in o.launches if launch.alerts == 0)
        unnamed = sum(1 for launch in o.launches if launch.alerts == 0 and launch.named_reports == 0)
        updates = ", ".join(str(launch.updates) for launch in o.launches) or "-"
        others = sum(1 for _, judged in o.other if judged == "launch")
        print(f"| {o.day} | {len(o.launches)} | {sum(launch.alerted_once for launch in o.launches)} | {split} |"
              f" {missed} | {unnamed} | {updates} | {o.false_alerts} | {o.unjudged_alerts} | {others} |")
    print(f"\ndays with no false alert: {len(clean)}/{len(outcomes)}; listed launches alerted once "
          f"(one event, one alert): {len(once)}/{len(launches)} (named by a report of the day: "
          f"{sum(1 for launch in launches if launch.named_reports)}); with at most 3 updates: "
          f"{sum(1 for launch in launches if launch.updates <= 3)}/{len(launches)}; first report -> alert: median "
          f"{statistics.median(delays) if delays else float('nan'):.0f} min")


# --- in process -----------------------------------------------------------------------


def held_out_day_models(days: Iterable[str]) -> dict[str, object]:
    """For each day, the classifier model trained without any labelled item of its day
    group (see the module docstring), with the shipped calibration and thresholds."""
    from dataclasses import replace

    from services.classify import model
    from services.classify.training.dataset import load_cases, load_days, load_dev, make_split
    from services.classify.training.train import features_of, fit, headline_copy

    shipped = model.shipped()
    labelled = load_days()
    split = make_split(labelled)
    everything = labelled + load_dev() + load_cases()
    groups = {split.day_group[day] for day in days if day in split.day_group}
    vectors = {e.key: features_of(e) for e in everything}
    vectors.update({h.key: features_of(h) for h in map(headline_copy, everything)})
    by_group = {}
    for group in sorted(groups):
        trained = fit([e for e in everything if e.day is None or split.day_group[e.day] != group], vectors)
        by_group[group] = model.LaunchModel(
            replace(trained.launch, platt=shipped.launch.platt), trained.actor, trained.kind,
            {name: shipped.meta[name] for name in ("launch_threshold", "headline_threshold")},
            replace(trained.headline, platt=shipped.headline.platt))
    return {day: by_group[split.day_group[day]] for day in days if day in split.day_group}


def replay_in_process(items: list[DayItem], *, min_confidence: float = 0.5,
                      subscription_min_confidence: float = 0.6,
                      launch_model: object | None = None) -> tuple[list[Post], dict[str, LaunchEvent]]:
    """The day through the classifier, the clusterer and one subscription's decisions, in
    publication order, in this process: what the subscriber got, and every published
    event's last revision. `launch_model` replaces the shipped classifier model."""
    from services.demo.replay import replay
    from services.events.clusterer import Clusterer
    from services.notify.settings import SubscriptionSettings

    day_items = feed_items(items)
    clock = {"now": day_items[0].first_seen_at if day_items else datetime.now(timezone.utc)}

    def now(item: FeedItem) -> datetime:
        clock["now"] = item.first_seen_at
        return item.first_seen_at

    sub = SubscriptionSettings(name="duty", channel="console", min_confidence=subscription_min_confidence)
    clusterer = Clusterer(sqlite3.connect(":memory:", isolation_level=None), lambda: clock["now"])
    outcome = replay([(item, None) for item in day_items], clusterer, sub, min_confidence=min_confidence, now=now,
                     launch_model=launch_model)
    seen_at = {item.item_id: item.first_seen_at for item in day_items}
    revisions = {(e.event_id, e.revision): e for e in outcome.revisions}
    posts = [Post(d.kind, revisions[(d.event_id, d.revision)], seen_at[d.item_id]) for d in outcome.deliveries]
    return posts, outcome.latest()


# --- through launchwatch run ------------------------------------------------------------


def render_rss(name: str, items: list[DayItem]) -> bytes:
    """An RSS 2.0 document listing `items` (newest first)."""
    entries = "".join(
        "<item>"
        f"<title>{escape(i.title)}</title><link>{escape(i.link)}</link>"
        f"<guid>{escape(i.link)}</guid>"
        f"<pubDate>{format_datetime(i.published, usegmt=True)}</pubDate>"
        f"<description>{escape(i.summary)}</description>"
        "</item>" for i in reversed(items))
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>{escape(name)}</title><link>http://127.0.0.1/</link><description>{escape(name)}</description>"
            f"{entries}</channel></rss>").encode()


class DaySite:
    """The day's feeds and the webhook receiver on one local server.

    The day's clock starts with the first feed request (when `launchwatch run` is up) at
    the first item's publication time, and runs `speed` times faster than real time.
    """

    def __init__(self, items: list[DayItem], speed: float) -> None:
        self.speed = speed
        self.start_at = min(i.published for i in items)
        self.end_at = max(i.published for i in items)
        self.by_feed: dict[str, list[DayItem]] = defaultdict(list)
        for item in items:
            self.by_feed[item.source].append(item)
        self.paths = {source: f"/feeds/{n}.xml" for n, source in enumerate(sorted(self.by_feed))}
        self._feed_of_path = {path: source for source, path in self.paths.items()}
        self.started: float | None = None
        self.served_s: dict[str, float] = {}  # link -> monotonic time of the first document listing it
        self.received: list[tuple[float, dict]] = []
        self._delivery_ids: set[str] = set()
        self.requests = 0

    def now(self) -> datetime:
        """The moment of the day the feeds are at."""
        if self.started is None:
            return self.start_at
        return self.start_at + timedelta(seconds=(time.monotonic() - self.started) * self.speed)

    def day_time(self, monotonic_s: float) -> datetime:
        assert self.started is not None
        return self.start_at + timedelta(seconds=(monotonic_s - self.started) * self.speed)

    def app(self):
        from aiohttp import web

        async def feed(request: web.Request) -> web.StreamResponse:
            source = self._feed_of_path.get(request.path)
            if source is None:
                raise web.HTTPNotFound()
            if self.started is None:
                self.started = time.monotonic()
            self.requests += 1
            now = self.now()
            out = [i for i in self.by_feed[source] if i.published <= now][-FEED_WINDOW:]
            etag = '"' + hashlib.sha256(f"{source}:{len(out)}:{out[-1].link if out else ''}".encode()).hexdigest()[
                :16] + '"'
            if request.headers.get("If-None-Match") == etag:
                return web.Response(status=304, headers={"ETag": etag})
            served = time.monotonic()
            for item in out:
                self.served_s.setdefault(item.link, served)
            response = web.Response(body=render_rss(feed_name(source), out), content_type="application/rss+xml",
                                    charset="utf-8", headers={"ETag": etag})
            response.enable_compression()
            return response

        async def hook(request: web.Request) -> web.Response:
            body = await request.json()
            if body["delivery_id"] not in self._delivery_ids:
                self._delivery_ids.add(body["delivery_id"])
                self.received.append((time.monotonic(), body))
            return web.Response(status=204)

        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_get("/feeds/{n}.xml", feed)
        app.router.add_post("/hook", hook)
        return app


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value)  # a TOML basic string: the same escapes


def write_config(path: Path, base_url: str, site: DaySite, interval_s: float) -> None:
    """The run's configuration: the local feeds, the webhook, time rules for a replay."""
    languages: dict[str, Counter] = defaultdict(Counter)
    for source, items in site.by_feed.items():
        languages[source].update(i.language for i in items if i.language)
    sections = {
        "bus": {"kind": "memory"},
        "state": {"path": str(path.parent / "state.db")},
        "log": {"level": "info"},
        "run": {"shutdown_grace_s": 5.0},
        "ingest": {"allow_private_networks": True, "use_default_catalogue": False, "min_interval_s": interval_s,
                   "adaptive_schedule": False, "jitter_ratio": 0.0, "concurrency": 64, "per_host_concurrency": 64,
                   "per_host_spacing_s": 0.0, "max_entries_per_feed": FEED_WINDOW},
        "events": {"stale_after_s": TEN_YEARS_S},
        # The webhook receiver is on loopback; deliveries kept past the subscription's ten years.
        "notify": {"allowed_networks": ["127.0.0.1/32"], "ledger_retention_days": TEN_YEARS_S / 86400 + 1},
        "http": {"listen": "127.0.0.1:0"},
    }
    lines = []
    for name, keys in sections.items():
        lines.append(f"[{name}]")
        lines += [f"{key} = {_toml(value)}" for key, value in keys.items()]
    names: Counter = Counter()
    for source, feed_path in site.paths.items():
        name = feed_name(source)
        names[name] += 1
        if names[name] > 1:  # two feeds of one outlet with one path (sub-domains): names must be unique
            name = f"{name} #{names[name]}"
        lines += ["[[feeds]]", f"url = {_toml(base_url + feed_path)}", f"name = {_toml(name)}",
                  f"interval_s = {_toml(interval_s)}", 'kind = "news"']
        if languages[source]:
            lines.append(f"lang = {_toml(languages[source].most_common(1)[0][0])}")
    lines += ["[[subscriptions]]", 'name = "duty-officer"', 'channel = "webhook"', f"url = {_toml(base_url + '/hook')}",
              f"freshness_window_s = {_toml(TEN_YEARS_S)}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _command() -> list[str]:
    script = Path(sys.executable).with_name("launchwatch")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "services.cli"]


def published_events(state_path: Path) -> dict[str, LaunchEvent]:
    """The last published revision of every event in a stopped run's state file."""
    db = sqlite3.connect(state_path)
    try:
        rows = db.execute("SELECT state, published FROM cluster_events").fetchall()
    finally:
        db.close()
    events = {}
    for state, published in rows:
        if json.loads(state)["revision"] >= 1:
            event = LaunchEvent.model_validate_json(published)
            events[event.event_id] = event
    return events


@dataclass
class DayRun:
    """What one day through `launchwatch run` gave: the webhook's posts (in order), every
    published event's last revision, and when each item (by link) was first served."""

    posts: list[Post]
    events: dict[str, LaunchEvent]
    served_s: dict[str, float]


def metrics_url(log_path: Path) -> str:
    """The run's /metrics URL, from the address its `http_listening` log line names.
    Raises RuntimeError when the log has no such line."""
    for line in log_path.read_text(errors="replace").splitlines():
        if '"http_listening"' in line:
            return f"http://{json.loads(line)['address']}/metrics"
    raise RuntimeError("launchwatch run logged no http_listening line")


def _handled(text: str) -> tuple[float, float, float]:
    """(items published, items handled by classify, records handled by every stage) from a
    Prometheus text page."""
    from prometheus_client.parser import text_string_to_metric_families

    published = items_handled = handled = 0.0
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "launchwatch_items_published_total":
                published += sample.value
            elif sample.name == "launchwatch_messages_handled_total":
                handled += sample.value
                if sample.labels.get("topic", "").endswith("items"):
                    items_handled += sample.value
    return published, items_handled, handled


async def wait_drained(url: str, site: DaySite, check: Callable[[], None], quiet_s: float = 1.0) -> None:
    """Wait until the run has handled every item it published and, for `quiet_s`, neither
    handled another record nor sent the receiver anything. `check` raises to give up."""
    import aiohttp

    last: tuple[float, float, float] | None = None
    async with aiohttp.ClientSession() as http:
        while True:
            check()
            async with http.get(url) as response:
                now = _handled(await response.text())
            quiet = not site.received or time.monotonic() - site.received[-1][0] >= quiet_s
            if now == last and now[0] == now[1] and quiet:
                return
            last = now
            await asyncio.sleep(quiet_s)


async def run_day(items: list[DayItem], *, speed: float, interval_s: float, timeout_s: float = 600.0,
                  keep: Path | None = None) -> DayRun:
    """Serve the day, run `launchwatch run` against it until the day is over and the last
    polls are handled, stop it with SIGTERM. Returns what the webhook got, every
    published event's last revision and the serving times; with `keep`, the run's config,
    logs and state file are copied into that folder. Raises RuntimeError when the run fails."""
    from aiohttp import web

    site = DaySite(items, speed)
    runner = web.AppRunner(site.app(), access_log=None)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    base_url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAUNCHWATCH_")}
    try:
        with tempfile.TemporaryDirectory(prefix="launchwatch-realday-") as tmp:
            config = Path(tmp) / "launchwatch.toml"
            write_config(config, base_url, site, interval_s)
            with open(Path(tmp) / "stdout.log", "wb") as out, open(Path(tmp) / "stderr.log", "wb") as err:
                proc = await asyncio.create_subprocess_exec(
                    *_command(), "run", "--config", str(config), "--log-format", "json",
                    cwd=tmp, env=env, stdout=out, stderr=err)
                deadline = time.monotonic() + timeout_s

                def check() -> None:
                    if proc.returncode is not None:
                        raise RuntimeError(f"launchwatch run exited with {proc.returncode}: "
                                           + (Path(tmp) / "stderr.log").read_text(errors="replace")[-2000:])
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"the day did not end within {timeout_s:.0f} s")

                try:
                    settle_s = 3 * interval_s + 3.0
                    while site.started is None or site.now() < site.end_at + timedelta(seconds=settle_s * speed):
                        check()
                        await asyncio.sleep(0.2)
                    # A run slower than the day's clock (a busy machine) still has items in hand:
                    # stopping it now would count their launches as missed.
                    await wait_drained(metrics_url(Path(tmp) / "stdout.log"), site, check)
                finally:
                    if proc.returncode is None:
                        proc.send_signal(signal.SIGTERM)
                        try:
                            await asyncio.wait_for(proc.wait(), 30)
                        except asyncio.TimeoutError:
                            proc.kill()
                            await proc.wait()
            events = published_events(Path(tmp) / "state.db")
            if keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                for name in ("launchwatch.toml", "stdout.log", "stderr.log", "state.db"):
                    shutil.copy(Path(tmp) / name, keep / name)
    finally:
        await runner.cleanup()
    posts = [Post(body["kind"], LaunchEvent.model_validate(body["event"]), site.day_time(at), received_s=at)
             for at, body in site.received]
    return DayRun(posts, events, site.served_s)


# --- the report section -----------------------------------------------------------------

# The day's clock runs SPEED times faster than real time and every feed is polled every
# INTERVAL_S seconds: one poll per 500 s of the day. Faster clocks (2000 x 0.25 s polls the
# same 500 s) change which items of different feeds reach the clusterer first, and with
# them some events (see docs/benchmarks-ingest.md), so the replay keeps this pace.
SPEED = 1000.0
INTERVAL_S = 0.5
QUICK_DAY = "2023-03-19"  # the shortest day with a listed launch
QUICK_HOURS = (1, 4)  # of it, 01:00-04:00 UTC: the launch (02:05 UTC) and its first reports


def day_slice(items: list[DayItem], hours: tuple[int, int]) -> list[DayItem]:
    """The items published within `hours` (from, to) of their day (UTC)."""
    if not items:
        return items
    midnight = items[0].published.replace(hour=0, minute=0, second=0, microsecond=0)
    start, end = (midnight + timedelta(hours=h) for h in hours)
    return [i for i in items if start <= i.published < end]


def replay_days(root: Path, days: Iterable[str], *, speed: float = SPEED, interval_s: float = INTERVAL_S,
                hours: tuple[int, int] | None = None, timeout_s: float = 900.0) -> tuple[list[DayOutcome], list[str]]:
    """Each day (or its `hours`) through `launchwatch run`, judged: the outcomes, and one
    line per day that failed (the others still run)."""
    labels = load_labels()
    outcomes, failures = [], []
    for day in days:
        items = load_day(root, day)
        if hours is not None:
            items = day_slice(items, hours)
        started = time.monotonic()
        try:
            run = asyncio.run(run_day(items, speed=speed, interval_s=interval_s, timeout_s=timeout_s))
        except RuntimeError as exc:
            failures.append(f"{day}: {exc}")
            continue
        outcome = judge(day, len(items), run.posts, run.events, labels, run.served_s)
        outcome.wall_s = time.monotonic() - started
        outcomes.append(outcome)
    return outcomes, failures


def _clock(at: datetime | None) -> str:
    return "-" if at is None else f"{at:%H:%M}"


def launch_rows(outcomes: list[DayOutcome]) -> list[dict]:
    """One record per listed launch of the days, plain JSON values."""
    rows = []
    for o in outcomes:
        for launch in o.launches:
            first_to_alert = launch.first_report_to_alert_s
            waited = (None if launch.trigger_published_at is None or launch.first_report_at is None else
                      max(0.0, (launch.trigger_published_at - launch.first_report_at).total_seconds()))
            rows.append({
                "day": o.day, "launch": launch.listed.name, "actor": launch.listed.actor,
                "named_by_reports": launch.named_reports,
                "alerted": launch.alerts > 0, "events": len(launch.events), "alerts": launch.alerts,
                "updates": launch.updates,
                "first_report_at": launch.first_report_at.isoformat() if launch.first_report_at else None,
                "alert_report_waited_s": None if waited is None else round(waited, 1),
                "alert_report_served_to_alert_s": (None if launch.trigger_to_alert_s is None
                                                   else round(launch.trigger_to_alert_s, 3)),
                "first_report_to_alert_s": None if first_to_alert is None else round(first_to_alert, 1),
                "first_served_to_alert_replay_s": (None if launch.first_served_to_alert_s is None
                                                   else round(launch.first_served_to_alert_s, 2)),
            })
    return rows


def plot_delays(rows: list[dict], path: Path) -> Path:
    """The distribution of first report -> alert (minutes, day's clock) over the alerted
    launches, and of the pipeline's part (report served -> alert, seconds)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    alerted = [r for r in rows if r["first_report_to_alert_s"] is not None]
    minutes = sorted(r["first_report_to_alert_s"] / 60 for r in alerted)
    pipeline = sorted(r["alert_report_served_to_alert_s"] for r in alerted
                      if r["alert_report_served_to_alert_s"] is not None)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    if minutes:
        left.step(minutes, [(i + 1) / len(minutes) for i in range(len(minutes))], where="post")
        left.plot(minutes, [(i + 1) / len(minutes) for i in range(len(minutes))], "o", ms=4)
    left.set_xlabel("first report served -> alert (minutes of the day)")
    left.set_ylabel("share of alerted launches")
    left.set_ylim(0, 1.05)
    left.set_xscale("symlog", linthresh=1)
    left.grid(alpha=0.3)
    if pipeline:
        right.hist(pipeline, bins=min(20, max(5, len(pipeline))))
    right.set_xlabel("alerting report served -> webhook got the alert (s)")
    right.set_ylabel("launches")
    right.grid(alpha=0.3)
    missed = sum(1 for r in rows if not r["alerted"])
    fig.suptitle(f"{len(alerted)} launches alerted, {missed} missed")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _fmt(value: float | None, scale: float = 1.0, digits: int = 1) -> str:
    return "-" if value is None else f"{value / scale:.{digits}f}"


def realday_section(out: Path, root: Path, days: list[str], *, hours: tuple[int, int] | None = None,
                    speed: float = SPEED, interval_s: float = INTERVAL_S, command: str = "") -> Section:
    """Replay `days` (or their `hours`) through `launchwatch run` and make the report's section."""
    outcomes, failures = replay_days(root, days, speed=speed, interval_s=interval_s, hours=hours)
    rows = launch_rows(outcomes)
    launches = Table(
        "Per listed launch",
        ["day", "launch", "named by reports", "alerted", "events", "alerts", "updates", "first report (UTC)",
         "alerting report came (min after first)", "alerting report served -> alert (s)",
         "first report -> alert (min)"],
        [[r["day"], r["launch"], r["named_by_reports"], "yes" if r["alerted"] else "missed", r["events"], r["alerts"], r["updates"],
          _clock(datetime.fromisoformat(r["first_report_at"])) if r["first_report_at"] else "-",
          _fmt(r["alert_report_waited_s"], 60, 0), _fmt(r["alert_report_served_to_alert_s"], 1, 2),
          _fmt(r["first_report_to_alert_s"], 60, 1)] for r in rows],
        note="named by reports: the day's items labelled a launch by its launcher (labels/days.jsonl); with "
             "none, no report of the day says who fired it, and no alert can. "
             "first report: the earliest report grouped into the launch's events. first report -> alert: "
             "the day's time until the report whose arrival completed the alerted revision appeared, plus "
             "the measured time from serving that report to the webhook getting the alert (the wait for the "
             "next poll, one interval of a deployment, is not in it).")
    days_table = Table(
        "Per day",
        ["day", "items", "listed launches", "alerted once", "missed", "false alerts", "unjudged alerts",
         "other launch alerts", "wall s"],
        [[o.day, o.items, len(o.launches), sum(launch.alerted_once for launch in o.launches),
          sum(1 for launch in o.launches if launch.alerts == 0), o.false_alerts, o.unjudged_alerts,
          sum(1 for _, v in o.other if v == "launch"), round(o.wall_s)] for o in outcomes],
        note="false: an alert none of whose sources is labelled a launch, all of them labelled not_launch "
             "(labels/days.jsonl); unjudged: an alert with unlabelled sources; other launch: a real launch "
             "not on the day's list.")
    alerted = [r["first_report_to_alert_s"] for r in rows if r["first_report_to_alert_s"] is not None]
    notes = [f"{len(alerted)} of {len(rows)} listed launches alerted; first report -> alert median "
             f"{statistics.median(alerted) / 60:.1f} min" if alerted else f"0 of {len(rows)} listed launches alerted"]
    notes += [f"failed: {line}" for line in failures]
    scope = f"hours {hours[0]:02d}-{hours[1]:02d} UTC of " if hours else ""
    return Section(
        key="realday", title="A real day of news, replayed through launchwatch run", command=command,
        intro=(f"{scope}{', '.join(days) if len(days) < 4 else f'{len(days)} archived days'} from "
               "`$LAUNCHWATCH_SHARED_DATA/days/`: a local site serves each source's feed with every item from its "
               f"real publication time, the day's clock {speed:,.0f} times faster than real time; `launchwatch "
               f"run` polls every feed every {interval_s} s (one poll per {speed * interval_s:.0f} s of the "
               "day) and alerts one webhook subscription on the same site. Launches are the days' listed "
               "launches; alerts are judged with `labels/days.jsonl`."),
        tables=[launches, days_table], figures=[plot_delays(rows, out / "realday.png")], notes=notes,
        raw={"days": days, "hours": list(hours) if hours else None, "speed": speed, "interval_s": interval_s,
             "launches": rows, "failures": failures,
             "per_day": [{"day": o.day, "items": o.items, "events_published": o.events_published,
                          "false_alerts": o.false_alerts, "unjudged_alerts": o.unjudged_alerts,
                          "other": [{"at": p.at.isoformat(), "verdict": v, "actor": p.event.actor,
                                     "first_source": p.event.sources[0].url if p.event.sources else None}
                                    for p, v in o.other],
                          "wall_s": round(o.wall_s, 1)} for o in outcomes]})


def section(ctx: Context) -> Section:
    """Every archived day (quick: 01:00-04:00 UTC of 2023-03-19); skipped without the
    shared data."""
    command = ".venv/bin/python -m bench --only realday" + (" --quick" if ctx.quick else "")
    title = "A real day of news, replayed through launchwatch run"
    root = ctx.shared_data
    if root is None or not (root / "days").is_dir():
        return Section(key="realday", title=title, command=command,
                       skipped="LAUNCHWATCH_SHARED_DATA is not set to the shared data folder (with days/)")
    if ctx.quick:
        return realday_section(ctx.out, root, [QUICK_DAY], hours=QUICK_HOURS, command=command)
    return realday_section(ctx.out, root, days_available(root), command=command)


# --- command line -----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("day", nargs="?", help="e.g. 2023-02-18")
    parser.add_argument("--all", action="store_true", help="every day in the shared data, then the summary table")
    parser.add_argument("--speed", type=float, default=SPEED,
                        help=f"times faster than real time (default {SPEED:.0f})")
    parser.add_argument("--interval", type=float, default=INTERVAL_S,
                        help=f"seconds between polls of each feed (default {INTERVAL_S})")
    parser.add_argument("--in-process", action="store_true",
                        help="classifier, clusterer and subscription in this process, no HTTP")
    parser.add_argument("--held-out-days", action="store_true",
                        help="with --in-process: read each day with a model that never saw its day group")
    parser.add_argument("--keep", metavar="DIR", type=Path,
                        help="copy each run's config, logs and state file into DIR/DAY")
    args = parser.parse_args(argv)
    if args.all == bool(args.day):
        parser.error("give one DAY or --all")
    if args.speed <= 0 or args.interval <= 0:
        parser.error("--speed and --interval must be positive")
    if args.held_out_days and not args.in_process:
        parser.error("--held-out-days needs --in-process")
    root = shared_data()
    days = days_available(root) if args.all else [args.day]
    unknown = [d for d in days if not (root / "days" / f"{d}.jsonl.gz").exists()]
    if unknown:
        parser.error(f"no such day {unknown[0]!r}; the days are: {', '.join(days_available(root))}")
    labels = load_labels()
    day_models = held_out_day_models(days) if args.held_out_days else {}
    missing = [d for d in days if args.held_out_days and d not in day_models]
    if missing:
        parser.error(f"no labelled item of day {missing[0]!r}: nothing to hold out")
    outcomes = []
    for day in days:
        items = load_day(root, day)
        started = time.monotonic()
        served_s = None
        if args.in_process:
            posts, events = replay_in_process(items, launch_model=day_models.get(day))
        else:
            try:
                keep = args.keep / day if args.keep else None
                run = asyncio.run(run_day(items, speed=args.speed, interval_s=args.interval, keep=keep))
            except RuntimeError as exc:
                print(f"realday: {day}: {exc}", file=sys.stderr)
                return 1
            posts, events, served_s = run.posts, run.events, run.served_s
        outcome = judge(day, len(items), posts, events, labels, served_s)
        outcome.wall_s = time.monotonic() - started
        print_day(outcome)
        outcomes.append(outcome)
    if len(outcomes) > 1:
        print_summary(outcomes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
