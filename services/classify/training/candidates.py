"""Which real-day items were put before the labellers (`labels/days.jsonl`), reproducibly.

    LAUNCHWATCH_SHARED_DATA=../shared/data .venv/bin/python -m services.classify.training.candidates OUT_DIR

Every item the keyword rule (`KEYWORDS`) or the rules of that time flagged (a launch, or a
confidence above 0.2) — the stratum "flagged" — plus a seeded random sample of 1,600 of all
the others — the stratum "random" — shuffled together into six shards of
`{"link", "title", "summary"}` lines for blind labelling (the labellers saw no classifier
output). Stream-weighted figures weight a random-stratum item by the inverse of its
sampling rate. The rules have changed since; the stratum of each label is kept in the
labels file, so the weights do not depend on today's rules.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

KEYWORDS = re.compile(
    r"missile|rocket|launch|ICBM|ballistic|projectile|Kinzhal|Iskander|Hwasong|Kalibr|Tomahawk|Scud|salvo|barrage"
    r"|interceptor|rakiet|pocisk|미사일|발사|ミサイル|発射|导弹|火箭", re.IGNORECASE)
SEED = 20231201
RANDOM_SAMPLE = 1600
SHARDS = 6


def main(out_dir: str) -> int:
    from services.classify.classifier import classify
    from services.classify.training.dataset import day_texts, shared_data

    entries = list(day_texts(shared_data() / "days").values())
    flagged, rest = [], []
    for entry in entries:
        result = classify(entry["title"], entry["summary"])
        hit = KEYWORDS.search(entry["title"] + " " + entry["summary"]) or result.is_launch or result.confidence > 0.2
        (flagged if hit else rest).append(entry)
    rng = random.Random(SEED)
    chosen = flagged + rng.sample(rest, RANDOM_SAMPLE)
    rng.shuffle(chosen)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for k in range(SHARDS):
        with open(out / f"shard_{k}.jsonl", "w", encoding="utf-8") as fh:
            for e in chosen[k::SHARDS]:
                fh.write(json.dumps({"link": e["link"], "title": e["title"], "summary": e["summary"]},
                                    ensure_ascii=False) + "\n")
    print(f"{len(entries)} items, {len(flagged)} flagged, {len(chosen)} to label")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "label-shards"))
