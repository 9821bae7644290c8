"""Fields a user sees on a launch report: hand-written cases in tests/data/classify_cases.jsonl."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from services.classify import timeparse
from services.classify.classifier import classify

CASES_PATH = Path(__file__).resolve().parents[1] / "data" / "classify_cases.jsonl"
CASES = [json.loads(line) for line in CASES_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
FIELD_CASES = [c for c in CASES if c["expect"]["is_launch"] and len(c["expect"]) > 1]


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def _run(case: dict):
    return classify(case["title"], case.get("summary", ""), lang=case.get("lang"),
                    published_at=_when(case.get("published_at")), source_tz=case.get("source_tz"))


@pytest.mark.parametrize("case", FIELD_CASES, ids=[c["id"] for c in FIELD_CASES])
def test_fields_of_hand_written_launch_reports(case):
    result = _run(case)
    assert result.is_launch, case["title"]
    for name, want in case["expect"].items():
        if name == "is_launch":
            continue
        got = getattr(result.fields, name)
        if name == "launched_at":
            want = _when(want)
        assert got == want, f"{name}: want {want!r}, got {got!r} in {case['title']!r}"


@pytest.mark.parametrize("case", FIELD_CASES, ids=[c["id"] for c in FIELD_CASES])
def test_every_found_field_has_evidence_pointing_at_its_words(case):
    result = _run(case)
    raw = case["title"] + "\n" + case.get("summary", "")
    fields = result.fields.model_dump()
    for name, value in fields.items():
        if value is None:
            continue
        # The day of a launch time told without its hour rests on that time's words.
        ev = [e for e in result.evidence if e.field == ("launched_at" if name == "launched_on" else name)]
        assert ev, f"no evidence for {name}"
        for e in ev:
            assert 0 <= e.start <= e.end <= len(raw)


def test_not_a_launch_has_no_fields():
    result = classify("Apple launches new iPhone", "")
    assert not result.is_launch
    assert all(v is None for v in result.fields.model_dump().values())


def test_miles_without_km_are_converted():
    result = classify("North Korea fires missile", "The missile flew 310 miles before splashing down.")
    assert result.fields.distance_km == 499.0


def test_stated_range_is_not_distance_flown():
    result = classify("India test-fires Agni-III missile", "The missile has a range of more than 3,000 km.")
    assert result.is_launch
    assert result.fields.distance_km is None


def test_count_words_without_number_give_none():
    assert classify("North Korea fires several cruise missiles", "").fields.count is None
    assert classify("Russia fires dozens of missiles at Ukraine", "").fields.count is None
    assert classify("North Korea fires a ballistic missile", "").fields.count == 1
    assert classify("North Korea fires three ballistic missiles", "").fields.count == 3
    assert classify("Houthis fire more than 20 missiles at ships", "").fields.count == 20
    # "100여 발", over a hundred, counts as its number.
    assert classify("러, 우크라에 미사일 100여 발 발사", "").fields.count == 100


@pytest.mark.parametrize(("title", "count"), [
    # A designation's number is no count; the launch's singular weapon is one.
    ("Japan fires Type 12 anti-ship missile on home soil for first time", 1),
    ("US Navy test-fires Block 5 Tomahawk missile", 1),
    ("Japan fires 12 anti-ship missiles in drill", 12),
    # A number before one weapon names it: "Hwasong 15 missile", "Simorgh 2 rocket".
    ("North Korea test-fires Hwasong 15 missile", 1),
    ("Iran launches satellite on Simorgh 2 rocket", 1),
])
def test_a_designations_number_is_not_a_count(title, count):
    assert classify(title, "").fields.count == count


@pytest.mark.parametrize(("title", "summary", "count"), [
    # A headline's magnitude ("dozens", "数千発") lets the summary's number of that size
    # count; "several" does not, nor a number too small for the magnitude.
    ("Hezbollah fires dozens of rockets at northern Israel", "About 35 rockets were fired, the army said.", 35),
    ("ハマス、イスラエルにロケット弾数千発", "ハマスは5000発以上を発射したと主張した。", 5000),
    ("North Korea fires several missiles", "Two of them flew 600 km.", None),
    ("Hezbollah fires dozens of rockets at northern Israel", "Two hit a house in Metula.", None),
])
def test_a_headlines_magnitude_lets_a_summary_number_count(title, summary, count):
    assert classify(title, summary).fields.count == count


def test_reporting_country_is_not_the_actor():
    result = classify("South Korea says North Korea fired ballistic missile", "")
    assert result.fields.actor == "PRK"
    result = classify("Japan's defense ministry: China fired missiles into waters near Taiwan", "")
    assert result.fields.actor == "CHN"


def test_target_is_not_the_actor():
    result = classify("Missile hits Kyiv hospital in barrage of Russian strikes", "")
    assert result.fields.actor == "RUS"
    result = classify("イランがイスラエルに弾道ミサイル発射", "")
    assert result.fields.actor == "IRN"


PUB = datetime(2024, 3, 20, 3, 0, tzinfo=timezone.utc)  # Wednesday 12:00 in Seoul and Tokyo


def test_weekday_is_latest_such_day_on_or_before_publication():
    got, _ = timeparse.resolve_launch_time("fired on Monday at 6:14 a.m.", "en", PUB, "Asia/Seoul")
    assert got == datetime(2024, 3, 17, 21, 14, tzinfo=timezone.utc)
    got, _ = timeparse.resolve_launch_time("fired on Wednesday", "en", PUB, "Asia/Seoul")
    assert got == datetime(2024, 3, 20, 3, 0, tzinfo=timezone.utc)  # noon that day


def test_time_later_than_publication_is_the_day_before():
    got, _ = timeparse.resolve_launch_time("detected at 11:30 p.m.", "en", PUB, "Asia/Seoul")
    assert got == datetime(2024, 3, 19, 14, 30, tzinfo=timezone.utc)


def test_explicit_zone_wins_over_source_zone():
    got, _ = timeparse.resolve_launch_time("at 3:01 pm (KST)", "en", PUB, "UTC")
    assert got == datetime(2024, 3, 19, 6, 1, tzinfo=timezone.utc)


def test_korean_and_japanese_clock_times():
    got, _ = timeparse.resolve_launch_time("북한이 18일 오전 7시 44분경 발사", "ko", PUB, "Asia/Seoul")
    assert got == datetime(2024, 3, 17, 22, 44, tzinfo=timezone.utc)
    got, _ = timeparse.resolve_launch_time("18日午後3時ごろ発射", "ja", PUB, "Asia/Tokyo")
    assert got == datetime(2024, 3, 18, 6, 0, tzinfo=timezone.utc)


def test_month_day_without_year_is_not_in_the_future():
    new_year = datetime(2024, 1, 2, 3, 0, tzinfo=timezone.utc)
    got, _ = timeparse.resolve_launch_time("on December 30 at 8:24 am (KST)", "en", new_year, "UTC")
    assert got == datetime(2023, 12, 29, 23, 24, tzinfo=timezone.utc)


@pytest.mark.parametrize("text", [
    "the war began on 24 February 2022",
    "its first launch since January 1",
    "on December 18 at 8:24 am (KST)",
])
def test_a_date_more_than_a_week_before_the_report_is_another_events(text):
    got, _ = timeparse.resolve_launch_time(text, "en", PUB, "UTC")
    assert got is None


def test_a_date_within_the_week_before_the_report_is_the_launchs():
    got, _ = timeparse.resolve_launch_time("fired on March 14", "en", PUB, "UTC")
    assert got == datetime(2024, 3, 14, 12, 0, tzinfo=timezone.utc)


def test_no_publication_time_resolves_only_full_dates():
    got, _ = timeparse.resolve_launch_time("on Monday at 7:10 a.m.", "en", None, "Asia/Seoul")
    assert got is None
    got, _ = timeparse.resolve_launch_time("on February 26, 2025", "en", None, "Asia/Seoul")
    assert got == datetime(2025, 2, 26, 3, 0, tzinfo=timezone.utc)


def test_no_time_words_no_launch_time():
    got, _ = timeparse.resolve_launch_time("North Korea fired a missile", "en", PUB, "Asia/Seoul")
    assert got is None


def test_date_of_another_event_is_not_used_for_the_launch_time():
    result = classify("ROK JCS reported North Korea tested cruise missiles at around 7:00 am (KST).",
                      "They flew farther than in the earlier test on January 24th.",
                      published_at=datetime(2024, 1, 30, 3, 0, tzinfo=timezone.utc))
    assert result.fields.launched_at == datetime(2024, 1, 29, 22, 0, tzinfo=timezone.utc)


def test_korean_peninsula_launch_times_are_read_in_seoul_time_without_an_agency():
    result = classify("North Korea's satellite launch ends in failure on Monday",
                      "The rocket was fired at around 10:44 PM but exploded in flight.",
                      published_at=datetime(2024, 5, 28, 1, 0, tzinfo=timezone.utc))
    assert result.fields.launched_at == datetime(2024, 5, 27, 13, 44, tzinfo=timezone.utc)


def test_ordinal_anniversary_is_not_a_date():
    got, _ = timeparse.resolve_launch_time("fired a missile on the 11th anniversary of his election", "en", PUB, "UTC")
    assert got is None


def test_part_of_day_never_lands_after_publication():
    early = datetime(2024, 3, 19, 20, 0, tzinfo=timezone.utc)  # Wednesday 05:00 in Seoul
    got, _ = timeparse.resolve_launch_time("fired on Wednesday morning", "en", early, "Asia/Seoul")
    assert got == early


def test_an_agency_the_text_credits_by_name_beats_a_generic_one():
    result = classify("North Korea fires ballistic missile",
                      "The launch was detected by the South Korean military. It flew 600 km, according to the "
                      "South Korean Joint Chiefs of Staff.")
    assert result.fields.source_agency == "JCS"
    result = classify("북한, 동해상으로 탄도미사일 발사", "우리 군이 포착했다. 합참에 따르면 약 600km 비행했다.")
    assert result.fields.source_agency == "JCS"
    # Named outright, an agency beats a description even without "according to".
    result = classify("North Korea fires missile, state media says", "Japan's defence ministry said it flew 400 km.")
    assert result.fields.source_agency == "Japan MoD"


@pytest.mark.parametrize("title,summary", [
    ("UK shipping company halts Red Sea voyages after missile strike on its tanker",
     "The Houthis fired an anti-ship ballistic missile at the vessel."),
    ("British tanker firm pauses Red Sea transits after missiles fired at its ship",
     "Missile attacks from Yemen hit two vessels on Monday."),
])
def test_a_shipping_company_attacked_or_pausing_transits_is_not_the_launcher(title, summary):
    result = classify(title, summary)
    assert result.is_launch
    assert result.fields.actor != "GBR"
    assert result.fields.actor in (None, "Houthis")


def test_typos_of_one_item_are_not_rules():
    # "IRMB" and "JSC" were once in the lexicons, copied from one item each.
    assert classify("North Korea fires IRMB", "").fields.kind != "irbm"
    assert classify("North Korea fires ballistic missile, JSC says", "").fields.source_agency != "JCS"


def test_a_missile_name_inside_a_place_name_is_not_a_class():
    # "Topol" (an ICBM) ends "Sevastopol": a strike on the port is not an ICBM launch.
    result = classify("Ukrainian missiles strike shipyard in Sevastopol", "Fire broke out after the attack.")
    assert result.fields.kind is None
    assert classify("Russia test-fires Topol-M missile", "").fields.kind == "icbm"


def test_the_bare_word_rocket_is_read_as_a_guess_of_the_kind():
    result = classify("Russia fires rockets at Kharkiv overnight", "Several rockets hit the city.")
    kind_cues = {e.cue for e in result.evidence if e.field == "kind"}
    assert (result.fields.kind, kind_cues) == ("artillery_rocket", {"kind:rocket"})
    named = classify("Russia fires Grad rockets at Kharkiv overnight", "")
    assert {e.cue for e in named.evidence if e.field == "kind"} == {"kind:artillery_rocket"}


@pytest.mark.parametrize(("title", "summary", "kind"), [
    # The headline says missiles; the summary's "rockets" is a loose word for them.
    ("Widespread missile strikes reported across Ukrainian cities",
     "Lots of drones and rockets were fired in all possible directions overnight.", None),
    ("북한, 동해상으로 미사일 발사", "군은 북한이 로켓을 쏜 것으로 보고 있다.", None),
    # A headline that says rockets, or says nothing of the weapon, keeps the guess.
    ("Hezbollah fires rockets at northern Israel", "An anti-tank missile also hit a post.", "artillery_rocket"),
    ("Sirens sound across the south", "Militants fired a barrage of rockets at Sderot.", "artillery_rocket"),
])
def test_a_summarys_bare_rockets_do_not_overrule_a_headlines_missiles(title, summary, kind):
    assert classify(title, summary).fields.kind == kind


@pytest.mark.parametrize(("title", "summary", "lang", "kind"), [
    # A cargo helicopter's designation (CH-47, CH-53) is not the Polish spelling of a Kh- missile.
    ("North Korea launches missile amid drills", "Troops board a CH-47 Chinook during a joint drill.", "en", None),
    ("Korea Północna wystrzeliła pocisk", "Żołnierze wsiadają do śmigłowca CH-53 podczas ćwiczeń.", "pl", None),
    ("Rosja wystrzeliła pociski Ch-101 na Kijów", "", "pl", "cruise"),
    ("Rosja wystrzeliła pociski Ch-47M2 na Kijów", "", "pl", "hypersonic"),
    ("Russia fires Kh-47M2 missiles at Kyiv", "", "en", "hypersonic"),
])
def test_helicopter_designations_are_not_missile_kinds(title, summary, lang, kind):
    assert classify(title, summary, lang=lang).fields.kind == kind


@pytest.mark.parametrize("title, summary, lang, kind", [
    # A type whose name implies its class gives the class in Korean and Japanese as in English.
    ("우크라 공군 \"러, 밤새 킨잘 6발 쐈다…전량 격추\"", "", "ko", "hypersonic"),
    ("우크라 해군 \"넵튠 2발로 러 상륙함 격침\"", "", "ko", "cruise"),
    ("米軍、トマホークでフーシ派拠点を攻撃", "", "ja", "cruise"),
    ("金正恩氏立ち会い　超大型放射砲6発を一斉射撃", "", "ja", "artillery_rocket"),
    # Near miss: a class the text names wins over none.
    ("北, 동해상으로 단거리 탄도미사일 발사", "", "ko", "srbm"),
])
def test_korean_and_japanese_types_that_imply_their_class(title, summary, lang, kind):
    result = classify(title, summary, lang=lang)
    assert result.is_launch
    assert result.fields.kind == kind
