"""Accuracy of the launch classifier on a labelled JSON Lines set.

    python bench/classify_eval.py [FILE] [--fit]

FILE defaults to $LAUNCHWATCH_SHARED_DATA/launch_dev.jsonl. Prints detection precision,
recall and F1, actor and kind accuracy on detected true launches, a calibration table
and every mistake. `--fit` also prints the Platt parameters (A, B) that calibrate the
detector's raw score on FILE, for services/classify/detector.py.

Labels are free text ("North Korea", "SRBM", "artillery rocket"); `normalise_actor` and
`normalise_kind` map them to the classifier's codes, actors by the one gazetteer's names
(schemas/actors.py).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.classify import detector  # noqa: E402
from services.classify.classifier import classify  # noqa: E402
from services.classify.training.evaluate import Tally, label_actor, label_kind, label_number  # noqa: E402

normalise_actor = label_actor
normalise_kind = label_kind


@dataclass
class Report(Tally):
    actor_right: int = 0
    actor_total: int = 0
    kind_right: int = 0
    kind_total: int = 0
    bins: list[list[int]] = field(default_factory=lambda: [[0, 0] for _ in range(10)])
    mistakes: list[str] = field(default_factory=list)
    numbers: dict[str, list[int]] = field(default_factory=dict)  # field → [right, total]
    scores: list[tuple[float, int]] = field(default_factory=list)

    @property
    def actor_accuracy(self) -> float:
        return self.actor_right / self.actor_total if self.actor_total else 1.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.kind_total if self.kind_total else 1.0


def evaluate(rows: list[dict]) -> Report:
    """Classify every row and compare with its label."""
    report = Report()
    for row in rows:
        truth = row["label"] == "launch"
        result = classify(row["title"], row.get("summary") or "", lang=row.get("lang"))
        prepared = detector.prepare(row["title"], row.get("summary") or "")
        f, _ = detector.features(prepared, result.lang)
        report.scores.append((detector.score(f), int(truth)))
        b = min(int(result.confidence * 10), 9)
        report.bins[b][0] += 1
        report.bins[b][1] += int(truth)
        short = f"{row['id']}: {row['title'][:110]!r}"
        if result.is_launch and truth:
            report.tp += 1
            labels = row.get("fields") or {}
            want_actor = normalise_actor(labels.get("actor"))
            if want_actor:
                report.actor_total += 1
                if result.fields.actor == want_actor:
                    report.actor_right += 1
                else:
                    report.mistakes.append(f"ACTOR  {short} want={want_actor} got={result.fields.actor}")
            for name in ("count", "distance_km", "apogee_km"):
                want = label_number(labels.get(name))
                if want is None or (name == "count" and not isinstance(labels.get(name), int)):
                    continue
                got = getattr(result.fields, name)
                tally = report.numbers.setdefault(name, [0, 0])
                tally[1] += 1
                if got is not None and abs(got - want) <= max(1.0, 0.03 * want):
                    tally[0] += 1
                else:
                    report.mistakes.append(f"FIELD  {short} {name} want={labels.get(name)!r} got={got}")
            want_kind = normalise_kind(labels.get("kind"))
            if want_kind:
                report.kind_total += 1
                if result.fields.kind == want_kind:
                    report.kind_right += 1
                else:
                    report.mistakes.append(f"KIND   {short} want={want_kind} got={result.fields.kind}")
        elif result.is_launch:
            report.fp += 1
            cues = ",".join(e.cue for e in result.evidence if e.field is None)
            report.mistakes.append(f"FP     {short} conf={result.confidence:.2f} [{cues}]")
        elif truth:
            report.fn += 1
            cues = ",".join(e.cue for e in result.evidence if e.field is None)
            report.mistakes.append(f"FN     {short} conf={result.confidence:.2f} [{cues}]")
        else:
            report.tn += 1
    return report


def fit_platt(scores: list[tuple[float, int]], l2: float = 100.0, steps: int = 3000) -> tuple[float, float]:
    """Two-parameter logistic fit p = σ(A·score + B) by gradient descent.

    The L2 prior pulls (A, B) towards (1, 0) with the weight of `l2` pseudo-items: the
    cues were written while reading the labelled set, so a free fit on it is optimistic.
    """
    a, b = 1.0, 0.0
    n = len(scores)
    lr = 0.05
    for _ in range(steps):
        ga = gb = 0.0
        for s, y in scores:
            z = max(-30.0, min(30.0, a * s + b))
            p = 1.0 / (1.0 + math.exp(-z))
            ga += (p - y) * s
            gb += p - y
        a -= lr * (ga / n + l2 * (a - 1.0) / n)
        b -= lr * (gb / n + l2 * b / n)
    return a, b


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path,
                        help="labelled JSON Lines (default: $LAUNCHWATCH_SHARED_DATA/launch_dev.jsonl)")
    parser.add_argument("--fit", action="store_true", help="also print the Platt parameters fitted on FILE")
    args = parser.parse_args(argv)
    path = args.file
    if path is None:
        if not os.environ.get("LAUNCHWATCH_SHARED_DATA"):
            parser.error("give FILE, or set LAUNCHWATCH_SHARED_DATA to the shared data folder")
        path = Path(os.environ["LAUNCHWATCH_SHARED_DATA"]) / "launch_dev.jsonl"
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError as exc:
        parser.error(f"cannot read {path}: {exc.strerror or exc}")
    except ValueError as exc:
        parser.error(f"{path} is not JSON Lines: {exc}")
    r = evaluate(rows)
    print(f"file: {path}  items: {len(rows)}  launches: {sum(row['label'] == 'launch' for row in rows)}")
    print(f"detection  precision {r.precision:.3f}  recall {r.recall:.3f}  F1 {r.f1:.3f}"
          f"  (tp {r.tp:.0f} fp {r.fp:.0f} fn {r.fn:.0f} tn {r.tn:.0f})")
    print(f"actor accuracy {r.actor_accuracy:.3f} ({r.actor_right}/{r.actor_total})"
          f"  kind accuracy {r.kind_accuracy:.3f} ({r.kind_right}/{r.kind_total})  on detected true launches")
    numbers = "  ".join(f"{name} {right}/{total}" for name, (right, total) in r.numbers.items())
    print(f"numeric fields right (within 3%) where labelled as a number: {numbers}")
    print("calibration (confidence bin: items, observed launch rate)")
    for i, (n, pos) in enumerate(r.bins):
        if n:
            print(f"  {i / 10:.1f}-{(i + 1) / 10:.1f}: {n:4d}  {pos / n:.2f}")
    brier = 0.0
    for s, y in r.scores:
        z = detector.PLATT_A * s + detector.PLATT_B
        brier += (1 / (1 + math.exp(-max(-30, min(30, z)))) - y) ** 2
    print(f"Brier score {brier / len(r.scores):.4f}")
    if args.fit:
        a, b = fit_platt(r.scores)
        print(f"Platt fit on raw scores: PLATT_A = {a:.3f}  PLATT_B = {b:.3f}")
    print(f"mistakes ({len(r.mistakes)}):")
    for line in r.mistakes:
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
