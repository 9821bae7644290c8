"""Labels added in later rounds (strata `flagged2`, `flagged3`, `flagged4`): the split and the stream weights."""

from __future__ import annotations

import hashlib
import json

from services.classify.training import dataset
from services.classify.training.evaluate import stream_weight


def _item(key: str, day: str, outlet: str, stratum: str = "flagged") -> dataset.Example:
    return dataset.Example(key=key, title=key, summary="", lang="en", is_launch=False, fields=None, day=day,
                           outlet=outlet, stratum=stratum)


def test_a_later_label_moves_no_outlet_and_joins_the_cell_of_its_outlet():
    # Three outlets in SHA-256 order with 2, 2 and 1 items over two groups: one more item of the
    # first outlet, counted like the others, would send the third outlet to the other group.
    first, second, third = sorted(["alpha", "beta", "gamma"], key=lambda o: hashlib.sha256(o.encode()).hexdigest())
    round_one = [_item("a1", "2023-01-01", first), _item("a2", "2023-01-02", first),
                 _item("b1", "2023-01-01", second), _item("b2", "2023-01-02", second),
                 _item("c1", "2023-01-01", third, stratum="random")]
    before = dataset.make_split(round_one, groups=2)
    late = _item("a3", "2023-01-02", first, stratum="flagged2")
    after = dataset.make_split(round_one + [late], groups=2)
    assert after == before
    assert after.cell(late) == before.cell(round_one[1])


def test_a_day_and_an_outlet_only_later_labels_hold_are_placed_after_the_others():
    round_one = [_item("a", "2023-01-02", "alpha"), _item("b", "2023-01-04", "beta", stratum="random")]
    late = _item("c", "2023-01-01", "gamma", stratum="flagged2")
    split = dataset.make_split(round_one + [late], groups=2)
    assert split.day_group == {"2023-01-02": 0, "2023-01-04": 1, "2023-01-01": 0}
    assert split.outlet_group["gamma"] in (0, 1) and split.cell(late) is not None


def test_an_item_of_a_later_round_stands_for_itself_in_the_stream():
    assert stream_weight(_item("x", "2023-01-01", "alpha", stratum="flagged2")) == 1.0
    assert stream_weight(_item("z", "2023-01-01", "alpha", stratum="flagged3")) == 1.0
    assert stream_weight(_item("y", "2023-01-01", "alpha", stratum="random")) > 30


def test_round_two_labels_leave_the_split_of_round_one(shared_data):
    examples = dataset.load_days(data=shared_data)
    round_one = [e for e in examples if e.stratum in dataset.SPLIT_STRATA]
    assert len(round_one) < len(examples)
    assert dataset.make_split(examples) == dataset.make_split(round_one)


def test_the_weights_of_the_labels_add_up_to_the_items_of_the_days(shared_data):
    examples = dataset.load_days(data=shared_data)
    items = len(dataset.day_texts(shared_data / "days"))
    assert round(sum(stream_weight(e) for e in examples), 6) == items


def test_every_label_has_a_known_stratum_and_not_launch_labels_carry_no_fields():
    rows = [json.loads(line) for line in dataset.DAYS_LABELS.read_text(encoding="utf-8").splitlines()]
    assert {row["stratum"] for row in rows} == {"flagged", "random", "flagged2", "flagged3", "flagged4", "flagged5", "flagged6",
                                                  "flagged7"}
    assert all(row["fields"] is None for row in rows if row["label"] == "not_launch")
    assert all(row["hard_negative"] is False for row in rows if row["label"] == "launch")
    order = [(row["day"], row["source"], row["link"]) for row in rows]
    assert order == sorted(order)
