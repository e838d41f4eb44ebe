"""A local editor reads the network core and writes only its translations into their space's languages."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from sites.core.models import CoreVersion, Principle
from sites.sync.models import Change
from tests.helpers import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def moscow_editor() -> Client:
    user = get_user_model().objects.create_user("natasha")
    user.groups.add(Group.objects.get(name="moscow editors"))
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def test_only_the_translations_into_the_spaces_languages_are_editable(moscow_editor):
    principle = Principle.objects.get(slug="listen")
    fields = moscow_editor.get(f"/admin/snippets/core/principle/edit/{principle.pk}/").context["form"].fields
    assert not fields["statement_ru"].disabled and not fields["statement_en"].disabled
    for name in ("statement_fr", "statement_hi", "statement_kn", "slug", "values", "change_note_fr", "change_note_ru"):
        assert fields[name].disabled, name


def test_an_editors_save_writes_the_russian_and_nothing_else(moscow_editor):
    principle = Principle.objects.get(slug="listen")
    url = f"/admin/snippets/core/principle/edit/{principle.pk}/"
    data = admin_form_data(
        moscow_editor, url, statement_ru="Мы учимся не думать, а слушать", statement_fr="Tentative", slug="hacked"
    )
    versions = CoreVersion.objects.count()
    changes = Change.objects.count()
    response = moscow_editor.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    principle.refresh_from_db()
    assert principle.statement_ru == "Мы учимся не думать, а слушать"
    assert principle.statement_fr != "Tentative" and principle.slug == "listen"
    assert CoreVersion.objects.count() == versions and Change.objects.count() == changes  # no new version


def test_an_editor_cannot_create_or_delete_core_items(moscow_editor):
    principle = Principle.objects.get(slug="listen")
    assert moscow_editor.get("/admin/snippets/core/principle/add/").status_code in (302, 403)
    moscow_editor.post(f"/admin/snippets/core/principle/delete/{principle.pk}/")
    assert Principle.objects.filter(pk=principle.pk).exists()


def test_an_editor_writes_the_spaces_reading_of_a_principle_and_visitors_read_it(moscow_editor):
    from sites.core.models import Adoption
    from tests.helpers import client_for

    adoption = Adoption.objects.get(space__slug="moscow", principle__slug="listen")
    listing = moscow_editor.get("/admin/adoptions/").content.decode()
    assert f"/admin/adoptions/edit/{adoption.pk}/" in listing
    paris = Adoption.objects.get(space__slug="paris", principle__slug="listen")
    assert f"/admin/adoptions/edit/{paris.pk}/" not in listing

    fields = moscow_editor.get(f"/admin/adoptions/edit/{adoption.pk}/").context["form"].fields
    assert set(fields) == {"local_reading_ru", "local_reading_en"}
    response = moscow_editor.post(
        f"/admin/adoptions/edit/{adoption.pk}/",
        {"local_reading_ru": "У нас это значит: сначала чай, потом решения.", "local_reading_en": ""},
    )
    assert response.status_code == 302
    html = client_for("moscow.localhost").get("/ru/principles/").content.decode()
    assert "У нас это значит: сначала чай, потом решения." in html

    refused = moscow_editor.post(f"/admin/adoptions/edit/{paris.pk}/", {"local_reading_fr": "Piraté"}, follow=True)
    paris.refresh_from_db()
    assert paris.local_reading_fr != "Piraté" and refused.status_code == 404  # not told it exists
