"""Processes the benchmarks start as production does: the production settings of deploy/env.example,
and Celery workers and beats, each in a process group of its own so that it can be killed whole and
is always stopped at the end. Shared by the fan-out and chaos benchmarks."""

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from deploy.serve import env_example  # what an operator starts from, read as make serve reads it

ROOT = Path(__file__).resolve().parents[1]


def production_env(database_url: str, broker_url: str, cache_url: str, **overrides: str) -> dict[str, str]:
    """The production settings as deploy/env.example gives them, on this run's database, broker and cache.

    Mail is off (no server here to receive it); everything else is what the example configuration says.
    """
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
        **env_example(),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": ".example.org,localhost",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "CACHE_URL": cache_url,
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

    def rss_mb(self) -> dict[int, float]:
        """Resident memory of it and of the processes it started, by pid, in MiB."""
        sizes = {}
        for pid in (self.pid, *self.children()):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue  # ended meanwhile
            line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
            sizes[pid] = int(line.split()[1]) / 1024
        return sizes

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


def wait_ready(worker: Group, within: float = 120) -> None:
    """Until the worker's log says it is ready to consume."""
    deadline = time.monotonic() + within
    while worker.log.read_bytes().count(b" ready.") < 1:
        if worker.process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the worker did not start; see {worker.log}")
        time.sleep(0.2)
