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


class MediaFromStorage:
    """Uploaded images and their renditions from the tests' storage (in memory), as the proxy serves
    MEDIA_ROOT in production; everything else to the app."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        import mimetypes

        from django.conf import settings
        from django.core.files.storage import default_storage

        path = environ.get("PATH_INFO", "")
        if not path.startswith(settings.MEDIA_URL):
            return self.app(environ, start_response)
        name = path[len(settings.MEDIA_URL) :]
        if not default_storage.exists(name):
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        with default_storage.open(name) as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
        return [body]


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
    server.set_app(MediaFromStorage(StaticFilesHandler(WSGIHandler())))
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


def coordinator_speaking(username: str, password: str, language: str):
    """A coordinator (superuser) whose admin is in ``language``."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_superuser(username, f"{username}@example.org", password)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user
