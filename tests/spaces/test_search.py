"""Search on a space's site finds that space's pages only."""

import pytest
from wagtail.models import Page

from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def search(host: str, language: str, query: str):
    response = client_for(host).get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return response, list(response.context["results"])


def test_search_finds_the_spaces_own_pages_and_links_them_in_the_pages_language():
    response, results = search("paris.localhost", "fr", "colunch")
    assert "colunch" in {page.slug for page in results}
    assert 'href="/fr/practices/colunch/"' in response.content.decode()


@pytest.mark.parametrize("host,slug", [("paris.localhost", "paris"), ("moscow.localhost", "moscow")])
def test_a_word_written_on_several_sites_returns_only_this_sites_pages(host, slug):
    # "NUMA" is written on the Paris and the Moscow sites alike.
    _response, results = search(host, "en", "NUMA")
    home = Page.objects.get(slug=slug)
    assert results
    assert all(page.path.startswith(home.path) for page in results)


def test_an_empty_search_shows_the_form_without_results():
    response = client_for("moscow.localhost").get("/ru/search/")
    assert response.status_code == 200
    assert '<ol class="results">' not in response.content.decode()
