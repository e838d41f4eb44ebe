"""In the admin, a page's form offers its own space's languages, the default one required."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from sites.core.models import PracticeIndexPage
from sites.spaces.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    user = get_user_model().objects.create_superuser("coordinator", "c@example.org", "pw")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def form_fields(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.context["form"].fields


def test_a_paris_page_offers_french_and_english_with_french_required(admin_client):
    home = HomePage.objects.get(slug="paris")
    fields = form_fields(admin_client, f"/admin/pages/{home.pk}/edit/")
    assert {"title_fr", "title_en", "intro_fr", "intro_en"} <= set(fields)
    assert not {"title_ru", "title_hi", "title_kn", "intro_hi"} & set(fields)
    assert fields["title_fr"].required and not fields["title_en"].required


def test_a_new_bangalore_practice_offers_english_hindi_and_kannada(admin_client):
    index = PracticeIndexPage.objects.descendant_of(HomePage.objects.get(slug="bangalore")).get()
    fields = form_fields(admin_client, f"/admin/pages/add/core/practicepage/{index.pk}/")
    assert {"title_en", "title_hi", "title_kn", "summary_kn"} <= set(fields)
    assert "title_fr" not in fields and "title_ru" not in fields
    assert fields["title_en"].required and not fields["title_kn"].required


def test_a_moscow_page_is_saved_with_only_its_russian_title(admin_client):
    index = PracticeIndexPage.objects.descendant_of(HomePage.objects.get(slug="moscow")).get()
    from sites.core.models import Principle

    response = admin_client.post(
        f"/admin/pages/add/core/practicepage/{index.pk}/",
        {
            "title_ru": "Чай по пятницам",
            "title_en": "",
            "slug": "friday-tea",
            "summary_ru": "",
            "summary_en": "",
            "principles": [Principle.objects.first().pk],
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = index.get_children().get(slug="friday-tea")
    assert page.title_ru == "Чай по пятницам"
    assert page.live


def test_a_page_without_its_default_language_title_is_refused(admin_client):
    index = PracticeIndexPage.objects.descendant_of(HomePage.objects.get(slug="moscow")).get()
    response = admin_client.post(
        f"/admin/pages/add/core/practicepage/{index.pk}/",
        {"title_ru": "", "title_en": "Friday tea", "slug": "friday-tea-en", "action-publish": "publish"},
    )
    assert response.status_code == 200
    assert "title_ru" in response.context["form"].errors


@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/pages/", "/admin/spaces/", "/admin/snippets/core/principle/", "/admin/snippets/core/value/"],
)
def test_a_coordinator_reaches_the_network_screens(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_a_coordinator_edits_a_space_in_its_languages(admin_client):
    from sites.spaces.models import Space

    moscow = Space.objects.get(slug="moscow")
    fields = form_fields(admin_client, f"/admin/spaces/edit/{moscow.pk}/")
    assert {"name_ru", "name_en", "city_ru", "time_zone", "languages"} <= set(fields)
    assert "status" not in fields  # it opens and closes through the playbook, with its history
    page = admin_client.get(f"/admin/spaces/edit/{moscow.pk}/").content.decode()
    assert f"/admin/playbook/spaces/{moscow.pk}/" in page


def test_adding_a_space_goes_to_the_playbooks_wizard(admin_client):
    response = admin_client.get("/admin/spaces/new/")
    assert response.status_code == 302 and response.url == "/admin/playbook/open/"


def test_a_new_pages_slug_follows_the_title_in_the_spaces_default_language_until_it_is_published(admin_client):
    index = PracticeIndexPage.objects.descendant_of(HomePage.objects.get(slug="moscow")).get()
    fields = form_fields(admin_client, f"/admin/pages/add/core/practicepage/{index.pk}/")
    attrs = fields["title_ru"].widget.attrs
    assert attrs["data-controller"] == "w-sync" and attrs["data-w-sync-target-value"] == "#id_slug"
    assert "blur->w-sync#apply" in attrs["data-action"]

    # A published page keeps its address: its Russian title no longer drives the slug.
    home = HomePage.objects.get(slug="moscow")
    assert home.live
    fields = form_fields(admin_client, f"/admin/pages/{home.pk}/edit/")
    assert "slug" in fields and "data-w-sync-target-value" not in fields["title_ru"].widget.attrs
