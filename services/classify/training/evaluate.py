"""Figures of a classifier on labelled examples: detection, fields, subsets, stream weights.

Labels of the shared dev set are free text ("North Korea", "SRBM"); labels of the real
days are codes already. `label_actor` and `label_kind` read either.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from schemas.actors import actor_named_in
from services.classify.classifier import Classification
from services.classify.text import prepare
from services.classify.training.dataset import Example
from services.classify.training.facts import FactFigures, published_at

# The random stratum of the real-day labels: 1,600 drawn from the 49,606 items nobody flagged.
# The 7 items of stratum "flagged2", the 12 of "flagged3", the 1 of "flagged4", the 2 of
# "flagged5", the 1 of "flagged6" and the 2 of "flagged7" came from that same pool and were all labelled, so they
# stand for themselves (weight 1) and the random items for the rest of the pool: the weights
# of all labels add up to the 51,404 items of the days.
RANDOM_POOL_ITEMS = 49606
LATER_ROUNDS_ITEMS = 7 + 12 + 1 + 2 + 1 + 2
RANDOM_STRATUM_WEIGHT = (RANDOM_POOL_ITEMS - LATER_ROUNDS_ITEMS) / 1600

_KIND_LABELS = {
    "srbm": "srbm", "mrbm": "mrbm", "irbm": "irbm", "icbm": "icbm", "slbm": "slbm", "ballistic": "ballistic",
    "cruise": "cruise", "hypersonic": "hypersonic", "satellite launch vehicle": "satellite_launch",
    "satellite launch": "satellite_launch", "satellite_launch": "satellite_launch",
    "artillery rocket": "artillery_rocket", "artillery_rocket": "artillery_rocket", "crbm": "srbm",
}
_CODE = re.compile(r"^[A-Z]{3}$")


def label_actor(label: str | None) -> str | None:
    """A labelled actor as the classifier's code: "North Korea" → PRK (by the gazetteer's
    names), codes stay; the text itself when it names no known actor."""
    if not label:
        return None
    if _CODE.match(label.strip()):
        return label.strip()
    return actor_named_in(label) or label.strip()


def label_kind(label: str | None) -> str | None:
    """A labelled kind as the classifier's kind."""
    if not label:
        return None
    return _KIND_LABELS.get(label.strip().lower(), label.strip().lower())


def label_number(label: object) -> float | None:
    """A labelled numeric field as a number: 700, "435 mi (~700)" → 700; None for words."""
    if isinstance(label, bool) or label is None:
        return None
    if isinstance(label, (int, float)):
        return float(label)
    m = re.search(r"\(~(\d[\d,]*(?:\.\d+)?)\)", str(label)) or re.fullmatch(r"\s*(\d[\d,]*(?:\.\d+)?)\s*", str(label))
    return float(m.group(1).replace(",", "")) if m else None


def stream_weight(example: Example) -> float:
    """How many stream items a labelled item stands for: many for a random-stratum item, one
    for an item of a stratum labelled whole (`flagged`, `flagged2` … `flagged7`)."""
    return RANDOM_STRATUM_WEIGHT if example.stratum == "random" else 1.0


@dataclass
class Tally:
    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0
    tn: float = 0.0

    def add(self, truth: bool, said: bool, weight: float = 1.0) -> None:
        if truth and said:
            self.tp += weight
        elif said:
            self.fp += weight
        elif truth:
            self.fn += weight
        else:
            self.tn += weight

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": round(self.tp, 1), "fp": round(self.fp, 1), "fn": round(self.fn, 1), "tn": round(self.tn, 1)}


@dataclass
class Figures:
    """Everything measured on one set of examples."""

    overall: Tally = field(default_factory=Tally)
    stream_weighted: Tally = field(default_factory=Tally)
    headlines: Tally = field(default_factory=Tally)
    # The items their feed published with no summary: what a reader of a headline-only
    # feed gets, judged as labelled (the headline copies above also strip the summary of
    # items whose launch only the summary tells, which the policy then cannot call a launch).
    no_summary: Tally = field(default_factory=Tally)
    by_language: dict[str, Tally] = field(default_factory=dict)
    not_prk: Tally = field(default_factory=Tally)
    actor: list[int] = field(default_factory=lambda: [0, 0])
    kind: list[int] = field(default_factory=lambda: [0, 0])
    brier: list[float] = field(default_factory=lambda: [0.0, 0])
    facts: FactFigures = field(default_factory=FactFigures)
    mistakes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "overall": self.overall.as_dict(),
            "stream_weighted": self.stream_weighted.as_dict(),
            "headlines_only": self.headlines.as_dict(),
            "published_without_summary": self.no_summary.as_dict(),
            "by_language": {k: v.as_dict() for k, v in sorted(self.by_language.items())},
            "actors_other_than_prk": self.not_prk.as_dict(),
            "actor_accuracy": [round(self.actor[0] / self.actor[1], 4) if self.actor[1] else None, *self.actor],
            "kind_accuracy": [round(self.kind[0] / self.kind[1], 4) if self.kind[1] else None, *self.kind],
            "brier": round(self.brier[0] / self.brier[1], 4) if self.brier[1] else None,
            "facts": self.facts.as_dict(),
        }


# (title, summary, language hint, publication time) → classification
Classifier = Callable[[str, str, str | None, datetime | None], Classification]


def language_of(example: Example, result: Classification) -> str:
    """The subset an item counts in: its detected language (feeds' hints decide Latin text)."""
    return result.lang


def measure(examples: Iterable[Example], classify: Classifier, figures: Figures | None = None) -> Figures:
    """Classify each example (and its headline alone) with its publication time and add it
    to `figures`: detection, actor and kind, and every labelled fact of a detected true
    launch (`facts.FactFigures`). Its mistakes (FP, FN, ACTOR, KIND, FACT_WRONG /
    FACT_MISSED / FACT_FALSE, and HEADLINE_FP / HEADLINE_FN for the headline alone) go to
    `figures.mistakes`."""
    figures = figures or Figures()
    for e in examples:
        published = published_at(e.published)
        result = classify(e.title, e.summary, e.lang, published)
        said = result.is_launch
        figures.overall.add(e.is_launch, said)
        figures.stream_weighted.add(e.is_launch, said, stream_weight(e))
        headline = classify(e.title, "", e.lang, published)
        figures.headlines.add(e.is_launch, headline.is_launch)
        prepared = prepare(e.title, e.summary)
        if not prepared.text[prepared.title_end + 1:].strip():
            figures.no_summary.add(e.is_launch, said)
        figures.by_language.setdefault(language_of(e, result), Tally()).add(e.is_launch, said)
        labels = e.fields or {}
        want_actor = label_actor(labels.get("actor")) if e.is_launch else None
        if want_actor != "PRK":
            figures.not_prk.add(e.is_launch, said and result.fields.actor != "PRK")
        figures.brier[0] += (result.confidence - float(e.is_launch)) ** 2
        figures.brier[1] += 1
        tag = f"{e.key[:90]} | {e.title[:100]!r}"
        if e.is_launch and said:
            if want_actor:
                figures.actor[1] += 1
                figures.actor[0] += result.fields.actor == want_actor
                if result.fields.actor != want_actor:
                    figures.mistakes.append(f"ACTOR want={want_actor} got={result.fields.actor} {tag}")
            want_kind = label_kind(labels.get("kind"))
            if want_kind:
                figures.kind[1] += 1
                figures.kind[0] += result.fields.kind == want_kind
                if result.fields.kind != want_kind:
                    figures.mistakes.append(f"KIND want={want_kind} got={result.fields.kind} {tag}")
            figures.facts.add(labels, result.fields, published, want_actor, tag, figures.mistakes)
        elif said:
            figures.mistakes.append(f"FP {result.confidence:.2f} {tag}")
        elif e.is_launch:
            figures.mistakes.append(f"FN {result.confidence:.2f} {tag}")
        # The headline-only copy's own mistakes (the item without its summary).
        if headline.is_launch != e.is_launch:
            figures.mistakes.append(f"HEADLINE_{'FP' if headline.is_launch else 'FN'} {headline.confidence:.2f} {tag}")
    return figures


def interval(successes: float, total: float, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval of a proportion (95% by default)."""
    if total <= 0:
        return 0.0, 1.0
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)
