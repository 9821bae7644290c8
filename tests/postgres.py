"""A private PostgreSQL cluster for tests: initdb into a temporary directory, pg_ctl on a free
port, the unix socket in that directory, no TCP listener, stopped at the end.

PostgreSQL refuses to run as root, so as root (CI, this machine) the server commands run as
the `postgres` user the Debian package creates (or `nobody`), which owns the directory.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.loopback import free_port

SUPERUSER = "launchwatch"


def server_binaries() -> Path | None:
    """The directory holding `initdb` and `pg_ctl`: on PATH, else Debian's newest
    /usr/lib/postgresql/<version>/bin; None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _server_user() -> str | None:
    """The unprivileged user to run the server as when we are root, else None (ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root and neither a postgres nor a nobody user exists to run PostgreSQL as")


@dataclass
class Postgres:
    """A running cluster: connect through `url(database)`."""

    bin_dir: Path
    root: Path
    port: int
    user: str | None

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@/{database}?host={self.root}&port={self.port}"

    def _run(self, *args: str, timeout_s: float = 60) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout_s, cwd=self.root)

    def start(self) -> "Postgres":
        made = self._run("initdb", "-D", str(self.data_dir), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                         "--no-sync", "--locale=C")
        if made.returncode != 0:
            raise RuntimeError(f"initdb failed: {made.stderr.strip() or made.stdout.strip()}")
        options = (f"-p {self.port} -c listen_addresses='' -c unix_socket_directories='{self.root}' "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300")
        started = self._run("pg_ctl", "-D", str(self.data_dir), "-l", str(self.root / "server.log"), "-o", options,
                            "-w", "-t", "60", "start")
        if started.returncode != 0:
            log = (self.root / "server.log").read_text(errors="replace")[-2000:] if (self.root / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {started.stderr.strip() or started.stdout.strip()}\n{log}")
        return self

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop", timeout_s=30)
        shutil.rmtree(self.root, ignore_errors=True)

    def create_database(self, name: str) -> str:
        """A new, empty database; returns its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def start_postgres() -> Postgres:
    """Start a private cluster. Raises LookupError when PostgreSQL is not installed and
    RuntimeError when it does not start."""
    bin_dir = server_binaries()
    if bin_dir is None:
        raise LookupError("PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in "
                          "/usr/lib/postgresql/*/bin: apt-get install postgresql")
    user = _server_user()
    # Not under pytest's 0700 temporary root, which the server's user could not enter; a
    # short path keeps the socket's name within the 107-byte limit.
    root = Path(tempfile.mkdtemp(prefix="lwpg-", dir="/tmp"))
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    os.chmod(root, 0o755)
    postgres = Postgres(bin_dir, root, free_port(), user)
    try:
        return postgres.start()
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
