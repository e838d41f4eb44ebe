"""Coordinators save drafts of the network core; only a publication is a version that spaces receive."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation

from sites.core.models import Adoption, CoreVersion, Principle
from sites.core.review import pending_updates
from sites.spaces.models import Space
from sites.sync.models import Change
from tests.helpers import admin_form_data, client_for

pytestmark = pytest.mark.django_db

LISTEN = "On apprend à ne pas penser mais à écouter"


def logged_in(user) -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


@pytest.fixture
def coordinator() -> Client:
    return logged_in(get_user_model().objects.create_superuser("coord", "c@example.org", "pw"))


@pytest.fixture
def moscow_editor() -> Client:
    user = get_user_model().objects.create_user("natasha")
    user.groups.add(Group.objects.get(name="moscow editors"))
    return logged_in(user)


def edit_url(principle) -> str:
    return f"/admin/snippets/core/principle/edit/{principle.pk}/"


def principles_page(host: str, language: str) -> str:
    return client_for(host).get(f"/{language}/principles/").content.decode()


def test_a_saved_draft_reaches_neither_the_spaces_nor_the_visitors(coordinator, django_capture_on_commit_callbacks):
    principle = Principle.objects.get(slug="listen")
    counts = (CoreVersion.objects.count(), Change.objects.count())
    data = admin_form_data(coordinator, edit_url(principle), statement_fr="On apprend avant tout à écouter")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(edit_url(principle), data)
    assert response.status_code == 302, response.context["form"].errors

    principle.refresh_from_db()
    assert principle.has_unpublished_changes and principle.version == 1
    assert principle.statement_fr == LISTEN  # the live row still says what was published
    assert (CoreVersion.objects.count(), Change.objects.count()) == counts
    assert "On apprend avant tout à écouter" not in principles_page("paris.localhost", "fr")
    assert LISTEN in principles_page("paris.localhost", "fr")
    # The coordinator finds the draft when coming back to it.
    draft = coordinator.get(edit_url(principle)).context["form"].initial
    assert draft["statement_fr"] == "On apprend avant tout à écouter"


def test_publishing_needs_a_change_note_and_then_makes_the_next_version(
    coordinator, django_capture_on_commit_callbacks
):
    principle = Principle.objects.get(slug="listen")
    url = edit_url(principle)
    data = admin_form_data(coordinator, url, statement_fr="On apprend avant tout à écouter", **{"action-publish": "1"})
    refused = coordinator.post(url, data)
    assert refused.status_code == 200
    assert "change note" in str(refused.context["form"].errors["change_note_fr"]).lower()
    assert CoreVersion.objects.filter(object_id=principle.pk, content_type__model="principle").count() == 1

    data.update(change_note_fr="Écouter vient d'abord", change_note_ru="Сначала слушать")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(url, data)
    assert response.status_code == 302, response.context["form"].errors

    principle.refresh_from_db()
    assert principle.version == 2 and not principle.has_unpublished_changes
    assert principle.statement_fr == "On apprend avant tout à écouter"
    assert principle.change_note_fr == ""  # the next change starts with an empty note
    version = CoreVersion.objects.get(object_id=principle.pk, content_type__model="principle", number=2)
    assert (version.change_note_fr, version.change_note_ru) == ("Écouter vient d'abord", "Сначала слушать")
    assert Adoption.objects.filter(principle=principle, latest_version=2).count() == Space.objects.count()
    assert "On apprend avant tout à écouter" in principles_page("paris.localhost", "fr")

    # Each space reads the note in its own language, else in French.
    moscow, bangalore = Space.objects.get(slug="moscow"), Space.objects.get(slug="bangalore")
    with translation.override("ru"):
        assert pending_updates([moscow])[0]["change_note"] == "Сначала слушать"
    with translation.override("kn"):
        notes = [update["change_note"] for update in pending_updates([bangalore])]
    assert notes == ["Écouter vient d'abord"]


def test_a_new_principle_is_a_draft_until_published(coordinator, django_capture_on_commit_callbacks):
    values = list(Principle.objects.get(slug="listen").values.values_list("pk", flat=True))
    data = {"slug": "colunch", "statement_fr": "Partager un repas fait maison", "sort_order": "20", "values": values}
    response = coordinator.post("/admin/snippets/core/principle/add/", data)
    assert response.status_code == 302, response.context["form"].errors
    principle = Principle.objects.get(slug="colunch")
    assert not principle.live and principle.version == 0
    assert not Adoption.objects.filter(principle=principle).exists()
    assert "Partager un repas fait maison" not in principles_page("paris.localhost", "fr")

    data = admin_form_data(coordinator, edit_url(principle), **{"action-publish": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(edit_url(principle), data)  # the first publication needs no note
    assert response.status_code == 302, response.context["form"].errors
    principle.refresh_from_db()
    assert principle.live and principle.version == 1
    assert Adoption.objects.filter(principle=principle, latest_version=1).count() == Space.objects.count()
    assert "Partager un repas fait maison" in principles_page("paris.localhost", "fr")


def test_an_unpublished_principle_leaves_the_public_sites(coordinator):
    principle = Principle.objects.get(slug="listen")
    response = coordinator.post(f"/admin/snippets/core/principle/unpublish/{principle.pk}/")
    assert response.status_code == 302
    assert LISTEN not in principles_page("paris.localhost", "fr")
    assert LISTEN not in client_for("paris.localhost").get("/fr/").content.decode()


def test_an_editors_translation_goes_live_at_once_when_no_draft_is_pending(moscow_editor):
    principle = Principle.objects.get(slug="listen")
    data = admin_form_data(moscow_editor, edit_url(principle), statement_ru="Слушать, а не думать")
    response = moscow_editor.post(edit_url(principle), data, follow=True)
    assert "is published" in response.content.decode()
    principle.refresh_from_db()
    assert principle.statement_ru == "Слушать, а не думать" and not principle.has_unpublished_changes
    assert principle.version == 1
    assert "Слушать, а не думать" in principles_page("moscow.localhost", "ru")


def test_an_editors_translation_of_a_pending_draft_goes_live_with_it(
    coordinator, moscow_editor, django_capture_on_commit_callbacks
):
    principle = Principle.objects.get(slug="listen")
    coordinator.post(edit_url(principle), admin_form_data(coordinator, edit_url(principle), statement_fr="Écouter"))
    data = admin_form_data(moscow_editor, edit_url(principle), statement_ru="Слушать прежде всего")
    assert data["statement_fr"] == "Écouter"  # the editor translates the draft they see
    response = moscow_editor.post(edit_url(principle), data, follow=True)
    assert "will be published with it" in response.content.decode()
    principle.refresh_from_db()
    assert principle.statement_ru != "Слушать прежде всего"
    assert "Слушать прежде всего" not in principles_page("moscow.localhost", "ru").split("<main")[1].split("</main>")[0]

    data = admin_form_data(coordinator, edit_url(principle), change_note_fr="Plus court", **{"action-publish": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(edit_url(principle), data)
    principle.refresh_from_db()
    assert (principle.statement_fr, principle.statement_ru, principle.version) == ("Écouter", "Слушать прежде всего", 2)


def test_translation_states_follow_the_draft_and_ignore_change_notes(coordinator, django_capture_on_commit_callbacks):
    from sites.translation.state import translation_states

    principle = Principle.objects.get(slug="listen")
    assert translation_states(principle)["ru"] == "fresh"
    data = admin_form_data(
        coordinator, edit_url(principle), change_note_fr="Note seule", change_note_ru="Только примечание"
    )
    coordinator.post(edit_url(principle), data)
    labels = coordinator.get(edit_url(principle)).context["form"].fields
    assert labels["statement_ru"].label.endswith("up to date")  # a note is not a change of the text

    data = admin_form_data(coordinator, edit_url(principle), statement_fr="Écouter, puis penser")
    coordinator.post(edit_url(principle), data)
    labels = coordinator.get(edit_url(principle)).context["form"].fields
    assert "needs updating" in labels["statement_ru"].label  # the draft's French is the source now

    data = admin_form_data(coordinator, edit_url(principle), statement_fr=LISTEN, **{"action-publish": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(edit_url(principle), data)
    principle.refresh_from_db()
    assert principle.version == 2 and translation_states(principle)["ru"] == "fresh"
