"""Launch events for the web tests: a North Korean launch in three revisions, and a hostile one."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from schemas import LaunchEvent
from schemas.models import EventSource, LaunchFields

T0 = datetime(2024, 5, 30, 21, 10, tzinfo=timezone.utc)

JCS = EventSource(item_id="i1", feed="Yonhap", url="https://en.yna.co.kr/view/1", title="N. Korea fires ballistic missile into East Sea: JCS",
                  source_agency="JCS", published_at=T0 + timedelta(minutes=4), lang="en",
                  fields=LaunchFields(actor="PRK", kind="ballistic", count=1, direction="East Sea", source_agency="JCS"))
MOD = EventSource(item_id="i2", feed="Japan MoD", url="https://www.mod.go.jp/j/press/1.html", title="北朝鮮のミサイル発射について",
                  source_agency="Japan MoD", published_at=T0 + timedelta(minutes=20), lang="ja",
                  fields=LaunchFields(actor="PRK", kind="ballistic", count=2, distance_km=350.0, direction="Sea of Japan"))


def korean_event(revision: int = 1, launch_site: str | None = None) -> LaunchEvent:
    """Revision 1: Yonhap alone; 2: Japan's MoD adds the count and distance; 3: confirmed."""
    sources = [JCS] if revision == 1 else [JCS, MOD]
    return LaunchEvent(
        event_id="evt_0123456789abcdef0123", revision=revision,
        status="confirmed" if revision >= 3 else "reported", actor="PRK", kind="ballistic",
        count=1 if revision == 1 else 2, distance_km=None if revision == 1 else 350.0, direction="East Sea",
        launch_site=launch_site,
        source_agency="JCS", launched_at=T0, confidence=0.9, headline=JCS.title,
        first_reported_at=T0 + timedelta(minutes=4), updated_at=T0 + timedelta(minutes=4 + 16 * (revision - 1)),
        sources=sources, source_count=len(sources),
        changes=[] if revision == 1 else (["count", "distance_km", "sources"] if revision == 2 else ["status"]))


HOSTILE_TITLE = '<script>document.title="pwned"</script><img src=x onerror=alert(1)>'


def hostile_event() -> LaunchEvent:
    source = EventSource(item_id="h1", feed='Evil "feed"', url="javascript:alert(1)", title=HOSTILE_TITLE,
                         fields=LaunchFields(actor="Houthis", direction="<b>Red Sea</b>"))
    return LaunchEvent(event_id="evt_hostile", revision=1, actor="Houthis", kind="ballistic",
                       direction='Eilat"><script>alert(2)</script>', confidence=0.7, headline=HOSTILE_TITLE,
                       first_reported_at=T0, updated_at=T0, sources=[source], source_count=1)


BUSY_OUTLETS = ("Yonhap (KO)", "Yonhap (EN)", "NHK", "Japan MoD", "NHK World", "Kyodo News", "Reuters World",
                "AP Asia-Pacific", "Korea Herald", "Japan Times")


def busy_event() -> LaunchEvent:
    """As a real launch looks after an hour: 19 reports from 10 outlets, each outlet twice or
    so, disagreeing on the kind, the agency and the launch time by seconds and minutes."""
    sources = []
    for i in range(19):
        feed = BUSY_OUTLETS[i % len(BUSY_OUTLETS)]
        sources.append(EventSource(
            item_id=f"b{i}", feed=feed, url=f"https://news.example/{i}", title=f"North Korea fires missiles ({i})",
            source_agency="JCS" if i % 2 else "Japan MoD", published_at=T0 + timedelta(minutes=4 + i, seconds=17),
            lang="en", fields=LaunchFields(actor="PRK", kind="srbm" if i % 3 else "ballistic", count=2 if i % 4 else 1,
                                           distance_km=350.0 if i % 2 else None, apogee_km=50.0 if i % 2 else None,
                                           source_agency="JCS" if i % 2 else "South Korean and Japanese officials",
                                           launched_at=T0 + timedelta(seconds=27 * i))))
    return LaunchEvent(
        event_id="evt_busy", revision=19, status="confirmed", actor="PRK", kind="srbm", count=2, distance_km=350.0,
        apogee_km=50.0, direction="East Sea", source_agency="JCS", launched_at=T0, confidence=1.0,
        headline="N. Korea missiles flew about 350 km, reached altitude of 50 km: Japan",
        first_reported_at=T0 + timedelta(minutes=4), updated_at=T0 + timedelta(minutes=40, microseconds=248134),
        sources=sources, source_count=10, changes=["distance_km", "apogee_km", "sources"])
