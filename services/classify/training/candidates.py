"""Which real-day items were put before the labellers (`labels/days.jsonl`), reproducibly.

    LAUNCHWATCH_SHARED_DATA=../shared/data .venv/bin/python -m services.classify.training.candidates OUT_DIR
    LAUNCHWATCH_SHARED_DATA=../shared/data .venv/bin/python -m services.classify.training.candidates --round2 OUT_DIR
    LAUNCHWATCH_SHARED_DATA=../shared/data .venv/bin/python -m services.classify.training.candidates --round3 OUT_DIR

Round one (`OUT_DIR` alone): every item the keyword rule (`KEYWORDS`) or the rules of that
time flagged (a launch, or a confidence above 0.2) — the stratum "flagged" — plus a seeded
random sample of 1,600 of all the others — the stratum "random" — shuffled together into six
shards `shard_0.jsonl` … `shard_5.jsonl` of `{"link", "title", "summary"}` lines for blind
labelling (the labellers saw no classifier output).

Round two (`--round2 OUT_DIR`): every item the classifier of today (a launch, or a
confidence above 0.2) or the keyword rule flags whose link round one did not label (no label
of stratum "flagged" or "random" in `labels/days.jsonl`), in the order of the days, as one
shard `OUT_DIR/shard.jsonl` of the same lines — the stratum "flagged2". With the classifier of
commit 3090447 these are the 7 items labelled "flagged2".

Round three (`--round3 OUT_DIR`): the same, leaving out what rounds one and two labelled —
the stratum "flagged3". With the classifier of commit a61fdce these are the 12 items
labelled "flagged3".

Round four (`--round4 OUT_DIR`): the same, leaving out what rounds one to three labelled —
the stratum "flagged4". With the classifier of commit edf9853 (and this round's own kind and
restoration rules) this is the 1 item labelled "flagged4".

Round five (`--round5 OUT_DIR`): the same, leaving out what rounds one to four labelled —
the stratum "flagged5". With the classifier that first shipped a model retrained under the
rules of the forty-third sets (thresholds 0.265 and 0.309), these are the 2 items labelled
"flagged5".

Round six (`--round6 OUT_DIR`): the same, leaving out what rounds one to five labelled —
the stratum "flagged6". With that model retrained on round five's labels, this is the 1
item labelled "flagged6"; retrained with it, the classifier flags none unlabelled.

Round seven (`--round7 OUT_DIR`): the same, leaving out what rounds one to six labelled —
the stratum "flagged7". With the model retrained under the rules of the forty-sixth iteration
(thresholds 0.261 and 0.292), these are the 2 items labelled "flagged7".

Stream-weighted figures weight a random-stratum item by the inverse of its sampling rate and
an item of a stratum labelled whole by one. The rules have changed since; the stratum of each
label is kept in the labels file, so the weights do not depend on today's rules.

Exit status 2, with a one-line message, when `LAUNCHWATCH_SHARED_DATA` is unset or the
arguments are wrong.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

KEYWORDS = re.compile(
    r"missile|rocket|launch|ICBM|ballistic|projectile|Kinzhal|Iskander|Hwasong|Kalibr|Tomahawk|Scud|salvo|barrage"
    r"|interceptor|rakiet|pocisk|미사일|발사|ミサイル|発射|导弹|火箭", re.IGNORECASE)
SEED = 20231201
RANDOM_SAMPLE = 1600
SHARDS = 6
# The strata each later round leaves out, by its number.
EARLIER_STRATA = {n: frozenset({"flagged", "random"} | {f"flagged{k}" for k in range(2, n)}) for n in range(2, 8)}
# Above this confidence an item counts as flagged though not called a launch.
FLAG_CONFIDENCE = 0.2


def flagged_by_classifier(entry: dict) -> bool:
    """Whether today's classifier calls the item a launch or gives it a confidence above 0.2."""
    from services.classify.classifier import classify

    result = classify(entry["title"], entry["summary"])
    return result.is_launch or result.confidence > FLAG_CONFIDENCE


def flagged(entry: dict, by_classifier: Callable[[dict], bool] = flagged_by_classifier) -> bool:
    """Whether the keyword rule or `by_classifier` flags the item (the keyword rule first: it is cheap)."""
    return bool(KEYWORDS.search(entry["title"] + " " + entry["summary"])) or by_classifier(entry)


def later_round(entries: Iterable[dict], labels: Iterable[dict], number: int = 2,
                by_classifier: Callable[[dict], bool] = flagged_by_classifier) -> list[dict]:
    """The entries, in their order, that are flagged and whose link no label of an earlier
    round than `number` has."""
    labelled = {label["link"] for label in labels if label["stratum"] in EARLIER_STRATA[number]}
    return [e for e in entries if e["link"] not in labelled and flagged(e, by_classifier)]


def _write_shard(path: Path, entries: Iterable[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for e in entries:
            fh.write(json.dumps({"link": e["link"], "title": e["title"], "summary": e["summary"]},
                                ensure_ascii=False) + "\n")


def _round_one(entries: list[dict], out: Path) -> str:
    chosen_flagged, rest = [], []
    for entry in entries:
        (chosen_flagged if flagged(entry) else rest).append(entry)
    rng = random.Random(SEED)
    chosen = chosen_flagged + rng.sample(rest, RANDOM_SAMPLE)
    rng.shuffle(chosen)
    for k in range(SHARDS):
        _write_shard(out / f"shard_{k}.jsonl", chosen[k::SHARDS])
    return f"{len(entries)} items, {len(chosen_flagged)} flagged, {len(chosen)} to label"


def _later_round(entries: list[dict], out: Path, number: int) -> str:
    from services.classify.training.dataset import DAYS_LABELS

    with open(DAYS_LABELS, encoding="utf-8") as fh:
        labels = [json.loads(line) for line in fh if line.strip()]
    chosen = later_round(entries, labels, number)
    _write_shard(out / "shard.jsonl", chosen)
    return (f"{len(entries)} items, {len(chosen)} flagged and not labelled before round {number},"
            f" in {out / 'shard.jsonl'}")


def main(argv: list[str] | None = None) -> int:
    """Write the shards of round one, or with `--round2` … `--round7` the shard of that round, to OUT_DIR
    (default `label-shards`); exit 2 when `LAUNCHWATCH_SHARED_DATA` is unset."""
    from services.classify.training.dataset import day_texts, shared_data

    parser = argparse.ArgumentParser(prog="python -m services.classify.training.candidates",
                                     description="Choose the real-day items to label.")
    parser.add_argument("out_dir", nargs="?", default="label-shards", help="folder for the shards")
    rounds = parser.add_mutually_exclusive_group()
    for number in EARLIER_STRATA:
        rounds.add_argument(f"--round{number}", action="store_const", const=number, dest="round",
                            help=f"the flagged items that rounds before round {number} did not label, as one shard")
    args = parser.parse_args(argv)
    try:
        data = shared_data()
    except LookupError as exc:
        print(f"candidates: {exc}", file=sys.stderr)
        return 2
    entries = list(day_texts(data / "days").values())
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    print(_later_round(entries, out, args.round) if args.round else _round_one(entries, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
