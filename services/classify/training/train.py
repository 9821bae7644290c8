"""Train the launch model, measure it on the frozen test cells, write the model file.

    LAUNCHWATCH_SHARED_DATA=../shared/data .venv/bin/python -m services.classify.training.train [--out FILE]
    LAUNCHWATCH_SHARED_DATA=../shared/data .venv/bin/python -m services.classify.training.train --development-only

Data: the labelled real days (`labels/days.jsonl`, texts from the shared days), the
shared dev set (`launch_dev.jsonl`), the hand-written policy cases
(`tests/data/classify_cases.jsonl`) and the items written by hand to the policy
(`labels/written.jsonl`, for the launch heads only: they carry no facts). The dev set, the
cases and the written items belong to no day and no outlet of the split, so every fold
trains on them. Heads (see `services.classify.model`), over
`services.classify.features`: `launch`, L2 logistic regression (liblinear, C=16, fixed
seed) on every item; `headline`, the same on every item's headline alone (for items
without a summary); `actor` and `kind`, L2 softmax regression (lbfgs, C=4) on the
launches, with "none" for a launch whose label leaves the field empty and "other" for
values seen fewer than three times. Steps, all deterministic:

1. Grouped cross-validation inside the six development cells: each is predicted by a
   model trained on the development cells sharing neither its day group nor its outlet
   group (and the dev set and the cases), through the whole classifier, each item with
   its publication time. Its figures (`development_cv`: detection, actor and kind, and
   per labelled field the facts of the detected launches, `facts`, matched as
   `services.classify.training.facts` defines) and out-of-fold mistakes (`--mistakes
   FILE`) are what every choice is made from; `--development-only` stops here and
   touches no test cell.
2. The Platt maps of the launch and headline heads are fitted on those out-of-fold scores,
   and the operating thresholds chosen on their precision-recall curves (`THRESHOLD_RULE`;
   `--scores FILE` writes every item's out-of-fold confidence).
3. The three test cells are classified by models trained on the items that share neither
   the cell's day group nor its outlet group, through the whole classifier: these are the
   held-out figures (the same ones, facts included).
4. The shipped model is trained on every labelled item and written with the Platt maps,
   the thresholds, the SHA-256 of its training data and both sets of figures.
Needs scikit-learn (the `train` extra); the stream does not.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import get_args

from schemas.models import Kind
from services.classify import detector
from services.classify.classifier import classify, model_features, ruled_out
from services.classify.features import rule_features, text_features, vectorise
from services.classify.model import MODEL_PATH, Head, LaunchModel
from services.classify.training.dataset import (
    TEST_CELLS, Example, Split, disjoint_from, load_cases, load_days, load_dev, load_written, make_split,
)
from services.classify.training.evaluate import Figures, Tally, interval, label_actor, label_kind, measure

C = 16.0
SEED = 0
KEYWORD_BASELINE = re.compile(r"(?=.*\b(?:missile|rocket)s?\b)(?=.*\b(?:fire[sd]?|launch(?:es|ed)?|test(?:s|ed)?)\b)",
                              re.IGNORECASE | re.DOTALL)


def features_of(e: Example) -> dict[int, float]:
    p = detector.prepare(e.title, e.summary)
    lang = detector.detect_language(p.text, e.lang)
    d = detector.detect(p, lang)
    return vectorise(text_features(p.text[:p.title_end], p.text[p.title_end + 1:], lang),
                     rule_features(d.raw_score, d.is_launch, d.cue_values))


def _matrix(vectors: Sequence[dict[int, float]]):
    """The vectors as a sparse matrix over the columns they use, and those columns in order
    (fitting over the few columns in use, not all of DIMENSIONS, is what keeps training fast)."""
    from scipy.sparse import csr_matrix

    columns = sorted({c for vector in vectors for c in vector})
    position = {c: i for i, c in enumerate(columns)}
    rows, cols, vals = [], [], []
    for i, vector in enumerate(vectors):
        for column, value in vector.items():
            rows.append(i)
            cols.append(position[column])
            vals.append(value)
    return csr_matrix((vals, (rows, cols)), shape=(len(vectors), len(columns))), columns


FACT_C = 4.0
MIN_CLASS_EXAMPLES = 3
KINDS = frozenset(get_args(Kind))


def _fact_label(example: Example, name: str) -> str:
    value = (example.fields or {}).get(name)
    if name == "actor":
        code = label_actor(value) if isinstance(value, str) else None
        return code or "none"
    kind = label_kind(value) if isinstance(value, str) else None
    return kind if kind in KINDS else ("none" if kind is None else "other")


def fit_launch(examples: Sequence[Example], vectors: dict[str, dict[int, float]],
               platt: tuple[float, float] = (1.0, 0.0)) -> Head:
    """The launch head trained on `examples`, keeping the weights of the columns they use."""
    from sklearn.linear_model import LogisticRegression

    x, columns = _matrix([vectors[e.key] for e in examples])
    learner = LogisticRegression(C=C, solver="liblinear", max_iter=5000, random_state=SEED)
    learner.fit(x, [e.is_launch for e in examples])
    coef = learner.coef_[0]
    return Head.from_weights(("launch",), {c: (float(coef[i]),) for i, c in enumerate(columns)},
                             (float(learner.intercept_[0]),), platt)


def fit_fact(name: str, examples: Sequence[Example], vectors: dict[str, dict[int, float]]) -> Head:
    """The `name` head ("actor" or "kind") trained on the launches among `examples`."""
    from sklearn.linear_model import LogisticRegression

    launches = [e for e in examples if e.is_launch and e.stratum != "written"]  # written items carry no facts
    labels = [_fact_label(e, name) for e in launches]
    seen = {label: labels.count(label) for label in set(labels)}
    labels = [label if seen[label] >= MIN_CLASS_EXAMPLES else "other" for label in labels]
    x, columns = _matrix([vectors[e.key] for e in launches])
    learner = LogisticRegression(C=FACT_C, solver="lbfgs", max_iter=5000)
    learner.fit(x, labels)
    classes = tuple(str(c) for c in learner.classes_)
    coef = learner.coef_
    if len(classes) == 2:  # sklearn keeps one row for two classes: the second against the first
        coef = [-coef[0] / 2, coef[0] / 2]
        intercepts = (-float(learner.intercept_[0]) / 2, float(learner.intercept_[0]) / 2)
    else:
        intercepts = tuple(float(b) for b in learner.intercept_)
    return Head.from_weights(classes, {c: tuple(float(row[i]) for row in coef) for i, c in enumerate(columns)},
                             intercepts)


HEADLINE = "#headline"  # key suffix of an example's headline-only copy


def headline_copy(example: Example) -> Example:
    """The example with its summary removed (what the headline head is trained on)."""
    return replace(example, key=example.key + HEADLINE, summary="")


def fit(examples: Sequence[Example], vectors: dict[str, dict[int, float]], platt: tuple[float, float] = (1.0, 0.0),
        meta: dict | None = None, headline_platt: tuple[float, float] | None = None) -> LaunchModel:
    """The heads trained on `examples`; the headline head too when `vectors` holds the
    examples' headline-only copies (`headline_copy`)."""
    headlines = [headline_copy(e) for e in examples]
    headline = None
    if all(h.key in vectors for h in headlines):
        headline = fit_launch(headlines, vectors, headline_platt or (1.0, 0.0))
    return LaunchModel(fit_launch(examples, vectors, platt), fit_fact("actor", examples, vectors),
                       fit_fact("kind", examples, vectors), meta or {}, headline)


def fit_platt(scores: Sequence[tuple[float, bool]], steps: int = 4000) -> tuple[float, float]:
    """p = σ(a·z + b) by gradient descent on log loss."""
    a, b, n = 1.0, 0.0, len(scores)
    for _ in range(steps):
        ga = gb = 0.0
        for z, y in scores:
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, a * z + b))))
            ga += (p - y) * z
            gb += p - y
        a -= 0.1 * ga / n
        b -= 0.1 * gb / n
    return round(a, 4), round(b, 4)


def data_hash(examples: Sequence[Example]) -> str:
    digest = hashlib.sha256()
    for e in sorted(examples, key=lambda e: e.key):
        digest.update(json.dumps([e.key, e.is_launch, e.title, e.summary, e.lang], ensure_ascii=False).encode())
    return digest.hexdigest()


def cells(split: Split, days: Sequence[Example]) -> dict[tuple[int, int], list[Example]]:
    found: dict[tuple[int, int], list[Example]] = {}
    for e in days:
        found.setdefault(split.cell(e), []).append(e)
    return found


MIN_PRECISION = 0.95  # the development precision the operating threshold must keep
THRESHOLD_RULE = (f"highest F1 among thresholds with development precision >= {MIN_PRECISION} "
                  "(higher threshold on a tie), else highest F0.5; halfway to the next lower confidence; "
                  "the headline head's never below the launch head's")


@dataclass(frozen=True)
class Scored:
    """One development item's out-of-fold result: its confidence when the model read it
    (None when it did not, and the rules' verdict stands), and the same for its headline alone."""

    key: str
    is_launch: bool
    headline_only: bool  # the item has no summary: the headline head and its threshold decide it
    confidence: float | None
    rules_verdict: bool
    headline_confidence: float | None
    headline_rules_verdict: bool


def _f_beta(tp: float, fp: float, fn: float, beta: float) -> float:
    b2 = beta * beta
    return (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp) if tp else 0.0


def choose_threshold(points: Sequence[tuple[float | None, bool, bool]], min_precision: float = MIN_PRECISION,
                     floor: float = 0.0) -> dict:
    """The operating threshold on an out-of-fold precision-recall curve (`THRESHOLD_RULE`).

    `points`: (confidence or None, truth, rules' verdict) per item; an item with confidence
    None was not read by the model and keeps the rules' verdict at every threshold. Among
    the thresholds that split the confidences seen, the one with the highest F1 whose
    precision is at least `min_precision` (the higher threshold on a tie); when none reaches
    it, the one with the highest F0.5. The threshold lies halfway between the lowest
    confidence called a launch and the next lower one seen (0 below the lowest); none lies
    below `floor` (the lowest candidate at or above it stands in for those). Returns
    the threshold, how it was chosen and precision, recall and F1 at it; raises ValueError
    when no item was read by the model."""
    tp = fp = fn = 0.0
    read: list[tuple[float, bool]] = []
    for confidence, truth, verdict in points:
        if confidence is None:
            tp += truth and verdict
            fp += verdict and not truth
            fn += truth and not verdict
        else:
            read.append((confidence, truth))
            fn += truth  # below every threshold until the sweep reaches it
    if not read:
        raise ValueError("no item was read by the model: no curve to choose a threshold on")
    read.sort(key=lambda p: -p[0])
    candidates = []
    i = 0
    while i < len(read):
        level = read[i][0]
        while i < len(read) and read[i][0] == level:
            tp, fp, fn = tp + read[i][1], fp + (not read[i][1]), fn - read[i][1]
            i += 1
        below = read[i][0] if i < len(read) else 0.0
        precision = tp / (tp + fp) if tp + fp else 0.0
        candidates.append({"threshold": round((level + below) / 2, 5), "precision": round(precision, 4),
                           "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
                           "f1": round(_f_beta(tp, fp, fn, 1.0), 4), "f0_5": round(_f_beta(tp, fp, fn, 0.5), 4),
                           "_f1": _f_beta(tp, fp, fn, 1.0), "_f05": _f_beta(tp, fp, fn, 0.5), "_p": precision})
    # Candidates run from the highest threshold down: max() keeps the first (highest) of equals.
    candidates = [c for c in candidates if c["threshold"] >= floor] or candidates[:1]
    precise = [c for c in candidates if c["_p"] >= min_precision]
    if precise:
        best, rule = max(precise, key=lambda c: c["_f1"]), f"F1 at precision >= {min_precision}"
    else:
        best, rule = max(candidates, key=lambda c: c["_f05"]), f"F0.5 (precision {min_precision} unreachable)"
    chosen = {k: v for k, v in best.items() if not k.startswith("_")}
    chosen["chosen_by"] = rule
    return chosen


def curve_at(points: Sequence[tuple[float | None, bool, bool]], thresholds: Sequence[float]) -> list[dict]:
    """Precision, recall and F1 of `points` (as in `choose_threshold`) at each of `thresholds`."""
    rows = []
    for t in thresholds:
        tally = Tally()
        for confidence, truth, verdict in points:
            tally.add(truth, verdict if confidence is None else confidence >= t)
        rows.append({"threshold": t, "precision": round(tally.precision, 4), "recall": round(tally.recall, 4),
                     "f1": round(tally.f1, 4)})
    return rows


def model_reads(title: str, summary: str, lang: str | None) -> bool:
    """Whether the classifier's model decides this item (else the rules' verdict stands):
    it reads it, and the policy does not rule it out whatever the model says
    (`classifier.ruled_out`), so that its confidence is on the threshold's curve."""
    p = detector.prepare(title, summary)
    detected = detector.detect_language(p.text, lang)
    detection = detector.detect(p, detected)
    return model_features(p, detected, detection)[1] is not None and not ruled_out(p, detected, detection)


CURVE_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)


def development_cv(split: Split, by_cell: dict[tuple[int, int], list[Example]], everything: Sequence[Example],
                   vectors: dict[str, dict[int, float]]) -> tuple[tuple[float, float], dict, list[Scored]]:
    """Grouped cross-validation inside the six development cells: each is predicted by a model
    trained on the development cells that share neither its day group nor its outlet group
    (plus the dev set and the cases; never a test-cell item), through the whole classifier.
    Every item keeps its out-of-fold confidence (and its headline's); the Platt maps
    (launch head, headline head) are fitted on those scores and the operating thresholds
    chosen on their precision-recall curves (`choose_threshold`). Returns the Platt maps,
    the figures at the chosen thresholds (with the thresholds, the curves and the mistakes:
    what every choice is made from) and the scored items."""
    test_keys = {e.key for cell in TEST_CELLS for e in by_cell.get(cell, ())}
    pool = [e for e in everything if e.key not in test_keys]
    development_cells = [cell for cell in sorted(by_cell) if cell not in TEST_CELLS]
    folds = {cell: fit(disjoint_from(split, cell, pool), vectors) for cell in development_cells}
    scores = [(folds[cell].launch.scores(vectors[e.key])[0], e.is_launch) for cell in development_cells
              for e in by_cell[cell]]
    platt = fit_platt(scores)
    headline_scores = [(folds[cell].headline.scores(vectors[e.key + HEADLINE])[0], e.is_launch)
                       for cell in development_cells for e in by_cell[cell]]
    headline_platt = fit_platt(headline_scores)

    def fold_model(cell: tuple[int, int], meta: dict) -> LaunchModel:
        fold = folds[cell]
        return LaunchModel(replace(fold.launch, platt=platt), fold.actor, fold.kind, meta,
                           replace(fold.headline, platt=headline_platt))

    scored = []
    for cell in development_cells:
        model = fold_model(cell, {})
        for e in by_cell[cell]:
            full, headline = classify(e.title, e.summary, lang=e.lang, launch_model=model), \
                classify(e.title, "", lang=e.lang, launch_model=model)
            p = detector.prepare(e.title, e.summary)
            scored.append(Scored(e.key, e.is_launch, not p.text[p.title_end + 1:].strip(),
                                 full.confidence if model_reads(e.title, e.summary, e.lang) else None, full.is_launch,
                                 headline.confidence if model_reads(e.title, "", e.lang) else None,
                                 headline.is_launch))
    # The headline head's threshold first: it decides the items without a summary, which
    # then stand fixed on the launch head's curve.
    headline_points = [(s.headline_confidence, s.is_launch, s.headline_rules_verdict) for s in scored]
    headline_point = choose_threshold(headline_points)

    def headline_verdict(s: Scored) -> bool:
        if s.headline_confidence is None:
            return s.headline_rules_verdict
        return s.headline_confidence >= headline_point["threshold"]

    def launch_points() -> list[tuple[float | None, bool, bool]]:
        return [(None, s.is_launch, headline_verdict(s)) if s.headline_only else
                (s.confidence, s.is_launch, s.rules_verdict) for s in scored]

    points = launch_points()
    launch_point = choose_threshold(points)
    for _ in range(3):
        if headline_point["threshold"] >= launch_point["threshold"]:
            break
        # A headline alone is less evidence than a headline and its summary: it is never
        # called a launch at a lower confidence (on the flat top of the headline curve one
        # or two items would otherwise set a threshold that calls any headline naming a
        # missile a launch). The launch head's curve then counts the items without a
        # summary at the raised threshold.
        headline_point = choose_threshold(headline_points, floor=launch_point["threshold"])
        points = launch_points()
        launch_point = choose_threshold(points)
    if headline_point["threshold"] < launch_point["threshold"]:
        # (Not settled in three rounds: the launch head's choice stands, the headline's is raised to it.)
        headline_point = choose_threshold(headline_points, floor=launch_point["threshold"])
    thresholds = {"launch_threshold": launch_point["threshold"], "headline_threshold": headline_point["threshold"]}
    figures = Figures()
    for cell in development_cells:
        model = fold_model(cell, thresholds)
        measure(by_cell[cell], lambda t, s, lang, at: classify(t, s, lang=lang, published_at=at, launch_model=model), figures)
    items = [e for cell in development_cells for e in by_cell[cell]]
    found = figures.as_dict()
    found["items"] = len(items)
    found["launches"] = sum(e.is_launch for e in items)
    found["threshold_rule"] = THRESHOLD_RULE
    found["operating_point"] = {"launch": launch_point, "headline": headline_point}
    found["curve"] = {"launch": curve_at(points, CURVE_THRESHOLDS),
                      "headline": curve_at(headline_points, CURVE_THRESHOLDS)}
    found["mistakes"] = figures.mistakes
    return (platt, headline_platt), found, scored


def train(out: Path, report: Path | None, development_only: bool = False, scores_out: Path | None = None) -> dict:
    days = load_days()
    everything = days + load_dev() + load_cases() + load_written()
    split = make_split(days)
    vectors = {e.key: features_of(e) for e in everything}
    vectors.update({h.key: features_of(h) for h in map(headline_copy, everything)})
    by_cell = cells(split, days)
    (platt, headline_platt), development, scored = development_cv(split, by_cell, everything, vectors)
    mistakes = development.pop("mistakes")
    if scores_out is not None:
        scores_out.write_text("".join(json.dumps(asdict(s), ensure_ascii=False) + "\n" for s in scored),
                              encoding="utf-8")
    thresholds = {"launch_threshold": development["operating_point"]["launch"]["threshold"],
                  "headline_threshold": development["operating_point"]["headline"]["threshold"]}
    if development_only:
        if report is not None:
            report.write_text("\n".join(mistakes) + "\n", encoding="utf-8")
        return {"development_cv": development}
    fold_models = {cell: fit(disjoint_from(split, cell, everything), vectors) for cell in sorted(TEST_CELLS)}
    held_out, rules_only, baseline = Figures(), Tally(), Tally()
    for cell in sorted(TEST_CELLS):
        fold = fold_models[cell]
        model = LaunchModel(replace(fold.launch, platt=platt), fold.actor, fold.kind, thresholds,
                            replace(fold.headline, platt=headline_platt))
        measure(by_cell[cell], lambda t, s, lang, at: classify(t, s, lang=lang, published_at=at, launch_model=model), held_out)
        for e in by_cell[cell]:
            p = detector.prepare(e.title, e.summary)
            rules_only.add(e.is_launch, detector.detect(p, detector.detect_language(p.text, e.lang)).is_launch)
            baseline.add(e.is_launch, bool(KEYWORD_BASELINE.match(f"{e.title}\n{e.summary}")))
    test_items = [e for cell in TEST_CELLS for e in by_cell[cell]]
    figures = held_out.as_dict()
    figures["items"] = len(test_items)
    figures["launches"] = sum(e.is_launch for e in test_items)
    figures["precision_95"] = [round(x, 3) for x in interval(held_out.overall.tp, held_out.overall.tp + held_out.overall.fp)]
    figures["recall_95"] = [round(x, 3) for x in interval(held_out.overall.tp, held_out.overall.tp + held_out.overall.fn)]
    figures["rules_alone"] = rules_only.as_dict()
    figures["keyword_baseline"] = {"pattern": KEYWORD_BASELINE.pattern, **baseline.as_dict()}
    meta = {
        "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "training_data_sha256": data_hash(everything),
        "training_items": len(everything),
        "training_launches": sum(e.is_launch for e in everything),
        "learner": f"logistic regression, L2, C={C}, liblinear, seed {SEED}",
        "platt_fitted_on": f"{development['items']} out-of-fold predictions of the development cells",
        **thresholds,
        "threshold_rule": THRESHOLD_RULE,
        "development_cv": development,
        "held_out": figures,
    }
    final = fit(everything, vectors, platt, meta, headline_platt)
    out.write_text(json.dumps(final.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if report is not None:
        report.write_text("\n".join(mistakes) + "\n", encoding="utf-8")
    return meta


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m services.classify.training.train", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="model file to write (default: the shipped one)")
    parser.add_argument("--development-only", action="store_true",
                        help="only the grouped cross-validation inside the development cells: print its figures, "
                             "touch no test cell, write no model")
    parser.add_argument("--mistakes", type=Path, default=None,
                        help="write the development cells' out-of-fold mistakes to this file")
    parser.add_argument("--scores", type=Path, default=None,
                        help="write every development-cell item's out-of-fold confidence (JSON lines)")
    args = parser.parse_args(argv)
    try:
        meta = train(args.out, args.mistakes, args.development_only, args.scores)
    except LookupError as exc:
        print(f"train: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(meta, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
