"""`launchwatch feeds check`: fetch every configured source once and tabulate what it gives.

Nothing is published and no state is written: validators are not sent, so every source
answers with its full document.
"""

from __future__ import annotations

import asyncio
import time
import unicodedata
from collections import defaultdict

import aiohttp

from services.ingest.errors import error_code
from services.ingest.fetcher import fetch
from services.ingest.sources import Source, sources_from_settings
from services.runtime.errors import PermanentError, RetryableError

COLUMNS = (("ok", "OK"), ("status", "STATUS"), ("format", "FORMAT"), ("items", "ITEMS"),
           ("latency_ms", "LATENCY"), ("newest", "NEWEST"), ("name", "SOURCE"), ("error", "LAST ERROR"))


async def feeds_check(settings, http: aiohttp.ClientSession) -> list[dict]:
    """One row per configured source (or catalogue entry), in configuration order.

    Each row: `name`, `url`, `kind`, `lang`, `ok` (bool), `status` (HTTP status or error
    code), `format` (rss, atom, rdf, json, html, ...), `items`, `latency_ms`, `newest`
    (ISO time of the newest dated item, or None) and `error` (message, or None). Fetches
    run `[ingest] concurrency` at a time and `per_host_concurrency` per host; documents are
    parsed as the ingest stage parses them (worker processes, `parse_timeout_s` each). Never
    raises for a failing source.
    """
    from services.ingest.worker import DocumentParser

    sources = sources_from_settings(settings)
    ingest = settings.ingest
    slots = asyncio.Semaphore(ingest.concurrency)
    per_host: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(ingest.per_host_concurrency))
    parser = DocumentParser(workers=ingest.parse_workers, timeout_s=ingest.parse_timeout_s,
                            max_entries=ingest.max_entries_per_feed)

    async def one(source: Source) -> dict:
        async with slots, per_host[source.host]:
            return await check_source(source, http, ingest, parser)

    try:
        return list(await asyncio.gather(*(one(s) for s in sources)))
    finally:
        parser.close()


async def check_source(source: Source, http: aiohttp.ClientSession, ingest, parser) -> dict:
    """Fetch and parse (with `parser`, a `DocumentParser`) one source; its table row."""

    row = {"name": source.name, "url": source.url, "kind": source.kind, "lang": source.lang, "ok": False,
           "status": None, "format": None, "items": 0, "latency_ms": None, "newest": None, "error": None}
    started = time.perf_counter()
    try:
        result = await fetch(http, source.url, timeout_s=ingest.timeout_s, max_body_bytes=ingest.max_body_bytes,
                             allow_private_networks=ingest.allow_private_networks, max_redirects=ingest.max_redirects)
        row["status"] = result.status
        row["latency_ms"] = round((time.perf_counter() - started) * 1000)
        parsed = await parser.parse(source, result)
    except (RetryableError, PermanentError) as exc:
        row["latency_ms"] = round((time.perf_counter() - started) * 1000)
        row["status"] = row["status"] or error_code(exc)
        row["error"] = f"{error_code(exc)}: {exc}"
        return row
    except Exception as exc:  # a parser bug on this document: its row says so, the table is still printed
        row["latency_ms"] = round((time.perf_counter() - started) * 1000)
        row["error"] = f"{error_code(exc)}: {exc}"
        return row
    row["format"] = parsed.format
    row["items"] = len(parsed.entries)
    dates = [e.published_at for e in parsed.entries if e.published_at is not None]
    row["newest"] = max(dates).strftime("%Y-%m-%d %H:%M") if dates else None
    row["ok"] = True
    if result.permanent_url:
        row["error"] = f"moved permanently to {result.permanent_url}"
    elif parsed.damaged:
        row["error"] = f"read leniently: {parsed.damaged}"
    return row


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _cell(row: dict, key: str) -> str:
    value = row.get(key)
    if key == "ok":
        return "ok" if value else "FAIL"
    if key == "latency_ms":
        return "" if value is None else f"{value} ms"
    if value is None:
        return "-" if key != "error" else ""
    return str(value)


def format_table(rows: list[dict]) -> str:
    """The rows as an aligned text table (wide CJK characters count double), then a summary."""
    cells = [[_cell(row, key) for key, _ in COLUMNS] for row in rows]
    headers = [title for _, title in COLUMNS]
    widths = [max([_width(h)] + [_width(c[i]) for c in cells]) for i, h in enumerate(headers)]

    def line(values: list[str]) -> str:
        padded = [v + " " * (widths[i] - _width(v)) for i, v in enumerate(values)]
        return "  ".join(padded).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out.extend(line(c) for c in cells)
    ok = sum(1 for row in rows if row.get("ok"))
    out.append("")
    out.append(f"{ok} of {len(rows)} sources answered with a feed")
    return "\n".join(out)
