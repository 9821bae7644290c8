"""The stages a process can run, by name, in the order `launchwatch run` starts them.

Light to import (the stages and the plumbing are imported by the functions below): the
command line reads `STAGES` before it starts the classify workers' fork server, which must
not wait for the rest of launchwatch to be imported first.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from services.config import Settings
    from services.runtime.lifecycle import Stage, StageContext

STAGES = ("ingest", "classify", "events", "notify", "web")
STATELESS = frozenset({"classify"})
"""Stages that keep nothing in the state database: a process of them alone does not wait for it."""

SERVICE_OF = {"ingest": "ingest", "classify": "classify", "events": "classify", "notify": "notify", "web": "notify"}
"""The `service` a stage's log lines name: one of the log contract's four (with `run`).
Grouping reports into events is classification's work, the web pages are a face of
notify; each line's `stage` names the stage itself."""


def import_stages(names: Sequence[str]) -> None:
    """Import the modules of the named stages (`services.<name>.worker`) now; building or
    preparing a stage imports its module anyway, this only chooses the moment."""
    for name in names:
        importlib.import_module(f"services.{name}.worker")


async def build_stage(name: str, ctx: StageContext) -> Stage:
    """The stage `name`, built by `services.<name>.worker.build_stage(ctx)`."""
    if name not in STAGES:
        raise ValueError(f"unknown stage {name!r}")
    module = importlib.import_module(f"services.{name}.worker")
    return await module.build_stage(ctx)


def prepare_stage(name: str, ctx: StageContext) -> None:
    """Let stage `name` add its routes to the process's HTTP application before it starts:
    `services.<name>.worker.prepare(ctx)`, when the module defines one."""
    module = importlib.import_module(f"services.{name}.worker")
    prepare = getattr(module, "prepare", None)
    if prepare is not None:
        prepare(ctx)


async def run(settings: Settings, names: Sequence[str], *, stop: asyncio.Event | None = None,
              service: str = "run", on_listening: Callable[[str], None] | None = None,
              on_started: Callable[[], None] | None = None) -> None:
    """Run the named stages in this process (see `services.runtime.lifecycle.run_stages`).

    `launchwatch run` (every stage) owns its state file: a second one on the same file
    raises `StateInUse` instead of polling and delivering everything twice.
    """
    from services.runtime.lifecycle import run_stages

    own_state = set(names) >= set(STAGES)
    # `[web] enabled = false`: no web stage runs (nor is one named in the started line).
    names = [name for name in names if name != "web" or settings.web.enabled]
    await run_stages(settings, names, build_stage, user_agent=settings.ingest.user_agent,
                     http_timeout_s=settings.ingest.timeout_s, stop=stop, service=service,
                     own_state=own_state, needs_state=not set(names) <= STATELESS, prepare=prepare_stage,
                     on_listening=on_listening, on_started=on_started, service_of=SERVICE_OF.__getitem__)
