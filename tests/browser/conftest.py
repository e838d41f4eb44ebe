"""A real Chromium (Debian's) driven by Playwright against the app served on loopback."""

import os
import shutil
import threading
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop in the test thread; the ORM calls the tests make there
# (fixtures, checks) are ordinary blocking calls, not code running inside that loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    for candidate in (os.environ.get("SOCLE_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def live_port(django_db_setup, django_db_blocker):
    """The app served from a thread on 127.0.0.1 (sites answer as http://<city>.localhost:<port>)."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(StaticFilesHandler(WSGIHandler()))
    before = set(threading.enumerate())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    with django_db_blocker.unblock():
        thread.start()
        yield server.server_address[1]
        server.shutdown()
        server.server_close()
        # Request threads close their database connection when they end: let them end before the
        # test database is dropped.
        for handler in set(threading.enumerate()) - before:
            handler.join(timeout=10)


@pytest.fixture(scope="session")
def browser(live_port):
    # After the server (and the database it reads): Playwright runs an event loop in this thread.
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _close_test_connections(django_db_blocker):
    """The ORM calls a browser test makes open a connection of their own while Playwright runs:
    close it, or it outlives the test database."""
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.outside_requests = []

    def record(request):
        if not request.url.startswith(("http://127.0.0.1", "data:")) and ".localhost:" not in request.url:
            tab.outside_requests.append(request.url)

    tab.on("request", record)
    yield tab
    context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled")  # menus caught open, not sliding
    return path


def sign_in(page, live_port: int, username: str, password: str) -> str:
    """Sign in to the admin through its login form; returns the admin's address."""
    admin = f"http://localhost:{live_port}/admin"
    page.goto(f"{admin}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{admin}/")
    return admin
