"""A visitor reaches each city's site by hostname, in the languages that city serves, and no other."""

import pytest

from tests.helpers import client_for

pytestmark = pytest.mark.django_db

SITES = {
    "paris.localhost": ["fr", "en"],
    "moscow.localhost": ["ru", "en"],
    "bangalore.localhost": ["en", "hi", "kn"],
}
NETWORK = ["fr", "en", "ru", "hi", "kn"]


@pytest.mark.parametrize("host,languages", SITES.items())
def test_each_site_serves_its_own_languages_and_404s_the_others(host, languages):
    client = client_for(host)
    for language in NETWORK:
        response = client.get(f"/{language}/")
        if language in languages:
            assert response.status_code == 200, (host, language)
            assert response["Content-Language"] == language
            assert f'<html lang="{language}">' in response.content.decode()
        else:
            assert response.status_code == 404, (host, language)


def test_an_unserved_language_never_shows_another_languages_text():
    response = client_for("paris.localhost").get("/ru/practices/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Наши" not in html and "практик" not in html


@pytest.mark.parametrize(
    "host,expected_title",
    [
        ("paris.localhost", "NUMA Paris"),
        ("moscow.localhost", "NUMA Москва"),
        ("bangalore.localhost", "Cobalt BLR"),
    ],
)
def test_the_hostname_chooses_the_space(host, expected_title):
    client = client_for(host)
    default = SITES[host][0]
    html = client.get(f"/{default}/").content.decode()
    assert expected_title in html


def test_pages_of_one_space_are_not_reachable_on_another_host():
    assert client_for("paris.localhost").get("/fr/practices/colunch/").status_code == 200
    assert client_for("moscow.localhost").get("/en/practices/colunch/").status_code == 404


@pytest.mark.parametrize(
    "host,accept,expected",
    [
        ("moscow.localhost", "ru-RU,ru;q=0.9,en;q=0.8", "/ru/"),
        ("moscow.localhost", "en-GB,en;q=0.9", "/en/"),
        ("moscow.localhost", "de-DE,fr;q=0.5", "/ru/"),  # nothing served matches: the space's default
        ("paris.localhost", "hi,en;q=0.7", "/en/"),  # Hindi is not served in Paris; English is
        ("bangalore.localhost", "kn-IN,kn;q=0.9", "/kn/"),
        ("bangalore.localhost", "", "/en/"),
    ],
)
def test_root_redirects_to_the_preferred_served_language(host, accept, expected):
    response = client_for(host, HTTP_ACCEPT_LANGUAGE=accept).get("/")
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_the_bare_host_lists_the_open_spaces_with_links_to_their_sites():
    html = client_for("localhost:8000").get("/").content.decode()
    for host in SITES:
        assert f"http://{host}:8000/" in html


def test_an_unknown_page_is_a_404_in_the_sites_language():
    response = client_for("moscow.localhost").get("/ru/no-such-page/")
    assert response.status_code == 404
    assert 'lang="ru"' in response.content.decode()
