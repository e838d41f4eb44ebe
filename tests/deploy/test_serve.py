"""The production topology for real: `deploy/serve.py` (what `make serve` runs) on the machine's
PostgreSQL and Redis, with a database and a Redis db of its own, driven over HTTP through gunicorn.

It opens the three demo sites, publishes a principle change through the admin like a coordinator's
browser would, sees the real worker deliver it to every space (and purge their cached pages), checks
/readyz; then SIGKILLs the worker and sees serve.py start another while the web keeps answering. One
serve.py for the module; it stops everything it started.
"""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.deploy.browser import Browser, form_with, replaced
from tests.sync.conftest import REDIS_URL, flush_broker, redis_answers, wait_for

pytestmark = pytest.mark.serve

ROOT = Path(__file__).resolve().parents[2]
SPACES = ("paris", "moscow", "bangalore")
NEW_STATEMENT = "We learn to listen first, then to think"
PASSWORD = "smoke-" + secrets.token_hex(8)
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


@pytest.fixture(scope="module")
def database():
    """A database of its own on the machine's PostgreSQL, dropped afterwards."""
    import psycopg

    server = urllib.parse.urlparse(postgres_url())
    name = f"socle_prod_smoke_{os.getpid()}"
    admin_url = server._replace(path="/postgres").geturl()

    def drop():
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')

    drop()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield server._replace(path=f"/{name}").geturl()
    drop()


@contextmanager
def serving(database: str, directory: Path):
    """`deploy/serve.py` started on a free port, ready; stopped with SIGINT (Ctrl-C) if still running.

    Yields the topology: its port, environment, log, database and process; ``children`` holds every
    process it ran, killed at the end whatever happened.
    """
    flush_broker(REDIS_URL)
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "CELERY_BROKER_URL": REDIS_URL,
        "CACHE_URL": REDIS_URL,
        "PORT": str(port),
        "STATIC_ROOT": str(directory / "static"),
        "MEDIA_ROOT": str(directory / "media"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "WEB_CONCURRENCY": "2",
        "DJANGO_SETTINGS_MODULE": "sites.settings.production",
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
        flush_broker(REDIS_URL)


@pytest.fixture(scope="module")
def topology(database, tmp_path_factory):
    """One serve.py for the module's tests; Ctrl-C stops it cleanly at the end."""
    with serving(database, tmp_path_factory.mktemp("serve")) as topology:
        yield topology
    log = topology["log"]
    assert topology["process"].returncode == 0, log.read_text()[-3000:]
    assert b"serve  | stopped" in log.read_bytes()
    assert not [pid for pid in topology["children"] if alive(pid)], "serve.py left processes running"


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


def adopted(topology, principle_id: int, version: int) -> int:
    """How many spaces follow this version of the principle: each has had it delivered."""
    sql = "SELECT count(*) FROM core_adoption WHERE principle_id = %s AND latest_version = %s"
    return query(topology, sql, principle_id, version)[0][0]


@pytest.fixture(scope="module")
def network(topology):
    """The demo's three spaces and a coordinator, in the topology's database."""
    manage(topology, "load_demo", "--no-accounts", "--port", str(topology["port"]))
    manage(
        topology,
        "createsuperuser",
        "--noinput",
        "--username",
        "coordinator",
        "--email",
        "coordinator@example.org",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )
    return topology


def test_the_production_topology_serves_the_network_and_delivers_a_publication_through_the_real_worker(network):
    topology = network
    port = topology["port"]
    visitor = Browser(port)

    # The three sites, through gunicorn, each from its hostname; static files through whitenoise.
    for space in SPACES:
        response, html = visitor.get(f"{space}.localhost", "/en/principles/")
        assert response.status == 200, (space, response.status, html[:500])
        assert "/static/" in html
        # Seen twice: the second is served from the page cache in Redis.
        response, _ = visitor.get(f"{space}.localhost", "/en/principles/")
        assert response.headers.get("X-Socle-Cache") == "hit", space
    response, css = visitor.get("localhost", "/static/wagtailadmin/css/core.css")
    assert response.status == 200 and css

    # A coordinator logs in and publishes a change of a principle, with a change note.
    (principle_id,) = query(topology, "SELECT id FROM core_principle WHERE slug = 'listen'")[0]
    (version_before,) = query(topology, "SELECT version FROM core_principle WHERE id = %s", principle_id)[0]
    coordinator = Browser(port)
    _, html = coordinator.get("localhost", "/admin/login/")
    login = replaced(form_with(html, "username"), username="coordinator", password=PASSWORD)
    response, _ = coordinator.post("localhost", "/admin/login/", login)
    assert response.status == 302, "the coordinator could not log in"
    edit = f"/admin/snippets/core/principle/edit/{principle_id}/"
    response, html = coordinator.get("localhost", edit)
    assert response.status == 200, html[:500]
    form = replaced(
        form_with(html, "statement_en"),
        statement_en=NEW_STATEMENT,
        change_note_fr="Écouter d'abord",
        change_note_en="Listening comes first",
        **{"action-publish": "1"},
    )
    response, html = coordinator.post("localhost", edit, form)
    assert response.status == 302, html[html.find("error") - 500 : html.find("error") + 1500]
    (version,) = query(topology, "SELECT version FROM core_principle WHERE id = %s", principle_id)[0]
    assert version == version_before + 1

    # The real worker delivers it to every space, and each space's cached page is purged.
    spaces = query(topology, "SELECT count(*) FROM spaces_space")[0][0]
    assert spaces == len(SPACES)
    wait_for(
        lambda: adopted(topology, principle_id, version) == spaces,
        120,
        "the new version delivered to every space",
        interval=0.5,
    )
    for space in SPACES:
        wait_for(
            lambda space=space: NEW_STATEMENT in visitor.get(f"{space}.localhost", "/en/principles/")[1],
            60,
            f"the change on {space}'s public page",
            interval=0.5,
        )
    assert b"deliver_batch_task" in topology["log"].read_bytes()  # by the worker, not in the web process

    response, body = visitor.get("localhost", "/readyz")
    assert response.status == 200, body
    assert '"broker": "ok"' in body and '"migrations": "ok"' in body


def worker_group(serve_pid: int) -> int:
    """The Celery worker serve.py runs: its pid, which leads its process group."""
    for pid in descendants(serve_pid):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"celery" in command and b"worker" in command and os.getpgid(pid) == pid:
            return pid
    pytest.fail("serve.py runs no Celery worker")


class Visitor(threading.Thread):
    """Asks for a space's page again and again (rendered afresh each time), noting each answer's status."""

    def __init__(self, port: int, host: str, path: str):
        super().__init__(daemon=True)
        self.browser, self.host, self.path = Browser(port), host, path
        self.statuses: list[int | str] = []
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            try:
                response, _ = self.browser.get(self.host, f"{self.path}?visit={len(self.statuses)}")
                self.statuses.append(response.status)
            except OSError as error:
                self.statuses.append(type(error).__name__)
            self.done.wait(0.2)

    def stop(self) -> list[int | str]:
        self.done.set()
        self.join(timeout=40)
        return self.statuses


def publish_principle(topology, slug: str) -> tuple[int, int]:
    """Publish a principle's next version as the admin would (after commit, to the broker): (id, version)."""
    code = (
        "from sites.core.models import Principle; from sites.core.publishing import publish; "
        f"principle = Principle.objects.get(slug={slug!r}); print(principle.pk, publish(principle).number)"
    )
    principle_id, version = manage(topology, "shell", "-c", code).split()[-2:]
    return int(principle_id), int(version)


def test_a_worker_killed_is_started_again_and_delivers_while_the_web_keeps_answering(network):
    topology = network
    log = topology["log"]
    worker = worker_group(topology["process"].pid)
    banners = len(WORKER_READY.findall(log.read_bytes()))
    visitor = Visitor(topology["port"], "paris.localhost", "/en/principles/")
    visitor.start()

    os.killpg(worker, signal.SIGKILL)  # the worker and its pool processes, with no warning
    died = wait_for(
        lambda: re.search(rb"serve  \| worker died \(killed by SIGKILL, pid %d.*restarting it at .*" % worker,
                          log.read_bytes()),
        30, "serve.py to report the worker's death",
    )  # fmt: skip
    wait_for(
        lambda: len(WORKER_READY.findall(log.read_bytes())) > banners,
        120,
        f"a new worker to be ready after: {died.group().decode()}",
        interval=0.5,
    )
    assert worker_group(topology["process"].pid) != worker

    principle_id, version = publish_principle(topology, "transparency")
    wait_for(
        lambda: adopted(topology, principle_id, version) == len(SPACES),
        120,
        "the new worker to deliver a publication to every space",
        interval=0.5,
    )
    statuses = visitor.stop()
    assert statuses and set(statuses) == {200}, statuses
    assert b"serve  | web died" not in log.read_bytes()


def test_when_the_web_dies_serve_stops_everything_and_exits_with_an_error(database, tmp_path):
    with serving(database, tmp_path) as topology:
        serve, log = topology["process"], topology["log"]
        web = next(pid for pid in topology["children"] if b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes())
        os.killpg(os.getpgid(web), signal.SIGKILL)
        serve.wait(timeout=60)
    assert serve.returncode == 1, log.read_text()[-3000:]
    assert b"serve  | web died (killed by SIGKILL): stopping everything" in log.read_bytes()
    assert not [pid for pid in topology["children"] if alive(pid)], "serve.py left the worker or beat running"
