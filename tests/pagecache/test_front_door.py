"""Production's WSGI application answers a cached page before Django handles the request, with every
header Django gave it, and hands everything else to Django, as it was sent.

Requests are made as gunicorn makes them: a WSGI environ, the path as the server decoded it.
"""

import io
import sys

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from sites import wsgi
from sites.pagecache.front import CachedPagesFirst
from sites.spaces.models import Space

pytestmark = pytest.mark.django_db

PARIS = "paris.localhost"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    cache.clear()


@pytest.fixture(autouse=True)
def keep_the_tests_connection():
    """As Django's test client does: the request's end must not close the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def django_entered():
    """How many requests reached Django's handler."""
    entered = []

    def count(**kwargs):
        entered.append(1)

    request_started.connect(count, dispatch_uid="test-front-door")
    yield entered
    request_started.disconnect(dispatch_uid="test-front-door")


def environ(host: str, path: str, method: str = "GET", **extra) -> dict:
    return {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path.encode().decode("iso-8859-1"),  # as a WSGI server passes it
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **extra,
    }


def call(host: str, path: str, method: str = "GET", **extra) -> tuple[int, dict, bytes]:
    answered = {}

    def start_response(status, headers, exc_info=None):
        answered["status"], answered["headers"] = int(status.split()[0]), dict(headers)

    # Django's handler reads its middleware's settings when it is made: made for each request here.
    application = CachedPagesFirst(WSGIHandler())
    result = application(environ(host, path, method, **extra), start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()  # Django's request_finished, as a server does
    return answered["status"], answered["headers"], body


def test_production_serves_through_the_front_door():
    assert isinstance(wsgi.application, CachedPagesFirst)
    assert wsgi.application.application is wsgi.django_application


def test_a_cached_page_is_answered_before_django_with_the_headers_it_was_rendered_with(
    django_entered, django_assert_num_queries
):
    status, rendered, html = call(PARIS, "/fr/visit/")
    assert (status, rendered["X-Socle-Cache"], len(django_entered)) == (200, "miss", 1)

    with django_assert_num_queries(0):
        status, served, body = call(PARIS, "/fr/visit/")
    assert (status, served["X-Socle-Cache"], len(django_entered)) == (200, "hit", 1)  # Django never saw it
    assert body == html
    del rendered["X-Socle-Cache"], served["X-Socle-Cache"]
    assert served == rendered
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "Referrer-Policy"):
        assert header in served, header
    assert served["Content-Language"] == "fr" and served["Content-Length"] == str(len(html))


def test_a_page_not_found_at_the_door_is_not_looked_up_again_by_django(monkeypatch):
    from sites.pagecache import store

    real, looked_up = store.get, []
    monkeypatch.setattr(store, "get", lambda key: looked_up.append(key) or real(key))
    page_key = store.page_key("http", PARIS, "/fr/visit/")
    assert call(PARIS, "/fr/visit/")[1]["X-Socle-Cache"] == "miss"
    assert looked_up.count(page_key) == 1
    assert call(PARIS, "/fr/visit/")[1]["X-Socle-Cache"] == "hit" and looked_up.count(page_key) == 2


def test_head_is_answered_with_the_pages_headers_and_no_body(django_entered):
    html = call(PARIS, "/fr/visit/")[2]
    status, headers, body = call(PARIS, "/fr/visit/", "HEAD")
    assert (status, headers["X-Socle-Cache"], body, len(django_entered)) == (200, "hit", b"", 1)
    assert headers["Content-Length"] == str(len(html))


@pytest.mark.parametrize(
    ("method", "extra"),
    [
        ("GET", {"QUERY_STRING": "q=atelier"}),
        ("GET", {"HTTP_COOKIE": "theme=dark; sessionid=abc123"}),
        ("POST", {"CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": "0"}),
    ],
    ids=["query string", "session", "post"],
)
def test_what_is_not_a_plain_visit_goes_to_django(django_entered, method, extra):
    call(PARIS, "/fr/visit/")
    assert call(PARIS, "/fr/visit/")[1]["X-Socle-Cache"] == "hit"  # the same page, cached

    headers = call(PARIS, "/fr/visit/", method, **extra)[1]
    assert headers.get("X-Socle-Cache") != "hit" and len(django_entered) == 2


def test_a_host_that_is_not_allowed_is_refused_by_django(django_entered, settings):
    call(PARIS, "/fr/visit/")
    settings.ALLOWED_HOSTS = ["moscow.localhost"]
    assert call(PARIS, "/fr/visit/")[0] == 400
    assert len(django_entered) == 2


def test_the_server_given_path_reaches_django_unchanged():
    # Decoded once by the front door for its lookup, the path must still be Django's to decode.
    status, headers, body = call(PARIS, "/fr/атлас/")
    assert status == 404 and "<html" in body.decode()
    assert call("moscow.localhost", "/ru/")[0] == 200


def test_under_the_https_redirect_plain_http_is_redirected_and_https_served_with_hsts(django_entered, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    secure = {"HTTP_X_FORWARDED_PROTO": "https"}
    assert call(PARIS, "/fr/visit/", **secure)[1]["X-Socle-Cache"] == "miss"
    status, headers, body = call(PARIS, "/fr/visit/", **secure)
    assert (status, headers["X-Socle-Cache"]) == (200, "hit")
    assert headers["Strict-Transport-Security"] == "max-age=3600"

    status, headers, body = call(PARIS, "/fr/visit/")
    assert (status, headers["Location"]) == (301, "https://paris.localhost/fr/visit/")
    assert len(django_entered) == 2


def test_a_page_cached_over_http_is_not_served_once_https_is_required(settings):
    call(PARIS, "/fr/visit/")
    assert call(PARIS, "/fr/visit/")[1]["X-Socle-Cache"] == "hit"
    settings.SECURE_SSL_REDIRECT = True
    status, headers, body = call(PARIS, "/fr/visit/")
    assert (status, headers["Location"]) == (301, "https://paris.localhost/fr/visit/")


def test_a_publication_in_the_space_is_seen_at_once(django_entered, django_capture_on_commit_callbacks):
    call(PARIS, "/fr/visit/")
    assert call(PARIS, "/fr/visit/")[1]["X-Socle-Cache"] == "hit"
    visit = Space.objects.get(slug="paris").site.root_page.get_children().get(slug="visit").specific
    visit.title_fr = "Venir nous voir, ouvert à toutes et à tous"
    with django_capture_on_commit_callbacks(execute=True):
        visit.save_revision().publish()

    status, headers, body = call(PARIS, "/fr/visit/")
    assert headers["X-Socle-Cache"] == "miss" and "ouvert à toutes et à tous" in body.decode()


def test_with_redis_down_pages_are_rendered_by_django(redis_server, production_cache, django_entered):
    call(PARIS, "/fr/visit/")
    assert call(PARIS, "/fr/visit/")[1]["X-Socle-Cache"] == "hit"
    redis_server.kill()

    status, headers, body = call(PARIS, "/fr/visit/")
    assert status == 200 and headers.get("X-Socle-Cache") != "hit" and "<html" in body.decode()
    assert len(django_entered) == 2  # the first visit and this one
