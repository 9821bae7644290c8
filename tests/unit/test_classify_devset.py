"""The accuracy bar on the labelled dev set (skipped when LAUNCHWATCH_SHARED_DATA is unset)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.classify_eval import evaluate  # noqa: E402

DATA = os.environ.get("LAUNCHWATCH_SHARED_DATA")
pytestmark = pytest.mark.skipif(not DATA, reason="LAUNCHWATCH_SHARED_DATA is not set")


@pytest.fixture(scope="module")
def report():
    path = Path(DATA or ".") / "launch_dev.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return evaluate(rows)


def test_detection_precision_and_f1(report):
    assert report.precision >= 0.97, report.mistakes
    assert report.f1 >= 0.97, report.mistakes


def test_actor_accuracy_on_detected_launches(report):
    assert report.actor_accuracy >= 0.95, [m for m in report.mistakes if m.startswith("ACTOR")]


def test_kind_accuracy_on_detected_launches(report):
    assert report.kind_accuracy >= 0.85, [m for m in report.mistakes if m.startswith("KIND")]


def test_confidence_is_calibrated(report):
    # Items given >= 0.8 are launches at least 80% of the time; items under 0.2 rarely are.
    high = [b for i, b in enumerate(report.bins) if i >= 8]
    low = [b for i, b in enumerate(report.bins) if i < 2]
    n_high, pos_high = sum(b[0] for b in high), sum(b[1] for b in high)
    n_low, pos_low = sum(b[0] for b in low), sum(b[1] for b in low)
    assert pos_high / n_high >= 0.8
    assert pos_low / n_low <= 0.2
