"""Choosing the real-day items to label: round two (`--round2`)."""

from __future__ import annotations

import gzip
import json

from services.classify.training import candidates, dataset


def _entry(link: str, title: str, summary: str = "") -> dict:
    return {"link": link, "title": title, "summary": summary}


def test_round_two_takes_the_flagged_items_round_one_did_not_label_in_their_order():
    entries = [_entry("a", "Army fires rockets at the border"), _entry("b", "Stocks steady"),
               _entry("c", "Kindżał attack overnight"), _entry("d", "Military space plane blasts off"),
               _entry("e", "Rain expected"), _entry("f", "North Korea fires missile")]
    labels = [{"link": "a", "stratum": "flagged"}, {"link": "e", "stratum": "random"},
              {"link": "d", "stratum": "flagged2"}]
    by_classifier = {"c", "d", "e"}.__contains__
    chosen = candidates.later_round(entries, labels, 2, lambda e: by_classifier(e["link"]))
    # a: labelled in round one; b: not flagged; c, d: flagged by the classifier; e: labelled in
    # round one though flagged; f: the keyword rule. d is labelled, but in round two itself.
    assert [e["link"] for e in chosen] == ["c", "d", "f"]
    # Round three leaves out round two's labels too, and keeps its own.
    labels.append({"link": "c", "stratum": "flagged3"})
    chosen = candidates.later_round(entries, labels, 3, lambda e: by_classifier(e["link"]))
    assert [e["link"] for e in chosen] == ["c", "f"]
    # Round four leaves out round three's too.
    chosen = candidates.later_round(entries, labels, 4, lambda e: by_classifier(e["link"]))
    assert [e["link"] for e in chosen] == ["f"]
    # Round five keeps its own labels; round six leaves them out.
    labels.append({"link": "f", "stratum": "flagged5"})
    chosen = candidates.later_round(entries, labels, 5, lambda e: by_classifier(e["link"]))
    assert [e["link"] for e in chosen] == ["f"]
    assert candidates.later_round(entries, labels, 6, lambda e: by_classifier(e["link"])) == []


def test_round_two_writes_one_shard_of_link_title_and_summary(tmp_path, monkeypatch, capsys):
    labelled = json.loads(dataset.DAYS_LABELS.read_text(encoding="utf-8").splitlines()[0])
    assert labelled["stratum"] == "flagged"
    days = tmp_path / "data" / "days"
    days.mkdir(parents=True)
    items = [_entry(labelled["link"], "North Korea fires a ballistic missile"),
             _entry("https://example.org/rates", "Central bank holds interest rates steady", "Inflation eased."),
             _entry("https://example.org/salvo", "Rocket salvo hits the border town", "Officials said.")]
    with gzip.open(days / "2023-01-01.jsonl.gz", "wt", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps({**item, "source": "https://example.org/feed"}) + "\n")
    monkeypatch.setenv("LAUNCHWATCH_SHARED_DATA", str(tmp_path / "data"))
    assert candidates.main(["--round2", str(tmp_path / "out")]) == 0
    lines = (tmp_path / "out" / "shard.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [items[2]]
    assert "1 flagged" in capsys.readouterr().out


def test_without_the_shared_data_it_says_so_and_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("LAUNCHWATCH_SHARED_DATA", raising=False)
    assert candidates.main(["--round2", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "LAUNCHWATCH_SHARED_DATA" in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()
