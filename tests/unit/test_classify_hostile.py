"""A hostile item cannot stall the classifier: matching takes time linear in the text.

Each item carries 1 MB (UTF-8) of repeated cue words, the shape that once took minutes
(a Japanese summary of 弾道ミサイルを発射 repeated: 200 KB took 137 s). Time is CPU time
of this process, so other work on the machine does not count against it, and the best
of up to three runs, so that a burst of it does not either. A title is read to its first 1,000
characters (as the classify stage reads it): the megabyte in a summary is what bounds the
matching.
"""

from __future__ import annotations

import time

import pytest

from services.classify.classifier import classify

MB = 1 << 20
# The same inputs as `bench/classify_hostile.py`, which measures what these tests bound.
from bench.classify_hostile import CUE_WORDS, HEADLINES, PUBLISHED  # noqa: E402


def _timed(run):
    """The result of run() and the least CPU time of up to three runs, in seconds."""
    times = []
    for _ in range(3):
        start = time.process_time()
        result = run()
        times.append(time.process_time() - start)
        if times[-1] < 1.0:
            break
    return result, min(times)


def _repeated(unit: str) -> str:
    return unit * (MB // len(unit.encode("utf-8")))


@pytest.mark.parametrize("name", sorted(CUE_WORDS))
@pytest.mark.parametrize("where", ["summary", "title"])
def test_a_megabyte_of_cue_words_is_classified_within_a_second(name, where):
    lang = name.split("-")[0]
    body = _repeated(CUE_WORDS[name])
    title, summary = (HEADLINES[lang], body) if where == "summary" else (body, "")
    result, elapsed_s = _timed(lambda: classify(title, summary, lang=lang, published_at=PUBLISHED))
    assert elapsed_s < 1.0, f"{name} in the {where}: {elapsed_s:.2f} s"
    assert result.lang == lang
    # A headline that reports a launch still does, whatever follows it.
    assert result.is_launch or where == "title"


def test_a_megabyte_of_one_character_is_classified_within_a_second():
    for unit in (" ", "7", "a", "北"):
        _, elapsed_s = _timed(lambda: classify("North Korea fires missile", unit * MB, published_at=PUBLISHED))
        assert elapsed_s < 1.0, repr(unit)


def test_a_megabyte_of_markup_is_classified_in_little_memory():
    # Offsets back into the raw text are kept per run of markup, not per character.
    import tracemalloc

    classify("warm up", "")
    body = ("North Korea fired two ballistic missiles,&nbsp;<b>at 7:10 a.m.</b> " * 20000)[:MB]
    tracemalloc.start()
    try:
        result = classify("North Korea fires missile", f"<p>{body}</p>", published_at=PUBLISHED)
        _, peak_bytes = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.is_launch
    assert peak_bytes < 60 * MB, f"{peak_bytes / MB:.0f} MB"


@pytest.mark.parametrize("lang, title", [
    # A name, a long run of Latin letters and figures, and a weapon: the words read between a
    # weapon and the name that may own it are matched in time linear in them.
    ("ko", "북한 " + "A1" * 40 + "가 탄도미사일 발사"),
    ("ja", "北朝鮮の" + "A1" * 40 + "の弾道ミサイル発射"),
])
def test_a_long_run_between_a_name_and_its_weapon_is_read_in_linear_time(lang, title):
    _, elapsed_s = _timed(lambda: classify(title, "", lang=lang, published_at=PUBLISHED))
    assert elapsed_s < 1.0
