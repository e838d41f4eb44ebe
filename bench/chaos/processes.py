"""The chaos benchmark's processes: a Redis broker of its own, Celery workers and a beat, each in a
process group of its own so that it can be killed whole, as an operator's `kill -9` or the OOM killer
would, and always stopped at the end."""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from deploy.serve import env_example  # what an operator starts from, read as make serve reads it

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(database_url: str, broker_port: int, **overrides: str) -> dict[str, str]:
    """The production settings as deploy/env.example gives them, on this run's database and broker.

    The page cache lives on the broker's Redis (db 1 beside the broker's 0), as env.example lays it
    out: a broker restart takes the cache down too, as it would in such a deployment. Mail is off (no
    server here to receive it); everything else is what the example configuration says.
    """
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
        **env_example(),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": ".example.org,localhost",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{broker_port}/0",
        "CACHE_URL": f"redis://127.0.0.1:{broker_port}/1",
        "SOCLE_NOTIFY_BY_EMAIL": "false",
        **overrides,
    }


class Group:
    """A command run in a process group of its own, its output appended to a log."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], log: Path):
        self.name, self.command, self.env, self.log = name, command, env, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(  # noqa: S603
                self.command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    @property
    def pid(self) -> int:
        return self.process.pid

    def children(self) -> list[int]:
        """The processes it started itself (a prefork worker's pool)."""
        try:
            found = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
        except OSError:
            return []
        return [int(pid) for pid in found]

    def kill_group(self) -> None:
        """SIGKILL it and everything in its group: no cleanup, no acknowledgement."""
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        deadline = time.monotonic() + 10
        while self._group_alive() and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop(self, within: float = 20) -> None:
        """SIGTERM its group (a warm shutdown), SIGKILL what is left after ``within`` seconds."""
        if self.process is None:
            return
        try:
            os.killpg(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + within
        while (self.process.poll() is None or self._group_alive()) and time.monotonic() < deadline:
            time.sleep(0.1)
        self.kill_group()

    def _group_alive(self) -> bool:
        try:
            os.killpg(self.pid, 0)
        except ProcessLookupError:
            return False
        return True


def celery(kind: str, env: dict[str, str], log: Path) -> Group:
    """A worker as deploy/systemd/socle-worker.service runs it, or the beat as socle-beat.service does."""
    command = [sys.executable, "-m", "celery", "-A", "sites", kind, "--loglevel", env.get("LOG_LEVEL", "INFO")]
    if kind == "worker":
        command += ["--pool", "prefork", "--concurrency", env["CELERY_WORKER_CONCURRENCY"],
                    "--without-gossip", "--without-mingle"]  # fmt: skip
    return Group(kind, command, env, log)


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
