"""Where a launch was made from (`launch_site`): read from the text, kept by the event,
told in alerts; each reading beside a near miss."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from schemas import LaunchFields, LaunchReport
from services.classify.classifier import classify
from services.events.clusterer import Clusterer
from services.notify import wording
from services.notify.settings import SubscriptionSettings
from services.notify.subscriptions import Memory, decide, snapshot

T0 = datetime(2026, 3, 9, 22, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("title", "summary", "lang", "site"), [
    ("North Korea fires ballistic missile from Sunan area, JCS says",
     "The missile flew about 600 km before falling into the East Sea.", "en", "Sunan area"),
    ("North Korea fires two missiles toward the East Sea",
     "The missiles were launched at about 7:10 a.m. from the Jangyon area in South Hwanghae Province.", "en",
     "the Jangyon area in South Hwanghae Province"),
    ("N. Korea launches cruise missiles", "They were fired from the eastern city of Hamhung.", "en",
     "the eastern city of Hamhung"),
    ("Rockets fired out of southern Lebanon at northern Israel", "", "en", "southern Lebanon"),
    # A capital that names its state in headlines is a place still.
    ("North Korea fires missile from near Pyongyang", "", "en", "Pyongyang"),
    ("Russia fires Kalibr missiles from ships in the Black Sea", "", "en", "ships in the Black Sea"),
    ("Pjongjang wystrzelił pocisk balistyczny z rejonu Hamhung", "", "pl", "rejonu Hamhung"),
    ("Korea Północna wystrzeliła rakiety ze wschodniego wybrzeża", "", "pl", "wschodniego wybrzeża"),
    ("북한, 동해상으로 탄도미사일 발사", "합참은 북한이 오전 7시께 평안북도 동창리 일대에서 탄도미사일 1발을 발사했다고 밝혔다.", "ko",
     "평안북도 동창리 일대"),
    ("北朝鮮が弾道ミサイル発射", "防衛省によると、北朝鮮は東部の元山付近から日本海に向けて弾道ミサイルを発射した。", "ja", "東部の元山付近"),
])
def test_the_place_a_launch_was_made_from_is_read_as_written(title, summary, lang, site):
    result = classify(title, summary, lang=lang)
    assert result.is_launch
    assert result.fields.launch_site == site


@pytest.mark.parametrize(("title", "summary", "lang"), [
    # "From" of another sense: who said it, a time, where weapons came from, a distance.
    ("North Korea fires ballistic missile", "A statement from the Joint Chiefs of Staff said it flew 600 km.", "en"),
    ("North Korea fires ballistic missiles", "The launches went on from Monday into Tuesday.", "en"),
    ("Russia fires Iranian-made missiles at Kyiv", "The missiles, supplied from Iran, hit power plants.", "en"),
    ("Houthis fire missile at ship", "The vessel was 50 miles from Aden when it was hit.", "en"),
    # Only where it went, or the launcher's own state.
    ("North Korea fires missile into waters off its east coast", "", "en"),
    ("北朝鮮から弾道ミサイル発射", "日本のEEZ外に落下したとみられる。", "ja"),
    ("Rosja wystrzeliła rakiety na Kijów", "Mieszkańcy z okolic schronili się w metrze.", "pl"),
])
def test_no_launch_site_where_the_text_says_none(title, summary, lang):
    result = classify(title, summary, lang=lang)
    assert result.is_launch
    assert result.fields.launch_site is None


def _report(item_id: str, feed: str, source_kind: str, site: str | None, minutes: float) -> LaunchReport:
    published = T0 + timedelta(minutes=minutes)
    return LaunchReport(
        item_id=item_id, feed=feed, url=f"https://example.org/{item_id}", title="North Korea fires ballistic missile",
        lang="en", published_at=published, first_seen_at=published, source_kind=source_kind, is_launch=True,
        confidence=0.95, classified_at=published,
        fields=LaunchFields(actor="PRK", kind="srbm", count=1, direction="East Sea", launch_site=site,
                            launched_at=T0, source_agency="JCS" if source_kind == "agency" else None))


def test_the_event_keeps_the_top_authoritys_site_and_a_site_alone_sends_no_update():
    clock = {"now": T0}
    clusterer = Clusterer(sqlite3.connect(":memory:", isolation_level=None), lambda: clock["now"])
    first = clusterer.add(_report("news-1", "Daily", "news", None, 5))[-1]
    later = clusterer.add(_report("agency-1", "JCS", "agency", "the Sunan area in Pyongyang", 9))[-1]
    last = clusterer.add(_report("news-2", "Other Daily", "news", "Pyongyang", 12))[-1]
    assert first.launch_site is None
    assert later.event_id == first.event_id and "launch_site" in later.changes
    assert last.launch_site == "the Sunan area in Pyongyang"

    # A subscriber alerted before the site was known hears of it with the next real news.
    sub = SubscriptionSettings(name="duty", channel="console")
    sent = Memory(alerted=True, sent_facts=snapshot(first), max_revision=first.revision)
    site_only = later.model_copy(update={"status": first.status})
    assert decide(sub, site_only, sent, T0).action == "skip"
    assert wording.summary_line(last) == (
        "North Korea: a short-range ballistic missile from the Sunan area in Pyongyang toward East Sea (confirmed)")
    assert ("Launched from", "the Sunan area in Pyongyang") in [(f.label, f.value) for f in wording.facts(last)]


@pytest.mark.parametrize(("title", "summary", "lang", "direction"), [
    # The launch site is where it came from, not where it went.
    ("Rockets fired from Gaza into southern Israel", "", "en", "Southern Israel"),
    # A heading where no sea or place is named; a named sea still wins over it.
    ("North Korea fires missiles", "The missiles flew in a north-eastern direction for about 400 km.", "en",
     "northeast"),
    ("North Korea fires missiles", "They flew northeast into the East Sea.", "en", "East Sea"),
    ("북한, 탄도미사일 발사", "합참은 북한이 북동쪽 방향으로 탄도미사일을 발사했다고 밝혔다.", "ko", "northeast"),
    ("北朝鮮が弾道ミサイル発射", "防衛省によると、北朝鮮は北東方向に向けて発射した。", "ja", "northeast"),
    ("北朝鮮が弾道ミサイル発射", "防衛省は、日本の排他的経済水域(EEZ)外に落下したと推定している。", "ja", "outside Japan's EEZ"),
])
def test_the_direction_is_where_it_went(title, summary, lang, direction):
    result = classify(title, summary, lang=lang)
    assert result.is_launch
    assert result.fields.direction == direction
    if direction == "northeast":
        assert wording.headed(direction) == "heading northeast"


def test_two_wordings_of_one_site_are_one_fact_on_the_page_and_two_sites_are_two():
    from schemas.agreement import same_fact

    assert same_fact("launch_site", "the Sunan area in Pyongyang", "Pyongyang")
    assert same_fact("launch_site", "the Sunan area", "Sunan area")
    assert not same_fact("launch_site", "the Sunan area", "the Wonsan area")


@pytest.mark.parametrize(("site", "said"), [
    ("the Sunan area in Pyongyang", "from the Sunan area in Pyongyang"),
    ("평양 순안 일대", "from Sunan, Pyongyang (평양 순안 일대)"),
    ("ze wschodniego wybrzeża", "from the east coast (ze wschodniego wybrzeża)"),
    ("rejonu Hamhung", "from Hamhung (rejonu Hamhung)"),
    ("内陸部", "from inland (内陸部)"),
    ("某地点", "from 某地点"),  # neither known nor a coast: as written
])
def test_an_alert_names_a_site_written_in_another_language_in_english_first(site, said):
    assert wording.launched_from(site) == said
