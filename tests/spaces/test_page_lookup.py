"""Finding a space and its page quickly changes nothing a visitor sees: Wagtail's pages, 404s and
view restrictions, and a change to a space, its site or its home is seen at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from sites.spaces.models import Space, StandardPage
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

PARIS = "paris.localhost"


def status(path: str, host: str = PARIS) -> int:
    return client_for(host).get(path).status_code


def paris_home():
    return Space.objects.get(slug="paris").site.root_page.specific


def add_page(parent, slug: str, live: bool = True) -> StandardPage:
    page = StandardPage(slug=slug, title_fr=slug.title(), title_en=slug.title(), live=live)
    parent.add_child(instance=page)
    return page


def test_pages_at_every_depth_are_found_and_their_404s_kept():
    visit = Page.objects.get(url_path=paris_home().url_path + "visit/")
    floor = add_page(visit, "first-floor")
    add_page(floor, "meeting-room")
    assert status("/fr/visit/first-floor/meeting-room/") == 200
    assert status("/fr/visit/first-floor/") == 200
    assert status("/fr/visit/first-floor/kitchen/") == 404  # no such child
    assert status("/fr/visit/no-such-page/meeting-room/") == 404
    assert status("/fr/meeting-room/") == 404  # a page is only at its own address


def test_an_unpublished_page_is_not_served_but_its_published_children_are_as_in_wagtail():
    draft = add_page(paris_home(), "draft-section", live=False)
    add_page(draft, "published-child")
    assert status("/fr/draft-section/") == 404
    assert status("/fr/draft-section/published-child/") == 200


def test_a_page_is_found_in_as_many_queries_whatever_its_depth():
    visit = Page.objects.get(url_path=paris_home().url_path + "visit/")
    add_page(add_page(add_page(visit, "a"), "b"), "c")
    client = client_for(PARIS)
    counts = {}
    for path in ("/fr/visit/a/", "/fr/visit/a/b/c/"):  # plain pages (the Visit page reads its hours too)
        client.get(f"{path}?warm")  # a query string: never from the page cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{path}?count").status_code == 200
        counts[path] = len(captured)
    assert counts["/fr/visit/a/b/c/"] == counts["/fr/visit/a/"]


def test_a_page_rendered_afresh_is_found_without_a_query_once_its_site_was_visited(settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    client = client_for(PARIS)
    client.get("/fr/visit/?first")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/fr/visit/?again").status_code == 200
    assert not any("wagtailcore_page" in query["sql"] for query in captured.captured_queries)


def test_a_new_restriction_applies_at_once_to_a_page_already_found(settings):
    from django.contrib.auth.models import Group

    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    assert status("/fr/visit/?found") == 200
    visit = Page.objects.get(url_path=paris_home().url_path + "visit/")
    restriction = PageViewRestriction.objects.create(page=visit, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Members of Paris"))
    assert status("/fr/visit/?found") == 302
    restriction.delete()
    assert status("/fr/visit/?found") == 200


def test_a_restricted_section_asks_for_a_sign_in_on_its_pages_and_its_aliases():
    visit = Page.objects.get(url_path=paris_home().url_path + "visit/")
    add_page(visit, "members-room")
    PageViewRestriction.objects.create(page=visit, restriction_type=PageViewRestriction.LOGIN)
    response = client_for(PARIS).get("/fr/visit/members-room/")
    assert response.status_code == 302 and "/_util/login/" in response["Location"]
    assert status("/fr/practices/") == 200  # its siblings are not restricted

    # As in Wagtail, an alias is restricted like the page it copies (not like that page's parents).
    programme = Page.objects.get(url_path=paris_home().url_path + "programmes/coworking/")
    alias = programme.create_alias(parent=paris_home(), update_slug="coworking-alias")
    assert status(f"/fr/{alias.slug}/") == 200
    PageViewRestriction.objects.create(page=programme, restriction_type=PageViewRestriction.LOGIN)
    assert status(f"/fr/{alias.slug}/") == 302


def test_a_space_change_is_seen_on_the_next_request_though_its_hostname_is_cached(settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    assert status("/ru/") == 404
    paris = Space.objects.get(slug="paris")
    paris.languages = "fr,en,ru"
    paris.save()
    assert status("/ru/") == 200


def test_a_new_hostname_and_a_renamed_home_are_seen_at_once(settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    assert status("/fr/visit/") == 200
    assert client_for(PARIS).get("/fr/visit/").headers["X-Socle-Cache"] == "hit"
    site = Site.objects.get(space__slug="paris")
    site.hostname = "paris.example.org"
    site.save()
    assert status("/fr/visit/", host=PARIS) == 404  # cached under the old hostname, now purged
    assert status("/fr/visit/", host="paris.example.org") == 200

    home = paris_home()
    home.slug = "numa-paris-home"
    home.save_revision().publish()
    assert status("/fr/visit/", host="paris.example.org") == 200


def test_a_hostname_answer_is_read_from_the_cache(settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    client = client_for(PARIS)
    client.get("/fr/search/?q=warm")
    with CaptureQueriesContext(connection) as captured:
        client.get("/fr/search/?q=again")
    assert not any("spaces_space" in query["sql"] for query in captured.captured_queries)


def wagtail_page_queries(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200, path
    return [query["sql"] for query in captured.captured_queries if "wagtailcore_page" in query["sql"]]


def test_a_page_found_before_is_read_in_one_query_after_a_publication_in_its_space(settings):
    from sites.pagecache import store
    from sites.spaces import routing

    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    client = client_for(PARIS)
    client.get("/fr/?warm")  # the hostname's answer is cached
    routing._known.clear()  # this process has not looked the address up yet
    space = Space.objects.get(slug="paris")
    store.purge_spaces([space.pk])
    first = wagtail_page_queries(client, "/fr/visit/?first")
    assert any('"url_path" IN' in sql for sql in first)  # looked up among the home's descendants
    store.purge_spaces([space.pk])  # as a publication in the space does: the route is read again
    again = wagtail_page_queries(client, "/fr/visit/?again")
    assert not any('"url_path" IN' in sql for sql in again)
    assert len(again) == len(first) - 1


def test_a_page_moved_deleted_or_replaced_after_it_was_found_is_looked_up_anew():
    home = paris_home()
    visit = Page.objects.get(url_path=home.url_path + "visit/")
    moving = add_page(visit, "moving")
    assert status("/fr/visit/moving/") == 200  # found, and remembered by this process
    moving.move(home, pos="last-child")
    assert status("/fr/visit/moving/") == 404
    assert status("/fr/moving/") == 200
    Page.objects.get(pk=moving.pk).delete()
    assert status("/fr/moving/") == 404
    replacement = add_page(home, "moving")
    replacement.title_fr = "Remplaçante"
    replacement.save_revision().publish()
    response = client_for(PARIS).get("/fr/moving/")
    assert response.status_code == 200 and "Remplaçante" in response.content.decode()
