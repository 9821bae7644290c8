"""A day of items through classification, clustering and a subscriber's alert decisions.

    python bench/events_replay.py [--items 3000] [--seed 7] [--bus]

The day: `--items` ordinary items spread over 24 hours (the dev set's real non-launch items
once each when LAUNCHWATCH_SHARED_DATA is set, including its hard negatives, then
synthesised ones), and four launches told by many outlets: the demo's North Korean morning
(23 reports in three languages plus reactions, ending with the next-morning claim), a
North Korean cruise-missile launch the same afternoon, a Houthi missile at Israel and a
Russian strike on Kyiv.

Reported:
- per real launch: events its reports landed in (target 1), first alerts the subscriber
  got (target exactly 1), follow-ups (target at most 2), and follow-ups with news (without
  updates that only fill in a count of 1 where none was known);
- events opened by items that report no launch (false events);
- processing time from an item's arrival to the event revision it causes (p50/p99), for
  first reports (revision 1) and for all revisions, and to the subscriber's first alert.
  In-process by default (report_for + clusterer on a SQLite file + notify's decision and
  ledger); with `--bus`, the real classify and events stages over the in-memory bus, items
  sent one at a time, timed from send to the revision's arrival on launchwatch.events.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from schemas import FeedItem, LaunchEvent  # noqa: E402
from services.events.clusterer import Clusterer  # noqa: E402
from services.demo.feeds import schedule  # noqa: E402
from services.demo.replay import replay  # noqa: E402
from services.notify.settings import SubscriptionSettings  # noqa: E402
from services.runtime.db import connect  # noqa: E402

DAY = datetime(2026, 3, 5, 0, 0, tzinfo=timezone.utc)
DEMO_START = DAY - timedelta(hours=2, minutes=10)  # launch at 06:50 KST

OUTLETS = [("Reuters World", "wire", "en", "Europe/London"), ("AP Top News", "wire", "en", "America/New_York"),
           ("AFP", "wire", "en", "Europe/Paris"), ("BBC World", "news", "en", "Europe/London"),
           ("Guardian World", "news", "en", "Europe/London"), ("Al Jazeera", "news", "en", "Asia/Qatar"),
           ("Times of Israel", "news", "en", "Asia/Jerusalem"), ("Kyiv Independent", "news", "en", "Europe/Kyiv"),
           ("Korea Herald", "news", "en", "Asia/Seoul"), ("Yonhap (EN)", "wire", "en", "Asia/Seoul"),
           ("Yonhap (KO)", "wire", "ko", "Asia/Seoul"), ("NHK", "news", "ja", "Asia/Tokyo"),
           ("Kyodo News", "wire", "en", "Asia/Tokyo"), ("CNN World", "news", "en", "America/New_York")]
KIND = {name: (kind, lang, tz) for name, kind, lang, tz in OUTLETS}

# (minutes after the launch, outlet, title, summary)
CRUISE = [  # North Korea, 15:05 KST the same day
    (6, "Yonhap (KO)", '[속보] 합참 "북한, 서해상으로 순항미사일 수 발 발사"',
     "합동참모본부는 북한이 오후 3시 5분께 서해상으로 순항미사일 수 발을 발사했다고 밝혔다."),
    (8, "Yonhap (EN)", "(URGENT) N. Korea fires several cruise missiles into Yellow Sea: JCS",
     "North Korea fired several cruise missiles into the Yellow Sea at around 3:05 p.m., the JCS said."),
    (15, "Korea Herald", "N. Korea fires cruise missiles hours after ballistic launch",
     "North Korea fired several cruise missiles into the Yellow Sea, the military said."),
    (22, "Reuters World", "North Korea fires cruise missiles off west coast, South Korea says",
     "North Korea fired several cruise missiles off its west coast, South Korea's military said."),
    (30, "Kyodo News", "N. Korea fires cruise missiles toward Yellow Sea: S. Korea",
     "The cruise missiles were fired toward the Yellow Sea, the Joint Chiefs of Staff said."),
    (45, "AP Top News", "North Korea launches cruise missiles in second test of the day",
     "North Korea fired cruise missiles into the sea off its western coast, Seoul's military said."),
]
HOUTHI = [  # 02:40 Israel time
    (3, "Times of Israel", "Missile launched from Yemen toward Israel, IDF says; sirens in central Israel",
     "The Israel Defense Forces said a ballistic missile was launched from Yemen and that interceptors were fired."),
    (6, "Al Jazeera", "Houthis fire ballistic missile at Israel",
     "Yemen's Houthi rebels fired a ballistic missile toward central Israel, the Israeli military said."),
    (9, "Reuters World", "Israel intercepts missile fired from Yemen, military says",
     "The Israeli military said it intercepted a ballistic missile fired from Yemen by the Houthis."),
    (14, "AP Top News", "Yemen's Houthi rebels fire a missile toward Israel",
     "Yemen's Houthi rebels launched a ballistic missile at Israel early Thursday, the Israeli military said."),
    (20, "AFP", "Houthis claim hypersonic missile attack on Israel",
     "The Houthis' military spokesman Yahya Saree said the group fired a hypersonic ballistic missile at Israel."),
    (35, "BBC World", "Houthis fire missile at Israel as sirens sound in Tel Aviv",
     "The Houthis fired a ballistic missile toward Israel, which the IDF said it intercepted."),
    (50, "Guardian World", "Israel says it intercepted Houthi missile",
     "Israel said it intercepted a ballistic missile fired by Yemen's Houthis."),
    (70, "CNN World", "Houthis launch ballistic missile at Israel, prompting sirens",
     "The IDF said a missile launched from Yemen was intercepted."),
]
KYIV = [  # 04:30 Kyiv time
    (10, "Kyiv Independent", "Russia launches massive missile attack on Kyiv",
     "Russia launched cruise and ballistic missiles at Kyiv overnight, the Ukrainian Air Force said."),
    (20, "Reuters World", "Russia fires missiles at Kyiv in overnight attack",
     "Russia fired dozens of missiles at Kyiv overnight, Ukrainian officials said."),
    (35, "AP Top News", "Russia pounds Kyiv with missiles, killing at least three",
     "Russian missiles struck Kyiv overnight, killing at least three people, officials said."),
    (50, "BBC World", "Russia fires 40 missiles at Ukraine, air force says",
     "Russia launched 40 missiles at Ukraine overnight, the Ukrainian Air Force said."),
    (65, "Guardian World", "Russian missile strike on Kyiv kills three",
     "Russia fired cruise missiles at Kyiv, Ukraine's air force said."),
    (80, "AFP", "Russia launches 40 missiles at Ukraine in overnight barrage",
     "Ukraine's air force said Russia fired 40 missiles, 35 of which were shot down."),
    (95, "CNN World", "Russia launches missile barrage on Kyiv",
     "Russia fired dozens of missiles at the Ukrainian capital overnight."),
    (120, "Al Jazeera", "Russia fires dozens of missiles at Ukraine",
     "Russia launched a large missile attack on Kyiv overnight, officials said."),
]
LAUNCHES = {"prk-cruise": (DAY + timedelta(hours=6, minutes=5), CRUISE),
            "houthi": (DAY + timedelta(minutes=40), HOUTHI),
            "kyiv": (DAY + timedelta(hours=2, minutes=30), KYIV)}

SYNTH = ["{city} council approves budget for new {thing}", "{team} beat {team2} to stay top of the league",
         "Stocks in {city} close {updown} as investors weigh {thing} data",
         "Storm warning issued for {city} as heavy rain expected", "{company} to launch new {thing} next month",
         "Minister resigns over {thing} scandal in {city}", "Police investigate fire at {city} {thing}",
         "{company} shares {updown} after quarterly results", "Festival draws record crowds in {city}"]
WORDS = {"city": ["Seoul", "Tokyo", "London", "Paris", "Nairobi", "Lima", "Osaka", "Busan", "Berlin"],
         "thing": ["housing", "rail", "energy", "school", "hospital", "bridge", "smartphone", "port"],
         "team": ["Ulsan", "Kashima", "Arsenal", "Lyon", "Boca"], "team2": ["Jeonbuk", "Urawa", "Chelsea", "Nice"],
         "updown": ["higher", "lower", "mixed"], "company": ["Samsung", "Sony", "Toyota", "Hyundai", "Rakuten"]}


def item(item_id: str, feed: str, title: str, summary: str, published: datetime) -> FeedItem:
    kind, lang, _ = KIND.get(feed, ("news", "en", "UTC"))
    return FeedItem(item_id=item_id, feed=feed, feed_url=f"http://bench/{feed}", title=title, summary=summary,
                    lang=lang, published_at=published, first_seen_at=published + timedelta(seconds=30),
                    source_kind=kind)


def build_day(n_items: int, seed: int) -> tuple[list[tuple[FeedItem, str | None]], dict[str, str]]:
    """The day's items in arrival order, and the launch each launch item belongs to."""
    rng = random.Random(seed)
    truth: dict[str, str] = {}
    out: list[tuple[FeedItem, str | None]] = []
    _, releases = schedule(DEMO_START, 1.0, lead_s=0.0, max_quiet_s=10 ** 6)
    for r in releases:
        fi = FeedItem(item_id=f"prk:{r.feed.slug}:{r.number}", feed=r.feed.name, feed_url=f"http://bench/{r.feed.slug}",
                      title=r.title, summary=r.summary, lang=r.feed.lang, published_at=r.published_at,
                      first_seen_at=r.published_at + timedelta(seconds=30), source_kind=r.feed.kind)
        out.append((fi, r.feed.timezone))
        if r.item.launch:
            truth[fi.item_id] = "prk-morning"
    for name, (launch_at, reports) in LAUNCHES.items():
        for i, (minutes, feed, title, summary) in enumerate(reports):
            fi = item(f"{name}:{i}", feed, title, summary, launch_at + timedelta(minutes=minutes))
            out.append((fi, KIND.get(feed, ("", "", None))[2]))
            truth[fi.item_id] = name
    ordinary: list[tuple[str, str, str]] = []
    root = os.environ.get("LAUNCHWATCH_SHARED_DATA")
    if root:
        for line in (Path(root) / "launch_dev.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["label"] == "not_launch":
                ordinary.append((row["id"], row["title"], row["summary"]))
    while len(ordinary) + len(out) < n_items:
        template = rng.choice(SYNTH)
        title = template.format(**{k: rng.choice(v) for k, v in WORDS.items()})
        ordinary.append((f"synth-{len(ordinary)}", title, ""))
    for oid, title, summary in ordinary:
        feed = rng.choice(OUTLETS)[0]
        published = DAY + timedelta(seconds=rng.uniform(0, 86400))
        out.append((item(f"ord:{oid}", feed, title, summary, published), KIND[feed][2]))
    out.sort(key=lambda pair: pair[0].first_seen_at)
    return out, truth


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def summarise(outcome, truth: dict[str, str], items_count: int, label: str, latencies: dict[str, list[float]]) -> None:
    event_of_item: dict[str, str] = {}
    for event in outcome.revisions:
        for source in event.sources:
            event_of_item.setdefault(source.item_id, event.event_id)
    events_per_launch: dict[str, set[str]] = defaultdict(set)
    for item_id, launch in truth.items():
        if item_id in event_of_item:
            events_per_launch[launch].add(event_of_item[item_id])
    launch_of_event = {e: launch for launch, es in events_per_launch.items() for e in es}
    opened_by = {e.event_id: e.sources[0].item_id for e in outcome.revisions if e.revision == 1}
    false_events = [e for e, first in opened_by.items() if first not in truth]
    per_launch: dict[str, Counter] = defaultdict(Counter)
    for d in outcome.deliveries:
        launch = launch_of_event.get(d.event_id, "none")
        per_launch[launch][d.kind] += 1
        if d.kind == "update" and not d.only_fills_in_one:
            per_launch[launch]["news"] += 1
    print(f"\n== {label}: {items_count} items, {len(truth)} launch reports, "
          f"{sum(r.is_launch for r in outcome.reports)} classified as launch ==")
    print(f"{'launch':<12} {'reports':>7} {'events':>6} {'alerts':>6} {'updates':>7} {'with news':>9}")
    for launch in sorted({*truth.values()}):
        n_reports = sum(1 for v in truth.values() if v == launch)
        c = per_launch[launch]
        print(f"{launch:<12} {n_reports:>7} {len(events_per_launch[launch]):>6} {c['alert']:>6} {c['update']:>7} "
              f"{c['news']:>9}")
    print(f"false events (opened by a non-launch item): {len(false_events)}; their alerts: "
          f"{per_launch['none']['alert']}")
    for name, values in latencies.items():
        print(f"{name}: n={len(values)} p50={pct(values, 0.5) * 1000:.2f} ms p99={pct(values, 0.99) * 1000:.2f} ms "
              f"max={max(values) * 1000 if values else float('nan'):.2f} ms")


def run_in_process(day, truth, state_path: Path) -> None:
    clock = {"now": DAY}

    def now(fi: FeedItem) -> datetime:
        clock["now"] = fi.first_seen_at
        return fi.first_seen_at

    clusterer = Clusterer(connect(state_path), lambda: clock["now"])
    sub = SubscriptionSettings(name="bench", channel="console")
    outcome = replay(day, clusterer, sub, min_confidence=0.5, now=now)
    summarise(outcome, truth, len(day), "in process", {
        "arrival -> first revision": outcome.first_revision_latency_s,
        "arrival -> any revision": outcome.revision_latency_s,
        "arrival -> first alert decided": outcome.alert_latency_s,
    })


async def run_over_bus(day, truth, state_path: Path) -> None:
    """The real classify and events stages over the in-memory bus, one item at a time."""
    import aiohttp

    from services.stages import build_stage
    from services.runtime.bus import TOPICS
    from services.runtime.lifecycle import StageContext
    from services.runtime.logs import configure_logging
    from services.runtime.memory_bus import MemoryBus
    from services.config import load_settings

    devnull = open(os.devnull, "w")  # the stage logs a line per launch report; not what is measured
    configure_logging(fmt="json", level="warning", stream=devnull)
    settings = load_settings(None, {"LAUNCHWATCH_STATE__PATH": str(state_path)})
    bus = MemoryBus("launchwatch.", default_partitions=1)
    await bus.ensure_topics([f"launchwatch.{t}" for t in TOPICS], 1)
    clock = {"now": DAY}
    first_latency: list[float] = []
    any_latency: list[float] = []
    async with aiohttp.ClientSession() as http:
        ctx = StageContext(settings, bus, http, clock=lambda: clock["now"])
        stages = [await build_stage(name, ctx) for name in ("classify", "events")]
        stop = asyncio.Event()
        task = asyncio.gather(*(stage.run(stop) for stage in stages))
        reports = bus.logs["launchwatch.reports"][0]
        events_log = bus.logs["launchwatch.events"][0]
        handed_on = "launchwatch.launch-reports"
        for fi, _tz in day:
            clock["now"] = fi.first_seen_at
            seen_events = len(events_log)
            seen_reports = len(reports)
            sent = time.perf_counter()
            await bus.producer().send("launchwatch.items", fi.to_bytes(), key=fi.item_id.encode())
            while len(reports) == seen_reports:
                await asyncio.sleep(0)
            # A launch report goes on to the events stage: wait until it has been clustered
            # (its offset committed), which is after the revisions it causes were sent.
            while bus.committed(ctx.group("cluster"), handed_on, 0) < bus.end_offset(handed_on, 0):
                await asyncio.sleep(0)
            arrived = time.perf_counter()
            for record in events_log[seen_events:]:
                event = LaunchEvent.from_bytes(record.value)
                any_latency.append(arrived - sent)
                if event.revision == 1:
                    first_latency.append(arrived - sent)
        stop.set()
        await asyncio.wait_for(task, 10)
        ctx.close()
    devnull.close()
    print(f"\n== over the in-memory bus (classify and events stages): {len(day)} items, "
          f"{len(events_log)} event revisions ==")
    for name, values in {"send -> first revision on events": first_latency,
                         "send -> any revision on events": any_latency}.items():
        print(f"{name}: n={len(values)} p50={pct(values, 0.5) * 1000:.2f} ms p99={pct(values, 0.99) * 1000:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--bus", action="store_true",
                        help="also run the classify and events stages over the in-memory bus")
    args = parser.parse_args()
    day, truth = build_day(args.items, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        run_in_process(day, truth, Path(tmp) / "inproc.db")
        if args.bus:
            asyncio.run(run_over_bus(day, truth, Path(tmp) / "bus.db"))


if __name__ == "__main__":
    main()
