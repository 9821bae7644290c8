"""CPU seconds and resident memory of a process and its descendants, from /proc (Linux)."""

from __future__ import annotations

import os
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()  # fields after the command name, from field 3


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it, alive now."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None:
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of `pid` and its live descendants (and their reaped children)."""
    total = 0
    for p in descendants(pid):
        fields = _stat(p)
        if fields is not None:  # utime, stime, cutime, cstime are fields 14-17
            total += sum(int(x) for x in fields[11:15])
    return total / _TICKS


def rss_mib(pid: int) -> float:
    """Resident memory (MiB) of `pid` and its live descendants."""
    total_kib = 0
    for p in descendants(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kib += int(line.split()[1])
        except OSError:
            continue
    return round(total_kib / 1024, 1)
