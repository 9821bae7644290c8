"""The `launchwatch classify` JSON Lines contract, through classify_jsonl."""

from __future__ import annotations

import io
import json

from services.classify.offline import FIELD_NAMES, classify_jsonl


def _run(lines: list[str]) -> tuple[list[dict], list[str], tuple[int, int]]:
    out, err = io.StringIO(), io.StringIO()
    counts = classify_jsonl(lines, out, err)
    return ([json.loads(x) for x in out.getvalue().splitlines()], err.getvalue().splitlines(), counts)


def test_one_output_line_per_input_in_order_with_every_field():
    lines = [
        json.dumps({"id": "a", "title": "North Korea fires ballistic missile into East Sea", "summary": "", "lang": "en"}),
        json.dumps({"id": "b", "title": "Apple launches new iPhone", "summary": ""}),
        json.dumps({"id": "c", "title": "北朝鮮が弾道ミサイル発射", "summary": "防衛省によると、日本のEEZ外に落下した。"}),
    ]
    rows, errors, counts = _run(lines)
    assert counts == (3, 0) and errors == []
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    for r in rows:
        assert set(r) == {"id", "is_launch", "confidence", "fields"}
        assert set(r["fields"]) == set(FIELD_NAMES)
        assert 0.0 <= r["confidence"] <= 1.0
    assert rows[0]["is_launch"] and rows[0]["fields"]["actor"] == "PRK"
    assert not rows[1]["is_launch"] and all(v is None for v in rows[1]["fields"].values())
    assert rows[2]["is_launch"] and rows[2]["fields"]["source_agency"] == "Japan MoD"


def test_bad_lines_are_reported_and_the_run_goes_on():
    lines = [
        "{not json",
        json.dumps({"id": "no-title", "summary": "x"}),
        json.dumps({"title": "North Korea fires missile"}),
        json.dumps({"id": 7, "title": "x"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "bad-summary", "title": "x", "summary": 5}),
        json.dumps({"id": "ok", "title": "North Korea fires missile"}),
    ]
    rows, errors, counts = _run(lines)
    assert counts == (1, 6)
    assert [r["id"] for r in rows] == ["ok"]
    assert len(errors) == 6
    assert errors[0].startswith("line 1:") and "JSON" in errors[0]
    assert "no-title" in errors[1] and "title" in errors[1]
    assert errors[2].startswith("line 3:") and "id" in errors[2]
    assert "bad-summary" in errors[5] and "summary" in errors[5]


def test_a_bad_id_or_title_is_named_with_what_it_was():
    lines = [json.dumps(record) for record in (
        {"id": 7, "title": "x"}, {"title": "x"}, {"id": "", "title": "x"},
        {"id": "a", "title": None}, {"id": "b", "title": ["x"]}, {"id": "c"})]
    _, errors, _ = _run(lines)
    assert errors == ["line 1 (id 7): id is a number, not a string", "line 2: id is missing", "line 3: id is empty",
                      "line 4 (id a): title is null, not a string", "line 5 (id b): title is an array, not a string",
                      "line 6 (id c): title is missing"]


def test_published_at_resolves_launched_at_as_iso_string():
    line = json.dumps({"id": "t", "title": "North Korea fires missile at 7:10 a.m., JCS says",
                       "summary": "", "published_at": "2024-06-26T02:00:00Z"})
    rows, errors, _ = _run([line])
    assert errors == []
    assert rows[0]["fields"]["launched_at"] == "2024-06-25T22:10:00Z"


def test_missing_summary_and_blank_lines_are_fine():
    rows, errors, counts = _run(["", json.dumps({"id": "x", "title": "Russia fires Kalibr cruise missiles"}), "  "])
    assert counts == (1, 0) and rows[0]["is_launch"]
    assert rows[0]["fields"]["kind"] == "cruise"


def test_items_in_a_language_not_read_are_said_to_be_unjudged_once_at_the_end():
    lines = [json.dumps({"id": "zh-1", "title": "朝鲜发射洲际弹道导弹"}),
             json.dumps({"id": "en-1", "title": "North Korea fires ballistic missile"}),
             json.dumps({"id": "zh-2", "title": "朝鲜向东部海域发射一枚弹道导弹", "lang": "zh"})]
    rows, errors, counts = _run(lines)
    assert counts == (3, 0) and [r["is_launch"] for r in rows] == [False, True, False]
    assert errors == ["note: 2 items are in languages launchwatch has no rules for (zh 2): a launch told in them "
                      "may be missed"]
    assert _run(lines[1:2])[1] == []
    # A language named as no tag names is a bad line, not a language launchwatch lacks.
    rows, errors, counts = _run([json.dumps({"id": "e", "title": "North Korea fires missile", "lang": "english"})])
    assert counts == (0, 1) and errors == ["line 1 (id e): lang 'english' is not a language tag (e.g. en, ko, ja, pl)"]
