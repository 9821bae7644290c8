"""The classify stage's worker processes: the modules their fork server imports, and starting
that server before the stage's process has imported the rest of launchwatch.

Light on purpose (it imports only `services.runtime.cpu_pool`): `launchwatch serve classify`
imports it first, so that the fork server compiles the classifier's lexicons (seconds of
CPU) while the process imports, connects and gets its partitions.
"""

from __future__ import annotations

from services.runtime.cpu_pool import start_fork_server

# What the workers run lives in `services.classify.report`, which imports no bus, HTTP or
# database client: the fork server imports just that and the classifier, and loads the model.
WORKER_MODULES = ("services.classify.classifier", "services.classify.report", "services.classify.model_preload")


def start_early(*other_modules: str) -> None:
    """Start the classify workers' fork server now, in the background (see
    `services.runtime.cpu_pool.start_fork_server`); it also imports `other_modules`, those
    of the process's other pools."""
    start_fork_server(*WORKER_MODULES, *other_modules)
