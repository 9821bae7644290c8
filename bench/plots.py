"""The suite's plots: PNG files drawn with matplotlib (Agg, no display needed)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: CI machines have no display

import matplotlib.pyplot as plt  # noqa: E402


def bars(path: Path, labels: Sequence[str], steps: Mapping[str, Sequence[float]], *, title: str, ylabel: str,
         target: float | None = None, target_label: str = "target") -> Path:
    """Stacked bars: one bar per label, one layer per step (in the mapping's order); an
    optional horizontal target line. Returns `path`."""
    fig, ax = plt.subplots(figsize=(max(6.0, 0.9 * len(labels) + 2), 4.2))
    bottom = [0.0] * len(labels)
    for step, values in steps.items():
        ax.bar(labels, values, bottom=bottom, label=step)
        bottom = [b + v for b, v in zip(bottom, values)]
    if target is not None:
        ax.axhline(target, color="black", linestyle="--", linewidth=1, label=target_label)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8)
    ax.tick_params(axis="x", labelrotation=20, labelsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def lines(path: Path, series: Mapping[str, tuple[Sequence[float], Sequence[float]]], *, title: str, xlabel: str,
          ylabel: str, target: float | None = None, target_label: str = "target", logy: bool = False) -> Path:
    """One line per series (x values, y values); an optional horizontal target line. Returns `path`."""
    fig, ax = plt.subplots(figsize=(7, 4.2))
    for name, (xs, ys) in series.items():
        ax.plot(xs, ys, marker="o", label=name)
    if target is not None:
        ax.axhline(target, color="black", linestyle="--", linewidth=1, label=target_label)
    if logy:
        ax.set_yscale("log")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def boxes(path: Path, samples: Mapping[str, Sequence[float]], *, title: str, ylabel: str) -> Path:
    """Box plots (whiskers at p1/p99, no outliers drawn), one per named sample list. Returns `path`."""
    fig, ax = plt.subplots(figsize=(max(6.0, 0.9 * len(samples) + 2), 4.2))
    ax.boxplot([list(v) or [0.0] for v in samples.values()], whis=(1, 99), showfliers=False)
    ax.set_xticks(range(1, len(samples) + 1), list(samples))
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.tick_params(axis="x", labelrotation=20, labelsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
