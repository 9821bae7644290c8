"""CPU time of classify() on hostile items: 1 MB (UTF-8) of repeated cue words.

    python bench/classify_hostile.py [--mb N]

For Korean, Japanese and English, sentences of cue words and one unbroken phrase, put
in the summary (under a launch headline) and in the headline; and 1 MB of markup.
Prints the CPU time of each classification (time.process_time, so other work on the
machine does not count) and, for the markup item, the peak of allocations (tracemalloc).
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.classify.classifier import classify  # noqa: E402

PUBLISHED = datetime(2024, 6, 26, 2, 0, tzinfo=timezone.utc)
CUE_WORDS = {
    "ja": "北朝鮮が日本海に向け弾道ミサイルを発射、防衛省によると午前7時ごろ約350キロ飛翔し高度50キロ、EEZ外に落下　",
    "ja-unbroken": "弾道ミサイルを発射",
    "ko": "북한이 동해상으로 미상 탄도미사일 2발을 발사했다고 합참이 오전 7시 10분경 밝혔다 가능성 규탄 ",
    "ko-unbroken": "탄도미사일 발사",
    "en": "North Korea fired two ballistic missiles into the East Sea at 7:10 a.m. on Monday, flying about 600 km, "
          "according to the Joint Chiefs of Staff, after Russia could launch a cruise missile test; ",
    "en-unbroken": "North Korea fired a ballistic missile ",
    # The words of the source, direction and kind readers, with no stop to end a sentence.
    "en-speakers": "the regional governor said missiles hit the port in Odesa after ICBM tests, says the mayor ",
    "pl": "Rosja wystrzeliła rakiety na Lwów, według mera Lwowa rakiety spadły na osiedle w Kijowie po teście "
          "pocisku - poinformował szef administracji. ",
    "pl-unbroken": "według mera Lwowa ",
    # Letters a publisher misread from UTF-8, each repaired where the text is read.
    "pl-misread": "Rosja wystrzeliła rakiety na CharkĂłw, według mera pociskĂłw było kilkanaście ",
    "pl-misread-unbroken": "Ăł",
}
HEADLINES = {"ja": "北朝鮮が弾道ミサイル発射", "ko": "북한, 탄도미사일 발사", "en": "North Korea fires ballistic missile",
             "pl": "Rosja wystrzeliła rakiety na Lwów"}


def _option(argv: list[str], name: str, default: float) -> float:
    return float(argv[argv.index(name) + 1]) if name in argv else default


def main(argv: list[str]) -> int:
    size_bytes = int(_option(argv, "--mb", 1.0) * (1 << 20))
    classify("warm up", "")
    print(f"{'cue words':12s} {'characters':>10s} {'summary s':>10s} {'headline s':>11s}")
    for name, unit in CUE_WORDS.items():
        lang = name.split("-")[0]
        body = unit * (size_bytes // len(unit.encode("utf-8")))
        times = []
        for title, summary in ((HEADLINES[lang], body), (body, "")):
            start = time.process_time()
            classify(title, summary, lang=lang, published_at=PUBLISHED)
            times.append(time.process_time() - start)
        print(f"{name:12s} {len(body):10,d} {times[0]:10.2f} {times[1]:11.2f}")
    body = ("North Korea fired two ballistic missiles,&nbsp;<b>at 7:10 a.m.</b> " * (size_bytes // 60))[:size_bytes]
    tracemalloc.start()
    start = time.process_time()
    classify("North Korea fires missile", f"<p>{body}</p>", published_at=PUBLISHED)
    elapsed_s = time.process_time() - start
    peak_bytes = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"markup: {len(body):,d} characters, peak allocations {peak_bytes / (1 << 20):.0f} MB "
          f"({elapsed_s:.2f} s with tracemalloc on)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
