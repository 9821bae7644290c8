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


def korean_event(revision: int = 1) -> LaunchEvent:
    """Revision 1: Yonhap alone; 2: Japan's MoD adds the count and distance; 3: confirmed."""
    sources = [JCS] if revision == 1 else [JCS, MOD]
    return LaunchEvent(
        event_id="evt_0123456789abcdef0123", revision=revision,
        status="confirmed" if revision >= 3 else "reported", actor="PRK", kind="ballistic",
        count=1 if revision == 1 else 2, distance_km=None if revision == 1 else 350.0, direction="East Sea",
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
