"""Labelled items for training and evaluation, joined with their texts by link.

Labels live in the project (`labels/*.jsonl`, keyed by `link`); the texts stay in the shared
data folder (`$LAUNCHWATCH_SHARED_DATA/days/DAY.jsonl.gz`), which the project never copies.
The split is fixed by rule, before any error was looked at: days in sorted order go to
day groups 0, 1, 2 in turn; outlets (a feed host's name without `www.`, `rss.`, `feeds.`
and public suffixes) sorted by their SHA-256 go, one by one, to the group with the fewest
labelled items so far. An item's cell is (day group, outlet group). The three diagonal
cells (0,0), (1,1), (2,2) are the **test** cells: figures quoted for unseen news come from
them, each predicted by a model trained only on items that share neither its day group
nor its outlet group, and no choice of features or settings was made by looking at them.
The six other cells are for development (grouped cross-validation the same way).
Days and outlets are grouped by the items of the first labelling round alone (strata
`flagged` and `random`): items labelled later join the cell of their day and outlet and
move no outlet to another group, so the test cells stay the ones fixed before any error was
looked at. A day or outlet that only later labels hold is placed after the others by the
same rule.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

PROJECT = Path(__file__).resolve().parents[3]
LABELS_DIR = PROJECT / "labels"
DAYS_LABELS = LABELS_DIR / "days.jsonl"
POLICY_CASES = PROJECT / "tests" / "data" / "classify_cases.jsonl"
WRITTEN = LABELS_DIR / "written.jsonl"

_HOST_NOISE = frozenset({"www", "rss", "feeds", "feed", "rssfeeds", "news"})
_SUFFIXES = frozenset({"com", "org", "net", "co", "uk", "pl", "jp", "au", "in", "de", "fr", "eu", "io", "gov"})
TEST_CELLS = frozenset({(0, 0), (1, 1), (2, 2)})
# The strata of the first labelling round, which alone fix the split (see the module docstring).
SPLIT_STRATA = frozenset({"flagged", "random"})


@dataclass(frozen=True)
class Example:
    """One labelled item with its text: what training and evaluation read."""

    key: str  # the link (real days) or id (dev set)
    title: str
    summary: str
    lang: str | None
    is_launch: bool
    fields: dict | None
    day: str | None
    outlet: str
    hard_negative: bool = False
    ambiguous: bool = False
    published: str | None = None
    stratum: str = "flagged"  # how the item came to be labelled (see candidates.py)


def outlet_of(feed_url: str) -> str:
    """The outlet a feed belongs to: `rss.cnn.com` → `cnn`, `feeds.bbci.co.uk` → `bbci`."""
    host = (urlsplit(feed_url).hostname or feed_url).lower()
    core = [p for p in host.split(".") if p not in _HOST_NOISE and p not in _SUFFIXES]
    return core[-1] if core else host


def shared_data() -> Path:
    """The shared data folder named by `LAUNCHWATCH_SHARED_DATA`; raises LookupError when unset."""
    path = os.environ.get("LAUNCHWATCH_SHARED_DATA")
    if not path:
        raise LookupError("LAUNCHWATCH_SHARED_DATA is not set: it names the folder with days/ and launch_dev.jsonl")
    return Path(path)


def day_texts(days_dir: Path) -> dict[str, dict]:
    """Every real-day entry by link (the first seen wins), with its day added."""
    found: dict[str, dict] = {}
    for path in sorted(days_dir.glob("*.jsonl.gz")):
        day = path.name[:10]
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                entry = json.loads(line)
                entry["day"] = day
                found.setdefault(entry["link"], entry)
    return found


def load_days(labels_path: Path = DAYS_LABELS, data: Path | None = None) -> list[Example]:
    """The labelled real-day items, joined with their texts; raises KeyError for a label
    whose link is not in the shared days."""
    texts = day_texts((data or shared_data()) / "days")
    examples = []
    for label in _read_jsonl(labels_path):
        entry = texts[label["link"]]
        examples.append(Example(
            key=label["link"], title=entry["title"], summary=entry["summary"] or "",
            lang=(entry.get("language") or None), is_launch=label["label"] == "launch", fields=label["fields"],
            day=entry["day"], outlet=outlet_of(entry["source"]), hard_negative=label["hard_negative"],
            ambiguous=label["ambiguous"], published=entry.get("published"), stratum=label["stratum"]))
    return examples


def load_dev(data: Path | None = None) -> list[Example]:
    """The shared dev set (`launch_dev.jsonl`), its outlet taken from each item's origin."""
    examples = []
    for row in _read_jsonl((data or shared_data()) / "launch_dev.jsonl"):
        examples.append(Example(
            key=row["id"], title=row["title"], summary=row.get("summary") or "", lang=row.get("lang"),
            is_launch=row["label"] == "launch", fields=row.get("fields"), day=None,
            outlet="dev:" + row["id"].split("-")[0], hard_negative=bool(row.get("hard_negative"))))
    return examples


def load_cases(path: Path = POLICY_CASES) -> list[Example]:
    """The hand-written policy cases (`tests/data/classify_cases.jsonl`): one example each
    of the labelling policy's frames (reactions, explainers, engine tests, ...)."""
    examples = []
    for row in _read_jsonl(path):
        expect = row["expect"]
        fields = {k: expect.get(k) for k in ("actor", "kind")} if expect["is_launch"] else None
        examples.append(Example(key="case:" + row["id"], title=row["title"], summary=row.get("summary") or "",
                                lang=row.get("lang"), is_launch=expect["is_launch"], fields=fields, day=None,
                                outlet="cases"))
    return examples


def load_written(path: Path = WRITTEN) -> list[Example]:
    """Items written by hand to the labelling policy (`labels/written.jsonl`), launch or
    not, without facts: they teach the launch heads the policy's frames in words no real
    day used. Stratum "written"; no day and no outlet of the split."""
    return [Example(key="written:" + row["id"], title=row["title"], summary=row.get("summary") or "",
                    lang=row.get("lang"), is_launch=row["is_launch"], fields=None, day=None,
                    outlet="written", stratum="written")
            for row in _read_jsonl(path)]


def _read_jsonl(path: Path) -> Iterable[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


@dataclass(frozen=True)
class Split:
    """The fixed assignment of days and outlets to groups (see the module docstring)."""

    day_group: dict[str, int]
    outlet_group: dict[str, int]

    def cell(self, example: Example) -> tuple[int, int] | None:
        """(day group, outlet group) of a real-day item; None for items of no day (dev set)."""
        if example.day is None:
            return None
        return self.day_group[example.day], self.outlet_group[example.outlet]


def make_split(examples: list[Example], groups: int = 3) -> Split:
    """The split rule of the module docstring, applied to `examples` (their labels unused):
    the items of `SPLIT_STRATA` place every day and outlet they hold, then the items of later
    strata place only the days and outlets still unplaced."""
    dated = [e for e in examples if e.day is not None]
    first = [e for e in dated if e.stratum in SPLIT_STRATA]
    later = [e for e in dated if e.stratum not in SPLIT_STRATA]
    day_group: dict[str, int] = {}
    outlet_group: dict[str, int] = {}
    sizes = [0] * groups
    for batch in (first, later):
        for day in sorted({e.day for e in batch} - day_group.keys()):
            day_group[day] = len(day_group) % groups
        counts: dict[str, int] = {}
        for e in batch:
            counts[e.outlet] = counts.get(e.outlet, 0) + 1
        for outlet in sorted(counts, key=lambda o: hashlib.sha256(o.encode()).hexdigest()):
            if outlet in outlet_group:
                continue  # placed by an earlier round: later items join its group
            g = min(range(groups), key=lambda i: (sizes[i], i))
            outlet_group[outlet] = g
            sizes[g] += counts[outlet]
    return Split(day_group, outlet_group)


def disjoint_from(split: Split, cell: tuple[int, int], examples: list[Example]) -> list[Example]:
    """The examples that share neither the day group nor the outlet group of `cell`: what a
    model predicting that cell may be trained on (items of no day, such as the dev set, always)."""
    kept = []
    for e in examples:
        c = split.cell(e)
        if c is None or (c[0] != cell[0] and c[1] != cell[1]):
            kept.append(e)
    return kept
