"""A Publish that fails after autosave kept a draft tells the editor so, and that nothing went live."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Revision

from sites.core.models import Principle
from tests.helpers import admin_form_data

pytestmark = pytest.mark.django_db

KEPT = "Your changes are kept in a draft, saved automatically at"


@pytest.fixture
def coordinator() -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.create_superuser("coord", "c@example.org", "pw"))
    return client


def test_a_failed_publish_after_an_autosave_says_the_draft_was_kept(coordinator):
    principle = Principle.objects.get(slug="listen")
    url = f"/admin/snippets/core/principle/edit/{principle.pk}/"
    data = admin_form_data(coordinator, url, statement_fr="On apprend avant tout à écouter")
    # What the editor's autosave sends while they type: a draft revision, answered in JSON.
    autosave = coordinator.post(url, data, headers={"Accept": "application/json"})
    revision_id = autosave.json()["revision_id"]
    assert Revision.objects.get(pk=revision_id).content["statement_fr"] == "On apprend avant tout à écouter"

    # Then Publish, without the change note a new version needs: refused.
    refused = coordinator.post(url, {**data, "action-publish": "1", "overwrite_revision_id": revision_id})
    assert refused.status_code == 200
    assert refused.context["form"].errors["change_note_fr"]
    html = refused.content.decode()
    assert KEPT in html and "Nothing was published: the live version is unchanged." in html
    principle.refresh_from_db()
    assert principle.statement_fr == "On apprend à ne pas penser mais à écouter"  # live as before
    assert principle.latest_revision_id == revision_id  # the kept draft, as the notice says


def test_a_failed_publish_without_an_autosave_says_nothing_of_a_draft(coordinator):
    principle = Principle.objects.get(slug="listen")
    url = f"/admin/snippets/core/principle/edit/{principle.pk}/"
    data = admin_form_data(coordinator, url, statement_fr="On apprend avant tout à écouter", **{"action-publish": "1"})
    refused = coordinator.post(url, data)
    assert refused.status_code == 200
    assert refused.context["form"].errors["change_note_fr"]
    assert KEPT not in refused.content.decode()
