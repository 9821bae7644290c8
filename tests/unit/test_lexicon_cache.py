"""What the classifier derives from its lexicons, kept in a file: a process that reads it
classifies exactly as one that derived everything, and a damaged or unwritable cache only
costs the time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from services.classify.lexicon_cache import LexiconCache

CASES = Path(__file__).resolve().parents[1] / "data" / "classify_cases.jsonl"
# In a fresh interpreter: the lexicons are compiled (or loaded) when the classifier is imported.
CLASSIFY = """
import io, json, sys, time
started = time.process_time()
from services.classify import fastpattern
from services.classify.offline import classify_jsonl
load_s = time.process_time() - started
out = io.StringIO()
classify_jsonl(sys.stdin.read().splitlines(), out, sys.stderr)
print(json.dumps({"loaded": fastpattern._CACHE.loaded, "load_s": load_s, "out": out.getvalue().splitlines()}))
"""


def classify_all(cache_dir: Path | str) -> dict:
    lines = "".join(json.dumps({k: v for k, v in json.loads(line).items() if k in ("id", "title", "summary", "lang")})
                    + "\n" for line in CASES.read_text(encoding="utf-8").splitlines())
    env = {**os.environ, "LAUNCHWATCH_LEXICON_CACHE": str(cache_dir)}
    done = subprocess.run([sys.executable, "-c", CLASSIFY], input=lines, capture_output=True, text=True, env=env,
                          check=True, timeout=120)
    return json.loads(done.stdout)


def test_loaded_lexicons_classify_as_compiled_ones_and_load_faster(tmp_path):
    compiled = classify_all(tmp_path)
    assert not compiled["loaded"] and list(tmp_path.glob("lexicons-*.marshal"))
    loaded = classify_all(tmp_path)
    assert loaded["loaded"]
    cases = len(CASES.read_text(encoding="utf-8").splitlines())
    assert loaded["out"] == compiled["out"] and len(loaded["out"]) == cases
    assert loaded["out"] == classify_all("off")["out"]
    assert loaded["load_s"] < compiled["load_s"]


def test_a_damaged_cache_file_is_derived_over(tmp_path):
    first = classify_all(tmp_path)
    (file,) = tmp_path.glob("lexicons-*.marshal")
    good = file.read_bytes()
    file.write_bytes(good[: len(good) // 2])
    again = classify_all(tmp_path)
    assert not again["loaded"]
    assert again["out"] == first["out"]
    assert LexiconCache(file).loaded  # written whole again


def test_a_cache_folder_that_cannot_be_made_costs_only_the_time(tmp_path):
    (tmp_path / "taken").write_text("a file where the folder would be", encoding="utf-8")
    cache = LexiconCache(tmp_path / "taken" / "launchwatch" / "lexicons.marshal")
    cache.remember("launch(?:es|ed)?", 0, ("l(?:aunch(?:es|ed)?)", None, None, ("launch",)))
    assert cache.save() is False
