"""Clustering launch reports into events: what a subscriber would see on launchwatch.events."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from schemas import Evidence, LaunchFields, LaunchReport
from services.events.clusterer import Clusterer
from services.events.state import Source, coast_of, kinds_compatible, outlet_of, source_from_report, walk_back

T0 = datetime(2026, 3, 4, 22, 10, tzinfo=timezone.utc)  # 07:10 KST on the 5th


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def report(item_id: str, feed: str, title: str, *, minutes: float, kind_of_source: str = "news",
           actor: str | None = "PRK", kind: str | None = "ballistic", count: int | None = None,
           distance_km: float | None = None, apogee_km: float | None = None,
           direction: str | None = None, agency: str | None = None,
           launched_at: datetime | None = None, is_launch: bool = True,
           retrospective: bool = False, confidence: float = 0.8, lang: str = "en",
           revision: int = 1, time_words: str | None = None, time_cue: str = "launch_time") -> LaunchReport:
    published = T0 + timedelta(minutes=minutes)
    return LaunchReport(
        item_id=item_id, revision=revision, feed=feed, url=f"https://example.org/{item_id}",
        title=title, lang=lang, published_at=published, first_seen_at=published + timedelta(seconds=20),
        source_kind=kind_of_source, is_launch=is_launch, confidence=confidence,
        fields=LaunchFields(actor=actor, kind=kind, count=count, distance_km=distance_km,
                            apogee_km=apogee_km, direction=direction, source_agency=agency,
                            launched_at=launched_at),
        retrospective=retrospective, classified_at=published + timedelta(seconds=21),
        evidence=[Evidence(cue=time_cue, text=time_words, field="launched_at")] if time_words else [],
    )


def morning() -> list[LaunchReport]:
    """One launch told by many outlets, in three languages, details growing."""
    return [
        report("yna-ko-1", "Yonhap (KO)", "북한, 동해상으로 탄도미사일 발사 (1보)", minutes=3,
               kind_of_source="wire", agency="합동참모본부", direction="동해상", lang="ko"),
        report("yna-en-1", "Yonhap (EN)", "(URGENT) N. Korea fires ballistic missile into East Sea: JCS",
               minutes=5, kind_of_source="wire", agency="JCS", direction="East Sea"),
        report("nhk-ja-1", "NHK", "北朝鮮が弾道ミサイルの可能性があるものを発射 防衛省", minutes=6,
               agency="防衛省", lang="ja"),
        report("kh-1", "Korea Herald", "North Korea fires missile", minutes=12, kind=None),
        report("yna-en-2", "Yonhap (EN)", "N. Korea fires 2 ballistic missiles into East Sea: JCS",
               minutes=25, kind_of_source="wire", agency="JCS", count=2, direction="East Sea",
               launched_at=T0),
        report("mod-1", "Japan MoD", "北朝鮮のミサイル発射について（第2報）", minutes=40, kind_of_source="agency",
               agency="Japan MoD", count=2, distance_km=350, apogee_km=50, lang="ja",
               launched_at=T0 + timedelta(minutes=1)),
        report("ap-1", "AP", "North Korea fires a missile toward the sea, Seoul says", minutes=42,
               kind_of_source="wire", count=1),
        report("yna-en-3", "Yonhap (EN)", "N. Korea fires 2 SRBMs that flew 350 km: JCS", minutes=70,
               kind_of_source="wire", agency="JCS", kind="srbm", count=2, distance_km=350,
               direction="East Sea", launched_at=T0),
        report("jt-1", "Japan Times", "North Korea launches two ballistic missiles", minutes=95,
               kind="ballistic", count=2),
    ]


@pytest.fixture
def db() -> sqlite3.Connection:
    return sqlite3.connect(":memory:", isolation_level=None)


def feed_all(clusterer: Clusterer, reports: list[LaunchReport]):
    return [event for r in reports for event in clusterer.add(r)]


def latest(events):
    out = {}
    for event in events:
        out[event.event_id] = event
    return out


def test_one_launch_told_by_many_outlets_in_three_languages_is_one_event(db):
    events = feed_all(Clusterer(db, FakeClock(T0 + timedelta(minutes=5))), morning())
    final = latest(events)
    assert len(final) == 1
    event = next(iter(final.values()))
    assert [e.revision for e in events] == list(range(1, len(events) + 1))
    assert (event.status, event.kind, event.count, event.distance_km, event.apogee_km) == (
        "confirmed", "srbm", 2, 350, 50)
    # Yonhap's two feeds count once: Yonhap, NHK, Korea Herald, Japan MoD, AP, Japan Times.
    assert event.source_count == 6
    assert len(event.sources) == 9
    assert event.first_reported_at == T0 + timedelta(minutes=3)
    assert event.launched_at == T0


def test_revisions_name_what_changed_and_repeats_change_only_sources(db):
    events = feed_all(Clusterer(db, FakeClock(T0)), morning())
    changes = {e.sources[-1].item_id: e.changes for e in events}
    assert changes["yna-ko-1"] == ["new"]
    assert changes["yna-en-1"] == ["sources"]  # JCS again, same facts
    assert "count" in changes["yna-en-2"] and "launched_at" in changes["yna-en-2"]
    assert {"distance_km", "apogee_km"} <= set(changes["mod-1"])
    assert changes["ap-1"] == ["sources"]  # a wire's "a missile" does not undo the agencies' two
    assert set(changes["yna-en-3"]) == {"kind", "sources"}
    assert changes["jt-1"] == ["sources"]


def test_first_report_is_reported_then_confirmed_by_an_official_agency(db):
    clusterer = Clusterer(db, FakeClock(T0))
    first = clusterer.add(report("kh-1", "Korea Herald", "North Korea fires missile", minutes=2))
    assert first[0].status == "reported"
    second = clusterer.add(report("yna-1", "Yonhap", "N. Korea fires missile: JCS", minutes=4,
                                  kind_of_source="wire", agency="JCS"))
    assert second[0].status == "confirmed" and second[0].changes == ["status", "sources"]


def test_three_independent_outlets_confirm_without_an_agency(db):
    clusterer = Clusterer(db, FakeClock(T0))
    outlets = ["Korea Herald", "Korea Herald - Politics", "Japan Times", "Guardian"]
    statuses = [clusterer.add(report(f"n{i}", feed, "North Korea fires missile", minutes=i + 1))[0].status
                for i, feed in enumerate(outlets)]
    assert statuses == ["reported", "reported", "reported", "confirmed"]


def test_outlets_relaying_the_launchers_own_media_tell_a_claim_and_do_not_confirm_it(db):
    clusterer = Clusterer(db, FakeClock(T0))
    statuses = [clusterer.add(report(f"irna-{i}", feed, "Iran unveils new ballistic missile, state TV says",
                                     minutes=i + 1, actor="IRN", agency="Iranian state media"))[0].status
                for i, feed in enumerate(["NBC News", "The Hill", "Al Jazeera", "Guardian"])]
    assert statuses == ["claimed"] * 4
    # An outlet telling it in its own right is a witness; with the agency's, the launch stands.
    [event] = clusterer.add(report("ap-1", "AP", "Iran test-fires ballistic missile", minutes=6, actor="IRN"))
    assert event.status == "claimed"
    [event] = clusterer.add(report("jmod", "Israel MoD", "Iran fired a ballistic missile", minutes=7, actor="IRN",
                                   kind_of_source="agency"))
    assert event.status == "confirmed"


def test_a_feed_stamping_its_report_hours_before_the_stated_launch_is_not_the_first_report(db):
    """One feed's items carry stamps hours early: its report at T0 of a launch stated at
    T0 + 2:47 is not the launch's first report."""
    clusterer = Clusterer(db, FakeClock(T0 + timedelta(hours=3)))
    [early] = clusterer.add(report("wapo", "Washington Post", "North Korea fires missile", minutes=0))
    assert early.first_reported_at == T0  # nothing says otherwise yet
    launch = T0 + timedelta(hours=2, minutes=47)
    [event] = clusterer.add(report("aj", "Al Jazeera", "North Korea fires missile into the sea", minutes=172,
                                   launched_at=launch, time_words="at 6:47pm"))
    assert event.event_id == early.event_id and event.launched_at == launch
    assert event.first_reported_at == T0 + timedelta(minutes=172)
    [later] = clusterer.add(report("ap", "AP", "North Korea fires missile", minutes=175))
    assert later.first_reported_at == T0 + timedelta(minutes=172)


def test_an_agency_another_source_names_outranks_the_leads_description_of_it(db):
    """The lead credits "ROK military", another report the JCS: "Reported by" says JCS, and
    stays so as reports come."""
    clusterer = Clusterer(db, FakeClock(T0))
    [first] = clusterer.add(report("ko-1", "Yonhap (KO)", "북한, 탄도미사일 발사", minutes=1, kind_of_source="wire",
                                   agency="ROK military", lang="ko"))
    assert first.source_agency == "ROK military"
    [event] = clusterer.add(report("en-1", "Korea Herald", "N. Korea fires missile: JCS", minutes=3, agency="JCS"))
    assert event.source_agency == "JCS"
    [later] = clusterer.add(report("rt-1", "Reuters", "South Korea says North Korea fired missile in sea", minutes=4,
                                   kind_of_source="wire", agency="ROK military"))
    assert later.source_agency == "JCS"


def test_relaying_outlets_past_the_kept_sources_still_confirm_nothing(db):
    """Past MAX_SOURCES the dropped reports are summed up (`Omitted`): relays there are
    still no witnesses (the summary counted every outlet one)."""
    from services.events.state import MAX_SOURCES

    clusterer = Clusterer(db, FakeClock(T0))
    for i in range(MAX_SOURCES + 6):
        [event] = clusterer.add(report(f"relay-{i}", f"Outlet {i}", "Iran tests ballistic missile, state TV says",
                                       minutes=1 + i / 10, actor="IRN", agency="Iranian state media"))
    assert event.sources_omitted > 0 and (event.status, event.confirmed) == ("claimed", False)


def test_a_launch_time_after_every_report_leaves_the_first_report_where_it_was(db):
    """One feed stamping its items hours late gave a report whose stated launch time lies
    after every report: the first report stays the earliest, never a time no report had."""
    clusterer = Clusterer(db, FakeClock(T0 + timedelta(minutes=5)))
    launch = T0 + timedelta(hours=9, minutes=1)
    [event] = clusterer.add(report("late", "Some Feed", "North Korea fires missile", minutes=1, launched_at=launch,
                                   time_words="at 6:01am"))
    assert event.first_reported_at == T0 + timedelta(minutes=1)


def test_the_launchers_state_media_is_named_by_its_own_agency_never_by_the_targets(db):
    clusterer = Clusterer(db, FakeClock(T0))
    clusterer.add(report("rt", "Reuters", "Russia strikes Ukraine with missiles, state media says", minutes=1,
                         kind_of_source="wire", actor="RUS", kind="cruise", agency="state media"))
    [event] = clusterer.add(report("kyiv", "Kyiv Independent", "Russia launches missiles at Ukraine", minutes=2,
                                   actor="RUS", kind="cruise", agency="Ukraine General Staff"))
    assert event.source_agency == "state media"  # the target's forces are not the launcher's media
    [event] = clusterer.add(report("kp", "Reuters", "North Korea fires missile, state media says", minutes=300,
                                   kind_of_source="wire", agency="state media"))
    assert event.source_agency == "state media"
    [event] = clusterer.add(report("kcna", "Yonhap (EN)", "N. Korea says it tested new missile: KCNA", minutes=301,
                                   kind_of_source="wire", agency="KCNA"))
    assert event.source_agency == "KCNA"


def test_an_english_report_heads_the_event_before_one_of_higher_standing_in_another_language(db):
    clusterer = Clusterer(db, FakeClock(T0))
    clusterer.add(report("pl", "Interia", "Korea Północna wystrzeliła pocisk balistyczny", minutes=1, lang="pl",
                         agency="JCS"))
    [event] = clusterer.add(report("en", "Korea Herald", "North Korea fires ballistic missile", minutes=2))
    assert event.headline == "North Korea fires ballistic missile" and event.source_agency == "JCS"
    # An aggregator's English title does not head it, nor the launcher's own media.
    [event] = clusterer.add(report("agg", "News Now", "Missile alert!!", minutes=3, kind_of_source="aggregator"))
    [event] = clusterer.add(report("kcna", "KCNA Watch", "DPRK tests new-type missile", minutes=4,
                                   kind_of_source="agency", agency="KCNA"))
    assert event.headline == "North Korea fires ballistic missile"


def test_a_summary_of_dropped_reports_stored_before_witnesses_were_kept_counts_every_outlet_one():
    from services.events.state import Omitted

    old = {"count": 4, "outlets": [["a", 0.9], ["b", 0.8]], "outlets_beyond": 1, "official": False,
           "state_media": True, "first_reported_at": None, "last_reported_at": None}
    summary = Omitted.from_json(old)
    assert summary.witnesses == ("a", "b") and summary.witnesses_beyond == 1
    assert Omitted.from_json(summary.to_json()) == summary


def test_launching_state_media_alone_makes_a_claim(db):
    clusterer = Clusterer(db, FakeClock(T0))
    event = clusterer.add(report("kcna-1", "KCNA Watch", "DPRK Missile Administration tests new-type missile",
                                 minutes=2, kind_of_source="agency", agency="KCNA", kind="hypersonic"))[0]
    assert event.status == "claimed"


def test_two_launches_by_the_same_actor_the_same_day_stay_two_events(db):
    clusterer = Clusterer(db, FakeClock(T0))
    afternoon = T0 + timedelta(hours=8)
    stream = [
        report("m1", "Yonhap", "N. Korea fires ballistic missile: JCS", minutes=4, kind_of_source="wire",
               agency="JCS", launched_at=T0),
        report("m2", "Kyodo", "N. Korea fires missile", minutes=30, kind_of_source="wire"),
        report("a1", "Yonhap", "N. Korea fires another ballistic missile: JCS", minutes=8 * 60 + 5,
               kind_of_source="wire", agency="JCS", launched_at=afternoon),
        # No launch time stated: joins the most recent launch before it.
        report("a2", "Kyodo", "North Korea fires missile again", minutes=8 * 60 + 20, kind_of_source="wire"),
    ]
    events = feed_all(clusterer, stream)
    final = latest(events)
    assert len(final) == 2
    by_launch = {e.launched_at: sorted(s.item_id for s in e.sources) for e in final.values()}
    assert by_launch == {T0: ["m1", "m2"], afternoon: ["a1", "a2"]}


def test_state_media_next_day_joins_by_its_stated_day_and_a_later_hour_is_another_launch(db):
    clusterer = Clusterer(db, FakeClock(T0))
    first = clusterer.add(report("m1", "Yonhap", "N. Korea fires ballistic missile: JCS", minutes=4,
                                 kind_of_source="wire", agency="JCS", launched_at=T0))[0]
    # "on Wednesday", no clock time: extraction places it at noon Seoul time.
    noon_kst = datetime(2026, 3, 5, 3, 0, tzinfo=timezone.utc)
    claim = clusterer.add(report("kcna", "KCNA Watch", "DPRK tests new-type tactical ballistic missile",
                                 minutes=22 * 60, kind_of_source="agency", agency="KCNA", kind="srbm",
                                 launched_at=noon_kst, time_words="Wednesday"))[0]
    assert (claim.event_id, claim.revision, claim.kind) == (first.event_id, 2, "srbm")
    three_pm_kst = datetime(2026, 3, 5, 6, 0, tzinfo=timezone.utc)
    other = clusterer.add(report("a1", "Yonhap", "N. Korea fires another missile at 3 p.m.: JCS",
                                 minutes=8 * 60, kind_of_source="wire", agency="JCS",
                                 launched_at=three_pm_kst, time_words="3 p.m."))[0]
    assert other.event_id != first.event_id and other.revision == 1


def test_an_evening_launch_told_as_on_thursday_is_one_event(db):
    evening = datetime(2026, 3, 5, 13, 40, tzinfo=timezone.utc)  # 22:40 KST
    noon_kst = datetime(2026, 3, 5, 3, 0, tzinfo=timezone.utc)
    clusterer = Clusterer(db, FakeClock(evening))
    events = feed_all(clusterer, [
        report("j", "Yonhap", "N. Korea fires ballistic missile: JCS", minutes=15 * 60 + 35,
               kind_of_source="wire", agency="JCS", launched_at=evening),
        report("k", "Kyodo", "N. Korea fires missile on Thursday", minutes=15 * 60 + 45,
               kind_of_source="wire", launched_at=noon_kst, time_words="Thursday"),
    ])
    assert len(latest(events)) == 1


@pytest.mark.parametrize(("target", "joins"), [("Israel", True), ("israel", True), ("Saudi Arabia", False), (None, False)])
def test_an_evening_account_dating_the_launch_by_its_day_joins_that_days_launch_at_the_same_target(db, target, joins):
    # A morning flash states no time; officials' account twelve hours later says "on
    # Tuesday" (placed at noon) and names the same target: the same launch told again.
    clusterer = Clusterer(db, FakeClock(T0))
    first = clusterer.add(report("flash", "Wire", "Houthis fire missile at Israel", minutes=2, actor="Houthis",
                                 kind=None, direction="Israel", kind_of_source="wire"))[0]
    account = clusterer.add(report("officials", "Paper", "Israel shot down a ballistic missile, officials say",
                                   minutes=12 * 60, actor="Houthis", kind="mrbm", direction=target,
                                   launched_at=T0.replace(minute=0) + timedelta(hours=3), time_words="Tuesday"))[0]
    assert (account.event_id == first.event_id) is joins
    assert account.revision == (2 if joins else 1)


def test_different_actors_at_the_same_time_are_two_events(db):
    clusterer = Clusterer(db, FakeClock(T0))
    feed_all(clusterer, [
        report("p", "Yonhap", "N. Korea fires ballistic missile", minutes=2, kind_of_source="wire"),
        report("i", "Reuters", "Iran fires ballistic missiles at Israel", minutes=3, actor="IRN",
               kind_of_source="wire"),
    ])
    assert sorted(e.actor for e in clusterer.open_events) == ["IRN", "PRK"]


def test_cruise_and_ballistic_launches_the_same_morning_are_two_events(db):
    clusterer = Clusterer(db, FakeClock(T0))
    feed_all(clusterer, [
        report("b", "Yonhap", "N. Korea fires ballistic missile into East Sea", minutes=2, kind_of_source="wire"),
        report("c", "Yonhap", "N. Korea fires cruise missiles into Yellow Sea", minutes=50, kind="cruise",
               direction="Yellow Sea", kind_of_source="wire"),
    ])
    assert sorted(e.kind for e in clusterer.open_events) == ["ballistic", "cruise"]


def test_unknown_actor_joins_the_only_open_event_it_is_tied_to_and_is_dropped_when_ambiguous(db):
    clusterer = Clusterer(db, FakeClock(T0))
    clusterer.add(report("p", "Yonhap", "N. Korea fires short-range ballistic missile into East Sea", minutes=2,
                         kind_of_source="wire", kind="srbm", direction="East Sea"))
    joined = clusterer.add(report("u", "NHK", "Missile fired toward Sea of Japan", minutes=6, actor=None,
                                  direction="Sea of Japan"))
    assert len(joined) == 1 and joined[0].revision == 2
    clusterer.add(report("i", "Reuters", "Iran fires short-range missiles", minutes=7, actor="IRN", kind="srbm",
                         kind_of_source="wire"))
    # Both events are of short-range ballistic missiles: which launch this is, nothing tells.
    assert clusterer.add(report("u2", "Sky", "Short-range ballistic missile fired", minutes=9, actor=None,
                                kind="srbm")) == []
    assert [len(e.sources) for e in clusterer.open_events] == [2, 1]


def test_a_correction_changes_the_facts_and_the_status(db):
    clusterer = Clusterer(db, FakeClock(T0))
    feed_all(clusterer, morning()[:5])
    corrected = clusterer.add(report("yna-en-c", "Yonhap (EN)",
                                     "(LEAD) N. Korea fires 3 ballistic missiles, JCS corrects", minutes=60,
                                     kind_of_source="wire", agency="JCS", count=3))[0]
    assert corrected.status == "corrected" and corrected.count == 3
    assert set(corrected.changes) >= {"status", "count"}
    # Confirmed before the correction, and still so beside it (the JCS and outlets said it).
    assert corrected.confirmed is True


def test_a_report_alone_is_not_confirmed_and_an_agency_confirms_it(db):
    clusterer = Clusterer(db, FakeClock(T0))
    (first,) = clusterer.add(report("blog-1", "Some Blog", "North Korea fires missile, blog says", minutes=1,
                                    kind_of_source="news"))
    assert (first.status, first.confirmed) == ("reported", False)
    (second,) = clusterer.add(report("jcs-1", "JCS", "N. Korea fires ballistic missile: JCS", minutes=3,
                                     kind_of_source="agency", agency="JCS"))
    assert (second.status, second.confirmed) == ("confirmed", True)


def test_a_retraction_walks_the_event_back_even_when_not_classified_a_launch(db):
    clusterer = Clusterer(db, FakeClock(T0))
    clusterer.add(report("nhk-1", "NHK", "North Korea may have fired ballistic missile: Japan government",
                         minutes=2, agency="Japan government"))
    walked = clusterer.add(report("nhk-2", "NHK", "Japan says object from North Korea was not a missile",
                                  minutes=40, kind=None, is_launch=False, confidence=0.2,
                                  agency="Japan MoD"))
    assert walked[0].status == "retracted" and walked[0].changes == ["status", "sources"]
    assert walked[0].kind == "ballistic"  # facts of the walked-back reports stay for the record


def test_a_walk_back_with_no_event_to_walk_back_opens_none(db):
    clusterer = Clusterer(db, FakeClock(T0))
    assert clusterer.add(report("r", "NHK", "Japan retracts missile alert", minutes=1, is_launch=False)) == []
    assert clusterer.add(report("r2", "NHK", "Japan retracts missile alert", minutes=1)) == []
    assert clusterer.open_events == []


def test_a_report_without_a_launch_time_hours_after_the_news_is_a_new_launch(db):
    clusterer = Clusterer(db, FakeClock(T0))
    first = clusterer.add(morning()[0])[0]
    later = clusterer.add(report("later", "Yonhap", "N. Korea fires ballistic missile", minutes=9 * 60,
                                 kind_of_source="wire"))[0]
    assert later.event_id != first.event_id and len(clusterer.open_events) == 2


def test_a_day_that_fits_no_launch_is_judged_as_no_stated_time(db):
    # A source in New York reads "early Thursday" as last week's Thursday.
    clusterer = Clusterer(db, FakeClock(T0))
    first = clusterer.add(morning()[0])[0]
    joined = clusterer.add(report("ap", "AP", "Missile fired early Thursday", minutes=30,
                                  launched_at=(T0 - timedelta(days=7)).replace(minute=0), time_words="early Thursday"))
    assert joined[0].event_id == first.event_id and joined[0].launched_at is None


def test_a_clock_time_after_the_launch_was_reported_twice_is_not_the_launch_time(db):
    """A strike many outlets had reported from 03:51 got the launch time 05:12, a later
    report's time of a missile entering another state's airspace: a launch is not after the
    reports of it."""
    clusterer = Clusterer(db, FakeClock(T0))
    first = clusterer.add(morning()[1])[0]
    clusterer.add(morning()[2])  # NHK, a second outlet, at 6 min
    joined = clusterer.add(report("late", "AP", "Missile entered airspace at 8:32", minutes=90, kind_of_source="wire",
                                  direction="East Sea", launched_at=T0 + timedelta(minutes=82), time_words="8:32"))
    assert joined[0].event_id == first.event_id and joined[0].launched_at is None
    # A time up to `publish_skew_s` after it is a source clock's error, kept.
    stated = clusterer.add(report("jcs", "Yonhap", "N. Korea fired at 7:24", minutes=95, kind_of_source="wire",
                                  agency="JCS", direction="East Sea", launched_at=T0 + timedelta(minutes=14),
                                  time_words="7:24"))
    assert stated[0].event_id == first.event_id and stated[0].launched_at == T0 + timedelta(minutes=14)


def test_one_feed_stamping_its_report_hours_early_does_not_hide_the_stated_time(db):
    """A feed's report of a launch stamped three hours before it (its clock, or its zone)
    made every stated time look later than the first report: the event said "time not
    stated" beside a report that stated it."""
    clusterer = Clusterer(db, FakeClock(T0))
    early = clusterer.add(report("wapo", "Washington Post", "North Korea fires ballistic missile toward sea",
                                 minutes=-170))[0]
    clusterer.add(report("bbg", "Bloomberg", "North Korea fires missile", minutes=95))
    stated = clusterer.add(report("aj", "Al Jazeera", "North Korea fires ballistic missile towards sea",
                                  minutes=217, launched_at=T0, time_words="7:10"))
    assert stated[-1].event_id == early.event_id and stated[-1].launched_at == T0


def test_a_retrospective_mention_neither_opens_nor_joins_an_event(db):
    clusterer = Clusterer(db, FakeClock(T0))
    assert clusterer.add(report("old", "Guardian", "Analysis: North Korea's launch last month", minutes=1,
                                retrospective=True)) == []
    assert clusterer.open_events == []
    clusterer.add(morning()[0])
    assert clusterer.add(report("old2", "Guardian", "Pyongyang's March launches recalled", minutes=9,
                                retrospective=True)) == []
    assert clusterer.open_events[0].revision == 1


def test_out_of_order_arrival_gives_the_same_final_facts(db):
    in_order = latest(feed_all(Clusterer(db, FakeClock(T0)), morning()))
    shuffled = morning()
    shuffled = shuffled[3:] + shuffled[:3][::-1]
    other = latest(feed_all(Clusterer(sqlite3.connect(":memory:"), FakeClock(T0)), shuffled))
    assert len(other) == 1
    a, b = next(iter(in_order.values())), next(iter(other.values()))
    facts = ("status", "actor", "kind", "count", "distance_km", "apogee_km", "launched_at",
             "first_reported_at", "source_count", "headline")
    assert {f: getattr(a, f) for f in facts} == {f: getattr(b, f) for f in facts}


def test_adding_a_report_again_returns_the_revisions_it_caused(db):
    clusterer = Clusterer(db, FakeClock(T0))
    stream = morning()
    first = [clusterer.add(r) for r in stream]
    again = [clusterer.add(r) for r in stream]
    # The same revisions, each followed by the event's latest where a later one exists: the
    # latest stays the last record of its key on the compacted topic.
    final = first[-1][-1]
    assert [a[:len(f)] for a, f in zip(again, first)] == first
    assert all(a[-1] == final for a in again) and again[-1] == first[-1]
    assert latest(feed_all(clusterer, stream))[first[0][0].event_id].revision == len(stream)


def test_a_restart_in_the_middle_of_a_stream_continues_without_duplicate_or_lost_revisions(tmp_path):
    stream = morning()
    path = tmp_path / "state.db"
    reference = feed_all(Clusterer(sqlite3.connect(":memory:"), FakeClock(T0)), stream)

    before = Clusterer(sqlite3.connect(path, isolation_level=None), FakeClock(T0))
    sent = feed_all(before, stream[:4])
    # Crash after the fifth report was stored but before its revision was sent: the
    # restarted stage handles it again and gets the same revision back.
    before.add(stream[4])
    after = Clusterer(sqlite3.connect(path, isolation_level=None), FakeClock(T0))
    sent += feed_all(after, stream[4:])
    assert [(e.event_id, e.revision, e.changes) for e in sent] == [
        (e.event_id, e.revision, e.changes) for e in reference]
    assert sent[-1].model_dump(exclude={"updated_at"}) == reference[-1].model_dump(exclude={"updated_at"})


def test_an_event_closes_after_inactivity_and_a_later_launch_opens_a_new_one(db):
    clock = FakeClock(T0)
    clusterer = Clusterer(db, clock)
    first = clusterer.add(morning()[0])[0]
    clock.now = T0 + timedelta(hours=40)
    next_day = clusterer.add(report("next", "Yonhap", "N. Korea fires ballistic missile", minutes=40 * 60,
                                    kind_of_source="wire"))[0]
    assert next_day.event_id != first.event_id and next_day.revision == 1
    assert [e.event_id for e in clusterer.open_events] == [next_day.event_id]
    # A late report of the closed launch reopens nothing and opens nothing.
    assert clusterer.add(report("late", "Guardian", "N. Korea fires missile", minutes=10)) == []


def test_an_edited_item_replaces_its_own_source(db):
    clusterer = Clusterer(db, FakeClock(T0))
    clusterer.add(report("kh", "Korea Herald", "North Korea fires missile", minutes=2))
    edited = clusterer.add(report("kh", "Korea Herald", "North Korea fires two missiles", minutes=2,
                                  count=2, revision=2))[0]
    assert edited.count == 2 and len(edited.sources) == 1 and edited.revision == 2


def test_the_same_article_in_two_feeds_of_its_outlet_is_one_source(db):
    clusterer = Clusterer(db, FakeClock(T0))
    first = clusterer.add(report("bbc-world", "BBC World", "North Korea fires missile", minutes=2))[0]
    again = report("bbc-top", "BBC Top Stories", "North Korea fires two missiles", minutes=3, count=2)
    again = again.model_copy(update={"url": first.sources[0].url})
    event = clusterer.add(again)[0]
    assert event.event_id == first.event_id and event.count == 2
    assert [s.url for s in event.sources] == [first.sources[0].url]
    # Another article of the same outlet is another source.
    other = clusterer.add(report("bbc-2", "BBC World", "North Korea fires two missiles", minutes=5, count=2))
    assert [len(e.sources) for e in other] == [2]


def test_replaying_the_same_reports_gives_the_same_event_ids(db):
    a = feed_all(Clusterer(db, FakeClock(T0)), morning())
    b = feed_all(Clusterer(sqlite3.connect(":memory:"), FakeClock(T0 + timedelta(days=3))), morning())
    assert [(e.event_id, e.revision) for e in a] == [(e.event_id, e.revision) for e in b]


def test_stale_marks_events_first_reported_long_before_now(db):
    event = Clusterer(db, FakeClock(T0 + timedelta(days=2))).add(morning()[0])[0]
    assert event.stale is True


@pytest.mark.parametrize(("title", "expected"), [
    ("(2nd LD) N. Korea fires 2 ballistic missiles, JCS corrects earlier report", "correction"),
    ("Japan says object was not a missile", "retraction"),
    ("Yonhap retracts report of North Korean launch", "retraction"),
    ("북한 미사일 발사 보도는 오보", "retraction"),
    ("防衛省、発射数を訂正", "correction"),
    ("North Korea fires ballistic missile", None),
])
def test_walk_back_cues(title, expected):
    assert walk_back(title) == expected


def test_small_rules():
    assert kinds_compatible("ballistic", "srbm") and kinds_compatible("mrbm", "satellite_launch")
    assert kinds_compatible("srbm", "artillery_rocket") and not kinds_compatible("icbm", "artillery_rocket")
    assert not kinds_compatible("cruise", "srbm") and not kinds_compatible("cruise", "satellite_launch")
    assert coast_of("East Sea") == "east" and coast_of("서해상") == "west" and coast_of(None) is None
    assert outlet_of("Yonhap (KO)") == outlet_of("Yonhap - North Korea") == "yonhap"


def test_a_later_smaller_count_does_not_shrink_a_salvo_but_a_correction_does():
    clock = FakeClock(T0)
    clusterer = Clusterer(sqlite3.connect(":memory:"), clock)
    reports = [
        report("a", "Kyiv Independent", "Russia launches missile attack on Kyiv", minutes=10, actor="RUS",
               kind="cruise", count=None),
        report("b", "BBC World", "Russia fires 40 missiles at Ukraine, air force says", minutes=50,
               actor="RUS", kind="cruise", count=40),
        report("c", "Guardian World", "Russian missile strike on Kyiv kills three", minutes=65,
               actor="RUS", kind="cruise", count=1),
    ]
    events = [e for r in reports for e in clusterer.add(r)]
    assert [e.count for e in events] == [None, 40, 40]
    fix = report("d", "AFP", "AFP corrects: Russia fired 38 missiles, not 40", minutes=90, actor="RUS",
                 kind="cruise", count=38)
    (corrected,) = clusterer.add(fix)
    assert corrected.count == 38 and corrected.status == "corrected"


def _counted(r: LaunchReport, cue: str) -> LaunchReport:
    return r.model_copy(update={"evidence": [*r.evidence, Evidence(cue=cue, text="", field="count")]})


def test_a_count_of_missiles_with_drones_yields_to_one_of_the_missiles_alone():
    clusterer = Clusterer(sqlite3.connect(":memory:"), FakeClock(T0))
    missiles = _counted(report("a", "Kyiv Independent", "Russia launched 110 missiles at Ukraine, air force says",
                               minutes=10, actor="RUS", kind="cruise", count=110), "count:number")
    both = _counted(report("b", "Polish Daily", "Russia sent over 150 missiles and drones", minutes=40, actor="RUS",
                           kind="cruise", count=150), "count:with_drones")
    clusterer.add(missiles)
    (event,) = clusterer.add(both)
    assert (event.count, event.count_includes) == (110, None) and "count" not in event.changes
    # Told the other way round, the missiles' own count replaces the larger one.
    clusterer = Clusterer(sqlite3.connect(":memory:"), FakeClock(T0))
    (first,) = clusterer.add(both.model_copy(update={"published_at": T0}))
    (event,) = clusterer.add(missiles)
    assert (first.count, first.count_includes, event.count, event.count_includes) == (150, "drones", 110, None)
    assert "count" in event.changes



def test_a_count_of_several_classes_is_published_as_such_and_kept():
    clusterer = Clusterer(sqlite3.connect(":memory:"), FakeClock(T0))
    several = _counted(report("k", "Kyiv Independent", "Russia fired 52 missiles, including hypersonic Kinzhals",
                              minutes=10, actor="RUS", kind="hypersonic", count=52), "count:of_classes")
    (event,) = clusterer.add(several)
    assert [s.count_of_classes for s in event.sources] == [True]
    assert Source.from_json(source_from_report(several, seq=1).to_json()).count_of_classes
    # State written before the flag existed reads as a count of one class.
    old = {k: v for k, v in source_from_report(several, seq=1).to_json().items() if k != "count_of_classes"}
    assert Source.from_json(old).count_of_classes is False


def test_a_stored_source_keeps_what_else_its_count_counts():
    source = source_from_report(_counted(report("b", "Polish Daily", "Russia sent over 150 missiles and bombs", minutes=5,
                                                actor="RUS", count=150), "count:with_bombs"), seq=1)
    assert Source.from_json(source.to_json()).count_with == "bombs"
    # State written before the other arms were named keeps its count apart, unnamed.
    before = {k: v for k, v in source.to_json().items() if k != "count_with"} | {"count_weak": True}
    assert Source.from_json(before).count_with == "other arms"


def test_an_agency_flash_arriving_late_does_not_undo_a_known_count_and_class():
    clusterer = Clusterer(sqlite3.connect(":memory:"), FakeClock(T0))
    news = report("kh-2", "Korea Herald", "N. Korea fires two short-range ballistic missiles", minutes=8,
                  kind="srbm", count=2)
    flash = report("yna-en-1", "Yonhap (EN)", "(URGENT) N. Korea fires unidentified ballistic missile: JCS",
                   minutes=3, kind_of_source="wire", agency="JCS", kind="ballistic", count=1)
    clusterer.add(news)
    (after_flash,) = clusterer.add(flash)
    assert (after_flash.kind, after_flash.count) == ("srbm", 2)
    assert after_flash.status == "confirmed" and "count" not in after_flash.changes


def test_a_report_stamped_in_the_future_counts_from_when_it_was_seen(tmp_path):
    """A source's wrong clock ("2099") must not make the event first reported in 2099:
    heading every list, never growing stale. Within `publish_skew_s` the stamp is kept."""
    clusterer = Clusterer(sqlite3.connect(":memory:"), FakeClock(T0 + timedelta(minutes=5)))
    wrong = report("future-1", "Clockless Times", "North Korea fires ballistic missile", minutes=4)
    wrong = wrong.model_copy(update={"published_at": datetime(2099, 1, 1, tzinfo=timezone.utc)})
    (event,) = clusterer.add(wrong)
    assert event.first_reported_at == wrong.first_seen_at
    slightly = report("skew-1", "Fast Clock News", "Iran fires ballistic missile", minutes=4, actor="IRN")
    slightly = slightly.model_copy(update={"published_at": slightly.first_seen_at + timedelta(minutes=10)})
    (event,) = clusterer.add(slightly)
    assert event.first_reported_at == slightly.published_at  # 10 min ahead: within the 15 of publish_skew_s


def test_what_a_launch_report_did_is_told_when_it_publishes_nothing():
    clusterer = Clusterer(sqlite3.connect(":memory:"), FakeClock(T0 + timedelta(minutes=5)))
    assert clusterer.add(report("anon-1", "Wire", "Ballistic missile fired into the sea", minutes=1, actor=None)) == []
    assert (clusterer.last_decision.action, clusterer.last_decision.reason) == ("open", "held")
    assert clusterer.last_decision.state is not None
    assert clusterer.add(report("old-1", "Wire", "North Korea fired missiles last year", minutes=2,
                                retrospective=True)) == []
    assert (clusterer.last_decision.action, clusterer.last_decision.reason) == ("ignore", "retrospective")
    assert clusterer.add(report("prk-1", "Wire", "North Korea fires ballistic missile", minutes=3))
    assert clusterer.last_decision.action in ("open", "join") and clusterer.last_decision.reason != "held"


async def test_the_events_stage_logs_why_a_detected_launch_published_nothing():
    from structlog.testing import capture_logs

    from services.events.worker import ClusterHandler
    from services.runtime.bus import Record
    from services.runtime.memory_bus import MemoryBus

    bus = MemoryBus("t.")
    await bus.start()
    handler = ClusterHandler(bus.producer(), Clusterer(sqlite3.connect(":memory:"), FakeClock(T0)),
                             events_topic="t.events")
    held = report("anon-1", "Wire", "Ballistic missile fired into the sea", minutes=1, actor=None)
    with capture_logs() as logs:
        await handler(Record("t.reports", 0, 0, b"anon-1", held.to_bytes()))
    (line,) = [l for l in logs if l["event"] == "report_unpublished"]
    assert line["item_id"] == "anon-1" and line["reason"] == "held" and line["event_id"].startswith("evt_")
    await bus.close()


def test_changes_name_a_report_that_moves_the_first_report_back_and_a_stale_flag():
    from services.events.state import changes_between

    before = Clusterer(sqlite3.connect(":memory:"), FakeClock(T0)).add(
        report("a", "Wire", "North Korea fires ballistic missile", minutes=5))[0]
    earlier = before.model_copy(update={"revision": 2, "first_reported_at": before.first_reported_at
                                        - timedelta(minutes=10)})
    assert changes_between(before, earlier) == ["sources"]
    assert changes_between(before, before.model_copy(update={"revision": 2, "stale": True})) == ["stale"]


def test_a_launch_day_told_without_its_hour_is_shown_as_that_day_until_a_time_is_stated(db):
    from services.notify.wording import facts

    saturday = datetime(2026, 3, 5).date()
    day_only = report("abc-1", "ABC", "North Korea fires missile on Thursday", minutes=30, kind_of_source="news",
                      launched_at=T0 + timedelta(hours=5), time_words="on Thursday", time_cue="launched_at:date")
    day_only = day_only.model_copy(update={"fields": day_only.fields.model_copy(update={"launched_on": saturday})})
    clusterer = Clusterer(db, FakeClock(T0 + timedelta(minutes=31)))
    [event] = latest(clusterer.add(day_only)).values()
    assert event.launched_on == saturday
    shown = {f.label: f.value for f in facts(event)}
    assert shown["Launched"] == "2026-03-05 (local date, time not stated)"
    timed = report("yna-en-9", "Yonhap (EN)", "N. Korea fired a missile at 7:10 a.m.: JCS", minutes=40,
                   kind_of_source="wire", agency="JCS", launched_at=T0, time_words="7:10 a.m.",
                   time_cue="launched_at:time")
    [event] = latest(clusterer.add(timed)).values()
    assert event.launched_on is None and event.launched_at == T0
    assert {f.label: f.value for f in facts(event)}["Launched"] == "2026-03-04 22:10 UTC"


def test_an_agency_bulletin_that_leads_still_says_who_reports(db):
    clusterer = Clusterer(db, FakeClock(T0 + timedelta(minutes=50)))
    feed_all(clusterer, [
        report("kh-1", "Korea Herald", "North Korea fires ballistic missile", minutes=5, kind_of_source="news"),
    ])
    [event] = latest(clusterer.add(report("mod-9", "Japan MoD", "北朝鮮のミサイル発射について（第3報）", minutes=45,
                                        kind_of_source="agency", agency=None, lang="ja", distance_km=350))).values()
    # The bulletin leads (who reports), the English report heads it for readers of English.
    assert event.source_agency == "Japan MoD" and event.headline == "North Korea fires ballistic missile"


def test_a_named_sea_wins_over_the_sea_a_flash_said_whatever_their_authority(db):
    clusterer = Clusterer(db, FakeClock(T0 + timedelta(minutes=50)))
    events = feed_all(clusterer, [
        report("jcs-1", "JCS", "N. Korea fires ballistic missile into the sea", minutes=3, kind_of_source="agency",
               agency="JCS", direction="sea"),
        report("fox-1", "Fox News", "North Korea fires ballistic missile into Yellow Sea", minutes=20,
               direction="Yellow Sea"),
    ])
    assert events[-1].direction == "Yellow Sea"


def test_a_mass_strike_on_many_cities_goes_toward_the_state_not_the_city_one_report_led_with(db):
    def strike(item_id, direction, minutes, count=None, agency=None):
        return report(item_id, item_id.split("-")[0], f"Russian missiles hit {direction}", minutes=minutes,
                      actor="RUS", kind="cruise", count=count, direction=direction, agency=agency,
                      kind_of_source="wire" if agency else "news")
    clusterer = Clusterer(db, FakeClock(T0 + timedelta(minutes=90)))
    events = feed_all(clusterer, [
        strike("wire-1", "Kharkiv", 5, agency="Ukraine Air Force"),
        strike("news-1", "Kyiv", 20), strike("news2-1", "Odesa", 25), strike("news3-1", "Ukraine", 30, count=81),
    ])
    assert (events[-1].count, events[-1].direction) == (81, "Ukraine")
    # Two reports of three missiles on two cities keep the city.
    events = feed_all(Clusterer(sqlite3.connect(":memory:", isolation_level=None), FakeClock(T0 + timedelta(minutes=90))), [
        strike("wire-1", "Kharkiv", 5, count=3, agency="Ukraine Air Force"), strike("news-1", "Kyiv", 20),
        strike("news3-1", "Ukraine", 30),
    ])
    assert events[-1].direction == "Kharkiv"


def test_a_live_blogs_title_does_not_head_the_event_when_a_headline_tells_the_launch(db):
    told = [Evidence(cue="title_event", text="fires missiles", field=None)]
    blog = report("wapo-1", "Washington Post", "Russia-Ukraine war live: day 380", minutes=5, actor="RUS",
                  kind="cruise", kind_of_source="wire", agency="Ukraine Air Force")
    news = report("bbc-1", "BBC", "Russia fires missiles at cities across Ukraine", minutes=12, actor="RUS",
                  kind="cruise").model_copy(update={"evidence": told})
    events = feed_all(Clusterer(db, FakeClock(T0 + timedelta(minutes=20))), [blog, news])
    assert events[-1].headline == "Russia fires missiles at cities across Ukraine"


def test_the_launchers_own_media_does_not_take_reported_by_from_the_observing_agency(db):
    """KCNA's word the next morning made "Reported by KCNA" and its headline the event's,
    while the alerts had said JCS."""
    clusterer = Clusterer(db, FakeClock(T0))
    clusterer.add(report("yna-1", "Yonhap (EN)", "N. Korea fires 2 ballistic missiles into East Sea: JCS",
                         minutes=3, kind_of_source="wire", agency="JCS", count=2))
    [event] = clusterer.add(report("yna-2", "Yonhap (EN)", "N. Korea says it tested new-type tactical ballistic "
                                   "missiles", minutes=300, kind_of_source="wire", agency="KCNA", count=2))
    assert event.source_agency == "JCS" and event.headline.endswith(": JCS")
    assert event.status == "confirmed"


def test_the_targets_state_media_is_no_claim_by_the_launcher(db):
    clusterer = Clusterer(db, FakeClock(T0))
    [event] = clusterer.add(report("aj-1", "Al Jazeera", "Israeli missiles hit sites near Damascus, Syrian state "
                                   "media says", minutes=2, actor="ISR", kind="unknown", agency="Syrian state media"))
    assert event.status == "reported"
    [bare] = clusterer.add(report("aj-3", "Al Jazeera", "Israeli air attack hits Damascus area, state media says",
                                  minutes=2, actor="ISR", kind="unknown", agency="state media"))
    assert bare.status == "reported"  # Israel keeps no state media: the target's
    [claimed] = clusterer.add(report("aj-2", "Al Jazeera", "North Korea fires missile, state media says", minutes=3,
                                     agency="North Korean state media"))
    assert claimed.status == "claimed"


def test_past_the_kept_sources_an_outlets_report_of_the_events_values_is_kept_over_ones_that_say_less(db):
    """Past 20 reports, Reuters' and AP's reports of two missiles were dropped (their earlier
    "a missile" flashes kept), and the page credited them only with saying one."""
    from services.events.state import FIRST_SOURCES, MAX_SOURCES

    clusterer = Clusterer(db, FakeClock(T0))
    reports = [report(f"flash-{n}", f"Outlet {n}", "North Korea fires a missile", minutes=1 + n, count=1,
                      kind_of_source="wire") for n in range(FIRST_SOURCES)]
    reports.append(report("jcs", "Yonhap (EN)", "N. Korea fires 2 ballistic missiles: JCS", minutes=10, count=2,
                          kind_of_source="wire", agency="JCS"))
    reports += [report(f"twice-{name}", name, "North Korea fires two ballistic missiles", minutes=20, count=2,
                       kind_of_source="wire") for name in ("Reuters", "AP")]
    reports += [report(f"more-{n}", f"Paper {n}", "North Korea fires ballistic missile again", minutes=30 + n,
                       kind_of_source="wire") for n in range(MAX_SOURCES)]
    final = latest(feed_all(clusterer, reports))
    [event] = final.values()
    assert event.count == 2 and event.sources_omitted > 0
    kept = {s.item_id for s in event.sources}
    assert {"twice-Reuters", "twice-AP", "jcs"} <= kept
