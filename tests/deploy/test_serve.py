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
import threading
from pathlib import Path

import pytest

from tests.deploy.browser import Browser, form_with, replaced
from tests.deploy.topology import WORKER_READY, alive, descendants, fresh_database, manage, query, serving
from tests.sync.conftest import wait_for

pytestmark = pytest.mark.serve

SPACES = ("paris", "moscow", "bangalore")
NEW_STATEMENT = "We learn to listen first, then to think"
PASSWORD = "smoke-" + secrets.token_hex(8)


@pytest.fixture(scope="module")
def database():
    """A database of its own on the machine's PostgreSQL, dropped afterwards."""
    with fresh_database(f"socle_prod_smoke_{os.getpid()}") as url:
        yield url


@pytest.fixture(scope="module")
def topology(database, tmp_path_factory):
    """One serve.py for the module's tests; Ctrl-C stops it cleanly at the end."""
    with serving(database, tmp_path_factory.mktemp("serve")) as topology:
        yield topology
    log = topology["log"]
    assert topology["process"].returncode == 0, log.read_text()[-3000:]
    assert b"serve  | stopped" in log.read_bytes()
    assert not [pid for pid in topology["children"] if alive(pid)], "serve.py left processes running"


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
