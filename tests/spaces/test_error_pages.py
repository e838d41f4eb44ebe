"""Error pages in the space's language and design: 404 (in the demo's DEBUG too), 410 for a closed
space, and a 500 that needs no database."""

import pytest
from django.db import connections
from django.test import RequestFactory
from django.utils import translation

from sites.spaces.errors import server_error
from sites.spaces.hosts import space_for_host
from sites.spaces.models import Space
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def designed(html: str, name: str, language: str) -> bool:
    return (
        f'<html lang="{language}">' in html
        and f'<span class="brand-name">{name}</span>' in html
        and 'class="site-footer"' in html
        and "/static/css/socle.css" in html
    )


@pytest.mark.parametrize("debug", [False, True], ids=["production", "demo-debug"])
@pytest.mark.parametrize(
    ("host", "path", "language", "name", "words"),
    [
        ("paris", "/fr/pas-de-page/", "fr", "NUMA Paris", "Page introuvable"),
        ("paris", "/en/no-such-page/", "en", "NUMA Paris", "Page not found"),
        ("moscow", "/ru/net-takoy/", "ru", "NUMA Москва", "Страница не найдена"),
        ("bangalore", "/kn/illa/", "kn", "Cobalt BLR", "ಪುಟ ಸಿಗಲಿಲ್ಲ"),
        # A language the city does not publish: its page in the space's first language.
        ("paris", "/ru/", "fr", "NUMA Paris", "Page introuvable"),
        ("moscow", "/hi/practices/", "ru", "NUMA Москва", "Страница не найдена"),
    ],
)
def test_a_missing_page_is_the_spaces_404_in_its_language(settings, debug, host, path, language, name, words):
    settings.DEBUG = debug  # `make demo` runs with DEBUG on: Django would answer its yellow debug page
    response = client_for(f"{host}.localhost").get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert response["Content-Language"] == language
    assert designed(html, name, language), html[:500]
    assert words in html
    assert "technical_404" not in html and "Django tried these URL patterns" not in html
    assert 'id="site-menu"' in html  # the menu and the search lead on


def test_a_404_outside_the_language_prefix_is_the_spaces_page_too(settings):
    settings.DEBUG = True
    response = client_for("moscow.localhost", HTTP_ACCEPT_LANGUAGE="en").get("/favicon-nowhere.png")
    assert response.status_code == 404
    assert designed(response.content.decode(), "NUMA Moscow", "en")


def test_a_closed_space_answers_410_gone_in_its_design():
    moscow = Space.objects.get(slug="moscow")
    moscow.status = Space.Status.CLOSED
    moscow.save()
    response = client_for("moscow.localhost").get("/ru/practices/")
    html = response.content.decode()
    assert response.status_code == 410
    assert designed(html, "NUMA Москва", "ru")
    assert 'id="site-menu"' not in html  # its pages are gone: nothing to navigate to
    assert response["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize(("language", "words"), [("ru", "Ошибка сервера"), ("en", "Server error")])
def test_the_500_page_is_the_spaces_without_a_single_query(django_assert_num_queries, language, words):
    space = space_for_host("moscow.localhost", 80)
    request = RequestFactory().get(f"/{language}/", HTTP_HOST="moscow.localhost")
    request.space, request.LANGUAGE_CODE = space, language

    def refuse(*args, **kwargs):
        raise AssertionError("the 500 page must not read the database")

    with django_assert_num_queries(0), connections["default"].execute_wrapper(refuse):
        with translation.override("fr"):  # whatever was active: the request's language wins
            response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert designed(html, "NUMA Москва" if language == "ru" else "NUMA Moscow", language)
    assert words in html
    assert "wagtail-userbar" not in html


def test_the_500_page_without_a_space_is_plain_but_answers():
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    response = server_error(request)
    assert response.status_code == 500
    assert "Server error" in response.content.decode()


DEMO_MIDDLEWARE = "sites.spaces.errors.ServerErrorPageMiddleware"


def test_a_failing_page_in_the_demo_shows_visitors_the_spaces_500(settings, monkeypatch):
    """`make demo` runs with DEBUG on, where Django would answer its traceback page."""
    from sites.spaces.models import HomePage

    def broken(self, request, *args, **kwargs):
        raise RuntimeError("a template tag failed")

    monkeypatch.setattr(HomePage, "get_context", broken)
    settings.DEBUG = True
    client = client_for("moscow.localhost", raise_request_exception=False)
    assert "Traceback" in client.get("/ru/").content.decode()  # Django's own debug page, without it

    settings.MIDDLEWARE = [*settings.MIDDLEWARE, DEMO_MIDDLEWARE]
    response = client_for("moscow.localhost", raise_request_exception=False).get("/ru/")  # a client reads them anew
    html = response.content.decode()
    assert response.status_code == 500
    assert designed(html, "NUMA Москва", "ru") and "Ошибка сервера" in html
    assert "Traceback" not in html and "a template tag failed" not in html


def test_the_demo_settings_show_the_designed_500():
    from sites.settings import dev

    assert DEMO_MIDDLEWARE in dev.MIDDLEWARE
