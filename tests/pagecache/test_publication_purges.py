"""After a publication in a space, each of its pages reads exactly as it would with nothing cached.

A publication forgets the space's pages but keeps the fragments that show neither the page nor a
list it is in (``spaces.purges``): these tests change a page of each type of Paris (its titles,
its place in the menu, its publication, its slug), visit every page of every type that was cached
before, and compare it with the same page rendered with the cache off.
"""

import re

import pytest
from django.test import override_settings
from django.utils import translation
from wagtail.models import Page

from sites.spaces.models import Space
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

HOST = "paris.localhost"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600


def one_page_of_each_type() -> list[Page]:
    home = Space.objects.get(slug="paris").site.root_page
    pages = {}
    for page in Page.objects.live().descendant_of(home, inclusive=True).specific().order_by("path"):
        pages.setdefault(type(page), page)
    return list(pages.values())


def addresses(pages) -> list[str]:
    with translation.override("fr"):
        return [page.get_url_parts()[2] for page in pages] + ["/fr/network/"]


def read(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    # What changes from one render to the next whatever is cached: the nonce of the page's scripts.
    return re.sub(r'nonce="[^"]*"', "", response.content.decode())


def assert_every_page_as_if_uncached(client, paths) -> None:
    for path in paths:
        served = read(client, path)
        with override_settings(SOCLE_PAGE_CACHE_SECONDS=0):
            fresh = read(client, path)
        assert served == fresh, f"{path} shows what the cache kept from before the publication"


def retitle(page) -> None:
    for code in ("fr", "en"):
        setattr(page, f"title_{code}", f"{getattr(page, f'title_{code}') or page.title} ({code}, retitled)")


def test_every_page_reads_as_uncached_after_a_page_of_each_type_is_retitled():
    pages = one_page_of_each_type()
    client = client_for(HOST)
    paths = addresses(pages)
    for page in pages:
        for path in paths:
            read(client, path)  # every page and fragment is cached
        page.refresh_from_db()
        retitle(page)
        page.save_revision().publish()
        assert_every_page_as_if_uncached(client, paths)


def live_addresses(pages) -> list[str]:
    return addresses([page for page in pages if Page.objects.get(pk=page.pk).live])


def test_every_page_reads_as_uncached_after_a_page_leaves_the_menu_or_is_unpublished():
    pages = one_page_of_each_type()
    client = client_for(HOST)
    changed = [page for page in pages if page.show_in_menus][:2] + [
        page for page in pages if not page.show_in_menus and page.depth > pages[0].depth + 1
    ][:2]
    for page in changed:
        paths = live_addresses(pages)
        for path in paths:
            read(client, path)
        page.refresh_from_db()
        if page.show_in_menus:
            page.show_in_menus = False
            page.save_revision().publish()
        else:
            page.unpublish()
        assert_every_page_as_if_uncached(client, live_addresses(pages))


def test_every_page_reads_as_uncached_after_a_new_page_is_published():
    from sites.core.models import PracticeIndexPage, PracticePage

    pages = one_page_of_each_type()
    client = client_for(HOST)
    paths = addresses(pages)
    for path in paths:
        read(client, path)
    index = PracticeIndexPage.objects.descendant_of(pages[0]).get()
    practice = index.add_child(
        instance=PracticePage(title="Le goûter", title_fr="Le goûter", slug="gouter", live=False)
    )
    practice.save_revision().publish()
    assert_every_page_as_if_uncached(client, paths)


def test_every_page_reads_as_uncached_after_a_slug_changes(django_capture_on_commit_callbacks):
    pages = one_page_of_each_type()
    client = client_for(HOST)
    paths = addresses(pages)
    for path in paths:
        read(client, path)
    index = next(page for page in pages if page.slug == "practices")
    index.slug = "nos-pratiques"
    with django_capture_on_commit_callbacks(execute=True):
        index.save_revision().publish()
    paths = [path.replace("/practices/", "/nos-pratiques/") for path in paths]
    assert_every_page_as_if_uncached(client, paths)
