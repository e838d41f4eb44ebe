"""The accessibility gate: axe-core, run in Chromium, finds no violation of WCAG 2.0, 2.1 and 2.2 A and AA
on any page a visitor can reach.

axe-core comes from the machine (axe-playwright-python ships it), never from the internet. The pages
are found by walking each demo space's page tree, one page of each type, so a page type added later is
checked without being listed here; the views outside the tree (search with results, the network's
spaces, the error pages) are listed beside it. Every page is checked in every language of its space,
wide and at 390 px with the menu open; an opening space's page, a closed space's (410) and the 500
page are checked too. A failure names the page, its language, the rule and the node.
"""

import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import screenshot

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DEMO_SPACES = Path(__file__).resolve().parents[2] / "sites" / "demo" / "data" / "spaces"
SPACE_LANGUAGES = [
    (data["slug"], language)
    for data in (json.loads(path.read_text()) for path in sorted(DEMO_SPACES.glob("*.json")))
    for language in data["languages"]
]

axe = Axe()


def violations(page, where: str) -> list[str]:
    """axe's violations on the page as it is now, one line per node: where, rule, node."""
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    return [
        f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}\n"
        f"    node {' '.join(map(str, node['target']))}: {node['html'][:200]}\n"
        f"    {node.get('failureSummary', '').splitlines()[-1] if node.get('failureSummary') else ''}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def walk_space(slug: str, language: str) -> list[tuple[str, str]]:
    """(what, path) for one live page of each type in the space's tree, then the views beside it."""
    from django.utils import translation

    from sites.spaces.localize import localize
    from sites.spaces.models import Space
    from sites.spaces.routing import path_in_space

    space = Space.objects.select_related("site").get(slug=slug)
    home = space.site.root_page
    pages, seen = [], set()
    for page in home.get_descendants(inclusive=True).live().public().specific().order_by("path"):
        kind = type(page)._meta.label
        if kind not in seen:
            seen.add(kind)
            with translation.override(language):
                pages.append((kind, path_in_space(page, space)))
    assert {"spaces.HomePage", "core.PracticePage", "events.EventPage"} <= seen, seen
    # A search that finds something: the first word of the home's title in this language.
    word = localize(home.specific, "title", language, space).text.split()[0]
    pages += [
        ("search with results", f"/{language}/search/?q={word}"),
        ("the network's spaces", f"/{language}/network/"),
        ("page not found (404)", f"/{language}/no-such-page/"),
    ]
    return pages


@pytest.mark.parametrize(("slug", "language"), SPACE_LANGUAGES, ids=[f"{s}-{lang}" for s, lang in SPACE_LANGUAGES])
def test_every_page_type_of_the_space_passes_axe_in_the_language(page, live_port, django_db_blocker, slug, language):
    with django_db_blocker.unblock():
        pages = walk_space(slug, language)
    origin = f"http://{slug}.localhost:{live_port}"
    found = []
    for kind, path in pages:
        response = page.goto(origin + path)
        expected = 404 if "404" in kind else 200
        assert response.status == expected, f"{path}: {response.status}"
        if kind == "search with results":
            found_any = page.locator(".search-results li").count() > 0
            assert found_any, f"{path} must find something to be checked with results"
        found += violations(page, f"{origin}{path} [{kind}, {language}]")
    assert not found, "\n".join(found)


@pytest.mark.parametrize(("slug", "language"), SPACE_LANGUAGES, ids=[f"{s}-{lang}" for s, lang in SPACE_LANGUAGES])
def test_a_home_on_a_phone_with_its_menu_open_passes_axe(browser, live_port, slug, language):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    url = f"http://{slug}.localhost:{live_port}/{language}/"
    phone.goto(url)
    found = violations(phone, f"{url} [home at 390 px, menu closed, {language}]")
    phone.click(".menu-toggle")
    found += violations(phone, f"{url} [home at 390 px, menu open, {language}]")
    screenshot(phone, f"a11y-home-390-menu-open-{slug}-{language}")
    context.close()
    assert not found, "\n".join(found)


def test_a_language_the_space_does_not_publish_answers_its_404_page_which_passes_axe(page, live_port):
    url = f"http://moscow.localhost:{live_port}/kn/"
    response = page.goto(url)
    assert response.status == 404
    found = violations(page, f"{url} [language not published]")
    assert not found, "\n".join(found)


@pytest.fixture
def opening_and_closed_spaces(live_port, django_db_blocker):
    """Two spaces of the test's own: one opening, one closed (the demo has neither); removed after."""
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, Page

    from playbook.lifecycle import close
    from playbook.opening import OpeningRequest, open_space
    from sites.spaces.models import Space

    slugs = ("tartu", "lyon")
    with django_db_blocker.unblock():
        for slug, name, languages, zone, country in (
            ("tartu", "Tartu Lab", "en,ru", "Europe/Tallinn", "EE"),
            ("lyon", "La Cantine Lyon", "fr,en", "Europe/Paris", "FR"),
        ):
            request = OpeningRequest(
                name=name, slug=slug, hostname=f"{slug}.localhost", languages=languages,
                time_zone=zone, country=country, city=name.split()[-1], port=live_port,
            )  # fmt: skip
            open_space(request)
        close(Space.objects.get(slug="lyon"), reason="The community moved to another place.")
    yield
    with django_db_blocker.unblock():
        for space in Space.objects.filter(slug__in=slugs).select_related("site"):
            home, site = space.site.root_page, space.site
            space.delete()
            site.delete()
            Page.objects.get(pk=home.pk).delete()
        for slug in slugs:
            Group.objects.filter(name__startswith=f"{slug} ").delete()
            Collection.objects.filter(name=slug).delete()


def test_an_opening_space_and_a_closed_one_pass_axe(page, live_port, opening_and_closed_spaces):
    found = []
    for url, status in (
        (f"http://tartu.localhost:{live_port}/en/", 200),
        (f"http://tartu.localhost:{live_port}/ru/", 200),
        (f"http://lyon.localhost:{live_port}/fr/", 410),
        (f"http://lyon.localhost:{live_port}/en/practices/", 410),
    ):
        response = page.goto(url)
        assert response.status == status, url
        found += violations(page, f"{url} [{'opening' if status == 200 else 'closed, 410'}]")
    screenshot(page, "a11y-closed-space")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_server_error_page_passes_axe(page, live_port, django_db_blocker, language):
    """The 500 page as the server renders it, served at a space's address so its styles load."""
    from django.test import RequestFactory
    from django.utils import translation

    from sites.spaces.errors import server_error
    from sites.spaces.hosts import space_for_host

    with django_db_blocker.unblock():
        space = space_for_host("moscow.localhost", live_port)
    request = RequestFactory().get(f"/{language}/", HTTP_HOST=f"moscow.localhost:{live_port}")
    request.space, request.LANGUAGE_CODE = space, language
    with translation.override(language):
        html = server_error(request).content.decode()
    url = f"http://moscow.localhost:{live_port}/{language}/broken/"
    page.route(url, lambda route: route.fulfill(status=500, body=html, content_type="text/html; charset=utf-8"))
    response = page.goto(url)
    assert response.status == 500
    assert "NUMA" in page.locator(".brand-name").inner_text()
    found = violations(page, f"{url} [server error, {language}]")
    assert not found, "\n".join(found)


def test_the_network_index_passes_axe(page, live_port):
    """The list of the network's open spaces, outside any space's site."""
    url = f"http://localhost:{live_port}/"
    assert page.goto(url).status == 200
    found = violations(page, f"{url} [network index]")
    assert not found, "\n".join(found)
