"""The production topology (`deploy/serve.py`, what `make serve` runs) started for a test: on the
machine's PostgreSQL with a database of its own, and on Redis; driven over HTTP and manage.py."""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import urllib.parse
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from tests.sync.conftest import REDIS_URL, flush_broker, redis_answers, wait_for

ROOT = Path(__file__).resolve().parents[2]
# The banner a Celery worker logs once it consumes: "celery@host ready."
WORKER_READY = re.compile(rb"^worker +\| .*celery@\S+ ready\.$", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("the production topology needs PostgreSQL: set DATABASE_URL")
    if not redis_answers(REDIS_URL):
        pytest.skip(f"the production topology needs Redis at {REDIS_URL}")
    return url


def other_redis_db(url: str) -> str:
    """The Redis URL of the database after ``url``'s (16 a server): a second install's own."""
    parts = urllib.parse.urlparse(url)
    number = int(parts.path.strip("/") or 0)
    return parts._replace(path=f"/{(number + 1) % 16}").geturl()


@contextmanager
def fresh_database(name: str):
    """A database of its own on the machine's PostgreSQL (its URL), dropped afterwards."""
    import psycopg

    server = urllib.parse.urlparse(postgres_url())
    admin_url = server._replace(path="/postgres").geturl()

    def drop():
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')

    drop()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server._replace(path=f"/{name}").geturl()
    finally:
        drop()


@contextmanager
def serving(database: str, directory: Path, redis_url: str = REDIS_URL, port: int | None = None, **extra_env: str):
    """`deploy/serve.py` started on a free port, ready; stopped with SIGINT (Ctrl-C) if still running.

    ``redis_url`` is its broker and cache (two installs on one machine each have a Redis db of their
    own); ``port`` where it listens (a free one by default); ``extra_env`` is added to its environment.

    Yields the topology: its port, environment, log, database and process; ``children`` holds every
    process it ran, killed at the end whatever happened.
    """
    flush_broker(redis_url)
    port = port or free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "CELERY_BROKER_URL": redis_url,
        "CACHE_URL": redis_url,
        "PORT": str(port),
        "STATIC_ROOT": str(directory / "static"),
        "MEDIA_ROOT": str(directory / "media"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "WEB_CONCURRENCY": "2",
        "DJANGO_SETTINGS_MODULE": "sites.settings.production",
        **extra_env,
    }
    for name in ("SECRET_KEY_FILE", "GUNICORN_BIND"):
        env.pop(name, None)
    log = directory / "serve.log"
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "deploy/serve.py"],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    topology = {"port": port, "env": env, "log": log, "database": database, "process": process, "children": set()}
    try:
        wait_for(
            lambda: b"serve  | ready" in log.read_bytes() or process.poll() is not None,
            300,
            "serve.py to be ready",
            interval=0.5,
        )
        assert process.poll() is None, log.read_text()[-5000:]
        # The web answering is what "ready" means; the worker, started beside it, may say so a moment later.
        wait_for(
            lambda: WORKER_READY.search(log.read_bytes()),
            120,
            f"the Celery worker to be ready (its log: {log})",
            interval=0.5,
        )
        topology["children"] = descendants(process.pid)
        assert len(topology["children"]) >= 3 + 2 + 2, topology["children"]  # web, worker, beat and their own
        yield topology
    finally:
        if process.poll() is None:
            topology["children"] |= descendants(process.pid)  # a worker started again is among them
            process.send_signal(signal.SIGINT)  # what Ctrl-C sends
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for pid in topology["children"]:  # nothing left behind, whatever happened
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        flush_broker(redis_url)


def descendants(pid: int) -> set[int]:
    result = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True, check=True)  # noqa: S607
    parents = [tuple(map(int, line.split())) for line in result.stdout.splitlines() if line.strip()]
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead
        return "Z" not in Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False


def manage(topology, *args: str, **env) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**topology["env"], **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


def query(topology, sql: str, *params):
    import psycopg

    with psycopg.connect(topology["database"]) as connection:
        return connection.execute(sql, params).fetchall()


class Installs(list):
    """``[network, moscow]``, two running topologies; Moscow's can be stopped and started again."""

    def __init__(self, stack: ExitStack, starts: list):
        self.stack, self.starts = stack, starts
        super().__init__(stack.enter_context(start()) for start in starts)

    def stop(self, index: int) -> None:
        """Stop the install as its operator would (Ctrl-C): web, worker and beat."""
        process = self[index]["process"]
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)

    def start(self, index: int) -> None:
        self[index] = self.stack.enter_context(self.starts[index]())


@contextmanager
def two_installs(directory: Callable[[str], Path], prefix: str, redis_url: str = REDIS_URL):
    """Two Socle installs on loopback (Socle Link), each with its own database, Redis database,
    gunicorn, worker and beat, and the demo network: the network's, and NUMA Moscow's own, whose
    sites answer under ``.ru.localhost`` (no two spaces of a network share a hostname). Not linked
    yet (``link``). Messages are pulled, re-dispatched and reported every 2 s."""
    with (
        fresh_database(f"{prefix}_network") as network_db,
        fresh_database(f"{prefix}_moscow") as moscow_db,
        ExitStack() as stack,
    ):
        ports = free_port(), free_port()

        def starter(database: str, redis_url: str, port: int, name: str):
            env = {
                "SOCLE_LINK_ADDRESS": f"http://127.0.0.1:{port}",
                "SOCLE_LINK_NAME": name,
                "SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES": "true",  # both on loopback
                "SOCLE_LINK_PULL_EVERY": "2",
                "SOCLE_LINK_REPORT_EVERY": "2",
                "SOCLE_SYNC_REDISPATCH_EVERY": "2",
            }
            return lambda: serving(database, directory(name.replace(" ", "-")), redis_url, port, **env)

        running = Installs(stack, [
            starter(network_db, redis_url, ports[0], "Network"),
            starter(moscow_db, other_redis_db(redis_url), ports[1], "NUMA Moscow"),
        ])  # fmt: skip
        for install, port in zip(running, ports, strict=True):
            manage(install, "load_demo", "--port", str(port))
        manage(running[1], "shell", "-c", "from wagtail.models import Site\n"
               "for site in Site.objects.all():\n"
               "    site.hostname = site.hostname.replace('.localhost', '.ru.localhost'); site.save()")  # fmt: skip
        yield running


def link(installs) -> tuple[str, str]:
    """Link Moscow's install to the network's as their coordinators would: an invitation made with
    ``link_invite``, pasted into ``link_network``. The code, and what ``link_network`` said."""
    network, moscow = installs
    code = manage(network, "link_invite", "--for", "NUMA Moscow").strip()
    assert code.startswith("socle-link-1.")
    return code, manage(moscow, "link_network", code)
