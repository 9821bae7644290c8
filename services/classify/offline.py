"""Offline classification of JSON Lines: the core of `launchwatch classify`.

Input, one object per line: {"id": str, "title": str, "summary": str, "lang": str?,
"published_at": ISO 8601 str?}. Output, one line per good input line and in input order:
{"id", "is_launch", "confidence", "fields": {actor, kind, count, distance_km, apogee_km,
direction, source_agency, launched_at, launch_site}} with launched_at an ISO 8601 string or
null (`launch_site`, where the launch was made from, is added to the contract's fields).
A bad line (not UTF-8, not JSON, nested too deeply, a number too long, not an object, id or
title missing or not a string (the error says which, and what it was instead), an empty id,
an id that is not valid Unicode, summary, lang or
published_at of the wrong type, published_at outside `PUBLISHED_YEARS`) gives one error
line on `err` naming the id, or the line number when there is no usable id, and what was
wrong; the run goes on. Blank lines are skipped; `null` in an optional key is the key
left out. Titles and summaries are cut as the
classify stage cuts them (`services.classify.worker.MAX_TITLE_CHARS`, `MAX_SUMMARY_CHARS`),
and lone surrogates in them (`"\\ud800"`) read as U+FFFD.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, BinaryIO, TextIO

from services.classify.classifier import classify
from services.classify.worker import MAX_SUMMARY_CHARS, MAX_TITLE_CHARS
from services.runtime.config_model import language_tag

FIELD_NAMES = ("actor", "kind", "count", "distance_km", "apogee_km", "direction", "source_agency", "launched_at",
               "launch_site")
# Dates outside these years are no news item's, and near the ends of the calendar the
# arithmetic of relative times ("yesterday", a zone's offset) overflows.
PUBLISHED_YEARS = (1900, 2200)
MAX_LINE_BYTES = 8 * 1024 * 1024
"""A longer input line is skipped, unread (`bounded_lines`): reading it whole would take
memory without bound (a file with no line break at all, an endless stream)."""


@dataclass(frozen=True)
class Overlong:
    """An input line longer than `MAX_LINE_BYTES`, skipped: how many bytes it had."""

    size: int


def bounded_lines(stream: BinaryIO | TextIO) -> Iterator[bytes | str | Overlong]:
    """The lines of `stream`, each read whole when it is at most `MAX_LINE_BYTES` bytes
    (characters for a text stream), else passed over a megabyte at a time and given as
    `Overlong`."""
    limit = MAX_LINE_BYTES
    while line := stream.readline(limit + 1):
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) <= limit or line.endswith(newline):  # type: ignore[arg-type]
            yield line
            continue
        size = len(line)
        while (rest := stream.readline(1 << 20)) and not rest.endswith(newline):  # type: ignore[arg-type]
            size += len(rest)
        yield Overlong(size + len(rest))


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
    if not PUBLISHED_YEARS[0] <= parsed.year <= PUBLISHED_YEARS[1]:
        raise _BadLine(f"published_at is out of range (years {PUBLISHED_YEARS[0]} to {PUBLISHED_YEARS[1]}): {value!r}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def _is_unicode(text: str) -> bool:
    """False for a string holding a lone surrogate (JSON allows `"\\ud800"`; UTF-8 does not)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _as_unicode(text: str) -> str:
    return text if _is_unicode(text) else text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


_JSON_TYPES = {dict: "an object", list: "an array", bool: "a boolean", int: "a number", float: "a number"}


def _required_string(record: dict[str, Any], name: str) -> str:
    value = record.get(name)
    if value is None:
        raise _BadLine(f"{name} is missing" if name not in record else f"{name} is null, not a string")
    if not isinstance(value, str):
        raise _BadLine(f"{name} is {_JSON_TYPES.get(type(value), 'a value')}, not a string")
    return value


def _classify_record(record: Any) -> tuple[dict[str, Any], str | None]:
    """The output line of `record`, and the language it is in when launchwatch has no rules
    for that language (a launch told in it may be missed)."""
    if not isinstance(record, dict):
        raise _BadLine("line is not a JSON object")
    item_id = _required_string(record, "id")
    if not item_id:
        raise _BadLine("id is empty")
    if not _is_unicode(item_id):
        raise _BadLine("id is not valid Unicode (it holds a lone surrogate)")
    title = _required_string(record, "title")
    summary = record.get("summary", "")
    if summary is None:
        summary = ""
    if not isinstance(summary, str):
        raise _BadLine(f"summary is {_JSON_TYPES.get(type(summary), 'a value')}, not a string")
    lang = record.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise _BadLine(f"lang is {_JSON_TYPES.get(type(lang), 'a value')}, not a string")
    if lang is not None:
        try:
            language_tag(lang)
        except ValueError as exc:
            raise _BadLine(f"lang {exc}") from None
    published_at = _parse_time(record.get("published_at"))
    result = classify(_as_unicode(title[:MAX_TITLE_CHARS]), _as_unicode(summary[:MAX_SUMMARY_CHARS]), lang=lang,
                      published_at=published_at)
    fields = result.fields.model_dump()
    launched_at = fields.get("launched_at")
    fields["launched_at"] = launched_at.isoformat().replace("+00:00", "Z") if launched_at else None
    return {
        "id": item_id,
        "is_launch": result.is_launch,
        "confidence": result.confidence,
        "fields": {name: fields.get(name) for name in FIELD_NAMES},
    }, (None if result.language_supported else result.lang)


def classify_jsonl(lines: Iterable[str | bytes | Overlong], out: TextIO, err: TextIO) -> tuple[int, int]:
    """Classify JSON Lines from `lines` (text, or bytes decoded per line as UTF-8, or an
    `Overlong` line `bounded_lines` skipped) to `out`; report bad lines on `err`.

    Returns (ok, failed): lines classified and lines rejected. Each error line reads
    `line N (id X): reason` or `line N: reason`.
    """
    ok = failed = 0
    unread: Counter[str] = Counter()
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, Overlong):
            failed += 1
            err.write(f"line {number}: longer than {MAX_LINE_BYTES:,} bytes ({raw.size:,}): skipped\n")
            continue
        if not raw.strip():
            continue
        record: Any = None
        try:
            line = _decoded(raw)
            record = _loads(line)
            classified, unsupported = _classify_record(record)
            output = json.dumps(classified, ensure_ascii=False)
        except _BadLine as exc:
            failed += 1
            item_id = record.get("id") if isinstance(record, dict) else None
            usable = isinstance(item_id, (str, int)) and item_id != "" and _is_unicode(str(item_id))
            where = f"line {number} (id {item_id})" if usable else f"line {number}"
            err.write(f"{where}: {exc}\n")
            continue
        except (ValueError, OverflowError, ArithmeticError) as exc:
            # The classifier met text or a date it cannot handle: this line fails, the run goes on.
            failed += 1
            err.write(f"line {number}: cannot classify ({type(exc).__name__}: {exc})\n")
            continue
        out.write(output + "\n")
        ok += 1
        if unsupported is not None:
            unread[unsupported] += 1
    if unread:
        languages = ", ".join(f"{lang} {n}" for lang, n in unread.most_common())
        one = unread.total() == 1
        told = "1 item is in a language" if one else f"{unread.total()} items are in languages"
        err.write(f"note: {told} launchwatch has no rules for ({languages}): "
                  f"a launch told in {'it' if one else 'them'} may be missed\n")
    return ok, failed


def _decoded(raw: str | bytes) -> str:
    """The line as text without its line break (so a JSON error's column counts on the line)."""
    # (A byte-order mark, which some editors write at a file's start, is no part of the line.)
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff").rstrip("\r\n")
    try:
        return raw.decode("utf-8").removeprefix("\ufeff").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise _BadLine(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from None


def _no_constant(name: str) -> Any:
    raise _BadLine(f"not valid JSON ({name} is no JSON number)")


def _loads(line: str) -> Any:
    try:
        # Python's reader takes NaN and Infinity; JSON has neither.
        return json.loads(line, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        # json's messages name the place themselves or end in "at" ("Unterminated string starting at").
        at = "" if exc.msg.endswith(" at") else " at"
        raise _BadLine(f"not valid JSON ({exc.msg}{at} column {exc.colno})") from None
    except RecursionError:
        raise _BadLine("not valid JSON (nested too deeply)") from None
    except _BadLine:
        raise
    except ValueError as exc:  # an integer beyond Python's digit limit for str -> int
        raise _BadLine(f"not valid JSON (a number too long: {str(exc).split(':')[0]})") from None
