"""What a `launchwatch serve <stage>` process imports before it is ready: every import is CPU
that three stages starting together on two cores share, so the heavy libraries only some
configurations use are left to the first use (an email's map is still painted:
tests/integration/test_notify_smtp.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# psycopg: only with `[state] url`; numpy and Pillow: only to paint an email's map.
HEAVY = ("psycopg", "numpy", "PIL")


@pytest.mark.parametrize("stage", ["ingest", "classify", "events", "notify"])
def test_a_serve_process_on_the_state_file_imports_no_heavy_library_it_does_not_use(stage):
    # What `serve` loads up to its stage's build, in a fresh interpreter.
    code = (f"import sys, services.cli, services.config, services.stages, services.runtime.kafka_bus, "
            f"services.{stage}.worker; import json; print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []

