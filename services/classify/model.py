"""The learned half of the classifier: linear models over words and the rules' cues.

One model file (`launch_model.json`, shipped in the package) holds three heads over the
hashed features of `services.classify.features`:
- `launch`: whether the item reports a launch (logistic, with a Platt map fitted on
  out-of-fold predictions), the one calibrated confidence;
- `actor`: who launched (softmax over the actors seen in training, plus `other`);
- `kind`: what was launched (softmax over the kinds seen in training);
- `headline` (optional): the launch head for an item without a summary, trained on the
  headlines of the training items alone, with its own Platt map: a headline carries
  fewer words, and a model that has read summaries weighs them as missing evidence.
It also holds the SHA-256 of the training data, the operating thresholds of the launch and
headline heads chosen on the development cells (`meta.launch_threshold`,
`meta.headline_threshold`) and the figures measured when it was trained. `services.classify.training.train` writes it. Loading takes milliseconds;
scoring an item is a sum over its features.
"""

from __future__ import annotations

import base64
import json
import math
import zlib
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from services.classify.features import DIMENSIONS

MODEL_PATH = Path(__file__).with_name("launch_model.json")
FORMAT = "launchwatch-linear/2"
DEFAULT_THRESHOLD = 0.5  # the operating threshold of a model file whose meta names none


class ModelFileError(ValueError):
    """The model file is missing, of another format, or damaged."""


def _pack(values: array) -> str:
    return base64.b64encode(zlib.compress(values.tobytes(), 9)).decode()


def _unpack(typecode: str, text: str) -> array:
    values = array(typecode)
    values.frombytes(zlib.decompress(base64.b64decode(text)))
    return values


@dataclass(frozen=True)
class Head:
    """One linear head: per class, a weight for each hashed column it uses, and an intercept.

    `columns` lists the hashed columns the head uses; row i of `matrix` (columns × classes)
    holds column i's weights. A head of one class is logistic (`probabilities` gives that
    class's probability after the Platt map); a head of several is a softmax over them.
    """

    classes: tuple[str, ...]
    columns: tuple[int, ...]
    matrix: np.ndarray
    intercepts: tuple[float, ...]
    platt: tuple[float, float] = (1.0, 0.0)
    _row: dict[int, int] = field(init=False, repr=False, compare=False)
    _single: dict[int, float] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_row", {c: i for i, c in enumerate(self.columns)})
        # One class: a plain dict sum beats gathering rows into an array for ~100 features.
        single = dict(zip(self.columns, self.matrix[:, 0].tolist())) if len(self.classes) == 1 else None
        object.__setattr__(self, "_single", single)

    @classmethod
    def from_weights(cls, classes: tuple[str, ...], weights: dict[int, tuple[float, ...]],
                     intercepts: tuple[float, ...], platt: tuple[float, float] = (1.0, 0.0)) -> Head:
        columns = tuple(sorted(weights))
        matrix = np.array([weights[c] for c in columns], dtype=np.float32).reshape(len(columns), len(classes))
        return cls(classes, columns, matrix, intercepts, platt)

    def weight(self, column: int, k: int) -> float | None:
        """The weight of `column` for class `k`, None when the head does not use it."""
        row = self._row.get(column)
        return None if row is None else float(self.matrix[row, k])

    def scores(self, vector: dict[int, float]) -> list[float]:
        if self._single is not None:
            get = self._single.get
            return [self.intercepts[0] + sum(get(column, 0.0) * value for column, value in vector.items())]
        rows, values = [], []
        for column, value in vector.items():
            row = self._row.get(column)
            if row is not None:
                rows.append(row)
                values.append(value)
        totals = np.asarray(self.intercepts, dtype=np.float64)
        if rows:
            totals = totals + np.asarray(values, dtype=np.float64) @ self.matrix[rows]
        return totals.tolist()

    def probabilities(self, vector: dict[int, float]) -> list[float]:
        totals = self.scores(vector)
        if len(totals) == 1:
            z = self.platt[0] * totals[0] + self.platt[1]
            return [0.0 if z < -40 else 1.0 / (1.0 + math.exp(-z))]
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        norm = sum(exps)
        return [e / norm for e in exps]

    def best(self, vector: dict[int, float]) -> tuple[str, float]:
        """The most probable class and its probability."""
        probs = self.probabilities(vector)
        k = max(range(len(probs)), key=probs.__getitem__)
        return self.classes[k], probs[k]

    def to_json(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "intercepts": list(self.intercepts), "platt": list(self.platt),
                "columns": _pack(array("I", self.columns)),
                "weights": _pack(array("f", self.matrix.astype(np.float32).ravel().tolist()))}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Head:
        classes = tuple(data["classes"])
        columns = _unpack("I", data["columns"])
        flat = _unpack("f", data["weights"])
        k = len(classes)
        if k == 0 or len(flat) != len(columns) * k or len(data["intercepts"]) != k:
            raise ValueError("columns, classes and weights do not fit together")
        matrix = np.frombuffer(flat.tobytes(), dtype=np.float32).reshape(len(columns), k)
        a, b = data.get("platt", (1.0, 0.0))
        return cls(classes, tuple(columns), matrix, tuple(float(x) for x in data["intercepts"]), (float(a), float(b)))


@dataclass(frozen=True)
class LaunchModel:
    """The heads and what is known of their training."""

    launch: Head
    actor: Head
    kind: Head
    meta: dict[str, Any]
    headline: Head | None = None
    _thresholds: tuple[float, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        launch = float(self.meta.get("launch_threshold", DEFAULT_THRESHOLD))
        headline = float(self.meta.get("headline_threshold", launch))
        object.__setattr__(self, "_thresholds", (launch, headline))

    def threshold(self, headline_only: bool = False) -> float:
        """The operating threshold: an item whose confidence is at or above it is a launch.
        Chosen on the development cells when the model was trained (`meta.launch_threshold`,
        `meta.headline_threshold` for the headline head); `DEFAULT_THRESHOLD` for a model
        file that names none, the headline head taking the launch head's when only that is
        named."""
        return self._thresholds[1 if headline_only and self.headline is not None else 0]

    def launch_probability(self, vector: dict[int, float], headline_only: bool = False) -> float:
        """The calibrated probability that the item is a launch; `headline_only`: the item
        has no summary, and the headline head (when the model has one) decides."""
        head = self.headline if headline_only and self.headline is not None else self.launch
        return head.probabilities(vector)[0]

    def to_json(self) -> dict[str, Any]:
        heads = {"launch": self.launch.to_json(), "actor": self.actor.to_json(), "kind": self.kind.to_json()}
        if self.headline is not None:
            heads["headline"] = self.headline.to_json()
        return {"format": FORMAT, "dimensions": DIMENSIONS, "meta": self.meta, "heads": heads}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LaunchModel:
        """Raises ModelFileError when `data` is not a model of this format."""
        if data.get("format") != FORMAT or data.get("dimensions") != DIMENSIONS:
            raise ModelFileError(f"model format {data.get('format')!r}/{data.get('dimensions')} "
                                 f"is not {FORMAT}/{DIMENSIONS}")
        try:
            heads = data["heads"]
            headline = Head.from_json(heads["headline"]) if "headline" in heads else None
            return cls(Head.from_json(heads["launch"]), Head.from_json(heads["actor"]),
                       Head.from_json(heads["kind"]), data.get("meta", {}), headline)
        except (KeyError, ValueError, TypeError, zlib.error) as exc:
            raise ModelFileError(f"model file is damaged: {exc}") from None


def load(path: Path = MODEL_PATH) -> LaunchModel:
    """The model in `path`; raises ModelFileError naming the file when it cannot be used."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelFileError(f"cannot read model file {path}: {exc}") from None
    try:
        return LaunchModel.from_json(data)
    except ModelFileError as exc:
        raise ModelFileError(f"{path}: {exc}") from None


@lru_cache(maxsize=1)
def shipped() -> LaunchModel:
    """The model shipped in the package, loaded once per process."""
    return load()
