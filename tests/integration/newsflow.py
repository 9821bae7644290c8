"""A stream of news for the fault tests: feeds on a loopback site that grow while the test
runs, mostly ordinary news with the reports of a few distinct launches spread through it."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from xml.sax.saxutils import escape

from services.ingest.identity import item_id_for
from tests.integration.feedsite import Doc, FeedSite

# Five launches by five actors. The k-th report of a launch gives a count of k + 2 (each
# outlet has heard of more missiles than the last), so that every report changes a fact
# a subscriber is told about. Every wording reads as a launch report to the classifier.
LAUNCHES: dict[str, tuple[str, str]] = {
    "PRK": ("North Korea fires {count} ballistic missiles into East Sea, JCS says",
            "North Korea fired {count} short-range ballistic missiles toward the East Sea, South Korea's Joint "
            "Chiefs of Staff said."),
    "RUS": ("Russia fires {count} cruise missiles at Kyiv overnight, Ukraine's air force says",
            "Russia launched {count} Kalibr cruise missiles at the Ukrainian capital, the air force said."),
    "IRN": ("Iran launches {count} ballistic missiles at Israel, IDF says",
            "Iran fired {count} ballistic missiles toward Israel, the Israeli military said."),
    "Houthis": ("Houthis fire {count} ballistic missiles at ship in Red Sea, CENTCOM says",
                "Yemen's Houthi rebels fired {count} anti-ship ballistic missiles toward a commercial vessel, US "
                "Central Command said."),
    "PAK": ("Pakistan test-fires {count} Shaheen-III ballistic missiles",
            "Pakistan conducted a training launch of {count} Shaheen-III surface-to-surface ballistic missiles, "
            "the military said."),
}

ORDINARY = [
    ("City council approves budget for parks, item {n}", "The council voted to raise spending on parks by {n} percent."),
    ("Stocks close higher as tech shares rally, session {n}", "Markets ended the day up, led by chip makers."),
    ("Heavy rain expected over the weekend in district {n}", "Forecasters warned of flooding in low-lying areas."),
    ("Local team wins cup final in extra time, match {n}", "Supporters celebrated in the city centre overnight."),
    ("New library opens with {n} thousand books", "The building took three years to finish, officials said."),
    ("Train services resume after signal fault on line {n}", "Commuters faced delays of up to an hour."),
]


@dataclass(frozen=True)
class Story:
    number: int
    feed: int
    title: str
    summary: str
    actor: str | None  # the launch it reports, or None

    @property
    def guid(self) -> str:
        return f"story-{self.number}"

    @property
    def link(self) -> str:
        return f"http://127.0.0.1/news/{self.guid}"


def stories(total: int = 1000, reports_per_launch: int = 11, feeds: int = 10) -> list[Story]:
    """`total` stories in publication order, `reports_per_launch` of them per launch of
    `LAUNCHES`, spread evenly through the ordinary ones (ordinary story n is in feed n % feeds)."""
    # The k-th report of the a-th launch comes from feed (k + a): each launch is reported by
    # several outlets, the launches interleaved in time.
    launch_reports = [(actor, (k + a) % feeds, [text.format(count=k + 2) for text in LAUNCHES[actor]])
                      for k in range(reports_per_launch) for a, actor in enumerate(LAUNCHES)]
    every = total // len(launch_reports)
    out = []
    for n in range(total):
        if n % every == every // 2 and n // every < len(launch_reports):
            actor, feed, (title, summary) = launch_reports[n // every]
            out.append(Story(n, feed, title, summary, actor))
        else:
            title, summary = ORDINARY[n % len(ORDINARY)]
            out.append(Story(n, n % feeds, title.format(n=n), summary.format(n=n), None))
    return out


class NewsFlow:
    """Serves `stories` as `feeds` RSS feeds on `site`, revealing them in order while `run`."""

    def __init__(self, site: FeedSite, all_stories: list[Story], feeds: int = 10) -> None:
        self.site = site
        self.stories = all_stories
        self.feeds = feeds
        self.revealed = 0
        self._published_at = datetime.now(timezone.utc)
        for f in range(feeds):
            self._write(f)

    def feed_url(self, f: int) -> str:
        return self.site.url(f"/wire-{f}.xml")

    def item_id(self, story: Story) -> str:
        """The id ingest gives the story (see `services.ingest.identity`)."""
        return item_id_for(self.feed_url(story.feed), story.guid, story.link, story.title)

    def config(self) -> str:
        """The `[ingest]` and `[[feeds]]` sections that poll every feed twice a second."""
        feeds = "".join(f'[[feeds]]\nurl = "{self.feed_url(f)}"\nname = "Wire {f}"\ninterval_s = 0.5\n\n'
                        for f in range(self.feeds))
        return ("[ingest]\nallow_private_networks = true\nuse_default_catalogue = false\nmin_interval_s = 0.5\n"
                "adaptive_schedule = false\njitter_ratio = 0.0\nper_host_spacing_s = 0.0\nper_host_concurrency = "
                f"{self.feeds}\n\n{feeds}")

    def reveal(self, n: int) -> None:
        """Put the next `n` stories in their feeds."""
        upto = min(len(self.stories), self.revealed + n)
        touched = {s.feed for s in self.stories[self.revealed:upto]}
        self.revealed = upto
        for f in touched:
            self._write(f)

    async def run(self, batch: int, every_s: float, *, keep_back: int = 0,
                  release: asyncio.Event | None = None) -> None:
        """Reveal `batch` stories every `every_s` until all are out. With `release`: the last
        `keep_back` wait for it, and once it is set the rest come out at once (so the stream
        outlasts whatever the test does meanwhile, and ends soon after)."""
        while self.revealed < len(self.stories):
            if release is not None and release.is_set():
                self.reveal(len(self.stories))
                return
            if release is not None and self.revealed >= len(self.stories) - keep_back:
                await release.wait()
                continue
            self.reveal(batch)
            await asyncio.sleep(every_s)

    def _write(self, f: int) -> None:
        date = format_datetime(self._published_at)
        items = "".join(
            f"<item><guid isPermaLink='false'>{s.guid}</guid><title>{escape(s.title)}</title><link>{s.link}</link>"
            f"<pubDate>{date}</pubDate><description>{escape(s.summary)}</description></item>"
            for s in reversed(self.stories[:self.revealed]) if s.feed == f)
        body = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Wire {f}</title>"
                f"<link>http://127.0.0.1/</link><description>wire</description>{items}</channel></rss>")
        self.site.docs[f"/wire-{f}.xml"] = Doc(body.encode())
