"""The language switcher, hreflang alternates, canonical links and the fallback to the default language."""

import re

import pytest
from wagtail.models import Page

from sites.spaces.models import HomePage, StandardPage
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def links(html: str, rel: str) -> list[tuple[str, str]]:
    return re.findall(rf'<link rel="{rel}" hreflang="([a-z]+)" href="([^"]+)">', html)


def test_hreflang_alternates_name_exactly_the_sites_languages_on_the_same_page():
    html = client_for("bangalore.localhost").get("/hi/practices/").content.decode()
    assert links(html, "alternate") == [
        ("en", "http://bangalore.localhost/en/practices/"),
        ("hi", "http://bangalore.localhost/hi/practices/"),
        ("kn", "http://bangalore.localhost/kn/practices/"),
    ]


def test_the_canonical_link_is_the_page_in_its_own_language():
    html = client_for("moscow.localhost").get("/en/events/?utm=x").content.decode()
    assert '<link rel="canonical" href="http://moscow.localhost/en/events/">' in html


def test_the_switcher_lists_only_the_sites_languages_and_keeps_the_page():
    html = client_for("paris.localhost").get("/en/programmes/").content.decode()
    switcher = html.split('class="language-switcher"')[1].split("</nav>")[0]
    assert re.findall(r'href="([^"]+)"', switcher) == ["/fr/programmes/", "/en/programmes/"]
    assert 'aria-current="true">English' in switcher
    assert "Русский" not in switcher


def test_an_untranslated_field_falls_back_to_the_spaces_default_language_marked_with_lang():
    home = HomePage.objects.get(slug="moscow")
    page = StandardPage(slug="only-russian", title_ru="Только по-русски", body_ru="<p>Текст страницы.</p>")
    home.add_child(instance=page)
    html = client_for("moscow.localhost").get("/en/only-russian/").content.decode()
    assert '<span lang="ru">Только по-русски</span>' in html
    assert '<div class="rich-text" lang="ru"><p>Текст страницы.</p></div>' in html
    assert "<title>Только по-русски" in html  # never an empty title


def test_a_translated_field_is_shown_without_a_lang_marker():
    html = client_for("paris.localhost").get("/en/").content.decode()
    assert '<span lang="fr">' not in html


def test_a_page_is_linked_in_a_language_its_space_serves_whatever_the_active_language():
    from django.utils import translation

    visit = Page.objects.get(slug="visit", url_path__startswith="/paris/").specific
    with translation.override("ru"):  # e.g. an editor working in the admin in Russian
        assert visit.get_url_parts()[2] == "/fr/visit/"
    with translation.override("en"):
        assert visit.get_url_parts()[2] == "/en/visit/"
