"""Editors preview a page in each language of its space before publishing it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation
from wagtail.models import Page
from wagtail.users.models import UserProfile

from sites.spaces.models import Space
from tests.helpers import admin_form_data

pytestmark = pytest.mark.django_db


def editor(space: str, language: str) -> Client:
    user, _created = get_user_model().objects.get_or_create(username=f"{space}-previewer")
    user.groups.add(Group.objects.get(name=f"{space} editors"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(user)
    return client


def preview(client: Client, page, mode: str, **changes):
    """The editor's form sent to the preview (unsaved changes and all), then its preview in ``mode``."""
    url = f"/admin/pages/{page.pk}/edit/preview/"
    data = admin_form_data(client, f"/admin/pages/{page.pk}/edit/", **changes)
    assert client.post(url, data).json()["is_valid"]
    return client.get(url, {"mode": mode})


def mode_options(html: str) -> list[tuple[str, str]]:
    select = html.split('id="id_preview_mode"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_the_modes_are_the_spaces_languages_named_in_the_editors_admin_language():
    event = Page.objects.get(slug="open-budget-evening")
    html = editor("moscow", "ru").get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert mode_options(html) == [("ru", "Русский"), ("en", "Английский")]
    assert re.search(r'<option value="ru"\s+selected>', html)  # the editor's own language first shown
    moscow = Space.objects.get(slug="moscow").site.root_page_id
    html = editor("moscow", "ru").get(f"/admin/pages/add/spaces/standardpage/{moscow}/").content.decode()
    assert mode_options(html) == [("ru", "Русский"), ("en", "Английский")]  # a page not created yet too

    home = Space.objects.get(slug="bangalore").site.root_page
    with translation.override("kn"):
        assert home.specific.preview_modes == [("en", "ಇಂಗ್ಲಿಷ್"), ("hi", "ಹಿಂದಿ"), ("kn", "ಕನ್ನಡ")]
        assert home.specific.default_preview_mode == "kn"
    with translation.override("ru"):  # a coordinator reading Russian: Bangalore has no Russian
        assert home.specific.default_preview_mode == "en"


def test_a_moscow_event_previews_in_russian_and_in_english_with_its_unsaved_changes():
    event = Page.objects.get(slug="open-budget-evening").specific
    client = editor("moscow", "ru")
    changes = {"title_ru": "Открытый вечер сметы, весна", "title_en": "Open budget evening, spring"}

    russian = preview(client, event, "ru", **changes)
    html = russian.content.decode()
    assert russian.status_code == 200 and '<html lang="ru"' in html
    assert "Открытый вечер сметы, весна" in html and "Open budget evening, spring" not in html

    english = preview(client, event, "en", **changes)
    html = english.content.decode()
    assert english.status_code == 200 and '<html lang="en"' in html
    assert "Open budget evening, spring" in html and "Открытый вечер сметы, весна" not in html
    event.refresh_from_db()
    assert event.title_ru == "Открытый вечер сметы"  # nothing saved


def test_an_untranslated_text_previews_in_the_spaces_default_language_marked_as_such():
    event = Page.objects.get(slug="open-budget-evening").specific
    html = preview(editor("moscow", "ru"), event, "en", title_en="").content.decode()
    assert f'<h1><span lang="ru">{event.title_ru}</span></h1>' in html


def test_a_language_the_space_does_not_publish_previews_in_the_editors_own():
    event = Page.objects.get(slug="open-budget-evening").specific
    html = preview(editor("moscow", "ru"), event, "fr").content.decode()
    assert '<html lang="ru"' in html


def test_the_preview_is_framed_by_the_admin_and_the_public_page_by_no_one():
    event = Page.objects.get(slug="open-budget-evening").specific
    response = preview(editor("moscow", "ru"), event, "en")
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]  # the page's own policy
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    public = Client(HTTP_HOST="moscow.localhost").get("/en/events/open-budget-evening/")
    assert "frame-ancestors 'none'" in public.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "slug",
    [
        "moscow",  # home
        "about",  # plain page
        "first-visit",  # the Visit page
        "accessibility",  # the accessibility statement
        "programmes",
        "coworking",  # a programme
        "principles",
        "practices",
        "subbotnik",  # a practice
        "events",
        "network-calendar",
        "open-budget-evening",  # an event
    ],
)
def test_every_page_type_of_a_space_previews_in_each_of_its_languages(slug):
    page = Page.objects.get(slug=slug, url_path__startswith="/moscow").specific
    for language in ("ru", "en"):
        response = page.make_preview_request(None, language)
        assert response.status_code == 200, (slug, language)
        assert f'<html lang="{language}"' in response.content.decode()
