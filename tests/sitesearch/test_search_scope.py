"""Search on a space's site finds that space's live public pages only, in the language being read."""

import pytest
from wagtail.models import PageViewRestriction

from .conftest import found_urls, home_of, publish_page, search

pytestmark = pytest.mark.django_db


def test_search_finds_the_spaces_own_pages_and_links_them_in_the_pages_language():
    response = search("paris.localhost", "fr", "colunch")
    assert "/fr/practices/colunch/" in found_urls(response)
    assert 'href="/fr/practices/colunch/"' in response.content.decode()


@pytest.mark.parametrize("host,slug", [("paris.localhost", "paris"), ("moscow.localhost", "moscow")])
def test_a_word_written_on_several_sites_returns_only_this_sites_pages(host, slug):
    # "NUMA" is written on the Paris and the Moscow sites alike.
    response = search(host, "en", "NUMA")
    home = home_of(slug)
    texts = response.context["page_obj"].object_list
    assert texts
    assert all(text.page.path.startswith(home.path) for text in texts)


def test_another_spaces_page_is_never_found():
    publish_page(home_of("moscow"), "samovar", title_ru="Самовар", title_en="The samovar of Moscow")
    assert found_urls(search("moscow.localhost", "en", "samovar")) == ["/en/samovar/"]  # positive control
    assert found_urls(search("paris.localhost", "en", "samovar")) == []
    assert found_urls(search("bangalore.localhost", "en", "samovar")) == []


def test_an_unpublished_page_is_never_found():
    page = publish_page(home_of("paris"), "atelier", title_fr="Atelier de réparation")
    assert found_urls(search("paris.localhost", "fr", "réparation")) == ["/fr/atelier/"]
    page.unpublish()
    assert found_urls(search("paris.localhost", "fr", "réparation")) == []


def test_a_draft_is_never_found_until_it_is_published():
    page = publish_page(home_of("paris"), "atelier", title_fr="Atelier de réparation")
    page.title_fr = "Atelier de couture"
    page.save_revision()  # a draft: visitors still read "réparation"
    assert found_urls(search("paris.localhost", "fr", "couture")) == []
    assert found_urls(search("paris.localhost", "fr", "réparation")) == ["/fr/atelier/"]
    page.get_latest_revision().publish()
    assert found_urls(search("paris.localhost", "fr", "couture")) == ["/fr/atelier/"]
    assert found_urls(search("paris.localhost", "fr", "réparation")) == []


def test_a_private_page_and_its_children_are_never_found():
    page = publish_page(home_of("paris"), "coulisses", title_fr="Les coulisses du jardin")
    publish_page(page, "serre", title_fr="La serre du jardin")
    assert len(found_urls(search("paris.localhost", "fr", "jardin"))) == 2
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert found_urls(search("paris.localhost", "fr", "jardin")) == []


def test_an_empty_search_shows_the_form_and_a_hint_without_results():
    response = search("moscow.localhost", "ru", "")
    html = response.content.decode()
    assert 'class="search-results"' not in html
    assert 'class="search-hint"' in html
    assert "<title>Поиск по сайту · " in html
