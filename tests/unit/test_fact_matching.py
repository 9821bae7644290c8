"""How an extracted fact is judged against its free-text label (training's fact figures)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from schemas.models import LaunchFields
from services.classify.training import dataset
from services.classify.training.evaluate import measure
from services.classify.training.facts import (
    FactFigures, agency_matches, direction_matches, fact_matches, label_count, label_dates, label_hour,
    label_zone, quantity_matches, site_matches, time_matches,
)

# Saturday 18 February 2023, 11:33 UTC (20:33 in Seoul, 13:33 in Kyiv).
PUBLISHED = datetime(2023, 2, 18, 11, 33, tzinfo=timezone.utc)


@pytest.mark.parametrize(("label", "number"), [
    (3, 3), ("at least 7", 7), ("more than 80", 80), ("około 110", 110), ("co najmniej dwie", 2),
    ("at least one", 1), ("Over 150 missiles and drones", 150), ("several", None), ("multiple", None),
    ("two dozen", 24), ("over two dozen", 24),
])
def test_a_count_label_gives_its_number(label, number):
    assert label_count(label) == number


def test_a_count_matches_the_labelled_number_and_a_vague_label_matches_no_count():
    assert fact_matches("count", "at least 7", 7) and not fact_matches("count", "at least 7", 8)
    assert fact_matches("count", "several", None) and not fact_matches("count", "several", 3)


@pytest.mark.parametrize(("label", "got", "matches"), [
    (700, 640.0, True), (700, 620.0, False),  # within 10 %, not beyond
    ("435 mi (~700)", 700.0, True), ("435 mi (~700)", 435.0, False),  # the km in parentheses
    ("780 (JCS); 850-900 (Japan MoD)", 880.0, True), ("780 (JCS); 850-900 (Japan MoD)", 820.0, True),
    ("780 (JCS); 850-900 (Japan MoD)", 1100.0, False),
    ("several hundred miles", None, True), ("several hundred miles", 500.0, False),
    (360, None, False),
])
def test_a_distance_is_within_ten_percent_or_inside_the_labelled_range(label, got, matches):
    assert quantity_matches(label, got) is matches


@pytest.mark.parametrize(("label", "got", "matches"), [
    ("into the sea", "sea", True), ("toward waters off its eastern coast", "East Sea", True),
    ("Off East Coast", "Sea of Japan", True), ("toward waters off its western coast", "East Sea", False),
    ("toward the Yellow Sea", "Yellow Sea", True), ("w kierunku Morza Japońskiego", "Sea of Japan", True),
    ("Kijów", "Kijowa", True), ("Kyiv, Kharkiv, Odesa", "Odesa", True), ("Kyiv", "Black Sea", False),
    ("into the sea", "Japan", False), ("polska przestrzeń powietrzna", "polską przestrzeń powietrzną", True),
    ("Kyiv", None, False),
    # A Polish place of the news matches its English name, and no other.
    ("Kijów", "Kyiv", True), ("rejon Charkowa", "Kharkiv", True), ("Kijów", "Lviv", False),
    # Korean and Japanese seas, written inside a word, by their side.
    ("동해상", "East Sea", True), ("日本のEEZ外の日本海", "Sea of Japan", True), ("黄海に向けて", "Yellow Sea", True),
    ("서해상으로", "East Sea", False), ("南方向", "Yellow Sea", False),
    # One sea named in the label's language and in English; not another sea.
    ("홍해", "Red Sea", True), ("アラビア海", "Arabian Sea", True), ("흑해", "Red Sea", False),
    # A Polish heading, its hyphen and all.
    ("w kierunku północno-wschodnim", "northeast", True), ("na północny wschód", "north", False),
])
def test_a_direction_matches_by_sea_and_side_or_by_place(label, got, matches):
    assert direction_matches(label, got) is matches


@pytest.mark.parametrize(("label", "got", "matches"), [
    ("Sunan area, Pyongyang", "the Sunan area in Pyongyang", True), ("Tongchang-ri area", "Tongchang-ri", True),
    ("inland areas", "inland areas", True), ("its east coast", "the east coast", True),
    # The words for what a place is match nothing alone.
    ("its east coast", "the west coast", False), ("Hamhung area", "the Wonsan area", False),
    ("Jangyon area, South Hwanghae Province", "Chunghwa County, North Hwanghae Province", True),
    ("평양 순안 일대", "순안 일대", True), ("北朝鮮西岸の黄州付近", "北朝鮮西岸", True), ("동창리 일대", "평양 일대", False),
    ("Sunan area", None, False),
])
def test_a_launch_site_matches_by_a_place_both_name(label, got, matches):
    assert site_matches(label, got) is matches


@pytest.mark.parametrize(("label", "got", "matches"), [
    ("South Korea's Joint Chiefs of Staff", "JCS", True), ("South Korea's Joint Chiefs of Staff", "ROK military", False),
    ("South Korea", "JCS", True), ("South Korea", "South Korea", True), ("South Korea", "Japan MoD", False),
    ("Ukrainian officials", "Ukraine", True), ("Enerhoatom", "Ukraine", False), ("state media", "state media", True),
    # Any source of a list; a name as written, or held in the other (whole words in an
    # alphabet, anywhere in Korean and Japanese).
    ("JCS; Japan MoD", "Japan MoD", True), ("政府", "政府", True),
    ("国家宇宙開発局; 朝鮮中央通信", "北朝鮮の国家宇宙開発局", True), ("AP", "Japan MoD", False),
])
def test_an_agency_matches_the_agency_the_label_names_or_its_state(label, got, matches):
    assert agency_matches(label, got) is matches


@pytest.mark.parametrize(("label", "got", "matches"), [
    ("Zełenski", "Zelenskyy", True),  # first five letters, accents removed, ł as l
    ("prezydent Wołodymyr Zełenski", "Zelensky", True),
    ("the city's military administration", "Lutsk City Military Administration", True),
    ("Petrenko", "Petrov", False),  # four letters in common, not five
    ("Jan Kowal", "Jan Nowak", False),  # "Jan" has fewer than four letters
    ("the army", "Army", True),  # a four-letter word is compared whole
])
def test_a_person_or_body_matches_by_a_shared_word_where_the_label_names_no_agency_or_state(label, got, matches):
    assert agency_matches(label, got) is matches


def test_a_weekday_label_is_the_latest_such_day_on_or_before_publication():
    seoul = label_zone("PRK")
    assert label_dates("Saturday", PUBLISHED, seoul) == {datetime(2023, 2, 18).date()}
    assert label_dates("early Thursday", PUBLISHED, seoul) == {datetime(2023, 2, 16).date()}
    assert label_dates("w nocy ze środy na czwartek", PUBLISHED, seoul) == {datetime(2023, 2, 15).date(),
                                                                          datetime(2023, 2, 16).date()}
    assert label_dates("W nocy 29 grudnia", PUBLISHED, seoul) == {datetime(2022, 12, 29).date()}
    # No date in the label: the publication day or the day before.
    assert label_dates("overnight", PUBLISHED, seoul) == {datetime(2023, 2, 18).date(), datetime(2023, 2, 17).date()}


def test_a_launch_time_matches_on_the_local_date_and_the_hour_where_the_label_gives_one():
    kyiv = label_zone("RUS")
    assert label_hour("11am") == 11 and label_hour("ok. 2 w nocy czasu moskiewskiego") == 2
    assert label_hour("Saturday afternoon") is None
    # Saturday 09:00 in Kyiv is 07:00 UTC; Friday 23:00 in Kyiv is 21:00 UTC on Friday.
    assert time_matches("Saturday", datetime(2023, 2, 18, 7, 0, tzinfo=timezone.utc), PUBLISHED, kyiv)
    assert not time_matches("Saturday", datetime(2023, 2, 17, 21, 0, tzinfo=timezone.utc), PUBLISHED, kyiv)
    assert time_matches("11am", datetime(2023, 2, 18, 9, 0, tzinfo=timezone.utc), PUBLISHED, kyiv)
    assert not time_matches("11am", datetime(2023, 2, 18, 10, 0, tzinfo=timezone.utc), PUBLISHED, kyiv)
    assert not time_matches("Saturday", None, PUBLISHED, kyiv)


@pytest.mark.parametrize(("label", "hour"), [
    # The hour of a clock with a.m. or p.m., even after "at" or "about".
    ("on Friday night, at 11:17 p.m. local time", 23),
    ("at about 7:30 p.m. on Monday", 19),
    ("at 12:01 a.m. Pacific time on Wednesday", 0),
    # Korean and Japanese hours with their morning or afternoon word.
    ("전날 오후 9시 50분께", 21),
    ("同日午前9時59分ごろ", 9),
    # The 24-hour clock.
    ("około godz. 23:30 czasu polskiego", 23),
    ("지난 13일 밤", None),
])
def test_the_hour_a_label_gives(label, hour):
    assert label_hour(label) == hour


def test_a_label_is_read_in_the_zone_it_names_for_its_clock():
    seoul = label_zone("PRK")
    # 10:15 p.m. ET on Wednesday 14 December 2022 is 03:15 UTC on Thursday, 12:15 in Seoul.
    published = datetime(2022, 12, 15, 11, 20, tzinfo=timezone.utc)
    got = datetime(2022, 12, 15, 3, 15, tzinfo=timezone.utc)
    assert time_matches("at about 10:15 p.m. ET Wednesday", got, published, seoul)
    assert not time_matches("at about 10:15 p.m. Wednesday", got, published, seoul)
    # A Polish label in Polish time; "local time" is the launching region's.
    assert time_matches("około godz. 23:30 czasu polskiego", datetime(2022, 11, 22, 22, 30, tzinfo=timezone.utc),
                        datetime(2022, 11, 23, 5, 30, tzinfo=timezone.utc), seoul)
    assert time_matches("at 11:17 p.m. local time", datetime(2023, 2, 17, 14, 17, tzinfo=timezone.utc), PUBLISHED,
                        seoul)


def test_a_korean_or_japanese_place_matches_the_label_holding_it():
    assert direction_matches("首都キーウ", "キーウ")
    assert direction_matches("イスラエル北部ハイファ周辺", "ハイファ周辺")
    assert not direction_matches("中部テルアビブ方面", "イスラエル中部")


def test_a_korean_or_japanese_label_gives_its_day_of_the_month():
    seoul = label_zone("PRK")
    assert label_dates("지난 13일 밤", PUBLISHED, seoul) == {datetime(2023, 2, 13).date()}
    assert label_dates("1月28日午前", PUBLISHED, seoul) == {datetime(2023, 1, 28).date()}
    assert label_dates("前日午後", PUBLISHED, seoul) == {datetime(2023, 2, 18).date(), datetime(2023, 2, 17).date()}


def test_with_no_launcher_labelled_the_launch_time_is_read_in_the_zone_of_the_labelled_direction():
    # 2 p.m. in Israel is 12:00 UTC in February: read in UTC, the label's hour would be 14.
    labels = {"direction": "toward central Israel", "launch_time": "shortly after 2 p.m."}
    figures = FactFigures()
    figures.add(labels, LaunchFields(launched_at=datetime(2023, 2, 18, 12, 5, tzinfo=timezone.utc)), PUBLISHED, None,
                "item", [])
    assert figures.as_dict()["launch_time"]["matched"] == 1


def test_every_labelled_fact_is_counted_and_a_fact_labelled_null_is_a_false_one():
    figures, mistakes = FactFigures(), []
    labels = {"count": 2, "distance_km": None, "direction": "into the sea", "source_agency": "JCS",
              "launch_site": "its east coast", "launch_time": None}
    figures.add(labels, LaunchFields(count=3, distance_km=600.0, direction="East Sea"), PUBLISHED, "PRK", "item",
                mistakes)
    found = figures.as_dict()
    assert (found["count"]["labelled"], found["count"]["extracted"], found["count"]["matched"]) == (1, 1, 0)
    assert found["direction"]["matched"] == 1
    assert (found["source_agency"]["extracted"], found["source_agency"]["matched"]) == (0, 0)
    assert (found["distance_km"]["labelled_null"], found["distance_km"]["false_facts"]) == (1, 1)
    assert (found["launch_site"]["labelled"], found["launch_site"]["matched"]) == (1, 0)
    assert sorted(m.split()[0] + " " + m.split()[1] for m in mistakes) == [
        "FACT_FALSE distance_km", "FACT_MISSED launch_site", "FACT_MISSED source_agency", "FACT_WRONG count"]


def test_the_training_figures_read_facts_with_the_items_publication_time():
    from services.classify.classifier import Classification

    seen = []

    def classify(title, summary, lang, published_at):
        seen.append(published_at)
        return Classification(True, 0.9, LaunchFields(launched_at=datetime(2023, 2, 18, 1, 0, tzinfo=timezone.utc)),
                              (), "en", True, False)

    launch = dataset.Example(key="https://example.org/a", title="North Korea fires missile on Saturday", summary="",
                             lang="en", is_launch=True, fields={"actor": "PRK", "launch_time": "Saturday"},
                             day="2023-02-18", outlet="example", published="2023-02-18 11:33:41+00:00")
    figures = measure([launch], classify)
    assert seen[0] == datetime(2023, 2, 18, 11, 33, 41, tzinfo=timezone.utc)
    assert figures.as_dict()["facts"]["launch_time"]["matched"] == 1


def test_items_published_without_a_summary_are_counted_as_published():
    from services.classify.classifier import Classification

    def classify(title, summary, lang, published_at):
        # A stand-in that reads launches only in summaries: a headline alone is never one.
        return Classification("fired" in summary, 0.9, LaunchFields(), (), "en", True, False)

    def item(key, summary, is_launch):
        return dataset.Example(key=key, title="Missile news", summary=summary, lang="en", is_launch=is_launch,
                               fields=None, day="2023-02-18", outlet="example")

    figures = measure([item("a", "North Korea fired a missile.", True), item("b", "<p> </p>", True),
                       item("c", "", False)], classify).as_dict()
    # The headline copies of all three miss both launches; of the items published with no
    # summary (tags alone count as none), one launch is missed and one non-launch is right.
    assert (figures["headlines_only"]["tp"], figures["headlines_only"]["fn"]) == (0, 2)
    assert {k: figures["published_without_summary"][k] for k in ("tp", "fn", "tn", "fp")} == {
        "tp": 0, "fn": 1, "tn": 1, "fp": 0}
