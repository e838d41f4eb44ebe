"""A local editor sees the principle updates their space must review, and acknowledges them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from sites.core.models import Adoption, PracticePage, Principle, ReviewItem
from sites.core.publishing import publish
from sites.spaces.models import Space

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_version(django_capture_on_commit_callbacks):
    principle = Principle.objects.get(slug="transparency")
    principle.change_note = "Money and information, both"
    with django_capture_on_commit_callbacks(execute=True):
        publish(principle)
    return principle


def editor_of(slug: str) -> Client:
    user = get_user_model().objects.create_user(f"{slug}-editor", password="pw")
    user.groups.add(Group.objects.get(name=f"{slug} editors"))
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def test_the_editors_home_lists_the_update_its_change_note_and_the_practices_to_review(new_version):
    html = editor_of("moscow").get("/admin/").content.decode()
    assert "Principle updates to review" in html
    assert "Money and information, both" in html
    moscow = Space.objects.get(slug="moscow")
    for item in ReviewItem.objects.filter(space=moscow, principle=new_version):
        assert f"/admin/pages/{item.practice_id}/edit/" in html
    paris_practices = PracticePage.objects.filter(principles=new_version, url_path__startswith="/paris/")
    assert all(f"/admin/pages/{practice.pk}/edit/" not in html for practice in paris_practices)


def test_acknowledging_takes_up_the_version_for_the_editors_space_only(new_version):
    moscow = Space.objects.get(slug="moscow")
    client = editor_of("moscow")
    response = client.post(f"/admin/principles/{moscow.pk}/{new_version.pk}/acknowledge/")
    assert response.status_code == 302
    assert Adoption.objects.get(space=moscow, principle=new_version).state == Adoption.State.CURRENT
    assert "Principle updates to review" not in client.get("/admin/").content.decode()

    paris = Space.objects.get(slug="paris")
    refused = client.post(f"/admin/principles/{paris.pk}/{new_version.pk}/acknowledge/")
    assert refused.status_code == 404  # another space's: not told it exists
    assert Adoption.objects.get(space=paris, principle=new_version).state == Adoption.State.PENDING


def test_the_version_history_and_a_per_language_diff(django_capture_on_commit_callbacks):
    coordinator = get_user_model().objects.create_superuser("historian", "h@example.org", "pw")
    client = Client(HTTP_HOST="localhost")
    client.force_login(coordinator)
    principle = Principle.objects.get(slug="pay-it-forward")
    before_ru = principle.statement_ru
    principle.statement_ru = before_ru + " — всегда"
    principle.change_note = "Уточнение"
    principle.save()
    with django_capture_on_commit_callbacks(execute=True):
        publish(principle, coordinator)

    edit = client.get(f"/admin/snippets/core/principle/edit/{principle.pk}/").content.decode()
    assert f"/admin/core/principle/{principle.pk}/history/" in edit and "v2" in edit
    history = client.get(f"/admin/core/principle/{principle.pk}/history/").content.decode()
    assert "Уточнение" in history and "v1" in history and "v2" in history
    compare = client.get(f"/admin/core/principle/{principle.pk}/compare/1/2/").content.decode()
    assert "Русский" in compare and "<ins>— всегда</ins>" in compare
    assert "English" not in compare.split("<tbody>")[1]  # only what changed is listed
    assert "statement" in compare.split("<tbody>")[1]  # the field's own name, not its code

    # Any two versions, chosen in the history's form.
    principle.statement_en = "Pay it forward, always"
    principle.save()
    with django_capture_on_commit_callbacks(execute=True):
        publish(principle, coordinator)
    chosen = client.get(f"/admin/core/principle/{principle.pk}/history/", {"old": "1", "new": "3"})
    assert chosen.url == f"/admin/core/principle/{principle.pk}/compare/1/3/"
    both = client.get(chosen.url).content.decode().split("<tbody>")[1]
    assert "<ins>— всегда</ins>" in both and "always</ins>" in both

    # Local editors read the core, its history included.
    assert editor_of("paris").get(f"/admin/core/principle/{principle.pk}/history/").status_code == 200
    outsider = get_user_model().objects.create_user("outsider")
    client = Client(HTTP_HOST="localhost")
    client.force_login(outsider)
    assert client.get(f"/admin/core/principle/{principle.pk}/history/").status_code in (302, 403)
