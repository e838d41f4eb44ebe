"""The chaos benchmark's processes: a Redis broker of its own beside the workers and beat of
``bench/processes.py``, killed whole as an operator's `kill -9` or the OOM killer would."""

import os
import shutil
import socket
import time
from pathlib import Path

from bench import processes
from bench.processes import ROOT, Group, celery

__all__ = ["ROOT", "Broker", "Group", "celery", "free_port", "production_env"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(database_url: str, broker_port: int, **overrides: str) -> dict[str, str]:
    """The production settings on this run's database and broker.

    The page cache lives on the broker's Redis (db 1 beside the broker's 0), as env.example lays it
    out: a broker restart takes the cache down too, as it would in such a deployment.
    """
    broker = f"redis://127.0.0.1:{broker_port}"
    return processes.production_env(database_url, f"{broker}/0", f"{broker}/1", **overrides)


class Broker(Group):
    """redis-server on a port of its own, nothing saved to disk: a restart empties it."""

    def __init__(self, port: int, log: Path):
        server = shutil.which("redis-server")
        if server is None:
            raise RuntimeError("the chaos benchmark starts a Redis of its own: install redis-server (Debian package)")
        command = [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        super().__init__("broker", command, {"PATH": os.environ.get("PATH", "")}, log)
        self.port = port

    def start(self) -> None:
        super().start()
        deadline = time.monotonic() + 20
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {self.port}; see {self.log}")
            time.sleep(0.05)

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def flushall(self) -> None:
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as connection:
            connection.sendall(b"FLUSHALL\r\n")
            if not connection.recv(16).startswith(b"+OK"):
                raise RuntimeError("FLUSHALL was refused by the benchmark's broker")
