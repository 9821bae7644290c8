"""Parser speed on realistic 50-item feeds: the expat fast path against feedparser.

    python bench/ingest_parse.py [--repeat 20]

Documents: the farm's RSS 2.0 feed (HTML descriptions, RFC 822 dates), the same items as
Atom 1.0, and a Korean EUC-KR RSS feed (decoded then parsed by expat). Reported: items/s for
`parse_feed` (which takes the fast path for these) and for the feedparser path alone, and
the time to parse every document of $LAUNCHWATCH_SHARED_DATA/feed-corpus when set.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_farm import feed_xml  # noqa: E402

from services.ingest.errors import NotAFeed  # noqa: E402
from services.ingest.parser import _parse_with_feedparser, parse_feed  # noqa: E402


def atom_from_rss(rss: bytes) -> bytes:
    import xml.etree.ElementTree as ET

    channel = ET.fromstring(rss).find("channel")
    entries = []
    for item in channel.iter("item"):
        entries.append(
            f"<entry><title>{_esc(item.findtext('title'))}</title><id>urn:x:{item.findtext('guid')}</id>"
            f"<link href=\"{item.findtext('link')}\"/><updated>2026-11-24T10:00:00Z</updated>"
            f"<summary type=\"html\">{_esc(item.findtext('description'))}</summary></entry>")
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            + "".join(entries) + "</feed>").encode()


def _esc(text: str | None) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def korean(rss: bytes) -> bytes:
    text = rss.decode().replace('encoding="UTF-8"', 'encoding="EUC-KR"').replace("Feed", "북한 미사일 발사 속보")
    return text.encode("euc-kr")


def rate(fn, body: bytes, repeat: int) -> tuple[float, str]:
    feed = fn(body)
    started = time.perf_counter()
    for _ in range(repeat):
        fn(body)
    spent = time.perf_counter() - started
    return len(feed.entries) * repeat / spent, feed.parser


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    rss = feed_xml(7, 0)
    docs = {"rss2 (utf-8)": rss, "atom 1.0": atom_from_rss(rss), "rss2 (euc-kr)": korean(rss)}
    url = "https://example.org/feed.xml"
    print(f"{'document':16} {'bytes':>7} {'parse_feed items/s':>20} {'path':>6} {'feedparser items/s':>20} {'speed-up':>9}")
    for name, body in docs.items():
        fast, path = rate(lambda b: parse_feed(b, url=url), body, args.repeat)
        slow, _ = rate(lambda b: _parse_with_feedparser(b, url=url, content_type=None, media_type="",
                                                        max_entries=1000), body, max(2, args.repeat // 5))
        print(f"{name:16} {len(body):7} {fast:20,.0f} {path:>6} {slow:20,.0f} {fast / slow:8.1f}x")
    shared = os.environ.get("LAUNCHWATCH_SHARED_DATA")
    if shared:
        files = sorted(p for p in (Path(shared) / "feed-corpus").rglob("*") if p.suffix in (".xml", ".json"))
        started = time.perf_counter()
        paths: dict[str, int] = {}
        for path in files:
            try:
                kind = parse_feed(path.read_bytes(), url=url).parser
            except NotAFeed:
                kind = "not a feed"
            paths[kind] = paths.get(kind, 0) + 1
        print(f"feed-corpus: {len(files)} documents parsed in {time.perf_counter() - started:.2f} s; paths {paths}")


if __name__ == "__main__":
    main()
