"""The shared names of actors, kinds and facts, and the value formats alerts and pages use."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from schemas.labels import FACT_LABELS, actor_name, fact_text, fact_text_of, fmt_time, kind_noun
from services.notify import wording
from schemas.models import EventSource, LaunchEvent, LaunchFields
from tests.web_samples import korean_event


def test_codes_become_names() -> None:
    assert actor_name("PRK") == "North Korea"
    assert actor_name("Houthis") == "Houthis"
    assert actor_name(None) == "Unknown actor"
    assert kind_noun("srbm") == "short-range ballistic missile"
    assert kind_noun("new_kind") == "new_kind"


def test_fact_labels_are_words_not_field_names() -> None:
    assert FACT_LABELS["distance_km"] == "Distance"
    assert FACT_LABELS["source_agency"] == "Reported by"
    assert FACT_LABELS["launched_at"] == "Launched"
    assert all("_" not in label for label in FACT_LABELS.values())


def test_values_read_as_a_person_writes_them() -> None:
    assert fact_text("distance_km", 350.0) == "350 km"
    assert fact_text("apogee_km", 1200.0) == "1,200 km"
    assert fact_text("actor", "PRK") == "North Korea"
    assert fact_text("confidence", 1.0) == "100%"
    assert fact_text("direction", None) is None


def test_one_time_format_in_utc_to_the_minute() -> None:
    seoul = timezone(timedelta(hours=9))
    assert fmt_time(datetime(2026, 12, 3, 0, 3, 17, 123456, tzinfo=seoul)) == "2026-12-02 15:03 UTC"
    assert fmt_time(datetime(2026, 12, 2, 15, 3)) == "2026-12-02 15:03 UTC"  # naive: taken as UTC


def test_notify_words_facts_with_the_shared_labels() -> None:
    facts = {fact.label: fact.value for fact in wording.facts(korean_event(2))}
    assert facts["Reported by"] == "JCS" and facts["Distance"] == "350 km"
    assert facts["Launched"] == "2024-05-30 21:10 UTC" and facts["Confidence"] == "90%"
    assert set(facts) <= set(FACT_LABELS.values())
    assert wording.changed_labels(["distance_km", "source_agency", "launched_at"]) == (
        "distance, reporting agency, launch time")


def test_a_confidence_short_of_certain_never_reads_as_certain() -> None:
    from schemas.labels import fmt_percent

    assert [fmt_percent(x) for x in (0.9996, 0.995, 1.0, 0.86, 0.0)] == ["99%", "99%", "100%", "86%", "0%"]


def test_the_summary_says_where_a_launch_went_as_a_sentence_would() -> None:
    def line(direction: str) -> str:
        return wording.summary_line(korean_event(2).model_copy(update={"direction": direction}))

    # How far it flew closes the line: an update of the distance shows in its one line.
    assert line("East Sea") == "North Korea: 2 ballistic missiles toward East Sea, flew 350 km (reported)"
    assert line("sea") == "North Korea: 2 ballistic missiles into the sea, flew 350 km (reported)"
    assert line("outside Japan's EEZ") == \
        "North Korea: 2 ballistic missiles landing outside Japan's EEZ, flew 350 km (reported)"
    unmeasured = korean_event(2).model_copy(update={"distance_km": None})
    assert wording.summary_line(unmeasured) == "North Korea: 2 ballistic missiles toward East Sea (reported)"


def _strike(kind: str | None, counted_kind: str | None, count: int) -> str:
    """Russia's attack: one report tallies `count` missiles naming `counted_kind`, another
    names `kind` with no count; the event holds the class of one and the tally of the other."""
    tally = EventSource(item_id="t", feed="Wire", url="https://example.org/t", title="Russia attacks with missiles",
                        fields=LaunchFields(actor="RUS", kind=counted_kind, count=count))
    named = EventSource(item_id="k", feed="Paper", url="https://example.org/k", title="Russia fires Kinzhals",
                        fields=LaunchFields(actor="RUS", kind=kind))
    event = korean_event(3).model_copy(update={
        "actor": "RUS", "kind": kind, "count": count, "direction": "Ukraine", "distance_km": None,
        "sources": [tally, named]})
    return wording.summary_line(event)


def test_a_mass_strikes_tally_is_not_told_as_of_the_class_only_some_reports_name() -> None:
    assert _strike("hypersonic", None, 81) == "Russia: 81 missiles including hypersonic missiles toward Ukraine (confirmed)"
    assert _strike("hypersonic", "cruise", 81) == "Russia: 81 missiles including hypersonic missiles toward Ukraine (confirmed)"
    # The tally's own report names the class (or one of its family): it is the class's.
    assert _strike("cruise", "cruise", 81) == "Russia: 81 cruise missiles toward Ukraine (confirmed)"
    assert _strike("hypersonic", "ballistic", 40) == "Russia: 40 hypersonic missiles toward Ukraine (confirmed)"
    # A salvo short of a mass strike, and a rocket barrage, are of one class.
    assert _strike("ballistic", None, 3) == "Russia: 3 ballistic missiles toward Ukraine (confirmed)"
    assert _strike("artillery_rocket", None, 150) == "Russia: 150 artillery rockets toward Ukraine (confirmed)"


def test_a_count_its_report_tells_as_of_several_classes_is_not_told_as_of_one() -> None:
    def told(count: int, of_classes: bool) -> str:
        report = EventSource(item_id="r", feed="Wire", url="https://example.org/r", title="Russia fires missiles",
                             fields=LaunchFields(actor="RUS", kind="hypersonic", count=count),
                             count_of_classes=of_classes)
        return wording.summary_line(korean_event(3).model_copy(update={
            "actor": "RUS", "kind": "hypersonic", "count": count, "direction": "Ukraine", "distance_km": None,
            "sources": [report]}))

    # "52 missiles, including hypersonic Kinzhals"; "five missiles, including two Kinzhals".
    assert told(52, True) == "Russia: 52 missiles including hypersonic missiles toward Ukraine (confirmed)"
    assert told(5, True) == "Russia: 5 missiles including hypersonic missiles toward Ukraine (confirmed)"
    # "52 hypersonic missiles": the report's count is of its class.
    assert told(52, False) == "Russia: 52 hypersonic missiles toward Ukraine (confirmed)"


def test_a_tally_of_missiles_and_drones_is_not_told_as_missiles() -> None:
    event = korean_event(3).model_copy(update={"actor": "RUS", "kind": "cruise", "count": 150,
                                               "count_includes": "drones", "direction": "Ukraine", "distance_km": None})
    assert wording.summary_line(event) == (
        "Russia: 150 missiles and drones including cruise missiles toward Ukraine (confirmed)")
    assert wording.summary_line(event.model_copy(update={"kind": None})) == (
        "Russia: 150 missiles and drones toward Ukraine (confirmed)")
    assert fact_text_of(event, "count") == "150 missiles and drones"
    assert fact_text_of(event.model_copy(update={"count_includes": None}), "count") == "150"


def _aimed_at(direction: str, lang: str) -> LaunchEvent:
    """Ukraine's strike whose only direction is told by a report in `lang`."""
    told = EventSource(item_id="d", feed="Paper", url="https://example.org/d", title="Atak na zakłady", lang=lang,
                       fields=LaunchFields(actor="UKR", kind="cruise", direction=direction))
    return korean_event(3).model_copy(update={"actor": "UKR", "kind": "cruise", "count": 1, "direction": direction,
                                              "distance_km": None, "sources": [told]})


def test_a_direction_in_another_language_is_quoted_with_its_name() -> None:
    event = _aimed_at("zakłady chemiczne w Rosji", "pl")
    assert wording.summary_line(event) == ('Ukraine: a cruise missile toward "zakłady chemiczne w Rosji" (in Polish) '
                                           "(confirmed)")
    assert {f.label: f.value for f in wording.facts(event)}[FACT_LABELS["direction"]] == (
        '"zakłady chemiczne w Rosji" (in Polish)')
    # An English name the rules gave a Polish report's place, a sea not named, a heading,
    # and a report in English are worded as before.
    assert wording.summary_line(_aimed_at("Kherson", "pl")) == "Ukraine: a cruise missile toward Kherson (confirmed)"
    assert wording.summary_line(_aimed_at("sea", "ko")) == "Ukraine: a cruise missile into the sea (confirmed)"
    assert wording.summary_line(_aimed_at("northeast", "ja")) == "Ukraine: a cruise missile heading northeast (confirmed)"
    assert wording.summary_line(_aimed_at("apartment block", "en")) == (
        "Ukraine: a cruise missile toward apartment block (confirmed)")
