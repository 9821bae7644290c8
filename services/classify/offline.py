"""Offline classification of JSON Lines: the core of `launchwatch classify`.

Input, one object per line: {"id": str, "title": str, "summary": str, "lang": str?,
"published_at": ISO 8601 str?}. Output, one line per good input line and in input order:
{"id", "is_launch", "confidence", "fields": {actor, kind, count, distance_km, apogee_km,
direction, source_agency, launched_at}} with launched_at an ISO 8601 string or null.
A bad line (not JSON, not an object, id or title missing or not a string, summary, lang
or published_at of the wrong type) gives one error line on `err` naming the id, or the
line number when there is no usable id, and what was wrong; the run goes on. Blank lines
are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any, TextIO

from services.classify.classifier import classify

FIELD_NAMES = ("actor", "kind", "count", "distance_km", "apogee_km", "direction", "source_agency", "launched_at")


class _BadLine(ValueError):
    """A line that cannot be classified, with the reason."""


def _parse_time(value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _BadLine("published_at must be an ISO 8601 string")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise _BadLine(f"published_at is not ISO 8601: {value!r}") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def _classify_record(record: Any) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise _BadLine("line is not a JSON object")
    item_id = record.get("id")
    if not isinstance(item_id, str) or not item_id:
        raise _BadLine("id is missing or not a non-empty string")
    title = record.get("title")
    if not isinstance(title, str):
        raise _BadLine("title is missing or not a string")
    summary = record.get("summary", "")
    if summary is None:
        summary = ""
    if not isinstance(summary, str):
        raise _BadLine("summary is not a string")
    lang = record.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise _BadLine("lang is not a string")
    result = classify(title, summary, lang=lang, published_at=_parse_time(record.get("published_at")))
    fields = result.fields.model_dump()
    launched_at = fields.get("launched_at")
    fields["launched_at"] = launched_at.isoformat().replace("+00:00", "Z") if launched_at else None
    return {
        "id": item_id,
        "is_launch": result.is_launch,
        "confidence": result.confidence,
        "fields": {name: fields.get(name) for name in FIELD_NAMES},
    }


def classify_jsonl(lines: Iterable[str], out: TextIO, err: TextIO) -> tuple[int, int]:
    """Classify JSON Lines from `lines` to `out`; report bad lines on `err`.

    Returns (ok, failed): lines classified and lines rejected. Each error line reads
    `line N (id X): reason` or `line N: reason`.
    """
    ok = failed = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record: Any = None
        try:
            record = json.loads(line)
            output = _classify_record(record)
        except json.JSONDecodeError as exc:
            failed += 1
            err.write(f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})\n")
            continue
        except _BadLine as exc:
            failed += 1
            item_id = record.get("id") if isinstance(record, dict) else None
            where = f"line {number} (id {item_id})" if isinstance(item_id, (str, int)) and item_id != "" else f"line {number}"
            err.write(f"{where}: {exc}\n")
            continue
        out.write(json.dumps(output, ensure_ascii=False) + "\n")
        ok += 1
    return ok, failed
