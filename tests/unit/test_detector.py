"""Launch detection: hand-written positives and hard negatives, language, text cleaning."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from services.classify import detector
from services.classify.classifier import classify

CASES_PATH = Path(__file__).resolve().parents[1] / "data" / "classify_cases.jsonl"
CASES = [json.loads(line) for line in CASES_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hand_written_cases_are_detected_as_labelled(case):
    result = classify(case["title"], case.get("summary", ""), lang=case.get("lang"))
    assert result.is_launch == case["expect"]["is_launch"], (case["title"], result.confidence,
                                                              [e.cue for e in result.evidence])
    # A decision is explained: at least one detection cue, whichever way it went.
    assert result.is_launch is False or any(e.field is None and e.weight > 0 for e in result.evidence)


@pytest.mark.parametrize("title", [
    "Japan says North Korea may be preparing to launch ICBM",
    "North Korea warns it will fire missiles if drills continue",
    "Iran unveils new ballistic missile with 2,000 km range",
    "Ukraine asks allies for more Patriot missiles",
    "North Korea's missile launch site shows signs of activity: satellite imagery",
    "Anniversary of the 1998 Taepodong launch marked in Tokyo",
    "Firefighters launch rescue as rocket festival float catches fire",
    "North Korea fires artillery shells into buffer zone",
    "NASA launches Artemis II crew to the Moon",
    "北朝鮮、弾道ミサイル発射の兆候　韓国軍が警戒",
    "북한 ICBM 발사 가능성…군 경계 강화",
])
def test_hard_negatives(title):
    assert not classify(title).is_launch


@pytest.mark.parametrize("title", [
    "N. Korea fires unidentified projectile into East Sea",
    "North Korea test-fires new hypersonic missile, KCNA says",
    "Two rockets fired from Gaza intercepted over Ashkelon",
    "Russian cruise missiles strike Lviv power plant",
    "Houthi missile lands near Ben Gurion airport",
    "北朝鮮が弾道ミサイルの可能性があるもの発射　防衛省",
    "북한, 동해상으로 미상 탄도미사일 발사",
])
def test_launch_headlines(title):
    result = classify(title)
    assert result.is_launch, (result.confidence, [e.cue for e in result.evidence])


def test_language_from_script_beats_a_wrong_hint():
    assert classify("北朝鮮が弾道ミサイル発射", lang="en").lang == "ja"
    assert classify("북한, 탄도미사일 발사", lang="ja").lang == "ko"
    assert classify("North Korea fires missile", lang=None).lang == "en"


def test_unsupported_language_is_flagged_and_not_judged_a_launch():
    result = classify("Северная Корея запустила баллистическую ракету", lang="ru")
    assert result.lang == "ru"
    assert result.language_supported is False
    assert result.is_launch is False
    assert 0.0 <= result.confidence <= 1.0


@pytest.mark.parametrize(("title", "hint"), [
    ("朝鲜向朝鲜半岛东部海域发射一枚弹道导弹", None),  # simplified
    ("北韓朝東部海域發射彈道飛彈", None),  # traditional
    ("朝鲜发射弹道导弹", "ja"),  # Chinese-only characters outweigh a wrong hint
])
def test_chinese_is_detected_as_chinese_and_marked_unsupported(title, hint):
    result = classify(title, lang=hint)
    assert result.lang == "zh"
    assert result.language_supported is False
    assert result.is_launch is False
    assert all(v is None for v in result.fields.model_dump().values())


@pytest.mark.parametrize(("title", "hint"), [
    ("北朝鮮弾道弾発射　防衛省発表", None),  # all kanji, but 弾 and 発 are Japanese forms
    ("北朝鮮、飛翔体", "ja"),  # no character decides: the hint does
])
def test_a_japanese_headline_without_kana_is_still_japanese(title, hint):
    assert classify(title, lang=hint).lang == "ja"


def test_reaction_item_is_retrospective():
    result = classify("UN Security Council condemns North Korea's ballistic missile launches", "")
    assert not result.is_launch
    assert result.retrospective


def test_new_launch_is_not_retrospective():
    assert not classify("North Korea fires ballistic missile toward East Sea").retrospective


@pytest.mark.parametrize("summary", [
    "<p>It flew 600 km, Seoul&rsquo;s JCS said.</p>",
    # long enough that its offset map is built with its text, not on first use
    "<p>It flew 600 km, Seoul&rsquo;s JCS said.</p>" + "<p><b>Seoul</b> &amp; Tokyo watch.</p>" * 150,
])
def test_evidence_offsets_point_into_raw_text_with_entities(summary):
    title = "N Korea&#039;s military &quot;fires&quot; ballistic missile"
    result = classify(title, summary)
    raw = title + "\n" + summary
    assert result.is_launch
    found = {e.field: raw[e.start:e.end] for e in result.evidence if e.field}
    assert found["distance_km"] == "flew 600 km" and found["source_agency"] == "JCS"
    assert found["actor"] == "N Korea&#039;s"  # the entity, as the feed wrote it


def test_prepare_unescapes_and_strips_tags():
    p = detector.prepare("A &amp; B", "<b>bold</b> text")
    assert p.text == "A & B\n bold  text"
    assert p.text[p.title_end] == "\n"


def test_confidence_is_a_probability_and_orders_cases():
    strong = classify("North Korea fires two ballistic missiles into East Sea, JCS says",
                      "The missiles flew about 400 km.").confidence
    weak = classify("Analysts weigh North Korea's missile programme").confidence
    assert 0.0 <= weak < 0.5 < strong <= 1.0


def _all_fast_patterns():
    import dataclasses

    from services.classify import extractor, fastpattern, gazetteer, languages, text, timeparse
    from services.classify.languages import en, ja, ko, pl

    def walk(name, value, depth=0):
        if isinstance(value, fastpattern.FastPattern):
            yield name, value, re.compile(value.pattern, value.flags)
        elif isinstance(value, fastpattern.Table):
            for canonical, p in value.entries:
                yield from walk(f"{name}:{canonical}", p, depth + 1)
        elif isinstance(value, (tuple, list)) and depth < 3:
            for i, v in enumerate(value):
                yield from walk(f"{name}[{i}]", v, depth + 1)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type) and depth < 2:
            for f in dataclasses.fields(value):
                yield from walk(f"{name}.{f.name}", getattr(value, f.name), depth + 1)

    for module in (en, ko, ja, pl, languages, gazetteer, extractor, timeparse, text, detector):
        for name, value in vars(module).items():
            yield from walk(f"{module.__name__}.{name}", value)


HOLDOUT_PATH = Path(__file__).resolve().parents[1] / "data" / "classify_holdout.jsonl"


def test_fast_patterns_match_exactly_what_re_matches():
    holdout = [json.loads(line) for line in HOLDOUT_PATH.read_text(encoding="utf-8").splitlines()[:120]]
    texts = [c["title"] + "\n" + c.get("summary", "") for c in CASES + holdout] + [
        "ＩＣＢＭ launched; North KOREA Fires MISSILES at 7:10 A.M. KST", "İstanbul rocket", "Θ missile ß", "",
        # Digits and spaces outside ASCII, which \d and \s match in re.
        "North Korea fired \u0663 missiles, Seoul\u2028said; 北朝鮮が\u0663発発射"]
    for name, fast, plain in _all_fast_patterns():
        for text in texts:
            folded = detector.prepare(text, "").text
            want = [m.span() for m in plain.finditer(folded)]
            got = [m.span() for m in fast.finditer(folded)]
            assert got == want, (name, folded)


def test_any_text_is_classified_without_error_and_offsets_stay_in_bounds():
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    alphabet = st.sampled_from(list("abcXYZ 0123456789.,:;!?'\"&#;<>/-\n") + ["missile", " fired ", "North Korea",
                               "&amp;", "<b>", "</p>", "&#039;", "발사", "미사일", "発射", "ミサイル", "ＩＣＢＭ", "İ", "ß", " at 7:10 a.m. ",
                               " on Monday ", "오전 7시", "午前7時", " flew 500 km ", " km", "(", ")"])
    text = st.lists(alphabet, max_size=40).map("".join)

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(title=text, summary=text)
    def check(title, summary):
        result = classify(title, summary, published_at=datetime(2024, 1, 1, tzinfo=timezone.utc))
        raw = title + "\n" + summary
        assert 0.0 <= result.confidence <= 1.0
        if not result.is_launch:
            assert all(v is None for v in result.fields.model_dump().values())
        for e in result.evidence:
            assert e.start is None or 0 <= e.start <= e.end <= len(raw)

    check()


@pytest.mark.parametrize("pattern", [
    r"\b(?:ab|a|abc|b\w+|ba|bad|c|cd)\b",  # same first letter apart, a class that can start with b between
    r"(?:x|xy|[a-x]z|xz|y|yz|zz)+",  # a class that could start with x keeps xz after it
    r"(?:nasa|nato|\bn\w*|north|n(?=o)|no)",  # lookahead and \b branches in between
    r"(?<=a)(?:b|bc|bd|be)|(?:q|qr|qs|qt)(?!x)",  # lookarounds are kept as written
    r"\b(?:nasa|isro|h3)\b|누리호|나로호|H3ロケット|(?P<n>\d+)발|ロケット",  # branches ASCII text cannot start
])
def test_factored_alternations_match_exactly_what_re_matches(pattern):
    from services.classify import fastpattern

    texts = ["ab abc a bad ba cd c bx", "xyxzzz yzxz axz", "nasa nato north no none n", "ab abd qr qtx qs q", "",
             "isro h3 nasa 3발", "누리호 H3ロケット h3 2발 nasa"]
    fast = fastpattern.compile_fast(pattern)
    plain = re.compile(pattern)
    for text in texts:
        assert [m.regs for m in fast.finditer(text)] == [m.regs for m in plain.finditer(text)], text


@pytest.mark.parametrize("pattern", [
    r"\bhit\s+(?-i:[A-Z])\w+",  # a capital kept in a pattern that ignores case
    r"\b(?:na|w)\s+(?!(?-i:[a-z]))\w+",
])
def test_a_pattern_that_keeps_case_in_a_group_matches_exactly_what_re_matches(pattern):
    from services.classify import fastpattern

    texts = ["Missiles hit Kyiv", "missiles HIT Kyiv and hit northern towns", "spadły na Kijów i na miasta", ""]
    fast = fastpattern.compile_fast(pattern, re.IGNORECASE)
    plain = re.compile(pattern, re.IGNORECASE)
    for text in texts:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_the_classifier_uses_no_private_module_of_the_interpreter():
    # re._parser and re._constants change between Python versions; nothing may lean on them.
    import ast

    root = Path(__file__).resolve().parents[2] / "services" / "classify"
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom) else
                     [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            if isinstance(node, ast.ImportFrom) and node.module == "re":
                names += [f"re.{a.name}" for a in node.names]
            assert not [n for n in names if n.startswith(("re._", "sre_"))], (path.name, names)


@pytest.mark.parametrize("title, is_launch", [
    # A Korean flash with no verb: a sea before the weapon, its class words between, tells it flew.
    ("북한, 서해상으로 탄도미사일", True),
    ("[속보] 합참 \"북, 동해상 미상 단거리 탄도미사일\"", True),
    # The military's "unidentified projectile" is no space launch vehicle.
    ("합참 \"서해상으로 미상 발사체\"", True),
    # The weapon's own verb frames it, and a sign of preparation frames it too.
    ("북한, 서해상으로 탄도미사일 발사 준비", False),
    ("북한, 동해상으로 순항미사일 발사 징후", False),
])
def test_a_korean_flash_without_a_verb(title, is_launch):
    assert classify(title, lang="ko").is_launch is is_launch


@pytest.mark.parametrize("title, launch", [
    # A strike "blamed on" a side is told with its attribution; a side that blames another
    # is reacting to it.
    ("Child killed in border town rocket fire blamed on rebel factions", True),
    ("Israel blamed Hamas for rocket attack on Ashkelon", False),
])
def test_an_attribution_is_no_reaction(title, launch):
    assert classify(title).is_launch is launch
