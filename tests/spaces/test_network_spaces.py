"""Every site lists the network's open spaces, searchable by name or city, a page at a time."""

import pytest

from sites.spaces.models import Space
from tests.helpers import add_bare_spaces, client_for

pytestmark = pytest.mark.django_db


def test_each_site_lists_the_open_spaces_in_its_readers_language():
    html = client_for("moscow.localhost").get("/ru/network/").content.decode()
    assert "NUMA Paris" in html and "Cobalt BLR" in html
    assert "3 открытых пространства" in html  # Russian counts in three forms
    assert 'href="/ru/network/"' in client_for("moscow.localhost").get("/ru/").content.decode()  # the footer


def test_a_reader_finds_a_space_by_its_name_or_city_in_any_language():
    moscow = client_for("paris.localhost")
    found = moscow.get("/fr/network/", {"q": "Москва"}).content.decode()
    assert "NUMA" in found and "Cobalt BLR" not in found
    assert "Cobalt BLR" in moscow.get("/fr/network/", {"q": "bangalore"}).content.decode()


def test_a_thousand_spaces_are_listed_a_page_at_a_time():
    add_bare_spaces(120)
    assert client_for("paris.localhost").get("/ru/network/").status_code == 404  # not one of Paris's languages
    first = client_for("paris.localhost").get("/fr/network/").content.decode()
    assert first.count('class="card"') == 50 and "page=2" in first
    last = client_for("paris.localhost").get("/fr/network/", {"page": 3}).content.decode()
    assert last.count('class="card"') == Space.objects.filter(status="open").count() - 100
