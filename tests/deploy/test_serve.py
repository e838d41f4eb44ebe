"""The production topology for real: `deploy/serve.py` (what `make serve` runs) on the machine's
PostgreSQL and Redis, with a database and a Redis db of its own, driven over HTTP through gunicorn.

It opens the three demo sites, publishes a principle change through the admin like a coordinator's
browser would, sees the real worker deliver it to every space (and purge their cached pages), checks
/readyz, and stops everything it started.
"""

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.sync.conftest import REDIS_URL, flush_broker, redis_answers, wait_for

pytestmark = pytest.mark.serve

ROOT = Path(__file__).resolve().parents[2]
SPACES = ("paris", "moscow", "bangalore")
NEW_STATEMENT = "We learn to listen first, then to think"
PASSWORD = "smoke-" + secrets.token_hex(8)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """Plain HTTP to 127.0.0.1 with a Host header of our choice, keeping cookies like a browser."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, host: str, path: str, form: list | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": f"{host}:{self.port}", "Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{host}:{self.port}{path}"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response, content

    def get(self, host: str, path: str):
        return self.request("GET", host, path)

    def post(self, host: str, path: str, form: list):
        return self.request("POST", host, path, form)


class Forms(HTMLParser):
    """The fields every <form> of a page would send back, as a browser would."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._textarea = self._select = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append([])
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name") and not attrs.get("disabled"):
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.forms[-1].append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and attrs.get("name"):
            self._textarea, self._text = attrs["name"], []
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.forms[-1].append((self._select, attrs.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self.forms[-1].append((self._textarea, "".join(self._text)))
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def form_with(html: str, field: str) -> list[tuple[str, str]]:
    parser = Forms()
    parser.feed(html)
    return next(form for form in parser.forms if any(name == field for name, _ in form))


def replaced(form: list[tuple[str, str]], **values) -> list[tuple[str, str]]:
    kept = [(name, value) for name, value in form if name not in values]
    return kept + list(values.items())


def postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("the production topology needs PostgreSQL: set DATABASE_URL")
    if not redis_answers(REDIS_URL):
        pytest.skip(f"the production topology needs Redis at {REDIS_URL}")
    return url


@pytest.fixture
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


@pytest.fixture
def topology(database, tmp_path):
    """`deploy/serve.py` started on a free port; stopped with SIGINT (Ctrl-C) at the end."""
    flush_broker(REDIS_URL)
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "CELERY_BROKER_URL": REDIS_URL,
        "CACHE_URL": REDIS_URL,
        "PORT": str(port),
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "WEB_CONCURRENCY": "2",
        "DJANGO_SETTINGS_MODULE": "sites.settings.production",
    }
    for name in ("SECRET_KEY_FILE", "GUNICORN_BIND"):
        env.pop(name, None)
    log = tmp_path / "serve.log"
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "deploy/serve.py"],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    children = set()
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
            lambda: b"celery@" in log.read_bytes() and b" ready." in log.read_bytes(),
            120,
            f"the Celery worker to be ready (its log: {log})",
            interval=0.5,
        )
        children = descendants(process.pid)
        assert len(children) >= 3 + 2 + 2, children  # gunicorn, a worker and beat, and their workers
        yield {"port": port, "env": env, "log": log, "database": database}
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # what Ctrl-C sends
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for pid in children:  # nothing left behind, whatever happened
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        flush_broker(REDIS_URL)
    assert process.returncode == 0, log.read_text()[-3000:]
    assert b"serve  | stopped" in log.read_bytes()
    assert not [pid for pid in children if alive(pid)], "serve.py left processes running"


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


def test_the_production_topology_serves_the_network_and_delivers_a_publication_through_the_real_worker(topology):
    port = topology["port"]
    manage(topology, "load_demo", "--no-accounts", "--port", str(port))
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
        lambda: (
            query(
                topology,
                "SELECT count(*) FROM core_adoption WHERE principle_id = %s AND latest_version = %s",
                principle_id,
                version,
            )[0][0]
            == spaces
        ),
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
