"""How often the classifier's language detection agrees with the language a feed declares.

    LAUNCHWATCH_SHARED_DATA=/path/to/shared/data python bench/language_id.py [--days held|tuned|all]

Over the entries of the real days in `$LAUNCHWATCH_SHARED_DATA/days/` whose feed declares
English or Polish, `detect_language` is asked without the feed's hint, once for the headline
alone and once for the headline with its summary, and compared with the declared language.
Left out: the one feed that declares `en-US` for Polish text (businessinsider.com.pl),
entries of `.pl` hosts that declare English, and YouTube channels, whose declared language
is the platform's. The days in date order alternate: `tuned` (the 1st, 3rd, ...) is the half
whose headlines the Polish endings were chosen on, `held` (the 2nd, 4th, ..., the default)
the half not looked at then.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.classify.languages import detect_language  # noqa: E402

LEFT_OUT_HOSTS = ("businessinsider.com.pl", "youtube.com")


def declared(entry: dict) -> str | None:
    """The entry's declared language when it is one measured here, else None."""
    lang = (entry.get("language") or "").split("-")[0].lower()
    host = entry["source"].split("/")[2]
    if lang not in ("en", "pl") or any(h in host for h in LEFT_OUT_HOSTS):
        return None
    if lang == "en" and host.endswith(".pl"):
        return None
    return lang


def measure(days: list[Path]) -> Counter:
    """(part, declared language, agreed) → entries."""
    tally: Counter = Counter()
    for path in days:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                entry = json.loads(line)
                lang = declared(entry)
                if lang is None:
                    continue
                title = entry.get("title") or ""
                for part, text in (("headline", title), ("with summary", f"{title}\n{entry.get('summary') or ''}")):
                    tally[(part, lang, detect_language(text, None) == lang)] += 1
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", choices=("held", "tuned", "all"), default="held")
    args = parser.parse_args(argv)
    root = os.environ.get("LAUNCHWATCH_SHARED_DATA")
    if not root:
        print("language_id: set LAUNCHWATCH_SHARED_DATA to the shared data directory", file=sys.stderr)
        return 2
    files = sorted((Path(root) / "days").glob("*.jsonl.gz"))
    if args.days != "all":
        files = files[0::2] if args.days == "tuned" else files[1::2]
    tally = measure(files)
    print("| part | declared | read so | of | share |")
    print("|---|---|---|---|---|")
    for part in ("headline", "with summary"):
        for lang in ("pl", "en"):
            right, wrong = tally[(part, lang, True)], tally[(part, lang, False)]
            total = right + wrong
            print(f"| {part} | {lang} | {right:,} | {total:,} | {right / total:.1%} |" if total else
                  f"| {part} | {lang} | 0 | 0 | - |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
