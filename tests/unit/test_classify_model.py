"""The learned half of the classifier: the shipped model file, the combination with the
rules, and the training command on a small labelled set."""

from __future__ import annotations

import json
import os

import pytest

from services.classify import model
from services.classify.classifier import classify, passes_gate
from services.classify.training import dataset, train

SHARED = os.environ.get("LAUNCHWATCH_SHARED_DATA")


def test_the_shipped_model_is_small_and_says_what_it_was_trained_on():
    assert model.MODEL_PATH.stat().st_size < 5 * 1024 * 1024
    shipped = model.load()
    assert len(shipped.meta["training_data_sha256"]) == 64
    held_out = shipped.meta["held_out"]
    assert held_out["items"] > 1000 and held_out["launches"] > 100
    assert "PRK" in shipped.actor.classes and "none" in shipped.kind.classes


def test_a_damaged_model_file_is_refused_naming_the_file(tmp_path):
    data = json.loads(model.MODEL_PATH.read_text(encoding="utf-8"))
    data["heads"]["launch"]["weights"] = data["heads"]["launch"]["weights"][:40]
    damaged = tmp_path / "model.json"
    damaged.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(model.ModelFileError, match=str(damaged)):
        model.load(damaged)
    with pytest.raises(model.ModelFileError, match="cannot read"):
        model.load(tmp_path / "missing.json")


def test_a_head_survives_its_file_format():
    head = model.Head.from_weights(("a", "b", "c"), {3: (0.5, -0.25, 1.0), 70000: (0.0, 2.0, -1.0)}, (0.1, 0.2, 0.3))
    again = model.Head.from_json(json.loads(json.dumps(head.to_json())))
    assert again.classes == head.classes and again.intercepts == head.intercepts and again.columns == head.columns
    assert (again.matrix == head.matrix).all() and again.weight(70000, 1) == 2.0 and again.weight(4, 0) is None
    assert again.best({70000: 1.0})[0] == "b"


def test_a_polish_launch_report_is_detected_with_its_launcher():
    result = classify("Korea Północna wystrzeliła dwa pociski balistyczne w stronę Morza Japońskiego",
                      "Pociski przeleciały około 400 km, podała armia Korei Południowej.", lang="pl")
    assert result.is_launch and result.fields.actor == "PRK"
    actor = next(e for e in result.evidence if e.field == "actor")
    assert actor.cue == "actor:subject" and actor.text == "Korea Północna"


def test_a_script_no_rules_read_is_marked_unsupported_and_never_a_launch():
    result = classify("朝鲜发射两枚弹道导弹", "韩国联合参谋本部说，导弹飞行了约350公里。")
    assert (result.lang, result.language_supported, result.is_launch) == ("zh", False, False)


def test_a_launch_told_as_blasting_off_reaches_the_model():
    assert passes_gate("Secret spaceplane blasted off on Thursday\n")
    assert passes_gate("Army spaceplane blasts off again")


def test_ordinary_news_never_reaches_the_model():
    result = classify("Central bank holds interest rates steady", "Inflation eased for a third month.")
    assert not result.is_launch and not passes_gate("Central bank holds interest rates steady")


@pytest.mark.skipif(not SHARED, reason="LAUNCHWATCH_SHARED_DATA is not set")
def test_every_labelled_launch_passes_the_model_gate():
    examples = dataset.load_days() + dataset.load_dev()
    missed = [e.key for e in examples if e.is_launch and not passes_gate(f"{e.title}\n{e.summary}")]
    assert not missed


@pytest.mark.skipif(not SHARED, reason="LAUNCHWATCH_SHARED_DATA is not set")
def test_labels_refer_to_real_day_items_and_copy_no_text():
    rows = [json.loads(line) for line in dataset.DAYS_LABELS.read_text(encoding="utf-8").splitlines()]
    assert not any({"title", "summary"} & row.keys() for row in rows)
    examples = dataset.load_days()  # raises KeyError for a link the shared days do not hold
    assert len(examples) == len(rows) >= 3000 and sum(e.is_launch for e in examples) >= 300


@pytest.mark.skipif(not SHARED, reason="LAUNCHWATCH_SHARED_DATA is not set")
def test_test_cells_share_no_day_and_no_outlet_with_their_training_items():
    examples = dataset.load_days()
    split = dataset.make_split(examples)
    for cell in dataset.TEST_CELLS:
        test = [e for e in examples if split.cell(e) == cell]
        training = [e for e in dataset.disjoint_from(split, cell, examples) if e.day is not None]
        assert test and training
        assert not {e.day for e in test} & {e.day for e in training}
        assert not {e.outlet for e in test} & {e.outlet for e in training}


def test_training_writes_a_model_the_classifier_uses(tmp_path, monkeypatch):
    """The train command's fitting on a small labelled set: a loadable model whose heads
    separate what they were shown, the same weights when run again."""
    launches = [
        ("North Korea fires ballistic missile into the sea", "PRK", "ballistic"),
        ("Russia launches cruise missiles at Kyiv overnight", "RUS", "cruise"),
        ("North Korea test-fires two short-range missiles", "PRK", "srbm"),
        ("Russian cruise missile strike hits Odesa port", "RUS", "cruise"),
        ("Pyongyang launches ballistic missile, Seoul says", "PRK", "ballistic"),
        ("Russia fires cruise missiles on Lviv", "RUS", "cruise"),
        ("North Korea launches ballistic missiles toward Japan", "PRK", "ballistic"),
        ("Moscow hits Kharkiv with cruise missiles", "RUS", "cruise"),
    ]
    others = ["Apple launches a new phone", "Election tests the government", "Rocket League season starts",
              "Bank fires its chief executive", "Museum launches winter exhibition", "Cyclone nears the coast",
              "Company launches investigation into leak", "Stocks rocket after earnings"]
    examples = [dataset.Example(key=f"l{i}", title=t, summary="", lang="en", is_launch=True,
                                fields={"actor": a, "kind": k}, day=None, outlet="x")
                for i, (t, a, k) in enumerate(launches)]
    examples += [dataset.Example(key=f"n{i}", title=t, summary="", lang="en", is_launch=False, fields=None, day=None,
                                 outlet="x") for i, t in enumerate(others)]
    vectors = {e.key: train.features_of(e) for e in examples}
    fitted = train.fit(examples, vectors, meta={"training_data_sha256": train.data_hash(examples)})
    path = tmp_path / "model.json"
    path.write_text(json.dumps(fitted.to_json()), encoding="utf-8")
    loaded = model.load(path)
    again = model.LaunchModel.from_json(train.fit(examples, vectors).to_json())  # stored as float32
    assert (loaded.launch.matrix == again.launch.matrix).all() and (loaded.actor.matrix == again.actor.matrix).all()
    probe = train.features_of(dataset.Example(key="p", title="Russia fires cruise missiles at Odesa", summary="",
                                              lang="en", is_launch=True, fields=None, day=None, outlet="x"))
    assert loaded.launch_probability(probe) > 0.5
    assert loaded.actor.best(probe)[0] == "RUS" and loaded.kind.best(probe)[0] == "cruise"
    apple = train.features_of(examples[len(launches)])
    assert loaded.launch_probability(apple) < 0.5


def test_written_items_teach_the_launch_head_and_no_fact():
    """A written launch carries no facts: the actor head learns from labelled launches only,
    so it never learns "none" from an item that simply was not given one."""
    real = [dataset.Example(key=f"r{i}", title=t, summary="", lang="en", is_launch=True,
                            fields={"actor": a, "kind": "cruise"}, day=None, outlet="x")
            for i, (t, a) in enumerate([("Russia fires cruise missiles at Kyiv", "RUS"),
                                        ("Russian cruise missiles hit Odesa", "RUS"),
                                        ("Russia launches cruise missiles on Lviv", "RUS"),
                                        ("Israel fires cruise missiles at port", "ISR"),
                                        ("Israeli cruise missile strikes depot", "ISR"),
                                        ("Israel launches cruise missiles at base", "ISR")])]
    written = [dataset.Example(key=f"w{i}", title=t, summary="", lang="en", is_launch=True, fields=None, day=None,
                               outlet="written", stratum="written")
               for i, t in enumerate(["Missiles fired at dawn", "Rockets launched overnight", "Salvo of missiles fired",
                                      "Cruise missiles launched again"])]
    examples = real + written
    vectors = {e.key: train.features_of(e) for e in examples}
    assert set(train.fit_fact("actor", examples, vectors).classes) == {"RUS", "ISR"}


def test_written_items_are_labelled_invented_and_unique():
    written = dataset.load_written()
    assert len(written) >= 1000 and len({e.key for e in written}) == len(written)
    assert all(e.stratum == "written" and e.fields is None and e.day is None for e in written)
    launches = sum(e.is_launch for e in written)
    assert 0.2 < launches / len(written) < 0.5  # near misses outnumber launches, as the policy's frames need
    if SHARED:  # none is a real item's text
        real = {e.title for e in dataset.load_days() + dataset.load_dev()}
        assert not real & {e.title for e in written}


def _head(weights: dict[str, float], intercept: float) -> model.Head:
    from services.classify.features import index

    return model.Head.from_weights(("launch",), {index(n): (w,) for n, w in weights.items()}, (intercept,))


def test_an_item_without_summary_is_judged_by_the_headline_head():
    shipped = model.shipped()
    launch = _head({"r:launch": -20.0}, -10.0)  # never a launch
    headline = _head({}, 10.0)  # always a launch
    both = model.LaunchModel(launch, shipped.actor, shipped.kind, {}, headline)
    title = "North Korea fires a ballistic missile"
    assert classify(title, "", launch_model=both).is_launch
    assert not classify(title, "Seoul said it flew 300 km.", launch_model=both).is_launch
    again = model.LaunchModel.from_json(json.loads(json.dumps(both.to_json())))
    assert again.headline is not None and classify(title, "", launch_model=again).is_launch
    without = model.LaunchModel.from_json({**both.to_json(), "heads": {
        k: v for k, v in both.to_json()["heads"].items() if k != "headline"}})
    assert without.headline is None and not classify(title, "", launch_model=without).is_launch


def test_the_shipped_model_has_a_headline_head_and_its_development_figures():
    shipped = model.shipped()
    assert shipped.headline is not None and shipped.headline.platt != (1.0, 0.0)
    assert shipped.meta["development_cv"]["items"] > 2000


def test_the_launch_decision_is_taken_at_the_model_files_threshold():
    """The confidence stays the calibrated probability; whether it makes a launch report is
    decided by the threshold the model file names (0.5 for a file that names none)."""
    shipped = model.shipped()
    sure = _head({}, 1.0)  # every item read by the model gets σ(1) ≈ 0.73
    title, summary = "North Korea fires a ballistic missile", "Seoul said it flew 300 km."

    def judged(meta: dict, text: str = summary):
        return classify(title, text, launch_model=model.LaunchModel(sure, shipped.actor, shipped.kind, meta, sure))

    assert judged({}).is_launch and judged({}).confidence == pytest.approx(0.7311, abs=1e-4)
    assert judged({"launch_threshold": 0.7}).is_launch
    strict = judged({"launch_threshold": 0.8})
    assert not strict.is_launch and strict.confidence == pytest.approx(0.7311, abs=1e-4)
    assert strict.fields.actor is None
    # Without a summary the headline head decides, at its own threshold.
    assert judged({"launch_threshold": 0.8, "headline_threshold": 0.7}, "").is_launch
    assert not judged({"launch_threshold": 0.7, "headline_threshold": 0.8}, "").is_launch


def test_the_threshold_keeps_the_precision_asked_for_with_the_most_f1():
    # (confidence, truth, rules' verdict); None: the model did not read it, the rules' verdict stands.
    points = [(0.99, True, False), (0.95, True, False), (0.9, False, False), (0.8, True, False),
              (0.7, True, False), (0.6, False, False), (None, True, True), (None, False, False), (0.1, False, False)]
    chosen = train.choose_threshold(points, min_precision=0.95)
    assert chosen["threshold"] == pytest.approx(0.925) and chosen["precision"] == 1.0
    assert chosen["recall"] == pytest.approx(0.6) and chosen["chosen_by"].startswith("F1")
    looser = train.choose_threshold(points, min_precision=0.8)
    assert looser["threshold"] == pytest.approx(0.65) and looser["recall"] == 1.0
    unreachable = train.choose_threshold([(0.9, False, False), (0.8, True, False), (0.2, False, False)], 0.95)
    assert unreachable["chosen_by"].startswith("F0.5") and unreachable["threshold"] == pytest.approx(0.5)
    with pytest.raises(ValueError):
        train.choose_threshold([(None, True, True)])


def test_the_headline_threshold_is_never_below_the_launch_threshold():
    # A flat curve: the lowest threshold wins by one launch; a floor keeps the threshold above it.
    points = [(0.9, True, False), (0.8, True, False), (0.5, False, False), (0.3, True, False),
              (0.2, True, False), (0.1, False, False)]
    assert train.choose_threshold(points, min_precision=0.7)["threshold"] == pytest.approx(0.15)
    floored = train.choose_threshold(points, min_precision=0.7, floor=0.26)
    assert floored["threshold"] >= 0.26 and floored["recall"] < 1.0
    # A floor above every confidence leaves the highest threshold seen.
    assert train.choose_threshold(points, min_precision=0.7, floor=0.99)["threshold"] == pytest.approx(0.85)
    shipped = model.shipped()
    assert shipped.threshold(headline_only=True) >= shipped.threshold()


def test_the_shipped_model_decides_at_the_thresholds_chosen_on_the_development_cells():
    shipped = model.shipped()
    chosen = shipped.meta["development_cv"]["operating_point"]
    assert shipped.threshold() == shipped.meta["launch_threshold"] == chosen["launch"]["threshold"]
    assert shipped.threshold(headline_only=True) == chosen["headline"]["threshold"]
    assert chosen["launch"]["precision"] >= 0.95


def test_the_mistakes_name_the_headline_alone_where_only_it_is_misread():
    from services.classify.classifier import Classification
    from services.classify.training.evaluate import measure
    from schemas.models import LaunchFields

    def said(is_launch: bool) -> Classification:
        return Classification(is_launch, 0.9 if is_launch else 0.1, LaunchFields(), (), "en", True, False)

    launch = dataset.Example(key="https://example.org/a", title="Russia pounds Kharkiv", summary="Missiles hit it.",
                             lang="en", is_launch=True, fields={}, day=None, outlet="example")
    # The whole item is read right; its headline alone is not.
    figures = measure([launch], lambda title, summary, lang, published_at: said(bool(summary)))
    assert [m.split()[0] for m in figures.mistakes] == ["HEADLINE_FN"]
    assert figures.overall.tp == 1 and figures.headlines.fn == 1


@pytest.mark.parametrize("title, summary, is_launch", [
    ("Russia launches massive missile attack on Ukraine", "", True),
    ("Russia launches massive air attack on Ukraine", "Cruise missiles hit Kyiv and Lviv.", True),
    ("Rosja przeprowadziła zmasowany atak", "Rakiety spadły na Kijów.", True),
    # The policy's naming rule: an attack that names no missile or rocket is no launch report,
    # however sure the model is.
    ("Russia launches massive air attack on Ukraine, at least 10 dead", "", False),
    ("Moscow launches a wave of attacks on cities", "Power plants were hit overnight.", False),
    ("Rosja przeprowadziła zmasowany atak na Ukrainę", "", False),
])
def test_an_item_that_names_no_missile_or_rocket_is_no_launch_however_sure_the_model(title, summary, is_launch):
    shipped = model.shipped()
    sure = _head({}, 10.0)  # every item read by the model is a launch to it
    always = model.LaunchModel(sure, shipped.actor, shipped.kind, {"launch_threshold": 0.3, "headline_threshold": 0.3},
                               sure)
    result = classify(title, summary, launch_model=always)
    assert result.is_launch is is_launch
    # Ruled out by the policy: its confidence is below the threshold, and the threshold's
    # curve takes it as decided by the rules, not by the model.
    assert (result.confidence >= 0.3) is is_launch
    assert train.model_reads(title, summary, None) is is_launch


@pytest.mark.parametrize("title, is_launch", [
    ("North Korea fires ballistic missile; Japan condemns the launch", True),
    ("Rakieta przeleciała nad Polską. Wojsko podało jej trasę", True),
    # The main-event rule: a reaction before the launch is the headline's event, however sure the model.
    ("Japan condemns North Korea's ballistic missile launch", False),
    ("Rakieta przeleciała nad Polską. Politycy komentują", False),
    # ... but the agency that reports the launch commenting on it is its official statement.
    ("Rakieta przeleciała nad Polską. Jest komentarz Sztabu Generalnego", True),
    ("Rakieta przeleciała nad Polską. Jest komentarz prezydenta", False),
])
def test_a_headline_whose_main_event_is_a_reaction_is_no_launch_however_sure_the_model(title, is_launch):
    shipped = model.shipped()
    sure = _head({}, 10.0)
    always = model.LaunchModel(sure, shipped.actor, shipped.kind, {}, sure)
    assert classify(title, "", launch_model=always).is_launch is is_launch


@pytest.mark.parametrize("title, summary, is_launch", [
    ("Russia pounds Kyiv overnight", "• Missiles hit two power plants • Ukraine orders evacuations", True),
    # A headline with no event of its own over a summary listing other stories: the launch
    # is another story's, however sure the model.
    ("Defence minister orders more weapons production", "• Ukraine says it shot down 4 missiles • Ukraine orders "
                                                        "evacuations", False),
])
def test_a_launch_only_in_a_list_of_other_stories_is_no_launch_however_sure_the_model(title, summary, is_launch):
    shipped = model.shipped()
    sure = _head({}, 10.0)
    always = model.LaunchModel(sure, shipped.actor, shipped.kind, {}, sure)
    assert classify(title, summary, launch_model=always).is_launch is is_launch
