"""A space's editor opens, publishes and lists pages at a cost that does not grow with the network."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.bench_admin import form_fields
from sites.core.models import PracticePage
from sites.events.models import EventPage
from sites.spaces.models import Space
from tests.helpers import add_synthetic_spaces, admin_client_of, client_for

pytestmark = pytest.mark.django_db


def paris_pages() -> dict:
    home = Space.objects.get(slug="paris").site.root_page.specific
    return {
        "home": (home, "intro_fr"),
        "practice": (PracticePage.objects.descendant_of(home).live().order_by("path").first(), "summary_fr"),
        "event": (EventPage.objects.descendant_of(home).live().order_by("path").first(), "summary_fr"),
    }


def paris_editor():
    return admin_client_of("paris-editor", ["paris editors", "paris moderators"], "fr")


def queries(call) -> list[str]:
    call()  # caches refilled after the last change (hostnames, languages, site roots)
    with CaptureQueriesContext(connection) as captured:
        response = call()
    assert response.status_code in (200, 302), response.status_code
    return [each["sql"] for each in captured.captured_queries]


def costs(client) -> dict[str, int]:
    counted = {}
    for kind, (page, field) in paris_pages().items():
        counted[f"edit {kind}"] = len(queries(lambda page=page: client.get(f"/admin/pages/{page.pk}/edit/")))
        html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        data = {}
        for name, value in [*form_fields(html, "page-edit-form"), ("action-publish", "action-publish")]:
            data.setdefault(name, []).append(value)
        texts = iter(range(1000))

        def publish(page=page, field=field, data=data, texts=texts):
            changed = {**data, field: [f"Changed {next(texts)}"]}
            return client.post(f"/admin/pages/{page.pk}/edit/", changed)

        counted[f"publish {kind}"] = len(queries(publish))
    home = paris_pages()["home"][0]
    counted["explorer"] = len(queries(lambda: client.get(f"/admin/pages/{home.pk}/")))
    return counted


def test_editing_costs_the_same_queries_with_more_spaces_in_the_network():
    client = paris_editor()
    costs(client)  # the pages have been published by an editor once (their history shows it)
    before = costs(client)
    add_synthetic_spaces(4)
    assert costs(client) == before


def test_an_admin_page_asks_for_the_editors_spaces_once():
    """Its menus, panels, chooser and boundary all ask which spaces the editor edits."""
    home = paris_pages()["home"][0]
    client = paris_editor()
    for path in (f"/admin/pages/{home.pk}/edit/", f"/admin/pages/{home.pk}/"):
        read = queries(lambda path=path: client.get(path))
        asked = [sql for sql in read if '"wagtailcore_grouppagepermission"' in sql and '"page__path"' in sql]
        assert len(asked) == 1, path


def site_choices(html: str) -> list[str]:
    return re.findall(r'<input type="checkbox" name="site" value="(\d+)"', html)


def test_the_explorer_offers_an_editor_the_sites_of_their_own_spaces_only():
    """Neither another space's site nor its people are shown (nor drawn: a thousand of them, once)."""
    home = paris_pages()["home"][0]
    moscow = Space.objects.get(slug="moscow")
    html = paris_editor().get(f"/admin/pages/{home.pk}/?site={home.pk}").content.decode()
    assert moscow.site.hostname not in html
    assert set(site_choices(html)) <= {str(Space.objects.get(slug="paris").site_id)}

    coordinator = client_for("localhost")
    coordinator.force_login(get_user_model().objects.create_superuser("coordinator", "c@example.org", "x"))
    html = coordinator.get(f"/admin/pages/{home.pk}/").content.decode()
    assert str(moscow.site_id) in site_choices(html)  # the network's coordinators filter by any site


def test_an_events_form_reads_the_spaces_it_may_be_shared_with_once():
    """Wagtail draws a field twice (in the page and for its scripts); the spaces are read once."""
    event = paris_pages()["event"][0]
    client = paris_editor()
    read = [sql for sql in queries(lambda: client.get(f"/admin/pages/{event.pk}/edit/")) if "spaces_space" in sql]
    spaces_listed = [sql for sql in read if '"spaces_space"."status"' in sql and "NOT" in sql]
    assert len(spaces_listed) == 1


def test_an_events_spaces_are_drawn_as_djangos_checkboxes():
    from django import forms

    from sites.events.widgets import SpaceCheckboxes

    choices = [(1, "Paris & co"), (2, "Москва"), (3, "<b>Bangalore</b>")]
    attrs = {"id": "id_target_spaces", "aria-describedby": "help"}
    ours = SpaceCheckboxes(choices=choices).render("target_spaces", [2, 3], attrs)
    django = forms.CheckboxSelectMultiple(choices=choices).render("target_spaces", [2, 3], attrs)

    def inputs(html):
        return sorted(sorted(re.findall(r'([\w-]+)(?:="([^"]*)")?', tag)) for tag in re.findall(r"<input[^>]*>", html))

    def labels(html):
        return [" ".join(text.split()) for text in re.findall(r">([^<>]*)</label>", html)]

    assert inputs(ours) == inputs(django)
    assert labels(ours) == labels(django) == ["Paris &amp; co", "Москва", "&lt;b&gt;Bangalore&lt;/b&gt;"]
    assert ours.startswith('<div id="id_target_spaces">')


def test_an_admin_page_reads_the_spaces_languages_from_the_cache_once(monkeypatch):
    """Every page an admin page links asks its space's languages: the cache is asked once a request."""
    from django.core.cache import caches

    home = paris_pages()["home"][0]
    client = paris_editor()
    client.get(f"/admin/pages/{home.pk}/")
    asked = []
    backend = type(caches["default"])
    real_get = backend.get

    def get(self, key, *args, **kwargs):
        if key.startswith("socle:space-languages"):
            asked.append(key)
        return real_get(self, key, *args, **kwargs)

    monkeypatch.setattr(backend, "get", get)
    assert client.get(f"/admin/pages/{home.pk}/").status_code == 200
    assert len(asked) <= 1  # none when every link comes from its own space (``space_of_page``)


def test_a_space_whose_languages_change_is_read_anew_at_once():
    from sites.spaces.models.space import site_languages

    paris = Space.objects.get(slug="paris")
    assert site_languages(paris.site_id)[0] == "fr"
    paris.languages = "en,fr"
    paris.save()
    assert site_languages(paris.site_id) == ["en", "fr"]


def test_the_explorer_reads_the_sites_root_paths_once_however_many_pages_it_lists(monkeypatch):
    """Wagtail keeps them on the page asked for its ``url``: each listed page read the whole network's."""
    from wagtail.models import Site

    read = []
    real = Site.get_site_root_paths
    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(lambda: read.append(1) or real()))
    home = paris_pages()["home"][0]
    client = paris_editor()

    response = client.get(f"/admin/pages/{home.pk}/")

    assert response.status_code == 200
    assert home.get_children().live().count() >= 5  # each with its "view live" link
    assert len(read) <= 1  # none when every link comes from its own space (``space_of_page``)


def test_a_site_moved_during_a_request_is_linked_at_its_new_address_in_that_request():
    from sites import request_memo

    practice = paris_pages()["practice"][0]
    site = Space.objects.get(slug="paris").site
    request_memo._request_started()  # as at the start of a request (the signal's own receiver)
    try:
        assert "//paris.localhost" in PracticePage.objects.get(pk=practice.pk).url
        site.hostname = "paris-moved.localhost"
        site.save()
        assert "//paris-moved.localhost" in PracticePage.objects.get(pk=practice.pk).url
    finally:
        request_memo._request_finished()


def test_an_events_share_list_names_each_space_in_the_editors_language_or_its_fallback():
    moscow, paris, bangalore = (Space.objects.get(slug=slug) for slug in ("moscow", "paris", "bangalore"))
    Space.objects.filter(pk=paris.pk).update(name_ru="НУМА Париж")
    Space.objects.filter(pk=bangalore.pk).update(name_ru="")
    event = EventPage.objects.descendant_of(moscow.site.root_page).live().order_by("path").first()
    client = admin_client_of("moscow-editor", ["moscow editors", "moscow moderators"], "ru")

    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()

    labels = dict(re.findall(r'name="target_spaces" value="(\d+)"[^>]*> ([^<]+)</label>', html))
    assert labels[str(paris.pk)] == "НУМА Париж"
    assert labels[str(bangalore.pk)] == Space.objects.get(pk=bangalore.pk).name_en  # no Russian name: English
    assert str(moscow.pk) not in labels  # not its own space


def test_publishing_a_home_does_not_rebuild_every_sites_root_path(monkeypatch):
    """Saving a site's root empties Wagtail's list of every site's root path; the publication's own
    "view live" link rebuilt it from the whole network's sites, in the editor's request."""
    from wagtail.models import Site

    home = paris_pages()["home"][0]
    client = paris_editor()
    html = client.get(f"/admin/pages/{home.pk}/edit/").content.decode()
    data = {}
    for name, value in [*form_fields(html, "page-edit-form"), ("action-publish", "action-publish")]:
        data.setdefault(name, []).append(value)
    read = []
    real = Site.get_site_root_paths
    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(lambda: read.append(1) or real()))

    response = client.post(f"/admin/pages/{home.pk}/edit/", {**data, "intro_fr": ["Un tiers-lieu rénové"]})

    assert response.status_code == 302
    assert Space.objects.get(slug="paris").site.root_page.specific.intro_fr == "Un tiers-lieu rénové"
    assert read == []


def test_a_page_linked_from_the_admin_is_on_its_own_spaces_site_in_a_language_it_serves():
    from django.utils import translation

    practice = PracticePage.objects.get(pk=paris_pages()["practice"][0].pk)
    moscow_home = Space.objects.get(slug="moscow").site.root_page.specific

    with translation.override("ru"):
        assert practice.url.startswith("http://paris.localhost/fr/practices/")  # Paris serves no Russian
        assert moscow_home.url == "http://moscow.localhost/ru/"
    with translation.override("en"):
        assert practice.url.startswith("http://paris.localhost/en/practices/")
        assert practice.get_url(current_site=Space.objects.get(slug="paris").site).startswith("/en/practices/")
