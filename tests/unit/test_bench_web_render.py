"""bench/web_render.py as a section of the benchmark report: it measures every page and map
it names, and gives a table with a verdict per target and a plot that opens."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PIL import Image

from bench import web_render
from bench.report import Context


def test_measure_times_every_page_and_map() -> None:
    result = asyncio.run(web_render.measure(30, 3))
    assert list(result["samples_ms"]) == list(web_render.TARGETS_MS)
    assert all(len(v) == 3 and all(ms > 0 for ms in v) for v in result["samples_ms"].values())


def test_section_reports_percentiles_against_the_targets_with_a_plot(tmp_path: Path, monkeypatch) -> None:
    samples = {name: [float(i) for i in range(1, 101)] for name in web_render.TARGETS_MS}
    samples["GET / (events page)"] = [50.0] * 98 + [150.0, 160.0]  # p99 over its 100 ms target

    async def fake_measure(events: int, requests: int, **_: object) -> dict:
        assert (events, requests) == (10000, 60)  # quick keeps 10,000 events stored
        return {"fill_s": 1.0, "samples_ms": samples}

    monkeypatch.setattr(web_render, "measure", fake_measure)
    section = web_render.section(Context(out=tmp_path, quick=True))
    rows = {row[0]: row for row in section.tables[0].rows}
    assert rows["GET / (events page)"][2:] == [50.0, 50.0, 150.0, "< 100", "no"]
    assert rows["GET /events/{id}/map.png"][2:] == [50.0, 95.0, 99.0, "< 300", "yes"]
    assert rows["GET /events/{id}"][-2:] == ["", ""]
    with Image.open(section.figures[0]) as image:
        assert image.format == "PNG" and image.width > 500
    assert section.key == "web_render" and section.command.startswith(".venv/bin/python bench/web_render.py")
