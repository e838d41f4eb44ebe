"""The editors' admin over HTTP, as a space's editor in a network of 1,000 spaces and the demo's three.

A production gunicorn (sites.settings.production with deploy/env.example's values, Redis cache, plain
HTTP on loopback), and one editor working as a browser does: signed in through the admin's login
form with its CSRF token, the session kept in a cookie. The editor is Paris's (``paris``, a member of
"paris editors" and "paris moderators", as ``make demo`` makes it), with a password the bench chooses.

For three page types an editor edits most (the space's home, a practice, an event), ``RUNS`` runs of
``REQUESTS`` requests each:

- ``admin_edit_form_ms``: GET /admin/pages/<id>/edit/ (goal ≤ 300);
- ``admin_publish_ms``: the edit form posted with the publish action and a real change each time
  (the summary or introduction in the space's language), the redirect not followed (goal ≤ 500);
- ``admin_explorer_ms``: the listing of the space's home, GET /admin/pages/<home id>/ (goal ≤ 300).

Each figure is the median of the runs' medians (``Figure.of``, spread over the runs) of the slowest
page type; the other types are printed. Every answer is checked (its status, the page's title in it,
each publication's change live in the database), so a redirect to the login page never passes as fast.
The server's log goes to bench/admin-server.log.
"""

import http.client
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench.network import build_network
from bench.run import Figure, analyze
from bench.web.servers import ROOT, gunicorn

RUNS = 3
REQUESTS = 7
WARM_UP = 8  # requests of each kind before the measure: every worker has loaded what the admin needs
PORT = 8330
HOST = "admin.bench.example.org"
EDITOR = "paris"
PASSWORD = secrets.token_urlsafe(24)  # a new one each run
DEMO_PORT = 80


class Browser:
    """One editor's connection to the admin: its cookies kept, as a browser keeps them."""

    def __init__(self, port: int, host: str):
        self.port, self.host, self.cookies = port, host, {}

    def request(self, method: str, path: str, data: dict | list | None = None) -> tuple[int, dict, str, float]:
        """(status, headers, body, milliseconds from sending to the last byte read); redirects not followed."""
        headers = {"Host": self.host, "User-Agent": "socle-bench-admin"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://{self.host}"
            headers["Referer"] = f"http://{self.host}{path}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            started = time.perf_counter()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            elapsed = (time.perf_counter() - started) * 1000
        finally:
            connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie, _, _attributes = value.partition(";")
                key, _, content = cookie.partition("=")
                self.cookies[key.strip()] = content.strip()
        return response.status, dict(response.getheaders()), text, elapsed

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, data):
        return self.request("POST", path, data)


class FormFields(HTMLParser):
    """The fields a browser would send for the form of id (or class) ``form_id`` (no script: the edit form's rich text
    is a hidden input holding its content, its formsets plain inputs), without the templates of new
    formset rows."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.template_depth = form_id, False, 0
        self.fields: list[tuple[str, str]] = []
        self._textarea: list | None = None
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.form_id in (attrs.get("id"), *(attrs.get("class") or "").split())
            return
        if tag == "template":
            self.template_depth += 1
        if not self.inside or self.template_depth or "disabled" in attrs or not attrs.get("name"):
            if tag == "option" and self._select is not None:
                self._option(attrs)
            return
        name = attrs["name"]
        if "__prefix__" in name:
            return
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value") or ("on" if kind in ("checkbox", "radio") else "")))
        elif tag == "textarea":
            self._textarea = [name, ""]
        elif tag == "select":
            self._select = {"name": name, "multiple": "multiple" in attrs, "chosen": [], "first": None}

    def _option(self, attrs):
        value = attrs.get("value", "")
        if self._select["first"] is None:
            self._select["first"] = value
        if "selected" in attrs:
            self._select["chosen"].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "template":
            self.template_depth -= 1
        elif tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline that follows <textarea>.
            self.fields.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"]
            if not chosen and not self._select["multiple"] and self._select["first"] is not None:
                chosen = [self._select["first"]]
            self.fields += [(self._select["name"], value) for value in chosen]
            self._select = None


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    if not parser.fields:
        raise RuntimeError(f"no form #{form_id} in the page")
    return parser.fields


def ensure_editor() -> None:
    """The demo's editors as ``make demo`` makes them (load_demo's accounts), Paris's with the bench's password."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from sites.demo.management.commands.load_demo import Command

    Command().ensure_accounts()
    editor = get_user_model().objects.get(username=EDITOR)
    if editor.is_superuser or not editor.groups.exists():
        raise RuntimeError(f"{EDITOR} must be a space's editor, not a superuser")
    # Hashed as production hashes it (the bench's own process may run with the tests' fast hasher).
    editor.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    editor.save(update_fields=["password"])


def measured_pages() -> dict:
    """{kind: (page id, its title in the space's language, the field the publication changes)}."""
    from django.utils import translation

    from sites.core.models import PracticePage
    from sites.events.models import EventPage
    from sites.spaces.models import Space

    space = Space.objects.get(slug=EDITOR)
    language = space.default_language
    home = space.site.root_page.specific
    found = {}
    with translation.override(language):
        practice = PracticePage.objects.descendant_of(home).live().order_by("path").first()
        event = EventPage.objects.descendant_of(home).live().order_by("-start").first()
        for kind, page, field in (("home", home, "intro"), ("practice", practice, "summary"),
                                  ("event", event, "summary")):  # fmt: skip
            if page is None:
                raise RuntimeError(f"{space.slug} has no live {kind}")
            found[kind] = (page.pk, page.title, f"{field}_{language}")
    return found


def log_in(browser: Browser) -> None:
    status, _headers, html, _ms = browser.get("/admin/login/")
    if status != 200:
        raise RuntimeError(f"the login page answered {status}")
    token = dict(form_fields(html, "login-form")).get("csrfmiddlewaretoken")
    if not token:
        raise RuntimeError("no CSRF token in the login form")
    status, headers, _html, _ms = browser.post(
        "/admin/login/", {"csrfmiddlewaretoken": token, "username": EDITOR, "password": PASSWORD, "next": "/admin/"}
    )
    if status != 302 or urlsplit(headers.get("Location", "")).path != "/admin/":
        raise RuntimeError(f"signing in as {EDITOR} answered {status} to {headers.get('Location')!r}")


def checked_get(browser: Browser, path: str, title: str) -> tuple[float, str]:
    """(milliseconds, the page) of a 200 that shows ``title``."""
    from django.utils.html import escape

    status, headers, html, elapsed = browser.get(path)
    if status != 200:
        raise RuntimeError(f"{path} answered {status} {headers.get('Location', '')}")
    if escape(title) not in html:
        raise RuntimeError(f"{path} does not show {title!r}")
    return elapsed, html


def publish(browser: Browser, form: str, page_id: int, field: str, number: int) -> float:
    """The edit form ``form`` as the editor was shown it, ``field`` changed, posted with the publish
    action; the change is checked live in the database (the answer, a redirect to the explorer, is
    not followed: the time is the publication's alone)."""
    from wagtail.models import Page

    path = f"/admin/pages/{page_id}/edit/"
    fields = form_fields(form, "page-edit-form")
    if field not in {name for name, _value in fields}:
        raise RuntimeError(f"the edit form of page {page_id} has no field {field}")
    text = f"Mis à jour par le bench, n° {number} ({secrets.token_hex(3)})"
    fields = [(name, text if name == field else value) for name, value in fields]
    status, headers, html, elapsed = browser.post(path, [*fields, ("action-publish", "action-publish")])
    location = urlsplit(headers.get("Location", "")).path
    if status != 302 or "/login/" in location or location == path:
        errors = "; ".join(line.strip() for line in html.splitlines() if "error" in line)[:500]
        raise RuntimeError(f"publishing page {page_id} answered {status} to {location!r}: {errors}")
    live = Page.objects.get(pk=page_id).specific
    if getattr(live, field) != text or live.has_unpublished_changes:
        raise RuntimeError(f"page {page_id} was not published with its change")
    return elapsed


def measure(browser: Browser, pages: dict) -> dict[str, dict[str, list[float]]]:
    """{figure: {kind: [each run's median ms]}}."""
    from sites.spaces.models import Space

    home_id, home_title, _field = pages["home"]
    explorer = f"/admin/pages/{home_id}/"
    results = {"admin_edit_form_ms": {}, "admin_publish_ms": {}, "admin_explorer_ms": {}}
    number = 0
    for _warm in range(WARM_UP):
        checked_get(browser, explorer, home_title)
        for page_id, title, _field in pages.values():
            checked_get(browser, f"/admin/pages/{page_id}/edit/", title)
    for _run in range(RUNS):
        for kind, (page_id, title, field) in pages.items():
            edits, publications = [], []
            for _request in range(REQUESTS):
                elapsed, form = checked_get(browser, f"/admin/pages/{page_id}/edit/", title)
                edits.append(elapsed)
                number += 1
                publications.append(publish(browser, form, page_id, field, number))
            results["admin_edit_form_ms"].setdefault(kind, []).append(statistics.median(edits))
            results["admin_publish_ms"].setdefault(kind, []).append(statistics.median(publications))
        listings = [checked_get(browser, explorer, home_title)[0] for _request in range(REQUESTS)]
        results["admin_explorer_ms"].setdefault("home", []).append(statistics.median(listings))
    print(f"   {Space.objects.count()} spaces; {EDITOR}'s pages: "
          + ", ".join(f"{kind} {page_id}" for kind, (page_id, _t, _f) in pages.items()))  # fmt: skip
    return results


def server_env(context: dict, temp: Path) -> dict[str, str]:
    from bench.bench_web import redis_db
    from bench.chaos.processes import production_env

    return production_env(
        context["database_url"], 0,
        # The broker and the cache on this run's Redis, below the other benchmarks' databases; the
        # tasks publishing enqueues are left undelivered (no worker here) and flushed at the end.
        CELERY_BROKER_URL=redis_db(context["broker_url"], 4),
        CACHE_URL=redis_db(context["broker_url"], 3),
        ALLOWED_HOSTS=".bench.example.org",
        # Plain HTTP on loopback, no proxy in front: no redirect to HTTPS, cookies sent over HTTP.
        SECURE_SSL_REDIRECT="false", SESSION_COOKIE_SECURE="false", CSRF_COOKIE_SECURE="false",
        SOCLE_TRUSTED_PROXIES="0", LOG_LEVEL="WARNING",
        STATIC_ROOT=str(temp / "static"), MEDIA_ROOT=str(temp / "media"),
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
    )  # fmt: skip


def run(context: dict) -> list[Figure]:
    from bench.bench_web import flush
    from sites.demo.loader import load_demo_network
    from sites.spaces.models import Space

    build_network()
    if not Space.objects.filter(slug=EDITOR).exists():
        load_demo_network(port=DEMO_PORT)
    ensure_editor()
    analyze(context["database_url"])  # again: the demo's rows came after the copy's statistics
    pages = measured_pages()
    with tempfile.TemporaryDirectory(prefix="socle-bench-admin-") as temp:
        env = server_env(context, Path(temp))
        done = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"collectstatic failed:\n{(done.stdout + done.stderr)[-3000:]}")
        for url in (env["CACHE_URL"], env["CELERY_BROKER_URL"]):
            flush(url)
        try:
            with gunicorn("Socle admin", env, PORT, HOST, "/admin/login/", ROOT / "bench" / "admin-server.log"):
                browser = Browser(PORT, HOST)
                log_in(browser)
                results = measure(browser, pages)
        finally:
            flush(env["CELERY_BROKER_URL"])
    figures = []
    for name, goal in (("admin_edit_form_ms", 300), ("admin_publish_ms", 500), ("admin_explorer_ms", 300)):
        by_kind = results[name]
        for kind, medians in by_kind.items():
            print(f"   {name:20} {kind:9} median {statistics.median(medians):7.1f} ms, runs {medians}")
        slowest = max(by_kind, key=lambda kind: statistics.median(by_kind[kind]))
        figures.append(Figure.of(name, by_kind[slowest], "ms", goal, digits=1))
    return figures
