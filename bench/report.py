"""The benchmark report: what a section of `python -m bench` gives back, and how it is written.

Every benchmark of the suite is a module in `bench/` with one function

    def section(ctx: Context) -> Section

that measures, draws its plots into `ctx.out` (PNG, matplotlib) and returns its tables, the
paths of its plots and its raw figures. The runner (`python -m bench`) calls the sections in
turn and writes `report.md` (the tables, the plots, the notes), `figures.json` (every
section's raw figures) and the PNGs into one folder.

A section that cannot run here (a tool or the shared data missing) returns a `Section` with
`skipped` set to the reason, so the report says what was not measured instead of failing.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Context:
    """What a section may use: the output folder, the quick flag, the shared data (or None)."""

    out: Path
    quick: bool = False
    shared_data: Path | None = None


@dataclass
class Table:
    """One table of the report: a caption, column headers and rows of cells (str or number)."""

    title: str
    headers: list[str]
    rows: list[list[Any]]
    note: str = ""


@dataclass
class Section:
    """One benchmark's results.

    `key` names the section in `figures.json` (a Python identifier); `command` is the
    command that measures this section alone, as a reader would type it; `raw` holds
    the figures as plain JSON values (lists of samples may be long; the report shows only
    the tables); `figures` are PNG paths inside `ctx.out`.
    """

    key: str
    title: str
    command: str
    intro: str = ""
    tables: list[Table] = field(default_factory=list)
    figures: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)
    skipped: str | None = None


def machine() -> dict[str, Any]:
    """The machine the figures come from: cores, memory, CPU model, load average, Python, OS."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = None
    try:
        mem_gib = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        pass
    load = None
    try:
        load = [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except (OSError, ValueError):
        pass
    return {"cores": os.cpu_count(), "memory_gib": mem_gib, "cpu": cpu, "load_avg_at_start": load,
            "python": platform.python_version(), "os": platform.platform(), "argv": sys.argv[1:]}


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def render_table(table: Table) -> str:
    """A Markdown table with its caption and note."""
    lines = [f"**{table.title}**", "", "| " + " | ".join(table.headers) + " |",
             "|" + "---|" * len(table.headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    if table.note:
        lines += ["", table.note]
    return "\n".join(lines)


def render(sections: list[Section], info: dict[str, Any], out: Path) -> str:
    """The whole report as Markdown; figure links are relative to `out`."""
    head = [
        "# launchwatch benchmarks", "",
        f"Machine: {info['cores']} cores ({info['cpu'] or 'CPU unknown'}), {info['memory_gib']} GiB, "
        f"Python {info['python']}, {info['os']}."
        + (f" Load average when it started: {' / '.join(map(str, info['load_avg_at_start']))} (1 / 5 / 15 min)."
           if info.get("load_avg_at_start") else ""),
        "Command: `" + " ".join([".venv/bin/python -m bench", *info["argv"]]) + "`.",
        f"Started {info.get('started', '?')}, took {info.get('took_s', 0):.0f} s.", "",
    ]
    toc = [f"- [{s.title}](#{s.key})" + (f" (not measured: {s.skipped})" if s.skipped else "") for s in sections]
    body: list[str] = []
    for s in sections:
        body += ["", f'<a id="{s.key}"></a>', f"## {s.title}", "", f"`{s.command}`", ""]
        if s.skipped:
            body += [f"Not measured: {s.skipped}."]
            continue
        if s.intro:
            body += [s.intro, ""]
        for t in s.tables:
            body += [render_table(t), ""]
        for fig in s.figures:
            rel = Path(fig).relative_to(out) if Path(fig).is_absolute() else Path(fig)
            body += [f"![{rel.stem}]({rel.as_posix()})", ""]
        for n in s.notes:
            body += [f"- {n}"]
    return "\n".join(head + toc + body) + "\n"


def write(sections: list[Section], info: dict[str, Any], out: Path) -> Path:
    """Write `report.md` and `figures.json` into `out`; returns the report's path."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "figures.json").write_text(json.dumps(
        {"machine": info, "sections": {s.key: {"title": s.title, "command": s.command, "skipped": s.skipped,
                                               "raw": s.raw} for s in sections}},
        indent=1, default=str))
    path = out / "report.md"
    path.write_text(render(sections, info, out))
    return path
