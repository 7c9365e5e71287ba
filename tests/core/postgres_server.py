"""A throwaway PostgreSQL server for the board's tests: initdb + pg_ctl in a temporary folder.

Debian keeps initdb and pg_ctl in the version's own folder, off PATH. As root the server runs
as the ``postgres`` user (PostgreSQL refuses to run as root) in a folder that user owns.
"""
from __future__ import annotations

import os
import random
import shlex
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

BIN = Path(os.environ.get("PLAYGROUND_PG_BIN", "/usr/lib/postgresql/15/bin"))


def missing_reason() -> str | None:
    for tool in ("initdb", "pg_ctl"):
        if not (BIN / tool).exists():
            return f"PostgreSQL's {tool} not found in {BIN} (Debian: apt-get install postgresql)"
    return None


def _free_port() -> int:
    for _ in range(50):
        port = random.randint(20000, 60000)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 20000-60000")


class PostgresServer:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="playground-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.started = False

    def _run(self, *argv: str) -> None:
        command = " ".join(shlex.quote(a) for a in argv)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            argv = ("su", "postgres", "-c", command)
        subprocess.run(argv, check=True, capture_output=True, timeout=120)

    def start(self) -> PostgresServer:
        self._run(str(BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "playground")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self._run(str(BIN / "pg_ctl"), "-D", str(self.data), "-o", options,
                  "-l", str(self.folder / "server.log"), "start", "-w")
        self.started = True
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://playground@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database on this server; its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=playground dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        try:
            if self.started:
                self._run(str(BIN / "pg_ctl"), "-D", str(self.data), "stop", "-m", "fast", "-w")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
