"""A redis-server of a test's own, on a free port: killed, paused and brought back mid-test."""

import os
import signal
import socket
import subprocess
from pathlib import Path

from tests.sync.conftest import redis_answers, wait_for


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """Started at once; ``start`` reloads what was saved (``kill`` saves first unless told not to)."""

    def __init__(self, binary: str, directory: Path):
        self.binary = binary
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory), "--dbfilename", "dump.rdb", "--loglevel", "warning"],
            stdout=(self.directory / "redis.log").open("ab"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for(lambda: redis_answers(self.url) or self.process.poll() is not None, 10, "redis-server to answer")
        assert self.process.poll() is None, (self.directory / "redis.log").read_text()

    def save(self) -> None:
        """A snapshot on disk, which ``start`` reloads after a ``kill``."""
        import redis

        redis.Redis.from_url(self.url).save()

    def kill(self, save: bool = True) -> None:
        """Like a crash: by default with what it held saved to disk just before."""
        if save:
            self.save()
        self.process.kill()
        self.process.wait(timeout=10)

    def pause(self) -> None:
        """It still accepts connections (the kernel does) but answers nothing: calls time out."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()  # paused or not
            self.process.wait(timeout=10)


class FakeClock:
    """The cache's circuit breaker's clock (``pagecache.outage.clock``), moved by the test."""

    def __init__(self):
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
