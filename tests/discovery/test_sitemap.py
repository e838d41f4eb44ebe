"""Each site's sitemap lists its own pages a visitor may read, once per language of the space, each
with its alternates in exactly the space's languages; an opening or closed space lists nothing."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from sites.spaces.models import Space
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
SITES = {"paris.localhost": ["fr", "en"], "moscow.localhost": ["ru", "en"], "bangalore.localhost": ["en", "hi", "kn"]}


def sitemap(host: str) -> list[dict]:
    response = client_for(host).get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314  (our own sitemap, made by the test's server)
    assert root.tag == f"{{{NS['sm']}}}urlset"
    return [
        {
            "loc": url.findtext("sm:loc", namespaces=NS),
            "lastmod": url.findtext("sm:lastmod", namespaces=NS),
            "alternates": {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)},
        }
        for url in root.findall("sm:url", NS)
    ]


def space_of(host: str) -> Space:
    return Space.objects.select_related("site__root_page").get(site__hostname=host)


@pytest.mark.parametrize("host,languages", SITES.items())
def test_every_public_page_is_listed_in_each_of_the_sites_languages_with_exactly_those_alternates(host, languages):
    entries = sitemap(host)
    home = space_of(host).site.root_page
    pages = Page.objects.live().public().descendant_of(home, inclusive=True)
    assert len(entries) == pages.count() * len(languages)
    listed = {entry["loc"] for entry in entries}
    for page in pages:
        for language in languages:
            assert f"http://{host}/{language}/{page.url_path[len(home.url_path):]}" in listed
    for entry in entries:
        assert urlsplit(entry["loc"]).hostname == host  # only this site's pages
        assert set(entry["alternates"]) == {*languages, "x-default"}
        assert entry["alternates"]["x-default"] == entry["alternates"][languages[0]]
        assert entry["loc"] in entry["alternates"].values()
        assert entry["lastmod"] and entry["lastmod"].endswith("+00:00")


def test_every_listed_address_answers_in_its_language():
    for entry in sitemap("moscow.localhost")[:12]:
        response = client_for("moscow.localhost").get(urlsplit(entry["loc"]).path)
        assert response.status_code == 200, entry["loc"]


def test_unpublished_and_private_pages_are_not_listed():
    space = space_of("paris.localhost")
    visit = Page.objects.descendant_of(space.site.root_page).get(slug="visit")
    listed = {entry["loc"] for entry in sitemap("paris.localhost")}
    assert "http://paris.localhost/fr/visit/" in listed  # positive control

    PageViewRestriction.objects.create(page=visit, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert "http://paris.localhost/fr/visit/" not in {entry["loc"] for entry in sitemap("paris.localhost")}

    colunch = Page.objects.descendant_of(space.site.root_page).get(slug="colunch")
    assert "http://paris.localhost/en/practices/colunch/" in {entry["loc"] for entry in sitemap("paris.localhost")}
    colunch.specific.unpublish()
    listed = {entry["loc"] for entry in sitemap("paris.localhost")}
    assert not any("/practices/colunch/" in loc for loc in listed)
    assert "http://paris.localhost/en/practices/" in listed


@pytest.mark.parametrize("status", [Space.Status.OPENING, Space.Status.CLOSED])
def test_an_opening_or_closed_space_lists_nothing_and_keeps_crawlers_out(status):
    assert sitemap("moscow.localhost")  # positive control: open, it lists its pages
    space = space_of("moscow.localhost")
    space.status = status
    space.save()
    assert sitemap("moscow.localhost") == []
    robots = client_for("moscow.localhost").get("/robots.txt")
    assert robots.status_code == 200
    lines = robots.content.decode().splitlines()
    assert "User-agent: *" in lines and "Disallow: /" in lines
    assert not any(line.startswith("Sitemap:") for line in lines)
    # The space's pages still answer what visitors see of it.
    assert client_for("moscow.localhost").get("/ru/").status_code == (200 if status == Space.Status.OPENING else 410)


def test_robots_points_to_the_sitemap_and_keeps_crawlers_from_admin_search_and_feeds():
    response = client_for("bangalore.localhost").get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://bangalore.localhost/sitemap.xml" in lines
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow: ")}
    assert {"/admin/", "/api/"} <= disallowed
    for language in SITES["bangalore.localhost"]:
        assert {f"/{language}/search/", f"/{language}/calendar.ics", f"/{language}/calendar.json"} <= disallowed
        assert f"/{language}/calendar/programmes/" in disallowed
    assert "/fr/search/" not in disallowed  # not one of Bangalore's languages
    assert "Disallow: /" not in lines
    # Nothing listed in the sitemap is kept out.
    for entry in sitemap("bangalore.localhost"):
        path = urlsplit(entry["loc"]).path
        assert not any(path.startswith(prefix) for prefix in disallowed), path


def test_the_sitemap_is_kept_until_a_page_of_the_space_changes(settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    client = client_for("paris.localhost")
    with CaptureQueriesContext(connection) as first:
        client.get("/sitemap.xml")
    with CaptureQueriesContext(connection) as second:
        listed = {entry["loc"] for entry in sitemap("paris.localhost")}
    assert len(second) < len(first)  # the pages' list came from the cache
    assert "http://paris.localhost/fr/visit/" in listed

    Page.objects.get(slug="visit", url_path__startswith="/paris/").specific.unpublish()
    assert "http://paris.localhost/fr/visit/" not in {entry["loc"] for entry in sitemap("paris.localhost")}
